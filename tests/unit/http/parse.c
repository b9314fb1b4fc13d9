/* parse.c: tests of request-target, cookie and bearer parsing (src/http/parse.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/parse.h"

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

static struct zh_uri parse_ok(struct zh_arena *a, const char *target)
{
	struct zh_uri u;
	enum zh_err e = zh_uri_parse(a, target, &u);
	if (e != ZH_OK)
		fail_msg("zh_uri_parse(\"%s\") = %d, want ZH_OK", target, (int)e);
	return u;
}

static void parse_bad(struct zh_arena *a, const char *target)
{
	struct zh_uri u;
	enum zh_err e = zh_uri_parse(a, target, &u);
	if (e != ZH_EINVAL)
		fail_msg("zh_uri_parse(\"%s\") = %d, want ZH_EINVAL", target ? target : "(null)", (int)e);
}

/* ---- paths ---- */

static void test_segments(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/api/v1/auth/sessions/12");
	assert_string_equal(u.path, "/api/v1/auth/sessions/12");
	assert_int_equal(u.nsegments, 5);
	assert_string_equal(u.segments[0], "api");
	assert_string_equal(u.segments[1], "v1");
	assert_string_equal(u.segments[2], "auth");
	assert_string_equal(u.segments[3], "sessions");
	assert_string_equal(u.segments[4], "12");
	assert_int_equal(u.nquery, 0);

	u = parse_ok(a, "/");
	assert_string_equal(u.path, "/");
	assert_int_equal(u.nsegments, 0);

	u = parse_ok(a, "/healthz");
	assert_int_equal(u.nsegments, 1);
	assert_string_equal(u.segments[0], "healthz");
}

static void test_trailing_slash(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/api/v1/me/");
	assert_string_equal(u.path, "/api/v1/me/");
	assert_int_equal(u.nsegments, 3);
	assert_string_equal(u.segments[2], "me");

	u = parse_ok(a, "/a/?x=1");
	assert_int_equal(u.nsegments, 1);
	assert_string_equal(zh_uri_query(&u, "x"), "1");
}

static void test_empty_segments(void **state)
{
	struct zh_arena *a = *state;
	parse_bad(a, "//");
	parse_bad(a, "//api");
	parse_bad(a, "/api//v1");
	parse_bad(a, "/api/v1//");
	parse_bad(a, "/a//?x=1");
}

static void test_not_a_path(void **state)
{
	struct zh_arena *a = *state;
	parse_bad(a, NULL);
	parse_bad(a, "");
	parse_bad(a, "api/v1");
	parse_bad(a, "?x=1");
	parse_bad(a, "http://host/api");
	parse_bad(a, "*");
}

static void test_percent_decoding(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/files/%D0%BF%D1%80%D0%B8%d0%b2%d0%b5%d1%82");
	assert_string_equal(u.segments[1], "привет");
	u = parse_ok(a, "/a%20b/c%2Bd/e+f");
	assert_string_equal(u.path, "/a b/c+d/e+f");
	assert_string_equal(u.segments[0], "a b");
	assert_string_equal(u.segments[1], "c+d");
	assert_string_equal(u.segments[2], "e+f"); /* '+' is literal in the path */
	/* raw UTF-8 is accepted too */
	u = parse_ok(a, "/класс/5А");
	assert_string_equal(u.segments[0], "класс");
	assert_string_equal(u.segments[1], "5А");
}

static void test_bad_escapes(void **state)
{
	struct zh_arena *a = *state;
	parse_bad(a, "/%zz");
	parse_bad(a, "/%4");
	parse_bad(a, "/a%");
	parse_bad(a, "/a%4?x=1");
	parse_bad(a, "/%g0");
	parse_bad(a, "/%0g");
	parse_bad(a, "/%%41");
	parse_bad(a, "/%-1");
	parse_bad(a, "/% 1");
}

