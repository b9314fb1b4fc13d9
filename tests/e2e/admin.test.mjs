// Браузерные тесты разделов администратора: «Права доступа» и «Журнал действий».
// Запуск: ZH_BASE_URL=http://127.0.0.1:18080 ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… node --test tests/e2e/
// Нужен запущенный сервер zhurnal с демонстрационными данными (администратор — admin) и Chromium
// (/usr/bin/chromium, другой путь — в ZH_CHROMIUM). Тест оставляет матрицу доступа такой, какой она была:
// на значения по умолчанию опираются другие тесты.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TEACHER, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const ADMIN = process.env.ZH_ADMIN_LOGIN || 'admin';

const OP = 'journal.view.all';
const LOCKED_HINT = 'Администратор всегда сохраняет это право';

useBrowser();

/** Войти и дождаться главной страницы. */
async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByRole('heading', { name: 'Вход в электронный журнал' }).waitFor();
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash)
    || !!(document.querySelector('#login-error') || {}).textContent, null, { timeout: TIMEOUT });
  if (hashOf(page) === '#/login') {
    assert.fail(`«${login}» не смог войти: ${await page.locator('#login-error').textContent()}`);
  }
  assert.equal(hashOf(page), '#/home', `после входа «${login}» ожидалась главная страница, а не обязательная смена пароля`);
  await page.locator('#user-name').waitFor();
}

/** Запрос к API из страницы (с cookie сеанса и CSRF-токеном этой страницы). */
function apiCall(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      const me = await fetch('/api/v1/me', { headers }).then((r) => r.json());
      headers['X-CSRF-Token'] = me.csrf;
      headers['Content-Type'] = 'application/json';
    }
    const r = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await r.json(); } catch { /* не JSON */ }
    return { status: r.status, body: data };
  }, { method, path, body });
}

const apiGet = (page, path) => apiCall(page, 'GET', path);

async function grantedOnServer(page, op, roleId) {
  const res = await apiGet(page, '/access');
  assert.equal(res.status, 200);
  const row = res.body.operations.find((o) => o.id === op);
  assert.ok(row, `в матрице нет операции ${op}`);
  return row.granted.includes(roleId);
}

