// Сеансы: Bearer и cookie, CSRF для записи по cookie, выход, список своих сеансов и
// завершение сеанса по номеру, заголовок X-School-Id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { api, assertError, assertStatus, login, addUser, strongPassword } from './helpers.mjs';

// a fresh account of its own: these tests open and end many sessions
const user = addUser({ prefix: 'ses', role: 'teacher', password: strongPassword() });
const other = addUser({ prefix: 'ses2', role: 'teacher', password: strongPassword() });

const isRfc3339 = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

test('без токена → 401 unauthenticated', async () => {
  for (const p of ['/api/v1/me', '/api/v1/auth/sessions', '/api/v1/access']) assertError(await api('GET', p), 401, 'unauthenticated');
  assertError(await api('POST', '/api/v1/auth/logout', { body: {} }), 401, 'unauthenticated');
});

test('мусорный токен → 401 unauthenticated', async () => {
  const tokens = [crypto.randomBytes(32).toString('base64url'), 'abc', 'a'.repeat(200), `${crypto.randomBytes(32).toString('base64url')}x`];
  for (const t of tokens) assertError(await api('GET', '/api/v1/me', { token: t }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { headers: { Authorization: 'Bearer ' } }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { headers: { Authorization: 'Bearer ä-not-ascii' } }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { cookie: `zh_session=${crypto.randomBytes(32).toString('base64url')}` }), 401, 'unauthenticated');
});

test('Bearer: запись без CSRF работает; после выхода токен → 401 session_expired', async () => {
  const s = await login(user.login, user.password);
  const me = await api('GET', '/api/v1/me', { token: s.token });
  assertStatus(me, 200);
  const out = await api('POST', '/api/v1/auth/logout', { token: s.token, body: {} });
  assertStatus(out, 200, 'выход по Bearer без CSRF');
  assert.deepEqual(out.json, { ok: true });
  const cleared = out.headers.getSetCookie().find((c) => c.startsWith('zh_session='));
  assert.ok(cleared && /max-age=0/i.test(cleared), `выход не стирает cookie: ${cleared}`);
  assertError(await api('GET', '/api/v1/me', { token: s.token }), 401, 'session_expired');
  assertError(await api('POST', '/api/v1/auth/logout', { token: s.token, body: {} }), 401, 'session_expired');
});

test('cookie: чтение без CSRF; запись без X-CSRF-Token или с чужим → 403 csrf_failed; с верным → 200', async () => {
  const s = await login(user.login, user.password);
  const s2 = await login(user.login, user.password); // another session of the same user
  assert.ok(s.cookie && s.cookie.startsWith('zh_session='));
  const me = await api('GET', '/api/v1/me', { cookie: s.cookie });
  assertStatus(me, 200, 'GET по cookie');
  assert.equal(me.json.csrf, s.csrf, '/me отдаёт CSRF-токен сеанса');

  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, body: {} }), 403, 'csrf_failed');
  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: 'wrong', body: {} }), 403, 'csrf_failed');
  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: crypto.randomBytes(32).toString('base64url'), body: {} }), 403, 'csrf_failed');
  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: s2.csrf, body: {} }), 403, 'csrf_failed');
  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: s.token, body: {} }), 403, 'csrf_failed');
  assertError(await api('DELETE', `/api/v1/auth/sessions/${s2.user.id}`, { cookie: s.cookie }), 403, 'csrf_failed');
  assertError(await api('POST', '/api/v1/auth/password', { cookie: s.cookie, body: { old_password: user.password, new_password: strongPassword() } }), 403, 'csrf_failed');
  // a Bearer header with a malformed token falls back to the cookie, which still needs the CSRF token
  assertError(await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, headers: { Authorization: 'Bearer !!!' }, body: {} }), 403, 'csrf_failed');
  // the session survived the rejected writes
  assertStatus(await api('GET', '/api/v1/me', { cookie: s.cookie }), 200, 'сеанс жив после отклонённых записей');

  const out = await api('POST', '/api/v1/auth/logout', { cookie: s.cookie, csrf: s.csrf, body: {} });
  assertStatus(out, 200, 'выход по cookie с верным CSRF');
  assertError(await api('GET', '/api/v1/me', { cookie: s.cookie }), 401, 'session_expired');
  // the other session is untouched
  assertStatus(await api('GET', '/api/v1/me', { token: s2.token }), 200, 'второй сеанс');
  await api('POST', '/api/v1/auth/logout', { token: s2.token, body: {} });
});

test('cookie zh_session среди других cookie; похожее имя не подходит', async () => {
  const s = await login(user.login, user.password);
  const token = s.cookie.slice('zh_session='.length);
  assertStatus(await api('GET', '/api/v1/me', { cookie: `theme=dark; zh_session=${token}; lang=ru` }), 200, 'cookie в середине строки');
  assertStatus(await api('GET', '/api/v1/me', { cookie: `zh_session="${token}"` }), 200, 'cookie в кавычках');
  assertError(await api('GET', '/api/v1/me', { cookie: `xzh_session=${token}` }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { cookie: `zh_session_old=${token}` }), 401, 'unauthenticated');
  assertError(await api('GET', '/api/v1/me', { cookie: 'zh_session=' }), 401, 'unauthenticated');
  await api('POST', '/api/v1/auth/logout', { token: s.token, body: {} });
});

