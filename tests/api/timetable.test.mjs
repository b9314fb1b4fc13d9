// Расписание звонков и недельное расписание (M-07): конфликты, подгруппы, нагрузка, виды, права, демо.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, loginOnce, findUserForRole, findUserWithOnlyRole, allUsers } from './helpers.mjs';

const headUser = findUserForRole('head');
const adminUser = findUserForRole('admin');
const teacherUser = findUserWithOnlyRole('teacher');
const studentUser = allUsers().find((u) => u.roles.length === 1 && u.roles[0] === 'student' && /^[5-9]/.test(u.className));
const created = [];

async function ctx() {
  const head = await loginOnce(headUser.login);
  const opt = await api('GET', '/api/v1/timetable/options', { token: head.token });
  assertStatus(opt, 200, 'options');
  const o = opt.json;
  const cls = (name) => o.classes.find((c) => c.name === name);
  const q1 = o.periods.find((p) => p.kind === 'quarter' && p.name.startsWith('1'));
  const h1 = o.periods.find((p) => p.kind === 'half' && p.name.startsWith('1'));
  const subj = (name) => o.subjects.find((s) => s.name === name).id;
  return { head, o, cls, q1, h1, subj };
}

async function byClass(token, period, classId) {
  const r = await api('GET', `/api/v1/timetable?period=${period}&class=${classId}`, { token });
  assertStatus(r, 200, 'расписание класса');
  return r.json.items;
}

async function post(token, body) {
  const r = await api('POST', '/api/v1/timetable', { token, body });
  if (r.status === 201) created.push(r.json.id);
  return r;
}

after(async () => {
  if (!headUser) return;
  const head = await loginOnce(headUser.login);
  for (const id of created) await api('DELETE', `/api/v1/timetable/${id}`, { token: head.token });
});

test('расписание звонков: 8 уроков демо; проверка времени, порядка и пересечений; 403 без timetable.edit', async () => {
  const head = await loginOnce(headUser.login);
  const g = await api('GET', '/api/v1/bells', { token: head.token });
  assertStatus(g, 200);
  const s = g.json.schedules.find((x) => x.shift === 1);
  assert.equal(s.bells.length, 8);
  assert.deepEqual(s.bells[0], { number: 1, start: '08:30', end: '09:10' });
  assert.deepEqual(s.bells[7], { number: 8, start: '14:40', end: '15:20' });
  const bad = (bells) => ({ token: head.token, body: { name: s.name, shift: 1, bells } });
  assertError(await api('PUT', '/api/v1/bells', bad([{ number: 1, start: '25:00', end: '25:40' }])), 400, 'invalid_time');
  assertError(await api('PUT', '/api/v1/bells', bad([{ number: 1, start: '09:10', end: '08:30' }])), 422, 'start_after_end');
  assertError(await api('PUT', '/api/v1/bells', bad([{ number: 1, start: '08:30', end: '09:10' }, { number: 2, start: '09:00', end: '09:40' }])), 422, 'bells_overlap');
  assertError(await api('PUT', '/api/v1/bells', bad([{ number: 2, start: '08:30', end: '09:10' }, { number: 1, start: '09:20', end: '10:00' }])), 422, 'bells_order');
  // a lesson number the timetable still uses cannot be dropped, and nothing changes
  const dropped = await api('PUT', '/api/v1/bells', bad([s.bells[0]]));
  assertError(dropped, 409, 'bell_in_use');
  assert.match(dropped.json.error.message, /Урок 2 есть в расписании 1 смены/);
  const after = await api('GET', '/api/v1/bells', { token: head.token });
  assert.deepEqual(after.json.schedules.find((x) => x.shift === 1).bells, s.bells);
  // the same schedule written back: accepted, unchanged
  const ok = await api('PUT', '/api/v1/bells', { token: head.token, body: { name: s.name, shift: 1, bells: s.bells } });
  assertStatus(ok, 200, 'перезапись звонков');
  assert.deepEqual(ok.json.schedules.find((x) => x.shift === 1).bells, s.bells);
  // the audit record keeps the old bells beside the new ones
  const au = await api('GET', '/api/v1/audit?op=timetable.edit&entity=bell_schedule&limit=1', { token: (await loginOnce('admin')).token });
  assertStatus(au, 200);
  assert.deepEqual(au.json.items[0].old.bells, s.bells.map(({ number, start, end }) => ({ number, start, end })));
  assert.deepEqual(au.json.items[0].new.bells, s.bells.map(({ number, start, end }) => ({ number, start, end })));
  const t = await loginOnce(teacherUser.login);
  assertStatus(await api('GET', '/api/v1/bells', { token: t.token }), 200, 'учитель видит звонки');
  assertError(await api('PUT', '/api/v1/bells', { token: t.token, body: { name: s.name, shift: 1, bells: s.bells } }), 403);
});

