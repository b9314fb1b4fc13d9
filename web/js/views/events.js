// Мероприятия (M-07): школьные и классные мероприятия за период; создание, изменение и удаление —
// для тех, у кого есть права (школьные — events.school.edit, своего класса — events.class.edit.own_class).
import { h, setBusy, clear } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { dateTitle } from './lessons.js';

export const title = 'Мероприятия';
let uid = 0;

function labeled(label, input) {
  input.id = input.id || `ev-f-${++uid}`;
  return h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, label), input);
}
function select(options, props = {}) {
  const s = h('select', { class: 'input', ...props });
  for (const [v, t] of options) s.append(h('option', { value: String(v) }, t));
  return s;
}
const inp = (props) => h('input', { class: 'input', type: 'text', ...props });

export async function render(main, ctx) {
  const ops = schoolOperations();
  const canSchool = ops.has('events.school.edit');
  const canClass = ops.has('events.class.edit.all') || ops.has('events.class.edit.own_class');
  const q = ctx.query || new URLSearchParams();
  const now = new Date();
  const y = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  main.append(backLink('#/timetable', 'К расписанию'), pageTitle('Мероприятия', 'Школьные и классные мероприятия'));
  const msg = messageArea({ id: 'ev-msg' });
  let classes = [];
  try { classes = (await api.get('/classes?limit=500')).items; } catch { classes = []; }
  const from = inp({ type: 'date', id: 'ev-from', value: q.get('from') || `${y}-09-01` });
  const to = inp({ type: 'date', id: 'ev-to', value: q.get('to') || `${y + 1}-08-31` });
  const cls = select([['', 'Все'], ...classes.map((c) => [c.id, c.name])], { id: 'ev-class' });
  const filters = h('form', { class: 'ls-filters' }, labeled('С', from), labeled('По', to), classes.length ? labeled('Класс', cls) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Показать')));
  const list = h('div', { class: 'ls-list', id: 'ev-list', 'aria-live': 'polite' });
  main.append(filters, msg, list);
  if (canSchool || canClass) main.append(editor(null, classes, canSchool, load));

  async function load() {
    clear(list);
    msg.clear();
    let r;
    try { r = await api.get(`/events?from=${from.value}&to=${to.value}${cls.value ? `&class=${cls.value}` : ''}`); } catch (e) { msg.show(e.message, 'error'); return; }
    if (!r.items.length) { list.append(h('p', { class: 'muted', id: 'ev-empty' }, 'Мероприятий нет.')); return; }
    const ul = h('ul', { class: 'ls-day-list' });
    for (const ev of r.items) {
      const li = h('li', { class: 'ls-lesson', 'data-id': String(ev.id) },
        h('div', { class: 'ls-main' }, h('span', { class: 'ls-num' }, dateTitle(ev.date)),
          ev.start_time ? h('span', { class: 'ls-time' }, `${ev.start_time}${ev.end_time ? `–${ev.end_time}` : ''}`) : null,
          h('span', { class: 'ls-subj' }, ev.title),
          h('span', { class: 'ls-meta' }, [ev.place, ev.class_name ? `класс ${ev.class_name}` : ev.audience_title].filter(Boolean).join(' · '))),
        ev.description ? h('div', { class: 'ls-topic' }, ev.description) : null);
      if (ev.audience === 'class' ? canClass : canSchool) {
        const edit = h('button', { type: 'button', class: 'btn btn-ghost btn-sm' }, 'Изменить');
        const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm' }, 'Удалить');
        edit.addEventListener('click', () => { edit.remove(); li.append(editor(ev, classes, canSchool, load)); });
        del.addEventListener('click', async () => {
          if (!confirm(`Удалить мероприятие «${ev.title}»?`)) return;
          try { await api.del(`/events/${ev.id}`); await load(); } catch (e) { msg.show(e.message, 'error'); }
        });
        li.append(h('div', { class: 'actions' }, edit, del));
      }
      ul.append(li);
    }
    list.append(ul);
  }
  filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
}

function editor(ev, classes, canSchool, reload) {
  const auds = [['class', 'Класс']];
  if (canSchool) auds.unshift(['school', 'Вся школа'], ['parents', 'Родители'], ['staff', 'Сотрудники']);
  const title = inp({ name: 'title', maxlength: '200', required: true, value: ev ? ev.title : '' });
  const date = inp({ type: 'date', name: 'date', required: true, value: ev ? ev.date : '' });
  const st = inp({ type: 'time', name: 'start_time', value: ev && ev.start_time ? ev.start_time : '' });
  const et = inp({ type: 'time', name: 'end_time', value: ev && ev.end_time ? ev.end_time : '' });
  const place = inp({ name: 'place', maxlength: '200', value: ev ? ev.place : '' });
  const descr = h('textarea', { class: 'input', name: 'description', rows: '2', maxlength: '2000' }, ev ? ev.description : '');
  const aud = select(auds, { name: 'audience' });
  const cls = select([['', '— класс —'], ...classes.map((c) => [c.id, c.name])], { name: 'class_id' });
  if (ev) { aud.value = ev.audience; cls.value = ev.class_id ? String(ev.class_id) : ''; }
  const clsF = labeled('Класс', cls);
  const sync = () => { clsF.hidden = aud.value !== 'class'; };
  aud.addEventListener('change', sync);
  sync();
  const err = h('p', { class: 'error', role: 'alert' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, ev ? 'Сохранить' : 'Добавить');
  const f = h('form', { class: 'ls-change-form ev-editor' }, ev ? null : h('h2', { class: 'group-title' }, 'Новое мероприятие'),
    labeled('Название', title), labeled('Дата', date), labeled('Начало', st), labeled('Окончание', et), labeled('Место', place),
    labeled('Для кого', aud), clsF, labeled('Описание', descr), err, h('div', { class: 'actions' }, btn));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.textContent = '';
    const body = { title: title.value, date: date.value, place: place.value, description: descr.value, audience: aud.value };
    if (st.value) body.start_time = st.value.slice(0, 5);
    if (et.value) body.end_time = et.value.slice(0, 5);
    if (aud.value === 'class') body.class_id = Number(cls.value) || undefined;
    setBusy(btn, true, 'Сохраняем…');
    try {
      if (ev) await api.put(`/events/${ev.id}`, body); else await api.post('/events', body);
      await reload();
      if (!ev) f.reset();
    } catch (x) { err.textContent = x.message; }
    setBusy(btn, false);
  });
  return f;
}
