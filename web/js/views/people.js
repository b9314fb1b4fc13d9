// «Ученики и родители»: мгновенный поиск по-русски (регистр и ё/е не важны), фильтры класса и
// роли, список со страницами; карточка ученика или родителя с группами полей и родителями.
// Адреса: #/people, #/people/student/ID, #/people/parent/ID.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { renderGroups, briefList, fullName, formatDate, GENDER } from './people-card.js';

export const title = 'Ученики и родители';
const PAGE = 50;
const ROLE_TITLE = { student: 'ученик', parent: 'родитель', staff: 'сотрудник' };
const STATUS = { enrolled: 'обучается', applicant: 'не зачислен', withdrawn: 'выбыл', graduated: 'окончил' };
const RELATIONS = ['мать', 'отец', 'опекун', 'попечитель', 'бабушка', 'дедушка', 'брат', 'сестра', 'другое'];

export async function render(main, ctx) {
  const [kind, id] = ctx.args;
  if ((kind === 'student' || kind === 'parent') && /^\d+$/.test(id || '')) return renderPerson(main, kind, Number(id));
  return renderList(main, ctx);
}

async function loadClasses() {
  try {
    const r = await api.get('/classes');
    const items = Array.isArray(r) ? r : r.items || r.classes || [];
    return items.filter((c) => c && c.id && c.name);
  } catch { return []; }
}

function renderList(main, ctx) {
  const q = ctx.query;
  const status = messageArea({ id: 'people-status', role: 'status' });
  const search = h('input', {
    id: 'people-q', type: 'search', class: 'input', autocomplete: 'off', value: q.get('q') || '',
    placeholder: 'Фамилия, имя или отчество', 'aria-describedby': 'people-q-hint',
  });
  const role = h('select', { id: 'people-role', class: 'input' },
    h('option', { value: '' }, 'Ученики и родители'),
    h('option', { value: 'student' }, 'Ученики'),
    h('option', { value: 'parent' }, 'Родители'));
  role.value = q.get('role') || '';
  const klass = h('select', { id: 'people-class', class: 'input' }, h('option', { value: '' }, 'Все классы'));
  const table = h('div', { class: 'table-wrap', id: 'people-list', 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager pager-bottom' });
  main.append(backLink(), pageTitle('Ученики и родители', 'Поиск по любой части ФИО: регистр и «ё» не важны.'),
    h('div', { class: 'filters people-filters', role: 'search' },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'people-q' }, 'Поиск'), search,
        h('p', { class: 'hint', id: 'people-q-hint' }, 'Например: «елкин» найдёт «Ёлкин»')),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'people-role' }, 'Кого показать'), role),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'people-class' }, 'Класс'), klass)),
    status, table, pager);

  loadClasses().then((cls) => {
    for (const c of cls) klass.append(h('option', { value: c.id }, c.name));
    if (q.get('class')) klass.value = q.get('class');
  });

  let offset = Number(q.get('offset')) || 0;
  let reqNo = 0;
  let timer = null;

  async function load() {
    const my = ++reqNo;
    const p = new URLSearchParams({ limit: PAGE, offset });
    if (search.value.trim()) p.set('q', search.value.trim());
    p.set('role', role.value || '');
    if (!role.value) p.delete('role');
    if (klass.value) p.set('class', klass.value);
    table.setAttribute('aria-busy', 'true');
    try {
      // без фильтра роли — ученики и родители (сотрудники в своём разделе)
      if (!role.value) p.set('role', 'student,parent');
      const r = await api.get(`/people?${p}`);
      if (my !== reqNo) return;
      status.clear();
      draw(r);
    } catch (err) {
      if (err.handled || my !== reqNo) return;
      status.show(err.message, 'error');
    } finally {
      if (my === reqNo) table.removeAttribute('aria-busy');
    }
  }

  function draw(r) {
    clear(table);
    if (!r.items.length) {
      table.append(h('p', { class: 'people-empty muted', id: 'people-empty' }, 'Никого не найдено.'));
    } else {
      table.append(h('table', { class: 'data-table people-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'ФИО'), h('th', {}, 'Кто'), h('th', {}, 'Класс'), h('th', {}, 'Дата рождения'))),
        h('tbody', {}, r.items.map((p) => {
          const kind = p.roles.includes('student') ? 'student' : 'parent';
          return h('tr', {},
            h('td', {}, h('a', { href: `#/people/${kind}/${p.id}`, class: 'people-link' }, p.full_name)),
            h('td', {}, p.roles.map((x) => ROLE_TITLE[x]).join(', ')),
            h('td', {}, p.class ? p.class.name : ''),
            h('td', { class: 'col-time' }, formatDate(p.birth_date)));
        }))));
    }
    clear(pager);
    const from = r.total ? offset + 1 : 0, to = Math.min(offset + PAGE, r.total);
    const prev = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', disabled: offset === 0 }, '← Назад');
    const next = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', disabled: offset + PAGE >= r.total }, 'Далее →');
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
    next.addEventListener('click', () => { offset += PAGE; load(); });
    pager.append(prev, h('p', { class: 'pager-range', id: 'people-range' }, `${from}–${to} из ${r.total}`), next);
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { offset = 0; load(); }, 200);
  });
  role.addEventListener('change', () => { offset = 0; load(); });
  klass.addEventListener('change', () => { offset = 0; load(); });
  load();
}

