// Книга движения (M-06) и переход на новый учебный год (M-05).
// Переход выполняется на отдельной временной установке (zhurnal demo во временную базу и свой сервер),
// чтобы общая демо-школа не переводилась.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, BIN, DEMO_PASSWORD, repoRoot, sleep } from './helpers.mjs';

const adminUser = findUserForRole('admin');
const secretaryUser = findUserForRole('secretary');
const teacherUser = findUserWithOnlyRole('teacher');
const parentUser = findUserWithOnlyRole('parent');
const headUser = findUserForRole('head');

const ORDER = { order_no: '901-у', order_date: '2026-11-02', date: '2026-11-02' };
let uniq = 0;
const newPerson = (last = 'Проверочный') => ({ last_name: last, first_name: `Ученик${++uniq}`, middle_name: 'Тестович', birth_date: '2014-03-03', gender: 'm' });

async function classes(token) {
  const r = await api('GET', '/api/v1/movement-classes', { token });
  assertStatus(r, 200, 'классы');
  return r.json;
}
async function classList(token, id) {
  const r = await api('GET', `/api/v1/movement-classes/${id}/students`, { token });
  assertStatus(r, 200, 'список класса');
  return r.json.items;
}
const byName = (cls, name) => {
  const c = cls.classes.find((x) => x.name === name);
  assert.ok(c, `нет класса ${name}`);
  return c;
};

test('зачисление нового человека, перевод, выбытие; книга и движение по учащемуся; журнал действий', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  const cls = await classes(admin.token);
  const c5a = byName(cls, '5А'), c5b = byName(cls, '5Б');

  // зачисление из другой школы
  const en = await api('POST', '/api/v1/movements', { token: admin.token, body: {
    kind: 'enrol', person: newPerson(), to_class_id: c5a.id, from_place: 'МБОУ СОШ № 5 г.о. Тольятти', ...ORDER } });
  assertStatus(en, 201, 'зачисление');
  assert.equal(en.json.kind, 'enrol');
  assert.equal(en.json.to_class, '5А');
  assert.equal(en.json.from_place, 'МБОУ СОШ № 5 г.о. Тольятти');
  assert.equal(en.json.order_no, '901-у');
  const sid = en.json.student_id;
  assert.ok((await classList(admin.token, c5a.id)).some((s) => s.student_id === sid), 'зачисленный в списке 5А');

  // повторное зачисление того же учащегося — 409: учащийся только в одном классе
  assertError(await api('POST', '/api/v1/movements', { token: admin.token, body: { kind: 'enrol', student_id: sid, to_class_id: c5b.id, ...ORDER } }),
    409, 'already_in_class', 'student_id');

  // перевод в параллельный класс
  const tr = await api('POST', '/api/v1/movements', { token: admin.token, body: {
    kind: 'transfer', student_id: sid, to_class_id: c5b.id, reason: 'По заявлению родителей', ...ORDER, order_no: '902-у' } });
  assertStatus(tr, 201, 'перевод');
  assert.equal(tr.json.from_class, '5А');
  assert.equal(tr.json.to_class, '5Б');
  assert.ok(!(await classList(admin.token, c5a.id)).some((s) => s.student_id === sid), 'после перевода не в 5А');
  assert.ok((await classList(admin.token, c5b.id)).some((s) => s.student_id === sid), 'после перевода в 5Б');
  assertError(await api('POST', '/api/v1/movements', { token: admin.token, body: { kind: 'transfer', student_id: sid, to_class_id: c5b.id, ...ORDER } }),
    422, 'same_class', 'to_class_id');
  assertError(await api('POST', '/api/v1/movements', { token: admin.token, body: { kind: 'transfer', student_id: sid, from_class_id: c5a.id, to_class_id: c5b.id, ...ORDER } }),
    422, 'not_in_class', 'from_class_id');

  // выбытие: уходит из списка класса, история остаётся
  const wd = await api('POST', '/api/v1/movements', { token: admin.token, body: {
    kind: 'withdraw', student_id: sid, to_place: 'МБОУ «Школа № 41» г. Нижний Новгород', reason: 'Переезд', ...ORDER, date: '2026-11-20', order_no: '903-у', order_date: '2026-11-19' } });
  assertStatus(wd, 201, 'выбытие');
  assert.equal(wd.json.from_class, '5Б');
  assert.equal(wd.json.to_class, null);
  assert.ok(!(await classList(admin.token, c5b.id)).some((s) => s.student_id === sid), 'выбывший не в списке класса');
  assertError(await api('POST', '/api/v1/movements', { token: admin.token, body: { kind: 'withdraw', student_id: sid, ...ORDER, date: '2026-11-21' } }),
    422, 'not_in_class', 'student_id');

  const per = await api('GET', `/api/v1/students/${sid}/movements`, { token: admin.token });
  assertStatus(per, 200, 'движение учащегося');
  assert.deepEqual(per.json.items.map((m) => m.kind), ['enrol', 'transfer', 'withdraw']);
  assert.equal(per.json.total, 3);
  assert.equal(per.json.items[2].to_place, 'МБОУ «Школа № 41» г. Нижний Новгород');
  assertError(await api('GET', '/api/v1/students/999999999/movements', { token: admin.token }), 404);

  // можно зачислить снова (вернулся)
  const back = await api('POST', '/api/v1/movements', { token: admin.token, body: { kind: 'enrol', student_id: sid, to_class_id: c5a.id, ...ORDER, date: '2026-11-25', order_date: '2026-11-25', order_no: '904-у' } });
  assertStatus(back, 201, 'повторное зачисление после выбытия');

  // каждое движение — в журнале действий
  const audit = await api('GET', '/api/v1/audit?op=movement.edit&entity=movement&limit=50', { token: admin.token });
  assertStatus(audit, 200, 'журнал');
  for (const id of [en.json.id, tr.json.id, wd.json.id, back.json.id]) {
    const a = audit.json.items.find((x) => x.entity_id === String(id));
    assert.ok(a, `нет записи журнала для движения ${id}`);
    assert.equal(a.new.id, id);
  }
  const wa = audit.json.items.find((x) => x.entity_id === String(wd.json.id));
  assert.equal(wa.old.status, 'enrolled');
  assert.equal(wa.new.status, 'withdrawn');
});

