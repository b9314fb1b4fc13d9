// Реквизиты доступа: выдача логинов и временных паролей ученикам и родителям класса
// (администратор — любой класс, классный руководитель — свои) и сотрудникам (администратор),
// лист с реквизитами для печати (PDF). Пароли показываются один раз и нигде не сохраняются.
import { h, setBusy, plural } from '../dom.js';
import { api, getCsrf, ApiError } from '../api.js';
import { currentSchool, schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Реквизиты доступа';

const KIND = { student: 'Ученик', parent: 'Родитель', staff: 'Сотрудник' };

function stateOf(p) {
  if (!p.has_login) return h('span', { class: 'cred-state cred-none' }, 'нет логина');
  if (p.activated) return h('span', { class: 'cred-state cred-active' }, 'пользуется');
  return h('span', { class: 'cred-state cred-pending' }, 'выдан, не входил');
}

/** POST с ответом-файлом (PDF): fetch → Blob → ссылка для скачивания. */
async function download(path, body) {
  const headers = { Accept: 'application/pdf, application/json', 'Content-Type': 'application/json' };
  const csrf = getCsrf();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const school = currentSchool();
  if (school) headers['X-School-Id'] = String(school.id);
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к сети и повторите попытку.');
  }
  if (!res.ok) {
    let e = {};
    try { e = (await res.json()).error || {}; } catch { /* не JSON */ }
    throw new ApiError(res.status, e.code || `http_${res.status}`, e.message || 'Не удалось сформировать лист.', e.field);
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  let name = 'credentials.pdf';
  if (m) { try { name = decodeURIComponent(m[1]); } catch { /* оставим имя по умолчанию */ } }
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

/** Таблица только что выданных реквизитов (показывается один раз). */
function issuedBlock(items, what) {
  if (!items.length) {
    return h('div', { class: 'msg msg-info', id: 'cred-issued', role: 'status' },
      h('p', { class: 'msg-text' }, `Новых реквизитов нет: у всех (${what}) уже есть логины.`));
  }
  return h('section', { class: 'cred-issued', id: 'cred-issued', 'aria-labelledby': 'cred-issued-title' },
    h('h2', { id: 'cred-issued-title', class: 'group-title' },
      `Выдано: ${items.length} ${plural(items.length, 'логин', 'логина', 'логинов')}`),
    h('div', { class: 'msg msg-warn', role: 'alert' },
      h('p', { class: 'msg-text' }, 'Временные пароли показываются только сейчас — запишите их или скачайте лист с реквизитами.'),
      h('p', { class: 'msg-detail' }, 'При первом входе пользователь сменит пароль. Повторно посмотреть пароль нельзя — только выдать новый.')),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data-table cred-table', id: 'cred-issued-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ФИО'), h('th', { scope: 'col' }, 'Кто'),
          h('th', { scope: 'col' }, 'Логин'), h('th', { scope: 'col' }, 'Временный пароль'))),
        h('tbody', {}, items.map((it) => h('tr', { 'data-person': it.person_id },
          h('td', { 'data-label': 'ФИО' }, it.full_name),
          h('td', { 'data-label': 'Кто' }, `${KIND[it.kind] || it.kind}${it.status === 'reset' ? ' (новый пароль)' : ''}`),
          h('td', { 'data-label': 'Логин', class: 'cred-secret cred-login' }, it.login),
          h('td', { 'data-label': 'Пароль', class: 'cred-secret cred-password' }, it.temporary_password)))))));
}

function rosterTable(items, opts = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data-table cred-table', id: opts.id || 'cred-roster' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ФИО'), h('th', { scope: 'col' }, 'Кто'),
        h('th', { scope: 'col' }, 'Логин'), h('th', { scope: 'col' }, 'Состояние'),
        opts.action ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действие')) : null)),
      h('tbody', {}, items.map((p) => h('tr', { 'data-person': p.person_id },
        h('td', { 'data-label': 'ФИО' }, p.full_name,
          p.children ? h('span', { class: 'cred-children' }, `ребёнок: ${p.children}`) : null),
        h('td', { 'data-label': 'Кто' }, KIND[p.kind] || p.kind),
        h('td', { 'data-label': 'Логин', class: 'cred-login' }, p.login || '—'),
        h('td', { 'data-label': 'Состояние' }, stateOf(p)),
        opts.action ? h('td', { class: 'cred-row-action' }, opts.action(p)) : null)))));
}

