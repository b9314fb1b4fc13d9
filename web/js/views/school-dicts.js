// Справочники школы: вкладка на каждый справочник (GET/POST/PUT/DELETE /api/v1/dictionaries/{вид}).
// Без права school.dictionaries.edit — только просмотр.
import { h, setBusy } from '../dom.js';
import { api } from '../api.js';
import { messageArea } from '../ui.js';

const ATT_KINDS = { absent: 'Отсутствие', late: 'Опоздание', ill: 'Болезнь', reason: 'Причина' };

const fmtWeight = (w) => String(w).replace('.', ',');
const yesNo = (b) => (b ? 'да' : 'нет');
const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

// Вид справочника: заголовок, колонки таблицы, поля формы.
// Поле: {key, label, type: text|number|int|select|check|subject, required, max, options, hint}
export const KINDS = [
  {
    kind: 'work-types', title: 'Виды работ', item: 'вид работы', archive: true,
    cols: [['Название', (x) => x.name], ['Сокращение', (x) => dash(x.short_name)], ['Вес', (x) => fmtWeight(x.weight)]],
    fields: [
      { key: 'name', label: 'Название', type: 'text', required: true, max: 100 },
      { key: 'short_name', label: 'Сокращение', type: 'text', max: 20 },
      { key: 'weight', label: 'Вес', type: 'number', required: true, hint: 'Больше 0 и не больше 10, например 1,5' },
    ],
  },
  {
    kind: 'attendance-codes', title: 'Коды посещаемости', item: 'код',
    cols: [['Код', (x) => x.code], ['Расшифровка', (x) => x.name], ['Вид', (x) => ATT_KINDS[x.kind] || x.kind]],
    fields: [
      { key: 'code', label: 'Код', type: 'text', required: true, max: 10 },
      { key: 'name', label: 'Расшифровка', type: 'text', required: true, max: 100 },
      { key: 'kind', label: 'Вид', type: 'select', required: true, options: Object.entries(ATT_KINDS) },
    ],
  },
  {
    kind: 'mark-codes', title: 'Коды отметок', item: 'код',
    cols: [['Код', (x) => x.code], ['Расшифровка', (x) => x.name], ['Считается аттестацией', (x) => yesNo(x.passing)]],
    fields: [
      { key: 'code', label: 'Код', type: 'text', required: true, max: 10 },
      { key: 'name', label: 'Расшифровка', type: 'text', required: true, max: 100 },
      { key: 'passing', label: 'Считается аттестацией (зачтено, освобождён)', type: 'check' },
    ],
  },
  {
    kind: 'positions', title: 'Должности', item: 'должность', archive: true,
    cols: [['Название', (x) => x.name]],
    fields: [{ key: 'name', label: 'Название должности', type: 'text', required: true, max: 150 }],
  },
  {
    kind: 'rooms', title: 'Кабинеты', item: 'кабинет', archive: true,
    cols: [['Кабинет', (x) => x.name], ['Здание', (x) => dash(x.building)], ['Этаж', (x) => dash(x.floor)],
      ['Мест', (x) => dash(x.capacity)], ['Предмет', (x) => dash(x.subject_name)]],
    fields: [
      { key: 'name', label: 'Номер или название', type: 'text', required: true, max: 50 },
      { key: 'building', label: 'Здание', type: 'text', max: 100 },
      { key: 'floor', label: 'Этаж', type: 'int' },
      { key: 'capacity', label: 'Мест', type: 'int' },
      { key: 'subject_id', label: 'Предмет', type: 'subject' },
    ],
  },
];

let subjectsCache = null;
async function loadSubjects() {
  if (subjectsCache) return subjectsCache;
  try {
    const r = await api.get('/subjects?limit=500');
    subjectsCache = Array.isArray(r.items) ? r.items.filter((s) => s && s.id && s.name) : [];
  } catch {
    subjectsCache = [];
  }
  return subjectsCache;
}

/**
 * Рисует справочники в box. kind — открытая вкладка; base — адрес страницы (вкладки — ссылки
 * base/<вид>); canEdit — показывать ли формы правки.
 */
