/* classes.c: SQLite statements for years, periods, holidays, classes, subjects, subgroups,
 * curriculum and teacher load (M-05) */
#include "store/classes.h"

#include "store/sqlite/sq.h"

#define FULL_NAME(p) p ".last_name || ' ' || " p ".first_name || CASE WHEN " p ".middle_name <> '' THEN ' ' || " p ".middle_name ELSE '' END"

static enum zh_err done(struct zh_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* One row expected: ZH_OK after fill, ZH_ENOTFOUND when none. */
static enum zh_err one(struct zh_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

/* A write that must touch one row. */
static enum zh_err changed_one(struct zh_db *db, sqlite3_stmt *st)
{
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && sqlite3_changes(db->h) == 0)
		return ZH_ENOTFOUND;
	return e;
}

/* ---- academic years ---- */

#define YEAR_COLS "id, name, start_date, end_date, closed"

static void year_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_year_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = zh_sq_text(a, st, 1);
	r->start_date = zh_sq_text(a, st, 2);
	r->end_date = zh_sq_text(a, st, 3);
	r->closed = sqlite3_column_int(st, 4) != 0;
}

enum zh_err zh_store_years_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_year_row **rows, size_t *n)
{
	static const char sql[] = "SELECT " YEAR_COLS " FROM academic_years WHERE school_id = ? ORDER BY start_date DESC";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_year_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		year_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_year_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_year_row *out)
{
	static const char sql[] = "SELECT " YEAR_COLS " FROM academic_years WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		year_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_year_update(struct zh_db *db, int64_t school_id, int64_t id, const char *name,
				 const char *start, const char *end)
{
	static const char sql[] =
		"UPDATE academic_years SET name = ?, start_date = ?, end_date = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, name);
	zh_sq_bind_text(st, 2, start);
	zh_sq_bind_text(st, 3, end);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_year_overlapping(struct zh_db *db, int64_t school_id, int64_t except_id,
				      const char *start, const char *end, int64_t *other_id)
{
	static const char sql[] =
		"SELECT id FROM academic_years WHERE school_id = ? AND id <> ? AND start_date <= ? AND end_date >= ?"
		" LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, except_id);
	zh_sq_bind_text(st, 3, end);
	zh_sq_bind_text(st, 4, start);
	return zh_sq_scalar_id(db, st, other_id);
}

enum zh_err zh_store_year_used_span(struct zh_db *db, struct zh_arena *a, int64_t year_id,
				    const char **first, const char **last)
{
	static const char sql[] =
		"SELECT min(d0), max(d1) FROM (SELECT start_date d0, end_date d1 FROM periods WHERE year_id = ?1"
		" UNION ALL SELECT start_date, end_date FROM holidays WHERE year_id = ?1)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, year_id);
	int rc = sqlite3_step(st);
	*first = *last = NULL;
	if (rc == SQLITE_ROW) {
		*first = zh_sq_text(a, st, 0);
		*last = zh_sq_text(a, st, 1);
	}
	return one(db, st, rc);
}

/* ---- period kinds, periods, holidays ---- */

enum zh_err zh_store_period_kinds(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, struct zh_period_kind_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT grade_from, grade_to, kind FROM year_period_kinds WHERE school_id = ? AND year_id = ?"
		" ORDER BY grade_from";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_period_kind_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->grade_from = sqlite3_column_int(st, 0);
		r->grade_to = sqlite3_column_int(st, 1);
		r->kind = zh_sq_text(a, st, 2);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     int64_t year_id, struct zh_period_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, kind, number, name, start_date, end_date FROM periods WHERE school_id = ? AND year_id = ?"
		" ORDER BY CASE kind WHEN 'quarter' THEN 1 WHEN 'trimester' THEN 2 ELSE 3 END, number";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_period_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->kind = zh_sq_text(a, st, 1);
		r->number = sqlite3_column_int(st, 2);
		r->name = zh_sq_text(a, st, 3);
		r->start_date = zh_sq_text(a, st, 4);
		r->end_date = zh_sq_text(a, st, 5);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_periods_replace(struct zh_db *db, int64_t school_id, int64_t year_id,
				     const struct zh_period_kind_row *kinds, size_t nk,
				     const struct zh_period_row *periods, size_t np)
{
	static const char del_kinds[] = "DELETE FROM year_period_kinds WHERE school_id = ? AND year_id = ?";
	static const char ins_kind[] =
		"INSERT INTO year_period_kinds(school_id, year_id, grade_from, grade_to, kind) VALUES (?, ?, ?, ?, ?)";
	/* periods keep their ids by (kind, number): all are marked, the new ones upserted (which
	 * clears the mark), and the still-marked ones deleted */
	static const char mark[] = "UPDATE periods SET name = '\x01' || name WHERE school_id = ? AND year_id = ?";
	static const char upsert[] =
		"INSERT INTO periods(school_id, year_id, kind, number, name, start_date, end_date)"
		" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(year_id, kind, number) DO UPDATE SET"
		" name = excluded.name, start_date = excluded.start_date, end_date = excluded.end_date";
	static const char sweep[] =
		"DELETE FROM periods WHERE school_id = ? AND year_id = ? AND substr(name, 1, 1) = '\x01'";
	sqlite3_stmt *st;
	enum zh_err e;

	if (!(st = zh_sq_prep(db, del_kinds)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	for (size_t i = 0; i < nk; i++) {
		if (!(st = zh_sq_prep(db, ins_kind)))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, year_id);
		sqlite3_bind_int(st, 3, kinds[i].grade_from);
		sqlite3_bind_int(st, 4, kinds[i].grade_to);
		zh_sq_bind_text(st, 5, kinds[i].kind);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	if (!(st = zh_sq_prep(db, mark)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	for (size_t i = 0; i < np; i++) {
		if (!(st = zh_sq_prep(db, upsert)))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, year_id);
		zh_sq_bind_text(st, 3, periods[i].kind);
		sqlite3_bind_int(st, 4, periods[i].number);
		zh_sq_bind_text(st, 5, periods[i].name);
		zh_sq_bind_text(st, 6, periods[i].start_date);
		zh_sq_bind_text(st, 7, periods[i].end_date);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	if (!(st = zh_sq_prep(db, sweep)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	return zh_sq_exec_done(db, st);
}

#define HOLIDAY_COLS "id, year_id, name, start_date, end_date, grade_from, grade_to"

static void holiday_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_holiday_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->year_id = sqlite3_column_int64(st, 1);
	r->name = zh_sq_text(a, st, 2);
	r->start_date = zh_sq_text(a, st, 3);
	r->end_date = zh_sq_text(a, st, 4);
	r->grade_from = sqlite3_column_int(st, 5);
	r->grade_to = sqlite3_column_int(st, 6);
}

enum zh_err zh_store_holidays(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      int64_t year_id, struct zh_holiday_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " HOLIDAY_COLS " FROM holidays WHERE school_id = ? AND year_id = ? ORDER BY start_date, id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_holiday_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		holiday_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_holiday_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 int64_t id, struct zh_holiday_row *out)
{
	static const char sql[] = "SELECT " HOLIDAY_COLS " FROM holidays WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		holiday_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_holiday_insert(struct zh_db *db, int64_t school_id, const struct zh_holiday_row *h,
				    int64_t *id)
{
	static const char sql[] =
		"INSERT INTO holidays(school_id, year_id, name, start_date, end_date, grade_from, grade_to)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, h->year_id);
	zh_sq_bind_text(st, 3, h->name);
	zh_sq_bind_text(st, 4, h->start_date);
	zh_sq_bind_text(st, 5, h->end_date);
	sqlite3_bind_int(st, 6, h->grade_from);
	sqlite3_bind_int(st, 7, h->grade_to);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_holiday_update(struct zh_db *db, int64_t school_id, const struct zh_holiday_row *h)
{
	static const char sql[] =
		"UPDATE holidays SET name = ?, start_date = ?, end_date = ?, grade_from = ?, grade_to = ?"
		" WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, h->name);
	zh_sq_bind_text(st, 2, h->start_date);
	zh_sq_bind_text(st, 3, h->end_date);
	sqlite3_bind_int(st, 4, h->grade_from);
	sqlite3_bind_int(st, 5, h->grade_to);
	sqlite3_bind_int64(st, 6, h->id);
	sqlite3_bind_int64(st, 7, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_holiday_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM holidays WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return changed_one(db, st);
}

/* ---- classes ---- */

#define CLASS_COLS \
	"c.id, c.year_id, c.class_teacher_id, c.grade, c.shift, c.letter, c.name, c.profile," \
	" CASE WHEN p.id IS NULL THEN NULL ELSE " FULL_NAME("p") " END," \
	" (SELECT count(*) FROM class_students cs WHERE cs.class_id = c.id), y.closed" \
	" FROM classes c JOIN academic_years y ON y.id = c.year_id LEFT JOIN persons p ON p.id = c.class_teacher_id"

static void class_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_class_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->year_id = sqlite3_column_int64(st, 1);
	r->class_teacher_id = sqlite3_column_int64(st, 2);
	r->grade = sqlite3_column_int(st, 3);
	r->shift = sqlite3_column_int(st, 4);
	r->letter = zh_sq_text(a, st, 5);
	r->name = zh_sq_text(a, st, 6);
	r->profile = zh_sq_text(a, st, 7);
	r->teacher_name = zh_sq_text(a, st, 8);
	r->students = sqlite3_column_int64(st, 9);
	r->year_closed = sqlite3_column_int(st, 10) != 0;
}

enum zh_err zh_store_classes_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, struct zh_class_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " CLASS_COLS " WHERE c.school_id = ? AND (?2 = 0 OR c.year_id = ?2)"
		" ORDER BY y.start_date DESC, c.grade, c.letter COLLATE ru, c.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_class_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		class_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_class_row *out)
{
	static const char sql[] = "SELECT " CLASS_COLS " WHERE c.id = ? AND c.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		class_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_class_update(struct zh_db *db, int64_t school_id, const struct zh_class_row *c)
{
	static const char sql[] =
		"UPDATE classes SET grade = ?, letter = ?, name = ?, profile = ?, shift = ?, class_teacher_id = ?"
		" WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int(st, 1, c->grade);
	zh_sq_bind_text(st, 2, c->letter);
	zh_sq_bind_text(st, 3, c->name);
	zh_sq_bind_text(st, 4, c->profile ? c->profile : "");
	sqlite3_bind_int(st, 5, c->shift ? c->shift : 1);
	if (c->class_teacher_id)
		sqlite3_bind_int64(st, 6, c->class_teacher_id);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int64(st, 7, c->id);
	sqlite3_bind_int64(st, 8, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_class_by_name(struct zh_db *db, int64_t school_id, int64_t year_id,
				   const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM classes WHERE school_id = ? AND year_id = ? AND name = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	zh_sq_bind_text(st, 3, name);
	return zh_sq_scalar_id(db, st, id);
}

enum zh_err zh_store_class_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char has_students[] = "SELECT 1 FROM class_students WHERE class_id = ? LIMIT 1";
	static const char del_load[] = "DELETE FROM teacher_load WHERE class_id = ? AND school_id = ?";
	static const char del_groups[] = "DELETE FROM subgroups WHERE class_id = ? AND school_id = ?";
	static const char del_class[] = "DELETE FROM classes WHERE id = ? AND school_id = ?";
	static const char *const steps[] = { del_load, del_groups, del_class };
	sqlite3_stmt *st = zh_sq_prep(db, has_students);
	int64_t any;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	if ((e = zh_sq_scalar_id(db, st, &any)))
		return e;
	if (any)
		return ZH_ECONFLICT;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (!(st = zh_sq_prep(db, steps[i])))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, school_id);
		if ((e = i == 2 ? changed_one(db, st) : zh_sq_exec_done(db, st)))
			return e;
	}
	return ZH_OK;
}

static enum zh_err student_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st,
				struct zh_class_student_row **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_class_student_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
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
	}
	return done(db, st, rc);
}

enum zh_err zh_store_class_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t class_id, struct zh_class_student_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date"
		" FROM class_students cs JOIN persons p ON p.id = cs.student_id"
		" WHERE cs.class_id = ? AND cs.school_id = ?"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	return student_rows(db, a, st, rows, n);
}

enum zh_err zh_store_class_student_in_year(struct zh_db *db, int64_t school_id, int64_t student_id,
					   int64_t year_id, int64_t *class_id)
{
	static const char sql[] =
		"SELECT cs.class_id FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" WHERE cs.school_id = ? AND cs.student_id = ? AND c.year_id = ? LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_int64(st, 3, year_id);
	return zh_sq_scalar_id(db, st, class_id);
}

enum zh_err zh_store_class_student_remove(struct zh_db *db, int64_t school_id, int64_t class_id,
					  int64_t student_id)
{
	static const char groups[] =
		"DELETE FROM subgroup_students WHERE student_id = ?3 AND school_id = ?1"
		" AND subgroup_id IN (SELECT id FROM subgroups WHERE class_id = ?2)";
	static const char sql[] = "DELETE FROM class_students WHERE school_id = ?1 AND class_id = ?2 AND student_id = ?3";
	sqlite3_stmt *st = zh_sq_prep(db, groups);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, student_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, student_id);
	return changed_one(db, st);
}

enum zh_err zh_store_person_has_role(struct zh_db *db, int64_t school_id, int64_t person_id,
				     int role_id, bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id"
		" WHERE u.person_id = ? AND r.school_id = ? AND r.role_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int64_t v;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int(st, 3, role_id);
	e = zh_sq_scalar_id(db, st, &v);
	*yes = v != 0;
	return e;
}

enum zh_err zh_store_persons_with_role(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int role_id, struct zh_person_brief **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, " FULL_NAME("p") " FROM users u JOIN user_roles r ON r.user_id = u.id"
		" JOIN persons p ON p.id = u.person_id WHERE r.school_id = ? AND r.role_id = ?"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, role_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_person_brief *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->full_name = zh_sq_text(a, st, 1);
	}
	return done(db, st, rc);
}

/* ---- subjects ---- */

#define SUBJECT_COLS "id, name, short_name, pass_fail, archived"

static void subject_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_subject_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = zh_sq_text(a, st, 1);
	r->short_name = zh_sq_text(a, st, 2);
	r->pass_fail = sqlite3_column_int(st, 3) != 0;
	r->archived = sqlite3_column_int(st, 4) != 0;
}

enum zh_err zh_store_subjects_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   bool with_archived, struct zh_subject_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " SUBJECT_COLS " FROM subjects WHERE school_id = ? AND (? OR archived = 0)"
		" ORDER BY archived, name COLLATE ru";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, with_archived);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_subject_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		subject_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_subject_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 struct zh_subject_row *out)
{
	static const char sql[] = "SELECT " SUBJECT_COLS " FROM subjects WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		subject_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_subject_update(struct zh_db *db, int64_t school_id, const struct zh_subject_row *s)
{
	static const char sql[] =
		"UPDATE subjects SET name = ?, short_name = ?, pass_fail = ?, archived = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, s->name);
	zh_sq_bind_text(st, 2, s->short_name);
	sqlite3_bind_int(st, 3, s->pass_fail);
	sqlite3_bind_int(st, 4, s->archived);
	sqlite3_bind_int64(st, 5, s->id);
	sqlite3_bind_int64(st, 6, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_subject_used(struct zh_db *db, int64_t school_id, int64_t id, bool *used)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM curriculum WHERE subject_id = ?1 AND school_id = ?2)"
		" OR EXISTS (SELECT 1 FROM teacher_load WHERE subject_id = ?1 AND school_id = ?2)"
		" OR EXISTS (SELECT 1 FROM subgroups WHERE subject_id = ?1 AND school_id = ?2)"
		" OR EXISTS (SELECT 1 FROM rooms WHERE subject_id = ?1 AND school_id = ?2)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int64_t v;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	e = zh_sq_scalar_id(db, st, &v);
	*used = v != 0;
	return e;
}

enum zh_err zh_store_subject_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM subjects WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return changed_one(db, st);
}

