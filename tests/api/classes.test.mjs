// Учебные годы, периоды, каникулы, классы, предметы, подгруппы, учебный план и тарификация (M-05).
// Изменения делаются в отдельном «тестовом» учебном году (далёкий год), чтобы не трогать демо-школу;
// закрытие года и ученики с нужными фамилиями подготавливаются прямо в базе (sqlite3, режим WAL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { api, assertError, assertStatus, loginOnce, findUserForRole, listUsers, addUser, DB } from './helpers.mjs';

const ADMIN = findUserForRole('admin');
const HEAD = findUserForRole('head');
const SECRETARY = findUserForRole('secretary');
const STUDENT = findUserForRole('student');
const PARENT = findUserForRole('parent');
const STAFF = findUserForRole('staff');

function sql(text) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, text], { encoding: 'utf8' }).trim();
}
let hasSqlite = true;
try { sql('SELECT 1'); } catch { hasSqlite = false; }

const as = async (u) => (await loginOnce(u.login)).token;
const get = async (who, p) => api('GET', p, { token: await as(who) });
const send = async (who, method, p, body) => api(method, p, { token: await as(who), body });

/** A fresh far-future academic year (no overlaps with the demo year or other runs). */
async function freshYear() {
  for (let i = 0; i < 20; i++) {
    const y = 2100 + crypto.randomInt(0, 90);
    const r = await send(ADMIN, 'POST', '/api/v1/years', { name: `${y}/${y + 1}`, start_date: `${y}-09-01`, end_date: `${y + 1}-08-31` });
    if (r.status === 201) return { ...r.json, y };
    assert.equal(r.status, 409, r.text);
  }
  throw new Error('не удалось создать тестовый учебный год');
}

const holidaysFor = (y) => [
  { name: 'Осенние каникулы', start_date: `${y}-10-27`, end_date: `${y}-11-04` },
  { name: 'Зимние каникулы', start_date: `${y}-12-29`, end_date: `${y + 1}-01-11` },
  { name: 'Весенние каникулы', start_date: `${y + 1}-03-23`, end_date: `${y + 1}-03-31` },
];
const schemeFor = (y) => ({
  kinds: [{ grade_from: 1, grade_to: 9, kind: 'quarter' }, { grade_from: 10, grade_to: 11, kind: 'half' }],
  periods: [
    { kind: 'quarter', number: 1, start_date: `${y}-09-01`, end_date: `${y}-10-26` },
    { kind: 'quarter', number: 2, start_date: `${y}-11-05`, end_date: `${y}-12-28` },
    { kind: 'quarter', number: 3, start_date: `${y + 1}-01-12`, end_date: `${y + 1}-03-22` },
    { kind: 'quarter', number: 4, start_date: `${y + 1}-04-01`, end_date: `${y + 1}-05-26` },
    { kind: 'half', number: 1, start_date: `${y}-09-01`, end_date: `${y}-12-28` },
    { kind: 'half', number: 2, start_date: `${y + 1}-01-12`, end_date: `${y + 1}-05-26` },
  ],
});

/** Demo teachers with their person id and login (by full name). */
async function teachers() {
  const r = await get(ADMIN, '/api/v1/teachers');
  assertStatus(r, 200, 'учителя');
  const users = listUsers('teacher');
  return r.json.items.map((t) => ({ ...t, user: users.find((u) => u.fullName === t.name && !u.login.startsWith('apit_')) }))
    .filter((t) => t.user);
}

async function currentClasses() {
  const r = await get(ADMIN, '/api/v1/classes?limit=500');
  assertStatus(r, 200, 'классы');
  return r.json.items;
}

