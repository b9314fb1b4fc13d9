/* people.c: SQLite statements of people (M-04): membership, search, cards, positions, links */
#include "store/people.h"

#include "store/sqlite/sq.h"

#define STAFF_ROLES "(1, 3, 4, 6, 7, 8, 9, 10)"

/* ?1 school, ?2 kinds mask, ?3 scope teacher, ?4 class, ?5 folded LIKE pattern */
#define PEOPLE_FROM \
	" FROM (SELECT pid, SUM(DISTINCT k) AS mask FROM (" \
	"   SELECT person_id AS pid, 1 AS k FROM students WHERE school_id = ?1" \
	"   UNION ALL SELECT parent_id, 2 FROM parent_links WHERE school_id = ?1" \
	"   UNION ALL SELECT person_id, 2 FROM person_cards WHERE school_id = ?1 AND kind = 'parent'" \
	"   UNION ALL SELECT person_id, 4 FROM staff WHERE school_id = ?1" \
	"   UNION ALL SELECT u.person_id, 4 FROM user_roles ur JOIN users u ON u.id = ur.user_id" \
	"     WHERE ur.school_id = ?1 AND ur.role_id IN " STAFF_ROLES \
	" ) GROUP BY pid) a JOIN persons p ON p.id = a.pid" \
	" WHERE (?5 IS NULL OR p.name_fold LIKE ?5 ESCAPE '\\')" \
	" AND ((a.mask & ?2 & 4 AND ?4 = 0)" \
	"  OR (a.mask & ?2 & 1" \
	"   AND (?3 = 0 OR EXISTS (SELECT 1 FROM class_students cs JOIN classes c ON c.id = cs.class_id" \
	"     WHERE cs.student_id = p.id AND cs.school_id = ?1 AND (c.class_teacher_id = ?3 OR EXISTS" \
	"     (SELECT 1 FROM teacher_load tl WHERE tl.class_id = c.id AND tl.teacher_id = ?3))))" \
	"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM class_students cs WHERE cs.student_id = p.id AND cs.class_id = ?4)))" \
	"  OR (a.mask & ?2 & 2" \
	"   AND (?3 = 0 OR EXISTS (SELECT 1 FROM parent_links pl JOIN class_students cs ON cs.student_id = pl.child_id" \
	"     JOIN classes c ON c.id = cs.class_id WHERE pl.parent_id = p.id AND pl.school_id = ?1" \
	"     AND (c.class_teacher_id = ?3 OR EXISTS" \
	"     (SELECT 1 FROM teacher_load tl WHERE tl.class_id = c.id AND tl.teacher_id = ?3))))" \
	"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM parent_links pl JOIN class_students cs ON cs.student_id = pl.child_id" \
	"     WHERE pl.parent_id = p.id AND pl.school_id = ?1 AND cs.class_id = ?4))))"

/* the current class of a student (?1 school): the class of the latest year */
#define CUR_CLASS(col) \
	"(SELECT c." col " FROM class_students cs JOIN classes c ON c.id = cs.class_id" \
	" JOIN academic_years y ON y.id = c.year_id WHERE cs.school_id = ?1 AND cs.student_id = p.id" \
	" ORDER BY y.start_date DESC LIMIT 1)"

static void bind_filter(sqlite3_stmt *st, const struct zh_people_filter *flt)
{
	sqlite3_bind_int64(st, 1, flt->school_id);
	sqlite3_bind_int(st, 2, flt->roles ? flt->roles : 7);
	sqlite3_bind_int64(st, 3, flt->scope_teacher);
	sqlite3_bind_int64(st, 4, flt->class_id);
	if (flt->fold_like)
		zh_sq_bind_text(st, 5, flt->fold_like);
}

