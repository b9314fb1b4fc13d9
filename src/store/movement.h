/* movement.h: storage of the movement book (M-06) and the year rollover (M-05) */
#ifndef ZH_STORE_MOVEMENT_H
#define ZH_STORE_MOVEMENT_H

#include "store/store.h"

/* ---- classes and years as the movement book needs them ---- */
struct zh_mv_class {
	int64_t id, year_id, class_teacher_id, prev_class_id;
	int grade, shift;
	bool year_closed;
	const char *name, *letter, *profile, *year_name, *year_start, *year_end;
};
/* A class of the school (with its year); ZH_ENOTFOUND when absent. */
enum zh_err zh_store_mv_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t class_id, struct zh_mv_class *out);
/* Every class of a year, by grade and name. */
enum zh_err zh_store_mv_classes_of_year(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					int64_t year_id, struct zh_mv_class **rows, size_t *n);
/* The class of that name in the year; *id = 0 when none. */
enum zh_err zh_store_mv_class_find(struct zh_db *db, int64_t school_id, int64_t year_id,
				   const char *name, int64_t *id);
enum zh_err zh_store_mv_class_create(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				     const char *letter, int64_t teacher_id, const char *profile,
				     int shift, int64_t prev_class_id, int64_t *id);
enum zh_err zh_store_mv_class_set_prev(struct zh_db *db, int64_t school_id, int64_t class_id,
				       int64_t prev_class_id);

struct zh_mv_year {
	int64_t id;
	bool closed;
	const char *name, *start_date, *end_date;
};
enum zh_err zh_store_mv_year_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 struct zh_mv_year *out);
enum zh_err zh_store_mv_year_by_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     const char *name, struct zh_mv_year *out);
/* The year whose dates contain date (the newest when several do); ZH_ENOTFOUND when none. */
enum zh_err zh_store_mv_year_at(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const char *date, struct zh_mv_year *out);
/* Every year of the school, newest first; to_year_id[i] = the year it was rolled into (0). */
enum zh_err zh_store_mv_years(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      struct zh_mv_year **rows, int64_t **to_year_id, size_t *n);
enum zh_err zh_store_mv_year_close(struct zh_db *db, int64_t school_id, int64_t id);

/* ---- students ---- */
struct zh_mv_student {
	int64_t id;
	const char *last_name, *first_name, *middle_name, *birth_date, *gender;
	const char *status; /* NULL: the person is not a student of the school */
	const char *enrolled_on, *left_on;
};
/* ZH_ENOTFOUND when the person does not exist. */
enum zh_err zh_store_mv_student_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, struct zh_mv_student *out);
/* The student's class in the year; *class_id = 0 when none. */
enum zh_err zh_store_mv_student_class_in_year(struct zh_db *db, int64_t school_id, int64_t student_id,
					      int64_t year_id, int64_t *class_id);
/* The student's class in the newest open year; *class_id = 0 when none. */
enum zh_err zh_store_mv_student_current_class(struct zh_db *db, int64_t school_id, int64_t student_id,
					      int64_t *class_id);
enum zh_err zh_store_mv_student_enrolled(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const char *date);
/* status 'withdrawn' or 'graduated', left_on = date */
enum zh_err zh_store_mv_student_left(struct zh_db *db, int64_t school_id, int64_t person_id,
				     const char *status, const char *date);
enum zh_err zh_store_mv_applicant_insert(struct zh_db *db, int64_t school_id, int64_t person_id);
enum zh_err zh_store_mv_class_join(struct zh_db *db, int64_t school_id, int64_t class_id,
				   int64_t student_id);
/* Leaves the class list and the class's subgroups. */
enum zh_err zh_store_mv_class_leave(struct zh_db *db, int64_t school_id, int64_t class_id,
				    int64_t student_id);

/* Demo: students of a class whose parents have no other child and no role but parent, by name
 * from the end of the alphabet (safe to withdraw or transfer without touching other families). */
enum zh_err zh_store_mv_lone_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				      int64_t class_id, int64_t limit, int64_t **ids, size_t *n);

