// Люди (M-04): русский поиск, видимость групп полей по ролям, область классного руководителя,
// проверка значений, связи родитель — ребёнок, карточки сотрудников, журнал действий.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  api, assertError, assertStatus, loginOnce, allUsers, findUserForRole,
} from './helpers.mjs';

const CYR = 'абвгдежзиклмнопрстуфхцчшщэюя';
function tag(n = 6) {
  const b = crypto.randomBytes(n);
  return Array.from(b, (x) => CYR[x % CYR.length]).join('');
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

const sessions = {};
async function as(who) {
  if (!sessions[who]) sessions[who] = await loginOnce(who);
  return sessions[who];
}
async function call(who, method, p, body) {
  const s = await as(who);
  return api(method, p, { token: s.token, body });
}

let allStudents = [];
let cls5a, cls5b, ct5a; // {id,name}, login of the class teacher of 5А
let st5a, st5b;         // student ids

function yearsAgo(y, extraDays = 0) {
  const d = new Date(Date.now() - extraDays * 86400000);
  d.setUTCFullYear(d.getUTCFullYear() - y);
  return d.toISOString().slice(0, 10);
}

before(async () => {
  for (let offset = 0; ; offset += 500) {
    const r = await call('admin', 'GET', `/api/v1/people?role=student&limit=500&offset=${offset}`);
    assertStatus(r, 200);
    allStudents.push(...r.json.items);
    if (allStudents.length >= r.json.total) break;
  }
  const in5a = allStudents.filter((s) => s.class && s.class.name === '5А');
  const in5b = allStudents.filter((s) => s.class && s.class.name === '5Б');
  assert.ok(in5a.length && in5b.length, 'в демо-школе есть 5А и 5Б');
  cls5a = in5a[0].class;
  cls5b = in5b[0].class;
  st5a = in5a[0].id;
  st5b = in5b[0].id;
  const card = await call('admin', 'GET', `/api/v1/students/${st5a}`);
  assert.ok(card.json.class.teacher, 'у 5А есть классный руководитель');
  const ctName = card.json.class.teacher.full_name.trim();
  const ct = allUsers().find((u) => u.roles.includes('teacher') && u.fullName === ctName);
  assert.ok(ct, `классный руководитель 5А: ${ctName}`);
  ct5a = ct.login;
});

test('поиск по-русски: регистр, ё = е, любая часть ФИО, русский алфавитный порядок', async () => {
  const t = tag();
  const middle = `${cap(t)}ович`;
  const names = ['Юрьев', 'Ёлкин', 'Борисов', 'Андреев'];
  for (const last of names) {
    const r = await call('admin', 'POST', '/api/v1/students', {
      last_name: last, first_name: 'Тест', middle_name: middle, gender: 'm', birth_date: yearsAgo(10),
    });
    assertStatus(r, 201, `создание ${last}`);
    assert.equal(r.json.status, 'applicant');
  }
  let r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(t.toUpperCase())}`);
  assertStatus(r, 200);
  assert.deepEqual(r.json.items.map((x) => x.last_name), ['Андреев', 'Борисов', 'Ёлкин', 'Юрьев']);
  assert.equal(r.json.total, 4);
  // «е» вместо «ё», нижний регистр, часть фамилии + часть отчества
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(`елк тест ${t}`)}`);
  assertStatus(r, 200);
  assert.deepEqual(r.json.items.map((x) => x.last_name), ['Ёлкин']);
  // «ё» в запросе находит «ё» в данных, верхний регистр
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(`ЁЛКИН ТЕСТ ${t.toUpperCase()}`)}`);
  assert.deepEqual(r.json.items.map((x) => x.last_name), ['Ёлкин']);
  // середина слова
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(`рисов тест ${t.slice(1, 4)}`)}`);
  assert.ok(r.json.items.some((x) => x.last_name === 'Борисов'));
  // постраничность
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(t)}&limit=2&offset=2`);
  assert.deepEqual(r.json.items.map((x) => x.last_name), ['Ёлкин', 'Юрьев']);
  assert.equal(r.json.total, 4);
  // фильтр роли: это ученики, не сотрудники
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent(t)}&role=staff`);
  assert.equal(r.json.total, 0);
  r = await call('admin', 'GET', `/api/v1/people?role=teacher`);
  assertError(r, 400, 'invalid_parameter', 'role');
  // % и _ в запросе — обычные символы, а не шаблон
  r = await call('admin', 'GET', `/api/v1/people?q=${encodeURIComponent('%')}`);
  assertStatus(r, 200);
  assert.equal(r.json.total, 0);
});

