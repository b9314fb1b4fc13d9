// Оболочка веб-интерфейса zhurnal: маршруты по hash (#/login, #/home, #/password, #/sessions,
// #/<раздел>), шапка с именем пользователя, школой и кнопкой «Выйти».
import { h, clear, setBusy } from './dom.js';
import { api, onAuthLost, onPasswordRequired, ApiError } from './api.js';
import {
  state, loadMe, clearSession, setFlash, currentSchool, schoolsOf, selectSchool,
  userFullName, mustChangePassword,
} from './session.js';
import { findSection } from './sections.js';
import { icon } from './icons.js';
import { messageArea } from './ui.js';
import * as loginView from './views/login.js';
import * as homeView from './views/home.js';
import * as passwordView from './views/password.js';
import * as sessionsView from './views/sessions.js';
import * as sectionView from './views/section.js';

const APP_NAME = 'Электронный журнал';

const ROUTES = {
  login: { view: loginView, public: true },
  home: { view: homeView },
  password: { view: passwordView },
  sessions: { view: sessionsView },
};

const root = document.getElementById('app');
let routeSeq = 0;

function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  return { name: parts[0] || '', args: parts.slice(1), query: new URLSearchParams(query) };
}

/** Перейти на экран. replace — не оставлять текущий адрес в истории. */
export function navigate(hash, { replace = false } = {}) {
  if (location.hash === hash) { route(); return; }
  if (replace) location.replace(hash);
  else location.hash = hash;
}

// Сервер сообщил, что сеанса нет или он истёк.
onAuthLost((err) => {
  const wasLoggedIn = !!state.me;
  clearSession();
  if (err.code === 'session_expired' || wasLoggedIn) setFlash('Сеанс истёк, войдите снова', 'warn');
  navigate('#/login', { replace: true });
});

// Сервер требует сначала сменить временный пароль.
onPasswordRequired(() => {
  if (state.me && state.me.user) state.me.user.must_change_password = true;
  navigate('#/password', { replace: true });
});

async function logout(button) {
  setBusy(button, true, 'Выход…');
  try {
    await api.post('/auth/logout', {}, { authRedirect: false });
  } catch { /* сеанс мог уже закончиться — всё равно выходим */ }
  clearSession();
  setFlash('Вы вышли из журнала.', 'info');
  navigate('#/login', { replace: true });
}

function header() {
  const schools = schoolsOf(state.me);
  const school = currentSchool();
  let schoolEl;
  if (schools.length > 1) {
    const select = h('select', { id: 'school-switcher', class: 'select' },
      schools.map((sc) => h('option', { value: sc.id, selected: school && sc.id === school.id }, sc.name)));
    select.addEventListener('change', () => {
      selectSchool(schools.find((sc) => String(sc.id) === select.value)?.id ?? select.value);
      route();
    });
    schoolEl = h('div', { class: 'school school-switch' },
      h('label', { for: 'school-switcher', class: 'visually-hidden' }, 'Школа'),
      select);
  } else {
    schoolEl = h('p', { class: 'school', id: 'school-name' }, school ? school.name : '');
  }
  const logoutBtn = h('button', { type: 'button', class: 'btn btn-header', id: 'logout' },
    icon('logout'), h('span', { class: 'btn-label' }, 'Выйти'));
  logoutBtn.addEventListener('click', () => logout(logoutBtn));
  const fullName = userFullName();

  return h('header', { class: 'topbar' },
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '#/home', 'aria-label': `${APP_NAME}: на главную` },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('journal')),
        h('span', { class: 'brand-text brand-full' }, APP_NAME),
        h('span', { class: 'brand-text brand-short', 'aria-hidden': 'true' }, 'Журнал')),
      h('div', { class: 'topbar-context' },
        schoolEl,
        h('p', { class: 'user' },
          h('span', { class: 'visually-hidden' }, 'Пользователь: '),
          h('span', { id: 'user-name', title: fullName }, fullName))),
      logoutBtn));
}

function skipLink() {
  return h('a', {
    class: 'skip-link', href: '#/home',
    onclick: (e) => { e.preventDefault(); const m = document.getElementById('main'); if (m) m.focus(); },
  }, 'Перейти к содержимому');
}

function focusHeading(main) {
  const t = main.querySelector('h1');
  if (t && !main.contains(document.activeElement)) t.focus({ preventScroll: true });
}

async function route() {
  const seq = ++routeSeq;
  let { name, args, query } = parseHash();

  if (!state.checked) {
    try {
      await loadMe();
    } catch (err) {
      state.checked = true;
      if (err instanceof ApiError && err.code === 'session_expired') setFlash('Сеанс истёк, войдите снова', 'warn');
      else if (err instanceof ApiError && err.status !== 401) {
        // Сервер недоступен — покажем это на экране входа.
        setFlash(err.message, 'error');
      }
    }
    if (seq !== routeSeq) return;
  }

  // Охрана маршрутов.
  if (!state.me) {
    if (name !== 'login') { navigate('#/login', { replace: true }); return; }
  } else if (mustChangePassword()) {
    if (name !== 'password') { navigate('#/password', { replace: true }); return; }
  } else if (name === 'login' || name === '') {
    navigate('#/home', { replace: true }); return;
  }

  const r = ROUTES[name];
  const section = r ? null : findSection(name);
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  clear(root);
  if (r && r.public) {
    root.append(main);
    main.classList.add('main-auth');
  } else {
    root.append(skipLink(), header(), main);
  }

  const ctx = { navigate, args, query, section, rerender: route };
  try {
    if (r) {
      document.title = `${r.view.title} — ${APP_NAME}`;
      await r.view.render(main, ctx);
    } else if (section) {
      await sectionView.render(main, ctx);
    } else {
      sectionView.renderNotFound(main);
    }
  } catch (err) {
    if (err && err.handled) return;
    console.error(err);
    const msg = messageArea({ role: 'alert' });
    msg.show('Не удалось открыть страницу.', 'error', err && err.message);
    main.append(msg);
  }
  if (seq === routeSeq) {
    window.scrollTo(0, 0);
    focusHeading(main);
  }
}

window.addEventListener('hashchange', route);
route();
