// Браузерные тесты страниц «Открытие дат журнала», «Итоговые отметки» и «Пропуски за день» (M-09).
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… ZH_BIN=build/zhurnal ZH_DB=… node --test tests/e2e/finals.test.mjs
// Общий демо-сервер делят все тесты, поэтому здесь не берутся: первый учитель списка (ZH_TEACHER_LOGIN
// других тестов), последние учителя (их берёт tests/e2e/journal.test.mjs), классы 7В, 8Б, 10Б, 1А (API-тесты
// итоговых отметок, пропусков и отметок). Всё поставленное через интерфейс в конце возвращается через API.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, PASSWORD, DESKTOP, PHONE, useBrowser, open, waitHash } from './browser.mjs';

useBrowser();

const BUSY_CLASSES = new Set(['7В', '8Б', '10Б', '1А']);

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
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
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

let admin, today, lockDays, teachers = [];

before(async () => {
  assert.ok(process.env.ZH_BIN && process.env.ZH_DB, 'нужны ZH_BIN и ZH_DB');
  admin = await apiLogin('admin');
  assert.ok(admin, 'вход администратора');
  const years = await apiAs(admin, 'GET', '/years');
  today = years.body.today;
  lockDays = (await apiAs(admin, 'GET', '/school/settings')).body.lock_days;
  const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', 'teacher', '--format', 'tsv'], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.split('\t')).filter(([l, roles]) => l && roles === 'teacher');
  // без первого (ZH_TEACHER_LOGIN) и без последних 25 (их перебирает journal.test.mjs)
  teachers = rows.slice(1, Math.max(2, rows.length - 25)).filter(([l]) => l !== process.env.ZH_TEACHER_LOGIN)
    .map(([login, , name]) => ({ login, name }));
});

/** Учитель со своим журналом (2–11 класс, не из BUSY_CLASSES), где у ученика есть предлагаемая, но не выставленная
 *  отметка за текущий период: {login, sess, journal, finals, student, period}. */
async function findFinals() {
  for (const t of teachers.slice(0, 15)) {
    const sess = await apiLogin(t.login);
    if (!sess || sess.user.must_change_password) continue;
    const js = await apiAs(sess, 'GET', '/journals');
    if (js.status !== 200) continue;
    for (const j of js.body.items) {
      if (j.grade < 2 || BUSY_CLASSES.has(j.class_name) || !j.can_edit || j.teacher_id == null) continue;
      const f = await apiAs(sess, 'GET', `/finals?group=${j.class_id}&subject=${j.subject_id}${j.subgroup_id ? `&subgroup=${j.subgroup_id}` : ''}`);
      if (f.status !== 200 || !f.body.can_edit || f.body.subject.pass_fail) continue;
      for (const s of f.body.students) {
        const p = s.periods.find((x) => x.period_id === j.period_id);
        if (p && p.suggested != null && !p.mark) return { ...t, sess, journal: j, finals: f.body, student: s, period: p };
      }
    }
  }
  return null;
}

