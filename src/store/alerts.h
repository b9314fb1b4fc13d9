/* alerts.h: storage of alerts to families, the weekly digest and the weekly printout
 * (issue 6: M-11, slice ALERTS) */
#ifndef ZH_STORE_ALERTS_H
#define ZH_STORE_ALERTS_H

#include "store/store.h"

/* A class of the year that contains `today`, with the period of its grade's kind that started
 * last on or before today (period_id 0 when none). */
struct zh_al_class {
	int64_t id, year_id, class_teacher_id, period_id;
	const char *name, *teacher_name, *period_name, *period_start, *period_end;
};
/* class_id 0 = every class of the school's current year. ZH_ENOTFOUND when class_id is given and
 * is not a class of the school (any year). */
enum zh_err zh_store_al_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				const char *today, struct zh_al_class **rows, size_t *n);

/* Current marks (kind 'mark') of the class's current students between two dates. */
struct zh_al_mark {
	int64_t student_id, subject_id;
	int value;
	double weight;
};
enum zh_err zh_store_al_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			      const char *from, const char *to, struct zh_al_mark **rows, size_t *n);

/* A (student, subject, period) or (student, day) fact that raises an alert. */
struct zh_al_fact {
	int64_t student_id, subject_id, period_id;
	const char *day;
	int value;
};
/* Period marks of value ≤ max_value of the class's current students in the year. */
enum zh_err zh_store_al_period_twos(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				    int64_t year_id, int max_value, struct zh_al_fact **rows, size_t *n);
/* Days between from and to with an absence of reason НП (one row per student and day). */
enum zh_err zh_store_al_np_days(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				const char *from, const char *to, struct zh_al_fact **rows, size_t *n);
/* Days between from and to on which the student was Н without a reason at every lesson of the
 * class that applies to them (subgroups), at least one lesson. */
enum zh_err zh_store_al_whole_days(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				   const char *from, const char *to, struct zh_al_fact **rows, size_t *n);

/* A stored alert. */
struct zh_al_row {
	int64_t id, student_id, class_id, subject_id, period_id, raised_at, resolved_at;
	const char *kind, *day, *message, *student_name, *subject_name;
	double value;
	bool has_value, active;
	int raised, recipients;
};
/* The alerts of a class (active only when active_only), students in Russian order. */
enum zh_err zh_store_al_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			     bool active_only, struct zh_al_row **rows, size_t *n);
/* The alerts of the class's current students (every state), to compare a run against. */
enum zh_err zh_store_al_of_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 struct zh_al_row **rows, size_t *n);
/* Inserts the alert or raises a resolved one again (raised + 1); *id and *raised of the row. */
enum zh_err zh_store_al_raise(struct zh_db *db, int64_t school_id, const struct zh_al_row *r, int64_t now,
			      int64_t *id, int *raised);
enum zh_err zh_store_al_resolve(struct zh_db *db, int64_t school_id, int64_t id, int64_t now);
enum zh_err zh_store_al_set_recipients(struct zh_db *db, int64_t school_id, int64_t id, int recipients);

/* The parents (person ids) of a student. */
enum zh_err zh_store_al_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				int64_t **ids, size_t *n);

/* The day of the last automatic run ("" when never). */
enum zh_err zh_store_al_last_run(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char **day);
enum zh_err zh_store_al_set_run(struct zh_db *db, int64_t school_id, const char *day, int64_t now);

/* ---- the weekly digest ---- */
struct zh_al_digest_pref {
	bool enabled, stored;
	int weekday, hour;
};
enum zh_err zh_store_al_digest_get(struct zh_db *db, int64_t school_id, int64_t person_id,
				   struct zh_al_digest_pref *out);
enum zh_err zh_store_al_digest_put(struct zh_db *db, int64_t school_id, int64_t person_id,
				   const struct zh_al_digest_pref *p, int64_t now);
/* Parents with the digest on for that weekday at or before that hour. */
enum zh_err zh_store_al_digest_due(struct zh_db *db, struct zh_arena *a, int64_t school_id, int weekday,
				   int hour, int64_t **ids, size_t *n);
/* The children of a parent who are current students of a class of the year containing today. */
enum zh_err zh_store_al_children(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 const char *today, int64_t **ids, size_t *n);
/* Records a sent digest; *fresh false when it had been sent already. */
enum zh_err zh_store_al_digest_mark(struct zh_db *db, int64_t school_id, int64_t person_id, int64_t student_id,
				    const char *week, int64_t now, bool *fresh);

/* ---- the week of one student (digest and printout) ---- */
struct zh_al_wmark {
	const char *date, *subject, *work_type, *kind, *comment;
	int value;       /* kind 'mark' */
};
struct zh_al_wabs {
	const char *date, *subject, *code, *reason; /* reason "" when none */
	int number;
};
struct zh_al_whw {
	const char *date, *subject, *text, *individual; /* individual "" when none */
};
struct zh_al_week {
	struct zh_al_wmark *marks;
	size_t nmarks;
	struct zh_al_wabs *absences;
	size_t nabsences;
	struct zh_al_whw *homework;
	size_t nhomework;
};
/* Marks and attendance between from and to; homework of the class's lessons (that apply to the
 * student) between hw_from and hw_to. */
enum zh_err zh_store_al_week(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
			     int64_t class_id, const char *from, const char *to, const char *hw_from,
			     const char *hw_to, struct zh_al_week *out);

/* ---- the paper diary (printout) ---- */
struct zh_al_student {
	int64_t id;
	const char *full_name;
	bool declined;
	const char *note;
};
/* The class's students in Russian order with their paper-diary flag. */
enum zh_err zh_store_al_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 struct zh_al_student **rows, size_t *n);
/* The flag of one student (declined false, note "" when no row). */
enum zh_err zh_store_al_paper_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				  bool *declined, const char **note);
enum zh_err zh_store_al_paper_put(struct zh_db *db, int64_t school_id, int64_t student_id, bool declined,
				  const char *note, int64_t by, int64_t now);
/* The student's display name ("Фамилия Имя Отчество"); ZH_ENOTFOUND when not a student of the school. */
enum zh_err zh_store_al_student_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				     const char **name);

#endif
