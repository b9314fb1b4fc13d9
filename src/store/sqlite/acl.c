/* acl.c: SQLite statements for the access matrix and the audit log */
#include "store/sqlite/sq.h"

#include <string.h>

enum zh_err zh_store_acl_each(struct zh_db *db, int64_t school_id,
			      void (*fn)(void *ctx, int role_id, const char *op), void *ctx)
{
	static const char sql[] = "SELECT role_id, op FROM access_matrix WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_acl_set(struct zh_db *db, int64_t school_id, int role_id, const char *op,
			     bool granted)
{
	static const char ins[] =
		"INSERT OR IGNORE INTO access_matrix(school_id, role_id, op) VALUES (?, ?, ?)";
	static const char del[] =
		"DELETE FROM access_matrix WHERE school_id = ? AND role_id = ? AND op = ?";
	sqlite3_stmt *st = zh_sq_prep(db, granted ? ins : del);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, role_id);
	zh_sq_bind_text(st, 3, op);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_acl_count(struct zh_db *db, int64_t school_id, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM access_matrix WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- audit ---- */

enum zh_err zh_store_audit_last_hash(struct zh_db *db, struct zh_arena *a, const char **hash)
{
	static const char sql[] = "SELECT hash FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	int rc = sqlite3_step(st);
	*hash = rc == SQLITE_ROW ? zh_sq_text(a, st, 0) : "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_audit_insert(struct zh_db *db, const struct zh_audit_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO audit(at, school_id, user_id, op, entity, entity_id, old_value, new_value,"
		" request_id, client, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->at);
	if (r->school_id)
		sqlite3_bind_int64(st, 2, r->school_id);
	if (r->user_id)
		sqlite3_bind_int64(st, 3, r->user_id);
	zh_sq_bind_text(st, 4, r->op);
	zh_sq_bind_text(st, 5, r->entity);
	zh_sq_bind_text(st, 6, r->entity_id ? r->entity_id : "");
	zh_sq_bind_text(st, 7, r->old_value);
	zh_sq_bind_text(st, 8, r->new_value);
	zh_sq_bind_text(st, 9, r->request_id ? r->request_id : "");
	zh_sq_bind_text(st, 10, r->client ? r->client : "");
	zh_sq_bind_text(st, 11, r->prev_hash);
	zh_sq_bind_text(st, 12, r->hash);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

#define AUDIT_COLS "a.id, a.at, COALESCE(a.school_id, 0), COALESCE(a.user_id, 0), a.op, a.entity," \
	" a.entity_id, a.old_value, a.new_value, a.request_id, a.client, a.prev_hash, a.hash"

static void audit_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_audit_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->at = sqlite3_column_int64(st, 1);
	r->school_id = sqlite3_column_int64(st, 2);
	r->user_id = sqlite3_column_int64(st, 3);
	r->op = zh_sq_text(a, st, 4);
	r->entity = zh_sq_text(a, st, 5);
	r->entity_id = zh_sq_text(a, st, 6);
	r->old_value = zh_sq_text(a, st, 7);
	r->new_value = zh_sq_text(a, st, 8);
	r->request_id = zh_sq_text(a, st, 9);
	r->client = zh_sq_text(a, st, 10);
	r->prev_hash = zh_sq_text(a, st, 11);
	r->hash = zh_sq_text(a, st, 12);
}

#define AUDIT_WHERE " WHERE a.school_id = ?1 AND (?2 = 0 OR a.user_id = ?2)" \
	" AND (?3 IS NULL OR a.op = ?3 OR (substr(?3, -1) = '*' AND substr(a.op, 1, length(?3) - 1) = substr(?3, 1, length(?3) - 1)))" \
	" AND (?4 IS NULL OR a.entity = ?4) AND (?5 = 0 OR a.at >= ?5) AND (?6 = 0 OR a.at < ?6)" \
	" AND (?9 IS NULL OR a.entity_id = ?9)"

static void audit_bind(sqlite3_stmt *st, const struct zh_audit_filter *flt)
{
	sqlite3_bind_int64(st, 1, flt->school_id);
	sqlite3_bind_int64(st, 2, flt->user_id);
	zh_sq_bind_text(st, 3, flt->op);
	zh_sq_bind_text(st, 4, flt->entity);
	sqlite3_bind_int64(st, 5, flt->from);
	sqlite3_bind_int64(st, 6, flt->to);
	zh_sq_bind_text(st, 9, flt->entity_id);
}

enum zh_err zh_store_audit_list(struct zh_db *db, struct zh_arena *a, const struct zh_audit_filter *flt,
				struct zh_audit_row **rows, size_t *n, int64_t *total)
{
	static const char count_sql[] = "SELECT COUNT(*) FROM audit a" AUDIT_WHERE;
	static const char list_sql[] =
		"SELECT " AUDIT_COLS ", u.login FROM audit a LEFT JOIN users u ON u.id = a.user_id"
		AUDIT_WHERE " ORDER BY a.id DESC LIMIT ?7 OFFSET ?8";
	sqlite3_stmt *st = zh_sq_prep(db, count_sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	audit_bind(st, flt);
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return zh_sq_err(db, rc);
	st = zh_sq_prep(db, list_sql);
	if (!st)
		return ZH_EDB;
	audit_bind(st, flt);
	sqlite3_bind_int64(st, 7, flt->limit);
	sqlite3_bind_int64(st, 8, flt->offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_audit_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		audit_cols(a, st, r);
		r->user_login = zh_sq_text(a, st, 13);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_audit_each(struct zh_db *db, int (*fn)(void *ctx, const struct zh_audit_row *r),
				void *ctx)
{
	static const char sql[] = "SELECT " AUDIT_COLS " FROM audit a ORDER BY a.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_audit_row r;
		struct zh_arena *row = zh_arena_new();
		if (!row) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		audit_cols(row, st, &r);
		int stop = fn(ctx, &r);
		zh_arena_free(row);
		if (stop) {
			sqlite3_reset(st);
			return ZH_OK;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}
