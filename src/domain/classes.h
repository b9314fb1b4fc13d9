/* classes.h: academic years, periods, holidays, classes, subjects, subgroups, curriculum and
 * teacher load (M-05). Reads run in the caller's transaction; writes open their own, validate,
 * write and audit. A closed year refuses every write (ZH_ELOCKED, "year_closed"). */
#ifndef ZH_DOMAIN_CLASSES_H
#define ZH_DOMAIN_CLASSES_H

#include "domain/ctx.h"
#include "store/classes.h"

/* ---- the school's calendar ---- */
/* Today in the school's time zone, "YYYY-MM-DD" (11 bytes). */
enum zh_err zh_classes_today(struct zh_ctx *c, char out[11]);

/* ---- academic years ---- */
/* Years newest first; *current_id = the year containing the school's today (0 = none). */
enum zh_err zh_years_list(struct zh_ctx *c, struct zh_year_row **rows, size_t *n, int64_t *current_id);
enum zh_err zh_year_get(struct zh_ctx *c, int64_t id, struct zh_year_row *out);
/* year_id 0 → the current year (or the newest when none contains today). */
enum zh_err zh_year_resolve(struct zh_ctx *c, int64_t year_id, struct zh_year_row *out);
enum zh_err zh_year_create(struct zh_ctx *c, const char *name, const char *start, const char *end,
			   int64_t *id);
/* NULL fields are kept. */
enum zh_err zh_year_update(struct zh_ctx *c, int64_t id, const char *name, const char *start,
			   const char *end);

/* ---- periods and holidays ---- */
struct zh_period_scheme {
	struct zh_period_kind_row *kinds;
	size_t nk;
	struct zh_period_row *periods;
	size_t np;
	struct zh_holiday_row *holidays;
	size_t nh;
};
enum zh_err zh_periods_get(struct zh_ctx *c, int64_t year_id, struct zh_period_scheme *out);
/* Replaces kinds and periods of the year (holidays untouched) after validating the whole scheme. */
enum zh_err zh_periods_set(struct zh_ctx *c, int64_t year_id, const struct zh_period_kind_row *kinds,
			   size_t nk, const struct zh_period_row *periods, size_t np);
enum zh_err zh_holiday_create(struct zh_ctx *c, const struct zh_holiday_row *h, int64_t *id);
/* h->id names the holiday; NULL strings and zero grades are kept. */
enum zh_err zh_holiday_update(struct zh_ctx *c, const struct zh_holiday_row *h);
enum zh_err zh_holiday_delete(struct zh_ctx *c, int64_t id);

/* ---- classes ---- */
struct zh_class_input {
	int64_t year_id;           /* create only */
	int grade;                 /* 0 = keep */
	const char *letter;        /* NULL = keep */
	const char *profile;       /* NULL = keep */
	int shift;                 /* 0 = keep */
	bool set_teacher;          /* class_teacher_id given (0 = none) */
	int64_t class_teacher_id;
};
enum zh_err zh_classes_list(struct zh_ctx *c, int64_t year_id, struct zh_class_row **rows, size_t *n);
enum zh_err zh_class_get(struct zh_ctx *c, int64_t id, struct zh_class_row *out);
enum zh_err zh_class_create(struct zh_ctx *c, const struct zh_class_input *in, int64_t *id);
enum zh_err zh_class_update(struct zh_ctx *c, int64_t id, const struct zh_class_input *in);
/* Only an empty class. */
enum zh_err zh_class_delete(struct zh_ctx *c, int64_t id);
/* Students of the class (people.brief.view scoped by the class). */
enum zh_err zh_class_students(struct zh_ctx *c, int64_t id, struct zh_class_student_row **rows, size_t *n);
/* Persons with the teacher role in the school. */
enum zh_err zh_school_teachers(struct zh_ctx *c, struct zh_person_brief **rows, size_t *n);
/* Puts a student in a class (for the movement book; no transaction, no audit of its own):
 * ZH_ECONFLICT when the student is already in a class of that year, ZH_ELOCKED for a closed year. */
enum zh_err zh_class_student_put(struct zh_ctx *c, int64_t class_id, int64_t student_id);

/* ---- subjects ---- */
struct zh_subject_input {
	const char *name, *short_name;  /* NULL = keep */
	int pass_fail, archived;        /* -1 = keep */
};
enum zh_err zh_subjects_list(struct zh_ctx *c, bool with_archived, struct zh_subject_row **rows, size_t *n);
enum zh_err zh_subject_create(struct zh_ctx *c, const struct zh_subject_input *in, int64_t *id);
enum zh_err zh_subject_update(struct zh_ctx *c, int64_t id, const struct zh_subject_input *in);
/* Deletes an unused subject; a used one is archived instead (*archived = true). */
enum zh_err zh_subject_delete(struct zh_ctx *c, int64_t id, bool *archived);

/* ---- subgroups ---- */
enum zh_err zh_subgroups_list(struct zh_ctx *c, int64_t class_id, struct zh_subgroup_row **rows, size_t *n);
enum zh_err zh_subgroup_get(struct zh_ctx *c, int64_t id, struct zh_subgroup_row *out);
enum zh_err zh_subgroup_create(struct zh_ctx *c, int64_t class_id, int64_t subject_id, const char *name,
			       int64_t *id);
enum zh_err zh_subgroup_rename(struct zh_ctx *c, int64_t id, const char *name);
enum zh_err zh_subgroup_delete(struct zh_ctx *c, int64_t id);
enum zh_err zh_subgroup_students(struct zh_ctx *c, int64_t id, struct zh_class_student_row **rows, size_t *n);
/* Replaces the membership (subgroups.assign scoped by class and subject). */
enum zh_err zh_subgroup_set_students(struct zh_ctx *c, int64_t id, const int64_t *student_ids, size_t n);

/* ---- curriculum ---- */
enum zh_err zh_curriculum_get(struct zh_ctx *c, int64_t year_id, struct zh_curriculum_row **rows, size_t *n);
/* Sets the given cells (hours 0 clears a cell); field names rows[i].… on failure. */
enum zh_err zh_curriculum_set(struct zh_ctx *c, int64_t year_id, const struct zh_curriculum_row *rows, size_t n);

/* ---- teacher load ---- */
/* Per class and subject (and subgroup when the subject is split): planned vs loaded hours. */
struct zh_load_diff {
	int64_t class_id, subject_id, subgroup_id;
	const char *class_name, *subject_name, *subgroup_name;
	double plan, load;
};
struct zh_load_total {
	int64_t teacher_id;
	const char *teacher_name;
	double hours;
};
struct zh_load_report {
	struct zh_load_row *rows;
	size_t n;
	struct zh_load_total *totals;
	size_t ntotals;
	struct zh_load_diff *diffs;
	size_t ndiffs;
};
enum zh_err zh_load_report(struct zh_ctx *c, const struct zh_load_filter *flt, struct zh_load_report *out);
enum zh_err zh_load_create(struct zh_ctx *c, const struct zh_load_row *in, int64_t *id);
/* teacher_id 0 = keep; subgroup_id -1 = keep (0 = whole class); hours NULL = keep. */
enum zh_err zh_load_update(struct zh_ctx *c, int64_t id, int64_t teacher_id, int64_t subgroup_id,
			   const double *hours);
enum zh_err zh_load_delete(struct zh_ctx *c, int64_t id);
enum zh_err zh_load_get(struct zh_ctx *c, int64_t id, struct zh_load_row *out);

#endif
