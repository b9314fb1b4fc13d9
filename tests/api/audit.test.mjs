// Журнал действий GET /api/v1/audit: только администратор, страницы, фильтры, проверка
// параметров, входы в журнале, и ни одного пароля или токена в записях.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, login, loginOnce, findUserForRole, findUserWithOnlyRole, addUser, strongPassword, DEMO_PASSWORD } from './helpers.mjs';

const adminUser = findUserForRole('admin');
const teacherUser = findUserWithOnlyRole('teacher');
const secrets = new Set([DEMO_PASSWORD]);
const today = () => new Date().toISOString().slice(0, 10);

async function adminToken() {
  const s = await loginOnce(adminUser.login);
  secrets.add(s.token).add(s.csrf);
  return s.token;
}

/** Entries of our own in this school (logouts of a fresh account), so that other test files
 * running at the same time cannot shift the pages under us. */
const author = addUser({ prefix: 'audp', role: 'teacher', password: strongPassword() });
secrets.add(author.password);
async function makeEntries(n) {
  for (let i = 0; i < n; i++) {
    const s = await login(author.login, author.password);
    secrets.add(s.token).add(s.csrf);
    assertStatus(await api('POST', '/api/v1/auth/logout', { token: s.token, body: {} }), 200, 'выход');
  }
}
const mine = `op=auth.logout&user=${author.id}`;

test('GET /api/v1/audit: администратор 200, учитель 403, без токена 401', async (t) => {
  if (!adminUser || !teacherUser) return t.skip('в демо нет администратора или учителя');
  const tok = await adminToken();
  const r = await api('GET', '/api/v1/audit', { token: tok });
  assertStatus(r, 200);
  assert.ok(Array.isArray(r.json.items));
  assert.equal(r.json.limit, 50);
  assert.equal(r.json.offset, 0);
  assert.ok(Number.isInteger(r.json.total));
  const teacher = await loginOnce(teacherUser.login);
  secrets.add(teacher.token).add(teacher.csrf);
  assertError(await api('GET', '/api/v1/audit', { token: teacher.token }), 403, 'forbidden');
  assertError(await api('GET', '/api/v1/audit'), 401, 'unauthenticated');
});

test('страницы: limit, offset, total; записи от новых к старым', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const tok = await adminToken();
  await makeEntries(3);
  const all = await api('GET', `/api/v1/audit?${mine}&limit=3`, { token: tok });
  assertStatus(all, 200);
  assert.ok(all.json.total >= 3, `total ${all.json.total}`);
  assert.equal(all.json.items.length, 3);
  assert.equal(all.json.limit, 3);
  const ids = all.json.items.map((x) => x.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'порядок от новых к старым');
  const p0 = await api('GET', `/api/v1/audit?${mine}&limit=1&offset=0`, { token: tok });
  const p1 = await api('GET', `/api/v1/audit?${mine}&limit=1&offset=1`, { token: tok });
  const p2 = await api('GET', `/api/v1/audit?${mine}&limit=1&offset=2`, { token: tok });
  assert.equal(p1.json.offset, 1);
  assert.deepEqual([p0, p1, p2].map((p) => p.json.items[0].id), ids.slice(0, 3));
  assert.equal(p1.json.total, p0.json.total);
  const beyond = await api('GET', `/api/v1/audit?limit=10&offset=${all.json.total + 1000}`, { token: tok });
  assertStatus(beyond, 200);
  assert.deepEqual(beyond.json.items, []);
  const e = all.json.items[0];
  for (const k of ['id', 'at', 'user_id', 'user_login', 'op', 'entity', 'entity_id', 'old', 'new', 'request_id', 'client', 'hash']) assert.ok(k in e, `нет поля ${k}`);
  assert.equal(e.user_login, author.login);
  assert.equal(e.user_id, author.id);
  assert.equal(e.entity, 'session');
  assert.match(e.hash, /^[0-9a-f]{64}$/);
  assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 10 * 60 * 1000, `время записи ${e.at}`);
});

test('фильтры: op, user, from/to', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const tok = await adminToken();
  const admin = await loginOnce(adminUser.login);
  await makeEntries(1);
  const byOp = await api('GET', '/api/v1/audit?op=auth.logout&limit=500', { token: tok });
  assert.ok(byOp.json.items.length > 0 && byOp.json.items.every((x) => x.op === 'auth.logout'));
  const byUser = await api('GET', `/api/v1/audit?user=${admin.user.id}&limit=500`, { token: tok });
  assert.ok(byUser.json.items.length > 0 && byUser.json.items.every((x) => x.user_id === admin.user.id));
  const nobody = await api('GET', '/api/v1/audit?user=999999999', { token: tok });
  assert.equal(nobody.json.total, 0);
  const day = today();
  const todays = await api('GET', `/api/v1/audit?${mine}&from=${day}&to=${day}`, { token: tok });
  const mineAll = await api('GET', `/api/v1/audit?${mine}`, { token: tok });
  assert.ok(todays.json.total >= 1, 'сегодняшние записи не найдены по from/to = сегодня');
  assert.equal(todays.json.total, mineAll.json.total, 'все выходы тестовой учётной записи сделаны сегодня');
  assert.equal((await api('GET', `/api/v1/audit?${mine}&from=${day}`, { token: tok })).json.total, mineAll.json.total);
  assert.equal((await api('GET', `/api/v1/audit?${mine}&to=${day}`, { token: tok })).json.total, mineAll.json.total);
  assert.equal((await api('GET', '/api/v1/audit?from=2199-01-01', { token: tok })).json.total, 0);
  assert.equal((await api('GET', '/api/v1/audit?to=2000-01-01', { token: tok })).json.total, 0);
  const wild = await api('GET', '/api/v1/audit?op=auth.*&limit=500', { token: tok });
  assertStatus(wild, 200, 'op=auth.*');
  assert.ok(wild.json.total >= byOp.json.total, 'op=auth.* находит не меньше, чем op=auth.logout');
  assert.ok(wild.json.items.every((x) => x.op.startsWith('auth.')), 'op=auth.* отдал чужие операции');
  const unknownOp = await api('GET', '/api/v1/audit?op=no.such.op', { token: tok });
  assertStatus(unknownOp, 200);
  assert.equal(unknownOp.json.total, 0);
});

