// Окна классного журнала: урок (тема, домашнее задание, индивидуальные задания, файлы к заданию — общие
// и ученику, задания урока с видом работы и весом), история ячейки или урока, запрос на открытие закрытой даты.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { messageArea } from '../ui.js';

let uid = 0;
const ddmm = (d) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}` : '');

/** Модальное окно: {dlg, body, close()}. onClose вызывается после закрытия. */
function dialog(titleText, id, onClose) {
  const tid = `jr-dlg-title-${++uid}`;
  const closeBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm jr-dlg-close', 'aria-label': 'Закрыть' }, '✕');
  const body = h('div', { class: 'jr-dlg-body' });
  const dlg = h('dialog', { class: 'jr-dialog', id, 'aria-labelledby': tid },
    h('div', { class: 'jr-dlg-head' }, h('h2', { class: 'jr-dlg-title', id: tid }, titleText), closeBtn), body);
  closeBtn.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => { dlg.remove(); if (onClose) onClose(); });
  document.body.append(dlg);
  dlg.showModal();
  return { dlg, body, close: () => dlg.close() };
}

function labeled(label, input, extra) {
  input.id = input.id || `jr-f-${++uid}`;
  return h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, label), input, extra || null);
}

function fmtAt(at) {
  if (!at) return '';
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(at) ? at : `${at.replace(' ', 'T')}Z`);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function fmtSize(n) {
  if (n < 1024) return `${n} Б`;
  const kb = n / 1024;
  if (kb < 1024) return `${kb.toLocaleString('ru-RU', { maximumFractionDigits: 1 })} КБ`;
  return `${(kb / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}

/** Почему сервер не принял файл: его сообщение, для 413 — с пояснением. */
function uploadError(x, file) {
  const what = `Файл «${file.name}» (${fmtSize(file.size)})`;
  if (x.status === 413 || x.code === 'body_too_large') return `${what} слишком большой: ${x.message}`;
  if (x.status === 0 && file.size > 1024 * 1024) return `${what} слишком большой: сервер прервал передачу.`;
  return `${what} не прикреплён: ${x.message}`;
}

const FIELD_NAMES = { value: 'отметка', kind: 'вид', code: 'посещаемость', reason: 'причина', comment: 'комментарий', topic: 'тема',
  homework: 'д/з', text: 'текст', weight: 'вес', description: 'описание', due_date: 'срок', work_type: 'вид работы', work_type_id: 'вид работы' };
const KINDS = { point: '•', pass: 'зачёт', fail: 'незачёт' };

/** Значение из истории: отметка, посещаемость или поля урока. */
export function describe(v) {
  if (v == null) return '—';
  if (typeof v !== 'object') return String(v);
  if (v.kind && v.kind !== 'mark' && KINDS[v.kind]) return KINDS[v.kind];
  if (v.value != null && Object.keys(v).every((k) => ['value', 'kind', 'assignment_id', 'comment', 'id', 'student_id', 'lesson_id'].includes(k))) {
    return `${v.value}${v.comment ? ` (${v.comment})` : ''}`;
  }
  if (v.code !== undefined && Object.keys(v).every((k) => ['code', 'reason', 'comment', 'student_id', 'lesson_id'].includes(k))) {
    return v.code ? `${v.code}${v.reason ? ` ${v.reason}` : ''}` : 'был';
  }
  const parts = [];
  for (const [k, x] of Object.entries(v)) {
    if (/(^id$|_id$)/.test(k) && k !== 'work_type_id') continue;
    if (x == null || x === '') continue;
    parts.push(`${FIELD_NAMES[k] || k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`);
  }
  return parts.join('; ') || '—';
}

/** История: «дата время — кто: было → стало». path — адрес или список запасных адресов. */
export function showHistory(titleText, path, onClose) {
  const { body } = dialog(`История: ${titleText}`, 'jr-history-dlg', onClose);
  const list = h('ol', { class: 'jr-hist', id: 'jr-hist', 'aria-live': 'polite' }, h('li', { class: 'muted' }, 'Загрузка…'));
  body.append(list);
  const paths = Array.isArray(path) ? path : [path];
  const load = async () => {
    for (let i = 0; ; i++) {
      try { return await api.get(paths[i]); } catch (e) {
        // Нет истории у отметки (например, из загруженных данных) — покажем записи урока ученика.
        if (e.status === 404 && i + 1 < paths.length) continue;
        throw e;
      }
    }
  };
  load().then((r) => {
    clear(list);
    const items = r.items || [];
    if (!items.length) { list.append(h('li', { class: 'muted jr-hist-empty' }, 'Изменений нет.')); return; }
    for (const x of items) {
      list.append(h('li', { class: 'jr-hist-item' },
        h('span', { class: 'jr-hist-at' }, fmtAt(x.at)), ' — ',
        h('span', { class: 'jr-hist-who' }, (x.user && x.user.name) || 'система'), ': ',
        h('span', { class: 'jr-hist-old' }, describe(x.old)), ' → ',
        h('span', { class: 'jr-hist-new' }, describe(x.new)),
        x.unlock_id ? h('span', { class: 'muted' }, ' (по разрешению на изменение)') : null));
    }
  }).catch((e) => { if (e.handled) return; clear(list); list.append(h('li', { class: 'field-error' }, e.message)); });
}

/** Запрос на открытие закрытой даты: причина → POST /journal/unlocks. */
export function requestUnlock(lesson, msg) {
  const { body, close } = dialog(`Открыть дату ${ddmm(lesson.date)}`, 'jr-unlock-dlg');
  const reason = h('textarea', { class: 'input', rows: '3', maxlength: '1000', id: 'jr-unlock-reason', required: true });
  const err = messageArea({ id: 'jr-unlock-msg' });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'jr-unlock-send' }, 'Отправить запрос');
  const form = h('form', { class: 'jr-form' },
    h('p', { class: 'muted' }, lesson.lock_reason || 'Дата закрыта для изменений.'),
    labeled('Причина (например, «ученик сдал работу после болезни»)', reason), err,
    h('div', { class: 'actions' }, send));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { err.show('Укажите причину.'); reason.focus(); return; }
    setBusy(send, true, 'Отправляем…');
    try {
      await api.post('/journal/unlocks', { date: lesson.date, lesson_id: lesson.id, reason: reason.value.trim() });
      close();
      if (msg) msg.show(`Запрос на открытие даты ${ddmm(lesson.date)} отправлен администратору.`, 'ok');
    } catch (x) { if (!x.handled) err.show(x.message); setBusy(send, false); }
  });
  body.append(form);
  reason.focus();
}

