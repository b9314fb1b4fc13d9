// Уроки по датам (M-07): создание из расписания с учётом каникул, пересоздание с сохранением
// уроков с данными, замены на дату с конфликтами, уведомления, мероприятия и права.
// Тестовая запись расписания добавляется прямо в базу (sqlite3): 12-й урок 1-го класса по вторникам
// в 3 четверти — такого урока в демо-расписании нет.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, DB, DEMO_PASSWORD } from './helpers.mjs';

const sql = (q) =>
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', DB, q], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|'));
const one = (q) => sql(q)[0]?.[0];

const adminUser = findUserForRole('admin');
const studentUser = findUserWithOnlyRole('student');

const days = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

function loginOf(personId) {
  return one(`SELECT login FROM users WHERE person_id = ${personId}`);
}

test('создание уроков по каникулам, пересоздание сохраняет урок с темой, повтор ничего не меняет', async () => {
  const admin = await loginOnce(adminUser.login);
  const [period, start, end, year] = sql("SELECT id, start_date, end_date, year_id FROM periods WHERE name = '3 четверть'")[0];
  const [cls, grade] = sql(`SELECT id, grade FROM classes WHERE year_id = ${year} AND grade = 1 ORDER BY name LIMIT 1`)[0];
  const [subject, teacher] = sql(`SELECT subject_id, teacher_id FROM timetable_entries WHERE class_id = ${cls} LIMIT 1`)[0];
  const hol = sql(`SELECT start_date, end_date FROM holidays WHERE year_id = ${year} AND grade_from <= ${grade} AND grade_to >= ${grade}`);
  // первая генерация периода (демо уже создало уроки, поэтому созданных 0 или больше, но повтор — ноль)
  let r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assertStatus(r, 200, 'генерация');
  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assert.deepEqual([r.json.created, r.json.removed, r.json.kept_flagged], [0, 0, 0], 'повтор должен ничего не менять');

  const entry = one(
    `INSERT INTO timetable_entries (school_id, period_id, weekday, lesson_number, class_id, subject_id, teacher_id, created_at)` +
      ` SELECT school_id, ${period}, 2, 12, ${cls}, ${subject}, ${teacher}, 0 FROM classes WHERE id = ${cls} RETURNING id`,
  );
  let expected = [];
  for (let d = days(start); d <= days(end); d++) {
    const s = iso(d);
    if (new Date(d * 86400000).getUTCDay() !== 2) continue;
    if (hol.some(([a, b]) => s >= a && s <= b)) continue;
    expected.push(s);
  }
  assert.ok(hol.some(([a, b]) => a >= start && b <= end), 'в 3 четверти должны быть каникулы для 1 классов');
  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assertStatus(r, 200, 'генерация с новой записью');
  assert.equal(r.json.created, expected.length, 'уроков столько, сколько вторников без каникул');
  const dates = sql(`SELECT date FROM lessons WHERE entry_id = ${entry} ORDER BY date`).map((x) => x[0]);
  assert.deepEqual(dates, expected);

  // урок в выдаче по классу, с номером и временем/предметом
  r = await api('GET', `/api/v1/lessons?class=${cls}&from=${expected[0]}&to=${expected[0]}`, { token: admin.token });
  assertStatus(r, 200, 'уроки класса');
  const mine = r.json.items.find((l) => l.lesson_number === 12);
  assert.ok(mine && mine.entry_id === Number(entry) && mine.subject && mine.teacher);

  // тема у одного урока, затем запись меняется: урок с темой сохраняется и помечается
  const keep = one(`SELECT id FROM lessons WHERE entry_id = ${entry} ORDER BY date LIMIT 1 OFFSET 2`);
  sql(`UPDATE lessons SET topic = 'Сложение в пределах 10' WHERE id = ${keep}`);
  sql(`UPDATE timetable_entries SET lesson_number = 11 WHERE id = ${entry}`);
  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assertStatus(r, 200, 'пересоздание');
  assert.deepEqual([r.json.created, r.json.removed, r.json.kept_flagged], [expected.length, expected.length - 1, 1]);
  r = await api('GET', `/api/v1/lessons/${keep}`, { token: admin.token });
  assertStatus(r, 200, 'сохранённый урок');
  assert.equal(r.json.flagged, true);
  assert.equal(r.json.topic, 'Сложение в пределах 10');
  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assert.deepEqual([r.json.created, r.json.removed, r.json.kept_flagged], [0, 0, 0], 'повтор после изменения');

  // запись исчезла: будущие уроки без данных удаляются
  sql(`DELETE FROM timetable_entries WHERE id = ${entry}`);
  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: Number(period) } });
  assert.deepEqual([r.json.created, r.json.removed, r.json.kept_flagged], [0, expected.length, 0]);
  assert.equal(one(`SELECT count(*) FROM lessons WHERE id = ${keep}`), '1', 'урок с темой не удалён');

  r = await api('POST', '/api/v1/lessons/generate', { token: admin.token, body: { period_id: 999999 } });
  assertError(r, 404, 'period_not_found');
  if (studentUser) {
    const st = await loginOnce(studentUser.login);
    r = await api('POST', '/api/v1/lessons/generate', { token: st.token, body: { period_id: Number(period) } });
    assertError(r, 403);
  }
});

