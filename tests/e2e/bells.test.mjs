// Браузерные тесты «Звонки» и утверждения КТП завучем (M-07, M-08).
// 1) Завуч открывает «Расписание» → «Звонки», сдвигает конец 1-го урока на минуту, сохраняет, после
//    перезагрузки видит новое время и возвращает прежнее; пытается убрать последний урок, который стоит
//    в расписании, и видит сообщение 409 bell_in_use у формы. Учитель видит звонки только для чтения.
// 2) Учитель через API создаёт план по строке нагрузки без плана, добавляет темы и отправляет его;
//    завуч в браузере находит план среди ожидающих утверждения, возвращает с комментарием; учитель видит
//    «возвращён» и комментарий, исправляет и отправляет снова; завуч утверждает. План удаляется через API.
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… [ZH_BIN=build/zhurnal ZH_DB=…] node --test tests/e2e/bells.test.mjs
// Звонки в конце теста такие же, как в начале (при сбое восстанавливаются через API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, PASSWORD, TEACHER, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const HEAD = process.env.ZH_HEAD_LOGIN || 'head';

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

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash), null, { timeout: TIMEOUT });
  assert.equal(hashOf(page), '#/home', `${login}: вход без смены пароля`);
  await page.locator('#user-name').waitFor();
}

