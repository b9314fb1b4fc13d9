/* alerts.h: alerts to families (low period average, a 2 as period mark, unexcused absences), the
 * weekly digest and the weekly printout for families without electronic access (M-11, slice
 * ALERTS; seed 001 §3.3.4, §7.2) */
#ifndef ZH_DOMAIN_ALERTS_H
#define ZH_DOMAIN_ALERTS_H

#include <jansson.h>

#include "domain/ctx.h"

struct zh_alerts_stats {
	int64_t classes, raised, resolved, notified, digests;
};

/* Runs the alerts of one class (class_id != 0) or of every class of the current year: raises what
 * holds (parents notified once per raise through zh_notify, kind 'alert'), resolves what no longer
 * holds; then sends the digests due now. Needs reports.class.all. One write transaction per class,
 * audited "alerts.run" when something changed. */
enum zh_err zh_alerts_run(struct zh_ctx *c, int64_t class_id, struct zh_alerts_stats *st);

/* {class, period, items:[…], total} of the class's current alerts (all=true: resolved ones too).
 * Scope reports.class {class}. */
enum zh_err zh_alerts_list(struct zh_ctx *c, int64_t class_id, bool all, json_t **out);

/* The scheduler hook: for every school, once a day after 18:00 school time, runs the alerts of
 * every class; the digests due (their weekday and hour) on every call. Safe to call often (every
 * few minutes) from any thread; acts as the system (no user). */
enum zh_err zh_alerts_tick(struct zh_store *s, int64_t now);

/* Starts a background thread calling zh_alerts_tick every `interval` seconds until the process
 * ends (for `serve` when no other scheduler calls it). ZHURNAL_ALERTS=off disables it. */
void zh_alerts_start(struct zh_store *s, int interval);
/* Stops that thread (before the store is closed). */
void zh_alerts_stop(void);

/* ---- the weekly digest ---- */
/* {enabled, weekday (1 Mon … 7 Sun), hour} of the actor (a parent); defaults Sunday 18:00 off. */
enum zh_err zh_digest_pref_get(struct zh_ctx *c, json_t **out);
/* {enabled?, weekday?, hour?}; audited "alerts.digest_preference". */
enum zh_err zh_digest_pref_put(struct zh_ctx *c, json_t *body, json_t **out);
/* The digest text of one student for the week ending on `day` (NULL = today). Scope diary.view
 * {student} or reports.class {student}. */
enum zh_err zh_digest_text(struct zh_ctx *c, int64_t student_id, const char *day, const char **title,
			   const char **text);

/* ---- the weekly printout ---- */
/* {student_id, declined, note?}: the family declined electronic access (seed 001 §3.3.4). Scope
 * people.manage {student}. Audited "people.paper_diary". */
enum zh_err zh_paper_diary_put(struct zh_ctx *c, json_t *body, json_t **out);
/* The class's students with the flag: {class, items:[{id, name, declined, note}]}. Scope
 * reports.class {class}. */
enum zh_err zh_paper_diary_list(struct zh_ctx *c, int64_t class_id, json_t **out);
/* One A4 page per student (all: every student; else those whose family declined) for the week
 * (Monday–Sunday) containing `week`. Scope reports.class {class}. *pdf is malloc'ed. */
enum zh_err zh_printout_week(struct zh_ctx *c, int64_t class_id, const char *week, bool all, char **pdf,
			     size_t *len, const char **filename);

#endif
