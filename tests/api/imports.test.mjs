// Импорт и экспорт списков (M-04): пробный прогон с отчётом, загрузка «всё или ничего», CSV UTF-8/CP1251,
// XLSX, выгрузка CSV/XLSX с защитой от формул, права.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertError, assertStatus, loginOnce, listUsers, findUserForRole, CYRILLIC } from './helpers.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LETTERS = 'абвгдежзиклмнопрстуфхцчшщэюя';
function rnd(n = 6) {
  let s = '';
  for (let i = 0; i < n; i++) s += LETTERS[Math.floor(Math.random() * LETTERS.length)];
  return s;
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

// Windows-1251: А–я → 0xC0–0xFF, Ё → 0xA8, ё → 0xB8, ASCII как есть
function cp1251(str) {
  const out = [];
  for (const ch of str) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else throw new Error(`нет в CP1251: ${ch}`);
  }
  return Buffer.from(out);
}

let admin, medic, teacher, teacherClass, otherClass, student, classes;

async function auth(who) {
  return { token: who.token };
}

async function upload(who, kind, body, { contentType = 'text/csv', filename = 'список.csv' } = {}) {
  return api('POST', `/api/v1/imports/${kind}?filename=${encodeURIComponent(filename)}`, {
    ...(await auth(who)), rawBody: body, contentType,
  });
}

async function studentsTotal() {
  const r = await api('GET', '/api/v1/people?role=student&limit=1', await auth(admin));
  assertStatus(r, 200);
  return r.json.total;
}

async function findPeople(q, role = 'student') {
  const r = await api('GET', `/api/v1/people?role=${role}&q=${encodeURIComponent(q)}`, await auth(admin));
  assertStatus(r, 200);
  return r.json.items;
}

before(async () => {
  admin = await loginOnce('admin');
  medic = await loginOnce(findUserForRole('medic').login);
  const s = listUsers('student').find((u) => !u.login.startsWith('apit_'));
  student = await loginOnce(s.login);
  const r = await api('GET', '/api/v1/classes', await auth(admin));
  assertStatus(r, 200);
  classes = r.json.items.filter((c) => !c.year_closed);
  // классный руководитель: учитель без других ролей, чьё ФИО — у руководителя класса
  const teachers = listUsers('teacher').filter((u) => !u.login.startsWith('apit_') && u.roles.length === 1);
  for (const c of classes) {
    const t = c.class_teacher && teachers.find((u) => u.fullName === c.class_teacher.name);
    if (t) {
      teacherClass = c;
      teacher = await loginOnce(t.login);
      break;
    }
  }
  otherClass = classes.find((c) => c !== teacherClass);
  assert.ok(teacherClass && otherClass);
});

const HEAD = 'Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;СНИЛС;Номер личного дела;Группа здоровья;Физкультурная группа';

test('CSV UTF-8 с «;»: пробный прогон, загрузка, повтор — 409, отчёт по id', async () => {
  const a = cap(rnd()), b = cap(rnd());
  const csv = `\uFEFF${HEAD}\r\n${a};Иван;Петрович;м;01.09.2015;5А;112-233-445 95;ЛД-77;II;основная\r\n"${b}";"Мария";;ж;2015-03-04;5 а;;;;\r\n`;
  const n0 = await studentsTotal();
  const r = await upload(admin, 'students', csv);
  assertStatus(r, 201, 'проверка');
  assert.equal(r.json.rows, 2);
  assert.equal(r.json.valid, 2, JSON.stringify(r.json.errors));
  assert.deepEqual(r.json.errors, []);
  assert.equal(r.json.status, 'checked');
  assert.equal(await studentsTotal(), n0, 'пробный прогон ничего не создаёт');

  const g = await api('GET', `/api/v1/imports/${r.json.kind}/${r.json.id}`, await auth(admin));
  assertStatus(g, 200);
  assert.equal(g.json.rows, 2);
  assert.equal(g.json.filename, 'список.csv');

  const ap = await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin));
  assertStatus(ap, 200, 'загрузка');
  assert.equal(ap.json.status, 'applied');
  assert.equal(await studentsTotal(), n0 + 2);
  const found = await findPeople(`${a} Иван`);
  assert.equal(found.length, 1);
  assert.equal(found[0].class.name, '5А');
  assert.equal(found[0].birth_date, '2015-09-01');
  // медицинские поля записаны (их видит медик)
  const card = await api('GET', `/api/v1/students/${found[0].id}`, await auth(medic));
  assertStatus(card, 200);
  assert.match(JSON.stringify(card.json), /"health_group":"II"/);

  const again = await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin));
  assertError(again, 409, 'already_applied');
  assert.equal(await studentsTotal(), n0 + 2);

  // книга движения: зачисление с приказом «импорт»
  const mv = await api('GET', `/api/v1/movements?kind=enrol&limit=500`, await auth(admin));
  if (mv.status === 200) assert.ok(mv.json.items.some((m) => m.student_id === found[0].id || m.student?.id === found[0].id), 'нет записи о зачислении');
});