/**
 * Урок: тема, домашнее задание, индивидуальные задания, задания урока.
 * opts: {data, lesson, students, topicError, readOnly, lockText, onChanged, onClose}
 */
export function openLessonEditor(opts) {
  const { data, students } = opts;
  let lesson = opts.lesson;
  let changed = false;
  const { body } = dialog(`Урок ${ddmm(lesson.date)}, ${lesson.number} урок`, 'jr-lesson-dlg', () => {
    if (changed && opts.onChanged) opts.onChanged();
    if (opts.onClose) opts.onClose();
  });
  const who = [`Учитель: ${lesson.teacher ? lesson.teacher.name : '—'}`, lesson.substitute ? `замена: ${lesson.substitute.name}` : null,
    lesson.status === 'cancelled' ? 'урок отменён' : null].filter(Boolean).join(', ');
  body.append(h('p', { class: 'muted' }, who));
  const ro = !!opts.readOnly;
  if (ro && opts.lockText) body.append(h('div', { class: 'msg msg-info', id: 'jr-lesson-ro' }, h('p', { class: 'msg-text' }, opts.lockText)));

  // --- тема и домашнее задание ---
  const msg = messageArea({ id: 'jr-lesson-msg' });
  const topic = h('input', { type: 'text', class: 'input', id: 'jr-topic', maxlength: '500', value: lesson.topic || '', disabled: ro, 'aria-describedby': 'jr-topic-err' });
  const topicErr = h('p', { class: 'field-error', id: 'jr-topic-err' });
  const hw = h('textarea', { class: 'input', id: 'jr-homework', rows: '3', maxlength: '2000', disabled: ro, 'aria-describedby': 'jr-homework-err' });
  hw.value = lesson.homework || '';
  const hwErr = h('p', { class: 'field-error', id: 'jr-homework-err' });
  const setTopicErr = (t) => { topicErr.textContent = t || ''; if (t) topic.setAttribute('aria-invalid', 'true'); else topic.removeAttribute('aria-invalid'); };
  if (opts.topicError) setTopicErr(opts.topicError);

  // --- файлы к домашнему заданию: общие (student_id null) и ученику; загружаются сразу, без «Сохранить урок» ---
  const fileBlocks = new Set();
  const filesOf = (sid) => (lesson.files || []).filter((f) => (f.student_id || null) === (sid || null));
  /** Список файлов с загрузкой и удалением. getSid() — ученик (0 — файлы для всего класса). */
  function fileBlock(getSid, ids = {}) {
    const list = h('ul', { class: 'jr-files', id: ids.list });
    const err = h('p', { class: 'field-error jr-file-err', id: ids.err, role: 'alert' });
    const box = h('div', { class: 'jr-file-box' }, list);
    let input = null;
    if (!ro) {
      input = h('input', { type: 'file', class: 'jr-file-input', id: ids.input || `jr-f-${++uid}` });
      input.setAttribute('aria-describedby', err.id || (err.id = `jr-f-${++uid}`));
      box.append(h('label', { class: 'jr-file-add', for: input.id }, h('span', { class: 'jr-file-add-text' }, 'Прикрепить файл'), input));
      input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        err.textContent = '';
        input.removeAttribute('aria-invalid');
        const sid = getSid();
        input.disabled = true;
        try {
          await api.upload(`/lessons/${lesson.id}/files?name=${encodeURIComponent(file.name)}${sid ? `&student=${sid}` : ''}`, file);
          changed = true;
          await refreshLesson();
        } catch (x) {
          if (!x.handled) { err.textContent = uploadError(x, file); input.setAttribute('aria-invalid', 'true'); }
        } finally {
          input.disabled = false;
          input.value = '';
        }
      });
    }
    box.append(err);
    const block = {
      box,
      redraw() {
        clear(list);
        for (const f of filesOf(getSid())) {
          const li = h('li', { class: 'jr-file', 'data-id': String(f.id) },
            h('a', { class: 'jr-file-link', href: `/api/v1/files/${f.id}`, download: f.name }, f.name),
            h('span', { class: 'jr-file-size muted' }, fmtSize(f.size)));
          if (!ro) {
            const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm jr-file-del', 'aria-label': `Удалить файл «${f.name}»` }, 'Удалить');
            del.addEventListener('click', async () => {
              err.textContent = '';
              setBusy(del, true, '…');
              try {
                await api.del(`/files/${f.id}`);
                changed = true;
                await refreshLesson();
              } catch (x) {
                if (!x.handled) err.textContent = x.message;
                if (del.isConnected) setBusy(del, false);
              }
            });
            li.append(del);
          }
          list.append(li);
        }
        list.hidden = !list.childElementCount;
      },
    };
    fileBlocks.add(block);
    block.redraw();
    return block;
  }
  function drawFiles() {
    for (const b of fileBlocks) if (b.box.isConnected) b.redraw(); else fileBlocks.delete(b);
  }

  // индивидуальные задания
  const indiv = h('ul', { class: 'jr-indiv', id: 'jr-indiv' });
  function indivRow(x = {}) {
    const sel = h('select', { class: 'input jr-indiv-student', 'aria-label': 'Ученик', disabled: ro });
    for (const s of students) sel.append(h('option', { value: String(s.id) }, s.name));
    if (x.student_id) sel.value = String(x.student_id);
    const text = h('input', { type: 'text', class: 'input jr-indiv-text', 'aria-label': 'Задание ученику', maxlength: '2000', value: x.text || '', disabled: ro });
    const li = h('li', { class: 'jr-indiv-row' }, sel, text);
    if (!ro) {
      const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': 'Убрать задание ученику' }, '✕');
      del.addEventListener('click', () => li.remove());
      li.append(del);
    }
    // файлы ученику (сохраняются сразу; строка без текста при сохранении урока не отправляется)
    const files = fileBlock(() => Number(sel.value));
    files.box.classList.add('jr-indiv-files');
    sel.addEventListener('change', () => files.redraw());
    li.append(files.box);
    return li;
  }
  for (const x of lesson.individual_homework || []) indiv.append(indivRow(x));
  // ученики, у которых есть файлы, но нет текста задания
  for (const f of lesson.files || []) {
    if (f.student_id && ![...indiv.querySelectorAll('select')].some((sel) => Number(sel.value) === f.student_id)
      && students.some((st) => st.id === f.student_id)) indiv.append(indivRow({ student_id: f.student_id }));
  }
  const common = fileBlock(() => 0, { list: 'jr-files', err: 'jr-file-err', input: 'jr-file-input' });
  const addIndiv = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'jr-indiv-add', hidden: ro }, 'Добавить задание ученику');
  addIndiv.addEventListener('click', () => { const li = indivRow(); indiv.append(li); li.querySelector('select').focus(); });

  const saveContent = h('button', { type: 'submit', class: 'btn btn-primary', id: 'jr-content-save', hidden: ro }, 'Сохранить урок');
  const histBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'jr-lesson-history' }, 'История урока');
  histBtn.addEventListener('click', () => showHistory(`урок ${ddmm(lesson.date)}`, `/lessons/${lesson.id}/history`));
  const form = h('form', { class: 'jr-form', id: 'jr-content' },
    labeled('Тема урока', topic, topicErr),
    labeled('Домашнее задание', hw, hwErr),
    h('fieldset', { class: 'jr-fieldset', id: 'jr-files-set' }, h('legend', {}, 'Файлы к домашнему заданию'),
      ro && !filesOf(0).length ? h('p', { class: 'muted' }, 'Файлов нет.') : null, common.box),
    h('fieldset', { class: 'jr-fieldset' }, h('legend', {}, 'Индивидуальные задания'), indiv, addIndiv),
    msg,
    h('div', { class: 'actions' }, saveContent, histBtn));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (ro) return;
    setTopicErr('');
    hwErr.textContent = '';
    msg.clear();
    const individual = [...indiv.querySelectorAll('li')].map((li) => ({
      student_id: Number(li.querySelector('select').value), text: li.querySelector('.jr-indiv-text').value.trim(),
    })).filter((x) => x.text);
    setBusy(saveContent, true, 'Сохраняем…');
    try {
      await api.put(`/lessons/${lesson.id}/content`, { topic: topic.value.trim(), homework: hw.value.trim(), individual_homework: individual });
      changed = true;
      msg.show('Урок сохранён.', 'ok');
    } catch (x) {
      if (x.handled) return;
      if (x.field === 'topic' || /topic/.test(x.code)) { setTopicErr(x.message); topic.focus(); }
      else if (x.field === 'homework' || /homework/.test(x.code)) { hwErr.textContent = x.message; hw.focus(); }
      else msg.show(x.message);
    } finally { if (saveContent.isConnected) setBusy(saveContent, false); }
  });
  body.append(form);

  // --- задания урока (вид работы, вес) ---
  const asgBox = h('section', { class: 'jr-asg', id: 'jr-asg', 'aria-labelledby': 'jr-asg-title' });
  const asgMsg = messageArea({ id: 'jr-asg-msg' });
  const types = data.work_types || [];
  function typeSelect(value) {
    const sel = h('select', { class: 'input jr-asg-type', 'aria-label': 'Вид работы', disabled: ro });
    for (const t of types) sel.append(h('option', { value: String(t.id) }, t.name));
    if (value) sel.value = String(value);
    return sel;
  }
  async function refreshLesson() {
    try {
      const r = await api.get(`/journal/lessons/${lesson.id}`);
      const l = (r.lessons || []).find((x) => x.id === lesson.id);
      if (l) lesson = l;
    } catch { /* оставим как есть */ }
    drawAssignments();
    drawFiles();
  }
  function drawAssignments() {
    clear(asgBox);
    asgBox.append(h('h3', { class: 'jr-sub-title', id: 'jr-asg-title' }, 'Задания урока'));
    const list = h('ul', { class: 'jr-asg-list' });
    const as = lesson.assignments || [];
    if (!as.length) list.append(h('li', { class: 'muted' }, 'Заданий нет: первая отметка создаст «Работа на уроке».'));
    for (const a of as) {
      const sel = typeSelect(a.work_type_id);
      const weight = h('input', { type: 'number', class: 'input jr-asg-weight', min: '0.1', step: '0.1', value: String(a.weight), 'aria-label': 'Вес', disabled: ro });
      const desc = h('input', { type: 'text', class: 'input jr-asg-desc', maxlength: '500', value: a.description || '', 'aria-label': 'Описание', disabled: ro });
      const due = h('input', { type: 'date', class: 'input jr-asg-due', value: a.due_date || '', 'aria-label': 'Срок', disabled: ro });
      const li = h('li', { class: 'jr-asg-row', 'data-id': String(a.id) }, sel, weight, desc, due);
      if (!ro) {
        const save = h('button', { type: 'button', class: 'btn btn-sm' }, 'Сохранить');
        const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Удалить задание «${a.work_type}»` }, 'Удалить');
        save.addEventListener('click', () => asgOp(save, () => api.put(`/assignments/${a.id}`, {
          work_type_id: Number(sel.value), weight: Number(weight.value), description: desc.value.trim(), due_date: due.value || null,
        }), 'Задание сохранено.'));
        del.addEventListener('click', () => asgOp(del, () => api.del(`/assignments/${a.id}`), 'Задание удалено.'));
        li.append(save, del);
      }
      list.append(li);
    }
    asgBox.append(list);
    if (!ro && types.length) {
      const sel = typeSelect(types[0].id);
      sel.id = 'jr-asg-new-type';
      const weight = h('input', { type: 'number', class: 'input jr-asg-weight', id: 'jr-asg-new-weight', min: '0.1', step: '0.1', value: String(types[0].weight) });
      sel.addEventListener('change', () => { const t = types.find((x) => String(x.id) === sel.value); if (t) weight.value = String(t.weight); });
      const desc = h('input', { type: 'text', class: 'input jr-asg-desc', id: 'jr-asg-new-desc', maxlength: '500' });
      const due = h('input', { type: 'date', class: 'input jr-asg-due', id: 'jr-asg-new-due' });
      const add = h('button', { type: 'button', class: 'btn btn-sm', id: 'jr-asg-add' }, 'Добавить задание');
      add.addEventListener('click', () => {
        const b = { work_type_id: Number(sel.value), weight: Number(weight.value) };
        if (desc.value.trim()) b.description = desc.value.trim();
        if (due.value) b.due_date = due.value;
        asgOp(add, () => api.post(`/lessons/${lesson.id}/assignments`, b), 'Задание добавлено.');
      });
      asgBox.append(h('div', { class: 'jr-asg-new' },
        labeled('Вид работы', sel), labeled('Вес', weight), labeled('Описание', desc), labeled('Срок', due),
        h('div', { class: 'actions' }, add)));
    }
    asgBox.append(asgMsg);
  }
  async function asgOp(btn, fn, okText) {
    asgMsg.clear();
    setBusy(btn, true, '…');
    try {
      await fn();
      changed = true;
      await refreshLesson();
      asgMsg.show(okText, 'ok');
    } catch (x) {
      if (!x.handled) asgMsg.show(x.message);
      if (btn.isConnected) setBusy(btn, false);
    }
  }
  drawAssignments();
  body.append(asgBox);
  if (opts.topicError) topic.focus();
  else if (!ro) topic.focus();
}
