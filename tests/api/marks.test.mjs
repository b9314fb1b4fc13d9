// Отметки и посещаемость урока, тема и задание, задания урока, файлы, история, разблокировки (M-09, срез MARKS).
//
// Общий демо-сервер делят все тесты, поэтому здесь берутся уроки, которыми другие тесты вряд ли
// пользуются: класс 8Б, предмет «Химия» (ищутся по имени; учитель — тот, кто ведёт эти уроки).
// Изменённые настройки школы восстанавливаются.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  api, login, loginOnce, assertError, assertStatus, addUser, listUsers, strongPassword, BIN, DB, DEMO_PASSWORD,
} from './helpers.mjs';

const CLASS = '8Б';
const SUBJECT = 'Химия';

let admin, teacher, deputy, today, lockDays, classId, students = [], lessons = [];
let recent, recent2, future, lockedA, lockedB, grade1Lesson, otherClassStudent, teacherLogin, teacherPersonId;

const auth = (s) => ({ token: s.token });
const put = (s, p, body) => api('PUT', p, { ...auth(s), body });
const post = (s, p, body) => api('POST', p, { ...auth(s), body });
const get = (s, p) => api('GET', p, auth(s));

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const isLocked = (date) => addDays(date, lockDays + 1) <= today;

async function readLesson(s, id) {
  const r = await get(s, `/api/v1/journal/lessons/${id}`);
  assertStatus(r, 200, 'чтение урока журнала');
  return r.json;
}
const markOf = (j, lessonId, studentId) => j.marks.filter((m) => m.lesson_id === lessonId && m.student_id === studentId);

before(async () => {
  admin = await loginOnce('admin');
  const st = await get(admin, '/api/v1/school/settings');
  assertStatus(st, 200);
  lockDays = st.json.lock_days;
  const cls = await get(admin, '/api/v1/classes');
  assertStatus(cls, 200);
  classId = cls.json.items.find((c) => c.name === CLASS).id;
  const grade1 = cls.json.items.find((c) => c.grade === 1);
  const stu = await get(admin, `/api/v1/classes/${classId}/students`);
  students = stu.json.items.map((s) => s.id);
  const other = await get(admin, `/api/v1/classes/${grade1.id}/students`);
  otherClassStudent = other.json.items[0].id;

  // сегодня школы — из журнала (срез GRID) по любому уроку класса
  const probe = await get(admin, `/api/v1/lessons?class=${classId}&from=2026-09-01&to=2026-09-30`);
  assertStatus(probe, 200);
  const anyLesson = probe.json.items[0];
  today = (await readLesson(admin, anyLesson.id)).today;
  const list = await get(admin, `/api/v1/lessons?class=${classId}&from=${addDays(today, -40)}&to=${addDays(today, 21)}`);
  assertStatus(list, 200);
  lessons = list.json.items.filter((l) => l.subject === SUBJECT && l.status === 'planned').sort((a, b) => a.date.localeCompare(b.date));
  const past = lessons.filter((l) => l.date <= today && !isLocked(l.date));
  // закрытые даты, которые этому учителю ещё не открыты (повторный прогон на той же базе)
  const open = await get(admin, '/api/v1/journal/unlocks?status=granted&limit=500');
  const openDates = new Set(open.json.items.filter((u) => u.open && u.teacher.id === lessons[0]?.teacher_id).map((u) => u.date));
  const locked = lessons.filter((l) => isLocked(l.date) && !openDates.has(l.date));
  const fut = lessons.filter((l) => l.date > today);
  assert.ok(past.length >= 2 && locked.length >= 2 && fut.length >= 2, 'нужны уроки химии 8Б: два прошедших открытых, два закрытых, два будущих');
  [recent, recent2] = [past[past.length - 1], past[past.length - 2]];
  [lockedA, lockedB] = [locked[locked.length - 1], locked[locked.length - 2]];
  future = fut[fut.length - 1];
  teacherPersonId = recent.teacher_id;
  const t = listUsers('teacher').find((u) => u.fullName === recent.teacher);
  assert.ok(t, `учётная запись учителя ${recent.teacher}`);
  teacherLogin = t.login;
  teacher = await loginOnce(teacherLogin);

  const g1 = await get(admin, `/api/v1/lessons?class=${grade1.id}&from=${addDays(today, -3)}&to=${addDays(today, 7)}`);
  grade1Lesson = g1.json.items.find((l) => l.status === 'planned' && !isLocked(l.date));
  assert.ok(grade1Lesson);

  const pw = strongPassword();
  const d = addUser({ prefix: 'dep', role: 'head', password: pw });
  deputy = await login(d.login, pw);

  for (const l of [recent, recent2, future, lockedA, lockedB, grade1Lesson]) {
    const r = await put(admin, `/api/v1/lessons/${l.id}/content`, { topic: `Тема для проверки ${l.date}` });
    assertStatus(r, 200, 'тема урока');
  }
});

