/* json.c: tests of strict decoding and typed getters (src/json/json.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <cmocka.h>

#include "core/arena.h"
#include "json/json.h"

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

static json_t *decode_ok(struct zh_arena *a, const char *body)
{
	json_t *v = NULL;
	struct zh_fail f = { 0 };
	enum zh_err e = zh_json_decode_object(a, body, strlen(body), &v, &f);
	if (e != ZH_OK)
		fail_msg("decoding %s: %d %s (%s)", body, (int)e, f.code_name, f.msg);
	assert_non_null(v);
	assert_true(json_is_object(v));
	return v;
}

static void decode_bad_n(struct zh_arena *a, const char *body, size_t len, const char *code)
{
	json_t *v = NULL;
	struct zh_fail f = { 0 };
	enum zh_err e = zh_json_decode_object(a, body, len, &v, &f);
	if (e != ZH_EPARSE)
		fail_msg("decoding \"%.*s\": got %d, want ZH_EPARSE", (int)len, body ? body : "", (int)e);
	assert_int_equal(f.code, ZH_EPARSE);
	assert_string_equal(f.code_name, code);
	assert_true(f.msg[0] != '\0');
	assert_null(v); /* untouched */
}

static void decode_bad(struct zh_arena *a, const char *body, const char *code)
{
	decode_bad_n(a, body, strlen(body), code);
}

/* ---- decoding ---- */

static void test_decode_ok(void **state)
{
	struct zh_arena *a = *state;
	json_t *v = decode_ok(a, "{\"login\":\"ivanov\",\"n\":5,\"ok\":true,\"x\":null,\"l\":[1,{\"a\":{}}]}");
	assert_string_equal(json_string_value(json_object_get(v, "login")), "ivanov");
	assert_int_equal(json_object_size(v), 5);
	v = decode_ok(a, "  {}  \n");
	assert_int_equal(json_object_size(v), 0);
	v = decode_ok(a, "{\"имя\":\"Пётр \\u0401\\ud83d\\ude00\"}");
	assert_string_equal(json_string_value(json_object_get(v, "имя")), "Пётр Ё😀");
	/* the length is honoured: bytes after len are not part of the body */
	json_t *w = NULL;
	struct zh_fail f = { 0 };
	const char *body = "{\"a\":1}garbage";
	assert_int_equal(zh_json_decode_object(a, body, 7, &w, &f), ZH_OK);
	assert_int_equal(json_integer_value(json_object_get(w, "a")), 1);
}

static void test_decode_owned_by_arena(void **state)
{
	(void)state;
	struct zh_arena *a = zh_arena_new();
	json_t *v = NULL;
	assert_int_equal(zh_json_decode_object(a, "{\"a\":[1,2]}", 11, &v, NULL), ZH_OK);
	json_incref(v);
	assert_int_equal(v->refcount, 2);
	zh_arena_free(a); /* drops the arena's reference */
	assert_int_equal(v->refcount, 1);
	json_decref(v);
}

static void test_decode_not_object(void **state)
{
	struct zh_arena *a = *state;
	decode_bad(a, "[]", "malformed_json");
	decode_bad(a, "[{\"a\":1}]", "malformed_json");
	decode_bad(a, "1", "malformed_json");
	decode_bad(a, "\"str\"", "malformed_json");
	decode_bad(a, "null", "malformed_json");
	decode_bad(a, "true", "malformed_json");
}

static void test_decode_malformed(void **state)
{
	struct zh_arena *a = *state;
	decode_bad(a, "{} x", "malformed_json");
	decode_bad(a, "{}{}", "malformed_json");
	decode_bad(a, "{},", "malformed_json");
	decode_bad(a, "{", "malformed_json");
	decode_bad(a, "{\"a\":}", "malformed_json");
	decode_bad(a, "{\"a\":1,}", "malformed_json");
	decode_bad(a, "{a:1}", "malformed_json");
	decode_bad(a, "{'a':1}", "malformed_json");
	decode_bad(a, "{\"a\":NaN}", "malformed_json");
	decode_bad(a, "{\"a\":01}", "malformed_json");
	decode_bad(a, "{\"a\":\"\\x41\"}", "malformed_json");
	decode_bad(a, "{\"a\":\"\\ud800\"}", "malformed_json"); /* lone surrogate escape */
	decode_bad(a, "{\"a\":\"x\\u0000y\"}", "malformed_json");
	decode_bad(a, "{\"a\\u0000b\":1}", "malformed_json");
	decode_bad(a, "{\"a\":99999999999999999999999}", "malformed_json");
	decode_bad(a, "{\"a\":1e999}", "malformed_json");
	decode_bad(a, "{\"a\":\"tab\there\"}", "malformed_json"); /* raw control character */
	decode_bad(a, "   ", "malformed_json");
}

