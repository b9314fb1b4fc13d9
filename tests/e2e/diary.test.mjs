// Браузерный тест дневника (M-10) на экране телефона 360×740: родитель двоих детей входит, открывает
// «Дневник», переключается на другого ребёнка, листает недели стрелками и «Сегодня», видит на нужном дне
// и уроке отметку, которую учитель этого урока поставил через API журнала на новое задание (вес 2, с
// комментарием), открывает подробности отметки, затем «Отметки» — средний балл предмета как в API.
// Горизонтальной прокрутки страницы нет, ошибок JS и CSP нет. В конце отметка и задание удаляются.
// Запуск: ZH_BASE_URL=… ZH_DEMO_PASSWORD=… ZH_TEACHER_LOGIN=… ZH_BIN=build/zhurnal ZH_DB=… node --test tests/e2e/diary.test.mjs
// Родитель выбирается с конца списка родителей (другие браузерные тесты родителей демо-школы не используют).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, PASSWORD, PHONE, useBrowser, open, waitHash } from './browser.mjs';

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

function users(role) {
  assert.ok(process.env.ZH_BIN && process.env.ZH_DB, 'нужны ZH_BIN и ZH_DB');
  const out = execFileSync(process.env.ZH_BIN, ['user', 'list', '--db', process.env.ZH_DB, '--role', role, '--format', 'tsv'], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => l.split('\t')).filter((c) => c[0]);
}

const fmtAverage = (v) => (v == null ? '—' : Number(v).toFixed(2).replace('.', ','));
const grade = (cls) => parseInt(String(cls && (cls.name ?? cls)), 10) || 0;

/** Учитель урока: по полному имени из списка учителей; проверяем, что он может править этот урок. */
async function teacherFor(lesson, teachers, studentId) {
  const name = lesson.teacher && lesson.teacher.name;
  if (!name) return null;
  for (const [login, roles, full] of teachers) {
    if (full !== name || !/\bteacher\b/.test(roles || '') || login === process.env.ZH_TEACHER_LOGIN) continue;
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const j = await apiAs(sess, 'GET', `/journal/lessons/${lesson.id}`);
    if (j.status !== 200) continue;
    const g = j.body;
    const l = (g.lessons || []).find((x) => x.id === lesson.id);
    if (!g.can_edit || g.no_marks || g.year_closed || (g.subject && g.subject.pass_fail) || !l || !l.editable || l.locked) continue;
    if (!(g.students || []).some((s) => s.id === studentId) || !(g.work_types || []).length) continue;
    if (g.marks.some((m) => m.lesson_id === lesson.id && m.student_id === studentId)) continue;
    return { login, sess, grid: g };
  }
  return null;
}