test('весь список отсортирован по-русски (ё между е и ж)', async () => {
  const coll = new Intl.Collator('ru');
  const names = allStudents.map((s) => s.last_name);
  for (let i = 1; i < names.length; i++)
    assert.ok(coll.compare(names[i - 1], names[i]) <= 0, `${names[i - 1]} > ${names[i]}`);
});

test('фильтр класса и область учителя в поиске', async () => {
  let r = await call('admin', 'GET', `/api/v1/people?role=student&class=${cls5a.id}&limit=500`);
  assertStatus(r, 200);
  assert.ok(r.json.total > 15);
  assert.ok(r.json.items.every((x) => x.class && x.class.id === cls5a.id));
  r = await call('admin', 'GET', '/api/v1/people?class=999999');
  assertError(r, 404, 'not_found', 'class');
  // учитель видит только учеников своих классов
  r = await call(ct5a, 'GET', '/api/v1/people?role=student&limit=500');
  assertStatus(r, 200);
  assert.ok(r.json.items.some((x) => x.id === st5a));
  assert.ok(r.json.total < allStudents.length);
  // родитель не ищет людей
  const parent = findUserForRole('parent');
  r = await call(parent.login, 'GET', '/api/v1/people?q=а');
  assertError(r, 403);
});

function groupNames(card) {
  return (card.groups || []).map((g) => g.name);
}

test('медицинские сведения: пишет и видит только медик (и администратор)', async () => {
  let r = await call('medic', 'PUT', `/api/v1/students/${st5a}/card/medical`,
    { health_group: 'III', pe_group: 'подготовительная', allergies: 'пыльца берёзы' });
  assertStatus(r, 200);
  assert.deepEqual(groupNames(r.json), ['medical'], 'медик видит только медицинскую группу');
  assert.equal(r.json.groups[0].data.health_group, 'III');
  r = await call('admin', 'GET', `/api/v1/students/${st5a}`);
  assert.deepEqual(groupNames(r.json),
    ['personal', 'documents', 'contacts', 'education', 'family', 'social', 'psych', 'medical']);
  for (const who of ['secretary', ct5a, 'head', 'psychologist']) {
    r = await call(who, 'GET', `/api/v1/students/${st5a}`);
    assertStatus(r, 200, who);
    assert.ok(!groupNames(r.json).includes('medical'), `${who} не получает medical`);
    assert.ok(!r.text.includes('health_group') && !r.text.includes('берёзы'), `${who}: в ответе нет медицинских полей`);
  }
  for (const who of ['secretary', ct5a, 'psychologist']) {
    r = await call(who, 'PUT', `/api/v1/students/${st5a}/card/medical`, { health_group: 'I' });
    assertError(r, 403);
  }
});

test('психологические и социальные сведения: только психолог и администратор', async () => {
  let r = await call('psychologist', 'PUT', `/api/v1/students/${st5a}/card/psych`,
    { deviant_behaviour: true, pdn: false, psych_notes: 'конфликтность' });
  assertStatus(r, 200);
  assert.deepEqual(groupNames(r.json), ['social', 'psych']);
  r = await call('psychologist', 'PUT', `/api/v1/students/${st5a}/card/social`,
    { social_status: 'в трудной жизненной ситуации', disability: 'нет' });
  assertStatus(r, 200);
  for (const who of ['secretary', ct5a, 'medic', 'head']) {
    r = await call(who, 'GET', `/api/v1/students/${st5a}`);
    assertStatus(r, 200, who);
    assert.ok(!groupNames(r.json).includes('psych') && !groupNames(r.json).includes('social'), who);
    assert.ok(!r.text.includes('конфликтность') && !r.text.includes('deviant'), `${who}: нет психологических полей`);
  }
  r = await call('medic', 'PUT', `/api/v1/students/${st5a}/card/psych`, { pdn: true });
  assertError(r, 403);
  r = await call('psychologist', 'PUT', `/api/v1/students/${st5a}/card/personal`, { citizenship: 'РФ' });
  assertError(r, 403);
});