test('добавить, перенести и удалить урок; конфликты учителя, кабинета и класса — 409 с именами', async () => {
  const { head, cls, q1, subj, o } = await ctx();
  const c5a = cls('5А'), c5b = cls('5Б'), c6a = cls('6А');
  const items = await byClass(head.token, q1.id, c5a.id);
  const math = items.find((e) => e.subject_name === 'Математика');
  const spare = o.rooms.find((r) => r.name === '315');
  // Saturday is free in the demo
  const r = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 1, class_id: c5a.id, subject_id: math.subject_id, teacher_id: math.teacher_id, room_id: spare.id });
  assertStatus(r, 201, 'новый урок');
  assert.deepEqual(r.json.warnings, []);
  assert.equal(r.json.class_name, '5А');
  assert.equal(r.json.room_name, '315');
  const mv = await api('PUT', `/api/v1/timetable/${r.json.id}`, { token: head.token, body: { weekday: 6, lesson_number: 2 } });
  assertStatus(mv, 200, 'перенос');
  assert.equal(mv.json.lesson_number, 2);
  assert.equal(mv.json.teacher_id, math.teacher_id);
  assert.ok((await byClass(head.token, q1.id, c5a.id)).some((e) => e.id === r.json.id && e.weekday === 6 && e.lesson_number === 2));

  // the teacher is busy at a demo slot
  const busy = await api('PUT', `/api/v1/timetable/${r.json.id}`, { token: head.token, body: { weekday: math.weekday, lesson_number: math.lesson_number } });
  const e1 = assertError(busy, 409, 'teacher_busy', 'teacher_id');
  assert.ok(e1.message.includes(math.teacher_name), e1.message);
  // a room taken by another class
  const other = (await byClass(head.token, q1.id, c5b.id)).find((e) => !e.subgroup_id);
  const rb = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 2, class_id: c5b.id, subject_id: other.subject_id, teacher_id: other.teacher_id, room_id: spare.id });
  const e2 = assertError(rb, 409, 'room_busy', 'room_id');
  assert.ok(e2.message.includes('315') && e2.message.includes('5А'), e2.message);
  // the class is already at a lesson
  const c6 = (await byClass(head.token, q1.id, c6a.id)).find((e) => !e.subgroup_id);
  const cb = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 2, class_id: c5a.id, subject_id: subj('Русский язык'), teacher_id: c6.teacher_id });
  const e3 = assertError(cb, 409, 'class_busy', 'class_id');
  assert.ok(e3.message.includes('5А') && e3.message.includes('Математика'), e3.message);
  // nothing was changed by the refused requests
  assert.equal((await byClass(head.token, q1.id, c5a.id)).filter((e) => e.weekday === 6).length, 1);

  const d = await api('DELETE', `/api/v1/timetable/${r.json.id}`, { token: head.token });
  assertStatus(d, 200, 'удаление');
  assert.ok(!(await byClass(head.token, q1.id, c5a.id)).some((e) => e.id === r.json.id));
  assertError(await api('DELETE', `/api/v1/timetable/${r.json.id}`, { token: head.token }), 404);
});

test('подгруппы: две группы одного класса одновременно можно, весь класс и подгруппа — 409', async () => {
  const { head, cls, q1, subj, o } = await ctx();
  const c7 = cls('7Б');
  const eng = subj('Английский язык');
  const [g1, g2] = c7.subgroups.filter((g) => g.subject_id === eng);
  const t = o.teachers;
  const a = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 4, class_id: c7.id, subgroup_id: g1.id, subject_id: eng, teacher_id: t[0].id });
  assertStatus(a, 201, 'группа 1');
  const b = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 4, class_id: c7.id, subgroup_id: g2.id, subject_id: eng, teacher_id: t[1].id });
  assertStatus(b, 201, 'группа 2 в то же время');
  assertError(await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 4, class_id: c7.id, subject_id: subj('История'), teacher_id: t[2].id }), 409, 'class_busy');
  assertError(await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 4, class_id: c7.id, subgroup_id: g1.id, subject_id: eng, teacher_id: t[2].id }), 409, 'class_busy');
  // whole class first, then a group
  const w = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 5, class_id: c7.id, subject_id: subj('История'), teacher_id: t[2].id });
  assertStatus(w, 201, 'урок всего класса');
  const e = assertError(await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 5, class_id: c7.id, subgroup_id: g1.id, subject_id: eng, teacher_id: t[0].id }), 409, 'class_busy');
  assert.match(e.message, /7Б/);
});