test('сохранение: отметка, точка, пропуск; повтор ничего не меняет; ответ и журнал совпадают', async () => {
  const [s1, s2, s3] = students;
  const body = {
    marks: [{ student_id: s1, value: 5, comment: 'у доски' }, { student_id: s2, kind: 'point' }],
    attendance: [{ student_id: s3, code: 'Н' }],
  };
  const r = await put(teacher, `/api/v1/lessons/${recent.id}/marks`, body);
  assertStatus(r, 200);
  assert.equal(r.json.lesson_id, recent.id);
  const m1 = r.json.marks.find((m) => m.student_id === s1 && m.assignment_id === r.json.marks[0].assignment_id);
  assert.equal(m1.kind, 'mark');
  assert.equal(m1.value, 5);
  assert.equal(m1.comment, 'у доски');
  assert.ok(r.json.marks.some((m) => m.student_id === s2 && m.kind === 'point' && m.value === null));
  assert.ok(r.json.attendance.some((a) => a.student_id === s3 && a.code === 'Н'));

  const j = await readLesson(teacher, recent.id);
  const first = j.lessons[0].assignments[0];
  assert.ok(first, 'у урока есть задание');
  assert.ok(markOf(j, recent.id, s1).some((m) => m.value === 5 && m.assignment_id === first.id));
  assert.ok(j.attendance.some((a) => a.student_id === s3 && a.code === 'Н'));

  const again = await put(teacher, `/api/v1/lessons/${recent.id}/marks`, body);
  assertStatus(again, 200);
  assert.equal(again.json.changed, 0, 'те же значения — ничего не изменилось');

  const change = await put(teacher, `/api/v1/lessons/${recent.id}/marks`, {
    marks: [{ student_id: s1, value: 4 }], attendance: [{ student_id: s3, code: null }],
  });
  assertStatus(change, 200);
  assert.equal(change.json.changed, 2);
  assert.equal(change.json.marks.find((m) => m.id === m1.id).value, 4);
  assert.equal(change.json.marks.find((m) => m.id === m1.id).comment, 'у доски', 'комментарий без comment сохраняется');
  assert.ok(!change.json.attendance.some((a) => a.student_id === s3), 'null = присутствовал');
});

test('атомарность: 29 верных и одна неверная запись — не меняется ничего', async () => {
  const before1 = await readLesson(teacher, recent2.id);
  const snapshot = JSON.stringify({ m: before1.marks.filter((m) => m.lesson_id === recent2.id), a: before1.attendance });
  const group = students.slice(0, 29);
  assert.equal(group.length, Math.min(29, students.length));
  const marks = group.map((s, i) => ({ student_id: s, value: 2 + (i % 4) }));
  const bad = { student_id: otherClassStudent, value: 5 };
  const r = await put(teacher, `/api/v1/lessons/${recent2.id}/marks`, { marks: [...marks, bad], attendance: [{ student_id: group[0], code: 'Б' }] });
  assertError(r, 422, 'student_not_in_group', `marks[${marks.length}].student_id`);
  const after1 = await readLesson(teacher, recent2.id);
  assert.equal(JSON.stringify({ m: after1.marks.filter((m) => m.lesson_id === recent2.id), a: after1.attendance }), snapshot);
  const hist = await get(teacher, `/api/v1/lessons/${recent2.id}/history?student=${group[0]}`);
  assertStatus(hist, 200);
  const good = await put(teacher, `/api/v1/lessons/${recent2.id}/marks`, { marks: [{ student_id: group[0], value: 3 }] });
  assertStatus(good, 200);
  const hist2 = await get(teacher, `/api/v1/lessons/${recent2.id}/history?student=${group[0]}`);
  assert.ok(hist2.json.items.length <= hist.json.items.length + 1, 'отвергнутое сохранение не оставило истории');
});