/** Главная → «Расписание» → «Звонки». */
async function openBells(page) {
  await page.locator('#sections a[data-section="timetable"]').click();
  await waitHash(page, /^#\/timetable/);
  await page.getByRole('heading', { level: 1, name: 'Расписание' }).waitFor();
  await page.getByRole('link', { name: 'Звонки', exact: true }).click();
  await waitHash(page, /^#\/timetable\/bells$/);
  await page.getByRole('heading', { level: 1, name: 'Звонки' }).waitFor();
}

const shift1 = (b) => b.schedules.find((s) => s.shift === 1);
const minutes = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Наибольший номер урока в расписании текущих и будущих периодов (все классы демо — в 1 смене). */
async function highestUsedLesson(sess) {
  const o = (await apiAs(sess, 'GET', '/timetable/options')).body;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Samara' });
  let periods = o.periods.filter((p) => p.end_date >= today);
  if (!periods.length) periods = o.periods;
  let max = 0;
  for (const c of o.classes) {
    for (const p of periods.filter((x) => x.kind === c.period_kind)) {
      const r = await apiAs(sess, 'GET', `/timetable?period=${p.id}&class=${c.id}`);
      assert.equal(r.status, 200);
      for (const e of r.body.items) max = Math.max(max, e.lesson_number);
    }
  }
  return max;
}

test('завуч меняет время звонка, видит его после перезагрузки и возвращает; убрать урок из расписания нельзя (409)', { timeout: 180000 }, async () => {
  const head = await apiLogin(HEAD);
  assert.ok(head, `вход ${HEAD} через API`);
  const before = await apiAs(head, 'GET', '/bells');
  assert.equal(before.status, 200);
  const orig = shift1(before.body);
  assert.ok(orig && orig.bells.length >= 2, 'у первой смены есть звонки');
  const used = await highestUsedLesson(head);
  assert.ok(used >= 1 && orig.bells.some((b) => b.number === used), `урок ${used} есть и в расписании, и в звонках`);

  const b1 = orig.bells[0], b2 = orig.bells[1];
  const endMin = minutes(b1.end);
  const changed = endMin + 1 <= minutes(b2.start) ? hhmm(endMin + 1) : hhmm(endMin - 1);
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAs(page, HEAD);
    await openBells(page);
    const form = page.locator('#bl-form-1');
    await form.waitFor();
    assert.equal(await form.locator('tbody tr').count(), orig.bells.length);
    const end1 = form.locator(`tbody tr[data-number="${b1.number}"] .bl-in-end`);
    assert.equal(await end1.inputValue(), b1.end);
    assert.equal(await page.getByLabel(`Урок ${b1.number}: конец`).count(), 1, 'у поля времени есть подпись');

    // Конец 1-го урока на минуту позже (или раньше, если перемены нет) → сохранить.
    await end1.fill(changed);
    await page.locator('#bl-save-1').click();
    await page.locator('#bl-form-msg-1', { hasText: 'Звонки сохранены' }).waitFor();
    let now = shift1((await apiAs(head, 'GET', '/bells')).body);
    assert.equal(now.bells.find((b) => b.number === b1.number).end, changed);
    assert.deepEqual(now.bells.filter((b) => b.number !== b1.number), orig.bells.filter((b) => b.number !== b1.number));

    // После перезагрузки страницы — новое время.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Звонки' }).waitFor();
    await page.locator('#bl-form-1').waitFor();
    assert.equal(await page.locator(`#bl-form-1 tbody tr[data-number="${b1.number}"] .bl-in-end`).inputValue(), changed);

    // Вернуть прежнее время.
    await page.locator(`#bl-form-1 tbody tr[data-number="${b1.number}"] .bl-in-end`).fill(b1.end);
    await page.locator('#bl-save-1').click();
    await page.locator('#bl-form-msg-1', { hasText: 'Звонки сохранены' }).waitFor();
    now = shift1((await apiAs(head, 'GET', '/bells')).body);
    assert.deepEqual(now.bells, orig.bells);

    // Убрать последний урок, который стоит в расписании, — 409 с сообщением сервера у формы.
    const rows = page.locator('#bl-form-1 tbody tr');
    await page.getByRole('button', { name: `Убрать урок ${used}`, exact: true }).click();
    assert.equal(await rows.count(), orig.bells.length - 1);
    assert.equal(await page.locator(`#bl-form-1 tbody tr[data-number="${used}"]`).count(), 0);
    await page.locator('#bl-save-1').click();
    const alert = page.locator('#bl-form-msg-1');
    await alert.locator('.msg-detail').waitFor();
    const text = await alert.textContent();
    assert.match(text, /Звонки не сохранены: урок ещё есть в расписании/);
    assert.ok(text.includes(`Урок ${used} есть в расписании 1 смены`), text);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.getAttribute('class'), /msg-error/);
    assert.ok(await page.locator('#bl-save-1').isEnabled(), 'после ошибки можно сохранить снова');
    now = shift1((await apiAs(head, 'GET', '/bells')).body);
    assert.deepEqual(now.bells, orig.bells, 'отказанное сохранение ничего не меняет');

    // Ошибка проверки на сервере (начало позже конца) тоже показывается у формы.
    await page.reload();
    await page.locator('#bl-form-1').waitFor();
    await page.locator(`#bl-form-1 tbody tr[data-number="${b1.number}"] .bl-in-start`).fill(hhmm(endMin + 5));
    await page.locator('#bl-save-1').click();
    await page.locator('#bl-form-msg-1 .msg-detail', { hasText: `Урок ${b1.number}: начало` }).waitFor();
    now = shift1((await apiAs(head, 'GET', '/bells')).body);
    assert.deepEqual(now.bells, orig.bells);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    const after = shift1((await apiAs(head, 'GET', '/bells')).body);
    if (JSON.stringify(after.bells) !== JSON.stringify(orig.bells) || after.name !== orig.name) {
      const r = await apiAs(head, 'PUT', '/bells', { name: orig.name, shift: 1, bells: orig.bells });
      assert.equal(r.status, 200, 'звонки восстановлены');
    }
  }
});

