// Браузерный тест раздела «Ученики и родители»: секретарь находит ученика, набрав часть фамилии
// строчными буквами и «е» вместо «ё», и открывает его карточку; затем сохраняет поле карточки.
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… node --test tests/e2e/people.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BASE, PASSWORD, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

useBrowser();

const CYR = 'абвгдежзиклмнопрстуфхцчшщэюя';
const tag = () => Array.from(crypto.randomBytes(5), (x) => CYR[x % CYR.length]).join('');

async function loginAs(page, login) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await waitHash(page, /^#\/home$/);
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

for (const [label, viewport] of [['компьютер', DESKTOP], ['телефон 360 px', PHONE]]) {
  test(`секретарь находит ученика по «е» вместо «ё» и открывает карточку (${label})`, { timeout: 90000 }, async () => {
    const { context, page, problems } = await open(viewport);
    try {
      await loginAs(page, 'secretary');
      const t = tag();
      const last = `Воробьёва${t}`;
      const born = new Date(Date.now() - 10 * 365.25 * 86400000).toISOString().slice(0, 10);
      const made = await apiCall(page, 'POST', '/students',
        { last_name: last, first_name: 'Алёна', middle_name: 'Сергеевна', gender: 'f', birth_date: born });
      assert.equal(made.status, 201, JSON.stringify(made.body));

      await page.locator('#sections a[data-section="people"]').click();
      await waitHash(page, /^#\/people$/);
      await page.getByRole('heading', { level: 1, name: 'Ученики и родители' }).waitFor();
      // часть фамилии, строчными, «е» вместо «ё»
      await page.getByLabel('Поиск', { exact: true }).fill(`робьева${t}`);
      const link = page.locator('#people-list a.people-link');
      await link.first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('#people-list a.people-link').length === 1, null, { timeout: TIMEOUT });
      assert.equal(await link.textContent(), `${last} Алёна Сергеевна`);
      await link.click();
      await waitHash(page, new RegExp(`^#/people/student/${made.body.id}$`));
      await page.getByRole('heading', { level: 1, name: `${last} Алёна Сергеевна` }).waitFor();
      // секретарь видит обычные группы, но не медицинские и не психологические
      const tabs = await page.locator('[role="tab"]').allTextContents();
      assert.ok(tabs.includes('Документы') && tabs.includes('Адреса и контакты'), tabs.join(', '));
      assert.ok(!tabs.some((x) => /Медицин|Психолог|Социальн/.test(x)), tabs.join(', '));
      // заполнить контакты и сохранить
      await page.getByRole('tab', { name: 'Адреса и контакты' }).click();
      await page.getByLabel('Мобильный телефон').fill('+7 927 111-22-33');
      await page.getByLabel('E-mail').fill('не-почта');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.locator('.people-form .field-error', { hasText: 'E-mail' }).waitFor();
      await page.getByLabel('E-mail').fill('alena@example.ru');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.locator('#card-brief', { hasText: '+7 927 111-22-33' }).waitFor();
      const saved = await apiCall(page, 'GET', `/students/${made.body.id}`);
      assert.equal(saved.body.contacts.email, 'alena@example.ru');
      // на телефоне нет горизонтальной прокрутки страницы
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `страница шире экрана на ${overflow} px`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
