// Календарно-тематическое планирование (M-08): планы, проверка часов, утверждение, импорт/экспорт,
// копирование в параллельный класс, заполнение тем уроков.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, allUsers, DB } from './helpers.mjs';

const headUser = findUserForRole('head');
const parentUser = findUserWithOnlyRole('parent');
const sql = (q) => execFileSync('sqlite3', [DB, q], { encoding: 'utf8' }).trim();

const TOPICS = [
  { title: 'Числа и действия с ними', hours: 2, lesson_type: 'урок', kes_codes: '1.1', homework: '§ 1, № 5' },
  { title: 'Проверочная по числам', hours: 1, lesson_type: 'контрольная работа', kes_codes: '', homework: '' },
  { title: 'Величины', hours: 2, lesson_type: 'практическая работа', kes_codes: '1.2, 1.3', homework: '§ 2' },
];

// Строка нагрузки без плана, у класса которой есть параллельный класс с тем же предметом без плана,
// и учитель, который ведёт его.
async function setup(head) {
  const r = await api('GET', '/api/v1/plan-load?all=1', { token: head.token });
  assertStatus(r, 200, 'нагрузка');
  const rows = r.json.items.filter((l) => l.plan_id === null && l.subgroup_id === null && l.grade > 1);
  const users = allUsers();
  for (const l of rows) {
    const par = rows.find((x) => x.grade === l.grade && x.class_id !== l.class_id && x.subject_id === l.subject_id);
    if (!par) continue;
    const teacher = users.find((u) => u.fullName === l.teacher_name && u.roles.includes('teacher'));
    if (!teacher) continue;
    const classIds = new Set(r.json.items.filter((x) => x.teacher_id === l.teacher_id).map((x) => x.class_id));
    // другой учитель: не ведёт ничего в этом классе и не классный руководитель его
    const otherRow = r.json.items.find((x) => x.teacher_id !== l.teacher_id && !r.json.items.some((y) => y.teacher_id === x.teacher_id && y.class_id === l.class_id));
    if (!otherRow) continue;
    const other = users.find((u) => u.fullName === otherRow.teacher_name && u.roles.length === 1 && u.roles[0] === 'teacher' && u.className !== l.class_name);
    if (!other) continue;
    return { load: l, parallel: par, teacher, other, teacherTeachesParallel: classIds.has(par.class_id) };
  }
  return null;
}

