// Еженедельная распечатка для родителей, отказавшихся от электронного дневника (seed 001 §3.3.4,
// §7.2; M-11, срез ALERTS). Класс 8А; текст PDF проверяется через pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, loginOnce, assertError, assertStatus, listUsers, BASE } from './helpers.mjs';

const CLASS = '8А';
const HW = 'Упражнение 777 для распечатки';
let admin, ct, otherCt, classId, students, today, target, markLesson, asg, hwLesson, oldHw;

const auth = (s) => ({ token: s.token });
const get = (s, p) => api('GET', p, auth(s));
const put = (s, p, body) => api('PUT', p, { ...auth(s), body });
const post = (s, p, body) => api('POST', p, { ...auth(s), body });
const addDays = (d, n) => { const x = new Date(`${d}T00:00:00Z`); x.setUTCDate(x.getUTCDate() + n); return x.toISOString().slice(0, 10); };
const monday = (d) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
const ddmm = (d) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;

async function pdf(s, query) {
  const res = await fetch(`${BASE}/api/v1/printouts/week?${query}`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(res.status, 200, `распечатка: ${res.status}`);
  assert.match(res.headers.get('content-type'), /^application\/pdf/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-print-'));
  const file = path.join(dir, 'w.pdf');
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  fs.rmSync(dir, { recursive: true });
  return pages;
}

before(async () => {
  admin = await loginOnce('admin');
  const cls = (await get(admin, '/api/v1/classes')).json.items;
  classId = cls.find((c) => c.name === CLASS).id;
  const teachers = listUsers('teacher');
  const card = (await get(admin, `/api/v1/classes/${classId}`)).json;
  ct = await loginOnce(teachers.find((u) => u.fullName === card.class_teacher.name).login);
  const other = (await get(admin, `/api/v1/classes/${cls.find((c) => c.name === '8Б').id}`)).json;
  otherCt = await loginOnce(teachers.find((u) => u.fullName === other.class_teacher.name).login);
  students = (await get(admin, `/api/v1/classes/${classId}/students`)).json.items;
  target = students[students.length - 1];
  const probe = await get(admin, `/api/v1/lessons?class=${classId}&from=2026-09-01&to=2026-09-30`);
  today = (await get(admin, `/api/v1/journal/lessons/${probe.json.items[0].id}`)).json.today;

  // прошлая неделя: свежее задание с отметкой 5; следующая за ней (текущая) — домашнее задание
  const week = monday(addDays(today, -7));
  const ls = (await get(admin, `/api/v1/lessons?class=${classId}&from=${week}&to=${addDays(week, 13)}`)).json.items
    .filter((l) => l.status === 'planned' && !l.subgroup_id);
  markLesson = ls.find((l) => l.date < addDays(week, 7));
  hwLesson = ls.find((l) => l.date >= addDays(week, 7));
  assert.ok(markLesson && hwLesson, 'нужны уроки 8А на двух неделях');
  const a = await post(admin, `/api/v1/lessons/${markLesson.id}/assignments`, { work_type_id: 1, description: 'для распечатки' });
  assert.ok([200, 201].includes(a.status), a.text);
  asg = a.json.id;
  assertStatus(await put(admin, `/api/v1/lessons/${markLesson.id}/marks`, { marks: [{ student_id: target.id, assignment_id: asg, value: 5 }] }), 200);
  oldHw = hwLesson.homework || '';
  assertStatus(await put(admin, `/api/v1/lessons/${hwLesson.id}/content`, { homework: HW }), 200);
});

after(async () => {
  if (asg) {
    await put(admin, `/api/v1/lessons/${markLesson.id}/marks`, { marks: [{ student_id: target.id, assignment_id: asg, delete: true }] });
    await api('DELETE', `/api/v1/assignments/${asg}`, auth(admin));
  }
  if (hwLesson) await put(admin, `/api/v1/lessons/${hwLesson.id}/content`, { homework: oldHw });
  if (target) await put(ct, '/api/v1/printouts/paper-diary', { student_id: target.id, declined: false });
});

test('отказ от электронного дневника отмечает классный руководитель своего класса', async () => {
  const r = await put(ct, '/api/v1/printouts/paper-diary', { student_id: target.id, declined: true, note: 'заявление родителей' });
  assertStatus(r, 200);
  assert.equal(r.json.declined, true);
  const list = await get(ct, `/api/v1/printouts/paper-diary?class=${classId}`);
  assertStatus(list, 200);
  assert.ok(list.json.items.find((s) => s.id === target.id).declined);
  assertError(await put(otherCt, '/api/v1/printouts/paper-diary', { student_id: target.id, declined: true }), 403);
  assertError(await put(ct, '/api/v1/printouts/paper-diary', { student_id: target.id }), 400, undefined, 'declined');
});

test('распечатка класса: страница на ученика с отметкой, посещаемостью, заданием и подписями', async () => {
  await put(ct, '/api/v1/printouts/paper-diary', { student_id: target.id, declined: true });
  const declined = (await get(ct, `/api/v1/printouts/paper-diary?class=${classId}`)).json.items.filter((s) => s.declined);
  const week = monday(addDays(today, -7));
  const pages = await pdf(ct, `class=${classId}&week=${addDays(week, 2)}`);
  assert.equal(pages.length, declined.length, 'по странице на каждого отказавшегося');
  const page = pages.find((p) => p.includes(target.full_name));
  assert.ok(page, 'страница ученика');
  assert.match(page, new RegExp(`${markLesson.subject}: .*5 \\(${ddmm(markLesson.date)}`), 'отметка с датой');
  assert.ok(page.includes(HW), 'домашнее задание следующей недели');
  assert.ok(page.includes('Посещаемость'));
  assert.ok(page.includes('Классный руководитель'));
  assert.ok(/Подпись родителя/.test(page));
  for (const other of pages.filter((p) => p !== page)) assert.ok(!other.includes(HW + 'x') && !other.includes(target.full_name));

  const all = await pdf(ct, `class=${classId}&week=${week}&all=1`);
  assert.equal(all.length, students.length, 'all=1: каждый ученик на своей странице');
  students.forEach((s, i) => assert.ok(all[i].includes(s.full_name), `страница ${i + 1}: ${s.full_name}`));
});

test('права на распечатку', async () => {
  assertError(await get(otherCt, `/api/v1/printouts/week?class=${classId}`), 403);
  const parent = listUsers('parent')[0];
  assertError(await get(await loginOnce(parent.login), `/api/v1/printouts/week?class=${classId}`), 403);
  assertError(await get(ct, `/api/v1/printouts/week?class=${classId}&week=2026-02-30`), 400, 'invalid_date', 'week');
  assertError(await get(ct, '/api/v1/printouts/week'), 400, 'missing_field', 'class');
  const head = await loginOnce('head');
  const r = await fetch(`${BASE}/api/v1/printouts/week?class=${classId}&all=1`, { headers: { Authorization: `Bearer ${head.token}` } });
  assert.equal(r.status, 200, 'завуч — любой класс');
});
