// Общие средства чёрных API-тестов zhurnal (node --test tests/api/).
//
// Окружение:
//   ZH_BASE_URL       адрес запущенного сервера, например http://127.0.0.1:18080
//   ZH_DEMO_PASSWORD  пароль всех демонстрационных учётных записей (zhurnal demo --password)
//   ZH_BIN            путь к исполняемому файлу zhurnal (по умолчанию build/zhurnal)
//   ZH_DB             база, с которой работает сервер (для zhurnal user add/list/lock/unlock)
//   ZH_ACCESS_MATRIX  (необязательно) путь к access-matrix.md; по умолчанию ../shared/access-matrix.md
//
// Сервер и демонстрационную школу запускает скрипт прогона; тесты только ходят к нему по HTTP
// и создают собственные учётные записи через командную строку (та же база SQLite, режим WAL).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

export const BASE = (process.env.ZH_BASE_URL || '').replace(/\/+$/, '');
export const DEMO_PASSWORD = process.env.ZH_DEMO_PASSWORD || '';
export const BIN = process.env.ZH_BIN || path.join(repoRoot, 'build', 'zhurnal');
export const DB = process.env.ZH_DB || '';
export const MATRIX_PATH = process.env.ZH_ACCESS_MATRIX || path.resolve(repoRoot, '..', 'shared', 'access-matrix.md');

{
  const missing = ['ZH_BASE_URL', 'ZH_DEMO_PASSWORD', 'ZH_DB'].filter((k) => !process.env[k]);
  if (missing.length) throw new Error(`не заданы переменные окружения: ${missing.join(', ')}`);
}

export const baseUrl = new URL(BASE);
export const PORT = Number(baseUrl.port || 80);
export const HOST = baseUrl.hostname;

/** Роли школы в порядке номеров (1–10), как в матрице доступа. */
export const SCHOOL_ROLES = ['admin', 'student', 'teacher', 'head', 'parent', 'staff', 'secretary', 'medic', 'psychologist', 'hr'];
export const roleId = (code) => SCHOOL_ROLES.indexOf(code) + 1;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const CYRILLIC = /[\u0400-\u04FF]/;

// ---------------------------------------------------------------- HTTP

/**
 * Запрос к API через fetch.
 * opts: token (Bearer), cookie (значение zh_session или целая строка Cookie), csrf (X-CSRF-Token),
 *       body (объект → JSON), rawBody (строка/Buffer как есть), headers, contentType.
 * Возвращает {status, headers, text, json}.
 */
export async function api(method, p, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.Cookie = opts.cookie.includes('=') ? opts.cookie : `zh_session=${opts.cookie}`;
  if (opts.csrf) headers['X-CSRF-Token'] = opts.csrf;
  let body;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    if (opts.contentType !== null && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = opts.contentType || 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(BASE + p, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Сырой HTTP-запрос через сокет (для недопустимых байтов, огромных тел, chunked, кривых строк запроса).
 * head: строка или Buffer (строка отправляется как latin1, т. е. байты «как написаны»).
 * writer(socket): необязательная асинхронная функция, досылающая тело.
 * Ждёт закрытия соединения или полного ответа (по Content-Length), не дольше timeoutMs.
 * Возвращает {status, headers (имена в нижнем регистре), body, json, raw, timedOut, noResponse}.
 */
export function raw(head, { writer, timeoutMs = 10000 } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(PORT, HOST);
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (timedOut = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve(parseResponse(buf, timedOut));
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const r = parseResponse(buf, false);
      if (r.complete) finish(false);
    });
    s.on('error', () => finish(false));
    s.on('close', () => finish(false));
    s.on('connect', async () => {
      try {
        s.write(typeof head === 'string' ? Buffer.from(head, 'latin1') : head);
        if (writer) await writer(s);
      } catch {
        /* the server may close the connection while we are still sending */
      }
    });
  });
}

function parseResponse(buf, timedOut) {
  const sep = buf.indexOf('\r\n\r\n');
  if (sep < 0) return { status: 0, headers: {}, body: '', raw: buf, timedOut, noResponse: buf.length === 0, complete: false };
  const headText = buf.subarray(0, sep).toString('latin1');
  const lines = headText.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const bodyBuf = buf.subarray(sep + 4);
  const cl = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  const complete = cl !== undefined && bodyBuf.length >= cl;
  const body = bodyBuf.subarray(0, cl ?? bodyBuf.length).toString('utf8');
  let json;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: m ? Number(m[1]) : 0, headers, body, json, raw: buf, timedOut, noResponse: false, complete };
}

// ---------------------------------------------------------------- assertions

