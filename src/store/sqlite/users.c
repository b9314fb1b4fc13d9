/* users.c: SQLite statements for persons, user accounts and role memberships */
#include "store/sqlite/sq.h"

#include <string.h>

enum zh_err zh_store_person_insert(struct zh_db *db, const struct zh_person_row *p,
				   const char *name_fold, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO persons(last_name, first_name, middle_name, gender, birth_date, name_fold, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, strftime('%s','now'))";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, p->last_name);
	zh_sq_bind_text(st, 2, p->first_name);
	zh_sq_bind_text(st, 3, p->middle_name ? p->middle_name : "");
	zh_sq_bind_text(st, 4, p->gender);
	zh_sq_bind_text(st, 5, p->birth_date);
	zh_sq_bind_text(st, 6, name_fold ? name_fold : "");
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_person_get(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_person_row *out)
{
	static const char sql[] =
		"SELECT id, last_name, first_name, middle_name, gender, birth_date FROM persons WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
	}
	out->id = sqlite3_column_int64(st, 0);
	out->last_name = zh_sq_text(a, st, 1);
	out->first_name = zh_sq_text(a, st, 2);
	out->middle_name = zh_sq_text(a, st, 3);
	out->gender = zh_sq_text(a, st, 4);
	out->birth_date = zh_sq_text(a, st, 5);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_user_insert(struct zh_db *db, int64_t person_id, const char *login,
				 const char *pw_hash, bool must_change, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO users(person_id, login, pw_hash, must_change, created_at)"
		" VALUES (?, ?, ?, ?, strftime('%s','now'))";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	zh_sq_bind_text(st, 2, login);
	zh_sq_bind_text(st, 3, pw_hash);
	sqlite3_bind_int(st, 4, must_change);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

#define USER_COLS "id, person_id, login, pw_hash, must_change, locked"

static enum zh_err user_row(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_user_row *out)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
	}
	out->id = sqlite3_column_int64(st, 0);
	out->person_id = sqlite3_column_int64(st, 1);
	out->login = zh_sq_text(a, st, 2);
	out->pw_hash = zh_sq_text(a, st, 3);
	out->must_change = sqlite3_column_int(st, 4) != 0;
	out->locked = sqlite3_column_int(st, 5) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_user_by_login(struct zh_db *db, struct zh_arena *a, const char *login,
				   struct zh_user_row *out)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users WHERE login = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, login);
	return user_row(db, a, st, out);
}

enum zh_err zh_store_user_by_id(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_user_row *out)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	return user_row(db, a, st, out);
}

enum zh_err zh_store_user_login_exists(struct zh_db *db, const char *login, bool *exists)
{
	static const char sql[] = "SELECT 1 FROM users WHERE login = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, login);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return zh_sq_err(db, rc);
	*exists = rc == SQLITE_ROW;
	return ZH_OK;
}

enum zh_err zh_store_user_set_password(struct zh_db *db, int64_t id, const char *pw_hash,
				       bool must_change)
{
	static const char sql[] =
		"UPDATE users SET pw_hash = ?, must_change = ?,"
		" pw_changed_at = strftime('%s','now') WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, pw_hash);
	sqlite3_bind_int(st, 2, must_change);
	sqlite3_bind_int64(st, 3, id);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && sqlite3_changes(db->h) == 0)
		return ZH_ENOTFOUND;
	return e;
}

enum zh_err zh_store_user_set_locked(struct zh_db *db, int64_t id, bool locked)
{
	static const char sql[] =
		"UPDATE users SET locked = ? WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int(st, 1, locked);
	sqlite3_bind_int64(st, 2, id);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && sqlite3_changes(db->h) == 0)
		return ZH_ENOTFOUND;
	return e;
}

enum zh_err zh_store_user_role_add(struct zh_db *db, int64_t user_id, int64_t school_id, int role_id)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO user_roles(user_id, school_id, role_id) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int(st, 3, role_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_user_region_role_add(struct zh_db *db, int64_t user_id, int64_t region_id,
					  int role_id)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO region_roles(user_id, region_id, role_id) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, region_id);
	sqlite3_bind_int(st, 3, role_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_user_roles(struct zh_db *db, struct zh_arena *a, int64_t user_id,
				struct zh_role_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT r.school_id, s.region_id, r.role_id, s.name FROM user_roles r"
		" JOIN schools s ON s.id = r.school_id WHERE r.user_id = ?1"
		" UNION ALL SELECT 0, g.region_id, g.role_id, NULL FROM region_roles g WHERE g.user_id = ?1"
		" ORDER BY 1, 3";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_role_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->school_id = sqlite3_column_int64(st, 0);
		r->region_id = sqlite3_column_int64(st, 1);
		r->role_id = sqlite3_column_int(st, 2);
		r->school_name = zh_sq_text(a, st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_user_list(struct zh_db *db, struct zh_arena *a, int role_id,
			       struct zh_user_list_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT u.login,"
		" p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name <> '' THEN ' ' || p.middle_name ELSE '' END,"
		" (SELECT group_concat(role_id, ',') FROM (SELECT role_id FROM user_roles WHERE user_id = u.id"
		"   UNION SELECT role_id FROM region_roles WHERE user_id = u.id ORDER BY role_id)),"
		" (SELECT group_concat(c.name, ',') FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		"   WHERE cs.student_id = p.id),"
		" (SELECT group_concat(cu.login, ',') FROM parent_links pl JOIN users cu ON cu.person_id = pl.child_id"
		"   WHERE pl.parent_id = p.id),"
		" u.locked, u.must_change"
		" FROM users u JOIN persons p ON p.id = u.person_id"
		" WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_id = ?1)"
		"   OR EXISTS (SELECT 1 FROM region_roles g WHERE g.user_id = u.id AND g.role_id = ?1)"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, u.login";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int(st, 1, role_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_user_list_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->login = zh_sq_text(a, st, 0);
		r->full_name = zh_sq_text(a, st, 1);
		r->roles = zh_sq_text(a, st, 2);
		r->class_name = zh_sq_text(a, st, 3);
		r->children = zh_sq_text(a, st, 4);
		r->locked = sqlite3_column_int(st, 5) != 0;
		r->must_change = sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}
