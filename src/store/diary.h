/* diary.h: the reads of the electronic diary (a student's week, marks, attendance, homework)
 * and the views log (M-10). Every read is one statement over the whole week or period. */
#ifndef ZH_STORE_DIARY_H
#define ZH_STORE_DIARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* A student with the class of the year containing a date (else the latest class). */
struct zh_dy_student {
	int64_t id;
	const char *last_name, *first_name, *middle_name;
	int64_t class_id, year_id, bell_schedule_id;
	const char *class_name;
	int grade, shift;
	bool current;        /* still studying today: enrolled, or leaving today or later */
};

/* A parent's children with a class (withdrawn ones after their leaving date left out). */
enum zh_err zh_store_dy_children(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 const char *today, struct zh_dy_student **rows, size_t *n);
/* One student; ZH_ENOTFOUND when not a student of the school or without a class. */
enum zh_err zh_store_dy_student(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				const char *date, const char *today, struct zh_dy_student *out);

/* The student's lessons between two dates: the class's whole-class lessons and the subgroups
 * the student belongs to, by date, number, id. */
struct zh_dy_lesson {
	int64_t id, subject_id, teacher_id, substitute_id;
	const char *date, *subject, *room, *teacher, *substitute, *status, *topic, *homework;
	const char *ihw;                     /* this student's individual homework or NULL */
	const char *start, *end;             /* bells or NULL */
	const char *att_code, *att_reason;   /* NULL = present / no reason */
	int number;
};
struct zh_dy_assignment {
	int64_t lesson_id, id, mark_id;       /* mark_id 0 = no mark */
	const char *work_type, *short_name, *description, *due_date, *mark_kind, *mark_comment;
	double weight;
	int mark_value;
};
struct zh_dy_file {
	int64_t lesson_id, id, size;
	const char *name;
};
struct zh_dy_event {
	int64_t id;
	const char *date, *title, *description, *start_time, *end_time, *place, *audience;
};
struct zh_dy_change {
	int64_t id, lesson_id;
	const char *kind, *date, *subject, *reason, *substitute, *room;
	int number;
};
struct zh_dy_week {
	struct zh_dy_lesson *lessons;
	struct zh_dy_assignment *assignments;
	struct zh_dy_file *files;
	struct zh_dy_event *events;
	struct zh_dy_change *changes;
	size_t nlessons, nassignments, nfiles, nevents, nchanges;
};
enum zh_err zh_store_dy_week(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     const struct zh_dy_student *s, const char *from, const char *to, struct zh_dy_week *out);

/* ---- marks by subject ---- */
struct zh_dy_period {
	int64_t id;
	const char *name, *start_date, *end_date;
};
/* The period: id given (of the school), else the period of the class's kind containing date
 * (else the last one begun, else the first). ZH_ENOTFOUND when none. */
enum zh_err zh_store_dy_period(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       const struct zh_dy_student *s, int64_t period_id, const char *date,
			       struct zh_dy_period *out);
/* Every period of the student's year for the student's grade (quarters or halves), in order. */
enum zh_err zh_store_dy_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const struct zh_dy_student *s, struct zh_dy_period **rows, size_t *n);
struct zh_dy_subject {
	int64_t id;
	const char *name;
	bool pass_fail;
};
struct zh_dy_mark {
	int64_t id, lesson_id, subject_id;
	const char *date, *kind, *work_type, *comment, *subject;
	int value;
	double weight;
};
struct zh_dy_final {
	int64_t subject_id;
	int value;
	const char *code;  /* NULL when value */
};
struct zh_dy_marks {
	struct zh_dy_subject *subjects;   /* the subjects of the student's lessons in the period */
	struct zh_dy_mark *marks;         /* by subject, date, number */
	struct zh_dy_final *finals;
	size_t nsubjects, nmarks, nfinals;
	double lesson_weight;             /* the weight of «Работа на уроке» (1 when missing) */
};
enum zh_err zh_store_dy_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      const struct zh_dy_student *s, const struct zh_dy_period *p, struct zh_dy_marks *out);

/* ---- attendance ---- */
struct zh_dy_absence {
	int64_t lesson_id;
	const char *date, *subject, *code, *reason;
};
/* Lessons held (planned, not cancelled) between from and to, and the attendance rows. */
enum zh_err zh_store_dy_attendance(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   const struct zh_dy_student *s, const char *from, const char *to,
				   int64_t *total, struct zh_dy_absence **rows, size_t *n);

/* ---- homework ---- */
struct zh_dy_homework {
	int64_t lesson_id, subject_id, assignment_id;   /* assignment_id 0 for a lesson's homework */
	const char *date, *subject, *homework, *ihw, *work_type, *description, *due_date;
};
/* Lessons of the student between from and to with homework text (collective or individual). */
enum zh_err zh_store_dy_homework_upcoming(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					  const struct zh_dy_student *s, const char *from, const char *to,
					  struct zh_dy_homework **rows, size_t *n);
/* Assignments of work type «Домашнее задание» of the student's lessons (not cancelled) due
 * between from and to (inclusive) with no mark, pass or fail of the student («точка» counts as
 * owed). */
enum zh_err zh_store_dy_homework_overdue(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 const struct zh_dy_student *s, const char *from, const char *to,
					 struct zh_dy_homework **rows, size_t *n);

/* ---- views ---- */
struct zh_dy_view {
	int64_t school_id, user_id, person_id, student_id, at;
	char what[12];
	char ref[16];
};
/* Inserts the rows (inside the caller's write transaction). */
enum zh_err zh_store_dy_views_insert(struct zh_db *db, const struct zh_dy_view *v, size_t n);
struct zh_dy_view_row {
	int64_t id, user_id, person_id, at;
	const char *viewer, *login, *what, *ref;
};
enum zh_err zh_store_dy_views_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				   int limit, int offset, struct zh_dy_view_row **rows, size_t *n, int64_t *total);

/* The school's generation of diary data (0016: moved by every write to what a week shows); 0 when
 * nothing was written yet. */
enum zh_err zh_store_dy_gen(struct zh_db *db, int64_t school_id, int64_t *gen);

#endif
