// Сведения о школе: карточка реквизитов (GET/PUT /api/v1/school).
// Просмотр — всем, у кого есть school.card.view; форма правки — с правом school.card.edit.
// #/school/dictionaries[/<вид>] — справочники школы (просмотр; правка с school.dictionaries.edit).
import { h, setBusy } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { renderDictionaries } from './school-dicts.js';

export const title = 'Сведения о школе';

// Группы полей карточки в порядке показа.
const GROUPS = [
  ['Наименование', ['full_name', 'short_name', 'specialisation', 'education_levels']],
  ['Руководство', ['director', 'deputies']],
  ['Адреса и контакты', ['legal_address', 'postal_address', 'phones', 'fax', 'email', 'site']],
  ['Реквизиты', ['inn', 'kpp', 'ogrn', 'okpo', 'okato', 'okogu', 'okopf', 'okfs', 'okved']],
  ['Лицензия и аккредитация', ['licence_number', 'licence_date', 'accreditation_number', 'accreditation_date']],
];
const LONG = new Set(['full_name', 'legal_address', 'postal_address', 'specialisation']);
const WIDE = new Set(['director', 'phones']);

const dateFmt = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
export function formatDay(s) {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return s || '';
  return dateFmt.format(new Date(`${s}T00:00:00Z`));
}

