// Оповещения родителей (низкий средний балл, НП), еженедельная сводка (M-11, срез ALERTS).
//
// Класс 8А — его не трогают другие тесты. Отметки ставятся на свежие задания и удаляются в конце.
// Оповещения запускаются только для класса 8А (POST /api/v1/alerts/run {class_id}).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, login, loginOnce, assertError, assertStatus, listUsers, DB } from './helpers.mjs';

const CLASS = '8А';
let admin, classId, students, today, target, subject, lessonsOf, parents, others, ct, teacherOther;
const made = []; // [lessonId, assignmentId]
let npLesson, npStudent, npDate;

const auth = (s) => ({ token: s.token });
const get = (s, p) => api('GET', p, auth(s));
const put = (s, p, body) => api('PUT', p, { ...auth(s), body });
const post = (s, p, body) => api('POST', p, { ...auth(s), body });
const sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, text], { encoding: 'utf8' }).trim();
const run = async () => { const r = await post(admin, '/api/v1/alerts/run', { class_id: classId }); assertStatus(r, 200, 'запуск оповещений'); return r.json; };
const alertsOf = async () => { const r = await get(admin, `/api/v1/alerts?class=${classId}&all=1`); assertStatus(r, 200); return r.json.items; };
const addDays = (d, n) => { const x = new Date(`${d}T00:00:00Z`); x.setUTCDate(x.getUTCDate() + n); return x.toISOString().slice(0, 10); };
const personOf = (login) => Number(sql(`SELECT person_id FROM users WHERE login = '${login}'`));
const recipients = (id) => sql(`SELECT person_id FROM notifications WHERE kind = 'alert' AND entity = 'alert' AND entity_id = ${id} ORDER BY person_id`).split('\n').filter(Boolean).map(Number);

before(async () => {
  admin = await loginOnce('admin');
  const cls = await get(admin, '/api/v1/classes');
  const c = cls.json.items.find((x) => x.name === CLASS);
  classId = c.id;
  const card = await get(admin, `/api/v1/classes/${classId}`);
  students = (await get(admin, `/api/v1/classes/${classId}/students`)).json.items;
  const teachers = listUsers('teacher');
  ct = await loginOnce(teachers.find((u) => u.fullName === card.json.class_teacher.name).login);
  const other = cls.json.items.find((x) => x.name === '8Б');
  const otherCard = await get(admin, `/api/v1/classes/${other.id}`);
  teacherOther = await loginOnce(teachers.find((u) => u.fullName === otherCard.json.class_teacher.name).login);

  // «сегодня» школы и уроки последней недели
  const probe = await get(admin, `/api/v1/lessons?class=${classId}&from=2026-09-01&to=2026-09-30`);
  today = (await get(admin, `/api/v1/journal/lessons/${probe.json.items[0].id}`)).json.today;
  const list = await get(admin, `/api/v1/lessons?class=${classId}&from=${addDays(today, -5)}&to=${today}`);
  lessonsOf = (subj) => list.json.items.filter((l) => l.subject === subj && l.status === 'planned' && !l.subgroup_id);

  // исходное состояние: ученик и предмет без текущего оповещения
  await run();
  const active = (await alertsOf()).filter((a) => a.active);
  const bySubj = new Map();
  for (const l of list.json.items) if (l.status === 'planned' && !l.subgroup_id) bySubj.set(l.subject, (bySubj.get(l.subject) || 0) + 1);
  const subjects = [...bySubj.keys()].filter((s) => lessonsOf(s).length >= 1);
  const users = listUsers();
  const parentUsers = users.filter((u) => u.roles.includes('parent'));
  for (const s of students) {
    s.name = s.full_name;
    const login = users.find((u) => u.roles.includes('student') && u.fullName === s.full_name && u.className === CLASS)?.login;
    const ps = parentUsers.filter((p) => login && p.children.includes(login));
    if (!ps.length) continue;
    const free = subjects.find((sub) => !active.some((a) => a.student.id === s.id && a.kind === 'low_average' && a.subject?.name === sub));
    if (free) { target = s; subject = free; parents = ps; break; }
  }
  assert.ok(target, 'нужен ученик 8А с родителями и предмет без оповещения');
  others = parentUsers.filter((p) => !parents.includes(p)).slice(0, 1);
});

after(async () => {
  for (const [lesson, asg] of made) {
    await put(admin, `/api/v1/lessons/${lesson}/marks`, { marks: [{ student_id: target.id, assignment_id: asg, delete: true }] });
    await api('DELETE', `/api/v1/assignments/${asg}`, auth(admin));
  }
  if (npLesson) await put(admin, `/api/v1/lessons/${npLesson}/marks`, { attendance: [{ student_id: npStudent, code: null }] });
  await run();
});

