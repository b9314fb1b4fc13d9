// Браузерные тесты оболочки веб-интерфейса: вход, главная, выход, ошибки входа, сеансы.
// Запуск: ZH_BASE_URL=http://127.0.0.1:18080 ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… node --test tests/e2e/
// Нужен запущенный сервер zhurnal с демонстрационными данными и Chromium (/usr/bin/chromium,
// другой путь — в ZH_CHROMIUM). Демо-учитель должен входить без обязательной смены пароля.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, TEACHER, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';


useBrowser();

/** Открыть страницу входа и отправить форму. */
async function submitLogin(page, login, password) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByRole('heading', { name: 'Вход в электронный журнал' }).waitFor();
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

async function loginAsTeacher(page) {
  await submitLogin(page, TEACHER, PASSWORD);
  // Ждём либо переход после входа, либо сообщение об ошибке входа.
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash)
    || !!(document.querySelector('#login-error') || {}).textContent, null, { timeout: TIMEOUT });
  if (hashOf(page) === '#/login') {
    assert.fail(`демо-учитель «${TEACHER}» не смог войти: ${await page.locator('#login-error').textContent()}`);
  }
  assert.equal(hashOf(page), '#/home',
    'после входа демо-учителя ожидалась главная страница, а не обязательная смена пароля');
  await page.locator('#user-name').waitFor();
}

/** GET из страницы (с cookie сеанса этой страницы). */
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch { /* не JSON */ }
    return { status: r.status, body };
  }, path);
}

