// Звонки (M-07): расписание звонков по сменам — номер урока, начало и конец.
// Завуч или администратор (timetable.edit) меняет время, добавляет и убирает уроки и сохраняет
// смену целиком (PUT /bells); ошибки сервера (время, порядок, пересечения, 409 bell_in_use —
// урок ещё стоит в расписании) показываются у формы смены. Остальные видят звонки только для чтения.
import { h, clear, setBusy } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Звонки';

const SHIFT_NAMES = { 1: 'Первая смена', 2: 'Вторая смена' };

const toMin = (t) => (/^\d{2}:\d{2}$/.test(t || '') ? Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) : null);
const toTime = (m) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export async function render(main, ctx) {
  clear(main);
  document.title = 'Звонки — Электронный журнал';
  const canEdit = schoolOperations().has('timetable.edit');
  const msg = messageArea({ id: 'bl-msg' });
  main.append(backLink('#/timetable', 'К расписанию'),
    pageTitle('Звонки', canEdit ? 'Расписание звонков по сменам: измените время, добавьте или уберите урок и сохраните смену'
      : 'Время начала и конца уроков'), msg);
  const wrap = h('div', { class: 'bl-wrap', id: 'bl-wrap' });
  main.append(wrap);

  let schedules;
  try {
    schedules = (await api.get('/bells')).schedules || [];
  } catch (e) { msg.show('Не удалось загрузить звонки', 'error', e.message); return; }

  function draw() {
    clear(wrap);
    const list = [...schedules].sort((a, b) => a.shift - b.shift);
    if (!list.length && !canEdit) { wrap.append(h('p', { class: 'muted', id: 'bl-empty' }, 'Расписание звонков ещё не задано.')); return; }
    for (const s of list) wrap.append(canEdit ? editForm(s) : readTable(s));
    if (canEdit && ![1, 2].every((n) => list.some((s) => s.shift === n))) wrap.append(addShift(list.some((s) => s.shift === 1) ? 2 : 1));
  }

  // Кнопка «Добавить звонки второй смены»: черновик формы (копия звонков первой смены) появляется на её месте,
  // не трогая несохранённые правки других смен; «Отмена» убирает черновик.
  function addShift(shift) {
    const box = h('div', { class: 'bl-actions' });
    box.append(h('button', { type: 'button', class: 'btn', id: 'bl-add-shift', onclick: () => {
      const other = schedules.find((x) => x.shift !== shift);
      const s = { name: `Звонки: ${SHIFT_NAMES[shift].toLowerCase()}`, shift, draft: true,
        bells: other ? other.bells.map((b) => ({ ...b })) : [{ number: 1, start: '08:30', end: '09:10' }] };
      const f = editForm(s, null, () => f.replaceWith(addShift(shift)));
      box.replaceWith(f);
      f.querySelector('input').focus();
    } }, `Добавить звонки: ${SHIFT_NAMES[shift].toLowerCase()}`));
    return box;
  }

  function heading(s) {
    return h('h2', { class: 'group-title', id: `bl-title-${s.shift}` }, `${SHIFT_NAMES[s.shift] || `Смена ${s.shift}`}${s.name ? ` — ${s.name}` : ''}`);
  }

  function readTable(s) {
    const rows = s.bells.map((b) => h('tr', { 'data-number': String(b.number) },
      h('td', { class: 'bl-num' }, String(b.number)), h('td', { class: 'col-time' }, b.start), h('td', { class: 'col-time' }, b.end)));
    return h('section', { class: 'bl-shift', 'aria-labelledby': `bl-title-${s.shift}` }, heading(s),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table bl-table', id: `bl-table-${s.shift}` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Урок'), h('th', { scope: 'col' }, 'Начало'), h('th', { scope: 'col' }, 'Конец'))),
        h('tbody', {}, rows))));
  }

  function editForm(s, flash, onCancel) {
    const fmsg = messageArea({ id: `bl-form-msg-${s.shift}` });
    const body = h('tbody');
    const nameId = `bl-name-${s.shift}`;
    const name = h('input', { id: nameId, class: 'input', type: 'text', maxlength: '100', required: true, value: s.name || '' });

    function row(b) {
      const num = h('input', { type: 'number', class: 'input bl-in-num', min: '0', max: '12', step: '1', required: true, value: String(b.number) });
      const start = h('input', { type: 'time', class: 'input bl-in-start', required: true, value: b.start || '' });
      const end = h('input', { type: 'time', class: 'input bl-in-end', required: true, value: b.end || '' });
      const del = h('button', { type: 'button', class: 'btn btn-ghost btn-sm bl-del', title: 'Убрать урок' }, '✕');
      const tr = h('tr', { 'data-number': String(b.number) },
        h('td', {}, num), h('td', {}, start), h('td', {}, end), h('td', { class: 'bl-del-cell' }, del));
      const label = () => {
        const n = num.value || '?';
        num.setAttribute('aria-label', `Урок ${n}: номер`);
        start.setAttribute('aria-label', `Урок ${n}: начало`);
        end.setAttribute('aria-label', `Урок ${n}: конец`);
        del.setAttribute('aria-label', `Убрать урок ${n}`);
      };
      label();
      num.addEventListener('input', label);
      del.addEventListener('click', () => {
        const next = tr.nextElementSibling || tr.previousElementSibling;
        tr.remove();
        fmsg.clear();
        const f = next && next.querySelector('.bl-del');
        if (f) f.focus(); else add.focus();
      });
      return tr;
    }
    for (const b of s.bells) body.append(row(b));

    const add = h('button', { type: 'button', class: 'btn btn-ghost', id: `bl-add-${s.shift}` }, 'Добавить урок');
    add.addEventListener('click', () => {
      const last = body.lastElementChild;
      const lastNum = last ? Number(last.querySelector('.bl-in-num').value) : 0;
      const lastEnd = last ? toMin(last.querySelector('.bl-in-end').value) : null;
      const startMin = lastEnd == null ? 8 * 60 + 30 : lastEnd + 10;
      const tr = row({ number: Math.min(12, (Number.isFinite(lastNum) ? lastNum : 0) + 1),
        start: startMin + 40 < 24 * 60 ? toTime(startMin) : '', end: startMin + 40 < 24 * 60 ? toTime(startMin + 40) : '' });
      body.append(tr);
      fmsg.clear();
      tr.querySelector('.bl-in-start').focus();
    });

    const save = h('button', { type: 'submit', class: 'btn btn-primary', id: `bl-save-${s.shift}` }, 'Сохранить');
    const form = h('form', { class: 'bl-shift bl-form', id: `bl-form-${s.shift}`, 'aria-labelledby': `bl-title-${s.shift}`, novalidate: true },
      heading(s),
      h('div', { class: 'field bl-name' }, h('label', { class: 'label', for: nameId }, 'Название'), name),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table bl-table', id: `bl-table-${s.shift}` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Урок'), h('th', { scope: 'col' }, 'Начало'), h('th', { scope: 'col' }, 'Конец'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Убрать')))),
        body)),
      fmsg,
      h('div', { class: 'bl-actions' }, add, save,
        onCancel ? h('button', { type: 'button', class: 'btn', onclick: () => { onCancel(); const b = wrap.querySelector('#bl-add-shift'); if (b) b.focus(); } }, 'Отмена') : null));

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      fmsg.clear();
      msg.clear();
      const rows = [...body.querySelectorAll('tr')];
      if (!rows.length) { fmsg.show('Добавьте хотя бы один урок'); add.focus(); return; }
      const raw = rows.map((tr) => tr.querySelector('.bl-in-num').value.trim());
      const bells = rows.map((tr, i) => ({
        number: raw[i] === '' ? NaN : Number(raw[i]),
        start: tr.querySelector('.bl-in-start').value,
        end: tr.querySelector('.bl-in-end').value,
      }));
      const bad = bells.findIndex((b) => !Number.isInteger(b.number) || b.number < 0 || b.number > 12);
      if (bad >= 0) { fmsg.show(`Строка ${bad + 1}: номер урока — целое число от 0 до 12`); rows[bad].querySelector('.bl-in-num').focus(); return; }
      const empty = bells.findIndex((b) => !b.start || !b.end);
      if (empty >= 0) { fmsg.show(`Урок ${bells[empty].number}: укажите начало и конец`); rows[empty].querySelector(bells[empty].start ? '.bl-in-end' : '.bl-in-start').focus(); return; }
      bells.sort((a, b) => a.number - b.number);
      setBusy(save, true, 'Сохранение…');
      try {
        const r = await api.put('/bells', { name: name.value.trim(), shift: s.shift, bells });
        schedules = r.schedules || [];
        // только эта смена рисуется заново: несохранённые правки другой смены остаются
        const saved = schedules.find((x) => x.shift === s.shift);
        if (!saved) { draw(); return; }
        const nf = editForm(saved, 'Звонки сохранены');
        form.replaceWith(nf);
        nf.querySelector(`#bl-save-${s.shift}`).focus();
      } catch (err) {
        if (err.handled) return;
        fmsg.show(err.code === 'bell_in_use' ? 'Звонки не сохранены: урок ещё есть в расписании' : 'Звонки не сохранены', 'error', err.message);
        setBusy(save, false);
      }
    });
    if (flash) fmsg.show(flash, 'ok');
    return form;
  }

  draw();
}