test('неверные параметры → 400 с field', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const tok = await adminToken();
  const cases = [
    ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=-1', 'limit'], ['limit=abc', 'limit'], ['limit=', 'limit'], ['limit=1.5', 'limit'],
    ['offset=-1', 'offset'], ['offset=x', 'offset'],
    ['user=abc', 'user'], ['user=-5', 'user'],
    ['from=2026-13-01', 'from'], ['from=26-01-01', 'from'], ['from=2026-1-1', 'from'], ['from=yesterday', 'from'], ['from=2026-01-01T00:00', 'from'],
    ['to=2026-00-10', 'to'], ['to=2026-01-32', 'to'], ['to=', 'to'],
  ];
  for (const [q, field] of cases) assertError(await api('GET', `/api/v1/audit?${q}`, { token: tok }), 400, 'invalid_parameter', field);
  assertStatus(await api('GET', '/api/v1/audit?limit=500', { token: tok }), 200, 'limit=500');
  const many = Array.from({ length: 100 }, (_, i) => `p${i}=${i}`).join('&');
  assertError(await api('GET', `/api/v1/audit?${many}`, { token: tok }), 400, 'bad_uri');
  assertStatus(await api('GET', '/api/v1/audit?limit=1', { token: tok }), 200, 'limit=1');
});

test('входы в журнале: успешный (auth.login) и неудачный (auth.login_failed)', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const tok = await adminToken();
  const u = addUser({ prefix: 'aud', role: 'teacher', password: strongPassword() });
  secrets.add(u.password);
  const wrong = `Wrong-${strongPassword()}`;
  secrets.add(wrong);
  assertError(await api('POST', '/api/v1/auth/login', { body: { login: u.login, password: wrong } }), 401, 'bad_credentials');
  const s = await login(u.login, u.password);
  secrets.add(s.token).add(s.csrf);

  const ok = await api('GET', `/api/v1/audit?op=auth.login&user=${u.id}`, { token: tok });
  assertStatus(ok, 200);
  assert.ok(ok.json.total >= 1, `успешный вход ${u.login} (id ${u.id}) не виден в GET /api/v1/audit?op=auth.login: ${ok.text}`);
  // a failed login has no known actor: it is filed under the account that was tried
  const failed = await api('GET', `/api/v1/audit?op=auth.login_failed&entity=user&entity_id=${u.id}`, { token: tok });
  assertStatus(failed, 200);
  assert.ok(failed.json.total >= 1, `неудачный вход ${u.login} не виден в GET /api/v1/audit?op=auth.login_failed: ${failed.text}`);
  assert.equal(failed.json.items[0].new?.reason, 'bad_password');
  assert.equal(failed.json.items[0].user_id, 0);
});

test('ни пароль, ни токен, ни CSRF-токен не попадают в записи журнала', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const tok = await adminToken();
  // one more password change and reset, so that the journal has such entries to inspect
  const u = addUser({ prefix: 'aud2', role: 'student', password: strongPassword() });
  secrets.add(u.password);
  const s = await login(u.login, u.password);
  secrets.add(s.token).add(s.csrf);
  const np = strongPassword();
  secrets.add(np);
  const ch = await api('POST', '/api/v1/auth/password', { token: s.token, body: { old_password: u.password, new_password: np } });
  assertStatus(ch, 200, 'смена пароля');
  secrets.add(ch.json.token).add(ch.json.csrf);
  const rs = await api('POST', `/api/v1/users/${u.id}/password-reset`, { token: tok, body: {} });
  assertStatus(rs, 200, 'сброс пароля');
  secrets.add(rs.json.temporary_password);

  let offset = 0;
  let seen = 0;
  for (;;) {
    const page = await api('GET', `/api/v1/audit?limit=500&offset=${offset}`, { token: tok });
    assertStatus(page, 200);
    for (const item of page.json.items) {
      const text = JSON.stringify(item);
      for (const secret of secrets) assert.ok(!text.includes(secret), `секрет «${secret.slice(0, 6)}…» в записи журнала ${text}`);
    }
    seen += page.json.items.length;
    offset += 500;
    if (offset >= page.json.total || page.json.items.length === 0) break;
  }
  assert.ok(seen > 0, 'журнал пуст');
  assert.ok(secrets.size >= 8, 'проверены собранные секреты');
});
