// Итоговые отметки (M-09): отметки за четверти/полугодия, годовые, экзаменационные и итоговые по классу и
// предмету; средний балл и предлагаемая отметка — подсказкой; учитель вводит отметки и коды (н/а, осв, зач,
// незач) и сохраняет изменённые ячейки одним запросом PUT /finals. Заместитель директора (finals.view.all)
// видит вкладку «Просроченные»: журналы без отметок за период после срока. История выставленной отметки
// («дата время — кто: было → стало», GET /finals/{id}/history) — правая кнопка мыши, Alt+щелчок по ячейке
// или кнопка «История отметки» для выбранной ячейки.
import { h, clear, setBusy, plural } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Итоговые отметки';

const KIND_LABEL = { year: 'Год', exam: 'Экзамен', final: 'Итог' };
const fmtAvg = (x) => (x == null ? '' : Number(x).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const fmtDate = (d) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '');
const markText = (m) => (m ? (m.code || String(m.value)) : '');

function labeled(id, label, control) {
  control.id = id;
  return h('div', { class: 'field fin-field' }, h('label', { class: 'label', for: id }, label), control);
}

function fmtAt(at) {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Значение из истории итоговой отметки: {value, code, comment…} или null. */
function histValue(v) {
  if (v == null) return '—';
  if (typeof v !== 'object') return String(v);
  const t = v.code || (v.value != null ? String(v.value) : '—');
  return v.comment ? `${t} (${v.comment})` : t;
}

/** Окно истории итоговой отметки. back — куда вернуть фокус после закрытия. */
function showFinalHistory(mark, label, back) {
  const tid = 'fin-hist-title';
  const close = h('button', { type: 'button', class: 'btn btn-ghost btn-sm fin-dlg-close', 'aria-label': 'Закрыть' }, '✕');
  const list = h('ol', { class: 'fin-hist', id: 'fin-hist', 'aria-live': 'polite' }, h('li', { class: 'muted' }, 'Загрузка…'));
  const dlg = h('dialog', { class: 'fin-dialog', id: 'fin-history-dlg', 'aria-labelledby': tid },
    h('div', { class: 'fin-dlg-head' }, h('h2', { class: 'fin-dlg-title', id: tid }, `История: ${label}`), close),
    h('div', { class: 'fin-dlg-body' }, list));
  close.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => { dlg.remove(); if (back && back.isConnected) back.focus(); });
  document.body.append(dlg);
  dlg.showModal();
  api.get(`/finals/${mark.id}/history`).then((r) => {
    clear(list);
    const items = r.items || [];
    if (!items.length) { list.append(h('li', { class: 'muted' }, 'Записей об изменениях нет.')); return; }
    for (const x of items) {
      list.append(h('li', { class: 'fin-hist-item' },
        h('span', { class: 'fin-hist-at' }, fmtAt(x.at)), ' — ',
        h('span', { class: 'fin-hist-who' }, (x.user && x.user.name) || 'система'), ': ',
        h('span', { class: 'fin-hist-old' }, histValue(x.old)), ' → ',
        h('span', { class: 'fin-hist-new' }, histValue(x.new)),
        x.unlock_id ? h('span', { class: 'muted' }, ' (по разрешению на изменение)') : null));
    }
  }).catch((e) => {
    if (e.handled) return;
    clear(list);
    // отметка из загруженных данных, выставленная без журнала изменений
    if (e.status === 404) list.append(h('li', { class: 'muted' }, 'Записей об изменениях нет.'));
    else list.append(h('li', { class: 'field-error' }, e.message));
  });
}

function selectOf(options, value) {
  const s = h('select', { class: 'input' });
  for (const [v, t] of options) s.append(h('option', { value: String(v), selected: String(v) === String(value) }, t));
  return s;
}

