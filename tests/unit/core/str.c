/* str.c: tests of the string helpers (src/core/str.c): UTF-8, hex, base64url, integers */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/str.h"

/* valid UTF-8 of its own length */
#define V(s) assert_true(zh_utf8_valid((s), sizeof(s) - 1))
#define INV(s) assert_false(zh_utf8_valid((s), sizeof(s) - 1))

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(zh_utf8_valid("", 0));
	assert_true(zh_utf8_valid(NULL, 0));
	V("plain ASCII ~!@#");
	V("\x7f");
	V("Привет, мир");
	V("Ёлкин Пётр");
	V("\xC2\x80");                 /* U+0080, smallest 2-byte */
	V("\xDF\xBF");                 /* U+07FF */
	V("\xE0\xA0\x80");             /* U+0800, smallest 3-byte */
	V("\xED\x9F\xBF");             /* U+D7FF, just below the surrogates */
	V("\xEE\x80\x80");             /* U+E000, just above them */
	V("\xEF\xBF\xBF");             /* U+FFFF */
	V("\xF0\x90\x80\x80");         /* U+10000, smallest 4-byte */
	V("\xF0\x9F\x98\x80");         /* 😀 */
	V("\xF4\x8F\xBF\xBF");         /* U+10FFFF, the last code point */
}

static void test_utf8_overlongs(void **state)
{
	(void)state;
	INV("\xC0\x80");               /* overlong NUL */
	INV("\xC0\xAF");               /* overlong '/' */
	INV("\xC1\xBF");
	INV("\xE0\x80\xAF");
	INV("\xE0\x9F\xBF");           /* U+07FF in 3 bytes */
	INV("\xF0\x80\x80\xAF");
	INV("\xF0\x8F\xBF\xBF");       /* U+FFFF in 4 bytes */
	INV("a\xC0\xAF" "b");
}

static void test_utf8_surrogates_and_range(void **state)
{
	(void)state;
	INV("\xED\xA0\x80");           /* U+D800 */
	INV("\xED\xAD\xBF");
	INV("\xED\xB0\x80");           /* U+DC00 */
	INV("\xED\xBF\xBF");           /* U+DFFF */
	INV("\xED\xA0\xBD\xED\xB8\x80"); /* CESU-8 pair */
	INV("\xF4\x90\x80\x80");       /* U+110000 */
	INV("\xF4\xBF\xBF\xBF");
	INV("\xF5\x80\x80\x80");
	INV("\xF7\xBF\xBF\xBF");
	INV("\xF8\x88\x80\x80\x80");   /* old 5-byte form */
	INV("\xFC\x84\x80\x80\x80\x80");
	INV("\xFE");
	INV("\xFF");
}

static void test_utf8_truncated_and_stray(void **state)
{
	(void)state;
	INV("\xD0");
	INV("\xE2\x82");
	INV("\xF0\x9F\x98");
	INV("abc\xD0");
	INV("\x80");                   /* lone continuation byte */
	INV("\xBF");
	INV("a\x80" "b");
	INV("\xD0\x41");               /* lead byte followed by ASCII */
	INV("\xE2\x82\x41");
	INV("\xF0\x9F\x41\x80");
	INV("\xD0\xD0\x9F");
	/* a valid string cut inside a sequence by n */
	const char *s = "дом"; /* д = D0 B4 */
	assert_true(zh_utf8_valid(s, 6));
	assert_false(zh_utf8_valid(s, 5));
	assert_false(zh_utf8_valid(s, 1));
	assert_true(zh_utf8_valid(s, 2));
	/* bytes beyond n are never read: the lead byte at the end with n = 1 */
	char one = (char)0xE2;
	assert_false(zh_utf8_valid(&one, 1));
}

static void test_utf8_nul(void **state)
{
	(void)state;
	assert_false(zh_utf8_valid("a\0b", 3));
	assert_false(zh_utf8_valid("\0", 1));
	assert_false(zh_utf8_valid("дом\0", 7));
	assert_true(zh_utf8_valid("a\0b", 1)); /* the NUL is outside n */
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(zh_utf8_len("", 0), 0);
	assert_int_equal(zh_utf8_len("abc", 3), 3);
	assert_int_equal(zh_utf8_len("Привет", strlen("Привет")), 6);
	assert_int_equal(zh_utf8_len("Ёж", 4), 2);
	assert_int_equal(zh_utf8_len("a\xF0\x9F\x98\x80z", 6), 3);
	assert_int_equal(zh_utf8_len("€", 3), 1);
}