test('учебные годы: список с текущим годом, права, проверка названия и дат, пересечение → 409', async () => {
  const r = await get(ADMIN, '/api/v1/years');
  assertStatus(r, 200, 'годы');
  const cur = r.json.items.find((y) => y.current);
  assert.ok(cur, 'нет текущего года');
  assert.equal(cur.id, r.json.current_id);
  assert.match(r.json.today, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(cur.start_date <= r.json.today && r.json.today <= cur.end_date);
  assertStatus(await get(ADMIN, `/api/v1/years/${cur.id}`), 200, 'год');
  assertError(await get(ADMIN, '/api/v1/years/999999999'), 404);
  assertStatus(await get(findUserForRole('teacher'), '/api/v1/years'), 200, 'учитель видит годы');
  assertError(await get(STUDENT, '/api/v1/years'), 403);
  assertError(await send(findUserForRole('teacher'), 'POST', '/api/v1/years', { name: '2195/2196', start_date: '2195-09-01', end_date: '2196-08-31' }), 403);
  assertError(await send(ADMIN, 'POST', '/api/v1/years', { name: '2026-2027', start_date: '2026-09-01', end_date: '2027-08-31' }), 422, 'invalid_year_name', 'name');
  assertError(await send(ADMIN, 'POST', '/api/v1/years', { name: '2195/2196', start_date: '2195-02-30', end_date: '2196-08-31' }), 400, 'invalid_date', 'start_date');
  assertError(await send(ADMIN, 'POST', '/api/v1/years', { name: '2195/2196', start_date: '2195-09-01', end_date: '2195-08-31' }), 422, 'invalid_range', 'end_date');
  assertError(await send(ADMIN, 'POST', '/api/v1/years', { name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' }), 409);
  const y = await freshYear();
  assert.equal(y.current, false);
  const up = await send(ADMIN, 'PUT', `/api/v1/years/${y.id}`, { end_date: `${y.y + 1}-06-30` });
  assertStatus(up, 200, 'изменение года');
  assert.equal(up.json.end_date, `${y.y + 1}-06-30`);
  const audit = await get(ADMIN, `/api/v1/audit?entity=academic_year&entity_id=${y.id}`);
  const ops = audit.json.items.map((x) => x.op);
  assert.ok(ops.includes('year.create') && ops.includes('year.update'), `аудит года: ${ops}`);
  const upd = audit.json.items.find((x) => x.op === 'year.update');
  assert.equal(upd.old.end_date, `${y.y + 1}-08-31`);
  assert.equal(upd.new.end_date, `${y.y + 1}-06-30`);
});

test('периоды: вся схема одним запросом; вне года, пересечения, разрывы без каникул, покрытие классов', async () => {
  const y = await freshYear();
  const base = `/api/v1/years/${y.id}`;
  const s = schemeFor(y.y);
  // without holidays the gaps between quarters are not covered
  let r = await send(ADMIN, 'PUT', `${base}/periods`, s);
  let e = assertError(r, 422, 'period_gap', 'periods[1].start_date');
  assert.match(e.message, /1 четверть/);
  assert.match(e.message, /2 четверть/);
  for (const h of holidaysFor(y.y)) assertStatus(await send(ADMIN, 'POST', `${base}/holidays`, h), 201, 'каникулы');
  r = await send(ADMIN, 'PUT', `${base}/periods`, s);
  assertStatus(r, 200, 'схема периодов');
  assert.equal(r.json.periods.length, 6);
  assert.equal(r.json.periods[0].name, '1 четверть');
  assert.equal(r.json.holidays.length, 3);
  const ids = r.json.periods.map((p) => p.id);
  // saving again keeps the period ids
  r = await send(ADMIN, 'PUT', `${base}/periods`, s);
  assert.deepEqual(r.json.periods.map((p) => p.id), ids);

  const bad = structuredClone(s);
  bad.periods[0].start_date = `${y.y}-08-20`;
  assertError(await send(ADMIN, 'PUT', `${base}/periods`, bad), 422, 'outside_year', 'periods[0].start_date');
  const over = structuredClone(s);
  over.periods[1].start_date = `${y.y}-10-20`;
  assertError(await send(ADMIN, 'PUT', `${base}/periods`, over), 422, 'periods_overlap', 'periods[1].start_date');
  const gap = structuredClone(s);
  gap.periods[3].start_date = `${y.y + 1}-04-05`;
  e = assertError(await send(ADMIN, 'PUT', `${base}/periods`, gap), 422, 'period_gap', 'periods[3].start_date');
  assert.match(e.message, /4 четверть/);
  const cover = structuredClone(s);
  cover.kinds[1].grade_from = 11;
  assertError(await send(ADMIN, 'PUT', `${base}/periods`, cover), 422, 'grades_not_covered', 'kinds');
  const missing = structuredClone(s);
  missing.periods.pop();
  assertError(await send(ADMIN, 'PUT', `${base}/periods`, missing), 422, 'periods_missing');
  assertError(await send(ADMIN, 'PUT', `${base}/periods`, { ...s, periods: [{ ...s.periods[0], start_date: '01.09.2100' }] }), 400, 'invalid_date', 'periods[0].start_date');
  assertError(await send(findUserForRole('teacher'), 'PUT', `${base}/periods`, s), 403);
  assertError(await send(SECRETARY, 'PUT', `${base}/periods`, s), 403);
  assertStatus(await send(HEAD, 'PUT', `${base}/periods`, s), 200, 'завуч задаёт периоды');
  assertError(await send(ADMIN, 'PUT', '/api/v1/years/999999999/periods', s), 404);

  // a holiday that covers a gap cannot go away
  const hs = (await get(ADMIN, `${base}/holidays`)).json.items;
  const autumn = hs.find((h) => h.name === 'Осенние каникулы');
  assertError(await send(ADMIN, 'DELETE', `/api/v1/holidays/${autumn.id}`), 422, 'period_gap');
  assertError(await send(ADMIN, 'PUT', `/api/v1/holidays/${autumn.id}`, { end_date: `${y.y}-11-01` }), 422, 'period_gap');
  const audit = await get(ADMIN, `/api/v1/audit?entity=periods&entity_id=${y.id}`);
  const entry = audit.json.items.find((x) => x.op === 'periods.edit');
  assert.ok(entry, 'нет записи аудита periods.edit');
  assert.equal(entry.new.periods.length, 6);
});

test('каникулы: внутри года, классы, изменение и удаление, 404', async () => {
  const y = await freshYear();
  const base = `/api/v1/years/${y.id}`;
  assertError(await send(ADMIN, 'POST', `${base}/holidays`, { name: 'Летние', start_date: `${y.y + 1}-08-25`, end_date: `${y.y + 1}-09-05` }), 422, 'outside_year', 'end_date');
  assertError(await send(ADMIN, 'POST', `${base}/holidays`, { name: 'Ранние', start_date: `${y.y}-08-01`, end_date: `${y.y}-09-05` }), 422, 'outside_year', 'start_date');
  assertError(await send(ADMIN, 'POST', `${base}/holidays`, { name: 'Наоборот', start_date: `${y.y}-11-05`, end_date: `${y.y}-11-01` }), 422, 'invalid_range', 'end_date');
  const r = await send(ADMIN, 'POST', `${base}/holidays`, { name: 'Дополнительные каникулы для 1 классов', start_date: `${y.y + 1}-02-16`, end_date: `${y.y + 1}-02-22`, grade_from: 1, grade_to: 1 });
  assertStatus(r, 201, 'каникулы первоклассников');
  assert.equal(r.json.grade_to, 1);
  const u = await send(ADMIN, 'PUT', `/api/v1/holidays/${r.json.id}`, { end_date: `${y.y + 1}-02-23` });
  assertStatus(u, 200, 'изменение каникул');
  assert.equal(u.json.end_date, `${y.y + 1}-02-23`);
  assertError(await send(findUserForRole('teacher'), 'DELETE', `/api/v1/holidays/${r.json.id}`), 403);
  assertStatus(await send(ADMIN, 'DELETE', `/api/v1/holidays/${r.json.id}`), 200, 'удаление каникул');
  assertError(await send(ADMIN, 'DELETE', `/api/v1/holidays/${r.json.id}`), 404);
  assertError(await send(ADMIN, 'PUT', '/api/v1/holidays/999999999', { name: 'x' }), 404);
  const audit = await get(ADMIN, `/api/v1/audit?entity=holiday&entity_id=${r.json.id}`);
  assert.deepEqual(audit.json.items.map((x) => x.op).sort(), ['holiday.create', 'holiday.delete', 'holiday.update']);
});

test('демо: четверти 1–9, полугодия 10–11 и каникулы 2026/2027', async () => {
  const years = (await get(ADMIN, '/api/v1/years')).json.items;
  const demo = years.find((y) => y.name === '2026/2027');
  const r = await get(SECRETARY, `/api/v1/years/${demo.id}/periods`);
  assertStatus(r, 200, 'периоды демо-года');
  assert.deepEqual(r.json.kinds, [{ grade_from: 1, grade_to: 9, kind: 'quarter' }, { grade_from: 10, grade_to: 11, kind: 'half' }]);
  const q = r.json.periods.filter((p) => p.kind === 'quarter').map((p) => [p.start_date, p.end_date]);
  assert.deepEqual(q, [['2026-09-01', '2026-10-26'], ['2026-11-05', '2026-12-28'], ['2027-01-12', '2027-03-22'], ['2027-04-01', '2027-05-26']]);
  const h = r.json.periods.filter((p) => p.kind === 'half').map((p) => [p.start_date, p.end_date]);
  assert.deepEqual(h, [['2026-09-01', '2026-12-28'], ['2027-01-12', '2027-05-26']]);
  const first = r.json.holidays.find((x) => x.grade_from === 1 && x.grade_to === 1);
  assert.deepEqual([first.start_date, first.end_date], ['2027-02-16', '2027-02-22']);
});

test('классы: создание, дубликат 409, литера, параллель, классный руководитель, удаление пустого, аудит', async () => {
  const y = await freshYear();
  const ts = await teachers();
  const t = ts[0];
  let r = await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 7, letter: 'Д', profile: 'физико-математический', class_teacher_id: t.id });
  assertStatus(r, 201, 'создание класса');
  const k = r.json;
  assert.equal(k.name, '7Д');
  assert.equal(k.class_teacher.name, t.name);
  assert.equal(k.profile, 'физико-математический');
  assert.equal(k.student_count, 0);
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 7, letter: 'Д' }), 409, 'class_exists', 'letter');
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 7, letter: 'D' }), 422, 'invalid_letter', 'letter');
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 7, letter: 'дд' }), 422, 'invalid_letter', 'letter');
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 12, letter: 'А' }), 422, 'invalid_grade', 'grade');
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: 999999999, grade: 5, letter: 'А' }), 404, 'not_found', 'year_id');
  const student = addUser({ prefix: 'cls', role: 'student', name: 'Учеников Тест Тестович' });
  const studentPerson = hasSqlite ? Number(sql(`SELECT person_id FROM users WHERE id = ${student.id}`)) : 999999998;
  assertError(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 5, letter: 'А', class_teacher_id: studentPerson }), 422, 'not_a_teacher', 'class_teacher_id');
  assertError(await send(findUserForRole('teacher'), 'POST', '/api/v1/classes', { year_id: y.id, grade: 5, letter: 'А' }), 403);
  assertError(await send(SECRETARY, 'POST', '/api/v1/classes', { year_id: y.id, grade: 5, letter: 'А' }), 403);

  r = await send(ADMIN, 'PUT', `/api/v1/classes/${k.id}/teacher`, { teacher_id: ts[1].id });
  assertStatus(r, 200, 'новый классный руководитель');
  assert.equal(r.json.class_teacher_id, ts[1].id);
  assertError(await send(ADMIN, 'PUT', `/api/v1/classes/${k.id}/teacher`, { teacher_id: studentPerson }), 422, 'not_a_teacher', 'teacher_id');
  r = await send(ADMIN, 'PUT', `/api/v1/classes/${k.id}/teacher`, { teacher_id: null });
  assertStatus(r, 200, 'снять классного руководителя');
  assert.equal(r.json.class_teacher, null);
  r = await send(HEAD, 'PUT', `/api/v1/classes/${k.id}`, { letter: 'Е', shift: 2 });
  assertStatus(r, 200, 'переименование');
  assert.equal(r.json.name, '7Е');
  const list = await get(ADMIN, `/api/v1/classes?year=${y.id}`);
  assert.deepEqual(list.json.items.map((x) => x.name), ['7Е']);
  assert.equal(list.json.year.id, y.id);
  assertStatus(await get(findUserForRole('teacher'), `/api/v1/classes/${k.id}`), 200, 'учитель видит класс');
  assertError(await get(PARENT, `/api/v1/classes?year=${y.id}`), 403);
  assertError(await get(ADMIN, '/api/v1/classes/999999999'), 404);
  assertError(await get(ADMIN, '/api/v1/classes/abc'), 404);

  // a class with students cannot be deleted
  const demo = (await currentClasses()).find((x) => x.student_count > 0);
  assertError(await send(ADMIN, 'DELETE', `/api/v1/classes/${demo.id}`), 409, 'class_not_empty');
  assertStatus(await send(ADMIN, 'DELETE', `/api/v1/classes/${k.id}`), 200, 'удаление пустого класса');
  assertError(await get(ADMIN, `/api/v1/classes/${k.id}`), 404);
  const audit = await get(ADMIN, `/api/v1/audit?entity=class&entity_id=${k.id}`);
  const ops = audit.json.items.map((x) => x.op);
  for (const op of ['class.create', 'class.teacher', 'class.update', 'class.delete']) assert.ok(ops.includes(op), `нет ${op}: ${ops}`);
  const del = audit.json.items.find((x) => x.op === 'class.delete');
  assert.equal(del.old.name, '7Е');
  assert.equal(del.new, null);
});