async function lowMarks() {
  const ls = lessonsOf(subject);
  for (let i = 0; i < 3; i++) {
    const l = ls[i % ls.length];
    const a = await post(admin, `/api/v1/lessons/${l.id}/assignments`, { work_type_id: 1, weight: 10, description: `оповещение ${i}` });
    assert.ok([200, 201].includes(a.status), `задание: ${a.status} ${a.text}`);
    made.push([l.id, a.json.id]);
    assertStatus(await put(admin, `/api/v1/lessons/${l.id}/marks`, { marks: [{ student_id: target.id, assignment_id: a.json.id, value: 2 }] }), 200, 'отметка 2');
  }
}

async function removeMarks() {
  for (const [lesson, asg] of made)
    assertStatus(await put(admin, `/api/v1/lessons/${lesson}/marks`, { marks: [{ student_id: target.id, assignment_id: asg, delete: true }] }), 200);
}

test('низкий средний балл: оповещение ровно родителям этого ученика, один раз; снова — только после восстановления', async () => {
  // повторный прогон на той же базе: строка оповещения могла остаться снятой с прошлого раза
  const prev = (await alertsOf()).find((a) => a.student.id === target.id && a.kind === 'low_average' && a.subject?.name === subject);
  const base = prev ? prev.raised : 0;
  const sent0 = prev ? recipients(prev.id).length : 0;
  await lowMarks();
  const first = await run();
  assert.ok(first.raised >= 1);
  const mine = (await alertsOf()).filter((a) => a.student.id === target.id && a.kind === 'low_average' && a.subject?.name === subject);
  assert.equal(mine.length, 1, 'одно оповещение');
  const al = mine[0];
  assert.equal(al.active, true);
  assert.ok(al.value < 3, `средний ${al.value} ниже 3`);
  assert.equal(al.raised, base + 1);
  assert.equal(al.recipients, parents.length);

  // получатели — ровно родители ученика
  const parentIds = [];
  for (const p of parents) {
    const s = await loginOnce(p.login);
    parentIds.push(personOf(p.login));
    const n = await get(s, '/api/v1/notifications?limit=500');
    assertStatus(n, 200);
    const got = (n.json.items || []).filter((x) => x.kind === 'alert' && x.title.includes(target.name.split(' ')[0]) && x.body.includes(subject));
    assert.ok(got.length >= 1, `родитель ${p.login} получил оповещение`);
  }
  const rec = sql(`SELECT DISTINCT person_id FROM notifications WHERE kind = 'alert' AND entity = 'alert' AND entity_id = ${al.id} ORDER BY person_id`).split('\n').map(Number);
  assert.equal(recipients(al.id).length, sent0 + parents.length, 'каждому родителю по одному уведомлению');
  assert.deepEqual(rec, parentIds.sort((a, b) => a - b), 'никому, кроме родителей');
  for (const o of others) {
    const s = await loginOnce(o.login);
    const n = await get(s, '/api/v1/notifications?limit=500');
    assert.ok(!(n.json.items || []).some((x) => x.kind === 'alert' && x.body.includes(target.name)), 'чужой родитель не получил');
  }

  // повторный запуск ничего не добавляет
  await run();
  const again = (await alertsOf()).find((a) => a.id === al.id);
  assert.equal(again.raised, base + 1);
  assert.equal(recipients(al.id).length, sent0 + parents.length, 'второго уведомления нет');

  // отметки убраны — оповещение снято; вернулись — новое уведомление
  await removeMarks();
  await run();
  assert.equal((await alertsOf()).find((a) => a.id === al.id).active, false, 'ситуация исправилась');
  for (const [lesson, asg] of made)
    assertStatus(await put(admin, `/api/v1/lessons/${lesson}/marks`, { marks: [{ student_id: target.id, assignment_id: asg, value: 2 }] }), 200);
  await run();
  const back = (await alertsOf()).find((a) => a.id === al.id);
  assert.equal(back.active, true);
  assert.equal(back.raised, base + 2);
  assert.equal(recipients(al.id).length, sent0 + 2 * parents.length, 'снова сообщено один раз');
  await run();
  assert.equal(recipients(al.id).length, sent0 + 2 * parents.length);
});

