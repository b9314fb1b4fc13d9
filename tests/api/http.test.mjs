// HTTP-уровень: /healthz, заголовки безопасности, статические файлы и ETag, обход каталогов,
// неизвестные адреса (404), чужие методы (405 + Allow), кривые адреса и строки запроса.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, raw, assertError, assertStatus, assertSecurityHeaders, header, repoRoot } from './helpers.mjs';

const hasIndex = fs.existsSync(path.join(repoRoot, 'web', 'index.html'));

test('GET /healthz → 200 {"status":"ok"} с заголовками безопасности', async () => {
  const r = await api('GET', '/healthz');
  assertStatus(r, 200);
  assert.deepEqual(r.json, { status: 'ok' });
  assert.match(header(r, 'content-type'), /^application\/json; charset=utf-8/);
  assert.equal(header(r, 'cache-control'), 'no-store');
  assertSecurityHeaders(r, '/healthz');
});

test('HEAD /healthz → 200 без тела', async () => {
  const r = await api('HEAD', '/healthz');
  assertStatus(r, 200);
  assert.equal(r.text, '');
  assertSecurityHeaders(r, 'HEAD /healthz');
});

test('X-Request-Id у каждого ответа свой', async () => {
  const ids = new Set();
  for (let i = 0; i < 5; i++) ids.add(header(await api('GET', '/healthz'), 'x-request-id'));
  assert.equal(ids.size, 5);
});

test('заголовки безопасности у ответов-ошибок API и у статических файлов', async () => {
  assertSecurityHeaders(await api('GET', '/api/v1/me'), '401');
  assertSecurityHeaders(await api('GET', '/api/v1/nope'), '404 API');
  assertSecurityHeaders(await api('GET', '/no-such-file.html'), '404 static');
  assertSecurityHeaders(await api('DELETE', '/healthz'), '405');
  if (hasIndex) assertSecurityHeaders(await api('GET', '/'), 'static /');
});

test('статика: / отдаёт index.html как text/html, ETag и If-None-Match → 304', async (t) => {
  if (!hasIndex) return t.skip('в репозитории нет web/index.html');
  const r = await api('GET', '/');
  assertStatus(r, 200, 'GET /');
  assert.match(header(r, 'content-type'), /^text\/html/);
  assert.match(r.text, /<!doctype html/i);
  const etag = header(r, 'etag');
  assert.ok(etag && /^"[^"]+"$/.test(etag), `нет сильного ETag: ${etag}`);
  assertSecurityHeaders(r, 'GET /');

  const same = await api('GET', '/index.html');
  assertStatus(same, 200, 'GET /index.html');
  assert.equal(same.text, r.text);
  assert.equal(header(same, 'etag'), etag);

  const nm = await api('GET', '/', { headers: { 'If-None-Match': etag } });
  assertStatus(nm, 304, 'If-None-Match с текущим ETag');
  assert.equal(nm.text, '');
  assert.equal(header(nm, 'etag'), etag);
  assertSecurityHeaders(nm, '304');

  const other = await api('GET', '/', { headers: { 'If-None-Match': '"something-else"' } });
  assertStatus(other, 200, 'If-None-Match с чужим ETag');
});

test('статика: типы содержимого js и css', async (t) => {
  const js = fs.existsSync(path.join(repoRoot, 'web', 'js')) && fs.readdirSync(path.join(repoRoot, 'web', 'js')).find((f) => f.endsWith('.js'));
  const css = fs.existsSync(path.join(repoRoot, 'web', 'css')) && fs.readdirSync(path.join(repoRoot, 'web', 'css')).find((f) => f.endsWith('.css'));
  if (!js && !css) return t.skip('в web/ нет js и css');
  if (js) {
    const r = await api('GET', `/js/${js}`);
    assertStatus(r, 200, js);
    assert.match(header(r, 'content-type'), /^text\/javascript/);
  }
  if (css) {
    const r = await api('GET', `/css/${css}`);
    assertStatus(r, 200, css);
    assert.match(header(r, 'content-type'), /^text\/css/);
  }
});

