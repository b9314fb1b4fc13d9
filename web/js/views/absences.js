// Пропуски за день (M-09): все уроки класса в выбранный день и отметки Н/О/Б учеников; классный
// руководитель указывает причину пропуска (УП — уважительная, НП — неуважительная) для всех Н/Б ученика
// за день (PUT /absences/reasons). Без права (can_set_reason = false) — только просмотр.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations, state } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Пропуски за день';

const CODE_TITLE = { 'Н': 'не был', 'О': 'опоздал', 'Б': 'болел' };
const REASONS = [['', 'не указана'], ['УП', 'УП — уважительная'], ['НП', 'НП — неуважительная']];
const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const human = (date) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}, ${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

export async function render(main, ctx) {
  clear(main);
  const ops = schoolOperations();
  const all = ops.has('journal.view.all');
  const q = ctx.query || new URLSearchParams();
  const msg = messageArea({ id: 'abs-msg' });
  main.append(backLink(), pageTitle('Пропуски за день', 'Отметки Н, О, Б на всех уроках класса и причины пропусков'));
  const controls = h('form', { class: 'abs-controls', id: 'abs-controls' });
  const out = h('div', { id: 'abs-out', 'aria-live': 'polite' });
  main.append(controls, msg, out);

  const me = state.me && state.me.person ? state.me.person.id : 0;
  let classes = [], today = localToday();
  try {
    const r = await api.get('/classes?limit=500');
    classes = (r.items || []).filter((c) => !c.year_closed);
  } catch (e) { msg.show(e.message); return; }
  try { today = (await api.get('/years')).today || today; } catch { /* дата браузера */ }
  const own = classes.filter((c) => c.class_teacher_id === me);
  const list = all ? classes : own;
  if (!list.length) {
    out.append(h('p', { class: 'panel muted', id: 'abs-none' }, 'Вы не классный руководитель: пропуски класса за день видит классный руководитель и администрация.'));
    return;
  }
  let classId = list.some((c) => String(c.id) === q.get('class')) ? q.get('class') : String((own[0] || list[0]).id);
  let date = /^\d{4}-\d{2}-\d{2}$/.test(q.get('date') || '') ? q.get('date') : today;

  const classSel = h('select', { class: 'input', id: 'abs-class' });
  for (const c of list) classSel.append(h('option', { value: String(c.id), selected: String(c.id) === classId }, c.name));
  const dateIn = h('input', { type: 'date', class: 'input', id: 'abs-date', value: date, required: true });
  const prev = h('button', { type: 'button', class: 'btn abs-step', id: 'abs-prev', 'aria-label': 'Предыдущий день', title: 'Предыдущий день' }, '‹');
  const next = h('button', { type: 'button', class: 'btn abs-step', id: 'abs-next', 'aria-label': 'Следующий день', title: 'Следующий день' }, '›');
  const todayBtn = h('button', { type: 'button', class: 'btn btn-ghost abs-today', id: 'abs-today' }, 'Сегодня');
  controls.append(
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'abs-class' }, 'Класс'), classSel),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'abs-date' }, 'Дата'),
      h('div', { class: 'abs-date-row' }, prev, dateIn, next, todayBtn)));
  controls.addEventListener('submit', (ev) => ev.preventDefault());
  const go = (d) => { if (d) { date = d; dateIn.value = d; } remember(); load(); };
  classSel.addEventListener('change', () => { classId = classSel.value; go(); });
  dateIn.addEventListener('change', () => { if (dateIn.value) go(dateIn.value); });
  prev.addEventListener('click', () => go(addDays(date, -1)));
  next.addEventListener('click', () => go(addDays(date, 1)));
  todayBtn.addEventListener('click', () => go(today));
  function remember() { history.replaceState(null, '', `#/absences?class=${classId}&date=${date}`); }

  let seq = 0;
  async function load() {
    const my = ++seq;
    msg.clear();
    let d;
    try { d = await api.get(`/absences/day?class=${classId}&date=${date}`); } catch (e) {
      if (my === seq) { clear(out); msg.show(e.message); }
      return;
    }
    if (my !== seq) return;
    draw(d);
  }

  function draw(d) {
    clear(out);
    out.append(h('h2', { class: 'group-title', id: 'abs-day' }, `${d.class.name}: ${human(d.date)}`));
    if (!d.lessons.length) { out.append(h('p', { class: 'panel muted', id: 'abs-empty' }, 'В этот день у класса нет уроков.')); return; }
    const absent = d.students.filter((s) => s.entries.length);
    out.append(h('p', { class: 'page-note' }, absent.length
      ? `Отметки посещаемости у ${absent.length} из ${d.students.length} учеников. Н — не был, О — опоздал, Б — болел.`
      : 'Все ученики были на уроках.',
    d.can_set_reason ? '' : ' Причины пропусков указывает классный руководитель.'));
    const head = h('tr', {}, h('th', { scope: 'col', class: 'abs-name' }, 'Ученик'));
    for (const l of d.lessons) {
      head.append(h('th', { scope: 'col', class: `abs-lesson${l.status === 'cancelled' ? ' is-cancelled' : ''}`, title: `${l.subject.name}, ${l.teacher.name}${l.status === 'cancelled' ? ' (отменён)' : ''}` },
        h('span', { class: 'abs-num' }, `${l.number}`), h('span', { class: 'abs-subj' }, l.subject.name)));
    }
    head.append(h('th', { scope: 'col', class: 'abs-reason-col' }, 'Причина'));
    const body = h('tbody');
    for (const s of d.students) body.append(row(d, s));
    out.append(h('div', { class: 'table-wrap abs-wrap' }, h('table', { class: 'data-table abs-table', id: 'abs-table' }, h('thead', {}, head), body)));
  }

  function row(d, s) {
    const tr = h('tr', { 'data-student': s.id, class: s.entries.length ? 'has-entries' : null },
      h('th', { scope: 'row', class: 'abs-name', title: s.full_name }, s.name));
    const cells = d.lessons.map((l) => {
      const td = h('td', { class: 'abs-cell', 'data-lesson': l.id });
      tr.append(td);
      return td;
    });
    const reasonTd = h('td', { class: 'abs-reason' });
    tr.append(reasonTd);
    function fill(entries) {
      d.lessons.forEach((l, i) => {
        clear(cells[i]);
        const e = entries.find((x) => x.lesson_id === l.id);
        if (e) {
          cells[i].append(h('span', { class: `abs-code abs-code-${e.code === 'О' ? 'late' : 'miss'}`, title: CODE_TITLE[e.code] || e.code }, e.code),
            e.reason ? h('span', { class: 'abs-r' }, e.reason) : null);
        }
      });
      clear(reasonTd);
      const miss = entries.filter((e) => e.code !== 'О');
      if (!miss.length) return;
      const reasons = [...new Set(miss.map((e) => e.reason || ''))];
      const cur = reasons.length === 1 ? reasons[0] : null;
      if (!d.can_set_reason) {
        reasonTd.append(h('span', { class: 'abs-reason-text' }, cur == null ? 'разные' : (cur || 'не указана')));
        return;
      }
      const sel = h('select', { class: 'input abs-select', 'aria-label': `Причина пропуска: ${s.name}`, 'data-student': s.id });
      if (cur == null) sel.append(h('option', { value: '-', selected: true, disabled: true }, 'разные'));
      for (const [v, t] of REASONS) sel.append(h('option', { value: v, selected: cur === v }, t));
      const status = h('span', { class: 'abs-status', role: 'status' });
      sel.addEventListener('change', async () => {
        sel.disabled = true;
        status.textContent = 'Сохранение…';
        status.className = 'abs-status';
        try {
          const r = await api.put('/absences/reasons', { class_id: d.class.id, student_id: s.id, date: d.date, reason: sel.value || null });
          s.entries = r.entries;
          fill(r.entries);
          const st = reasonTd.querySelector('.abs-status');
          if (st) { st.textContent = 'Сохранено'; st.className = 'abs-status is-ok'; }
        } catch (e) {
          sel.disabled = false;
          status.textContent = e.message;
          status.className = 'abs-status is-error';
        }
      });
      reasonTd.append(sel, status);
    }
    fill(s.entries);
    return tr;
  }

  await load();
}
