/* journal.h: reading the class journal grid (M-09, slice GRID): the journals a user may open and
 * the data of one class (or subgroup) × subject × period, each part by one statement. */
#ifndef ZH_STORE_JOURNAL_H
#define ZH_STORE_JOURNAL_H

#include "store/store.h"

/* ---- the list of journals ---- */
struct zh_jr_item {
	int64_t class_id, subgroup_id, subject_id, period_id, teacher_id; /* subgroup_id 0 = whole class */
	int grade;
	bool teaches;   /* the filter's editor teaches this class+subject (teacher_load) */
	const char *class_name, *subgroup_name, *subject_name, *period_name, *start_date, *end_date, *teacher_name;
};
struct zh_jr_list_filter {
	int64_t school_id, year_id;
	int64_t person_id;   /* >0: only rows taught by this person or of classes they lead */
	int64_t class_id;    /* 0 = any */
	int64_t period_id;   /* 0 = per class, the period of its kind that contains today (else the
			      * latest begun, else the first) */
	const char *today;
	int64_t editor_id;   /* for zh_jr_item.teaches (0 = nobody) */
};
enum zh_err zh_store_jr_list(struct zh_db *db, struct zh_arena *a, const struct zh_jr_list_filter *f,
			     struct zh_jr_item **rows, size_t *n);
/* The year that contains today, else the newest; ZH_ENOTFOUND when the school has none. */
enum zh_err zh_store_jr_year_at(struct zh_db *db, int64_t school_id, const char *today, int64_t *year_id);

/* ---- the frame of one journal ---- */
struct zh_jr_class {
	int64_t id, year_id;
	int grade;
	const char *name;
	bool year_closed;
};
enum zh_err zh_store_jr_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_jr_class *out);
enum zh_err zh_store_jr_subject(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				const char **name, bool *pass_fail);
struct zh_jr_period {
	int64_t id, year_id;
	const char *name, *start_date, *end_date;
};
enum zh_err zh_store_jr_period(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_jr_period *out);
/* The subgroup's class, subject and name. */
enum zh_err zh_store_jr_subgroup(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 int64_t *class_id, int64_t *subject_id, const char **name);
/* A lesson's class, subject, period, subgroup (0 = whole class) and date. */
enum zh_err zh_store_jr_lesson_frame(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				     int64_t *class_id, int64_t *subject_id, int64_t *period_id,
				     int64_t *subgroup_id, const char **date);

/* ---- the grid's data: every query selects over the same lessons ---- */
struct zh_jr_filter {
	int64_t school_id, class_id, subject_id;
	const char *from, *to;   /* the period's dates */
	int64_t subgroup_id;     /* >0: that subgroup's lessons and whole-class lessons */
	int64_t lesson_id;       /* >0: that lesson only */
};
struct zh_jr_lesson {
	int64_t id, teacher_id, substitute_id; /* 0 = no substitute */
	int number;
	bool flagged;
	const char *date, *status, *topic, *homework, *teacher_name, *substitute_name;
};
struct zh_jr_assignment {
	int64_t id, lesson_id, work_type_id;
	double weight;
	const char *work_type, *short_name, *description, *due_date; /* due_date NULL = the lesson's */
};
struct zh_jr_mark {
	int64_t id, lesson_id, assignment_id, student_id;
	const char *kind, *comment;
	int value;               /* kind 'mark' only */
	double weight;           /* the assignment's */
};
struct zh_jr_att {
	int64_t lesson_id, student_id;
	const char *code, *reason; /* reason NULL = none */
};
struct zh_jr_ihw {
	int64_t lesson_id, student_id;
	const char *text;
};
struct zh_jr_file {
	int64_t id, lesson_id, student_id, size; /* student_id 0 = the whole group */
	const char *name, *mime;
};
struct zh_jr_student {
	int64_t id;
	const char *last_name, *first_name, *middle_name;
};
struct zh_jr_final {
	int64_t id, student_id;
	int value;
	const char *code; /* NULL when value is set */
};
struct zh_jr_data {
	struct zh_jr_lesson *lessons;
	struct zh_jr_assignment *assignments;
	struct zh_jr_mark *marks;
	struct zh_jr_att *attendance;
	struct zh_jr_ihw *ihw;
	struct zh_jr_file *files;
	size_t nlessons, nassignments, nmarks, nattendance, nihw, nfiles;
};
/* Lessons ordered by date and number; the rest ordered by lesson, then position/student. */
enum zh_err zh_store_jr_data(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f,
			     struct zh_jr_data *out);
/* Current members of the class, or of the subgroup (subgroup_id > 0), in Russian order. */
enum zh_err zh_store_jr_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 int64_t subgroup_id, struct zh_jr_student **rows, size_t *n);
/* Period marks (final_marks kind 'period') of the subject and period. */
enum zh_err zh_store_jr_period_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t subject_id,
				     int64_t period_id, struct zh_jr_final **rows, size_t *n);

#endif
