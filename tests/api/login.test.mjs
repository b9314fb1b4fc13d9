// POST /api/v1/auth/login: успех, неверные учётные данные и строгий разбор тела запроса.
// Неудачных входов здесь ровно два (неверный пароль и неизвестный логин): сервер считает неудачи
// и по IP (30 за 15 минут), а все тесты ходят с 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, raw, assertError, assertStatus, assertSecurityHeaders, header, login, DEMO_PASSWORD, findUserForRole } from './helpers.mjs';

const LOGIN = '/api/v1/auth/login';
const teacher = findUserForRole('teacher');

function rawLogin(body, extraHeaders = '') {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const head = `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\nConnection: close\r\n${extraHeaders}\r\n`;
  return raw(Buffer.concat([Buffer.from(head, 'latin1'), b]));
}

test('успешный вход: token, csrf, user и cookie zh_session (HttpOnly, SameSite=Strict)', async (t) => {
  if (!teacher) return t.skip('в демо нет учителя');
  const r = await api('POST', LOGIN, { body: { login: teacher.login, password: DEMO_PASSWORD } });
  assertStatus(r, 200);
  assert.match(r.json.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(r.json.csrf, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(r.json.token, r.json.csrf);
  assert.equal(r.json.user.login, teacher.login);
  assert.equal(r.json.user.full_name, teacher.fullName);
  assert.equal(r.json.user.must_change_password, false);
  assert.ok(Number.isInteger(r.json.user.id) && r.json.user.id > 0);
  assert.equal(header(r, 'cache-control'), 'no-store');
  const cookies = r.headers.getSetCookie();
  const c = cookies.find((v) => v.startsWith('zh_session='));
  assert.ok(c, `нет Set-Cookie zh_session: ${cookies}`);
  assert.equal(c.split(';')[0], `zh_session=${r.json.token}`);
  const attrs = c.split(';').slice(1).map((s) => s.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), c);
  assert.ok(attrs.includes('samesite=strict'), c);
  assert.ok(attrs.includes('path=/'), c);
  const maxAge = attrs.find((a) => a.startsWith('max-age='));
  assert.ok(maxAge && Number(maxAge.slice(8)) > 0, c);
  // the token really works
  const me = await api('GET', '/api/v1/me', { token: r.json.token });
  assertStatus(me, 200);
});

test('неверный пароль и неизвестный логин → одинаковый 401 bad_credentials', async (t) => {
  if (!teacher) return t.skip('в демо нет учителя');
  const wrong = await api('POST', LOGIN, { body: { login: teacher.login, password: `${DEMO_PASSWORD}-wrong` } });
  const e1 = assertError(wrong, 401, 'bad_credentials');
  const unknown = await api('POST', LOGIN, { body: { login: `nobody_${process.pid}_${Date.now()}`, password: DEMO_PASSWORD } });
  const e2 = assertError(unknown, 401, 'bad_credentials');
  assert.deepEqual(e2, e1, 'ответы на неверный пароль и неизвестный логин различаются');
  assert.equal(wrong.headers.getSetCookie().length, 0, 'при неудаче не ставится cookie');
  // one failure does not block the account
  await login(teacher.login, DEMO_PASSWORD);
});

test('некорректный JSON → 400 malformed_json', async () => {
  for (const body of ['{"login":', '{login:"a"}', "{'login':'a','password':'b'}", '{"login":"a","password":"b"} x', '{"login":"a","password":"b",}']) {
    assertError(await api('POST', LOGIN, { rawBody: body }), 400, 'malformed_json');
  }
});

test('пустое тело → 400', async () => {
  assertError(await api('POST', LOGIN, { rawBody: '' }), 400, 'malformed_json');
  assertError(await api('POST', LOGIN, {}), 400, 'malformed_json');
});

test('JSON не объект (массив, строка, число, null) → 400', async () => {
  for (const body of ['[]', '[{"login":"a","password":"b"}]', '"admin"', '42', 'null', 'true']) {
    assertError(await api('POST', LOGIN, { rawBody: body }), 400, 'malformed_json');
  }
});

test('неверные типы полей → 400 wrong_type с field', async () => {
  assertError(await api('POST', LOGIN, { body: { login: 1, password: 'x' } }), 400, 'wrong_type', 'login');
  assertError(await api('POST', LOGIN, { body: { login: ['a'], password: 'x' } }), 400, 'wrong_type', 'login');
  assertError(await api('POST', LOGIN, { body: { login: 'a', password: 12345678 } }), 400, 'wrong_type', 'password');
  assertError(await api('POST', LOGIN, { body: { login: 'a', password: { p: 1 } } }), 400, 'wrong_type', 'password');
  assertError(await api('POST', LOGIN, { body: { login: true, password: 'x' } }), 400, 'wrong_type', 'login');
});

test('нет обязательных полей → 400 missing_field с field', async () => {
  assertError(await api('POST', LOGIN, { body: {} }), 400, 'missing_field', 'login');
  assertError(await api('POST', LOGIN, { body: { password: 'x' } }), 400, 'missing_field', 'login');
  assertError(await api('POST', LOGIN, { body: { login: 'admin' } }), 400, 'missing_field', 'password');
  assertError(await api('POST', LOGIN, { body: { login: null, password: 'x' } }), 400, 'missing_field', 'login');
  assertError(await api('POST', LOGIN, { body: { login: '', password: 'x' } }), 400, 'missing_field', 'login');
});

test('неизвестное поле → 400 unknown_field с field', async () => {
  assertError(await api('POST', LOGIN, { body: { login: 'a', password: 'b', remember: true } }), 400, 'unknown_field', 'remember');
});

test('повторяющийся ключ, слишком длинный логин, NUL в строке, глубокая вложенность → 400', async () => {
  assertError(await api('POST', LOGIN, { rawBody: '{"login":"a","login":"b","password":"c"}' }), 400, 'malformed_json');
  assertError(await api('POST', LOGIN, { body: { login: 'a'.repeat(65), password: 'x' } }), 400, 'too_long', 'login');
  assertError(await api('POST', LOGIN, { body: { login: 'a', password: 'p'.repeat(257) } }), 400, 'too_long', 'password');
  // jansson rejects \u0000 while parsing (without JSON_ALLOW_NUL): either code is fine
  const nul = assertError(await api('POST', LOGIN, { rawBody: '{"login":"ad\\u0000min","password":"x"}' }), 400);
  assert.ok(['malformed_json', 'invalid_string'].includes(nul.code), nul.code);
  const deep = `{"login":"a","password":"b","x":${'['.repeat(40)}${']'.repeat(40)}}`;
  assertError(await api('POST', LOGIN, { rawBody: deep }), 400, 'malformed_json');
});

test('недопустимые байты UTF-8 в теле → 400 invalid_utf8', async () => {
  const bodies = [
    Buffer.concat([Buffer.from('{"login":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]),
    Buffer.concat([Buffer.from('{"login":"a","password":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
    Buffer.concat([Buffer.from('{"login":"a","password":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // surrogate
    Buffer.concat([Buffer.from('{"login":"a","password":"'), Buffer.from([0xd0]), Buffer.from('"}')]), // cut sequence
  ];
  for (const b of bodies) {
    const r = await rawLogin(b);
    r.text = r.body;
    assertError(r, 400, 'invalid_utf8');
  }
});

test('Content-Type не JSON → 400 unsupported_media_type', async () => {
  const body = JSON.stringify({ login: 'a', password: 'b' });
  assertError(await api('POST', LOGIN, { rawBody: body, contentType: 'text/plain' }), 400, 'unsupported_media_type');
  assertError(await api('POST', LOGIN, { rawBody: 'login=a&password=b', contentType: 'application/x-www-form-urlencoded' }), 400, 'unsupported_media_type');
  assertError(await api('POST', LOGIN, { rawBody: body, contentType: 'multipart/form-data; boundary=x' }), 400, 'unsupported_media_type');
  // application/json with a charset is fine (the request then fails on the data, not on the type)
  assertError(await api('POST', LOGIN, { rawBody: '{}', contentType: 'application/json; charset=utf-8' }), 400, 'missing_field', 'login');
});

test('тело ровно 1 МиБ принимается, 1 МиБ + 1 байт → 413', async () => {
  const make = (size) => {
    const core = '{"login":"","password":"x"}';
    return core.slice(0, -1) + ' '.repeat(size - core.length) + '}';
  };
  const ok = await api('POST', LOGIN, { rawBody: make(1048576) });
  assertError(ok, 400, 'missing_field', 'login');
  const big = await api('POST', LOGIN, { rawBody: make(1048577) });
  assertError(big, 413, 'body_too_large');
});

test('тело больше 1 МиБ с Content-Length → 413 сразу, не дожидаясь тела', async () => {
  const r = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n`, { timeoutMs: 5000 });
  assert.ok(!r.timedOut, 'сервер ждёт тело вместо ответа 413');
  r.text = r.body;
  assertError(r, 413, 'body_too_large');
  assertSecurityHeaders(r, '413');
});

test('тело в chunked в пределах лимита разбирается как обычно', async () => {
  const body = Buffer.from('{"login":"a","password":"b","zzz":1}');
  const r = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`, {
    writer: async (s) => {
      s.write(`${body.length.toString(16)}\r\n`);
      s.write(body);
      s.write('\r\n0\r\n\r\n');
    },
  });
  r.text = r.body;
  assertError(r, 400, 'unknown_field', 'zzz');
});

test('тело больше 1 МиБ в chunked → 413', async () => {
  const r = await raw(`POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`, {
    timeoutMs: 5000,
    writer: async (s) => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 20 && !s.destroyed; i++) {
        s.write(`${chunk.length.toString(16)}\r\n`);
        s.write(chunk);
        s.write('\r\n');
      }
      if (!s.destroyed) s.write('0\r\n\r\n');
    },
  });
  assert.ok(!r.timedOut, `нет ответа за 5 с на chunked-тело 1,25 МиБ (ожидался 413); получено ${r.raw.length} байт`);
  assert.ok(!r.noResponse, 'сервер закрыл соединение без ответа (ожидался 413)');
  r.text = r.body;
  assertError(r, 413, 'body_too_large');
});
