// Электронный дневник (M-10), прежде всего для телефона: #/diary?student=ID&week=YYYY-MM-DD&tab=week|marks|absences|homework.
// Родитель с несколькими детьми переключает ребёнка (запоминается в адресе); неделя по дням
// (пн–сб, воскресенье — только если в нём что-то есть), стрелки, «Сегодня» и жест (pointer events);
// вкладки «Отметки», «Пропуски», «Задания» — в diary-tabs.js. Колокольчик — непрочитанные уведомления.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import {
  WEEKDAYS, dayMonth, weekRange, weekdayOf, nameOf, markText, markSpoken, markClass, fmtWeight,
  attendanceBadge, fileLinks, svgIcon, shortDate,
} from './diary-util.js';
import { renderMarks, renderAbsences, renderHomework } from './diary-tabs.js';

export const title = 'Дневник';

const TABS = [
  { key: 'week', label: 'Дневник' },
  { key: 'marks', label: 'Отметки' },
  { key: 'absences', label: 'Пропуски' },
  { key: 'homework', label: 'Задания' },
];

export async function render(main, ctx) {
  const q = ctx.query || new URLSearchParams();
  const st = {
    student: q.get('student') || '',
    week: /^\d{4}-\d{2}-\d{2}$/.test(q.get('week') || '') ? q.get('week') : '',
    tab: TABS.some((t) => t.key === q.get('tab')) ? q.get('tab') : 'week',
  };
  const msg = messageArea({ id: 'dy-msg' });
  const bell = bellLink();
  const head = h('div', { class: 'dy-head' }, pageTitle('Дневник'), bell);
  main.classList.add('dy-main');
  main.append(backLink(), head, msg);

  let students = [];
  try {
    students = (await api.get('/diary/students')).items || [];
  } catch (e) {
    if (e.handled) throw e;
    msg.show('Не удалось открыть дневник.', 'error', e.message);
    return;
  }
  if (!students.length) {
    main.append(h('div', { class: 'panel empty', id: 'dy-none' },
      h('p', { class: 'empty-title' }, 'Нет дневников'),
      h('p', { class: 'muted' }, 'К вашей учётной записи не привязан ни один ученик. Обратитесь к классному руководителю.')));
    return;
  }
  if (!students.some((x) => String(x.id) === st.student)) st.student = String((students.find((x) => x.current) || students[0]).id);

  const who = h('p', { class: 'dy-who', id: 'dy-who' });
  const switcher = students.length > 1 ? childSwitcher(students, st, () => { sync(); loadTab(); }) : null;
  const tabs = h('div', { class: 'dy-tabs', role: 'tablist', 'aria-label': 'Разделы дневника' });
  const panel = h('div', { class: 'dy-panel', id: 'dy-panel', role: 'tabpanel', 'aria-live': 'polite' });
  const tabButtons = TABS.map((t) => {
    const b = h('button', {
      type: 'button', role: 'tab', class: 'dy-tab', id: `dy-tab-${t.key}`, 'data-tab': t.key,
      'aria-controls': 'dy-panel',
    }, t.label);
    b.addEventListener('click', () => { st.tab = t.key; sync(); loadTab(); });
    b.addEventListener('keydown', (e) => {
      const i = TABS.findIndex((x) => x.key === t.key);
      const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
      if (j == null) return;
      e.preventDefault();
      const nb = tabButtons[(j + TABS.length) % TABS.length];
      nb.focus(); nb.click();
    });
    return b;
  });
  tabs.append(...tabButtons);
  main.append(switcher, who, tabs, panel);

  function sync() {
    const p = new URLSearchParams();
    if (students.length > 1) p.set('student', st.student);
    if (st.tab !== 'week') p.set('tab', st.tab);
    if (st.week && st.tab === 'week') p.set('week', st.week);
    const s = p.toString();
    history.replaceState(null, '', `#/diary${s ? `?${s}` : ''}`);
    for (const b of tabButtons) {
      const on = b.dataset.tab === st.tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    if (panel) panel.setAttribute('aria-labelledby', `dy-tab-${st.tab}`);
    const cur = students.find((x) => String(x.id) === st.student);
    who.textContent = cur ? `${cur.full_name || cur.name}${cur.class ? `, ${nameOf(cur.class)} класс` : ''}` : '';
    if (switcher) switcher.update();
  }

  let seq = 0;
  async function loadTab() {
    const my = ++seq;
    msg.clear();
    clear(panel);
    panel.append(h('p', { class: 'muted dy-loading' }, 'Загрузка…'));
    const alive = () => my === seq;
    try {
      if (st.tab === 'week') await renderWeek(panel, st, alive, (week) => { st.week = week; sync(); loadTab(); });
      else if (st.tab === 'marks') await renderMarks(panel, st, alive);
      else if (st.tab === 'absences') await renderAbsences(panel, st, alive);
      else await renderHomework(panel, st, alive);
    } catch (e) {
      if (e.handled || !alive()) return;
      clear(panel);
      msg.show('Не удалось загрузить данные дневника.', 'error', e.message);
    }
  }

  sync();
  loadBell(bell);
  await loadTab();
}

/** Переключатель детей: кнопки (до 4 детей) или список. */
function childSwitcher(students, st, onChange) {
  const label = h('span', { class: 'dy-switch-label', id: 'dy-switch-label' }, 'Ребёнок');
  let el;
  if (students.length <= 4) {
    const btns = students.map((x) => {
      const full = x.full_name || x.name || '';
      const short = (x.name || full).split(/\s+/)[1] || x.name || full;
      const b = h('button', { type: 'button', class: 'dy-child', 'data-student': String(x.id), 'aria-pressed': 'false', title: full },
        h('span', { class: 'dy-child-name' }, short),
        h('span', { class: 'visually-hidden' }, ` (${full})`),
        x.class ? h('span', { class: 'dy-child-class' }, nameOf(x.class)) : null);
      b.addEventListener('click', () => { if (st.student !== String(x.id)) { st.student = String(x.id); onChange(); } });
      return b;
    });
    el = h('div', { class: 'dy-switch', id: 'dy-switch', role: 'group', 'aria-labelledby': 'dy-switch-label' }, label, h('div', { class: 'dy-children' }, btns));
    el.update = () => { for (const b of btns) b.setAttribute('aria-pressed', b.dataset.student === st.student ? 'true' : 'false'); };
  } else {
    const sel = h('select', { class: 'input', id: 'dy-child-select' },
      students.map((x) => h('option', { value: String(x.id) }, `${x.name || x.full_name}${x.class ? `, ${nameOf(x.class)}` : ''}`)));
    sel.addEventListener('change', () => { st.student = sel.value; onChange(); });
    el = h('div', { class: 'dy-switch field', id: 'dy-switch' }, h('label', { class: 'label', for: 'dy-child-select' }, 'Ребёнок'), sel);
    el.update = () => { sel.value = st.student; };
  }
  return el;
}

// ---------- неделя ----------

async function renderWeek(panel, st, alive, go) {
  const p = new URLSearchParams({ student: st.student });
  if (st.week) p.set('week', st.week);
  const data = await api.get(`/diary?${p}`);
  if (!alive()) return;
  clear(panel);
  const wk = data.week || {};
  const today = data.today || '';
  const isCurrent = today && wk.start && today >= wk.start && today <= wk.end;

  const prev = h('button', { type: 'button', class: 'dy-nav-btn', id: 'dy-prev', 'aria-label': 'Предыдущая неделя', title: 'Предыдущая неделя' }, svgIcon('prev'));
  const next = h('button', { type: 'button', class: 'dy-nav-btn', id: 'dy-next', 'aria-label': 'Следующая неделя', title: 'Следующая неделя' }, svgIcon('next'));
  const todayBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm dy-today-btn', id: 'dy-today', disabled: isCurrent }, 'Сегодня');
  prev.addEventListener('click', () => go(wk.prev));
  next.addEventListener('click', () => go(wk.next));
  todayBtn.addEventListener('click', () => go(''));
  const range = h('p', { class: 'dy-range', id: 'dy-range' }, wk.start ? weekRange(wk.start, wk.end) : '');
  panel.append(h('div', { class: 'dy-weeknav' }, prev, h('div', { class: 'dy-range-box' }, range, todayBtn), next));

  const changes = data.changes || [];
  if (changes.length) {
    panel.append(h('section', { class: 'dy-changes panel', id: 'dy-changes', 'aria-labelledby': 'dy-changes-title' },
      h('h2', { class: 'dy-h2', id: 'dy-changes-title' }, 'Изменения в расписании'),
      h('ul', { class: 'dy-list' }, changes.map((c) => h('li', { class: 'dy-change' }, changeText(c))))));
  }

  const days = h('div', { class: 'dy-days', id: 'dy-days' });
  for (const d of data.days || []) {
    const lessons = d.lessons || [];
    const events = d.events || [];
    if (weekdayOf(d.date) === 0 && !lessons.length && !events.length) continue;
    days.append(dayCard(d, d.date === today));
  }
  if (!days.childElementCount) days.append(h('p', { class: 'muted dy-empty' }, 'На этой неделе уроков нет.'));
  panel.append(days);
  swipe(days, () => go(wk.prev), () => go(wk.next));
  if (isCurrent) {
    const t = days.querySelector('.dy-day.is-today');
    if (t && t.previousElementSibling && window.matchMedia('(max-width: 600px)').matches) t.scrollIntoView({ block: 'start' });
  }
}

function changeText(c) {
  if (typeof c === 'string') return c;
  const KIND = { substitution: 'Замена учителя', room: 'Другой кабинет', cancel: 'Урок отменён', extra: 'Дополнительный урок' };
  const bits = [];
  if (c.date) bits.push(`${shortDate(c.date)}${c.number || c.lesson_number ? `, ${c.number || c.lesson_number} урок` : ''}`);
  const subj = nameOf(c.subject);
  if (subj) bits.push(subj);
  bits.push(c.title || KIND[c.kind] || c.kind || 'изменение');
  const sub = nameOf(c.substitute);
  if (sub) bits.push(`заменяет ${sub}`);
  const room = nameOf(c.room);
  if (room && c.kind === 'room') bits.push(`кабинет ${room}`);
  if (c.reason) bits.push(c.reason);
  return bits.join(' · ');
}

function dayCard(d, isToday) {
  const wd = WEEKDAYS[weekdayOf(d.date)];
  const id = `dy-day-${d.date}`;
  const lessons = d.lessons || [];
  const card = h('section', { class: `dy-day${isToday ? ' is-today' : ''}`, 'data-date': d.date, 'aria-labelledby': id },
    h('h2', { class: 'dy-day-title', id },
      h('span', { class: 'dy-day-name' }, wd),
      h('span', { class: 'dy-day-date' }, dayMonth(d.date)),
      isToday ? h('span', { class: 'dy-today-badge' }, 'сегодня') : null));
  if (lessons.length) {
    card.append(h('ol', { class: 'dy-lessons' }, lessons.map(lessonItem)));
  } else if (!(d.events || []).length) {
    card.append(h('p', { class: 'muted dy-nolessons' }, 'Уроков нет'));
  }
  for (const ev of d.events || []) {
    const time = [ev.start_time, ev.end_time].filter(Boolean).join('–');
    card.append(h('div', { class: 'dy-event' },
      h('span', { class: 'dy-event-label' }, 'Событие'),
      h('p', { class: 'dy-event-title' }, ev.title || ''),
      [time, ev.place].filter(Boolean).length ? h('p', { class: 'dy-event-meta muted' }, [time, ev.place].filter(Boolean).join(' · ')) : null,
      ev.description ? h('p', { class: 'dy-event-desc' }, ev.description) : null));
  }
  return card;
}

function lessonItem(l) {
  const cancelled = l.status === 'cancelled';
  const teacher = nameOf(l.teacher);
  const sub = nameOf(l.substitute);
  const room = nameOf(l.room);
  const meta = [room ? `каб. ${room}` : '', sub ? '' : teacher].filter(Boolean).join(' · ');
  const body = h('div', { class: 'dy-lesson-body' },
    h('p', { class: 'dy-subject' }, nameOf(l.subject)),
    meta ? h('p', { class: 'dy-meta muted' }, meta) : null,
    attendanceBadge(l.attendance),
    sub ? h('p', { class: 'dy-sub' }, `Замена: ${sub}`, teacher ? h('span', { class: 'muted' }, ` (вместо ${teacher})`) : null) : null,
    cancelled ? h('p', { class: 'dy-cancelled' }, 'Урок отменён') : null,
    l.topic ? h('p', { class: 'dy-topic' }, h('span', { class: 'dy-label' }, 'Тема: '), l.topic) : null);

  const files = l.files || [];
  if (l.homework || files.length) {
    body.append(h('div', { class: 'dy-hw' },
      h('p', {}, h('span', { class: 'dy-label' }, 'Задано: '), l.homework || ''),
      fileLinks(files)));
  }
  if (l.individual_homework) {
    const ih = typeof l.individual_homework === 'string' ? l.individual_homework : l.individual_homework.text;
    if (ih) body.append(h('div', { class: 'dy-hw dy-hw-own' }, h('p', {}, h('span', { class: 'dy-label' }, 'Личное задание: '), ih)));
  }
  const marks = (l.assignments || []).filter((a) => a.mark);
  if (marks.length) body.append(markRow(marks, l));
  const upcoming = (l.assignments || []).filter((a) => !a.mark && a.description && a.due_date);
  for (const a of upcoming) body.append(h('p', { class: 'dy-task muted' }, `${a.work_type || 'Задание'}: ${a.description}, сдать к ${shortDate(a.due_date)}`));

  return h('li', { class: `dy-lesson${cancelled ? ' is-cancelled' : ''}`, 'data-lesson': String(l.id) },
    h('div', { class: 'dy-lesson-no' },
      h('span', { class: 'dy-no' }, l.number != null ? String(l.number) : ''),
      l.start ? h('span', { class: 'dy-time' }, l.start) : null,
      l.end ? h('span', { class: 'dy-time' }, l.end) : null),
    body);
}

let detailSeq = 0;
function markRow(assignments, lesson) {
  const row = h('div', { class: 'dy-marks' });
  const detail = h('div', { class: 'dy-mark-detail', hidden: true, id: `dy-md-${++detailSeq}` });
  let open = null;
  for (const a of assignments) {
    const m = a.mark;
    const w = fmtWeight(a.weight);
    const label = `${markSpoken(m)}, ${a.work_type || 'работа'}${w ? `, вес ${String(a.weight).replace('.', ',')}` : ''}${m.comment ? ', есть комментарий' : ''}`;
    const b = h('button', {
      type: 'button', class: `dy-mark ${markClass(m)}`, 'aria-expanded': 'false', 'aria-controls': detail.id,
      'aria-label': label, 'data-assignment': String(a.id), 'data-mark': String(m.id),
    },
    h('span', { class: 'dy-mark-value' }, markText(m)),
    h('span', { class: 'dy-mark-type' }, a.short_name || a.work_type || ''),
    w ? h('span', { class: 'dy-mark-weight' }, w) : null,
    m.comment ? h('span', { class: 'dy-mark-has-comment', title: 'есть комментарий', 'aria-hidden': 'true' }) : null);
    b.addEventListener('click', () => {
      for (const x of row.querySelectorAll('.dy-mark')) x.setAttribute('aria-expanded', 'false');
      if (open === a) { open = null; detail.hidden = true; return; }
      open = a;
      b.setAttribute('aria-expanded', 'true');
      clear(detail);
      detail.append(h('dl', { class: 'dy-dl' },
        h('div', {}, h('dt', {}, 'Отметка'), h('dd', {}, h('span', { class: `dy-mark-inline ${markClass(m)}` }, markText(m)), ` ${markSpoken(m)}`)),
        h('div', {}, h('dt', {}, 'Вид работы'), h('dd', {}, a.work_type || '—')),
        h('div', {}, h('dt', {}, 'Вес'), h('dd', {}, String(a.weight ?? 1).replace('.', ','))),
        a.description ? h('div', {}, h('dt', {}, 'Задание'), h('dd', {}, a.description)) : null,
        h('div', {}, h('dt', {}, 'Предмет'), h('dd', {}, nameOf(lesson.subject))),
        h('div', {}, h('dt', {}, 'Комментарий'), h('dd', { class: m.comment ? '' : 'muted' }, m.comment || 'нет'))));
      detail.hidden = false;
    });
    row.append(b);
  }
  return h('div', { class: 'dy-marks-wrap' }, row, detail);
}

/** Жест влево/вправо по неделе (pointer events; вертикальная прокрутка остаётся браузеру). */
function swipe(el, onPrev, onNext) {
  let start = null;
  el.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' || !e.isPrimary) return;
    start = { x: e.clientX, y: e.clientY, t: e.timeStamp };
  });
  el.addEventListener('pointercancel', () => { start = null; });
  el.addEventListener('pointerup', (e) => {
    if (!start) return;
    const dx = e.clientX - start.x, dy = e.clientY - start.y, dt = e.timeStamp - start.t;
    start = null;
    if (Math.abs(dx) < 70 || Math.abs(dx) < 2 * Math.abs(dy) || dt > 800) return;
    if (dx > 0) onPrev(); else onNext();
  });
}

