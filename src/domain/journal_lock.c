/* journal_lock.c: the journal's date lock, closed years and unlocks (see journal_lock.h) */
#include "domain/journal_lock.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "domain/school.h"

enum zh_err zh_journal_lock_begin(struct zh_ctx *c, struct zh_journal_lockctx *l)
{
	struct zh_school_settings s;
	enum zh_err e;
	memset(l, 0, sizeof *l);
	if ((e = zh_school_today(c, l->today)) || (e = zh_school_settings_get(c, &s)))
		return e;
	l->lock_days = s.lock_days;
	l->edit_all = zh_acl_allows(&c->ops, "journal.edit.all");
	if (l->edit_all || !c->person_id)
		return ZH_OK;
	return zh_store_unlocks_open(zh_ctx_db(c), c->arena, c->school_id, c->person_id, c->now ? c->now : zh_now(),
				     &l->open, &l->nopen);
}

static void ru_date(const char *iso, char out[11])
{
	/* "2026-11-18" → "18.11.2026" */
	if (strlen(iso) == 10)
		snprintf(out, 11, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, 11, "%s", iso);
}

void zh_journal_lock_of(struct zh_ctx *c, const struct zh_journal_lockctx *l, const char *date, bool year_closed,
			struct zh_lesson_lock *out)
{
	char d[11];
	memset(out, 0, sizeof *out);
	if (year_closed) {
		out->locked = true;
		out->code = "year_closed";
		out->reason = "Учебный год закрыт: журнал доступен только для чтения";
		return;
	}
	if (l->edit_all)
		return;
	if (!zh_date_add(date, l->lock_days + 1, out->locks_on)) {
		out->locks_on[0] = 0;
		return;
	}
	if (strcmp(l->today, out->locks_on) < 0)
		return;
	for (size_t i = 0; i < l->nopen; i++)
		if (strcmp(l->open[i].date, date) == 0) {
			out->unlock_id = l->open[i].id;
			return;
		}
	out->locked = true;
	out->code = "journal_locked";
	ru_date(out->locks_on, d);
	out->reason = c ? zh_arena_printf(c->arena,
					  "Журнал закрыт для изменений с %s (через %d дн. после урока). "
					  "Попросите администратора открыть дату.", d, l->lock_days)
			: "Журнал закрыт для изменений. Попросите администратора открыть дату.";
}

enum zh_err zh_journal_lock_fail(struct zh_ctx *c, const struct zh_lesson_lock *lk)
{
	return zh_fail_set(&c->fail, ZH_ELOCKED, lk->code ? lk->code : "locked", "",
			   "%s", lk->reason ? lk->reason : "Журнал закрыт для изменений");
}
