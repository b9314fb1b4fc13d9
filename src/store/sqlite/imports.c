/* imports.c: SQLite side of import and export (M-04) */
#include <string.h>

#include "core/fold.h"
#include "store/imports.h"
#include "store/sqlite/sq.h"

enum zh_err zh_store_import_insert(struct zh_db *db, int64_t school_id, const char *kind,
				   const char *filename, const char *content, size_t len,
				   const char *report, int64_t by, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO imports(school_id, kind, filename, content, report, status,"
				  " created_by, created_at) VALUES (?, ?, ?, ?, ?, 'checked', ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, kind);
	zh_sq_bind_text(st, 3, filename);
	sqlite3_bind_blob64(st, 4, len ? content : "", len, SQLITE_STATIC);
	zh_sq_bind_text(st, 5, report);
	if (by)
		sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_import_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_import_row *out)
{
	static const char sql[] = "SELECT id, kind, filename, content, report, status, created_by, created_at"
				  " FROM imports WHERE school_id = ? AND id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	enum zh_err e = ZH_OK;
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(st, 0);
		out->kind = zh_sq_text(a, st, 1);
		out->filename = zh_sq_text(a, st, 2);
		out->len = (size_t)sqlite3_column_bytes(st, 3);
		const void *b = sqlite3_column_blob(st, 3);
		char *c = zh_arena_alloc(a, out->len + 1);
		if (c) {
			if (out->len)
				memcpy(c, b, out->len);
			c[out->len] = 0;
		} else {
			e = ZH_ENOMEM;
		}
		out->content = c;
		out->report = zh_sq_text(a, st, 4);
		out->status = zh_sq_text(a, st, 5);
		out->created_by = sqlite3_column_int64(st, 6);
		out->created_at = sqlite3_column_int64(st, 7);
	} else {
		e = rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
	}
	sqlite3_reset(st);
	return e;
}

