/* lessons.c: a substitute passes the journal scope check for the substituted lesson only;
 * calendar date helpers */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tz.h"
#include "domain/acl.h"
#include "domain/lessons.h"
#include "domain/scope.h"
#include "store/classes.h"
#include "store/lessons.h"

struct fixture {
	char dir[64], path[128];
	struct zh_store *store;
	int64_t school, c5a, math, art, period;
	int64_t math_teacher, sub_teacher, other_teacher, l1, l2, l3;
};

static int64_t person(struct zh_db *db, const char *last, const char *first)
{
	struct zh_person_row p = { .last_name = last, .first_name = first, .middle_name = "", .gender = "f" };
	int64_t id = 0;
	assert_int_equal(zh_store_person_insert(db, &p, "", &id), ZH_OK);
	return id;
}

static int64_t lesson(struct fixture *f, struct zh_db *db, const char *date, int num, int64_t subject)
{
	struct zh_ls_new l = { .school_id = f->school, .period_id = f->period, .class_id = f->c5a, .subject_id = subject,
			       .teacher_id = f->math_teacher, .date = date, .lesson_number = num };
	int64_t id = 0;
	assert_int_equal(zh_store_lesson_insert(db, &l, &id), ZH_OK);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct zh_fail fail = { 0 };
	int64_t region, year;
	snprintf(f->dir, sizeof f->dir, "/tmp/zh-lessons-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	struct zh_store_opts o = { .path = f->path, .pool_size = 1, .create = true, .migrate = true };
	if (zh_store_open(&o, &f->store, &fail) != ZH_OK)
		return -1;
	struct zh_db *db = zh_store_acquire(f->store);
	zh_db_begin(db, true);
	zh_store_region_insert(db, "Самарская область", &region);
	zh_store_school_insert(db, region, "Школа", "Школа", NULL, &f->school);
	zh_acl_seed_school(db, f->school);
	zh_store_year_insert(db, f->school, "2026/2027", "2026-09-01", "2027-08-31", &year);
	struct zh_period_kind_row k = { .grade_from = 1, .grade_to = 11, .kind = "quarter" };
	struct zh_period_row p = { .kind = "quarter", .name = "2 четверть", .start_date = "2026-11-05",
				   .end_date = "2026-12-28", .number = 2 };
	assert_int_equal(zh_store_periods_replace(db, f->school, year, &k, 1, &p, 1), ZH_OK);
	struct zh_arena *a = zh_arena_new();
	struct zh_period_row *ps;
	size_t np;
	assert_int_equal(zh_store_periods(db, a, f->school, year, &ps, &np), ZH_OK);
	assert_int_equal(np, 1);
	f->period = ps[0].id;
	zh_arena_free(a);
	f->math_teacher = person(db, "Борисова", "Вера");
	f->sub_teacher = person(db, "Петрова", "Анна");
	f->other_teacher = person(db, "Сидорова", "Галина");
	zh_store_class_insert(db, f->school, year, 5, "А", f->other_teacher, &f->c5a);
	zh_store_subject_insert(db, f->school, "Математика", "Матем.", &f->math);
	zh_store_subject_insert(db, f->school, "Изобразительное искусство", "ИЗО", &f->art);
	zh_store_teacher_subject_add(db, f->school, f->math_teacher, f->math, f->c5a);
	f->l1 = lesson(f, db, "2026-11-24", 1, f->math);
	f->l2 = lesson(f, db, "2026-11-25", 1, f->math);
	f->l3 = lesson(f, db, "2026-11-24", 2, f->art);
	assert_int_equal(zh_store_lesson_change_insert(db, f->school, f->l1, "substitution", f->sub_teacher, 0, "", 0, 0,
						       NULL),
			 ZH_OK);
	if (zh_db_commit(db) != ZH_OK)
		return -1;
	zh_store_release(db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];
	zh_store_close(f->store);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static enum zh_err check(struct fixture *f, int64_t person_id, int role, const char *family, struct zh_target t)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_ctx c;
	memset(&c, 0, sizeof c);
	c.arena = a;
	c.store = f->store;
	c.person_id = person_id;
	c.school_id = f->school;
	c.roles[role] = 1;
	assert_int_equal(zh_acl_ops_for(zh_ctx_db(&c), f->school, c.roles, &c.ops), ZH_OK);
	enum zh_err e = zh_scope_check(&c, family, &t);
	zh_ctx_done(&c);
	zh_arena_free(a);
	return e;
}

static void substitute_gets_that_lesson_only(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l1 }),
			 ZH_OK);
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "journal.view", (struct zh_target){ .lesson_id = f->l1 }),
			 ZH_OK);
	/* the same class and subject on another date, and the class+subject without a lesson */
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l2 }),
			 ZH_EFORBIDDEN);
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "journal.edit",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->math }),
			 ZH_EFORBIDDEN);
	/* only journal families: a substitution grants nothing else */
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "people.manage", (struct zh_target){ .lesson_id = f->l1 }),
			 ZH_EFORBIDDEN);
	/* an unknown lesson */
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = 99999 }),
			 ZH_EFORBIDDEN);
}

static void subject_teacher_and_class_teacher_by_lesson(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l1 }),
			 ZH_OK);
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l2 }),
			 ZH_OK);
	/* another subject of the class is not the math teacher's */
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l3 }),
			 ZH_EFORBIDDEN);
	/* the class teacher views every lesson of the class, edits none of another's subject */
	assert_int_equal(check(f, f->other_teacher, ZH_ROLE_TEACHER, "journal.view", (struct zh_target){ .lesson_id = f->l3 }),
			 ZH_OK);
	assert_int_equal(check(f, f->other_teacher, ZH_ROLE_TEACHER, "journal.edit", (struct zh_target){ .lesson_id = f->l3 }),
			 ZH_EFORBIDDEN);
	/* the head sees everything */
	assert_int_equal(check(f, f->sub_teacher, ZH_ROLE_HEAD, "journal.view", (struct zh_target){ .lesson_id = f->l2 }),
			 ZH_OK);
}

static void date_helpers(void **state)
{
	char d[11];
	(void)state;
	assert_int_equal(zh_days_civil(1970, 1, 1), 0);
	assert_int_equal(zh_day_weekday(zh_days_civil(2026, 11, 22)), 7); /* a Sunday */
	assert_int_equal(zh_day_weekday(zh_days_civil(2026, 9, 1)), 2);   /* a Tuesday */
	zh_day_string(zh_days_civil(2028, 2, 29) + 1, d);
	assert_string_equal(d, "2028-03-01");
	zh_day_string(zh_days_civil(2026, 12, 31) + 1, d);
	assert_string_equal(d, "2027-01-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(substitute_gets_that_lesson_only, setup, teardown),
		cmocka_unit_test_setup_teardown(subject_teacher_and_class_teacher_by_lesson, setup, teardown),
		cmocka_unit_test(date_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
