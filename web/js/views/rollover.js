// Переход на новый учебный год: решения педсовета по каждому учащемуся и выполнение перехода.
import { h, setBusy, clear, plural } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { tabs, labeled, input, select, fmtDate } from './movement.js';

const fio = (x) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' ');

function nextYearOf(y) {
  const a = Number(y.name.slice(0, 4));
  const s = Number(y.start_date.slice(0, 4));
  const e = Number(y.end_date.slice(0, 4));
  return {
    name: Number.isFinite(a) && a > 2000 ? `${a + 1}/${a + 2}` : '',
    start_date: `${s + 1}${y.start_date.slice(4)}`,
    end_date: `${e + 1}${y.end_date.slice(4)}`,
  };
}

export async function render(main) {
  const ops = schoolOperations();
  main.append(backLink('#/movement', 'К движению учащихся'),
    pageTitle('Переход на новый учебный год', 'Решения педагогического совета по каждому учащемуся, затем перевод всей школы одним действием'),
    tabs('rollover', ops));
  const alert = messageArea({ id: 'ro-error' });
  const status = messageArea({ id: 'ro-status', role: 'status' });
  main.append(alert, status);
  if (!ops.has('year.rollover')) {
    alert.show('Нет права на переход на новый учебный год.', 'error');
    return;
  }
  const meta = await api.get('/movement-classes');
  const open = meta.years.filter((y) => !y.closed);
  if (!open.length) {
    main.append(h('p', { class: 'muted' }, 'Нет открытого учебного года.'));
    return;
  }
  const year = open[open.length - 1]; // самый ранний открытый год
  const classes = meta.classes.filter((c) => c.year_id === year.id);
  const fClass = select(classes.map((c) => [c.id, c.name]), { id: 'ro-class' });
  const fNo = input({ id: 'ro-protocol-no', placeholder: '7' });
  const fDate = input({ id: 'ro-protocol-date', type: 'date' });
  const summary = h('p', { class: 'muted', id: 'ro-summary', 'aria-live': 'polite' });
  const tableWrap = h('div', { id: 'ro-table-wrap' });
  const fillBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'ro-fill' }, 'Заполнить всем: переведён');
  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'ro-save' }, 'Сохранить решения класса');
  let data = null;
  let selects = [];

  async function loadClass() {
    alert.clear();
    try {
      data = await api.get(`/years/${year.id}/decisions?class=${fClass.value}`);
      const all = await api.get(`/years/${year.id}/decisions`);
      summary.textContent = `Год ${year.name}: решения есть у ${all.decided} из ${all.total} учащихся.`;
      draw();
    } catch (err) { alert.show(err.message, 'error'); }
  }

  function draw() {
    clear(tableWrap);
    selects = [];
    const rolled = data.rolled_over;
    if (rolled) status.show('Переход уже выполнен: решения этого года только для чтения.', 'info');
    const first = data.items.find((x) => x.protocol_no);
    if (first && !fNo.value) { fNo.value = first.protocol_no; fDate.value = first.protocol_date; }
    const opts = [['', '— нет решения —'], ...data.decisions.map((d) => [d.code, d.title])];
    const rows = data.items.map((s) => {
      const sel = select(opts, { 'data-student': s.student_id, 'aria-label': `Решение: ${fio(s)}`, disabled: rolled || null });
      sel.value = s.decision || '';
      sel.dataset.grade = String(s.grade);
      sel.dataset.suggested = s.suggested;
      selects.push(sel);
      return h('tr', {}, h('td', { 'data-label': 'Учащийся' }, fio(s)), h('td', { 'data-label': 'Решение' }, sel),
        h('td', { 'data-label': 'Протокол' }, s.protocol_no ? `№ ${s.protocol_no} от ${fmtDate(s.protocol_date)}` : '—'));
    });
    tableWrap.append(h('table', { class: 'mv-table', id: 'ro-table' },
      h('thead', {}, h('tr', {}, ['Учащийся', 'Решение', 'Протокол'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
    fillBtn.disabled = rolled;
    saveBtn.disabled = rolled;
  }

  fillBtn.addEventListener('click', () => {
    for (const s of selects) s.value = s.dataset.suggested; // 11 класс — «окончил», остальные — «переведён»
  });
  saveBtn.addEventListener('click', async () => {
    alert.clear();
    const decisions = selects.map((s) => ({ student_id: Number(s.dataset.student), decision: s.value || null }));
    setBusy(saveBtn, true, 'Сохранение…');
    try {
      const r = await api.put(`/years/${year.id}/decisions`, { protocol_no: fNo.value.trim(), protocol_date: fDate.value, decisions });
      status.show(`Сохранено. Изменено решений: ${r.changed}.`, 'ok');
      await loadClass();
    } catch (err) {
      alert.show(err.message, 'error');
    } finally { setBusy(saveBtn, false); }
  });
  fClass.addEventListener('change', loadClass);

  // выполнение перехода
  const ny = nextYearOf(year);
  const fName = input({ id: 'ro-new-name', value: ny.name });
  const fStart = input({ id: 'ro-new-start', type: 'date', value: ny.start_date });
  const fEnd = input({ id: 'ro-new-end', type: 'date', value: ny.end_date });
  const runBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'ro-run' }, 'Выполнить переход');
  const confirmBox = h('div', { class: 'msg msg-warn', id: 'ro-confirm', hidden: true },
    h('p', { class: 'msg-text' }, `Год ${year.name} будет закрыт, учащиеся переведены по решениям, классы перейдут в следующий год. Отменить это нельзя.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'ro-confirm-yes' }, 'Да, выполнить переход'),
      h('button', { type: 'button', class: 'btn btn-ghost', id: 'ro-confirm-no', onclick: () => { confirmBox.hidden = true; } }, 'Отмена')));
  const missingList = h('ul', { class: 'mv-missing', id: 'ro-missing' });
  runBtn.addEventListener('click', () => { confirmBox.hidden = false; });
  confirmBox.querySelector('#ro-confirm-yes').addEventListener('click', async (ev) => {
    const btn = ev.currentTarget;
    alert.clear();
    clear(missingList);
    setBusy(btn, true, 'Переход…');
    try {
      const r = await fetchRollover(year.id, { name: fName.value.trim(), start_date: fStart.value, end_date: fEnd.value });
      if (r.error) {
        alert.show(r.error.message, 'error');
        for (const s of r.missing || []) missingList.append(h('li', {}, `${fio(s)} (${s.class})`));
        if (r.missing_total > (r.missing || []).length) missingList.append(h('li', { class: 'muted' }, `и ещё ${r.missing_total - r.missing.length}`));
      } else {
        confirmBox.hidden = true;
        status.show(`Переход выполнен: переведено ${r.promoted}, оставлено на повторное обучение ${r.repeated}, окончили ${r.graduated}, выбыли ${r.withdrawn}; создано ${r.classes_created} ${plural(r.classes_created, 'класс', 'класса', 'классов')}. Первые классы нового года создайте вручную.`, 'ok');
        await loadClass();
      }
    } finally { setBusy(btn, false); }
  });

  main.append(
    h('section', { class: 'panel form', 'aria-labelledby': 'ro-dec-title' },
      h('h2', { class: 'group-title', id: 'ro-dec-title' }, `Решения педсовета, ${year.name}`),
      summary,
      h('div', { class: 'mv-grid' }, labeled('Класс', fClass).el, labeled('Номер протокола', fNo).el, labeled('Дата протокола', fDate).el),
      h('div', { class: 'actions' }, fillBtn), tableWrap, h('div', { class: 'actions' }, saveBtn)),
    h('section', { class: 'panel form', 'aria-labelledby': 'ro-run-title' },
      h('h2', { class: 'group-title', id: 'ro-run-title' }, 'Новый учебный год'),
      h('div', { class: 'mv-grid' }, labeled('Название', fName).el, labeled('Начало', fStart).el, labeled('Окончание', fEnd).el),
      h('div', { class: 'actions' }, runBtn), confirmBox, missingList));
  if (classes.length) await loadClass();
}

// При 422 decisions_missing перечень учащихся без решения берём из списка решений года (первые 20).
async function fetchRollover(yearId, newYear) {
  try {
    return await api.post(`/years/${yearId}/rollover`, { new_year: newYear });
  } catch (err) {
    const out = { error: { message: err.message }, missing: [], missing_total: 0 };
    if (err.code === 'decisions_missing') {
      try {
        const all = await api.get(`/years/${yearId}/decisions`);
        const miss = all.items.filter((x) => !x.decision);
        out.missing = miss.slice(0, 20);
        out.missing_total = miss.length;
      } catch { /* перечень необязателен */ }
    }
    return out;
  }
}
