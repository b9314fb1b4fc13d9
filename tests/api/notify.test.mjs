// Уведомления (M-11): одна точка входа, идемпотентность, настройки, объявления, непрочитанные.
// Доставка по e-mail/SMS через поддельные серверы — в notify-delivery.test.mjs.
// Классы этого файла: 6В (отметки, пропуски, домашнее задание), 3В (объявления).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { execFileSync } from 'node:child_process';
import { api, assertError, assertStatus, listUsers, loginOnce, DB } from './helpers.mjs';

const auth = (s) => ({ token: s.token });
const get = (s, p) => api('GET', p, auth(s));
const put = (s, p, body) => api('PUT', p, { ...auth(s), body });
const post = (s, p, body) => api('POST', p, { ...auth(s), body });

let admin, cls6, cls3, lesson, students, parentA, parentOther, studentA, pupilA, familyA;

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// The journal's events become notifications in a background thread (src/domain/notify.c): wait
// until its queue is empty before reading what people were told.
async function settled() {
  for (let i = 0; i < 100; i++) {
    const left = Number(execFileSync('sqlite3', [DB, 'SELECT count(*) FROM notify_queue']).toString().trim());
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('очередь событий журнала не разобрана за 5 с');
}

async function mine(s, kind) {
  await settled();
  const r = await get(s, '/api/v1/notifications?limit=500');
  assertStatus(r, 200);
  return r.json.items.filter((n) => !kind || n.kind === kind);
}

before(async () => {
  admin = await loginOnce('admin');
  const cls = await get(admin, '/api/v1/classes');
  cls6 = cls.json.items.find((c) => c.name === '6В');
  cls3 = cls.json.items.find((c) => c.name === '3В');
  const stu = await get(admin, `/api/v1/classes/${cls6.id}/students`);
  students = stu.json.items;
  const probe = await get(admin, `/api/v1/lessons?class=${cls6.id}&from=2026-09-01&to=2026-09-30`);
  const today = (await get(admin, `/api/v1/journal/lessons/${probe.json.items[0].id}`)).json.today;
  const st = await get(admin, '/api/v1/school/settings');
  const list = await get(admin, `/api/v1/lessons?class=${cls6.id}&from=${addDays(today, -(st.json.lock_days - 1))}&to=${today}`);
  lesson = list.json.items.filter((l) => l.status === 'planned' && !l.subgroup_id).at(-1);
  assert.ok(lesson, 'нужен открытый урок 6В');
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/content`, { topic: 'Тема для уведомлений' }), 200);

  // семья ученика 6В и родитель из другого класса
  const parents = listUsers('parent');
  const pupils = listUsers('student').filter((u) => u.className === '6В');
  pupilA = pupils.find((p) => parents.some((x) => x.children.includes(p.login)));
  familyA = parents.filter((x) => x.children.includes(pupilA.login));
  assert.ok(familyA.length, `родитель ученика ${pupilA.fullName}`);
  parentA = await loginOnce(familyA[0].login);
  studentA = await loginOnce(pupilA.login);
  const in6 = new Set(pupils.map((p) => p.login));
  const in3 = new Set(listUsers('student').filter((u) => u.className === '3В').map((p) => p.login));
  const otherParent = parents.find((x) => x.children.length && !x.children.some((ch) => in6.has(ch) || in3.has(ch)));
  parentOther = await loginOnce(otherParent.login);
});

const studentId = () => students.find((s) => (s.full_name || [s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' ')) === pupilA.fullName)?.id;

test('отметка: одно уведомление на событие; повтор — ничего; изменение — правка, а не новое', async () => {
  const sid = studentId();
  assert.ok(sid, 'person_id ученика');
  const before1 = (await mine(parentA, 'mark')).filter((n) => n.entity_id === lesson.id);
  const r1 = await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { marks: [{ student_id: sid, value: 4 }] });
  assertStatus(r1, 200);
  const after1 = (await mine(parentA, 'mark')).filter((n) => n.entity_id === lesson.id);
  // новое или (повторный прогон в пределах 10 минут) переписанное прежнее — но не больше одного
  assert.ok(after1.length >= 1 && after1.length <= before1.length + 1, 'родителю — одно уведомление');
  assert.match(after1[0].title, /: 4 /);
  const stu = (await mine(studentA, 'mark')).filter((n) => n.entity_id === lesson.id);
  assert.ok(stu.some((n) => n.id !== after1[0].id && /4/.test(n.title)), 'ученику — своё уведомление');

  // то же сохранение ещё раз: ни одного нового
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { marks: [{ student_id: sid, value: 4 }] }), 200);
  assert.equal((await mine(parentA, 'mark')).filter((n) => n.entity_id === lesson.id).length, after1.length);

  // исправление в течение 10 минут: то же уведомление переписано
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { marks: [{ student_id: sid, value: 5 }] }), 200);
  const after2 = (await mine(parentA, 'mark')).filter((n) => n.entity_id === lesson.id);
  assert.equal(after2.length, after1.length, 'правка, а не новое уведомление');
  assert.equal(after2[0].id, after1[0].id);
  assert.match(after2[0].title, /: 5 /);
  assert.equal(after2[0].read, false);

  // родитель другой семьи ничего не получил
  assert.equal((await mine(parentOther)).filter((n) => n.entity_id === lesson.id && (n.kind === 'mark' || n.kind === 'absence')).length, 0);
});

test('пропуск и домашнее задание: уведомления ученику, родителям, классу', async () => {
  const sid = studentId();
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { attendance: [{ student_id: sid, code: 'Н' }] }), 200);
  const abs = (await mine(parentA, 'absence')).filter((n) => n.entity_id === lesson.id);
  assert.equal(abs.length, 1);
  assert.match(abs[0].title, /пропуск/);
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { attendance: [{ student_id: sid, code: 'Н' }] }), 200);
  assert.equal((await mine(parentA, 'absence')).filter((n) => n.entity_id === lesson.id).length, 1);
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/marks`, { attendance: [{ student_id: sid, code: null }] }), 200);

  const hw = `Параграф ${Date.now() % 1000}, упражнения 1–3`;
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/content`, { homework: hw }), 200);
  const got = (await mine(studentA, 'homework')).filter((n) => n.entity_id === lesson.id);
  assert.equal(got[0].body, hw);
  assert.ok((await mine(parentA, 'homework')).some((n) => n.entity_id === lesson.id && n.body === hw));
  assert.ok(!(await mine(parentOther, 'homework')).some((n) => n.entity_id === lesson.id));
  // только тема: о домашнем задании не сообщается заново
  const n1 = (await mine(studentA, 'homework')).length;
  assertStatus(await put(admin, `/api/v1/lessons/${lesson.id}/content`, { topic: 'Другая тема' }), 200);
  assert.equal((await mine(studentA, 'homework')).length, n1);
});

test('непрочитанные: число и отметка о прочтении', async () => {
  const u = await get(parentA, '/api/v1/notifications/unread');
  assertStatus(u, 200);
  const list = await get(parentA, '/api/v1/notifications?limit=1');
  assert.equal(u.json.unread, list.json.unread);
  assert.ok(u.json.unread >= 1);
  assertStatus(await post(parentA, `/api/v1/notifications/${list.json.items[0].id}/read`, {}), 200);
  assert.equal((await get(parentA, '/api/v1/notifications/unread')).json.unread, u.json.unread - 1);
  assertError(await api('GET', '/api/v1/notifications/unread'), 401);
});

test('настройки: вид × канал, тихие часы, адреса из карточки и свои; проверки', async () => {
  const r = await get(parentA, '/api/v1/notifications/preferences');
  assertStatus(r, 200);
  assert.deepEqual(Object.keys(r.json.kinds).sort(), ['absence', 'alert', 'announcement', 'digest', 'event', 'homework', 'mark', 'timetable_change']);
  assert.equal(r.json.kinds.mark.in_app, true);
  assert.equal(r.json.kinds.digest.email, false, 'сводка — только по выбору');
  assert.ok(r.json.card_phone, 'телефон из карточки родителя');
  assert.equal(r.json.effective_phone, r.json.card_phone);

  const u = await put(parentA, '/api/v1/notifications/preferences', {
    kinds: { mark: { email: false, sms: true }, digest: { email: true } },
    quiet_hours: { from: '22:00', to: '07:30' },
    email: 'roditel@example.org',
  });
  assertStatus(u, 200);
  assert.deepEqual(u.json.kinds.mark, { in_app: true, email: false, sms: true });
  assert.equal(u.json.kinds.digest.email, true);
  assert.deepEqual(u.json.quiet_hours, { from: '22:00', to: '07:30' });
  assert.equal(u.json.effective_email, 'roditel@example.org');
  assert.equal(u.json.effective_phone, r.json.card_phone);
  // частичное изменение сохраняет остальное
  const u2 = await put(parentA, '/api/v1/notifications/preferences', { kinds: { mark: { sms: false } } });
  assert.deepEqual(u2.json.kinds.mark, { in_app: true, email: false, sms: false });
  assert.deepEqual(u2.json.quiet_hours, { from: '22:00', to: '07:30' });

  assertError(await put(parentA, '/api/v1/notifications/preferences', { kinds: { spam: { email: true } } }), 400, 'unknown_kind');
  assertError(await put(parentA, '/api/v1/notifications/preferences', { quiet_hours: { from: '25:00', to: '07:00' } }), 400, 'invalid', 'quiet_hours');
  assertError(await put(parentA, '/api/v1/notifications/preferences', { email: 'не почта' }), 400, 'invalid', 'email');
  assertError(await put(parentA, '/api/v1/notifications/preferences', { extra: 1 }), 400);
  // настройки своего человека не видны другим
  const o = await get(parentOther, '/api/v1/notifications/preferences');
  assert.notEqual(o.json.email, 'roditel@example.org');
  // вернуть как было
  assertStatus(await put(parentA, '/api/v1/notifications/preferences', {
    kinds: { mark: { email: true, sms: false }, digest: { email: false } }, quiet_hours: null, email: '',
  }), 200);
});

test('объявления: классу — ученикам, родителям и классному руководителю; другая семья не получает; права', async () => {
  const title = `Родительское собрание 3В ${Date.now()}`;
  const r = await post(admin, '/api/v1/announcements', { title, body: 'В четверг в 18:00, каб. 12', audience: 'class', class_id: cls3.id });
  assertStatus(r, 201);
  assert.ok(r.json.notified > 20);
  const pupils3 = listUsers('student').filter((u) => u.className === '3В');
  const p3 = await loginOnce(pupils3[0].login);
  assert.ok((await mine(p3, 'announcement')).some((n) => n.title === title && n.entity_id === r.json.id));
  assert.ok(!(await mine(parentOther, 'announcement')).some((n) => n.title === title));
  assert.ok(!(await mine(parentA, 'announcement')).some((n) => n.title === title));
  // доска: ученик 3В видит, родитель 6В — нет
  assert.ok((await get(p3, '/api/v1/announcements')).json.items.some((a) => a.id === r.json.id && a.class_name === '3В'));
  assert.ok(!(await get(parentA, '/api/v1/announcements')).json.items.some((a) => a.id === r.json.id));
  assert.ok((await get(admin, '/api/v1/announcements')).json.items.some((a) => a.id === r.json.id));

  assertError(await post(parentA, '/api/v1/announcements', { title: 'x', audience: 'school' }), 403);
  assertError(await post(admin, '/api/v1/announcements', { title: 'x', audience: 'class' }), 400, 'invalid', 'class_id');
  assertError(await post(admin, '/api/v1/announcements', { title: '', audience: 'school' }), 400);
  assertError(await post(admin, '/api/v1/announcements', { title: 'x', audience: 'class', class_id: 999999 }), 404);
  assertError(await get(parentA, '/api/v1/notifications/deliveries'), 403);
  assertStatus(await get(admin, '/api/v1/notifications/deliveries?view=outbox'), 200);
});