static void test_decode_duplicate_keys(void **state)
{
	struct zh_arena *a = *state;
	decode_bad(a, "{\"a\":1,\"a\":2}", "malformed_json");
	decode_bad(a, "{\"a\":1,\"b\":{\"c\":1,\"c\":1}}", "malformed_json");
	decode_bad(a, "{\"a\":1,\"\\u0061\":2}", "malformed_json"); /* the same key, escaped */
	decode_ok(a, "{\"a\":1,\"A\":2}");
}

static void test_decode_invalid_utf8(void **state)
{
	struct zh_arena *a = *state;
	decode_bad(a, "{\"a\":\"\xff\"}", "invalid_utf8");
	decode_bad(a, "{\"\xC0\xAF\":1}", "invalid_utf8");
	decode_bad(a, "{\"a\":\"\xED\xA0\x80\"}", "invalid_utf8");
	decode_bad(a, "{\"a\":\"\xD0\"}", "invalid_utf8");
	decode_bad(a, "\xEF\xBB\xBF{}", "malformed_json"); /* a BOM is valid UTF-8 but not JSON */
	decode_bad_n(a, "{}\0", 3, "invalid_utf8");
	decode_bad_n(a, "{\"a\":\"\0\"}", 8, "invalid_utf8");
}

static void test_decode_empty(void **state)
{
	struct zh_arena *a = *state;
	decode_bad_n(a, "", 0, "malformed_json");
	decode_bad_n(a, "{}", 0, "malformed_json");
	decode_bad_n(a, NULL, 0, "malformed_json");
	decode_bad_n(a, NULL, 5, "malformed_json");
}

static char *nested(int depth, const char *open, const char *close)
{
	/* {"a": + (depth - 1) openers + 1 + closers + } */
	size_t n = 6 + (size_t)depth * 2 + 2;
	char *s = malloc(n);
	size_t o = 0;
	assert_non_null(s);
	o += (size_t)sprintf(s, "{\"a\":");
	for (int i = 1; i < depth; i++)
		s[o++] = open[0];
	s[o++] = '1';
	for (int i = 1; i < depth; i++)
		s[o++] = close[0];
	s[o++] = '}';
	s[o] = '\0';
	return s;
}

static void test_decode_depth(void **state)
{
	struct zh_arena *a = *state;
	char *s = nested(32, "[", "]");
	decode_ok(a, s);
	free(s);
	s = nested(33, "[", "]");
	decode_bad(a, s, "malformed_json");
	free(s);
	s = nested(1000, "[", "]");
	decode_bad(a, s, "malformed_json");
	free(s);

	/* objects count as well */
	char buf[512] = "";
	for (int i = 0; i < 32; i++)
		strcat(buf, "{\"k\":");
	strcat(buf, "0");
	for (int i = 0; i < 32; i++)
		strcat(buf, "}");
	decode_ok(a, buf);
	char deeper[600] = "{\"k\":";
	strcat(deeper, buf);
	strcat(deeper, "}");
	decode_bad(a, deeper, "malformed_json");

	/* brackets inside strings are not nesting, escaped quotes do not end the string */
	char str[300];
	size_t o = (size_t)sprintf(str, "{\"a\":\"\\\"");
	for (int i = 0; i < 100; i++)
		str[o++] = '[';
	strcpy(str + o, "\"}");
	json_t *v = decode_ok(a, str);
	assert_int_equal(strlen(json_string_value(json_object_get(v, "a"))), 101);
}

/* ---- getters ---- */

#define FAILED(e, want_code, want_name, want_field) do { \
	assert_int_equal((e), (want_code)); \
	assert_int_equal(f.code, (want_code)); \
	assert_string_equal(f.code_name, (want_name)); \
	assert_string_equal(f.field, (want_field)); \
	assert_true(f.msg[0] != '\0'); \
	memset(&f, 0, sizeof f); \
} while (0)

