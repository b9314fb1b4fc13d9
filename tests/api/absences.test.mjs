// Пропуски класса за день (M-09, срез FINALS): все уроки класса в день и отметки Н/О/Б учеников;
// классный руководитель ставит причины УП/НП. Данные изолированы: собственный предмет и три урока
// 7В в воскресенье 15.11.2026 (в этот день других уроков нет) с посещаемостью, добавленные через sqlite3.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, DB } from './helpers.mjs';

const sql = (q) =>
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, q], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|'));
const one = (q) => sql(q)[0]?.[0];
const num = (q) => Number(one(q));

const NOW = Math.floor(Date.now() / 1000);
const DAY = '2026-11-15';
const S = {};
const tok = {};

before(async () => {
  S.year = num('SELECT id FROM academic_years WHERE closed = 0 ORDER BY start_date LIMIT 1');
  S.school = num(`SELECT school_id FROM academic_years WHERE id = ${S.year}`);
  S.cls = num(`SELECT id FROM classes WHERE name = '7В' AND year_id = ${S.year}`);
  // a class whose class teacher teaches nothing in 7В
  S.otherCls = num(`SELECT id FROM classes WHERE year_id = ${S.year} AND grade > 1 AND id <> ${S.cls} AND class_teacher_id NOT IN
    (SELECT teacher_id FROM teacher_load WHERE class_id = ${S.cls}) ORDER BY id LIMIT 1`);
  S.classTeacher = num(`SELECT class_teacher_id FROM classes WHERE id = ${S.cls}`);
  S.otherClassTeacher = num(`SELECT class_teacher_id FROM classes WHERE id = ${S.otherCls}`);
  S.teacher = num(`SELECT teacher_id FROM teacher_load WHERE class_id = ${S.cls} AND teacher_id NOT IN
    (SELECT class_teacher_id FROM classes WHERE class_teacher_id IS NOT NULL) ORDER BY id LIMIT 1`);
  S.outsider = num(`SELECT p.id FROM persons p JOIN users u ON u.person_id = p.id JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = 3
    WHERE p.id NOT IN (SELECT class_teacher_id FROM classes WHERE class_teacher_id IS NOT NULL)
      AND p.id NOT IN (SELECT teacher_id FROM teacher_load WHERE class_id = ${S.cls}) ORDER BY p.id LIMIT 1`);
  sql(`INSERT INTO subjects(school_id, name, short_name) VALUES (${S.school}, 'Пропуски: тест', 'ПТ')`);
  S.subj = num("SELECT id FROM subjects WHERE name = 'Пропуски: тест'");
  const period = num(`SELECT id FROM periods WHERE year_id = ${S.year} AND kind = 'quarter' AND start_date <= '${DAY}' AND end_date >= '${DAY}'`);
  const geo = num("SELECT id FROM subjects WHERE name = 'География'");
  const lesson = (n, subj, teacher, date = DAY, status = 'planned') => {
    sql(`INSERT INTO lessons(school_id, period_id, date, lesson_number, class_id, subject_id, teacher_id, status, created_at)
         VALUES (${S.school}, ${period}, '${date}', ${n}, ${S.cls}, ${subj}, ${teacher}, '${status}', ${NOW})`);
    return num('SELECT max(id) FROM lessons');
  };
  S.L = [lesson(1, S.subj, S.teacher), lesson(2, geo, S.classTeacher), lesson(3, S.subj, S.teacher), lesson(4, S.subj, S.teacher, DAY, 'cancelled')];
  S.otherDay = lesson(5, S.subj, S.teacher, '2026-11-14');
  S.students = sql(`SELECT student_id FROM class_students WHERE class_id = ${S.cls} ORDER BY student_id LIMIT 3`).map((r) => Number(r[0]));
  S.foreign = num(`SELECT student_id FROM class_students WHERE class_id = ${S.otherCls} LIMIT 1`);
  const [s1, s2] = S.students;
  S.histStart = num('SELECT ifnull(max(id), 0) FROM journal_history'); // lesson ids may be reused after earlier runs
  const att = (l, s, code, reason = null) =>
    sql(`INSERT INTO attendance(school_id, lesson_id, student_id, code, reason, updated_at) VALUES (${S.school}, ${l}, ${s}, '${code}', ${reason ? `'${reason}'` : 'NULL'}, ${NOW})`);
  att(S.L[0], s1, 'Н');
  att(S.L[1], s1, 'О');
  att(S.L[2], s1, 'Б');
  att(S.L[0], s2, 'Н', 'НП');
  att(S.otherDay, s1, 'Н');
  const login = (pid) => one(`SELECT login FROM users WHERE person_id = ${pid}`);
  const logins = { classTeacher: login(S.classTeacher), otherClassTeacher: login(S.otherClassTeacher), teacher: login(S.teacher),
    outsider: login(S.outsider), admin: findUserForRole('admin').login, head: 'head',
    parent: findUserWithOnlyRole('parent').login, student: findUserWithOnlyRole('student').login };
  for (const [k, l] of Object.entries(logins)) tok[k] = (await loginOnce(l)).token;
});