test('книга движения: порядок по дате, фильтры, страницы; демо-записи', async (t) => {
  if (!secretaryUser) return t.skip('в демо нет секретаря');
  const sec = await loginOnce(secretaryUser.login);
  const all = await api('GET', '/api/v1/movements?limit=500', { token: sec.token });
  assertStatus(all, 200, 'книга');
  assert.ok(all.json.total >= 8, `в демо не меньше 8 записей, есть ${all.json.total}`);
  const dates = all.json.items.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort(), 'по дате');
  assert.ok(all.json.items.some((m) => m.kind === 'enrol' && m.order_no === '112-у' && m.date === '2026-09-02'), 'демо-зачисление № 112-у от 02.09.2026');
  for (const m of all.json.items) assert.ok(m.last_name && m.first_name, 'у записи есть фамилия и имя');

  const wd = await api('GET', '/api/v1/movements?kind=withdraw', { token: sec.token });
  assert.ok(wd.json.items.length >= 2);
  assert.ok(wd.json.items.every((m) => m.kind === 'withdraw'));
  const oct = await api('GET', '/api/v1/movements?from=2026-10-01&to=2026-10-31', { token: sec.token });
  assert.ok(oct.json.items.length >= 1);
  assert.ok(oct.json.items.every((m) => m.date >= '2026-10-01' && m.date <= '2026-10-31'));
  const cls = await classes(sec.token);
  const c6b = byName(cls, '6Б');
  const f6 = await api('GET', `/api/v1/movements?class=${c6b.id}`, { token: sec.token });
  assert.ok(f6.json.items.length >= 1);
  assert.ok(f6.json.items.every((m) => m.from_class_id === c6b.id || m.to_class_id === c6b.id));
  const p1 = await api('GET', '/api/v1/movements?limit=2&offset=1', { token: sec.token });
  assert.equal(p1.json.items.length, 2);
  assert.equal(p1.json.items[0].id, all.json.items[1].id);
  assert.equal(p1.json.total, all.json.total);

  assertError(await api('GET', '/api/v1/movements?from=2026-02-30', { token: sec.token }), 400, undefined, 'from');
  assertError(await api('GET', '/api/v1/movements?kind=teleport', { token: sec.token }), 400, undefined, 'kind');
  assertError(await api('GET', '/api/v1/movements?class=999999', { token: sec.token }), 404, undefined, 'class');
  assertError(await api('GET', '/api/v1/movements?limit=0', { token: sec.token }), 400, undefined, 'limit');
});