export async function render(main) {
  const ops = schoolOperations();
  const isAdmin = ops.has('credentials.issue.all');
  const alert = messageArea({ id: 'cred-error', role: 'alert' });
  const status = messageArea({ id: 'cred-status', role: 'status' });
  const select = h('select', { id: 'cred-class', class: 'input select' });
  const reissue = h('input', { type: 'checkbox', id: 'cred-reissue', class: 'checkbox' });
  const btnStudents = h('button', { type: 'button', class: 'btn btn-primary', id: 'cred-issue-students' }, 'Выдать ученикам');
  const btnParents = h('button', { type: 'button', class: 'btn btn-primary', id: 'cred-issue-parents' }, 'Выдать родителям');
  const btnPdf = h('button', { type: 'button', class: 'btn btn-ghost', id: 'cred-pdf' }, 'Скачать лист с реквизитами (PDF)');
  const summary = h('p', { class: 'cred-summary', id: 'cred-summary', 'aria-live': 'polite' });
  const result = h('div', { id: 'cred-result' });
  const rosterBox = h('div', { id: 'cred-roster-box', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Загрузка…'));

  const controls = h('div', { class: 'panel cred-panel' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'cred-class' }, 'Класс'), select),
    summary,
    h('div', { class: 'check' }, reissue,
      h('label', { for: 'cred-reissue' }, 'Выдать новый временный пароль тем, кто ещё не входил')),
    h('div', { class: 'actions cred-actions' }, btnStudents, btnParents, btnPdf),
    h('p', { class: 'hint' }, 'Лист с реквизитами — карточки для разрезания (8 на лист A4) с логинами и паролями, ',
      'выданными сейчас ученикам и родителям без логина (и, если отмечено, новые пароли тем, кто ещё не входил).'));

  main.append(backLink(),
    pageTitle('Реквизиты доступа', isAdmin
      ? 'Логины и временные пароли для учеников, родителей и сотрудников школы.'
      : 'Логины и временные пароли для учеников и родителей вашего класса.'),
    alert, status, controls, result,
    h('h2', { class: 'group-title' }, 'Ученики и родители класса'), rosterBox);

  const buttons = [btnStudents, btnParents, btnPdf];
  let classes = [];
  let busy = false;

  const currentClass = () => classes.find((c) => String(c.id) === select.value) || null;

  function showSummary(k) {
    if (!k) { summary.textContent = ''; return; }
    summary.textContent = `Учеников: ${k.students}, без логина: ${k.students_without_login}. `
      + `Родителей: ${k.parents}, без логина: ${k.parents_without_login}.`;
  }

  async function loadRoster() {
    const k = currentClass();
    if (!k) return;
    rosterBox.setAttribute('aria-busy', 'true');
    try {
      const r = await api.get(`/classes/${k.id}/credentials`);
      Object.assign(k, r.class);
      showSummary(k);
      rosterBox.replaceChildren(r.items.length ? rosterTable(r.items)
        : h('p', { class: 'muted' }, 'В классе нет учеников.'));
    } catch (e) {
      if (!e.handled) alert.show('Не удалось загрузить состав класса.', 'error', e.message);
    } finally {
      rosterBox.setAttribute('aria-busy', 'false');
    }
  }

  async function run(button, who, pdf) {
    const k = currentClass();
    if (!k || busy) return;
    busy = true;
    alert.clear();
    status.clear();
    buttons.forEach((b) => { b.disabled = true; });
    setBusy(button, true, pdf ? 'Формируем лист…' : 'Выдаём…');
    const body = { who, reissue: reissue.checked };
    try {
      if (pdf) {
        const name = await download(`/classes/${k.id}/credentials?format=pdf`, body);
        result.replaceChildren();
        status.show(`Лист «${name}» скачан. Пароли в нём показаны один раз — распечатайте и раздайте карточки.`, 'ok');
      } else {
        const r = await api.post(`/classes/${k.id}/credentials`, body);
        result.replaceChildren(issuedBlock(r.items, who.includes('students') ? 'ученики' : 'родители'));
      }
      reissue.checked = false;
      await loadRoster();
    } catch (e) {
      if (!e.handled) alert.show(e.message || 'Не удалось выдать реквизиты.', 'error');
    } finally {
      setBusy(button, false);
      buttons.forEach((b) => { b.disabled = false; });
      busy = false;
    }
  }

  btnStudents.addEventListener('click', () => run(btnStudents, ['students'], false));
  btnParents.addEventListener('click', () => run(btnParents, ['parents'], false));
  btnPdf.addEventListener('click', () => run(btnPdf, ['students', 'parents'], true));
  select.addEventListener('change', () => { result.replaceChildren(); alert.clear(); status.clear(); loadRoster(); });

  try {
    const r = await api.get('/credentials/classes');
    classes = r.items || [];
  } catch (e) {
    if (!e.handled) alert.show('Не удалось загрузить список классов.', 'error', e.message);
    return;
  }
  if (!classes.length) {
    controls.replaceChildren(h('p', { class: 'muted', id: 'cred-no-classes' },
      isAdmin ? 'В школе нет классов текущего учебного года.' : 'Вы не классный руководитель ни одного класса.'));
    rosterBox.replaceChildren();
  } else {
    select.append(...classes.map((c) => h('option', { value: c.id },
      c.class_teacher_name ? `${c.name} — ${c.class_teacher_name}` : c.name)));
    await loadRoster();
  }

  if (isAdmin) main.append(await staffSection(alert));
}

