/* lessons.h: storage of the lesson calendar, changes for a date, events, notifications (M-07) */
#ifndef ZH_STORE_LESSONS_H
#define ZH_STORE_LESSONS_H

#include "store/store.h"

/* ---- what generation needs ---- */
struct zh_ls_period {
	int64_t id, year_id;
	const char *name, *start_date, *end_date;
};
/* ZH_ENOTFOUND when the period is not one of the school's. */
enum zh_err zh_store_ls_period_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				   struct zh_ls_period *out);
/* Every period of the school's years that contain date (the newest year first). */
enum zh_err zh_store_ls_periods_at(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				   const char *date, struct zh_ls_period **rows, size_t *n);
/* Every period of the year whose dates contain today (all periods of the newest year when none). */
enum zh_err zh_store_ls_current_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					const char *today, struct zh_ls_period **rows, size_t *n);

struct zh_ls_entry {
	int64_t id, class_id, subgroup_id, subject_id, teacher_id, room_id;
	int weekday, lesson_number, grade;
};
enum zh_err zh_store_ls_entries(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				struct zh_ls_entry **rows, size_t *n);

struct zh_ls_holiday {
	const char *start_date, *end_date;
	int grade_from, grade_to;
};
enum zh_err zh_store_ls_holidays(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				 struct zh_ls_holiday **rows, size_t *n);

/* A generated (not extra) lesson of the period as regeneration compares it. */
struct zh_ls_gen {
	int64_t id, entry_id, class_id, subgroup_id, subject_id, teacher_id, room_id;
	int lesson_number;
	bool flagged;
	char date[11];
};
enum zh_err zh_store_ls_generated(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				  struct zh_ls_gen **rows, size_t *n);
/* The one place that says whether a lesson holds data that must never vanish silently
 * (topic or homework now; marks and attendance join with the journal). */
enum zh_err zh_store_lesson_has_data(struct zh_db *db, int64_t lesson_id, bool *yes);
/* Deletes the lesson and its changes. */
enum zh_err zh_store_lesson_delete(struct zh_db *db, int64_t school_id, int64_t lesson_id);
/* Detaches the lesson from its entry and flags it. */
enum zh_err zh_store_lesson_flag(struct zh_db *db, int64_t school_id, int64_t lesson_id);

struct zh_ls_new {
	int64_t school_id, period_id, entry_id, class_id, subgroup_id, subject_id, teacher_id, room_id;
	const char *date;
	int lesson_number;
	bool extra;
	int64_t created_at;
};
/* One prepared INSERT: cheap in a loop. */
enum zh_err zh_store_lesson_insert(struct zh_db *db, const struct zh_ls_new *l, int64_t *id);

/* ---- reading lessons ---- */
struct zh_lesson_row {
	int64_t id, period_id, entry_id, class_id, subgroup_id, subject_id, teacher_id, room_id;
	int64_t substitute_id;
	int lesson_number;
	bool extra, flagged;
	const char *date, *status, *topic, *homework;
	const char *class_name, *subgroup_name, *subject_name, *teacher_name, *room_name, *substitute_name;
	const char *start_time, *end_time; /* NULL without bells */
	const char *changes;               /* kinds, comma-separated, oldest first ("" = none) */
	int grade;
};
struct zh_lesson_filter {
	int64_t school_id;
	int64_t class_id;    /* 0 = any */
	int64_t teacher_id;  /* 0 = any; own and substituted lessons */
	const char *from, *to;
};
enum zh_err zh_store_lessons_list(struct zh_db *db, struct zh_arena *a, const struct zh_lesson_filter *flt,
				  struct zh_lesson_row **rows, size_t *n);
enum zh_err zh_store_lesson_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_lesson_row *out);

struct zh_lesson_change_row {
	int64_t id, lesson_id, substitute_id, room_id, created_by, created_at;
	const char *kind, *reason, *substitute_name, *room_name;
};
enum zh_err zh_store_lesson_changes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t lesson_id,
				    struct zh_lesson_change_row **rows, size_t *n);
enum zh_err zh_store_lesson_change_insert(struct zh_db *db, int64_t school_id, int64_t lesson_id,
					  const char *kind, int64_t substitute_id, int64_t room_id,
					  const char *reason, int64_t created_by, int64_t now, int64_t *id);