/* ---- subgroups ---- */

#define SUBGROUP_COLS \
	"g.id, g.class_id, g.subject_id, g.name, s.name," \
	" (SELECT count(*) FROM subgroup_students m WHERE m.subgroup_id = g.id)" \
	" FROM subgroups g JOIN subjects s ON s.id = g.subject_id"

static void subgroup_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_subgroup_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->class_id = sqlite3_column_int64(st, 1);
	r->subject_id = sqlite3_column_int64(st, 2);
	r->name = zh_sq_text(a, st, 3);
	r->subject_name = zh_sq_text(a, st, 4);
	r->students = sqlite3_column_int64(st, 5);
}

enum zh_err zh_store_subgroups_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t class_id, struct zh_subgroup_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " SUBGROUP_COLS " WHERE g.class_id = ? AND g.school_id = ?"
		" ORDER BY s.name COLLATE ru, g.name COLLATE ru, g.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_subgroup_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		subgroup_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_subgroup_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_subgroup_row *out)
{
	static const char sql[] = "SELECT " SUBGROUP_COLS " WHERE g.id = ? AND g.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		subgroup_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_subgroup_insert(struct zh_db *db, int64_t school_id, int64_t class_id,
				     int64_t subject_id, const char *name, int64_t *id)
{
	static const char sql[] = "INSERT INTO subgroups(school_id, class_id, subject_id, name) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, subject_id);
	zh_sq_bind_text(st, 4, name);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_subgroup_rename(struct zh_db *db, int64_t school_id, int64_t id, const char *name)
{
	static const char sql[] = "UPDATE subgroups SET name = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_subgroup_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char used[] = "SELECT 1 FROM teacher_load WHERE subgroup_id = ? LIMIT 1";
	static const char sql[] = "DELETE FROM subgroups WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, used);
	int64_t any;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	if ((e = zh_sq_scalar_id(db, st, &any)))
		return e;
	if (any)
		return ZH_ECONFLICT;
	if ((e = zh_store_subgroup_students_clear(db, school_id, id)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_subgroup_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int64_t subgroup_id, struct zh_class_student_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date"
		" FROM subgroup_students m JOIN persons p ON p.id = m.student_id"
		" WHERE m.subgroup_id = ? AND m.school_id = ?"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, subgroup_id);
	sqlite3_bind_int64(st, 2, school_id);
	return student_rows(db, a, st, rows, n);
}

enum zh_err zh_store_subgroup_students_clear(struct zh_db *db, int64_t school_id, int64_t subgroup_id)
{
	static const char sql[] = "DELETE FROM subgroup_students WHERE subgroup_id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, subgroup_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_subgroup_student_add(struct zh_db *db, int64_t school_id, int64_t subgroup_id,
					  int64_t student_id)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO subgroup_students(school_id, subgroup_id, student_id) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, subgroup_id);
	sqlite3_bind_int64(st, 3, student_id);
	return zh_sq_exec_done(db, st);
}

