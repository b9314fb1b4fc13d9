// Планирование уроков (M-08): календарно-тематические планы (КТП) учителя — список «Мои планы»,
// создание по строке нагрузки, редактор тем с проверкой часов, отправка на утверждение, применение
// к урокам, выгрузка/загрузка CSV/XLSX, копирование в параллельный класс; заместитель директора
// видит все планы с фильтрами, утверждает и возвращает их с комментарием.
import { h, setBusy, clear } from '../dom.js';
import { api, getCsrf, ApiError } from '../api.js';
import { schoolOperations, currentSchool, state } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Планирование уроков';

const STATUS = { draft: 'черновик', submitted: 'на утверждении', approved: 'утверждён', returned: 'возвращён' };
const LESSON_TYPES = ['урок', 'контрольная работа', 'проверочная работа', 'самостоятельная работа', 'лабораторная работа',
  'практическая работа', 'экскурсия', 'урок-проект', 'зачёт', 'диктант', 'сочинение', 'изложение',
  'урок развития речи', 'повторение'];

let uid = 0;
const fmt = (x) => (Math.round(Number(x || 0) * 100) / 100).toLocaleString('ru-RU');

function labeled(label, input) {
  input.id = input.id || `pl-f-${++uid}`;
  return h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, label), input);
}
function select(options, props = {}) {
  const s = h('select', { class: 'input', ...props });
  for (const [v, t] of options) s.append(h('option', { value: String(v) }, t));
  return s;
}
function statusBadge(st) {
  return h('span', { class: `pl-status pl-status-${st}` }, STATUS[st] || st);
}
function hoursCell(total, expected) {
  const ok = expected == null || Math.abs(Number(total) - Number(expected)) < 0.001;
  return h('span', { class: `pl-hours ${ok ? 'is-ok' : 'is-off'}` },
    expected == null ? `${fmt(total)} ч` : `${fmt(total)} из ${fmt(expected)} ч`);
}

// ---- сырые запросы: выгрузка файла и загрузка файла (тело — байты файла) ----
function headers(extra) {
  const hd = { Accept: 'application/json', ...extra };
  const csrf = getCsrf();
  if (csrf) hd['X-CSRF-Token'] = csrf;
  const school = currentSchool();
  if (school) hd['X-School-Id'] = String(school.id);
  return hd;
}
async function rawFail(res, fallback) {
  let data = {};
  try { data = await res.json(); } catch { /* не JSON */ }
  const e = data.error || {};
  const err = new ApiError(res.status, e.code || `http_${res.status}`, e.message || fallback, e.field);
  err.rows = Array.isArray(data.errors) ? data.errors : (Array.isArray(e.errors) ? e.errors : []);
  return err;
}
async function download(path) {
  let res;
  try {
    res = await fetch(`/api/v1${path}`, { headers: headers(), credentials: 'same-origin', cache: 'no-store' });
  } catch { throw new ApiError(0, 'network', 'Нет связи с сервером.'); }
  if (!res.ok) throw await rawFail(res, 'Не удалось выгрузить план.');
  const blob = await res.blob();
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('Content-Disposition') || '');
  let name = 'план';
  if (m) { try { name = decodeURIComponent(m[1]); } catch { /* имя по умолчанию */ } }
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
async function upload(path, file) {
  const buf = await file.arrayBuffer();
  const xlsx = /\.xlsx$/i.test(file.name);
  const ct = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST', headers: headers({ 'Content-Type': ct }), body: buf, credentials: 'same-origin', cache: 'no-store',
    });
  } catch { throw new ApiError(0, 'network', 'Нет связи с сервером.'); }
  if (!res.ok) throw await rawFail(res, 'Не удалось загрузить файл.');
  return res.json();
}

export async function render(main, ctx) {
  if (ctx.args && ctx.args[0]) return editor(main, ctx, Number(ctx.args[0]));
  return list(main, ctx);
}