/** Сотрудники (только администратор): логин по одному человеку. */
async function staffSection(alert) {
  const box = h('section', { class: 'cred-staff', id: 'cred-staff', 'aria-labelledby': 'cred-staff-title' },
    h('h2', { class: 'group-title', id: 'cred-staff-title' }, 'Сотрудники'));
  const result = h('div', { id: 'cred-staff-result' });
  box.append(result);
  let items;
  try {
    items = (await api.get('/credentials/staff')).items || [];
  } catch (e) {
    if (!e.handled) box.append(h('p', { class: 'muted' }, `Не удалось загрузить сотрудников: ${e.message}`));
    return box;
  }
  const withoutLogin = items.filter((p) => !p.has_login || !p.activated);
  if (!withoutLogin.length) {
    box.append(h('p', { class: 'muted' }, 'У всех сотрудников есть логины, и все ими пользуются.'));
    return box;
  }
  box.append(h('p', { class: 'hint' }, 'Показаны сотрудники без логина и те, кто ещё не входил. ',
    'Новому логину даётся роль «Учитель»; роли меняются в разделе «Сотрудники».'),
  rosterTable(withoutLogin, {
    id: 'cred-staff-table',
    action: (p) => {
      const b = h('button', { type: 'button', class: 'btn btn-sm btn-ghost' }, p.has_login ? 'Новый пароль' : 'Выдать');
      b.addEventListener('click', async () => {
        alert.clear();
        setBusy(b, true, 'Выдаём…');
        try {
          const r = await api.post(`/staff/${p.person_id}/credentials`, { reissue: p.has_login });
          result.replaceChildren(issuedBlock(r.items, 'сотрудник'));
          result.scrollIntoView({ block: 'nearest' });
        } catch (e) {
          if (!e.handled) alert.show(e.message || 'Не удалось выдать реквизиты.', 'error');
        } finally {
          setBusy(b, false);
        }
      });
      return b;
    },
  }));
  return box;
}