// Урок будущей даты из демо с кабинетом, и другой урок в то же время (занятые учитель и кабинет).
function pickSlot(date) {
  const rows = sql(
    `SELECT l.id, l.class_id, l.lesson_number, l.teacher_id, IFNULL(l.room_id, 0) FROM lessons l WHERE l.date = '${date}'` +
      ` AND l.status = 'planned' AND l.extra = 0 AND l.room_id IS NOT NULL AND l.subgroup_id IS NULL` +
      ` AND NOT EXISTS (SELECT 1 FROM lesson_changes x WHERE x.lesson_id = l.id) ORDER BY l.lesson_number, l.id`,
  );
  for (const a of rows)
    for (const b of rows)
      if (a[2] === b[2] && a[0] !== b[0] && a[3] !== b[3] && a[4] !== b[4]) return { lesson: a, other: b };
  return null;
}

test('замена учителя: занятый учитель — 409, свободный — уведомления классу, родителям, учителям', async () => {
  const admin = await loginOnce(adminUser.login);
  const date = '2026-12-01';
  const s = pickSlot(date);
  assert.ok(s, 'нет подходящих уроков в демо');
  const [id, cls, num, teacher] = s.lesson;
  let r = await api('POST', `/api/v1/lessons/${id}/substitution`, { token: admin.token, body: { substitute_id: Number(s.other[3]), reason: 'Болезнь' } });
  assertError(r, 409, 'teacher_busy', 'substitute_id');
  r = await api('POST', `/api/v1/lessons/${id}/substitution`, { token: admin.token, body: { substitute_id: 1, reason: 'x' } });
  assert.ok(r.status === 422 || r.status === 409, `не учитель: ${r.status}`);
  const free = one(
    `SELECT DISTINCT t.teacher_id FROM timetable_entries t JOIN users u ON u.person_id = t.teacher_id WHERE t.teacher_id <> ${teacher}` +
      ` AND t.teacher_id NOT IN (SELECT COALESCE((SELECT substitute_id FROM lesson_changes x WHERE x.lesson_id = l.id AND x.kind = 'substitution'), l.teacher_id)` +
      ` FROM lessons l WHERE l.date = '${date}' AND l.lesson_number = ${num} AND l.status = 'planned') ORDER BY 1 LIMIT 1`,
  );
  const before = Number(one(`SELECT count(*) FROM notifications WHERE entity = 'lesson' AND entity_id = ${id}`));
  r = await api('POST', `/api/v1/lessons/${id}/substitution`, { token: admin.token, body: { substitute_id: Number(free), reason: 'Болезнь' } });
  assertStatus(r, 200, 'замена');
  assert.equal(r.json.substitute_id, Number(free));
  assert.deepEqual(r.json.changes, ['substitution']);
  const recipients = sql(
    `SELECT student_id FROM class_students WHERE class_id = ${cls} UNION SELECT parent_id FROM parent_links WHERE child_id IN` +
      ` (SELECT student_id FROM class_students WHERE class_id = ${cls}) UNION SELECT ${teacher} UNION SELECT ${free}`,
  ).map((x) => x[0]);
  const got = sql(`SELECT person_id FROM notifications WHERE entity = 'lesson' AND entity_id = ${id} AND id > 0 ORDER BY id`).map((x) => x[0]).slice(before);
  assert.equal(r.json.notified, recipients.length);
  assert.deepEqual([...got].sort(), [...recipients].sort(), 'каждому по одному уведомлению');
  // заменяющий видит уведомление и урок в своём списке
  const subLogin = loginOf(free);
  if (subLogin) {
    const sub = await loginOnce(subLogin, DEMO_PASSWORD);
    r = await api('GET', '/api/v1/notifications', { token: sub.token });
    assertStatus(r, 200, 'уведомления заменяющего');
    const n = r.json.items.find((x) => x.entity === 'lesson' && x.entity_id === Number(id));
    assert.ok(n, 'нет уведомления о замене');
    assert.match(n.title, /^Замена: \d\d\.\d\d, \d+ урок, .+ — .+/);
    assert.ok(r.json.unread >= 1);
    r = await api('POST', `/api/v1/notifications/${n.id}/read`, { token: sub.token, csrf: sub.csrf });
    assertStatus(r, 200, 'прочитано');
    r = await api('GET', '/api/v1/notifications', { token: sub.token });
    assert.equal(r.json.items.find((x) => x.id === n.id).read, true);
    r = await api('GET', `/api/v1/lessons?teacher=${free}&from=${date}&to=${date}`, { token: sub.token });
    assertStatus(r, 200, 'уроки заменяющего');
    assert.ok(r.json.items.some((l) => l.id === Number(id)), 'замещаемый урок в списке учителя');
    // чужое уведомление
    const foreign = one(`SELECT id FROM notifications WHERE person_id <> ${free} LIMIT 1`);
    r = await api('POST', `/api/v1/notifications/${foreign}/read`, { token: sub.token });
    assertError(r, 404);
  }
});

