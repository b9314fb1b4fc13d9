// Браузерные тесты раздела «Сведения о школе», «Настройки школы» и справочников (M-03).
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… node --test tests/e2e/school.test.mjs
// Тест возвращает телефоны школы такими, какими они были.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TEACHER, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const ADMIN = process.env.ZH_ADMIN_LOGIN || 'admin';

useBrowser();

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash)
    || !!(document.querySelector('#login-error') || {}).textContent, null, { timeout: TIMEOUT });
  assert.equal(hashOf(page), '#/home', `«${login}» не вошёл`);
  await page.locator('#user-name').waitFor();
}

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

test('администратор меняет телефон школы в «Сведениях о школе» и видит его после перезагрузки', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  let before = null;
  try {
    await loginAs(page, ADMIN);
    const start = await apiCall(page, 'GET', '/school');
    assert.equal(start.status, 200);
    before = start.body.card.phones;

    await page.locator('#sections a[data-section="school"]').click();
    await waitHash(page, /^#\/school$/);
    await page.getByRole('heading', { level: 1, name: 'Сведения о школе' }).waitFor();
    await page.locator('#school-v-inn').waitFor();
    assert.equal((await page.locator('#school-v-inn').textContent()).trim(), start.body.card.inn);

    const phone = `+7 (846) 311-${String(Date.now() % 100).padStart(2, '0')}-77`;
    await page.locator('#school-edit').click();
    const input = page.getByLabel('Телефоны', { exact: true });
    await input.fill(phone);
    // a bad INN is refused with the message at the field, and nothing is saved
    await page.getByLabel('ИНН', { exact: true }).fill('6316017235');
    await page.locator('#school-save').click();
    await page.locator('#err-school-f-inn').filter({ hasText: /контрольное число/i }).waitFor();
    assert.equal((await apiCall(page, 'GET', '/school')).body.card.inn, start.body.card.inn);

    await page.getByLabel('ИНН', { exact: true }).fill(start.body.card.inn);
    await page.locator('#school-save').click();
    await page.locator('#school-status').filter({ hasText: 'Сведения о школе сохранены' }).waitFor();
    assert.equal((await page.locator('#school-v-phones').textContent()).trim(), phone);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Сведения о школе' }).waitFor();
    await page.locator('#school-v-phones').filter({ hasText: phone }).waitFor();
    assert.deepEqual((await apiCall(page, 'GET', '/school')).body.card.phones, [phone]);
    assert.deepEqual(problems, []);
  } finally {
    if (before) {
      const r = await apiCall(page, 'PUT', '/school', { phones: before });
      assert.equal(r.status, 200, 'возврат телефонов школы');
    }
    await context.close();
  }
});

test('учитель видит сведения о школе без кнопки «Изменить» и справочники только для чтения (телефон)', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, TEACHER);
    await page.goto(`${BASE}/#/school`);
    await page.locator('#school-v-inn').waitFor();
    assert.equal(await page.locator('#school-edit').count(), 0);
    await page.locator('#school-dicts-link').click();
    await waitHash(page, /^#\/school\/dictionaries$/);
    await page.locator('#sd-table').waitFor();
    assert.ok(await page.getByText('Контрольная работа').isVisible());
    await page.locator('#sd-tab-rooms').click();
    await waitHash(page, /rooms$/);
    await page.locator('#sd-table').getByText('Спортзал', { exact: true }).waitFor();
    assert.equal(await page.locator('#sd-form').count(), 0, 'у учителя нет формы правки');
    // nothing overflows the 360 px screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `страница шире экрана на ${overflow}px`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('администратор добавляет кабинет в «Настройках школы → Справочники» и удаляет его', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  const name = `Е2Е-${Date.now() % 100000}`;
  try {
    await loginAs(page, ADMIN);
    await page.goto(`${BASE}/#/settings/dictionaries/rooms`);
    await page.locator('#sd-form').waitFor();
    await page.getByLabel('Номер или название', { exact: true }).fill(name);
    await page.getByLabel('Мест', { exact: true }).fill('18');
    await page.locator('#sd-save').click();
    await page.locator('#sd-status').filter({ hasText: 'Запись добавлена' }).waitFor();
    const row = page.locator('#sd-table tr', { hasText: name });
    await row.waitFor();
    page.once('dialog', (d) => d.accept());
    await row.getByRole('button', { name: `Удалить «${name}»` }).click();
    await page.locator('#sd-status').filter({ hasText: 'удалён' }).waitFor();
    assert.equal(await page.locator('#sd-table tr', { hasText: name }).count(), 0);

    // the settings tab: a bad scale is refused at the field
    await page.locator('#ss-tab-params').click();
    await page.locator('#ss-form').waitFor();
    await page.getByLabel('Минимальная отметка', { exact: true }).fill('7');
    await page.locator('#ss-save').click();
    await page.locator('#err-ss-f-mark_min').filter({ hasText: /меньше максимальной/ }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
