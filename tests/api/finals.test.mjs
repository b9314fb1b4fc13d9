// Итоговые оценки (M-09, срез FINALS): оценки за четверть/полугодие, годовые, экзаменационные и
// итоговые с предложениями по среднему баллу, история, список просроченных журналов для завуча.
// Тестовые данные изолированы: два собственных предмета («Финалы: тест» и «Финалы: зачёт»), их
// нагрузка учителю в 7В/10Б/1А и собственные уроки с оценками добавляются через sqlite3 и удаляются в конце.
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
const S = {}; // ids of the fixture
let tok = {};

before(async () => {
  S.year = num("SELECT id FROM academic_years WHERE closed = 0 ORDER BY start_date LIMIT 1");
  S.school = num(`SELECT school_id FROM academic_years WHERE id = ${S.year}`);
  S.cls = num(`SELECT id FROM classes WHERE name = '7В' AND year_id = ${S.year}`);
  S.cls10 = num(`SELECT id FROM classes WHERE name = '10Б' AND year_id = ${S.year}`);
  S.cls1 = num(`SELECT id FROM classes WHERE name = '1А' AND year_id = ${S.year}`);
  S.classTeacher = num(`SELECT class_teacher_id FROM classes WHERE id = ${S.cls}`);
  // the subject teacher: teaches География in 7В (and leads another class)
  S.teacher = num(`SELECT teacher_id FROM teacher_load WHERE class_id = ${S.cls} AND subject_id = (SELECT id FROM subjects WHERE name = 'География')`);
  // a teacher with nothing in 7В and no class of their own
  S.other = num(`SELECT p.id FROM persons p JOIN users u ON u.person_id = p.id JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = 3
    WHERE p.id NOT IN (SELECT class_teacher_id FROM classes WHERE class_teacher_id IS NOT NULL)
      AND p.id NOT IN (SELECT teacher_id FROM teacher_load WHERE class_id = ${S.cls}) ORDER BY p.id LIMIT 1`);
  sql(`INSERT INTO subjects(school_id, name, short_name, pass_fail) VALUES (${S.school}, 'Финалы: тест', 'ФТ', 0), (${S.school}, 'Финалы: зачёт', 'ФЗ', 1)`);
  S.subj = num("SELECT id FROM subjects WHERE name = 'Финалы: тест'");
  S.pf = num("SELECT id FROM subjects WHERE name = 'Финалы: зачёт'");
  for (const [c, s] of [[S.cls, S.subj], [S.cls, S.pf], [S.cls10, S.subj], [S.cls1, S.subj]])
    sql(`INSERT INTO teacher_load(school_id, year_id, teacher_id, class_id, subject_id, hours_per_week) VALUES (${S.school}, ${S.year}, ${S.teacher}, ${c}, ${s}, 1)`);
  S.students = sql(`SELECT p.id FROM class_students cs JOIN persons p ON p.id = cs.student_id WHERE cs.class_id = ${S.cls} ORDER BY p.id LIMIT 4`).map((r) => Number(r[0]));
  S.nstudents = num(`SELECT count(*) FROM class_students WHERE class_id = ${S.cls}`);
  S.foreign = num(`SELECT student_id FROM class_students WHERE class_id = ${S.cls10} LIMIT 1`);
  // lessons: three in the 1st quarter, one in the 2nd; weights 1, 2, 1 and 1
  const lesson = (date, period) => {
    sql(`INSERT INTO lessons(school_id, period_id, date, lesson_number, class_id, subject_id, teacher_id, topic, created_at)
         VALUES (${S.school}, ${period}, '${date}', 12, ${S.cls}, ${S.subj}, ${S.teacher}, 'Тема', ${NOW})`);
    return num(`SELECT max(id) FROM lessons WHERE subject_id = ${S.subj}`);
  };
  const q1 = num(`SELECT id FROM periods WHERE year_id = ${S.year} AND kind = 'quarter' AND number = 1`);
  const q2 = num(`SELECT id FROM periods WHERE year_id = ${S.year} AND kind = 'quarter' AND number = 2`);
  S.q = sql(`SELECT id FROM periods WHERE year_id = ${S.year} AND kind = 'quarter' ORDER BY number`).map((r) => Number(r[0]));
  S.halves = sql(`SELECT id FROM periods WHERE year_id = ${S.year} AND kind = 'half' ORDER BY number`).map((r) => Number(r[0]));
  const L = [lesson('2026-09-07', q1), lesson('2026-09-08', q1), lesson('2026-09-09', q1), lesson('2026-11-09', q2)];
  const asg = (l, w) => {
    sql(`INSERT INTO assignments(school_id, lesson_id, work_type_id, weight, created_at) VALUES (${S.school}, ${l}, (SELECT min(id) FROM work_types), ${w}, ${NOW})`);
    return num(`SELECT max(id) FROM assignments WHERE lesson_id = ${l}`);
  };
  const A = [asg(L[0], 1), asg(L[1], 2), asg(L[2], 1), asg(L[3], 1), asg(L[2], 1.5)];
  const mark = (a, l, s, v, kind = 'mark') =>
    sql(`INSERT INTO marks(school_id, lesson_id, assignment_id, student_id, kind, value, created_at, updated_at)
         VALUES (${S.school}, ${l}, ${a}, ${s}, '${kind}', ${v === null ? 'NULL' : v}, ${NOW}, ${NOW})`);
  const [s1, s2, s3] = S.students;
  [[5, 3, 4], [4, 3, 4], [5, 2, 3]].forEach((vals, i) => vals.forEach((v, k) => mark(A[k], L[k], S.students[i], v)));
  mark(A[4], L[2], s3, null, 'point'); // «точка» does not count
  mark(A[3], L[3], s1, 2);
  void s2;
  S.lessons = L;

  const login = (pid) => one(`SELECT login FROM users WHERE person_id = ${pid}`);
  const admin = findUserForRole('admin').login;
  const head = one("SELECT u.login FROM users u JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = 4 WHERE u.login = 'head'") || findUserForRole('head').login;
  const pairs = { teacher: login(S.teacher), other: login(S.other), classTeacher: login(S.classTeacher), admin, head,
    parent: findUserWithOnlyRole('parent').login, student: findUserWithOnlyRole('student').login };
  for (const [k, l] of Object.entries(pairs)) tok[k] = (await loginOnce(l)).token;
  const st = await api('GET', '/api/v1/school/settings', { token: tok.admin });
  S.settings = { averaging: st.json.averaging, round_threshold: st.json.round_threshold };
});

