// Классный журнал (M-09): список журналов пользователя по классам с переключателем периода
// (#/journal) и сетка журнала (#/journal/<класс>/<предмет>/<период>[/<подгруппа>], см. journal-grid.js).
// Заместитель директора и администратор сначала выбирают класс.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { renderGrid } from './journal-grid.js';

export const title = 'Классный журнал';

const KIND = { quarter: 'четверть', quarters: 'четверти', half: 'полугодие', halves: 'полугодия', trimester: 'триместр', trimesters: 'триместры' };
const fmtDate = (d) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}` : '');

export async function render(main, ctx) {
  const a = ctx.args || [];
  if (a.length >= 3) {
    const [cls, subject, period, subgroup] = a.map((x) => Number(x));
    if ([cls, subject, period].every((x) => Number.isInteger(x) && x > 0)) {
      return renderGrid(main, ctx, { cls, subject, period, subgroup: Number.isInteger(subgroup) && subgroup > 0 ? subgroup : null });
    }
  }
  return list(main, ctx);
}

export function journalHash(x) {
  return `#/journal/${x.class_id}/${x.subject_id}/${x.period_id}${x.subgroup_id ? `/${x.subgroup_id}` : ''}`;
}

async function list(main, ctx) {
  const ops = schoolOperations();
  const all = ops.has('journal.view.all');
  const msg = messageArea({ id: 'jr-msg' });
  main.append(backLink(), pageTitle('Классный журнал', all ? 'Выберите класс, затем журнал предмета' : 'Ваши журналы: выберите класс и предмет'), msg);
  const q = ctx.query || new URLSearchParams();
  const st = { period: q.get('period') || '', cls: q.get('class') || '' };

  // Периоды и классы текущего учебного года (для переключателя периода и выбора класса).
  let opts = { periods: [], classes: [] };
  try { opts = await api.get('/timetable/options'); } catch { /* без переключателя */ }

  const controls = h('form', { class: 'jr-controls', id: 'jr-controls' });
  const out = h('div', { id: 'jr-list', 'aria-live': 'polite' });
  main.append(controls, out);

  const periodSel = h('select', { id: 'jr-period', class: 'input', name: 'period' });
  periodSel.append(h('option', { value: '' }, 'Текущий период'));
  const kinds = [...new Set(opts.periods.map((p) => p.kind))];
  for (const k of kinds) {
    const group = kinds.length > 1 ? h('optgroup', { label: KIND[k] || k }) : periodSel;
    for (const p of opts.periods.filter((x) => x.kind === k)) {
      group.append(h('option', { value: String(p.id) }, `${p.name} (${fmtDate(p.start_date)}–${fmtDate(p.end_date)})`));
    }
    if (group !== periodSel) periodSel.append(group);
  }
  periodSel.value = st.period;
  controls.append(h('div', { class: 'field' }, h('label', { class: 'label', for: 'jr-period' }, 'Период'), periodSel));

  let classSel = null;
  if (all) {
    classSel = h('select', { id: 'jr-class', class: 'input', name: 'class' });
    classSel.append(h('option', { value: '' }, '— выберите класс —'));
    for (const c of opts.classes) classSel.append(h('option', { value: String(c.id) }, c.name));
    classSel.value = st.cls;
    controls.append(h('div', { class: 'field' }, h('label', { class: 'label', for: 'jr-class' }, 'Класс'), classSel));
  }
  const onChange = () => {
    st.period = periodSel.value;
    st.cls = classSel ? classSel.value : '';
    const p = new URLSearchParams();
    if (st.period) p.set('period', st.period);
    if (st.cls) p.set('class', st.cls);
    history.replaceState(null, '', `#/journal${p.toString() ? `?${p}` : ''}`);
    load();
  };
  periodSel.addEventListener('change', onChange);
  if (classSel) classSel.addEventListener('change', onChange);
  controls.addEventListener('submit', (e) => { e.preventDefault(); onChange(); });

  async function load() {
    msg.clear();
    clear(out);
    if (all && !st.cls) {
      out.append(h('p', { class: 'muted', id: 'jr-pick-class' }, 'Выберите класс, чтобы увидеть его журналы.'));
      return;
    }
    const p = new URLSearchParams();
    if (st.period) p.set('period', st.period);
    if (st.cls) p.set('class', st.cls);
    let items;
    try { items = (await api.get(`/journals${p.toString() ? `?${p}` : ''}`)).items || []; } catch (e) { msg.show(e.message); return; }
    if (!items.length) {
      out.append(h('p', { class: 'muted', id: 'jr-empty' }, st.period ? 'В этом периоде журналов нет.' : 'Журналов за текущий период нет.'));
      return;
    }
    // Группы по классу, классы по порядку параллели и названия.
    const groups = new Map();
    for (const x of items) {
      if (!groups.has(x.class_id)) groups.set(x.class_id, { name: x.class_name, grade: x.grade, items: [] });
      groups.get(x.class_id).items.push(x);
    }
    const ordered = [...groups.entries()].sort((a, b) => (a[1].grade - b[1].grade) || a[1].name.localeCompare(b[1].name, 'ru'));
    for (const [cid, g] of ordered) {
      const period = g.items[0];
      const ul = h('ul', { class: 'jr-journals' });
      g.items.sort((a, b) => a.subject_name.localeCompare(b.subject_name, 'ru') || String(a.subgroup_name || '').localeCompare(String(b.subgroup_name || ''), 'ru'));
      for (const x of g.items) {
        ul.append(h('li', { class: 'jr-journal', 'data-class': String(x.class_id), 'data-subject': String(x.subject_id) },
          h('a', { href: journalHash(x), class: 'jr-journal-link' },
            h('span', { class: 'jr-journal-subject' }, x.subject_name),
            x.subgroup_name ? h('span', { class: 'jr-journal-sub' }, ` (${x.subgroup_name})`) : null),
          h('span', { class: 'jr-journal-meta muted' }, [x.teacher_name, x.can_edit ? null : 'только просмотр'].filter(Boolean).join(' · '))));
      }
      out.append(h('section', { class: 'jr-class', 'data-class': String(cid), 'aria-labelledby': `jr-class-${cid}` },
        h('h2', { class: 'group-title', id: `jr-class-${cid}` }, `${g.name} класс`,
          h('span', { class: 'jr-class-period muted' }, ` — ${period.period_name}, ${fmtDate(period.start_date)}–${fmtDate(period.end_date)}`)),
        ul));
    }
  }
  await load();
}