test('проверка ввода: номер приказа, даты внутри года, классы школы', async (t) => {
  if (!secretaryUser) return t.skip('в демо нет секретаря');
  const sec = await loginOnce(secretaryUser.login);
  const cls = await classes(sec.token);
  const c7 = byName(cls, '7А');
  const post = (body) => api('POST', '/api/v1/movements', { token: sec.token, body });
  const base = { kind: 'enrol', person: newPerson(), to_class_id: c7.id, ...ORDER };

  assertError(await post({ ...base, order_no: '' }), 400, 'missing_field', 'order_no');
  assertError(await post({ ...base, order_no: undefined }), 400, undefined, 'order_no');
  assertError(await post({ ...base, date: '2027-09-05' }), 422, 'date_outside_year', 'date');
  assertError(await post({ ...base, date: '2026-08-20', order_date: '2026-08-20' }), 422, 'date_outside_year', 'date');
  assertError(await post({ ...base, date: '2026-13-01' }), 400, 'invalid_date', 'date');
  assertError(await post({ ...base, order_date: '2026-12-01' }), 422, 'order_after_date', 'order_date');
  assertError(await post({ ...base, to_class_id: 999999 }), 404, 'class_not_found', 'to_class_id');
  assertError(await post({ ...base, to_class_id: undefined }), 400, 'missing_field', 'to_class_id');
  assertError(await post({ ...base, kind: 'teleport' }), 400, 'invalid_value', 'kind');
  assertError(await post({ ...base, person: { ...newPerson(), last_name: '' } }), 400, 'missing_field', 'last_name');
  assertError(await post({ ...base, person: { ...newPerson(), gender: 'x' } }), 400, undefined, 'gender');
  assertError(await post({ ...base, extra: 1 }), 400);
  assertError(await post({ kind: 'transfer', student_id: 999999999, to_class_id: c7.id, ...ORDER }), 404, 'student_not_found', 'student_id');
  assertError(await post({ kind: 'withdraw', ...ORDER }), 400, 'missing_field', 'student_id');
  // ничего из отвергнутого не записано
  const list = await classList(sec.token, c7.id);
  assert.ok(!list.some((s) => s.last_name === 'Проверочный' && s.first_name === `Ученик${uniq}`));
});

test('будущие учащиеся: добавление, поиск по-русски, зачисление убирает из списка', async (t) => {
  if (!secretaryUser) return t.skip('в демо нет секретаря');
  const sec = await loginOnce(secretaryUser.login);
  const demo = await api('GET', '/api/v1/applicants', { token: sec.token });
  assertStatus(demo, 200, 'список');
  assert.ok(demo.json.total >= 5, 'в демо 5 будущих первоклассников');
  const last = `Ёлкина${process.pid}`;
  const cr = await api('POST', '/api/v1/applicants', { token: sec.token, body: { last_name: last, first_name: 'Алёна', middle_name: 'Петровна', birth_date: '2020-05-05', gender: 'f' } });
  assertStatus(cr, 201, 'добавление');
  assert.equal(cr.json.status, 'applicant');
  const found = await api('GET', `/api/v1/applicants?q=${encodeURIComponent(`елкина${process.pid} ал`)}`, { token: sec.token });
  assert.deepEqual(found.json.items.map((x) => x.id), [cr.json.id], 'поиск без учёта регистра и ё');
  assertError(await api('POST', '/api/v1/applicants', { token: sec.token, body: { last_name: 'Без', first_name: 'Даты', birth_date: '2020-02-31' } }), 400, 'invalid_date', 'birth_date');
  assertError(await api('POST', '/api/v1/applicants', { token: sec.token, body: { first_name: 'Без фамилии' } }), 400, undefined, 'last_name');

  const cls = await classes(sec.token);
  const c1 = byName(cls, '1Б');
  const en = await api('POST', '/api/v1/movements', { token: sec.token, body: { kind: 'enrol', student_id: cr.json.id, to_class_id: c1.id, from_place: 'МБДОУ детский сад № 5', ...ORDER } });
  assertStatus(en, 201, 'зачисление будущего учащегося');
  const after1 = await api('GET', `/api/v1/applicants?q=${encodeURIComponent(last)}`, { token: sec.token });
  assert.equal(after1.json.total, 0, 'зачисленный больше не в списке будущих');
});

