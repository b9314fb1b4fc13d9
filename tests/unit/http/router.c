/* router.c: tests of route matching (src/http/router.c), on a local table and on zh_routes */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/str.h"
#include "domain/acl.h"
#include "http/parse.h"
#include "http/router.h"

static enum zh_err h_dummy(struct zh_req *r)
{
	(void)r;
	return ZH_OK;
}

static const struct zh_route table[] = {
	{ ZH_GET, "/", h_dummy, ZH_OP_PUBLIC, "root" },
	{ ZH_GET, "/items", h_dummy, ZH_OP_AUTHENTICATED, "list" },
	{ ZH_POST, "/items", h_dummy, ZH_OP_AUTHENTICATED, "create" },
	{ ZH_GET, "/items/{id}", h_dummy, ZH_OP_AUTHENTICATED, "get" },
	{ ZH_DELETE, "/items/{id}", h_dummy, ZH_OP_AUTHENTICATED, "delete" },
	{ ZH_GET, "/items/{id}/marks/{mark}", h_dummy, ZH_OP_AUTHENTICATED, "mark" },
	{ ZH_GET, "/items/special", h_dummy, ZH_OP_AUTHENTICATED, "shadowed by {id}" },
	{ ZH_POST, "/only-post", h_dummy, ZH_OP_PUBLIC, "post" },
	{ ZH_GET, "/p/{a}/{b}/{c}/{d}", h_dummy, ZH_OP_PUBLIC, "four params" },
	{ ZH_GET, "/q/{a}/{b}/{c}/{d}/{e}", h_dummy, ZH_OP_PUBLIC, "five params: never matches" },
};
#define NT (sizeof table / sizeof table[0])

static int setup(void **state)
{
	*state = zh_arena_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	zh_arena_free(*state);
	return 0;
}

static enum zh_err match(struct zh_arena *a, const struct zh_route *t, size_t n, enum zh_method m,
			 const char *target, struct zh_match *out)
{
	struct zh_uri u;
	assert_int_equal(zh_uri_parse(a, target, &u), ZH_OK);
	memset(out, 0, sizeof *out);
	return zh_router_match(t, n, m, &u, out);
}

static const char *summary_of(struct zh_arena *a, enum zh_method m, const char *target)
{
	struct zh_match mt;
	if (match(a, table, NT, m, target, &mt) != ZH_OK)
		return "(none)";
	return mt.route->summary;
}

static void test_methods(void **state)
{
	(void)state;
	assert_int_equal(zh_method_parse("GET"), ZH_GET);
	assert_int_equal(zh_method_parse("POST"), ZH_POST);
	assert_int_equal(zh_method_parse("PUT"), ZH_PUT);
	assert_int_equal(zh_method_parse("PATCH"), ZH_PATCH);
	assert_int_equal(zh_method_parse("DELETE"), ZH_DELETE);
	assert_int_equal(zh_method_parse("HEAD"), ZH_HEAD);
	assert_int_equal(zh_method_parse("OPTIONS"), ZH_OPTIONS);
	assert_int_equal(zh_method_parse("get"), 0);
	assert_int_equal(zh_method_parse("GETX"), 0);
	assert_int_equal(zh_method_parse(""), 0);
	assert_int_equal(zh_method_parse("TRACE"), 0);
	for (int m = ZH_GET; m <= ZH_OPTIONS; m++)
		assert_int_equal(zh_method_parse(zh_method_name((enum zh_method)m)), m);
	assert_string_equal(zh_method_name(0), "?");
	assert_string_equal(zh_method_name((enum zh_method)(ZH_OPTIONS + 1)), "?");
}

