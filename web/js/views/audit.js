// Журнал действий: кто, когда и что изменил (GET /api/v1/audit), с отбором и постраничным просмотром.
// Отбор хранится в адресе (#/audit?op=…&from=…&to=…&offset=…), чтобы пережить перезагрузку.
import { h, setBusy } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { roleTitle } from '../roles.js';

export const title = 'Журнал действий';

const LIMIT = 50;

const OP_LABELS = {
  'auth.login': 'Вход',
  'auth.login_failed': 'Неудачный вход',
  'auth.logout': 'Выход',
  'auth.password_changed': 'Смена пароля',
  'auth.session_ended': 'Завершение сеанса',
  'access.edit': 'Изменение прав',
  'user.lock': 'Блокировка',
  'user.unlock': 'Разблокировка',
  'user.password_reset': 'Сброс пароля',
  'user.create': 'Создание пользователя',
};

const OP_FILTERS = [
  ['', 'Все действия'],
  ['auth.*', 'Входы и выходы'],
  ['auth.login', 'Вход'],
  ['auth.login_failed', 'Неудачный вход'],
  ['access.edit', 'Изменение прав'],
  ['user.*', 'Действия с пользователями'],
];

const KEY_LABELS = {
  login: 'логин',
  reason: 'причина',
  locked: 'блокировка',
  granted: 'разрешено',
  role: 'роль',
  op: 'операция',
};

const REASON_LABELS = {
  bad_password: 'неверный пароль',
  unknown_login: 'неизвестный логин',
  locked: 'учётная запись заблокирована',
  throttled: 'слишком много попыток',
};

const MAX_VALUE = 80;

const pad = (n) => String(n).padStart(2, '0');