after(() => {
  if (!S.subj) return;
  const ls = `(SELECT id FROM lessons WHERE id IN (${[...S.L, S.otherDay].join(',')}))`;
  sql(`DELETE FROM attendance WHERE lesson_id IN ${ls}`);
  sql(`DELETE FROM lessons WHERE id IN (${[...S.L, S.otherDay].join(',')})`);
  sql(`DELETE FROM subjects WHERE id = ${S.subj}`);
  if (S.closedYear) {
    sql(`DELETE FROM classes WHERE year_id = ${S.closedYear}`);
    sql(`DELETE FROM academic_years WHERE id = ${S.closedYear}`);
  }
});

const day = (who, cls = S.cls, date = DAY) => api('GET', `/api/v1/absences/day?class=${cls}&date=${date}`, { token: tok[who] });
const setReason = (who, body) => api('PUT', '/api/v1/absences/reasons', { token: tok[who], body: { class_id: S.cls, date: DAY, ...body } });
const entries = (r, sid) => r.json.students.find((s) => s.id === sid).entries;

test('день класса: все уроки (любой предмет и учитель) и отметки учеников', async () => {
  const r = await day('classTeacher');
  assertStatus(r, 200, 'классный руководитель');
  assert.deepEqual(r.json.lessons.map((l) => [l.id, l.number, l.status]), [[S.L[0], 1, 'planned'], [S.L[1], 2, 'planned'], [S.L[2], 3, 'planned'], [S.L[3], 4, 'cancelled']]);
  assert.equal(r.json.lessons[1].subject.name, 'География');
  assert.equal(r.json.lessons[1].teacher.id, S.classTeacher);
  assert.equal(r.json.can_set_reason, true);
  const [s1, s2, s3] = S.students;
  assert.deepEqual(entries(r, s1), [{ lesson_id: S.L[0], code: 'Н', reason: null }, { lesson_id: S.L[1], code: 'О', reason: null }, { lesson_id: S.L[2], code: 'Б', reason: null }]);
  assert.deepEqual(entries(r, s2), [{ lesson_id: S.L[0], code: 'Н', reason: 'НП' }]);
  assert.deepEqual(entries(r, s3), []);
  assertError(await api('GET', `/api/v1/absences/day?class=${S.cls}&date=2026-02-30`, { token: tok.classTeacher }), 400, 'invalid_date', 'date');
  assertError(await api('GET', `/api/v1/absences/day?class=${S.cls}`, { token: tok.classTeacher }), 400, 'missing_field', 'date');
});

test('права на просмотр и на причины', async () => {
  let r = await day('head');
  assertStatus(r, 200, 'завуч видит');
  assert.equal(r.json.can_set_reason, false);
  r = await day('admin');
  assert.equal(r.json.can_set_reason, true);
  r = await day('teacher');
  assertStatus(r, 200, 'учитель класса видит');
  assert.equal(r.json.can_set_reason, false);
  assertError(await day('outsider'), 403);
  assertError(await day('otherClassTeacher'), 403, 'forbidden');
  assertError(await day('parent'), 403);
  assertError(await day('student'), 403);
  const [s1] = S.students;
  for (const who of ['head', 'teacher', 'outsider', 'otherClassTeacher', 'parent', 'student'])
    assertError(await setReason(who, { student_id: s1, reason: 'УП' }), 403, undefined);
  assert.equal(entries(await day('classTeacher'), s1).every((e) => e.reason === null), true, 'ничего не изменилось');
});

