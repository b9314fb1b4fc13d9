// Матрица доступа: GET/PUT /api/v1/access (только access.edit), проверка изменений,
// действие изменения на права учителя и запись в журнал действий.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, assertStatus, currentOps, loginOnce, findUserForRole, findUserWithOnlyRole, parseMatrix, withMatrixLock, SCHOOL_ROLES, roleId, CYRILLIC } from './helpers.mjs';

const matrix = parseMatrix();
const adminUser = findUserForRole('admin');
const teacherUser = findUserWithOnlyRole('teacher');
const OP = 'journal.view.all';

const put = (token, changes) => api('PUT', '/api/v1/access', { token, body: changes === undefined ? {} : { changes } });

test('GET /api/v1/access: администратор видит 10 ролей и операции; по умолчанию = access-matrix.md', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  await withMatrixLock(async () => {
    const r = await api('GET', '/api/v1/access', { token: admin.token });
    assertStatus(r, 200);
    assert.equal(r.json.roles.length, 10);
    r.json.roles.forEach((role, i) => {
      assert.equal(role.id, i + 1);
      assert.equal(role.code, SCHOOL_ROLES[i]);
      assert.match(role.title, CYRILLIC);
    });
    const byId = new Map(r.json.operations.map((o) => [o.id, o]));
    assert.ok(!r.json.operations.some((o) => o.id.startsWith('region.')), 'региональные операции не входят в матрицу школы');
    for (const [op, roles] of matrix) {
      const o = byId.get(op);
      assert.ok(o, `в матрице сервера нет операции ${op}`);
      assert.match(o.title, CYRILLIC, `название ${op}`);
      const want = [...roles].map(roleId).sort((a, b) => a - b);
      assert.deepEqual(o.defaults, want, `defaults ${op}`);
      assert.deepEqual(o.granted, want, `granted ${op} (демо-школа с матрицей по умолчанию)`);
    }
    for (const o of r.json.operations) assert.ok(matrix.has(o.id), `операция ${o.id} не описана в access-matrix.md`);
  });
});

test('GET и PUT /api/v1/access без access.edit → 403 forbidden', async (t) => {
  if (!teacherUser) return t.skip('в демо нет учителя');
  const teacher = await loginOnce(teacherUser.login);
  assertError(await api('GET', '/api/v1/access', { token: teacher.token }), 403, 'forbidden');
  assertError(await put(teacher.token, [{ role: 3, op: OP, granted: true }]), 403, 'forbidden');
});

test(`PUT /api/v1/access: выдать ${OP} учителю → виден в /me учителя и в журнале → отозвать`, async (t) => {
  if (!adminUser || !teacherUser) return t.skip('в демо нет администратора или учителя');
  const admin = await loginOnce(adminUser.login);
  const teacher = await loginOnce(teacherUser.login);
  await withMatrixLock(async () => {
    const before = await api('GET', '/api/v1/me', { token: teacher.token });
    assert.ok(!currentOps(before.json).includes(OP), `у учителя уже есть ${OP}`);
    try {
      const g = await put(admin.token, [{ role: roleId('teacher'), op: OP, granted: true }]);
      assertStatus(g, 200, 'выдача');
      assert.ok(g.json.operations.find((o) => o.id === OP).granted.includes(3), 'ответ — обновлённая матрица');
      const me = await api('GET', '/api/v1/me', { token: teacher.token });
      assert.ok(currentOps(me.json).includes(OP), `после выдачи в /me учителя нет ${OP}`);

      const audit = await api('GET', '/api/v1/audit?op=access.edit&limit=5', { token: admin.token });
      assertStatus(audit, 200);
      const entry = audit.json.items[0];
      assert.ok(entry, 'нет записи access.edit в журнале');
      assert.equal(entry.op, 'access.edit');
      assert.equal(entry.user_id, admin.user.id);
      assert.deepEqual(entry.old, { role: 3, op: OP, granted: false });
      assert.deepEqual(entry.new, { role: 3, op: OP, granted: true });

      // granting again changes nothing and writes nothing
      assertStatus(await put(admin.token, [{ role: 3, op: OP, granted: true }]), 200, 'повторная выдача');
      const audit2 = await api('GET', '/api/v1/audit?op=access.edit&limit=5', { token: admin.token });
      assert.equal(audit2.json.total, audit.json.total, 'повторная выдача без изменения попала в журнал');
    } finally {
      const rv = await put(admin.token, [{ role: 3, op: OP, granted: false }]);
      assertStatus(rv, 200, 'отзыв');
    }
    const after = await api('GET', '/api/v1/me', { token: teacher.token });
    assert.ok(!currentOps(after.json).includes(OP), `после отзыва у учителя остался ${OP}`);
    const audit = await api('GET', '/api/v1/audit?op=access.edit&limit=1', { token: admin.token });
    assert.deepEqual(audit.json.items[0].old, { role: 3, op: OP, granted: true });
    assert.deepEqual(audit.json.items[0].new, { role: 3, op: OP, granted: false });
  });
});

