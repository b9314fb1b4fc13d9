// Экран входа.
import { h, setBusy, humanDelay } from '../dom.js';
import { api, ApiError } from '../api.js';
import { afterLogin, takeFlash } from '../session.js';
import { field, messageArea, showPasswordToggle } from '../ui.js';
import { icon } from '../icons.js';

export const title = 'Вход';

/** Понятный текст ошибки входа по коду сервера. Возвращает [главный текст, пояснение сервера]. */
export function loginErrorText(err) {
  if (!(err instanceof ApiError)) return ['Не удалось войти. Повторите попытку.', null];
  const server = err.message;
  switch (err.code) {
    case 'bad_credentials':
      return ['Неверный логин или пароль', null];
    case 'account_locked':
      return ['Учётная запись заблокирована. Обратитесь к администратору школы.', server];
    case 'too_many_attempts': {
      const wait = err.retryAfter;
      return [wait
        ? `Слишком много попыток входа. Повторите через ${humanDelay(wait)}.`
        : 'Слишком много попыток входа. Повторите попытку позже.', server];
    }
    case 'session_expired':
      return ['Сеанс истёк, войдите снова', null];
    case 'network':
      return [server, null];
    default:
      if (err.status >= 500) return ['Ошибка на сервере. Повторите попытку позже.', null];
      return [server || 'Не удалось войти. Повторите попытку.', null];
  }
}

export function render(main, ctx) {
  const flash = takeFlash();
  const alert = messageArea({ id: 'login-error', role: 'alert' });
  const status = messageArea({ id: 'login-status', role: 'status' });
  if (flash) (flash.kind === 'info' || flash.kind === 'ok' ? status : alert).show(flash.text, flash.kind);

  const login = field({
    id: 'login', label: 'Логин', autocomplete: 'username',
    attrs: { autocapitalize: 'none', spellcheck: 'false', autocorrect: 'off', required: true },
  });
  const password = field({
    id: 'password', label: 'Пароль', type: 'password', autocomplete: 'current-password',
    attrs: { required: true },
  });
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit' }, 'Войти');

  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'login-title' },
    login.el, password.el, showPasswordToggle([password.input]), button);

  let lockedUntil = 0;

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled) return;
    alert.clear(); status.clear();
    login.setError(''); password.setError('');
    const l = login.input.value.trim();
    const p = password.input.value;
    if (!l || !p) {
      if (!l) login.setError('Введите логин');
      if (!p) password.setError('Введите пароль');
      (l ? password.input : login.input).focus();
      return;
    }
    if (Date.now() < lockedUntil) {
      alert.show(`Слишком много попыток входа. Повторите через ${humanDelay((lockedUntil - Date.now()) / 1000)}.`, 'warn');
      return;
    }
    setBusy(button, true, 'Вход…');
    try {
      const res = await api.post('/auth/login', { login: l, password: p }, { authRedirect: false });
      await afterLogin(res);
      ctx.navigate('#/home');
      return;
    } catch (err) {
      const [text, detail] = loginErrorText(err);
      const kind = err instanceof ApiError && (err.status === 423 || err.status === 429) ? 'warn' : 'error';
      alert.show(text, kind, detail);
      if (err instanceof ApiError && err.status === 429 && err.retryAfter) lockedUntil = Date.now() + err.retryAfter * 1000;
      if (err instanceof ApiError && err.status === 400 && err.field === 'login') {
        login.setError(err.message); login.input.focus();
      } else {
        password.input.value = '';
        password.input.focus();
      }
    }
    setBusy(button, false);
  });

  main.append(h('div', { class: 'auth-wrap' },
    h('div', { class: 'auth-card' },
      h('div', { class: 'brand brand-lg' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('journal')),
        h('span', { class: 'brand-text' }, 'Электронный журнал')),
      h('h1', { class: 'auth-title', id: 'login-title', tabindex: '-1' }, 'Вход в электронный журнал'),
      status, alert, form,
      h('p', { class: 'auth-note' },
        'Логин и пароль выдают администратор школы или классный руководитель. ',
        'Забыли пароль — обратитесь к ним, пароль будет сброшен.'))));

  // На телефоне не открываем клавиатуру автоматически только ради сообщения.
  if (!flash) login.input.focus();
}
