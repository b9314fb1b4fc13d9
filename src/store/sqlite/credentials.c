/* credentials.c: SQLite statements for issuing logins (M-01) */
#include "store/credentials.h"

#include <string.h>

#include "store/sqlite/sq.h"

/* ---- classes ---- */

/* ?1 school, ?2 class (or teacher for the list) */
#define CURRENT_STUDENT(cs) \
	" NOT EXISTS (SELECT 1 FROM students s WHERE s.school_id = " cs ".school_id" \
	" AND s.person_id = " cs ".student_id AND s.status <> 'enrolled')"

#define CLASS_COLS \
	"c.id, c.year_id, COALESCE(c.class_teacher_id, 0), c.grade, c.name," \
	" COALESCE((SELECT t.last_name || ' ' || t.first_name || CASE WHEN t.middle_name <> ''" \
	"   THEN ' ' || t.middle_name ELSE '' END FROM persons t WHERE t.id = c.class_teacher_id), '')," \
	" (SELECT count(*) FROM class_students cs WHERE cs.class_id = c.id AND" CURRENT_STUDENT("cs") ")," \
	" (SELECT count(*) FROM class_students cs WHERE cs.class_id = c.id AND" CURRENT_STUDENT("cs") \
	"   AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = cs.student_id))," \
	" (SELECT count(DISTINCT pl.parent_id) FROM parent_links pl JOIN class_students cs" \
	"   ON cs.student_id = pl.child_id AND cs.class_id = c.id AND pl.school_id = c.school_id" \
	"   WHERE" CURRENT_STUDENT("cs") ")," \
	" (SELECT count(DISTINCT pl.parent_id) FROM parent_links pl JOIN class_students cs" \
	"   ON cs.student_id = pl.child_id AND cs.class_id = c.id AND pl.school_id = c.school_id" \
	"   WHERE" CURRENT_STUDENT("cs") \
	"   AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = pl.parent_id))"

static void class_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_cred_class_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->year_id = sqlite3_column_int64(st, 1);
	r->class_teacher_id = sqlite3_column_int64(st, 2);
	r->grade = sqlite3_column_int(st, 3);
	r->name = zh_sq_text(a, st, 4);
	r->class_teacher_name = zh_sq_text(a, st, 5);
	r->students = sqlite3_column_int64(st, 6);
	r->students_without_login = sqlite3_column_int64(st, 7);
	r->parents = sqlite3_column_int64(st, 8);
	r->parents_without_login = sqlite3_column_int64(st, 9);
}

enum zh_err zh_store_cred_class(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				int64_t class_id, struct zh_cred_class_row *out)
{
	static const char sql[] = "SELECT " CLASS_COLS " FROM classes c WHERE c.school_id = ? AND c.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		class_cols(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_cred_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t teacher_id, struct zh_cred_class_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " CLASS_COLS " FROM classes c JOIN academic_years y ON y.id = c.year_id"
		" WHERE c.school_id = ?1 AND y.closed = 0 AND (?2 = 0 OR c.class_teacher_id = ?2)"
		" ORDER BY y.start_date DESC, c.grade, c.letter COLLATE ru, c.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_cred_class_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		class_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- people ---- */

/* columns: person_id, user_id, last, first, middle, login, must_change, has_role, extra */
static void person_cols(struct zh_arena *a, sqlite3_stmt *st, const char *kind,
			struct zh_cred_person_row *r)
{
	r->person_id = sqlite3_column_int64(st, 0);
	r->user_id = sqlite3_column_int64(st, 1);
	r->last_name = zh_sq_text(a, st, 2);
	r->first_name = zh_sq_text(a, st, 3);
	r->middle_name = zh_sq_text(a, st, 4);
	r->login = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 5);
	r->must_change = sqlite3_column_int(st, 6) != 0;
	r->has_role = sqlite3_column_int(st, 7) != 0;
	r->kind = kind;
	if (strcmp(kind, "parent") == 0)
		r->children = zh_sq_text(a, st, 8);
	else if (strcmp(kind, "staff") == 0)
		r->roles = zh_sq_text(a, st, 8);
}