test('ученики класса: русский порядок (Ёлкин после Ежова, перед Жуковым); подгруппа только из учеников класса', async (t) => {
  if (!hasSqlite) return t.skip('нет sqlite3 для подготовки учеников');
  const y = await freshYear();
  const k = (await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 3, letter: 'Ж' })).json;
  const k2 = (await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 3, letter: 'З' })).json;
  const names = ['Жуков Антон Ильич', 'Ёлкин Пётр Ильич', 'Ежов Борис Ильич', 'Андреев Юрий Ильич', 'Юрьев Иван Ильич', 'елисеев Олег Ильич'];
  const persons = [];
  for (const n of names) {
    const u = addUser({ prefix: 'ord', role: 'student', name: n });
    persons.push(Number(sql(`SELECT person_id FROM users WHERE id = ${u.id}`)));
  }
  sql(persons.map((p) => `INSERT INTO class_students(school_id, class_id, student_id) SELECT school_id, ${k.id}, ${p} FROM classes WHERE id = ${k.id};`).join(''));
  const r = await get(ADMIN, `/api/v1/classes/${k.id}/students`);
  assertStatus(r, 200, 'ученики класса');
  assert.deepEqual(r.json.items.map((s) => s.last_name), ['Андреев', 'Ежов', 'елисеев', 'Ёлкин', 'Жуков', 'Юрьев']);
  assert.equal(r.json.total, 6);
  assert.equal(r.json.items[0].full_name, 'Андреев Юрий Ильич');
  const paged = await get(ADMIN, `/api/v1/classes/${k.id}/students?limit=2&offset=2`);
  assert.deepEqual(paged.json.items.map((s) => s.last_name), ['елисеев', 'Ёлкин']);
  assertStatus(await get(SECRETARY, `/api/v1/classes/${k.id}/students`), 200, 'секретарь');
  assertError(await get(STAFF, `/api/v1/classes/${k.id}/students`), 403);

  // subgroups: only students of the class
  const subj = (await get(ADMIN, '/api/v1/subjects')).json.items.find((s) => s.name === 'Английский язык');
  const g = await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: subj.id, name: 'Группа 1' });
  assertStatus(g, 201, 'подгруппа');
  assertError(await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: subj.id, name: 'Группа 1' }), 409, 'subgroup_exists');
  let s = await send(ADMIN, 'PUT', `/api/v1/subgroups/${g.json.id}/students`, { student_ids: persons.slice(0, 3) });
  assertStatus(s, 200, 'состав подгруппы');
  assert.deepEqual(s.json.students.map((x) => x.last_name), ['Ежов', 'Ёлкин', 'Жуков']);
  const other = addUser({ prefix: 'oth', role: 'student', name: 'Чужаков Глеб Ильич' });
  const op = Number(sql(`SELECT person_id FROM users WHERE id = ${other.id}`));
  sql(`INSERT INTO class_students(school_id, class_id, student_id) SELECT school_id, ${k2.id}, ${op} FROM classes WHERE id = ${k2.id};`);
  const e = assertError(await send(ADMIN, 'PUT', `/api/v1/subgroups/${g.json.id}/students`, { student_ids: [persons[0], op] }), 422, 'student_not_in_class', 'student_ids[1].id');
  assert.match(e.message, /Чужаков/);
  s = await get(ADMIN, `/api/v1/subgroups/${g.json.id}`);
  assert.equal(s.json.students.length, 3, 'состав не изменился после ошибки');
  const audit = await get(ADMIN, `/api/v1/audit?entity=subgroup&entity_id=${g.json.id}`);
  const entry = audit.json.items.find((x) => x.op === 'subgroup.students');
  assert.deepEqual(entry.old.student_ids, []);
  assert.equal(entry.new.student_ids.length, 3);
  // a class with students cannot be deleted; the subgroup can
  assertError(await send(ADMIN, 'DELETE', `/api/v1/classes/${k.id}`), 409, 'class_not_empty');
  assertStatus(await send(ADMIN, 'DELETE', `/api/v1/subgroups/${g.json.id}`), 200, 'удаление подгруппы');
  assertError(await send(ADMIN, 'DELETE', `/api/v1/subgroups/${g.json.id}`), 404);
});

