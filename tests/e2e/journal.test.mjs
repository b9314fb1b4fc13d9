// Браузерный тест классного журнала (M-09): учитель открывает свой журнал, в недавнем открытом уроке
// с темой ставит с клавиатуры две отметки (цифры, стрелка, Enter) и «Н», сохраняет, перезагружает
// страницу и видит то же; ячейка закрытого (старого) урока не принимает ввод и объясняет почему.
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… ZH_BIN=build/zhurnal ZH_DB=… node --test tests/e2e/journal.test.mjs
// Учитель выбирается сам (с конца списка, чтобы не совпасть с ZH_TEACHER_LOGIN других тестов): у него
// должен быть журнал 2–11 класса с отметками по шкале, прошедший открытый урок с темой и пустыми
// ячейками у трёх учеников подряд, и закрытый урок. В конце поставленное удаляется через API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, PASSWORD, DESKTOP, useBrowser, open, waitHash } from './browser.mjs';

useBrowser();

async function apiLogin(login) {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  if (!r.ok) return null;
  return r.json();
}
async function apiAs(sess, method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${sess.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = sess.csrf;
  const r = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await r.json(); } catch { /* не JSON */ }
  return { status: r.status, body: data };
}

const gridPath = (j) => `/journal?group=${j.class_id}&subject=${j.subject_id}&period=${j.period_id}${j.subgroup_id ? `&subgroup=${j.subgroup_id}` : ''}`;

/** Подходящий журнал: {login, sess, journal, grid, lesson, rows:[3 ученика], locked}. */
function pick(grid) {
  if (grid.no_marks || !grid.can_edit || grid.subject.pass_fail || grid.year_closed) return null;
  if (grid.settings.mark_max > 9 || grid.settings.mark_max - 1 < grid.settings.mark_min) return null;
  const locked = grid.lessons.find((l) => l.locked && l.lock_code === 'journal_locked' && l.status !== 'cancelled');
  if (!locked || grid.students.length < 3) return null;
  const open = grid.lessons.filter((l) => !l.locked && l.editable && l.status === 'planned' && l.topic && l.date <= grid.today).reverse();
  for (const lesson of open) {
    const first = lesson.assignments.length ? lesson.assignments[0].id : null;
    const busy = (s) => grid.marks.some((m) => m.lesson_id === lesson.id && m.student_id === s.id && (first == null || m.assignment_id === first))
      || grid.attendance.some((a) => a.lesson_id === lesson.id && a.student_id === s.id);
    for (let i = 0; i + 2 < grid.students.length; i++) {
      const rows = grid.students.slice(i, i + 3);
      if (!rows.some(busy)) return { lesson, rows, locked };
    }
  }
  return null;
}

async function findJournal() {
  assert.ok(process.env.ZH_BIN && process.env.ZH_DB, 'нужны ZH_BIN и ZH_DB');
  const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', 'teacher', '--format', 'tsv'], { encoding: 'utf8' });
  const logins = out.trim().split('\n').map((l) => l.split('\t')).filter(([l, roles]) => l && /\bteacher\b/.test(roles || '')).map(([l]) => l);
  for (const login of logins.reverse().slice(0, 25)) {
    if (login === process.env.ZH_TEACHER_LOGIN) continue;
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const list = await apiAs(sess, 'GET', '/journals');
    if (list.status !== 200) continue;
    for (const journal of list.body.items.filter((j) => j.can_edit && j.grade >= 2)) {
      const grid = await apiAs(sess, 'GET', gridPath(journal));
      if (grid.status !== 200) continue;
      const p = pick(grid.body);
      if (p) return { login, sess, journal, grid: grid.body, ...p };
    }
  }
  return null;
}

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await waitHash(page, /^#\/home$/);
  await page.locator('#user-name').waitFor();
}

