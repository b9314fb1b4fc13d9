/* sessions.c: SQLite statements for sessions, login throttling and login events */
#include "store/sqlite/sq.h"

enum zh_err zh_store_session_insert(struct zh_db *db, const struct zh_session_row *s,
				    const unsigned char hash[32], int64_t *id)
{
	static const char sql[] =
		"INSERT INTO sessions(user_id, token_hash, csrf, created_at, last_seen_at, expires_at, ip, user_agent)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, s->user_id);
	sqlite3_bind_blob(st, 2, hash, 32, SQLITE_TRANSIENT);
	zh_sq_bind_text(st, 3, s->csrf);
	sqlite3_bind_int64(st, 4, s->created_at);
	sqlite3_bind_int64(st, 5, s->last_seen_at);
	sqlite3_bind_int64(st, 6, s->expires_at);
	zh_sq_bind_text(st, 7, s->ip ? s->ip : "");
	zh_sq_bind_text(st, 8, s->user_agent ? s->user_agent : "");
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

#define SESSION_COLS "id, user_id, created_at, last_seen_at, expires_at, COALESCE(ended_at, 0), csrf, ip, user_agent"

static void session_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_session_row *out)
{
	out->id = sqlite3_column_int64(st, 0);
	out->user_id = sqlite3_column_int64(st, 1);
	out->created_at = sqlite3_column_int64(st, 2);
	out->last_seen_at = sqlite3_column_int64(st, 3);
	out->expires_at = sqlite3_column_int64(st, 4);
	out->ended_at = sqlite3_column_int64(st, 5);
	out->csrf = zh_sq_text(a, st, 6);
	out->ip = zh_sq_text(a, st, 7);
	out->user_agent = zh_sq_text(a, st, 8);
}

enum zh_err zh_store_session_actor(struct zh_db *db, struct zh_arena *a, const unsigned char hash[32],
				   struct zh_session_row *s, struct zh_user_row *u, struct zh_person_row *p)
{
	static const char sql[] =
		"SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, COALESCE(s.ended_at, 0),"
		" s.csrf, s.ip, s.user_agent, u.person_id, u.login, u.must_change, u.locked,"
		" p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date"
		" FROM sessions s JOIN users u ON u.id = s.user_id JOIN persons p ON p.id = u.person_id"
		" WHERE s.token_hash = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		session_cols(a, st, s);
		u->id = s->user_id;
		u->person_id = sqlite3_column_int64(st, 9);
		u->login = zh_sq_text(a, st, 10);
		u->pw_hash = NULL;
		u->must_change = sqlite3_column_int(st, 11) != 0;
		u->locked = sqlite3_column_int(st, 12) != 0;
		p->id = u->person_id;
		p->last_name = zh_sq_text(a, st, 13);
		p->first_name = zh_sq_text(a, st, 14);
		p->middle_name = zh_sq_text(a, st, 15);
		p->gender = zh_sq_text(a, st, 16);
		p->birth_date = zh_sq_text(a, st, 17);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_session_touch(struct zh_db *db, int64_t id, int64_t now, int64_t expires_at)
{
	static const char sql[] =
		"UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ? AND ended_at IS NULL";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, expires_at);
	sqlite3_bind_int64(st, 3, id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_session_end(struct zh_db *db, int64_t user_id, int64_t id, int64_t now)
{
	static const char sql[] =
		"UPDATE sessions SET ended_at = ? WHERE id = ? AND user_id = ? AND ended_at IS NULL"
		" AND expires_at > ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, now);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && sqlite3_changes(db->h) == 0)
		return ZH_ENOTFOUND;
	return e;
}

enum zh_err zh_store_sessions_end_all(struct zh_db *db, int64_t user_id, int64_t keep_id, int64_t now)
{
	static const char sql[] =
		"UPDATE sessions SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, keep_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_sessions_active(struct zh_db *db, struct zh_arena *a, int64_t user_id,
				     int64_t now, struct zh_session_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " SESSION_COLS " FROM sessions WHERE user_id = ? AND ended_at IS NULL"
		" AND expires_at > ? ORDER BY last_seen_at DESC LIMIT 100";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_session_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		session_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_throttle_get(struct zh_db *db, const char *key, struct zh_throttle_row *out)
{
	static const char sql[] =
		"SELECT failures, window_start, blocked_until FROM login_throttle WHERE key = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	out->failures = out->window_start = out->blocked_until = 0;
	if (rc == SQLITE_ROW) {
		out->failures = sqlite3_column_int64(st, 0);
		out->window_start = sqlite3_column_int64(st, 1);
		out->blocked_until = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_throttle_put(struct zh_db *db, const char *key, const struct zh_throttle_row *t)
{
	static const char sql[] =
		"INSERT INTO login_throttle(key, failures, window_start, blocked_until) VALUES (?, ?, ?, ?)"
		" ON CONFLICT(key) DO UPDATE SET failures = excluded.failures,"
		" window_start = excluded.window_start, blocked_until = excluded.blocked_until";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, t->failures);
	sqlite3_bind_int64(st, 3, t->window_start);
	sqlite3_bind_int64(st, 4, t->blocked_until);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_throttle_clear(struct zh_db *db, const char *key)
{
	static const char sql[] = "DELETE FROM login_throttle WHERE key = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, key);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_login_event(struct zh_db *db, int64_t at, const char *login, int64_t user_id,
				 const char *ip, bool success, const char *reason)
{
	static const char sql[] =
		"INSERT INTO login_events(at, login, user_id, ip, success, reason) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, at);
	zh_sq_bind_text(st, 2, login);
	if (user_id)
		sqlite3_bind_int64(st, 3, user_id);
	else
		sqlite3_bind_null(st, 3);
	zh_sq_bind_text(st, 4, ip ? ip : "");
	sqlite3_bind_int(st, 5, success);
	zh_sq_bind_text(st, 6, reason);
	return zh_sq_exec_done(db, st);
}