test('ученики и подгруппы: области видимости учителя (свой класс, свой предмет)', async (t) => {
  const ts = await teachers();
  const classes = await currentClasses();
  const load = (await get(ADMIN, '/api/v1/teacher-load?limit=500')).json.items;
  // a class teacher of a class who neither leads nor teaches some other class
  let ct, own, foreign;
  for (const c of classes) {
    const tt = ts.find((x) => c.class_teacher && x.id === c.class_teacher.id && x.user.roles.length === 1);
    if (!tt) continue;
    const taught = new Set(load.filter((l) => l.teacher_id === tt.id).map((l) => l.class_id));
    const f = classes.find((x) => x.id !== c.id && !taught.has(x.id) && (!x.class_teacher || x.class_teacher.id !== tt.id));
    if (f) { ct = tt; own = c; foreign = f; break; }
  }
  if (!ct) return t.skip('нет подходящего классного руководителя');
  assertStatus(await get(ct.user, `/api/v1/classes/${own.id}/students`), 200, `классный руководитель ${own.name}`);
  assertError(await get(ct.user, `/api/v1/classes/${foreign.id}/students`), 403);
  assertError(await get(ct.user, '/api/v1/classes/999999999/students'), 404);

  // the English teacher assigns students of own subgroups, not of a class taught by another teacher
  const eng = load.filter((l) => l.subject_name === 'Английский язык' && l.subgroup_id);
  const mine = eng[0];
  const engTeacher = ts.find((x) => x.id === mine.teacher_id);
  const notMine = eng.find((l) => !eng.some((m) => m.class_id === l.class_id && m.teacher_id === engTeacher.id));
  const sg = (await get(ADMIN, `/api/v1/subgroups/${mine.subgroup_id}`)).json;
  const ids = sg.students.map((s) => s.id);
  assertStatus(await send(engTeacher.user, 'PUT', `/api/v1/subgroups/${mine.subgroup_id}/students`, { student_ids: ids }), 200, 'учитель английского — своя подгруппа');
  if (notMine) {
    const other = (await get(ADMIN, `/api/v1/subgroups/${notMine.subgroup_id}`)).json;
    assertError(await send(engTeacher.user, 'PUT', `/api/v1/subgroups/${notMine.subgroup_id}/students`, { student_ids: other.students.map((s) => s.id) }), 403);
  }
  assertError(await send(engTeacher.user, 'PUT', '/api/v1/subgroups/999999999/students', { student_ids: [] }), 403);
  assertError(await send(ADMIN, 'PUT', '/api/v1/subgroups/999999999/students', { student_ids: [] }), 404);
  assertError(await send(SECRETARY, 'PUT', `/api/v1/subgroups/${mine.subgroup_id}/students`, { student_ids: ids }), 403);
  assertError(await send(engTeacher.user, 'POST', `/api/v1/classes/${mine.class_id}/subgroups`, { subject_id: mine.subject_id, name: 'Группа 3' }), 403);
});

