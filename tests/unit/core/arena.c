/* arena.c: tests of the region allocator (src/core/arena.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

static int setup(void **state)
{
	struct zh_arena *a = zh_arena_new();
	if (!a)
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	zh_arena_free(*state);
	return 0;
}

static void test_alignment(void **state)
{
	struct zh_arena *a = *state;
	static const size_t sizes[] = { 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 4095, 4097, 9000, 5 };
	for (int round = 0; round < 50; round++)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			void *p = zh_arena_alloc(a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
			assert_int_equal((uintptr_t)p % 16, 0);
		}
}

static void test_zeroed(void **state)
{
	struct zh_arena *a = *state;
	/* dirty the heap first so that fresh blocks are unlikely to be zero by chance */
	for (int i = 0; i < 16; i++) {
		void *junk = malloc(8192 + 64);
		assert_non_null(junk);
		memset(junk, 0xA5, 8192 + 64);
		free(junk);
	}
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(round * 37 % 700) + 1;
		unsigned char *p = zh_arena_alloc(a, n);
		assert_non_null(p);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xFF, n); /* the next allocation must not see this */
	}
	unsigned char *big = zh_arena_alloc(a, 100000);
	assert_non_null(big);
	for (size_t k = 0; k < 100000; k++)
		assert_int_equal(big[k], 0);
}