/* ---- curriculum ---- */

enum zh_err zh_store_curriculum(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				int64_t year_id, struct zh_curriculum_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT grade, subject_id, hours_per_week FROM curriculum WHERE school_id = ? AND year_id = ?"
		" ORDER BY grade, subject_id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_curriculum_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->grade = sqlite3_column_int(st, 0);
		r->subject_id = sqlite3_column_int64(st, 1);
		r->hours = sqlite3_column_double(st, 2);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_curriculum_set(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				    int64_t subject_id, double hours)
{
	static const char del[] = "DELETE FROM curriculum WHERE school_id = ? AND year_id = ? AND grade = ? AND subject_id = ?";
	static const char upsert[] =
		"INSERT INTO curriculum(school_id, year_id, grade, subject_id, hours_per_week) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT(year_id, grade, subject_id) DO UPDATE SET hours_per_week = excluded.hours_per_week";
	sqlite3_stmt *st = zh_sq_prep(db, hours > 0 ? upsert : del);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int(st, 3, grade);
	sqlite3_bind_int64(st, 4, subject_id);
	if (hours > 0)
		sqlite3_bind_double(st, 5, hours);
	return zh_sq_exec_done(db, st);
}

/* ---- teacher load ---- */

#define LOAD_COLS \
	"l.id, l.year_id, l.teacher_id, l.class_id, coalesce(l.subgroup_id, 0), l.subject_id, l.hours_per_week," \
	" " FULL_NAME("p") ", c.name, g.name, s.name, c.grade" \
	" FROM teacher_load l JOIN persons p ON p.id = l.teacher_id JOIN classes c ON c.id = l.class_id" \
	" JOIN subjects s ON s.id = l.subject_id LEFT JOIN subgroups g ON g.id = l.subgroup_id"

static void load_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_load_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->year_id = sqlite3_column_int64(st, 1);
	r->teacher_id = sqlite3_column_int64(st, 2);
	r->class_id = sqlite3_column_int64(st, 3);
	r->subgroup_id = sqlite3_column_int64(st, 4);
	r->subject_id = sqlite3_column_int64(st, 5);
	r->hours = sqlite3_column_double(st, 6);
	r->teacher_name = zh_sq_text(a, st, 7);
	r->class_name = zh_sq_text(a, st, 8);
	r->subgroup_name = zh_sq_text(a, st, 9);
	r->subject_name = zh_sq_text(a, st, 10);
	r->grade = sqlite3_column_int(st, 11);
}