export async function render(main, ctx) {
  clear(main);
  const ops = schoolOperations();
  const canAll = ops.has('finals.view.all');
  const q = ctx.query || new URLSearchParams();
  const tab = canAll && q.get('tab') === 'overdue' ? 'overdue' : 'marks';
  main.append(backLink(), pageTitle('Итоговые отметки', 'Отметки за четверти и полугодия, годовые, экзаменационные и итоговые'));
  if (canAll) {
    const tabLink = (key, text) => h('a', {
      class: `fin-tab${tab === key ? ' is-active' : ''}`, href: key === 'marks' ? '#/finals' : '#/finals?tab=overdue',
      'aria-current': tab === key ? 'page' : null, id: `fin-tab-${key}`,
    }, text);
    main.append(h('nav', { class: 'fin-tabs', 'aria-label': 'Вкладки' }, tabLink('marks', 'Отметки'), tabLink('overdue', 'Просроченные')));
  }
  if (tab === 'overdue') return overdue(main, ctx);
  return marks(main, ctx);
}

// ---------------- отметки класса по предмету ----------------
async function marks(main, ctx) {
  const q = ctx.query || new URLSearchParams();
  const msg = messageArea({ id: 'fin-msg' });
  const controls = h('form', { class: 'fin-controls', id: 'fin-controls' });
  const out = h('div', { id: 'fin-out' });
  main.append(controls, msg, out);

  let journals;
  try { journals = (await api.get('/journals')).items || []; } catch (e) { msg.show(e.message); return; }
  if (!journals.length) { msg.show('Нет журналов, доступных вам.', 'info'); return; }

  const classes = [];
  for (const j of journals) if (!classes.some((c) => c.id === j.class_id)) classes.push({ id: j.class_id, name: j.class_name, grade: j.grade });
  classes.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
  const key = (j) => `${j.subject_id}:${j.subgroup_id || 0}`;
  const subjectsOf = (classId) => {
    const seen = new Set();
    return journals.filter((j) => String(j.class_id) === String(classId) && !seen.has(key(j)) && seen.add(key(j)))
      .sort((a, b) => a.subject_name.localeCompare(b.subject_name, 'ru') || (a.subgroup_name || '').localeCompare(b.subgroup_name || '', 'ru'));
  };

  let classId = classes.some((c) => String(c.id) === q.get('class')) ? q.get('class') : String(classes[0].id);
  const wantSubj = `${q.get('subject') || ''}:${q.get('subgroup') || 0}`;
  const classSel = labeled('fin-class', 'Класс', selectOf(classes.map((c) => [c.id, c.name]), classId));
  const subjWrap = h('div', { class: 'fin-subj-wrap' });
  controls.append(classSel, subjWrap);
  let subjSel;
  function drawSubjects(preferred) {
    clear(subjWrap);
    const list = subjectsOf(classId);
    const value = list.some((j) => key(j) === preferred) ? preferred : (list[0] ? key(list[0]) : '');
    subjSel = selectOf(list.map((j) => [key(j), j.subgroup_name ? `${j.subject_name} (${j.subgroup_name})` : j.subject_name]), value);
    subjWrap.append(labeled('fin-subject', 'Предмет', subjSel));
    subjSel.addEventListener('change', () => { remember(); load(); });
  }
  function remember() {
    const [s, g] = (subjSel.value || ':').split(':');
    const p = new URLSearchParams({ class: classId, subject: s });
    if (g && g !== '0') p.set('subgroup', g);
    history.replaceState(null, '', `#/finals?${p}`);
  }
  classSel.querySelector('select').addEventListener('change', (ev) => { classId = ev.target.value; drawSubjects(''); remember(); load(); });
  controls.addEventListener('submit', (ev) => ev.preventDefault());
  drawSubjects(wantSubj);

  let seq = 0;
  async function load(note) {
    const my = ++seq;
    msg.clear();
    clear(out);
    if (!subjSel.value) return;
    const [s, g] = subjSel.value.split(':');
    let data;
    out.append(h('p', { class: 'muted' }, 'Загрузка…'));
    try {
      data = await api.get(`/finals?group=${classId}&subject=${s}${g && g !== '0' ? `&subgroup=${g}` : ''}`);
    } catch (e) { if (my === seq) { clear(out); msg.show(e.message); } return; }
    if (my !== seq) return;
    clear(out);
    drawTable(out, data, msg, () => load('Отметки сохранены.'));
    if (note) msg.show(note, 'ok');
  }
  await load();
}

