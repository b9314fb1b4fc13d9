// Браузерные тесты раздела «Движение учащихся»: секретарь зачисляет нового учащегося через форму,
// администратор открывает страницу перехода на новый учебный год на телефоне (переход не выполняется:
// общая демо-школа остаётся в своём году).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

useBrowser();

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash), null, { timeout: TIMEOUT });
  assert.equal(hashOf(page), '#/home');
}

test('секретарь видит книгу движения и зачисляет нового учащегося через форму', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAs(page, 'secretary');
    await page.locator('#sections a[data-section="movement"]').click();
    await waitHash(page, /^#\/movement$/);
    await page.getByRole('heading', { level: 1, name: 'Движение учащихся' }).waitFor();
    await page.locator('#mv-table tr', { hasText: '№ 112-у от 02.09.2026' }).first().waitFor();

    const last = `Браузерова${Date.now() % 100000}`;
    await page.locator('#mv-new summary').click();
    await page.getByLabel('Фамилия').fill(last);
    await page.getByLabel('Имя', { exact: true }).fill('Дарья');
    await page.getByLabel('В класс').selectOption({ label: '2А' });
    await page.getByLabel('Дата', { exact: true }).fill('2026-11-03');
    await page.getByLabel('Номер приказа').fill('990-у');
    await page.getByLabel('Дата приказа').fill('2026-11-03');
    await page.getByLabel('Откуда прибыл').fill('МБДОУ детский сад № 5');
    await page.locator('#mv-submit').click();
    await page.locator('#mv-status', { hasText: 'Записано' }).waitFor();
    await page.locator('#mv-table tr', { hasText: last }).waitFor();

    // ошибка проверки показывается по-русски: без номера приказа
    await page.getByLabel('Фамилия').fill(`${last}-второй`);
    await page.getByLabel('Имя', { exact: true }).fill('Олег');
    await page.getByLabel('В класс').selectOption({ label: '2А' });
    await page.getByLabel('Дата', { exact: true }).fill('2026-11-03');
    await page.getByLabel('Дата приказа').fill('2026-11-03');
    await page.locator('#mv-submit').click();
    await page.locator('#mv-form-error', { hasText: 'номер приказа' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('администратор: страница перехода на новый учебный год на телефоне (без выполнения)', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, 'admin');
    await page.goto(`${BASE}/#/movement/rollover`);
    await page.getByRole('heading', { level: 1, name: 'Переход на новый учебный год' }).waitFor();
    await page.locator('#ro-table select').first().waitFor();
    await page.locator('#ro-summary', { hasText: 'решения есть у' }).waitFor();
    await page.locator('#ro-fill').click();
    const values = await page.locator('#ro-table select').evaluateAll((els) => els.map((e) => e.value));
    assert.ok(values.length > 0 && values.every((v) => v === 'promoted'), 'в 1А всем предложено «переведён»');
    await page.locator('#ro-run').click();
    await page.locator('#ro-confirm', { hasText: 'Отменить это нельзя' }).waitFor();
    await page.locator('#ro-confirm-no').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `страница шире экрана телефона на ${overflow}px`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