test('замена кабинета, отмена, дополнительный урок: конфликты 409', async () => {
  const admin = await loginOnce(adminUser.login);
  const date = '2026-12-02';
  const s = pickSlot(date);
  assert.ok(s, 'нет подходящих уроков в демо');
  const [id, cls, num] = s.lesson;
  let r = await api('POST', `/api/v1/lessons/${id}/room`, { token: admin.token, body: { room_id: Number(s.other[4]) } });
  assertError(r, 409, 'room_busy', 'room_id');
  const freeRoom = one(
    `SELECT id FROM rooms WHERE archived = 0 AND id NOT IN (SELECT IFNULL(room_id, 0) FROM lessons WHERE date = '${date}' AND lesson_number = ${num} AND status = 'planned') LIMIT 1`,
  );
  r = await api('POST', `/api/v1/lessons/${id}/room`, { token: admin.token, body: { room_id: Number(freeRoom), reason: 'Ремонт' } });
  assertStatus(r, 200, 'замена кабинета');
  assert.equal(r.json.room_id, Number(freeRoom));
  assert.ok(r.json.notified > 2);
  r = await api('POST', `/api/v1/lessons/${id}/cancel`, { token: admin.token, body: { reason: 'Карантин' } });
  assertStatus(r, 200, 'отмена');
  assert.equal(r.json.status, 'cancelled');
  assert.deepEqual(r.json.changes, ['room', 'cancel']);
  r = await api('POST', `/api/v1/lessons/${id}/cancel`, { token: admin.token, body: {} });
  assertError(r, 409, 'lesson_cancelled');
  r = await api('GET', `/api/v1/lessons/${id}`, { token: admin.token });
  assert.deepEqual(r.json.change_log.map((c) => c.kind), ['room', 'cancel']);
  r = await api('GET', `/api/v1/audit?entity=lesson&entity_id=${id}`, { token: admin.token });
  assertStatus(r, 200, 'журнал действий');
  assert.equal(r.json.items.length, 2, 'каждое изменение записано в журнал действий');
  assert.ok(r.json.items.every((a) => a.op === 'timetable.edit' && a.old && a.new && a.new.change));

  // дополнительный урок: класс занят в тот же номер урока (другой урок класса) — 409
  const [other, onum, subj, teacher] = sql(
    `SELECT id, lesson_number, subject_id, teacher_id FROM lessons WHERE class_id = ${cls} AND date = '${date}' AND status = 'planned' AND subgroup_id IS NULL ORDER BY lesson_number LIMIT 1`,
  )[0];
  assert.ok(other);
  r = await api('POST', '/api/v1/lessons/extra', {
    token: admin.token,
    body: { date, lesson_number: Number(onum), class_id: Number(cls), subject_id: Number(subj), teacher_id: Number(teacher) },
  });
  assertError(r, 409, 'class_busy');
  // номер урока, свободный у класса, второго класса и учителя (тест можно повторять на той же базе)
  const cls2 = one(`SELECT id FROM classes WHERE id <> ${cls} AND year_id = (SELECT year_id FROM classes WHERE id = ${cls}) ORDER BY id LIMIT 1`);
  const busyNums = new Set(
    sql(`SELECT DISTINCT lesson_number FROM lessons WHERE date = '${date}' AND status = 'planned' AND (class_id IN (${cls}, ${cls2}) OR teacher_id = ${teacher})`).map((x) => Number(x[0])),
  );
  const n = [12, 11, 10, 9, 8, 7].find((x) => !busyNums.has(x));
  assert.ok(n, 'нет свободного номера урока');
  const room2 = one(`SELECT id FROM rooms WHERE archived = 0 AND id NOT IN (SELECT IFNULL(room_id, 0) FROM lessons WHERE date = '${date}' AND lesson_number = ${n} AND status = 'planned') LIMIT 1`);
  r = await api('POST', '/api/v1/lessons/extra', {
    token: admin.token,
    body: { date, lesson_number: n, class_id: Number(cls), subject_id: Number(subj), teacher_id: Number(teacher), room_id: Number(room2) },
  });
  assertStatus(r, 201, 'дополнительный урок');
  assert.equal(r.json.extra, true);
  assert.ok(r.json.notified > 2);
  // тот же учитель в то же время в другом классе — 409
  r = await api('POST', '/api/v1/lessons/extra', {
    token: admin.token,
    body: { date, lesson_number: n, class_id: Number(cls2), subject_id: Number(subj), teacher_id: Number(teacher) },
  });
  assertError(r, 409, 'teacher_busy');
  r = await api('POST', '/api/v1/lessons/extra', {
    token: admin.token,
    body: { date: '2026-12-31', lesson_number: 1, class_id: Number(cls2), subject_id: Number(subj), teacher_id: Number(teacher) },
  });
  assertError(r, 422, 'date_outside_periods');
});