static void test_hex(void **state)
{
	(void)state;
	static const unsigned char in[] = { 0x00, 0x01, 0x7f, 0x80, 0xab, 0xcd, 0xef, 0xff };
	char out[2 * sizeof in + 1];
	memset(out, '#', sizeof out);
	zh_hex(in, sizeof in, out);
	assert_string_equal(out, "00017f80abcdefff");
	char empty[1] = { '#' };
	zh_hex(in, 0, empty);
	assert_string_equal(empty, "");
}

static void b64(const char *in, size_t n, const char *want)
{
	size_t sz = 4 * ((n + 2) / 3) + 1;
	char *out = malloc(sz); /* the documented size exactly: ASan reports any overrun */
	assert_non_null(out);
	zh_b64url((const unsigned char *)in, n, out);
	assert_string_equal(out, want);
	free(out);
}

static void test_b64url_vectors(void **state)
{
	(void)state;
	/* RFC 4648 section 10, unpadded */
	b64("", 0, "");
	b64("f", 1, "Zg");
	b64("fo", 2, "Zm8");
	b64("foo", 3, "Zm9v");
	b64("foob", 4, "Zm9vYg");
	b64("fooba", 5, "Zm9vYmE");
	b64("foobar", 6, "Zm9vYmFy");
	/* the URL-safe alphabet: '-' and '_' instead of '+' and '/' */
	b64("\xfb\xff\xbf", 3, "-_-_");
	b64("\xfb\xff", 2, "-_8");
	b64("\xff", 1, "_w");
	b64("\0\0\0", 3, "AAAA");
	b64("\x3e\x3f", 2, "Pj8");
}

static void test_b64url_token_size(void **state)
{
	(void)state;
	unsigned char raw[32];
	char out[44];
	for (int i = 0; i < 32; i++)
		raw[i] = (unsigned char)(i * 8 + 7);
	zh_b64url(raw, sizeof raw, out);
	assert_int_equal(strlen(out), 43); /* ZH_TOKEN_LEN */
	for (size_t i = 0; i < 43; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", out[i]));
}

static void test_streq_ct(void **state)
{
	(void)state;
	assert_true(zh_streq_ct("", ""));
	assert_true(zh_streq_ct("token", "token"));
	assert_false(zh_streq_ct("token", "tokeN"));
	assert_false(zh_streq_ct("token", "toke"));
	assert_false(zh_streq_ct("toke", "token"));
	assert_false(zh_streq_ct("", "a"));
	assert_false(zh_streq_ct("a", ""));
	assert_false(zh_streq_ct("abc", "abd"));
}

static void test_startswith(void **state)
{
	(void)state;
	assert_true(zh_str_startswith("/api/v1/me", "/api/"));
	assert_true(zh_str_startswith("abc", ""));
	assert_true(zh_str_startswith("abc", "abc"));
	assert_false(zh_str_startswith("ab", "abc"));
	assert_false(zh_str_startswith("/apx", "/api"));
}

static void parses(const char *s, long long want)
{
	long long v = 12345;
	assert_true(zh_parse_i64(s, &v));
	assert_true(v == want);
}

static void rejects(const char *s)
{
	long long v = 12345;
	if (zh_parse_i64(s, &v))
		fail_msg("zh_parse_i64 accepted \"%s\"", s ? s : "(null)");
	assert_true(v == 12345); /* untouched on failure */
}

static void test_parse_i64(void **state)
{
	(void)state;
	parses("0", 0);
	parses("42", 42);
	parses("-17", -17);
	parses("-0", 0);
	parses("007", 7);
	parses("9223372036854775807", INT64_MAX);
	parses("-9223372036854775808", INT64_MIN);
	rejects(NULL);
	rejects("");
	rejects("-");
	rejects("+1");
	rejects(" 1");
	rejects("1 ");
	rejects("\t1");
	rejects("1a");
	rejects("a1");
	rejects("0x10");
	rejects("1e3");
	rejects("1.0");
	rejects("--1");
	rejects("- 1");
	rejects("12\n");
	rejects("9223372036854775808");
	rejects("-9223372036854775809");
	rejects("99999999999999999999999");
	rejects("１"); /* a full-width digit */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_overlongs),
		cmocka_unit_test(test_utf8_surrogates_and_range),
		cmocka_unit_test(test_utf8_truncated_and_stray),
		cmocka_unit_test(test_utf8_nul),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_b64url_vectors),
		cmocka_unit_test(test_b64url_token_size),
		cmocka_unit_test(test_streq_ct),
		cmocka_unit_test(test_startswith),
		cmocka_unit_test(test_parse_i64),
	};
	return cmocka_run_group_tests_name("core/str", tests, NULL, NULL);
}