// ---------- колокольчик уведомлений ----------

function bellLink() {
  const count = h('span', { class: 'dy-bell-count', id: 'dy-bell-count', hidden: true });
  const text = h('span', { class: 'visually-hidden dy-bell-text', id: 'dy-bell-text' }, 'Уведомления');
  return h('a', { class: 'dy-bell', id: 'dy-bell', href: '#/notifications?from=diary', title: 'Уведомления' }, svgIcon('bell'), count, text);
}

export async function unreadCount() {
  try {
    const r = await api.get('/notifications/unread');
    const n = r ? (r.count ?? r.unread) : null;
    if (n != null && Number.isFinite(Number(n))) return Number(n);
  } catch (e) {
    if (e.handled) throw e;
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) return null;
  }
  try {
    const r = await api.get('/notifications?limit=50');
    if (Number.isFinite(Number(r.unread))) return Number(r.unread);
    return (r.items || []).filter((x) => !x.read).length;
  } catch { return null; }
}

async function loadBell(bell) {
  const n = await unreadCount().catch(() => null);
  const count = bell.querySelector('.dy-bell-count');
  const text = bell.querySelector('.dy-bell-text');
  if (n == null) return;
  count.textContent = n > 99 ? '99+' : String(n);
  count.hidden = n === 0;
  bell.classList.toggle('has-unread', n > 0);
  text.textContent = n ? `Уведомления: непрочитанных ${n}` : 'Уведомления: непрочитанных нет';
}
