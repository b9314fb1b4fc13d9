// Смена временного пароля: пока пароль не сменён, открыты только маршруты своей учётной записи
// (403 password_change_required); POST /api/v1/auth/password проверяет старый пароль и политику.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, login, addUser, strongPassword } from './helpers.mjs';

test('временный пароль: must_change, 403 password_change_required, ошибки смены, успешная смена', async () => {
  // an admin-role account, so that /api/v1/access is refused only because of the password
  const u = addUser({ prefix: 'pwd', role: 'admin' });
  assert.ok(u.temporary && u.password.length >= 8, 'user add без --password печатает временный пароль');

  const s = await login(u.login, u.password);
  assert.equal(s.user.must_change_password, true, 'вход с временным паролем: must_change_password');

  const me = await api('GET', '/api/v1/me', { token: s.token });
  assertStatus(me, 200, '/me доступен до смены пароля');
  assert.equal(me.json.user.must_change_password, true);
  assertStatus(await api('GET', '/api/v1/auth/sessions', { token: s.token }), 200, 'свои сеансы доступны до смены пароля');

  for (const [m, p, body] of [
    ['GET', '/api/v1/access'],
    ['PUT', '/api/v1/access', {}],
    ['GET', '/api/v1/audit'],
    ['POST', `/api/v1/users/${u.id}/lock`, {}],
  ]) {
    assertError(await api(m, p, { token: s.token, body }), 403, 'password_change_required');
  }

  const newPw = strongPassword();
  const PW = '/api/v1/auth/password';
  assertError(await api('POST', PW, { token: s.token, body: { old_password: `${u.password}x`, new_password: newPw } }), 401, 'bad_credentials', 'old_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: 'short' } }), 422, 'weak_password', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: 'абвгдеж' } }), 422, 'weak_password', 'new_password'); // 7 characters, 14 bytes
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: 'x'.repeat(129) } }), 422, 'weak_password', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: u.password } }), 422, 'weak_password', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: u.login } }), 422, 'weak_password', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password } }), 400, 'missing_field', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { new_password: newPw } }), 400, 'missing_field', 'old_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: 12345678 } }), 400, 'wrong_type', 'new_password');
  assertError(await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: newPw, extra: 1 } }), 400, 'unknown_field', 'extra');
  // the failed attempts changed nothing
  assertStatus(await api('GET', '/api/v1/me', { token: s.token }), 200, 'сеанс жив после неудачных попыток');

  const ok = await api('POST', PW, { token: s.token, body: { old_password: u.password, new_password: newPw } });
  assertStatus(ok, 200, 'смена пароля');
  assert.match(ok.json.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(ok.json.csrf, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(ok.json.token, s.token);
  const c = ok.headers.getSetCookie().find((v) => v.startsWith('zh_session='));
  assert.ok(c && c.startsWith(`zh_session=${ok.json.token};`), `новый cookie: ${c}`);

  assertError(await api('GET', '/api/v1/me', { token: s.token }), 401, 'session_expired');
  const me2 = await api('GET', '/api/v1/me', { token: ok.json.token });
  assertStatus(me2, 200, 'новый токен');
  assert.equal(me2.json.user.must_change_password, false);
  assertStatus(await api('GET', '/api/v1/access', { token: ok.json.token }), 200, 'после смены пароля админ видит матрицу');

  const again = await login(u.login, newPw);
  assert.equal(again.user.must_change_password, false);
  assertError(await api('POST', '/api/v1/auth/login', { body: { login: u.login, password: u.password } }), 401, 'bad_credentials');

  // changing it again ends the other sessions too
  const newer = strongPassword();
  const ch2 = await api('POST', PW, { token: again.token, body: { old_password: newPw, new_password: newer } });
  assertStatus(ch2, 200, 'вторая смена');
  assertError(await api('GET', '/api/v1/me', { token: ok.json.token }), 401, 'session_expired');
  assertError(await api('GET', '/api/v1/me', { token: again.token }), 401, 'session_expired');
  assertStatus(await api('GET', '/api/v1/me', { token: ch2.json.token }), 200, 'токен второй смены');
});
