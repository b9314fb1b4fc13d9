// Браузерный тест раздела «Планирование уроков» (КТП, M-08): учитель создаёт план по строке нагрузки,
// добавляет темы, сохраняет, применяет план к урокам и видит первую тему в «Уроках по датам».
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… ZH_BIN=build/zhurnal ZH_DB=… node --test tests/e2e/plans.test.mjs
// Учитель для теста выбирается сам: тот, у кого есть строка нагрузки во 2–4 классе без плана.
// В конце план удаляется через API; темы, перенесённые в уроки, остаются (у тестов своя демо-школа).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, PASSWORD, DESKTOP, useBrowser, open, hashOf, waitHash } from './browser.mjs';

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

/** Учитель со строкой нагрузки во 2–4 классе без плана: {login, sess, row}. */
async function findTeacher() {
  assert.ok(process.env.ZH_BIN && process.env.ZH_DB, 'нужны ZH_BIN и ZH_DB');
  const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', 'teacher', '--format', 'tsv'], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) {
    const [login, roles] = line.split('\t');
    if (!login || !/\bteacher\b/.test(roles || '')) continue;
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const load = await apiAs(sess, 'GET', '/plan-load');
    if (load.status !== 200) continue;
    const row = load.body.items.find((x) => x.plan_id == null && x.grade >= 2 && x.grade <= 4);
    if (row) return { login, sess, row };
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

test('учитель создаёт КТП, добавляет темы, применяет к урокам и видит тему в «Уроках по датам»', { timeout: 180000 }, async () => {
  const found = await findTeacher();
  assert.ok(found, 'в демо-школе должен быть учитель со строкой нагрузки во 2–4 классе без плана');
  const { login, sess, row } = found;
  const { context, page, problems } = await open(DESKTOP);
  let planId = null;
  const stamp = Date.now().toString(36);
  const topic1 = `Вводный урок ${stamp}`;
  const topic2 = `Практикум ${stamp}`;
  try {
    await loginAs(page, login);
    await page.locator('#sections a[data-section="plans"]').click();
    await waitHash(page, /^#\/plans$/);
    await page.getByRole('heading', { level: 1, name: 'Планирование уроков' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Мои планы' }).waitFor();

    // Создать план по строке нагрузки.
    const label = `${row.class_name}${row.subgroup_name ? ` (${row.subgroup_name})` : ''} — ${row.subject_name}`;
    const opt = page.locator('#pl-load option', { hasText: label });
    assert.equal(await opt.count(), 1, `в списке нагрузки должна быть строка «${label}»`);
    await page.locator('#pl-load').selectOption(await opt.getAttribute('value'));
    await page.getByRole('button', { name: 'Создать план', exact: true }).click();
    await waitHash(page, /^#\/plans\/\d+$/);
    planId = Number(hashOf(page).split('/')[2]);
    await page.getByRole('heading', { level: 1, name: `${row.subject_name}, ${label.split(' — ')[0]}` }).waitFor();
    await page.locator('.pl-head', { hasText: 'черновик' }).waitFor();

    // Две темы, вторая — на 2 часа; сумма часов пересчитывается сразу.
    await page.getByRole('button', { name: 'Добавить тему' }).click();
    await page.getByRole('button', { name: 'Добавить тему' }).click();
    const rows = page.locator('#pl-topics-body tr');
    assert.equal(await rows.count(), 2);
    await rows.nth(0).getByLabel('Тема').fill(topic1);
    await rows.nth(1).getByLabel('Тема').fill(topic2);
    await rows.nth(1).getByLabel('Часов').fill('2');
    await rows.nth(1).getByLabel('Тип урока').selectOption('практическая работа');
    await rows.nth(1).getByLabel('Домашнее задание').fill('Повторить правила');
    await page.locator('#pl-sum', { hasText: 'Всего часов: 3' }).waitFor();
    // Часов меньше, чем по учебному плану, — сумма отмечена предупреждением.
    assert.match(await page.locator('#pl-sum').getAttribute('class'), /\bis-off\b/);

    // Порядок тем меняется кнопками.
    await rows.nth(1).getByRole('button', { name: 'Поднять тему выше' }).click();
    assert.equal(await rows.nth(0).getByLabel('Тема').inputValue(), topic2);
    await rows.nth(0).getByRole('button', { name: 'Опустить тему ниже' }).click();
    assert.equal(await rows.nth(0).getByLabel('Тема').inputValue(), topic1);

    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.locator('#pl-msg', { hasText: 'План сохранён.' }).waitFor();
    const saved = await apiAs(sess, 'GET', `/plans/${planId}`);
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.topics.map((t) => [t.title, t.hours, t.lesson_type]),
      [[topic1, 1, 'урок'], [topic2, 2, 'практическая работа']]);
    assert.equal(saved.body.topics[1].homework, 'Повторить правила');

    await page.screenshot({ path: process.env.ZH_SHOT || '/tmp/pl_shots/plan-editor.png', fullPage: true });

    // Применить к урокам: счётчики показаны.
    await page.getByRole('button', { name: 'Применить к урокам' }).click();
    await page.locator('#pl-apply-result', { hasText: 'заполнено тем' }).waitFor();
    const res = await page.locator('#pl-apply-result').textContent();
    const filled = Number(/заполнено тем: (\d+)/.exec(res)[1]);
    assert.ok(filled >= 1, `хотя бы один урок получает тему: ${res}`);

    // Первый урок по предмету с темой — ищем его дату и открываем «Уроки по датам».
    // Прошедшие уроки демо уже с темами: план заполняет уроки с сегодняшнего дня.
    const day = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Samara' });
    const from = day(new Date()), to = day(new Date(Date.now() + 55 * 86400000));
    const lessons = await apiAs(sess, 'GET', `/lessons?class=${row.class_id}&from=${from}&to=${to}`);
    assert.equal(lessons.status, 200);
    const first = lessons.body.items.find((l) => l.subject_id === row.subject_id && l.topic === topic1);
    assert.ok(first, 'первая тема плана должна попасть в урок');
    await page.goto(`${BASE}/#/lessons?who=c${row.class_id}&from=${first.date}&to=${first.date}`);
    await page.getByRole('heading', { level: 1, name: 'Уроки по датам' }).waitFor();
    await page.locator(`#ls-list li[data-id="${first.id}"] .ls-topic`, { hasText: `Тема: ${topic1}` }).waitFor();

    // Список «Мои планы» показывает план со статусом и часами.
    await page.goto(`${BASE}/#/plans`);
    const tr = page.locator(`#pl-table tr[data-id="${planId}"]`);
    await tr.waitFor();
    assert.match(await tr.textContent(), /черновик/);
    assert.match(await tr.textContent(), /3 из/);
    assert.deepEqual(problems, []);
  } finally {
    if (planId) {
      const del = await apiAs(sess, 'DELETE', `/plans/${planId}`);
      assert.equal(del.status, 200, `план ${planId} удаляется: ${JSON.stringify(del.body)}`);
    }
    await context.close();
  }
});
