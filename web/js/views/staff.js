// «Сотрудники»: список с поиском по-русски и карточка (краткая — для всех, полная — кадрам,
// завучу и администратору). Адреса: #/staff, #/staff/ID.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { renderGroups, briefList, fullName, formatDate, GENDER } from './people-card.js';

export const title = 'Сотрудники';
const PAGE = 50;

export async function render(main, ctx) {
  const [id] = ctx.args;
  if (/^\d+$/.test(id || '')) return renderCard(main, Number(id));
  return renderList(main);
}

function renderList(main) {
  const status = messageArea({ id: 'staff-status', role: 'status' });
  const search = h('input', { id: 'staff-q', type: 'search', class: 'input', autocomplete: 'off', placeholder: 'Фамилия, имя или отчество' });
  const list = h('div', { class: 'table-wrap', id: 'staff-list', 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager pager-bottom' });
  main.append(backLink(), pageTitle('Сотрудники', 'Должности, предметы и рабочие контакты.'),
    h('div', { class: 'filters people-filters', role: 'search' },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'staff-q' }, 'Поиск'), search)),
    status, list, pager);
  let offset = 0, reqNo = 0, timer = null;
  async function load() {
    const my = ++reqNo;
    const p = new URLSearchParams({ limit: PAGE, offset });
    if (search.value.trim()) p.set('q', search.value.trim());
    try {
      const r = await api.get(`/staff?${p}`);
      if (my !== reqNo) return;
      clear(list);
      list.append(r.items.length ? h('table', { class: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'ФИО'))),
        h('tbody', {}, r.items.map((s) => h('tr', {}, h('td', {}, h('a', { href: `#/staff/${s.id}` }, s.full_name))))))
        : h('p', { class: 'people-empty muted' }, 'Никого не найдено.'));
      clear(pager);
      const prev = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', disabled: offset === 0 }, '← Назад');
      const next = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', disabled: offset + PAGE >= r.total }, 'Далее →');
      prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
      next.addEventListener('click', () => { offset += PAGE; load(); });
      pager.append(prev, h('p', { class: 'pager-range' }, `${r.total ? offset + 1 : 0}–${Math.min(offset + PAGE, r.total)} из ${r.total}`), next);
    } catch (err) { if (!err.handled) status.show(err.message, 'error'); }
  }
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { offset = 0; load(); }, 200); });
  load();
}

async function renderCard(main, id) {
  const alert = messageArea({ role: 'alert' });
  main.append(backLink('#/staff', 'К списку сотрудников'));
  let card;
  try { card = await api.get(`/staff/${id}`); } catch (err) {
    if (err.handled) return;
    main.append(pageTitle('Сотрудник'), alert);
    alert.show(err.message, 'error');
    return;
  }
  document.title = `${fullName(card)} — Электронный журнал`;
  const summary = h('div', { class: 'panel people-summary', id: 'card-brief' });
  const fill = (cd) => {
    const pos = (cd.positions || []).map((p) => [p.name, p.category, p.attested_on ? `аттестация ${formatDate(p.attested_on)}` : '']
      .filter(Boolean).join(', ')).join('; ');
    const c = cd.contacts || {};
    summary.replaceChildren(briefList([
      ['Должности', pos || 'не указаны'], ['Предметы', cd.subjects], ['Пол', GENDER[cd.gender]],
      ['Дата рождения', formatDate(cd.birth_date)], ['Рабочий телефон', c.work_phone], ['Рабочий e-mail', c.work_email],
    ]));
  };
  fill(card);
  const groups = h('section', { class: 'people-groups', 'aria-label': 'Сведения' });
  main.append(pageTitle(fullName(card), 'Сотрудник'), summary, alert, groups);
  renderGroups(groups, card, `/staff/${id}`, undefined, fill);
}