static void test_local_matches(void **state)
{
	struct zh_arena *a = *state;
	struct zh_match m;
	assert_int_equal(match(a, table, NT, ZH_GET, "/", &m), ZH_OK);
	assert_ptr_equal(m.route, &table[0]);
	assert_int_equal(m.nparams, 0);

	assert_string_equal(summary_of(a, ZH_GET, "/items"), "list");
	assert_string_equal(summary_of(a, ZH_POST, "/items"), "create");
	assert_string_equal(summary_of(a, ZH_GET, "/items/"), "list"); /* trailing slash */

	assert_int_equal(match(a, table, NT, ZH_GET, "/items/42", &m), ZH_OK);
	assert_string_equal(m.route->summary, "get");
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "42");

	assert_int_equal(match(a, table, NT, ZH_DELETE, "/items/%D0%B0%20b", &m), ZH_OK);
	assert_string_equal(m.route->summary, "delete");
	assert_string_equal(m.params[0], "а b"); /* parameters arrive decoded */

	assert_int_equal(match(a, table, NT, ZH_GET, "/items/7/marks/x?y=1", &m), ZH_OK);
	assert_string_equal(m.route->summary, "mark");
	assert_int_equal(m.nparams, 2);
	assert_string_equal(m.params[0], "7");
	assert_string_equal(m.params[1], "x");

	assert_int_equal(match(a, table, NT, ZH_GET, "/p/1/2/3/4", &m), ZH_OK);
	assert_int_equal(m.nparams, 4);
	assert_string_equal(m.params[3], "4");
}

static void test_first_route_wins(void **state)
{
	struct zh_arena *a = *state;
	/* "/items/{id}" comes before "/items/special" */
	assert_string_equal(summary_of(a, ZH_GET, "/items/special"), "get");
}

static void test_not_found(void **state)
{
	struct zh_arena *a = *state;
	struct zh_match m;
	assert_int_equal(match(a, table, NT, ZH_GET, "/nope", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/items/1/2", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/items/1/marks", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/items/1/marks/2/3", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/item", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/itemsx", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/ITEMS", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, NT, ZH_GET, "/p/1/2/3", &m), ZH_ENOTFOUND);
	/* more parameters than ZH_ROUTE_MAX_PARAMS: the pattern cannot match */
	assert_int_equal(match(a, table, NT, ZH_GET, "/q/1/2/3/4/5", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, table, 0, ZH_GET, "/", &m), ZH_ENOTFOUND);
}

static void test_wrong_method(void **state)
{
	struct zh_arena *a = *state;
	struct zh_match m;
	assert_int_equal(match(a, table, NT, ZH_PUT, "/items", &m), ZH_EMETHOD);
	assert_int_equal(match(a, table, NT, ZH_POST, "/items/5", &m), ZH_EMETHOD);
	assert_int_equal(match(a, table, NT, ZH_GET, "/only-post", &m), ZH_EMETHOD);
	assert_int_equal(match(a, table, NT, ZH_OPTIONS, "/", &m), ZH_EMETHOD);
}

static void test_head(void **state)
{
	struct zh_arena *a = *state;
	struct zh_match m;
	assert_int_equal(match(a, table, NT, ZH_HEAD, "/items/9", &m), ZH_OK);
	assert_int_equal(m.route->method, ZH_GET);
	assert_string_equal(m.params[0], "9");
	assert_int_equal(match(a, table, NT, ZH_HEAD, "/only-post", &m), ZH_EMETHOD);
	assert_int_equal(match(a, table, NT, ZH_HEAD, "/nope", &m), ZH_ENOTFOUND);
}

static void allowed(struct zh_arena *a, const struct zh_route *t, size_t n, const char *target,
		    char *buf, size_t len)
{
	struct zh_uri u;
	assert_int_equal(zh_uri_parse(a, target, &u), ZH_OK);
	zh_router_allowed(t, n, &u, buf, len);
}

static void test_allowed(void **state)
{
	struct zh_arena *a = *state;
	char buf[64];
	allowed(a, table, NT, "/items", buf, sizeof buf);
	assert_string_equal(buf, "GET, HEAD, POST");
	allowed(a, table, NT, "/items/3", buf, sizeof buf);
	assert_string_equal(buf, "GET, HEAD, DELETE");
	allowed(a, table, NT, "/only-post", buf, sizeof buf);
	assert_string_equal(buf, "POST");
	memset(buf, 'x', sizeof buf);
	allowed(a, table, NT, "/nope", buf, sizeof buf);
	assert_string_equal(buf, "");
	/* a short buffer stays terminated and within its size */
	char small[6];
	allowed(a, table, NT, "/items", small, sizeof small);
	assert_true(strlen(small) < sizeof small);
	assert_true(strncmp(small, "GET", 3) == 0);
}

