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

/** Журнал учителя (из тех же последних учителей) с уроком, для которого cond(grid, lesson) даёт данные. */
async function findLesson(cond) {
  assert.ok(process.env.ZH_BIN && process.env.ZH_DB, 'нужны ZH_BIN и ZH_DB');
  const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', 'teacher', '--format', 'tsv'], { encoding: 'utf8' });
  const logins = out.trim().split('\n').map((l) => l.split('\t')).filter(([l, roles]) => l && /\bteacher\b/.test(roles || '')).map(([l]) => l);
  for (const login of logins.reverse().slice(0, 25)) {
    if (login === process.env.ZH_TEACHER_LOGIN) continue;
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const list = await apiAs(sess, 'GET', '/journals');
    if (list.status !== 200) continue;
    for (const journal of list.body.items.filter((j) => j.can_edit)) {
      const grid = await apiAs(sess, 'GET', gridPath(journal));
      if (grid.status !== 200 || !grid.body.can_edit || grid.body.year_closed) continue;
      const open = grid.body.lessons.filter((l) => !l.locked && l.editable && l.status === 'planned' && l.date <= grid.body.today).reverse();
      for (const lesson of open) {
        const x = cond(grid.body, lesson);
        if (x) return { login, sess, journal, grid: grid.body, lesson, ...x };
      }
    }
  }
  return null;
}

async function openGrid(page, login, journal) {
  await loginAs(page, login);
  const href = `#/journal/${journal.class_id}/${journal.subject_id}/${journal.period_id}${journal.subgroup_id ? `/${journal.subgroup_id}` : ''}`;
  await page.goto(`${BASE}/${href}`);
  await page.locator('#jr-grid').waitFor();
}

test('учитель прикрепляет к уроку файл (для класса и ученику), скачивает его по ссылке и удаляет; слишком большой файл не принимается', { timeout: 180000 }, async () => {
  const found = await findLesson((grid, l) => (grid.students.length && !(l.files || []).length ? {} : null));
  assert.ok(found, 'нужен учитель с открытым прошедшим уроком без файлов');
  const { login, sess, journal, grid, lesson } = found;
  const student = grid.students[0];
  const text = `Задание на дом: упражнения 1–5 (браузерный тест ${Date.now()})\n`;
  const { context, page, problems } = await open(DESKTOP);
  const uploaded = [];
  try {
    await openGrid(page, login, journal);
    await page.locator(`#jr-grid button.jr-lesson-btn[data-lesson="${lesson.id}"]`).click();
    const dlg = page.locator('#jr-lesson-dlg');
    await dlg.waitFor();
    assert.equal(await dlg.locator('#jr-files li').count(), 0, 'файлов у урока ещё нет');

    // файл для всего класса
    await dlg.locator('#jr-file-input').setInputFiles({ name: 'задание.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    const item = dlg.locator('#jr-files li', { hasText: 'задание.txt' });
    await item.waitFor();
    const link = item.getByRole('link', { name: 'задание.txt' });
    const href = await link.getAttribute('href');
    assert.match(href, /^\/api\/v1\/files\/\d+$/);
    assert.equal(await link.getAttribute('download'), 'задание.txt');
    uploaded.push(Number(href.split('/').pop()));
    // ссылка отдаёт тот же файл (сеанс браузера)
    const res = await page.request.get(`${BASE}${href}`);
    assert.equal(res.status(), 200);
    assert.equal(await res.text(), text);
    assert.match(res.headers()['content-type'], /^text\/plain/);
    let after = await apiAs(sess, 'GET', gridPath(journal));
    const f = after.body.lessons.find((l) => l.id === lesson.id).files.find((x) => x.name === 'задание.txt');
    assert.ok(f && f.student_id === null && f.size === Buffer.byteLength(text), 'сервер хранит файл урока для всего класса');

    // файл ученику — в строке индивидуального задания
    await dlg.locator('#jr-indiv-add').click();
    const row = dlg.locator('#jr-indiv > li.jr-indiv-row').last();
    await row.locator('select').selectOption(String(student.id));
    await row.locator('input[type="file"]').setInputFiles({ name: 'ученику.txt', mimeType: 'text/plain', buffer: Buffer.from('личное задание') });
    const sitem = row.locator('.jr-files li', { hasText: 'ученику.txt' });
    await sitem.waitFor();
    uploaded.push(Number((await sitem.getByRole('link').getAttribute('href')).split('/').pop()));
    assert.equal(await dlg.locator('#jr-files li', { hasText: 'ученику.txt' }).count(), 0, 'файл ученика не в общем списке');
    after = await apiAs(sess, 'GET', gridPath(journal));
    assert.equal(after.body.lessons.find((l) => l.id === lesson.id).files.find((x) => x.name === 'ученику.txt').student_id, student.id);

    // слишком большой файл: ошибка сервера у поля, список не меняется
    await dlg.locator('#jr-file-input').setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1060000, 1) });
    await dlg.locator('#jr-file-err', { hasText: 'слишком большой' }).waitFor();
    assert.match(await dlg.locator('#jr-file-err').textContent(), /^Файл «big\.bin» \([\d,]+ МБ\) слишком большой: Тело запроса больше \d+ байт$/, 'сообщение сервера у поля');
    assert.equal(await dlg.locator('#jr-file-input').getAttribute('aria-invalid'), 'true');
    assert.equal(await dlg.locator('#jr-files li').count(), 1);

    // удаление
    await sitem.getByRole('button', { name: 'Удалить файл «ученику.txt»' }).click();
    await sitem.waitFor({ state: 'detached' });
    await item.getByRole('button', { name: 'Удалить файл «задание.txt»' }).click();
    await item.waitFor({ state: 'detached' });
    after = await apiAs(sess, 'GET', gridPath(journal));
    assert.deepEqual(after.body.lessons.find((l) => l.id === lesson.id).files, [], 'файлы удалены на сервере');
    uploaded.length = 0;
    assert.equal((await page.request.get(`${BASE}${href}`)).status(), 404, 'удалённый файл больше не скачивается');
    assert.deepEqual(problems, []);
  } finally {
    for (const id of uploaded) await apiAs(sess, 'DELETE', `/files/${id}`);
    await context.close();
  }
});

