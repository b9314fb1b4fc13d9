/* plans.h: storage of thematic plans (КТП, M-08) and the lesson fields they fill */
#ifndef ZH_STORE_PLANS_H
#define ZH_STORE_PLANS_H

#include "store/store.h"

struct zh_plan_row {
	int64_t id, school_id, year_id, teacher_id, class_id, subgroup_id, subject_id;
	int64_t approved_by, approved_at, created_at, updated_at;
	int grade;
	const char *status, *comment;
	/* filled by get and list */
	const char *teacher_name, *class_name, *subgroup_name, *subject_name;
	double hours_total;  /* sum of topic hours */
	int64_t topics;      /* number of topics */
};

struct zh_plan_topic {
	int64_t id;
	int position;
	double hours;
	const char *title, *lesson_type, *kes_codes, *homework;
};

struct zh_plan_filter {
	int64_t school_id;   /* required */
	int64_t teacher_id, class_id, subject_id; /* 0 = any */
	int64_t only_person; /* >0: only plans of this teacher or of class+subject pairs he teaches or
			      * (for the class teacher) of his class */
	const char *status;  /* NULL = any */
	int64_t limit, offset;
};

/* ZH_ENOTFOUND when absent. */
enum zh_err zh_store_plan_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_plan_row *out);
enum zh_err zh_store_plans_list(struct zh_db *db, struct zh_arena *a, const struct zh_plan_filter *flt,
				struct zh_plan_row **rows, size_t *n, int64_t *total);
/* The plan of (year, teacher, class, subgroup, subject); *id = 0 when none. */
enum zh_err zh_store_plan_find(struct zh_db *db, int64_t year_id, int64_t teacher_id, int64_t class_id,
			       int64_t subgroup_id, int64_t subject_id, int64_t *id);
/* Any plan of class + subject (+ subgroup, 0 = none) in the class's year; *id = 0 when none. */
enum zh_err zh_store_plan_find_class(struct zh_db *db, int64_t class_id, int64_t subgroup_id,
				     int64_t subject_id, int64_t *id);
enum zh_err zh_store_plan_insert(struct zh_db *db, const struct zh_plan_row *p, int64_t *id);
enum zh_err zh_store_plan_set_status(struct zh_db *db, int64_t school_id, int64_t id, const char *status,
				     const char *comment, int64_t approved_by, int64_t approved_at, int64_t now);
enum zh_err zh_store_plan_touch(struct zh_db *db, int64_t school_id, int64_t id, int64_t now);
/* Deletes the plan, its topics, and unlinks lessons (plan_topic_id) of its topics. */
enum zh_err zh_store_plan_delete(struct zh_db *db, int64_t school_id, int64_t id);

enum zh_err zh_store_plan_topics(struct zh_db *db, struct zh_arena *a, int64_t plan_id,
				 struct zh_plan_topic **rows, size_t *n);
/* Replaces the topic list (positions 1..n); topics kept by id when the id is given and belongs to
 * the plan, so lessons stay linked; others are inserted; missing ones deleted (lessons unlinked). */
enum zh_err zh_store_plan_topics_put(struct zh_db *db, int64_t school_id, int64_t plan_id,
				     struct zh_plan_topic *rows, size_t n);

/* The class's grade and year (ZH_ENOTFOUND when not a class of the school). */
enum zh_err zh_store_plan_class(struct zh_db *db, int64_t school_id, int64_t class_id, int *grade,
				int64_t *year_id);

/* ---- load, curriculum and lessons ---- */
struct zh_plan_load {
	int64_t id, teacher_id, class_id, subgroup_id, subject_id, year_id, plan_id;
	int grade;
	double hours_per_week;
	const char *teacher_name, *class_name, *subgroup_name, *subject_name;
};
/* Load rows of the school's open years (teacher_id 0 = every teacher), with the plan if any. */
enum zh_err zh_store_plan_loads(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				struct zh_plan_load **rows, size_t *n);
/* The load row of teacher × class × subject (subgroup_id -1 = any subgroup, the first);
 * ZH_ENOTFOUND when none. teacher_id 0 = any teacher. */
enum zh_err zh_store_plan_load_find(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				    int64_t class_id, int64_t subgroup_id, int64_t subject_id,
				    struct zh_plan_load *out);
/* Weekly hours of the curriculum for the class's grade and subject (0 when none). */
enum zh_err zh_store_plan_weekly_hours(struct zh_db *db, int64_t year_id, int grade, int64_t subject_id,
				       double *hours);

struct zh_plan_lesson {
	int64_t id, plan_topic_id;
	const char *date, *topic, *homework;
	int lesson_number;
};
/* Not-cancelled lessons of class + subject (+ subgroup, 0 = whole class) in the year. */
enum zh_err zh_store_plan_lessons_count(struct zh_db *db, int64_t year_id, int64_t class_id,
					int64_t subgroup_id, int64_t subject_id, int64_t *n);
enum zh_err zh_store_plan_lessons(struct zh_db *db, struct zh_arena *a, int64_t year_id, int64_t class_id,
				  int64_t subgroup_id, int64_t subject_id, struct zh_plan_lesson **rows, size_t *n);
/* Sets the topic, the homework (only when it is empty) and the plan topic of a lesson. */
enum zh_err zh_store_plan_lesson_fill(struct zh_db *db, int64_t lesson_id, const char *topic,
				      const char *homework, int64_t plan_topic_id);

#endif