test('GET /api/v1/auth/sessions: свои сеансы, текущий помечен current:true', async () => {
  const a = await login(user.login, user.password);
  const b = await login(user.login, user.password);
  const r = await api('GET', '/api/v1/auth/sessions', { token: a.token });
  assertStatus(r, 200);
  assert.ok(Array.isArray(r.json.items));
  assert.equal(r.json.total, r.json.items.length);
  assert.ok(r.json.items.length >= 2);
  const cur = r.json.items.filter((x) => x.current === true);
  assert.equal(cur.length, 1, 'ровно один сеанс current');
  for (const it of r.json.items) {
    assert.ok(Number.isInteger(it.id) && it.id > 0);
    for (const k of ['created_at', 'last_seen_at', 'expires_at']) assert.ok(isRfc3339(it[k]), `${k}: ${it[k]}`);
    assert.equal(typeof it.ip, 'string');
    assert.equal(typeof it.user_agent, 'string');
    assert.ok(Date.parse(it.expires_at) > Date.now(), 'в списке только действующие сеансы');
    assert.ok(!JSON.stringify(it).includes(a.token) && !JSON.stringify(it).includes(b.token), 'токен в списке сеансов');
  }
  const rb = await api('GET', '/api/v1/auth/sessions', { token: b.token });
  const curB = rb.json.items.find((x) => x.current);
  assert.notEqual(curB.id, cur[0].id, 'у разных сеансов разные номера');
  assert.ok(r.json.items.some((x) => x.id === curB.id), 'второй сеанс виден из первого');
  await api('POST', '/api/v1/auth/logout', { token: a.token, body: {} });
  await api('POST', '/api/v1/auth/logout', { token: b.token, body: {} });
});

test('DELETE /api/v1/auth/sessions/{id}: завершает другой свой сеанс; чужой → 404; не число → 404', async () => {
  const a = await login(user.login, user.password);
  const b = await login(user.login, user.password);
  const o = await login(other.login, other.password);
  const idOf = async (s) => (await api('GET', '/api/v1/auth/sessions', { token: s.token })).json.items.find((x) => x.current).id;
  const idB = await idOf(b);
  const idO = await idOf(o);

  // someone else's session: 404, and it keeps working
  assertError(await api('DELETE', `/api/v1/auth/sessions/${idO}`, { token: a.token }), 404, 'not_found');
  assertStatus(await api('GET', '/api/v1/me', { token: o.token }), 200, 'чужой сеанс не завершён');

  for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999', '1e3', '%20']) {
    assertError(await api('DELETE', `/api/v1/auth/sessions/${bad}`, { token: a.token }), 404, 'not_found');
  }
  assertError(await api('DELETE', '/api/v1/auth/sessions/999999999', { token: a.token }), 404, 'not_found');

  const del = await api('DELETE', `/api/v1/auth/sessions/${idB}`, { token: a.token });
  assertStatus(del, 200, 'завершение своего другого сеанса');
  assertError(await api('GET', '/api/v1/me', { token: b.token }), 401, 'session_expired');
  assertStatus(await api('GET', '/api/v1/me', { token: a.token }), 200, 'текущий сеанс жив');
  const list = await api('GET', '/api/v1/auth/sessions', { token: a.token });
  assert.ok(!list.json.items.some((x) => x.id === idB), 'завершённый сеанс остался в списке');
  // ending it again
  assertError(await api('DELETE', `/api/v1/auth/sessions/${idB}`, { token: a.token }), 404, 'not_found');

  // ending the current session clears the cookie and the token stops working
  const idA = await idOf(a);
  const self = await api('DELETE', `/api/v1/auth/sessions/${idA}`, { token: a.token });
  assertStatus(self, 200, 'завершение текущего сеанса');
  const cleared = self.headers.getSetCookie().find((c) => c.startsWith('zh_session='));
  assert.ok(cleared && /max-age=0/i.test(cleared), `cookie не стёрт: ${cleared}`);
  assertError(await api('GET', '/api/v1/me', { token: a.token }), 401, 'session_expired');
  await api('POST', '/api/v1/auth/logout', { token: o.token, body: {} });
});

test('X-School-Id: не число → 400 с field, чужая школа → 403', async () => {
  const s = await login(user.login, user.password);
  assertError(await api('GET', '/api/v1/me', { token: s.token, headers: { 'X-School-Id': 'abc' } }), 400, 'invalid_parameter', 'X-School-Id');
  assertError(await api('GET', '/api/v1/me', { token: s.token, headers: { 'X-School-Id': '0' } }), 400, 'invalid_parameter', 'X-School-Id');
  assertError(await api('GET', '/api/v1/me', { token: s.token, headers: { 'X-School-Id': '999999' } }), 403, 'forbidden');
  const me = await api('GET', '/api/v1/me', { token: s.token });
  const school = me.json.schools.find((x) => x.current).id;
  assertStatus(await api('GET', '/api/v1/me', { token: s.token, headers: { 'X-School-Id': String(school) } }), 200, 'своя школа');
  await api('POST', '/api/v1/auth/logout', { token: s.token, body: {} });
});