static void test_zero_size(void **state)
{
	struct zh_arena *a = *state;
	void *p = zh_arena_alloc(a, 0);
	void *q = zh_arena_alloc(a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
}

static void test_overflowing_size(void **state)
{
	struct zh_arena *a = *state;
	/* rounding these up to the alignment wraps around: refused before any malloc */
	assert_null(zh_arena_alloc(a, SIZE_MAX));
	assert_null(zh_arena_alloc(a, SIZE_MAX - 8));
	assert_null(zh_arena_alloc(a, SIZE_MAX - 14));
	/* the arena still works afterwards */
	char *s = zh_arena_strdup(a, "still fine");
	assert_string_equal(s, "still fine");
}

static void test_big_allocations_keep_data(void **state)
{
	struct zh_arena *a = *state;
	char *before[20], *bigs[3], *after[20];
	for (int i = 0; i < 20; i++)
		before[i] = zh_arena_printf(a, "before-%d", i);
	for (int i = 0; i < 3; i++) {
		size_t n = (size_t)(i + 1) * 1000 * 1000;
		bigs[i] = zh_arena_alloc(a, n);
		assert_non_null(bigs[i]);
		memset(bigs[i], 'a' + i, n); /* ASan reports any write past the block */
	}
	for (int i = 0; i < 20; i++)
		after[i] = zh_arena_printf(a, "after-%d", i);
	for (int i = 0; i < 20; i++) {
		char want[32];
		snprintf(want, sizeof want, "before-%d", i);
		assert_string_equal(before[i], want);
		snprintf(want, sizeof want, "after-%d", i);
		assert_string_equal(after[i], want);
	}
	for (int i = 0; i < 3; i++) {
		size_t n = (size_t)(i + 1) * 1000 * 1000;
		assert_int_equal(bigs[i][0], 'a' + i);
		assert_int_equal(bigs[i][n - 1], 'a' + i);
	}
	/* exactly at and around the block size */
	for (size_t n = 4090; n < 4100; n++)
		assert_non_null(zh_arena_alloc(a, n));
	for (size_t n = 8180; n < 8200; n++) {
		unsigned char *p = zh_arena_alloc(a, n);
		assert_non_null(p);
		memset(p, 1, n);
	}
}

static void test_many_small_distinct(void **state)
{
	struct zh_arena *a = *state;
	enum { N = 5000 };
	int **ptrs = malloc(N * sizeof *ptrs);
	assert_non_null(ptrs);
	for (int i = 0; i < N; i++) {
		ptrs[i] = zh_arena_alloc(a, sizeof(int) * 3);
		assert_non_null(ptrs[i]);
		ptrs[i][0] = i;
		ptrs[i][2] = -i;
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal(ptrs[i][0], i);
		assert_int_equal(ptrs[i][1], 0);
		assert_int_equal(ptrs[i][2], -i);
	}
	free(ptrs);
}

static void test_strdup(void **state)
{
	struct zh_arena *a = *state;
	const char *src = "Журнал";
	char *s = zh_arena_strdup(a, src);
	assert_non_null(s);
	assert_ptr_not_equal(s, src);
	assert_string_equal(s, src);
	assert_null(zh_arena_strdup(a, NULL));
	char *e = zh_arena_strdup(a, "");
	assert_non_null(e);
	assert_string_equal(e, "");

	char *n = zh_arena_strndup(a, "abcdef", 3);
	assert_string_equal(n, "abc");
	/* strndup copies exactly n bytes and terminates, even from an unterminated buffer */
	char raw[4] = { 'w', 'x', 'y', 'z' };
	char *r = zh_arena_strndup(a, raw, sizeof raw);
	assert_string_equal(r, "wxyz");
	char *z = zh_arena_strndup(a, raw, 0);
	assert_string_equal(z, "");
}

static void test_printf(void **state)
{
	struct zh_arena *a = *state;
	char *s = zh_arena_printf(a, "%s-%d-%05.1f", "урок", 7, 3.25);
	assert_string_equal(s, "урок-7-003.2");

	/* longer than the internal small buffer: the second formatting pass */
	char big[1001];
	memset(big, 'q', 1000);
	big[1000] = '\0';
	char *l = zh_arena_printf(a, "<%s|%d>", big, 42);
	assert_non_null(l);
	assert_int_equal(strlen(l), 1000 + 5);
	assert_int_equal(l[0], '<');
	assert_memory_equal(l + 1, big, 1000);
	assert_string_equal(l + 1001, "|42>");

	/* exactly at the boundary of the small buffer (255 and 256 characters) */
	for (int n = 250; n < 262; n++) {
		char *p = zh_arena_printf(a, "%*s", n, "x");
		assert_int_equal(strlen(p), (size_t)n);
		assert_int_equal(p[n - 1], 'x');
		assert_int_equal(p[0], n > 1 ? ' ' : 'x');
	}
	char *e = zh_arena_printf(a, "%s", "");
	assert_string_equal(e, "");
}

static void test_used_counter(void **state)
{
	struct zh_arena *a = *state;
	assert_int_equal(zh_arena_used(a), 0);
	zh_arena_alloc(a, 10);
	assert_int_equal(zh_arena_used(a), 10);
	zh_arena_alloc(a, 0);
	assert_int_equal(zh_arena_used(a), 10);
	zh_arena_alloc(a, 1);
	assert_int_equal(zh_arena_used(a), 11);
	zh_arena_strdup(a, "abc"); /* 3 bytes and the terminator */
	assert_int_equal(zh_arena_used(a), 15);
	zh_arena_alloc(a, 50000);
	assert_int_equal(zh_arena_used(a), 50015);
	size_t before = zh_arena_used(a);
	zh_arena_printf(a, "%d", 12345);
	assert_int_equal(zh_arena_used(a), before + 6);
	/* a refused allocation does not count */
	before = zh_arena_used(a);
	assert_null(zh_arena_alloc(a, SIZE_MAX));
	assert_int_equal(zh_arena_used(a), before);
}

/* ---- cleanup callbacks ---- */

struct trace {
	char log[64];
	size_t n;
};

struct cb {
	struct trace *t;
	char tag;
};

static void record(void *arg)
{
	struct cb *c = arg;
	c->t->log[c->t->n++] = c->tag;
	c->t->log[c->t->n] = '\0';
}

static void test_defer_reverse_order(void **state)
{
	(void)state;
	struct trace t = { .n = 0 };
	struct zh_arena *a = zh_arena_new();
	assert_non_null(a);
	for (char tag = '1'; tag <= '5'; tag++) {
		/* the callback's argument lives in the arena itself: it must still be valid */
		struct cb *c = zh_arena_alloc(a, sizeof *c);
		c->t = &t;
		c->tag = tag;
		assert_int_equal(zh_arena_defer(a, record, c), 0);
		zh_arena_alloc(a, 6000); /* spread the callbacks over several blocks */
	}
	assert_int_equal(t.n, 0); /* nothing runs before the free */
	zh_arena_free(a);
	assert_string_equal(t.log, "54321");
}

static void release_malloced(void *p)
{
	free(p);
}

static void test_defer_releases_resources(void **state)
{
	struct zh_arena *a = *state;
	/* LeakSanitizer fails the run if these are not freed by the teardown's zh_arena_free */
	for (int i = 0; i < 10; i++) {
		void *p = malloc(100);
		assert_non_null(p);
		assert_int_equal(zh_arena_defer(a, release_malloced, p), 0);
	}
}

static void test_free_null(void **state)
{
	(void)state;
	zh_arena_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zeroed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overflowing_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_allocations_keep_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_small_distinct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strdup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_printf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_used_counter, setup, teardown),
		cmocka_unit_test(test_defer_reverse_order),
		cmocka_unit_test_setup_teardown(test_defer_releases_resources, setup, teardown),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests_name("core/arena", tests, NULL, NULL);
}