/** Проверяет статус и форму ошибки {"error":{"code","message"[,"field"]}} с русским сообщением. */
export function assertError(res, status, code, field) {
  const where = `${res.status} ${res.text ?? res.body ?? ''}`.slice(0, 400);
  assert.equal(res.status, status, `ожидался статус ${status}, получено: ${where}`);
  const ct = typeof res.headers?.get === 'function' ? res.headers.get('content-type') : res.headers?.['content-type'];
  assert.match(ct || '', /^application\/json/, `ошибка должна быть JSON, Content-Type: ${ct}`);
  assert.ok(res.json && typeof res.json === 'object', `тело ошибки не JSON: ${where}`);
  const e = res.json.error;
  assert.ok(e && typeof e === 'object', `нет объекта error: ${where}`);
  const extra = Object.keys(res.json).filter((k) => k !== 'error');
  assert.deepEqual(extra, [], `лишние поля рядом с error: ${extra}`);
  assert.equal(typeof e.code, 'string');
  if (code !== undefined) assert.equal(e.code, code, `код ошибки: ${where}`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'пустое сообщение об ошибке');
  assert.match(e.message, CYRILLIC, `сообщение не по-русски: ${e.message}`);
  for (const k of Object.keys(e))
    assert.ok(['code', 'message', 'field', 'retry_after'].includes(k), `неожиданное поле error.${k}`);
  if (field !== undefined) assert.equal(e.field, field, `error.field: ${where}`);
  return e;
}

