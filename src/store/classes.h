/* classes.h: storage of years, periods, holidays, classes, subjects, subgroups, curriculum and
 * teacher load (M-05). Every function filters by school_id. */
#ifndef ZH_STORE_CLASSES_H
#define ZH_STORE_CLASSES_H

#include "store/store.h"

/* ---- academic years ---- */
struct zh_year_row {
	int64_t id;
	const char *name, *start_date, *end_date;
	bool closed;
};
enum zh_err zh_store_years_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_year_row **rows, size_t *n);
/* ZH_ENOTFOUND when absent or of another school. */
enum zh_err zh_store_year_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_year_row *out);
enum zh_err zh_store_year_update(struct zh_db *db, int64_t school_id, int64_t id, const char *name,
				 const char *start, const char *end);
/* Another year of the school (not except_id) whose dates overlap [start, end]: its id or 0. */
enum zh_err zh_store_year_overlapping(struct zh_db *db, int64_t school_id, int64_t except_id,
				      const char *start, const char *end, int64_t *other_id);
/* Earliest and latest date used by periods and holidays of the year (NULL when none). */
enum zh_err zh_store_year_used_span(struct zh_db *db, struct zh_arena *a, int64_t year_id,
				    const char **first, const char **last);

/* ---- period kinds, periods, holidays ---- */
struct zh_period_kind_row {
	int grade_from, grade_to;
	const char *kind; /* quarter | trimester | half */
};
struct zh_period_row {
	int64_t id;
	const char *kind, *name, *start_date, *end_date;
	int number;
};
struct zh_holiday_row {
	int64_t id, year_id;
	const char *name, *start_date, *end_date;
	int grade_from, grade_to;
};
enum zh_err zh_store_period_kinds(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, struct zh_period_kind_row **rows, size_t *n);
enum zh_err zh_store_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     int64_t year_id, struct zh_period_row **rows, size_t *n);
/* Replaces the kinds and the periods of the year; periods keep their ids by (kind, number). */
enum zh_err zh_store_periods_replace(struct zh_db *db, int64_t school_id, int64_t year_id,
				     const struct zh_period_kind_row *kinds, size_t nk,
				     const struct zh_period_row *periods, size_t np);
enum zh_err zh_store_holidays(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      int64_t year_id, struct zh_holiday_row **rows, size_t *n);
enum zh_err zh_store_holiday_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 int64_t id, struct zh_holiday_row *out);
enum zh_err zh_store_holiday_insert(struct zh_db *db, int64_t school_id, const struct zh_holiday_row *h,
				    int64_t *id);
enum zh_err zh_store_holiday_update(struct zh_db *db, int64_t school_id, const struct zh_holiday_row *h);
enum zh_err zh_store_holiday_delete(struct zh_db *db, int64_t school_id, int64_t id);

/* ---- classes ---- */
struct zh_class_row {
	int64_t id, year_id, class_teacher_id; /* 0 = no class teacher */
	int grade, shift;
	const char *letter, *name, *profile;
	const char *teacher_name;              /* "Фамилия Имя Отчество" or NULL */
	int64_t students;
	bool year_closed;
};
/* year_id 0 = every year. Ordered by grade, then letter in Russian order. */
enum zh_err zh_store_classes_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, struct zh_class_row **rows, size_t *n);
enum zh_err zh_store_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_class_row *out);
/* Grade, letter, name, profile, shift and class teacher (0 = none) of the class. */
enum zh_err zh_store_class_update(struct zh_db *db, int64_t school_id, const struct zh_class_row *c);
/* The id of the class named name in the year (0 = none). */
enum zh_err zh_store_class_by_name(struct zh_db *db, int64_t school_id, int64_t year_id,
				   const char *name, int64_t *id);
/* Deletes the class with its subgroups and teacher-load rows; ZH_ECONFLICT when it has students
 * or is referenced elsewhere (movements...). */
enum zh_err zh_store_class_delete(struct zh_db *db, int64_t school_id, int64_t id);

struct zh_class_student_row {
	int64_t id;
	const char *last_name, *first_name, *middle_name, *gender, *birth_date;
};
/* Students of a class in Russian order of last, first and middle names. */
enum zh_err zh_store_class_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t class_id, struct zh_class_student_row **rows, size_t *n);
/* The class of the student in the year (0 = none). */
enum zh_err zh_store_class_student_in_year(struct zh_db *db, int64_t school_id, int64_t student_id,
					   int64_t year_id, int64_t *class_id);
