// Кэш готовых недель дневника (src/domain/diary_cache.c): повторное открытие недели отвечает тем
// же, а любая запись, которую неделя показывает (отметка, пропуск, тема, задание урока), видна
// при следующем открытии сразу — поколение школы сдвигается в той же транзакции (0016).
// Данные: 4Б, прошедший урок этой или прошлой недели; всё поставленное снимается.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, loginOnce, assertStatus, listUsers } from './helpers.mjs';

const CLASS = '4Б';
const auth = (s) => ({ token: s.token });
const day = (ms) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Europe/Samara' });

test('неделя из кэша: после отметки, пропуска, темы и задания — сразу новая', async () => {
  const admin = await loginOnce('admin');
  const cls = (await api('GET', '/api/v1/classes', auth(admin))).json.items.find((c) => c.name === CLASS);
  assert.ok(cls, `класс ${CLASS}`);
  const pupils = listUsers('student').filter((u) => u.className === CLASS);
  const parents = listUsers('parent');
  const fam = pupils.map((p) => ({ p, parent: parents.find((x) => x.children.includes(p.login)) })).find((x) => x.parent);
  assert.ok(fam, 'ученик 4Б с родителем');
  const parent = await loginOnce(fam.parent.login);
  const student = await loginOnce(fam.p.login);
  const sid = (await api('GET', '/api/v1/me', auth(student))).json.person.id;

  const today = day(Date.now());
  const list = await api('GET', `/api/v1/lessons?class=${cls.id}&from=${day(Date.now() - 7 * 86400000)}&to=${today}`, auth(admin));
  assertStatus(list, 200);
  const lesson = list.json.items.filter((l) => l.status === 'planned' && l.topic && !l.subgroup_id && l.date < today).pop();
  assert.ok(lesson, 'прошедший урок 4Б с темой');
  const url = `/api/v1/diary?student=${sid}&week=${lesson.date}`;
  const lessonIn = (w) => w.days.flatMap((d) => d.lessons).find((l) => l.id === lesson.id);

  const w1 = await api('GET', url, auth(parent));
  assertStatus(w1, 200);
  const again = await api('GET', url, auth(student));
  assertStatus(again, 200);
  assert.equal(again.text, w1.text, 'та же неделя — тот же ответ (ученику и родителю)');

  // a mark on a fresh assignment
  const a = await api('POST', `/api/v1/lessons/${lesson.id}/assignments`, { ...auth(admin), body: { work_type_id: 1, description: 'кэш дневника' } });
  assertStatus(a, 201);
  assertStatus(await api('PUT', `/api/v1/lessons/${lesson.id}/marks`, { ...auth(admin), body: { marks: [{ student_id: sid, assignment_id: a.json.id, value: 5 }], attendance: [{ student_id: sid, code: 'О' }] } }), 200);
  const w2 = (await api('GET', url, auth(parent))).json;
  const l2 = lessonIn(w2);
  assert.equal(l2.assignments.find((x) => x.id === a.json.id)?.mark?.value, 5, 'новая отметка видна сразу');
  assert.equal(l2.attendance?.code, 'О', 'опоздание видно сразу');

  // topic and homework
  const topic = `Тема для проверки кэша ${Date.now() % 100000}`;
  const before = lesson.topic;
  assertStatus(await api('PUT', `/api/v1/lessons/${lesson.id}/content`, { ...auth(admin), body: { topic } }), 200);
  assert.equal(lessonIn((await api('GET', url, auth(parent))).json).topic, topic, 'новая тема видна сразу');

  // clean up, and the week follows
  assertStatus(await api('PUT', `/api/v1/lessons/${lesson.id}/content`, { ...auth(admin), body: { topic: before } }), 200);
  assertStatus(await api('PUT', `/api/v1/lessons/${lesson.id}/marks`, { ...auth(admin), body: { marks: [{ student_id: sid, assignment_id: a.json.id, delete: true }], attendance: [{ student_id: sid, code: null }] } }), 200);
  assertStatus(await api('DELETE', `/api/v1/assignments/${a.json.id}`, auth(admin)), 200);
  const w3 = (await api('GET', url, auth(parent))).json;
  const l3 = lessonIn(w3);
  assert.equal(l3.topic, before);
  assert.equal(l3.assignments.find((x) => x.id === a.json.id), undefined, 'снятое задание исчезло');
  assert.equal(l3.attendance, null);

  // another family's parent still gets 403, cached or not
  const other = parents.find((x) => !x.children.some((c) => pupils.some((p) => p.login === c)));
  const o = await loginOnce(other.login);
  assert.equal((await api('GET', url, auth(o))).status, 403);
});
