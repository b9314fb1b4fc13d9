/* unlocks.c: a teacher's request to open a locked journal date and the admin's decision (M-09) */
#include "domain/marks.h"

#include <string.h>

#include "core/tz.h"
#include "domain/audit.h"
#include "domain/journal_lock.h"
#include "domain/scope.h"
#include "store/marks.h"

static enum zh_err finish(struct zh_db *db, enum zh_err e)
{
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

static json_t *unlock_audit(const struct zh_unlock_row *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I}", "teacher_id", (json_int_t)u->teacher_id, "date",
			 u->date ? u->date : "", "reason", u->reason ? u->reason : "", "status",
			 u->status ? u->status : "", "expires_at", (json_int_t)u->expires_at);
}

static enum zh_err request_tx(struct zh_ctx *c, const char *date, int64_t lesson_id, const char *reason,
			      struct zh_unlock_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_journal_lockctx lc;
	struct zh_lesson_lock lk;
	struct zh_unlock_row r = { 0 };
	int y, m, d;
	int64_t id;
	enum zh_err e;
	if (!date || !zh_date_parse(date, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "date", "Дата: ГГГГ-ММ-ДД");
	if (!reason || !*reason)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "reason", "Укажите причину");
	if (!c->person_id)
		return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Разблокировку просит учитель");
	if (lesson_id) {
		struct zh_mk_lesson l;
		if ((e = zh_scope_check(c, "journal.edit", &(struct zh_target){ .lesson_id = lesson_id })))
			return e;
		e = zh_store_mk_lesson(db, c->arena, c->school_id, lesson_id, &l);
		if (e == ZH_ENOTFOUND)
			return zh_fail_set(&c->fail, ZH_ERULE, "lesson_not_found", "lesson_id", "Урок не найден");
		if (e)
			return e;
		if (strcmp(l.date, date) != 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "lesson_date_mismatch", "lesson_id",
					   "Урок проходил в другой день");
	}
	if ((e = zh_journal_lock_begin(c, &lc)))
		return e;
	zh_journal_lock_of(c, &lc, date, false, &lk);
	if (!lk.locked)
		return zh_fail_set(&c->fail, ZH_ERULE, "not_locked", "date",
				   "Эта дата не закрыта: изменения можно вносить без разблокировки");
	r.teacher_id = c->person_id;
	r.date = date;
	r.lesson_id = lesson_id;
	r.reason = reason;
	r.requested_by = c->user_id;
	r.requested_at = c->now;
	r.status = "pending";
	if ((e = zh_store_unlock_insert(db, c->school_id, &r, &id)) ||
	    (e = zh_audit_take(c, "journal.unlock.request", "journal_unlock", id, NULL, unlock_audit(&r))))
		return e;
	return zh_store_unlock_get(db, c->arena, c->school_id, id, out);
}

enum zh_err zh_unlock_request(struct zh_ctx *c, const char *date, int64_t lesson_id, const char *reason,
			      struct zh_unlock_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, request_tx(c, date, lesson_id, reason, out));
}

enum zh_err zh_unlocks_list(struct zh_ctx *c, const char *status, int64_t limit, int64_t offset,
			    struct zh_unlock_row **rows, size_t *n, int64_t *total)
{
	int64_t teacher = zh_acl_allows(&c->ops, "journal.unlock") ? 0 : c->person_id;
	if (status && strcmp(status, "pending") && strcmp(status, "granted") && strcmp(status, "refused"))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "status", "status: pending, granted или refused");
	if (teacher == 0 && !zh_acl_allows(&c->ops, "journal.unlock")) {
		*rows = NULL;
		*n = 0;
		*total = 0;
		return ZH_OK;
	}
	return zh_store_unlocks_list(zh_ctx_db(c), c->arena, c->school_id, teacher, status, limit, offset, rows, n,
				     total);
}

static enum zh_err decide_tx(struct zh_ctx *c, int64_t id, bool grant, const char *comment, struct zh_unlock_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_unlock_row old;
	int64_t expires = grant ? c->now + ZH_UNLOCK_SECONDS : 0;
	enum zh_err e = zh_store_unlock_get(db, c->arena, c->school_id, id, &old);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "unlock_not_found", "", "Запрос на разблокировку не найден");
	if (e)
		return e;
	e = zh_store_unlock_decide(db, id, grant ? "granted" : "refused", c->user_id, c->now, comment, expires);
	if (e == ZH_ECONFLICT)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "not_pending", "", "Запрос уже рассмотрен");
	if (e || (e = zh_store_unlock_get(db, c->arena, c->school_id, id, out)))
		return e;
	return zh_audit_take(c, grant ? "journal.unlock.grant" : "journal.unlock.refuse", "journal_unlock", id,
			     unlock_audit(&old), unlock_audit(out));
}

enum zh_err zh_unlock_decide(struct zh_ctx *c, int64_t id, bool grant, const char *comment,
			     struct zh_unlock_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, decide_tx(c, id, grant, comment, out));
}
