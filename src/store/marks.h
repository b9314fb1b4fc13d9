/* marks.h: storage of a lesson's marks, attendance, assignments, homework (collective, individual,
 * files) and the journal history (M-09, slice MARKS) */
#ifndef ZH_STORE_MARKS_H
#define ZH_STORE_MARKS_H

#include "store/store.h"

/* A lesson with what the journal rules need (one statement). */
struct zh_mk_lesson {
	int64_t id, class_id, subgroup_id, subject_id, teacher_id, period_id, year_id;
	const char *date, *status, *topic, *homework;
	int grade;
	bool pass_fail, year_closed;
};
/* ZH_ENOTFOUND when the lesson is not the school's. */
enum zh_err zh_store_mk_lesson(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_mk_lesson *out);
/* The students of the lesson's group (the subgroup when set, else the class), sorted by id. */
enum zh_err zh_store_mk_group(struct zh_db *db, struct zh_arena *a, const struct zh_mk_lesson *l, int64_t **ids,
			      size_t *n);

/* ---- marks and attendance ---- */
struct zh_mark_row {
	int64_t id, lesson_id, assignment_id, student_id;
	const char *kind;   /* "mark" | "point" | "pass" | "fail" */
	int value;          /* kind "mark" only */
	const char *comment;
};
struct zh_att_row {
	int64_t lesson_id, student_id;
	const char *code, *reason /* NULL = none */, *comment;
};
enum zh_err zh_store_mk_marks(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_mark_row **rows,
			      size_t *n);
enum zh_err zh_store_mk_attendance(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_att_row **rows,
				   size_t *n);
enum zh_err zh_store_mk_mark_insert(struct zh_db *db, int64_t school_id, const struct zh_mark_row *m, int64_t by,
				    int64_t now, int64_t *id);
enum zh_err zh_store_mk_mark_update(struct zh_db *db, const struct zh_mark_row *m, int64_t by, int64_t now);
enum zh_err zh_store_mk_mark_delete(struct zh_db *db, int64_t id);
enum zh_err zh_store_mk_att_put(struct zh_db *db, int64_t school_id, const struct zh_att_row *r, int64_t by,
				int64_t now);
enum zh_err zh_store_mk_att_delete(struct zh_db *db, int64_t lesson_id, int64_t student_id);

/* ---- assignments ---- */
struct zh_assignment_row {
	int64_t id, lesson_id, work_type_id;
	double weight;
	const char *work_type, *short_name, *description, *due_date /* NULL = the lesson's date */;
	int position;
};
enum zh_err zh_store_mk_assignments(struct zh_db *db, struct zh_arena *a, int64_t lesson_id,
				    struct zh_assignment_row **rows, size_t *n);
/* ZH_ENOTFOUND when not the school's. */
enum zh_err zh_store_mk_assignment_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				       struct zh_assignment_row *out);
enum zh_err zh_store_mk_assignment_insert(struct zh_db *db, int64_t school_id, const struct zh_assignment_row *r,
					  int64_t by, int64_t now, int64_t *id);
enum zh_err zh_store_mk_assignment_update(struct zh_db *db, const struct zh_assignment_row *r);
enum zh_err zh_store_mk_assignment_delete(struct zh_db *db, int64_t id);
enum zh_err zh_store_mk_assignment_has_marks(struct zh_db *db, int64_t id, bool *yes);
/* The «Работа на уроке» work type (else the first active one); *id = 0 when there is none. */
enum zh_err zh_store_mk_default_work_type(struct zh_db *db, int64_t school_id, int64_t *id, double *weight);
/* An active work type of the school; ZH_ENOTFOUND otherwise. */
enum zh_err zh_store_mk_work_type(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  const char **name, double *weight);

/* ---- lesson content ---- */
struct zh_indiv_hw_row {
	int64_t student_id;
	const char *text;
};
enum zh_err zh_store_mk_content_set(struct zh_db *db, int64_t lesson_id, const char *topic, const char *homework);
enum zh_err zh_store_mk_indiv_list(struct zh_db *db, struct zh_arena *a, int64_t lesson_id,
				   struct zh_indiv_hw_row **rows, size_t *n);
enum zh_err zh_store_mk_indiv_replace(struct zh_db *db, int64_t school_id, int64_t lesson_id,
				      const struct zh_indiv_hw_row *rows, size_t n);

/* ---- homework files ---- */
struct zh_hwfile_row {
	int64_t id, lesson_id, student_id /* 0 = the whole group */, size;
	const char *name, *mime;
	const void *data;  /* zh_store_mk_file_get with data only */
};
enum zh_err zh_store_mk_file_insert(struct zh_db *db, int64_t school_id, const struct zh_hwfile_row *f, int64_t by,
				    int64_t now, int64_t *id);
/* with_data: the content copied into the arena. ZH_ENOTFOUND when not the school's. */
enum zh_err zh_store_mk_file_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id, bool with_data,
				 struct zh_hwfile_row *out);
enum zh_err zh_store_mk_file_delete(struct zh_db *db, int64_t id);
/* The actor (a student) or one of the actor's children is in the lesson's group (student_id 0) or
 * is that student. */
enum zh_err zh_store_mk_self_or_child_in(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const struct zh_mk_lesson *l, int64_t student_id, bool *yes);

/* ---- journal history (append-only) ---- */
struct zh_jhist_row {
	int64_t id, entity_id, lesson_id, student_id, subject_id, user_id, unlock_id, at;
	const char *entity, *user_name, *old_value, *new_value; /* JSON text or NULL */
};
enum zh_err zh_store_jhist_insert(struct zh_db *db, int64_t school_id, const struct zh_jhist_row *r);
/* Oldest first: every row of one entity. */
enum zh_err zh_store_jhist_entity(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char *entity,
				  int64_t entity_id, struct zh_jhist_row **rows, size_t *n);
/* A current mark as the entry of its creation (for marks entered before history was kept, e.g.
 * the demo's): the mark, and h with lesson, student, user = created_by, at = created_at.
 * ZH_ENOTFOUND when there is no such mark in the school. */
enum zh_err zh_store_jhist_mark_origin(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t mark_id,
				       struct zh_mark_row *m, struct zh_jhist_row *h);
/* Oldest first: the lesson's content rows (student_id 0) or that student's cells of the lesson. */
enum zh_err zh_store_jhist_lesson(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t lesson_id,
				  int64_t student_id, struct zh_jhist_row **rows, size_t *n);

#endif
