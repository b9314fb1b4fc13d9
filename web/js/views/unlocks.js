// Открытие дат журнала (M-09): запросы учителей на правку закрытых дат. Администратор открывает дату
// на 12 часов (POST …/grant) или отказывает с необязательным комментарием (POST …/refuse).
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Открытие дат журнала';

const STATUS = [['pending', 'Ожидают решения'], ['granted', 'Открытые'], ['refused', 'Отказано'], ['', 'Все']];
const fmtDate = (d) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '');
const fmtTime = (sec) => (sec ? new Date(sec * 1000).toLocaleString('ru-RU', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
}) : '');

export async function render(main, ctx) {
  clear(main);
  const q = ctx.query || new URLSearchParams();
  const msg = messageArea({ id: 'unl-msg' });
  main.append(backLink(), pageTitle('Открытие дат журнала', 'Запросы учителей на исправление записей за закрытые даты'));
  const sel = h('select', { class: 'input', id: 'unl-status' });
  const want = STATUS.some(([v]) => v === q.get('status')) ? q.get('status') : 'pending';
  for (const [v, t] of STATUS) sel.append(h('option', { value: v, selected: v === want }, t));
  const form = h('form', { class: 'unl-controls', id: 'unl-controls' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'unl-status' }, 'Показать'), sel));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  const out = h('div', { id: 'unl-out' });
  main.append(form, msg, out);
  sel.addEventListener('change', () => {
    history.replaceState(null, '', `#/unlocks${sel.value !== 'pending' ? `?status=${sel.value || 'all'}` : ''}`);
    load();
  });
  if (q.get('status') === 'all') sel.value = '';

  const lessonCache = new Map();
  async function lessonOf(id) {
    if (!lessonCache.has(id)) lessonCache.set(id, api.get(`/lessons/${id}`).catch(() => null));
    return lessonCache.get(id);
  }

  let seq = 0;
  async function load() {
    const my = ++seq;
    msg.clear();
    let r;
    try { r = await api.get(`/journal/unlocks?limit=500${sel.value ? `&status=${sel.value}` : ''}`); } catch (e) {
      if (my === seq) msg.show(e.message);
      return;
    }
    if (my !== seq) return;
    clear(out);
    if (!r.items.length) {
      out.append(h('p', { class: 'panel muted', id: 'unl-empty' }, sel.value === 'pending' ? 'Новых запросов нет.' : 'Запросов нет.'));
      return;
    }
    const list = h('ul', { class: 'unl-list', id: 'unl-list' });
    for (const u of r.items) list.append(item(u));
    out.append(list);
  }

  function item(u) {
    const li = h('li', { class: 'unl-item panel', 'data-id': u.id });
    const lessonEl = h('span', { class: 'unl-lesson' }, u.lesson_id ? 'урок…' : 'все уроки даты');
    if (u.lesson_id) {
      lessonOf(u.lesson_id).then((l) => {
        lessonEl.textContent = l ? `${l.lesson_number}-й урок, ${l.class_name}, ${l.subject}` : `урок № ${u.lesson_id}`;
      });
    }
    const state = h('div', { class: 'unl-state' });
    li.append(
      h('div', { class: 'unl-head' },
        h('span', { class: 'unl-teacher' }, u.teacher.name),
        h('span', { class: 'unl-date' }, `Дата: ${fmtDate(u.date)}`)),
      h('dl', { class: 'unl-meta' },
        h('dt', {}, 'Урок'), h('dd', {}, lessonEl),
        h('dt', {}, 'Причина'), h('dd', { class: 'unl-reason' }, u.reason || '—'),
        h('dt', {}, 'Запрошено'), h('dd', {}, fmtTime(u.requested_at))),
      state);
    drawState(u, state);
    return li;
  }

  function drawState(u, box) {
    clear(box);
    if (u.status === 'granted') {
      box.append(u.open
        ? h('p', { class: 'unl-badge unl-open' }, `Открыто до ${fmtTime(u.expires_at)}`)
        : h('p', { class: 'unl-badge unl-expired' }, `Было открыто до ${fmtTime(u.expires_at)}`));
      return;
    }
    if (u.status === 'refused') {
      box.append(h('p', { class: 'unl-badge unl-refused' }, `Отказано ${fmtTime(u.decided_at)}`),
        u.decision_comment ? h('p', { class: 'muted' }, `Комментарий: ${u.decision_comment}`) : null);
      return;
    }
    const err = messageArea({});
    const grant = h('button', { type: 'button', class: 'btn btn-primary unl-grant' }, 'Открыть на 12 часов');
    const refuse = h('button', { type: 'button', class: 'btn unl-refuse' }, 'Отказать');
    const actions = h('div', { class: 'actions unl-actions' }, grant, refuse);
    grant.addEventListener('click', async () => {
      setBusy(grant, true, 'Открываем…');
      try {
        const r = await api.post(`/journal/unlocks/${u.id}/grant`, {});
        drawState(r, box);
      } catch (e) { setBusy(grant, false); err.show(e.message); }
    });
    refuse.addEventListener('click', () => {
      const cid = `unl-comment-${u.id}`;
      const comment = h('input', { type: 'text', class: 'input', id: cid, maxlength: '500' });
      const send = h('button', { type: 'submit', class: 'btn btn-danger-ghost' }, 'Отказать');
      const cancel = h('button', { type: 'button', class: 'btn btn-ghost' }, 'Отмена');
      const f = h('form', { class: 'unl-refuse-form' },
        h('div', { class: 'field' }, h('label', { class: 'label', for: cid }, 'Комментарий (необязательно)'), comment),
        h('div', { class: 'actions' }, send, cancel));
      cancel.addEventListener('click', () => drawState(u, box));
      f.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        setBusy(send, true, 'Отправка…');
        try {
          const body = comment.value.trim() ? { comment: comment.value.trim() } : {};
          const r = await api.post(`/journal/unlocks/${u.id}/refuse`, body);
          drawState(r, box);
        } catch (e) { setBusy(send, false); err.show(e.message); }
      });
      actions.replaceWith(f);
      comment.focus();
    });
    box.append(actions, err);
  }

  await load();
}
