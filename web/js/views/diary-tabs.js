// Вкладки дневника: «Отметки» (по предметам: отметки, средний балл, отметка за период, прогноз),
// «Пропуски» (сводка по причинам и список), «Задания» (ближайшие и просроченные).
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import {
  nameOf, markText, markSpoken, markClass, fmtAverage, fmtWeight, forecastText, scaled, shortDate,
  ATT_TITLES, REASON_TITLES, fileLinks, dayMonth, WEEKDAYS_SHORT, weekdayOf,
} from './diary-util.js';

const pStart = (x) => x.start_date || x.start || '';
const pEnd = (x) => x.end_date || x.end || '';

// ---------- «Отметки» ----------

export async function renderMarks(panel, st, alive) {
  const p = new URLSearchParams({ student: st.student });
  if (st.period) p.set('period', st.period);
  const data = await api.get(`/diary/marks?${p}`);
  if (!alive()) return;
  clear(panel);
  const max = Number(data.settings && data.settings.mark_max) || 5;
  const period = data.period || null;
  const periods = data.periods || [];
  if (periods.length > 1) {
    const sel = h('select', { class: 'input', id: 'dy-period' },
      periods.map((x) => h('option', { value: String(x.id) }, `${x.name}${pStart(x) ? ` (${shortDate(pStart(x))}–${shortDate(pEnd(x))})` : ''}`)));
    if (period) sel.value = String(period.id);
    sel.addEventListener('change', () => { st.period = sel.value; renderMarks(panel, st, alive); });
    panel.append(h('div', { class: 'field dy-period-field' }, h('label', { class: 'label', for: 'dy-period' }, 'Период'), sel));
  } else if (period) {
    panel.append(h('p', { class: 'dy-period-name', id: 'dy-period-name' }, `${period.name}${pStart(period) ? `: ${shortDate(pStart(period))}–${shortDate(pEnd(period))}` : ''}`));
  }
  const subjects = data.subjects || [];
  if (!subjects.length) {
    panel.append(h('p', { class: 'muted dy-empty' }, 'За этот период отметок пока нет.'));
    return;
  }
  const list = h('ul', { class: 'dy-subjects', id: 'dy-subjects' });
  for (const sub of subjects) {
    const sid = sub.subject ? sub.subject.id : '';
    const avg = sub.average;
    const avgN = avg == null ? NaN : Number(avg);
    const marks = sub.marks || [];
    const pm = sub.period_mark;
    const fc = sub.forecast || {};
    const nextText = forecastText(fc.next);
    const item = h('li', { class: 'dy-subject-card', 'data-subject': String(sid) },
      h('div', { class: 'dy-subject-head' },
        h('h2', { class: 'dy-subject-name' }, nameOf(sub.subject)),
        h('p', { class: `dy-avg mk-${scaled(avgN, max)}`, title: 'Средний балл' },
          h('span', { class: 'visually-hidden' }, 'Средний балл: '),
          h('span', { class: 'dy-avg-value' }, fmtAverage(avg)))),
      marks.length
        ? h('ul', { class: 'dy-mark-list', 'aria-label': `Отметки по предмету ${nameOf(sub.subject)}` }, marks.map((m) => {
          const w = fmtWeight(m.weight);
          return h('li', {
            class: `dy-mark-sm ${markClass(m, max)}`, 'data-mark': String(m.id),
            title: [shortDate(m.date), m.work_type, w ? `вес ${String(m.weight).replace('.', ',')}` : '', m.comment].filter(Boolean).join(' · '),
          },
          h('span', { class: 'dy-mark-value' }, markText(m)),
          w ? h('span', { class: 'dy-mark-weight' }, w) : null,
          h('span', { class: 'visually-hidden' }, ` ${markSpoken(m)}, ${shortDate(m.date)}${m.work_type ? `, ${m.work_type}` : ''}`));
        }))
        : h('p', { class: 'muted dy-nomarks' }, 'Отметок нет'),
      h('div', { class: 'dy-subject-foot' },
        pm ? h('p', { class: 'dy-period-mark' }, 'За период: ',
          h('span', { class: `dy-mark-inline ${markClass(pm, max)}` }, markText(pm))) : null,
        sub.suggested != null && !pm ? h('p', { class: 'dy-suggested muted' }, `Выходит: ${sub.suggested}`) : null,
        nextText ? h('p', { class: 'dy-forecast' }, nextText) : null));
    list.append(item);
  }
  panel.append(list);
  const how = data.settings && (data.settings.averaging || data.settings.average_kind || data.settings.average);
  if (how) panel.append(h('p', { class: 'page-note' }, how === 'weighted' ? 'Средний балл — взвешенный: учитывается вес каждой работы.' : 'Средний балл — среднее арифметическое отметок.'));
}

// ---------- «Пропуски» ----------

function entries(x) {
  if (!x) return [];
  if (Array.isArray(x)) return x.map((e) => [e.code ?? e.reason ?? e.key ?? '', Number(e.count ?? e.n ?? 0)]);
  return Object.entries(x).map(([k, v]) => [k, Number(typeof v === 'object' && v ? v.count : v)]);
}