static void test_nul_and_bad_utf8(void **state)
{
	struct zh_arena *a = *state;
	parse_bad(a, "/%00");
	parse_bad(a, "/a%00b");
	parse_bad(a, "/%ff");
	parse_bad(a, "/%FF");
	parse_bad(a, "/%C0%AF");        /* overlong '/' */
	parse_bad(a, "/%ED%A0%80");     /* surrogate */
	parse_bad(a, "/%F4%90%80%80");  /* above U+10FFFF */
	parse_bad(a, "/%D0");           /* truncated sequence */
	parse_bad(a, "/\xff");
	parse_bad(a, "/\xD0/x");
	parse_bad(a, "/a?x=%00");
	parse_bad(a, "/a?x=%ff");
	parse_bad(a, "/a?%ff=1");
	parse_bad(a, "/a?x=\xC0\xAF");
}

static void test_too_many_segments(void **state)
{
	struct zh_arena *a = *state;
	char buf[256] = "";
	for (int i = 0; i < ZH_PATH_MAX_SEGMENTS; i++)
		strcat(buf, "/s");
	struct zh_uri u = parse_ok(a, buf);
	assert_int_equal(u.nsegments, ZH_PATH_MAX_SEGMENTS);
	strcat(buf, "/");
	u = parse_ok(a, buf); /* a trailing slash adds no segment */
	assert_int_equal(u.nsegments, ZH_PATH_MAX_SEGMENTS);
	strcat(buf, "s");
	parse_bad(a, buf);
}

/* ---- query ---- */

static void test_query(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/api/v1/audit?limit=50&offset=0&op=auth.*");
	assert_string_equal(u.path, "/api/v1/audit");
	assert_int_equal(u.nsegments, 3);
	assert_int_equal(u.nquery, 3);
	assert_string_equal(zh_uri_query(&u, "limit"), "50");
	assert_string_equal(zh_uri_query(&u, "offset"), "0");
	assert_string_equal(zh_uri_query(&u, "op"), "auth.*");
	assert_null(zh_uri_query(&u, "missing"));
	assert_null(zh_uri_query(&u, "LIMIT")); /* keys are case-sensitive */
	assert_null(zh_uri_query(&u, "limi"));
}

static void test_query_decoding(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/s?q=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80&x=a%2Bb+c&my+key=1");
	assert_string_equal(zh_uri_query(&u, "q"), "Иван Петр");
	assert_string_equal(zh_uri_query(&u, "x"), "a+b c"); /* '+' is a space, %2B a plus */
	assert_string_equal(zh_uri_query(&u, "my key"), "1");
	u = parse_ok(a, "/s?a=b=c&e=%3D");
	assert_string_equal(zh_uri_query(&u, "a"), "b=c");
	assert_string_equal(zh_uri_query(&u, "e"), "=");
	u = parse_ok(a, "/s?x=%26&y=1");
	assert_string_equal(zh_uri_query(&u, "x"), "&");
	assert_string_equal(zh_uri_query(&u, "y"), "1");
	/* '?' in the query is data; '/' too */
	u = parse_ok(a, "/s?next=/a/b?c");
	assert_int_equal(u.nsegments, 1);
	assert_string_equal(zh_uri_query(&u, "next"), "/a/b?c");
}

static void test_query_shapes(void **state)
{
	struct zh_arena *a = *state;
	struct zh_uri u = parse_ok(a, "/s?a=1&b=&c&&d=4&");
	assert_int_equal(u.nquery, 4);
	assert_string_equal(zh_uri_query(&u, "a"), "1");
	assert_string_equal(zh_uri_query(&u, "b"), "");
	assert_string_equal(zh_uri_query(&u, "c"), "");
	assert_string_equal(zh_uri_query(&u, "d"), "4");
	assert_string_equal(u.query[3].key, "d");

	u = parse_ok(a, "/s?");
	assert_int_equal(u.nquery, 0);
	assert_string_equal(u.path, "/s");
	u = parse_ok(a, "/?&&&");
	assert_int_equal(u.nquery, 0);

	/* the first of repeated parameters wins */
	u = parse_ok(a, "/s?x=first&x=second");
	assert_int_equal(u.nquery, 2);
	assert_string_equal(zh_uri_query(&u, "x"), "first");

	parse_bad(a, "/s?=1");
	parse_bad(a, "/s?a=1&=2");
	u = parse_ok(a, "/s?%3D"); /* an encoded '=' is part of the key */
	assert_string_equal(u.query[0].key, "=");
	assert_string_equal(u.query[0].value, "");
	parse_bad(a, "/s?x=%zz");
	parse_bad(a, "/s?x=%4");
	parse_bad(a, "/s?x=1%");
}

