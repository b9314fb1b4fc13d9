// Браузерный тест раздела «Реквизиты доступа»: классный руководитель выдаёт логин родителю
// ученика своего класса, видит временный пароль один раз, скачивает лист (PDF); родитель входит
// с выданными реквизитами и обязан сменить пароль.
// Нужны ZH_DB и ZH_BIN (как у API-тестов): класс с родителем без логина создаётся в базе сервера.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { BASE, TIMEOUT, DESKTOP, PHONE, useBrowser, open, hashOf, waitHash } from './browser.mjs';

const DB = process.env.ZH_DB || '';
const BIN = process.env.ZH_BIN || 'build/zhurnal';
const TAG = crypto.randomBytes(3).toString('hex');

useBrowser();

function sql(text) {
  return execFileSync('sqlite3', ['-batch', '-noheader', DB], { input: `.timeout 10000\n${text}\n`, encoding: 'utf8' }).trim();
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

function addPerson(last, first, middle, gender) {
  const fold = `${last} ${first} ${middle}`.toLowerCase().replace(/ё/g, 'е');
  return Number(sql(`INSERT INTO persons(last_name, first_name, middle_name, gender, name_fold, created_at)
    VALUES (${q(last)}, ${q(first)}, ${q(middle)}, ${q(gender)}, ${q(fold)}, 0); SELECT last_insert_rowid();`));
}

/** Учитель с известным паролем, его класс, ученик и родитель без логинов. */
function fixture() {
  const login = `e2e_ct_${TAG}`;
  const password = `Pw-${crypto.randomBytes(9).toString('base64url')}`;
  execFileSync(BIN, ['user', 'add', '--login', login, '--name', 'Классова Наталья Юрьевна', '--role', 'teacher',
    '--password', password, '--db', DB], { encoding: 'utf8' });
  const letter = `Ы${parseInt(TAG, 16) % 1000}`;
  const classId = Number(sql(`INSERT INTO classes(school_id, year_id, grade, letter, name, class_teacher_id)
    SELECT y.school_id, y.id, 6, ${q(letter)}, ${q(`6${letter}`)}, (SELECT person_id FROM users WHERE login = ${q(login)})
    FROM academic_years y JOIN user_roles ur ON ur.school_id = y.school_id
    JOIN users u ON u.id = ur.user_id AND u.login = 'admin' WHERE y.closed = 0 ORDER BY y.start_date DESC LIMIT 1;
    SELECT last_insert_rowid();`));
  const child = addPerson('Семёнова', 'Алёна', 'Игоревна', 'f');
  const parent = addPerson('Семёнова', 'Юлия', 'Петровна', 'f');
  sql(`INSERT INTO students(school_id, person_id, status) SELECT school_id, ${child}, 'enrolled' FROM classes WHERE id = ${classId};
    INSERT INTO class_students(school_id, class_id, student_id) SELECT school_id, id, ${child} FROM classes WHERE id = ${classId};
    INSERT INTO parent_links(school_id, parent_id, child_id, relation) SELECT school_id, ${parent}, ${child}, 'mother' FROM classes WHERE id = ${classId};`);
  return { login, password, className: `6${letter}`, child, parent };
}

async function loginWith(page, login, password) {
  await page.goto(`${BASE}/`);
  await waitHash(page, /^#\/login$/);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForFunction(() => /^#\/(home|password)$/.test(location.hash)
    || !!(document.querySelector('#login-error') || {}).textContent, null, { timeout: TIMEOUT });
  if (hashOf(page) === '#/login') assert.fail(`«${login}» не смог войти: ${await page.locator('#login-error').textContent()}`);
}

test('классный руководитель выдаёт логин родителю, родитель входит и меняет пароль', { timeout: 120000 }, async () => {
  assert.ok(DB, 'нужна переменная окружения ZH_DB');
  const fx = fixture();
  const teacher = await open(PHONE);
  let issued;
  try {
    const { page, problems } = teacher;
    await loginWith(page, fx.login, fx.password);
    assert.equal(hashOf(page), '#/home');
    await page.locator('#sections a[data-section="credentials"]').click();
    await waitHash(page, /^#\/credentials$/);
    await page.getByRole('heading', { level: 1, name: 'Реквизиты доступа' }).waitFor();

    // only the own class to choose from (the list is filled after the page's first request)
    await page.locator('#cred-class option').first().waitFor({ state: 'attached' });
    const options = await page.locator('#cred-class option').allTextContents();
    assert.equal(options.length, 1, `только свой класс: ${options}`);
    assert.ok(options[0].startsWith(fx.className));
    const parentRow = page.locator(`#cred-roster tr[data-person="${fx.parent}"]`);
    await parentRow.waitFor();
    assert.match(await parentRow.textContent(), /Семёнова Юлия Петровна.*нет логина/);

    await page.getByRole('button', { name: 'Выдать родителям' }).click();
    const row = page.locator(`#cred-issued-table tr[data-person="${fx.parent}"]`);
    await row.waitFor();
    await page.getByText('Временные пароли показываются только сейчас').waitFor();
    issued = {
      login: (await row.locator('.cred-login').textContent()).trim(),
      password: (await row.locator('.cred-password').textContent()).trim(),
    };
    assert.match(issued.login, /^semenova\.iup\d*$/);
    assert.match(issued.password, /^[A-Za-z2-9]{10}$/);
    // the roster now shows the login, not the password
    await page.locator(`#cred-roster tr[data-person="${fx.parent}"]`).getByText('выдан, не входил').waitFor();
    assert.ok(!(await page.locator('#cred-roster').textContent()).includes(issued.password));
    // usable on a 360 px phone: nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `страница шире экрана на ${overflow} px`);

    // the sheet for the rest of the class (the student) downloads as a PDF named after the class
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать лист с реквизитами (PDF)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `credentials-${fx.className}.pdf`);
    await page.locator('#cred-status').getByText('скачан').waitFor();
    await page.locator(`#cred-roster tr[data-person="${fx.child}"]`).getByText('выдан, не входил').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await teacher.context.close();
  }

  const parent = await open(DESKTOP);
  try {
    const { page, problems } = parent;
    await loginWith(page, issued.login, issued.password);
    // with a temporary password the app goes to the forced password change (maybe via #/home)
    await waitHash(page, /^#\/password$/);
    await page.getByLabel('Повторите новый пароль', { exact: true }).waitFor();
    const newPw = `Nw-${crypto.randomBytes(9).toString('base64url')}`;
    await page.getByLabel('Текущий пароль', { exact: true }).fill(issued.password);
    await page.getByLabel('Новый пароль', { exact: true }).fill(newPw);
    await page.getByLabel('Повторите новый пароль', { exact: true }).fill(newPw);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await waitHash(page, /^#\/home$/);
    await page.locator('#user-name').waitFor();
    assert.match(await page.locator('#user-name').textContent(), /Юлия|Семёнова/);
    assert.deepEqual(problems, []);
  } finally {
    await parent.context.close();
  }
});
