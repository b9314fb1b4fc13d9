/* timetable.c: SQLite statements for bell schedules and the weekly timetable (M-07) */
#include "store/timetable.h"

#include "store/sqlite/sq.h"

/* ---- bell schedules ---- */

enum zh_err zh_store_bell_schedules(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    struct zh_bell_schedule_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, name, shift, is_default FROM bell_schedules WHERE school_id = ? ORDER BY shift, id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_bell_schedule_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = zh_sq_text(a, st, 1);
		r->shift = sqlite3_column_int(st, 2);
		r->is_default = sqlite3_column_int(st, 3) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_bells(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			   struct zh_bell_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT schedule_id, number, start_time, end_time FROM bells WHERE school_id = ?"
		" ORDER BY schedule_id, number";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_bell_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->schedule_id = sqlite3_column_int64(st, 0);
		r->number = sqlite3_column_int(st, 1);
		r->start = zh_sq_text(a, st, 2);
		r->end = zh_sq_text(a, st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_bell_schedule_of_shift(struct zh_db *db, int64_t school_id, int shift, int64_t *id)
{
	static const char sql[] =
		"SELECT id FROM bell_schedules WHERE school_id = ? AND shift = ? ORDER BY is_default DESC, id LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, shift);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_bell_schedule_insert(struct zh_db *db, int64_t school_id, const char *name, int shift,
					  int64_t *id)
{
	static const char sql[] =
		"INSERT INTO bell_schedules(school_id, name, shift, is_default) VALUES (?, ?, ?, 1)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	sqlite3_bind_int(st, 3, shift);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_bell_schedule_rename(struct zh_db *db, int64_t school_id, int64_t id, const char *name)
{
	static const char sql[] = "UPDATE bell_schedules SET name = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_bells_clear(struct zh_db *db, int64_t school_id, int64_t schedule_id)
{
	static const char sql[] = "DELETE FROM bells WHERE schedule_id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, schedule_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_shift_numbers_used(struct zh_db *db, struct zh_arena *a, int64_t school_id, int shift,
					const char *from, int **numbers, size_t *n)
{
	static const char sql[] =
		"SELECT DISTINCT t.lesson_number FROM timetable_entries t"
		" JOIN classes k ON k.id = t.class_id JOIN periods p ON p.id = t.period_id"
		" WHERE t.school_id = ?1 AND k.shift = ?2 AND p.end_date >= ?3 ORDER BY 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*numbers = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, shift);
	zh_sq_bind_text(st, 3, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int *x = ZH_SQ_PUSH(a, *numbers, *n, cap);
		if (!x) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		*x = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_bell_insert(struct zh_db *db, int64_t school_id, int64_t schedule_id, int number,
				 const char *start, const char *end)
{
	static const char sql[] =
		"INSERT INTO bells(school_id, schedule_id, number, start_time, end_time) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, schedule_id);
	sqlite3_bind_int(st, 3, number);
	zh_sq_bind_text(st, 4, start);
	zh_sq_bind_text(st, 5, end);
	return zh_sq_exec_done(db, st);
}

/* ---- timetable entries ---- */

#define TT_COLS \
	"t.id, t.period_id, t.weekday, t.lesson_number, t.class_id, t.subgroup_id, t.subject_id," \
	" t.teacher_id, t.room_id, c.name, g.name, s.name," \
	" p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name = '' THEN '' ELSE ' ' || p.middle_name END," \
	" r.name"
#define TT_FROM \
	" FROM timetable_entries t JOIN classes c ON c.id = t.class_id" \
	" LEFT JOIN subgroups g ON g.id = t.subgroup_id JOIN subjects s ON s.id = t.subject_id" \
	" JOIN persons p ON p.id = t.teacher_id LEFT JOIN rooms r ON r.id = t.room_id"

static void tt_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_tt_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->period_id = sqlite3_column_int64(st, 1);
	r->weekday = sqlite3_column_int(st, 2);
	r->lesson = sqlite3_column_int(st, 3);
	r->class_id = sqlite3_column_int64(st, 4);
	r->subgroup_id = sqlite3_column_int64(st, 5);
	r->subject_id = sqlite3_column_int64(st, 6);
	r->teacher_id = sqlite3_column_int64(st, 7);
	r->room_id = sqlite3_column_int64(st, 8);
	r->class_name = zh_sq_text(a, st, 9);
	r->subgroup_name = zh_sq_text(a, st, 10);
	r->subject_name = zh_sq_text(a, st, 11);
	r->teacher_name = zh_sq_text(a, st, 12);
	r->room_name = zh_sq_text(a, st, 13);
}

static enum zh_err tt_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_tt_row **rows,
			   size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_tt_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		tt_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_tt_list(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     const struct zh_tt_filter *f, struct zh_tt_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " TT_COLS TT_FROM
		" WHERE t.school_id = ?1 AND t.period_id = ?2"
		" AND (?3 IS NULL OR t.class_id = ?3) AND (?4 IS NULL OR t.teacher_id = ?4)"
		" AND (?5 IS NULL OR t.room_id = ?5)"
		" AND (?6 IS NULL OR (t.class_id IN (SELECT class_id FROM class_students WHERE student_id = ?6)"
		"  AND (t.subgroup_id IS NULL OR t.subgroup_id IN"
		"   (SELECT subgroup_id FROM subgroup_students WHERE student_id = ?6))))"
		" ORDER BY t.weekday, t.lesson_number, c.grade, c.name COLLATE ru, g.name COLLATE ru, t.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, f->period_id);
	zh_sq_bind_id(st, 3, f->class_id);
	zh_sq_bind_id(st, 4, f->teacher_id);
	zh_sq_bind_id(st, 5, f->room_id);
	zh_sq_bind_id(st, 6, f->student_id);
	return tt_rows(db, a, st, rows, n);
}

enum zh_err zh_store_tt_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			    struct zh_tt_row *out)
{
	static const char sql[] = "SELECT " TT_COLS TT_FROM " WHERE t.id = ? AND t.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		tt_cols(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_tt_insert(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r, int64_t now,
			       int64_t *id)
{
	static const char sql[] =
		"INSERT INTO timetable_entries(school_id, period_id, weekday, lesson_number, class_id, subgroup_id,"
		" subject_id, teacher_id, room_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->period_id);
	sqlite3_bind_int(st, 3, r->weekday);
	sqlite3_bind_int(st, 4, r->lesson);
	sqlite3_bind_int64(st, 5, r->class_id);
	zh_sq_bind_id(st, 6, r->subgroup_id);
	sqlite3_bind_int64(st, 7, r->subject_id);
	sqlite3_bind_int64(st, 8, r->teacher_id);
	zh_sq_bind_id(st, 9, r->room_id);
	sqlite3_bind_int64(st, 10, now);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_tt_update(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r)
{
	static const char sql[] =
		"UPDATE timetable_entries SET period_id = ?, weekday = ?, lesson_number = ?, class_id = ?,"
		" subgroup_id = ?, subject_id = ?, teacher_id = ?, room_id = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->period_id);
	sqlite3_bind_int(st, 2, r->weekday);
	sqlite3_bind_int(st, 3, r->lesson);
	sqlite3_bind_int64(st, 4, r->class_id);
	zh_sq_bind_id(st, 5, r->subgroup_id);
	sqlite3_bind_int64(st, 6, r->subject_id);
	sqlite3_bind_int64(st, 7, r->teacher_id);
	zh_sq_bind_id(st, 8, r->room_id);
	sqlite3_bind_int64(st, 9, r->id);
	sqlite3_bind_int64(st, 10, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_tt_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM timetable_entries WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && sqlite3_changes(db->h) == 0)
		return ZH_ENOTFOUND;
	return e;
}

enum zh_err zh_store_tt_clashes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const struct zh_tt_row *r, int64_t except_id, struct zh_tt_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " TT_COLS TT_FROM
		" JOIN periods pe ON pe.id = t.period_id JOIN periods me ON me.id = ?2"
		" WHERE t.school_id = ?1 AND pe.year_id = me.year_id"
		" AND pe.start_date <= me.end_date AND me.start_date <= pe.end_date"
		" AND t.weekday = ?3 AND t.lesson_number = ?4 AND t.id <> ?5"
		" AND (t.teacher_id = ?6 OR (?7 IS NOT NULL AND t.room_id = ?7) OR t.class_id = ?8)"
		" ORDER BY t.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->period_id);
	sqlite3_bind_int(st, 3, r->weekday);
	sqlite3_bind_int(st, 4, r->lesson);
	sqlite3_bind_int64(st, 5, except_id);
	sqlite3_bind_int64(st, 6, r->teacher_id);
	zh_sq_bind_id(st, 7, r->room_id);
	sqlite3_bind_int64(st, 8, r->class_id);
	return tt_rows(db, a, st, rows, n);
}

enum zh_err zh_store_tt_facts(struct zh_db *db, int64_t school_id, const struct zh_tt_row *r,
			      struct zh_tt_facts *out)
{
	static const char sql[] =
		"SELECT (SELECT year_id FROM periods WHERE id = ?2 AND school_id = ?1),"
		" (SELECT year_id FROM classes WHERE id = ?3 AND school_id = ?1),"
		" (SELECT shift FROM classes WHERE id = ?3 AND school_id = ?1),"
		" (SELECT class_id FROM subgroups WHERE id = ?4 AND school_id = ?1),"
		" (SELECT subject_id FROM subgroups WHERE id = ?4 AND school_id = ?1),"
		" EXISTS (SELECT 1 FROM subjects WHERE id = ?5 AND school_id = ?1 AND archived = 0),"
		" EXISTS (SELECT 1 FROM users u JOIN user_roles ur ON ur.user_id = u.id"
		"  WHERE u.person_id = ?6 AND ur.school_id = ?1 AND ur.role_id IN (3, 4)),"
		" (?7 IS NULL OR EXISTS (SELECT 1 FROM rooms WHERE id = ?7 AND school_id = ?1 AND archived = 0)),"
		" EXISTS (SELECT 1 FROM bells b JOIN bell_schedules s ON s.id = b.schedule_id"
		"  WHERE s.school_id = ?1 AND b.number = ?8"
		"  AND s.shift = (SELECT shift FROM classes WHERE id = ?3)),"
		" EXISTS (SELECT 1 FROM teacher_load WHERE school_id = ?1 AND teacher_id = ?6 AND class_id = ?3"
		"  AND subject_id = ?5 AND (?4 IS NULL OR subgroup_id IS NULL OR subgroup_id = ?4)),"
		" EXISTS (SELECT 1 FROM year_period_kinds k JOIN classes c ON c.id = ?3 JOIN periods p ON p.id = ?2"
		"  WHERE k.year_id = p.year_id AND c.grade BETWEEN k.grade_from AND k.grade_to AND k.kind = p.kind)"
		"  OR NOT EXISTS (SELECT 1 FROM year_period_kinds k JOIN periods p ON p.id = ?2 WHERE k.year_id = p.year_id)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->period_id);
	sqlite3_bind_int64(st, 3, r->class_id);
	zh_sq_bind_id(st, 4, r->subgroup_id);
	sqlite3_bind_int64(st, 5, r->subject_id);
	sqlite3_bind_int64(st, 6, r->teacher_id);
	zh_sq_bind_id(st, 7, r->room_id);
	sqlite3_bind_int(st, 8, r->lesson);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->period_year = sqlite3_column_int64(st, 0);
		out->class_year = sqlite3_column_int64(st, 1);
		out->class_shift = sqlite3_column_int(st, 2);
		out->subgroup_class = sqlite3_column_int64(st, 3);
		out->subgroup_subject = sqlite3_column_int64(st, 4);
		out->subject_ok = sqlite3_column_int(st, 5) != 0;
		out->teacher_ok = sqlite3_column_int(st, 6) != 0;
		out->room_ok = sqlite3_column_int(st, 7) != 0;
		out->bell_ok = sqlite3_column_int(st, 8) != 0;
		out->in_load = sqlite3_column_int(st, 9) != 0;
		out->kind_ok = sqlite3_column_int(st, 10) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- views and demo ---- */

enum zh_err zh_store_tt_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_tt_period_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.year_id, p.kind, p.name, p.start_date, p.end_date FROM periods p"
		" JOIN academic_years y ON y.id = p.year_id WHERE p.school_id = ?"
		" ORDER BY y.start_date DESC, p.kind DESC, p.number";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_tt_period_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->year_id = sqlite3_column_int64(st, 1);
		r->kind = zh_sq_text(a, st, 2);
		r->name = zh_sq_text(a, st, 3);
		r->start_date = zh_sq_text(a, st, 4);
		r->end_date = zh_sq_text(a, st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err named_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, int64_t school_id,
			      struct zh_tt_named **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_tt_named *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = zh_sq_text(a, st, 1);
		r->grade = sqlite3_column_int(st, 2);
		r->year_id = sqlite3_column_int64(st, 3);
		r->subject_id = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_tt_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_tt_named **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, name, grade, year_id, 0 FROM classes WHERE school_id = ?"
		" ORDER BY year_id, grade, name COLLATE ru";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	return st ? named_rows(db, a, st, school_id, rows, n) : ZH_EDB;
}

enum zh_err zh_store_tt_teachers(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 struct zh_tt_named **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name = '' THEN ''"
		" ELSE ' ' || p.middle_name END, 0, 0, 0 FROM persons p"
		" WHERE p.id IN (SELECT teacher_id FROM teacher_load WHERE school_id = ?1"
		"  UNION SELECT teacher_id FROM timetable_entries WHERE school_id = ?1)"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	return st ? named_rows(db, a, st, school_id, rows, n) : ZH_EDB;
}

enum zh_err zh_store_tt_rooms(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      struct zh_tt_named **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, name, 0, 0, COALESCE(subject_id, 0) FROM rooms WHERE school_id = ? AND archived = 0"
		" ORDER BY id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	return st ? named_rows(db, a, st, school_id, rows, n) : ZH_EDB;
}

enum zh_err zh_store_tt_grade_kind(struct zh_db *db, struct zh_arena *a, int64_t year_id, int grade,
				   const char **kind)
{
	static const char sql[] =
		"SELECT kind FROM year_period_kinds WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, year_id);
	sqlite3_bind_int(st, 2, grade);
	int rc = sqlite3_step(st);
	*kind = rc == SQLITE_ROW ? zh_sq_text(a, st, 0) : "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_tt_loads(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
			      struct zh_tt_load **rows, size_t *n)
{
	static const char sql[] =
		"SELECT l.id, l.class_id, COALESCE(l.subgroup_id, 0), l.subject_id, l.teacher_id,"
		" CAST(l.hours_per_week + 0.5 AS INTEGER), c.grade, s.name"
		" FROM teacher_load l JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id"
		" WHERE l.school_id = ? AND l.year_id = ? AND l.hours_per_week > 0"
		" ORDER BY c.grade, c.name, l.subject_id, l.subgroup_id, l.id";
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
		struct zh_tt_load *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->class_id = sqlite3_column_int64(st, 1);
		r->subgroup_id = sqlite3_column_int64(st, 2);
		r->subject_id = sqlite3_column_int64(st, 3);
		r->teacher_id = sqlite3_column_int64(st, 4);
		r->hours = sqlite3_column_int(st, 5);
		r->grade = sqlite3_column_int(st, 6);
		r->subject_name = zh_sq_text(a, st, 7);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_tt_load_set_teacher(struct zh_db *db, int64_t school_id, int64_t load_id,
					 int64_t teacher_id)
{
	static const char sql[] = "UPDATE teacher_load SET teacher_id = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, teacher_id);
	sqlite3_bind_int64(st, 2, load_id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}