test('отказы: шкала, вид, чужой класс, чужое задание, повторы, «осв», тема, 1 класс, завуч', async () => {
  const s = students[0];
  const url = `/api/v1/lessons/${recent.id}/marks`;
  assertError(await put(teacher, url, { marks: [{ student_id: s, value: 6 }] }), 422, 'out_of_scale', 'marks[0].value');
  assertError(await put(teacher, url, { marks: [{ student_id: s, value: 1 }] }), 422, 'out_of_scale', 'marks[0].value');
  assertError(await put(teacher, url, { marks: [{ student_id: s, kind: 'pass' }] }), 422, 'kind_not_allowed');
  assertError(await put(teacher, url, { marks: [{ student_id: otherClassStudent, value: 4 }] }), 422, 'student_not_in_group');
  assertError(await put(teacher, url, { attendance: [{ student_id: otherClassStudent, code: 'Н' }] }), 422, 'student_not_in_group');
  const foreign = await post(teacher, `/api/v1/lessons/${recent2.id}/assignments`, { work_type_id: 2, description: 'чужое' });
  assertStatus(foreign, 201);
  assertError(await put(teacher, url, { marks: [{ student_id: s, assignment_id: foreign.json.id, value: 4 }] }), 422, 'assignment_not_in_lesson', 'marks[0].assignment_id');
  assertStatus(await api('DELETE', `/api/v1/assignments/${foreign.json.id}`, auth(teacher)), 200);
  assertError(await put(teacher, url, { marks: [{ student_id: s, value: 4 }, { student_id: s, value: 5 }] }), 422, 'duplicate_entry', 'marks[1]');
  assertError(await put(teacher, url, { attendance: [{ student_id: s, code: 'О' }, { student_id: s, code: 'Н' }] }), 422, 'duplicate_entry');
  const osv = assertError(await put(teacher, url, { attendance: [{ student_id: s, code: 'осв' }] }), 422, 'bad_attendance_code', 'attendance[0].code');
  assert.match(osv.message, /осв/);
  assertError(await put(teacher, url, { attendance: [{ student_id: s, code: 'УП' }] }), 422, 'bad_attendance_code');
  assertError(await put(teacher, url, { marks: [{ student_id: s, value: 4, kind: 'point' }] }), 400);
  assertError(await put(teacher, url, { marks: [{ student_id: s, value: 4, extra: 1 }] }), 400);

  // тема обязательна для отметок (посещаемость — без темы можно)
  const topicUrl = `/api/v1/lessons/${recent2.id}/content`;
  assertStatus(await put(teacher, topicUrl, { topic: '' }), 200);
  try {
    assertError(await put(teacher, `/api/v1/lessons/${recent2.id}/marks`, { marks: [{ student_id: s, value: 4 }] }), 422, 'topic_required');
    assertStatus(await put(teacher, `/api/v1/lessons/${recent2.id}/marks`, { attendance: [{ student_id: s, code: null }] }), 200);
  } finally {
    assertStatus(await put(teacher, topicUrl, { topic: `Тема для проверки ${recent2.date}` }), 200);
  }

  // 1 класс: отметки не ставятся (администратор может всё остальное)
  const g1 = await readLesson(admin, grade1Lesson.id);
  assertError(await put(admin, `/api/v1/lessons/${grade1Lesson.id}/marks`, { marks: [{ student_id: g1.students[0].id, value: 5 }] }), 422, 'no_marks');

  // завуч (только journal.view.all) — 403; учитель другого предмета — 403
  assertError(await put(deputy, url, { marks: [{ student_id: s, value: 4 }] }), 403);
  assert.equal((await get(deputy, `/api/v1/lessons/${recent.id}/history`)).status, 200, 'завуч видит историю');
});