test('демо: подгруппы английского 2–11 классов поровну по алфавиту', async () => {
  const classes = await currentClasses();
  const c = classes.find((x) => x.grade === 6);
  const gs = (await get(ADMIN, `/api/v1/classes/${c.id}/subgroups`)).json.items;
  assert.deepEqual(gs.map((g) => g.name), ['Группа 1', 'Группа 2']);
  assert.equal(gs[0].student_count + gs[1].student_count, c.student_count);
  assert.ok(Math.abs(gs[0].student_count - gs[1].student_count) <= 1);
  const first = (await get(ADMIN, `/api/v1/classes/${classes.find((x) => x.grade === 1).id}/subgroups`)).json.items;
  assert.equal(first.length, 0);
  const g1 = (await get(ADMIN, `/api/v1/subgroups/${gs[0].id}`)).json.students.map((s) => s.last_name);
  const g2 = (await get(ADMIN, `/api/v1/subgroups/${gs[1].id}`)).json.students.map((s) => s.last_name);
  const coll = new Intl.Collator('ru');
  assert.ok(coll.compare(g1[g1.length - 1], g2[0]) <= 0, 'первая группа — начало алфавита');
});

test('предметы: создание, зачёт/незачёт, дубликат 409, архив вместо удаления, права', async () => {
  const name = `Астрономия ${crypto.randomBytes(3).toString('hex')}`;
  let r = await send(ADMIN, 'POST', '/api/v1/subjects', { name, short_name: 'Астр.', pass_fail: true });
  assertStatus(r, 201, 'предмет');
  const s = r.json;
  assert.equal(s.pass_fail, true);
  assertError(await send(ADMIN, 'POST', '/api/v1/subjects', { name }), 409, 'subject_exists', 'name');
  assertError(await send(ADMIN, 'POST', '/api/v1/subjects', { name: '' }), 400);
  assertError(await send(findUserForRole('teacher'), 'POST', '/api/v1/subjects', { name: 'Запрещено' }), 403);
  r = await send(ADMIN, 'PUT', `/api/v1/subjects/${s.id}`, { pass_fail: false, short_name: 'Астроном.' });
  assertStatus(r, 200, 'изменение предмета');
  assert.equal(r.json.pass_fail, false);
  assertError(await send(ADMIN, 'PUT', '/api/v1/subjects/999999999', { name: 'x' }), 404);
  // an unused subject is deleted; a used one (curriculum) is archived
  assertStatus(await send(ADMIN, 'DELETE', `/api/v1/subjects/${s.id}`), 200, 'удаление');
  const used = (await get(ADMIN, '/api/v1/subjects')).json.items.find((x) => x.name === 'Физика');
  const y = await freshYear();
  const s2 = (await send(ADMIN, 'POST', '/api/v1/subjects', { name: `${name} 2` })).json;
  assertStatus(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 11, subject_id: s2.id, hours_per_week: 1 }] }), 200, 'план');
  r = await send(ADMIN, 'DELETE', `/api/v1/subjects/${s2.id}`);
  assertStatus(r, 200, 'архивирование');
  assert.equal(r.json.archived, true);
  const list = (await get(ADMIN, '/api/v1/subjects?limit=500')).json.items;
  assert.ok(!list.some((x) => x.id === s2.id), 'архивный предмет не в основном списке');
  assert.ok(list.some((x) => x.id === used.id));
  const all = (await get(ADMIN, '/api/v1/subjects?archived=1&limit=500')).json.items;
  assert.ok(all.find((x) => x.id === s2.id).archived);
  const audit = await get(ADMIN, `/api/v1/audit?entity=subject&entity_id=${s2.id}`);
  assert.ok(audit.json.items.some((x) => x.op === 'subject.archive'));
});

