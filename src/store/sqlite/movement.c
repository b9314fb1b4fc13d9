/* movement.c: SQLite statements of the movement book and the year rollover */
#include "store/movement.h"
#include "store/sqlite/sq.h"

/* ---- classes and years ---- */

#define CLASS_COLS "c.id, c.year_id, c.class_teacher_id, c.prev_class_id, c.grade, c.shift, y.closed," \
	" c.name, c.letter, c.profile, y.name, y.start_date, y.end_date"

static void class_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_mv_class *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->year_id = sqlite3_column_int64(st, 1);
	r->class_teacher_id = sqlite3_column_int64(st, 2);
	r->prev_class_id = sqlite3_column_int64(st, 3);
	r->grade = sqlite3_column_int(st, 4);
	r->shift = sqlite3_column_int(st, 5);
	r->year_closed = sqlite3_column_int(st, 6) != 0;
	r->name = zh_sq_text(a, st, 7);
	r->letter = zh_sq_text(a, st, 8);
	r->profile = zh_sq_text(a, st, 9);
	r->year_name = zh_sq_text(a, st, 10);
	r->year_start = zh_sq_text(a, st, 11);
	r->year_end = zh_sq_text(a, st, 12);
}

enum zh_err zh_store_mv_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t class_id, struct zh_mv_class *out)
{
	static const char sql[] = "SELECT " CLASS_COLS " FROM classes c JOIN academic_years y ON y.id = c.year_id"
				  " WHERE c.id = ? AND c.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	class_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mv_classes_of_year(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					int64_t year_id, struct zh_mv_class **rows, size_t *n)
{
	static const char sql[] = "SELECT " CLASS_COLS " FROM classes c JOIN academic_years y ON y.id = c.year_id"
				  " WHERE c.school_id = ? AND c.year_id = ? ORDER BY c.grade, c.name COLLATE ru";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_mv_class *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		class_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_mv_class_find(struct zh_db *db, int64_t school_id, int64_t year_id,
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

enum zh_err zh_store_mv_class_create(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				     const char *letter, int64_t teacher_id, const char *profile,
				     int shift, int64_t prev_class_id, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO classes(school_id, year_id, grade, letter, name, class_teacher_id, profile, shift,"
		" prev_class_id) VALUES (?1, ?2, ?3, ?4, ?3 || ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int(st, 3, grade);
	zh_sq_bind_text(st, 4, letter);
	zh_sq_bind_id(st, 5, teacher_id);
	zh_sq_bind_text(st, 6, profile ? profile : "");
	sqlite3_bind_int(st, 7, shift > 0 ? shift : 1);
	zh_sq_bind_id(st, 8, prev_class_id);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_mv_class_set_prev(struct zh_db *db, int64_t school_id, int64_t class_id,
				       int64_t prev_class_id)
{
	static const char sql[] = "UPDATE classes SET prev_class_id = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_id(st, 1, prev_class_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

#define YEAR_COLS "id, closed, name, start_date, end_date"

static enum zh_err year_row(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_mv_year *out)
{
	enum zh_err e = zh_sq_step_one(db, st);
	if (e)
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->closed = sqlite3_column_int(st, 1) != 0;
	out->name = zh_sq_text(a, st, 2);
	out->start_date = zh_sq_text(a, st, 3);
	out->end_date = zh_sq_text(a, st, 4);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mv_year_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 struct zh_mv_year *out)
{
	static const char sql[] = "SELECT " YEAR_COLS " FROM academic_years WHERE school_id = ? AND id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	return year_row(db, a, st, out);
}

enum zh_err zh_store_mv_year_by_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     const char *name, struct zh_mv_year *out)
{
	static const char sql[] = "SELECT " YEAR_COLS " FROM academic_years WHERE school_id = ? AND name = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	return year_row(db, a, st, out);
}

enum zh_err zh_store_mv_year_at(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const char *date, struct zh_mv_year *out)
{
	static const char sql[] = "SELECT " YEAR_COLS " FROM academic_years WHERE school_id = ?"
				  " AND start_date <= ?2 AND end_date >= ?2 ORDER BY start_date DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, date);
	return year_row(db, a, st, out);
}

enum zh_err zh_store_mv_years(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      struct zh_mv_year **rows, int64_t **to_year_id, size_t *n)
{
	static const char sql[] =
		"SELECT y.id, y.closed, y.name, y.start_date, y.end_date, r.to_year_id FROM academic_years y"
		" LEFT JOIN rollovers r ON r.from_year_id = y.id WHERE y.school_id = ? ORDER BY y.start_date DESC";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0, cap2 = 0, n2 = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*rows = NULL;
	*to_year_id = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_mv_year *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		int64_t *t = ZH_SQ_PUSH(a, *to_year_id, n2, cap2);
		if (!r || !t) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->closed = sqlite3_column_int(st, 1) != 0;
		r->name = zh_sq_text(a, st, 2);
		r->start_date = zh_sq_text(a, st, 3);
		r->end_date = zh_sq_text(a, st, 4);
		*t = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_mv_year_close(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "UPDATE academic_years SET closed = 1 WHERE school_id = ? AND id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	return zh_sq_exec_done(db, st);
}

/* ---- students ---- */

enum zh_err zh_store_mv_student_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, struct zh_mv_student *out)
{
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.gender,"
		" s.status, s.enrolled_on, s.left_on"
		" FROM persons p LEFT JOIN students s ON s.person_id = p.id AND s.school_id = ?"
		" WHERE p.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->last_name = zh_sq_text(a, st, 1);
	out->first_name = zh_sq_text(a, st, 2);
	out->middle_name = zh_sq_text(a, st, 3);
	out->birth_date = zh_sq_text(a, st, 4);
	out->gender = zh_sq_text(a, st, 5);
	out->status = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 6);
	out->enrolled_on = zh_sq_text(a, st, 7);
	out->left_on = zh_sq_text(a, st, 8);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mv_student_class_in_year(struct zh_db *db, int64_t school_id, int64_t student_id,
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

enum zh_err zh_store_mv_student_current_class(struct zh_db *db, int64_t school_id, int64_t student_id,
					      int64_t *class_id)
{
	static const char sql[] =
		"SELECT cs.class_id FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" JOIN academic_years y ON y.id = c.year_id"
		" WHERE cs.school_id = ? AND cs.student_id = ? AND y.closed = 0"
		" ORDER BY y.start_date DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	return zh_sq_scalar_id(db, st, class_id);
}

enum zh_err zh_store_mv_student_enrolled(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const char *date)
{
	static const char sql[] =
		"INSERT INTO students(school_id, person_id, status, enrolled_on) VALUES (?, ?, 'enrolled', ?)"
		" ON CONFLICT(school_id, person_id) DO UPDATE SET status = 'enrolled',"
		" enrolled_on = excluded.enrolled_on, left_on = NULL";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, date);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mv_student_left(struct zh_db *db, int64_t school_id, int64_t person_id,
				     const char *status, const char *date)
{
	static const char sql[] =
		"INSERT INTO students(school_id, person_id, status, left_on) VALUES (?, ?, ?, ?)"
		" ON CONFLICT(school_id, person_id) DO UPDATE SET status = excluded.status,"
		" left_on = excluded.left_on";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, status);
	zh_sq_bind_text(st, 4, date);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mv_applicant_insert(struct zh_db *db, int64_t school_id, int64_t person_id)
{
	static const char sql[] = "INSERT INTO students(school_id, person_id, status) VALUES (?, ?, 'applicant')";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mv_class_join(struct zh_db *db, int64_t school_id, int64_t class_id,
				   int64_t student_id)
{
	static const char sql[] =
		"INSERT INTO class_students(school_id, class_id, student_id) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, student_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mv_class_leave(struct zh_db *db, int64_t school_id, int64_t class_id,
				    int64_t student_id)
{
	static const char sub_sql[] =
		"DELETE FROM subgroup_students WHERE school_id = ?1 AND student_id = ?3"
		" AND subgroup_id IN (SELECT id FROM subgroups WHERE class_id = ?2 AND school_id = ?1)";
	static const char sql[] =
		"DELETE FROM class_students WHERE school_id = ?1 AND class_id = ?2 AND student_id = ?3";
	const char *const stmts[] = { sub_sql, sql };
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = zh_sq_prep(db, stmts[i]);
		enum zh_err e;
		if (!st)
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, class_id);
		sqlite3_bind_int64(st, 3, student_id);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_store_mv_lone_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				      int64_t class_id, int64_t limit, int64_t **ids, size_t *n)
{
	static const char sql[] =
		"SELECT cs.student_id FROM class_students cs JOIN persons p ON p.id = cs.student_id"
		" WHERE cs.school_id = ?1 AND cs.class_id = ?2"
		" AND EXISTS (SELECT 1 FROM parent_links pl WHERE pl.child_id = cs.student_id)"
		" AND NOT EXISTS (SELECT 1 FROM parent_links pl JOIN parent_links pl2 ON pl2.parent_id = pl.parent_id"
		"   AND pl2.child_id <> pl.child_id WHERE pl.child_id = cs.student_id)"
		" AND NOT EXISTS (SELECT 1 FROM parent_links pl JOIN users u ON u.person_id = pl.parent_id"
		"   JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id <> 5 WHERE pl.child_id = cs.student_id)"
		" ORDER BY p.last_name COLLATE ru DESC, p.first_name COLLATE ru DESC, p.id DESC LIMIT ?3";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, limit);
	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *r = ZH_SQ_PUSH(a, *ids, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		*r = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_mv_applicants(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   const char *fold, int64_t limit, int64_t offset,
				   struct zh_applicant_row **rows, size_t *n, int64_t *total)
{
	static const char count_sql[] =
		"SELECT count(*) FROM students s JOIN persons p ON p.id = s.person_id"
		" WHERE s.school_id = ?1 AND s.status = 'applicant' AND (?2 IS NULL OR p.name_fold LIKE ?2)";
	static const char sql[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.gender"
		" FROM students s JOIN persons p ON p.id = s.person_id"
		" WHERE s.school_id = ?1 AND s.status = 'applicant' AND (?2 IS NULL OR p.name_fold LIKE ?2)"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id"
		" LIMIT ?3 OFFSET ?4";
	const char *like = fold ? zh_arena_printf(a, "%%%s%%", fold) : NULL;
	sqlite3_stmt *st = zh_sq_prep(db, count_sql);
	enum zh_err e;
	size_t cap = 0;
	int rc;
	if (fold && !like)
		return ZH_ENOMEM;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, like);
	if ((e = zh_sq_scalar_id(db, st, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, like);
	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_applicant_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->last_name = zh_sq_text(a, st, 1);
		r->first_name = zh_sq_text(a, st, 2);
		r->middle_name = zh_sq_text(a, st, 3);
		r->birth_date = zh_sq_text(a, st, 4);
		r->gender = zh_sq_text(a, st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- the movement book ---- */

enum zh_err zh_store_movement_insert(struct zh_db *db, const struct zh_movement_row *m, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO movements(school_id, student_id, kind, date, order_no, order_date, from_class_id,"
		" to_class_id, from_place, to_place, reason, created_by, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, m->school_id);
	sqlite3_bind_int64(st, 2, m->student_id);
	zh_sq_bind_text(st, 3, m->kind);
	zh_sq_bind_text(st, 4, m->date);
	zh_sq_bind_text(st, 5, m->order_no ? m->order_no : "");
	zh_sq_bind_text(st, 6, m->order_date);
	zh_sq_bind_id(st, 7, m->from_class_id);
	zh_sq_bind_id(st, 8, m->to_class_id);
	zh_sq_bind_text(st, 9, m->from_place ? m->from_place : "");
	zh_sq_bind_text(st, 10, m->to_place ? m->to_place : "");
	zh_sq_bind_text(st, 11, m->reason ? m->reason : "");
	zh_sq_bind_id(st, 12, m->created_by);
	sqlite3_bind_int64(st, 13, m->created_at);
	return zh_sq_insert_id(db, st, id);
}

#define MOVE_COLS "m.id, m.school_id, m.student_id, m.from_class_id, m.to_class_id, m.created_by," \
	" m.created_at, m.kind, m.date, m.order_no, m.order_date, m.from_place, m.to_place, m.reason," \
	" p.last_name, p.first_name, p.middle_name, fc.name, tc.name"
#define MOVE_FROM " FROM movements m JOIN persons p ON p.id = m.student_id" \
	" LEFT JOIN classes fc ON fc.id = m.from_class_id LEFT JOIN classes tc ON tc.id = m.to_class_id"
#define MOVE_WHERE " WHERE m.school_id = ?1 AND (?2 = 0 OR m.from_class_id = ?2 OR m.to_class_id = ?2)" \
	" AND (?3 = 0 OR m.student_id = ?3) AND (?4 IS NULL OR m.date >= ?4) AND (?5 IS NULL OR m.date <= ?5)" \
	" AND (?6 IS NULL OR m.kind = ?6)"

static void move_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_movement_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->school_id = sqlite3_column_int64(st, 1);
	r->student_id = sqlite3_column_int64(st, 2);
	r->from_class_id = sqlite3_column_int64(st, 3);
	r->to_class_id = sqlite3_column_int64(st, 4);
	r->created_by = sqlite3_column_int64(st, 5);
	r->created_at = sqlite3_column_int64(st, 6);
	r->kind = zh_sq_text(a, st, 7);
	r->date = zh_sq_text(a, st, 8);
	r->order_no = zh_sq_text(a, st, 9);
	r->order_date = sqlite3_column_type(st, 10) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 10);
	r->from_place = zh_sq_text(a, st, 11);
	r->to_place = zh_sq_text(a, st, 12);
	r->reason = zh_sq_text(a, st, 13);
	r->last_name = zh_sq_text(a, st, 14);
	r->first_name = zh_sq_text(a, st, 15);
	r->middle_name = zh_sq_text(a, st, 16);
	r->from_class = sqlite3_column_type(st, 17) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 17);
	r->to_class = sqlite3_column_type(st, 18) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 18);
}

static void bind_filter(sqlite3_stmt *st, const struct zh_movement_filter *f)
{
	sqlite3_bind_int64(st, 1, f->school_id);
	sqlite3_bind_int64(st, 2, f->class_id);
	sqlite3_bind_int64(st, 3, f->student_id);
	zh_sq_bind_text(st, 4, f->from);
	zh_sq_bind_text(st, 5, f->to);
	zh_sq_bind_text(st, 6, f->kind);
}

enum zh_err zh_store_movements_list(struct zh_db *db, struct zh_arena *a,
				    const struct zh_movement_filter *flt,
				    struct zh_movement_row **rows, size_t *n, int64_t *total)
{
	static const char count_sql[] = "SELECT count(*) FROM movements m" MOVE_WHERE;
	static const char sql[] = "SELECT " MOVE_COLS MOVE_FROM MOVE_WHERE
				  " ORDER BY m.date, m.id LIMIT ?7 OFFSET ?8";
	sqlite3_stmt *st = zh_sq_prep(db, count_sql);
	enum zh_err e;
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	bind_filter(st, flt);
	if ((e = zh_sq_scalar_id(db, st, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	bind_filter(st, flt);
	sqlite3_bind_int64(st, 7, flt->limit);
	sqlite3_bind_int64(st, 8, flt->offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_movement_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		move_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_movement_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_movement_row *out)
{
	static const char sql[] = "SELECT " MOVE_COLS MOVE_FROM " WHERE m.school_id = ? AND m.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	move_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

/* ---- decisions ---- */

#define DEC_COLS "p.id, c.id, c.grade, c.name, c.letter, p.last_name, p.first_name, p.middle_name," \
	" d.decision, d.protocol_no, d.protocol_date"

static void dec_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_decision_row *r)
{
	r->student_id = sqlite3_column_int64(st, 0);
	r->class_id = sqlite3_column_int64(st, 1);
	r->grade = sqlite3_column_int(st, 2);
	r->class_name = zh_sq_text(a, st, 3);
	r->letter = zh_sq_text(a, st, 4);
	r->last_name = zh_sq_text(a, st, 5);
	r->first_name = zh_sq_text(a, st, 6);
	r->middle_name = zh_sq_text(a, st, 7);
	bool has = sqlite3_column_type(st, 8) != SQLITE_NULL;
	r->decision = has ? zh_sq_text(a, st, 8) : NULL;
	r->protocol_no = has ? zh_sq_text(a, st, 9) : NULL;
	r->protocol_date = has ? zh_sq_text(a, st, 10) : NULL;
}

static enum zh_err dec_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st,
			    struct zh_decision_row **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_decision_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		dec_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define DEC_ORDER " ORDER BY c.grade, c.name COLLATE ru, p.last_name COLLATE ru, p.first_name COLLATE ru," \
	" p.middle_name COLLATE ru, p.id"

enum zh_err zh_store_mv_decisions_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				       int64_t year_id, int64_t class_id,
				       struct zh_decision_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " DEC_COLS " FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" JOIN persons p ON p.id = cs.student_id"
		" LEFT JOIN year_decisions d ON d.year_id = c.year_id AND d.student_id = cs.student_id"
		" WHERE cs.school_id = ?1 AND c.year_id = ?2 AND (?3 = 0 OR c.id = ?3)" DEC_ORDER;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, class_id);
	return dec_rows(db, a, st, rows, n);
}

enum zh_err zh_store_mv_decisions_stored(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t year_id, struct zh_decision_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " DEC_COLS " FROM year_decisions d JOIN persons p ON p.id = d.student_id"
		" LEFT JOIN (class_students cs JOIN classes c ON c.id = cs.class_id AND c.year_id = ?2)"
		"   ON cs.student_id = d.student_id AND cs.school_id = ?1"
		" WHERE d.school_id = ?1 AND d.year_id = ?2"
		" ORDER BY c.grade IS NULL, c.grade, c.name COLLATE ru, p.last_name COLLATE ru,"
		" p.first_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	return dec_rows(db, a, st, rows, n);
}

enum zh_err zh_store_mv_decisions_missing(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					  int64_t year_id, int64_t limit, struct zh_decision_row **rows,
					  size_t *n, int64_t *total)
{
	static const char count_sql[] =
		"SELECT count(*) FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" LEFT JOIN students s ON s.school_id = cs.school_id AND s.person_id = cs.student_id"
		" WHERE cs.school_id = ?1 AND c.year_id = ?2 AND coalesce(s.status, 'enrolled') = 'enrolled'"
		" AND NOT EXISTS (SELECT 1 FROM year_decisions d WHERE d.year_id = ?2 AND d.student_id = cs.student_id)";
	static const char sql[] =
		"SELECT " DEC_COLS " FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" JOIN persons p ON p.id = cs.student_id"
		" LEFT JOIN students s ON s.school_id = cs.school_id AND s.person_id = cs.student_id"
		" LEFT JOIN year_decisions d ON d.year_id = c.year_id AND d.student_id = cs.student_id"
		" WHERE cs.school_id = ?1 AND c.year_id = ?2 AND coalesce(s.status, 'enrolled') = 'enrolled'"
		" AND d.student_id IS NULL" DEC_ORDER " LIMIT ?3";
	sqlite3_stmt *st = zh_sq_prep(db, count_sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	if ((e = zh_sq_scalar_id(db, st, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, limit);
	return dec_rows(db, a, st, rows, n);
}

enum zh_err zh_store_mv_decision_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     int64_t year_id, int64_t student_id, struct zh_decision_row *out)
{
	static const char sql[] =
		"SELECT decision, protocol_no, protocol_date FROM year_decisions"
		" WHERE school_id = ? AND year_id = ? AND student_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, student_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->student_id = student_id;
	out->decision = zh_sq_text(a, st, 0);
	out->protocol_no = zh_sq_text(a, st, 1);
	out->protocol_date = zh_sq_text(a, st, 2);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mv_decision_put(struct zh_db *db, int64_t school_id, int64_t year_id,
				     int64_t student_id, const char *decision, const char *protocol_no,
				     const char *protocol_date)
{
	static const char sql[] =
		"INSERT INTO year_decisions(school_id, year_id, student_id, decision, protocol_no, protocol_date)"
		" VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(year_id, student_id) DO UPDATE SET"
		" decision = excluded.decision, protocol_no = excluded.protocol_no,"
		" protocol_date = excluded.protocol_date";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, student_id);
	zh_sq_bind_text(st, 4, decision);
	zh_sq_bind_text(st, 5, protocol_no);
	zh_sq_bind_text(st, 6, protocol_date);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mv_decision_delete(struct zh_db *db, int64_t school_id, int64_t year_id,
					int64_t student_id)
{
	static const char sql[] =
		"DELETE FROM year_decisions WHERE school_id = ? AND year_id = ? AND student_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int64(st, 3, student_id);
	return zh_sq_exec_done(db, st);
}

/* ---- rollover ---- */

enum zh_err zh_store_mv_rollover_get(struct zh_db *db, int64_t school_id, int64_t from_year_id,
				     int64_t *to_year_id, int64_t *done_at)
{
	static const char sql[] =
		"SELECT to_year_id, done_at FROM rollovers WHERE school_id = ? AND from_year_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, from_year_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	if (to_year_id)
		*to_year_id = sqlite3_column_int64(st, 0);
	if (done_at)
		*done_at = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mv_rollover_insert(struct zh_db *db, int64_t school_id, int64_t from_year_id,
					int64_t to_year_id, int64_t done_at, int64_t done_by)
{
	static const char sql[] =
		"INSERT INTO rollovers(school_id, from_year_id, to_year_id, done_at, done_by) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, from_year_id);
	sqlite3_bind_int64(st, 3, to_year_id);
	sqlite3_bind_int64(st, 4, done_at);
	zh_sq_bind_id(st, 5, done_by);
	return zh_sq_exec_done(db, st);
}

static enum zh_err run_copy(struct zh_db *db, const char *sql, int64_t school_id, int64_t from_year_id,
			    int64_t to_year_id, int64_t *copied)
{
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, from_year_id);
	sqlite3_bind_int64(st, 3, to_year_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (copied)
		*copied += sqlite3_changes(db->h);
	return ZH_OK;
}

enum zh_err zh_store_mv_copy_curriculum(struct zh_db *db, int64_t school_id, int64_t from_year_id,
					int64_t to_year_id, int64_t *copied)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO curriculum(school_id, year_id, grade, subject_id, hours_per_week)"
		" SELECT school_id, ?3, grade, subject_id, hours_per_week FROM curriculum"
		" WHERE school_id = ?1 AND year_id = ?2";
	if (copied)
		*copied = 0;
	return run_copy(db, sql, school_id, from_year_id, to_year_id, copied);
}

/* the successor of an old class: nc (new class) with nc.prev_class_id = old class */
enum zh_err zh_store_mv_copy_load(struct zh_db *db, int64_t school_id, int64_t from_year_id,
				  int64_t to_year_id, int64_t *copied)
{
	static const char subgroups_sql[] =
		"INSERT OR IGNORE INTO subgroups(school_id, class_id, subject_id, name)"
		" SELECT sg.school_id, nc.id, sg.subject_id, sg.name FROM subgroups sg"
		" JOIN classes oc ON oc.id = sg.class_id"
		" JOIN classes nc ON nc.prev_class_id = oc.id AND nc.year_id = ?3"
		" WHERE sg.school_id = ?1 AND oc.year_id = ?2";
	static const char members_sql[] =
		"INSERT OR IGNORE INTO subgroup_students(school_id, subgroup_id, student_id)"
		" SELECT ss.school_id, nsg.id, ss.student_id FROM subgroup_students ss"
		" JOIN subgroups sg ON sg.id = ss.subgroup_id"
		" JOIN classes oc ON oc.id = sg.class_id"
		" JOIN classes nc ON nc.prev_class_id = oc.id AND nc.year_id = ?3"
		" JOIN subgroups nsg ON nsg.class_id = nc.id AND nsg.subject_id = sg.subject_id AND nsg.name = sg.name"
		" JOIN class_students ncs ON ncs.class_id = nc.id AND ncs.student_id = ss.student_id"
		" WHERE ss.school_id = ?1 AND oc.year_id = ?2";
	static const char load_sql[] =
		"INSERT INTO teacher_load(school_id, year_id, teacher_id, class_id, subgroup_id, subject_id,"
		" hours_per_week)"
		" SELECT tl.school_id, ?3, tl.teacher_id, nc.id, nsg.id, tl.subject_id, tl.hours_per_week"
		" FROM teacher_load tl JOIN classes oc ON oc.id = tl.class_id"
		" JOIN classes nc ON nc.prev_class_id = oc.id AND nc.year_id = ?3"
		" LEFT JOIN subgroups sg ON sg.id = tl.subgroup_id"
		" LEFT JOIN subgroups nsg ON nsg.class_id = nc.id AND nsg.subject_id = sg.subject_id"
		"   AND nsg.name = sg.name"
		" WHERE tl.school_id = ?1 AND oc.year_id = ?2"
		" AND NOT EXISTS (SELECT 1 FROM teacher_load x WHERE x.teacher_id = tl.teacher_id"
		"   AND x.class_id = nc.id AND x.subject_id = tl.subject_id AND x.subgroup_id IS nsg.id)";
	enum zh_err e;
	if (copied)
		*copied = 0;
	if ((e = run_copy(db, subgroups_sql, school_id, from_year_id, to_year_id, NULL)) ||
	    (e = run_copy(db, members_sql, school_id, from_year_id, to_year_id, NULL)))
		return e;
	return run_copy(db, load_sql, school_id, from_year_id, to_year_id, copied);
}