enum zh_err zh_store_load_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       const struct zh_load_filter *flt, struct zh_load_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " LOAD_COLS " WHERE l.school_id = ?1 AND l.year_id = ?2 AND (?3 = 0 OR l.teacher_id = ?3)"
		" AND (?4 = 0 OR l.class_id = ?4)"
		" ORDER BY c.grade, c.letter COLLATE ru, s.name COLLATE ru, coalesce(g.name, '') COLLATE ru,"
		" p.last_name COLLATE ru, p.first_name COLLATE ru, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, flt->year_id);
	sqlite3_bind_int64(st, 3, flt->teacher_id);
	sqlite3_bind_int64(st, 4, flt->class_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_load_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		load_cols(a, st, r);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_load_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_load_row *out)
{
	static const char sql[] = "SELECT " LOAD_COLS " WHERE l.id = ? AND l.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		load_cols(a, st, out);
	return one(db, st, rc);
}

enum zh_err zh_store_load_find(struct zh_db *db, int64_t school_id, const struct zh_load_row *l,
			       int64_t *id)
{
	static const char sql[] =
		"SELECT id FROM teacher_load WHERE school_id = ? AND teacher_id = ? AND class_id = ? AND subject_id = ?"
		" AND coalesce(subgroup_id, 0) = ? AND id <> ? LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, l->teacher_id);
	sqlite3_bind_int64(st, 3, l->class_id);
	sqlite3_bind_int64(st, 4, l->subject_id);
	sqlite3_bind_int64(st, 5, l->subgroup_id);
	sqlite3_bind_int64(st, 6, l->id);
	return zh_sq_scalar_id(db, st, id);
}