after(async () => {
  if (tok.admin && S.settings) await api('PUT', '/api/v1/school/settings', { token: tok.admin, body: S.settings });
  if (!S.subj) return;
  const subs = `(${S.subj}, ${S.pf})`;
  sql(`DELETE FROM final_marks WHERE subject_id IN ${subs}`);
  sql(`DELETE FROM marks WHERE lesson_id IN (SELECT id FROM lessons WHERE subject_id IN ${subs})`);
  sql(`DELETE FROM assignments WHERE lesson_id IN (SELECT id FROM lessons WHERE subject_id IN ${subs})`);
  sql(`DELETE FROM lessons WHERE subject_id IN ${subs}`);
  sql(`DELETE FROM teacher_load WHERE subject_id IN ${subs}`);
  sql(`DELETE FROM subjects WHERE id IN ${subs}`);
  if (S.closedYear) {
    sql(`DELETE FROM classes WHERE year_id = ${S.closedYear}`);
    sql(`DELETE FROM academic_years WHERE id = ${S.closedYear}`);
  }
});

const get = (who, cls = S.cls, subj = S.subj) => api('GET', `/api/v1/finals?group=${cls}&subject=${subj}`, { token: tok[who] });
const put = (who, marks, cls = S.cls, subj = S.subj) => api('PUT', '/api/v1/finals', { token: tok[who], body: { class_id: cls, subject_id: subj, marks } });
const studentOf = (res, id) => res.json.students.find((s) => s.id === id);
const periodOf = (st, pid) => st.periods.find((p) => p.period_id === pid);
const setSettings = (body) => api('PUT', '/api/v1/school/settings', { token: tok.admin, body });