test('уроки: ученик видит свой класс, но не чужой; учитель не может делать замены', async () => {
  const teacherUser = findUserWithOnlyRole('teacher');
  const student = findUserWithOnlyRole('student');
  if (student) {
    const st = await loginOnce(student.login);
    const own = one(`SELECT cs.class_id FROM class_students cs JOIN users u ON u.person_id = cs.student_id WHERE u.login = '${student.login}'`);
    const other = one(`SELECT id FROM classes WHERE id <> ${own} LIMIT 1`);
    let r = await api('GET', `/api/v1/lessons?class=${own}&from=2026-12-01&to=2026-12-05`, { token: st.token });
    assertStatus(r, 200, 'свой класс');
    assert.ok(r.json.items.length > 0);
    r = await api('GET', `/api/v1/lessons?class=${other}&from=2026-12-01&to=2026-12-05`, { token: st.token });
    assertError(r, 403);
    r = await api('GET', `/api/v1/lessons?class=${own}&from=2026-12-01&to=2027-05-05`, { token: st.token });
    assertError(r, 400, 'invalid_range');
  }
  if (teacherUser) {
    const t = await loginOnce(teacherUser.login);
    const id = one("SELECT id FROM lessons WHERE date = '2026-12-03' LIMIT 1");
    const r = await api('POST', `/api/v1/lessons/${id}/cancel`, { token: t.token, body: {} });
    assertError(r, 403);
  }
});