test('план: создание, доступ, часы, утверждение, импорт, экспорт, копия, заполнение уроков', async (t) => {
  if (!headUser || !DB) return t.skip('нет завуча или ZH_DB');
  const head = await loginOnce(headUser.login);
  const s = await setup(head);
  if (!s) return t.skip('в демо нет подходящей строки нагрузки');
  const teacher = await loginOnce(s.teacher.login);
  const other = await loginOnce(s.other.login);
  const { load } = s;

  // создание: учитель — по своей нагрузке; чужой предмет — 422; родителю — 403
  let r = await api('POST', '/api/v1/plans', { token: other.token, body: { class_id: load.class_id, subject_id: load.subject_id } });
  assertError(r, 422, 'no_load', 'subject_id');
  if (parentUser) {
    const parent = await loginOnce(parentUser.login);
    r = await api('GET', '/api/v1/plans', { token: parent.token });
    assertError(r, 403);
    r = await api('POST', '/api/v1/plans', { token: parent.token, body: { class_id: load.class_id, subject_id: load.subject_id } });
    assertError(r, 403);
  }
  r = await api('POST', '/api/v1/plans', { token: teacher.token, body: { class_id: load.class_id, subject_id: load.subject_id } });
  assertStatus(r, 201, 'создание плана');
  const plan = r.json;
  assert.equal(plan.status, 'draft');
  assert.equal(plan.teacher_name, load.teacher_name);
  assert.equal(plan.hours_total, 0);
  r = await api('POST', '/api/v1/plans', { token: teacher.token, body: { class_id: load.class_id, subject_id: load.subject_id } });
  assertError(r, 409, 'plan_exists');

  // проверка часов: уроки года по классу и предмету, иначе недельные часы × 34
  const lessonsN = Number(sql(`SELECT COUNT(*) FROM lessons WHERE class_id=${load.class_id} AND subject_id=${load.subject_id} AND subgroup_id IS NULL AND status<>'cancelled'`));
  const weekly = Number(sql(`SELECT IFNULL(MAX(hours_per_week),0) FROM curriculum cu JOIN classes c ON c.year_id=cu.year_id AND c.grade=cu.grade WHERE c.id=${load.class_id} AND cu.subject_id=${load.subject_id}`));
  const expected = lessonsN > 0 ? lessonsN : weekly * 34;
  assert.equal(plan.hours_expected, expected);
  assert.equal(plan.hours_source, lessonsN > 0 ? 'lessons' : 'curriculum');

  // чужой учитель не видит и не правит; список ему не показывает этот план
  r = await api('GET', `/api/v1/plans/${plan.id}`, { token: other.token });
  assertError(r, 403);
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: other.token, body: { topics: TOPICS } });
  assertError(r, 403);
  r = await api('GET', `/api/v1/plans?class=${load.class_id}&subject=${load.subject_id}&limit=500`, { token: other.token });
  assertStatus(r, 200);
  assert.ok(!r.json.items.some((p) => p.id === plan.id), 'чужой план в списке');
  r = await api('GET', `/api/v1/plans?limit=500&teacher=${load.teacher_id}`, { token: teacher.token });
  assert.ok(r.json.items.some((p) => p.id === plan.id), 'своего плана нет в списке');

  // темы: проверка значений и замена списка
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: [{ title: 'Тема', hours: 0 }] } });
  assertError(r, 400, 'invalid_value', 'topics[0].hours');
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: [{ title: 'Тема', hours: 1, lesson_type: 'пикник' }] } });
  assertError(r, 400, 'invalid_value', 'topics[0].lesson_type');
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: TOPICS } });
  assertStatus(r, 200, 'темы');
  assert.equal(r.json.hours_total, 5);
  assert.equal(r.json.hours_diff, 5 - expected);
  assert.deepEqual(r.json.topics.map((x) => [x.position, x.title, x.hours, x.lesson_type]), TOPICS.map((x, i) => [i + 1, x.title, x.hours, x.lesson_type]));

  // экспорт CSV
  r = await api('GET', `/api/v1/plans/${plan.id}/export?format=csv`, { token: teacher.token });
  assertStatus(r, 200, 'экспорт');
  const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '№;Тема;Часы;Тип урока;КЭС;Домашнее задание');
  assert.equal(lines[1], '1;Числа и действия с ними;2;урок;1.1;"§ 1, № 5"');
  assert.equal(lines[3], '3;Величины;2;практическая работа;"1.2, 1.3";§ 2');
  r = await api('GET', `/api/v1/plans/${plan.id}/export?format=xlsx`, { token: teacher.token });
  assertStatus(r, 200);
  r = await api('GET', `/api/v1/plans/${plan.id}/export?format=pdf`, { token: teacher.token });
  assertError(r, 400, 'invalid_parameter', 'format');

  // импорт с плохими строками: ничего не меняется, каждая ошибка названа
  const bad = '№;Тема;Часы;Тип урока;КЭС;Домашнее задание\r\n1;Хорошая тема;1;урок;;\r\n2;;1;урок;;\r\n3;Тема три;ноль;урок;;\r\n4;Тема четыре;2;пикник;;\r\n';
  r = await api('POST', `/api/v1/plans/${plan.id}/import`, { token: teacher.token, rawBody: bad, contentType: 'text/csv' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.errors.map((e) => [e.row, e.column]), [[3, 'Тема'], [4, 'Часы'], [5, 'Тип урока']]);
  for (const e of r.json.errors) assert.match(e.message, /[а-я]/);
  r = await api('GET', `/api/v1/plans/${plan.id}`, { token: teacher.token });
  assert.equal(r.json.topics.length, 3, 'импорт с ошибками что-то изменил');
  // хороший импорт заменяет темы
  const good = 'Тема;Часы;Тип урока\r\nПервая;1,5;Урок\r\nВторая;2;зачёт\r\n';
  r = await api('POST', `/api/v1/plans/${plan.id}/import`, { token: teacher.token, rawBody: good, contentType: 'text/csv' });
  assertStatus(r, 200, 'импорт');
  assert.deepEqual(r.json.topics.map((x) => [x.title, x.hours, x.lesson_type]), [['Первая', 1.5, 'урок'], ['Вторая', 2, 'зачёт']]);
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: TOPICS } });
  assertStatus(r, 200);

  // утверждение: учитель не утверждает; отправляет; завуч утверждает; учителю — только чтение
  r = await api('POST', `/api/v1/plans/${plan.id}/approve`, { token: teacher.token });
  assertError(r, 403);
  r = await api('POST', `/api/v1/plans/${plan.id}/submit`, { token: teacher.token });
  assertStatus(r, 200);
  assert.equal(r.json.status, 'submitted');
  r = await api('POST', `/api/v1/plans/${plan.id}/approve`, { token: head.token });
  assertStatus(r, 200, 'утверждение');
  assert.equal(r.json.status, 'approved');
  assert.equal(r.json.can_edit, true);
  r = await api('GET', `/api/v1/plans/${plan.id}`, { token: teacher.token });
  assert.equal(r.json.can_edit, false);
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: TOPICS.slice(0, 1) } });
  const e = assertError(r, 409, 'plan_approved');
  assert.equal(e.message, 'План утверждён: редактирование недоступно, пока его не вернут');
  r = await api('POST', `/api/v1/plans/${plan.id}/import`, { token: teacher.token, rawBody: good, contentType: 'text/csv' });
  assertError(r, 409, 'plan_approved');
  r = await api('DELETE', `/api/v1/plans/${plan.id}`, { token: teacher.token });
  assertError(r, 409, 'plan_approved');
  // возврат с комментарием
  r = await api('POST', `/api/v1/plans/${plan.id}/return`, { token: head.token, body: {} });
  assertError(r, 400, undefined, 'comment');
  r = await api('POST', `/api/v1/plans/${plan.id}/return`, { token: head.token, body: { comment: 'Добавьте экскурсию' } });
  assertStatus(r, 200);
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.comment, 'Добавьте экскурсию');
  r = await api('PUT', `/api/v1/plans/${plan.id}`, { token: teacher.token, body: { topics: TOPICS } });
  assertStatus(r, 200, 'правка возвращённого плана');

  // копия в параллельный класс
  r = await api('POST', `/api/v1/plans/${plan.id}/copy`, { token: teacher.token, body: { class_id: load.class_id } });
  assertError(r, 422, 'not_parallel');
  r = await api('POST', `/api/v1/plans/${plan.id}/copy`, { token: other.token, body: { class_id: s.parallel.class_id } });
  assertError(r, 403);
  const copier = s.teacherTeachesParallel ? teacher : head;
  r = await api('POST', `/api/v1/plans/${plan.id}/copy`, { token: copier.token, body: { class_id: s.parallel.class_id } });
  assertStatus(r, 201, 'копия');
  assert.equal(r.json.class_id, s.parallel.class_id);
  assert.equal(r.json.status, 'draft');
  assert.deepEqual(r.json.topics.map((x) => x.title), TOPICS.map((x) => x.title));
  const copyId = r.json.id;
  r = await api('POST', `/api/v1/plans/${plan.id}/copy`, { token: copier.token, body: { class_id: s.parallel.class_id } });
  assertError(r, 409, 'plan_exists');
  r = await api('DELETE', `/api/v1/plans/${copyId}`, { token: head.token });
  assertStatus(r, 200);

  // заполнение уроков: свои уроки, если у класса их нет
  const ts = Math.floor(Date.now() / 1000);
  const base = `(SELECT school_id FROM classes WHERE id=${load.class_id}), (SELECT p.id FROM periods p JOIN classes c ON c.year_id=p.year_id WHERE c.id=${load.class_id} ORDER BY p.start_date LIMIT 1)`;
  const mk = (date) => sql(`INSERT INTO lessons(school_id, period_id, date, lesson_number, class_id, subject_id, teacher_id, created_at) VALUES (${base}, '${date}', 7, ${load.class_id}, ${load.subject_id}, ${load.teacher_id}, ${ts}); SELECT last_insert_rowid();`);
  let ids = [];
  if (lessonsN === 0) ids = ['2026-09-10', '2026-09-03', '2026-09-17', '2026-09-08'].map(mk);
  const lessons = () => sql(`SELECT id, date, topic, homework FROM lessons WHERE class_id=${load.class_id} AND subject_id=${load.subject_id} AND subgroup_id IS NULL AND status<>'cancelled' ORDER BY date, lesson_number, id`).split('\n').filter(Boolean).map((l) => l.split('|'));
  const before = lessons();
  const empties = before.filter((l) => l[2] === '').length;
  r = await api('POST', `/api/v1/plans/${plan.id}/apply`, { token: other.token });
  assertError(r, 403);
  r = await api('POST', `/api/v1/plans/${plan.id}/apply`, { token: teacher.token });
  assertStatus(r, 200, 'заполнение');
  assert.equal(r.json.filled, Math.min(empties, 5));
  const slots = ['Числа и действия с ними', 'Числа и действия с ними', 'Проверочная по числам', 'Величины', 'Величины'];
  const after = lessons();
  const filled = after.filter((l, i) => before[i][2] === '');
  filled.slice(0, 5).forEach((l, i) => assert.equal(l[2], slots[i], `урок ${l[1]}`));
  if (ids.length) {
    assert.deepEqual(after.map((l) => l[1]), ['2026-09-03', '2026-09-08', '2026-09-10', '2026-09-17']);
    assert.equal(after[0][3], '§ 1, № 5');
    // учитель ввёл свою тему; добавился урок; повторное заполнение продолжает после введённых
    sql(`UPDATE lessons SET topic='Своя тема' WHERE id=${after[1][0]}`);
    ids.push(mk('2026-09-24'));
    r = await api('POST', `/api/v1/plans/${plan.id}/apply`, { token: teacher.token });
    assertStatus(r, 200);
    assert.equal(r.json.filled, 1);
    assert.equal(r.json.kept, 4);
    const again = lessons();
    assert.deepEqual(again.map((l) => l[2]), ['Числа и действия с ними', 'Своя тема', 'Проверочная по числам', 'Величины', 'Величины']);
    sql(`DELETE FROM lessons WHERE id IN (${ids.join(',')})`);
  }

  // удаление: учитель — своего черновика; завуч видит всё
  r = await api('GET', `/api/v1/plans?status=approved&limit=5`, { token: head.token });
  assertStatus(r, 200);
  assert.ok(r.json.items.every((p) => p.status === 'approved'));
  r = await api('DELETE', `/api/v1/plans/${plan.id}`, { token: teacher.token });
  assertStatus(r, 200);
  r = await api('GET', `/api/v1/plans/${plan.id}`, { token: head.token });
  assertError(r, 404);
});
