// Движение учащихся: книга движения с фильтрами, формы зачисления, перевода и выбытия, будущие учащиеся.
// Адреса: #/movement (книга), #/movement/applicants, #/movement/rollover (переход на новый учебный год).
import { h, setBusy, clear } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Движение учащихся';

const KINDS = [
  ['', 'Все виды'], ['enrol', 'Зачисление'], ['transfer', 'Перевод'], ['withdraw', 'Выбытие'],
  ['promote', 'Перевод в следующий класс'], ['repeat', 'Повторное обучение'], ['graduate', 'Окончание школы'],
];
const PAGE = 50;

export function fmtDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
const fio = (x) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' ');
let uid = 0;

/** Поле с подписью: {el, input}. */
export function labeled(label, input) {
  const id = input.id || `mv-f-${++uid}`;
  input.id = id;
  return { el: h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), input), input };
}
export const input = (props = {}) => h('input', { class: 'input', type: 'text', ...props });
export function select(options, props = {}) {
  const s = h('select', { class: 'input', ...props });
  for (const [v, t] of options) s.append(h('option', { value: String(v) }, t));
  return s;
}

export function tabs(active, ops) {
  const items = [['book', '#/movement', 'Книга движения'], ['applicants', '#/movement/applicants', 'Будущие учащиеся']];
  if (ops.has('year.rollover')) items.push(['rollover', '#/movement/rollover', 'Переход на новый учебный год']);
  return h('nav', { class: 'mv-tabs', 'aria-label': 'Разделы движения учащихся' },
    items.map(([k, href, text]) => h('a', { href, class: `mv-tab${k === active ? ' is-active' : ''}`, 'aria-current': k === active ? 'page' : null }, text)));
}

export async function render(main, ctx) {
  const ops = schoolOperations();
  const sub = ctx.args[0] || '';
  if (sub === 'rollover') {
    const mod = await import('./rollover.js');
    return mod.render(main, ctx);
  }
  main.append(backLink(), pageTitle('Движение учащихся', 'Книга движения: зачисление, перевод, выбытие — с номерами и датами приказов'),
    tabs(sub === 'applicants' ? 'applicants' : 'book', ops));
  const meta = await api.get('/movement-classes');
  if (sub === 'applicants') return renderApplicants(main, ops, meta);
  return renderBook(main, ops, meta);
}

// ---------------------------------------------------------------- книга

function renderBook(main, ops, meta) {
  const alert = messageArea({ id: 'mv-error' });
  const status = messageArea({ id: 'mv-status', role: 'status' });
  const classOpts = [['', 'Все классы'], ...meta.classes.map((c) => [c.id, `${c.name} (${c.year})`])];
  const fFrom = input({ type: 'date', id: 'mv-from' });
  const fTo = input({ type: 'date', id: 'mv-to' });
  const fKind = select(KINDS, { id: 'mv-kind' });
  const fClass = select(classOpts, { id: 'mv-class' });
  const filters = h('form', { class: 'mv-filters', id: 'mv-filters' },
    labeled('С даты', fFrom).el, labeled('По дату', fTo).el, labeled('Вид', fKind).el, labeled('Класс', fClass).el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Показать')));
  const list = h('div', { class: 'mv-list', id: 'mv-list', 'aria-live': 'polite' });
  const pager = h('div', { class: 'actions mv-pager' });
  let offset = 0;

  async function load() {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (fFrom.value) q.set('from', fFrom.value);
    if (fTo.value) q.set('to', fTo.value);
    if (fKind.value) q.set('kind', fKind.value);
    if (fClass.value) q.set('class', fClass.value);
    alert.clear();
    try {
      const r = await api.get(`/movements?${q}`);
      drawList(r);
    } catch (err) {
      alert.show(err.message, 'error');
    }
  }

  function drawList(r) {
    clear(list);
    clear(pager);
    if (!r.items.length) {
      list.append(h('p', { class: 'muted', id: 'mv-empty' }, 'Записей нет.'));
      return;
    }
    const table = h('table', { class: 'mv-table', id: 'mv-table' },
      h('thead', {}, h('tr', {}, ['Дата', 'Учащийся', 'Движение', 'Откуда', 'Куда', 'Приказ'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, r.items.map((m) => h('tr', { 'data-id': m.id },
        h('td', { 'data-label': 'Дата' }, fmtDate(m.date)),
        h('td', { 'data-label': 'Учащийся' }, fio(m)),
        h('td', { 'data-label': 'Движение' }, m.kind_title),
        h('td', { 'data-label': 'Откуда' }, [m.from_class, m.from_place].filter(Boolean).join(', ') || '—'),
        h('td', { 'data-label': 'Куда' }, [m.to_class, m.to_place].filter(Boolean).join(', ') || '—'),
        h('td', { 'data-label': 'Приказ' }, `№ ${m.order_no}${m.order_date ? ` от ${fmtDate(m.order_date)}` : ''}`)))));
    list.append(h('p', { class: 'muted' }, `Всего записей: ${r.total}`), table);
    if (offset > 0) pager.append(h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => { offset = Math.max(0, offset - PAGE); load(); } }, 'Назад'));
    if (offset + r.items.length < r.total) pager.append(h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => { offset += PAGE; load(); } }, 'Дальше'));
  }

  filters.addEventListener('submit', (ev) => { ev.preventDefault(); offset = 0; load(); });
  main.append(alert, status);
  if (ops.has('movement.edit')) main.append(moveForm(meta, status, load));
  main.append(h('h2', { class: 'group-title' }, 'Книга движения'), filters, list, pager);
  return load();
}