test('закрытая дата: учителю 423, администратору можно', async () => {
  const s = students[1];
  const url = `/api/v1/lessons/${lockedA.id}/marks`;
  const e = assertError(await put(teacher, url, { attendance: [{ student_id: s, code: 'О' }] }), 423, 'journal_locked');
  assert.match(e.message, /закрыт/);
  assertError(await put(teacher, `/api/v1/lessons/${lockedA.id}/content`, { homework: 'стр. 10' }), 423, 'journal_locked');
  const j0 = await readLesson(admin, lockedA.id);
  const had = j0.attendance.find((a) => a.student_id === s && a.lesson_id === lockedA.id);
  const r = await put(admin, url, { attendance: [{ student_id: s, code: 'О' }] });
  assertStatus(r, 200);
  assert.ok(r.json.attendance.some((a) => a.student_id === s && a.code === 'О'));
  assertStatus(await put(admin, url, { attendance: [{ student_id: s, code: had ? had.code : null }] }), 200);
});

test('разблокировка: запрос → отказ/одобрение → учитель правит с unlock_id → через 13 часов снова 423', async () => {
  // дата не закрыта — 422
  assertError(await post(teacher, '/api/v1/journal/unlocks', { date: recent.date, reason: 'ошибка' }), 422, 'not_locked');
  assertError(await post(teacher, '/api/v1/journal/unlocks', { date: '2026-13-01', reason: 'x' }), 400);

  // отказ
  const q1 = await post(teacher, '/api/v1/journal/unlocks', { date: lockedB.date, reason: 'забыла выставить', lesson_id: lockedB.id });
  assertStatus(q1, 201);
  assert.equal(q1.json.status, 'pending');
  assertError(await post(teacher, `/api/v1/journal/unlocks/${q1.json.id}/grant`, {}), 403);
  const ref = await post(admin, `/api/v1/journal/unlocks/${q1.json.id}/refuse`, { comment: 'нет' });
  assertStatus(ref, 200);
  assert.equal(ref.json.status, 'refused');
  assertError(await post(admin, `/api/v1/journal/unlocks/${q1.json.id}/grant`, {}), 409, 'not_pending');
  assertError(await put(teacher, `/api/v1/lessons/${lockedB.id}/marks`, { marks: [{ student_id: students[2], value: 3 }] }), 423);

  // одобрение
  const q2 = await post(teacher, '/api/v1/journal/unlocks', { date: lockedB.date, reason: 'исправить отметку' });
  assertStatus(q2, 201);
  const mine = await get(teacher, '/api/v1/journal/unlocks?status=pending');
  assert.ok(mine.json.items.some((u) => u.id === q2.json.id));
  assert.ok(mine.json.items.every((u) => u.teacher.id === teacherPersonId), 'учитель видит только свои запросы');
  const all = await get(admin, '/api/v1/journal/unlocks?status=pending');
  assert.ok(all.json.items.some((u) => u.id === q2.json.id));
  const g = await post(admin, `/api/v1/journal/unlocks/${q2.json.id}/grant`, {});
  assertStatus(g, 200);
  assert.equal(g.json.status, 'granted');
  assert.equal(g.json.expires_at - g.json.decided_at, 43200);
  assert.equal(g.json.open, true);

  const s = students[2];
  // a value the student does not already have there (the demo may have given one)
  const before = (await get(teacher, `/api/v1/journal/lessons/${lockedB.id}`)).json;
  const first = before.lessons[0].assignments[0];
  const had = first && before.marks.find((m) => m.student_id === s && m.assignment_id === first.id);
  const v = had && had.value === 3 ? 4 : 3;
  const r = await put(teacher, `/api/v1/lessons/${lockedB.id}/marks`, { marks: [{ student_id: s, value: v }] });
  assertStatus(r, 200);
  assert.equal(r.json.changed, 1);
  const h = await get(teacher, `/api/v1/lessons/${lockedB.id}/history?student=${s}`);
  assertStatus(h, 200);
  const last = h.json.items[h.json.items.length - 1];
  assert.equal(last.unlock_id, q2.json.id, 'история помнит разблокировку');
  assert.equal(last.new.value, v);
  const audit = await get(admin, `/api/v1/audit?op=journal.unlock.use&limit=5`);
  assertStatus(audit, 200);
  assert.ok(audit.json.items.some((a) => String(a.entity_id) === String(q2.json.id)), 'аудит journal.unlock.use');

  // через 13 часов: второй сервер на копии базы с поддельными часами
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-marks-'));
  const copy = path.join(tmp, 'z.db');
  execFileSync('sqlite3', [DB, `.backup ${copy}`]);
  const port = await freePort();
  const srv = spawn(BIN, ['serve', '--db', copy, '--listen', `127.0.0.1:${port}`, '--quiet'], {
    env: { ...process.env, ZHURNAL_FAKE_NOW: String(Math.floor(Date.now() / 1000) + 13 * 3600) },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUp(base);
    const lr = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: teacherLogin, password: DEMO_PASSWORD }) });
    assert.equal(lr.status, 200);
    const tok = (await lr.json()).token;
    const res = await fetch(`${base}/api/v1/lessons/${lockedB.id}/marks`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tok}` },
      body: JSON.stringify({ marks: [{ student_id: s, value: 4 }] }),
    });
    assert.equal(res.status, 423);
    assert.equal((await res.json()).error.code, 'journal_locked');
  } finally {
    srv.kill('SIGTERM');
    await new Promise((r) => srv.once('exit', r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
async function waitUp(base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.status < 500) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('второй сервер не поднялся');
}

test('настройка «запретить задание задним числом»: прошедший урок — 422, будущий — можно', async () => {
  const set = (v) => put(admin, '/api/v1/school/settings', { forbid_past_homework: v });
  assertStatus(await set(true), 200);
  try {
    assertError(await put(teacher, `/api/v1/lessons/${recent.id}/content`, { homework: `задание ${Date.now()}` }), 422, 'homework_past_forbidden');
    assertStatus(await put(teacher, `/api/v1/lessons/${recent.id}/content`, { topic: 'Тема меняется свободно' }), 200);
    const ok = await put(teacher, `/api/v1/lessons/${future.id}/content`, {
      homework: '§ 12, упр. 3', individual_homework: [{ student_id: students[0], text: 'доклад' }],
    });
    assertStatus(ok, 200);
    assert.equal(ok.json.homework, '§ 12, упр. 3');
    assert.deepEqual(ok.json.individual_homework, [{ student_id: students[0], text: 'доклад' }]);
  } finally {
    assertStatus(await set(false), 200);
  }
  assertStatus(await put(teacher, `/api/v1/lessons/${recent.id}/content`, { homework: `задание ${Date.now()}` }), 200);
  const h = await get(teacher, `/api/v1/lessons/${recent.id}/history`);
  assert.ok(h.json.items.some((i) => i.new && typeof i.new.homework === 'string'), 'смена задания в истории урока');
});

test('замена: заменяющий правит только этот урок', async () => {
  const others = await get(admin, `/api/v1/lessons?class=${classId}&from=${future.date}&to=${future.date}`);
  const candidates = new Set();
  const all = await get(admin, `/api/v1/lessons?teacher=${teacherPersonId}&from=${future.date}&to=${future.date}`);
  for (const l of [...others.json.items, ...all.json.items]) if (l.subject !== SUBJECT && l.teacher_id !== teacherPersonId) candidates.add(`${l.teacher_id}\t${l.teacher}`);
  // запасные кандидаты: учителя других классов
  const far = await get(admin, `/api/v1/lessons?class=1&from=${future.date}&to=${future.date}`);
  for (const l of far.json.items) candidates.add(`${l.teacher_id}\t${l.teacher}`);
  let sub;
  for (const c of candidates) {
    const [id, name] = c.split('\t');
    const r = await post(admin, `/api/v1/lessons/${future.id}/substitution`, { substitute_id: Number(id), reason: 'болезнь' });
    if (r.status === 200 || r.status === 201) { sub = name; break; }
  }
  assert.ok(sub, 'нашёлся свободный заменяющий');
  const u = listUsers('teacher').find((x) => x.fullName === sub);
  const subSession = await login(u.login, DEMO_PASSWORD);
  const ok = await put(subSession, `/api/v1/lessons/${future.id}/marks`, { attendance: [{ student_id: students[3], code: 'О' }] });
  assertStatus(ok, 200);
  assertError(await put(subSession, `/api/v1/lessons/${recent.id}/marks`, { attendance: [{ student_id: students[3], code: 'О' }] }), 403);
  assertStatus(await put(subSession, `/api/v1/lessons/${future.id}/marks`, { attendance: [{ student_id: students[3], code: null }] }), 200);
});

test('история отметки: создание, изменение, удаление; ученик и родитель видят, чужой родитель — 403', async () => {
  const parents = listUsers('parent');
  const pupils = listUsers('student').filter((x) => x.className === CLASS);
  const fam = pupils.map((p) => ({ p, parent: parents.find((x) => x.children.includes(p.login)) })).find((x) => x.parent);
  assert.ok(fam, 'ученик 8Б с родителем');
  const stranger = parents.find((x) => !x.children.some((c) => pupils.some((p) => p.login === c)));
  const student = await loginOnce(fam.p.login);
  const parent = await loginOnce(fam.parent.login);
  const other = await loginOnce(stranger.login);
  const me = await api('GET', '/api/v1/me', auth(student));
  const sid = me.json.person.id;

  const url = `/api/v1/lessons/${recent2.id}/marks`;
  const a = await post(teacher, `/api/v1/lessons/${recent2.id}/assignments`, { work_type_id: 3 });
  assertStatus(a, 201);
  assert.equal(a.json.weight, 1.5, 'вес по умолчанию — вида работы');
  const c1 = await put(teacher, url, { marks: [{ student_id: sid, assignment_id: a.json.id, value: 3 }] });
  assertStatus(c1, 200);
  const mark = c1.json.marks.find((m) => m.assignment_id === a.json.id && m.student_id === sid);
  assertStatus(await put(teacher, url, { marks: [{ student_id: sid, assignment_id: a.json.id, value: 5 }] }), 200);
  assertError(await api('DELETE', `/api/v1/assignments/${a.json.id}`, auth(teacher)), 409, 'has_marks');
  assertStatus(await put(teacher, url, { marks: [{ student_id: sid, assignment_id: a.json.id, delete: true }] }), 200);

  const h = await get(teacher, `/api/v1/marks/${mark.id}/history`);
  assertStatus(h, 200);
  assert.equal(h.json.items.length, 3);
  const [i1, i2, i3] = h.json.items;
  assert.equal(i1.old, null);
  assert.equal(i1.new.value, 3);
  assert.equal(i2.old.value, 3);
  assert.equal(i2.new.value, 5);
  assert.equal(i3.old.value, 5);
  assert.equal(i3.new, null);
  assert.equal(i1.user.name, recent2.teacher);
  assert.match(i1.at, /^\d{4}-\d\d-\d\dT/);

  assertStatus(await get(student, `/api/v1/marks/${mark.id}/history`), 200);
  assertStatus(await get(parent, `/api/v1/marks/${mark.id}/history`), 200);
  assertError(await get(other, `/api/v1/marks/${mark.id}/history`), 403);
  assertError(await get(teacher, '/api/v1/marks/999999999/history'), 404);

  const upd = await put(teacher, `/api/v1/assignments/${a.json.id}`, { weight: 2, description: 'по вариантам' });
  assertStatus(upd, 200);
  assert.equal(upd.json.weight, 2);
  assertStatus(await api('DELETE', `/api/v1/assignments/${a.json.id}`, auth(teacher)), 200);
  const lh = await get(teacher, `/api/v1/lessons/${recent2.id}/history`);
  assert.ok(lh.json.items.some((i) => i.old && i.old.assignment && i.old.assignment.id === a.json.id && i.new === null));
});

test('история отметки демо (введённой до ведения истории): одна запись создания — кто и когда', async () => {
  // a demo mark of 8Б «Химия» that nobody has changed: no journal_history rows for it
  const row = execFileSync('sqlite3', ['-separator', '|', DB,
    `SELECT m.id, m.value, m.created_at FROM marks m JOIN lessons l ON l.id = m.lesson_id
       JOIN classes k ON k.id = l.class_id JOIN subjects s ON s.id = l.subject_id
      WHERE k.name = '${CLASS}' AND s.name = '${SUBJECT}' AND m.kind = 'mark'
        AND NOT EXISTS (SELECT 1 FROM journal_history h WHERE h.entity = 'mark' AND h.entity_id = m.id)
      ORDER BY m.id LIMIT 1`]).toString().trim();
  assert.ok(row, 'в демо есть отметки 8Б по химии');
  const [id, value, createdAt] = row.split('|').map(Number);
  const h = await get(teacher, `/api/v1/marks/${id}/history`);
  assertStatus(h, 200);
  assert.equal(h.json.items.length, 1);
  const [i1] = h.json.items;
  assert.equal(i1.old, null);
  assert.equal(i1.new.value, value);
  assert.ok(i1.user && i1.user.name, 'кто поставил отметку');
  assert.equal(Date.parse(i1.at) / 1000, createdAt);
});

test('файлы задания: загрузка, скачивание учеником группы, 403 чужому родителю, удаление', async () => {
  const content = Buffer.from('Задачи к уроку химии\n');
  const up = await api('POST', `/api/v1/lessons/${future.id}/files?name=${encodeURIComponent('задачи.txt')}`, {
    ...auth(teacher), rawBody: content, contentType: 'text/plain; charset=utf-8',
  });
  assertStatus(up, 201);
  assert.equal(up.json.size, content.length);
  assert.equal(up.json.mime, 'text/plain');
  const id = up.json.id;
  const dl = await fetch(`${process.env.ZH_BASE_URL}/api/v1/files/${id}`, { headers: { Authorization: `Bearer ${teacher.token}` } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'text/plain');
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), content);

  const pupils = listUsers('student').filter((x) => x.className === CLASS);
  const student = await loginOnce(pupils[0].login);
  const sdl = await api('GET', `/api/v1/files/${id}`, auth(student));
  assert.equal(sdl.status, 200);
  const stranger = listUsers('parent').find((x) => !x.children.some((c) => pupils.some((p) => p.login === c)));
  assertError(await api('GET', `/api/v1/files/${id}`, auth(await loginOnce(stranger.login))), 403);
  assertError(await api('POST', `/api/v1/lessons/${future.id}/files`, { ...auth(teacher), rawBody: content }), 400);
  // nothing a browser would run or render as a page from our origin
  for (const type of ['text/html', 'application/javascript', 'image/svg+xml', 'application/x-msdownload']) {
    const bad = await api('POST', `/api/v1/lessons/${future.id}/files?name=x`, { ...auth(teacher), rawBody: content, contentType: type });
    assertError(bad, 422, 'file_type');
  }
  assertError(await api('DELETE', `/api/v1/files/${id}`, auth(deputy)), 403);
  assertStatus(await api('DELETE', `/api/v1/files/${id}`, auth(teacher)), 200);
  assertError(await api('GET', `/api/v1/files/${id}`, auth(teacher)), 404);
});

after(() => {});