test('учебный план: сетка параллель × предмет, часы 0–40, права, аудит', async () => {
  const r = await get(findUserForRole('teacher'), '/api/v1/curriculum');
  assertStatus(r, 200, 'учитель видит план');
  const rus = r.json.grid.find((x) => x.subject_name === 'Русский язык');
  assert.equal(rus.hours.length, 11);
  assert.equal(rus.hours[4], 5, 'русский язык в 5 классе — 5 часов');
  const g5 = Object.fromEntries(r.json.grid.filter((x) => x.hours[4] != null).map((x) => [x.subject_name, x.hours[4]]));
  assert.equal(g5['Литература'], 3);
  assert.equal(g5['Английский язык'], 3);
  assert.equal(g5['Математика'], 5);
  assert.equal(g5['Основы духовно-нравственной культуры народов России'], 1);
  assert.equal(r.json.totals[4], Object.values(g5).reduce((a, b) => a + b, 0));
  assertError(await get(PARENT, '/api/v1/curriculum'), 403);

  const y = await freshYear();
  const subj = (await get(ADMIN, '/api/v1/subjects')).json.items;
  const math = subj.find((s) => s.name === 'Математика');
  let p = await send(HEAD, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 5, subject_id: math.id, hours_per_week: 5 }, { grade: 6, subject_id: math.id, hours_per_week: 4.5 }] });
  assertStatus(p, 200, 'изменение плана');
  const m = p.json.grid.find((x) => x.subject_id === math.id);
  assert.equal(m.hours[4], 5);
  assert.equal(m.hours[5], 4.5);
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 5, subject_id: math.id, hours_per_week: -1 }] }), 422, 'invalid_hours', 'rows[0].hours_per_week');
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 5, subject_id: math.id, hours_per_week: 41 }] }), 422, 'invalid_hours');
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 5, subject_id: math.id, hours_per_week: 'пять' }] }), 400, 'wrong_type', 'rows[0].hours_per_week');
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 13, subject_id: math.id, hours_per_week: 1 }] }), 422, 'invalid_grade', 'rows[0].grade');
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 5, subject_id: 999999999, hours_per_week: 1 }] }), 404, 'not_found', 'rows[0].subject_id');
  assertError(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: 999999999, rows: [] }), 404, 'not_found', 'year_id');
  assertError(await send(findUserForRole('teacher'), 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [] }), 403);
  assertError(await send(SECRETARY, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [] }), 403);
  p = await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 6, subject_id: math.id, hours_per_week: 0 }] });
  assert.equal(p.json.grid.find((x) => x.subject_id === math.id).hours[5], null, '0 часов убирает ячейку');
  const audit = await get(ADMIN, `/api/v1/audit?entity=curriculum&entity_id=${y.id}`);
  const last = audit.json.items[0];
  assert.equal(last.op, 'curriculum.edit');
  assert.deepEqual(last.old, [{ grade: 6, subject_id: math.id, hours_per_week: 4.5 }]);
  assert.deepEqual(last.new, [{ grade: 6, subject_id: math.id, hours_per_week: 0 }]);
});

