/* unlocks.c: requests to open a locked journal date, decisions, open unlocks (SQLite) */
#include "store/unlocks.h"
#include "store/sqlite/sq.h"

#include <stdio.h>

enum zh_err zh_store_unlocks_open(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				  int64_t now, struct zh_unlock_open **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, date, expires_at FROM journal_unlocks"
		" WHERE school_id = ?1 AND teacher_id = ?2 AND status = 'granted' AND expires_at > ?3"
		" ORDER BY date";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	sqlite3_bind_int64(st, 3, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 1);
		struct zh_unlock_open *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		snprintf(r->date, sizeof r->date, "%s", d ? d : "");
		r->expires_at = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_unlock_insert(struct zh_db *db, int64_t school_id, const struct zh_unlock_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO journal_unlocks(school_id, teacher_id, date, lesson_id, reason, status, requested_by,"
		" requested_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->teacher_id);
	zh_sq_bind_text(st, 3, r->date);
	zh_sq_bind_id(st, 4, r->lesson_id);
	zh_sq_bind_text(st, 5, r->reason);
	zh_sq_bind_id(st, 6, r->requested_by);
	sqlite3_bind_int64(st, 7, r->requested_at);
	return zh_sq_insert_id(db, st, id);
}

#define UL_COLS                                                                                                   \
	"SELECT j.id, j.teacher_id, IFNULL(j.lesson_id, 0), IFNULL(j.requested_by, 0), j.requested_at,"          \
	" IFNULL(j.decided_by, 0), IFNULL(j.decided_at, 0), IFNULL(j.expires_at, 0),"                             \
	" p.last_name || ' ' || p.first_name || CASE WHEN IFNULL(p.middle_name, '') <> '' THEN ' ' ||"            \
	" p.middle_name ELSE '' END, j.date, j.reason, j.status, j.decision_comment"                              \
	" FROM journal_unlocks j JOIN persons p ON p.id = j.teacher_id"

static void ul_row(struct zh_arena *a, sqlite3_stmt *st, struct zh_unlock_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->teacher_id = sqlite3_column_int64(st, 1);
	r->lesson_id = sqlite3_column_int64(st, 2);
	r->requested_by = sqlite3_column_int64(st, 3);
	r->requested_at = sqlite3_column_int64(st, 4);
	r->decided_by = sqlite3_column_int64(st, 5);
	r->decided_at = sqlite3_column_int64(st, 6);
	r->expires_at = sqlite3_column_int64(st, 7);
	r->teacher_name = zh_sq_text(a, st, 8);
	r->date = zh_sq_text(a, st, 9);
	r->reason = zh_sq_text(a, st, 10);
	r->status = zh_sq_text(a, st, 11);
	r->decision_comment = zh_sq_text(a, st, 12);
}

enum zh_err zh_store_unlock_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_unlock_row *out)
{
	static const char sql[] = UL_COLS " WHERE j.school_id = ?1 AND j.id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	ul_row(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_unlocks_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				  const char *status, int64_t limit, int64_t offset, struct zh_unlock_row **rows,
				  size_t *n, int64_t *total)
{
	static const char sql[] = UL_COLS " WHERE j.school_id = ?1 AND (?2 = 0 OR j.teacher_id = ?2)"
					  " AND (?3 IS NULL OR j.status = ?3) ORDER BY j.id DESC LIMIT ?4 OFFSET ?5";
	static const char cnt[] = "SELECT COUNT(*) FROM journal_unlocks j WHERE j.school_id = ?1"
				  " AND (?2 = 0 OR j.teacher_id = ?2) AND (?3 IS NULL OR j.status = ?3)";
	sqlite3_stmt *st = zh_sq_prep(db, cnt);
	size_t cap = 0;
	enum zh_err e;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	zh_sq_bind_text(st, 3, status);
	if ((e = zh_sq_scalar_id(db, st, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	zh_sq_bind_text(st, 3, status);
	sqlite3_bind_int64(st, 4, limit);
	sqlite3_bind_int64(st, 5, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_unlock_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		ul_row(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_unlock_decide(struct zh_db *db, int64_t id, const char *status, int64_t by, int64_t at,
				   const char *comment, int64_t expires_at)
{
	static const char sql[] =
		"UPDATE journal_unlocks SET status = ?2, decided_by = ?3, decided_at = ?4, decision_comment = ?5,"
		" expires_at = ?6 WHERE id = ?1 AND status = 'pending'";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	zh_sq_bind_text(st, 2, status);
	zh_sq_bind_id(st, 3, by);
	sqlite3_bind_int64(st, 4, at);
	zh_sq_bind_text(st, 5, comment ? comment : "");
	zh_sq_bind_id(st, 6, expires_at);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	return sqlite3_changes(db->h) ? ZH_OK : ZH_ECONFLICT;
}
