// Расписание (M-07): сетка «день недели × номер урока» по классу, учителю или кабинету.
// Завуч (timetable.edit) добавляет, изменяет, переносит и удаляет уроки; конфликт (409) — в сообщении.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations, state } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Расписание';

const DAYS = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
const DAY_NAMES = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];

function select(id, label, options, value, onchange) {
  const sel = h('select', { id, onchange });
  for (const o of options) sel.append(h('option', { value: String(o.value), selected: String(o.value) === String(value) }, o.label));
  return h('div', { class: 'tt-field' }, h('label', { for: id }, label), sel);
}

export async function render(main, ctx) {
  clear(main);
  if (ctx.args && ctx.args[0] === 'bells') return (await import('./bells.js')).render(main, ctx);
  const ops = schoolOperations();
  const all = ops.has('timetable.view.all');
  const canEdit = ops.has('timetable.edit');
  const msg = messageArea({ id: 'tt-msg' });
  main.append(backLink(), pageTitle('Расписание', canEdit ? 'Сетка уроков; нажмите на урок, чтобы изменить или перенести его' : 'Уроки недели'),
    h('nav', { class: 'tt-links', 'aria-label': 'Разделы расписания' }, h('a', { class: 'btn btn-ghost btn-sm', href: '#/timetable/bells', id: 'tt-bells-link' }, 'Звонки')), msg);
  let o;
  try {
    o = await api.get('/timetable/options');
  } catch (e) { msg.show(e.message); return; }
  if (!o.periods.length) { msg.show('В школе нет учебных периодов', 'info'); return; }

  const me = state.me || {};
  const personId = me.person && me.person.id;
  const roles = new Set(((me.schools || []).find((s) => s.current) || (me.schools || [])[0] || { roles: [] }).roles.map((r) => r.code));
  const q = ctx.query || new URLSearchParams();
  const st = {
    mode: q.get('mode') || (all ? 'class' : roles.has('student') ? 'student' : 'teacher'),
    id: q.get('id') || '',
    period: q.get('period') || '',
    edit: null,
  };
  const bells = (o.bells.find((b) => b.shift === 1) || o.bells[0] || { bells: [] }).bells;
  const controls = h('div', { class: 'tt-controls' });
  const grid = h('div', { class: 'tt-grid-wrap' });
  const form = h('div', { class: 'tt-form-wrap' });
  main.append(controls, grid, form);

  const classOf = (id) => o.classes.find((c) => String(c.id) === String(id));
  function periodsFor() {
    if (st.mode === 'class' && classOf(st.id)) return o.periods.filter((p) => p.kind === classOf(st.id).period_kind);
    return o.periods;
  }

  function drawControls() {
    clear(controls);
    if (all) {
      controls.append(select('tt-mode', 'Показать', [
        { value: 'class', label: 'Класс' }, { value: 'teacher', label: 'Учитель' }, { value: 'room', label: 'Кабинет' },
      ], st.mode, (ev) => { st.mode = ev.target.value; st.id = ''; st.edit = null; drawControls(); load(); }));
      const list = st.mode === 'class' ? o.classes.map((c) => ({ value: c.id, label: c.name }))
        : st.mode === 'teacher' ? o.teachers.map((t) => ({ value: t.id, label: t.name }))
          : o.rooms.map((r) => ({ value: r.id, label: r.name }));
      if (!st.id && list.length) st.id = String(list[0].value);
      controls.append(select('tt-target', st.mode === 'class' ? 'Класс' : st.mode === 'teacher' ? 'Учитель' : 'Кабинет', list, st.id,
        (ev) => { st.id = ev.target.value; st.edit = null; drawControls(); load(); }));
    }
    const ps = periodsFor();
    if (!ps.some((p) => String(p.id) === String(st.period))) st.period = String(ps[0].id);
    controls.append(select('tt-period', 'Период', ps.map((p) => ({ value: p.id, label: p.name })), st.period,
      (ev) => { st.period = ev.target.value; st.edit = null; load(); }));
  }

  let items = [];
  async function load() {
    msg.clear();
    clear(grid);
    let path;
    if (st.mode === 'student') path = `/timetable/student/${personId}?period=${st.period}`;
    else if (!all) path = `/timetable?period=${st.period}&teacher=${personId}`;
    else path = `/timetable?period=${st.period}&${st.mode}=${st.id}`;
    try {
      items = (await api.get(path)).items;
    } catch (e) { msg.show(e.message); return; }
    drawGrid();
    drawForm();
  }

  function entryLabel(e) {
    const parts = [e.subject_name + (e.subgroup_name ? ` (${e.subgroup_name})` : '')];
    if (st.mode !== 'class' && st.mode !== 'student') parts.push(e.class_name);
    if (st.mode !== 'teacher') parts.push(e.teacher_name);
    if (st.mode !== 'room' && e.room_name) parts.push(`каб. ${e.room_name}`);
    return parts;
  }

  function drawGrid() {
    clear(grid);
    const days = items.some((e) => e.weekday === 6) ? 6 : 5;
    const numbers = bells.length ? bells.map((b) => b.number) : [1, 2, 3, 4, 5, 6, 7, 8];
    const table = h('table', { class: 'tt-grid', id: 'tt-grid' });
    const head = h('tr', {}, h('th', { scope: 'col' }, 'Урок'));
    for (let d = 1; d <= days; d++) head.append(h('th', { scope: 'col', title: DAY_NAMES[d] }, DAYS[d]));
    table.append(h('thead', {}, head));
    const body = h('tbody');
    for (const n of numbers) {
      const b = bells.find((x) => x.number === n);
      const tr = h('tr', {}, h('th', { scope: 'row' }, h('span', { class: 'tt-num' }, String(n)), b ? h('span', { class: 'tt-time' }, `${b.start}–${b.end}`) : null));
      for (let d = 1; d <= days; d++) {
        const td = h('td', { 'data-day': d, 'data-lesson': n });
        for (const e of items.filter((x) => x.weekday === d && x.lesson_number === n)) {
          const [first, ...rest] = entryLabel(e);
          const content = [h('span', { class: 'tt-subj' }, first), ...rest.map((t) => h('span', { class: 'tt-sub' }, t))];
          td.append(canEdit
            ? h('button', { type: 'button', class: 'tt-entry', 'data-id': e.id, onclick: () => { st.edit = { ...e }; drawForm(); } }, content)
            : h('div', { class: 'tt-entry' }, content));
        }
        if (canEdit && st.mode === 'class' && !td.firstChild)
          td.append(h('button', { type: 'button', class: 'tt-add', title: 'Добавить урок', 'aria-label': `Добавить урок: ${DAY_NAMES[d]}, ${n}-й урок`,
            onclick: () => { st.edit = { id: 0, weekday: d, lesson_number: n, class_id: Number(st.id), subgroup_id: null, subject_id: o.subjects[0]?.id, teacher_id: o.teachers[0]?.id, room_id: null }; drawForm(); } }, '+'));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    if (!items.length) grid.append(h('p', { class: 'tt-empty' }, 'Уроков в этом периоде нет'));
    grid.append(table);
  }

  function drawForm() {
    clear(form);
    const e = st.edit;
    if (!e || !canEdit) return;
    const cls = classOf(e.class_id);
    const fmsg = messageArea({ id: 'tt-form-msg' });
    const num = (id) => { const v = form.querySelector(`#${id}`).value; return v === '' ? null : Number(v); };
    const subgroups = (cls ? cls.subgroups : []).map((g) => ({ value: g.id, label: `${g.name} (${(o.subjects.find((s) => s.id === g.subject_id) || {}).name || ''})` }));
    const f = h('form', { class: 'tt-form', id: 'tt-form', onsubmit: async (ev) => {
      ev.preventDefault();
      const btn = f.querySelector('button[type=submit]');
      const body = {
        period_id: Number(st.period), weekday: num('tt-f-day'), lesson_number: num('tt-f-num'), class_id: e.class_id,
        subgroup_id: num('tt-f-group'), subject_id: num('tt-f-subject'), teacher_id: num('tt-f-teacher'), room_id: num('tt-f-room'),
      };
      setBusy(btn, true, 'Сохранение…');
      try {
        const r = e.id ? await api.put(`/timetable/${e.id}`, body) : await api.post('/timetable', body);
        st.edit = null;
        await load();
        msg.show(r.warnings && r.warnings.length ? 'Урок сохранён с предупреждением' : 'Урок сохранён', r.warnings && r.warnings.length ? 'warn' : 'ok', (r.warnings || [])[0]);
      } catch (err) {
        fmsg.show(err.status === 409 ? 'Конфликт в расписании' : 'Не удалось сохранить урок', 'error', err.message);
        setBusy(btn, false);
      }
    } },
    h('h2', {}, e.id ? `Урок: ${e.class_name || (cls && cls.name) || ''}, ${e.subject_name || ''}` : `Новый урок: ${cls ? cls.name : ''}`),
    h('div', { class: 'tt-form-grid' },
      select('tt-f-day', 'День недели', [1, 2, 3, 4, 5, 6].map((d) => ({ value: d, label: DAY_NAMES[d] })), e.weekday),
      select('tt-f-num', 'Номер урока', (bells.length ? bells : [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ number: n }))).map((b) => ({ value: b.number, label: b.start ? `${b.number} (${b.start})` : String(b.number) })), e.lesson_number),
      select('tt-f-subject', 'Предмет', o.subjects.map((s) => ({ value: s.id, label: s.name })), e.subject_id),
      select('tt-f-group', 'Подгруппа', [{ value: '', label: 'Весь класс' }, ...subgroups], e.subgroup_id ?? ''),
      select('tt-f-teacher', 'Учитель', o.teachers.map((t) => ({ value: t.id, label: t.name })), e.teacher_id),
      select('tt-f-room', 'Кабинет', [{ value: '', label: 'Без кабинета' }, ...o.rooms.map((r) => ({ value: r.id, label: r.name }))], e.room_id ?? '')),
    fmsg,
    h('div', { class: 'tt-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, e.id ? 'Сохранить' : 'Добавить'),
      e.id ? h('button', { type: 'button', class: 'btn btn-danger', onclick: async (ev) => {
        if (!window.confirm('Удалить урок из расписания?')) return;
        setBusy(ev.target, true, 'Удаление…');
        try {
          await api.del(`/timetable/${e.id}`);
          st.edit = null;
          await load();
          msg.show('Урок удалён', 'ok');
        } catch (err) { fmsg.show('Не удалось удалить урок', 'error', err.message); setBusy(ev.target, false); }
      } }, 'Удалить') : null,
      h('button', { type: 'button', class: 'btn', onclick: () => { st.edit = null; drawForm(); } }, 'Отмена')));
  form.append(f);
    f.querySelector('select').focus();
  }

  drawControls();
  await load();
}