static void test_str(void **state)
{
	struct zh_arena *a = *state;
	json_t *o = decode_ok(a, "{\"s\":\"Привет\",\"n\":5,\"z\":null,\"e\":\"\",\"b\":false,\"arr\":[\"x\"]}");
	struct zh_fail f = { 0 };
	const char *s = "unchanged";

	assert_int_equal(zh_json_str(o, "s", true, 0, &s, &f), ZH_OK);
	assert_string_equal(s, "Привет");
	s = "unchanged";
	assert_int_equal(zh_json_str(o, "e", true, 10, &s, &f), ZH_OK);
	assert_string_equal(s, "");

	/* lengths are counted in characters, not bytes: "Привет" is 6 characters, 12 bytes */
	assert_int_equal(zh_json_str(o, "s", true, 6, &s, &f), ZH_OK);
	s = "unchanged";
	FAILED(zh_json_str(o, "s", true, 5, &s, &f), ZH_EINVAL, "too_long", "s");
	assert_string_equal(s, "unchanged");

	FAILED(zh_json_str(o, "missing", true, 0, &s, &f), ZH_EINVAL, "missing_field", "missing");
	FAILED(zh_json_str(o, "z", true, 0, &s, &f), ZH_EINVAL, "missing_field", "z");
	FAILED(zh_json_str(o, "n", true, 0, &s, &f), ZH_EINVAL, "wrong_type", "n");
	FAILED(zh_json_str(o, "n", false, 0, &s, &f), ZH_EINVAL, "wrong_type", "n");
	FAILED(zh_json_str(o, "b", true, 0, &s, &f), ZH_EINVAL, "wrong_type", "b");
	FAILED(zh_json_str(o, "arr", true, 0, &s, &f), ZH_EINVAL, "wrong_type", "arr");
	assert_string_equal(s, "unchanged");

	/* optional and absent or null: success, out untouched */
	assert_int_equal(zh_json_str(o, "missing", false, 0, &s, &f), ZH_OK);
	assert_int_equal(zh_json_str(o, "z", false, 0, &s, &f), ZH_OK);
	assert_string_equal(s, "unchanged");
	assert_int_equal(f.code, ZH_OK);
	/* a NULL fail slot is allowed */
	assert_int_equal(zh_json_str(o, "missing", true, 0, &s, NULL), ZH_EINVAL);
}

static void test_int(void **state)
{
	struct zh_arena *a = *state;
	json_t *o = decode_ok(a, "{\"n\":5,\"neg\":-3,\"big\":9223372036854775807,\"small\":-9223372036854775808,"
			      "\"r\":5.0,\"s\":\"5\",\"t\":true,\"z\":null}");
	struct zh_fail f = { 0 };
	long long v = 77;

	assert_int_equal(zh_json_int(o, "n", true, 1, 10, &v, &f), ZH_OK);
	assert_int_equal(v, 5);
	assert_int_equal(zh_json_int(o, "n", true, 5, 5, &v, &f), ZH_OK); /* bounds are inclusive */
	assert_int_equal(zh_json_int(o, "neg", true, -3, 0, &v, &f), ZH_OK);
	assert_int_equal(v, -3);
	assert_int_equal(zh_json_int(o, "big", true, LLONG_MIN, LLONG_MAX, &v, &f), ZH_OK);
	assert_true(v == LLONG_MAX);
	assert_int_equal(zh_json_int(o, "small", true, LLONG_MIN, LLONG_MAX, &v, &f), ZH_OK);
	assert_true(v == LLONG_MIN);

	v = 77;
	FAILED(zh_json_int(o, "n", true, 6, 10, &v, &f), ZH_EINVAL, "out_of_range", "n");
	FAILED(zh_json_int(o, "n", true, 0, 4, &v, &f), ZH_EINVAL, "out_of_range", "n");
	FAILED(zh_json_int(o, "neg", false, 0, 100, &v, &f), ZH_EINVAL, "out_of_range", "neg");
	FAILED(zh_json_int(o, "big", true, 0, LLONG_MAX - 1, &v, &f), ZH_EINVAL, "out_of_range", "big");
	FAILED(zh_json_int(o, "r", true, 0, 10, &v, &f), ZH_EINVAL, "wrong_type", "r");
	FAILED(zh_json_int(o, "s", true, 0, 10, &v, &f), ZH_EINVAL, "wrong_type", "s");
	FAILED(zh_json_int(o, "t", true, 0, 10, &v, &f), ZH_EINVAL, "wrong_type", "t");
	FAILED(zh_json_int(o, "missing", true, 0, 10, &v, &f), ZH_EINVAL, "missing_field", "missing");
	FAILED(zh_json_int(o, "z", true, 0, 10, &v, &f), ZH_EINVAL, "missing_field", "z");
	assert_int_equal(v, 77);
	assert_int_equal(zh_json_int(o, "missing", false, 0, 10, &v, &f), ZH_OK);
	assert_int_equal(zh_json_int(o, "z", false, 0, 10, &v, &f), ZH_OK);
	assert_int_equal(v, 77);
}