test('CSV Windows-1251 с «,» и одним столбцом «ФИО»: родитель связан с ребёнком', async () => {
  const child = cap(rnd()), parent = cap(rnd());
  let r = await upload(admin, 'students', `${HEAD}\n${child};Пётр;Ильич;м;05.05.2014;6Б;;;;\n`);
  assertStatus(r, 201);
  assert.equal(r.json.valid, 1, JSON.stringify(r.json.errors));
  assertStatus(await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin)), 200);

  const text = `ФИО,Пол,Телефон,E-mail,Степень родства,Ребёнок,Дата рождения ребёнка\r\n` +
    `"${parent} Ольга Ёсиповна",ж,+7 900 123-45-67,mama@example.ru,Мать,${child} Пётр Ильич,05.05.2014\r\n`;
  const bytes = cp1251(text);
  assert.ok(!Buffer.from(text).equals(bytes));
  r = await upload(admin, 'parents', bytes, { filename: 'родители.csv' });
  assertStatus(r, 201);
  assert.equal(r.json.rows, 1);
  assert.equal(r.json.valid, 1, JSON.stringify(r.json.errors));
  assertStatus(await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin)), 200);
  const kid = (await findPeople(`${child} Пётр`))[0];
  const ps = await api('GET', `/api/v1/students/${kid.id}/parents`, await auth(admin));
  assertStatus(ps, 200);
  const items = ps.json.items || ps.json;
  assert.ok(items.some((p) => p.last_name === parent && p.middle_name === 'Ёсиповна'), JSON.stringify(ps.json));
});

test('плохие строки: строка, столбец и причина по-русски, ничего не загружено (422)', async () => {
  const a = cap(rnd()), b = cap(rnd());
  const csv = [HEAD,
    `${a};Анна;;ж;01.02.2015;5А;;;;`,
    `${b};Борис;;м;31.02.2015;5А;;;;`,
    `;Без фамилии;;м;01.01.2015;9Я;123-456-789 00;;VII;;`,
    `${a};Анна;;ж;2015-02-01;5А;;;;`,
    `${b};Вера;;x;01.01.2015;5А;;;;плавание`,
  ].join('\n');
  const n0 = await studentsTotal();
  const r = await upload(admin, 'students', csv);
  assertStatus(r, 201);
  assert.equal(r.json.rows, 5);
  assert.equal(r.json.valid, 1);
  const has = (row, column, re) => assert.ok(r.json.errors.some((e) => e.row === row && e.column === column && re.test(e.message)),
    `нет ошибки ${row}/${column}: ${JSON.stringify(r.json.errors)}`);
  has(3, 'Дата рождения', /дата/);
  has(4, 'Фамилия', /Заполните/);
  has(4, 'Класс', /9Я/);
  has(4, 'СНИЛС', /СНИЛС/);
  has(4, 'Группа здоровья', /I, II/);
  has(5, 'Фамилия', /строку 2/);
  has(6, 'Пол', /м.*ж/);
  has(6, 'Физкультурная группа', /основная/);
  for (const e of r.json.errors) assert.match(e.message, CYRILLIC);
  const ap = await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin));
  assert.equal(ap.status, 422);
  assert.equal(ap.json.error.code, 'import_invalid');
  assert.ok(ap.json.errors.length >= 8);
  assert.equal(await studentsTotal(), n0, 'ничего не создано');
  assert.equal((await findPeople(a)).length, 0);
});