test('видимость по ролям: завуч и предметник — краткая карточка, секретарь — полная', async () => {
  let r = await call('head', 'GET', `/api/v1/students/${st5a}`);
  assertStatus(r, 200);
  assert.deepEqual(groupNames(r.json), []);
  assert.equal(r.json.last_name.length > 0, true);
  r = await call('secretary', 'GET', `/api/v1/students/${st5a}`);
  assert.deepEqual(groupNames(r.json), ['personal', 'documents', 'contacts', 'education', 'family']);
  assert.ok(r.json.groups.every((g) => g.editable));
  // учитель-предметник: краткая карточка учеников класса, где он преподаёт, но не руководит
  const teacher = allUsers().find((u) => u.roles.length === 1 && u.roles[0] === 'teacher' && u.login !== ct5a);
  assert.ok(teacher, 'учитель');
  const me = await call(teacher.login, 'GET', '/api/v1/me');
  r = await call(teacher.login, 'GET', '/api/v1/people?role=student&limit=500');
  assertStatus(r, 200);
  assert.ok(r.json.total > 0, 'учитель видит учеников своих классов');
  const visible = new Set(r.json.items.map((x) => x.id));
  let sid = 0;
  for (const x of r.json.items) {
    const c = await call('admin', 'GET', `/api/v1/students/${x.id}`);
    if (!c.json.class.teacher || c.json.class.teacher.id !== me.json.person.id) { sid = x.id; break; }
  }
  assert.ok(sid, 'ученик класса, где учитель преподаёт, но не руководит');
  r = await call(teacher.login, 'GET', `/api/v1/students/${sid}`);
  assertStatus(r, 200);
  assert.deepEqual(groupNames(r.json), []);
  assert.equal(r.json.can_edit, false);
  r = await call(teacher.login, 'PUT', `/api/v1/students/${sid}/card/contacts`, { email: 'a@b.ru' });
  assertError(r, 403);
  const other = allStudents.find((s) => !visible.has(s.id) && s.class);
  r = await call(teacher.login, 'GET', `/api/v1/students/${other.id}`);
  assertError(r, 403);
  // родитель карточек учеников не видит (даже своего ребёнка — по матрице)
  const parent = findUserForRole('parent');
  r = await call(parent.login, 'GET', `/api/v1/students/${st5a}`);
  assertError(r, 403);
});

test('классный руководитель 5А ведёт карточку своего ученика, но не 5Б', async () => {
  let r = await call(ct5a, 'GET', `/api/v1/students/${st5a}`);
  assertStatus(r, 200);
  assert.equal(r.json.can_edit, true);
  assert.ok(groupNames(r.json).includes('contacts'));
  r = await call(ct5a, 'PUT', `/api/v1/students/${st5a}/card/contacts`,
    { mobile_phone: '+7 917 123-45-67', email: 'uchenik@example.ru', fact_address: 'г. Самара, ул. Ново-Садовая, д. 10, кв. 5' });
  assertStatus(r, 200);
  assert.equal(r.json.contacts.mobile_phone, '+7 917 123-45-67');
  r = await call(ct5a, 'PUT', `/api/v1/students/${st5b}/card/contacts`, { email: 'x@example.ru' });
  assertError(r, 403);
  r = await call(ct5a, 'PUT', `/api/v1/students/${st5b}`, { last_name: 'Иванов', first_name: 'Иван' });
  assertError(r, 403);
  // создать ученика в чужой класс нельзя, в свой — можно
  r = await call(ct5a, 'POST', '/api/v1/students',
    { last_name: 'Новиков', first_name: 'Пётр', gender: 'm', birth_date: yearsAgo(11), class_id: cls5b.id });
  assertError(r, 403);
  r = await call(ct5a, 'POST', '/api/v1/students',
    { last_name: 'Новиков', first_name: 'Пётр', gender: 'm', birth_date: yearsAgo(11), class_id: cls5a.id });
  assertStatus(r, 201);
  assert.equal(r.json.class.id, cls5a.id);
  assert.equal(r.json.status, 'enrolled');
});