static void test_bool(void **state)
{
	struct zh_arena *a = *state;
	json_t *o = decode_ok(a, "{\"t\":true,\"f\":false,\"one\":1,\"s\":\"true\",\"z\":null}");
	struct zh_fail f = { 0 };
	bool b = false;

	assert_int_equal(zh_json_bool(o, "t", true, &b, &f), ZH_OK);
	assert_true(b);
	assert_int_equal(zh_json_bool(o, "f", true, &b, &f), ZH_OK);
	assert_false(b);
	b = true;
	FAILED(zh_json_bool(o, "one", true, &b, &f), ZH_EINVAL, "wrong_type", "one");
	FAILED(zh_json_bool(o, "s", false, &b, &f), ZH_EINVAL, "wrong_type", "s");
	FAILED(zh_json_bool(o, "missing", true, &b, &f), ZH_EINVAL, "missing_field", "missing");
	FAILED(zh_json_bool(o, "z", true, &b, &f), ZH_EINVAL, "missing_field", "z");
	assert_true(b);
	assert_int_equal(zh_json_bool(o, "missing", false, &b, &f), ZH_OK);
	assert_int_equal(zh_json_bool(o, "z", false, &b, &f), ZH_OK);
	assert_true(b);
}

static void test_only(void **state)
{
	struct zh_arena *a = *state;
	static const char *const allowed[] = { "login", "password", NULL };
	static const char *const none[] = { NULL };
	struct zh_fail f = { 0 };

	json_t *o = decode_ok(a, "{\"login\":\"a\",\"password\":\"b\"}");
	assert_int_equal(zh_json_only(o, allowed, &f), ZH_OK);
	o = decode_ok(a, "{\"login\":\"a\"}");
	assert_int_equal(zh_json_only(o, allowed, &f), ZH_OK);
	o = decode_ok(a, "{}");
	assert_int_equal(zh_json_only(o, allowed, &f), ZH_OK);
	assert_int_equal(zh_json_only(o, none, &f), ZH_OK);

	o = decode_ok(a, "{\"login\":\"a\",\"admin\":true}");
	FAILED(zh_json_only(o, allowed, &f), ZH_EINVAL, "unknown_field", "admin");
	o = decode_ok(a, "{\"Login\":\"a\"}");
	FAILED(zh_json_only(o, allowed, &f), ZH_EINVAL, "unknown_field", "Login");
	o = decode_ok(a, "{\"logi\":\"a\"}");
	FAILED(zh_json_only(o, allowed, &f), ZH_EINVAL, "unknown_field", "logi");
	o = decode_ok(a, "{\"пароль\":\"a\"}");
	FAILED(zh_json_only(o, allowed, &f), ZH_EINVAL, "unknown_field", "пароль");
	o = decode_ok(a, "{\"login\":\"a\"}");
	FAILED(zh_json_only(o, none, &f), ZH_EINVAL, "unknown_field", "login");

	/* a key longer than the field slot is cut, still terminated */
	char body[256], key[201];
	memset(key, 'k', 200);
	key[200] = '\0';
	snprintf(body, sizeof body, "{\"%s\":1}", key);
	o = decode_ok(a, body);
	assert_int_equal(zh_json_only(o, allowed, &f), ZH_EINVAL);
	assert_int_equal(strlen(f.field), sizeof f.field - 1);
	assert_memory_equal(f.field, key, sizeof f.field - 1);
}

static void test_own(void **state)
{
	(void)state;
	struct zh_arena *a = zh_arena_new();
	json_t *v = json_pack("{s:i}", "a", 1);
	assert_ptr_equal(zh_json_own(a, v), v);
	assert_null(zh_json_own(a, NULL));
	zh_arena_free(a); /* LeakSanitizer checks that v was released */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_decode_ok),
		cmocka_unit_test(test_decode_owned_by_arena),
		T(test_decode_not_object),
		T(test_decode_malformed),
		T(test_decode_duplicate_keys),
		T(test_decode_invalid_utf8),
		T(test_decode_empty),
		T(test_decode_depth),
		T(test_str),
		T(test_int),
		T(test_bool),
		T(test_only),
		cmocka_unit_test(test_own),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