test('предмет не из нагрузки учителя — урок сохранён с предупреждением; проверки полей', async () => {
  const { head, cls, q1, subj, o } = await ctx();
  const c8 = cls('8А'), c5 = cls('5В');
  const items = await byClass(head.token, q1.id, c8.id);
  const phys = items.find((e) => e.subject_name === 'Физика');
  const r = await post(head.token, { period_id: q1.id, weekday: 6, lesson_number: 6, class_id: c8.id, subject_id: subj('Музыка'), teacher_id: phys.teacher_id });
  assertStatus(r, 201, 'урок вне нагрузки');
  assert.equal(r.json.warnings.length, 1);
  assert.match(r.json.warnings[0], /нагрузки/);
  const eng = subj('Английский язык');
  const foreign = c5.subgroups.find((g) => g.subject_id === eng);
  const base = { period_id: q1.id, weekday: 6, lesson_number: 7, class_id: c8.id, subject_id: eng, teacher_id: o.teachers[3].id };
  assertError(await post(head.token, { ...base, subgroup_id: foreign.id }), 422, 'subgroup_other_class', 'subgroup_id');
  assertError(await post(head.token, { ...base, lesson_number: 9 }), 422, 'unknown_lesson_number', 'lesson_number');
  assertError(await post(head.token, { ...base, weekday: 7 }), 400, undefined, 'weekday');
  assertError(await post(head.token, { ...base, class_id: cls('10А').id }), 422, 'period_kind', 'period_id');
  assertError(await post(head.token, { ...base, period_id: 999999 }), 422, 'unknown_period', 'period_id');
  assertError(await post(head.token, { ...base, room_id: 999999 }), 422, 'unknown_room', 'room_id');
});

test('виды по учителю и кабинету; права: запись без timetable.edit — 403, чужое расписание для .self — 403', async () => {
  const { head, cls, q1 } = await ctx();
  const e0 = (await byClass(head.token, q1.id, cls('6Б').id))[0];
  const tv = await api('GET', `/api/v1/timetable?period=${q1.id}&teacher=${e0.teacher_id}`, { token: head.token });
  assertStatus(tv, 200);
  assert.ok(tv.json.items.length >= 1 && tv.json.items.every((e) => e.teacher_id === e0.teacher_id));
  assert.ok(tv.json.items.some((e) => e.id === e0.id));
  const rv = await api('GET', `/api/v1/timetable?period=${q1.id}&room=${e0.room_id}`, { token: head.token });
  assertStatus(rv, 200);
  assert.ok(rv.json.items.every((e) => e.room_id === e0.room_id) && rv.json.items.some((e) => e.id === e0.id));
  assertError(await api('GET', `/api/v1/timetable?period=${q1.id}`, { token: head.token }), 400);

  const t = await loginOnce(teacherUser.login);
  assertStatus(await api('GET', `/api/v1/timetable?period=${q1.id}&class=${cls('6Б').id}`, { token: t.token }), 200, 'учитель (.all) видит класс');
  for (const u of [teacherUser, studentUser, findUserForRole('parent'), findUserForRole('secretary')]) {
    if (!u) continue;
    const s = await loginOnce(u.login);
    assertError(await api('POST', '/api/v1/timetable', { token: s.token, body: { period_id: q1.id, weekday: 6, lesson_number: 1, class_id: e0.class_id, subject_id: e0.subject_id, teacher_id: e0.teacher_id } }), 403);
    assertError(await api('PUT', `/api/v1/timetable/${e0.id}`, { token: s.token, body: { lesson_number: 8 } }), 403);
    assertError(await api('DELETE', `/api/v1/timetable/${e0.id}`, { token: s.token }), 403);
  }
});