test('пропуск с причиной НП оповещает родителей', async () => {
  // урок последних дней без отметки посещаемости у ученика
  const list = await get(admin, `/api/v1/lessons?class=${classId}&from=${addDays(today, -5)}&to=${addDays(today, -1)}`);
  const before = await alertsOf();
  for (const l of list.json.items.filter((x) => x.status === 'planned' && !x.subgroup_id)) {
    const j = (await get(admin, `/api/v1/journal/lessons/${l.id}`)).json;
    const s = students.find((st) => st.id === target.id) && target;
    if (j.attendance.some((a) => a.student_id === s.id)) continue;
    if (before.some((a) => a.student.id === s.id && a.kind === 'absence_np' && a.day === l.date && a.active)) continue;
    npLesson = l.id; npStudent = s.id; npDate = l.date;
    break;
  }
  assert.ok(npLesson, 'нужен урок без пропуска');
  assertStatus(await put(admin, `/api/v1/lessons/${npLesson}/marks`, { attendance: [{ student_id: npStudent, code: 'Н' }] }), 200, 'Н');
  assertStatus(await put(ct, '/api/v1/absences/reasons', { class_id: classId, student_id: npStudent, date: npDate, reason: 'НП' }), 200, 'НП классным руководителем');
  const prev = before.find((a) => a.student.id === npStudent && a.kind === 'absence_np' && a.day === npDate);
  const sent0 = prev ? recipients(prev.id).length : 0;
  await run();
  const al = (await alertsOf()).find((a) => a.student.id === npStudent && a.kind === 'absence_np' && a.day === npDate);
  assert.ok(al && al.active, 'оповещение о НП');
  assert.equal(recipients(al.id).length, sent0 + parents.length, 'родителям ученика');
  assert.equal(al.recipients, parents.length);
  const s = await loginOnce(parents[0].login);
  const n = await get(s, '/api/v1/notifications?limit=500');
  assert.ok(n.json.items.some((x) => x.kind === 'alert' && x.body.includes('НП')), 'родитель видит уведомление о НП');
  await run();
  assert.equal(recipients(al.id).length, sent0 + parents.length, 'один раз');

  // уважительная причина — оповещение снято
  assertStatus(await put(ct, '/api/v1/absences/reasons', { class_id: classId, student_id: npStudent, date: npDate, reason: 'УП' }), 200);
  await run();
  assert.equal((await alertsOf()).find((a) => a.id === al.id).active, false);
});

test('еженедельная сводка: выбор родителя, текст с отметками недели, одно уведомление на ребёнка', async () => {
  const p = await loginOnce(parents[0].login);
  const def = await get(p, '/api/v1/alerts/digest-preference');
  assertStatus(def, 200);
  assert.ok([1, 2, 3, 4, 5, 6, 7].includes(def.json.weekday));
  assertError(await put(p, '/api/v1/alerts/digest-preference', { weekday: 8 }), 400, undefined, 'weekday');
  const wd = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const set = await put(p, '/api/v1/alerts/digest-preference', { enabled: true, weekday: wd, hour: 0 });
  assertStatus(set, 200);
  assert.deepEqual(set.json, { enabled: true, weekday: wd, hour: 0 });
  assertError(await put(admin, '/api/v1/alerts/digest-preference', { enabled: true }), 403);

  const txt = await get(p, `/api/v1/alerts/digest?student=${target.id}`);
  assertStatus(txt, 200);
  assert.match(txt.json.text, new RegExp(`${subject}: .*2 \\(`), 'в сводке отметки недели');
  assert.ok(txt.json.text.includes('Домашние задания'));
  const stranger = students.find((s) => s.id !== target.id && !parents.some((x) => x.children.length > 1));
  assertError(await get(p, `/api/v1/alerts/digest?student=${stranger.id}`), 403);

  await run();
  const n = await get(p, '/api/v1/notifications?limit=500');
  const digests = n.json.items.filter((x) => x.kind === 'digest' && x.title.includes(target.name.split(' ')[0]));
  assert.equal(digests.length >= 1, true, 'сводка пришла');
  assert.ok(digests[0].body.includes('Отметки'), 'сводка — текст с отметками');
  const count = Number(sql(`SELECT count(*) FROM notifications WHERE kind = 'digest' AND entity_id = ${target.id} AND person_id = ${personOf(parents[0].login)}`));
  await run();
  assert.equal(Number(sql(`SELECT count(*) FROM notifications WHERE kind = 'digest' AND entity_id = ${target.id} AND person_id = ${personOf(parents[0].login)}`)), count, 'второй раз за неделю не отправляется');
  assertStatus(await put(p, '/api/v1/alerts/digest-preference', { enabled: false }), 200);
});

test('права: запуск — администратор и завуч; список — классный руководитель своего класса', async () => {
  assertError(await post(ct, '/api/v1/alerts/run', { class_id: classId }), 403);
  const head = await loginOnce('head');
  assertStatus(await post(head, '/api/v1/alerts/run', { class_id: classId }), 200);
  assertStatus(await get(head, `/api/v1/alerts?class=${classId}`), 200);
  const own = await get(ct, `/api/v1/alerts?class=${classId}`);
  assertStatus(own, 200);
  assert.equal(own.json.class.name, CLASS);
  assert.ok(own.json.items.every((a) => a.active));
  assertError(await get(teacherOther, `/api/v1/alerts?class=${classId}`), 403);
  assertError(await get(admin, '/api/v1/alerts'), 400, 'missing_field', 'class');
  assertError(await post(admin, '/api/v1/alerts/run', { class_id: 999999 }), 404);
  const p = await loginOnce(parents[0].login);
  assertError(await get(p, `/api/v1/alerts?class=${classId}`), 403);
});