enum zh_err zh_store_people_list(struct zh_db *db, struct zh_arena *a, const struct zh_people_filter *flt,
				 struct zh_people_row **rows, size_t *n, int64_t *total)
{
	static const char count_sql[] = "SELECT count(*)" PEOPLE_FROM;
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date, a.mask & ?2,"
		" " CUR_CLASS("id") ", " CUR_CLASS("name") ","
		" (SELECT status FROM students s WHERE s.school_id = ?1 AND s.person_id = p.id)"
		PEOPLE_FROM
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id"
		" LIMIT ?6 OFFSET ?7";
	sqlite3_stmt *st = zh_sq_prep(db, count_sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	bind_filter(st, flt);
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return zh_sq_err(db, rc);
	*rows = NULL;
	*n = 0;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	bind_filter(st, flt);
	sqlite3_bind_int64(st, 6, flt->limit);
	sqlite3_bind_int64(st, 7, flt->offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_people_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->last_name = zh_sq_text(a, st, 1);
		r->first_name = zh_sq_text(a, st, 2);
		r->middle_name = zh_sq_text(a, st, 3);
		r->gender = zh_sq_text(a, st, 4);
		r->birth_date = zh_sq_text(a, st, 5);
		r->roles = sqlite3_column_int(st, 6);
		r->class_id = sqlite3_column_int64(st, 7);
		r->class_name = zh_sq_text(a, st, 8);
		r->status = zh_sq_text(a, st, 9);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_person_kinds(struct zh_db *db, int64_t school_id, int64_t person_id, int *mask)
{
	static const char sql[] =
		"SELECT (EXISTS (SELECT 1 FROM students WHERE school_id = ?1 AND person_id = ?2))"
		" | (CASE WHEN EXISTS (SELECT 1 FROM parent_links WHERE school_id = ?1 AND parent_id = ?2)"
		"   OR EXISTS (SELECT 1 FROM person_cards WHERE school_id = ?1 AND person_id = ?2 AND kind = 'parent')"
		"   THEN 2 ELSE 0 END)"
		" | (CASE WHEN EXISTS (SELECT 1 FROM staff WHERE school_id = ?1 AND person_id = ?2)"
		"   OR EXISTS (SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id"
		"     WHERE ur.school_id = ?1 AND u.person_id = ?2 AND ur.role_id IN " STAFF_ROLES ")"
		"   THEN 4 ELSE 0 END)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	int rc = sqlite3_step(st);
	*mask = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_person_update(struct zh_db *db, const struct zh_person_row *p, const char *name_fold)
{
	static const char sql[] =
		"UPDATE persons SET last_name = ?, first_name = ?, middle_name = ?, gender = ?, birth_date = ?,"
		" name_fold = ? WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, p->last_name);
	zh_sq_bind_text(st, 2, p->first_name);
	zh_sq_bind_text(st, 3, p->middle_name ? p->middle_name : "");
	zh_sq_bind_text(st, 4, p->gender);
	zh_sq_bind_text(st, 5, p->birth_date);
	zh_sq_bind_text(st, 6, name_fold);
	sqlite3_bind_int64(st, 7, p->id);
	return zh_sq_exec_done(db, st);
}

/* ---- school records ---- */
enum zh_err zh_store_student_rec(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
				 struct zh_student_rec *out)
{
	static const char sql[] =
		"SELECT s.status, s.personal_file_no, s.enrolled_on, s.left_on, " CUR_CLASS("id") ", " CUR_CLASS("name")
		", " CUR_CLASS("class_teacher_id") " FROM students s JOIN persons p ON p.id = s.person_id WHERE s.school_id = ?1 AND s.person_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->status = zh_sq_text(a, st, 0);
		out->personal_file_no = zh_sq_text(a, st, 1);
		out->enrolled_on = zh_sq_text(a, st, 2);
		out->left_on = zh_sq_text(a, st, 3);
		out->class_id = sqlite3_column_int64(st, 4);
		out->class_name = zh_sq_text(a, st, 5);
		out->class_teacher_id = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_student_insert(struct zh_db *db, int64_t school_id, int64_t person_id,
				    const char *status, const char *enrolled_on)
{
	static const char sql[] =
		"INSERT INTO students(school_id, person_id, status, enrolled_on) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, status);
	zh_sq_bind_text(st, 4, enrolled_on);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_student_set_file_no(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const char *file_no)
{
	static const char sql[] =
		"UPDATE students SET personal_file_no = ? WHERE school_id = ? AND person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, file_no ? file_no : "");
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, person_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_class_of_school(struct zh_db *db, int64_t school_id, int64_t class_id, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM classes WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_staff_rec(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			       struct zh_staff_rec *out)
{
	static const char sql[] =
		"SELECT personnel_no, hired_on, left_on FROM staff WHERE school_id = ? AND person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->personnel_no = zh_sq_text(a, st, 0);
		out->hired_on = zh_sq_text(a, st, 1);
		out->left_on = zh_sq_text(a, st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_staff_ensure(struct zh_db *db, int64_t school_id, int64_t person_id)
{
	static const char sql[] = "INSERT OR IGNORE INTO staff(school_id, person_id) VALUES (?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_staff_set_employment(struct zh_db *db, int64_t school_id, int64_t person_id,
					  const char *personnel_no, const char *hired_on)
{
	static const char sql[] =
		"UPDATE staff SET personnel_no = ?, hired_on = ? WHERE school_id = ? AND person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, personnel_no ? personnel_no : "");
	zh_sq_bind_text(st, 2, hired_on);
	sqlite3_bind_int64(st, 3, school_id);
	sqlite3_bind_int64(st, 4, person_id);
	return zh_sq_exec_done(db, st);
}

/* ---- cards ---- */
enum zh_err zh_store_cards(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			   const char *kind, struct zh_card_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT grp, data, updated_at, updated_by FROM person_cards"
		" WHERE school_id = ? AND person_id = ? AND kind = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, kind);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_card_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->grp = zh_sq_text(a, st, 0);
		r->data = zh_sq_text(a, st, 1);
		r->updated_at = sqlite3_column_int64(st, 2);
		r->updated_by = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_card_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			      const char *kind, const char *grp, const char **data)
{
	static const char sql[] =
		"SELECT data FROM person_cards WHERE school_id = ? AND person_id = ? AND kind = ? AND grp = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, kind);
	zh_sq_bind_text(st, 4, grp);
	int rc = sqlite3_step(st);
	*data = rc == SQLITE_ROW ? zh_sq_text(a, st, 0) : NULL;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_card_put(struct zh_db *db, int64_t school_id, int64_t person_id, const char *kind,
			      const char *grp, const char *data, int64_t now, int64_t by)
{
	static const char sql[] =
		"INSERT INTO person_cards(school_id, person_id, kind, grp, data, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (school_id, person_id, kind, grp)"
		" DO UPDATE SET data = ?5, updated_at = ?6, updated_by = ?7";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, kind);
	zh_sq_bind_text(st, 4, grp);
	zh_sq_bind_text(st, 5, data);
	sqlite3_bind_int64(st, 6, now);
	if (by)
		sqlite3_bind_int64(st, 7, by);
	return zh_sq_exec_done(db, st);
}

/* ---- staff positions ---- */
enum zh_err zh_store_staff_positions(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     int64_t person_id, struct zh_staff_position_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT sp.id, sp.position_id, p.name, sp.rate, sp.category, sp.attested_on, sp.next_attestation_on"
		" FROM staff_positions sp JOIN positions p ON p.id = sp.position_id"
		" WHERE sp.school_id = ? AND sp.person_id = ? ORDER BY sp.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_staff_position_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->position_id = sqlite3_column_int64(st, 1);
		r->position_name = zh_sq_text(a, st, 2);
		r->rate = sqlite3_column_double(st, 3);
		r->category = zh_sq_text(a, st, 4);
		r->attested_on = zh_sq_text(a, st, 5);
		r->next_attestation_on = zh_sq_text(a, st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_staff_positions_clear(struct zh_db *db, int64_t school_id, int64_t person_id)
{
	static const char sql[] = "DELETE FROM staff_positions WHERE school_id = ? AND person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_staff_position_add(struct zh_db *db, int64_t school_id, int64_t person_id,
					const struct zh_staff_position_row *p)
{
	static const char sql[] =
		"INSERT INTO staff_positions(school_id, person_id, position_id, rate, category, attested_on,"
		" next_attestation_on) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int64(st, 3, p->position_id);
	sqlite3_bind_double(st, 4, p->rate);
	zh_sq_bind_text(st, 5, p->category ? p->category : "");
	zh_sq_bind_text(st, 6, p->attested_on);
	zh_sq_bind_text(st, 7, p->next_attestation_on);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_position_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   int64_t position_id, const char **name)
{
	static const char sql[] = "SELECT name FROM positions WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, position_id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_positions_all(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   struct zh_position_row **rows, size_t *n)
{
	static const char sql[] = "SELECT id, name FROM positions WHERE school_id = ? ORDER BY name COLLATE ru";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_position_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = zh_sq_text(a, st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_position_by_name(struct zh_db *db, int64_t school_id, const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM positions WHERE school_id = ? AND name = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_staff_subjects(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, const char **names)
{
	static const char sql[] =
		"SELECT group_concat(name, ', ') FROM (SELECT DISTINCT s.name FROM teacher_load tl"
		" JOIN subjects s ON s.id = tl.subject_id WHERE tl.school_id = ? AND tl.teacher_id = ?"
		" ORDER BY s.name COLLATE ru)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	int rc = sqlite3_step(st);
	*names = rc == SQLITE_ROW ? zh_sq_text(a, st, 0) : NULL;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- links ---- */
static enum zh_err links(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_link_row **rows,
			 size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_link_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->last_name = zh_sq_text(a, st, 1);
		r->first_name = zh_sq_text(a, st, 2);
		r->middle_name = zh_sq_text(a, st, 3);
		r->relation = zh_sq_text(a, st, 4);
		r->class_id = sqlite3_column_int64(st, 5);
		r->class_name = zh_sq_text(a, st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_parents_of(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t child_id,
				struct zh_link_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, l.relation, NULL, NULL"
		" FROM parent_links l JOIN persons p ON p.id = l.parent_id WHERE l.school_id = ?1 AND l.child_id = ?2"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, child_id);
	return links(db, a, st, rows, n);
}

enum zh_err zh_store_children_of(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 struct zh_link_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, l.relation, " CUR_CLASS("id") ", "
		CUR_CLASS("name")
		" FROM parent_links l JOIN persons p ON p.id = l.child_id WHERE l.school_id = ?1 AND l.parent_id = ?2"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	return links(db, a, st, rows, n);
}

enum zh_err zh_store_link_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
			      int64_t child_id, const char **relation)
{
	static const char sql[] =
		"SELECT relation FROM parent_links WHERE school_id = ? AND parent_id = ? AND child_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	sqlite3_bind_int64(st, 3, child_id);
	int rc = sqlite3_step(st);
	*relation = rc == SQLITE_ROW ? zh_sq_text(a, st, 0) : NULL;
	if (rc == SQLITE_ROW && !*relation)
		*relation = "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_link_put(struct zh_db *db, int64_t school_id, int64_t parent_id, int64_t child_id,
			      const char *relation)
{
	static const char sql[] =
		"INSERT INTO parent_links(school_id, parent_id, child_id, relation) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (parent_id, child_id) DO UPDATE SET relation = ?4";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	sqlite3_bind_int64(st, 3, child_id);
	zh_sq_bind_text(st, 4, relation ? relation : "");
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_link_delete(struct zh_db *db, int64_t school_id, int64_t parent_id, int64_t child_id)
{
	static const char sql[] =
		"DELETE FROM parent_links WHERE school_id = ? AND parent_id = ? AND child_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	sqlite3_bind_int64(st, 3, child_id);
	return zh_sq_exec_done(db, st);
}

/* ---- demo helpers ---- */
enum zh_err zh_store_staff_by_roles(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    struct zh_staff_role_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT u.person_id, group_concat(ur.role_id), p.gender, p.birth_date FROM user_roles ur"
		" JOIN users u ON u.id = ur.user_id JOIN persons p ON p.id = u.person_id"
		" WHERE ur.school_id = ? AND ur.role_id IN " STAFF_ROLES
		" GROUP BY u.person_id ORDER BY u.person_id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_staff_role_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->person_id = sqlite3_column_int64(st, 0);
		const unsigned char *s = sqlite3_column_text(st, 1);
		unsigned v = 0;
		for (; s && *s; s++) {
			if (*s >= '0' && *s <= '9') {
				v = v * 10 + (unsigned)(*s - '0');
			} else {
				r->roles |= 1u << (v & 31);
				v = 0;
			}
		}
		r->roles |= 1u << (v & 31);
		r->gender = zh_sq_text(a, st, 2);
		r->birth_date = zh_sq_text(a, st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}
