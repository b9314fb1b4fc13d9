/* timetable.h: bell schedules and the weekly timetable with conflict checks (M-07) */
#ifndef ZH_DOMAIN_TIMETABLE_H
#define ZH_DOMAIN_TIMETABLE_H

#include "domain/ctx.h"
#include "store/timetable.h"

struct zh_bell_in {
	int number;
	const char *start, *end;   /* "HH:MM" */
};

/* Replaces the bell schedule of a shift (creating it when absent). */
enum zh_err zh_tt_bells_put(struct zh_ctx *c, const char *name, int shift, const struct zh_bell_in *b,
			    size_t n);

/* The entries of a period by class, teacher or room; timetable.view.self sees only the actor's
 * own lessons (teacher) or own class with own subgroups (student). */
enum zh_err zh_tt_list(struct zh_ctx *c, struct zh_tt_filter *f, struct zh_tt_row **rows, size_t *n);
/* A student's week: own class, whole-class lessons and own subgroups only. */
enum zh_err zh_tt_student(struct zh_ctx *c, int64_t student_id, int64_t period_id, struct zh_tt_row **rows,
			  size_t *n);

/* Creates (r->id = 0) or updates an entry; refuses conflicts with ZH_ECONFLICT; *warning is set
 * (else NULL) when the teacher has no load for the subject in the class. r is re-read on success. */
enum zh_err zh_tt_save(struct zh_ctx *c, struct zh_tt_row *r, const char **warning);
enum zh_err zh_tt_delete(struct zh_ctx *c, int64_t id);

const char *zh_tt_weekday_name(int weekday);

#endif