async function renderPerson(main, kind, id) {
  const path = kind === 'student' ? `/students/${id}` : `/parents/${id}`;
  const alert = messageArea({ role: 'alert' });
  main.append(backLink('#/people', 'К списку'));
  let card;
  try {
    card = await api.get(path);
  } catch (err) {
    if (err.handled) return;
    main.append(pageTitle(kind === 'student' ? 'Ученик' : 'Родитель'), alert);
    alert.show(err.message, 'error');
    return;
  }
  document.title = `${fullName(card)} — Электронный журнал`;
  const summary = h('div', { class: 'panel people-summary', id: 'card-brief' });
  const fill = (cd) => {
    const brief = [
      ['Пол', GENDER[cd.gender]],
      ['Дата рождения', formatDate(cd.birth_date)],
    ];
    if (kind === 'student') {
      brief.push(['Класс', cd.class ? cd.class.name : 'не в классе']);
      if (cd.class && cd.class.teacher) brief.push(['Классный руководитель', cd.class.teacher.full_name]);
      brief.push(['Статус', STATUS[cd.status] || cd.status]);
      if (cd.personal_file_no) brief.push(['№ личного дела', cd.personal_file_no]);
    }
    const c = cd.contacts || {};
    brief.push(['Домашний телефон', c.home_phone], ['Мобильный телефон', c.mobile_phone], ['E-mail', c.email],
      ['Способ связи', c.preferred_contact]);
    summary.replaceChildren(briefList(brief));
  };
  fill(card);
  const groups = h('section', { class: 'people-groups', 'aria-label': 'Сведения' });
  main.append(pageTitle(fullName(card), kind === 'student' ? 'Ученик' : 'Родитель (законный представитель)'),
    summary, alert, groups);
  renderGroups(groups, card, path, undefined, fill);
  if (kind === 'student') main.append(await parentsBlock(id));
  else main.append(childrenBlock(card));
}

function childrenBlock(card) {
  return h('section', { class: 'panel people-links', 'aria-labelledby': 'children-h' },
    h('h2', { class: 'people-h2', id: 'children-h' }, 'Дети'),
    (card.children || []).length
      ? h('ul', { class: 'people-linklist' }, card.children.map((k) => h('li', {},
        h('a', { href: `#/people/student/${k.id}` }, fullName(k)), k.class ? ` — ${k.class.name}` : '',
        k.relation ? ` (${k.relation})` : '')))
      : h('p', { class: 'muted' }, 'Нет связанных учеников.'));
}

async function parentsBlock(studentId) {
  const box = h('section', { class: 'panel people-links', id: 'parents', 'aria-labelledby': 'parents-h' });
  const msg = messageArea({ role: 'alert' });
  async function draw(data) {
    clear(box);
    box.append(h('h2', { class: 'people-h2', id: 'parents-h' }, 'Родители и законные представители'));
    if (!data.items.length) box.append(h('p', { class: 'muted' }, 'Родители не указаны.'));
    else {
      box.append(h('ul', { class: 'people-linklist', id: 'parents-list' }, data.items.map((p) => {
        const li = h('li', {}, h('a', { href: `#/people/parent/${p.id}` }, fullName(p)), ` — ${p.relation || 'родство не указано'}`,
          p.contacts && p.contacts.mobile_phone ? `, ${p.contacts.mobile_phone}` : '');
        if (data.can_edit) {
          const del = h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm people-unlink' }, 'Убрать связь');
          del.addEventListener('click', async () => {
            setBusy(del, true);
            try { draw(await api.del(`/students/${studentId}/parents/${p.id}`)); } catch (err) {
              if (!err.handled) msg.show(err.message, 'error');
              setBusy(del, false);
            }
          });
          li.append(' ', del);
        }
        return li;
      })));
    }
    if (data.can_edit) box.append(linkForm(), msg);
  }
  function linkForm() {
    const q = h('input', { id: 'link-q', type: 'search', class: 'input', autocomplete: 'off', placeholder: 'Фамилия родителя' });
    const pick = h('select', { id: 'link-parent', class: 'input' }, h('option', { value: '' }, 'Сначала найдите родителя'));
    const rel = h('select', { id: 'link-relation', class: 'input' }, RELATIONS.map((r) => h('option', { value: r }, r)));
    const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Связать');
    let t = null;
    q.addEventListener('input', () => {
      clearTimeout(t);
      t = setTimeout(async () => {
        if (!q.value.trim()) return;
        try {
          const r = await api.get(`/people?role=parent&limit=20&q=${encodeURIComponent(q.value.trim())}`);
          clear(pick);
          pick.append(h('option', { value: '' }, r.items.length ? 'Выберите родителя' : 'Никого не найдено'));
          for (const p of r.items) pick.append(h('option', { value: p.id }, p.full_name));
        } catch (err) { if (!err.handled) msg.show(err.message, 'error'); }
      }, 200);
    });
    const form = h('form', { class: 'people-linkform', novalidate: true },
      h('h3', { class: 'people-h3' }, 'Связать с родителем из списка школы'),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'link-q' }, 'Поиск родителя'), q),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'link-parent' }, 'Родитель'), pick),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'link-relation' }, 'Степень родства'), rel),
      h('div', { class: 'people-actions' }, btn));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!pick.value) { msg.show('Выберите родителя.', 'error'); return; }
      setBusy(btn, true, 'Связываем…');
      try {
        draw(await api.post(`/students/${studentId}/parents`, { parent_id: Number(pick.value), relation: rel.value }));
      } catch (err) { if (!err.handled) msg.show(err.message, 'error'); setBusy(btn, false); }
    });
    return form;
  }
  try { await draw(await api.get(`/students/${studentId}/parents`)); } catch (err) {
    if (!err.handled) { box.append(msg); msg.show(err.message, 'error'); }
  }
  return box;
}