test('отказ сервера при сохранении показан на той самой ячейке: красная рамка и «Ученик, дата: сообщение»', { timeout: 180000 }, async () => {
  // урок с темой, где у ученика A есть отметка в первом столбце урока, а у ученика B этот столбец пуст
  const found = await findLesson((grid, l) => {
    if (!l.topic || grid.no_marks || grid.subject.pass_fail || grid.settings.mark_max > 9) return null;
    const first = l.assignments.length ? l.assignments[0].id : null;
    const markOf = (s) => grid.marks.find((m) => m.lesson_id === l.id && m.student_id === s.id && (first == null || m.assignment_id === first));
    const attOf = (s) => grid.attendance.find((a) => a.lesson_id === l.id && a.student_id === s.id);
    const a = grid.students.find((s) => markOf(s));
    const b = grid.students.find((s) => !markOf(s) && !attOf(s));
    return a && b ? { a, b, aMark: markOf(a) } : null;
  });
  assert.ok(found, 'нужен открытый урок с темой, отметкой у одного ученика и пустой ячейкой у другого');
  const { login, sess, journal, grid, lesson, a, b, aMark } = found;
  const hi = grid.settings.mark_max;
  const dm = `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}`;
  const { context, page, problems } = await open(DESKTOP);
  let cleared = false;
  try {
    await openGrid(page, login, journal);
    const col = await page.locator(`#jr-grid .jr-hr2 th.jr-first[data-lesson="${lesson.id}"]`).getAttribute('data-col');
    const cell = (s) => page.locator(`#jr-grid tr[data-student="${s.id}"] td[data-c="${col}"]`);
    // отправляется: marks[0] — удаление отметки A, marks[1] — новая отметка B
    await cell(a).click();
    await page.keyboard.press('Delete');
    await cell(b).click();
    await page.keyboard.press(String(hi));
    await page.locator('#jr-count', { hasText: 'Не сохранено изменений: 2' }).waitFor();

    // тем временем тему урока стёрли (другая вкладка): сервер откажет в новой отметке, но не в удалении
    const c = await apiAs(sess, 'PUT', `/lessons/${lesson.id}/content`, { topic: '' });
    assert.equal(c.status, 200);
    cleared = true;

    // сервер отвечает 422 с error.field «marks[1]» — это ячейка B
    const resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/lessons/${lesson.id}/marks`) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const answer = await resp;
    assert.equal(answer.status(), 422);
    const { error } = await answer.json();
    assert.equal(error.code, 'topic_required');
    assert.equal(error.field, 'marks[1]', 'сервер указывает на вторую отправленную запись');
    const text = error.message;
    await page.locator('#jr-msg', { hasText: `${b.name}, ${dm}: ${text}` }).waitFor();
    // урок без темы открывается с ошибкой у поля темы (как и прежде)
    await page.locator('#jr-lesson-dlg #jr-topic-err', { hasText: text }).waitFor();
    await page.locator('#jr-lesson-dlg .jr-dlg-close').click();
    await page.locator('#jr-lesson-dlg').waitFor({ state: 'detached' });

    const bad = cell(b);
    assert.match(await bad.getAttribute('class'), /\bis-error\b/, 'ячейка B отмечена ошибкой');
    assert.equal(await bad.getAttribute('title'), text, 'сообщение — подсказкой ячейки');
    assert.equal(await bad.getAttribute('aria-invalid'), 'true');
    assert.equal((await bad.textContent()).trim(), String(hi), 'введённое не пропало');
    const outline = await bad.evaluate((el) => { const st = getComputedStyle(el); return { style: st.outlineStyle, color: st.outlineColor }; });
    assert.equal(outline.style, 'solid');
    const [r, g, bl] = outline.color.match(/\d+/g).map(Number);
    assert.ok(r > 150 && g < 100 && bl < 100, `рамка красная (${outline.color})`);
    assert.doesNotMatch(await cell(a).getAttribute('class'), /\bis-error\b/, 'ячейка A (удаление) ошибкой не отмечена');
    assert.match(await cell(a).getAttribute('class'), /\bis-dirty\b/, 'удаление A ещё не сохранено');

    // ничего не сохранено: отметка A на месте, у B пусто
    const after = await apiAs(sess, 'GET', gridPath(journal));
    assert.ok(after.body.marks.some((m) => m.id === aMark.id), 'отметка A не удалена');
    assert.ok(!after.body.marks.some((m) => m.lesson_id === lesson.id && m.student_id === b.id), 'отметка B не поставлена');

    // изменение ячейки снимает отметку ошибки
    await bad.click();
    await page.keyboard.press('Escape');
    assert.doesNotMatch(await bad.getAttribute('class'), /\bis-error\b/);
    assert.equal(await bad.getAttribute('aria-invalid'), null);
    assert.deepEqual(problems, []);
  } finally {
    if (cleared) {
      const r = await apiAs(sess, 'PUT', `/lessons/${lesson.id}/content`, { topic: lesson.topic });
      assert.equal(r.status, 200, 'тема урока восстановлена');
    }
    await context.close();
  }
});