static void test_too_many_params(void **state)
{
	struct zh_arena *a = *state;
	char buf[2048];
	size_t o = (size_t)snprintf(buf, sizeof buf, "/s?");
	for (int i = 0; i < ZH_QUERY_MAX_PARAMS; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%sp%d=%d", i ? "&" : "", i, i);
	struct zh_uri u = parse_ok(a, buf);
	assert_int_equal(u.nquery, ZH_QUERY_MAX_PARAMS);
	assert_string_equal(zh_uri_query(&u, "p63"), "63");
	/* empty pairs do not count */
	snprintf(buf + o, sizeof buf - o, "&&&");
	u = parse_ok(a, buf);
	assert_int_equal(u.nquery, ZH_QUERY_MAX_PARAMS);
	snprintf(buf + o, sizeof buf - o, "&one=more");
	parse_bad(a, buf);
}

static void test_url_decode(void **state)
{
	struct zh_arena *a = *state;
	char *s = zh_url_decode(a, "a%41+%2b", 8, true);
	assert_string_equal(s, "aA +");
	s = zh_url_decode(a, "a%41+%2b", 8, false);
	assert_string_equal(s, "aA++");
	/* only n bytes are read: the escape cut by n is malformed */
	assert_null(zh_url_decode(a, "ab%41", 4, false));
	s = zh_url_decode(a, "ab%41", 2, false);
	assert_string_equal(s, "ab");
	s = zh_url_decode(a, "", 0, true);
	assert_string_equal(s, "");
}

/* ---- cookies ---- */

static void cookie_is(struct zh_arena *a, const char *header, const char *want)
{
	const char *got = zh_cookie_get(a, header, "zh_session");
	if (want == NULL && got != NULL)
		fail_msg("cookie from \"%s\": got \"%s\", want none", header ? header : "(null)", got);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0))
		fail_msg("cookie from \"%s\": got %s%s%s, want \"%s\"", header ? header : "(null)",
			 got ? "\"" : "", got ? got : "none", got ? "\"" : "", want);
}

static void test_cookie(void **state)
{
	struct zh_arena *a = *state;
	cookie_is(a, "zh_session=abc", "abc");
	cookie_is(a, "a=1; zh_session=abc; b=2", "abc");
	cookie_is(a, "a=1;zh_session=abc;b=2", "abc");
	cookie_is(a, "a=1;  \tzh_session=abc", "abc");
	cookie_is(a, "zh_session=abc  ", "abc");
	cookie_is(a, "zh_session=abc \t; b=2", "abc");
	cookie_is(a, "zh_session=\"abc\"", "abc");
	cookie_is(a, "zh_session=\"abc\"; other=1", "abc");
	cookie_is(a, "zh_session=a=b", "a=b");
	cookie_is(a, "zh_session=one; zh_session=two", "one");
	cookie_is(a, "zh_session=Wk9vYmFy-_xyz012", "Wk9vYmFy-_xyz012");
}

static void test_cookie_names(void **state)
{
	struct zh_arena *a = *state;
	cookie_is(a, "xzh_session=evil", NULL);
	cookie_is(a, "xzh_session=evil; zh_session=good", "good");
	cookie_is(a, "zh_sessionx=evil", NULL);
	cookie_is(a, "zh_session_old=evil; zh_session=good", "good");
	cookie_is(a, "zh_sessio=evil", NULL);
	cookie_is(a, "ZH_SESSION=evil", NULL);
	cookie_is(a, "other=zh_session=evil", NULL);
	cookie_is(a, "zh_session", NULL);
	cookie_is(a, "zh_session;zh_session", NULL);
	cookie_is(a, "", NULL);
	cookie_is(a, ";;; ;", NULL);
	cookie_is(a, NULL, NULL);
	/* other names are found the same way */
	const char *c = zh_cookie_get(a, "zh_csrf=tok; zh_session=s", "zh_csrf");
	assert_non_null(c);
	assert_string_equal(c, "tok");
}

