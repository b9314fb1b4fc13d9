/* scope.c: tests of src/domain/scope.c: own class, own subject, own child and self resolved on data */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/acl.h"
#include "domain/scope.h"

struct fixture {
	char dir[64], path[128];
	struct zh_store *store;
	int64_t school, c5a, c5b, math, art;
	int64_t class_teacher, math_teacher, student, student2, parent, parent2, head;
};

static int64_t person(struct zh_db *db, const char *last, const char *first)
{
	struct zh_person_row p = { .last_name = last, .first_name = first, .middle_name = "", .gender = "f" };
	int64_t id = 0;
	assert_int_equal(zh_store_person_insert(db, &p, "", &id), ZH_OK);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct zh_fail fail = { 0 };
	int64_t region, year, x;
	snprintf(f->dir, sizeof f->dir, "/tmp/zh-scope-XXXXXX");
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
	f->class_teacher = person(db, "Андреева", "Анна");
	f->math_teacher = person(db, "Борисова", "Вера");
	f->student = person(db, "Ёлкина", "Дарья");
	f->student2 = person(db, "Юрьева", "Ольга");
	f->parent = person(db, "Ёлкина", "Мария");
	f->parent2 = person(db, "Юрьева", "Ирина");
	f->head = person(db, "Сидорова", "Галина");
	zh_store_class_insert(db, f->school, year, 5, "А", f->class_teacher, &f->c5a);
	zh_store_class_insert(db, f->school, year, 5, "Б", f->math_teacher, &f->c5b);
	zh_store_subject_insert(db, f->school, "Математика", "Матем.", &f->math);
	zh_store_subject_insert(db, f->school, "Изобразительное искусство", "ИЗО", &f->art);
	zh_store_teacher_subject_add(db, f->school, f->math_teacher, f->math, f->c5a);
	zh_store_teacher_subject_add(db, f->school, f->class_teacher, f->art, f->c5b);
	zh_store_class_student_add(db, f->school, f->c5a, f->student);
	zh_store_class_student_add(db, f->school, f->c5b, f->student2);
	zh_store_parent_link_add(db, f->school, f->parent, f->student, "мать");
	zh_store_parent_link_add(db, f->school, f->parent2, f->student2, "мать");
	(void)x;
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

/* A context acting as person_id with one role in the fixture school. */
static void actor(struct fixture *f, struct zh_ctx *c, struct zh_arena *a, int64_t person_id, int role)
{
	memset(c, 0, sizeof *c);
	c->arena = a;
	c->store = f->store;
	c->person_id = person_id;
	c->school_id = f->school;
	c->roles[role] = 1;
	assert_int_equal(zh_acl_ops_for(zh_ctx_db(c), f->school, c->roles, &c->ops), ZH_OK);
}

static enum zh_err check(struct fixture *f, int64_t person_id, int role, const char *family, struct zh_target t)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_ctx c;
	actor(f, &c, a, person_id, role);
	enum zh_err e = zh_scope_check(&c, family, &t);
	zh_ctx_done(&c);
	zh_arena_free(a);
	return e;
}

static void subject_teacher_sees_own_subject_only(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.view",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->math }), ZH_OK);
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.edit",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->math }), ZH_OK);
	/* another subject of the same class, and the same subject of a class not taught */
	assert_int_equal(check(f, f->math_teacher, ZH_ROLE_TEACHER, "journal.edit",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->art }), ZH_EFORBIDDEN);
	assert_int_equal(check(f, f->class_teacher, ZH_ROLE_TEACHER, "journal.edit",
			       (struct zh_target){ .class_id = f->c5b, .subject_id = f->math }), ZH_EFORBIDDEN);
}

static void class_teacher_sees_all_subjects_of_own_class_but_edits_none(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->class_teacher, ZH_ROLE_TEACHER, "journal.view",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->math }), ZH_OK);
	assert_int_equal(check(f, f->class_teacher, ZH_ROLE_TEACHER, "journal.edit",
			       (struct zh_target){ .class_id = f->c5a, .subject_id = f->math }), ZH_EFORBIDDEN);
	assert_int_equal(check(f, f->class_teacher, ZH_ROLE_TEACHER, "people.manage",
			       (struct zh_target){ .student_id = f->student }), ZH_OK);
	assert_int_equal(check(f, f->class_teacher, ZH_ROLE_TEACHER, "people.manage",
			       (struct zh_target){ .student_id = f->student2 }), ZH_EFORBIDDEN);
}

static void parent_sees_own_child_only(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->parent, ZH_ROLE_PARENT, "diary.view",
			       (struct zh_target){ .student_id = f->student }), ZH_OK);
	assert_int_equal(check(f, f->parent, ZH_ROLE_PARENT, "diary.view",
			       (struct zh_target){ .student_id = f->student2 }), ZH_EFORBIDDEN);
	/* an id that does not exist gets the same answer as another family's child */
	assert_int_equal(check(f, f->parent, ZH_ROLE_PARENT, "diary.view",
			       (struct zh_target){ .student_id = 999999 }), ZH_EFORBIDDEN);
	assert_int_equal(check(f, f->parent, ZH_ROLE_PARENT, "journal.view",
			       (struct zh_target){ .class_id = f->c5a }), ZH_EFORBIDDEN);
}

static void student_sees_self_only(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->student, ZH_ROLE_STUDENT, "diary.view",
			       (struct zh_target){ .student_id = f->student }), ZH_OK);
	assert_int_equal(check(f, f->student, ZH_ROLE_STUDENT, "diary.view",
			       (struct zh_target){ .student_id = f->student2 }), ZH_EFORBIDDEN);
}

static void head_reads_everything_and_edits_no_journal(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(check(f, f->head, ZH_ROLE_HEAD, "journal.view",
			       (struct zh_target){ .class_id = f->c5b, .subject_id = f->art }), ZH_OK);
	assert_int_equal(check(f, f->head, ZH_ROLE_HEAD, "journal.edit",
			       (struct zh_target){ .class_id = f->c5b, .subject_id = f->art }), ZH_EFORBIDDEN);
	assert_int_equal(check(f, f->head, ZH_ROLE_ADMIN, "journal.edit",
			       (struct zh_target){ .class_id = f->c5b, .subject_id = f->art }), ZH_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_teacher_sees_own_subject_only),
		cmocka_unit_test(class_teacher_sees_all_subjects_of_own_class_but_edits_none),
		cmocka_unit_test(parent_sees_own_child_only),
		cmocka_unit_test(student_sees_self_only),
		cmocka_unit_test(head_reads_everything_and_edits_no_journal),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