test('тарификация: строки, итоги по учителям, расхождения с планом, проверки', async () => {
  const r = await get(findUserForRole('teacher'), '/api/v1/teacher-load?limit=500');
  assertStatus(r, 200, 'тарификация');
  assert.ok(r.json.items.length > 100);
  assert.ok(r.json.differences.length > 100);
  assert.ok(r.json.differences.every((d) => d.difference === 0), 'демо-нагрузка совпадает с планом');
  const sum = r.json.teacher_totals.reduce((a, b) => a + b.hours, 0);
  assert.equal(sum, r.json.total_hours);
  assertError(await get(PARENT, '/api/v1/teacher-load'), 403);

  const y = await freshYear();
  const ts = await teachers();
  const subj = (await get(ADMIN, '/api/v1/subjects')).json.items;
  const eng = subj.find((s) => s.name === 'Английский язык');
  const phys = subj.find((s) => s.name === 'Физика');
  const k = (await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 9, letter: 'Ю' })).json;
  const k2 = (await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 9, letter: 'Я' })).json;
  await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [{ grade: 9, subject_id: eng.id, hours_per_week: 3 }, { grade: 9, subject_id: phys.id, hours_per_week: 3 }] });
  const g1 = (await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: eng.id, name: 'Группа 1' })).json;
  const g2 = (await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: eng.id, name: 'Группа 2' })).json;
  const gOther = (await send(ADMIN, 'POST', `/api/v1/classes/${k2.id}/subgroups`, { subject_id: eng.id, name: 'Группа 1' })).json;

  let c = await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subgroup_id: g1.id, subject_id: eng.id, hours_per_week: 3 });
  assertStatus(c, 201, 'строка нагрузки');
  const row = c.json;
  assert.equal(row.subgroup_name, 'Группа 1');
  assertStatus(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[1].id, class_id: k.id, subgroup_id: g2.id, subject_id: eng.id, hours_per_week: 2 }), 201, 'вторая подгруппа');
  assertStatus(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subject_id: phys.id, hours_per_week: 2 }), 201, 'физика');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subject_id: phys.id, hours_per_week: 1 }), 409, 'load_exists');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subgroup_id: gOther.id, subject_id: eng.id, hours_per_week: 1 }), 422, 'subgroup_mismatch', 'subgroup_id');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subgroup_id: g1.id, subject_id: phys.id, hours_per_week: 1 }), 422, 'subgroup_mismatch');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[2].id, class_id: k.id, subject_id: phys.id, hours_per_week: -2 }), 422, 'invalid_hours', 'hours_per_week');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[2].id, class_id: 999999999, subject_id: phys.id, hours_per_week: 1 }), 404, 'not_found', 'class_id');
  assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[2].id, class_id: k.id, subject_id: 999999999, hours_per_week: 1 }), 404, 'not_found', 'subject_id');
  const adminPerson = (await get(ADMIN, '/api/v1/me')).json.user.person_id;
  if (adminPerson) assertError(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: adminPerson, class_id: k.id, subject_id: phys.id, hours_per_week: 1 }), 422, 'not_a_teacher', 'teacher_id');
  assertError(await send(findUserForRole('teacher'), 'POST', '/api/v1/teacher-load', { teacher_id: ts[2].id, class_id: k.id, subject_id: phys.id, hours_per_week: 1 }), 403);

  let rep = (await get(ADMIN, `/api/v1/teacher-load?year=${y.id}`)).json;
  const d = (sid, gid) => rep.differences.find((x) => x.class_id === k.id && x.subject_id === sid && (x.subgroup_id ?? null) === (gid ?? null));
  assert.equal(d(eng.id, g1.id).difference, 0);
  assert.equal(d(eng.id, g2.id).difference, -1);
  assert.equal(d(phys.id).difference, -1);
  assert.equal(rep.differences.find((x) => x.class_id === k2.id && x.subject_id === phys.id).load_hours, 0);
  assert.equal(rep.teacher_totals.find((x) => x.teacher_id === ts[0].id).hours, 5);
  const u = await send(ADMIN, 'PUT', `/api/v1/teacher-load/${row.id}`, { hours_per_week: 3.5 });
  assertStatus(u, 200, 'изменение часов');
  rep = (await get(ADMIN, `/api/v1/teacher-load?year=${y.id}&teacher=${ts[0].id}`)).json;
  assert.ok(rep.items.every((x) => x.teacher_id === ts[0].id));
  assert.equal(d(eng.id, g1.id).difference, 0.5);
  assertError(await send(ADMIN, 'PUT', `/api/v1/teacher-load/${row.id}`, { hours_per_week: -1 }), 422, 'invalid_hours');
  assertError(await send(ADMIN, 'PUT', '/api/v1/teacher-load/999999999', { hours_per_week: 1 }), 404);
  // the subgroup with load cannot be deleted
  assertError(await send(ADMIN, 'DELETE', `/api/v1/subgroups/${g1.id}`), 409, 'subgroup_in_use');
  assertStatus(await send(ADMIN, 'DELETE', `/api/v1/teacher-load/${row.id}`), 200, 'удаление строки');
  assertError(await send(ADMIN, 'DELETE', `/api/v1/teacher-load/${row.id}`), 404);
  const audit = await get(ADMIN, `/api/v1/audit?entity=teacher_load&entity_id=${row.id}`);
  assert.deepEqual(audit.json.items.map((x) => x.op).sort(), ['teacher_load.create', 'teacher_load.delete', 'teacher_load.update']);
  const up = audit.json.items.find((x) => x.op === 'teacher_load.update');
  assert.equal(up.old.hours_per_week, 3);
  assert.equal(up.new.hours_per_week, 3.5);
});

