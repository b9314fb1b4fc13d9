// Карточка человека: краткие сведения и группы полей вкладками (только видимые пользователю;
// форма редактируется, если группа editable). Общая для учеников, родителей и сотрудников.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { messageArea } from '../ui.js';

const GENDER = { m: 'мужской', f: 'женский' };
let seq = 0;

export function fullName(p) {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

export function formatDate(s) {
  if (!s) return '';
  const [y, m, d] = String(s).split('-');
  return d ? `${d}.${m}.${y}` : s;
}

function inputFor(f, value, id, editable) {
  const common = { id, name: f.name, disabled: !editable };
  if (f.type === 'bool') {
    return h('input', { ...common, type: 'checkbox', class: 'checkbox', checked: value === true });
  }
  if (f.type === 'enum') {
    return h('select', { ...common, class: 'input' },
      h('option', { value: '' }, '—'),
      (f.values || []).map((v) => h('option', { value: v, selected: v === value }, v)));
  }
  if (f.type === 'text' && f.max > 300) {
    const t = h('textarea', { ...common, class: 'input people-textarea', rows: 3, maxlength: f.max });
    t.value = value ?? '';
    return t;
  }
  const type = f.type === 'date' ? 'date' : f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel'
    : f.type === 'number' ? 'number' : 'text';
  const attrs = { ...common, type, class: 'input' };
  if (f.type === 'number') { attrs.step = 'any'; attrs.min = f.min; attrs.max = f.maxv; }
  if (f.max && type === 'text') attrs.maxlength = f.max;
  if (f.type === 'snils') attrs.placeholder = '123-456-789 01';
  if (f.type === 'phone') attrs.placeholder = '+7 846 123-45-67';
  const el = h('input', attrs);
  el.value = value ?? '';
  return el;
}

function readInput(f, el) {
  if (f.type === 'bool') return el.checked ? true : null;
  const v = el.value.trim();
  if (v === '') return null;
  if (f.type === 'number') return Number(v);
  return v;
}

// Поле-таблица (курсы, награды, должности): строки с колонками, добавить/удалить.
function rowsEditor(f, value, editable, choices) {
  const body = h('div', { class: 'rows-body' });
  const rows = [];
  const cols = f.fields || [];
  function addRow(data = {}) {
    const inputs = new Map();
    const rowEl = h('div', { class: 'rows-row' });
    for (const c of cols) {
      const id = `f${++seq}`;
      let el;
      if (c.name === 'position_id' && choices) {
        el = h('select', { id, class: 'input', disabled: !editable },
          h('option', { value: '' }, '—'),
          choices.map((p) => h('option', { value: p.id, selected: p.id === data.position_id }, p.name)));
      } else {
        el = inputFor(c, data[c.name], id, editable);
      }
      inputs.set(c, el);
      rowEl.append(h('div', { class: 'field' }, h('label', { class: 'label', for: id }, c.label), el));
    }
    const entry = { rowEl, inputs };
    if (editable) {
      rowEl.append(h('button', {
        type: 'button', class: 'btn btn-ghost btn-sm',
        onclick: () => { rowEl.remove(); rows.splice(rows.indexOf(entry), 1); },
      }, 'Удалить строку'));
    }
    rows.push(entry);
    body.append(rowEl);
  }
  for (const r of value || []) addRow(r);
  const wrap = h('fieldset', { class: 'rows' }, h('legend', { class: 'label' }, f.label), body,
    editable ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => addRow() }, 'Добавить строку') : null);
  wrap.read = () => rows.map(({ inputs }) => {
    const o = {};
    for (const [c, el] of inputs) {
      let v = readInput(c, el);
      if (c.name === 'position_id' && v !== null) v = Number(v);
      if (v !== null) o[c.name] = v;
    }
    return o;
  }).filter((o) => Object.keys(o).length);
  return wrap;
}