test('учитель ставит отметки и «Н» с клавиатуры, сохраняет и видит их после перезагрузки; закрытый урок не меняется', { timeout: 180000 }, async () => {
  const found = await findJournal();
  assert.ok(found, 'в демо-школе должен быть учитель с открытым прошедшим уроком с темой и закрытым уроком');
  const { login, sess, journal, grid, lesson, rows, locked } = found;
  const hi = grid.settings.mark_max;
  const lo = grid.settings.mark_max - 1;
  const { context, page, problems } = await open(DESKTOP);
  let saved = false;
  try {
    await loginAs(page, login);
    await page.locator('#sections a[data-section="journal"]').click();
    await waitHash(page, /^#\/journal$/);
    await page.getByRole('heading', { level: 1, name: 'Классный журнал' }).waitFor();
    const href = `#/journal/${journal.class_id}/${journal.subject_id}/${journal.period_id}${journal.subgroup_id ? `/${journal.subgroup_id}` : ''}`;
    await page.locator(`#jr-list a[href="${href}"]`).click();
    await waitHash(page, new RegExp(`^${href.replace(/[#/]/g, '\\$&')}$`));
    await page.locator('#jr-grid').waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${journal.subject_name}`) }).waitFor();

    const col = await page.locator(`#jr-grid .jr-hr2 th.jr-first[data-lesson="${lesson.id}"]`).getAttribute('data-col');
    const cell = (s) => page.locator(`#jr-grid tr[data-student="${s.id}"] td[data-c="${col}"]`);
    for (const s of rows) assert.equal((await cell(s).textContent()).trim(), '', `ячейка ${s.name} пуста до ввода`);

    // Ввод: отметка, стрелка вниз, отметка, Enter (вниз), «Н» (русская раскладка).
    await cell(rows[0]).click();
    await page.keyboard.press(String(hi));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(String(lo));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.closest('tr').dataset.student), String(rows[2].id), 'Enter переводит на строку ниже');
    await page.evaluate(() => document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Н', bubbles: true, cancelable: true })));
    assert.equal((await cell(rows[0]).textContent()).trim(), String(hi));
    assert.equal((await cell(rows[1]).textContent()).trim(), String(lo));
    assert.equal((await cell(rows[2]).textContent()).trim(), 'Н');
    for (const s of rows) assert.match(await cell(s).getAttribute('class'), /\bis-dirty\b/, 'изменённая ячейка подсвечена');
    await page.locator('#jr-count', { hasText: 'Не сохранено изменений: 3' }).waitFor();
    assert.match(await cell(rows[0]).getAttribute('aria-label'), new RegExp(`^${rows[0].name}, \\d\\d\\.\\d\\d, .+: ${hi}`));

    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.locator('#jr-msg', { hasText: 'Сохранено' }).waitFor();
    saved = true;
    assert.equal(await page.locator('#jr-grid td.is-dirty').count(), 0, 'после сохранения подсветки нет');

    // Сервер хранит то же самое.
    const after = await apiAs(sess, 'GET', gridPath(journal));
    assert.equal(after.status, 200);
    const markOf = (s) => after.body.marks.find((m) => m.lesson_id === lesson.id && m.student_id === s.id);
    assert.equal(markOf(rows[0]).value, hi);
    assert.equal(markOf(rows[1]).value, lo);
    assert.equal(after.body.attendance.find((a) => a.lesson_id === lesson.id && a.student_id === rows[2].id).code, 'Н');

    // После перезагрузки страницы — те же отметки и «Н».
    await page.reload();
    await page.locator('#jr-grid').waitFor();
    assert.equal((await cell(rows[0]).textContent()).trim(), String(hi));
    assert.equal((await cell(rows[1]).textContent()).trim(), String(lo));
    assert.equal((await cell(rows[2]).textContent()).trim(), 'Н');

    // Закрытый урок: ячейка отмечена, ввод не принимается, причина показана.
    const lcol = await page.locator(`#jr-grid .jr-hr2 th.jr-first[data-lesson="${locked.id}"]`).getAttribute('data-col');
    const lcell = page.locator(`#jr-grid tr[data-student="${rows[0].id}"] td[data-c="${lcol}"]`);
    assert.equal(await lcell.getAttribute('aria-disabled'), 'true');
    assert.equal(await lcell.getAttribute('title'), locked.lock_reason);
    const before = (await lcell.textContent()).trim();
    await lcell.click();
    await page.keyboard.press(String(hi));
    await page.locator('#jr-msg', { hasText: locked.lock_reason }).waitFor();
    assert.equal((await lcell.textContent()).trim(), before, 'ячейка закрытого урока не изменилась');
    assert.equal(await page.locator('#jr-grid td.is-dirty').count(), 0);
    await page.getByRole('button', { name: 'Попросить открыть дату' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    if (saved) {
      const r = await apiAs(sess, 'PUT', `/lessons/${lesson.id}/marks`, {
        marks: [{ student_id: rows[0].id, delete: true }, { student_id: rows[1].id, delete: true }],
        attendance: [{ student_id: rows[2].id, code: null }],
      });
      assert.equal(r.status, 200, `отметки удаляются: ${JSON.stringify(r.body)}`);
    }
    await context.close();
  }
});
