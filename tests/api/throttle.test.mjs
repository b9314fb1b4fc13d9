// Защита входа: 5 неверных паролей → 429 too_many_attempts (Retry-After), снятие командой
// zhurnal user unlock; заблокированная учётная запись → 423, её сеансы → 401.
// Каждый тест работает со своей свежей учётной записью (zhurnal user add).
// Неудачи считаются и по IP (30 за 15 минут на 127.0.0.1): весь набор тратит около 16 из них,
// поэтому дважды подряд на одной базе за 15 минут его запускать нельзя.
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

test('подбор старого пароля через POST /api/v1/auth/password ограничен так же, как вход', async () => {
  const u = addUser({ prefix: 'thp', role: 'student', password: strongPassword() });
  const s = await login(u.login, u.password);
  const newPw = strongPassword();
  // 2 wrong logins and 3 wrong old passwords: one counter per account
  for (let i = 1; i <= 2; i++)
    assertError(await api('POST', LOGIN, { body: { login: u.login, password: `wrong-${i}-${u.password}` } }), 401, 'bad_credentials');
  for (let i = 1; i <= 3; i++)
    assertError(await api('POST', '/api/v1/auth/password', { token: s.token, body: { old_password: `guess-${i}-${u.password}`, new_password: newPw } }), 401, 'bad_credentials', 'old_password');
  const blocked = await api('POST', '/api/v1/auth/password', { token: s.token, body: { old_password: u.password, new_password: newPw } });
  const e = assertError(blocked, 429, 'too_many_attempts');
  assert.match(header(blocked, 'retry-after') || '', /^\d+$/);
  assert.ok(e.retry_after > 0);
  assertError(await api('POST', LOGIN, { body: { login: u.login, password: u.password } }), 429, 'too_many_attempts');
  // the session itself keeps working, and the password was not changed
  assertStatus(await api('GET', '/api/v1/me', { token: s.token }), 200, 'сеанс после блокировки подбора');
  cli(['user', 'unlock', '--login', u.login]);
  await login(u.login, u.password);
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
