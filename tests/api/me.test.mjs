// GET /api/v1/me: ФИО, роли (id, code, title), права = матрица по умолчанию для ролей, csrf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertStatus, currentOps, loginOnce, findUserForRole, parseMatrix, defaultOps, withMatrixLock, SCHOOL_ROLES, roleId, CYRILLIC } from './helpers.mjs';

const matrix = parseMatrix();

for (const code of ['admin', 'teacher', 'student', 'parent']) {
  test(`/me для роли ${code}: ФИО, роли, права по матрице, csrf`, async (t) => {
    const u = findUserForRole(code);
    if (!u) return t.skip(`в демо нет пользователя с ролью ${code}`);
    const s = await loginOnce(u.login);
    await withMatrixLock(async () => {
      const r = await api('GET', '/api/v1/me', { token: s.token });
      assertStatus(r, 200);
      const me = r.json;
      assert.equal(me.user.login, u.login);
      assert.equal(me.user.id, s.user.id);
      assert.equal(me.user.must_change_password, false);
      assert.equal(me.person.full_name, u.fullName, 'ФИО как в zhurnal user list');
      assert.equal([me.person.last_name, me.person.first_name, me.person.middle_name].filter(Boolean).join(' '), me.person.full_name);
      assert.equal(me.csrf, s.csrf, 'csrf сеанса');

      assert.ok(Array.isArray(me.schools) && me.schools.length >= 1, 'есть школа');
      const cur = me.schools.filter((x) => x.current);
      assert.equal(cur.length, 1, 'ровно одна текущая школа');
      const school = cur[0];
      assert.ok(Number.isInteger(school.id) && school.id > 0);
      assert.ok(school.name.length > 0);
      const codes = school.roles.map((x) => x.code).sort();
      assert.deepEqual(codes, [...u.roles].sort(), 'роли как в zhurnal user list');
      for (const role of school.roles) {
        assert.ok(SCHOOL_ROLES.includes(role.code), role.code);
        assert.equal(role.id, roleId(role.code), `номер роли ${role.code}`);
        assert.match(role.title, CYRILLIC);
      }
      const expected = [...defaultOps(matrix, u.roles)].sort();
      assert.deepEqual([...currentOps(me)].sort(), expected, 'права текущей школы = матрица по умолчанию для ролей');
      if (me.operations !== undefined) assert.deepEqual([...me.operations].sort(), expected, 'верхнее поле operations = права текущей школы');
      assert.deepEqual(me.region_roles, []);
    });
  });
}

test('/me для администратора региона: только региональные права, школьных нет', async (t) => {
  const u = findUserForRole('region_admin');
  if (!u) return t.skip('в демо нет администратора региона');
  const s = await loginOnce(u.login);
  const r = await api('GET', '/api/v1/me', { token: s.token });
  assertStatus(r, 200);
  assert.deepEqual(r.json.schools, []);
  assert.deepEqual(r.json.region_roles.map((x) => x.code), ['region_admin']);
  for (const role of r.json.region_roles) {
    assert.equal(role.id, 11);
    assert.match(role.title, CYRILLIC);
    assert.ok(Number.isInteger(role.region_id) && role.region_id > 0);
  }
  const ops = r.json.region_roles[0].operations ?? r.json.operations;
  assert.deepEqual([...ops].sort(), ['region.reports.view', 'region.schools.manage']);
});
