/* fold.c: tests of Russian-aware folding (src/core/fold.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/fold.h"

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

static void folds(struct zh_arena *a, const char *in, const char *want)
{
	char *got = zh_fold(a, in, strlen(in));
	if (!got)
		fail_msg("zh_fold(\"%s\") returned NULL", in);
	assert_string_equal(got, want);
	char *dup = zh_fold_dup(in, strlen(in));
	assert_non_null(dup);
	assert_string_equal(dup, want);
	free(dup);
}

static void test_russian(void **state)
{
	struct zh_arena *a = *state;
	folds(a, "ЁЛКИН Пётр", "елкин петр");
	folds(a, "Ёлкин", "елкин");
	folds(a, "ёлка", "елка");
	folds(a, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдеежзийклмнопрстуфхцчшщъыьэюя");
	folds(a, "Иванова-Петрова Анна Сергеевна", "иванова-петрова анна сергеевна");
	/* «Пётр» and «ПЕТР» meet on the same search key */
	char *x = zh_fold(a, "Пётр", strlen("Пётр"));
	char *y = zh_fold(a, "ПЕТР", strlen("ПЕТР"));
	assert_string_equal(x, y);
}

static void test_latin_and_others(void **state)
{
	struct zh_arena *a = *state;
	folds(a, "ABC Def xyz", "abc def xyz");
	folds(a, "Ivanov.PETR 2026", "ivanov.petr 2026");
	folds(a, "ÀÉÎÕÜ", "àéîõü");
	folds(a, "ΑΒΓ", "αβγ");
	folds(a, "123 !?-_", "123 !?-_");
	folds(a, "", "");
}

static void test_length_bounded(void **state)
{
	struct zh_arena *a = *state;
	/* only n bytes are folded */
	char *s = zh_fold(a, "ПЁТР ИВАНОВ", strlen("ПЁТР"));
	assert_string_equal(s, "петр");
}

static void test_invalid_input(void **state)
{
	struct zh_arena *a = *state;
	assert_null(zh_fold(a, "\xff", 1));
	assert_null(zh_fold(a, "abc\xD0", 4));
	assert_null(zh_fold(a, "\xED\xA0\x80", 3));
	assert_null(zh_fold_dup("\xC0\xAF", 2));
	/* more than 1 MiB is refused */
	size_t n = (1u << 20) + 1;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'A', n);
	assert_null(zh_fold_dup(big, n));
	char *ok = zh_fold_dup(big, 1000);
	assert_non_null(ok);
	assert_int_equal(strlen(ok), 1000);
	assert_int_equal(ok[999], 'a');
	free(ok);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_russian, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latin_and_others, setup, teardown),
		cmocka_unit_test_setup_teardown(test_length_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_input, setup, teardown),
	};
	return cmocka_run_group_tests_name("core/fold", tests, NULL, NULL);
}