test('проверка значений: СНИЛС, телефон, e-mail, даты, списки, неизвестные поля и группы', async () => {
  const put = (grp, body) => call('secretary', 'PUT', `/api/v1/students/${st5b}/card/${grp}`, body);
  let r = await put('documents', { snils: '112-233-445 95', personal_file_no: 'Б-42' });
  assertStatus(r, 200);
  assert.equal(r.json.personal_file_no, 'Б-42');
  assertError(await put('documents', { snils: '112-233-445 96' }), 400, 'invalid_field', 'snils');
  assertError(await put('documents', { snils: '1122334459' }), 400, 'invalid_field', 'snils');
  assertError(await put('documents', { birth_cert_date: '2015-02-30' }), 400, 'invalid_field', 'birth_cert_date');
  assertError(await put('documents', { inn: '123456789012' }), 400, 'invalid_field', 'inn');
  assertError(await put('contacts', { email: 'нет-собаки' }), 400, 'invalid_field', 'email');
  assertError(await put('contacts', { mobile_phone: '12-ab' }), 400, 'invalid_field', 'mobile_phone');
  assertError(await put('contacts', { preferred_contact: 'голубиная почта' }), 400, 'invalid_field', 'preferred_contact');
  assertError(await put('family', { children_count: 50 }), 400, 'invalid_field', 'children_count');
  assertError(await put('family', { large_family: 'да' }), 400, 'invalid_field', 'large_family');
  assertError(await put('personal', { citizenship: 'x'.repeat(101) }), 400, 'invalid_field', 'citizenship');
  assertError(await put('personal', { shoe_size: 42 }), 400, 'unknown_field', 'shoe_size');
  assertError(await put('hobbies', {}), 400, 'unknown_group', 'group');
  r = await call('admin', 'PUT', `/api/v1/students/${st5b}/card/medical`, { health_group: 'VI' });
  assertError(r, 400, 'invalid_field', 'health_group');
  assertError(await call('secretary', 'PUT', '/api/v1/students/99999999/card/personal', {}), 404);
  assertError(await call('secretary', 'GET', '/api/v1/students/99999999'), 404);
  // пустые значения удаляются из карточки
  r = await put('personal', { citizenship: 'Российская Федерация', birth_place: '  ' });
  assertStatus(r, 200);
  const g = r.json.groups.find((x) => x.name === 'personal');
  assert.deepEqual(g.data, { citizenship: 'Российская Федерация' });
  // даты рождения: от 3 до 25 лет назад
  const mk = (birth) => call('secretary', 'POST', '/api/v1/students',
    { last_name: 'Проверкин', first_name: 'Тест', gender: 'm', birth_date: birth });
  assertError(await mk(yearsAgo(2)), 400, 'implausible_date', 'birth_date');
  assertError(await mk(yearsAgo(26, 1)), 400, 'implausible_date', 'birth_date');
  assertError(await mk('2014-13-01'), 400, 'invalid_field', 'birth_date');
  assertError(await call('secretary', 'POST', '/api/v1/students',
    { last_name: 'Проверкин', first_name: 'Тест', gender: 'x', birth_date: yearsAgo(9) }), 400, 'invalid_field', 'gender');
  assertError(await call('secretary', 'POST', '/api/v1/students',
    { last_name: '', first_name: 'Тест', gender: 'm', birth_date: yearsAgo(9) }), 400, undefined, 'last_name');
  assertError(await call('secretary', 'POST', '/api/v1/students',
    { last_name: 'Тест', first_name: 'Тест', gender: 'm', birth_date: yearsAgo(9), nickname: 'x' }), 400, undefined, 'nickname');
});

test('человек не из этой школы — 404', async () => {
  const region = await as('region');
  const pid = region.user && region.user.person_id;
  const me = await api('GET', '/api/v1/me', { token: region.token });
  const personId = pid || me.json.person.id;
  for (const kind of ['students', 'parents', 'staff']) {
    const r = await call('admin', 'GET', `/api/v1/${kind}/${personId}`);
    assertError(r, 404, 'not_found');
  }
  // сотрудник — не ученик
  const staffList = await call('admin', 'GET', '/api/v1/staff?limit=1');
  assertError(await call('admin', 'GET', `/api/v1/students/${staffList.json.items[0].id}`), 404);
});