test('причины: по умолчанию все Н и Б ученика за день, не опоздания; история и аудит', async () => {
  const [s1, s2] = S.students;
  const auditBefore = (await api('GET', `/api/v1/audit?op=attendance.reason&entity_id=${s1}&limit=500`, { token: tok.admin })).json.total;
  let r = await setReason('classTeacher', { student_id: s1, reason: 'УП' });
  assertStatus(r, 200, 'УП на весь день');
  assert.equal(r.json.changed, 2);
  const e = entries(await day('classTeacher'), s1);
  assert.deepEqual(e.map((x) => x.reason), ['УП', null, 'УП'], 'О без причины');
  assert.equal(one(`SELECT ifnull(reason, '-') FROM attendance WHERE lesson_id = ${S.otherDay} AND student_id = ${s1}`), '-', 'другой день не тронут');
  const h = sql(`SELECT entity_id, old_value, new_value FROM journal_history WHERE id > ${S.histStart} AND entity = 'attendance' AND student_id = ${s1} AND lesson_id = ${S.L[0]} ORDER BY id`);
  assert.equal(h.length, 1);
  assert.equal(Number(h[0][0]), S.L[0]);
  assert.equal(JSON.parse(h[0][1]).reason, null);
  assert.equal(JSON.parse(h[0][2]).reason, 'УП');
  // the same again: nothing changes
  r = await setReason('classTeacher', { student_id: s1, reason: 'УП' });
  assert.equal(r.json.changed, 0);
  // one lesson, then clearing
  r = await setReason('classTeacher', { student_id: s1, reason: 'НП', lesson_ids: [S.L[2]] });
  assert.equal(r.json.changed, 1);
  assert.deepEqual(r.json.entries.map((x) => x.reason), ['УП', null, 'НП']);
  r = await setReason('admin', { student_id: s2, reason: null });
  assertStatus(r, 200, 'администратор может снять причину');
  assert.deepEqual(r.json.entries, [{ lesson_id: S.L[0], code: 'Н', reason: null }]);
  const auditAfter = (await api('GET', `/api/v1/audit?op=attendance.reason&entity_id=${s1}&limit=500`, { token: tok.admin })).json.total;
  assert.equal(auditAfter - auditBefore, 2, 'одна запись аудита на запрос с изменениями');
});

test('неверные данные: ничего не применяется', async () => {
  const [s1, , s3] = S.students;
  const before = JSON.stringify(entries(await day('classTeacher'), s1));
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'УП', lesson_ids: [S.L[0], S.L[1]] }), 422, 'reason_not_allowed', 'lesson_ids[1]');
  assertError(await setReason('classTeacher', { student_id: s3, reason: 'УП', lesson_ids: [S.L[0]] }), 422, 'reason_not_allowed', 'lesson_ids[0]');
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'УП', lesson_ids: [S.L[0], S.otherDay] }), 422, 'lesson_not_in_day', 'lesson_ids[1]');
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'УП', lesson_ids: [S.L[0], S.L[0]] }), 422, 'duplicate_entry', 'lesson_ids[1]');
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'Б' }), 422, 'unknown_reason', 'reason');
  assertError(await setReason('classTeacher', { student_id: S.foreign, reason: 'УП' }), 422, 'student_not_in_class', 'student_id');
  assertError(await setReason('classTeacher', { student_id: s1 }), 400, 'missing_field', 'reason');
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'УП', date: '2026-13-01' }), 400, 'invalid_date', 'date');
  assertError(await setReason('classTeacher', { student_id: s1, reason: 'УП', extra: 1 }), 400, 'unknown_field', 'extra');
  assert.equal(JSON.stringify(entries(await day('classTeacher'), s1)), before);
});

test('закрытый учебный год — 423, но блокировка по дате не действует', async () => {
  const [s1] = S.students;
  // день в прошлом дальше срока блокировки журнала: причины всё равно можно ставить
  sql(`UPDATE lessons SET date = '2026-09-06' WHERE id = ${S.otherDay}`);
  const r = await api('PUT', '/api/v1/absences/reasons', { token: tok.classTeacher, body: { class_id: S.cls, student_id: s1, date: '2026-09-06', reason: 'УП' } });
  assertStatus(r, 200, 'старый день');
  assert.equal(r.json.changed, 1);
  sql(`INSERT INTO academic_years(school_id, name, start_date, end_date, closed) VALUES (${S.school}, 'Пропуски 2018/2019', '2018-09-01', '2019-05-31', 1)`);
  S.closedYear = num("SELECT id FROM academic_years WHERE name = 'Пропуски 2018/2019'");
  sql(`INSERT INTO classes(school_id, year_id, grade, letter, name) VALUES (${S.school}, ${S.closedYear}, 7, 'П', '7П')`);
  const cls = num(`SELECT id FROM classes WHERE year_id = ${S.closedYear}`);
  assertError(await api('PUT', '/api/v1/absences/reasons', { token: tok.admin, body: { class_id: cls, student_id: s1, date: '2019-03-01', reason: 'УП' } }), 423, 'year_closed');
  const d = await api('GET', `/api/v1/absences/day?class=${cls}&date=2019-03-01`, { token: tok.admin });
  assertStatus(d, 200);
  assert.equal(d.json.can_set_reason, false);
});
