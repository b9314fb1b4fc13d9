/* journal_lock.h: whether the actor may change a lesson's marks, attendance, topic and homework now.
 * The rules (seed 001, SPEC M-09):
 *   - a closed academic year is read-only for everyone (code "year_closed");
 *   - journal.edit.all (the admin) is not subject to the date lock;
 *   - otherwise a lesson can be edited until lock_days (school setting, default 7) days after its
 *     date: a lesson of 10.11 with 7 days is editable through 17.11 and locked from 18.11 in the
 *     school's time zone (code "journal_locked"), unless the admin granted the actor an unlock of
 *     that date that has not expired (12 hours after the grant). */
#ifndef ZH_JOURNAL_LOCK_H
#define ZH_JOURNAL_LOCK_H

#include "domain/ctx.h"
#include "store/unlocks.h"

/* Everything the rule needs, read once per request (one statement for the unlocks). */
struct zh_journal_lockctx {
	char today[11];
	int lock_days;
	bool edit_all;                 /* the actor holds journal.edit.all */
	struct zh_unlock_open *open;   /* the actor's open unlocks */
	size_t nopen;
};

struct zh_lesson_lock {
	bool locked;
	const char *code;      /* "year_closed" | "journal_locked" | NULL */
	const char *reason;    /* Russian, for the UI and the 423 message; NULL when not locked */
	int64_t unlock_id;     /* the unlock that opens the date (0 = none needed or none) */
	char locks_on[11];     /* the first locked day ("" for journal.edit.all) */
};

enum zh_err zh_journal_lock_begin(struct zh_ctx *c, struct zh_journal_lockctx *l);
/* The rule for one lesson (pure; strings in c's arena when c is not NULL, else static). */
void zh_journal_lock_of(struct zh_ctx *c, const struct zh_journal_lockctx *l, const char *date, bool year_closed,
			struct zh_lesson_lock *out);
/* Fills c->fail with 423 and the reason; returns ZH_ELOCKED. */
enum zh_err zh_journal_lock_fail(struct zh_ctx *c, const struct zh_lesson_lock *lk);

#endif
