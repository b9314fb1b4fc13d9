// Смена пароля (в том числе обязательная при первом входе с временным паролем).
import { h, append, setBusy } from '../dom.js';
import { api, setCsrf, ApiError } from '../api.js';
import { state, loadMe, mustChangePassword, setFlash } from '../session.js';
import { field, messageArea, showPasswordToggle, pageTitle, backLink } from '../ui.js';

export const title = 'Смена пароля';
const MIN_LENGTH = 8;

export function render(main, ctx) {
  const forced = mustChangePassword();
  const alert = messageArea({ id: 'password-error', role: 'alert' });

  const oldPw = field({ id: 'old_password', label: 'Текущий пароль', type: 'password', autocomplete: 'current-password',
    hint: forced ? 'Временный пароль, с которым вы вошли.' : null });
  const newPw = field({ id: 'new_password', label: 'Новый пароль', type: 'password', autocomplete: 'new-password',
    hint: `Не короче ${MIN_LENGTH} символов и не совпадает с текущим.`, attrs: { minlength: MIN_LENGTH } });
  const repeat = field({ id: 'new_password_repeat', label: 'Повторите новый пароль', type: 'password', autocomplete: 'new-password' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Сменить пароль');
  const fields = { old_password: oldPw, new_password: newPw };

  const form = h('form', { class: 'form form-narrow', novalidate: true },
    oldPw.el, newPw.el, repeat.el,
    showPasswordToggle([oldPw.input, newPw.input, repeat.input]),
    h('div', { class: 'actions' }, button,
      forced ? null : h('a', { class: 'btn btn-ghost', href: '#/home' }, 'Отмена')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled) return;
    alert.clear();
    [oldPw, newPw, repeat].forEach((f) => f.setError(''));
    const o = oldPw.input.value;
    const n = newPw.input.value;
    const r = repeat.input.value;
    let bad = null;
    if (!o) { oldPw.setError('Введите текущий пароль'); bad = bad || oldPw; }
    if (n.length < MIN_LENGTH) { newPw.setError(`Новый пароль должен быть не короче ${MIN_LENGTH} символов`); bad = bad || newPw; }
    else if (o && n === o) { newPw.setError('Новый пароль должен отличаться от текущего'); bad = bad || newPw; }
    if (!bad && r !== n) { repeat.setError('Пароли не совпадают'); bad = repeat; }
    if (bad) { bad.input.focus(); return; }

    setBusy(button, true, 'Сохранение…');
    try {
      const res = await api.post('/auth/password', { old_password: o, new_password: n });
      if (res.csrf) setCsrf(res.csrf);
      if (state.me && state.me.user) state.me.user.must_change_password = false;
      try { await loadMe(); } catch { /* покажем то, что уже знаем */ }
      setFlash('Пароль изменён. Остальные сеансы завершены.', 'ok');
      ctx.navigate('#/home');
      return;
    } catch (err) {
      if (err.handled) return;
      let text = err.message;
      if (err instanceof ApiError && err.code === 'bad_credentials') text = 'Текущий пароль указан неверно';
      const target = fields[err.field] || (err.code === 'bad_credentials' ? oldPw : null)
        || (err.code === 'weak_password' ? newPw : null);
      if (target) {
        target.setError(text);
        target.input.value = '';
        if (target === newPw) repeat.input.value = '';
        target.input.focus();
      } else {
        alert.show(text, 'error');
      }
    }
    setBusy(button, false);
  });

  append(main, [h('div', { class: 'narrow' },
    forced ? null : backLink(),
    pageTitle('Смена пароля'),
    forced ? h('div', { class: 'msg msg-info', role: 'note' },
      h('p', { class: 'msg-text' }, 'Вы вошли с временным паролем. Придумайте новый пароль, чтобы продолжить работу.')) : null,
    h('div', { class: 'panel' }, alert, form),
    h('p', { class: 'page-note' }, 'После смены пароля все другие ваши сеансы будут завершены.'))]);
}
