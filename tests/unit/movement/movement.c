/* movement.c: tests of the movement store: a withdrawn or graduated child's parents lose access
 * (zh_store_is_parent_of) after the leaving date; class lists lose the student */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "store/movement.h"

/* the day the checks are made on (the school's today) */
#define TODAY "2026-11-22"

struct fix {
	struct tmpstore ts;
	struct zh_db *db;
	int64_t school, year, cls, child, parent;
};

static int setup(void **state)
{
	struct fix *x = calloc(1, sizeof *x);
	int64_t region;
	if (!x || tmpstore_open(&x->ts, 1) != 0)
		return -1;
	x->db = zh_store_acquire(x->ts.store);
	struct zh_person_row child = { .last_name = "Иванов", .first_name = "Пётр", .middle_name = "" };
	struct zh_person_row parent = { .last_name = "Иванова", .first_name = "Анна", .middle_name = "" };
	if (zh_store_region_insert(x->db, "Регион", &region) ||
	    zh_store_school_insert(x->db, region, "Школа", "Школа", NULL, &x->school) ||
	    zh_store_year_insert(x->db, x->school, "2026/2027", "2026-09-01", "2027-08-31", &x->year) ||
	    zh_store_class_insert(x->db, x->school, x->year, 5, "А", 0, &x->cls) ||
	    zh_store_person_insert(x->db, &child, "иванов петр", &x->child) ||
	    zh_store_person_insert(x->db, &parent, "иванова анна", &x->parent) ||
	    zh_store_class_student_add(x->db, x->school, x->cls, x->child) ||
	    zh_store_parent_link_add(x->db, x->school, x->parent, x->child, "мать"))
		return -1;
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fix *x = *state;
	zh_store_release(x->db);
	tmpstore_close(&x->ts);
	free(x);
	return 0;
}

static bool parent_of(struct fix *x)
{
	bool yes = false;
	assert_int_equal(zh_store_is_parent_of(x->db, x->school, x->parent, x->child, TODAY, &yes), ZH_OK);
	return yes;
}

static void test_withdrawal_ends_parent_access(void **state)
{
	struct fix *x = *state;
	int64_t cls = -1;

	assert_true(parent_of(x));
	/* leaving in the future or today: still a parent of a student */
	assert_int_equal(zh_store_mv_student_left(x->db, x->school, x->child, "withdrawn", "2999-12-31"), ZH_OK);
	assert_true(parent_of(x));
	/* after the withdrawal date: no access */
	assert_int_equal(zh_store_mv_class_leave(x->db, x->school, x->cls, x->child), ZH_OK);
	assert_int_equal(zh_store_mv_student_left(x->db, x->school, x->child, "withdrawn", "2020-01-15"), ZH_OK);
	assert_false(parent_of(x));
	assert_int_equal(zh_store_mv_student_class_in_year(x->db, x->school, x->child, x->year, &cls), ZH_OK);
	assert_int_equal(cls, 0);
	/* enrolled again: access is back */
	assert_int_equal(zh_store_mv_student_enrolled(x->db, x->school, x->child, "2026-10-01"), ZH_OK);
	assert_true(parent_of(x));
	/* graduated long ago: no access */
	assert_int_equal(zh_store_mv_student_left(x->db, x->school, x->child, "graduated", "2021-06-25"), ZH_OK);
	assert_false(parent_of(x));
	/* a parent of another school never */
	bool yes = true;
	assert_int_equal(zh_store_is_parent_of(x->db, x->school + 1, x->parent, x->child, TODAY, &yes), ZH_OK);
	assert_false(yes);
}

static void test_movement_rows(void **state)
{
	struct fix *x = *state;
	struct zh_arena *a = zh_arena_new();
	struct zh_movement_row m = { .school_id = x->school, .student_id = x->child, .kind = "withdraw",
				     .date = "2026-10-16", .order_no = "139-у", .order_date = "2026-10-16",
				     .from_class_id = x->cls, .to_place = "Другой город", .created_at = 1 };
	struct zh_movement_row *rows;
	struct zh_movement_filter flt = { .school_id = x->school, .limit = 10 };
	size_t n;
	int64_t total;
	assert_non_null(a);
	assert_int_equal(zh_store_movement_insert(x->db, &m, &m.id), ZH_OK);
	assert_int_equal(zh_store_movements_list(x->db, a, &flt, &rows, &n, &total), ZH_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_string_equal(rows[0].last_name, "Иванов");
	assert_string_equal(rows[0].from_class, "5А");
	assert_null(rows[0].to_class);
	flt.kind = "enrol";
	assert_int_equal(zh_store_movements_list(x->db, a, &flt, &rows, &n, &total), ZH_OK);
	assert_int_equal(total, 0);
	zh_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_withdrawal_ends_parent_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_movement_rows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