function moveForm(meta, status, reload) {
  const alert = messageArea({ id: 'mv-form-error' });
  const openClasses = meta.classes.filter((c) => !meta.years.find((y) => y.id === c.year_id)?.closed);
  const classOpts = [['', '— выберите класс —'], ...openClasses.map((c) => [c.id, c.name])];
  const fKind = select([['enrol', 'Зачисление'], ['transfer', 'Перевод в другой класс'], ['withdraw', 'Выбытие']], { id: 'mv-new-kind' });
  const fWho = select([['new', 'Новый учащийся'], ['applicant', 'Из будущих учащихся']], { id: 'mv-who' });
  const fApplicant = select([['', '— выберите —']], { id: 'mv-applicant' });
  const fLast = input({ id: 'mv-last', autocomplete: 'off' });
  const fFirst = input({ id: 'mv-first', autocomplete: 'off' });
  const fMiddle = input({ id: 'mv-middle', autocomplete: 'off' });
  const fBirth = input({ id: 'mv-birth', type: 'date' });
  const fGender = select([['', '—'], ['m', 'мужской'], ['f', 'женский']], { id: 'mv-gender' });
  const fFromClass = select(classOpts, { id: 'mv-from-class' });
  const fStudent = select([['', '— сначала выберите класс —']], { id: 'mv-student' });
  const fToClass = select(classOpts, { id: 'mv-to-class' });
  const fDate = input({ id: 'mv-date', type: 'date', required: true });
  const fOrderNo = input({ id: 'mv-order-no', placeholder: '112-у', required: true });
  const fOrderDate = input({ id: 'mv-order-date', type: 'date', required: true });
  const fFromPlace = input({ id: 'mv-from-place', placeholder: 'МБДОУ детский сад № 5' });
  const fToPlace = input({ id: 'mv-to-place' });
  const fReason = input({ id: 'mv-reason' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'mv-submit' }, 'Записать');

  const g = {
    who: labeled('Кого зачисляем', fWho).el,
    applicant: labeled('Будущий учащийся', fApplicant).el,
    person: h('div', { class: 'mv-grid' }, labeled('Фамилия', fLast).el, labeled('Имя', fFirst).el,
      labeled('Отчество', fMiddle).el, labeled('Дата рождения', fBirth).el, labeled('Пол', fGender).el),
    fromClass: labeled('Класс', fFromClass).el,
    student: labeled('Учащийся', fStudent).el,
    toClass: labeled('В класс', fToClass).el,
    fromPlace: labeled('Откуда прибыл', fFromPlace).el,
    toPlace: labeled('Куда выбыл', fToPlace).el,
  };
  function sync() {
    const k = fKind.value;
    g.who.hidden = k !== 'enrol';
    g.applicant.hidden = k !== 'enrol' || fWho.value !== 'applicant';
    g.person.hidden = k !== 'enrol' || fWho.value !== 'new';
    g.fromClass.hidden = k === 'enrol';
    g.student.hidden = k === 'enrol';
    g.toClass.hidden = k === 'withdraw';
    g.fromPlace.hidden = k !== 'enrol';
    g.toPlace.hidden = k !== 'withdraw';
  }
  fKind.addEventListener('change', sync);
  fWho.addEventListener('change', async () => {
    sync();
    if (fWho.value === 'applicant' && fApplicant.options.length <= 1) {
      try {
        const r = await api.get('/applicants?limit=500');
        for (const a of r.items) fApplicant.append(h('option', { value: String(a.id) }, `${fio(a)}${a.birth_date ? `, ${fmtDate(a.birth_date)}` : ''}`));
      } catch (err) { alert.show(err.message, 'error'); }
    }
  });
  fFromClass.addEventListener('change', async () => {
    clear(fStudent);
    fStudent.append(h('option', { value: '' }, '— выберите учащегося —'));
    if (!fFromClass.value) return;
    try {
      const r = await api.get(`/movement-classes/${fFromClass.value}/students`);
      for (const s of r.items) fStudent.append(h('option', { value: String(s.student_id) }, fio(s)));
    } catch (err) { alert.show(err.message, 'error'); }
  });
  fDate.addEventListener('change', () => { if (!fOrderDate.value) fOrderDate.value = fDate.value; });

  const form = h('form', { class: 'panel form mv-form', id: 'mv-form', novalidate: true },
    h('h2', { class: 'group-title' }, 'Новая запись'),
    alert, labeled('Вид движения', fKind).el, g.who, g.applicant, g.person, g.fromClass, g.student, g.toClass,
    h('div', { class: 'mv-grid' }, labeled('Дата', fDate).el, labeled('Номер приказа', fOrderNo).el, labeled('Дата приказа', fOrderDate).el),
    g.fromPlace, g.toPlace, labeled('Основание', fReason).el,
    h('div', { class: 'actions' }, submit));
  sync();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    alert.clear();
    const k = fKind.value;
    const body = { kind: k, date: fDate.value, order_no: fOrderNo.value.trim(), order_date: fOrderDate.value };
    if (fReason.value.trim()) body.reason = fReason.value.trim();
    if (k === 'enrol') {
      if (fWho.value === 'applicant') {
        if (fApplicant.value) body.student_id = Number(fApplicant.value);
      } else {
        body.person = { last_name: fLast.value.trim(), first_name: fFirst.value.trim(), middle_name: fMiddle.value.trim() };
        if (fBirth.value) body.person.birth_date = fBirth.value;
        if (fGender.value) body.person.gender = fGender.value;
      }
      if (fFromPlace.value.trim()) body.from_place = fFromPlace.value.trim();
    } else {
      if (fStudent.value) body.student_id = Number(fStudent.value);
      if (fFromClass.value) body.from_class_id = Number(fFromClass.value);
    }
    if (k !== 'withdraw' && fToClass.value) body.to_class_id = Number(fToClass.value);
    if (k === 'withdraw' && fToPlace.value.trim()) body.to_place = fToPlace.value.trim();
    setBusy(submit, true, 'Запись…');
    try {
      const m = await api.post('/movements', body);
      status.show(`Записано: ${m.kind_title.toLowerCase()} — ${fio(m)}, приказ № ${m.order_no}`, 'ok');
      for (const f of [fLast, fFirst, fMiddle, fBirth, fOrderNo, fReason, fFromPlace, fToPlace]) f.value = '';
      if (k !== 'enrol') fFromClass.dispatchEvent(new Event('change'));
      await reload();
    } catch (err) {
      alert.show(err.message, 'error', err.field ? `Поле: ${err.field}` : '');
    } finally {
      setBusy(submit, false);
    }
  });
  return h('details', { class: 'mv-details', id: 'mv-new' }, h('summary', { class: 'btn btn-ghost' }, 'Записать зачисление, перевод или выбытие'), form);
}

