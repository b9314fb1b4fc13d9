// Права доступа: матрица «операции × роли» школы (GET/PUT /api/v1/access).
// Изменения копятся на странице и уходят одним запросом — только изменённые ячейки.
import { h, setBusy, plural } from '../dom.js';
import { api } from '../api.js';
import { loadMe } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { roleShort } from '../roles.js';

export const title = 'Права доступа';

const ADMIN_ROLE = 1;
const ADMIN_LOCKED_OP = 'access.edit';
const ADMIN_LOCKED_HINT = 'Администратор всегда сохраняет это право';

// Группы операций по префиксу до первой точки, в порядке показа.
const GROUPS = [
  ['school', 'Школа', ['school']],
  ['staff', 'Сотрудники', ['staff']],
  ['people', 'Ученики и родители', ['people', 'credentials', 'users']],
  ['year', 'Учебный план и год', ['year', 'curriculum', 'periods']],
  ['movement', 'Движение', ['movement']],
  ['documents', 'Документы', ['documents']],
  ['classes', 'Классы и предметы', ['classes', 'subgroups']],
  ['plans', 'Планирование уроков', ['plans']],
  ['timetable', 'Расписание', ['timetable', 'events']],
  ['journal', 'Классный журнал', ['journal', 'attendance', 'finals']],
  ['diary', 'Дневник', ['diary']],
  ['courses', 'Учебные материалы', ['courses']],
  ['resources', 'Ресурсы', ['resources']],
  ['reports', 'Отчёты', ['reports', 'remarks']],
  ['talk', 'Общение', ['announcements', 'mail', 'forum']],
  ['archive', 'Архив', ['archive']],
  ['admin', 'Администрирование', ['access', 'audit']],
];
const OTHER_GROUP = ['other', 'Прочее', []];

const GROUP_OF_PREFIX = new Map();
for (const g of GROUPS) for (const p of g[2]) GROUP_OF_PREFIX.set(p, g);

function groupOps(operations) {
  const buckets = new Map();
  for (const op of operations) {
    const g = GROUP_OF_PREFIX.get(String(op.id).split('.')[0]) || OTHER_GROUP;
    if (!buckets.has(g)) buckets.set(g, []);
    buckets.get(g).push(op);
  }
  return [...GROUPS, OTHER_GROUP].filter((g) => buckets.has(g)).map((g) => ({ key: g[0], title: g[1], ops: buckets.get(g) }));
}

const isLocked = (opId, roleId) => roleId === ADMIN_ROLE && opId === ADMIN_LOCKED_OP;
const cellKey = (opId, roleId) => `${opId}\u0000${roleId}`;