test('мероприятия: создание, изменение, удаление; права школы и своего класса', async () => {
  const admin = await loginOnce(adminUser.login);
  let r = await api('POST', '/api/v1/events', {
    token: admin.token,
    body: { title: 'Лыжные соревнования', date: '2027-02-10', start_time: '10:00', end_time: '12:00', place: 'Стадион', audience: 'school' },
  });
  assertStatus(r, 201, 'создание');
  const id = r.json.id;
  assert.equal(r.json.audience_title, 'Вся школа');
  r = await api('PUT', `/api/v1/events/${id}`, {
    token: admin.token,
    body: { title: 'Лыжные соревнования «Лыжня России»', date: '2027-02-11', start_time: '10:00', end_time: '09:00' },
  });
  assertError(r, 422, 'invalid_time', 'end_time');
  r = await api('PUT', `/api/v1/events/${id}`, { token: admin.token, body: { title: 'Лыжня России', date: '2027-02-11', place: 'Стадион' } });
  assertStatus(r, 200, 'изменение');
  r = await api('GET', '/api/v1/events?from=2027-02-01&to=2027-02-28', { token: admin.token });
  assert.ok(r.json.items.some((e) => e.id === id && e.title === 'Лыжня России'));
  r = await api('GET', '/api/v1/events?from=2026-10-01&to=2026-12-31', { token: admin.token });
  assert.ok(r.json.items.some((e) => e.title === 'Осенний бал' && e.date === '2026-10-23'), 'демо-мероприятия');

  // классный руководитель: своё — можно, чужой класс и школьное — 403
  const ct = sql(
    "SELECT u.login, c.id FROM classes c JOIN users u ON u.person_id = c.class_teacher_id JOIN user_roles ur ON ur.user_id = u.id" +
      ' WHERE ur.role_id = 3 AND NOT EXISTS (SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND x.role_id IN (1, 4)) LIMIT 1',
  )[0];
  if (ct) {
    const [ctLogin, ctClass] = ct;
    const other = one(`SELECT id FROM classes WHERE id <> ${ctClass} LIMIT 1`);
    const t = await loginOnce(ctLogin);
    r = await api('POST', '/api/v1/events', { token: t.token, body: { title: 'Классный час', date: '2026-12-04', audience: 'class', class_id: Number(ctClass) } });
    assertStatus(r, 201, 'событие своего класса');
    const own = r.json.id;
    r = await api('POST', '/api/v1/events', { token: t.token, body: { title: 'Чужое', date: '2026-12-04', audience: 'class', class_id: Number(other) } });
    assertError(r, 403);
    r = await api('POST', '/api/v1/events', { token: t.token, body: { title: 'Школьное', date: '2026-12-04' } });
    assertError(r, 403);
    r = await api('DELETE', `/api/v1/events/${id}`, { token: t.token });
    assertError(r, 403);
    r = await api('DELETE', `/api/v1/events/${own}`, { token: t.token });
    assertStatus(r, 200, 'удаление своего');
  }
  if (studentUser) {
    const st = await loginOnce(studentUser.login);
    r = await api('POST', '/api/v1/events', { token: st.token, body: { title: 'x', date: '2026-12-04' } });
    assertError(r, 403);
    r = await api('GET', '/api/v1/events?from=2026-10-01&to=2026-12-31', { token: st.token });
    assertStatus(r, 200, 'ученик видит мероприятия');
    assert.ok(r.json.items.every((e) => e.audience === 'school' || e.audience === 'class'), 'ученику не видны мероприятия для сотрудников');
  }
  r = await api('DELETE', `/api/v1/events/${id}`, { token: admin.token });
  assertStatus(r, 200, 'удаление');
  r = await api('GET', `/api/v1/events/${id}`, { token: admin.token });
  assertError(r, 404, 'event_not_found');
});
