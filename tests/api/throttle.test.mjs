// Защита входа: 5 неверных паролей → 429 too_many_attempts (Retry-After), снятие командой
// zhurnal user unlock; заблокированная учётная запись → 423, её сеансы → 401.
// Каждый тест работает со своей свежей учётной записью (zhurnal user add).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, header, login, addUser, cli, strongPassword } from './helpers.mjs';

const LOGIN = '/api/v1/auth/login';

test('5 неверных паролей → 429 too_many_attempts с Retry-After; верный пароль тоже отклонён; user unlock снимает', async () => {
  const u = addUser({ prefix: 'thr', role: 'student', password: strongPassword() });
  for (let i = 1; i <= 5; i++) {
    const r = await api('POST', LOGIN, { body: { login: u.login, password: `wrong-${i}-${u.password}` } });
    assertError(r, 401, 'bad_credentials');
  }
  const blocked = await api('POST', LOGIN, { body: { login: u.login, password: u.password } });
  const e = assertError(blocked, 429, 'too_many_attempts');
  const ra = header(blocked, 'retry-after');
  assert.match(ra || '', /^\d+$/, `Retry-After: ${ra}`);
  assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After ${ra} вне (0, 900]`);
  assert.ok(Number.isInteger(e.retry_after) && e.retry_after > 0 && e.retry_after <= 15 * 60, `retry_after ${e.retry_after}`);
  assert.ok(Math.abs(e.retry_after - Number(ra)) <= 1, 'retry_after и Retry-After расходятся');
  assert.equal(blocked.headers.getSetCookie().length, 0, 'заблокированному входу не выдан cookie');

  // while blocked, a wrong password answers the same 429 (no oracle)
  const wrongWhileBlocked = await api('POST', LOGIN, { body: { login: u.login, password: 'still-wrong-pw' } });
  assertError(wrongWhileBlocked, 429, 'too_many_attempts');

  cli(['user', 'unlock', '--login', u.login]);
  const ok = await login(u.login, u.password);
  assert.ok(ok.token);
});

test('заблокированная учётная запись (zhurnal user lock): верный пароль → 423 account_locked, её сеансы → 401', async () => {
  const u = addUser({ prefix: 'lck', role: 'teacher', password: strongPassword() });
  const s = await login(u.login, u.password);
  assertStatus(await api('GET', '/api/v1/me', { token: s.token }), 200, 'до блокировки');

  cli(['user', 'lock', '--login', u.login]);
  const me = await api('GET', '/api/v1/me', { token: s.token });
  assertError(me, 401);
  assert.ok(['session_expired', 'account_locked'].includes(me.json.error.code), me.json.error.code);
  assertError(await api('GET', '/api/v1/me', { cookie: s.cookie }), 401);

  const r = await api('POST', LOGIN, { body: { login: u.login, password: u.password } });
  assertError(r, 423, 'account_locked');
  assert.equal(r.headers.getSetCookie().length, 0, 'заблокированному не выдан cookie');

  cli(['user', 'unlock', '--login', u.login]);
  const again = await login(u.login, u.password);
  assertStatus(await api('GET', '/api/v1/me', { token: again.token }), 200, 'после разблокировки');
  // the old session stays ended
  assertError(await api('GET', '/api/v1/me', { token: s.token }), 401);
});
