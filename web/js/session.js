// Состояние сеанса в памяти: данные /me, выбранная школа, сообщение для следующего экрана.
import { api, setCsrf, setSchoolId, ApiError } from './api.js';

const SCHOOL_KEY = 'zh_school';

export const state = {
  me: null,        // ответ GET /api/v1/me
  checked: false,  // проверяли ли сеанс при загрузке страницы
  schoolId: null,  // id выбранной школы
  flash: null,     // {text, kind} — показать один раз на следующем экране
};

export function setMe(me) {
  state.me = me;
  state.checked = true;
  if (me && me.csrf) setCsrf(me.csrf);
  const schools = schoolsOf(me);
  let wanted = null;
  try { wanted = localStorage.getItem(SCHOOL_KEY); } catch { /* нет хранилища */ }
  const found = schools.find((sc) => String(sc.id) === String(state.schoolId ?? wanted));
  state.schoolId = found ? found.id : (schools[0] ? schools[0].id : null);
  setSchoolId(state.schoolId);
}

export function schoolsOf(me) {
  return (me && Array.isArray(me.schools)) ? me.schools : [];
}

export function currentSchool() {
  const schools = schoolsOf(state.me);
  return schools.find((sc) => String(sc.id) === String(state.schoolId)) || schools[0] || null;
}

export function selectSchool(id) {
  state.schoolId = id;
  setSchoolId(id);
  try { localStorage.setItem(SCHOOL_KEY, String(id)); } catch { /* нет хранилища */ }
}

/** Операции пользователя в текущей школе. */
export function schoolOperations() {
  const sc = currentSchool();
  return new Set(sc && Array.isArray(sc.operations) ? sc.operations : []);
}

const REGION_ROLE_OPS = {
  region_admin: ['region.reports.view', 'region.schools.manage'],
  region_head: ['region.reports.view'],
  region_staff: ['region.reports.view'],
};

/** Операции региональных ролей (отчёты по региону, школы региона). */
export function regionOperations() {
  const ops = new Set();
  const list = state.me && Array.isArray(state.me.region_roles) ? state.me.region_roles : [];
  for (const r of list) {
    if (!r || typeof r !== 'object') continue;
    if (Array.isArray(r.operations)) r.operations.forEach((o) => ops.add(o));
    const code = r.code || (r.role && r.role.code);
    (REGION_ROLE_OPS[code] || []).forEach((o) => ops.add(o));
    if (Array.isArray(r.roles)) {
      for (const role of r.roles) (REGION_ROLE_OPS[role && role.code] || []).forEach((o) => ops.add(o));
    }
  }
  return ops;
}

export function userFullName() {
  const me = state.me || {};
  const p = me.person || {};
  const u = me.user || {};
  return p.full_name
    || [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ')
    || u.full_name || u.login || '';
}

/** Имя и отчество для приветствия («Мария Петровна»). */
export function userCallName() {
  const p = (state.me && state.me.person) || {};
  const name = [p.first_name, p.middle_name].filter(Boolean).join(' ');
  if (name) return name;
  const full = userFullName().split(/\s+/);
  return full.length >= 3 ? full.slice(1).join(' ') : userFullName();
}

export function mustChangePassword() {
  return !!(state.me && state.me.user && state.me.user.must_change_password);
}

export async function loadMe() {
  const me = await api.get('/me', { authRedirect: false });
  setMe(me);
  return me;
}

/**
 * После успешного входа: загрузить /me. Если сервер не отдаёт /me до смены временного пароля,
 * обойтись данными из ответа на вход.
 */
export async function afterLogin(loginResponse) {
  if (loginResponse && loginResponse.csrf) setCsrf(loginResponse.csrf);
  state.schoolId = null;
  try {
    await loadMe();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401 || err.status === 0) throw err;
    const u = (loginResponse && loginResponse.user) || {};
    setMe({
      user: { ...u, must_change_password: u.must_change_password || /password/.test(err.code) },
      person: { full_name: u.full_name || u.login || '' },
      schools: [],
      region_roles: [],
    });
  }
}

export function clearSession() {
  state.me = null;
  state.checked = true;
  setCsrf('');
}

export function setFlash(text, kind = 'info') { state.flash = { text, kind }; }
export function takeFlash() { const f = state.flash; state.flash = null; return f; }
