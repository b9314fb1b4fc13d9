// Общие элементы интерфейса: поля форм, сообщения, заголовки страниц.
import { h } from './dom.js';
import { icon } from './icons.js';

let uid = 0;

/**
 * Поле формы с подписью, подсказкой и местом для ошибки (связаны через aria-describedby).
 * Возвращает {el, input, setError(text)}.
 */
export function field({ id, label, type = 'text', autocomplete, hint, attrs = {} }) {
  const hintId = hint ? `hint-${id}` : null;
  const errId = `err-${id}`;
  const input = h('input', {
    id, name: id, type, autocomplete, class: 'input',
    'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
    ...attrs,
  });
  const err = h('p', { class: 'field-error', id: errId });
  const el = h('div', { class: 'field' },
    h('label', { for: id, class: 'label' }, label),
    input,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    err);
  return {
    el, input,
    setError(text) {
      err.textContent = text || '';
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

/** Флажок «Показать пароль» для набора полей. */
export function showPasswordToggle(inputs) {
  const id = `show-pw-${++uid}`;
  const box = h('input', {
    type: 'checkbox', id, class: 'checkbox',
    onchange: () => { for (const i of inputs) i.type = box.checked ? 'text' : 'password'; },
  });
  return h('div', { class: 'check' }, box, h('label', { for: id }, 'Показать пароль'));
}

/** Область сообщений. kind: error | warn | ok | info. role=alert — для ошибок. */
export function messageArea({ id, role = 'alert' } = {}) {
  const el = h('div', { class: 'msg', role, id });
  el.show = (text, kind = 'error', detail) => {
    el.className = `msg msg-${kind}`;
    el.replaceChildren();
    if (text) el.append(h('p', { class: 'msg-text' }, text));
    if (detail && detail !== text) el.append(h('p', { class: 'msg-detail' }, detail));
  };
  el.clear = () => { el.className = 'msg'; el.replaceChildren(); };
  return el;
}

/** Заголовок страницы: h1 получает фокус после перехода (для экранных дикторов). */
export function pageTitle(text, sub) {
  return h('div', { class: 'page-head' },
    h('h1', { class: 'page-title', tabindex: '-1' }, text),
    sub ? h('p', { class: 'page-sub' }, sub) : null);
}

export function backLink(href = '#/home', text = 'На главную') {
  return h('a', { class: 'back-link', href }, icon('back'), h('span', {}, text));
}