test('ведомость: четверти со сроком, средний балл и предлагаемая оценка (взвешенный, порог 0.5 и 0.6, среднее арифметическое)', async () => {
  assertStatus(await setSettings({ averaging: 'weighted', round_threshold: 0.5 }), 200, 'настройки');
  let r = await get('teacher');
  assertStatus(r, 200, 'ведомость учителя');
  assert.equal(r.json.can_edit, true);
  assert.equal(r.json.no_marks, false);
  assert.deepEqual(r.json.periods.map((p) => p.id), S.q, 'у 7 класса — четверти');
  const p1 = r.json.periods[0];
  assert.equal(p1.due_date, '2026-10-23', 'срок — за 3 дня до конца четверти (26.10)');
  assert.deepEqual(r.json.codes, ['н/а', 'осв'], 'зач/незач только для зачётных предметов');
  assert.equal(r.json.students.length, S.nstudents);
  const [s1, s2, s3, s4] = S.students;
  // взвешенное: (5·1 + 3·2 + 4·1)/4 = 3.75 → 4; (4 + 6 + 4)/4 = 3.5 → 4; (5 + 4 + 3)/4 = 3 → 3 («точка» не считается)
  assert.deepEqual([periodOf(studentOf(r, s1), S.q[0]).average, periodOf(studentOf(r, s1), S.q[0]).suggested], [3.75, 4]);
  assert.deepEqual([periodOf(studentOf(r, s2), S.q[0]).average, periodOf(studentOf(r, s2), S.q[0]).suggested], [3.5, 4]);
  assert.deepEqual([periodOf(studentOf(r, s3), S.q[0]).average, periodOf(studentOf(r, s3), S.q[0]).suggested], [3, 3]);
  assert.deepEqual([periodOf(studentOf(r, s4), S.q[0]).average, periodOf(studentOf(r, s4), S.q[0]).suggested], [null, null]);
  assert.deepEqual([periodOf(studentOf(r, s1), S.q[1]).average, periodOf(studentOf(r, s1), S.q[1]).suggested], [2, 2]);
  assert.equal(studentOf(r, s1).year.suggested, null, 'годовая предлагается из оценок за четверти — их ещё нет');

  assertStatus(await setSettings({ round_threshold: 0.6 }), 200);
  r = await get('teacher');
  assert.equal(periodOf(studentOf(r, s2), S.q[0]).suggested, 3, '3.5 при пороге 0.6 → 3');
  assert.equal(periodOf(studentOf(r, s1), S.q[0]).suggested, 4, '3.75 при пороге 0.6 → 4');

  assertStatus(await setSettings({ averaging: 'arithmetic' }), 200);
  r = await get('teacher');
  // арифметическое: 12/3 = 4.00; 11/3 = 3.67 → 4 (0.67 ≥ 0.6); 10/3 = 3.33 → 3
  assert.deepEqual([periodOf(studentOf(r, s1), S.q[0]).average, periodOf(studentOf(r, s1), S.q[0]).suggested], [4, 4]);
  assert.deepEqual([periodOf(studentOf(r, s2), S.q[0]).average, periodOf(studentOf(r, s2), S.q[0]).suggested], [3.67, 4]);
  assert.deepEqual([periodOf(studentOf(r, s3), S.q[0]).average, periodOf(studentOf(r, s3), S.q[0]).suggested], [3.33, 3]);
  assertStatus(await setSettings(S.settings), 200, 'настройки восстановлены');
});