function drawTable(out, data, msg, reload) {
  if (data.no_marks) {
    out.append(h('p', { class: 'panel muted', id: 'fin-no-marks' }, 'В 1 классе отметки не ставятся (безотметочное обучение).'));
    return;
  }
  const st = data.settings || {};
  const codes = data.codes || [];
  const edit = !!data.can_edit;
  const scaleHint = data.subject.pass_fail
    ? `Предмет с зачётной системой: ${codes.join(', ')}`
    : `Отметка от ${st.mark_min} до ${st.mark_max} или код: ${codes.join(', ')}`;
  out.append(h('p', { class: 'page-note', id: 'fin-scale' },
    `${data.class.name}${data.subgroup ? ` (${data.subgroup.name})` : ''}, ${data.subject.name}. `,
    edit ? scaleHint : (data.year_closed ? 'Учебный год закрыт — только просмотр.' : 'Только просмотр.')));

  const cells = []; // {input, student, kind, period_id, orig, err}
  const marksOf = new Map(); // ячейка с выставленной отметкой → {mark, label}
  const head = h('tr', {}, h('th', { scope: 'col', class: 'fin-name' }, 'Ученик'));
  for (const p of data.periods) head.append(h('th', { scope: 'col', title: `${fmtDate(p.start_date)}–${fmtDate(p.end_date)}, срок выставления ${fmtDate(p.due_date)}` }, p.name));
  for (const k of ['year', 'exam', 'final']) head.append(h('th', { scope: 'col' }, KIND_LABEL[k]));

  function cell(stu, kind, periodId, mark, average, suggested, colName) {
    const td = h('td', { class: 'fin-cell' });
    if (mark && mark.id) { td.classList.add('has-mark'); marksOf.set(td, { mark, label: `${stu.name}, ${colName}` }); }
    const orig = markText(mark);
    if (edit) {
      const input = h('input', {
        type: 'text', class: 'fin-input', value: orig, maxlength: '6', autocomplete: 'off', spellcheck: 'false',
        'aria-label': `${stu.name}: ${colName}`, 'data-student': stu.id, 'data-kind': kind, 'data-period': periodId || '',
        placeholder: suggested != null ? String(suggested) : '',
      });
      const err = h('span', { class: 'fin-err', role: 'alert' });
      const c = { input, stu, kind, period_id: periodId, orig, err, suggested, td };
      input.addEventListener('input', () => { td.classList.toggle('is-changed', input.value.trim() !== orig); setErr(c, ''); });
      cells.push(c);
      td.append(input);
      td.append(err);
    } else {
      td.append(h('span', { class: 'fin-mark' }, orig || '—'));
    }
    const hint = [];
    if (average != null) hint.push(`ср. ${fmtAvg(average)}`);
    if (suggested != null) hint.push(`→ ${suggested}`);
    if (hint.length) td.append(h('span', { class: 'fin-hint', title: 'Средний балл и предлагаемая отметка' }, hint.join(' ')));
    return td;
  }

  const body = h('tbody');
  for (const stu of data.students) {
    const tr = h('tr', { 'data-student': stu.id }, h('th', { scope: 'row', class: 'fin-name', title: stu.full_name }, stu.name));
    for (const p of data.periods) {
      const sp = stu.periods.find((x) => x.period_id === p.id) || {};
      tr.append(cell(stu, 'period', p.id, sp.mark, sp.average, sp.suggested, p.name));
    }
    tr.append(cell(stu, 'year', null, stu.year.mark, null, stu.year.suggested, 'годовая'));
    tr.append(cell(stu, 'exam', null, stu.exam.mark, null, null, 'экзамен'));
    tr.append(cell(stu, 'final', null, stu.final.mark, null, null, 'итоговая'));
    body.append(tr);
  }
  const table = h('table', { class: 'data-table fin-table', id: 'fin-table' }, h('thead', {}, head), body);

  // история отметки: выбранная ячейка (фокус или щелчок), правая кнопка мыши, Alt+щелчок, кнопка
  let active = null;
  const histBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'fin-history', disabled: true }, 'История отметки');
  const pick = (td) => {
    if (active) active.classList.remove('is-active');
    active = td;
    if (td) td.classList.add('is-active');
    histBtn.disabled = !(td && marksOf.has(td));
    histBtn.title = td && !marksOf.has(td) ? 'В выбранной ячейке нет выставленной отметки' : '';
  };
  const openHist = (td) => {
    const m = marksOf.get(td);
    if (m) showFinalHistory(m.mark, m.label, td.querySelector('input') || histBtn);
  };
  table.addEventListener('focusin', (ev) => { const td = ev.target.closest('td.fin-cell'); if (td) pick(td); });
  table.addEventListener('click', (ev) => {
    const td = ev.target.closest('td.fin-cell');
    if (!td) return;
    pick(td);
    if (ev.altKey && marksOf.has(td)) { ev.preventDefault(); openHist(td); }
  });
  table.addEventListener('contextmenu', (ev) => {
    const td = ev.target.closest('td.fin-cell');
    if (!td || !marksOf.has(td)) return;
    ev.preventDefault();
    pick(td);
    openHist(td);
  });
  histBtn.addEventListener('click', () => { if (active) openHist(active); });
  out.append(h('div', { class: 'fin-tools' }, histBtn,
    h('span', { class: 'muted fin-tools-hint', id: 'fin-history-hint' }, 'История отметки — правая кнопка мыши или Alt+щелчок по ячейке с отметкой.')));
  out.append(h('div', { class: 'table-wrap fin-wrap' }, table));
  if (!data.students.length) out.append(h('p', { class: 'muted' }, 'В классе нет учеников.'));
  if (!edit) return;

  function setErr(c, text) {
    c.err.textContent = text || '';
    c.td.classList.toggle('is-error', !!text);
    if (text) c.input.setAttribute('aria-invalid', 'true'); else c.input.removeAttribute('aria-invalid');
  }

  function parse(c) {
    const v = c.input.value.trim().toLowerCase();
    if (v === '') return c.orig ? { delete: true } : null;
    if (/^\d+$/.test(v)) {
      if (data.subject.pass_fail) throw new Error(`По этому предмету ставится ${codes.join(' или ')}`);
      const n = Number(v);
      if (n < st.mark_min || n > st.mark_max) throw new Error(`Отметка от ${st.mark_min} до ${st.mark_max}`);
      return { value: n };
    }
    if (codes.includes(v)) return { code: v };
    throw new Error(`Допустимо: ${data.subject.pass_fail ? '' : `${st.mark_min}–${st.mark_max}, `}${codes.join(', ')}`);
  }

  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'fin-save' }, 'Сохранить');
  const fillBtn = h('button', { type: 'button', class: 'btn', id: 'fin-fill' }, 'Подставить предлагаемые');
  fillBtn.addEventListener('click', () => {
    let n = 0;
    for (const c of cells) {
      if ((c.kind === 'period' || c.kind === 'year') && c.suggested != null && c.input.value.trim() === '' && !c.orig) {
        c.input.value = String(c.suggested);
        c.td.classList.add('is-changed');
        n++;
      }
    }
    msg.show(n ? `Подставлено ${n} ${plural(n, 'отметка', 'отметки', 'отметок')}. Проверьте и нажмите «Сохранить».` : 'Пустых ячеек с предлагаемой отметкой нет.', n ? 'info' : 'warn');
  });
  saveBtn.addEventListener('click', async () => {
    msg.clear();
    const sent = [];
    let bad = 0;
    for (const c of cells) {
      if (c.input.value.trim() === c.orig) continue;
      let m;
      try { m = parse(c); } catch (e) { setErr(c, e.message); bad++; continue; }
      if (!m) continue;
      const item = { student_id: c.stu.id, kind: c.kind, ...m };
      if (c.kind === 'period') item.period_id = c.period_id;
      sent.push({ item, c });
    }
    if (bad) { msg.show(`Исправьте ${bad} ${plural(bad, 'ячейку', 'ячейки', 'ячеек')} с ошибкой.`); return; }
    if (!sent.length) { msg.show('Изменений нет.', 'info'); return; }
    setBusy(saveBtn, true, 'Сохранение…');
    try {
      await api.put('/finals', { class_id: data.class.id, subject_id: data.subject.id, marks: sent.map((x) => x.item) });
    } catch (e) {
      setBusy(saveBtn, false);
      const m = /^marks\[(\d+)\]/.exec(e.field || '');
      const c = m && sent[Number(m[1])] ? sent[Number(m[1])].c : null;
      if (c) {
        setErr(c, e.message);
        c.input.focus();
        msg.show(`Не сохранено: ${c.stu.name} — ${e.message}`);
      } else {
        msg.show('Не удалось сохранить отметки.', 'error', e.message);
      }
      return;
    }
    await reload();
  });
  out.append(h('div', { class: 'actions fin-actions' }, saveBtn, fillBtn));
}