enum zh_err zh_store_lesson_set_room(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t room_id);
enum zh_err zh_store_lesson_set_status(struct zh_db *db, int64_t school_id, int64_t lesson_id, const char *status);
/* Test and journal hooks: topic and homework of a lesson. */
enum zh_err zh_store_lesson_set_topic(struct zh_db *db, int64_t school_id, int64_t lesson_id, const char *topic,
				      const char *homework);

/* ---- conflicts at a date and lesson number (planned lessons only; except_id skipped) ---- */
/* The teacher teaches (or substitutes) another lesson then. */
enum zh_err zh_store_ls_teacher_busy(struct zh_db *db, int64_t school_id, int64_t teacher_id, const char *date,
				     int num, int64_t except_id, bool *busy);
enum zh_err zh_store_ls_room_busy(struct zh_db *db, int64_t school_id, int64_t room_id, const char *date, int num,
				  int64_t except_id, bool *busy);
/* The class (or the subgroup; a whole-class lesson clashes with every subgroup) has a lesson then. */
enum zh_err zh_store_ls_class_busy(struct zh_db *db, int64_t school_id, int64_t class_id, int64_t subgroup_id,
				   const char *date, int num, int64_t except_id, bool *busy);

/* ---- facts ---- */
/* A teacher (role 3) of the school with a login; *name = full name. */
enum zh_err zh_store_ls_is_teacher(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
				   bool *yes, const char **name);
/* A room of the school, not archived; *name NULL when not. */
enum zh_err zh_store_ls_room_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t room_id,
				  const char **name);
struct zh_ls_class {
	int64_t id, year_id;
	int grade;
	const char *name;
};
enum zh_err zh_store_ls_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_ls_class *out);
/* Every class of a year (id, grade, name), by grade and name. */
enum zh_err zh_store_ls_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				struct zh_ls_class **rows, size_t *n);
/* The subgroup's class and subject; ZH_ENOTFOUND when not of the school. */
enum zh_err zh_store_ls_subgroup(struct zh_db *db, int64_t school_id, int64_t id, int64_t *class_id,
				 int64_t *subject_id);
enum zh_err zh_store_ls_subject_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				     const char **name);
/* The person is a student of the class, or a parent of one. */
enum zh_err zh_store_ls_in_class(struct zh_db *db, int64_t school_id, int64_t person_id, int64_t class_id,
				 bool *yes);
/* For the scope check: the lesson's class and subject, and whether person is its substitute. */
enum zh_err zh_store_ls_scope_facts(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t person_id,
				    int64_t *class_id, int64_t *subject_id, bool *substitute);

/* ---- notifications ---- */
/* One notification to each student of the class (or subgroup), each of their parents, the teacher
 * and the substitute (each person once). *count = rows inserted. */
enum zh_err zh_store_notify_lesson(struct zh_db *db, int64_t school_id, int64_t class_id, int64_t subgroup_id,
				   int64_t teacher_id, int64_t substitute_id, const char *kind, const char *title,
				   const char *body, const char *entity, int64_t entity_id, int64_t now,
				   int64_t *count);
struct zh_notification_row {
	int64_t id, entity_id, created_at, read_at;
	const char *kind, *title, *body, *entity;
};
enum zh_err zh_store_notifications(struct zh_db *db, struct zh_arena *a, int64_t person_id, int64_t limit,
				   int64_t offset, struct zh_notification_row **rows, size_t *n, int64_t *total,
				   int64_t *unread);
/* ZH_ENOTFOUND when not the person's. */
enum zh_err zh_store_notification_read(struct zh_db *db, int64_t person_id, int64_t id, int64_t now);

/* ---- events ---- */
struct zh_event_row {
	int64_t id, class_id, created_by, created_at;
	const char *title, *description, *date, *start_time, *end_time, *place, *audience, *class_name;
};
struct zh_event_filter {
	int64_t school_id, class_id; /* class_id: that class's events and every school-wide one */
	const char *from, *to;
	bool staff, parents;         /* include staff / parents audiences */
};
enum zh_err zh_store_events_list(struct zh_db *db, struct zh_arena *a, const struct zh_event_filter *flt,
				 struct zh_event_row **rows, size_t *n);
enum zh_err zh_store_event_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_event_row *out);
enum zh_err zh_store_event_insert(struct zh_db *db, int64_t school_id, const struct zh_event_row *e, int64_t *id);
enum zh_err zh_store_event_update(struct zh_db *db, int64_t school_id, const struct zh_event_row *e);
enum zh_err zh_store_event_delete(struct zh_db *db, int64_t school_id, int64_t id);

#endif
