// Реквизиты доступа (M-01): выдача логинов ученикам и родителям класса и сотрудникам,
// временные пароли, лист с реквизитами (PDF), права классного руководителя, журнал аудита.
//
// Ученики и родители без учётных записей создаются прямо в базе сервера (sqlite3, режим WAL):
// в демонстрационной школе учётные записи есть у всех, а раздел «Ученики» — отдельная часть.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  api, assertError, assertStatus, login, loginOnce, addUser, strongPassword, findUserWithOnlyRole,
  DB, DEMO_PASSWORD, BASE,
} from './helpers.mjs';

const TAG = crypto.randomBytes(3).toString('hex');
const NUM = String(parseInt(TAG, 16) % 1000);

function sql(text) {
  return execFileSync('sqlite3', ['-batch', '-noheader', DB], { input: `.timeout 10000\n${text}\n`, encoding: 'utf8' }).trim();
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const fold = (s) => s.toLowerCase().replace(/ё/g, 'е');

function addPerson(last, first, middle, gender) {
  const full = `${last} ${first} ${middle}`;
  return Number(sql(`INSERT INTO persons(last_name, first_name, middle_name, gender, name_fold, created_at)
    VALUES (${q(last)}, ${q(first)}, ${q(middle)}, ${q(gender)}, ${q(fold(full))}, 0); SELECT last_insert_rowid();`));
}

/** Класс с классным руководителем (новая учётная запись учителя) и учениками/родителями без логинов. */
function makeClass(letter, students, parents) {
  const teacherPw = strongPassword();
  const teacher = addUser({ prefix: `ct${NUM}${letter === `Я${NUM}` ? "a" : "b"}`, role: 'teacher', password: teacherPw, name: 'Классова Руководительница Тестовна' });
  const name = `5${letter}`;
  const classId = Number(sql(`INSERT INTO classes(school_id, year_id, grade, letter, name, class_teacher_id)
    SELECT y.school_id, y.id, 5, ${q(letter)}, ${q(name)}, (SELECT person_id FROM users WHERE login = ${q(teacher.login)})
    FROM academic_years y JOIN user_roles ur ON ur.school_id = y.school_id
    JOIN users u ON u.id = ur.user_id AND u.login = 'admin' WHERE y.closed = 0 ORDER BY y.start_date DESC LIMIT 1;
    SELECT last_insert_rowid();`));
  const ids = {};
  for (const [key, last, first, middle, g] of students) {
    const id = addPerson(last, first, middle, g);
    ids[key] = id;
    sql(`INSERT INTO students(school_id, person_id, status) SELECT school_id, ${id}, 'enrolled' FROM classes WHERE id = ${classId};
      INSERT INTO class_students(school_id, class_id, student_id) SELECT school_id, id, ${id} FROM classes WHERE id = ${classId};`);
  }
  for (const [key, last, first, middle, g, childKey] of parents) {
    const id = addPerson(last, first, middle, g);
    ids[key] = id;
    sql(`INSERT INTO parent_links(school_id, parent_id, child_id, relation) SELECT school_id, ${id}, ${ids[childKey]}, 'parent'
      FROM classes WHERE id = ${classId};`);
  }
  return { classId, name, teacher: { login: teacher.login, password: teacherPw }, ids };
}

let A, B, admin, ctA, ctB;

before(async () => {
  A = makeClass(`Я${NUM}`, [
    ['elkina1', 'Ёлкина', 'Алёна', 'Йовановна', 'f'],
    ['elkina2', 'Ёлкина', 'Алёна', 'Игоревна', 'f'],
    ['shchukin', 'Щукин', 'Юрий', 'Подъячевич', 'm'],
    ['vorobev', 'Воробьёв', 'Фёдор', 'Ильич', 'm'],
  ], [
    ['father', 'Ёлкин', 'Пётр', 'Семёнович', 'm', 'elkina1'],
    ['mother', 'Щукина', 'Юлия', 'Артёмовна', 'f', 'shchukin'],
  ]);
  // a withdrawn student of A: not on the roster, gets nothing
  const gone = addPerson('Выбывшая', 'Анна', 'Петровна', 'f');
  sql(`INSERT INTO students(school_id, person_id, status) SELECT school_id, ${gone}, 'withdrawn' FROM classes WHERE id = ${A.classId};
    INSERT INTO class_students(school_id, class_id, student_id) SELECT school_id, id, ${gone} FROM classes WHERE id = ${A.classId};`);
  A.gone = gone;
  B = makeClass(`Ю${NUM}`, [['zhukov', 'Жуков', 'Харитон', 'Цезаревич', 'm']], [['zmother', 'Жукова', 'Яна', 'Щедровна', 'f', 'zhukov']]);
  admin = await loginOnce('admin', DEMO_PASSWORD);
  ctA = await login(A.teacher.login, A.teacher.password);
  ctB = await login(B.teacher.login, B.teacher.password);
});

const issue = (s, classId, body, query = '') =>
  api('POST', `/api/v1/classes/${classId}/credentials${query}`, { token: s.token, body });
// Temporary passwords in the text of a sheet: 10 characters of the generator's alphabet standing
// alone (logins always hold a dot, so they never match).
const sheetPasswords = (text) =>
  [...text.matchAll(/(?<![\w.\/:])[a-km-zA-HJ-NP-Z2-9]{10}(?![\w.])/g)].map((m) => m[0]);
const roster = (s, classId) => api('GET', `/api/v1/classes/${classId}/credentials`, { token: s.token });

test('классный руководитель видит только свои классы и состав с логинами', async () => {
  const mine = await api('GET', '/api/v1/credentials/classes', { token: ctA.token });
  assertStatus(mine, 200);
  assert.deepEqual(mine.json.items.map((c) => c.id), [A.classId]);
  assert.equal(mine.json.items[0].name, A.name);
  assert.equal(mine.json.items[0].students, 4);
  assert.equal(mine.json.items[0].parents, 2);

  const all = await api('GET', '/api/v1/credentials/classes', { token: admin.token });
  assertStatus(all, 200);
  const ids = all.json.items.map((c) => c.id);
  assert.ok(ids.includes(A.classId) && ids.includes(B.classId));
  assert.ok(all.json.items.length >= 29, 'администратор видит все классы школы');

  const r = await roster(ctA, A.classId);
  assertStatus(r, 200);
  assert.equal(r.json.class.name, A.name);
  const names = r.json.items.map((p) => `${p.kind}:${p.full_name}`);
  assert.deepEqual(names, [
    'student:Воробьёв Фёдор Ильич', 'student:Ёлкина Алёна Игоревна', 'student:Ёлкина Алёна Йовановна',
    'student:Щукин Юрий Подъячевич', 'parent:Ёлкин Пётр Семёнович', 'parent:Щукина Юлия Артёмовна',
  ], 'русский порядок (ё после е), выбывшие не показаны');
  assert.ok(r.json.items.every((p) => p.login === null && p.has_login === false));
  assert.equal(r.json.items.find((p) => p.kind === 'parent' && p.last_name === 'Ёлкин').children, 'Ёлкина Алёна');
  assert.ok(!JSON.stringify(r.json).includes('password'), 'в составе нет паролей');
});

test('чужой класс: 403 классному руководителю другого класса, родителю и ученику', async () => {
  assertError(await issue(ctB, A.classId, { who: ['students'] }), 403, 'forbidden');
  assertError(await roster(ctB, A.classId), 403, 'forbidden');
  assertError(await issue(ctA, B.classId, { who: ['parents'] }), 403, 'forbidden');
  // a demo class (5Б) is not A's teacher's either, and an unknown class answers the same
  const all = await api('GET', '/api/v1/credentials/classes', { token: admin.token });
  const demo5b = all.json.items.find((c) => c.name === '5Б');
  assert.ok(demo5b, 'в демо-школе есть 5Б');
  assertError(await issue(ctA, demo5b.id, {}), 403, 'forbidden');
  assertError(await issue(ctA, 99999999, {}), 403, 'forbidden');
  // admin: unknown class is 404
  assertError(await issue(admin, 99999999, {}), 404, 'not_found');

  for (const role of ['parent', 'student']) {
    const u = findUserWithOnlyRole(role);
    const s = await loginOnce(u.login, DEMO_PASSWORD);
    assertError(await issue(s, A.classId, {}), 403);
    assertError(await roster(s, A.classId), 403);
    assertError(await api('GET', '/api/v1/credentials/classes', { token: s.token }), 403);
    assertError(await api('POST', `/api/v1/staff/1/credentials`, { token: s.token, body: {} }), 403);
  }
  assertError(await api('POST', `/api/v1/staff/1/credentials`, { token: ctA.token, body: {} }), 403);
  assertError(await api('GET', '/api/v1/credentials/staff', { token: ctA.token }), 403);
  // nothing was created by the refused calls
  const r = await roster(admin, B.classId);
  assert.ok(r.json.items.every((p) => !p.has_login));
});

test('неверный запрос: who, format, лишние поля', async () => {
  assertError(await issue(ctA, A.classId, { who: ['teachers'] }), 400, 'invalid_who', 'who');
  assertError(await issue(ctA, A.classId, { who: [] }), 400, undefined, 'who');
  assertError(await issue(ctA, A.classId, { who: 'students' }), 400, undefined, 'who');
  assertError(await issue(ctA, A.classId, { reissue: 'yes' }), 400, undefined, 'reissue');
  assertError(await issue(ctA, A.classId, { password: 'x' }), 400);
  assertError(await issue(ctA, A.classId, {}, '?format=xml'), 400, 'invalid_format', 'format');
  const r = await roster(ctA, A.classId);
  assert.ok(r.json.items.every((p) => !p.has_login), 'ошибочные запросы ничего не создали');
});

let studentCreds;

test('классный руководитель выдаёт логины ученикам: транслитерация, уникальность, повтор ничего не создаёт', async () => {
  const r = await issue(ctA, A.classId, { who: ['students'] });
  assertStatus(r, 200);
  assert.equal(r.json.total, 4);
  assert.equal(r.json.skipped, 0);
  const by = Object.fromEntries(r.json.items.map((it) => [it.person_id, it]));
  for (const it of r.json.items) {
    assert.equal(it.kind, 'student');
    assert.equal(it.status, 'created');
    assert.equal(it.class_name, A.name);
    assert.match(it.login, /^[a-z0-9.]+$/, 'логин — строчная латиница');
    assert.match(it.temporary_password, /^[A-Za-z2-9]{10}$/);
    assert.doesNotMatch(it.temporary_password, /[0O1lI]/, 'без похожих символов');
  }
  assert.match(by[A.ids.shchukin].login, /^shchukin\.iup\d*$/);
  assert.match(by[A.ids.vorobev].login, /^vorobev\.fi\d*$/);
  assert.match(by[A.ids.elkina1].login, /^elkina\.ai\d*$/);
  assert.match(by[A.ids.elkina2].login, /^elkina\.ai\d*$/);
  assert.notEqual(by[A.ids.elkina1].login, by[A.ids.elkina2].login, 'одинаковые логины различаются суффиксом');
  assert.equal(by[A.ids.elkina1].full_name, 'Ёлкина Алёна Йовановна');
  assert.equal(by[A.gone], undefined, 'выбывшим не выдаются');
  studentCreds = by;

  // idempotent: nothing new without reissue
  const again = await issue(ctA, A.classId, { who: ['students'] });
  assertStatus(again, 200);
  assert.equal(again.json.total, 0);
  assert.equal(again.json.skipped, 4);

  const ro = await roster(ctA, A.classId);
  const students = ro.json.items.filter((p) => p.kind === 'student');
  const parents = ro.json.items.filter((p) => p.kind === 'parent');
  assert.ok(students.every((p) => p.has_login && !p.activated));
  assert.deepEqual(students.map((p) => p.login).sort(), r.json.items.map((it) => it.login).sort());
  assert.ok(parents.every((p) => !p.has_login), 'родителям не выдано');
  assert.equal(ro.json.class.students_without_login, 0);
  assert.equal(ro.json.class.parents_without_login, 2);
});

test('новый логин входит с временным паролем и обязан сменить его', async () => {
  const it = studentCreds[A.ids.vorobev];
  const s = await login(it.login, it.temporary_password);
  assert.equal(s.user.must_change_password, true);
  assertError(await api('GET', '/api/v1/credentials/classes', { token: s.token }), 403, 'password_change_required');
  const me = await api('GET', '/api/v1/me', { token: s.token });
  assertStatus(me, 200);
  const newPw = strongPassword();
  const ch = await api('POST', '/api/v1/auth/password', { token: s.token, body: { old_password: it.temporary_password, new_password: newPw } });
  assertStatus(ch, 200);
  const s2 = await login(it.login, newPw);
  assert.equal(s2.user.must_change_password, false);
  const me2 = await api('GET', '/api/v1/me', { token: s2.token });
  const school = me2.json.schools.find((x) => x.current);
  assert.ok(school.roles.some((r) => r.code === 'student'), 'роль «ученик» в школе');
  it.active = newPw;
});

test('повторная выдача (reissue) меняет только неактивированные пароли', async () => {
  const r = await issue(ctA, A.classId, { who: ['students'], reissue: true });
  assertStatus(r, 200);
  assert.equal(r.json.total, 3, 'трём, кто ещё не сменил временный пароль');
  assert.equal(r.json.skipped, 1, 'активированная учётная запись не тронута');
  assert.ok(r.json.items.every((it) => it.status === 'reset' && it.reset === true && it.created === false));
  assert.ok(!r.json.items.some((it) => it.person_id === A.ids.vorobev));
  const sh = r.json.items.find((it) => it.person_id === A.ids.shchukin);
  assert.equal(sh.login, studentCreds[A.ids.shchukin].login, 'логин сохраняется');
  assert.notEqual(sh.temporary_password, studentCreds[A.ids.shchukin].temporary_password);
  // the old temporary password no longer works, the new one does
  const old = await api('POST', '/api/v1/auth/login', { body: { login: sh.login, password: studentCreds[A.ids.shchukin].temporary_password } });
  assertError(old, 401, 'bad_credentials');
  const s = await login(sh.login, sh.temporary_password);
  assert.equal(s.user.must_change_password, true);
  // the active account still logs in with its own password
  await login(studentCreds[A.ids.vorobev].login, studentCreds[A.ids.vorobev].active);
  studentCreds[A.ids.shchukin] = sh;
});

let pdfText, parentItems;

test('лист с реквизитами (PDF) для родителей, выданный администратором', async () => {
  const res = await fetch(`${BASE}/api/v1/classes/${A.classId}/credentials?format=pdf`, {
    method: 'POST', headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ who: ['parents'] }),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const cd = res.headers.get('content-disposition');
  assert.match(cd, /^attachment;/);
  assert.ok(cd.includes(`filename*=UTF-8''credentials-${encodeURIComponent(A.name)}.pdf`), cd);
  assert.match(res.headers.get('content-security-policy') || '', /default-src 'self'/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = path.join(os.tmpdir(), `zh-cred-${TAG}.pdf`);
  fs.writeFileSync(file, buf);
  try {
    pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
  const flat = pdfText.replace(/\s+/g, ' ');
  assert.ok(flat.includes('Ёлкин Пётр Семёнович'), 'полное имя с ё');
  assert.ok(flat.includes('Щукина Юлия Артёмовна'));
  assert.ok(flat.includes('ГБОУ СОШ № 17'));
  assert.ok(flat.includes('При первом входе смените пароль'));
  assert.ok(flat.includes(`Класс ${A.name}`));

  // the parents now have logins; the passwords exist only in the sheet
  const ro = await roster(admin, A.classId);
  parentItems = ro.json.items.filter((p) => p.kind === 'parent');
  assert.ok(parentItems.every((p) => p.has_login));
  assert.match(parentItems.find((p) => p.last_name === 'Ёлкин').login, /^elkin\.ps\d*$/);
  assert.match(parentItems.find((p) => p.last_name === 'Щукина').login, /^shchukina\.iua\d*$/);
  const pw = sheetPasswords(flat);
  assert.equal(pw.length, 2, `два пароля в листе: ${flat}`);
  for (const p of parentItems) assert.ok(flat.includes(p.login), `логин ${p.login} в листе`);
  // each login works with one of the passwords of the sheet
  for (const p of parentItems) {
    let ok = false;
    for (const candidate of pw) {
      const r = await api('POST', '/api/v1/auth/login', { body: { login: p.login, password: candidate } });
      if (r.status === 200) {
        ok = true;
        assert.equal(r.json.user.must_change_password, true);
        break;
      }
    }
    assert.ok(ok, `логин ${p.login} входит с паролем из листа`);
  }
  // students untouched by a parents-only issuance
  const st = ro.json.items.filter((p) => p.kind === 'student');
  assert.deepEqual(st.map((p) => p.login).sort(), Object.values(studentCreds).map((it) => it.login).sort());
});

test('PDF от классного руководителя: пароли листа действуют', async () => {
  const res = await fetch(`${BASE}/api/v1/classes/${B.classId}/credentials?format=pdf`, {
    method: 'POST', headers: { Authorization: `Bearer ${ctB.token}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  assert.equal(res.status, 200);
  const file = path.join(os.tmpdir(), `zh-cred-b-${TAG}.pdf`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  fs.rmSync(file, { force: true });
  assert.ok(text.includes('Жуков Харитон Цезаревич') && text.includes('Жукова Яна Щедровна'));
  assert.ok(/zhukov\.khts\d*/.test(text) && /zhukova\.iashch\d*/.test(text), text);
  const ro = await roster(ctB, B.classId);
  assert.ok(ro.json.items.every((p) => p.has_login));
  const pw = sheetPasswords(text);
  assert.equal(pw.length, 2, text);
  for (const p of ro.json.items) {
    const ok = [];
    for (const candidate of pw) {
      const r = await api('POST', '/api/v1/auth/login', { body: { login: p.login, password: candidate } });
      if (r.status === 200) ok.push(candidate);
    }
    assert.equal(ok.length, 1, `логин ${p.login} входит ровно с одним паролем листа`);
  }
});

test('журнал аудита: кто, кому, логины — и ни одного пароля', async () => {
  const r = await api('GET', `/api/v1/audit?op=credentials.issue&entity=class&entity_id=${A.classId}&limit=50`, { token: admin.token });
  assertStatus(r, 200);
  const entries = r.json.items;
  assert.ok(entries.length >= 3, 'каждая выдача записана');
  const byTeacher = entries.filter((e) => e.user_login === A.teacher.login);
  const byAdmin = entries.filter((e) => e.user_login === 'admin');
  assert.ok(byTeacher.length >= 2 && byAdmin.length >= 1);
  const logins = entries.flatMap((e) => e.new.persons.map((p) => p.login));
  for (const it of Object.values(studentCreds)) assert.ok(logins.includes(it.login));
  for (const p of parentItems) assert.ok(logins.includes(p.login));
  const text = JSON.stringify(entries);
  for (const it of Object.values(studentCreds)) assert.ok(!text.includes(it.temporary_password), 'пароль не в аудите');
  for (const pw of sheetPasswords(pdfText)) assert.ok(!text.includes(pw));
  assert.doesNotMatch(text, /password/i);
});

test('администратор выдаёт логин сотруднику; повтор и чужие люди', async () => {
  const pid = addPerson('Йорданова', 'Ёлка', 'Шамилевна', 'f');
  sql(`INSERT INTO staff(school_id, person_id) SELECT y.school_id, ${pid} FROM academic_years y
    JOIN user_roles ur ON ur.school_id = y.school_id JOIN users u ON u.id = ur.user_id AND u.login = 'admin' LIMIT 1;`);
  const list = await api('GET', '/api/v1/credentials/staff', { token: admin.token });
  assertStatus(list, 200);
  const row = list.json.items.find((p) => p.person_id === pid);
  assert.ok(row && !row.has_login);
  assert.ok(list.json.items.some((p) => p.login === 'admin'), 'сотрудники с логинами тоже в списке');

  assertError(await api('POST', `/api/v1/staff/${pid}/credentials`, { token: admin.token, body: { roles: ['parent'] } }), 400, 'invalid_role', 'roles');
  const r = await api('POST', `/api/v1/staff/${pid}/credentials`, { token: admin.token, body: { roles: ['teacher', 'secretary'] } });
  assertStatus(r, 200);
  assert.equal(r.json.total, 1);
  const it = r.json.items[0];
  assert.equal(it.kind, 'staff');
  assert.match(it.login, /^iordanova\.esh\d*$/);
  const s = await login(it.login, it.temporary_password);
  assert.equal(s.user.must_change_password, true);
  const again = await api('POST', `/api/v1/staff/${pid}/credentials`, { token: admin.token, body: {} });
  assert.equal(again.json.total, 0);
  assert.equal(again.json.skipped, 1);
  const re = await api('POST', `/api/v1/staff/${pid}/credentials`, { token: admin.token, body: { reissue: true } });
  assert.equal(re.json.total, 1);
  assert.equal(re.json.items[0].status, 'reset');
  const ok = await login(it.login, re.json.items[0].temporary_password);
  const newPw = strongPassword();
  assertStatus(await api('POST', '/api/v1/auth/password', { token: ok.token, body: { old_password: re.json.items[0].temporary_password, new_password: newPw } }), 200);
  const me = await api('GET', '/api/v1/me', { token: (await login(it.login, newPw)).token });
  const roles = me.json.schools.find((x) => x.current).roles.map((x) => x.code).sort();
  assert.deepEqual(roles, ['secretary', 'teacher']);

  // a student is not staff: 404
  assertError(await api('POST', `/api/v1/staff/${A.ids.zhukov ?? B.ids.zhukov}/credentials`, { token: admin.token, body: {} }), 404, 'not_found');
  assertError(await api('POST', '/api/v1/staff/99999999/credentials', { token: admin.token, body: {} }), 404, 'not_found');
});