test('выставление оценок за четверть, год, экзамен и итог; предлагаемая годовая; история и аудит', async () => {
  await setSettings({ round_threshold: 0.5 });
  const [s1, s2] = S.students;
  const auditBefore = (await api('GET', `/api/v1/audit?op=finals.save&entity_id=${S.cls}&limit=500`, { token: tok.admin })).json.total;
  let r = await put('teacher', [
    { student_id: s1, kind: 'period', period_id: S.q[0], value: 4 },
    { student_id: s1, kind: 'period', period_id: S.q[1], value: 3, comment: 'по итогам к/р' },
    { student_id: s2, kind: 'period', period_id: S.q[0], code: 'н/а' },
    { student_id: s2, kind: 'exam', code: 'осв' },
  ]);
  assertStatus(r, 200, 'сохранение');
  assert.equal(r.json.changed, 4);
  r = await get('teacher');
  const st1 = studentOf(r, s1);
  assert.equal(periodOf(st1, S.q[0]).mark.value, 4);
  assert.equal(periodOf(st1, S.q[1]).mark.comment, 'по итогам к/р');
  assert.equal(st1.year.suggested, 4, 'годовая: (4 + 3)/2 = 3.5 → 4');
  assert.equal(studentOf(r, s2).year.suggested, null, '«н/а» не число — годовую не из чего предложить');
  assert.equal(periodOf(studentOf(r, s2), S.q[0]).mark.code, 'н/а');
  assert.equal(studentOf(r, s2).exam.mark.code, 'осв');

  // год, итог; повтор того же значения ничего не меняет
  r = await put('teacher', [{ student_id: s1, kind: 'year', value: 4 }, { student_id: s1, kind: 'final', value: 5 }, { student_id: s1, kind: 'period', period_id: S.q[0], value: 4 }]);
  assert.equal(r.json.changed, 2);
  const id = periodOf(st1, S.q[0]).mark.id;
  r = await put('teacher', [{ student_id: s1, kind: 'period', period_id: S.q[0], value: 5 }]);
  assert.equal(r.json.changed, 1);
  r = await put('teacher', [{ student_id: s1, kind: 'period', period_id: S.q[0], delete: true }]);
  assert.equal(r.json.changed, 1);
  assert.equal(periodOf(studentOf(await get('teacher'), s1), S.q[0]).mark, null, 'оценка удалена');
  const h = await api('GET', `/api/v1/finals/${id}/history`, { token: tok.teacher });
  assertStatus(h, 200, 'история');
  assert.deepEqual(h.json.items.map((i) => [i.old?.value ?? null, i.new?.value ?? null]), [[null, 4], [4, 5], [5, null]], 'история от старых к новым, и после удаления');
  assert.equal(h.json.items[0].user.name.length > 0, true);
  assertStatus(await api('GET', `/api/v1/finals/${id}/history`, { token: tok.head }), 200, 'завуч видит историю');
  assertError(await api('GET', `/api/v1/finals/${id}/history`, { token: tok.other }), 403);
  assertError(await api('GET', '/api/v1/finals/999999999/history', { token: tok.admin }), 404);
  const auditAfter = (await api('GET', `/api/v1/audit?op=finals.save&entity_id=${S.cls}&limit=500`, { token: tok.admin })).json.total;
  assert.equal(auditAfter - auditBefore, 4, 'одна запись аудита на каждый запрос с изменениями');
  const hist = num(`SELECT count(*) FROM journal_history WHERE entity = 'final' AND subject_id = ${S.subj}`);
  assert.ok(hist >= 8, 'каждое изменение — строка journal_history');
  await setSettings(S.settings);
});