/** Статус равен ожидаемому; в сообщении — тело ответа. */
export function assertStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} ожидался ${status}, получено ${res.status}: ${(res.text ?? res.body ?? '').slice(0, 400)}`);
}

export function header(res, name) {
  return typeof res.headers?.get === 'function' ? res.headers.get(name) : res.headers?.[name.toLowerCase()];
}

/** Заголовки безопасности, которые обязаны быть у любого ответа. */
export function assertSecurityHeaders(res, what = '') {
  const csp = header(res, 'content-security-policy') || '';
  assert.match(csp, /default-src 'self'/, `${what}: CSP без default-src 'self': ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP без frame-ancestors 'none': ${csp}`);
  assert.equal(header(res, 'x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok((header(res, 'referrer-policy') || '').length > 0, `${what}: нет Referrer-Policy`);
  assert.ok((header(res, 'x-request-id') || '').length > 0, `${what}: нет X-Request-Id`);
}

// ---------------------------------------------------------------- sessions

/** Вход; бросает при неуспехе. Возвращает {token, csrf, cookie, user, res}. */
export async function login(loginName, password) {
  const res = await api('POST', '/api/v1/auth/login', { body: { login: loginName, password } });
  assert.equal(res.status, 200, `вход ${loginName} не удался: ${res.status} ${res.text}`);
  const set = res.headers.getSetCookie ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
  const c = set.find((v) => v && v.startsWith('zh_session='));
  const cookie = c ? c.split(';')[0] : undefined;
  return { token: res.json.token, csrf: res.json.csrf, cookie, user: res.json.user, res };
}

const loginCache = new Map();
/** Вход один раз на процесс для (логин, пароль). */
export function loginOnce(loginName, password = DEMO_PASSWORD) {
  const k = `${loginName}\0${password}`;
  if (!loginCache.has(k)) loginCache.set(k, login(loginName, password));
  return loginCache.get(k);
}

// ---------------------------------------------------------------- command line

export function cli(args, { allowFail = false } = {}) {
  try {
    return execFileSync(BIN, [...args, '--db', DB], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (allowFail) return { failed: true, stdout: e.stdout, stderr: e.stderr, status: e.status };
    throw new Error(`zhurnal ${args.join(' ')}: код ${e.status}: ${e.stderr}`);
  }
}

/** Уникальный логин для этого прогона: только латиница, цифры, точка, дефис, подчёркивание. */
export function uniqueLogin(prefix) {
  return `apit_${prefix}_${process.pid.toString(36)}${crypto.randomBytes(4).toString('hex')}`;
}

/** Надёжный пароль для тестовых учётных записей. */
export function strongPassword() {
  return `Pw-${crypto.randomBytes(9).toString('base64url')}`;
}

/**
 * Создаёт учётную запись через zhurnal user add. Без password выдаётся временный пароль
 * (must_change). Возвращает {login, id, password, temporary}.
 */
export function addUser({ prefix = 'u', role = 'teacher', password, name = 'Проверкин Тест Тестович' } = {}) {
  const loginName = uniqueLogin(prefix);
  const args = ['user', 'add', '--login', loginName, '--name', name, '--role', role];
  if (password) args.push('--password', password);
  const out = cli(args);
  const idm = /\(id (\d+)\)/.exec(out);
  assert.ok(idm, `zhurnal user add не напечатал id: ${out}`);
  let pw = password;
  if (!password) {
    const m = /Временный пароль: (\S+)/.exec(out);
    assert.ok(m, `zhurnal user add не напечатал временный пароль: ${out}`);
    pw = m[1];
  }
  return { login: loginName, id: Number(idm[1]), password: pw, temporary: !password };
}

/** zhurnal user list --format tsv → [{login, roles[], fullName, className, children[]}]. */
export function listUsers(role) {
  const args = ['user', 'list', '--format', 'tsv'];
  if (role) args.push('--role', role);
  return cli(args)
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [loginName, roles, fullName, className, children] = l.split('\t');
      return {
        login: loginName,
        roles: roles ? roles.split(',') : [],
        fullName,
        className: className || '',
        children: children ? children.split(',').filter(Boolean) : [],
      };
    });
}

let allUsersCache;
export function allUsers() {
  if (!allUsersCache) allUsersCache = listUsers();
  return allUsersCache;
}

/** Демо-пользователь, у которого ровно одна роль code (тестовые учётные записи apit_ не берём). */
export function findUserWithOnlyRole(code) {
  const service = allUsers().find((u) => u.login === code && u.roles.length === 1 && u.roles[0] === code);
  if (service) return service;
  return allUsers().find((u) => !u.login.startsWith('apit_') && u.roles.length === 1 && u.roles[0] === code);
}

/** Демо-пользователь для роли: служебный логин, совпадающий с кодом роли, иначе первый с этой ролью. */
export function findUserForRole(code) {
  const service = allUsers().find((u) => u.login === code && u.roles.includes(code));
  if (service) return service;
  return findUserWithOnlyRole(code) || allUsers().find((u) => !u.login.startsWith('apit_') && u.roles.includes(code));
}

// ---------------------------------------------------------------- access matrix

/**
 * Разбирает access-matrix.md: Map(op → Set(кодов ролей)). Столбцы находятся по строке заголовка.
 * audit.view в таблице нет: по соглашению он только у администратора.
 */
export function parseMatrix(file = MATRIX_PATH) {
  const text = fs.readFileSync(file, 'utf8');
  const abbr = { A: 'admin', S: 'student', T: 'teacher', H: 'head', P: 'parent', St: 'staff', Se: 'secretary', M: 'medic', Ps: 'psychologist', Hr: 'hr' };
  const cells = (line) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  let cols;
  const m = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const c = cells(line);
    if (c[0] === 'operation') {
      cols = c.map((h) => abbr[h]);
      continue;
    }
    if (!cols || !/^[a-z_]+(\.[a-z_]+)+$/.test(c[0])) continue;
    const roles = new Set();
    c.forEach((v, i) => {
      if (i >= 2 && cols[i] && v.toLowerCase() === 'x') roles.add(cols[i]);
    });
    m.set(c[0], roles);
  }
  if (!cols) throw new Error(`в ${file} нет строки заголовка таблицы`);
  if (!m.has('audit.view')) m.set('audit.view', new Set(['admin']));
  return m;
}

/** Операции, которые матрица по умолчанию даёт объединению ролей. */
export function defaultOps(matrix, roleCodes) {
  const out = new Set();
  for (const [op, roles] of matrix) if (roleCodes.some((r) => roles.has(r))) out.add(op);
  return out;
}

/** Даёт ли набор операций op: точное совпадение или семейство "x.y" при любом "x.y.<область>". */
export function grants(ops, op) {
  if (ops.has(op)) return true;
  for (const o of ops) if (o.startsWith(op + '.') && !o.slice(op.length + 1).includes('.')) return true;
  return false;
}

/** Таблица маршрутов сервера: `zhurnal routes` печатает её (метод, путь, операция, описание). */
export function parseRoutes() {
  const text = execFileSync(BIN, ['routes'], { encoding: 'utf8' });
  const routes = text.split('\n').filter(Boolean).map((line) => {
    const [method, pattern, op] = line.split('\t');
    return { method, pattern, op };
  });
  return { routes, entries: routes.length };
}

// ---------------------------------------------------------------- cross-process lock

/**
 * Тесты идут в нескольких процессах одновременно. Тест, меняющий матрицу доступа, и тесты,
 * сравнивающие права с матрицей по умолчанию, берут эту блокировку (каталог в tmp).
 */
export async function withMatrixLock(fn) {
  const tag = crypto.createHash('sha1').update(`${BASE}|${DB}`).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `zh-api-matrix-${tag}.lock`);
  const deadline = Date.now() + 120000;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs > 90000) fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        /* removed by its owner meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`не дождался блокировки матрицы ${dir}`);
      await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Права текущей школы из ответа /api/v1/me (schools[].current), или верхнее поле operations. */
export function currentOps(me) {
  const school = (me.schools || []).find((s) => s.current);
  const ops = school?.operations ?? me.operations;
  assert.ok(Array.isArray(ops), `в /me нет прав текущей школы: ${JSON.stringify(me).slice(0, 300)}`);
  return ops;
}