// ---------------------------------------------------------------- будущие учащиеся

function renderApplicants(main, ops) {
  const alert = messageArea({ id: 'ap-error' });
  const status = messageArea({ id: 'ap-status', role: 'status' });
  const q = input({ id: 'ap-q', type: 'search', placeholder: 'Фамилия, имя' });
  const list = h('div', { id: 'ap-list', 'aria-live': 'polite' });

  async function load() {
    alert.clear();
    try {
      const r = await api.get(`/applicants?limit=500${q.value.trim() ? `&q=${encodeURIComponent(q.value.trim())}` : ''}`);
      clear(list);
      if (!r.items.length) { list.append(h('p', { class: 'muted' }, 'Никого нет.')); return; }
      list.append(h('p', { class: 'muted' }, `Всего: ${r.total}`),
        h('ul', { class: 'mv-applicants' }, r.items.map((a) => h('li', { 'data-id': a.id },
          h('span', { class: 'mv-name' }, fio(a)),
          h('span', { class: 'muted' }, a.birth_date ? ` — ${fmtDate(a.birth_date)}` : '')))));
    } catch (err) { alert.show(err.message, 'error'); }
  }
  const search = h('form', { class: 'mv-filters', role: 'search' }, labeled('Поиск', q).el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Найти')));
  search.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  main.append(alert, status);

  if (ops.has('movement.edit')) {
    const fl = input({ id: 'ap-last' }), ff = input({ id: 'ap-first' }), fm = input({ id: 'ap-middle' });
    const fb = input({ id: 'ap-birth', type: 'date' });
    const fg = select([['', '—'], ['m', 'мужской'], ['f', 'женский']], { id: 'ap-gender' });
    const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ap-submit' }, 'Добавить');
    const form = h('form', { class: 'panel form', id: 'ap-form', novalidate: true },
      h('h2', { class: 'group-title' }, 'Добавить будущего учащегося'),
      h('div', { class: 'mv-grid' }, labeled('Фамилия', fl).el, labeled('Имя', ff).el, labeled('Отчество', fm).el,
        labeled('Дата рождения', fb).el, labeled('Пол', fg).el),
      h('div', { class: 'actions' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      alert.clear();
      const body = { last_name: fl.value.trim(), first_name: ff.value.trim(), middle_name: fm.value.trim() };
      if (fb.value) body.birth_date = fb.value;
      if (fg.value) body.gender = fg.value;
      setBusy(btn, true, 'Добавление…');
      try {
        const a = await api.post('/applicants', body);
        status.show(`Добавлен: ${fio(a)}`, 'ok');
        for (const f of [fl, ff, fm, fb]) f.value = '';
        await load();
      } catch (err) {
        alert.show(err.message, 'error');
      } finally { setBusy(btn, false); }
    });
    main.append(form);
  }
  main.append(h('h2', { class: 'group-title' }, 'Будущие учащиеся'), search, list);
  return load();
}