test('неверные данные: ничего не применяется', async () => {
  const [, , s3] = S.students;
  const ok = { student_id: s3, kind: 'year', value: 5 };
  const cases = [
    [{ student_id: S.foreign, kind: 'year', value: 4 }, 422, 'student_not_in_class', 'marks[1].student_id'],
    [{ student_id: 999999999, kind: 'year', value: 4 }, 422, 'student_not_in_class', 'marks[1].student_id'],
    [{ student_id: s3, kind: 'period', period_id: 999999999, value: 4 }, 422, 'period_not_found', 'marks[1].period_id'],
    [{ student_id: s3, kind: 'period', period_id: S.halves[0], value: 4 }, 422, 'wrong_period_kind', 'marks[1].period_id'],
    [{ student_id: s3, kind: 'period', value: 4 }, 400, 'missing_field', 'marks[1].period_id'],
    [{ student_id: s3, kind: 'exam', period_id: S.q[0], value: 4 }, 422, 'period_not_allowed', 'marks[1].period_id'],
    [{ student_id: s3, kind: 'exam', value: 6 }, 422, 'out_of_scale', 'marks[1].value'],
    [{ student_id: s3, kind: 'exam', value: 1 }, 422, 'out_of_scale', 'marks[1].value'],
    [{ student_id: s3, kind: 'exam', code: 'отл' }, 422, 'unknown_code', 'marks[1].code'],
    [{ student_id: s3, kind: 'exam', code: 'зач' }, 422, 'pass_fail_only', 'marks[1].code'],
    [{ student_id: s3, kind: 'exam', value: 4, code: 'н/а' }, 400, 'invalid_value', 'marks[1]'],
    [{ student_id: s3, kind: 'semester', value: 4 }, 400, 'invalid_value', 'marks[1].kind'],
    [{ student_id: s3, kind: 'exam', value: 4, grade: 5 }, 400, 'unknown_field', 'marks[1].grade'],
    [{ student_id: s3, kind: 'year', value: 4 }, 422, 'duplicate_entry', 'marks[1]'],
  ];
  for (const [bad, status, code, field] of cases) {
    const r = await put('teacher', [ok, bad]);
    assertError(r, status, code, field);
  }
  assert.equal(studentOf(await get('teacher'), s3).year.mark, null, 'первая (верная) оценка не записана');
  assertError(await api('PUT', '/api/v1/finals', { token: tok.teacher, body: { class_id: S.cls, subject_id: S.subj, marks: 'x' } }), 400, 'invalid_type', 'marks');
  assertError(await api('GET', `/api/v1/finals?group=${S.cls}`, { token: tok.teacher }), 400, 'missing_field', 'subject');
  assertError(await api('GET', `/api/v1/finals?group=999999999&subject=${S.subj}`, { token: tok.admin }), 404, 'class_not_found');
});

test('зачётный предмет: только зач/незач (и н/а, осв); 1 класс без оценок; полугодия в 10 классе', async () => {
  const [s1] = S.students;
  let r = await get('teacher', S.cls, S.pf);
  assertStatus(r, 200);
  assert.deepEqual(r.json.codes, ['н/а', 'осв', 'зач', 'незач']);
  assertError(await put('teacher', [{ student_id: s1, kind: 'year', value: 5 }], S.cls, S.pf), 422, 'pass_fail_subject', 'marks[0].value');
  r = await put('teacher', [{ student_id: s1, kind: 'period', period_id: S.q[0], code: 'зач' }, { student_id: s1, kind: 'year', code: 'незач' }], S.cls, S.pf);
  assertStatus(r, 200);
  assert.equal(r.json.changed, 2);

  r = await get('teacher', S.cls1);
  assertStatus(r, 200);
  assert.equal(r.json.no_marks, true);
  assert.equal(r.json.can_edit, false);
  const first = Number(one(`SELECT student_id FROM class_students WHERE class_id = ${S.cls1} LIMIT 1`));
  assertError(await put('teacher', [{ student_id: first, kind: 'year', value: 5 }], S.cls1), 422, 'no_marks');
  assertError(await put('admin', [{ student_id: first, kind: 'year', value: 5 }], S.cls1), 422, 'no_marks');

  r = await get('teacher', S.cls10);
  assertStatus(r, 200);
  assert.deepEqual(r.json.periods.map((p) => p.id), S.halves, 'у 10 класса — полугодия');
  const s10 = r.json.students[0].id;
  assertError(await put('teacher', [{ student_id: s10, kind: 'period', period_id: S.q[0], value: 5 }], S.cls10), 422, 'wrong_period_kind');
  r = await put('teacher', [{ student_id: s10, kind: 'period', period_id: S.halves[0], value: 5 }], S.cls10);
  assertStatus(r, 200);
});

