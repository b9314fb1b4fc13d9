/* timetable.h: store of bell schedules and the weekly timetable (M-07) */
#ifndef ZH_STORE_TIMETABLE_H
#define ZH_STORE_TIMETABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* ---- bell schedules ---- */
struct zh_bell_schedule_row {
	int64_t id;
	const char *name;
	int shift;
	bool is_default;
};
struct zh_bell_row {
	int64_t schedule_id;
	int number;
	const char *start, *end;
};
enum zh_err zh_store_bell_schedules(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    struct zh_bell_schedule_row **rows, size_t *n);
/* Every bell of the school ordered by schedule and lesson number. */
enum zh_err zh_store_bells(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			   struct zh_bell_row **rows, size_t *n);
/* The default schedule of a shift; ZH_ENOTFOUND when none. */
enum zh_err zh_store_bell_schedule_of_shift(struct zh_db *db, int64_t school_id, int shift, int64_t *id);
enum zh_err zh_store_bell_schedule_insert(struct zh_db *db, int64_t school_id, const char *name, int shift,
					  int64_t *id);
enum zh_err zh_store_bell_schedule_rename(struct zh_db *db, int64_t school_id, int64_t id, const char *name);
enum zh_err zh_store_bells_clear(struct zh_db *db, int64_t school_id, int64_t schedule_id);
/* Lesson numbers used by timetable entries of classes of the shift in periods ending on or after
 * `from` (ascending, distinct). */
enum zh_err zh_store_shift_numbers_used(struct zh_db *db, struct zh_arena *a, int64_t school_id, int shift,
					const char *from, int **numbers, size_t *n);
enum zh_err zh_store_bell_insert(struct zh_db *db, int64_t school_id, int64_t schedule_id, int number,
				 const char *start, const char *end);

/* ---- timetable entries ---- */
struct zh_tt_row {
	int64_t id, period_id;
	int weekday, lesson;
	int64_t class_id, subgroup_id, subject_id, teacher_id, room_id;  /* 0 = none */
	const char *class_name, *subgroup_name, *subject_name, *teacher_name, *room_name;
};
struct zh_tt_filter {
	int64_t period_id;   /* required */
	int64_t class_id, teacher_id, room_id;
	int64_t student_id;  /* the student's class, whole-class entries and own subgroups only */
};
enum zh_err zh_store_tt_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     const struct zh_tt_filter *f, struct zh_tt_row **rows, size_t *n);
enum zh_err zh_store_tt_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			    struct zh_tt_row *out);
enum zh_err zh_store_tt_insert(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r, int64_t now,
			       int64_t *id);
enum zh_err zh_store_tt_update(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r);
enum zh_err zh_store_tt_delete(struct zh_db *db, int64_t school_id, int64_t id);
/* Entries (other than except_id) in periods overlapping r's period at the same weekday and
 * lesson number that share r's teacher, room or class. */
enum zh_err zh_store_tt_clashes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const struct zh_tt_row *r, int64_t except_id, struct zh_tt_row **rows, size_t *n);

/* What validating an entry needs, in one read. 0/false = missing. */
struct zh_tt_facts {
	int64_t period_year, class_year, subgroup_class, subgroup_subject;
	int class_shift;
	bool subject_ok, teacher_ok, room_ok, bell_ok, in_load, kind_ok;
};
enum zh_err zh_store_tt_facts(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r,
			      struct zh_tt_facts *out);

/* ---- views and demo ---- */
struct zh_tt_period_row {
	int64_t id, year_id;
	const char *kind, *name, *start_date, *end_date;
};
/* Periods of the school's years that have classes, newest year first. */
enum zh_err zh_store_tt_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_tt_period_row **rows, size_t *n);
struct zh_tt_named {
	int64_t id;
	const char *name;
	int grade;          /* classes */
	int64_t year_id;    /* classes */
	int64_t subject_id; /* rooms */
};
enum zh_err zh_store_tt_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_tt_named **rows, size_t *n);
enum zh_err zh_store_tt_teachers(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 struct zh_tt_named **rows, size_t *n);
enum zh_err zh_store_tt_rooms(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      struct zh_tt_named **rows, size_t *n);
/* The period kind of a grade in a year ("" when none). */
enum zh_err zh_store_tt_grade_kind(struct zh_db *db, struct zh_arena *a, int64_t year_id, int grade,
				   const char **kind);

/* Teacher load rows of a year for the demo: class, subgroup, subject, teacher, hours. */
struct zh_tt_load {
	int64_t id, class_id, subgroup_id, subject_id, teacher_id;
	int hours, grade;
	const char *subject_name;
};
enum zh_err zh_store_tt_loads(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
			      struct zh_tt_load **rows, size_t *n);
enum zh_err zh_store_tt_load_set_teacher(struct zh_db *db, int64_t school_id, int64_t load_id,
					 int64_t teacher_id);

#endif
