/* lessons.h: the lesson calendar: generation from the timetable, changes for a date, events,
 * in-app notifications (M-07) */
#ifndef ZH_DOMAIN_LESSONS_H
#define ZH_DOMAIN_LESSONS_H

#include "domain/ctx.h"
#include "store/lessons.h"

struct zh_ls_counts {
	int64_t created, removed, kept_flagged;
};
/* Generation without an actor (the demo and zh_lessons_generate): one lesson per entry and
 * matching weekday of the period, holidays of the class's grade skipped. Lessons dated today or
 * later whose entry changed or disappeared are removed, or, when they hold data
 * (zh_store_lesson_has_data), kept, detached and flagged; lessons before today are never touched.
 * Idempotent. Runs in the caller's write transaction. */
enum zh_err zh_lessons_generate_db(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				   const char *today, int64_t now, struct zh_ls_counts *out);
/* The same for a request (timetable.edit): validates, audits. */
enum zh_err zh_lessons_generate(struct zh_ctx *c, int64_t period_id, struct zh_ls_counts *out);

/* class_id or teacher_id (one of them), from..to at most 62 days. */
enum zh_err zh_lessons_list(struct zh_ctx *c, int64_t class_id, int64_t teacher_id, const char *from,
			    const char *to, struct zh_lesson_row **rows, size_t *n);
enum zh_err zh_lesson_get(struct zh_ctx *c, int64_t id, struct zh_lesson_row *out,
			  struct zh_lesson_change_row **changes, size_t *nchanges);

/* Changes for a date (timetable.edit); *notified = notifications written. */
enum zh_err zh_lesson_substitute(struct zh_ctx *c, int64_t id, int64_t substitute_id, const char *reason,
				 int64_t *notified);
enum zh_err zh_lesson_room(struct zh_ctx *c, int64_t id, int64_t room_id, const char *reason, int64_t *notified);
enum zh_err zh_lesson_cancel(struct zh_ctx *c, int64_t id, const char *reason, int64_t *notified);
struct zh_extra_in {
	const char *date, *reason;
	int lesson_number;
	int64_t class_id, subgroup_id, subject_id, teacher_id, room_id;
};
enum zh_err zh_lesson_extra(struct zh_ctx *c, const struct zh_extra_in *in, int64_t *id, int64_t *notified);

/* The actor's own notifications. */
enum zh_err zh_notifications_list(struct zh_ctx *c, int64_t limit, int64_t offset,
				  struct zh_notification_row **rows, size_t *n, int64_t *total, int64_t *unread);
enum zh_err zh_notification_read(struct zh_ctx *c, int64_t id);

/* Events: timetable.view family for reading; writing needs events.school.edit for the school,
 * staff and parents audiences and events.class.edit (own class or all) for a class. */
enum zh_err zh_events_list(struct zh_ctx *c, const char *from, const char *to, int64_t class_id,
			   struct zh_event_row **rows, size_t *n);
enum zh_err zh_event_get(struct zh_ctx *c, int64_t id, struct zh_event_row *out);
enum zh_err zh_event_save(struct zh_ctx *c, struct zh_event_row *ev); /* ev->id 0 = create */
enum zh_err zh_event_delete(struct zh_ctx *c, int64_t id);


#endif