struct zh_applicant_row {
	int64_t id;
	const char *last_name, *first_name, *middle_name, *birth_date, *gender;
};
/* fold: folded search text or NULL. */
enum zh_err zh_store_mv_applicants(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   const char *fold, int64_t limit, int64_t offset,
				   struct zh_applicant_row **rows, size_t *n, int64_t *total);

/* ---- the movement book ---- */
struct zh_movement_row {
	int64_t id, school_id, student_id, from_class_id, to_class_id, created_by, created_at;
	const char *kind, *date, *order_no, *order_date, *from_place, *to_place, *reason;
	/* filled by the lists */
	const char *last_name, *first_name, *middle_name, *from_class, *to_class;
};
enum zh_err zh_store_movement_insert(struct zh_db *db, const struct zh_movement_row *m, int64_t *id);
struct zh_movement_filter {
	int64_t school_id;  /* required */
	int64_t class_id;   /* 0 = any (from or to) */
	int64_t student_id; /* 0 = any */
	const char *from, *to, *kind; /* NULL = open */
	int64_t limit, offset;
};
enum zh_err zh_store_movements_list(struct zh_db *db, struct zh_arena *a,
				    const struct zh_movement_filter *flt,
				    struct zh_movement_row **rows, size_t *n, int64_t *total);
enum zh_err zh_store_movement_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_movement_row *out);

/* ---- year decisions and rollover ---- */
struct zh_decision_row {
	int64_t student_id, class_id; /* class_id: the class in the year; 0 = none */
	int grade;
	const char *class_name, *letter, *last_name, *first_name, *middle_name;
	const char *decision, *protocol_no, *protocol_date; /* NULL when not decided */
};
/* Students in classes of the year (class_id 0 = every class) with their decisions. */
enum zh_err zh_store_mv_decisions_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int64_t year_id, int64_t class_id,
				       struct zh_decision_row **rows, size_t *n);
/* Every stored decision of the year with the student's class in that year (0 = not in one). */
enum zh_err zh_store_mv_decisions_stored(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t year_id, struct zh_decision_row **rows, size_t *n);
/* Enrolled students of the year without a decision: the first `limit` and the count. */
enum zh_err zh_store_mv_decisions_missing(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					  int64_t year_id, int64_t limit, struct zh_decision_row **rows,
					  size_t *n, int64_t *total);
/* ZH_ENOTFOUND when the student has no decision. */
enum zh_err zh_store_mv_decision_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     int64_t year_id, int64_t student_id, struct zh_decision_row *out);
enum zh_err zh_store_mv_decision_put(struct zh_db *db, int64_t school_id, int64_t year_id,
				     int64_t student_id, const char *decision, const char *protocol_no,
				     const char *protocol_date);
enum zh_err zh_store_mv_decision_delete(struct zh_db *db, int64_t school_id, int64_t year_id,
					int64_t student_id);

/* ZH_ENOTFOUND when the year was not rolled over. */
enum zh_err zh_store_mv_rollover_get(struct zh_db *db, int64_t school_id, int64_t from_year_id,
				     int64_t *to_year_id, int64_t *done_at);
/* ZH_ECONFLICT when the year was already rolled over. */
enum zh_err zh_store_mv_rollover_insert(struct zh_db *db, int64_t school_id, int64_t from_year_id,
					int64_t to_year_id, int64_t done_at, int64_t done_by);
/* Copies the curriculum rows of a year (rows already present in the target stay). */
enum zh_err zh_store_mv_copy_curriculum(struct zh_db *db, int64_t school_id, int64_t from_year_id,
					int64_t to_year_id, int64_t *copied);
/* Copies subgroups and teacher load of the classes of from_year to their successors in to_year
 * (classes.prev_class_id), and subgroup members who are in the successor class. */
enum zh_err zh_store_mv_copy_load(struct zh_db *db, int64_t school_id, int64_t from_year_id,
				  int64_t to_year_id, int64_t *copied);

#endif