// ---------------- список планов ----------------
async function list(main, ctx) {
  const ops = schoolOperations();
  const isDeputy = ops.has('plans.edit.all') || ops.has('plans.view.all');
  const canEdit = [...ops].some((o) => o.startsWith('plans.edit'));
  const me = state.me && state.me.person ? state.me.person.id : 0;
  const msg = messageArea({ id: 'pl-msg' });
  main.append(backLink(), pageTitle('Планирование уроков', 'Календарно-тематические планы: темы, часы, утверждение'), msg);

  // Создание плана по строкам нагрузки без плана.
  if (canEdit) {
    let loads = [];
    try { loads = (await api.get('/plan-load')).items || []; } catch (e) { msg.show(e.message); }
    const free = loads.filter((l) => l.plan_id == null);
    const box = h('section', { class: 'pl-block', id: 'pl-create', 'aria-labelledby': 'pl-create-title' },
      h('h2', { class: 'group-title', id: 'pl-create-title' }, 'Создать план'));
    if (!free.length) {
      box.append(h('p', { class: 'muted' }, loads.length ? 'Планы созданы по всей вашей нагрузке.' : 'У вас нет учебной нагрузки.'));
    } else {
      const load = select(free.map((l, i) => [i, `${l.class_name}${l.subgroup_name ? ` (${l.subgroup_name})` : ''} — ${l.subject_name}, ${fmt(l.hours_per_week)} ч/нед.`]), { id: 'pl-load' });
      const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'pl-create-btn' }, 'Создать план');
      const f = h('form', { class: 'pl-form' }, labeled('Класс и предмет из нагрузки', load), h('div', { class: 'actions' }, btn));
      f.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        msg.clear();
        const l = free[Number(load.value)];
        const body = { class_id: l.class_id, subject_id: l.subject_id };
        if (l.subgroup_id != null) body.subgroup_id = l.subgroup_id;
        setBusy(btn, true, 'Создаём…');
        try {
          const p = await api.post('/plans', body);
          ctx.navigate(`#/plans/${p.id}`);
        } catch (e) { msg.show(e.message); setBusy(btn, false); }
      });
      box.append(f);
    }
    main.append(box);
  }

  // Фильтры (для заместителя директора — все планы школы).
  const out = h('div', { id: 'pl-list', 'aria-live': 'polite' });
  const q = ctx.query || new URLSearchParams();
  const filters = { status: select([['', 'Любой'], ...Object.entries(STATUS)], { id: 'pl-f-status', name: 'status' }) };
  filters.status.value = q.get('status') || '';
  let form = null;
  if (isDeputy) {
    let classes = [], teachers = [];
    try { classes = (await api.get('/classes?limit=500')).items.filter((c) => !c.year_closed); } catch { classes = []; }
    try { teachers = (await api.get('/teachers')).items; } catch { teachers = []; }
    filters.teacher = select([['', 'Все учителя'], ...(me ? [[me, 'Мои планы']] : []), ...teachers.filter((t) => t.id !== me).map((t) => [t.id, t.name])], { id: 'pl-f-teacher', name: 'teacher' });
    filters.class = select([['', 'Все классы'], ...classes.map((c) => [c.id, c.name])], { id: 'pl-f-class', name: 'class' });
    filters.teacher.value = q.get('teacher') || '';
    filters.class.value = q.get('class') || '';
    form = h('form', { class: 'pl-filters', id: 'pl-filters' }, labeled('Учитель', filters.teacher), labeled('Класс', filters.class),
      labeled('Статус', filters.status), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-sm' }, 'Показать')));
  } else {
    form = h('form', { class: 'pl-filters', id: 'pl-filters' }, labeled('Статус', filters.status),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-sm' }, 'Показать')));
  }
  main.append(h('section', { class: 'pl-block', 'aria-labelledby': 'pl-list-title' },
    h('h2', { class: 'group-title', id: 'pl-list-title' }, isDeputy ? 'Планы учителей' : 'Мои планы'), form, out));

  async function load() {
    clear(out);
    const p = new URLSearchParams({ limit: '500' });
    for (const [k, s] of Object.entries(filters)) if (s.value) p.set(k, s.value);
    if (!isDeputy && me) p.set('teacher', String(me));
    let items;
    try { items = (await api.get(`/plans?${p}`)).items || []; } catch (e) { msg.show(e.message); return; }
    if (!items.length) { out.append(h('p', { class: 'muted', id: 'pl-empty' }, 'Планов нет.')); return; }
    const rows = items.map((x) => h('tr', { 'data-id': String(x.id) },
      h('td', {}, h('a', { href: `#/plans/${x.id}`, class: 'pl-link' }, `${x.class_name}${x.subgroup_name ? ` (${x.subgroup_name})` : ''}`)),
      h('td', {}, x.subject_name),
      isDeputy ? h('td', {}, x.teacher_name) : null,
      h('td', {}, statusBadge(x.status)),
      h('td', {}, hoursCell(x.hours_total, x.hours_expected))));
    out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table pl-table', id: 'pl-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Класс'), h('th', {}, 'Предмет'), isDeputy ? h('th', {}, 'Учитель') : null,
        h('th', {}, 'Статус'), h('th', {}, 'Часы'))),
      h('tbody', {}, rows))));
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, s] of Object.entries(filters)) if (s.value) p.set(k, s.value);
    history.replaceState(null, '', `#/plans${p.toString() ? `?${p}` : ''}`);
    load();
  });
  await load();
}