static void test_cookie_bad_values(void **state)
{
	struct zh_arena *a = *state;
	cookie_is(a, "zh_session=a b", NULL);
	cookie_is(a, "zh_session=a\tb", NULL);
	cookie_is(a, "zh_session=abc\x01", NULL);
	cookie_is(a, "zh_session=abc\x7f", NULL);
	cookie_is(a, "zh_session=\xd0\xb4", NULL);
	cookie_is(a, "zh_session=\"a b\"", NULL);
}

/* ---- bearer tokens ---- */

static void bearer_is(struct zh_arena *a, const char *header, const char *want)
{
	const char *got = zh_bearer_token(a, header);
	if (want == NULL && got != NULL)
		fail_msg("bearer from \"%s\": got \"%s\", want none", header ? header : "(null)", got);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0))
		fail_msg("bearer from \"%s\": got \"%s\", want \"%s\"", header ? header : "(null)",
			 got ? got : "(none)", want);
}

static void test_bearer(void **state)
{
	struct zh_arena *a = *state;
	bearer_is(a, "Bearer abc", "abc");
	bearer_is(a, "bearer abc", "abc");
	bearer_is(a, "BEARER abc", "abc");
	bearer_is(a, "Bearer    abc   ", "abc");
	bearer_is(a, "Bearer aZ09-._~+/=", "aZ09-._~+/=");
	bearer_is(a, "Bearer Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9", "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9");

	bearer_is(a, NULL, NULL);
	bearer_is(a, "", NULL);
	bearer_is(a, "Bearer", NULL);
	bearer_is(a, "Bearer ", NULL);
	bearer_is(a, "Bearer     ", NULL);
	bearer_is(a, "Bearerabc", NULL);
	bearer_is(a, "Bearer\tabc", NULL);
	bearer_is(a, "Basic YWxhZGRpbjpvcGVuc2VzYW1l", NULL);
	bearer_is(a, "Token abc", NULL);
	bearer_is(a, " Bearer abc", NULL);
	bearer_is(a, "Bearer a b", NULL);
	bearer_is(a, "Bearer abc\t", NULL);
	bearer_is(a, "Bearer abc,def", NULL);
	bearer_is(a, "Bearer abc;", NULL);
	bearer_is(a, "Bearer \"abc\"", NULL);
	bearer_is(a, "Bearer \xd1\x82\xd0\xbe\xd0\xba", NULL);
}

static void test_bearer_length(void **state)
{
	struct zh_arena *a = *state;
	char h[7 + 300];
	memcpy(h, "Bearer ", 7);
	memset(h + 7, 'k', 256);
	h[7 + 256] = '\0';
	const char *t = zh_bearer_token(a, h);
	assert_non_null(t);
	assert_int_equal(strlen(t), 256);
	h[7 + 256] = 'k';
	h[7 + 257] = '\0';
	assert_null(zh_bearer_token(a, h));
	/* trailing spaces do not count towards the limit */
	memset(h + 7 + 256, ' ', 40);
	h[7 + 296] = '\0';
	t = zh_bearer_token(a, h);
	assert_non_null(t);
	assert_int_equal(strlen(t), 256);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_segments),
		T(test_trailing_slash),
		T(test_empty_segments),
		T(test_not_a_path),
		T(test_percent_decoding),
		T(test_bad_escapes),
		T(test_nul_and_bad_utf8),
		T(test_too_many_segments),
		T(test_query),
		T(test_query_decoding),
		T(test_query_shapes),
		T(test_too_many_params),
		T(test_url_decode),
		T(test_cookie),
		T(test_cookie_names),
		T(test_cookie_bad_values),
		T(test_bearer),
		T(test_bearer_length),
	};
	return cmocka_run_group_tests_name("http/parse", tests, NULL, NULL);
}