test('администратор даёт учителю право в «Правах доступа», возвращает как было и видит это в «Журнале действий»', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  let teacherId = null;
  let needRestore = false;
  try {
    await loginAs(page, ADMIN);

    // --- «Права доступа» ---
    await page.locator('#sections a[data-section="access"]').click();
    await waitHash(page, /^#\/access$/);
    await page.getByRole('heading', { level: 1, name: 'Права доступа' }).waitFor();

    const matrix = await apiGet(page, '/access');
    assert.equal(matrix.status, 200);
    const teacher = matrix.body.roles.find((r) => r.title === 'Учитель');
    assert.ok(teacher, 'среди ролей должна быть «Учитель»');
    teacherId = teacher.id;
    const row = matrix.body.operations.find((o) => o.id === OP);
    assert.ok(row, `в матрице должна быть операция ${OP}`);
    assert.ok(!row.defaults.includes(teacherId), `по умолчанию у учителя нет ${OP}`);
    assert.ok(!row.granted.includes(teacherId), `перед тестом у учителя не должно быть ${OP} (матрица не в исходном состоянии)`);

    // Столбцы — роли с полным названием в подсказке; строки сгруппированы.
    const roleHeads = page.locator('#access-matrix thead th[data-role]');
    assert.equal(await roleHeads.count(), matrix.body.roles.length);
    assert.equal(await page.locator(`#access-matrix thead th[data-role="${teacherId}"]`).getAttribute('title'), 'Учитель');
    await page.locator('#access-matrix .matrix-group', { hasText: 'Классный журнал' }).waitFor();
    await page.locator('#access-matrix .matrix-group', { hasText: 'Администрирование' }).waitFor();

    // Право администратора на access.edit не снять.
    const adminAccess = page.locator('#access-matrix input[data-op="access.edit"][data-role="1"]');
    assert.equal(await adminAccess.isChecked(), true);
    assert.equal(await adminAccess.isDisabled(), true);
    assert.equal(await adminAccess.getAttribute('title'), LOCKED_HINT);

    const box = page.locator(`#access-matrix input[data-op="${OP}"][data-role="${teacherId}"]`);
    const cell = page.locator(`#access-matrix td:has(input[data-op="${OP}"][data-role="${teacherId}"])`);
    const save = page.getByRole('button', { name: 'Сохранить изменения' });
    const cancel = page.getByRole('button', { name: 'Отменить', exact: true });
    assert.match(await box.getAttribute('aria-label'), /^Учитель: /);
    assert.equal(await box.isChecked(), false);
    assert.equal(await save.isDisabled(), true, 'без изменений сохранять нечего');

    // Ошибка сервера показывается в области role="alert", изменение не теряется; «Отменить» его сбрасывает.
    const rejectPut = (route) => (route.request().method() === 'PUT'
      ? route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'rule_violation', message: 'Проверка: сервер отклонил изменение', field: 'op' } }),
      })
      : route.continue());
    await page.route('**/api/v1/access', rejectPut);
    await box.check();
    assert.match(await cell.getAttribute('class'), /\bis-pending\b/);
    await save.click();
    const alert = page.locator('#access-error');
    await alert.filter({ hasText: 'Проверка: сервер отклонил изменение' }).waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(await box.isChecked(), true, 'после ошибки отметка остаётся несохранённой');
    await page.unroute('**/api/v1/access', rejectPut);
    await cancel.click();
    assert.equal(await box.isChecked(), false);
    assert.equal(await save.isDisabled(), true);
    assert.equal(await grantedOnServer(page, OP, teacherId), false);

    // Дать право и сохранить — уходит только изменённая ячейка.
    await box.check();
    assert.match(await page.locator('#access-pending').textContent(), /1 изменение/);
    const putReq = page.waitForRequest((r) => r.url().endsWith('/api/v1/access') && r.method() === 'PUT');
    await save.click();
    needRestore = true;
    assert.deepEqual(JSON.parse((await putReq).postData()),
      { changes: [{ role: teacherId, op: OP, granted: true }] });
    await page.locator('#access-status', { hasText: 'Изменения сохранены' }).waitFor();
    assert.equal(await grantedOnServer(page, OP, teacherId), true);
    assert.equal(await box.isChecked(), true);
    assert.match(await cell.getAttribute('class'), /\bis-diff\b/, 'ячейка отличается от значения по умолчанию');
    assert.doesNotMatch(await cell.getAttribute('class'), /\bis-pending\b/);

    // После перезагрузки право на месте.
    await page.reload();
    await waitHash(page, /^#\/access$/);
    await box.waitFor();
    assert.equal(await box.isChecked(), true, 'после перезагрузки право учителя сохранено');
    assert.match(await cell.getAttribute('class'), /\bis-diff\b/);

    // Вернуть как было.
    await box.uncheck();
    await save.click();
    await page.locator('#access-status', { hasText: 'Изменения сохранены' }).waitFor();
    assert.equal(await grantedOnServer(page, OP, teacherId), false);
    needRestore = false;
    assert.equal(await box.isChecked(), false);
    assert.doesNotMatch(await cell.getAttribute('class'), /\bis-diff\b/);

    // --- «Журнал действий» ---
    await page.getByRole('link', { name: 'На главную' }).first().click();
    await waitHash(page, /^#\/home$/);
    await page.locator('#sections a[data-section="audit"]').click();
    await waitHash(page, /^#\/audit/);
    await page.getByRole('heading', { level: 1, name: 'Журнал действий' }).waitFor();
    await page.locator('#audit-rows tr').first().waitFor();

    await page.getByLabel('Действие').selectOption({ label: 'Изменение прав' });
    await page.waitForFunction(() => {
      if (!location.hash.includes('op=access.edit') || document.querySelector('#audit-wrap').hasAttribute('aria-busy')) return false;
      const rows = [...document.querySelectorAll('#audit-rows tr')];
      return rows.length >= 2 && rows.every((r) => r.dataset.op === 'access.edit');
    });
    const expected = await apiGet(page, '/audit?op=access.edit&limit=2');
    assert.equal(expected.status, 200);
    const rows = page.locator('#audit-rows tr');
    const [revoke, grant] = [rows.nth(0), rows.nth(1)];
    assert.equal(await revoke.getAttribute('data-id'), String(expected.body.items[0].id));
    assert.equal(await grant.getAttribute('data-id'), String(expected.body.items[1].id));
    for (const r of [revoke, grant]) {
      const text = await r.textContent();
      assert.match(text, /Изменение прав/);
      assert.match(text, new RegExp(`Учитель · ${OP.replace(/\./g, '\\.')}`));
      assert.equal((await r.locator('.audit-user').textContent()).trim(), ADMIN);
      assert.match(text, /\d\d\.\d\d\.\d{4} \d\d:\d\d/);
    }
    assert.match(await revoke.locator('.audit-change').textContent(), /да → нет/);
    assert.match(await grant.locator('.audit-change').textContent(), /нет → да/);
    const total = expected.body.total;
    assert.equal((await page.locator('#audit-range').textContent()).trim(),
      `Записи 1–${Math.min(total, 50)} из ${total}`);
    assert.match(hashOf(page), /op=access\.edit/, 'отбор сохраняется в адресе');

    assert.deepEqual(problems, []);
  } finally {
    if (needRestore && teacherId) {
      await apiCall(page, 'PUT', '/access', { changes: [{ role: teacherId, op: OP, granted: false }] }).catch(() => {});
    }
    await context.close();
  }
});

test('учитель не видит «Права доступа» на главной и не может их открыть', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, TEACHER);
    await page.locator('#sections .card-title').first().waitFor();
    const titles = (await page.locator('#sections .card-title').allTextContents()).map((t) => t.trim());
    assert.ok(titles.length > 0, 'у учителя есть разделы');
    assert.ok(!titles.includes('Права доступа'), `у учителя не должно быть «Права доступа»: ${titles.join(', ')}`);
    assert.equal(await page.locator('#sections a[data-section="access"]').count(), 0);

    // По прямому адресу — «Нет доступа», сервер тоже отказывает.
    await page.evaluate(() => { location.hash = '#/access'; });
    await page.getByText('Нет доступа к этому разделу.').waitFor();
    assert.equal(await page.locator('#access-matrix').count(), 0);
    assert.equal((await apiGet(page, '/access')).status, 403);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
