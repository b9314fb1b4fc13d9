/* absences.h: storage of the class teacher's day of absences (M-09, slice FINALS) */
#ifndef ZH_STORE_ABSENCES_H
#define ZH_STORE_ABSENCES_H

#include "store/store.h"

struct zh_abs_lesson {
	int64_t id, subject_id, teacher_id, subgroup_id;
	int number;
	const char *subject_name, *teacher_name, *status;
};
/* Every lesson of the class on the date (all subjects and subgroups), by number. */
enum zh_err zh_store_abs_lessons(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 const char *date, struct zh_abs_lesson **rows, size_t *n);

struct zh_abs_entry {
	int64_t lesson_id, student_id, subject_id;
	const char *code, *reason; /* reason NULL when none */
};
/* The attendance entries of the class's lessons on the date (student_id 0 = every student). */
enum zh_err zh_store_abs_entries(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 const char *date, int64_t student_id, struct zh_abs_entry **rows, size_t *n);
enum zh_err zh_store_abs_set_reason(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t student_id,
				    const char *reason, int64_t by, int64_t now);

#endif