static enum zh_err person_list(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st,
			       const char *kind, struct zh_cred_person_row **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_cred_person_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		person_cols(a, st, kind, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define PERSON_COLS(role) \
	"p.id, COALESCE(u.id, 0), p.last_name, p.first_name, p.middle_name, u.login," \
	" COALESCE(u.must_change, 0)," \
	" EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.school_id = ?1" \
	"   AND ur.role_id = " role ")"
#define NAME_ORDER " ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id"

enum zh_err zh_store_cred_class_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t class_id, struct zh_cred_person_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " PERSON_COLS("2") ", ''"
		" FROM class_students cs JOIN persons p ON p.id = cs.student_id"
		" LEFT JOIN users u ON u.person_id = p.id"
		" WHERE cs.school_id = ?1 AND cs.class_id = ?2 AND" CURRENT_STUDENT("cs")
		NAME_ORDER;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	return person_list(db, a, st, "student", rows, n);
}

enum zh_err zh_store_cred_class_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					int64_t class_id, struct zh_cred_person_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " PERSON_COLS("5") ","
		" COALESCE((SELECT group_concat(nm, ', ') FROM (SELECT k.last_name || ' ' || k.first_name AS nm"
		"   FROM parent_links l JOIN class_students cs ON cs.student_id = l.child_id"
		"   JOIN persons k ON k.id = l.child_id"
		"   WHERE l.parent_id = p.id AND l.school_id = ?1 AND cs.class_id = ?2 AND" CURRENT_STUDENT("cs")
		"   ORDER BY k.last_name COLLATE ru, k.first_name COLLATE ru)), '')"
		" FROM persons p LEFT JOIN users u ON u.person_id = p.id"
		" WHERE p.id IN (SELECT pl.parent_id FROM parent_links pl JOIN class_students cs"
		"   ON cs.student_id = pl.child_id WHERE pl.school_id = ?1 AND cs.class_id = ?2"
		"   AND cs.school_id = ?1 AND" CURRENT_STUDENT("cs") ")"
		NAME_ORDER;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	return person_list(db, a, st, "parent", rows, n);
}

#define STAFF_COLS \
	"p.id, COALESCE(u.id, 0), p.last_name, p.first_name, p.middle_name, u.login," \
	" COALESCE(u.must_change, 0)," \
	" EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.school_id = ?1" \
	"   AND ur.role_id NOT IN (2, 5))," \
	" COALESCE((SELECT group_concat(role_id, ',') FROM (SELECT ur.role_id FROM user_roles ur" \
	"   WHERE ur.user_id = u.id AND ur.school_id = ?1 ORDER BY ur.role_id)), '')"
#define STAFF_WHERE \
	" (EXISTS (SELECT 1 FROM staff sf WHERE sf.school_id = ?1 AND sf.person_id = p.id" \
	"   AND sf.left_on IS NULL)" \
	"  OR EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.school_id = ?1" \
	"   AND ur.role_id NOT IN (2, 5)))"

enum zh_err zh_store_cred_staff(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_cred_person_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " STAFF_COLS " FROM persons p LEFT JOIN users u ON u.person_id = p.id"
		" WHERE" STAFF_WHERE NAME_ORDER;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	return person_list(db, a, st, "staff", rows, n);
}

enum zh_err zh_store_cred_staff_one(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, struct zh_cred_person_row *out)
{
	static const char sql[] =
		"SELECT " STAFF_COLS " FROM persons p LEFT JOIN users u ON u.person_id = p.id"
		" WHERE p.id = ?2 AND" STAFF_WHERE;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		person_cols(a, st, "staff", out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_cred_user_of(struct zh_db *db, int64_t person_id, int64_t *user_id,
				  bool *must_change)
{
	static const char sql[] = "SELECT id, must_change FROM users WHERE person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	int rc = sqlite3_step(st);
	*user_id = 0;
	*must_change = false;
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(st, 0);
		*must_change = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}
