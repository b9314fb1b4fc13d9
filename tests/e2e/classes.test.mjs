// Браузерные тесты «Классы и предметы» и «Учебный план»: администратор создаёт класс 11В
// с классным руководителем, видит его после перезагрузки, удаляет (демо остаётся как было).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const ADMIN = process.env.ZH_ADMIN_LOGIN || 'admin';
const NAME = '11В';

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

async function leftover(page) {
  const list = await apiCall(page, 'GET', '/classes?limit=500');
  assert.equal(list.status, 200);
  return list.body.items.find((k) => k.name === NAME);
}

test('администратор создаёт класс 11В с классным руководителем, видит его после перезагрузки и удаляет', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  let created = null;
  try {
    await loginAs(page, ADMIN);
    const old = await leftover(page);
    if (old && old.student_count === 0) await apiCall(page, 'DELETE', `/classes/${old.id}`);

    await page.locator('#sections a[data-section="classes"]').click();
    await waitHash(page, /^#\/classes/);
    await page.getByRole('heading', { level: 1, name: 'Классы и предметы' }).waitFor();
    await page.locator('#classes-table').waitFor();
    assert.equal(await page.locator(`#classes-table tr[data-class="${NAME}"]`).count(), 0);

    await page.getByLabel('Параллель').selectOption('11');
    await page.getByLabel('Литера').fill('В');
    await page.getByLabel('Профиль (необязательно)').fill('социально-экономический');
    const teacherSelect = page.locator('#class-teacher');
    await teacherSelect.locator('option').nth(2).waitFor({ state: 'attached' });
    const options = await teacherSelect.locator('option').allTextContents();
    assert.ok(options.length > 2, 'в списке должны быть учителя');
    const teacherName = options[2];
    await teacherSelect.selectOption({ label: teacherName });
    await page.getByRole('button', { name: 'Создать класс' }).click();
    await page.locator('#classes-status').getByText(`Класс ${NAME} создан`).waitFor();
    created = await leftover(page);
    assert.ok(created, 'класс создан на сервере');
    assert.equal(created.class_teacher.name, teacherName);

    await page.reload();
    const row = page.locator(`#classes-table tr[data-class="${NAME}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), new RegExp(teacherName));
    assert.match(await row.textContent(), /социально-экономический/);

    // the class page shows the class teacher
    await row.getByRole('link', { name: NAME }).click();
    await waitHash(page, /^#\/classes\/\d+$/);
    await page.getByRole('heading', { level: 1, name: `Класс ${NAME}` }).waitFor();
    assert.equal((await page.locator('#class-teacher-name').textContent()).trim(), teacherName);
    await page.getByRole('link', { name: 'К списку классов' }).click();

    await page.getByRole('button', { name: `Удалить класс ${NAME}` }).click();
    await page.locator('#classes-status').getByText(`Класс ${NAME} удалён`).waitFor();
    assert.equal(await page.locator(`#classes-table tr[data-class="${NAME}"]`).count(), 0);
    assert.equal(await leftover(page), undefined, 'класс удалён на сервере');
    created = null;
    assert.deepEqual(problems, []);
  } finally {
    if (created) await apiCall(page, 'DELETE', `/classes/${created.id}`).catch(() => {});
    await context.close();
  }
});

test('учебный план на телефоне: сетка, тарификация без расхождений, периоды года', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await loginAs(page, ADMIN);
    await page.goto(`${BASE}/#/curriculum`);
    await page.getByRole('heading', { level: 1, name: 'Учебный план' }).waitFor();
    await page.locator('#plan-table').waitFor();
    assert.ok(await page.getByLabel('Русский язык, 5 класс, часов в неделю').inputValue() === '5');
    await page.getByRole('link', { name: 'Тарификация' }).click();
    await page.locator('#load-diff').waitFor();
    assert.match(await page.locator('.load-summary').textContent(), /совпадает/);
    await page.getByRole('link', { name: 'Учебный год' }).click();
    await page.locator('#periods-table').waitFor();
    assert.match(await page.locator('#holidays-table').textContent(), /Осенние каникулы/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