/* ---- the real route table of src/api/routes.c ---- */

static void test_real_table(void **state)
{
	struct zh_arena *a = *state;
	struct zh_match m;
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v1/me", &m), ZH_OK);
	assert_int_equal(m.route->method, ZH_GET);
	assert_string_equal(m.route->pattern, "/api/v1/me");
	assert_string_equal(m.route->op, ZH_OP_AUTHENTICATED);
	assert_non_null(m.route->handler);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_HEAD, "/api/v1/me", &m), ZH_OK);
	assert_string_equal(m.route->pattern, "/api/v1/me");
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_DELETE, "/api/v1/me", &m), ZH_EMETHOD);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_POST, "/api/v1/me", &m), ZH_EMETHOD);

	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_DELETE, "/api/v1/auth/sessions/12", &m), ZH_OK);
	assert_string_equal(m.route->pattern, "/api/v1/auth/sessions/{id}");
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "12");
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v1/auth/sessions", &m), ZH_OK);
	assert_int_equal(m.nparams, 0);

	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_POST, "/api/v1/auth/login", &m), ZH_OK);
	assert_string_equal(m.route->op, ZH_OP_PUBLIC);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v1/auth/login", &m), ZH_EMETHOD);

	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v1/unknown", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v2/me", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/api/v1/me/extra", &m), ZH_ENOTFOUND);
	assert_int_equal(match(a, zh_routes, zh_routes_count, ZH_GET, "/", &m), ZH_ENOTFOUND);

	char buf[128];
	allowed(a, zh_routes, zh_routes_count, "/api/v1/access", buf, sizeof buf);
	assert_string_equal(buf, "GET, HEAD, PUT");
	allowed(a, zh_routes, zh_routes_count, "/api/v1/me", buf, sizeof buf);
	assert_string_equal(buf, "GET, HEAD");
}

/* Every route: well formed, names a known operation, and is reachable (not shadowed). */
static void test_real_table_sound(void **state)
{
	struct zh_arena *a = *state;
	assert_true(zh_routes_count > 0);
	for (size_t i = 0; i < zh_routes_count; i++) {
		const struct zh_route *r = &zh_routes[i];
		assert_non_null(r->handler);
		assert_non_null(r->op);
		if (!zh_acl_op_known(r->op))
			fail_msg("route %s %s: unknown operation \"%s\"", zh_method_name(r->method), r->pattern, r->op);
		assert_non_null(r->summary);
		assert_true(r->summary[0] != '\0');
		assert_true(zh_utf8_valid(r->summary, strlen(r->summary)));
		assert_true(r->method >= ZH_GET && r->method <= ZH_OPTIONS);
		assert_int_equal(r->pattern[0], '/');
		for (size_t j = 0; j < i; j++)
			if (zh_routes[j].method == r->method && strcmp(zh_routes[j].pattern, r->pattern) == 0)
				fail_msg("route %s %s is listed twice", zh_method_name(r->method), r->pattern);

		/* a concrete path for the pattern: every {param} becomes "1" */
		char path[256];
		size_t o = 0;
		int params = 0;
		for (const char *p = r->pattern; *p && o + 2 < sizeof path; p++) {
			if (*p == '{') {
				const char *end = strchr(p, '}');
				assert_non_null(end);
				path[o++] = '1';
				p = end;
				params++;
			} else {
				path[o++] = *p;
			}
		}
		path[o] = '\0';
		struct zh_match m;
		if (match(a, zh_routes, zh_routes_count, r->method, path, &m) != ZH_OK || m.route != r)
			fail_msg("route %s %s is not reachable with %s", zh_method_name(r->method), r->pattern, path);
		assert_int_equal(m.nparams, (size_t)params);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_methods),
		T(test_local_matches),
		T(test_first_route_wins),
		T(test_not_found),
		T(test_wrong_method),
		T(test_head),
		T(test_allowed),
		T(test_real_table),
		T(test_real_table_sound),
	};
	return cmocka_run_group_tests_name("http/router", tests, NULL, NULL);
}
