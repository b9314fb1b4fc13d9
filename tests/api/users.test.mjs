// Действия администратора над учётными записями: сброс пароля, блокировка, разблокировка.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, login, loginOnce, findUserForRole, findUserWithOnlyRole, addUser, strongPassword, cli } from './helpers.mjs';

const adminUser = findUserForRole('admin');
const teacherUser = findUserWithOnlyRole('teacher');
const regionUser = findUserForRole('region_admin');

test('сброс пароля администратором: временный пароль, вход с must_change, старые сеансы и пароль недействительны', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  const u = addUser({ prefix: 'rst', role: 'teacher', password: strongPassword() });
  const s = await login(u.login, u.password);

  const r = await api('POST', `/api/v1/users/${u.id}/password-reset`, { token: admin.token, body: {} });
  assertStatus(r, 200, 'сброс');
  assert.equal(r.json.user_id, u.id);
  assert.equal(r.json.must_change_password, true);
  assert.match(r.json.temporary_password, /^[A-Za-z0-9]{10}$/);

  assertError(await api('GET', '/api/v1/me', { token: s.token }), 401, 'session_expired');
  const tmp = await login(u.login, r.json.temporary_password);
  assert.equal(tmp.user.must_change_password, true);
  assertError(await api('GET', '/api/v1/access', { token: tmp.token }), 403, 'password_change_required');
  assertError(await api('POST', '/api/v1/auth/login', { body: { login: u.login, password: u.password } }), 401, 'bad_credentials');

  const np = strongPassword();
  const ch = await api('POST', '/api/v1/auth/password', { token: tmp.token, body: { old_password: r.json.temporary_password, new_password: np } });
  assertStatus(ch, 200, 'смена временного пароля');
  const me = await api('GET', '/api/v1/me', { token: ch.json.token });
  assert.equal(me.json.user.must_change_password, false);
});

test('блокировка и разблокировка администратором; запись в журнале', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  const u = addUser({ prefix: 'blk', role: 'student', password: strongPassword() });
  const s = await login(u.login, u.password);

  const l = await api('POST', `/api/v1/users/${u.id}/lock`, { token: admin.token, body: {} });
  assertStatus(l, 200, 'блокировка');
  assert.equal(l.json.user_id, u.id);
  assert.equal(l.json.locked, true);
  assertError(await api('GET', '/api/v1/me', { token: s.token }), 401);
  assertError(await api('POST', '/api/v1/auth/login', { body: { login: u.login, password: u.password } }), 423, 'account_locked');
  // locking twice is harmless
  assertStatus(await api('POST', `/api/v1/users/${u.id}/lock`, { token: admin.token, body: {} }), 200, 'повторная блокировка');

  const audit = await api('GET', `/api/v1/audit?op=user.lock&limit=5`, { token: admin.token });
  const entry = audit.json.items.find((x) => x.entity_id === String(u.id));
  assert.ok(entry, `нет записи user.lock для ${u.id}`);
  assert.equal(entry.user_id, admin.user.id);
  assert.equal(entry.entity, 'user');

  const ul = await api('POST', `/api/v1/users/${u.id}/unlock`, { token: admin.token, body: {} });
  assertStatus(ul, 200, 'разблокировка');
  assert.equal(ul.json.user_id, u.id);
  assert.equal(ul.json.locked, false);
  const again = await login(u.login, u.password);
  assertStatus(await api('GET', '/api/v1/me', { token: again.token }), 200, 'после разблокировки');
  const audit2 = await api('GET', `/api/v1/audit?op=user.unlock&limit=5`, { token: admin.token });
  const e2 = audit2.json.items.find((x) => x.entity_id === String(u.id));
  assert.ok(e2, 'нет записи user.unlock');
  assert.deepEqual(e2.old, { locked: true });
  assert.deepEqual(e2.new, { locked: false });
});

test('нельзя заблокировать себя → 422 self_lock', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  assertError(await api('POST', `/api/v1/users/${admin.user.id}/lock`, { token: admin.token, body: {} }), 422, 'self_lock', 'id');
  assertStatus(await api('GET', '/api/v1/me', { token: admin.token }), 200, 'админ не заблокирован');
});

test('неизвестный или нечисловой номер → 404', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  for (const action of ['password-reset', 'lock', 'unlock']) {
    for (const id of ['999999999', 'abc', '0', '-3']) {
      assertError(await api('POST', `/api/v1/users/${id}/${action}`, { token: admin.token, body: {} }), 404, 'not_found');
    }
  }
});

test('пользователь не из этой школы (администратор региона) → 404, не блокируется', async (t) => {
  if (!adminUser || !regionUser) return t.skip('в демо нет администратора школы или региона');
  const admin = await loginOnce(adminUser.login);
  const region = await loginOnce(regionUser.login);
  try {
    for (const action of ['lock', 'password-reset']) {
      assertError(await api('POST', `/api/v1/users/${region.user.id}/${action}`, { token: admin.token, body: {} }), 404, 'not_found');
    }
    assertStatus(await api('GET', '/api/v1/me', { token: region.token }), 200, 'сеанс администратора региона жив');
  } finally {
    // should the server have locked it after all, give the account back to the other tests
    if ((await api('GET', '/api/v1/me', { token: region.token })).status !== 200) cli(['user', 'unlock', '--login', regionUser.login], { allowFail: true });
  }
});

test('без права credentials.issue.all (учитель) → 403 forbidden', async (t) => {
  if (!teacherUser) return t.skip('в демо нет учителя');
  const teacher = await loginOnce(teacherUser.login);
  const u = addUser({ prefix: 'frb', role: 'student', password: strongPassword() });
  for (const action of ['password-reset', 'lock', 'unlock'])
    assertError(await api('POST', `/api/v1/users/${u.id}/${action}`, { token: teacher.token, body: {} }), 403, 'forbidden');
  await login(u.login, u.password); // nothing happened to the account
});
