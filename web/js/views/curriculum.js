// «Учебный план»: сетка «предмет × параллель» (часы в неделю), тарификация с расхождениями
// и вкладка «Учебный год» (виды периодов, границы периодов, каникулы). Адрес: #/curriculum?year=ID&tab=…
import { h, setBusy } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { yearsSelect } from './classes.js';

export const title = 'Учебный план';

const has = (op) => schoolOperations().has(op);
const fmt = (x) => (x == null ? '' : String(Math.round(x * 100) / 100).replace('.', ','));
const KINDS = { quarter: 'четверти', trimester: 'триместры', half: 'полугодия' };
const TABS = [['plan', 'Учебный план'], ['load', 'Тарификация'], ['year', 'Учебный год']];

export async function render(main, ctx) {
  const alert = messageArea({ id: 'curriculum-error' });
  const status = messageArea({ id: 'curriculum-status', role: 'status' });
  main.append(backLink(), pageTitle('Учебный план', 'Часы в неделю по параллелям, нагрузка учителей, периоды и каникулы'), status, alert);
  const tab = (ctx.query && ctx.query.get('tab')) || 'plan';
  let ys;
  try {
    ys = await yearsSelect(ctx, 'curriculum-year', (id) => ctx.navigate(`#/curriculum?year=${id}&tab=${tab}`));
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить учебные годы.', 'error', err.message);
    return;
  }
  const year = ys.year;
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Части раздела' },
    TABS.map(([k, t]) => h('a', { class: `tab${k === tab ? ' is-active' : ''}`, href: `#/curriculum?year=${year.id}&tab=${k}`,
      'aria-current': k === tab ? 'page' : null }, t)));
  const body = h('div', { id: 'curriculum-body' });
  main.append(h('div', { class: 'filters' }, ys.field.el), nav, body);
  const ctxw = { body, alert, status, year, rerender: () => ctx.rerender() };
  try {
    if (tab === 'load') await renderLoad(ctxw);
    else if (tab === 'year') await renderYear(ctxw);
    else await renderPlan(ctxw);
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить данные.', 'error', err.message);
  }
}

async function renderPlan({ body, alert, status, year }) {
  const data = await api.get(`/curriculum?year=${year.id}`);
  const editable = has('curriculum.edit') && !year.closed;
  const grades = Array.from({ length: 11 }, (_, i) => i + 1);
  const inputs = [];
  const rows = data.grid.map((s) => h('tr', {},
    h('th', { scope: 'row', title: s.subject_name }, s.subject_name),
    grades.map((g) => {
      const v = s.hours[g - 1];
      if (!editable) return h('td', { class: 'num' }, fmt(v));
      const input = h('input', { class: 'input hours-input', type: 'number', min: '0', max: '40', step: '0.5',
        value: v == null ? '' : String(v), 'aria-label': `${s.subject_name}, ${g} класс, часов в неделю` });
      inputs.push({ input, grade: g, subject_id: s.subject_id, was: v == null ? 0 : v });
      return h('td', { class: 'num' }, input);
    })));
  const totals = h('tr', { class: 'totals' }, h('th', { scope: 'row' }, 'Всего'), data.totals.map((t) => h('td', { class: 'num' }, fmt(t))));
  const table = h('table', { class: 'data-table plan-table', id: 'plan-table' },
    h('caption', { class: 'visually-hidden' }, `Учебный план ${year.name}: часы в неделю`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Предмет'), grades.map((g) => h('th', { scope: 'col', class: 'num' }, `${g} кл.`)))),
    h('tbody', {}, rows, totals));
  body.append(h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Учебный план' }, table));
  if (editable) {
    const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'plan-save' }, 'Сохранить план');
    save.addEventListener('click', async () => {
      alert.clear();
      const changed = inputs.map((x) => ({ ...x, now: x.input.value === '' ? 0 : Number(x.input.value) }))
        .filter((x) => x.now !== x.was);
      if (!changed.length) { status.show('Изменений нет', 'info'); return; }
      setBusy(save, true, 'Сохранение…');
      try {
        await api.put('/curriculum', { year_id: year.id, rows: changed.map((x) => ({ grade: x.grade, subject_id: x.subject_id, hours_per_week: x.now })) });
        for (const x of changed) x.was = x.now;
        status.show('Учебный план сохранён', 'ok');
      } catch (err) {
        if (!err.handled) alert.show('Не удалось сохранить план.', 'error', err.message);
      } finally {
        setBusy(save, false);
      }
    });
    body.append(h('div', { class: 'form-actions' }, save));
  }
}