export async function renderDictionaries(box, { kind, base, canEdit }) {
  const spec = KINDS.find((k) => k.kind === kind) || KINDS[0];
  const tabs = h('nav', { class: 'sd-tabs', 'aria-label': 'Справочники' },
    KINDS.map((k) => h('a', {
      href: `${base}/${k.kind}`, class: `sd-tab${k === spec ? ' is-current' : ''}`,
      'aria-current': k === spec ? 'page' : null, id: `sd-tab-${k.kind}`,
    }, k.title)));
  const status = messageArea({ id: 'sd-status', role: 'status' });
  const alert = messageArea({ id: 'sd-error', role: 'alert' });
  const showArchived = h('input', { type: 'checkbox', class: 'checkbox', id: 'sd-archived' });
  const archivedToggle = spec.archive && canEdit
    ? h('div', { class: 'check' }, showArchived, h('label', { for: 'sd-archived' }, 'Показывать архивные')) : null;
  const tableWrap = h('div', { class: 'table-wrap', id: 'sd-table-wrap', 'aria-busy': 'true' }, h('p', { class: 'muted sd-pad' }, 'Загрузка…'));
  const formBox = h('div', { id: 'sd-form-box' });
  box.replaceChildren(tabs, h('h2', { class: 'sd-title', id: 'sd-title' }, spec.title), status, alert, formBox, archivedToggle, tableWrap);

  const subjects = spec.kind === 'rooms' && canEdit ? await loadSubjects() : [];
  let items = [];
  let editing = null; // запись, которую правим (null — добавление)

  function control(f, value) {
    const id = `sd-f-${f.key}`;
    let input;
    if (f.type === 'select') {
      input = h('select', { id, class: 'input', required: f.required },
        f.options.map(([v, t]) => h('option', { value: v, selected: value === v }, t)));
    } else if (f.type === 'subject') {
      if (!subjects.length) return null; // список предметов недоступен — не меняем предмет
      input = h('select', { id, class: 'input' }, h('option', { value: '' }, '—'),
        subjects.map((s) => h('option', { value: s.id, selected: Number(value) === s.id }, s.name)));
    } else if (f.type === 'check') {
      input = h('input', { id, type: 'checkbox', class: 'checkbox', checked: !!value });
      return { f, input, el: h('div', { class: 'check sd-check' }, input, h('label', { for: id }, f.label)) };
    } else {
      input = h('input', {
        id, class: 'input', type: 'text', required: f.required, maxlength: f.max,
        inputmode: f.type === 'int' ? 'numeric' : f.type === 'number' ? 'decimal' : null,
        value: value === null || value === undefined ? '' : (f.type === 'number' ? fmtWeight(value) : String(value)),
      });
    }
    const err = h('p', { class: 'field-error', id: `err-${id}` });
    const hint = f.hint ? h('p', { class: 'hint', id: `hint-${id}` }, f.hint) : null;
    input.setAttribute('aria-describedby', [hint ? `hint-${id}` : null, `err-${id}`].filter(Boolean).join(' '));
    return { f, input, err, el: h('div', { class: 'field' }, h('label', { for: id, class: 'label' }, f.label), input, hint, err) };
  }

  function readValue(c) {
    const { f, input } = c;
    if (f.type === 'check') return input.checked;
    const v = input.value.trim();
    if (f.type === 'subject') return v ? Number(v) : null;
    if (f.type === 'int') return v === '' ? null : (/^-?\d+$/.test(v) ? Number(v) : v);
    if (f.type === 'number') { const n = Number(v.replace(',', '.')); return v === '' || Number.isNaN(n) ? v : n; }
    return v;
  }

  function drawForm() {
    if (!canEdit) { formBox.replaceChildren(); return; }
    const controls = spec.fields.map((f) => control(f, editing ? editing[f.key] : (f.key === 'weight' ? 1 : f.type === 'select' ? f.options[0][0] : null))).filter(Boolean);
    const save = h('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'sd-save' }, editing ? 'Сохранить' : 'Добавить');
    const cancel = editing ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'sd-cancel' }, 'Отмена') : null;
    const form = h('form', { class: 'panel sd-form', id: 'sd-form', novalidate: true },
      h('h3', { class: 'sd-form-title' }, editing ? `Изменить: ${editing.name || editing.code}` : `Добавить ${spec.item}`),
      h('div', { class: 'sd-form-grid' }, controls.map((c) => c.el)),
      h('div', { class: 'actions' }, save, cancel));
    if (cancel) cancel.addEventListener('click', () => { editing = null; alert.clear(); drawForm(); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      alert.clear();
      status.clear();
      for (const c of controls) if (c.err) { c.err.textContent = ''; c.input.removeAttribute('aria-invalid'); }
      const body = {};
      for (const c of controls) {
        const v = readValue(c);
        if (!editing && (v === '' || v === null) && !c.f.required) continue;
        if (editing && JSON.stringify(v) === JSON.stringify(editing[c.f.key] ?? (c.f.type === 'text' ? '' : null))) continue;
        body[c.f.key] = v;
      }
      setBusy(save, true, 'Сохранение…');
      try {
        if (editing) await api.put(`/dictionaries/${spec.kind}/${editing.id}`, body);
        else await api.post(`/dictionaries/${spec.kind}`, body);
        status.show(editing ? 'Запись изменена.' : 'Запись добавлена.', 'ok');
        editing = null;
        await load();
        drawForm();
      } catch (err) {
        if (err.handled) return;
        const c = controls.find((x) => x.f.key === err.field);
        if (c && c.err) { c.err.textContent = err.message; c.input.setAttribute('aria-invalid', 'true'); c.input.focus(); }
        alert.show(editing ? 'Не удалось изменить запись.' : 'Не удалось добавить запись.', 'error', err.message);
      } finally {
        setBusy(save, false);
      }
    });
    formBox.replaceChildren(form);
  }

  async function remove(item, button) {
    const label = item.name || item.code;
    if (!window.confirm(`Удалить «${label}»?`)) return;
    setBusy(button, true, 'Удаление…');
    alert.clear();
    status.clear();
    try {
      const r = await api.del(`/dictionaries/${spec.kind}/${item.id}`);
      if (editing && editing.id === item.id) { editing = null; drawForm(); }
      await load();
      status.show(r.archived ? `«${label}» убран(а) в архив: запись уже используется.` : `«${label}» удалён(а).`, 'ok');
    } catch (err) {
      if (!err.handled) alert.show('Не удалось удалить запись.', 'error', err.message);
      setBusy(button, false);
    }
  }

  async function restore(item, button) {
    setBusy(button, true, 'Возврат…');
    try {
      await api.put(`/dictionaries/${spec.kind}/${item.id}`, { archived: false });
      status.show(`«${item.name}» возвращён(а) из архива.`, 'ok');
      await load();
    } catch (err) {
      if (!err.handled) alert.show('Не удалось вернуть запись из архива.', 'error', err.message);
      setBusy(button, false);
    }
  }

  function drawTable() {
    if (!items.length) {
      tableWrap.replaceChildren(h('p', { class: 'muted sd-pad' }, 'Справочник пуст.'));
      return;
    }
    const table = h('table', { class: 'data-table sd-table', id: 'sd-table' },
      h('caption', { class: 'visually-hidden' }, spec.title),
      h('thead', {}, h('tr', {}, spec.cols.map(([t]) => h('th', { scope: 'col' }, t)),
        canEdit ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действия')) : null)),
      h('tbody', {}, items.map((x) => {
        const actions = [];
        if (canEdit && x.archived) {
          const b = h('button', { type: 'button', class: 'btn btn-ghost btn-sm' }, 'Вернуть');
          b.addEventListener('click', () => restore(x, b));
          actions.push(b);
        } else if (canEdit) {
          const ed = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Изменить «${x.name || x.code}»` }, 'Изменить');
          ed.addEventListener('click', () => {
            editing = x; alert.clear(); status.clear(); drawForm();
            const first = formBox.querySelector('input, select'); if (first) first.focus();
          });
          const del = h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm', 'aria-label': `Удалить «${x.name || x.code}»` }, 'Удалить');
          del.addEventListener('click', () => remove(x, del));
          actions.push(ed, del);
        }
        return h('tr', { 'data-id': x.id, class: x.archived ? 'is-archived' : null },
          spec.cols.map(([t, fn], i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row', 'data-label': t } : { 'data-label': t },
            fn(x), i === 0 && x.archived ? h('span', { class: 'sd-badge' }, 'архив') : null)),
          canEdit ? h('td', { class: 'sd-actions' }, actions) : null);
      })));
    tableWrap.replaceChildren(table);
  }

  async function load() {
    tableWrap.setAttribute('aria-busy', 'true');
    try {
      const r = await api.get(`/dictionaries/${spec.kind}?limit=500${showArchived.checked ? '&archived=1' : ''}`);
      items = r.items || [];
      drawTable();
    } catch (err) {
      if (!err.handled) alert.show('Не удалось загрузить справочник.', 'error', err.message);
    } finally {
      tableWrap.removeAttribute('aria-busy');
    }
  }

  showArchived.addEventListener('change', load);
  drawForm();
  await load();
}