enum zh_err zh_store_import_update(struct zh_db *db, int64_t school_id, int64_t id, const char *status,
				   const char *report)
{
	static const char sql[] = "UPDATE imports SET status = ?, report = ? WHERE school_id = ? AND id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, status);
	zh_sq_bind_text(st, 2, report);
	sqlite3_bind_int64(st, 3, school_id);
	sqlite3_bind_int64(st, 4, id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_imp_current_year(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				      const char *today, int64_t *id, const char **name)
{
	/* the open year that contains today; failing that the open year that starts soonest after
	 * it, then the latest one before it */
	static const char sql[] =
		"SELECT id, name FROM academic_years WHERE school_id = ?1 AND closed = 0"
		" ORDER BY (start_date <= ?2 AND end_date >= ?2) DESC, (start_date > ?2) DESC,"
		" CASE WHEN start_date > ?2 THEN start_date END ASC, start_date DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, today);
	int rc = sqlite3_step(st);
	*id = 0;
	if (name)
		*name = NULL;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (name)
			*name = zh_sq_text(a, st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err count_id(struct zh_db *db, sqlite3_stmt *st, int64_t *count, int64_t *id)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		if (id)
			*id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ZH_OK : zh_sq_err(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc);
}

enum zh_err zh_store_imp_person_find(struct zh_db *db, int64_t school_id, const char *kind,
				     const char *fold, const char *birth_date, int64_t *count, int64_t *id)
{
	static const char q_student[] =
		"SELECT count(*), ifnull(min(p.id), 0) FROM persons p JOIN students s ON s.person_id = p.id"
		" AND s.school_id = ?1 WHERE p.name_fold = ?2 AND (?3 IS NULL OR p.birth_date = ?3)";
	static const char q_staff[] =
		"SELECT count(*), ifnull(min(p.id), 0) FROM persons p JOIN staff s ON s.person_id = p.id"
		" AND s.school_id = ?1 WHERE p.name_fold = ?2 AND (?3 IS NULL OR p.birth_date = ?3)";
	static const char q_parent[] =
		"SELECT count(*), ifnull(min(p.id), 0) FROM persons p WHERE p.name_fold = ?2"
		" AND (?3 IS NULL OR p.birth_date = ?3) AND (EXISTS (SELECT 1 FROM parent_links l"
		" WHERE l.parent_id = p.id AND l.school_id = ?1) OR EXISTS (SELECT 1 FROM person_cards c"
		" WHERE c.person_id = p.id AND c.school_id = ?1 AND c.kind = 'parent'))";
	sqlite3_stmt *st = zh_sq_prep(db, strcmp(kind, "student") == 0 ? q_student
					  : strcmp(kind, "staff") == 0 ? q_staff : q_parent);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, fold);
	zh_sq_bind_text(st, 3, birth_date);
	return count_id(db, st, count, id);
}

enum zh_err zh_store_imp_student_in_class(struct zh_db *db, int64_t school_id, int64_t class_id,
					  const char *fold, int64_t *count, int64_t *id)
{
	static const char sql[] =
		"SELECT count(*), ifnull(min(p.id), 0) FROM persons p JOIN class_students cs"
		" ON cs.student_id = p.id AND cs.school_id = ? AND cs.class_id = ? WHERE p.name_fold = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	zh_sq_bind_text(st, 3, fold);
	return count_id(db, st, count, id);
}

enum zh_err zh_store_imp_parent_linked(struct zh_db *db, int64_t school_id, int64_t child_id,
				       const char *fold, bool *yes)
{
	static const char sql[] =
		"SELECT count(*), 0 FROM parent_links l JOIN persons p ON p.id = l.parent_id"
		" WHERE l.school_id = ? AND l.child_id = ? AND p.name_fold = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int64_t n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, child_id);
	zh_sq_bind_text(st, 3, fold);
	enum zh_err e = count_id(db, st, &n, NULL);
	*yes = n > 0;
	return e;
}

enum zh_err zh_store_imp_position(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  const char *fold, int64_t *id)
{
	static const char sql[] = "SELECT id, name FROM positions WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*id = 0;
	/* folding is ICU's (Russian case), so it is done here on each name */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 1);
		const char *f = n ? zh_fold(a, n, strlen(n)) : NULL;
		if (f && strcmp(f, fold) == 0 && !*id)
			*id = sqlite3_column_int64(st, 0);
	}
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define CARD(kind, grp, field)                                                                      \
	"(SELECT json_extract(c.data, '$." field "') FROM person_cards c WHERE c.school_id = ?1"     \
	" AND c.person_id = p.id AND c.kind = '" kind "' AND c.grp = '" grp "')"

enum zh_err zh_store_exp_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, int64_t class_id, struct zh_exp_student **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, k.id, p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date, k.name,"
		" " CARD("student", "documents", "snils") ", s.personal_file_no,"
		" " CARD("student", "medical", "health_group") ", " CARD("student", "medical", "pe_group")
		" FROM class_students cs JOIN classes k ON k.id = cs.class_id AND k.school_id = ?1"
		" AND k.year_id = ?2 AND (?3 = 0 OR k.id = ?3)"
		" JOIN persons p ON p.id = cs.student_id"
		" LEFT JOIN students s ON s.school_id = ?1 AND s.person_id = p.id"
		" WHERE cs.school_id = ?1"
		" ORDER BY k.grade, k.letter COLLATE ru, p.last_name COLLATE ru, p.first_name COLLATE ru,"
		" p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, class_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_exp_student *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r)
			return ZH_ENOMEM;
		r->id = sqlite3_column_int64(st, 0);
		r->class_id = sqlite3_column_int64(st, 1);
		r->last_name = zh_sq_text(a, st, 2);
		r->first_name = zh_sq_text(a, st, 3);
		r->middle_name = zh_sq_text(a, st, 4);
		r->gender = zh_sq_text(a, st, 5);
		r->birth_date = zh_sq_text(a, st, 6);
		r->class_name = zh_sq_text(a, st, 7);
		r->snils = zh_sq_text(a, st, 8);
		r->file_no = zh_sq_text(a, st, 9);
		r->health_group = zh_sq_text(a, st, 10);
		r->pe_group = zh_sq_text(a, st, 11);
	}
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_exp_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 int64_t year_id, int64_t class_id, struct zh_exp_parent **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.last_name, p.first_name, p.middle_name, p.gender,"
		" " CARD("parent", "contacts", "mobile_phone") ", " CARD("parent", "contacts", "email") ","
		" l.relation, ch.last_name, ch.first_name, ch.middle_name, ch.birth_date, k.name"
		" FROM parent_links l JOIN persons p ON p.id = l.parent_id JOIN persons ch ON ch.id = l.child_id"
		" JOIN class_students cs ON cs.student_id = ch.id AND cs.school_id = ?1"
		" JOIN classes k ON k.id = cs.class_id AND k.year_id = ?2 AND (?3 = 0 OR k.id = ?3)"
		" WHERE l.school_id = ?1"
		" ORDER BY k.grade, k.letter COLLATE ru, ch.last_name COLLATE ru, ch.first_name COLLATE ru, ch.id,"
		" p.last_name COLLATE ru, p.first_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, class_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_exp_parent *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r)
			return ZH_ENOMEM;
		const char **f[] = { &r->last_name, &r->first_name, &r->middle_name, &r->gender, &r->phone,
				     &r->email, &r->relation, &r->child_last, &r->child_first,
				     &r->child_middle, &r->child_birth, &r->child_class };
		for (int i = 0; i < 12; i++)
			*f[i] = zh_sq_text(a, st, i);
	}
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_exp_staff(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       struct zh_exp_staff **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date,"
		" (SELECT ps.name FROM staff_positions sp JOIN positions ps ON ps.id = sp.position_id"
		"  WHERE sp.school_id = ?1 AND sp.person_id = p.id ORDER BY sp.id LIMIT 1),"
		" s.personnel_no, " CARD("staff", "contacts", "mobile_phone") ", "
		CARD("staff", "contacts", "email")
		" FROM staff s JOIN persons p ON p.id = s.person_id WHERE s.school_id = ?1 AND s.left_on IS NULL"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_exp_staff *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r)
			return ZH_ENOMEM;
		const char **f[] = { &r->last_name, &r->first_name, &r->middle_name, &r->gender,
				     &r->birth_date, &r->position, &r->personnel_no, &r->phone, &r->email };
		for (int i = 0; i < 9; i++)
			*f[i] = zh_sq_text(a, st, i);
	}
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}
