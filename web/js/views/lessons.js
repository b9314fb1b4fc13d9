// Уроки по датам (M-07): уроки класса или учителя за период, мероприятия этих дат, изменения на дату
// (замена учителя, замена кабинета, отмена) для составителей расписания, создание уроков из расписания.
import { h, setBusy, clear } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations, state } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Уроки по датам';

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
let uid = 0;

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
export function dateTitle(s) {
  const d = new Date(`${s}T12:00:00`);
  return `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)}, ${WEEKDAYS[d.getDay()]}`;
}
function weekRange() {
  const d = new Date();
  const monday = new Date(d);
  monday.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const sunday = new Date(monday);
  sunday.setDate(monday.getDate() + 6);
  return [iso(monday), iso(sunday)];
}
function labeled(label, input) {
  input.id = input.id || `ls-f-${++uid}`;
  return h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, label), input);
}
function select(options, props = {}) {
  const s = h('select', { class: 'input', ...props });
  for (const [v, t] of options) s.append(h('option', { value: String(v) }, t));
  return s;
}
export function eventLine(ev) {
  const time = ev.start_time ? `${ev.start_time}${ev.end_time ? `–${ev.end_time}` : ''} · ` : '';
  return h('li', { class: 'ls-event' }, h('span', { class: 'ls-badge ls-badge-event' }, 'Мероприятие'), ' ',
    `${time}${ev.title}`, ev.place ? ` · ${ev.place}` : '', ev.class_name ? ` · ${ev.class_name}` : ` · ${ev.audience_title}`);
}

function badges(l) {
  const out = [];
  if (l.status === 'cancelled') out.push(['ls-badge-cancel', 'Отменён']);
  if (l.substitute) out.push(['ls-badge-sub', `Замена: ${l.substitute}`]);
  if (l.changes.includes('room')) out.push(['ls-badge-room', 'Кабинет изменён']);
  if (l.extra) out.push(['ls-badge-extra', 'Дополнительный урок']);
  if (l.flagged) out.push(['ls-badge-flag', 'Расписание изменилось, урок сохранён (есть данные)']);
  return out.map(([c, t]) => h('span', { class: `ls-badge ${c}` }, t));
}