test('обход каталогов и скрытые файлы → 404 JSON (закодированный «/» в сегменте — 400 bad_uri)', async () => {
  const notFound = [
    '/../etc/passwd',
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/js/../../etc/passwd',
    '/..%5c..%5cetc%5cpasswd',
    '/.git/config',
    '/%2egit/config',
    '/.env',
    '/css/.hidden',
  ];
  // "%2F" inside a segment: either refused as a bad address or not found
  const encodedSlash = ['/css/..%2f..%2f..%2fetc%2fpasswd', '/..%2F.git%2Fconfig'];
  for (const target of [...notFound, ...encodedSlash]) {
    const r = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(!r.body.includes('root:'), `${target}: отдан /etc/passwd`);
    assert.ok(!/\[core\]/.test(r.body), `${target}: отдан .git/config`);
    r.text = r.body;
    if (notFound.includes(target)) assertError(r, 404, 'not_found');
    else if (r.status === 400) assertError(r, 400, 'bad_uri');
    else assertError(r, 404, 'not_found');
  }
});

test('каталог вместо файла → 404', async () => {
  const r = await api('GET', '/css');
  assertError(r, 404, 'not_found');
});

test('неизвестный адрес API → 404 JSON с адресом в сообщении', async () => {
  const r = await api('GET', '/api/v1/nope');
  const e = assertError(r, 404, 'not_found');
  assert.ok(e.message.includes('/api/v1/nope'), e.message);
  assertError(await api('GET', '/api/v1/me/extra'), 404, 'not_found');
  assertError(await api('POST', '/api/v2/auth/login', { body: {} }), 404, 'not_found');
  assertError(await api('GET', '/api'), 404, 'not_found');
});

test('чужой метод → 405 JSON с заголовком Allow', async () => {
  const cases = [
    ['DELETE', '/healthz', ['GET', 'HEAD']],
    ['GET', '/api/v1/auth/login', ['POST']],
    ['PUT', '/api/v1/me', ['GET', 'HEAD']],
    ['PATCH', '/api/v1/access', ['GET', 'HEAD', 'PUT']],
    ['GET', '/api/v1/users/5/lock', ['POST']],
    ['POST', '/api/v1/auth/sessions/5', ['DELETE']],
  ];
  for (const [method, p, allow] of cases) {
    const r = await api(method, p);
    assertError(r, 405, 'method_not_allowed');
    const got = (header(r, 'allow') || '').split(',').map((s) => s.trim()).filter(Boolean).sort();
    assert.deepEqual(got, [...allow].sort(), `${method} ${p}: Allow = ${header(r, 'allow')}`);
  }
});

test('неизвестный метод (BREW) → 405 JSON', async () => {
  const r = await raw('BREW /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  r.text = r.body;
  assertError(r, 405, 'method_not_allowed');
  assert.match(r.headers.allow || '', /GET/);
});

test('запись в статику (POST /) → 405 JSON с заголовком Allow', async () => {
  const r = await api('POST', hasIndex ? '/' : '/index.html', { body: {} });
  assertError(r, 405, 'method_not_allowed');
  const allow = header(r, 'allow');
  assert.ok(allow && /\bGET\b/.test(allow), `405 без заголовка Allow (RFC 9110 §15.5.6): Allow = ${allow}`);
});

test('кривые адреса → 400 bad_uri', async () => {
  const targets = ['/%zz', '/api/v1/me%', '/api//v1/me', '/api/v1/me%00', '/api/v1/\xff', '/%C0%AF', '/api/v1/audit?limit=%zz', '/api/v1/audit?=1'];
  for (const target of targets) {
    const r = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    r.text = r.body;
    assertError(r, 400, 'bad_uri');
    assertSecurityHeaders(r, target);
  }
});

test('слишком много сегментов пути → 400 bad_uri', async () => {
  const r = await api('GET', `/api/v1${'/x'.repeat(40)}`);
  assertError(r, 400, 'bad_uri');
});

test('мусорная строка запроса не роняет сервер', async () => {
  for (const line of ['HELLO\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', `GET /${'a'.repeat(70000)} HTTP/1.1\r\nHost: x\r\n\r\n`]) {
    const r = await raw(line, { timeoutMs: 5000 });
    assert.ok(!r.timedOut, `сервер не ответил и не закрыл соединение на ${JSON.stringify(line.slice(0, 30))}`);
    if (r.status) assert.ok(r.status >= 400 && r.status < 600, `статус ${r.status}`);
  }
  const ok = await api('GET', '/healthz');
  assertStatus(ok, 200, 'после мусорных запросов');
});