test('ученик видит только свои подгруппы; родитель — своих детей; чужие — 403', async (t) => {
  if (!studentUser) return t.skip('нет ученика 5–9 классов');
  const { head, cls, q1 } = await ctx();
  const st = await loginOnce(studentUser.login);
  const me = await api('GET', '/api/v1/me', { token: st.token });
  const sid = me.json.person.id;
  const own = cls(studentUser.className);
  const mine = await api('GET', `/api/v1/timetable/student/${sid}?period=${q1.id}`, { token: st.token });
  assertStatus(mine, 200, 'своё расписание');
  const full = await byClass(head.token, q1.id, own.id);
  assert.ok(full.some((e) => e.subgroup_id), 'в классе есть уроки подгрупп');
  const slots = new Set(mine.json.items.map((e) => `${e.weekday}/${e.lesson_number}`));
  assert.equal(slots.size, mine.json.items.length, 'в одном слоте у ученика один урок');
  const groups = new Set(mine.json.items.filter((e) => e.subgroup_id).map((e) => e.subgroup_id));
  assert.equal(groups.size, 1, 'только одна (своя) группа английского');
  assert.equal(mine.json.items.length, full.filter((e) => !e.subgroup_id || groups.has(e.subgroup_id)).length);
  // the class view of a student is filtered too; another class is refused
  const cv = await api('GET', `/api/v1/timetable?period=${q1.id}&class=${own.id}`, { token: st.token });
  assertStatus(cv, 200);
  assert.deepEqual(cv.json.items.map((e) => e.id).sort(), mine.json.items.map((e) => e.id).sort());
  const otherCls = own.name === '5А' ? cls('5Б') : cls('5А');
  assertError(await api('GET', `/api/v1/timetable?period=${q1.id}&class=${otherCls.id}`, { token: st.token }), 403);
  assertError(await api('GET', `/api/v1/timetable?period=${q1.id}&room=1`, { token: st.token }), 403);
  // another student's week: 403 (the id of a student from the class list)
  const list = await api('GET', `/api/v1/classes/${otherCls.id}/students`, { token: head.token });
  if (list.status === 200 && (list.json.items || list.json).length) {
    const otherId = (list.json.items || list.json)[0].id;
    assertError(await api('GET', `/api/v1/timetable/student/${otherId}?period=${q1.id}`, { token: st.token }), 403);
  }
  // a parent sees the child's week
  const parent = allUsers().find((u) => u.roles.length === 1 && u.roles[0] === 'parent' && u.children.includes(studentUser.login));
  if (parent) {
    const p = await loginOnce(parent.login);
    const pv = await api('GET', `/api/v1/timetable/student/${sid}?period=${q1.id}`, { token: p.token });
    assertStatus(pv, 200, 'родитель');
    assert.equal(pv.json.items.length, mine.json.items.length);
  }
});

test('демо: расписание без конфликтов и по учебному плану', async () => {
  const { head, o } = await ctx();
  const all = [];
  for (const p of o.periods)
    for (const c of o.classes.filter((x) => x.period_kind === p.kind))
      for (const e of await byClass(head.token, p.id, c.id)) if (!created.includes(e.id)) all.push({ ...e, p });
  assert.ok(all.length > 2000, `записей ${all.length}`);
  const overlap = (a, b) => a.start_date <= b.end_date && b.start_date <= a.end_date;
  for (const a of o.periods)
    for (const b of o.periods) {
      if (a.id > b.id || !overlap(a, b)) continue;
      const ea = all.filter((e) => e.p.id === a.id || e.p.id === b.id);
      const seen = new Map();
      for (const e of ea) {
        for (const k of [`t${e.teacher_id}`, e.room_id ? `r${e.room_id}` : null, `c${e.class_id}/${e.subgroup_id ?? 'all'}`]) {
          if (!k) continue;
          const key = `${k}@${e.weekday}/${e.lesson_number}`;
          const prev = seen.get(key);
          if (a.id === b.id) assert.ok(!prev, `конфликт ${key}: ${prev?.id} и ${e.id}`);
          else assert.ok(!prev || prev.p.id === e.p.id, `конфликт периодов ${a.name} и ${b.name}, ${key}: ${prev?.id} и ${e.id}`);
          seen.set(key, e);
        }
      }
      // the whole class never meets one of its groups
      for (const e of ea.filter((x) => x.subgroup_id))
        assert.ok(!seen.has(`c${e.class_id}/all@${e.weekday}/${e.lesson_number}`), `класс и подгруппа одновременно: ${e.id}`);
    }
  assert.ok(all.every((e) => e.weekday >= 1 && e.weekday <= 5));
  // curriculum hours for a sample of classes
  const cur = (await api('GET', '/api/v1/curriculum', { token: head.token })).json.grid;
  for (const name of ['1А', '4В', '6Б', '7А', '9Б', '11А']) {
    const c = o.classes.find((x) => x.name === name);
    const p = o.periods.find((x) => x.kind === c.period_kind);
    const es = all.filter((e) => e.class_id === c.id && e.p.id === p.id);
    for (const row of cur) {
      const h = row.hours[c.grade - 1] || 0;
      const mine = es.filter((e) => e.subject_id === row.subject_id);
      const groups = new Set(mine.map((e) => e.subgroup_id ?? 0));
      assert.equal(mine.length / Math.max(groups.size, 1), h, `${name} ${row.subject_name}`);
    }
    const perDay = [1, 2, 3, 4, 5].map((d) => new Set(es.filter((e) => e.weekday === d).map((e) => e.lesson_number)).size);
    const max = c.grade === 1 ? 5 : c.grade <= 4 ? 5 : c.grade <= 7 ? 6 : 7;
    assert.ok(Math.max(...perDay) <= max, `${name}: уроков в день ${perDay}`);
  }
});
