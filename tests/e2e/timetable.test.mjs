// Браузерный тест раздела «Расписание»: завуч переносит урок туда, где учитель занят, и видит конфликт.
// Демо-расписание после теста не меняется (отказанный перенос ничего не записывает; проверяем через API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const HEAD = process.env.ZH_HEAD_LOGIN || 'head';

useBrowser();

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash), null, { timeout: TIMEOUT });
  assert.equal(hashOf(page), '#/home');
  await page.locator('#user-name').waitFor();
}

function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { headers: { Accept: 'application/json' } });
    return { status: r.status, body: await r.json() };
  }, path);
}

test('завуч переносит урок на время, когда учитель занят, и видит сообщение о конфликте', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAs(page, HEAD);
    const o = (await apiGet(page, '/timetable/options')).body;
    const cls = o.classes.find((c) => c.name === '5А');
    const period = o.periods.find((p) => p.kind === cls.period_kind);
    const items = (await apiGet(page, `/timetable?period=${period.id}&class=${cls.id}`)).body.items;
    const entry = items.find((e) => !e.subgroup_id);
    const theirs = (await apiGet(page, `/timetable?period=${period.id}&teacher=${entry.teacher_id}`)).body.items;
    const busy = theirs.find((e) => e.class_id !== cls.id) || theirs.find((e) => e.id !== entry.id);
    assert.ok(busy, 'у учителя есть другой урок');

    await page.locator('#sections a[data-section="timetable"]').click();
    await waitHash(page, /^#\/timetable/);
    await page.getByRole('heading', { level: 1, name: 'Расписание' }).waitFor();
    await page.locator('#tt-mode').selectOption('class');
    await page.locator('#tt-target').selectOption(String(cls.id));
    await page.locator('#tt-period').selectOption(String(period.id));
    await page.locator(`#tt-grid button.tt-entry[data-id="${entry.id}"]`).click();
    await page.locator('#tt-form').waitFor();
    await page.getByLabel('День недели').selectOption(String(busy.weekday));
    await page.getByLabel('Номер урока').selectOption(String(busy.lesson_number));
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const alert = page.locator('#tt-form-msg');
    await page.waitForFunction(() => (document.querySelector('#tt-form-msg') || {}).textContent?.includes('Конфликт'), null, { timeout: TIMEOUT });
    const text = await alert.textContent();
    assert.match(text, /Конфликт в расписании/);
    assert.ok(text.includes(entry.teacher_name), text);
    assert.equal(await alert.getAttribute('role'), 'alert');

    // nothing moved
    const after = (await apiGet(page, `/timetable?period=${period.id}&class=${cls.id}`)).body.items.find((e) => e.id === entry.id);
    assert.equal(after.weekday, entry.weekday);
    assert.equal(after.lesson_number, entry.lesson_number);
    await page.getByRole('button', { name: 'Отмена', exact: true }).click();
    assert.equal(await page.locator('#tt-form').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('расписание класса на телефоне 360 px: сетка прокручивается внутри блока', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, HEAD);
    await page.goto(`${BASE}/#/timetable`);
    await page.locator('#tt-grid').waitFor();
    assert.ok(await page.locator('#tt-grid button.tt-entry').count() > 10);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `страница шире экрана на ${overflow} px`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