export async function render(main, ctx) {
  const ops = schoolOperations();
  const canEdit = ops.has('timetable.edit');
  const me = state.me && state.me.person ? state.me.person.id : 0;
  const [from0, to0] = weekRange();
  const q = ctx.query || new URLSearchParams();
  main.append(backLink('#/timetable', 'К расписанию'), pageTitle('Уроки по датам', 'Уроки класса или учителя с заменами, отменами и мероприятиями'));
  const msg = messageArea({ id: 'ls-msg' });

  let classes = [], teachers = [], rooms = [];
  try { classes = (await api.get('/classes?limit=500')).items; } catch { classes = []; }
  if (canEdit) {
    try { teachers = (await api.get('/teachers')).items; } catch { teachers = []; }
    try { rooms = (await api.get('/dictionaries/rooms')).items.filter((r) => !r.archived); } catch { rooms = []; }
  }
  const who = select([[me ? `t${me}` : '', 'Мои уроки'], ...classes.map((c) => [`c${c.id}`, `Класс ${c.name}`])], { name: 'who', id: 'ls-who' });
  if (q.get('who')) who.value = q.get('who');
  const from = h('input', { class: 'input', type: 'date', name: 'from', id: 'ls-from', value: q.get('from') || from0 });
  const to = h('input', { class: 'input', type: 'date', name: 'to', id: 'ls-to', value: q.get('to') || to0 });
  const form = h('form', { class: 'ls-filters', id: 'ls-filters' }, labeled('Чьи уроки', who), labeled('С', from), labeled('По', to),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Показать')));
  const list = h('div', { class: 'ls-list', id: 'ls-list', 'aria-live': 'polite' });
  main.append(form, msg, list);
  if (canEdit) main.append(await generator(msg));

  async function load() {
    clear(list);
    msg.clear();
    const v = who.value;
    if (!v) { list.append(h('p', { class: 'muted' }, 'Выберите класс.')); return; }
    const param = v[0] === 't' ? `teacher=${v.slice(1)}` : `class=${v.slice(1)}`;
    const cls = v[0] === 'c' ? `&class=${v.slice(1)}` : '';
    let lessons, events;
    try {
      [lessons, events] = await Promise.all([
        api.get(`/lessons?${param}&from=${from.value}&to=${to.value}`),
        api.get(`/events?from=${from.value}&to=${to.value}${cls}`).catch(() => ({ items: [] })),
      ]);
    } catch (err) { msg.show(err.message, 'error'); return; }
    const days = new Map();
    for (const e of events.items) { if (!days.has(e.date)) days.set(e.date, { l: [], e: [] }); days.get(e.date).e.push(e); }
    for (const l of lessons.items) { if (!days.has(l.date)) days.set(l.date, { l: [], e: [] }); days.get(l.date).l.push(l); }
    if (!days.size) { list.append(h('p', { class: 'muted', id: 'ls-empty' }, 'В эти дни уроков и мероприятий нет.')); return; }
    for (const d of [...days.keys()].sort()) {
      const day = days.get(d);
      const ul = h('ul', { class: 'ls-day-list' });
      day.e.forEach((e) => ul.append(eventLine(e)));
      for (const l of day.l) {
        const li = h('li', { class: `ls-lesson${l.status === 'cancelled' ? ' is-cancelled' : ''}`, 'data-id': String(l.id) },
          h('div', { class: 'ls-main' },
            h('span', { class: 'ls-num' }, `${l.lesson_number} урок`),
            l.start_time ? h('span', { class: 'ls-time' }, `${l.start_time}–${l.end_time}`) : null,
            h('span', { class: 'ls-subj' }, `${l.subject}${l.subgroup ? ` (${l.subgroup})` : ''}`),
            h('span', { class: 'ls-meta' }, `${v[0] === 't' ? l.class_name : l.teacher}${l.room ? ` · каб. ${l.room}` : ''}`)),
          h('div', { class: 'ls-badges' }, badges(l)),
          l.topic ? h('div', { class: 'ls-topic' }, `Тема: ${l.topic}`) : null);
        if (canEdit && l.status === 'planned') {
          const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm ls-change' }, 'Изменить');
          btn.addEventListener('click', () => { btn.remove(); li.append(changeForm(l, teachers, rooms, load)); });
          li.append(btn);
        }
        ul.append(li);
      }
      list.append(h('section', { class: 'ls-day' }, h('h3', { class: 'ls-date' }, dateTitle(d)), ul));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    history.replaceState(null, '', `#/lessons?who=${encodeURIComponent(who.value)}&from=${from.value}&to=${to.value}`);
    load();
  });
  await load();
}

function changeForm(l, teachers, rooms, reload) {
  const kind = select([['substitution', 'Замена учителя'], ['room', 'Замена кабинета'], ['cancel', 'Отмена урока']], { name: 'kind' });
  const sub = select([['', '— выберите учителя —'], ...teachers.filter((t) => t.id !== l.teacher_id).map((t) => [t.id, t.name])], { name: 'substitute_id' });
  const room = select([['', '— выберите кабинет —'], ...rooms.filter((r) => r.id !== l.room_id).map((r) => [r.id, r.name])], { name: 'room_id' });
  const reason = h('input', { class: 'input', type: 'text', name: 'reason', maxlength: '300' });
  const subF = labeled('Заменяющий учитель', sub), roomF = labeled('Кабинет', room);
  const err = h('p', { class: 'error ls-error', role: 'alert' });
  const ok = h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Сохранить');
  const sync = () => { subF.hidden = kind.value !== 'substitution'; roomF.hidden = kind.value !== 'room'; };
  kind.addEventListener('change', sync);
  sync();
  const f = h('form', { class: 'ls-change-form' }, labeled('Изменение', kind), subF, roomF, labeled('Причина', reason), err, h('div', { class: 'actions' }, ok));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const body = { reason: reason.value };
    if (kind.value === 'substitution') { if (!sub.value) { err.textContent = 'Выберите заменяющего учителя'; return; } body.substitute_id = Number(sub.value); }
    if (kind.value === 'room') { if (!room.value) { err.textContent = 'Выберите кабинет'; return; } body.room_id = Number(room.value); }
    setBusy(ok, true, 'Сохраняем…');
    try {
      await api.post(`/lessons/${l.id}/${kind.value}`, body);
      await reload();
    } catch (e) {
      err.textContent = e.message;
      setBusy(ok, false);
    }
  });
  return f;
}

async function generator(msg) {
  let periods = [];
  try {
    const years = await api.get('/years');
    periods = (await api.get(`/years/${years.current_id}/periods`)).periods;
  } catch { periods = []; }
  const p = select(periods.map((x) => [x.id, `${x.name} (${x.start_date} — ${x.end_date})`]), { name: 'period_id' });
  const out = h('p', { class: 'muted', id: 'ls-gen-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-sm' }, 'Создать уроки из расписания');
  const f = h('form', { class: 'ls-generate', id: 'ls-generate' }, h('h2', { class: 'group-title' }, 'Календарь уроков'),
    h('p', { class: 'muted' }, 'Уроки создаются по расписанию периода без каникул. Повторный запуск приводит календарь в соответствие с расписанием; уроки с темой или заданием сохраняются с пометкой.'),
    labeled('Период', p), h('div', { class: 'actions' }, btn), out);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setBusy(btn, true, 'Создаём…');
    try {
      const r = await api.post('/lessons/generate', { period_id: Number(p.value) });
      out.textContent = `Создано: ${r.created}, удалено: ${r.removed}, сохранено с пометкой: ${r.kept_flagged}.`;
    } catch (e) { out.textContent = e.message; }
    setBusy(btn, false);
  });
  void msg;
  return f;
}
