// Сведения о школе, региональные настройки, настройки школы и справочники (M-03).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, CYRILLIC } from './helpers.mjs';

const adminUser = findUserForRole('admin');
const teacherUser = findUserWithOnlyRole('teacher');
const secretaryUser = findUserForRole('secretary');
const parentUser = findUserWithOnlyRole('parent');
const studentUser = findUserWithOnlyRole('student');

const admin = () => loginOnce(adminUser.login);
const teacher = () => loginOnce(teacherUser.login);
const tag = `${process.pid}-${Date.now() % 100000}`;

function todayIn(tz, at = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

async function auditEntries(token, op, entity) {
  const r = await api('GET', `/api/v1/audit?op=${encodeURIComponent(op)}&limit=50`, { token });
  assertStatus(r, 200, 'журнал действий');
  return r.json.items.filter((x) => !entity || x.entity === entity);
}

// ---------------------------------------------------------------- card

test('карточка школы: все поля каталога, название, пояс и «сегодня»; видна всем ролям школы', async () => {
  const a = await admin();
  const r = await api('GET', '/api/v1/school', { token: a.token });
  assertStatus(r, 200, 'GET /school');
  const { school, card, fields, education_levels: levels } = r.json;
  assert.equal(typeof school.id, 'number');
  assert.match(school.short_name, /СОШ № 17/);
  assert.equal(card.full_name, school.name);
  assert.equal(card.short_name, school.short_name);
  assert.match(school.today, /^\d{4}-\d{2}-\d{2}$/);
  const names = fields.map((f) => f.name);
  for (const k of ['full_name', 'short_name', 'legal_address', 'postal_address', 'director', 'deputies', 'phones', 'fax',
    'email', 'site', 'inn', 'kpp', 'ogrn', 'okpo', 'okato', 'okogu', 'okopf', 'okfs', 'okved', 'specialisation',
    'education_levels', 'licence_number', 'licence_date', 'accreditation_number', 'accreditation_date']) {
    assert.ok(names.includes(k), `в каталоге нет поля ${k}`);
    assert.ok(k in card, `в карточке нет поля ${k}`);
  }
  for (const f of fields) assert.match(f.label, CYRILLIC, `подпись поля ${f.name} не по-русски`);
  assert.ok(levels.some((l) => l.code === 'ООО'));
  // demo card: valid INN/OGRN of a Samara school
  assert.match(card.inn, /^63\d{8}$/);
  assert.match(card.ogrn, /^\d{13}$/);
  assert.ok(Array.isArray(card.deputies) && card.deputies.length >= 1 && card.deputies[0].name);
  assert.deepEqual(card.education_levels, ['НОО', 'ООО', 'СОО']);

  for (const u of [teacherUser, parentUser, studentUser, secretaryUser].filter(Boolean)) {
    const s = await loginOnce(u.login);
    const g = await api('GET', '/api/v1/school', { token: s.token });
    assertStatus(g, 200, `GET /school для ${u.login}`);
    assert.equal(g.json.card.inn, card.inn);
  }
});

test('изменение реквизитов: частичное, с проверкой, в журнале старое и новое значения', async () => {
  const a = await admin();
  const before = (await api('GET', '/api/v1/school', { token: a.token })).json.card;
  const phone = `+7 (846) 200-${String(process.pid % 100).padStart(2, '0')}-${String(Date.now() % 100).padStart(2, '0')}`;
  try {
    const r = await api('PUT', '/api/v1/school', { token: a.token, body: { phones: [phone], site: 'https://school17.example.ru' } });
    assertStatus(r, 200, 'PUT /school');
    assert.deepEqual(r.json.card.phones, [phone]);
    assert.equal(r.json.card.site, 'https://school17.example.ru');
    assert.equal(r.json.card.inn, before.inn, 'остальные поля не тронуты');
    assert.equal(r.json.card.director, before.director);

    const again = await api('GET', '/api/v1/school', { token: a.token });
    assert.deepEqual(again.json.card.phones, [phone]);

    const entry = (await auditEntries(a.token, 'school.card.edit', 'school_card'))
      .find((x) => x.new && Array.isArray(x.new.phones) && x.new.phones[0] === phone);
    assert.ok(entry, 'нет записи school.card.edit с новым телефоном');
    assert.deepEqual(entry.old.phones, before.phones);
    assert.equal(entry.old.site, before.site);
    assert.equal(entry.new.site, 'https://school17.example.ru');
    assert.ok(!('inn' in entry.new), 'в журнале только изменённые поля');
    assert.equal(entry.user_id, a.user.id);

    // clearing an optional field; the names cannot be cleared
    const cl = await api('PUT', '/api/v1/school', { token: a.token, body: { fax: '' } });
    assertStatus(cl, 200, 'очистка факса');
    assert.equal(cl.json.card.fax, '');
    assertError(await api('PUT', '/api/v1/school', { token: a.token, body: { short_name: '' } }), 422, undefined, 'short_name');
  } finally {
    const restore = await api('PUT', '/api/v1/school', { token: a.token, body: { phones: before.phones, site: before.site, fax: before.fax } });
    assertStatus(restore, 200, 'возврат реквизитов');
  }
});

test('реквизиты: неизвестное поле — 400, неверные ИНН/ОГРН/КПП/почта/дата — 422 с именем поля', async () => {
  const a = await admin();
  const put = (body) => api('PUT', '/api/v1/school', { token: a.token, body });
  assertError(await put({ phones: ['+7 846 1234567'], favourite_colour: 'синий' }), 400, 'unknown_field', 'favourite_colour');
  assertError(await put({ inn: '6316017235' }), 422, 'invalid_checksum', 'inn');
  assertError(await put({ inn: '63160172' }), 422, 'invalid_format', 'inn');
  assertError(await put({ inn: '63160172AB' }), 422, 'invalid_format', 'inn');
  assertError(await put({ ogrn: '1026301234564' }), 422, 'invalid_checksum', 'ogrn');
  assertError(await put({ ogrn: '10263012345' }), 422, 'invalid_format', 'ogrn');
  assertError(await put({ kpp: '63160100' }), 422, 'invalid_format', 'kpp');
  assertError(await put({ email: 'not-an-email' }), 422, 'invalid_format', 'email');
  assertError(await put({ licence_date: '2015-02-30' }), 422, 'invalid_date', 'licence_date');
  assertError(await put({ education_levels: ['ВУЗ'] }), 422, 'invalid_value', 'education_levels');
  assertError(await put({ phones: 'не список' }), 400, 'wrong_type', 'phones');
  assertError(await put({ deputies: [{ name: 'Иванов И. И.', salary: 1 }] }), 400, 'unknown_field', 'deputies');
  assertError(await put({ inn: 6316017234 }), 400, 'wrong_type', 'inn');
  // a rejected request changes nothing (the unknown field came with a valid phone)
  const g = await api('GET', '/api/v1/school', { token: a.token });
  assert.ok(!g.json.card.phones.includes('+7 846 1234567'));
  // a valid INN and OGRN pass
  const ok = await put({ inn: g.json.card.inn, ogrn: g.json.card.ogrn, kpp: g.json.card.kpp });
  assertStatus(ok, 200, 'верные ИНН/ОГРН');
});

test('права: учитель, секретарь и родитель не меняют реквизиты, пояс и настройки (403)', async () => {
  for (const u of [teacherUser, secretaryUser, parentUser].filter(Boolean)) {
    const s = await loginOnce(u.login);
    assertError(await api('PUT', '/api/v1/school', { token: s.token, body: { fax: '' } }), 403);
    assertError(await api('PUT', '/api/v1/school/region-settings', { token: s.token, body: { timezone: 'Europe/Moscow' } }), 403);
    assertError(await api('PUT', '/api/v1/school/settings', { token: s.token, body: { lock_days: 3 } }), 403);
  }
  const t = await teacher();
  assertError(await api('POST', '/api/v1/dictionaries/rooms', { token: t.token, body: { name: `T-${tag}` } }), 403);
  assertError(await api('PUT', '/api/v1/dictionaries/rooms/1', { token: t.token, body: { capacity: 1 } }), 403);
  assertError(await api('DELETE', '/api/v1/dictionaries/rooms/1', { token: t.token }), 403);
  assertError(await api('GET', '/api/v1/school'), 401);
});

// ---------------------------------------------------------------- regional settings

test('часовой пояс: только известные ICU зоны; «сегодня» считается в поясе школы; в журнале', async () => {
  const a = await admin();
  const start = (await api('GET', '/api/v1/school', { token: a.token })).json.school.timezone;
  const put = (timezone) => api('PUT', '/api/v1/school/region-settings', { token: a.token, body: { timezone } });
  assertError(await put('Europe/Atlantis'), 422, 'invalid_timezone', 'timezone');
  assertError(await put('Самара'), 422, 'invalid_timezone', 'timezone');
  assertError(await put(''), 422, 'invalid_timezone', 'timezone');
  assertError(await api('PUT', '/api/v1/school/region-settings', { token: a.token, body: { timezone: 'Europe/Samara', dst: true } }), 400, 'unknown_field', 'dst');
  const other = start === 'Asia/Yekaterinburg' ? 'Europe/Moscow' : 'Asia/Yekaterinburg';
  try {
    const r = await put(other);
    assertStatus(r, 200, 'смена пояса');
    assert.equal(r.json.timezone, other);
    assert.equal(r.json.today, todayIn(other));
    const g = await api('GET', '/api/v1/school', { token: a.token });
    assert.equal(g.json.school.timezone, other);
    assert.equal(g.json.school.today, todayIn(other));
    const entry = (await auditEntries(a.token, 'school.region_settings.edit'))
      .find((x) => x.new && x.new.timezone === other && x.old && x.old.timezone === start);
    assert.ok(entry, 'нет записи о смене пояса со старым и новым значением');
  } finally {
    assertStatus(await put(start), 200, 'возврат пояса');
  }
});

// ---------------------------------------------------------------- school settings

test('настройки школы: значения по умолчанию, без секретов; видны всем, меняет администратор', async () => {
  const a = await admin();
  const r = await api('GET', '/api/v1/school/settings', { token: a.token });
  assertStatus(r, 200, 'GET settings');
  for (const k of ['mark_min', 'mark_max', 'noo_last_grade', 'ooo_last_grade', 'averaging', 'round_threshold', 'lock_days',
    'forbid_past_homework', 'period_marks_due_days', 'notify_email', 'smtp_host', 'smtp_port', 'smtp_from',
    'smtp_password_set', 'notify_sms', 'sms_gateway_url', 'sms_sender', 'sms_token_set'])
    assert.ok(k in r.json, `нет поля ${k}`);
  assert.ok(!('smtp_password' in r.json) && !('sms_token' in r.json));
  assert.ok(r.json.mark_min < r.json.mark_max);
  const t = await teacher();
  const tr = await api('GET', '/api/v1/school/settings', { token: t.token });
  assertStatus(tr, 200, 'учитель видит шкалу');
  assert.equal(tr.json.mark_max, r.json.mark_max);
  assert.equal(tr.json.lock_days, r.json.lock_days);
  for (const k of ['smtp_host', 'smtp_user', 'smtp_password_set', 'sms_gateway_url', 'sms_token_set'])
    assert.ok(!(k in tr.json), `учителю не нужны настройки уведомлений (${k})`);
});

test('настройки школы: проверка правил (422/400) и секреты не возвращаются и не попадают в журнал', async () => {
  const a = await admin();
  const put = (body) => api('PUT', '/api/v1/school/settings', { token: a.token, body });
  const before = (await api('GET', '/api/v1/school/settings', { token: a.token })).json;
  assertError(await put({ mark_min: 5, mark_max: 5 }), 422, 'mark_range', 'mark_min');
  assertError(await put({ mark_min: 6 }), 422, 'mark_range', 'mark_min');
  assertError(await put({ mark_max: 11 }), 422, 'out_of_range', 'mark_max');
  assertError(await put({ mark_min: 0 }), 422, 'out_of_range', 'mark_min');
  assertError(await put({ noo_last_grade: 9, ooo_last_grade: 9 }), 422, 'level_bounds');
  assertError(await put({ ooo_last_grade: 11 }), 422, 'out_of_range', 'ooo_last_grade');
  assertError(await put({ averaging: 'median' }), 422, 'invalid_value', 'averaging');
  assertError(await put({ round_threshold: 0.95 }), 422, 'out_of_range', 'round_threshold');
  assertError(await put({ round_threshold: 0.4 }), 422, 'out_of_range', 'round_threshold');
  assertError(await put({ lock_days: 400 }), 422, 'out_of_range', 'lock_days');
  assertError(await put({ lock_days: '7' }), 400, 'wrong_type', 'lock_days');
  assertError(await put({ sms_gateway_url: 'ftp://sms.example.ru/send' }), 422, 'invalid_url', 'sms_gateway_url');
  assertError(await put({ sms_gateway_url: 'sms.example.ru' }), 422, 'invalid_url', 'sms_gateway_url');
  assertError(await put({ notify_sms: true, sms_gateway_url: '' }), 422, 'sms_incomplete', 'sms_gateway_url');
  assertError(await put({ notify_email: true, smtp_host: '' }), 422, 'email_incomplete', 'smtp_host');
  assertError(await put({ smtp_from: 'школа' }), 422, 'invalid_format', 'smtp_from');
  assertError(await put({ colour: 'red' }), 400, 'unknown_field', 'colour');
  assert.deepEqual((await api('GET', '/api/v1/school/settings', { token: a.token })).json, before, 'отклонённые запросы ничего не меняют');

  const secret = `Sekret-${tag}`;
  const token = `tok-${tag}-xyz`;
  try {
    const r = await put({
      mark_min: 1, mark_max: 10, averaging: 'arithmetic', round_threshold: 0.6, lock_days: 10, forbid_past_homework: true,
      notify_email: true, smtp_host: 'smtp.example.ru', smtp_port: 587, smtp_user: 'school17', smtp_password: secret,
      smtp_from: 'school17@example.ru', notify_sms: true, sms_gateway_url: 'https://sms.example.ru/api/send',
      sms_sender: 'School17', sms_token: token,
    });
    assertStatus(r, 200, 'PUT settings');
    assert.equal(r.json.mark_min, 1);
    assert.equal(r.json.mark_max, 10);
    assert.equal(r.json.averaging, 'arithmetic');
    assert.equal(r.json.round_threshold, 0.6);
    assert.equal(r.json.smtp_password_set, true);
    assert.equal(r.json.sms_token_set, true);
    assert.ok(!r.text.includes(secret) && !r.text.includes(token), 'секреты в ответе PUT');
    const g = await api('GET', '/api/v1/school/settings', { token: a.token });
    assert.ok(!g.text.includes(secret) && !g.text.includes(token), 'секреты в ответе GET');
    assert.equal(g.json.smtp_password_set, true);

    const audit = await api('GET', '/api/v1/audit?op=school.settings.edit&limit=20', { token: a.token });
    assert.ok(!audit.text.includes(secret) && !audit.text.includes(token), 'секреты в журнале действий');
    const entry = audit.json.items.find((x) => x.new && x.new.round_threshold === 0.6 && x.new.mark_min === 1);
    assert.ok(entry, 'нет записи school.settings.edit');
    assert.equal(entry.old.mark_min, before.mark_min);
    assert.equal(entry.old.averaging, before.averaging);
    assert.equal(entry.new.smtp_password_set, true);

    // an update without the password keeps it
    const k = await put({ lock_days: 11 });
    assert.equal(k.json.smtp_password_set, true);
    // a scale whose minimum rises above the old maximum in one request is fine
    assertStatus(await put({ mark_min: 6, mark_max: 10 }), 200, 'min и max вместе');
  } finally {
    const restore = await put({
      mark_min: before.mark_min, mark_max: before.mark_max, averaging: before.averaging,
      round_threshold: before.round_threshold, lock_days: before.lock_days,
      forbid_past_homework: before.forbid_past_homework, notify_email: false, notify_sms: false,
      smtp_host: before.smtp_host, smtp_port: before.smtp_port, smtp_user: before.smtp_user, smtp_password: '',
      smtp_from: before.smtp_from, sms_gateway_url: before.sms_gateway_url, sms_sender: before.sms_sender, sms_token: '',
    });
    assertStatus(restore, 200, 'возврат настроек');
    assert.equal(restore.json.smtp_password_set, false);
  }
});

// ---------------------------------------------------------------- dictionaries

test('справочники по умолчанию: виды работ с весами, коды посещаемости и отметок, должности, кабинеты', async () => {
  const t = await teacher();
  const get = async (kind) => {
    const r = await api('GET', `/api/v1/dictionaries/${kind}?limit=500`, { token: t.token });
    assertStatus(r, 200, kind);
    assert.equal(r.json.kind, kind);
    assert.equal(r.json.total, r.json.items.length);
    return r.json.items;
  };
  const wt = await get('work-types');
  const weight = (n) => wt.find((x) => x.name === n)?.weight;
  assert.equal(weight('Устный ответ'), 1);
  assert.equal(weight('Контрольная работа'), 2);
  assert.equal(weight('Самостоятельная работа'), 1.5);
  assert.equal(weight('Диктант'), 2);
  assert.ok(wt.length >= 12);
  const names = wt.map((x) => x.name);
  assert.deepEqual(names, [...names].sort((x, y) => x.localeCompare(y, 'ru')), 'виды работ в русском порядке');

  const ac = await get('attendance-codes');
  assert.deepEqual(ac.map((x) => [x.code, x.kind]), [['Н', 'absent'], ['О', 'late'], ['Б', 'ill'], ['УП', 'reason'], ['НП', 'reason']]);
  const mc = await get('mark-codes');
  assert.deepEqual(mc.map((x) => [x.code, x.passing]), [['н/а', false], ['осв', true], ['зач', true], ['незач', false]]);
  const pos = await get('positions');
  for (const p of ['Директор', 'Заместитель директора по УВР', 'Учитель', 'Педагог-психолог', 'Библиотекарь'])
    assert.ok(pos.some((x) => x.name === p), `нет должности ${p}`);
  const rooms = await get('rooms');
  assert.ok(rooms.length >= 35, `кабинетов ${rooms.length}`);
  assert.equal(rooms[0].name, '101');
  const chem = rooms.find((x) => x.subject_name === 'Химия');
  assert.ok(chem && chem.floor === 3 && chem.capacity > 0, 'кабинет химии');
  assert.ok(rooms.some((x) => x.name === 'Спортзал'));

  // paging
  const page = await api('GET', '/api/v1/dictionaries/rooms?limit=5&offset=5', { token: t.token });
  assert.equal(page.json.items.length, 5);
  assert.equal(page.json.items[0].name, rooms[5].name);
  assert.equal(page.json.total, rooms.length);
  assertError(await api('GET', '/api/v1/dictionaries/rooms?limit=0', { token: t.token }), 400);
  assertError(await api('GET', '/api/v1/dictionaries/colours', { token: t.token }), 404, 'unknown_dictionary');
});

test('справочники: добавление, изменение, дубли 409, проверки 422, удаление и архив, журнал', async () => {
  const a = await admin();
  const base = '/api/v1/dictionaries';
  const name = `Викторина ${tag}`;

  // work types
  const c = await api('POST', `${base}/work-types`, { token: a.token, body: { name, short_name: 'Вик', weight: 1.5 } });
  assertStatus(c, 201, 'новый вид работы');
  assert.equal(c.json.name, name);
  assert.equal(c.json.weight, 1.5);
  assert.equal(c.json.archived, false);
  const id = c.json.id;
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name, weight: 1 } }), 409, 'duplicate', 'name');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name: `${name}-0`, weight: 0 } }), 422, 'out_of_range', 'weight');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name: `${name}-11`, weight: 10.5 } }), 422, 'out_of_range', 'weight');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name: `${name}-n`, weight: -1 } }), 422, 'out_of_range', 'weight');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { weight: 1 } }), 400, 'missing_field', 'name');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name: '   ' } }), 422, 'empty', 'name');
  assertError(await api('POST', `${base}/work-types`, { token: a.token, body: { name: `${name}-x`, colour: 1 } }), 400, 'unknown_field', 'colour');
  assertError(await api('POST', `${base}/rockets`, { token: a.token, body: { name: 'x' } }), 404, 'unknown_dictionary');

  const u = await api('PUT', `${base}/work-types/${id}`, { token: a.token, body: { weight: 10 } });
  assertStatus(u, 200, 'изменение веса');
  assert.equal(u.json.weight, 10);
  assert.equal(u.json.name, name);
  assertError(await api('PUT', `${base}/work-types/${id}`, { token: a.token, body: { name: 'Контрольная работа' } }), 409, 'duplicate', 'name');
  assertError(await api('PUT', `${base}/work-types/99999999`, { token: a.token, body: { weight: 2 } }), 404);
  assertError(await api('PUT', `${base}/work-types/abc`, { token: a.token, body: { weight: 2 } }), 404);

  // a work type is archived, not deleted
  const d = await api('DELETE', `${base}/work-types/${id}`, { token: a.token });
  assertStatus(d, 200, 'удаление вида работы');
  assert.deepEqual(d.json, { id, deleted: false, archived: true });
  const list = await api('GET', `${base}/work-types?limit=500`, { token: a.token });
  assert.ok(!list.json.items.some((x) => x.id === id), 'архивный вид работы не в обычном списке');
  const all = await api('GET', `${base}/work-types?limit=500&archived=1`, { token: a.token });
  assert.ok(all.json.items.find((x) => x.id === id)?.archived === true);

  const entries = await auditEntries(a.token, 'school.dictionaries.edit', 'work_type');
  const mine = entries.filter((x) => x.entity_id === String(id));
  assert.ok(mine.some((x) => x.old === null && x.new.name === name), 'создание в журнале');
  assert.ok(mine.some((x) => x.old?.weight === 1.5 && x.new?.weight === 10), 'изменение веса в журнале (старое и новое)');
  assert.ok(mine.some((x) => x.old?.archived === false && x.new?.archived === true), 'архивирование в журнале');

  // rooms: unreferenced ones are deleted; subject must exist
  const rn = `К-${tag}`;
  assertError(await api('POST', `${base}/rooms`, { token: a.token, body: { name: rn, subject_id: 99999999 } }), 422, 'unknown_subject', 'subject_id');
  assertError(await api('POST', `${base}/rooms`, { token: a.token, body: { name: rn, capacity: -1 } }), 422, 'out_of_range', 'capacity');
  const room = await api('POST', `${base}/rooms`, { token: a.token, body: { name: rn, building: 'Корпус В', floor: 2, capacity: 24 } });
  assertStatus(room, 201, 'новый кабинет');
  assert.equal(room.json.floor, 2);
  assert.equal(room.json.subject_id, null);
  assertError(await api('POST', `${base}/rooms`, { token: a.token, body: { name: '101' } }), 409, 'duplicate', 'name');
  const ru = await api('PUT', `${base}/rooms/${room.json.id}`, { token: a.token, body: { floor: null, capacity: 30 } });
  assert.equal(ru.json.floor, null);
  assert.equal(ru.json.capacity, 30);
  assert.equal(ru.json.building, 'Корпус В');
  const rd = await api('DELETE', `${base}/rooms/${room.json.id}`, { token: a.token });
  assert.deepEqual(rd.json, { id: room.json.id, deleted: true, archived: false });
  assertError(await api('DELETE', `${base}/rooms/${room.json.id}`, { token: a.token }), 404);
  const roomAudit = (await auditEntries(a.token, 'school.dictionaries.edit', 'room')).filter((x) => x.entity_id === String(room.json.id));
  assert.ok(roomAudit.some((x) => x.old?.name === rn && x.new === null), 'удаление кабинета в журнале');

  // attendance and mark codes
  const code = `Т${tag.slice(-3)}`;
  assertError(await api('POST', `${base}/attendance-codes`, { token: a.token, body: { code, name: 'тест', kind: 'sleep' } }), 422, 'invalid_value', 'kind');
  const ac = await api('POST', `${base}/attendance-codes`, { token: a.token, body: { code, name: 'на соревнованиях', kind: 'reason' } });
  assertStatus(ac, 201, 'новый код посещаемости');
  assertError(await api('POST', `${base}/attendance-codes`, { token: a.token, body: { code: 'Н', name: 'ещё раз', kind: 'absent' } }), 409, 'duplicate', 'code');
  assertStatus(await api('DELETE', `${base}/attendance-codes/${ac.json.id}`, { token: a.token }), 200, 'удаление кода');
  const mc = await api('POST', `${base}/mark-codes`, { token: a.token, body: { code, name: 'тестовый', passing: true } });
  assertStatus(mc, 201, 'новый код отметки');
  assert.equal(mc.json.passing, true);
  assertStatus(await api('DELETE', `${base}/mark-codes/${mc.json.id}`, { token: a.token }), 200, 'удаление кода отметки');

  // positions
  const pn = `Инженер ${tag}`;
  const p = await api('POST', `${base}/positions`, { token: a.token, body: { name: pn } });
  assertStatus(p, 201, 'новая должность');
  assertError(await api('POST', `${base}/positions`, { token: a.token, body: { name: 'Учитель' } }), 409, 'duplicate', 'name');
  const pd = await api('DELETE', `${base}/positions/${p.json.id}`, { token: a.token });
  assert.equal(pd.json.deleted, true);
});

test('справочники: секретарь может править (право по умолчанию), родитель только читать', async (t) => {
  if (!secretaryUser) return t.skip('нет секретаря в демо');
  const s = await loginOnce(secretaryUser.login);
  const rn = `С-${tag}`;
  const r = await api('POST', '/api/v1/dictionaries/rooms', { token: s.token, body: { name: rn, capacity: 12 } });
  assertStatus(r, 201, 'секретарь добавляет кабинет');
  assertStatus(await api('DELETE', `/api/v1/dictionaries/rooms/${r.json.id}`, { token: s.token }), 200, 'секретарь удаляет кабинет');
  if (parentUser) {
    const p = await loginOnce(parentUser.login);
    assertStatus(await api('GET', '/api/v1/dictionaries/work-types', { token: p.token }), 200, 'родитель читает');
    assertError(await api('POST', '/api/v1/dictionaries/rooms', { token: p.token, body: { name: `P-${tag}` } }), 403);
  }
});
