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
