// Электронный дневник (M-10): ученики пользователя, неделя, оценки и прогноз, посещаемость, ДЗ,
// журнал просмотров. Класс 3Б — им не пользуются другие тесты (8Б, 7В, 6Б, 10Б, 1А заняты).
// Изменённые данные (настройка усреднения, выбытие) восстанавливаются.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, loginOnce, assertError, assertStatus, listUsers, sleep, DB } from './helpers.mjs';

const CLASS = '3Б';
const FORECAST_SUBJECT = 'Математика';

let admin, classId, students = [], today, monday;
let parentA, childA, otherStudentId, studentUser, studentSelfId, classTeacher;

const auth = (s) => ({ token: s.token });
const get = (s, p) => api('GET', p, auth(s));
const put = (s, p, body) => api('PUT', p, { ...auth(s), body });
const post = (s, p, body) => api('POST', p, { ...auth(s), body });
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function mondayOf(date) {
  const d = new Date(`${date}T00:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

before(async () => {
  admin = await loginOnce('admin');
  const cls = await get(admin, '/api/v1/classes');
  assertStatus(cls, 200);
  const c = cls.json.items.find((x) => x.name === CLASS);
  classId = c.id;
  const stu = await get(admin, `/api/v1/classes/${classId}/students`);
  assertStatus(stu, 200);
  students = stu.json.items;
  const users = listUsers();
  const studentLogins = new Set(users.filter((u) => u.roles.includes('student') && u.className === CLASS).map((u) => u.login));
  // родитель ровно одного ребёнка, и этот ребёнок из 3Б
  const parents = users.filter((u) => u.roles.includes('parent') && u.children.length === 1 && studentLogins.has(u.children[0]));
  assert.ok(parents.length >= 3, 'в 3Б нужны три семьи с одним ребёнком');
  parentA = await loginOnce(parents[0].login);
  const mine = await get(parentA, '/api/v1/diary/students');
  assertStatus(mine, 200);
  assert.equal(mine.json.items.length, 1);
  childA = mine.json.items[0];
  assert.equal(childA.class.name, CLASS);
  const studentLogin = [...studentLogins].find((l) => l !== parents[0].children[0]);
  studentUser = await loginOnce(studentLogin);
  const self = await get(studentUser, '/api/v1/diary/students');
  assertStatus(self, 200);
  studentSelfId = self.json.items[0].id;
  otherStudentId = students.find((s) => s.id !== childA.id && s.id !== studentSelfId).id;
  const ct = users.find((u) => u.roles.includes('teacher') && u.fullName === c.class_teacher.name);
  assert.ok(ct, 'классный руководитель 3Б');
  classTeacher = await loginOnce(ct.login);
  const w = await get(parentA, `/api/v1/diary?student=${childA.id}`);
  assertStatus(w, 200);
  today = w.json.today;
  monday = mondayOf(today);
});

test('родитель видит своего ребёнка; чужой и несуществующий ученик — одинаковый 403', async () => {
  assert.ok(childA.full_name.startsWith(childA.name));
  assert.equal(childA.current, true);
  const foreign = await get(parentA, `/api/v1/diary?student=${otherStudentId}`);
  const none = await get(parentA, '/api/v1/diary?student=987654321');
  assertError(foreign, 403, 'forbidden');
  assertError(none, 403, 'forbidden');
  assert.equal(foreign.text, none.text, 'ответ не выдаёт, существует ли ученик');
  for (const p of ['marks', 'attendance', 'homework']) {
    assertError(await get(parentA, `/api/v1/diary/${p}?student=${otherStudentId}`), 403, 'forbidden');
    assertError(await get(parentA, `/api/v1/diary/${p}?student=987654321`), 403, 'forbidden');
  }
  assertError(await get(parentA, '/api/v1/diary'), 400, 'required', 'student');
  assertError(await get(parentA, `/api/v1/diary?student=${childA.id}&week=2026-02-30`), 400, 'invalid', 'week');
  // учитель и администратор дневник не открывают (diary.view.self — только ученику и родителю)
  assertError(await get(admin, `/api/v1/diary?student=${childA.id}`), 403);
  assertError(await get(classTeacher, `/api/v1/diary/students`), 403);
});

test('ученик видит только себя', async () => {
  const self = await get(studentUser, '/api/v1/diary/students');
  assert.deepEqual(self.json.items.map((s) => s.id), [studentSelfId]);
  assertStatus(await get(studentUser, `/api/v1/diary?student=${studentSelfId}`), 200);
  for (const p of ['', '/marks', '/attendance', '/homework'])
    assertError(await get(studentUser, `/api/v1/diary${p}?student=${childA.id}`), 403, 'forbidden');
});

test('неделя: понедельник–воскресенье, любой день недели, соседние недели', async () => {
  const mid = addDays(monday, 3);
  const r = await get(parentA, `/api/v1/diary?student=${childA.id}&week=${mid}`);
  assertStatus(r, 200);
  const j = r.json;
  assert.equal(j.week.start, monday);
  assert.equal(j.week.end, addDays(monday, 6));
  assert.equal(j.week.prev, addDays(monday, -7));
  assert.equal(j.week.next, addDays(monday, 7));
  assert.equal(j.student.id, childA.id);
  assert.equal(j.student.class.name, CLASS);
  assert.deepEqual(j.days.map((d) => d.weekday), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(j.days[0].name, 'понедельник');
  assert.equal(j.days[6].name, 'воскресенье');
  assert.deepEqual(j.days.map((d) => d.date), [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i)));
  const lessons = j.days.flatMap((d) => d.lessons);
  assert.ok(lessons.length > 10, 'в учебной неделе есть уроки');
  for (const l of lessons) {
    assert.match(l.start, /^\d\d:\d\d$/, 'время звонка');
    assert.ok(l.start < l.end);
    assert.ok(l.subject.name && l.teacher.name);
  }
});

test('неделя показывает ровно отметки и посещаемость журнала (отметку ставит учитель)', async () => {
  const week = await get(parentA, `/api/v1/diary?student=${childA.id}&week=${monday}`);
  // прошедший урок этой или прошлой недели с темой (отметка требует темы), не отменённый
  let lessons = week.json.days.filter((d) => d.date <= today).flatMap((d) => d.lessons);
  let weekStart = monday;
  if (!lessons.length) weekStart = addDays(monday, -7);
  const wk = await get(parentA, `/api/v1/diary?student=${childA.id}&week=${weekStart}`);
  lessons = wk.json.days.flatMap((d) => d.lessons.map((l) => ({ ...l, date: d.date })))
    .filter((l) => l.date <= today && l.status === 'planned' && l.topic);
  assert.ok(lessons.length, 'прошедший урок с темой');
  const target = lessons[lessons.length - 1];
  const t = listUsers('teacher').find((u) => u.fullName === target.teacher.name);
  const teacher = await loginOnce(t.login);
  const put1 = await put(teacher, `/api/v1/lessons/${target.id}/marks`, {
    marks: [{ student_id: childA.id, value: 5, comment: 'дневник: проверка' }],
    attendance: [{ student_id: childA.id, code: 'О' }],
  });
  assertStatus(put1, 200, 'учитель ставит отметку');

  const after1 = await get(parentA, `/api/v1/diary?student=${childA.id}&week=${weekStart}`);
  assertStatus(after1, 200);
  const all = after1.json.days.flatMap((d) => d.lessons);
  const seen = all.find((l) => l.id === target.id);
  assert.ok(seen.assignments.some((a) => a.mark && a.mark.value === 5 && a.mark.kind === 'mark' && a.mark.comment === 'дневник: проверка'));
  assert.deepEqual(seen.attendance, { code: 'О', reason: null });

  // вся неделя против журнала: отметки и посещаемость этого ученика по каждому уроку
  for (const l of all) {
    const jr = await get(admin, `/api/v1/journal/lessons/${l.id}`);
    assertStatus(jr, 200);
    const jm = jr.json.marks.filter((m) => m.student_id === childA.id)
      .map((m) => `${m.assignment_id}:${m.kind}:${m.value}`).sort();
    const dm = l.assignments.filter((a) => a.mark).map((a) => `${a.id}:${a.mark.kind}:${a.mark.value}`).sort();
    assert.deepEqual(dm, jm, `отметки урока ${l.id}`);
    assert.deepEqual(l.assignments.map((a) => a.id).sort(), jr.json.lessons[0].assignments.map((a) => a.id).sort());
    const ja = jr.json.attendance.find((a) => a.student_id === childA.id);
    assert.deepEqual(l.attendance, ja ? { code: ja.code, reason: ja.reason } : null, `посещаемость урока ${l.id}`);
  }
  // восстановить посещаемость
  assertStatus(await put(teacher, `/api/v1/lessons/${target.id}/marks`, { attendance: [{ student_id: childA.id, code: null }] }), 200);
});

test('уроки подгрупп — только их участникам', async () => {
  const from = monday, to = addDays(monday, 6);
  const ls = await get(admin, `/api/v1/lessons?class=${classId}&from=${addDays(from, -7)}&to=${to}`);
  assertStatus(ls, 200);
  const sub = ls.json.items.find((l) => l.subgroup_id);
  assert.ok(sub, 'в 3Б есть уроки подгрупп');
  const g = await get(admin, `/api/v1/subgroups/${sub.subgroup_id}`);
  const members = new Set(g.json.students.map((s) => s.id));
  const wk = mondayOf(sub.date);
  for (const who of [{ s: parentA, id: childA.id }, { s: studentUser, id: studentSelfId }]) {
    const r = await get(who.s, `/api/v1/diary?student=${who.id}&week=${wk}`);
    assertStatus(r, 200);
    const ids = new Set(r.json.days.flatMap((d) => d.lessons.map((l) => l.id)));
    assert.equal(ids.has(sub.id), members.has(who.id), `урок подгруппы ${sub.subgroup} у ученика ${who.id}`);
    // и ни одного урока чужой подгруппы
    const foreign = ls.json.items.filter((l) => l.subgroup_id && l.date >= wk && l.date <= addDays(wk, 6));
    for (const l of foreign) {
      const gg = await get(admin, `/api/v1/subgroups/${l.subgroup_id}`);
      assert.equal(ids.has(l.id), gg.json.students.some((s) => s.id === who.id));
    }
    // все уроки класса без подгруппы — на месте
    for (const l of ls.json.items.filter((x) => !x.subgroup_id && x.date >= wk && x.date <= addDays(wk, 6)))
      assert.ok(ids.has(l.id), `урок класса ${l.id}`);
  }
});

// Прогноз: у ученика по математике остаются только известные отметки на свежих заданиях.
test('средний балл и прогноз: взвешенный и арифметический, по ручному расчёту', async () => {
  const sid = childA.id;
  const m0 = await get(parentA, `/api/v1/diary/marks?student=${sid}`);
  assertStatus(m0, 200);
  const period = m0.json.period;
  assert.ok(period.start_date <= today && today <= period.end_date, 'период по умолчанию содержит сегодня');
  // every period of the student's year, in order, the current one among them (3Б: four quarters)
  const ps = m0.json.periods;
  assert.equal(ps.length, 4, 'четыре четверти у 3 класса');
  assert.ok(ps.some((p) => p.id === period.id));
  for (let i = 1; i < ps.length; i++) assert.ok(ps[i - 1].end_date < ps[i].start_date, 'периоды по порядку');
  const first = await get(parentA, `/api/v1/diary/marks?student=${sid}&period=${ps[0].id}`);
  assertStatus(first, 200);
  assert.equal(first.json.period.id, ps[0].id);
  const subj = m0.json.subjects.find((s) => s.subject.name === FORECAST_SUBJECT);
  assert.ok(subj, 'математика в периоде');
  // убрать прежние отметки ученика по предмету за период (администратор не ограничен блокировкой)
  for (const m of subj.marks) {
    const jr = await get(admin, `/api/v1/journal/lessons/${m.lesson_id}`);
    const mk = jr.json.marks.find((x) => x.id === m.id);
    assertStatus(await put(admin, `/api/v1/lessons/${m.lesson_id}/marks`, { marks: [{ student_id: sid, assignment_id: mk.assignment_id, delete: true }] }), 200);
  }
  // три прошедших урока математики 3Б в периоде: 3 (вес 2), 4 (вес 1), 5 (вес 1)
  const ls = await get(admin, `/api/v1/lessons?class=${classId}&from=${period.start_date}&to=${today}`);
  const math = ls.json.items.filter((l) => l.subject === FORECAST_SUBJECT && l.status === 'planned' && !l.subgroup_id).slice(-3);
  assert.equal(math.length, 3);
  const plan = [[3, 2], [4, 1], [5, 1]];
  for (let i = 0; i < 3; i++) {
    const l = math[i];
    if (!l.topic) assertStatus(await put(admin, `/api/v1/lessons/${l.id}/content`, { topic: 'Тема для дневника' }), 200);
    const a = await post(admin, `/api/v1/lessons/${l.id}/assignments`, { work_type_id: 1, weight: plan[i][1], description: 'дневник: прогноз' });
    assertStatus(a, 201);
    assertStatus(await put(admin, `/api/v1/lessons/${l.id}/marks`, { marks: [{ student_id: sid, assignment_id: a.json.id, value: plan[i][0] }] }), 200);
  }
  const st = await get(admin, '/api/v1/school/settings');
  const saved = { averaging: st.json.averaging, round_threshold: st.json.round_threshold };
  try {
    assertStatus(await put(admin, '/api/v1/school/settings', { averaging: 'weighted', round_threshold: 0.5 }), 200);
    const w = await get(parentA, `/api/v1/diary/marks?student=${sid}`);
    assertStatus(w, 200);
    assert.equal(w.json.settings.averaging, 'weighted');
    const s = w.json.subjects.find((x) => x.subject.name === FORECAST_SUBJECT);
    assert.deepEqual(s.marks.map((m) => [m.value, m.weight]), plan);
    // (3·2 + 4 + 5) / 4 = 3.75 → 4; до 5 нужно ≥ 4.5: (15 + 5k)/(4 + k) ≥ 4.5 → k = 6;
    // с четвёрками: 0.5·пятёрок − 0.5·четвёрок ≥ 3 → 1 четвёрка и 7 пятёрок
    assert.equal(s.average, 3.75);
    assert.equal(s.suggested, 4);
    assert.deepEqual(s.forecast, { current: 4, next: { target: 5, fives: 6, fours_and_fives: { fours: 1, fives: 7 } } });

    assertStatus(await put(admin, '/api/v1/school/settings', { averaging: 'arithmetic' }), 200);
    const a = await get(parentA, `/api/v1/diary/marks?student=${sid}`);
    const sa = a.json.subjects.find((x) => x.subject.name === FORECAST_SUBJECT);
    // (3 + 4 + 5) / 3 = 4; (12 + 5k)/(3 + k) ≥ 4.5 → k = 3 («нужно ещё три пятёрки»); 1 четвёрка и 4 пятёрки
    assert.equal(sa.average, 4);
    assert.deepEqual(sa.forecast, { current: 4, next: { target: 5, fives: 3, fours_and_fives: { fours: 1, fives: 4 } } });

    // порог 0.6: 4 → 4, до 5 нужно ≥ 4.6: (12 + 5k)/(3 + k) ≥ 4.6 → 0.4k ≥ 1.8 → k = 5
    assertStatus(await put(admin, '/api/v1/school/settings', { round_threshold: 0.6 }), 200);
    const b = await get(parentA, `/api/v1/diary/marks?student=${sid}`);
    const sb = b.json.subjects.find((x) => x.subject.name === FORECAST_SUBJECT);
    assert.equal(sb.suggested, 4);
    assert.equal(sb.forecast.next.fives, 5);
  } finally {
    assertStatus(await put(admin, '/api/v1/school/settings', saved), 200);
  }
});

test('посещаемость за период и домашние задания', async () => {
  const r = await get(parentA, `/api/v1/diary/attendance?student=${childA.id}`);
  assertStatus(r, 200);
  const j = r.json;
  assert.ok(j.total_lessons > 0);
  assert.equal(j.by_code['Н'] + j.by_code['Б'], j.missed);
  assert.equal(j.by_code['Н'] + j.by_code['О'] + j.by_code['Б'], j.items.length);
  assert.equal(j.by_reason['УП'] + j.by_reason['НП'] + j.by_reason.none, j.missed);
  for (const it of j.items) assert.ok(it.date >= j.period.start_date && it.date <= today);

  const h = await get(parentA, `/api/v1/diary/homework?student=${childA.id}`);
  assertStatus(h, 200);
  assert.equal(h.json.today, today);
  assert.equal(h.json.until, addDays(today, 13));
  for (const u of h.json.upcoming) {
    assert.ok(u.date >= today && u.date <= h.json.until);
    assert.ok(u.homework || u.individual_homework);
  }
  for (const o of h.json.overdue) {
    assert.equal(o.work_type, 'Домашнее задание');
    assert.ok(o.due_date < today && o.due_date >= h.json.overdue_from);
  }
  // просроченное без отметки исчезает, когда учитель ставит отметку
  const o = h.json.overdue[0];
  if (o) {
    assertStatus(await put(admin, `/api/v1/lessons/${o.lesson_id}/marks`, { marks: [{ student_id: childA.id, assignment_id: o.assignment_id, value: 4 }] }), 200);
    const h2 = await get(parentA, `/api/v1/diary/homework?student=${childA.id}`);
    assert.ok(!h2.json.overdue.some((x) => x.assignment_id === o.assignment_id));
  }
});

test('родитель выбывшего ученика теряет доступ после даты выбытия', async () => {
  const users = listUsers();
  const studentLogins = new Set(users.filter((u) => u.roles.includes('student') && u.className === CLASS).map((u) => u.login));
  const p = users.filter((u) => u.roles.includes('parent') && u.children.length === 1 && studentLogins.has(u.children[0]))[2];
  const parent = await loginOnce(p.login);
  const kids = await get(parent, '/api/v1/diary/students');
  const kid = kids.json.items[0].id;
  assert.notEqual(kid, childA.id);
  const before1 = sql(`SELECT status || '|' || IFNULL(left_on, '') FROM students WHERE person_id = ${kid}`);
  const [status, leftOn] = before1.split('|');
  try {
    // выбывает сегодня: до конца дня доступ есть
    sql(`UPDATE students SET status = 'withdrawn', left_on = '${today}' WHERE person_id = ${kid}`);
    assertStatus(await get(parent, `/api/v1/diary?student=${kid}`), 200);
    const k1 = await get(parent, '/api/v1/diary/students');
    assert.equal(k1.json.items[0].current, true);
    // выбыл вчера: доступа нет, в списке детей его нет, ответ как для чужого
    sql(`UPDATE students SET left_on = '${addDays(today, -1)}' WHERE person_id = ${kid}`);
    const gone = await get(parent, `/api/v1/diary?student=${kid}`);
    assertError(gone, 403, 'forbidden');
    assert.equal(gone.text, (await get(parent, '/api/v1/diary?student=987654321')).text);
    assertError(await get(parent, `/api/v1/diary/marks?student=${kid}`), 403, 'forbidden');
    assert.deepEqual((await get(parent, '/api/v1/diary/students')).json.items, []);
  } finally {
    sql(`UPDATE students SET status = '${status}', left_on = ${leftOn ? `'${leftOn}'` : 'NULL'} WHERE person_id = ${kid}`);
  }
  assertStatus(await get(parent, `/api/v1/diary?student=${kid}`), 200);
});

test('просмотры записываются (пакетом, без повторов в течение минуты) и видны классному руководителю', async () => {
  const kid = childA.id;
  const wk = addDays(monday, -7 * (2 + Math.floor(Math.random() * 8))); // своя неделя на прогон
  const before1 = await get(classTeacher, `/api/v1/diary/views?student=${kid}&limit=500`);
  assertStatus(before1, 200);
  const mine = (j) => j.items.filter((v) => v.viewer.login === parentA.user.login && v.what === 'week' && v.ref === wk);
  const n0 = mine(before1.json).length;
  assertStatus(await get(parentA, `/api/v1/diary?student=${kid}&week=${wk}`), 200);
  assertStatus(await get(parentA, `/api/v1/diary?student=${kid}&week=${addDays(wk, 2)}`), 200); // та же неделя
  await sleep(3200);
  const after1 = await get(classTeacher, `/api/v1/diary/views?student=${kid}&limit=500`);
  assertStatus(after1, 200);
  const rows = mine(after1.json);
  assert.equal(rows.length, n0 + 1, 'один просмотр недели, повтор в течение минуты не пишется');
  assert.equal(rows[0].viewer.name.length > 0, true);
  assert.match(rows[0].at, /^\d{4}-\d\d-\d\dT/);
  assert.ok(after1.json.items.some((v) => v.what === 'marks' && v.viewer.login === parentA.user.login), 'просмотр оценок');
  assert.ok(after1.json.total >= after1.json.items.length);
  // родитель и ученик журнал просмотров не видят
  assertError(await get(parentA, `/api/v1/diary/views?student=${kid}`), 403);
  assertError(await get(studentUser, `/api/v1/diary/views?student=${studentSelfId}`), 403);
  assertStatus(await get(admin, `/api/v1/diary/views?student=${kid}`), 200);
});

after(() => {});