// ---------------- редактор плана ----------------
async function editor(main, ctx, id) {
  const ops = schoolOperations();
  const canEditOp = [...ops].some((o) => o.startsWith('plans.edit'));
  const msg = messageArea({ id: 'pl-msg' });
  main.append(backLink('#/plans', 'К списку планов'));
  let plan;
  try { plan = await api.get(`/plans/${id}`); } catch (e) {
    main.append(pageTitle('План не найден'), msg);
    msg.show(e.message);
    return;
  }
  const types = Array.isArray(plan.lesson_types) && plan.lesson_types.length ? plan.lesson_types : LESSON_TYPES;
  const readOnly = !plan.can_edit || plan.status === 'submitted' || plan.status === 'approved';
  const expected = plan.hours_expected;
  main.append(pageTitle(`${plan.subject_name}, ${plan.class_name}${plan.subgroup_name ? ` (${plan.subgroup_name})` : ''}`,
    `Учитель: ${plan.teacher_name}`));
  const head = h('div', { class: 'pl-head' }, h('span', {}, 'Статус: '), statusBadge(plan.status));
  main.append(head);
  if (plan.comment && plan.status === 'returned') {
    main.append(h('div', { class: 'msg msg-warn', id: 'pl-comment' }, h('p', { class: 'msg-text' }, `План возвращён: ${plan.comment}`)));
  }
  if (readOnly) {
    const why = plan.status === 'approved' ? 'План утверждён — темы изменять нельзя.'
      : plan.status === 'submitted' ? 'План на утверждении — темы изменять нельзя, пока его не утвердят или не вернут.'
        : 'У вас нет права изменять этот план.';
    main.append(h('div', { class: 'msg msg-info', id: 'pl-readonly' }, h('p', { class: 'msg-text' }, why)));
  }
  main.append(msg);

  // --- таблица тем ---
  const body = h('tbody', { id: 'pl-topics-body' });
  const sum = h('p', { class: 'pl-sum', id: 'pl-sum', 'aria-live': 'polite' });
  let dirty = false;
  const markDirty = () => { dirty = true; recalc(); };

  function recalc() {
    let total = 0;
    for (const tr of body.rows) total += Number(tr.querySelector('.pl-in-hours').value.replace(',', '.')) || 0;
    const ok = expected == null || Math.abs(total - Number(expected)) < 0.001;
    sum.className = `pl-sum ${ok ? 'is-ok' : 'is-off'}`;
    sum.textContent = expected == null ? `Всего часов: ${fmt(total)}`
      : `Всего часов: ${fmt(total)} из ${fmt(expected)}${ok ? '' : ` (${total > expected ? 'больше' : 'меньше'} на ${fmt(Math.abs(total - expected))})`}`;
    [...body.rows].forEach((tr, i) => { tr.querySelector('.pl-num').textContent = String(i + 1); });
  }

  function row(t = {}) {
    const n = ++uid;
    const dis = readOnly ? { disabled: true } : {};
    const titleIn = h('input', { class: 'input pl-in-title', type: 'text', maxlength: '500', value: t.title || '', 'aria-label': 'Тема', id: `pl-t-${n}`, ...dis });
    const hoursIn = h('input', { class: 'input pl-in-hours', type: 'number', min: '0.5', step: '0.5', value: String(t.hours ?? 1), 'aria-label': 'Часов', ...dis });
    const typeIn = select(types.map((x) => [x, x]), { class: 'input pl-in-type', 'aria-label': 'Тип урока', ...dis });
    typeIn.value = t.lesson_type || 'урок';
    const kesIn = h('input', { class: 'input pl-in-kes', type: 'text', maxlength: '200', value: t.kes_codes || '', 'aria-label': 'Коды КЭС', ...dis });
    const hwIn = h('input', { class: 'input pl-in-hw', type: 'text', maxlength: '1000', value: t.homework || '', 'aria-label': 'Домашнее задание', ...dis });
    for (const el of [titleIn, hoursIn, typeIn, kesIn, hwIn]) { el.addEventListener('input', markDirty); el.addEventListener('change', markDirty); }
    const tr = h('tr', { class: 'pl-topic' },
      h('td', { class: 'pl-num' }, ''),
      h('td', {}, titleIn), h('td', {}, hoursIn), h('td', {}, typeIn), h('td', {}, kesIn), h('td', {}, hwIn));
    if (!readOnly) {
      const up = h('button', { type: 'button', class: 'btn btn-ghost btn-sm pl-up', 'aria-label': 'Поднять тему выше', title: 'Выше' }, '↑');
      const down = h('button', { type: 'button', class: 'btn btn-ghost btn-sm pl-down', 'aria-label': 'Опустить тему ниже', title: 'Ниже' }, '↓');
      const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm pl-del', 'aria-label': 'Удалить тему', title: 'Удалить' }, '✕');
      up.addEventListener('click', () => { if (tr.previousElementSibling) { body.insertBefore(tr, tr.previousElementSibling); markDirty(); up.focus(); } });
      down.addEventListener('click', () => { if (tr.nextElementSibling) { body.insertBefore(tr.nextElementSibling, tr); markDirty(); down.focus(); } });
      del.addEventListener('click', () => { tr.remove(); markDirty(); });
      tr.append(h('td', { class: 'pl-row-actions' }, up, down, del));
    }
    return tr;
  }
  for (const t of plan.topics || []) body.append(row(t));

  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'table pl-topics', id: 'pl-topics' },
    h('thead', {}, h('tr', {}, h('th', {}, '№'), h('th', {}, 'Тема'), h('th', {}, 'Часов'), h('th', {}, 'Тип урока'),
      h('th', {}, 'КЭС'), h('th', {}, 'Домашнее задание'), readOnly ? null : h('th', {}, h('span', { class: 'visually-hidden' }, 'Действия')))),
    body));
  main.append(h('section', { class: 'pl-block', 'aria-labelledby': 'pl-topics-title' },
    h('h2', { class: 'group-title', id: 'pl-topics-title' }, 'Темы уроков'), table, sum));
  recalc();

  function collect() {
    const topics = [];
    for (const tr of body.rows) {
      topics.push({
        title: tr.querySelector('.pl-in-title').value.trim(),
        hours: Number(tr.querySelector('.pl-in-hours').value.replace(',', '.')) || 0,
        lesson_type: tr.querySelector('.pl-in-type').value,
        kes_codes: tr.querySelector('.pl-in-kes').value.trim(),
        homework: tr.querySelector('.pl-in-hw').value.trim(),
      });
    }
    return topics;
  }
  async function save() {
    const topics = collect();
    const empty = topics.findIndex((t) => !t.title);
    if (empty >= 0) throw new ApiError(0, 'missing', `Укажите тему в строке ${empty + 1}.`);
    await api.put(`/plans/${id}`, { topics });
    dirty = false;
  }
  const ok = (text) => msg.show(text, 'ok');
  function action(label, busy, fn, props = {}) {
    const b = h('button', { type: 'button', class: 'btn', ...props }, label);
    b.addEventListener('click', async () => {
      msg.clear();
      setBusy(b, true, busy);
      try { await fn(b); } catch (e) {
        const where = e.field && /^topics\[(\d+)\]/.exec(e.field);
        msg.show(e.message, 'error', where ? `Строка ${Number(where[1]) + 1}` : undefined);
      } finally { if (b.isConnected) setBusy(b, false); }
    });
    return b;
  }

  const actions = h('div', { class: 'pl-actions', id: 'pl-actions' });
  if (!readOnly) {
    const add = h('button', { type: 'button', class: 'btn btn-ghost', id: 'pl-add' }, 'Добавить тему');
    add.addEventListener('click', () => { const tr = row(); body.append(tr); markDirty(); tr.querySelector('.pl-in-title').focus(); });
    actions.append(add,
      action('Сохранить', 'Сохраняем…', async () => { await save(); ok('План сохранён.'); }, { class: 'btn btn-primary', id: 'pl-save' }),
      action('Отправить на утверждение', 'Отправляем…', async () => {
        if (dirty) await save();
        await api.post(`/plans/${id}/submit`);
        await ctx.rerender();
      }, { id: 'pl-submit' }));
  }
  const applyOut = h('p', { class: 'pl-apply-result', id: 'pl-apply-result', 'aria-live': 'polite' });
  if (canEditOp && plan.can_edit !== false) {
    actions.append(action('Применить к урокам', 'Применяем…', async () => {
      if (dirty && !readOnly) await save();
      const r = await api.post(`/plans/${id}/apply`);
      applyOut.textContent = `Уроков в календаре: ${r.lessons}, заполнено тем: ${r.filled}, оставлено без изменений: ${r.kept}`
        + (r.hours_left ? `, не хватило уроков на часов: ${r.hours_left}` : '') + '.';
      ok('Темы перенесены в уроки.');
    }, { id: 'pl-apply' }));
  }
  main.append(h('section', { class: 'pl-block' }, actions, applyOut));

  // --- утверждение (заместитель директора) ---
  if (plan.can_approve && plan.status === 'submitted') {
    const comment = h('textarea', { class: 'input', id: 'pl-return-comment', rows: '3', maxlength: '1000' });
    const approve = action('Утвердить', 'Утверждаем…', async () => { await api.post(`/plans/${id}/approve`); await ctx.rerender(); }, { class: 'btn btn-primary', id: 'pl-approve' });
    const ret = action('Вернуть', 'Возвращаем…', async () => {
      if (!comment.value.trim()) { comment.setAttribute('aria-invalid', 'true'); comment.focus(); throw new ApiError(0, 'missing', 'Укажите, что нужно исправить в плане.'); }
      await api.post(`/plans/${id}/return`, { comment: comment.value.trim() });
      await ctx.rerender();
    }, { id: 'pl-return' });
    main.append(h('section', { class: 'pl-block', id: 'pl-review', 'aria-labelledby': 'pl-review-title' },
      h('h2', { class: 'group-title', id: 'pl-review-title' }, 'Утверждение'),
      labeled('Комментарий (обязателен при возврате)', comment), h('div', { class: 'pl-actions' }, approve, ret)));
  }

  // --- файлы ---
  const files = h('div', { class: 'pl-actions' },
    ...['csv', 'xlsx'].map((f) => action(`Скачать ${f.toUpperCase()}`, 'Готовим…', () => download(`/plans/${id}/export?format=${f}`), { class: 'btn btn-ghost', id: `pl-exp-${f}` })));
  const fileBlock = h('section', { class: 'pl-block', 'aria-labelledby': 'pl-files-title' },
    h('h2', { class: 'group-title', id: 'pl-files-title' }, 'Файлы'), files);
  if (!readOnly) {
    const file = h('input', { type: 'file', class: 'input', id: 'pl-import-file', accept: '.csv,.xlsx,text/csv' });
    const errs = h('div', { id: 'pl-import-errors' });
    const imp = action('Загрузить темы из файла', 'Загружаем…', async () => {
      clear(errs);
      if (!file.files || !file.files[0]) throw new ApiError(0, 'missing', 'Выберите файл.');
      try { await upload(`/plans/${id}/import`, file.files[0]); } catch (e) {
        if (e.rows && e.rows.length) {
          errs.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table pl-import-errors' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Строка'), h('th', {}, 'Столбец'), h('th', {}, 'Ошибка'))),
            h('tbody', {}, e.rows.map((x) => h('tr', {}, h('td', {}, String(x.row)), h('td', {}, x.column || '—'), h('td', {}, x.message)))))));
        }
        throw e;
      }
      await ctx.rerender();
    }, { id: 'pl-import' });
    fileBlock.append(h('div', { class: 'pl-form' },
      labeled('Файл CSV или XLSX (столбцы как в выгрузке; темы плана будут заменены)', file), h('div', { class: 'actions' }, imp)), errs);
  }
  main.append(fileBlock);

  // --- копирование в параллельный класс ---
  if (canEditOp) {
    let classes = [];
    try { classes = (await api.get('/classes?limit=500')).items.filter((c) => !c.year_closed && c.grade === plan.grade && c.id !== plan.class_id); } catch { classes = []; }
    if (classes.length) {
      const cls = select(classes.map((c) => [c.id, c.name]), { id: 'pl-copy-class' });
      const copy = action('Копировать в параллельный класс', 'Копируем…', async () => {
        const p = await api.post(`/plans/${id}/copy`, { class_id: Number(cls.value) });
        ctx.navigate(`#/plans/${p.id}`);
      }, { id: 'pl-copy' });
      main.append(h('section', { class: 'pl-block', 'aria-labelledby': 'pl-copy-title' },
        h('h2', { class: 'group-title', id: 'pl-copy-title' }, 'Копирование'),
        h('div', { class: 'pl-form' }, labeled('Класс', cls), h('div', { class: 'actions' }, copy))));
    }
  }
}
