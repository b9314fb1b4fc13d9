/* journal_demo.h: what the demo journal (src/demo/extend_journal.c) reads and writes — bulk reads
 * of the term's lessons and groups, and one INSERT per row through cached statements, all in the
 * caller's transaction (M-09) */
#ifndef ZH_STORE_JOURNAL_DEMO_H
#define ZH_STORE_JOURNAL_DEMO_H

#include "store/store.h"

/* The first school with its settings and the latest year that started on or before `date`. */
struct zh_jd_school {
	int64_t id, year_id;
	const char *timezone;
	int mark_min, mark_max;
	bool weighted;
	double round_threshold;
};
/* ZH_ENOTFOUND when there is no school or no such year. */
enum zh_err zh_store_jd_school(struct zh_db *db, struct zh_arena *a, const char *date, struct zh_jd_school *out);

/* A planned lesson of the year dated up to `to`, with the account of who taught it (the substitute's
 * when the lesson has a substitution), of its own teacher, and of the class teacher (0 when none). */
struct zh_jd_lesson {
	int64_t id, period_id, class_id, subgroup_id, subject_id, teacher_user, own_user, class_teacher_user;
	int grade, number;
	char date[11];
	const char *topic, *homework;
};
/* Ordered by class, subject, subgroup, date, lesson number (one group's lessons are contiguous). */
enum zh_err zh_store_jd_lessons(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				const char *to, struct zh_jd_lesson **rows, size_t *n);

/* A member of a class (group_id = class id) or of a subgroup (group_id = subgroup id), enrolled,
 * with the date from which the student attends ("" = from the start). */
struct zh_jd_member {
	int64_t group_id, student_id;
	char from[11];
};
/* Ordered by group, student. */
enum zh_err zh_store_jd_class_members(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				      struct zh_jd_member **rows, size_t *n);
enum zh_err zh_store_jd_subgroup_members(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t year_id, struct zh_jd_member **rows, size_t *n);

struct zh_jd_named {
	int64_t id;
	const char *name;
	double weight;  /* work types: the default weight */
	bool pass_fail; /* subjects: зачёт/незачёт */
};
enum zh_err zh_store_jd_work_types(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   struct zh_jd_named **rows, size_t *n);
enum zh_err zh_store_jd_subjects(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 struct zh_jd_named **rows, size_t *n);

struct zh_jd_period {
	int64_t id;
	char start[11], end[11];
};
enum zh_err zh_store_jd_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				struct zh_jd_period **rows, size_t *n);

/* ---- writes (no history: the demo's initial state) ---- */
enum zh_err zh_store_jd_lesson_content(struct zh_db *db, int64_t lesson_id, const char *topic, const char *homework);
enum zh_err zh_store_jd_homework_individual(struct zh_db *db, int64_t school_id, int64_t lesson_id,
					    int64_t student_id, const char *text);
struct zh_jd_assignment {
	int64_t school_id, lesson_id, work_type_id, created_by, created_at;
	double weight;
	const char *description;
	int position;
};
enum zh_err zh_store_jd_assignment(struct zh_db *db, const struct zh_jd_assignment *r, int64_t *id);
struct zh_jd_mark {
	int64_t school_id, lesson_id, assignment_id, student_id, created_by, created_at, updated_at;
	const char *kind; /* mark, point, pass, fail */
	int value;        /* kind 'mark' only */
	const char *comment;
};
enum zh_err zh_store_jd_mark(struct zh_db *db, const struct zh_jd_mark *r);
struct zh_jd_attendance {
	int64_t school_id, lesson_id, student_id, updated_by, updated_at;
	const char *code, *reason; /* reason NULL = none */
	const char *comment;
};
enum zh_err zh_store_jd_attendance(struct zh_db *db, const struct zh_jd_attendance *r);
struct zh_jd_final {
	int64_t school_id, year_id, student_id, subject_id, period_id, created_by, created_at;
	int value;        /* 0 = code */
	const char *code; /* н/а, зач, незач when value is 0 */
};
enum zh_err zh_store_jd_final(struct zh_db *db, const struct zh_jd_final *r);

#endif