/** Родитель с двумя и более детьми и прошедший урок другого ребёнка на этой неделе, который учитель может править. */
async function findCase() {
  const teachers = users('teacher');
  const parents = users('parent').filter((c) => (c[4] || '').split(',').filter(Boolean).length >= 2).reverse();
  for (const [login] of parents.slice(0, 30)) {
    const sess = await apiLogin(login);
    if (!sess || sess.user.must_change_password) continue;
    const list = await apiAs(sess, 'GET', '/diary/students');
    if (list.status !== 200 || list.body.items.length < 2) continue;
    const items = list.body.items;
    const first = items.find((x) => x.current) || items[0];
    for (const child of items.filter((x) => x.id !== first.id && grade(x.class) >= 2)) {
      const week = await apiAs(sess, 'GET', `/diary?student=${child.id}`);
      if (week.status !== 200) continue;
      const today = week.body.today;
      const lessons = week.body.days.flatMap((d) => d.lessons.map((l) => ({ ...l, date: d.date })))
        .filter((l) => l.date <= today && l.status !== 'cancelled' && l.topic && !l.substitute)
        .reverse();
      for (const lesson of lessons.slice(0, 8)) {
        const t = await teacherFor(lesson, teachers, child.id);
        if (t) return { login, parentSess: sess, child, lesson, week: week.body, teacher: t };
      }
    }
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

const noOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('родитель на телефоне переключает ребёнка, видит отметку учителя на своём уроке и средний балл', { timeout: 180000 }, async () => {
  const found = await findCase();
  assert.ok(found, 'в демо-школе должен быть родитель двоих детей с прошедшим открытым уроком с темой у одного из них');
  const { login, child, lesson, parentSess, teacher } = found;
  const g = teacher.grid;
  const value = Math.max(g.settings.mark_min, g.settings.mark_max - 1);
  const workType = g.work_types[g.work_types.length - 1];
  const comment = 'Проверка дневника: молодец, но есть ошибки';

  // Учитель добавляет задание (вес 2) и ставит отметку с комментарием.
  const asg = await apiAs(teacher.sess, 'POST', `/lessons/${lesson.id}/assignments`, { work_type_id: workType.id, weight: 2, description: 'Задание для проверки дневника' });
  assert.equal(asg.status, 201, `задание создаётся: ${JSON.stringify(asg.body)}`);
  let markSaved = false;
  const { context, page, problems } = await open(PHONE);
  try {
    const put = await apiAs(teacher.sess, 'PUT', `/lessons/${lesson.id}/marks`, {
      marks: [{ student_id: child.id, assignment_id: asg.body.id, value, comment }],
    });
    assert.equal(put.status, 200, `отметка ставится: ${JSON.stringify(put.body)}`);
    markSaved = true;
    const mark = put.body.marks.find((m) => m.student_id === child.id && m.assignment_id === asg.body.id);
    assert.ok(mark, 'сервер вернул поставленную отметку');

    await loginAs(page, login);
    await page.locator('#sections a[data-section="diary"]').click();
    await waitHash(page, /^#\/diary/);
    await page.getByRole('heading', { level: 1, name: 'Дневник' }).waitFor();
    await page.locator('#dy-days').waitFor();
    assert.ok(await noOverflow(page), 'нет горизонтальной прокрутки (неделя первого ребёнка)');

    // Переключение ребёнка: кнопка нажата, адрес помнит выбор, подпись — имя ребёнка.
    const btn = page.locator(`#dy-switch [data-student="${child.id}"]`);
    await btn.click();
    await page.locator(`#dy-switch [data-student="${child.id}"][aria-pressed="true"]`).waitFor();
    await waitHash(page, new RegExp(`student=${child.id}(&|$)`));
    await page.locator('#dy-who', { hasText: child.full_name || child.name }).waitFor();

    // Стрелка назад — другая неделя в адресе; «Сегодня» — обратно к текущей.
    const range = await page.locator('#dy-range').textContent();
    await page.locator('#dy-prev').click();
    await waitHash(page, new RegExp(`week=${found.week.week.prev}`));
    await page.waitForFunction((r) => { const el = document.getElementById('dy-range'); return el && el.textContent !== r; }, range);
    await page.locator('#dy-today').click();
    await page.locator('#dy-range', { hasText: range }).waitFor();
    assert.ok(!/week=/.test(new URL(page.url()).hash), 'текущая неделя — без week в адресе');

    // Отметка на нужном дне и уроке: значение, вид работы, вес; по нажатию — подробности и комментарий.
    const lessonEl = page.locator(`#dy-days .dy-day[data-date="${lesson.date}"] li.dy-lesson[data-lesson="${lesson.id}"]`);
    await lessonEl.waitFor();
    assert.match(await lessonEl.locator('.dy-subject').textContent(), new RegExp(lesson.subject.name));
    const chip = lessonEl.locator(`button.dy-mark[data-assignment="${asg.body.id}"]`);
    await chip.waitFor();
    assert.equal((await chip.locator('.dy-mark-value').textContent()).trim(), String(value));
    assert.equal((await chip.locator('.dy-mark-weight').textContent()).trim(), '×2');
    assert.match(await chip.getAttribute('class'), new RegExp(`\\bmk-${value >= 5 ? 5 : value <= 2 ? 2 : value}\\b`));
    assert.match(await chip.getAttribute('aria-label'), new RegExp(`отметка ${value}, ${workType.name}`));
    const box = await chip.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, 'отметка — крупная цель для пальца');
    await chip.click();
    assert.equal(await chip.getAttribute('aria-expanded'), 'true');
    const detail = lessonEl.locator('.dy-mark-detail');
    await detail.getByText(comment).waitFor();
    await detail.getByText(workType.name).waitFor();
    assert.ok(await noOverflow(page), 'нет горизонтальной прокрутки (неделя)');

    // «Отметки»: средний балл предмета — как считает сервер; новая отметка в списке.
    const marksApi = await apiAs(parentSess, 'GET', `/diary/marks?student=${child.id}`);
    assert.equal(marksApi.status, 200);
    const subj = marksApi.body.subjects.find((s) => s.subject.id === lesson.subject.id);
    assert.ok(subj && subj.marks.some((m) => m.id === mark.id), 'сервер отдаёт новую отметку в отметках по предмету');
    await page.getByRole('tab', { name: 'Отметки' }).click();
    await waitHash(page, /tab=marks/);
    const card = page.locator(`#dy-subjects li.dy-subject-card[data-subject="${lesson.subject.id}"]`);
    await card.waitFor();
    assert.equal((await card.locator('.dy-avg-value').textContent()).trim(), fmtAverage(subj.average));
    await card.locator(`[data-mark="${mark.id}"]`).waitFor();
    assert.ok(await noOverflow(page), 'нет горизонтальной прокрутки (отметки)');

    // Перезагрузка сохраняет ребёнка и вкладку (они в адресе).
    await page.reload();
    await page.locator(`#dy-switch [data-student="${child.id}"][aria-pressed="true"]`).waitFor();
    await page.locator(`#dy-subjects li.dy-subject-card[data-subject="${lesson.subject.id}"]`).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    if (markSaved) {
      const r = await apiAs(teacher.sess, 'PUT', `/lessons/${lesson.id}/marks`, { marks: [{ student_id: child.id, assignment_id: asg.body.id, delete: true }] });
      assert.equal(r.status, 200, `отметка удаляется: ${JSON.stringify(r.body)}`);
    }
    const d = await apiAs(teacher.sess, 'DELETE', `/assignments/${asg.body.id}`);
    assert.equal(d.status, 200, `задание удаляется: ${JSON.stringify(d.body)}`);
    await context.close();
  }
});
