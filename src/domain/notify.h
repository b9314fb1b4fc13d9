/* notify.h: the one entry point of every notification (M-11): in-app rows and the e-mail/SMS
 * outbox, idempotent per event; preferences, quiet hours, announcements */
#ifndef ZH_DOMAIN_NOTIFY_H
#define ZH_DOMAIN_NOTIFY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "store/notify.h"

/* An event to tell people about. The recipients: audience (resolved in the store: a student with
 * parents, a class or subgroup with parents, the whole school, extra persons).
 * Idempotency: per recipient the key is kind:entity:entity_id[:sub]:person. Calling again with
 * the same title and body changes nothing; with a different text the notification is rewritten
 * in place when it is younger than coalesce seconds and none of its messages has been tried yet,
 * otherwise a new version is added (and sent). */
struct zh_notice {
	const char *kind;   /* 'mark', 'absence', 'homework', 'timetable_change', 'event', 'announcement', 'alert', 'digest' */
	const char *entity; /* what it is about: 'lesson', 'announcement', 'student', … */
	int64_t entity_id;
	const char *sub;    /* optional finer key part (a cell: "a12:s34"), NULL = none */
	const char *title, *body;
	int64_t coalesce;   /* seconds; 0 = never rewrite */
	struct zh_nt_audience to; /* school_id is filled from the context when 0 */
};

/* Inside the caller's write transaction. *count (may be NULL) = recipients whose notification
 * was created or rewritten. */
enum zh_err zh_notify(struct zh_ctx *c, const struct zh_notice *n, int64_t *count);

/* Journal feeds (inside the caller's write transaction). kind of a mark: 'mark' (value),
 * 'point', 'pass', 'fail'; NULL = the mark was removed. code: attendance code, NULL = removed. */
enum zh_err zh_notify_mark(struct zh_ctx *c, int64_t lesson_id, int64_t assignment_id, int64_t student_id,
			   const char *kind, int value);
enum zh_err zh_notify_absence(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *code);
enum zh_err zh_notify_homework(struct zh_ctx *c, int64_t lesson_id, const char *homework);
/* The three feeds above only queue the event (one row, in the caller's transaction: the lesson
 * save stays short and no event is lost); a background thread started by `serve` turns the
 * queue into notifications in batches, telling only a cell's last state. zh_notify_drain does
 * one batch (for tests and the thread); stop drains what is left. */
enum zh_err zh_notify_drain(struct zh_store *s, int limit, int *done);
void zh_notify_start(struct zh_store *s);
void zh_notify_stop(void);

/* Quiet hours: the end of the quiet period containing now (school zone tz, "HH:MM" from/to), or
 * now when outside it or none is set. */
int64_t zh_notify_quiet_end(const char *tz, const char *from, const char *to, int64_t now);

/* The kinds, and whether a kind sends by e-mail / SMS when the person has not chosen. */
extern const char *const zh_notify_kinds[];
bool zh_notify_default(const char *kind, bool sms);

/* ---- the API's pieces ---- */
json_t *zh_notify_prefs_json(struct zh_ctx *c); /* NULL on error (c->fail set) */
enum zh_err zh_notify_prefs_put(struct zh_ctx *c, json_t *body);
enum zh_err zh_notify_unread(struct zh_ctx *c, int64_t *unread);
enum zh_err zh_notify_log(struct zh_ctx *c, bool outbox, struct zh_nt_log_filter *f, struct zh_nt_log_row **rows,
			  size_t *n, int64_t *total);

enum zh_err zh_announcement_create(struct zh_ctx *c, json_t *body, int64_t *id, int64_t *notified);
enum zh_err zh_announcements_list(struct zh_ctx *c, int64_t limit, int64_t offset, struct zh_announcement_row **rows,
				  size_t *n, int64_t *total);

#endif