test('учитель входит, видит своё имя и «Классный журнал», выходит на страницу входа', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAsTeacher(page);

    // Сеанс — в HttpOnly-cookie zh_session, недоступной скриптам страницы.
    const cookie = (await context.cookies()).find((c) => c.name === 'zh_session');
    assert.ok(cookie, 'после входа должна быть cookie zh_session');
    assert.equal(cookie.httpOnly, true, 'cookie zh_session должна быть HttpOnly');
    assert.ok(!(await page.evaluate(() => document.cookie)).includes('zh_session'));

    // Имя в шапке совпадает с тем, что сервер знает о пользователе.
    const me = await apiGet(page, '/me');
    assert.equal(me.status, 200);
    const fullName = me.body.person.full_name;
    assert.match(fullName, /\S+\s+\S+/, 'у демо-учителя должно быть ФИО');
    assert.equal((await page.locator('#user-name').textContent()).trim(), fullName);
    assert.notEqual(fullName, TEACHER);

    // Школа в шапке.
    const schools = me.body.schools;
    assert.ok(schools.length >= 1, 'учитель должен состоять хотя бы в одной школе');
    let school = schools[0];
    if (schools.length === 1) {
      assert.equal((await page.locator('#school-name').textContent()).trim(), school.name);
    } else {
      const selected = await page.locator('#school-switcher').inputValue();
      school = schools.find((sc) => String(sc.id) === selected);
      assert.ok(school, 'выбранная в переключателе школа должна быть из списка /me');
    }

    // Разделы соответствуют операциям пользователя в школе.
    const sections = page.locator('#sections a');
    await sections.first().waitFor();
    const titles = (await sections.locator('.card-title').allTextContents()).map((t) => t.trim());
    assert.ok(titles.includes('Классный журнал'), `нет раздела «Классный журнал» среди: ${titles.join(', ')}`);
    const ops = new Set(school.operations);
    assert.ok([...ops].some((o) => o.startsWith('journal.view')), 'у учителя должна быть операция journal.view.*');
    assert.equal(titles.includes('Права доступа'), ops.has('access.edit'), '«Права доступа» — только с access.edit');
    assert.equal(titles.includes('Дневник'), ops.has('diary.view.self'), '«Дневник» — только с diary.view.self');
    assert.equal(titles.includes('Журнал действий'), ops.has('audit.view'), '«Журнал действий» — только с audit.view');
    assert.equal(new Set(titles).size, titles.length, 'разделы не должны повторяться');

    // Раздел открывается, с него можно вернуться на главную.
    await page.getByRole('link', { name: /Классный журнал/ }).first().click();
    await waitHash(page, /^#\/journal$/);
    await page.getByRole('heading', { level: 1, name: /Классный журнал/ }).waitFor();
    await page.getByRole('link', { name: 'На главную' }).first().click();
    await waitHash(page, /^#\/home$/);
    await page.locator('#sections').waitFor();

    // Выход.
    await page.locator('#logout').click();
    await waitHash(page, /^#\/login$/);
    await page.getByRole('heading', { name: 'Вход в электронный журнал' }).waitFor();
    assert.equal(await page.locator('#user-name').count(), 0, 'после выхода шапки с именем быть не должно');
    assert.match(await page.locator('#login-status').textContent(), /Вы вышли/);

    // Сеанс закрыт на сервере, а не только в интерфейсе.
    const afterLogout = await apiGet(page, '/me');
    assert.equal(afterLogout.status, 401, 'после выхода /api/v1/me должен отвечать 401');
    await page.goto(`${BASE}/#/home`);
    await waitHash(page, /^#\/login$/);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('неверный пароль: «Неверный логин или пароль», вход не выполнен', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open(PHONE);
  try {
    await submitLogin(page, TEACHER, `${PASSWORD}-неверный`);
    const alert = page.locator('#login-error');
    await alert.filter({ hasText: 'Неверный логин или пароль' }).waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(hashOf(page), '#/login');
    assert.equal(await page.getByLabel('Пароль', { exact: true }).inputValue(), '', 'пароль после ошибки очищается');
    assert.equal(await page.getByLabel('Логин', { exact: true }).inputValue(), TEACHER, 'логин после ошибки остаётся');
    assert.equal(await page.locator('#user-name').count(), 0);
    assert.ok(!(await context.cookies()).some((c) => c.name === 'zh_session' && c.value), 'cookie сеанса не выдаётся');

    // Пустая форма не уходит на сервер, а подсказывает, что заполнить.
    await page.getByLabel('Логин', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByText('Введите логин').waitFor();

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('«Мои сеансы»: завершённый сеанс в другом браузере возвращает на вход с «Сеанс истёк»', { timeout: 90000 }, async () => {
  const a = await open(PHONE);
  const b = await open(DESKTOP);
  try {
    await loginAsTeacher(a.page);
    await loginAsTeacher(b.page);
    const bSessions = await apiGet(b.page, '/auth/sessions');
    assert.equal(bSessions.status, 200);
    const bCurrent = bSessions.body.items.filter((x) => x.current);
    assert.equal(bCurrent.length, 1, 'ровно один сеанс помечен текущим');
    const bId = String(bCurrent[0].id);

    // Браузер A (телефон) открывает «Мои сеансы».
    await a.page.locator('#link-sessions').click();
    await waitHash(a.page, /^#\/sessions$/);
    await a.page.getByRole('heading', { level: 1, name: 'Мои сеансы' }).waitFor();
    const rows = a.page.locator('#sessions-list > li.session');
    await rows.first().waitFor();
    assert.ok(await rows.count() >= 2, 'видны оба сеанса учителя');
    assert.equal(await a.page.locator('#sessions-list .badge', { hasText: 'Текущий сеанс' }).count(), 1);
    const bRow = a.page.locator(`#sessions-list > li[data-session-id="${bId}"]`);
    assert.equal(await bRow.count(), 1, 'сеанс браузера B есть в списке');
    assert.equal(await bRow.locator('.badge').count(), 0, 'сеанс B не текущий для A');

    await bRow.getByRole('button', { name: /Завершить/ }).click();
    await a.page.locator('#sessions-status', { hasText: 'Сеанс завершён' }).waitFor();
    await bRow.waitFor({ state: 'detached' });

    // Браузер B при следующем обращении к серверу оказывается на странице входа.
    await b.page.evaluate(() => { location.hash = '#/sessions'; });
    await waitHash(b.page, /^#\/login$/);
    await b.page.locator('#login-error', { hasText: 'Сеанс истёк, войдите снова' }).waitFor();
    const bMe = await apiGet(b.page, '/me');
    assert.equal(bMe.status, 401);

    // A по-прежнему в журнале и может выйти.
    assert.equal((await apiGet(a.page, '/me')).status, 200);
    await a.page.locator('#logout').click();
    await waitHash(a.page, /^#\/login$/);

    assert.deepEqual(a.problems, []);
    assert.deepEqual(b.problems, []);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