test('закрытый год: только чтение, любая запись → 423 year_closed', async (t) => {
  if (!hasSqlite) return t.skip('нет sqlite3, чтобы закрыть год');
  const y = await freshYear();
  const k = (await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 4, letter: 'Б' })).json;
  const subj = (await get(ADMIN, '/api/v1/subjects')).json.items[0];
  const g = (await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: subj.id, name: 'Группа 1' })).json;
  const h = (await send(ADMIN, 'POST', `/api/v1/years/${y.id}/holidays`, { name: 'Каникулы', start_date: `${y.y}-11-01`, end_date: `${y.y}-11-05` })).json;
  const ts = await teachers();
  const l = (await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[0].id, class_id: k.id, subject_id: subj.id, hours_per_week: 1 })).json;
  sql(`UPDATE academic_years SET closed = 1 WHERE id = ${y.id}`);
  const closed = (code) => (res) => assertError(res, 423, code);
  const refused = closed('year_closed');
  refused(await send(ADMIN, 'PUT', `/api/v1/years/${y.id}`, { end_date: `${y.y + 1}-06-30` }));
  refused(await send(ADMIN, 'PUT', `/api/v1/years/${y.id}/periods`, schemeFor(y.y)));
  refused(await send(ADMIN, 'POST', `/api/v1/years/${y.id}/holidays`, { name: 'Ещё', start_date: `${y.y}-12-01`, end_date: `${y.y}-12-02` }));
  refused(await send(ADMIN, 'PUT', `/api/v1/holidays/${h.id}`, { name: 'Другие' }));
  refused(await send(ADMIN, 'DELETE', `/api/v1/holidays/${h.id}`));
  refused(await send(ADMIN, 'POST', '/api/v1/classes', { year_id: y.id, grade: 5, letter: 'В' }));
  refused(await send(ADMIN, 'PUT', `/api/v1/classes/${k.id}`, { profile: 'новый' }));
  refused(await send(ADMIN, 'PUT', `/api/v1/classes/${k.id}/teacher`, { teacher_id: ts[0].id }));
  refused(await send(ADMIN, 'DELETE', `/api/v1/classes/${k.id}`));
  refused(await send(ADMIN, 'POST', `/api/v1/classes/${k.id}/subgroups`, { subject_id: subj.id, name: 'Группа 2' }));
  refused(await send(ADMIN, 'PUT', `/api/v1/subgroups/${g.id}`, { name: 'Группа 3' }));
  refused(await send(ADMIN, 'PUT', `/api/v1/subgroups/${g.id}/students`, { student_ids: [] }));
  refused(await send(ADMIN, 'DELETE', `/api/v1/subgroups/${g.id}`));
  refused(await send(ADMIN, 'PUT', '/api/v1/curriculum', { year_id: y.id, rows: [] }));
  refused(await send(ADMIN, 'POST', '/api/v1/teacher-load', { teacher_id: ts[1].id, class_id: k.id, subject_id: subj.id, hours_per_week: 1 }));
  refused(await send(ADMIN, 'PUT', `/api/v1/teacher-load/${l.id}`, { hours_per_week: 2 }));
  refused(await send(ADMIN, 'DELETE', `/api/v1/teacher-load/${l.id}`));
  // still readable
  const yr = await get(ADMIN, `/api/v1/years/${y.id}`);
  assert.equal(yr.json.closed, true);
  assertStatus(await get(ADMIN, `/api/v1/classes?year=${y.id}`), 200, 'классы закрытого года');
  assertStatus(await get(ADMIN, `/api/v1/curriculum?year=${y.id}`), 200, 'план закрытого года');
  assertStatus(await get(ADMIN, `/api/v1/teacher-load?year=${y.id}`), 200, 'нагрузка закрытого года');
});
