// Обращение к HTTP JSON API /api/v1.
// Сеанс держится в HttpOnly-cookie zh_session; токен из ответа входа не используется.
// Каждый изменяющий запрос (POST/PUT/PATCH/DELETE) несёт заголовок X-CSRF-Token.

const BASE = '/api/v1';
const CSRF_KEY = 'zh_csrf';

let csrf = readStored();
let authLostHandler = null;
let passwordRequiredHandler = null;

function readStored() {
  try { return sessionStorage.getItem(CSRF_KEY) || ''; } catch { return ''; }
}

export function setCsrf(value) {
  csrf = value || '';
  try {
    if (csrf) sessionStorage.setItem(CSRF_KEY, csrf);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch { /* хранилище недоступно — держим только в памяти */ }
}

export function getCsrf() { return csrf; }

// Школа, в которой действует пользователь (заголовок X-School-Id); null — первая школа пользователя.
let schoolId = null;
export function setSchoolId(id) { schoolId = id == null ? null : String(id); }

/** Вызывается, когда сервер сообщает, что сеанса нет или он истёк (401). */
export function onAuthLost(fn) { authLostHandler = fn; }
/** Вызывается, когда сервер требует сначала сменить временный пароль. */
export function onPasswordRequired(fn) { passwordRequiredHandler = fn; }

export class ApiError extends Error {
  constructor(status, code, message, field, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
    this.details = details || {};
    this.handled = false; // true — ошибку уже обработал общий обработчик (переход на вход)
  }
  /** Сколько секунд ждать до следующей попытки (429), если сервер сообщил. */
  get retryAfter() {
    const v = this.details.retry_after ?? this.details.retryAfter;
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? n : null;
  }
}

const AUTH_LOST_CODES = new Set(['unauthenticated', 'session_expired']);

function fallbackMessage(status) {
  if (status === 0) return 'Нет связи с сервером. Проверьте подключение к сети и повторите попытку.';
  if (status === 401) return 'Требуется вход в журнал.';
  if (status === 403) return 'Недостаточно прав для этого действия.';
  if (status === 404) return 'Не найдено.';
  if (status === 413) return 'Слишком большой запрос.';
  if (status === 429) return 'Слишком много запросов. Повторите попытку позже.';
  if (status >= 500) return 'Ошибка на сервере. Повторите попытку позже.';
  return 'Не удалось выполнить запрос.';
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  const write = method !== 'GET' && method !== 'HEAD';
  let payload;
  if (body instanceof Blob) { // файл: тело как есть, с его типом
    headers['Content-Type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (write && csrf) headers['X-CSRF-Token'] = csrf;
  if (schoolId && path !== '/me') headers['X-School-Id'] = schoolId;
  try {
    return await fetch(BASE + path, {
      method, headers, body: payload, credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    return null;
  }
}

async function parse(res) {
  const text = await res.text().catch(() => '');
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}

/**
 * request('POST', '/auth/login', {login, password}, {authRedirect: false})
 * Возвращает разобранный JSON или бросает ApiError.
 * authRedirect (по умолчанию true): при 401 unauthenticated/session_expired вызвать
 * общий обработчик (возврат на страницу входа).
 */
export async function request(method, path, body, opts = {}) {
  const { authRedirect = true, retryCsrf = true } = opts;
  const res = await send(method, path, body);
  if (!res) throw new ApiError(0, 'network', fallbackMessage(0));

  const data = await parse(res);
  if (res.ok) return data ?? {};

  const e = (data && typeof data.error === 'object' && data.error) || {};
  const details = { ...e };
  if (details.retry_after === undefined && data && data.retry_after !== undefined) details.retry_after = data.retry_after;
  if (details.retry_after === undefined && res.headers.get('Retry-After')) details.retry_after = res.headers.get('Retry-After');
  const err = new ApiError(res.status, e.code || `http_${res.status}`,
    e.message || fallbackMessage(res.status), e.field, details);

  // CSRF-токен устарел (например, открыта новая вкладка): обновим его через /me и повторим один раз.
  if (res.status === 403 && /csrf/i.test(err.code) && retryCsrf && method !== 'GET') {
    try {
      const me = await request('GET', '/me', undefined, { authRedirect });
      if (me && me.csrf) {
        setCsrf(me.csrf);
        return request(method, path, body, { ...opts, retryCsrf: false });
      }
    } catch (inner) { if (inner.handled) throw inner; }
  }

  if (authRedirect && res.status === 401 && AUTH_LOST_CODES.has(err.code) && authLostHandler) {
    err.handled = true;
    authLostHandler(err);
  } else if (res.status === 403 && /password_change|must_change_password/i.test(err.code) && passwordRequiredHandler) {
    err.handled = true;
    passwordRequiredHandler(err);
  }
  throw err;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  // Тело по умолчанию {} — чтобы запрос всегда был JSON.
  post: (path, body = {}, opts) => request('POST', path, body, opts),
  put: (path, body = {}, opts) => request('PUT', path, body, opts),
  patch: (path, body = {}, opts) => request('PATCH', path, body, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
  // Файл (Blob/File) телом запроса POST с его Content-Type; ответ — JSON.
  upload: (path, file, opts) => request('POST', path, file, opts),
};