test('связи родитель — ребёнок', async () => {
  const t = tag();
  let r = await call(ct5a, 'POST', '/api/v1/parents',
    { last_name: `Родителева${t}`, first_name: 'Анна', middle_name: 'Петровна', gender: 'f', child_id: st5a, relation: 'мать' });
  assertStatus(r, 201);
  const pid = r.json.id;
  assert.ok(r.json.children.some((c) => c.id === st5a && c.relation === 'мать'));
  r = await call(ct5a, 'GET', `/api/v1/students/${st5a}/parents`);
  assertStatus(r, 200);
  assert.ok(r.json.items.some((p) => p.id === pid && p.relation === 'мать'));
  // чужой класс
  r = await call(ct5a, 'POST', `/api/v1/students/${st5b}/parents`, { parent_id: pid, relation: 'мать' });
  assertError(r, 403);
  r = await call(ct5a, 'POST', '/api/v1/parents',
    { last_name: 'Чужая', first_name: 'Мама', child_id: st5b, relation: 'мать' });
  assertError(r, 403);
  // секретарь связывает с 5Б, меняет степень родства
  r = await call('secretary', 'POST', `/api/v1/students/${st5b}/parents`, { parent_id: pid, relation: 'опекун' });
  assertStatus(r, 200);
  assert.ok(r.json.items.some((p) => p.id === pid && p.relation === 'опекун'));
  r = await call('secretary', 'POST', `/api/v1/students/${st5b}/parents`, { parent_id: pid, relation: 'тётя' });
  assertError(r, 400, 'invalid_field', 'relation');
  r = await call('secretary', 'POST', `/api/v1/students/${st5b}/parents`, { parent_id: 99999999, relation: 'мать' });
  assertError(r, 404, 'not_found', 'parent_id');
  r = await call('secretary', 'GET', `/api/v1/parents/${pid}`);
  assertStatus(r, 200);
  assert.deepEqual(r.json.children.map((c) => c.id).sort(), [st5a, st5b].sort());
  assert.deepEqual(groupNames(r.json), ['personal', 'documents', 'contacts', 'work', 'education', 'relation']);
  r = await call('secretary', 'PUT', `/api/v1/parents/${pid}/card/work`,
    { workplace: 'АО «Самарский завод»', job_title: 'инженер', work_phone: '+7 846 200-10-10' });
  assertStatus(r, 200);
  r = await call('secretary', 'DELETE', `/api/v1/students/${st5b}/parents/${pid}`);
  assertStatus(r, 200);
  assert.ok(!r.json.items.some((p) => p.id === pid));
  assertError(await call('secretary', 'DELETE', `/api/v1/students/${st5b}/parents/${pid}`), 404);
  // родителя ищут по имени
  r = await call('secretary', 'GET', `/api/v1/people?role=parent&q=${encodeURIComponent(`родителева${t}`)}`);
  assert.deepEqual(r.json.items.map((x) => x.id), [pid]);
});