export async function render(main) {
  const status = messageArea({ id: 'access-status', role: 'status' });
  const alert = messageArea({ id: 'access-error', role: 'alert' });
  // Область прокручивается сама (и по горизонтали на телефоне) — поэтому фокусируемая и подписанная.
  const wrap = h('div', {
    class: 'matrix-wrap', id: 'access-matrix-wrap', tabindex: '0', role: 'region',
    'aria-label': 'Матрица доступа', 'aria-busy': 'true',
  },
    h('p', { class: 'matrix-loading muted' }, 'Загрузка…'));

  const pendingText = h('p', { class: 'matrix-pending', id: 'access-pending', 'aria-live': 'polite' });
  const cancelBtn = h('button', { type: 'button', class: 'btn btn-ghost', id: 'access-cancel', disabled: true }, 'Отменить');
  const saveBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'access-save', disabled: true }, 'Сохранить изменения');
  const legend = h('ul', { class: 'legend', 'aria-label': 'Обозначения' },
    h('li', { id: 'legend-diff' }, h('span', { class: 'legend-mark mark-diff', 'aria-hidden': 'true' }),
      'отличается от значения по умолчанию'),
    h('li', { id: 'legend-pending' }, h('span', { class: 'legend-mark mark-pending', 'aria-hidden': 'true' }),
      'изменено, ещё не сохранено'));
  const bar = h('div', { class: 'matrix-bar', hidden: true },
    legend,
    h('div', { class: 'matrix-actions' }, pendingText, cancelBtn, saveBtn));

  main.append(backLink(),
    pageTitle('Права доступа', 'Какие операции разрешены каждой роли в школе. Отметьте нужные ячейки и сохраните изменения.'),
    status, alert, bar, wrap);

  let matrix = null;           // последний ответ сервера
  let granted = new Map();     // op → Set(role) по данным сервера
  let defaults = new Map();    // op → Set(role) по умолчанию
  const pending = new Map();   // cellKey → {op, role, granted} — несохранённые изменения
  let cells = new Map();       // cellKey → {td, input}
  let rowResets = new Map();   // op → кнопка «Вернуть по умолчанию»
  let busy = false;

  const serverHas = (opId, roleId) => !!(granted.get(opId) && granted.get(opId).has(roleId));
  const defaultHas = (opId, roleId) => !!(defaults.get(opId) && defaults.get(opId).has(roleId));
  const effective = (opId, roleId) => {
    const p = pending.get(cellKey(opId, roleId));
    return p ? p.granted : serverHas(opId, roleId);
  };

  function setMatrix(data) {
    matrix = {
      roles: Array.isArray(data && data.roles) ? data.roles : [],
      operations: Array.isArray(data && data.operations) ? data.operations : [],
    };
    granted = new Map(matrix.operations.map((op) => [op.id, new Set(op.granted || [])]));
    defaults = new Map(matrix.operations.map((op) => [op.id, new Set(op.defaults || [])]));
  }

  function updateCell(opId, roleId) {
    const c = cells.get(cellKey(opId, roleId));
    if (!c) return;
    const value = effective(opId, roleId);
    const diff = value !== defaultHas(opId, roleId);
    const changed = pending.has(cellKey(opId, roleId));
    c.input.checked = value;
    c.td.classList.toggle('is-diff', diff);
    c.td.classList.toggle('is-pending', changed);
    const describedBy = [diff ? 'legend-diff' : null, changed ? 'legend-pending' : null,
      isLocked(opId, roleId) ? 'access-locked-hint' : null].filter(Boolean).join(' ');
    if (describedBy) c.input.setAttribute('aria-describedby', describedBy);
    else c.input.removeAttribute('aria-describedby');
  }

  function rowDiffers(opId) {
    return matrix.roles.some((r) => effective(opId, r.id) !== defaultHas(opId, r.id));
  }

  function updateRow(opId) {
    const btn = rowResets.get(opId);
    if (btn) btn.hidden = !rowDiffers(opId);
  }

  function updateBar() {
    const n = pending.size;
    pendingText.textContent = n
      ? `Не сохранено: ${n} ${plural(n, 'изменение', 'изменения', 'изменений')}`
      : 'Несохранённых изменений нет';
    pendingText.classList.toggle('has-pending', n > 0);
    saveBtn.disabled = busy || n === 0;
    cancelBtn.disabled = busy || n === 0;
  }

  function setCell(opId, roleId, value) {
    if (isLocked(opId, roleId)) return;
    const key = cellKey(opId, roleId);
    if (value === serverHas(opId, roleId)) pending.delete(key);
    else pending.set(key, { op: opId, role: roleId, granted: value });
    updateCell(opId, roleId);
  }

  function cell(op, role) {
    const locked = isLocked(op.id, role.id);
    const input = h('input', {
      type: 'checkbox', class: 'checkbox',
      'data-op': op.id, 'data-role': role.id,
      'aria-label': `${role.title}: ${op.title}`,
      disabled: locked,
      title: locked ? ADMIN_LOCKED_HINT : null,
    });
    input.addEventListener('change', () => {
      setCell(op.id, role.id, input.checked);
      updateRow(op.id);
      updateBar();
      status.clear();
    });
    const td = h('td', { class: `matrix-cell${locked ? ' is-locked' : ''}`, title: locked ? ADMIN_LOCKED_HINT : null },
      h('label', { class: 'matrix-hit' }, input));
    cells.set(cellKey(op.id, role.id), { td, input });
    return td;
  }

  function row(op) {
    const reset = h('button', { type: 'button', class: 'link-btn op-reset', hidden: true },
      'Вернуть по умолчанию');
    reset.setAttribute('aria-label', `Вернуть по умолчанию: ${op.title}`);
    reset.addEventListener('click', () => {
      for (const r of matrix.roles) setCell(op.id, r.id, isLocked(op.id, r.id) ? true : defaultHas(op.id, r.id));
      updateRow(op.id);
      updateBar();
      status.clear();
      const first = cells.get(cellKey(op.id, matrix.roles[0] && matrix.roles[0].id));
      if (first && !first.input.disabled) first.input.focus();
    });
    rowResets.set(op.id, reset);
    return h('tr', { 'data-op': op.id },
      h('th', { scope: 'row', class: 'matrix-op' },
        h('span', { class: 'op-title' }, op.title || op.id),
        h('span', { class: 'op-meta' }, h('code', { class: 'op-code' }, op.id), reset)),
      matrix.roles.map((r) => cell(op, r)));
  }

  function draw() {
    const prevLeft = wrap.scrollLeft, prevTop = wrap.scrollTop;
    cells = new Map();
    rowResets = new Map();
    const ncols = matrix.roles.length + 1;
    const head = h('thead', {},
      h('tr', {},
        h('th', { scope: 'col', class: 'matrix-corner' }, 'Операция'),
        matrix.roles.map((r) => h('th', { scope: 'col', class: 'matrix-role', title: r.title, 'data-role': r.id },
          h('span', { 'aria-hidden': 'true' }, roleShort(r)),
          h('span', { class: 'visually-hidden' }, r.title)))));
    const bodies = groupOps(matrix.operations).map((g) => h('tbody', { 'data-group': g.key },
      h('tr', { class: 'matrix-group' },
        h('th', { scope: 'colgroup', colspan: ncols }, h('span', { class: 'matrix-group-title' }, g.title))),
      g.ops.map(row)));
    const table = h('table', { class: 'matrix', id: 'access-matrix' },
      h('caption', { class: 'visually-hidden' }, 'Матрица доступа: операции по строкам, роли по столбцам'),
      head, bodies);
    wrap.replaceChildren(table,
      h('p', { class: 'visually-hidden', id: 'access-locked-hint' }, ADMIN_LOCKED_HINT));
    for (const op of matrix.operations) {
      for (const r of matrix.roles) updateCell(op.id, r.id);
      updateRow(op.id);
    }
    wrap.removeAttribute('aria-busy');
    bar.hidden = false;
    updateBar();
    wrap.scrollLeft = prevLeft;
    wrap.scrollTop = prevTop;
  }

  cancelBtn.addEventListener('click', () => {
    const touched = [...pending.values()];
    pending.clear();
    for (const p of touched) updateCell(p.op, p.role);
    for (const op of new Set(touched.map((p) => p.op))) updateRow(op);
    updateBar();
    alert.clear();
    status.show('Несохранённые изменения отменены.', 'info');
  });

  saveBtn.addEventListener('click', async () => {
    if (!pending.size || busy) return;
    const changes = [...pending.values()].map((p) => ({ role: p.role, op: p.op, granted: p.granted }));
    busy = true;
    status.clear();
    alert.clear();
    setBusy(saveBtn, true, 'Сохранение…');
    cancelBtn.disabled = true;
    try {
      const data = await api.put('/access', { changes });
      pending.clear();
      setMatrix(data);
      draw();
      status.show('Изменения сохранены', 'ok');
      // Права самого пользователя тоже могли измениться — обновим разделы на главной.
      loadMe().catch(() => {});
    } catch (err) {
      if (!err.handled) alert.show('Не удалось сохранить изменения.', 'error', err.message);
    } finally {
      busy = false;
      setBusy(saveBtn, false);
      updateBar();
    }
  });

  async function load() {
    wrap.setAttribute('aria-busy', 'true');
    try {
      setMatrix(await api.get('/access'));
      draw();
    } catch (err) {
      if (err.handled) return;
      alert.show('Не удалось загрузить матрицу доступа.', 'error', err.message);
      wrap.replaceChildren(h('p', { class: 'matrix-loading' },
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { alert.clear(); load(); } }, 'Повторить')));
      wrap.removeAttribute('aria-busy');
    }
  }

  await load();
}
