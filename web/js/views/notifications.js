// Уведомления (M-11): список (непрочитанные выделены, «Прочитано», «Прочитать все»), настройки —
// какие уведомления и каким каналом (в приложении всегда; e-mail и SMS, если школа их подключила),
// адрес и телефон, тихие часы. #/notifications
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea, field } from '../ui.js';

export const title = 'Уведомления';

const KINDS = {
  mark: 'Отметки',
  absence: 'Пропуски уроков',
  homework: 'Домашние задания',
  timetable_change: 'Изменения расписания',
  event: 'Мероприятия',
  announcement: 'Объявления',
  alert: 'Предупреждения об успеваемости',
  digest: 'Сводка за неделю',
};
const PAGE = 50;

function when(ts) {
  const d = new Date(Number(ts) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('ru-RU', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}

export async function render(main, ctx) {
  document.title = 'Уведомления — Электронный журнал';
  const msg = messageArea({ id: 'nt-msg' });
  const sub = h('p', { class: 'page-sub', id: 'nt-unread' });
  const head = pageTitle('Уведомления');
  head.append(sub);
  const readAll = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'nt-read-all', hidden: true }, 'Прочитать все');
  const list = h('ul', { class: 'nt-list', id: 'nt-list', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn btn-ghost btn-block', id: 'nt-more', hidden: true }, 'Показать ещё');
  const prefsBox = h('section', { class: 'panel nt-prefs', id: 'nt-prefs', 'aria-labelledby': 'nt-prefs-title' },
    h('h2', { class: 'dy-h2', id: 'nt-prefs-title' }, 'Настройки уведомлений'));
  main.classList.add('dy-main');
  main.append(backLink(ctx && ctx.query && ctx.query.get('from') === 'diary' ? '#/diary' : '#/home', ctx && ctx.query && ctx.query.get('from') === 'diary' ? 'В дневник' : 'На главную'),
    head, msg, h('div', { class: 'actions nt-actions' }, readAll), list, more, prefsBox);

  let items = [];
  let total = 0;
  let unread = 0;

  function showUnread() {
    sub.textContent = unread ? `Непрочитанных: ${unread}` : 'Все уведомления прочитаны';
    readAll.hidden = !items.some((x) => !x.read);
  }

  function itemEl(x) {
    const li = h('li', { class: `nt-item${x.read ? '' : ' is-unread'}`, 'data-id': String(x.id) },
      h('p', { class: 'nt-title' }, x.read ? null : h('span', { class: 'visually-hidden' }, 'Новое: '), x.title),
      x.body ? h('p', { class: 'nt-body' }, x.body) : null,
      h('p', { class: 'nt-time' }, [KINDS[x.kind] || '', when(x.created_at)].filter(Boolean).join(' · ')));
    if (!x.read) {
      const b = h('button', { type: 'button', class: 'btn btn-ghost nt-read' }, 'Прочитано');
      b.addEventListener('click', async () => {
        setBusy(b, true);
        try {
          await markRead(x);
          li.replaceWith(itemEl(x));
          showUnread();
        } catch (e) { setBusy(b, false); msg.show(e.message); }
      });
      li.children[0].after(b);
    }
    return li;
  }

  async function markRead(x) {
    await api.post(`/notifications/${x.id}/read`);
    if (!x.read) { x.read = true; unread = Math.max(0, unread - 1); }
  }

  async function load(offset) {
    const r = await api.get(`/notifications?limit=${PAGE}&offset=${offset}`);
    const got = r.items || [];
    if (!offset) { items = []; clear(list); }
    items.push(...got);
    total = Number(r.total) || items.length;
    unread = Number(r.unread ?? items.filter((x) => !x.read).length);
    for (const x of got) list.append(itemEl(x));
    if (!items.length) list.append(h('li', { class: 'muted dy-empty', id: 'nt-empty' }, 'Уведомлений пока нет.'));
    more.hidden = items.length >= total;
    showUnread();
  }

  more.addEventListener('click', async () => {
    setBusy(more, true, 'Загрузка…');
    try { await load(items.length); } catch (e) { msg.show(e.message); }
    setBusy(more, false);
  });
  readAll.addEventListener('click', async () => {
    setBusy(readAll, true, 'Отмечаем…');
    try {
      for (const x of items.filter((y) => !y.read)) await markRead(x);
      await load(0);
    } catch (e) { msg.show(e.message); }
    setBusy(readAll, false);
    showUnread();
  });

  try { await load(0); } catch (e) { if (e.handled) throw e; msg.show('Не удалось загрузить уведомления.', 'error', e.message); }
  await renderPrefs(prefsBox);
}

async function renderPrefs(box) {
  let p;
  try { p = await api.get('/notifications/preferences'); } catch (e) {
    if (e.handled) throw e;
    box.append(h('p', { class: 'muted' }, e.status === 404 ? 'Настройки уведомлений пока недоступны.' : e.message));
    return;
  }
  const msg = messageArea({ id: 'nt-prefs-msg' });
  const chan = p.school_channels || {};
  const form = h('form', { class: 'form', id: 'nt-prefs-form', novalidate: true });
  const boxes = [];
  const tbody = h('tbody');
  for (const [kind, v] of Object.entries(p.kinds || {})) {
    const cell = (ch, on, enabled) => {
      const id = `nt-${kind}-${ch}`;
      const cb = h('input', { type: 'checkbox', class: 'checkbox', id, checked: !!on, disabled: !enabled, 'data-kind': kind, 'data-channel': ch });
      if (ch !== 'in_app') boxes.push(cb);
      return h('td', {}, h('label', { class: 'visually-hidden', for: id }, `${KINDS[kind] || kind}: ${ch === 'email' ? 'e-mail' : ch === 'sms' ? 'SMS' : 'в приложении'}`), cb);
    };
    tbody.append(h('tr', {}, h('th', { scope: 'row' }, KINDS[kind] || kind),
      cell('in_app', true, false), cell('email', v.email, chan.email !== false), cell('sms', v.sms, chan.sms !== false)));
  }
  form.append(h('div', { class: 'table-wrap' }, h('table', { class: 'nt-pref-table' },
    h('caption', { class: 'visually-hidden' }, 'Какие уведомления и куда присылать'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Что'), h('th', { scope: 'col' }, 'В журнале'), h('th', { scope: 'col' }, 'E-mail'), h('th', { scope: 'col' }, 'SMS'))),
    tbody)));
  const notes = [];
  if (chan.email === false) notes.push('школа пока не подключила рассылку по e-mail');
  if (chan.sms === false) notes.push('школа пока не подключила SMS');
  if (notes.length) form.append(h('p', { class: 'hint' }, `Сейчас ${notes.join(', ')}.`));

  const email = field({ id: 'nt-email', label: 'E-mail для уведомлений', type: 'email', autocomplete: 'email', hint: p.card_email ? `Если не указать — ${p.card_email} (из карточки)` : undefined });
  email.input.value = p.email || '';
  const phone = field({ id: 'nt-phone', label: 'Телефон для SMS', type: 'tel', autocomplete: 'tel', hint: p.card_phone ? `Если не указать — ${p.card_phone} (из карточки)` : undefined });
  phone.input.value = p.phone || '';
  const qOn = h('input', { type: 'checkbox', class: 'checkbox', id: 'nt-quiet-on', checked: !!p.quiet_hours });
  const qFrom = field({ id: 'nt-quiet-from', label: 'С', type: 'time' });
  const qTo = field({ id: 'nt-quiet-to', label: 'До', type: 'time' });
  qFrom.input.value = p.quiet_hours ? p.quiet_hours.from : '22:00';
  qTo.input.value = p.quiet_hours ? p.quiet_hours.to : '07:00';
  const quiet = h('div', { class: 'nt-quiet' }, qFrom.el, qTo.el);
  const syncQuiet = () => { quiet.hidden = !qOn.checked; };
  qOn.addEventListener('change', syncQuiet);
  syncQuiet();
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'nt-save' }, 'Сохранить настройки');
  form.append(email.el, phone.el,
    h('div', { class: 'check' }, qOn, h('label', { for: 'nt-quiet-on' }, 'Тихие часы: не присылать e-mail и SMS')),
    quiet,
    p.timezone ? h('p', { class: 'hint' }, `Время — по часовому поясу школы (${p.timezone}).`) : null,
    msg, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const f of [email, phone, qFrom, qTo]) f.setError('');
    const kinds = {};
    for (const cb of boxes) {
      if (cb.disabled) continue;
      (kinds[cb.dataset.kind] ||= {})[cb.dataset.channel] = cb.checked;
    }
    const body = { kinds, email: email.input.value.trim(), phone: phone.input.value.trim(), quiet_hours: qOn.checked ? { from: qFrom.input.value, to: qTo.input.value } : null };
    setBusy(save, true, 'Сохранение…');
    try {
      await api.put('/notifications/preferences', body);
      msg.show('Настройки сохранены.', 'ok');
    } catch (err) {
      if (err.handled) return;
      const f = { email, phone, quiet_hours: qFrom }[err.field];
      if (f) f.setError(err.message);
      msg.show(err.message, 'error');
    }
    setBusy(save, false);
  });
  box.append(form);
}