test('права: учитель и родитель не видят книгу; секретарь не выполняет переход', async (t) => {
  if (!teacherUser || !parentUser || !secretaryUser) return t.skip('нет нужных пользователей');
  const teacher = await loginOnce(teacherUser.login);
  const parent = await loginOnce(parentUser.login);
  const sec = await loginOnce(secretaryUser.login);
  for (const s of [teacher, parent]) {
    assertError(await api('GET', '/api/v1/movements', { token: s.token }), 403, 'forbidden');
    assertError(await api('GET', '/api/v1/applicants', { token: s.token }), 403, 'forbidden');
    assertError(await api('POST', '/api/v1/movements', { token: s.token, body: { kind: 'enrol', person: newPerson(), to_class_id: 1, ...ORDER } }), 403, 'forbidden');
    assertError(await api('POST', '/api/v1/applicants', { token: s.token, body: newPerson() }), 403, 'forbidden');
    assertError(await api('GET', '/api/v1/students/1/movements', { token: s.token }), 403, 'forbidden');
    assertError(await api('GET', '/api/v1/years/1/decisions', { token: s.token }), 403, 'forbidden');
  }
  assertError(await api('GET', '/api/v1/years/1/decisions', { token: sec.token }), 403, 'forbidden');
  assertError(await api('POST', '/api/v1/years/1/rollover', { token: sec.token, body: { new_year: { name: '2027/2028', start_date: '2027-09-01', end_date: '2028-08-31' } } }), 403, 'forbidden');
  if (headUser) {
    const head = await loginOnce(headUser.login);
    const d = await api('GET', '/api/v1/years/1/decisions', { token: head.token });
    assertStatus(d, 200, 'завуч видит решения');
    assertError(await api('GET', '/api/v1/years/999999/decisions', { token: head.token }), 404);
  }
});

// ---------------------------------------------------------------- переход на новый учебный год

const PORT = Number(process.env.ZH_MOVEMENT_PORT || 18551);
const SBASE = `http://127.0.0.1:${PORT}`;
let scratch = null;

