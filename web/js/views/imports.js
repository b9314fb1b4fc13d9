// Импорт и экспорт списков: загрузка CSV/XLSX учеников, родителей, сотрудников и классов
// (сначала проверка с отчётом по строкам, затем «Загрузить» — всё или ничего) и выгрузка в CSV/XLSX.
import { h, setBusy } from '../dom.js';
import { api, getCsrf, ApiError } from '../api.js';
import { currentSchool } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Импорт и экспорт';

const KINDS = [
  ['students', 'Ученики'], ['parents', 'Родители'], ['staff', 'Сотрудники'], ['classes', 'Классы'],
];

function headers(extra) {
  const hd = { Accept: 'application/json', ...extra };
  const csrf = getCsrf();
  if (csrf) hd['X-CSRF-Token'] = csrf;
  const school = currentSchool();
  if (school) hd['X-School-Id'] = String(school.id);
  return hd;
}

async function fail(res, fallback) {
  let e = {};
  try { e = (await res.json()).error || {}; } catch { /* не JSON */ }
  return new ApiError(res.status, e.code || `http_${res.status}`, e.message || fallback, e.field);
}

async function upload(kind, file) {
  const buf = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(new ApiError(0, 'read', 'Не удалось прочитать файл.'));
    r.readAsArrayBuffer(file);
  });
  const xlsx = /\.xlsx$/i.test(file.name);
  const ct = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  let res;
  try {
    res = await fetch(`/api/v1/imports/${kind}?filename=${encodeURIComponent(file.name)}`, {
      method: 'POST', headers: headers({ 'Content-Type': ct }), body: buf, credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером.');
  }
  if (!res.ok) throw await fail(res, 'Не удалось проверить файл.');
  return res.json();
}

async function download(path) {
  let res;
  try {
    res = await fetch(`/api/v1${path}`, { headers: headers(), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером.');
  }
  if (!res.ok) throw await fail(res, 'Не удалось выгрузить список.');
  const blob = await res.blob();
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('Content-Disposition') || '');
  let name = 'список';
  if (m) { try { name = decodeURIComponent(m[1]); } catch { /* имя по умолчанию */ } }
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function reportBlock(rep, onApply) {
  const box = h('section', { class: 'imp-report', id: 'imp-report', 'aria-live': 'polite' });
  const summary = `Строк: ${rep.rows}, без ошибок: ${rep.valid}` + (rep.status === 'applied' ? '. Загружено.' : '');
  box.append(h('p', { class: 'imp-summary', id: 'imp-summary' }, summary));
  if (rep.errors && rep.errors.length) {
    box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table imp-errors', id: 'imp-errors' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Строка'), h('th', {}, 'Столбец'), h('th', {}, 'Ошибка'))),
      h('tbody', {}, rep.errors.map((e) => h('tr', {},
        h('td', {}, String(e.row)), h('td', {}, e.column || '—'), h('td', {}, e.message)))))));
  } else if (rep.status !== 'applied' && rep.rows > 0) {
    const btn = h('button', { type: 'button', class: 'btn btn-primary', id: 'imp-apply' }, 'Загрузить');
    btn.addEventListener('click', () => onApply(btn));
    box.append(btn);
  }
  return box;
}

export async function render(main) {
  const alert = messageArea({ id: 'imp-error' });
  const kind = h('select', { id: 'imp-kind', class: 'input' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const file = h('input', { id: 'imp-file', type: 'file', class: 'input', accept: '.csv,.xlsx,text/csv' });
  const check = h('button', { type: 'submit', class: 'btn btn-primary', id: 'imp-check' }, 'Проверить файл');
  const out = h('div', { id: 'imp-out' });
  const form = h('form', { class: 'imp-form', id: 'imp-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'imp-kind' }, 'Что загружаем'), kind),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'imp-file' }, 'Файл CSV или XLSX (первая строка — заголовки)'), file),
    h('div', { class: 'imp-actions' }, check));

  function show(rep) {
    out.replaceChildren(reportBlock(rep, async (btn) => {
      setBusy(btn, true, 'Загружаем…');
      try {
        show(await api.post(`/imports/${rep.kind}/${rep.id}/apply`));
        alert.show('Файл загружен.', 'ok');
      } catch (e) {
        if (e.status === 422) {
          try { show(await api.get(`/imports/${rep.kind}/${rep.id}`)); } catch { /* отчёт не получен */ }
        }
        alert.show(e.message);
      } finally { setBusy(btn, false); }
    }));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    alert.clear();
    if (!file.files || !file.files[0]) { alert.show('Выберите файл.'); return; }
    setBusy(check, true, 'Проверяем…');
    try { show(await upload(kind.value, file.files[0])); } catch (e) { alert.show(e.message); } finally { setBusy(check, false); }
  });

  // ---- выгрузка ----
  const ekind = h('select', { id: 'exp-kind', class: 'input' },
    [...KINDS, ['health', 'Группы здоровья (класс)']].map(([v, t]) => h('option', { value: v }, t)));
  const ecls = h('select', { id: 'exp-class', class: 'input' }, h('option', { value: '' }, 'Все классы'));
  try {
    const cl = await api.get('/classes');
    for (const c of cl.items || []) if (!c.year_closed) ecls.append(h('option', { value: String(c.id) }, c.name));
  } catch { /* без списка классов — только «все» */ }
  const btns = ['csv', 'xlsx'].map((f) => {
    const b = h('button', { type: 'button', class: 'btn btn-ghost', id: `exp-${f}` }, `Скачать ${f.toUpperCase()}`);
    b.addEventListener('click', async () => {
      alert.clear();
      setBusy(b, true, 'Готовим…');
      const cls = ecls.value ? `&class=${ecls.value}` : '';
      try { await download(`/exports/${ekind.value}?format=${f}${cls}`); } catch (e) { alert.show(e.message); } finally { setBusy(b, false); }
    });
    return b;
  });

  main.replaceChildren(
    backLink('#/people', 'Ученики и родители'),
    pageTitle('Импорт и экспорт', 'Списки учеников, родителей, сотрудников и классов в CSV и Excel'),
    alert,
    h('section', { class: 'imp-block', 'aria-labelledby': 'imp-title' },
      h('h2', { id: 'imp-title', class: 'group-title' }, 'Загрузка из файла'), form, out),
    h('section', { class: 'imp-block', 'aria-labelledby': 'exp-title' },
      h('h2', { id: 'exp-title', class: 'group-title' }, 'Выгрузка'),
      h('div', { class: 'imp-form' },
        h('div', { class: 'field' }, h('label', { class: 'label', for: 'exp-kind' }, 'Список'), ekind),
        h('div', { class: 'field' }, h('label', { class: 'label', for: 'exp-class' }, 'Класс'), ecls),
        h('div', { class: 'imp-actions' }, btns))));
}