test('сотрудники: краткая карточка для всех, полная для кадров; ведёт секретарь/кадры', async () => {
  const t = tag();
  let r = await call('hr', 'POST', '/api/v1/staff',
    { last_name: `Кадрова${t}`, first_name: 'Ольга', middle_name: 'Игоревна', gender: 'f', birth_date: '1985-04-12' });
  assertStatus(r, 201);
  const sid = r.json.id;
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/contacts`,
    { work_email: 'kadrova@school17.ru', work_phone: '+7 846 332-11-22', mobile_phone: '+7 927 000-11-22' });
  assertStatus(r, 200);
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/documents`, { snils: '112-233-445 95', inn: '500100732259' });
  assertStatus(r, 200);
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/courses`,
    { items: [{ name: 'ФГОС ООО', organisation: 'СИПКРО', date_from: '2025-01-10', date_to: '2025-02-10', hours: 72 }] });
  assertStatus(r, 200);
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/courses`, { items: [{ name: 'x', hours: 0 }] });
  assertError(r, 400, 'invalid_field', 'items.0.hours');
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/positions`, { items: [{ position_id: 99999999, rate: 1 }] });
  assertError(r, 404, 'not_found', 'items.0.position_id');
  r = await call('hr', 'PUT', `/api/v1/staff/${sid}/card/employment`, { personnel_no: 'Т-101', hired_on: '2020-09-01', rate: 1.5 });
  assertStatus(r, 200);
  // учитель: краткая карточка — рабочие контакты, без документов и личного телефона
  const teacher = findUserForRole('teacher');
  r = await call(teacher.login, 'GET', `/api/v1/staff/${sid}`);
  assertStatus(r, 200);
  assert.deepEqual(groupNames(r.json), []);
  assert.equal(r.json.contacts.work_email, 'kadrova@school17.ru');
  assert.ok(!r.text.includes('000-11-22') && !r.text.includes('500100732259') && !('birth_date' in r.json));
  assert.ok(Array.isArray(r.json.positions));
  r = await call(teacher.login, 'PUT', `/api/v1/staff/${sid}/card/contacts`, { work_email: 'x@y.ru' });
  assertError(r, 403);
  // завуч: полная карточка (staff.full.view), но не ведёт
  r = await call('head', 'GET', `/api/v1/staff/${sid}`);
  assert.ok(groupNames(r.json).includes('documents'));
  assert.ok(r.json.groups.every((g) => !g.editable));
  assert.equal(r.json.groups.find((g) => g.name === 'employment').data.personnel_no, 'Т-101');
  // родитель видит краткий список сотрудников
  const parent = findUserForRole('parent');
  r = await call(parent.login, 'GET', `/api/v1/staff?q=${encodeURIComponent(`кадрова${t}`)}`);
  assertStatus(r, 200);
  assert.equal(r.json.items[0].id, sid);
  assert.equal(r.json.items[0].birth_date ?? null, null, 'дата рождения сотрудника — только в полной карточке');
});

test('каждое изменение — в журнале действий со старым и новым значением', async () => {
  let r = await call('secretary', 'PUT', `/api/v1/students/${st5b}/card/education`, { study_form: 'очная' });
  assertStatus(r, 200);
  r = await call('secretary', 'PUT', `/api/v1/students/${st5b}/card/education`, { study_form: 'заочная' });
  assertStatus(r, 200);
  r = await call('admin', 'GET', `/api/v1/audit?entity=student_card&entity_id=${st5b}&limit=5`);
  assertStatus(r, 200);
  const e = r.json.items[0];
  assert.equal(e.op, 'people.manage');
  assert.deepEqual(e.old, { group: 'education', data: { study_form: 'очная' } });
  assert.deepEqual(e.new, { group: 'education', data: { study_form: 'заочная' } });
  // медицинская запись — своей операцией (по ней журнал скрывает значения от тех, кто их не видит)
  r = await call('admin', 'GET', `/api/v1/audit?entity=student_card&entity_id=${st5a}&op=people.medical.edit`);
  assertStatus(r, 200);
  assert.ok(r.json.items.length >= 1);
  assert.equal(r.json.items[0].new.group, 'medical');
  r = await call('admin', 'GET', `/api/v1/audit?entity=parent_link&limit=3`);
  assert.ok(r.json.items.length >= 1);
});

test('демо-карточки проходят собственную проверку (СНИЛС, телефоны, перечни)', async () => {
  // the demo's own students were created first (lowest ids); other test files add their own
  const byId = [...allStudents].sort((a, b) => a.id - b.id);
  const pick = [byId[0].id, byId[100].id];
  for (const id of pick) {
    const r = await call('admin', 'GET', `/api/v1/students/${id}`);
    assertStatus(r, 200);
    const docs = r.json.groups.find((g) => g.name === 'documents');
    const med = r.json.groups.find((g) => g.name === 'medical');
    assert.match(docs.data.snils || '', /^\d{3}-\d{3}-\d{3} \d{2}$/, 'в демо у ученика есть СНИЛС');
    assert.ok(['I', 'II', 'III', 'IV', 'V'].includes(med.data.health_group), 'группа здоровья');
    for (const g of r.json.groups) {
      const back = await call('admin', 'PUT', `/api/v1/students/${id}/card/${g.name}`, g.data);
      assertStatus(back, 200, `группа ${g.name}`);
    }
  }
  const staff = await call('admin', 'GET', '/api/v1/staff?limit=5');
  for (const s of staff.json.items) {
    const r = await call('admin', 'GET', `/api/v1/staff/${s.id}`);
    for (const g of r.json.groups) {
      const back = await call('admin', 'PUT', `/api/v1/staff/${s.id}/card/${g.name}`, g.data);
      assertStatus(back, 200, `сотрудник, группа ${g.name}`);
    }
  }
});
