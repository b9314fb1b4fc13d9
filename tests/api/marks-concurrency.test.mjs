// Одновременные сохранения уроков (групповая фиксация записи, src/store/sqlite/db.c): каждое
// подтверждённое сохранение есть в базе, неверное — отвергнуто и не мешает соседним.
// Данные: прошедшие уроки 6Б по всем предметам (их не трогают другие тесты); администратор не
// связан сроком правки. В конце всё, что поставлено, снимается.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, loginOnce, assertStatus } from './helpers.mjs';

const CLASS = '6Б';
const auth = (s) => ({ token: s.token });

test('24 одновременных сохранения разных уроков: все подтверждённые записаны, неверные отвергнуты', async () => {
  const admin = await loginOnce('admin');
  const cls = (await api('GET', '/api/v1/classes', auth(admin))).json.items.find((c) => c.name === CLASS);
  assert.ok(cls, `класс ${CLASS}`);
  const students = (await api('GET', `/api/v1/classes/${cls.id}/students`, auth(admin))).json.items.map((s) => s.id);
  assert.ok(students.length >= 6);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Samara' });
  const from = new Date(Date.now() - 30 * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Samara' });
  const list = await api('GET', `/api/v1/lessons?class=${cls.id}&from=${from}&to=${today}`, auth(admin));
  assertStatus(list, 200);
  const lessons = list.json.items.filter((l) => l.status === 'planned' && l.topic && !l.subgroup_id && l.date < today).slice(0, 8);
  assert.equal(lessons.length, 8, 'восемь прошедших уроков класса с темой');

  // a fresh assignment per lesson, so the cells are empty before
  const asg = {};
  for (const l of lessons) {
    const a = await api('POST', `/api/v1/lessons/${l.id}/assignments`, { ...auth(admin), body: { work_type_id: 1, description: 'проверка одновременной записи' } });
    assertStatus(a, 201);
    asg[l.id] = a.json.id;
  }
  // three saves per lesson at once, each for another student; every fourth request is invalid
  const jobs = [];
  for (const [i, l] of lessons.entries()) {
    for (let k = 0; k < 3; k++) {
      const bad = (i * 3 + k) % 4 === 3;
      const body = { marks: [{ student_id: students[k], assignment_id: asg[l.id], value: bad ? 9 : 3 + k }] };
      jobs.push(api('PUT', `/api/v1/lessons/${l.id}/marks`, { ...auth(admin), body }).then((r) => ({ l, k, bad, r })));
    }
  }
  const results = await Promise.all(jobs);
  for (const { l, k, bad, r } of results) {
    if (bad) assert.equal(r.status, 422, `урок ${l.id}, ученик ${k}: неверная отметка отвергнута`);
    else assertStatus(r, 200, `урок ${l.id}, ученик ${k}`);
  }
  // what was acknowledged is there, what was refused is not
  for (const l of lessons) {
    const j = await api('GET', `/api/v1/journal/lessons/${l.id}`, auth(admin));
    assertStatus(j, 200);
    for (let k = 0; k < 3; k++) {
      const want = results.find((x) => x.l.id === l.id && x.k === k);
      const m = j.json.marks.find((x) => x.assignment_id === asg[l.id] && x.student_id === students[k]);
      if (want.bad) assert.equal(m, undefined, `урок ${l.id}: отвергнутой отметки нет`);
      else assert.equal(m && m.value, 3 + k, `урок ${l.id}: подтверждённая отметка записана`);
    }
  }
  // clean up
  for (const l of lessons) {
    const del = await api('PUT', `/api/v1/lessons/${l.id}/marks`, { ...auth(admin), body: { marks: [0, 1, 2].map((k) => ({ student_id: students[k], assignment_id: asg[l.id], delete: true })) } });
    assertStatus(del, 200);
    assertStatus(await api('DELETE', `/api/v1/assignments/${asg[l.id]}`, auth(admin)), 200);
  }
});