test('права: учитель предмета, другой учитель, классный руководитель, завуч, администратор, родитель, ученик', async () => {
  const [, , , s4] = S.students;
  assertError(await get('other'), 403, 'forbidden');
  assertError(await put('other', [{ student_id: s4, kind: 'year', value: 3 }]), 403, 'forbidden');
  let r = await get('classTeacher');
  assertStatus(r, 200, 'классный руководитель видит все предметы своего класса');
  assert.equal(r.json.can_edit, false);
  assertError(await put('classTeacher', [{ student_id: s4, kind: 'year', value: 3 }]), 403, 'forbidden');
  r = await get('head');
  assertStatus(r, 200, 'завуч видит');
  assert.equal(r.json.can_edit, false);
  assertError(await put('head', [{ student_id: s4, kind: 'year', value: 3 }]), 403);
  assertError(await get('parent'), 403);
  assertError(await get('student'), 403);
  assertError(await put('parent', [{ student_id: s4, kind: 'year', value: 3 }]), 403);
  r = await put('admin', [{ student_id: s4, kind: 'year', value: 3 }]);
  assertStatus(r, 200, 'администратор выставляет любые');
  assert.equal(r.json.changed, 1);
});

test('закрытый учебный год — только чтение (423)', async () => {
  sql(`INSERT INTO academic_years(school_id, name, start_date, end_date, closed) VALUES (${S.school}, 'Финалы 2019/2020', '2019-09-01', '2020-05-31', 1)`);
  S.closedYear = num("SELECT id FROM academic_years WHERE name = 'Финалы 2019/2020'");
  sql(`INSERT INTO classes(school_id, year_id, grade, letter, name) VALUES (${S.school}, ${S.closedYear}, 7, 'Ф', '7Ф')`);
  const cls = num(`SELECT id FROM classes WHERE year_id = ${S.closedYear}`);
  const r = await get('admin', cls);
  assertStatus(r, 200);
  assert.equal(r.json.year_closed, true);
  assert.equal(r.json.can_edit, false);
  assertError(await put('admin', [], cls), 423, 'year_closed');
});

test('просроченные оценки за период: список для завуча', async () => {
  let r = await api('GET', `/api/v1/finals/overdue?period=${S.q[0]}`, { token: tok.head });
  assertStatus(r, 200, 'список завуча');
  assert.equal(r.json.period.due_date, '2026-10-23');
  const row = r.json.items.find((i) => i.class_id === S.cls && i.subject_id === S.subj);
  assert.ok(row, 'журнал 7В по тестовому предмету в списке');
  const marked = num(`SELECT count(*) FROM final_marks WHERE subject_id = ${S.subj} AND kind = 'period' AND period_id = ${S.q[0]}
    AND student_id IN (SELECT student_id FROM class_students WHERE class_id = ${S.cls})`);
  assert.equal(row.students, S.nstudents);
  assert.equal(row.missing, S.nstudents - marked);
  assert.equal(row.teacher.id, S.teacher);
  assert.equal(row.late, r.json.today > '2026-10-23');
  assert.equal(r.json.items.some((i) => i.grade === 1 || i.class_id === S.cls10 || i.class_id === S.cls1), false, 'ни 1 класса, ни полугодий в четверти');
  // everyone marked → leaves the list
  const all = sql(`SELECT student_id FROM class_students WHERE class_id = ${S.cls}`).map((x) => ({ student_id: Number(x[0]), kind: 'period', period_id: S.q[0], value: 4 }));
  assertStatus(await put('teacher', all), 200);
  r = await api('GET', `/api/v1/finals/overdue?period=${S.q[0]}`, { token: tok.head });
  assert.equal(r.json.items.some((i) => i.class_id === S.cls && i.subject_id === S.subj), false);
  r = await api('GET', `/api/v1/finals/overdue?period=${S.halves[0]}`, { token: tok.admin });
  assertStatus(r, 200);
  assert.ok(r.json.items.some((i) => i.class_id === S.cls10 && i.subject_id === S.subj), '10Б — в списке полугодия');
  assertError(await api('GET', `/api/v1/finals/overdue?period=${S.q[0]}`, { token: tok.teacher }), 403);
  assertError(await api('GET', '/api/v1/finals/overdue?period=999999999', { token: tok.head }), 404, 'period_not_found');
  assertError(await api('GET', '/api/v1/finals/overdue', { token: tok.head }), 400, 'missing_field', 'period');
});
