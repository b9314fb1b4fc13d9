// Маленькие помощники для построения DOM без innerHTML и без атрибута style
// (политика CSP сервера: default-src 'self').

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('a', {href: '#/home', class: 'link', onclick: fn}, 'текст', childNode, [...])
 * Текст всегда вставляется как текст, поэтому данные с сервера безопасны.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  if (!props) return;
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'style') throw new Error('атрибут style запрещён политикой CSP, используйте классы');
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** SVG-элемент: s('circle', {cx: 12, cy: 12, r: 3}) */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  if (props) for (const [k, v] of Object.entries(props)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** Склонение: plural(5, 'минуту', 'минуты', 'минут') → 'минут' */
export function plural(n, one, few, many) {
  const n10 = n % 10, n100 = n % 100;
  if (n10 === 1 && n100 !== 11) return one;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
  return many;
}

/** «через 5 минут», «через 30 секунд» */
export function humanDelay(seconds) {
  const sec = Math.max(1, Math.ceil(Number(seconds) || 0));
  if (sec < 60) return `${sec} ${plural(sec, 'секунду', 'секунды', 'секунд')}`;
  const min = Math.ceil(sec / 60);
  if (min < 60) return `${min} ${plural(min, 'минуту', 'минуты', 'минут')}`;
  const hrs = Math.ceil(min / 60);
  return `${hrs} ${plural(hrs, 'час', 'часа', 'часов')}`;
}

/** Кнопка в состоянии «идёт запрос». */
export function setBusy(button, busy, busyText) {
  if (busy) {
    button.dataset.label = button.textContent;
    if (busyText) button.textContent = busyText;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  } else {
    if (button.dataset.label) button.textContent = button.dataset.label;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