enum zh_err zh_store_load_insert(struct zh_db *db, int64_t school_id, const struct zh_load_row *l,
				 int64_t *id)
{
	static const char sql[] =
		"INSERT INTO teacher_load(school_id, year_id, teacher_id, class_id, subgroup_id, subject_id, hours_per_week)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, l->year_id);
	sqlite3_bind_int64(st, 3, l->teacher_id);
	sqlite3_bind_int64(st, 4, l->class_id);
	if (l->subgroup_id)
		sqlite3_bind_int64(st, 5, l->subgroup_id);
	sqlite3_bind_int64(st, 6, l->subject_id);
	sqlite3_bind_double(st, 7, l->hours);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_load_update(struct zh_db *db, int64_t school_id, const struct zh_load_row *l)
{
	static const char sql[] =
		"UPDATE teacher_load SET teacher_id = ?, subgroup_id = ?, hours_per_week = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, l->teacher_id);
	if (l->subgroup_id)
		sqlite3_bind_int64(st, 2, l->subgroup_id);
	sqlite3_bind_double(st, 3, l->hours);
	sqlite3_bind_int64(st, 4, l->id);
	sqlite3_bind_int64(st, 5, school_id);
	return changed_one(db, st);
}

enum zh_err zh_store_load_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM teacher_load WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return changed_one(db, st);
}