/* Removes the student from the class (and from its subgroups); ZH_ENOTFOUND when not in it. */
enum zh_err zh_store_class_student_remove(struct zh_db *db, int64_t school_id, int64_t class_id,
					  int64_t student_id);

/* True when the person has role_id in the school. */
enum zh_err zh_store_person_has_role(struct zh_db *db, int64_t school_id, int64_t person_id,
				     int role_id, bool *yes);
struct zh_person_brief {
	int64_t id;
	const char *full_name;
};
/* Persons with the role in the school, in Russian order. */
enum zh_err zh_store_persons_with_role(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int role_id, struct zh_person_brief **rows, size_t *n);

/* ---- subjects ---- */
struct zh_subject_row {
	int64_t id;
	const char *name, *short_name;
	bool pass_fail, archived;
};
enum zh_err zh_store_subjects_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   bool with_archived, struct zh_subject_row **rows, size_t *n);
enum zh_err zh_store_subject_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 struct zh_subject_row *out);
enum zh_err zh_store_subject_update(struct zh_db *db, int64_t school_id, const struct zh_subject_row *s);
/* True when curriculum, teacher load, subgroups or rooms refer to the subject. */
enum zh_err zh_store_subject_used(struct zh_db *db, int64_t school_id, int64_t id, bool *used);
enum zh_err zh_store_subject_delete(struct zh_db *db, int64_t school_id, int64_t id);

/* ---- subgroups ---- */
struct zh_subgroup_row {
	int64_t id, class_id, subject_id;
	const char *name, *subject_name;
	int64_t students;
};
enum zh_err zh_store_subgroups_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t class_id, struct zh_subgroup_row **rows, size_t *n);
enum zh_err zh_store_subgroup_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_subgroup_row *out);
enum zh_err zh_store_subgroup_insert(struct zh_db *db, int64_t school_id, int64_t class_id,
				     int64_t subject_id, const char *name, int64_t *id);
enum zh_err zh_store_subgroup_rename(struct zh_db *db, int64_t school_id, int64_t id, const char *name);
/* Deletes the subgroup with its members; ZH_ECONFLICT when teacher load refers to it. */
enum zh_err zh_store_subgroup_delete(struct zh_db *db, int64_t school_id, int64_t id);
/* Member ids in Russian order of names. */
enum zh_err zh_store_subgroup_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int64_t subgroup_id, struct zh_class_student_row **rows, size_t *n);
enum zh_err zh_store_subgroup_students_clear(struct zh_db *db, int64_t school_id, int64_t subgroup_id);
enum zh_err zh_store_subgroup_student_add(struct zh_db *db, int64_t school_id, int64_t subgroup_id,
					  int64_t student_id);

/* ---- curriculum ---- */
struct zh_curriculum_row {
	int grade;
	int64_t subject_id;
	double hours;
};
enum zh_err zh_store_curriculum(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				int64_t year_id, struct zh_curriculum_row **rows, size_t *n);
/* Sets one cell; hours 0 removes it. */
enum zh_err zh_store_curriculum_set(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				    int64_t subject_id, double hours);

/* ---- teacher load ---- */
struct zh_load_row {
	int64_t id, year_id, teacher_id, class_id, subgroup_id, subject_id; /* subgroup_id 0 = whole class */
	double hours;
	const char *teacher_name, *class_name, *subgroup_name, *subject_name;
	int grade;
};
struct zh_load_filter {
	int64_t year_id;              /* required */
	int64_t teacher_id, class_id; /* 0 = any */
};
/* Ordered by class (grade, letter), subject name, subgroup name, teacher. */
enum zh_err zh_store_load_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       const struct zh_load_filter *flt, struct zh_load_row **rows, size_t *n);
enum zh_err zh_store_load_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_load_row *out);
/* The id of a row with the same teacher, class, subject and subgroup (0 = none). */
enum zh_err zh_store_load_find(struct zh_db *db, int64_t school_id, const struct zh_load_row *l,
			       int64_t *id);
enum zh_err zh_store_load_insert(struct zh_db *db, int64_t school_id, const struct zh_load_row *l,
				 int64_t *id);
/* Teacher, subgroup and hours of the row. */
enum zh_err zh_store_load_update(struct zh_db *db, int64_t school_id, const struct zh_load_row *l);
enum zh_err zh_store_load_delete(struct zh_db *db, int64_t school_id, int64_t id);

#endif