test('администратор открывает учителю закрытую дату на 12 часов', { timeout: 120000 }, async () => {
  // учитель и его урок в закрытую дату, ещё не открытую
  let found = null;
  for (const t of teachers.slice(0, 15)) {
    const sess = await apiLogin(t.login);
    if (!sess || sess.user.must_change_password) continue;
    const me = await apiAs(sess, 'GET', '/me');
    const pid = me.body.person.id;
    const ls = await apiAs(admin, 'GET', `/lessons?teacher=${pid}&from=${addDays(today, -40)}&to=${addDays(today, -(lockDays + 2))}`);
    if (ls.status !== 200) continue;
    const lesson = ls.body.items.find((l) => l.status === 'planned' && !BUSY_CLASSES.has(l.class_name) && l.teacher_id === pid);
    if (!lesson) continue;
    const q = await apiAs(sess, 'POST', '/journal/unlocks', { date: lesson.date, lesson_id: lesson.id, reason: 'Исправить отметку (браузерный тест)' });
    if (q.status !== 201) continue;
    found = { ...t, sess, lesson, request: q.body };
    break;
  }
  assert.ok(found, 'нужен учитель с уроком в закрытую дату');
  const { context, page, problems } = await open(DESKTOP);
  try {
    await loginAs(page, 'admin');
    await page.locator('#sections a[data-section="unlocks"]').click();
    await waitHash(page, /^#\/unlocks/);
    await page.getByRole('heading', { level: 1, name: 'Открытие дат журнала' }).waitFor();
    const item = page.locator(`#unl-list li[data-id="${found.request.id}"]`);
    await item.waitFor();
    const dmy = `${found.lesson.date.slice(8, 10)}.${found.lesson.date.slice(5, 7)}.${found.lesson.date.slice(0, 4)}`;
    await item.getByText(`Дата: ${dmy}`).waitFor();
    await item.getByText('Исправить отметку (браузерный тест)').waitFor();
    await item.getByText(`${found.lesson.lesson_number}-й урок, ${found.lesson.class_name}, ${found.lesson.subject}`).waitFor();
    assert.ok((await item.textContent()).includes(found.name.split(' ')[0]), 'в запросе — фамилия учителя');
    await item.getByRole('button', { name: 'Открыть на 12 часов' }).click();
    const badge = item.locator('.unl-open');
    await badge.waitFor();
    assert.match(await badge.textContent(), /^Открыто до \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);

    // сервер подтверждает: запрос одобрен на 12 часов
    const all = await apiAs(admin, 'GET', '/journal/unlocks?status=granted&limit=500');
    const u = all.body.items.find((x) => x.id === found.request.id);
    assert.ok(u && u.open, 'запрос одобрен и дата открыта');
    assert.equal(u.expires_at - u.decided_at, 43200);

    // фильтр «Открытые» показывает этот запрос с тем же сроком
    await page.locator('#unl-status').selectOption('granted');
    await page.locator(`#unl-list li[data-id="${found.request.id}"] .unl-open`).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('учитель выставляет предлагаемую отметку за период, сохраняет и видит её после перезагрузки', { timeout: 180000 }, async () => {
  const f = await findFinals();
  assert.ok(f, 'нужен учитель с журналом, где есть предлагаемая отметка за период без выставленной');
  const { journal: j, student, period } = f;
  const { context, page, problems } = await open(DESKTOP);
  let saved = false;
  try {
    await loginAs(page, f.login);
    await page.locator('#sections a[data-section="finals"]').click();
    await waitHash(page, /^#\/finals/);
    await page.getByRole('heading', { level: 1, name: 'Итоговые отметки' }).waitFor();
    await page.locator('#fin-class').selectOption(String(j.class_id));
    await page.locator('#fin-subject').selectOption(`${j.subject_id}:${j.subgroup_id || 0}`);
    const sel = `#fin-table input[data-student="${student.id}"][data-kind="period"][data-period="${j.period_id}"]`;
    const input = page.locator(sel);
    await input.waitFor();
    assert.equal(await input.inputValue(), '');
    assert.equal(await input.getAttribute('placeholder'), String(period.suggested), 'предлагаемая отметка — подсказкой');

    // «Подставить предлагаемые» заполняет пустые ячейки, но ничего не сохраняет
    await page.locator('#fin-fill').click();
    assert.equal(await input.inputValue(), String(period.suggested));
    await page.locator('#fin-msg').getByText(/^Подставлено \d+/).waitFor();
    await page.reload(); // адрес помнит класс и предмет
    await page.locator(sel).waitFor();
    assert.equal(await page.locator(sel).inputValue(), '', 'подставленное без «Сохранить» не сохраняется');

    // ошибка ввода показывается у ячейки и ничего не сохраняется
    await input.fill('9');
    await page.locator('#fin-save').click();
    await page.locator(`${sel}[aria-invalid="true"]`).waitFor();
    assert.match(await page.locator('#fin-msg').textContent(), /ошибк/);

    await input.fill(String(period.suggested));
    await page.locator('#fin-save').click();
    await page.locator('#fin-msg').getByText('Отметки сохранены.').waitFor();
    saved = true;
    await page.reload();
    await page.locator(sel).waitFor();
    assert.equal(await page.locator(sel).inputValue(), String(period.suggested), 'после перезагрузки отметка на месте');

    const back = await apiAs(f.sess, 'GET', `/finals?group=${j.class_id}&subject=${j.subject_id}${j.subgroup_id ? `&subgroup=${j.subgroup_id}` : ''}`);
    const p = back.body.students.find((s) => s.id === student.id).periods.find((x) => x.period_id === j.period_id);
    assert.equal(p.mark && p.mark.value, period.suggested);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    if (saved) {
      const d = await apiAs(f.sess, 'PUT', '/finals', { class_id: j.class_id, subject_id: j.subject_id,
        marks: [{ student_id: student.id, kind: 'period', period_id: j.period_id, delete: true }] });
      assert.equal(d.status, 200, 'отметка удалена после теста');
    }
  }
});

test('классный руководитель ставит УП за пропуски дня и видит её после перезагрузки (360 px)', { timeout: 180000 }, async () => {
  const classes = (await apiAs(admin, 'GET', '/classes?limit=500')).body.items;
  const byName = new Map(teachers.map((t) => [t.name, t]));
  let found = null;
  for (const c of classes) {
    if (c.grade < 2 || BUSY_CLASSES.has(c.name) || c.year_closed || !c.class_teacher || !byName.has(c.class_teacher.name)) continue;
    for (let i = 1; i <= 14 && !found; i++) {
      const date = addDays(today, -i);
      const day = await apiAs(admin, 'GET', `/absences/day?class=${c.id}&date=${date}`);
      if (day.status !== 200) continue;
      for (const s of day.body.students) {
        const miss = s.entries.filter((e) => e.code !== 'О');
        if (miss.length && miss.every((e) => e.reason == null) && s.entries.every((e) => e.code !== 'О' || e.reason == null)) {
          found = { cls: c, date, student: s, teacher: byName.get(c.class_teacher.name) };
          break;
        }
      }
    }
    if (found) break;
  }
  assert.ok(found, 'нужен день с пропуском без причины в классе, руководитель которого — обычный учитель');
  const { cls, date, student, teacher } = found;
  const { context, page, problems } = await open(PHONE);
  let saved = false;
  try {
    await loginAs(page, teacher.login);
    await page.locator('#sections a[data-section="absences"]').click();
    await waitHash(page, /^#\/absences/);
    await page.getByRole('heading', { level: 1, name: 'Пропуски за день' }).waitFor();
    assert.equal(await page.locator('#abs-class').inputValue(), String(cls.id), 'свой класс выбран сразу');
    await page.locator('#abs-day').waitFor();
    // к нужному дню: дата в поле, затем стрелки «назад» и «вперёд»
    await page.locator('#abs-date').fill(addDays(date, 1));
    await page.locator('#abs-prev').click();
    await page.locator('#abs-next').click();
    await page.locator('#abs-prev').click();
    const dmy = `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
    await page.locator('#abs-day', { hasText: dmy }).waitFor();
    const row = page.locator(`#abs-table tr[data-student="${student.id}"]`);
    await row.waitFor();
    const select = row.locator('select');
    assert.equal(await select.inputValue(), '', 'причина ещё не указана');
    await select.selectOption('УП');
    await row.locator('.abs-status', { hasText: 'Сохранено' }).waitFor();
    saved = true;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `страница не шире экрана 360 px (лишние ${overflow} px)`);

    await page.reload();
    const row2 = page.locator(`#abs-table tr[data-student="${student.id}"]`);
    await row2.waitFor();
    assert.equal(await row2.locator('select').inputValue(), 'УП', 'после перезагрузки причина на месте');
    assert.ok((await row2.locator('.abs-r').allTextContents()).every((t) => t === 'УП'));

    const back = await apiAs(admin, 'GET', `/absences/day?class=${cls.id}&date=${date}`);
    const s = back.body.students.find((x) => x.id === student.id);
    assert.ok(s.entries.filter((e) => e.code !== 'О').every((e) => e.reason === 'УП'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    if (saved) {
      const sess = await apiLogin(teacher.login);
      const r = await apiAs(sess, 'PUT', '/absences/reasons', { class_id: cls.id, student_id: student.id, date, reason: null });
      assert.equal(r.status, 200, 'причина снята после теста');
    }
  }
});

test('история итоговой отметки: «дата время — кто: было → стало» по правой кнопке мыши, Alt+щелчку и кнопке', { timeout: 180000 }, async () => {
  // экзаменационная отметка ученику, у которого её нет (другие тесты файла её не трогают)
  let f = null;
  for (const t of teachers.slice(0, 15)) {
    const sess = await apiLogin(t.login);
    if (!sess || sess.user.must_change_password) continue;
    const js = await apiAs(sess, 'GET', '/journals');
    if (js.status !== 200) continue;
    for (const j of js.body.items) {
      if (j.grade < 2 || BUSY_CLASSES.has(j.class_name) || !j.can_edit || j.teacher_id == null) continue;
      const fin = await apiAs(sess, 'GET', `/finals?group=${j.class_id}&subject=${j.subject_id}${j.subgroup_id ? `&subgroup=${j.subgroup_id}` : ''}`);
      if (fin.status !== 200 || !fin.body.can_edit || fin.body.subject.pass_fail) continue;
      const student = fin.body.students.find((s) => !s.exam.mark);
      if (student) { f = { ...t, sess, journal: j, finals: fin.body, student }; break; }
    }
    if (f) break;
  }
  assert.ok(f, 'нужен учитель с журналом, где у ученика нет экзаменационной отметки');
  const { journal: j, student, finals } = f;
  const hi = finals.settings.mark_max;
  const lo = hi - 1;
  const put = (item) => apiAs(f.sess, 'PUT', '/finals', { class_id: j.class_id, subject_id: j.subject_id, marks: [{ student_id: student.id, kind: 'exam', ...item }] });
  const { context, page, problems } = await open(DESKTOP);
  let set = false;
  try {
    const r = await put({ value: lo });
    assert.equal(r.status, 200, `экзаменационная отметка выставлена: ${JSON.stringify(r.body)}`);
    set = true;

    await loginAs(page, f.login);
    await page.locator('#sections a[data-section="finals"]').click();
    await waitHash(page, /^#\/finals/);
    await page.locator('#fin-class').selectOption(String(j.class_id));
    await page.locator('#fin-subject').selectOption(`${j.subject_id}:${j.subgroup_id || 0}`);
    const sel = `#fin-table input[data-student="${student.id}"][data-kind="exam"]`;
    const input = page.locator(sel);
    await input.waitFor();
    assert.equal(await input.inputValue(), String(lo));

    // изменение через страницу — вторая запись истории
    await input.fill(String(hi));
    await page.locator('#fin-save').click();
    await page.locator('#fin-msg').getByText('Отметки сохранены.').waitFor();

    const who = f.name;
    const line = (from, to) => new RegExp(`^\\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d — ${who}: ${from} → ${to}$`);
    const check = async () => {
      const dlg = page.locator('#fin-history-dlg');
      await dlg.waitFor();
      await dlg.getByRole('heading', { name: `История: ${student.name}, экзамен` }).waitFor();
      await dlg.locator('.fin-hist-item').nth(1).waitFor();
      const items = (await dlg.locator('.fin-hist-item').allTextContents()).map((x) => x.trim());
      assert.equal(items.length, 2, `две записи: ${JSON.stringify(items)}`);
      assert.ok(items.some((x) => line('—', lo).test(x)), `запись «— → ${lo}»: ${JSON.stringify(items)}`);
      assert.ok(items.some((x) => line(lo, hi).test(x)), `запись «${lo} → ${hi}»: ${JSON.stringify(items)}`);
      await dlg.getByRole('button', { name: 'Закрыть' }).click();
      await dlg.waitFor({ state: 'detached' });
    };
    // правая кнопка мыши по ячейке с отметкой
    await page.locator(sel).click({ button: 'right' });
    await check();
    // Alt+щелчок
    await page.locator(sel).click({ modifiers: ['Alt'] });
    await check();
    // кнопка «История отметки» для выбранной ячейки; у ячейки без отметки она недоступна
    const empty = page.locator(`#fin-table input[data-student="${student.id}"][data-kind="final"]`);
    if (!(await empty.inputValue())) {
      await empty.focus();
      assert.equal(await page.locator('#fin-history').isDisabled(), true, 'для пустой ячейки истории нет');
    }
    await page.locator(sel).focus();
    await page.locator('#fin-history').click();
    await check();

    // сервер отдаёт ту же историю
    const back = await apiAs(f.sess, 'GET', `/finals?group=${j.class_id}&subject=${j.subject_id}${j.subgroup_id ? `&subgroup=${j.subgroup_id}` : ''}`);
    const mark = back.body.students.find((s) => s.id === student.id).exam.mark;
    const hist = await apiAs(f.sess, 'GET', `/finals/${mark.id}/history`);
    assert.equal(hist.status, 200);
    assert.equal(hist.body.items.length, 2);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    if (set) {
      const d = await put({ delete: true });
      assert.equal(d.status, 200, 'экзаменационная отметка удалена после теста');
    }
  }
});