test('загрузка после изменения данных проверяет файл заново', async () => {
  const a = cap(rnd());
  const r = await upload(admin, 'students', `${HEAD}\n${a};Глеб;;м;02.02.2015;5А;;;;\n`);
  assertStatus(r, 201);
  assert.equal(r.json.valid, 1);
  const cr = await api('POST', '/api/v1/students', { ...(await auth(admin)),
    body: { last_name: a, first_name: 'Глеб', gender: 'm', birth_date: '2015-02-02', class_id: classes.find((c) => c.name === '5А').id } });
  assert.ok(cr.status === 201 || cr.status === 200, cr.text);
  const n0 = await studentsTotal();
  const ap = await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin));
  assert.equal(ap.status, 422, ap.text);
  assert.ok(ap.json.errors.some((e) => e.row === 2 && /уже есть/.test(e.message)));
  assert.equal(await studentsTotal(), n0);
});

test('классы и сотрудники: импорт с классным руководителем по ФИО', async () => {
  const first = classes.find((c) => c.class_teacher);
  const letters = 'АБВГДЕЖЗИКЛМН';
  const letter = letters[Math.floor(Math.random() * letters.length)] + rnd(1).toUpperCase() + rnd(1).toUpperCase();
  let r = await upload(admin, 'classes', `Класс;Классный руководитель;Профиль;Смена\n11${letter};${first.class_teacher.name};технологический;2\n11${letter};;;\n`);
  assertStatus(r, 201);
  assert.equal(r.json.valid, 1);
  assert.ok(r.json.errors.some((e) => e.row === 3 && e.column === 'Класс'));
  r = await upload(admin, 'classes', `Класс;Классный руководитель;Профиль;Смена\n11${letter};${first.class_teacher.name};технологический;2\n`);
  assertStatus(await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin)), 200);
  const list = await api('GET', '/api/v1/classes', await auth(admin));
  const made = list.json.items.find((c) => c.name === `11${letter}`);
  assert.ok(made);
  assert.equal(made.shift, 2);
  assert.equal(made.class_teacher_id, first.class_teacher_id);

  const s = cap(rnd());
  r = await upload(admin, 'staff', `Фамилия;Имя;Отчество;Пол;Дата рождения;Должность;Табельный номер;Телефон;E-mail\n${s};Лев;Ильич;м;01.01.1980;Нет такой;;;\n`);
  assert.ok(r.json.errors.some((e) => e.column === 'Должность'));
  r = await upload(admin, 'staff', `Фамилия;Имя;Отчество;Пол;Дата рождения;Табельный номер;Телефон;E-mail\n${s};Лев;Ильич;м;01.01.1980;Т-1;+7 900 000-00-01;lev@example.ru\n`);
  assert.equal(r.json.valid, 1, JSON.stringify(r.json.errors));
  assertStatus(await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(admin)), 200);
  const st = await api('GET', `/api/v1/exports/staff?format=csv`, await auth(admin));
  assertStatus(st, 200);
  assert.match(st.text, new RegExp(`${s};Лев;Ильич;м;01\\.01\\.1980;;Т-1;'\\+7 900 000-00-01;lev@example\\.ru`));
});

