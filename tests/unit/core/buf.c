/* buf.c: tests of the capped growable buffer (src/core/buf.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"

static void test_init_empty(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
	zh_buf_free(&b); /* freeing an empty buffer is fine */
	assert_null(b.data);
}

static void test_append_terminates(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 1 << 20);
	assert_int_equal(zh_buf_append(&b, "abc", 3), ZH_OK);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	assert_int_equal(zh_buf_puts(&b, "дом"), ZH_OK);
	assert_int_equal(b.len, 3 + strlen("дом"));
	assert_string_equal(b.data, "abcдом");
	/* binary data with a NUL inside is kept byte for byte */
	assert_int_equal(zh_buf_append(&b, "x\0y", 3), ZH_OK);
	assert_int_equal(b.len, 12);
	assert_memory_equal(b.data + 9, "x\0y", 3);
	assert_int_equal(b.data[12], '\0');
	/* an empty append on an empty buffer still gives a terminated string */
	struct zh_buf e;
	zh_buf_init(&e, 10);
	assert_int_equal(zh_buf_append(&e, "", 0), ZH_OK);
	assert_non_null(e.data);
	assert_string_equal(e.data, "");
	zh_buf_free(&e);
	zh_buf_free(&b);
}

static void test_cap_enforced_unchanged(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 10);
	assert_int_equal(zh_buf_append(&b, "12345678", 8), ZH_OK);
	char *data = b.data;
	size_t cap = b.cap;

	assert_int_equal(zh_buf_append(&b, "abc", 3), ZH_ETOOBIG);
	assert_int_equal(b.len, 8);
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.data, "12345678");

	/* filling up to exactly max is allowed */
	assert_int_equal(zh_buf_append(&b, "90", 2), ZH_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "1234567890");
	assert_true(b.cap <= b.max + 1);

	assert_int_equal(zh_buf_append(&b, "x", 1), ZH_ETOOBIG);
	assert_int_equal(zh_buf_puts(&b, "x"), ZH_ETOOBIG);
	assert_int_equal(zh_buf_printf(&b, "%d", 1), ZH_ETOOBIG);
	assert_string_equal(b.data, "1234567890");
	assert_int_equal(zh_buf_append(&b, "", 0), ZH_OK);
	assert_int_equal(b.len, 10);
	zh_buf_free(&b);
}

static void test_oversized_single_append(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 16);
	char big[17];
	memset(big, 'z', sizeof big);
	assert_int_equal(zh_buf_append(&b, big, sizeof big), ZH_ETOOBIG);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	/* a length that would wrap around size_t is refused, not wrapped */
	assert_int_equal(zh_buf_append(&b, big, 1), ZH_OK);
	assert_int_equal(zh_buf_append(&b, big, SIZE_MAX), ZH_ETOOBIG);
	assert_int_equal(zh_buf_append(&b, big, SIZE_MAX - 1), ZH_ETOOBIG);
	assert_int_equal(b.len, 1);
	assert_string_equal(b.data, "z");
	zh_buf_free(&b);
}

static void test_zero_max(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 0);
	assert_int_equal(zh_buf_append(&b, "a", 1), ZH_ETOOBIG);
	assert_int_equal(zh_buf_append(&b, "", 0), ZH_OK);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	zh_buf_free(&b);
}

static void test_growth(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 1 << 20);
	/* many small appends cross the initial capacity several times */
	for (int i = 0; i < 1000; i++)
		assert_int_equal(zh_buf_printf(&b, "%03d,", i), ZH_OK);
	assert_int_equal(b.len, 4000);
	assert_true(b.cap > b.len);
	assert_memory_equal(b.data, "000,001,002,", 12);
	assert_memory_equal(b.data + 3996, "999,", 4);
	assert_int_equal(b.data[4000], '\0');
	zh_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 1 << 20); /* free keeps the limit for reuse */
}

static void test_printf_long(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 1 << 20);
	char *s = malloc(3001);
	assert_non_null(s);
	for (int i = 0; i < 3000; i++)
		s[i] = (char)('a' + i % 26);
	s[3000] = '\0';
	assert_int_equal(zh_buf_puts(&b, "head:"), ZH_OK);
	/* longer than the internal 512-byte buffer */
	assert_int_equal(zh_buf_printf(&b, "[%s]#%d", s, 77), ZH_OK);
	assert_int_equal(b.len, 5 + 1 + 3000 + 1 + 3);
	assert_memory_equal(b.data, "head:[", 6);
	assert_memory_equal(b.data + 6, s, 3000);
	assert_string_equal(b.data + 3006, "]#77");
	/* boundary of the small buffer */
	for (int n = 508; n < 516; n++) {
		zh_buf_reset(&b);
		assert_int_equal(zh_buf_printf(&b, "%*d", n, 5), ZH_OK);
		assert_int_equal(b.len, (size_t)n);
		assert_int_equal(b.data[n - 1], '5');
	}
	free(s);
	zh_buf_free(&b);
}

static void test_printf_over_max_unchanged(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 600);
	assert_int_equal(zh_buf_puts(&b, "keep"), ZH_OK);
	assert_int_equal(zh_buf_printf(&b, "%700d", 1), ZH_ETOOBIG);
	assert_int_equal(zh_buf_printf(&b, "%597d", 1), ZH_ETOOBIG); /* 4 + 597 = 601 > 600 */
	assert_int_equal(b.len, 4);
	assert_string_equal(b.data, "keep");
	assert_int_equal(zh_buf_printf(&b, "%596d", 1), ZH_OK);
	assert_int_equal(b.len, 600);
	assert_true(b.cap <= b.max + 1);
	zh_buf_free(&b);
}

static void test_reset_reuses(void **state)
{
	(void)state;
	struct zh_buf b;
	zh_buf_init(&b, 64);
	zh_buf_reset(&b); /* on an empty buffer: nothing to do */
	assert_null(b.data);
	assert_int_equal(zh_buf_puts(&b, "first contents"), ZH_OK);
	size_t cap = b.cap;
	zh_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(b.cap, cap);
	assert_int_equal(zh_buf_puts(&b, "2nd"), ZH_OK);
	assert_string_equal(b.data, "2nd");
	zh_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_append_terminates),
		cmocka_unit_test(test_cap_enforced_unchanged),
		cmocka_unit_test(test_oversized_single_append),
		cmocka_unit_test(test_zero_max),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_printf_long),
		cmocka_unit_test(test_printf_over_max_unchanged),
		cmocka_unit_test(test_reset_reuses),
	};
	return cmocka_run_group_tests_name("core/buf", tests, NULL, NULL);
}
