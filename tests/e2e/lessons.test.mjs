// Браузерные тесты «Уроки по датам» и «Мероприятия»: завуч видит уроки класса за неделю с мероприятиями,
// отменяет урок через форму изменения (урок помечается «Отменён»); «Мероприятия» на телефоне не шире экрана.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TIMEOUT, DESKTOP, PHONE, useBrowser, open, waitHash } from './browser.mjs';

useBrowser();

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash), null, { timeout: TIMEOUT });
}

test('завуч: уроки 7Б за неделю, мероприятия дат, отмена урока через форму', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAs(page, 'head');
    await page.locator('#sections a[data-section="lessons"]').click();
    await waitHash(page, /^#\/lessons/);
    await page.getByRole('heading', { level: 1, name: 'Уроки по датам' }).waitFor();
    await page.locator('#ls-who').selectOption({ label: 'Класс 7Б' });
    await page.locator('#ls-from').fill('2026-12-07');
    await page.locator('#ls-to').fill('2026-12-11');
    await page.locator('#ls-filters button[type=submit]').click();
    await page.locator('.ls-date', { hasText: '07.12.2026, понедельник' }).waitFor();
    const id = await page.locator('.ls-lesson:not(.is-cancelled)').filter({ has: page.locator('.ls-change') }).last().getAttribute('data-id');
    const item = page.locator(`.ls-lesson[data-id="${id}"]`);
    await item.locator('.ls-change').click();
    await item.getByLabel('Изменение').selectOption('cancel');
    await item.getByLabel('Причина').fill('Экскурсия');
    await item.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator(`.ls-lesson[data-id="${id}"] .ls-badge-cancel`, { hasText: 'Отменён' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('мероприятия на телефоне: школьные мероприятия видны, страница не шире экрана', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, 'head');
    await page.goto(`${BASE}/#/events?from=2026-10-01&to=2026-12-31`);
    await page.getByRole('heading', { level: 1, name: 'Мероприятия' }).waitFor();
    await page.locator('#ev-list li', { hasText: 'Осенний бал' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}#${e.id}`).slice(0, 5).join(', '));
    assert.ok(overflow <= 1, `страница шире экрана телефона на ${overflow}px: ${wide}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