export async function renderAbsences(panel, st, alive) {
  const data = await api.get(`/diary/attendance?${new URLSearchParams({ student: st.student })}`);
  if (!alive()) return;
  clear(panel);
  if (data.period) panel.append(h('p', { class: 'dy-period-name' }, `${data.period.name}${pStart(data.period) ? `: ${shortDate(pStart(data.period))}–${shortDate(pEnd(data.period))}` : ''}`));
  const missed = Number(data.missed) || 0;
  const total = Number(data.total_lessons) || 0;
  const stats = h('dl', { class: 'dy-stats', id: 'dy-att-summary' },
    h('div', { class: 'dy-stat' }, h('dt', {}, 'Пропущено уроков'), h('dd', {}, String(missed))),
    h('div', { class: 'dy-stat' }, h('dt', {}, 'Всего уроков'), h('dd', {}, String(total))));
  for (const [k, v] of entries(data.by_reason)) {
    if (!v && !(k === 'УП' || k === 'НП')) continue;
    const label = k === 'none' || k === '' || k === 'null' ? 'Причина не указана' : (REASON_TITLES[k] ? `${REASON_TITLES[k][0].toUpperCase()}${REASON_TITLES[k].slice(1)} (${k})` : k);
    stats.append(h('div', { class: `dy-stat dy-stat-${k === 'УП' ? 'up' : k === 'НП' ? 'np' : 'none'}` }, h('dt', {}, label), h('dd', {}, String(v))));
  }
  for (const [k, v] of entries(data.by_code)) {
    if (!v) continue;
    stats.append(h('div', { class: 'dy-stat' }, h('dt', {}, `${k}: ${ATT_TITLES[k] || k}`), h('dd', {}, String(v))));
  }
  panel.append(stats);
  const items = data.items || [];
  if (!items.length) {
    panel.append(h('p', { class: 'muted dy-empty' }, 'Пропусков нет.'));
    return;
  }
  panel.append(h('h2', { class: 'dy-h2' }, 'По дням'),
    h('ul', { class: 'dy-list dy-att-list', id: 'dy-att-list' }, items.map((a) => h('li', { class: 'dy-att-item' },
      h('span', { class: `dy-att dy-att-${a.code === 'Н' ? 'n' : a.code === 'О' ? 'o' : 'b'}` }, h('span', { class: 'dy-att-code' }, a.code || '')),
      h('span', { class: 'dy-att-main' },
        h('span', { class: 'dy-att-when' }, a.date ? `${WEEKDAYS_SHORT[weekdayOf(a.date)]}, ${dayMonth(a.date)}` : '',
          a.number || a.lesson_number ? `, ${a.number || a.lesson_number} урок` : ''),
        h('span', { class: 'dy-att-subj' }, nameOf(a.subject)),
        h('span', { class: 'muted dy-att-why' }, [ATT_TITLES[a.code] || '', a.reason ? (REASON_TITLES[a.reason] || a.reason) : (a.code === 'О' ? '' : 'причина не указана'), a.comment].filter(Boolean).join(' · ')))))));
}

// ---------- «Задания» ----------

export async function renderHomework(panel, st, alive) {
  const data = await api.get(`/diary/homework?${new URLSearchParams({ student: st.student })}`);
  if (!alive()) return;
  clear(panel);
  const block = (key, title, items, empty) => h('section', { class: `dy-hw-block dy-hw-${key}`, id: `dy-hw-${key}`, 'aria-labelledby': `dy-hw-${key}-t` },
    h('h2', { class: 'dy-h2', id: `dy-hw-${key}-t` }, title, items.length ? h('span', { class: 'dy-count' }, String(items.length)) : null),
    items.length ? h('ul', { class: 'dy-list' }, items.map((x) => hwItem(x, key === 'overdue'))) : h('p', { class: 'muted' }, empty));
  const overdue = data.overdue || [];
  const upcoming = data.upcoming || [];
  if (overdue.length) panel.append(block('overdue', 'Просрочено', overdue, ''));
  panel.append(block('upcoming', 'Ближайшие задания', upcoming, 'Заданий на ближайшие дни нет.'));
  if (!overdue.length) panel.append(h('p', { class: 'muted dy-nooverdue' }, 'Просроченных заданий нет.'));
}

function hwItem(x, overdue) {
  const due = x.due_date || x.date;
  const own = typeof x.individual_homework === 'string' ? x.individual_homework : (x.individual_homework && x.individual_homework.text) || (x.individual ? x.text : '');
  const text = x.homework || x.description || x.text || '';
  const what = x.work_type ? `${x.work_type}${x.weight != null && fmtWeight(x.weight) ? ` ${fmtWeight(x.weight)}` : ''}` : '';
  return h('li', { class: `dy-hw-item${overdue ? ' is-overdue' : ''}` },
    h('p', { class: 'dy-hw-head' },
      h('span', { class: 'dy-hw-subj' }, nameOf(x.subject)),
      due ? h('span', { class: 'dy-hw-due' }, `${overdue ? 'срок был ' : 'к '}${WEEKDAYS_SHORT[weekdayOf(due)]}, ${dayMonth(due)}`) : null),
    what ? h('p', { class: 'dy-hw-type muted' }, what) : null,
    text && !(x.individual && !x.homework) ? h('p', { class: 'dy-hw-text' }, text) : null,
    own ? h('p', { class: 'dy-hw-own' }, h('span', { class: 'dy-label' }, 'Личное задание: '), own) : null,
    fileLinks(x.files));
}