/** «22.11.2026 09:15» в местном времени; полная метка с секундами — для подсказки. */
function formatTime(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return { short: iso || '—', full: iso || '' };
  const date = `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return { short: `${date} ${time}`, full: `${date} ${time}:${pad(d.getSeconds())}` };
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function valueText(key, v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (key === 'role' && Number.isInteger(v)) return roleTitle(v);
  if (key === 'reason' && REASON_LABELS[v]) return REASON_LABELS[v];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function valueEl(key, v, cls) {
  const full = valueText(key, v);
  const short = full.length > MAX_VALUE ? `${full.slice(0, MAX_VALUE - 1)}…` : full;
  return h('span', { class: cls, title: short !== full ? full : null }, short);
}

/** Строка «ключ: старое → новое» (или «ключ: значение», если одно из них отсутствует). */
function changeLine(key, oldV, newV, hasOld, hasNew) {
  const label = key ? h('span', { class: 'chg-key' }, `${KEY_LABELS[key] || key}: `) : null;
  if (hasOld && hasNew) {
    return h('div', { class: 'chg' }, label, valueEl(key, oldV, 'chg-old'),
      h('span', { class: 'chg-arrow', 'aria-label': 'стало' }, ' → '), valueEl(key, newV, 'chg-new'));
  }
  return h('div', { class: 'chg' }, label, valueEl(key, hasNew ? newV : oldV, hasNew ? 'chg-new' : 'chg-old'),
    hasNew ? null : h('span', { class: 'chg-arrow' }, ' → удалено'));
}

function describeChange(item) {
  const o = item.old, n = item.new;
  // Изменение ячейки матрицы доступа: «Учитель · journal.view.all: нет → да».
  if (item.op === 'access.edit' && isObj(n) && 'granted' in n) {
    return h('div', { class: 'chg' },
      h('span', { class: 'chg-key' }, `${roleTitle(n.role)} · `),
      h('code', { class: 'chg-op' }, String(n.op || '')),
      h('span', { class: 'chg-key' }, ': '),
      valueEl('granted', isObj(o) ? o.granted : null, 'chg-old'),
      h('span', { class: 'chg-arrow', 'aria-label': 'стало' }, ' → '),
      valueEl('granted', n.granted, 'chg-new'));
  }
  if ((o === null || o === undefined) && (n === null || n === undefined)) return h('span', { class: 'muted' }, '—');
  if (isObj(o) || isObj(n)) {
    const oo = isObj(o) ? o : {}, nn = isObj(n) ? n : {};
    const keys = [...new Set([...Object.keys(oo), ...Object.keys(nn)])];
    const lines = keys
      .filter((k) => JSON.stringify(oo[k]) !== JSON.stringify(nn[k]) || !(k in oo) || !(k in nn))
      .map((k) => changeLine(k, oo[k], nn[k], k in oo, k in nn));
    return lines.length ? lines : h('span', { class: 'muted' }, 'без изменений');
  }
  return changeLine('', o, n, o !== null && o !== undefined, n !== null && n !== undefined);
}

function validDate(v) {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2200;
}

export async function render(main, ctx) {
  const q = ctx.query || new URLSearchParams();
  const flt = {
    op: q.get('op') || '',
    from: validDate(q.get('from') || '') ? q.get('from') : '',
    to: validDate(q.get('to') || '') ? q.get('to') : '',
    offset: Math.max(0, Math.floor(Number(q.get('offset')) || 0)),
  };

  const alert = messageArea({ id: 'audit-error', role: 'alert' });

  // ---- отбор ----
  const opSelect = h('select', { id: 'audit-op', name: 'op', class: 'input' },
    OP_FILTERS.map(([v, t]) => h('option', { value: v }, t)));
  if (flt.op && !OP_FILTERS.some(([v]) => v === flt.op)) opSelect.append(h('option', { value: flt.op }, flt.op));
  opSelect.value = flt.op;
  const fromInput = h('input', { id: 'audit-from', name: 'from', type: 'date', class: 'input', min: '2000-01-01', max: '2200-12-31', value: flt.from });
  const toInput = h('input', { id: 'audit-to', name: 'to', type: 'date', class: 'input', min: '2000-01-01', max: '2200-12-31', value: flt.to });
  const showBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Показать');
  const resetBtn = h('button', { type: 'button', class: 'btn btn-ghost', id: 'audit-reset' }, 'Сбросить');
  const form = h('form', { class: 'filters', id: 'audit-filters', 'aria-label': 'Отбор записей', novalidate: true },
    h('div', { class: 'field filter-op' }, h('label', { class: 'label', for: 'audit-op' }, 'Действие'), opSelect),
    h('div', { class: 'field filter-date' }, h('label', { class: 'label', for: 'audit-from' }, 'С даты'), fromInput),
    h('div', { class: 'field filter-date' }, h('label', { class: 'label', for: 'audit-to' }, 'По дату'), toInput),
    h('div', { class: 'filter-actions' }, showBtn, resetBtn));

  // ---- таблица и страницы ----
  // Явные роли ARIA: на телефоне строки показываются карточками (display: block), и без ролей
  // часть браузеров перестаёт считать это таблицей.
  const tbody = h('tbody', { id: 'audit-rows', role: 'rowgroup' });
  const col = (text, cls) => h('th', { scope: 'col', class: cls, role: 'columnheader' }, text);
  const table = h('table', { class: 'data-table audit-table', id: 'audit-table', role: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Записи журнала действий, новые первыми'),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      col('Время', 'col-time'), col('Пользователь'), col('Действие'), col('Объект'), col('Изменения'))),
    tbody);
  const empty = h('div', { class: 'panel empty', id: 'audit-empty', hidden: true },
    h('p', { class: 'empty-title' }, 'Записей не найдено'),
    h('p', { class: 'muted' }, 'Измените отбор или сбросьте его.'));
  const wrap = h('div', { class: 'table-wrap', id: 'audit-wrap', 'aria-busy': 'true' }, table);
  function makePager(top) {
    const range = h('p', { class: 'pager-range', id: top ? 'audit-range' : null, tabindex: '-1', 'aria-live': top ? 'polite' : null },
      top ? 'Загрузка…' : '');
    const prev = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: top ? 'audit-prev' : null, disabled: true },
      h('span', { 'aria-hidden': 'true' }, '←'), 'Назад');
    const next = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: top ? 'audit-next' : null, disabled: true },
      'Вперёд', h('span', { 'aria-hidden': 'true' }, '→'));
    const nav = h('nav', { class: `pager${top ? '' : ' pager-bottom'}`, 'aria-label': top ? 'Страницы журнала' : 'Страницы журнала (внизу)' },
      prev, range, next);
    return { nav, range, prev, next };
  }
  const pagers = [makePager(true), makePager(false)];
  pagers[1].nav.hidden = true;

  main.append(backLink(), pageTitle('Журнал действий', 'Кто, когда и что изменил. Новые записи — первыми.'),
    form, alert, pagers[0].nav, wrap, empty, pagers[1].nav);

  let seq = 0;
  let total = 0;
  let shown = 0;

  function syncAddress() {
    const p = new URLSearchParams();
    if (flt.op) p.set('op', flt.op);
    if (flt.from) p.set('from', flt.from);
    if (flt.to) p.set('to', flt.to);
    if (flt.offset) p.set('offset', String(flt.offset));
    const qs = p.toString();
    const hash = `#/audit${qs ? `?${qs}` : ''}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  function row(item) {
    const t = formatTime(item.at);
    const label = OP_LABELS[item.op];
    const entity = item.entity ? `${item.entity}${item.entity_id !== null && item.entity_id !== undefined && item.entity_id !== '' ? ` #${item.entity_id}` : ''}` : '—';
    // Содержимое ячейки — в одном блоке: на телефоне строка таблицы превращается в карточку «подпись — значение».
    const td = (label, cls, ...content) => h('td', { class: cls, role: 'cell', 'data-label': label },
      h('div', { class: 'cell-v' }, ...content));
    return h('tr', { role: 'row', 'data-id': item.id, 'data-op': item.op },
      td('Время', 'col-time', h('time', { datetime: item.at, title: t.full }, t.short)),
      td('Пользователь', 'audit-who',
        h('span', { class: 'audit-user' }, item.user_login || '—'),
        item.client ? h('span', { class: 'audit-client', title: 'Адрес, с которого выполнено действие' }, item.client) : null),
      td('Действие', 'audit-op', label ? h('span', { title: item.op }, label) : h('code', {}, item.op || '—')),
      td('Объект', 'audit-entity', entity),
      td('Изменения', 'audit-change', describeChange(item)));
  }

  function updatePager() {
    const text = total && shown ? `Записи ${flt.offset + 1}–${flt.offset + shown} из ${total}` : 'Записей нет';
    for (const pg of pagers) {
      pg.range.textContent = text;
      pg.prev.disabled = flt.offset <= 0;
      pg.next.disabled = flt.offset + shown >= total;
    }
    pagers[1].nav.hidden = shown < 15; // нижние кнопки нужны только на длинной странице
  }

  function setPagerBusy() {
    for (const pg of pagers) { pg.prev.disabled = true; pg.next.disabled = true; }
  }

  // focusAfter — кнопка, нажатая для перехода: вернуть на неё фокус (или на подпись, если она стала недоступна).
  async function load({ focusAfter = null } = {}) {
    const my = ++seq;
    syncAddress();
    const p = new URLSearchParams({ limit: String(LIMIT), offset: String(flt.offset) });
    if (flt.op) p.set('op', flt.op);
    if (flt.from) p.set('from', flt.from);
    if (flt.to) p.set('to', flt.to);
    wrap.setAttribute('aria-busy', 'true');
    setPagerBusy();
    setBusy(showBtn, true);
    try {
      const data = await api.get(`/audit?${p}`);
      if (my !== seq) return;
      const items = Array.isArray(data.items) ? data.items : [];
      total = Number.isFinite(data.total) ? data.total : items.length;
      // Страница оказалась за концом (записи удалены или адрес набран вручную) — вернёмся на последнюю.
      if (!items.length && flt.offset > 0 && total > 0) {
        flt.offset = Math.floor((total - 1) / LIMIT) * LIMIT;
        setBusy(showBtn, false);
        load({ focusAfter });
        return;
      }
      shown = items.length;
      tbody.replaceChildren(...items.map(row));
      wrap.hidden = !items.length;
      empty.hidden = !!items.length;
      alert.clear();
      updatePager();
      if (focusAfter) {
        // С нижних кнопок — к началу новой страницы; с верхних — остаёмся на кнопке, если она доступна.
        if (focusAfter.disabled || focusAfter.closest('.pager-bottom')) pagers[0].range.focus();
        else focusAfter.focus();
      }
    } catch (err) {
      if (my !== seq || err.handled) return;
      alert.show('Не удалось загрузить журнал действий.', 'error', err.message);
      total = 0;
      shown = 0;
      tbody.replaceChildren();
      wrap.hidden = true;
      empty.hidden = true;
      for (const pg of pagers) pg.range.textContent = '';
      pagers[1].nav.hidden = true;
    } finally {
      if (my === seq) {
        wrap.removeAttribute('aria-busy');
        setBusy(showBtn, false);
      }
    }
  }

  function apply() {
    const from = fromInput.value, to = toInput.value;
    fromInput.removeAttribute('aria-invalid');
    toInput.removeAttribute('aria-invalid');
    if ((from && !validDate(from)) || (to && !validDate(to)) || fromInput.validity.badInput || toInput.validity.badInput) {
      alert.show('Укажите даты полностью: день, месяц и год (с 2000 года).', 'error');
      const bad = (from && !validDate(from)) || fromInput.validity.badInput ? fromInput : toInput;
      bad.setAttribute('aria-invalid', 'true');
      return;
    }
    if (from && to && from > to) {
      alert.show('Дата «с» не может быть позже даты «по».', 'error');
      toInput.setAttribute('aria-invalid', 'true');
      return;
    }
    alert.clear();
    flt.op = opSelect.value;
    flt.from = from;
    flt.to = to;
    flt.offset = 0;
    load();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  opSelect.addEventListener('change', apply);
  resetBtn.addEventListener('click', () => {
    opSelect.value = '';
    fromInput.value = '';
    toInput.value = '';
    apply();
  });
  for (const pg of pagers) {
    pg.prev.addEventListener('click', () => {
      flt.offset = Math.max(0, flt.offset - LIMIT);
      load({ focusAfter: pg.prev });
    });
    pg.next.addEventListener('click', () => {
      flt.offset += LIMIT;
      load({ focusAfter: pg.next });
    });
  }

  await load();
}
