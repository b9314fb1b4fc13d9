/* views.h: who viewed which part of a student's diary, when (M-10: «ознакомлен», activity
 * reports). Views are queued in memory (bounded; the same viewer, student, what and ref once a
 * minute) and a background thread writes them every ~2 s in one transaction, so the diary's GETs
 * never write to the database. */
#ifndef ZH_VIEWS_H
#define ZH_VIEWS_H

#include <stdint.h>

#include "domain/ctx.h"

/* Starts the flusher over the store (call after the store opens); until then views are dropped. */
void zh_views_start(struct zh_store *s);
/* Stops the flusher and writes what is queued (call before the store closes). */
void zh_views_stop(void);
/* Queues a view by the actor of c; what is "week", "marks", "attendance" or "homework", ref the
 * week's Monday or the period id. A full queue is written synchronously. */
void zh_views_record(const struct zh_ctx *c, int64_t student_id, const char *what, const char *ref);
/* Writes what is queued now. */
void zh_views_flush(void);

#endif