async function renderLoad({ body, alert, status, year, rerender }) {
  const data = await api.get(`/teacher-load?year=${year.id}&limit=500`);
  const editable = has('curriculum.edit') && !year.closed;
  const bad = data.differences.filter((d) => d.difference !== 0);
  body.append(h('p', { class: bad.length ? 'load-summary has-diff' : 'load-summary' },
    bad.length ? `Расхождений с учебным планом: ${bad.length}` : 'Нагрузка совпадает с учебным планом.'));
  const rows = data.items.map((l) => {
    const hours = editable
      ? h('input', { class: 'input hours-input', type: 'number', min: '0', max: '40', step: '0.5', value: String(l.hours_per_week),
        'aria-label': `Часы: ${l.class_name}, ${l.subject_name}, ${l.teacher_name}`,
        onchange: async (ev) => {
          alert.clear();
          try {
            await api.put(`/teacher-load/${l.id}`, { hours_per_week: Number(ev.target.value) });
            status.show('Часы сохранены', 'ok');
          } catch (err) {
            if (!err.handled) alert.show('Не удалось сохранить часы.', 'error', err.message);
          }
        } })
      : fmt(l.hours_per_week);
    return h('tr', {},
      h('td', {}, l.class_name), h('td', {}, l.subject_name), h('td', {}, l.subgroup_name || '—'),
      h('td', {}, l.teacher_name), h('td', { class: 'num' }, hours),
      editable ? h('td', {}, h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm', 'aria-label': `Удалить строку: ${l.class_name}, ${l.subject_name}, ${l.teacher_name}`,
        onclick: async () => {
          try { await api.del(`/teacher-load/${l.id}`); rerender(); } catch (err) { if (!err.handled) alert.show('Не удалось удалить строку.', 'error', err.message); }
        } }, 'Удалить')) : null);
  });
  body.append(h('h2', { class: 'section-title' }, 'Нагрузка'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Тарификация' },
      h('table', { class: 'data-table', id: 'load-table' },
        h('thead', {}, h('tr', {}, ['Класс', 'Предмет', 'Подгруппа', 'Учитель', 'Часов'].map((t) => h('th', { scope: 'col' }, t)),
          editable ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действия')) : null)),
        h('tbody', {}, rows))));
  if (data.total > data.items.length) body.append(h('p', { class: 'muted' }, `Показаны первые ${data.items.length} строк из ${data.total}.`));

  if (editable) {
    const [teachers, classes, subjects] = await Promise.all([api.get('/teachers'), api.get(`/classes?year=${year.id}&limit=500`), api.get('/subjects?limit=500')]);
    const sel = (id, label, opts) => {
      const s = h('select', { id, class: 'input' }, opts.map(([v, t]) => h('option', { value: String(v) }, t)));
      return [h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), s), s];
    };
    const [tf, ts] = sel('load-teacher', 'Учитель', teachers.items.map((t) => [t.id, t.name]));
    const [cf, cs] = sel('load-class', 'Класс', classes.items.map((c) => [c.id, c.name]));
    const [sf, ss] = sel('load-subject', 'Предмет', subjects.items.map((s) => [s.id, s.name]));
    const [gf, gs] = sel('load-subgroup', 'Подгруппа', [['', 'весь класс']]);
    const hours = h('input', { id: 'load-hours', class: 'input', type: 'number', min: '0', max: '40', step: '0.5', value: '1' });
    const refreshGroups = async () => {
      const g = await api.get(`/classes/${cs.value}/subgroups`).catch(() => ({ items: [] }));
      gs.replaceChildren(h('option', { value: '' }, 'весь класс'),
        ...g.items.filter((x) => String(x.subject_id) === ss.value).map((x) => h('option', { value: String(x.id) }, x.name)));
    };
    cs.addEventListener('change', refreshGroups);
    ss.addEventListener('change', refreshGroups);
    await refreshGroups();
    const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Добавить строку');
    const form = h('form', { class: 'panel', id: 'load-form', 'aria-label': 'Новая строка нагрузки', novalidate: true },
      h('h2', { class: 'section-title' }, 'Новая строка нагрузки'),
      h('div', { class: 'form-grid' }, tf, cf, sf, gf, h('div', { class: 'field' }, h('label', { class: 'label', for: 'load-hours' }, 'Часов в неделю'), hours)),
      h('div', { class: 'form-actions' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      alert.clear();
      const b = { teacher_id: Number(ts.value), class_id: Number(cs.value), subject_id: Number(ss.value), hours_per_week: Number(hours.value) };
      if (gs.value) b.subgroup_id = Number(gs.value);
      try { await api.post('/teacher-load', b); rerender(); } catch (err) { if (!err.handled) alert.show('Не удалось добавить строку.', 'error', err.message); }
    });
    body.append(form);
  }

  body.append(h('h2', { class: 'section-title' }, 'Итого по учителям'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'load-totals' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Учитель'), h('th', { scope: 'col', class: 'num' }, 'Часов в неделю'))),
      h('tbody', {}, data.teacher_totals.map((t) => h('tr', {}, h('td', {}, t.teacher_name), h('td', { class: 'num' }, fmt(t.hours))))))));
  body.append(h('h2', { class: 'section-title' }, 'Сравнение с учебным планом'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Сравнение с учебным планом' },
      h('table', { class: 'data-table', id: 'load-diff' },
        h('thead', {}, h('tr', {}, ['Класс', 'Предмет', 'Подгруппа', 'По плану', 'Назначено', 'Разница'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, data.differences.map((d) => h('tr', { class: d.difference !== 0 ? 'diff-bad' : null },
          h('td', {}, d.class_name), h('td', {}, d.subject_name), h('td', {}, d.subgroup_name || '—'),
          h('td', { class: 'num' }, fmt(d.curriculum_hours)), h('td', { class: 'num' }, fmt(d.load_hours)),
          h('td', { class: 'num' }, d.difference > 0 ? `+${fmt(d.difference)}` : fmt(d.difference))))))));
}

async function renderYear({ body, alert, status, year, rerender }) {
  const data = await api.get(`/years/${year.id}/periods`);
  const editable = has('periods.edit') && !year.closed;
  body.append(h('p', { class: 'muted' }, `Учебный год ${year.name}: ${year.start_date} — ${year.end_date}${year.closed ? ' (закрыт, только просмотр)' : ''}`));

  const kindRows = data.kinds.map((k) => ({ ...k }));
  const periodRows = data.periods.map((p) => ({ ...p }));
  const date = (obj, key, label) => (editable
    ? h('input', { class: 'input', type: 'date', value: obj[key], 'aria-label': label, onchange: (ev) => { obj[key] = ev.target.value; } })
    : obj[key]);
  body.append(h('h2', { class: 'section-title' }, 'Виды периодов'),
    h('ul', { id: 'period-kinds' }, kindRows.map((k) => h('li', {}, `${k.grade_from}–${k.grade_to} классы: ${KINDS[k.kind] || k.kind}`))),
    h('h2', { class: 'section-title' }, 'Периоды'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'periods-table' },
      h('thead', {}, h('tr', {}, ['Период', 'Начало', 'Конец'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, periodRows.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.name),
        h('td', {}, date(p, 'start_date', `${p.name}: начало`)), h('td', {}, date(p, 'end_date', `${p.name}: конец`))))))));
  if (editable && periodRows.length) {
    const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'periods-save' }, 'Сохранить периоды');
    save.addEventListener('click', async () => {
      alert.clear();
      setBusy(save, true, 'Сохранение…');
      try {
        await api.put(`/years/${year.id}/periods`, {
          kinds: kindRows.map(({ grade_from, grade_to, kind }) => ({ grade_from, grade_to, kind })),
          periods: periodRows.map(({ kind, number, name, start_date, end_date }) => ({ kind, number, name, start_date, end_date })),
        });
        status.show('Периоды сохранены', 'ok');
      } catch (err) {
        if (!err.handled) alert.show('Не удалось сохранить периоды.', 'error', err.message);
      } finally {
        setBusy(save, false);
      }
    });
    body.append(h('div', { class: 'form-actions' }, save));
  }

  body.append(h('h2', { class: 'section-title' }, 'Каникулы'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'holidays-table' },
      h('thead', {}, h('tr', {}, ['Каникулы', 'С', 'По', 'Классы'].map((t) => h('th', { scope: 'col' }, t)),
        editable ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действия')) : null)),
      h('tbody', {}, data.holidays.map((x) => h('tr', {}, h('th', { scope: 'row' }, x.name), h('td', {}, x.start_date), h('td', {}, x.end_date),
        h('td', {}, `${x.grade_from}–${x.grade_to}`),
        editable ? h('td', {}, h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm', 'aria-label': `Удалить: ${x.name}`,
          onclick: async () => {
            alert.clear();
            try { await api.del(`/holidays/${x.id}`); rerender(); } catch (err) { if (!err.handled) alert.show('Не удалось удалить каникулы.', 'error', err.message); }
          } }, 'Удалить')) : null))))));
  if (editable) {
    const f = (id, label, attrs) => {
      const input = h('input', { id, class: 'input', ...attrs });
      return [h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), input), input];
    };
    const [nf, ni] = f('holiday-name', 'Название', { maxlength: '200' });
    const [sf, si] = f('holiday-start', 'С', { type: 'date' });
    const [ef, ei] = f('holiday-end', 'По', { type: 'date' });
    const [gf, gi] = f('holiday-from', 'Классы с', { type: 'number', min: '1', max: '11', value: '1' });
    const [tf, ti] = f('holiday-to', 'по', { type: 'number', min: '1', max: '11', value: '11' });
    const form = h('form', { class: 'panel', id: 'holiday-form', 'aria-label': 'Новые каникулы', novalidate: true },
      h('div', { class: 'form-grid' }, nf, sf, ef, gf, tf),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Добавить каникулы')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      alert.clear();
      try {
        await api.post(`/years/${year.id}/holidays`, { name: ni.value.trim(), start_date: si.value, end_date: ei.value, grade_from: Number(gi.value), grade_to: Number(ti.value) });
        rerender();
      } catch (err) {
        if (!err.handled) alert.show('Не удалось добавить каникулы.', 'error', err.message);
      }
    });
    body.append(form);
  }
}