function valueNode(f, v, levels) {
  const empty = h('span', { class: 'muted' }, 'не указано');
  if (f.type === 'phones') return v && v.length ? v.join(', ') : empty;
  if (f.type === 'levels') {
    if (!v || !v.length) return empty;
    return h('ul', { class: 'sc-list' }, v.map((c) => h('li', {}, levels.get(c) ? `${levels.get(c)} (${c})` : c)));
  }
  if (f.type === 'deputies') {
    if (!v || !v.length) return empty;
    return h('ul', { class: 'sc-list' }, v.map((d) => h('li', {}, d.area ? `${d.name} — ${d.area}` : d.name)));
  }
  if (f.type === 'date') return v ? formatDay(v) : empty;
  if (!v) return empty;
  if (f.name === 'email') return h('a', { href: `mailto:${v}` }, v);
  if (f.name === 'site' && /^https?:\/\//.test(v)) return h('a', { href: v, rel: 'noopener noreferrer', target: '_blank' }, v);
  return v;
}

function viewCard(data) {
  const fields = new Map(data.fields.map((f) => [f.name, f]));
  const levels = new Map((data.education_levels || []).map((l) => [l.code, l.title]));
  return h('div', { class: 'sc-groups', id: 'school-card' },
    GROUPS.map(([title, names]) => h('section', { class: 'panel sc-group' },
      h('h2', { class: 'sc-group-title' }, title),
      h('dl', { class: 'sc-dl' },
        names.filter((n) => fields.has(n)).map((n) => [
          h('dt', {}, fields.get(n).label),
          h('dd', { id: `school-v-${n}` }, valueNode(fields.get(n), data.card[n], levels)),
        ])))));
}

/** Форма правки. onSave(patch) → Promise; возвращает {el, setErrors(field, text)}. */
function editForm(data, { onSave, onCancel }) {
  const fields = new Map(data.fields.map((f) => [f.name, f]));
  const controls = new Map(); // name → {get(), setError(text), focus()}

  function errorSlot(id) { return h('p', { class: 'field-error', id: `err-${id}` }); }

  function textControl(f) {
    const id = `school-f-${f.name}`;
    const err = errorSlot(id);
    const attrs = { id, name: f.name, class: 'input', 'aria-describedby': `err-${id}` };
    if (f.max) attrs.maxlength = f.max;
    let input;
    if (f.type === 'date') input = h('input', { ...attrs, type: 'date', value: data.card[f.name] || '' });
    else if (LONG.has(f.name)) { input = h('textarea', { ...attrs, rows: 2 }); input.value = data.card[f.name] || ''; }
    else input = h('input', { ...attrs, type: f.name === 'email' ? 'email' : 'text', value: f.type === 'phones' ? (data.card[f.name] || []).join(', ') : (data.card[f.name] || ''), inputmode: ['inn', 'kpp', 'ogrn', 'okpo', 'okato', 'okogu', 'okopf', 'okfs'].includes(f.name) ? 'numeric' : null });
    const hint = f.type === 'phones' ? h('p', { class: 'hint', id: `hint-${id}` }, 'Несколько номеров — через запятую') : null;
    if (hint) input.setAttribute('aria-describedby', `hint-${id} err-${id}`);
    controls.set(f.name, {
      get: () => (f.type === 'phones' ? input.value.split(',').map((x) => x.trim()).filter(Boolean) : input.value.trim()),
      setError: (t) => { err.textContent = t || ''; if (t) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); },
      focus: () => input.focus(),
    });
    return h('div', { class: `field${LONG.has(f.name) || WIDE.has(f.name) ? ' sc-wide' : ''}` }, h('label', { for: id, class: 'label' }, f.label), input, hint, err);
  }

  function levelsControl(f) {
    const id = 'school-f-education_levels';
    const err = errorSlot(id);
    const chosen = new Set(data.card[f.name] || []);
    const boxes = (data.education_levels || []).map((l) => {
      const box = h('input', { type: 'checkbox', class: 'checkbox', id: `${id}-${l.code}`, value: l.code, checked: chosen.has(l.code) });
      return { box, el: h('div', { class: 'check' }, box, h('label', { for: `${id}-${l.code}` }, `${l.title} (${l.code})`)) };
    });
    controls.set(f.name, {
      get: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value),
      setError: (t) => { err.textContent = t || ''; },
      focus: () => boxes[0] && boxes[0].box.focus(),
    });
    return h('fieldset', { class: 'sc-fieldset sc-wide', id, 'aria-describedby': `err-${id}` }, h('legend', { class: 'label' }, f.label), boxes.map((b) => b.el), err);
  }

  function deputiesControl(f) {
    const id = 'school-f-deputies';
    const err = errorSlot(id);
    const rowsEl = h('div', { class: 'sc-deputies' });
    let n = 0;
    const rows = [];
    function addRow(d = { name: '', area: '' }) {
      const k = ++n;
      const name = h('input', { class: 'input', id: `${id}-name-${k}`, type: 'text', value: d.name, maxlength: f.max });
      const area = h('input', { class: 'input', id: `${id}-area-${k}`, type: 'text', value: d.area, maxlength: f.max });
      const row = { name, area };
      const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Убрать заместителя ${k}` }, 'Убрать');
      const el = h('div', { class: 'sc-deputy' },
        h('div', { class: 'field' }, h('label', { class: 'label', for: name.id }, 'ФИО'), name),
        h('div', { class: 'field' }, h('label', { class: 'label', for: area.id }, 'Направление'), area),
        del);
      del.addEventListener('click', () => { rows.splice(rows.indexOf(row), 1); el.remove(); });
      rows.push(row);
      rowsEl.append(el);
      return row;
    }
    (data.card[f.name] || []).forEach((d) => addRow(d));
    const add = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: `${id}-add` }, 'Добавить заместителя');
    add.addEventListener('click', () => addRow().name.focus());
    controls.set(f.name, {
      get: () => rows.map((r) => ({ name: r.name.value.trim(), area: r.area.value.trim() })).filter((d) => d.name || d.area),
      setError: (t) => { err.textContent = t || ''; },
      focus: () => (rows[0] ? rows[0].name.focus() : add.focus()),
    });
    return h('fieldset', { class: 'sc-fieldset sc-wide', id }, h('legend', { class: 'label' }, f.label), rowsEl, add, err);
  }

  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'school-save' }, 'Сохранить');
  const cancel = h('button', { type: 'button', class: 'btn btn-ghost', id: 'school-cancel' }, 'Отмена');
  const form = h('form', { class: 'sc-form', id: 'school-form', novalidate: true },
    GROUPS.map(([title, names]) => h('section', { class: 'panel sc-group' },
      h('h2', { class: 'sc-group-title' }, title),
      h('div', { class: 'sc-grid' }, names.filter((nm) => fields.has(nm)).map((nm) => {
        const f = fields.get(nm);
        if (f.type === 'levels') return levelsControl(f);
        if (f.type === 'deputies') return deputiesControl(f);
        return textControl(f);
      })))),
    h('div', { class: 'actions sc-actions' }, save, cancel));

  const same = (a, b) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');
  cancel.addEventListener('click', onCancel);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const c of controls.values()) c.setError('');
    const patch = {};
    for (const [name, c] of controls) {
      const v = c.get();
      const old = data.card[name];
      if (!same(v, Array.isArray(old) ? old : (old ?? ''))) patch[name] = v;
    }
    setBusy(save, true, 'Сохранение…');
    try {
      await onSave(patch);
    } catch (err) {
      const c = err && err.field && controls.get(err.field);
      if (c) { c.setError(err.message); c.focus(); }
    } finally {
      setBusy(save, false);
    }
  });
  return form;
}

export async function render(main, ctx) {
  const ops = schoolOperations();
  if (ctx.args[0] === 'dictionaries') {
    document.title = 'Справочники — Электронный журнал';
    main.append(backLink('#/school', 'Сведения о школе'),
      pageTitle('Справочники', 'Виды работ, коды посещаемости и отметок, должности, кабинеты'));
    const box = h('div', { id: 'school-dicts' });
    main.append(box);
    await renderDictionaries(box, { kind: ctx.args[1], base: '#/school/dictionaries', canEdit: ops.has('school.dictionaries.edit') });
    return;
  }

  document.title = `${title} — Электронный журнал`;
  const canEdit = ops.has('school.card.edit');
  const status = messageArea({ id: 'school-status', role: 'status' });
  const alert = messageArea({ id: 'school-error', role: 'alert' });
  const head = pageTitle(title, 'Реквизиты и контакты образовательной организации');
  const links = h('div', { class: 'sc-links' },
    h('a', { href: '#/school/dictionaries', class: 'btn btn-ghost btn-sm', id: 'school-dicts-link' }, 'Справочники'),
    ops.has('school.settings.edit') || ops.has('school.region_settings.edit')
      ? h('a', { href: '#/settings', class: 'btn btn-ghost btn-sm' }, 'Настройки школы') : null);
  const editBtn = canEdit ? h('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'school-edit' }, 'Изменить') : null;
  const bar = h('div', { class: 'sc-bar' }, h('p', { class: 'sc-tz muted', id: 'school-tz' }), h('div', { class: 'sc-bar-actions' }, links, editBtn));
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Загрузка…'));
  main.append(backLink(), head, status, alert, bar, body);

  let data;
  function showView() {
    body.replaceChildren(viewCard(data));
    body.removeAttribute('aria-busy');
    if (editBtn) editBtn.hidden = false;
    const sub = head.querySelector('.page-sub');
    if (sub) sub.textContent = data.school.short_name;
    bar.querySelector('#school-tz').textContent = `Часовой пояс: ${data.school.timezone}; сегодня ${formatDay(data.school.today)}`;
  }
  function showEdit() {
    status.clear();
    alert.clear();
    editBtn.hidden = true;
    const form = editForm(data, {
      onCancel: () => { alert.clear(); showView(); editBtn.focus(); },
      onSave: async (patch) => {
        alert.clear();
        if (!Object.keys(patch).length) { showView(); status.show('Изменений нет.', 'info'); return; }
        try {
          data = await api.put('/school', patch);
          showView();
          status.show('Сведения о школе сохранены.', 'ok');
          editBtn.focus();
        } catch (err) {
          if (!err.handled) alert.show('Не удалось сохранить сведения.', 'error', err.message);
          throw err;
        }
      },
    });
    body.replaceChildren(form);
    const first = form.querySelector('input, textarea');
    if (first) first.focus();
  }
  if (editBtn) {
    editBtn.hidden = true;
    editBtn.addEventListener('click', showEdit);
  }

  try {
    data = await api.get('/school');
    showView();
  } catch (err) {
    if (err.handled) return;
    body.removeAttribute('aria-busy');
    body.replaceChildren();
    alert.show('Не удалось загрузить сведения о школе.', 'error', err.message);
  }
}