async function sapi(method, p, token, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(SBASE + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

async function startScratch() {
  const dir = fs.mkdtempSync(path.join(process.env.ZH_TEST_TMPDIR || os.tmpdir(), 'zh-rollover-'));
  const db = path.join(dir, 'z.db');
  const pw = DEMO_PASSWORD || 'demo-Parol-2026';
  execFileSync(BIN, ['demo', '--db', db, '--password', pw, '--seed', '7'], { stdio: 'ignore' });
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${PORT}`, '--web', path.join(repoRoot, 'web'), '--quiet'], { stdio: 'ignore' });
  scratch = { dir, db, proc };
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${SBASE}/healthz`);
      if (r.ok) break;
    } catch { /* ещё не слушает */ }
    await sleep(100);
  }
  const res = await fetch(`${SBASE}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: pw }) });
  assert.equal(res.status, 200, 'вход администратора временной установки');
  return (await res.json()).token;
}

after(() => {
  if (scratch) {
    scratch.proc.kill('SIGTERM');
    fs.rmSync(scratch.dir, { recursive: true, force: true });
  }
});

test('переход на новый учебный год: решения обязательны, атомарность, перевод классов, выпуск, повтор — 409', async () => {
  const tok = await startScratch();
  const NEW_YEAR = { name: '2027/2028', start_date: '2027-09-01', end_date: '2028-08-31' };
  const cls0 = await sapi('GET', '/api/v1/movement-classes', tok);
  assert.equal(cls0.json.years.length, 1);
  const year = cls0.json.years[0];
  const clsByName = (name) => cls0.json.classes.find((c) => c.name === name);

  const d0 = await sapi('GET', `/api/v1/years/${year.id}/decisions`, tok);
  assertStatus(d0, 200, 'решения');
  const students = d0.json.items;
  assert.ok(students.length > 600, `учащихся в году: ${students.length}`);
  assert.equal(d0.json.decided, 0);
  assert.ok(students.filter((s) => s.grade === 11).every((s) => s.suggested === 'graduated'));
  assert.ok(students.filter((s) => s.grade < 11).every((s) => s.suggested === 'promoted'));
  assert.equal(d0.json.decisions.find((x) => x.code === 'repeat').title, 'оставлен на повторное обучение');

  // без решений — отказ со списком первых 20
  const r0 = await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: NEW_YEAR });
  assert.equal(r0.status, 422, r0.text);
  assert.equal(r0.json.error.code, 'decisions_missing');
  assert.match(r0.json.error.message, /Нет решения/);
  assert.equal(r0.json.missing.length, 20);
  assert.equal(r0.json.missing_total, students.length);

  // проверка решений: «окончил» только 9 и 11; строка с ошибкой — ничего не сохраняется
  const s5 = students.filter((s) => s.class === '5А');
  const P = { protocol_no: '7', protocol_date: '2027-05-28' };
  const bad = await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: [
    { student_id: s5[0].student_id, decision: 'promoted' }, { student_id: s5[1].student_id, decision: 'graduated' }] });
  assertError(bad, 422, 'graduation_grade', 'decision');
  assertError(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { decisions: [{ student_id: s5[0].student_id, decision: 'promoted' }] }), 400, 'missing_field', 'protocol_no');
  assertError(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: [{ student_id: s5[0].student_id, decision: 'moved' }] }), 400, 'invalid_value', 'decision');
  assertError(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: [{ student_id: 999999999, decision: 'promoted' }] }), 422, 'not_in_year', 'student_id');
  const s11 = students.find((s) => s.grade === 11);
  assertError(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: [{ student_id: s11.student_id, decision: 'promoted' }] }), 422, 'no_next_grade', 'decision');
  assert.equal((await sapi('GET', `/api/v1/years/${year.id}/decisions`, tok)).json.decided, 0, 'после ошибок ничего не сохранено');

  // решения всем: по умолчанию; 5А — один на повторное обучение; 9А — один окончил; 7Б — один выбыл
  const repeater = s5[0];
  const grad9 = students.find((s) => s.class === '9А');
  const leaver = students.find((s) => s.class === '7Б');
  const doomed = students.find((s) => s.class === '4А'); // выбудет после решения: решение станет «чужим»
  const decisions = students.map((s) => ({ student_id: s.student_id, decision: s.suggested }));
  const set = (s, d) => { decisions.find((x) => x.student_id === s.student_id).decision = d; };
  set(repeater, 'repeat');
  set(grad9, 'graduated');
  set(leaver, 'withdrawn');
  const put = await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions });
  assertStatus(put, 200, 'сохранение решений');
  assert.equal(put.json.changed, students.length);
  const again = await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: decisions.slice(0, 5) });
  assert.equal(again.json.changed, 0, 'те же решения ничего не меняют');
  const d1 = await sapi('GET', `/api/v1/years/${year.id}/decisions?class=${clsByName('5А').id}`, tok);
  assert.equal(d1.json.items.find((x) => x.student_id === repeater.student_id).decision_title, 'оставлен на повторное обучение');
  assert.equal(d1.json.decided, d1.json.items.length);

  // атомарность: ученик 4А выбыл после решения — его решение не относится ни к одному классу года;
  // переход падает на середине (классы уже созданы, часть учащихся переведена) и откатывается целиком
  const wd = await sapi('POST', '/api/v1/movements', tok, { kind: 'withdraw', student_id: doomed.student_id, date: '2027-05-30', order_no: '77-у', order_date: '2027-05-30', to_place: 'Другая школа' });
  assertStatus(wd, 201, 'выбытие после решения');
  const movesBefore = (await sapi('GET', '/api/v1/movements?limit=1', tok)).json.total;
  const fail = await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: NEW_YEAR });
  assertError(fail, 422, 'decision_not_in_year', 'decisions');
  const afterFail = await sapi('GET', '/api/v1/movement-classes', tok);
  assert.equal(afterFail.json.years.length, 1, 'новый год не создан');
  assert.equal(afterFail.json.years[0].closed, false, 'старый год не закрыт');
  assert.equal(afterFail.json.classes.length, cls0.json.classes.length, 'новых классов нет');
  assert.equal((await sapi('GET', '/api/v1/movements?limit=1', tok)).json.total, movesBefore, 'движений не добавилось');
  assert.equal((await sapi('GET', '/api/v1/movements?kind=promote&limit=1', tok)).json.total, 0);

  // снимаем решение выбывшего — теперь переход проходит
  assertStatus(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { decisions: [{ student_id: doomed.student_id, decision: null }] }), 200, 'снятие решения');
  assertError(await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: { ...NEW_YEAR, start_date: '2027-06-01' } }), 422, 'year_not_next', 'new_year.start_date');
  assertError(await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: { name: '2027/2028' } }), 400, undefined, 'new_year.start_date');
  const ok = await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: NEW_YEAR });
  assertStatus(ok, 200, 'переход');
  const active = students.length - 1;
  const grads = students.filter((s) => s.grade === 11).length + 1;
  assert.equal(ok.json.graduated, grads);
  assert.equal(ok.json.withdrawn, 1);
  assert.equal(ok.json.repeated, 1);
  assert.equal(ok.json.promoted, active - grads - 2);
  assert.equal(ok.json.year_created, true);

  const cls1 = await sapi('GET', '/api/v1/movement-classes', tok);
  const ny = cls1.json.years.find((y) => y.name === '2027/2028');
  const oy = cls1.json.years.find((y) => y.id === year.id);
  assert.ok(ny && !ny.closed);
  assert.equal(oy.closed, true);
  assert.equal(oy.rolled_to_year_id, ny.id);
  const newCls = cls1.json.classes.filter((c) => c.year_id === ny.id);
  assert.ok(!newCls.some((c) => c.grade === 1), '1-е классы не создаются автоматически');
  const old5a = clsByName('5А');
  const new6a = newCls.find((c) => c.name === '6А');
  assert.equal(new6a.prev_class_id, old5a.id, '6А нового года — продолжение 5А');
  assert.equal(new6a.class_teacher_id, old5a.class_teacher_id, 'классный руководитель переходит');
  const list6a = (await sapi('GET', `/api/v1/movement-classes/${new6a.id}/students`, tok)).json.items.map((s) => s.student_id).sort();
  assert.deepEqual(list6a, s5.filter((s) => s.student_id !== repeater.student_id).map((s) => s.student_id).sort(), 'в 6А — ученики 5А');
  const new5a = newCls.find((c) => c.name === '5А');
  assert.ok(new5a, '5А нового года есть');
  assert.ok((await sapi('GET', `/api/v1/movement-classes/${new5a.id}/students`, tok)).json.items.some((s) => s.student_id === repeater.student_id), 'второгодник в 5А нового года');
  // выпускники и выбывшие — ни в одном классе нового года
  const inNew = new Set();
  for (const c of newCls) for (const s of (await sapi('GET', `/api/v1/movement-classes/${c.id}/students`, tok)).json.items) inNew.add(s.student_id);
  assert.equal(inNew.size, active - grads - 1);
  for (const s of students.filter((x) => x.grade === 11)) assert.ok(!inNew.has(s.student_id));
  assert.ok(!inNew.has(grad9.student_id) && !inNew.has(leaver.student_id) && !inNew.has(doomed.student_id));
  // движения записаны с протоколом как приказом
  const gm = await sapi('GET', `/api/v1/students/${grad9.student_id}/movements`, tok);
  assert.equal(gm.json.items.at(-1).kind, 'graduate');
  assert.match(gm.json.items.at(-1).order_no, /7/);
  assert.equal(gm.json.items.at(-1).order_date, '2027-05-28');

  // старый год читается: списки классов и решения на месте
  const old11 = clsByName('11А');
  assert.ok((await sapi('GET', `/api/v1/movement-classes/${old11.id}/students`, tok)).json.items.length > 0, 'список 11А старого года');
  const oldYearClasses = await sapi('GET', `/api/v1/movement-classes?year=${year.id}`, tok);
  assert.equal(oldYearClasses.json.classes.length, cls0.json.classes.length);
  const dOld = await sapi('GET', `/api/v1/years/${year.id}/decisions`, tok);
  assert.equal(dOld.json.rolled_over, true);
  assert.equal(dOld.json.to_year_id, ny.id);

  // повтор — 409, никто не переведён дважды
  const promoteTotal = (await sapi('GET', '/api/v1/movements?kind=promote&limit=1', tok)).json.total;
  const twice = await sapi('POST', `/api/v1/years/${year.id}/rollover`, tok, { new_year: NEW_YEAR });
  assertError(twice, 409, 'rollover_done');
  assert.match(twice.json.error.message, /Переход уже выполнен/);
  assert.equal((await sapi('GET', '/api/v1/movements?kind=promote&limit=1', tok)).json.total, promoteTotal);
  assert.equal((await sapi('GET', `/api/v1/movement-classes/${new6a.id}/students`, tok)).json.items.length, list6a.length);
  assertError(await sapi('PUT', `/api/v1/years/${year.id}/decisions`, tok, { ...P, decisions: decisions.slice(0, 1) }), 409, 'rollover_done');
  // движение в закрытом году не записывается
  assertError(await sapi('POST', '/api/v1/movements', tok, { kind: 'enrol', person: newPerson(), to_class_id: old5a.id, date: '2027-06-01', order_no: '1', order_date: '2027-06-01' }), 422, 'year_closed', 'date');
});
