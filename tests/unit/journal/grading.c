/* grading.c: averages, rounding and forecasts against hand-computed values */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/grading.h"

static void test_average(void **state)
{
	(void)state;
	/* 5 (weight 1), 3 (weight 2), 4 (weight 1.5): arithmetic 12/3 = 4; weighted (5+6+6)/4.5 = 3.777… */
	struct zh_grade g[] = { { 5, 1 }, { 3, 2 }, { 4, 1.5 } };
	double a;
	assert_true(zh_grade_average(g, 3, false, &a));
	assert_true(a > 3.9999 && a < 4.0001);
	assert_true(zh_grade_average(g, 3, true, &a));
	assert_true(a > 3.7777 && a < 3.7778);
	assert_true(zh_grade_display(a) > 3.7799 && zh_grade_display(a) < 3.7801);
	assert_false(zh_grade_average(g, 0, true, &a));
	assert_true(a == 0);
}

static void test_suggest(void **state)
{
	(void)state;
	assert_int_equal(zh_grade_suggest(3.5, 0.5, 2, 5), 4);
	assert_int_equal(zh_grade_suggest(3.49, 0.5, 2, 5), 3);
	assert_int_equal(zh_grade_suggest(3.5, 0.6, 2, 5), 3);
	assert_int_equal(zh_grade_suggest(3.6, 0.6, 2, 5), 4);
	assert_int_equal(zh_grade_suggest(10.5 / 3.0, 0.5, 2, 5), 4); /* 3.5 as a binary fraction */
	assert_int_equal(zh_grade_suggest(1.2, 0.5, 2, 5), 2);        /* clamped to the scale */
	assert_int_equal(zh_grade_suggest(5.0, 0.5, 2, 5), 5);
	assert_int_equal(zh_grade_suggest(4.5, 0.5, 2, 5), 5);
}

static void test_needed(void **state)
{
	(void)state;
	/* 3, 3, 4 arithmetic: avg 3.33; to reach 4 (≥ 3.5) with 5s: (10+5k)/(3+k) ≥ 3.5 → k ≥ 1/3 → 1 */
	struct zh_grade g[] = { { 3, 1 }, { 3, 1 }, { 4, 1 } };
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 4, 5, 1, 20), 1);
	/* with 4s: (10+4k)/(3+k) ≥ 3.5 → 0.5k ≥ 0.5 → k = 1 */
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 4, 4, 1, 20), 1);
	/* to reach 5 (≥ 4.5) with 5s: (10+5k)/(3+k) ≥ 4.5 → 0.5k ≥ 3.5 → k = 7 */
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 5, 5, 1, 20), 7);
	/* 4s never reach 5 */
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 5, 4, 1, 20), -1);
	/* already there */
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 3, 5, 1, 20), 0);
	/* weighted: 2 (weight 2), 5 (weight 1): avg 3; one 5 of weight 2: (4+5+10)/5 = 3.8 → 4 */
	struct zh_grade w[] = { { 2, 2 }, { 5, 1 } };
	assert_int_equal(zh_grade_needed(w, 2, true, 0.5, 4, 5, 2, 20), 1);
	/* with weight 1 fives: (9+5k)/(3+k) ≥ 3.5 → 1.5k ≥ 1.5 → 1 */
	assert_int_equal(zh_grade_needed(w, 2, true, 0.5, 4, 5, 1, 20), 1);
	/* no marks yet: one 5 gives 5 */
	assert_int_equal(zh_grade_needed(NULL, 0, true, 0.5, 5, 5, 1, 20), 1);
	/* beyond the limit */
	assert_int_equal(zh_grade_needed(g, 3, false, 0.5, 5, 5, 1, 5), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_average),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_needed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
