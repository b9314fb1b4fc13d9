// Обход ролей: каждый маршрут таблицы src/api/routes.c × каждая роль демо-школы.
// Ожидание берётся из access-matrix.md: если права роли по умолчанию дают операцию маршрута
// (точно или семейство "x.y" через любой "x.y.<область>"), ответ не 401 и не 403; иначе 403 forbidden.
// Открытые (public) маршруты работают без токена; маршруты своей учётной записи (authenticated)
// никогда не отвечают 403 forbidden; без токена все прочие → 401.
// Запросы безопасны: номера в путях несуществующие (999999), тело записи — {}; PUT /api/v1/access с {}
// отвергается (400), матрица не меняется. Выход (auth/logout) делается последним для каждой роли.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, parseRoutes, parseMatrix, defaultOps, grants, findUserForRole, findUserWithOnlyRole, login, DEMO_PASSWORD, SCHOOL_ROLES, withMatrixLock } from './helpers.mjs';

const { routes } = parseRoutes();
const matrix = parseMatrix();
const FAKE_ID = '999999';
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const pathOf = (pattern) => pattern.replace(/\{[^}]+\}/g, FAKE_ID);
const isLogout = (r) => r.pattern === '/api/v1/auth/logout';
// logout last: it ends the session the rest of the walk uses
const ordered = [...routes.filter((r) => !isLogout(r)), ...routes.filter(isLogout)];

function send(route, token) {
  return api(route.method, pathOf(route.pattern), { token, body: WRITE.has(route.method) ? {} : undefined });
}

const describe = (res) => `${res.status} ${(res.text || '').slice(0, 200)}`;

test('таблица маршрутов (zhurnal routes) полна и каждая операция есть в матрице', () => {
  assert.ok(routes.length > 0, 'zhurnal routes не напечатал ни одного маршрута');
  for (const r of routes) {
    assert.match(r.method, /^(GET|POST|PUT|PATCH|DELETE)$/, `метод маршрута: ${JSON.stringify(r)}`);
    assert.match(r.pattern, /^\//, `путь маршрута: ${JSON.stringify(r)}`);
    assert.ok(r.op, `у маршрута ${r.method} ${r.pattern} нет операции`);
    if (r.op === 'public' || r.op === 'authenticated') continue;
    assert.ok(grants(new Set(matrix.keys()), r.op), `операция маршрута ${r.method} ${r.pattern} «${r.op}» не описана в access-matrix.md`);
  }
});

test('без токена: открытые маршруты работают, остальные → 401 unauthenticated', async (t) => {
  for (const route of ordered) {
    await t.test(`${route.method} ${route.pattern} [${route.op}]`, async () => {
      const res = await send(route, undefined);
      if (route.op === 'public') {
        assert.ok(res.status !== 401 && res.status !== 403, `открытый маршрут без токена: ${describe(res)}`);
        assert.ok(res.status < 500, `ошибка сервера: ${describe(res)}`);
      } else {
        assertError(res, 401, 'unauthenticated');
      }
    });
  }
});

// school roles, then the region admin (outside the school matrix: only region.* operations)
const walkRoles = [...SCHOOL_ROLES, 'region_admin'];

for (const code of walkRoles) {
  test(`обход маршрутов ролью ${code}`, async (t) => {
    // a pure account of the role where the demo has one (teachers who are also parents are skipped)
    const u = code === 'head' ? findUserForRole(code) : findUserWithOnlyRole(code) || findUserForRole(code);
    if (!u) return t.skip(`в демо нет пользователя с ролью ${code}: обход для неё пропущен`);
    const s = await login(u.login, DEMO_PASSWORD);
    const ops = defaultOps(matrix, u.roles);
    if (u.roles.includes('region_admin')) ops.add('region.reports.view').add('region.schools.manage');
    await withMatrixLock(async () => {
      for (const route of ordered) {
        const allowed = route.op === 'public' || route.op === 'authenticated' || grants(ops, route.op);
        await t.test(`${route.method} ${route.pattern} [${route.op}] → ${allowed ? 'разрешено' : '403'}`, async () => {
          const res = await send(route, s.token);
          assert.ok(res.status < 500, `ошибка сервера: ${describe(res)}`);
          // A role that holds the family only in a scope (own class, own subject, own child, self)
          // asks here about an object that does not exist, or about no object at all; the scope
          // check answers 403 alike for "not yours" and "does not exist", so 403 is right there too.
          const scopedOnly = allowed && !ops.has(route.op) && !ops.has(`${route.op}.all`);
          if (allowed) {
            assert.ok(res.status !== 401, `${u.login} (${u.roles}): 401 на разрешённом маршруте: ${describe(res)}`);
            if (scopedOnly && res.status === 403) assertError(res, 403, 'forbidden');
            else assert.ok(res.status !== 403, `${u.login} (${u.roles}): 403 на разрешённом маршруте: ${describe(res)}`);
          } else {
            assertError(res, 403, 'forbidden');
          }
        });
      }
    });
    // the walk ended the session with its last request
    const after = await api('GET', '/api/v1/me', { token: s.token });
    assertError(after, 401, 'session_expired');
  });
}