test('PUT /api/v1/access: проверки тела запроса (400/422), матрица не меняется', async (t) => {
  if (!adminUser) return t.skip('в демо нет администратора');
  const admin = await loginOnce(adminUser.login);
  const tok = admin.token;
  await withMatrixLock(async () => {
    const before = await api('GET', '/api/v1/access', { token: tok });
    assertError(await put(tok, [{ role: 1, op: 'access.edit', granted: false }]), 422, 'admin_keeps_access_edit', 'op');
    assertError(await put(tok, [{ role: 3, op: 'no.such.op', granted: true }]), 400, 'invalid_operation', 'op');
    assertError(await put(tok, [{ role: 3, op: 'journal.view', granted: true }]), 400, 'invalid_operation', 'op');
    assertError(await put(tok, [{ role: 3, op: 'region.reports.view', granted: true }]), 400, 'invalid_operation', 'op');
    assertError(await put(tok, [{ role: 11, op: OP, granted: true }]), 400, undefined, 'role');
    assertError(await put(tok, [{ role: 0, op: OP, granted: true }]), 400, undefined, 'role');
    assertError(await put(tok, [{ role: '3', op: OP, granted: true }]), 400, 'wrong_type', 'role');
    assertError(await put(tok, [{ role: 3, op: OP, granted: 'yes' }]), 400, 'wrong_type', 'granted');
    assertError(await put(tok, [{ role: 3, op: OP }]), 400, 'missing_field', 'granted');
    assertError(await put(tok, [{ role: 3, op: OP, granted: true, note: 'x' }]), 400, 'unknown_field', 'note');
    assertError(await put(tok, ['x']), 400, 'wrong_type', 'changes');
    assertError(await put(tok, []), 400, 'wrong_type', 'changes');
    assertError(await put(tok), 400, 'wrong_type', 'changes');
    assertError(await api('PUT', '/api/v1/access', { token: tok, body: { changes: [], extra: 1 } }), 400, 'unknown_field', 'extra');
    assertError(await api('PUT', '/api/v1/access', { token: tok, rawBody: '[]' }), 400, 'malformed_json');
    // a batch is all or nothing: a valid change next to an invalid one is not applied
    assertError(await put(tok, [{ role: 3, op: OP, granted: true }, { role: 3, op: 'no.such.op', granted: true }]), 400, 'invalid_operation', 'op');
    assertError(await put(tok, [{ role: 3, op: OP, granted: true }, { role: 1, op: 'access.edit', granted: false }]), 422, 'admin_keeps_access_edit', 'op');
    const after = await api('GET', '/api/v1/access', { token: tok });
    assert.deepEqual(after.json, before.json, 'отклонённые изменения изменили матрицу');
  });
});