test('учитель видит звонки только для чтения (и на телефоне 360 px)', { timeout: 90000 }, async () => {
  const teacher = await apiLogin(TEACHER);
  assert.ok(teacher, `вход ${TEACHER} через API`);
  const bells = shift1((await apiAs(teacher, 'GET', '/bells')).body);
  assert.ok(bells && bells.bells.length);
  const put = await apiAs(teacher, 'PUT', '/bells', { name: bells.name, shift: 1, bells: bells.bells });
  assert.equal(put.status, 403, 'учитель не меняет звонки');

  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page, problems } = await open(viewport);
    try {
      await loginAs(page, TEACHER);
      await openBells(page);
      const table = page.locator('#bl-table-1');
      await table.waitFor();
      const rows = table.locator('tbody tr');
      assert.equal(await rows.count(), bells.bells.length);
      const first = bells.bells[0];
      const cells = await table.locator(`tbody tr[data-number="${first.number}"] td`).allTextContents();
      assert.deepEqual(cells, [String(first.number), first.start, first.end]);
      assert.equal(await page.locator('#bl-wrap input, #bl-wrap form').count(), 0, 'полей ввода нет');
      assert.equal(await page.getByRole('button', { name: 'Сохранить' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Добавить урок' }).count(), 0);
      if (viewport === PHONE) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `страница шире экрана на ${overflow} px`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('редактор звонков помещается на телефоне 360 px', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, HEAD);
    await page.goto(`${BASE}/#/timetable/bells`);
    await page.locator('#bl-form-1 tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `страница шире экрана на ${overflow} px`);
    // Добавленная строка получает следующий номер и время после последнего урока; без сохранения ничего не меняется.
    const n = await page.locator('#bl-form-1 tbody tr').count();
    await page.locator('#bl-add-1').click();
    assert.equal(await page.locator('#bl-form-1 tbody tr').count(), n + 1);
    const last = page.locator('#bl-form-1 tbody tr').last();
    const prevNum = Number(await page.locator('#bl-form-1 tbody tr').nth(n - 1).locator('.bl-in-num').inputValue());
    assert.equal(Number(await last.locator('.bl-in-num').inputValue()), prevNum + 1);
    // Звонки второй смены (в демо её нет): черновик — копия первой смены — появляется и убирается «Отменой»,
    // правки первой смены остаются, на сервере ничего не создаётся.
    const count = () => page.evaluate(async () => (await (await fetch('/api/v1/bells')).json()).schedules.length);
    const before = await count();
    if (before === 1) {
      await page.locator('#bl-add-shift').click();
      await page.locator('#bl-form-2').waitFor();
      assert.equal(await page.locator('#bl-form-2 tbody tr').count(), n);
      assert.equal(await page.locator('#bl-form-1 tbody tr').count(), n + 1, 'несохранённая строка первой смены на месте');
      await page.locator('#bl-form-2').getByRole('button', { name: 'Отмена', exact: true }).click();
      assert.equal(await page.locator('#bl-form-2').count(), 0);
      await page.locator('#bl-add-shift').waitFor();
      assert.equal(await count(), 1);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ---------------- утверждение КТП ----------------

/** Учитель со строкой нагрузки без плана (сначала ZH_TEACHER_LOGIN, затем остальные из ZH_BIN/ZH_DB). */
async function findTeacherWithFreeLoad() {
  const logins = [TEACHER];
  if (process.env.ZH_BIN && process.env.ZH_DB) {
    const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', 'teacher', '--format', 'tsv'], { encoding: 'utf8' });
    for (const line of out.trim().split('\n')) {
      const [login, roles] = line.split('\t');
      if (login && login !== TEACHER && /\bteacher\b/.test(roles || '') && !/\b(head|admin)\b/.test(roles || '')) logins.push(login);
    }
  }
  for (const login of logins) {
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const load = await apiAs(sess, 'GET', '/plan-load');
    if (load.status !== 200) continue;
    const free = load.body.items.filter((x) => x.plan_id == null);
    // старшие классы: браузерный тест КТП (plans.test.mjs) берёт 2–4 классы
    const row = free.find((x) => x.grade >= 5) || free[0];
    if (row) return { login, sess, row };
  }
  return null;
}

const TOPICS = [
  { title: 'Повторение изученного', hours: 2, lesson_type: 'урок', kes_codes: '', homework: '' },
  { title: 'Контрольная работа по разделу', hours: 1, lesson_type: 'контрольная работа', kes_codes: '', homework: '' },
];

test('завуч в браузере возвращает КТП с комментарием, учитель исправляет и отправляет снова, завуч утверждает', { timeout: 180000 }, async () => {
  const found = await findTeacherWithFreeLoad();
  assert.ok(found, 'в демо-школе есть учитель со строкой нагрузки без плана');
  const { login, sess: teacher, row } = found;
  const head = await apiLogin(HEAD);
  assert.ok(head);
  const stamp = Date.now().toString(36);
  const comment = `Добавьте урок-экскурсию (${stamp})`;
  let planId = null;
  const ctxs = [];
  try {
    // Учитель: план по строке нагрузки, темы, отправка на утверждение (через API).
    const body = { class_id: row.class_id, subject_id: row.subject_id };
    if (row.subgroup_id != null) body.subgroup_id = row.subgroup_id;
    let r = await apiAs(teacher, 'POST', '/plans', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    planId = r.body.id;
    r = await apiAs(teacher, 'PUT', `/plans/${planId}`, { topics: TOPICS.map((t) => ({ ...t, title: `${t.title} ${stamp}` })) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await apiAs(teacher, 'POST', `/plans/${planId}/submit`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'submitted');
    const teacherName = r.body.teacher_name;

    // Завуч: «Планирование уроков» → фильтр «на утверждении» → план учителя.
    const hv = await open(DESKTOP);
    ctxs.push(hv.context);
    const page = hv.page;
    await loginAs(page, HEAD);
    await page.locator('#sections a[data-section="plans"]').click();
    await waitHash(page, /^#\/plans$/);
    await page.getByRole('heading', { level: 1, name: 'Планирование уроков' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Планы учителей' }).waitFor();
    await page.locator('#pl-f-status').selectOption('submitted');
    await page.locator('#pl-filters').getByRole('button', { name: 'Показать' }).click();
    const tr = page.locator(`#pl-table tr[data-id="${planId}"]`);
    await tr.waitFor();
    const statuses = await page.locator('#pl-table tbody .pl-status').allTextContents();
    assert.ok(statuses.length >= 1 && statuses.every((s) => s === 'на утверждении'), statuses.join(', '));
    const trText = await tr.textContent();
    assert.ok(trText.includes(row.subject_name) && (!teacherName || trText.includes(teacherName)), trText);
    await tr.locator('a.pl-link').click();
    await waitHash(page, new RegExp(`^#/plans/${planId}$`));
    await page.locator('.pl-head', { hasText: 'на утверждении' }).waitFor();
    await page.locator('#pl-review').waitFor();

    // Вернуть без комментария нельзя; с комментарием — план «возвращён».
    await page.locator('#pl-return').click();
    await page.locator('#pl-msg', { hasText: 'Укажите, что нужно исправить в плане.' }).waitFor();
    assert.equal((await apiAs(teacher, 'GET', `/plans/${planId}`)).body.status, 'submitted');
    await page.getByLabel('Комментарий (обязателен при возврате)').fill(comment);
    await page.locator('#pl-return').click();
    await page.locator('.pl-head', { hasText: 'возвращён' }).waitFor();
    assert.equal(await page.locator('#pl-review').count(), 0);

    // Учитель: статус и комментарий через API и на странице плана.
    r = await apiAs(teacher, 'GET', `/plans/${planId}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'returned');
    assert.equal(r.body.comment, comment);
    const tv = await open(DESKTOP);
    ctxs.push(tv.context);
    await loginAs(tv.page, login);
    await tv.page.goto(`${BASE}/#/plans/${planId}`);
    await tv.page.locator('.pl-head', { hasText: 'возвращён' }).waitFor();
    await tv.page.locator('#pl-comment', { hasText: comment }).waitFor();
    assert.deepEqual(tv.problems, []);

    // Учитель исправляет и отправляет снова.
    r = await apiAs(teacher, 'PUT', `/plans/${planId}`, { topics: [...TOPICS, { title: `Экскурсия ${stamp}`, hours: 1, lesson_type: 'урок', kes_codes: '', homework: '' }] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await apiAs(teacher, 'POST', `/plans/${planId}/submit`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'submitted');

    // Завуч открывает план снова и утверждает.
    await page.reload();
    await page.locator('.pl-head', { hasText: 'на утверждении' }).waitFor();
    await page.locator('#pl-approve').click();
    await page.locator('.pl-head', { hasText: 'утверждён' }).waitFor();
    assert.equal(await page.locator('#pl-review').count(), 0);
    r = await apiAs(teacher, 'GET', `/plans/${planId}`);
    assert.equal(r.body.status, 'approved');
    assert.equal(r.body.can_edit, false);
    assert.equal(r.body.topics.length, 3);
    assert.deepEqual(hv.problems, []);
  } finally {
    for (const c of ctxs) await c.close();
    if (planId) {
      const del = await apiAs(head, 'DELETE', `/plans/${planId}`);
      assert.equal(del.status, 200, `план ${planId} удаляется: ${JSON.stringify(del.body)}`);
    }
  }
});