test('выгрузка CSV: BOM, «;», защита от формул', async () => {
  const a = `-${cap(rnd())}`;
  const cls = classes.find((c) => c.name === '5А');
  const cr = await api('POST', '/api/v1/students', { ...(await auth(admin)),
    body: { last_name: a, first_name: 'Формула', gender: 'm', birth_date: '2015-04-04', class_id: cls.id } });
  assert.ok(cr.status === 201 || cr.status === 200, cr.text);
  const res = await fetch(`${process.env.ZH_BASE_URL}/api/v1/exports/students?format=csv&class=${cls.id}`, {
    headers: { Authorization: `Bearer ${admin.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
  const text = buf.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  assert.equal(lines[0], HEAD);
  assert.ok(lines.some((l) => l.startsWith(`'${a};Формула;`)), 'нет апострофа перед «-»');
  assert.ok(lines.slice(1).filter(Boolean).every((l) => l.endsWith('5А;;;;') || l.split(';')[5] === '5А'));
});

test('выгрузка XLSX читается обратно импортом (строк столько же)', async () => {
  const cls = classes.find((c) => c.name === '5Б') || classes[5];
  const res = await fetch(`${process.env.ZH_BASE_URL}/api/v1/exports/students?format=xlsx&class=${cls.id}`, {
    headers: { Authorization: `Bearer ${admin.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), XLSX);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const list = await api('GET', '/api/v1/classes', await auth(admin));
  const count = list.json.items.find((c) => c.id === cls.id).student_count;
  const r = await upload(admin, 'students', buf, { contentType: 'application/octet-stream', filename: 'ученики.xlsx' });
  assertStatus(r, 201);
  assert.equal(r.json.rows, count);
  assert.equal(r.json.valid, 0, 'все ученики уже есть — дубликаты');
  assert.ok(r.json.errors.every((e) => /уже есть/.test(e.message)));
  // тот же файл с типом XLSX
  const r2 = await upload(admin, 'students', buf, { contentType: XLSX, filename: 'ученики.xlsx' });
  assertStatus(r2, 201);
  // выгрузка классов в XLSX читается как список классов
  const cx = await fetch(`${process.env.ZH_BASE_URL}/api/v1/exports/classes?format=xlsx`, { headers: { Authorization: `Bearer ${admin.token}` } });
  const r3 = await upload(admin, 'classes', Buffer.from(await cx.arrayBuffer()), { contentType: XLSX });
  assertStatus(r3, 201);
  assert.equal(r3.json.rows, classes.length + (list.json.items.length - classes.length));
});

test('неверные запросы: тип тела, вид списка, формат, пустой файл, неизвестная загрузка', async () => {
  assertError(await upload(admin, 'students', 'a;b', { contentType: 'application/json' }), 400, 'unsupported_media_type');
  assertError(await upload(admin, 'pets', 'a;b'), 404, 'not_found'); // no such list, no route
  assertError(await upload(admin, 'students', ''), 400);
  assertError(await upload(admin, 'students', Buffer.from('PK\x03\x04garbage')), 400, 'bad_file');
  assertError(await api('GET', '/api/v1/imports/students/999999', await auth(admin)), 404);
  assertError(await api('GET', '/api/v1/exports/students?format=pdf', await auth(admin)), 400, 'invalid_parameter', 'format');
  assertError(await api('GET', '/api/v1/exports/pets', await auth(admin)), 404, 'not_found');
  const r = await upload(admin, 'students', 'Имя;Класс\nИван;5А\n');
  assertStatus(r, 201);
  assert.ok(r.json.errors.some((e) => e.row === 1 && e.column === 'Фамилия'));
});

test('права: учитель не импортирует, выгружает только свой класс; медданные — медик и администратор', async () => {
  assertError(await upload(teacher, 'students', `${HEAD}\n`), 403);
  assertError(await upload(teacher, 'classes', 'Класс\n5Я\n'), 403);
  assertError(await upload(medic, 'staff', 'Фамилия;Имя\nА;Б\n'), 403);
  const own = await api('GET', `/api/v1/exports/students?class=${teacherClass.id}`, await auth(teacher));
  assertStatus(own, 200, 'свой класс');
  assert.ok(!/;(I|II|III|IV|V);/.test(own.text), 'учителю не выгружаются группы здоровья');
  assertError(await api('GET', `/api/v1/exports/students?class=${otherClass.id}`, await auth(teacher)), 403);
  assertError(await api('GET', `/api/v1/exports/parents?class=${otherClass.id}`, await auth(teacher)), 403);
  assertError(await api('GET', '/api/v1/exports/students', await auth(teacher)), 403);
  assertError(await api('GET', '/api/v1/exports/classes', await auth(student)), 403);
  assertError(await api('GET', '/api/v1/exports/students', await auth(student)), 403);
  assertStatus(await api('GET', '/api/v1/exports/staff', await auth(teacher)), 200);
  // отчёт чужого вида недоступен
  const r = await upload(admin, 'staff', 'Фамилия;Имя\nА;Б\n');
  assertError(await api('GET', `/api/v1/imports/${r.json.kind}/${r.json.id}`, await auth(teacher)), 403);
  assertError(await api('POST', `/api/v1/imports/${r.json.kind}/${r.json.id}/apply`, await auth(teacher)), 403);

  const path = `/api/v1/exports/health?class=${teacherClass.id}&format=xlsx`;
  assertError(await api('GET', path, await auth(teacher)), 403);
  for (const who of [medic, admin]) {
    const res = await fetch(process.env.ZH_BASE_URL + path, { headers: { Authorization: `Bearer ${who.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), XLSX);
  }
  assertError(await api('GET', '/api/v1/exports/health', await auth(medic)), 400, 'missing_parameter', 'class');
  const csv = await api('GET', `/api/v1/exports/health?class=${teacherClass.id}&format=csv`, await auth(medic));
  assertStatus(csv, 200);
  assert.match(csv.text, /Группа здоровья;Физкультурная группа/);
});
