/* finals.h: storage of period, year, exam and final marks, their history, the overdue list
 * (issue 5: M-09, slice FINALS) */
#ifndef ZH_STORE_FINALS_H
#define ZH_STORE_FINALS_H

#include "store/store.h"

/* A class with what the finals need: its year, whether the year is closed, its period kind. */
struct zh_fin_class {
	int64_t id, year_id, class_teacher_id;
	const char *name;
	const char *period_kind; /* "quarter" | "half" | "trimester" (year_period_kinds of its grade) */
	int grade;
	bool year_closed;
};
/* ZH_ENOTFOUND when the class is not of the school. */
enum zh_err zh_store_fin_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			       struct zh_fin_class *out);

struct zh_fin_subject {
	int64_t id;
	const char *name;
	bool pass_fail;
};
enum zh_err zh_store_fin_subject(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t subject_id,
				 struct zh_fin_subject *out);
/* A subgroup of that class and subject; ZH_ENOTFOUND otherwise. */
enum zh_err zh_store_fin_subgroup(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				  int64_t subject_id, int64_t subgroup_id, const char **name);

struct zh_fin_period {
	int64_t id;
	int number;
	const char *kind, *name, *start_date, *end_date;
};
/* The periods of one kind of a year, in order. */
enum zh_err zh_store_fin_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				 const char *kind, struct zh_fin_period **rows, size_t *n);
/* One period of the school (any kind); ZH_ENOTFOUND otherwise. */
enum zh_err zh_store_fin_period(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				int64_t *year_id, struct zh_fin_period *out);

struct zh_fin_student {
	int64_t id;
	const char *name;       /* "Фамилия Имя" */
	const char *full_name;  /* "Фамилия Имя Отчество" */
};
/* Students of the class (of the subgroup when subgroup_id != 0) in Russian order. */
enum zh_err zh_store_fin_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				  int64_t subgroup_id, struct zh_fin_student **rows, size_t *n);

/* Current marks of kind 'mark' of a class and subject, each with the period (of `kind` in year_id)
 * its lesson's date falls in. */
struct zh_fin_cur {
	int64_t student_id, period_id;
	int value;
	double weight;
};
enum zh_err zh_store_fin_current(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 int64_t subject_id, int64_t year_id, const char *kind, struct zh_fin_cur **rows,
				 size_t *n);

struct zh_fin_mark {
	int64_t id, student_id, subject_id, year_id, period_id; /* period_id 0 unless kind "period" */
	const char *kind, *code, *comment;                      /* code NULL when value is set */
	int value;                                              /* meaningful when code is NULL */
};
/* Final marks of the students of a class (current members) in one subject and year. */
enum zh_err zh_store_fin_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			       int64_t subject_id, int64_t year_id, struct zh_fin_mark **rows, size_t *n);
enum zh_err zh_store_fin_insert(struct zh_db *db, int64_t school_id, const struct zh_fin_mark *m, int64_t by,
				int64_t now, int64_t *id);
enum zh_err zh_store_fin_update(struct zh_db *db, int64_t school_id, const struct zh_fin_mark *m, int64_t by,
				int64_t now);
enum zh_err zh_store_fin_delete(struct zh_db *db, int64_t school_id, int64_t id);

/* The school's special mark codes (н/а, осв, зач, незач …). */
enum zh_err zh_store_fin_codes(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char ***codes,
			       size_t *n);

/* ---- journal history (entities 'final' and 'attendance' of this slice) ---- */
struct zh_fin_hist {
	int64_t id, entity_id, lesson_id, student_id, subject_id, user_id, unlock_id, at;
	const char *entity, *user_name, *old_value, *new_value; /* JSON texts or NULL */
};
enum zh_err zh_store_fin_hist_insert(struct zh_db *db, int64_t school_id, const struct zh_fin_hist *h);
/* Oldest first; student_id 0 = any. */
enum zh_err zh_store_fin_hist_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char *entity,
				   int64_t entity_id, int64_t student_id, struct zh_fin_hist **rows, size_t *n);

/* ---- the deputy's overdue list ---- */
struct zh_fin_overdue {
	int64_t class_id, subject_id, teacher_id, subgroup_id;
	const char *class_name, *subject_name, *teacher_name, *subgroup_name;
	int64_t students, missing;
};
/* Journals (teacher load rows) of classes of the period's year whose grades use the period's kind
 * (grades 2–11) with at least one student lacking a period mark. One statement. */
enum zh_err zh_store_fin_overdue(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				 struct zh_fin_overdue **rows, size_t *n);

#endif