// ---------------- просроченные отметки за период (завуч) ----------------
async function overdue(main, ctx) {
  const q = ctx.query || new URLSearchParams();
  const msg = messageArea({ id: 'fin-msg' });
  const controls = h('form', { class: 'fin-controls', id: 'fin-overdue-controls' });
  const out = h('div', { id: 'fin-overdue', 'aria-live': 'polite' });
  main.append(controls, msg, out);
  let periods = [], today = '';
  try {
    const years = await api.get('/years');
    today = years.today || '';
    const year = (years.items || []).find((y) => y.id === years.current_id) || (years.items || [])[0];
    if (year) periods = (await api.get(`/years/${year.id}/periods`)).periods || [];
  } catch (e) { msg.show(e.message); return; }
  if (!periods.length) { msg.show('В текущем учебном году нет периодов.', 'info'); return; }
  const kindName = { quarter: 'четверти', half: 'полугодия', trimester: 'триместры' };
  let def = periods.filter((p) => p.start_date <= today).pop() || periods[0];
  if (periods.some((p) => String(p.id) === q.get('period'))) def = periods.find((p) => String(p.id) === q.get('period'));
  const sel = h('select', { class: 'input' });
  const groups = {};
  for (const p of periods) {
    if (!groups[p.kind]) { groups[p.kind] = h('optgroup', { label: kindName[p.kind] || p.kind }); sel.append(groups[p.kind]); }
    groups[p.kind].append(h('option', { value: String(p.id), selected: p.id === def.id }, p.name));
  }
  controls.append(labeled('fin-period', 'Период', sel));
  controls.addEventListener('submit', (ev) => ev.preventDefault());
  sel.addEventListener('change', () => { history.replaceState(null, '', `#/finals?tab=overdue&period=${sel.value}`); load(); });

  async function load() {
    msg.clear();
    clear(out);
    let r;
    try { r = await api.get(`/finals/overdue?period=${sel.value}`); } catch (e) { msg.show(e.message); return; }
    const p = r.period;
    out.append(h('p', { class: 'page-note' }, `${p.name}: ${fmtDate(p.start_date)}–${fmtDate(p.end_date)}, отметки нужно выставить до ${fmtDate(p.due_date)}.`));
    if (!r.items.length) { out.append(h('p', { class: 'panel muted', id: 'fin-overdue-empty' }, 'Все отметки за период выставлены.')); return; }
    const late = r.items.filter((x) => x.late).length;
    if (late) out.append(h('p', { class: 'fin-late-note' }, `Срок прошёл: ${late} ${plural(late, 'журнал', 'журнала', 'журналов')}.`));
    const rows = r.items.map((x) => h('tr', { class: x.late ? 'is-late' : null },
      h('td', { 'data-label': 'Класс' }, x.class_name + (x.subgroup_name ? ` (${x.subgroup_name})` : '')),
      h('td', { 'data-label': 'Предмет' }, h('a', { href: `#/finals?class=${x.class_id}&subject=${x.subject_id}${x.subgroup_id ? `&subgroup=${x.subgroup_id}` : ''}` }, x.subject_name)),
      h('td', { 'data-label': 'Учитель' }, x.teacher.name),
      h('td', { 'data-label': 'Нет отметок' }, `${x.missing} из ${x.students}`),
      h('td', { 'data-label': 'Срок' }, fmtDate(x.due_date), x.late ? h('span', { class: 'fin-badge-late' }, 'просрочено') : null)));
    out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table fin-overdue-table', id: 'fin-overdue-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Класс'), h('th', {}, 'Предмет'), h('th', {}, 'Учитель'), h('th', {}, 'Нет отметок'), h('th', {}, 'Срок'))),
      h('tbody', {}, rows))));
  }
  await load();
}