function groupForm(card, g, putPath, onSaved) {
  const msg = messageArea({ role: 'alert' });
  const controls = new Map();
  const form = h('form', { class: 'people-form', novalidate: true, 'data-group': g.name });
  for (const f of g.fields) {
    const id = `f${++seq}`;
    if (f.type === 'rows') {
      const ed = rowsEditor(f, g.data[f.name], g.editable, card.position_choices);
      controls.set(f, ed);
      form.append(ed);
      continue;
    }
    const el = inputFor(f, g.data[f.name], id, g.editable);
    controls.set(f, el);
    const err = h('p', { class: 'field-error', id: `err-${id}` });
    el.setAttribute('aria-describedby', `err-${id}`);
    el.errEl = err;
    form.append(f.type === 'bool'
      ? h('div', { class: 'check' }, el, h('label', { for: id }, f.label), err)
      : h('div', { class: 'field' }, h('label', { class: 'label', for: id }, f.label), el, err));
  }
  if (g.editable) {
    const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Сохранить');
    form.append(h('div', { class: 'people-actions' }, btn), msg);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      msg.clear();
      const body = {};
      for (const [f, el] of controls) {
        if (el.errEl) { el.errEl.textContent = ''; el.removeAttribute('aria-invalid'); }
        const v = f.type === 'rows' ? el.read() : readInput(f, el);
        if (v !== null && !(Array.isArray(v) && !v.length)) body[f.name] = v;
      }
      setBusy(btn, true, 'Сохранение…');
      try {
        const res = await api.put(`${putPath}/card/${g.name}`, body);
        msg.show('Сохранено.', 'ok');
        onSaved(res, g.name);
      } catch (err) {
        if (err.handled) return;
        const name = String(err.field || '').split('.')[0];
        const hit = [...controls].find(([f]) => f.name === name);
        if (hit && hit[1].errEl) {
          hit[1].errEl.textContent = err.message;
          hit[1].setAttribute('aria-invalid', 'true');
          hit[1].focus();
        }
        msg.show(err.message, 'error');
      } finally {
        setBusy(btn, false);
      }
    });
  } else {
    form.append(h('p', { class: 'muted' }, 'Только просмотр.'));
  }
  return form;
}

/** Вкладки групп полей. putPath: '/students/12'. */
export function renderGroups(container, card, putPath, activeName, onChange) {
  clear(container);
  const groups = card.groups || [];
  if (!groups.length) {
    container.append(h('p', { class: 'muted', id: 'card-brief-note' }, 'Вам доступны только краткие сведения.'));
    return;
  }
  const tablist = h('div', { class: 'people-tabs', role: 'tablist', 'aria-label': 'Группы сведений' });
  const panel = h('div', { class: 'panel people-panel', role: 'tabpanel', id: 'card-panel' });
  let active = groups.find((g) => g.name === activeName) || groups[0];
  const tabs = groups.map((g) => {
    const t = h('button', {
      type: 'button', role: 'tab', class: 'people-tab', id: `tab-${g.name}`, 'data-group': g.name,
      'aria-controls': 'card-panel',
    }, g.label, g.access !== 'card' ? h('span', { class: 'people-badge' }, g.access === 'medical' ? 'мед.' : 'псих.') : null);
    t.addEventListener('click', () => { active = g; show(); });
    t.addEventListener('keydown', (e) => {
      const i = groups.indexOf(g);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const j = (i + (e.key === 'ArrowRight' ? 1 : groups.length - 1)) % groups.length;
        active = groups[j]; show(); tabs[j].focus();
      }
    });
    return t;
  });
  function show() {
    tabs.forEach((t, i) => {
      const on = groups[i] === active;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', `tab-${active.name}`);
    clear(panel);
    panel.append(h('h2', { class: 'people-h2' }, active.label),
      groupForm(card, active, putPath, (res, name) => {
        Object.assign(card, res);
        if (onChange) onChange(card);
        renderGroups(container, card, putPath, name, onChange);
        const t = container.querySelector(`#tab-${name}`);
        if (t) t.focus();
      }));
  }
  tablist.append(...tabs);
  container.append(tablist, panel);
  show();
}

/** Краткие сведения: список «подпись — значение». */
export function briefList(items) {
  return h('dl', { class: 'people-brief' },
    items.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export { GENDER };
