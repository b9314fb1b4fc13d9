// Сетка классного журнала: ученики по строкам, уроки (и задания урока) по столбцам, отметки и
// посещаемость в ячейках, средний балл и отметка за период справа. Ввод с клавиатуры как в таблице:
// цифры шкалы — отметка, «.»/«•» — точка, Н/О/Б — посещаемость, Delete — очистить, стрелки/Enter/Tab —
// переход, Escape — отменить изменение ячейки; «Сохранить» (Ctrl+S) отправляет по одному запросу
// PUT /lessons/{id}/marks на изменённый урок. Ошибку сервера (error.field «marks[3].value»,
// «attendance[1].code» — номер записи в отправленном списке) показываем на той самой ячейке: красная рамка,
// сообщение во всплывающей подсказке и строкой «Ученик, дата: сообщение». Таблица строится один раз;
// события — делегированные.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { icon } from '../icons.js';
import { openLessonEditor, showHistory, requestUnlock } from './journal-lesson.js';

export const ddmm = (d) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}` : '');
const ATT = { н: 'Н', о: 'О', б: 'Б' };
const NO_MARKS = 'В 1 классе отметки не ставятся';

function markText(m) {
  if (!m) return '';
  if (m.kind === 'point') return '•';
  if (m.kind === 'pass') return 'зач';
  if (m.kind === 'fail') return 'незач';
  return m.value == null ? '' : String(m.value);
}

export async function renderGrid(main, ctx, key) {
  const msg = messageArea({ id: 'jr-msg' });
  main.append(backLink('#/journal', 'К списку журналов'));
  const p = new URLSearchParams({ group: String(key.cls), subject: String(key.subject), period: String(key.period) });
  if (key.subgroup) p.set('subgroup', String(key.subgroup));
  let data;
  try { data = await api.get(`/journal?${p}`); } catch (e) {
    main.append(pageTitle('Журнал недоступен'), msg);
    msg.show(e.message);
    return;
  }
  const head = h('div', { class: 'jr-head-wrap' });
  const notes = h('div', { class: 'jr-notes', id: 'jr-notes' });
  const toolbar = h('div', { class: 'jr-toolbar', id: 'jr-toolbar' });
  const wrap = h('div', { class: 'jr-grid-wrap', id: 'jr-grid-wrap' });
  const legend = h('p', { class: 'jr-legend muted' });
  main.append(head, notes, toolbar, msg, wrap, legend);

  // ---------- состояние ----------
  let cols = [];          // {lesson, asg|null, first, last, li}
  let students = [];
  let markAt = new Map(); // "урок:задание:ученик" → отметка
  let attAt = new Map();  // "урок:ученик" → {code, reason}
  const pm = new Map();   // изменённые отметки: "урок:задание:ученик" → {kind, value} | {del:true}
  const pa = new Map();   // изменённая посещаемость: "урок:ученик" → "Н"|"О"|"Б"|null
  const cellErr = new Map(); // ошибки сервера: "m:урок:задание:ученик" | "a:урок:ученик" → сообщение
  let act = { r: 0, c: 0 };
  let table = null;
  let tbody = null;
  const settings = () => data.settings || { mark_min: 1, mark_max: 5 };

  const mk = (lid, aid, sid) => `${lid}:${aid || 0}:${sid}`;
  const ak = (lid, sid) => `${lid}:${sid}`;
  const dirtyCount = () => pm.size + pa.size;

  function index() {
    cols = [];
    data.lessons.forEach((l, li) => {
      const as = l.assignments && l.assignments.length ? l.assignments : [null];
      as.forEach((a, i) => cols.push({ lesson: l, asg: a, first: i === 0, last: i === as.length - 1, li }));
    });
    students = data.students || [];
    markAt = new Map();
    for (const m of data.marks || []) markAt.set(mk(m.lesson_id, m.assignment_id, m.student_id), m);
    attAt = new Map();
    for (const a of data.attendance || []) attAt.set(ak(a.lesson_id, a.student_id), a);
  }

  function whyLocked(l) {
    if (!data.can_edit) return 'Журнал открыт только для просмотра.';
    if (l.status === 'cancelled') return 'Урок отменён.';
    if (l.locked) return l.lock_reason || 'Дата закрыта для изменений.';
    if (l.editable === false) return 'Этот урок изменять нельзя.';
    return null;
  }

  // Текущее (с учётом несохранённых изменений) значение ячейки.
  function cellMark(col, s) {
    const k = mk(col.lesson.id, col.asg && col.asg.id, s.id);
    if (pm.has(k)) { const v = pm.get(k); return v.del ? null : v; }
    return markAt.get(k) || null;
  }
  function cellAtt(col, s) {
    const k = ak(col.lesson.id, s.id);
    if (pa.has(k)) { const code = pa.get(k); return code ? { code, reason: null } : null; }
    return attAt.get(k) || null;
  }

  function asgTitle(col) {
    if (!col.asg) return 'Работа на уроке';
    return col.asg.work_type || col.asg.short_name || 'Задание';
  }

  function fillCell(td, r, c) {
    const col = cols[c];
    const s = students[r];
    const m = cellMark(col, s);
    const a = col.first ? cellAtt(col, s) : null;
    const mt = markText(m);
    td.replaceChildren();
    if (mt) td.append(h('span', { class: `jr-m${m.kind && m.kind !== 'mark' ? ` jr-m-${m.kind}` : ''}` }, mt));
    if (a) {
      td.append(h('span', { class: 'jr-a' }, a.code, a.reason ? h('small', { class: 'jr-reason' }, a.reason) : null));
    }
    const dirty = pm.has(mk(col.lesson.id, col.asg && col.asg.id, s.id)) || (col.first && pa.has(ak(col.lesson.id, s.id)));
    td.classList.toggle('is-dirty', dirty);
    const err = cellErr.get(`m:${mk(col.lesson.id, col.asg && col.asg.id, s.id)}`) || (col.first && cellErr.get(`a:${ak(col.lesson.id, s.id)}`)) || null;
    if (err) { td.title = err; td.setAttribute('aria-invalid', 'true'); } else if (td.classList.contains('is-error')) {
      const lock = whyLocked(col.lesson);
      if (lock) td.title = lock; else td.removeAttribute('title');
      td.removeAttribute('aria-invalid');
    }
    td.classList.toggle('is-error', !!err);
    const val = [mt && (m.kind === 'point' ? 'точка' : mt), a && `${a.code}${a.reason ? ` ${a.reason}` : ''}`].filter(Boolean).join(', ');
    td.setAttribute('aria-label', `${s.name}, ${ddmm(col.lesson.date)}, ${asgTitle(col)}${val ? `: ${val}` : ''}${dirty ? ' (не сохранено)' : ''}${err ? `. Не сохранено: ${err}` : ''}`);
  }

  function tdAt(r, c) { return tbody && tbody.rows[r] ? tbody.rows[r].cells[c + 1] : null; }

  // ---------- построение таблицы ----------
  function build() {
    index();
    clear(wrap);
    if (!cols.length) {
      wrap.append(h('p', { class: 'muted', id: 'jr-no-lessons' }, 'В этом периоде уроков нет.'));
    }
    const frag = document.createDocumentFragment();
    const tr1 = h('tr', { class: 'jr-hr1' }, h('th', { scope: 'col', rowspan: '2', class: 'jr-corner' }, 'Ученик'));
    const tr2 = h('tr', { class: 'jr-hr2' });
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      const l = col.lesson;
      const cls = ['jr-col'];
      if (l.status === 'cancelled') cls.push('is-cancelled');
      if (l.locked) cls.push('is-locked');
      if (col.first) cls.push('jr-first');
      if (col.first) {
        const span = l.assignments && l.assignments.length ? l.assignments.length : 1;
        const ttl = [`${ddmm(l.date)}, ${l.number} урок`, l.topic ? `Тема: ${l.topic}` : 'Тема не указана',
          l.status === 'cancelled' ? 'Урок отменён' : null, l.locked ? l.lock_reason : null,
          l.substitute ? `Замена: ${l.substitute.name}` : null].filter(Boolean).join('\n');
        tr1.append(h('th', { scope: 'colgroup', colspan: String(span), class: cls.join(' '), 'data-lesson': String(l.id) },
          h('button', { type: 'button', class: `jr-lesson-btn${l.topic ? '' : ' no-topic'}`, 'data-lesson': String(l.id), title: ttl,
            'aria-label': `Урок ${ddmm(l.date)}, ${l.number} урок: ${l.topic ? `тема «${l.topic}»` : 'тема не указана'}${l.locked ? ', дата закрыта' : ''}${l.status === 'cancelled' ? ', отменён' : ''}` },
          h('span', { class: 'jr-date' }, ddmm(l.date)),
          h('span', { class: 'jr-num-l' }, String(l.number)),
          l.locked ? h('span', { class: 'jr-lock', 'aria-hidden': 'true' }, icon('access')) : null)));
      }
      const a = col.asg;
      tr2.append(h('th', { scope: 'col', class: cls.join(' '), 'data-col': String(c), 'data-lesson': String(l.id),
        title: a ? `${a.work_type}, вес ${a.weight}${a.description ? `\n${a.description}` : ''}${a.due_date ? `\nСрок: ${ddmm(a.due_date)}` : ''}` : 'Работа на уроке (задание появится с первой отметкой)' },
      a ? (a.short_name || a.work_type) : '·'));
    }
    tr1.append(h('th', { scope: 'col', rowspan: '2', class: 'jr-avg-h' }, h('abbr', { title: 'Средний балл' }, 'Ср.')),
      h('th', { scope: 'col', rowspan: '2', class: 'jr-pm-h' }, h('abbr', { title: 'Отметка за период' }, 'Итог')));
    const thead = h('thead', {}, tr1, tr2);
    tbody = h('tbody', {});
    const lockOf = cols.map((col) => whyLocked(col.lesson));
    students.forEach((s, r) => {
      const tr = h('tr', { 'data-student': String(s.id) },
        h('th', { scope: 'row', class: 'jr-name', title: s.full_name || s.name },
          h('span', { class: 'jr-n' }, String(r + 1)), h('span', { class: 'jr-sname' }, s.name)));
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c];
        const cl = ['jr-cell'];
        if (col.first) cl.push('jr-first');
        if (col.lesson.status === 'cancelled') cl.push('is-cancelled');
        if (col.lesson.locked) cl.push('is-locked');
        const td = h('td', { class: cl.join(' '), tabindex: '-1', 'data-r': String(r), 'data-c': String(c) });
        if (lockOf[c]) { td.setAttribute('aria-disabled', 'true'); td.title = lockOf[c]; }
        tr.append(td);
      }
      const pmv = s.period_mark;
      tr.append(h('td', { class: 'jr-avg', title: data.settings && data.settings.averaging === 'arithmetic' ? 'Средний арифметический' : 'Средний взвешенный' },
        s.average == null ? '—' : Number(s.average).toFixed(2).replace('.', ',')),
      h('td', { class: 'jr-pm', title: s.suggested != null ? `Рекомендуемая отметка: ${s.suggested}` : undefined },
        pmv ? h('span', { class: 'jr-pm-v' }, pmv.code || String(pmv.value)) : null,
        s.suggested != null && (!pmv || pmv.value !== s.suggested) ? h('small', { class: 'jr-suggest', 'aria-label': `рекомендуется ${s.suggested}` }, `→${s.suggested}`) : null));
      tbody.append(tr);
    });
    table = h('table', { class: 'jr-grid', id: 'jr-grid', 'aria-label': `Журнал: ${data.subject.name}, ${data.class.name}`, 'aria-describedby': 'jr-help' },
      thead, tbody);
    frag.append(table);
    // Заполнение ячеек — в ещё не вставленной таблице, одним проходом.
    for (let r = 0; r < students.length; r++) for (let c = 0; c < cols.length; c++) fillCell(tbody.rows[r].cells[c + 1], r, c);
    if (cols.length && students.length) {
      act.r = Math.min(act.r, students.length - 1);
      act.c = Math.min(act.c, cols.length - 1);
      tdAt(act.r, act.c).tabIndex = 0;
    }
    wrap.append(frag);
    table.addEventListener('keydown', onKey);
    table.addEventListener('click', onClick);
    table.addEventListener('contextmenu', onContext);
    table.addEventListener('focusin', onFocusIn);
    updateToolbar();
  }

  function drawHead() {
    clear(head);
    const sub = [data.class.name + (data.subgroup ? ` (${data.subgroup.name})` : ''), data.period.name,
      `${ddmm(data.period.start_date)}–${ddmm(data.period.end_date)}`].join(' · ');
    head.append(pageTitle(`${data.subject.name}${data.subject.pass_fail ? ' (зачёт)' : ''}`, sub));
    document.title = `${data.subject.name}, ${data.class.name} — Электронный журнал`;
    clear(notes);
    if (!data.can_edit) notes.append(h('div', { class: 'msg msg-info', id: 'jr-readonly' }, h('p', { class: 'msg-text' }, 'Журнал открыт только для просмотра: изменять его вы не можете.')));
    if (data.year_closed) notes.append(h('div', { class: 'msg msg-info' }, h('p', { class: 'msg-text' }, 'Учебный год закрыт: журнал доступен только для чтения.')));
    if (data.no_marks) notes.append(h('div', { class: 'msg msg-info', id: 'jr-no-marks' }, h('p', { class: 'msg-text' }, `${NO_MARKS}: отмечается только посещаемость.`)));
    const st = settings();
    legend.id = 'jr-help';
    legend.textContent = data.can_edit
      ? `Выберите ячейку мышью или стрелками. ${data.no_marks ? '' : data.subject.pass_fail ? '«+» — зачёт, «-» — незачёт, ' : `Цифры ${st.mark_min}–${Math.min(st.mark_max, 9)} — отметка, «.» — точка, `}Н, О, Б — посещаемость, Delete — очистить, Enter — вниз, Esc — отменить. Сохранить — Ctrl+S. История ячейки — правая кнопка мыши или Alt+щелчок. Щелчок по дате открывает урок.`
      : 'Щелчок по дате открывает тему и задание урока. История ячейки — правая кнопка мыши или Alt+щелчок.';
  }

  // ---------- панель ----------
  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'jr-save', disabled: true }, 'Сохранить');
  const count = h('span', { class: 'jr-count', id: 'jr-count', 'aria-live': 'polite' });
  const histBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'jr-history' }, 'История ячейки');
  const unlockBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'jr-unlock', hidden: true }, 'Попросить открыть дату');
  const pad = h('div', { class: 'jr-pad', id: 'jr-pad', role: 'group', 'aria-label': 'Ввод в выбранную ячейку' });
  function drawToolbar() {
    clear(toolbar);
    clear(pad);
    const st = settings();
    if (data.can_edit) {
      const keys = [];
      if (!data.no_marks) {
        if (data.subject.pass_fail) keys.push(['+', 'зач', 'Зачёт'], ['-', 'незач', 'Незачёт']);
        else for (let v = st.mark_min; v <= Math.min(st.mark_max, 9); v++) keys.push([String(v), String(v), `Отметка ${v}`]);
        keys.push(['.', '•', 'Точка']);
      }
      keys.push(['н', 'Н', 'Не был'], ['о', 'О', 'Опоздал'], ['б', 'Б', 'Болел'], ['Delete', '✕', 'Очистить']);
      for (const [k, t, label] of keys) pad.append(h('button', { type: 'button', class: 'btn btn-sm jr-key', 'data-key': k, 'aria-label': label, title: label }, t));
      toolbar.append(saveBtn, count, pad);
    }
    toolbar.append(histBtn, unlockBtn);
  }
  pad.addEventListener('mousedown', (e) => e.preventDefault()); // фокус остаётся в ячейке
  pad.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-key]');
    if (!b) return;
    applyKey(b.dataset.key);
    const td = tdAt(act.r, act.c);
    if (td) td.focus({ preventScroll: true });
  });
  saveBtn.addEventListener('click', () => save());
  histBtn.addEventListener('click', () => cellHistory(act.r, act.c));
  unlockBtn.addEventListener('click', () => {
    const col = cols[act.c];
    if (col) requestUnlock(col.lesson, msg);
  });

  function updateToolbar() {
    const n = dirtyCount();
    saveBtn.disabled = n === 0;
    count.textContent = n ? `Не сохранено изменений: ${n}` : '';
    const col = cols[act.c];
    unlockBtn.hidden = !(data.can_edit && col && col.lesson.locked && col.lesson.lock_code === 'journal_locked');
    histBtn.disabled = !(col && students.length);
  }

  // ---------- выбор ячейки ----------
  function setActive(r, c, focus = true) {
    if (!students.length || !cols.length) return;
    r = Math.max(0, Math.min(students.length - 1, r));
    c = Math.max(0, Math.min(cols.length - 1, c));
    const old = tdAt(act.r, act.c);
    if (old) old.tabIndex = -1;
    act = { r, c };
    const td = tdAt(r, c);
    td.tabIndex = 0;
    if (focus) td.focus();
    updateToolbar();
  }
  function onFocusIn(e) {
    const td = e.target.closest && e.target.closest('td.jr-cell');
    if (!td) return;
    const r = Number(td.dataset.r), c = Number(td.dataset.c);
    if (r !== act.r || c !== act.c) setActive(r, c, false);
  }
  function onClick(e) {
    const btn = e.target.closest('button.jr-lesson-btn');
    if (btn) { openLesson(Number(btn.dataset.lesson)); return; }
    const td = e.target.closest('td.jr-cell');
    if (!td) return;
    setActive(Number(td.dataset.r), Number(td.dataset.c));
    if (e.altKey) cellHistory(act.r, act.c);
  }
  function onContext(e) {
    const td = e.target.closest('td.jr-cell');
    if (!td) return;
    e.preventDefault();
    setActive(Number(td.dataset.r), Number(td.dataset.c));
    cellHistory(act.r, act.c);
  }

  // ---------- ввод ----------
  function refuse(text) { msg.show(text, 'warn'); }

  function setMark(r, c, v) {
    const col = cols[c], s = students[r];
    const k = mk(col.lesson.id, col.asg && col.asg.id, s.id);
    const orig = markAt.get(k);
    const same = v.del ? !orig : orig && orig.kind === v.kind && (v.kind !== 'mark' || orig.value === v.value);
    cellErr.delete(`m:${k}`);
    if (same) pm.delete(k); else pm.set(k, v);
  }
  function setAtt(r, c, code) {
    const col = cols[c], s = students[r];
    const k = ak(col.lesson.id, s.id);
    const orig = attAt.get(k);
    cellErr.delete(`a:${k}`);
    if ((orig ? orig.code : null) === code) pa.delete(k); else pa.set(k, code);
  }
  function redrawLessonCells(r, c) {
    // Посещаемость показана в первом столбце урока — перерисуем все столбцы урока в строке.
    const lid = cols[c].lesson.id;
    for (let i = 0; i < cols.length; i++) if (cols[i].lesson.id === lid) fillCell(tdAt(r, i), r, i);
  }

  /** Применить клавишу к выбранной ячейке; true — клавиша обработана. */
  function applyKey(key) {
    const { r, c } = act;
    const col = cols[c];
    if (!col || !students[r]) return false;
    const st = settings();
    let kind = null;
    let value = null;
    const low = key.length === 1 ? key.toLowerCase() : key;
    if (/^[0-9]$/.test(key)) {
      const v = Number(key);
      if (v < st.mark_min || v > st.mark_max) { refuse(`Отметка вне шкалы ${st.mark_min}–${st.mark_max}.`); return true; }
      kind = 'mark'; value = v;
    } else if (key === '.' || key === '•' || key === '*') kind = 'point';
    else if (key === '+') kind = 'pass';
    else if (key === '-') kind = 'fail';
    else if (ATT[low]) kind = 'att';
    else if (key === 'Delete' || key === 'Backspace') kind = 'clear';
    else return false;

    const lock = whyLocked(col.lesson);
    if (lock) { refuse(lock); return true; }
    if (kind !== 'att' && kind !== 'clear' && data.no_marks) { refuse(`${NO_MARKS}.`); return true; }
    if ((kind === 'pass' || kind === 'fail') && !data.subject.pass_fail) { refuse('Зачёт и незачёт ставятся только по предметам с зачётной системой.'); return true; }
    if (kind === 'mark' && data.subject.pass_fail) { refuse('По этому предмету ставится «зачёт» («+») или «незачёт» («-»).'); return true; }
    msg.clear();
    if (kind === 'att') setAtt(r, c, ATT[low]);
    else if (kind === 'clear') {
      const s = students[r];
      if (cellMark(col, s)) setMark(r, c, { del: true });
      else if (cellAtt(col, s)) setAtt(r, c, null);
    } else setMark(r, c, kind === 'mark' ? { kind, value } : { kind });
    redrawLessonCells(r, c);
    updateToolbar();
    return true;
  }

  function revertCell(r, c) {
    const col = cols[c], s = students[r];
    pm.delete(mk(col.lesson.id, col.asg && col.asg.id, s.id));
    cellErr.delete(`m:${mk(col.lesson.id, col.asg && col.asg.id, s.id)}`);
    if (col.first) { pa.delete(ak(col.lesson.id, s.id)); cellErr.delete(`a:${ak(col.lesson.id, s.id)}`); }
    redrawLessonCells(r, c);
    updateToolbar();
  }

  function onKey(e) {
    const td = e.target.closest && e.target.closest('td.jr-cell');
    if (!td) return;
    const { r, c } = act;
    if (e.ctrlKey || e.metaKey) return; // Ctrl+S — общий обработчик страницы
    switch (e.key) {
      case 'ArrowLeft': setActive(r, c - 1); break;
      case 'ArrowRight': setActive(r, c + 1); break;
      case 'ArrowUp': setActive(r - 1, c); break;
      case 'ArrowDown': setActive(r + 1, c); break;
      case 'Home': setActive(r, 0); break;
      case 'End': setActive(r, cols.length - 1); break;
      case 'PageDown': setActive(r + 10, c); break;
      case 'PageUp': setActive(r - 10, c); break;
      case 'Enter': setActive(e.shiftKey ? r - 1 : r + 1, c); break;
      case 'Tab': {
        const nc = e.shiftKey ? c - 1 : c + 1;
        if (nc < 0 || nc >= cols.length) return; // выход из таблицы
        setActive(r, nc);
        break;
      }
      case 'Escape': revertCell(r, c); msg.clear(); break;
      case 'F10': if (!e.shiftKey) return; cellHistory(r, c); break;
      case 'ContextMenu': cellHistory(r, c); break;
      default:
        if (e.altKey || !applyKey(e.key)) return;
    }
    e.preventDefault();
  }

  // ---------- сохранение ----------
  async function save() {
    if (!dirtyCount()) return true;
    msg.clear();
    cellErr.clear();
    // По каждому запросу — ячейки в порядке отправки: ошибка «marks[i]»/«attendance[i]» указывает на одну из них.
    const byLesson = new Map();
    const get = (lid) => { if (!byLesson.has(lid)) byLesson.set(lid, { marks: [], attendance: [], mcells: [], acells: [] }); return byLesson.get(lid); };
    for (const [k, v] of pm) {
      const [lid, aid, sid] = k.split(':').map(Number);
      const e = { student_id: sid };
      if (aid) e.assignment_id = aid;
      if (v.del) e.delete = true;
      else if (v.kind === 'mark') e.value = v.value;
      else e.kind = v.kind;
      const b = get(lid);
      b.marks.push(e);
      b.mcells.push({ key: `m:${k}`, lid, sid, aid });
    }
    for (const [k, code] of pa) {
      const [lid, sid] = k.split(':').map(Number);
      const b = get(lid);
      b.attendance.push({ student_id: sid, code });
      b.acells.push({ key: `a:${k}`, lid, sid, aid: null });
    }
    setBusy(saveBtn, true, 'Сохраняем…');
    const errors = [];
    let topicLesson = null;
    let saved = 0;
    for (const [lid, b] of byLesson) {
      const l = data.lessons.find((x) => x.id === lid);
      const body = {};
      if (b.marks.length) body.marks = b.marks;
      if (b.attendance.length) body.attendance = b.attendance;
      try {
        await api.put(`/lessons/${lid}/marks`, body);
        for (const k of [...pm.keys()]) if (k.startsWith(`${lid}:`)) pm.delete(k);
        for (const k of [...pa.keys()]) if (k.startsWith(`${lid}:`)) pa.delete(k);
        saved++;
      } catch (e) {
        if (e.handled) { setBusy(saveBtn, false); return false; }
        if (e.code === 'topic_required' && !topicLesson) topicLesson = l;
        const f = /^(marks|attendance)\[(\d+)\]/.exec(e.field || '');
        const cell = f ? (f[1] === 'marks' ? b.mcells : b.acells)[Number(f[2])] : null;
        if (cell) cellErr.set(cell.key, e.message);
        errors.push({ lesson: l, err: e, cell });
      }
    }
    setBusy(saveBtn, false);
    const names = new Map(students.map((s) => [s.id, s.name]));
    // Средние и отметки сервер считает сам — перечитаем журнал, оставив несохранённое.
    try { data = await api.get(`/journal?${p}`); } catch (e) { errors.push({ lesson: null, err: e }); }
    build();
    // Изменения ячеек, которых больше нет (урок, задание или ученик исчезли), не сохранить — отбросим их.
    const colKeys = new Set(cols.map((col) => `${col.lesson.id}:${col.asg ? col.asg.id : 0}`));
    const sids = new Set(students.map((s) => s.id));
    let dropped = 0;
    for (const k of [...pm.keys()]) {
      const [lid, aid, sid] = k.split(':').map(Number);
      if (!colKeys.has(`${lid}:${aid}`) || !sids.has(sid)) { pm.delete(k); dropped++; }
    }
    for (const k of [...pa.keys()]) {
      const [lid, sid] = k.split(':').map(Number);
      if (!cols.some((col) => col.lesson.id === lid) || !sids.has(sid)) { pa.delete(k); dropped++; }
    }
    if (dropped) updateToolbar();
    if (errors.length) {
      let first = null;
      const lines = errors.map(({ lesson, err, cell }) => {
        if (!lesson) return err.message;
        if (!cell) return `Урок ${ddmm(lesson.date)} (${lesson.number} урок): ${err.message}`;
        const r = students.findIndex((s) => s.id === cell.sid);
        const c = cols.findIndex((col) => col.lesson.id === cell.lid && (cell.aid === null ? col.first : (col.asg ? col.asg.id : 0) === cell.aid));
        if (r >= 0 && c >= 0 && !first) first = { r, c };
        return `${names.get(cell.sid) || (r >= 0 ? students[r].name : 'Ученик')}, ${ddmm(lesson.date)}: ${err.message}`;
      });
      if (dropped) lines.push(`Ячеек больше нет в журнале (урок, задание или ученик изменились) — отброшено изменений: ${dropped}.`);
      msg.show(saved ? `Сохранено уроков: ${saved}. Не сохранено:` : 'Не сохранено:', 'error', lines.join('\n'));
      if (first) setActive(first.r, first.c, !topicLesson);
      else setActive(act.r, act.c, !topicLesson);
      if (topicLesson) openLesson(topicLesson.id, { topicError: errors.find((x) => x.lesson === topicLesson).err.message });
      return false;
    }
    msg.show('Сохранено', 'ok');
    setActive(act.r, act.c);
    return true;
  }

  async function reload() {
    data = await api.get(`/journal?${p}`);
    drawHead();
    drawToolbar();
    build();
  }

  // ---------- урок, история ----------
  function openLesson(id, opts = {}) {
    const lesson = data.lessons.find((x) => x.id === id);
    if (!lesson) return;
    openLessonEditor({
      data, lesson, students, topicError: opts.topicError,
      readOnly: !!whyLocked(lesson), lockText: whyLocked(lesson),
      onChanged: async () => { try { await reload(); } catch (e) { msg.show(e.message); } },
      onClose: () => { const td = tdAt(act.r, act.c); if (td) td.focus({ preventScroll: true }); },
    });
  }

  function cellHistory(r, c) {
    const col = cols[c], s = students[r];
    if (!col || !s) return;
    const k = mk(col.lesson.id, col.asg && col.asg.id, s.id);
    const m = markAt.get(k);
    const byLesson = `/lessons/${col.lesson.id}/history?student=${s.id}`;
    const path = m && m.id ? [`/marks/${m.id}/history`, byLesson] : byLesson;
    showHistory(`${s.name}, ${ddmm(col.lesson.date)}${m ? '' : ' (все записи урока)'}`, path, () => {
      const td = tdAt(act.r, act.c); if (td) td.focus({ preventScroll: true });
    });
  }

  // ---------- уход со страницы с несохранёнными изменениями ----------
  const here = location.hash;
  const onBeforeUnload = (e) => { if (!main.isConnected) return cleanup(); if (dirtyCount()) { e.preventDefault(); e.returnValue = ''; } return undefined; };
  const onHashChange = (e) => {
    if (!main.isConnected) { cleanup(); return; }
    if (!dirtyCount() || location.hash === here) return;
    // eslint-disable-next-line no-alert
    if (window.confirm('В журнале есть несохранённые изменения. Уйти без сохранения?')) { cleanup(); return; }
    e.stopImmediatePropagation();
    history.replaceState(null, '', here);
  };
  const onDocKey = (e) => {
    if (!main.isConnected) { cleanup(); return; }
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S' || e.key === 'ы' || e.key === 'Ы')) {
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (data.can_edit) save();
    }
  };
  function cleanup() {
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('hashchange', onHashChange, true);
    document.removeEventListener('keydown', onDocKey);
  }
  window.addEventListener('beforeunload', onBeforeUnload);
  window.addEventListener('hashchange', onHashChange, true); // раньше обработчика маршрутов
  document.addEventListener('keydown', onDocKey);

  // ---------- первый показ ----------
  drawHead();
  drawToolbar();
  // Начальная ячейка: первый столбец последнего прошедшего (или сегодняшнего) урока.
  let start = 0;
  index();
  for (let c = 0; c < cols.length; c++) if (cols[c].first && cols[c].lesson.date <= data.today && cols[c].lesson.status !== 'cancelled') start = c;
  act = { r: 0, c: start };
  build();
  const td = tdAt(act.r, act.c);
  if (td) requestAnimationFrame(() => td.scrollIntoView({ block: 'nearest', inline: 'center' }));
}
