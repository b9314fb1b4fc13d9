/* lessons.c: SQLite statements of the lesson calendar, changes, events, notifications (M-07) */
#include "store/lessons.h"
#include "store/sqlite/sq.h"

#include <stdio.h>
#include <string.h>

static enum zh_err finish(struct zh_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define OOM_IF(r, st)                   \
	if (!(r)) {                     \
		sqlite3_reset(st);      \
		return ZH_ENOMEM;       \
	}

/* ---- periods, entries, holidays ---- */

#define PERIOD_COLS "p.id, p.year_id, p.name, p.start_date, p.end_date"
static void period_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_ls_period *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->year_id = sqlite3_column_int64(st, 1);
	p->name = zh_sq_text(a, st, 2);
	p->start_date = zh_sq_text(a, st, 3);
	p->end_date = zh_sq_text(a, st, 4);
}

enum zh_err zh_store_ls_period_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				   struct zh_ls_period *out)
{
	static const char sql[] = "SELECT " PERIOD_COLS " FROM periods p WHERE p.id = ? AND p.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	period_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

static enum zh_err periods_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st,
				struct zh_ls_period **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_ls_period *p = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(p, st);
		period_cols(a, st, p);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_ls_periods_at(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				   const char *date, struct zh_ls_period **rows, size_t *n)
{
	static const char sql[] = "SELECT " PERIOD_COLS " FROM periods p WHERE p.school_id = ? AND p.year_id = ?"
				  " AND p.start_date <= ? AND p.end_date >= ? ORDER BY p.start_date, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	zh_sq_bind_text(st, 3, date);
	zh_sq_bind_text(st, 4, date);
	return periods_rows(db, a, st, rows, n);
}

enum zh_err zh_store_ls_current_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					const char *today, struct zh_ls_period **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " PERIOD_COLS " FROM periods p WHERE p.school_id = ?1 AND p.year_id = COALESCE("
		" (SELECT id FROM academic_years WHERE school_id = ?1 AND start_date <= ?2 AND end_date >= ?2"
		"  ORDER BY start_date DESC LIMIT 1),"
		" (SELECT id FROM academic_years WHERE school_id = ?1 ORDER BY start_date DESC LIMIT 1))"
		" ORDER BY p.start_date, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, today);
	return periods_rows(db, a, st, rows, n);
}

enum zh_err zh_store_ls_entries(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				struct zh_ls_entry **rows, size_t *n)
{
	static const char sql[] =
		"SELECT t.id, t.class_id, IFNULL(t.subgroup_id, 0), t.subject_id, t.teacher_id, IFNULL(t.room_id, 0),"
		" t.weekday, t.lesson_number, c.grade FROM timetable_entries t JOIN classes c ON c.id = t.class_id"
		" WHERE t.school_id = ? AND t.period_id = ? ORDER BY t.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, period_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_ls_entry *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->class_id = sqlite3_column_int64(st, 1);
		r->subgroup_id = sqlite3_column_int64(st, 2);
		r->subject_id = sqlite3_column_int64(st, 3);
		r->teacher_id = sqlite3_column_int64(st, 4);
		r->room_id = sqlite3_column_int64(st, 5);
		r->weekday = sqlite3_column_int(st, 6);
		r->lesson_number = sqlite3_column_int(st, 7);
		r->grade = sqlite3_column_int(st, 8);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_ls_holidays(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				 struct zh_ls_holiday **rows, size_t *n)
{
	static const char sql[] = "SELECT start_date, end_date, grade_from, grade_to FROM holidays"
				  " WHERE school_id = ? AND year_id = ? ORDER BY start_date";
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
		struct zh_ls_holiday *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->start_date = zh_sq_text(a, st, 0);
		r->end_date = zh_sq_text(a, st, 1);
		r->grade_from = sqlite3_column_int(st, 2);
		r->grade_to = sqlite3_column_int(st, 3);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_ls_generated(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				  struct zh_ls_gen **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, IFNULL(entry_id, 0), class_id, IFNULL(subgroup_id, 0), subject_id, teacher_id,"
		" IFNULL(room_id, 0), lesson_number, flagged, date FROM lessons"
		" WHERE school_id = ? AND period_id = ? AND extra = 0 ORDER BY entry_id, date";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, period_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_ls_gen *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		const unsigned char *d;
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->entry_id = sqlite3_column_int64(st, 1);
		r->class_id = sqlite3_column_int64(st, 2);
		r->subgroup_id = sqlite3_column_int64(st, 3);
		r->subject_id = sqlite3_column_int64(st, 4);
		r->teacher_id = sqlite3_column_int64(st, 5);
		r->room_id = sqlite3_column_int64(st, 6);
		r->lesson_number = sqlite3_column_int(st, 7);
		r->flagged = sqlite3_column_int(st, 8) != 0;
		d = sqlite3_column_text(st, 9);
		if (d)
			snprintf(r->date, sizeof r->date, "%s", (const char *)d);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_lesson_has_data(struct zh_db *db, int64_t lesson_id, bool *yes)
{
	/* marks and attendance join here with the journal issue */
	static const char sql[] = "SELECT 1 FROM lessons WHERE id = ? AND (topic <> '' OR homework <> '')";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_lesson_delete(struct zh_db *db, int64_t school_id, int64_t lesson_id)
{
	static const char sql1[] = "DELETE FROM lesson_changes WHERE lesson_id = ? AND school_id = ?";
	static const char sql2[] = "DELETE FROM lessons WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql1);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (!(st = zh_sq_prep(db, sql2)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_lesson_flag(struct zh_db *db, int64_t school_id, int64_t lesson_id)
{
	static const char sql[] = "UPDATE lessons SET flagged = 1, entry_id = NULL WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_lesson_insert(struct zh_db *db, const struct zh_ls_new *l, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO lessons (school_id, period_id, entry_id, date, lesson_number, class_id, subgroup_id,"
		" subject_id, teacher_id, room_id, extra, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, l->school_id);
	sqlite3_bind_int64(st, 2, l->period_id);
	zh_sq_bind_id(st, 3, l->entry_id);
	zh_sq_bind_text(st, 4, l->date);
	sqlite3_bind_int(st, 5, l->lesson_number);
	sqlite3_bind_int64(st, 6, l->class_id);
	zh_sq_bind_id(st, 7, l->subgroup_id);
	sqlite3_bind_int64(st, 8, l->subject_id);
	sqlite3_bind_int64(st, 9, l->teacher_id);
	zh_sq_bind_id(st, 10, l->room_id);
	sqlite3_bind_int(st, 11, l->extra ? 1 : 0);
	sqlite3_bind_int64(st, 12, l->created_at);
	e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

/* ---- reading lessons ---- */

#define SUBST_OF(l) "(SELECT x.substitute_id FROM lesson_changes x WHERE x.lesson_id = " l ".id AND x.kind = 'substitution' ORDER BY x.id DESC LIMIT 1)"

#define LESSON_COLS \
	"l.id, l.period_id, IFNULL(l.entry_id, 0), l.class_id, IFNULL(l.subgroup_id, 0), l.subject_id, l.teacher_id," \
	" IFNULL(l.room_id, 0), IFNULL(" SUBST_OF("l") ", 0), l.lesson_number, l.extra, l.flagged, l.date, l.status," \
	" l.topic, l.homework, c.name, g.name, s.name," \
	" t.last_name || ' ' || t.first_name || CASE WHEN t.middle_name <> '' THEN ' ' || t.middle_name ELSE '' END," \
	" r.name, (SELECT p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name <> '' THEN ' ' || p.middle_name ELSE '' END" \
	"  FROM persons p WHERE p.id = " SUBST_OF("l") ")," \
	" (SELECT b.start_time FROM bells b JOIN bell_schedules bs ON bs.id = b.schedule_id WHERE bs.school_id = l.school_id" \
	"  AND bs.shift = c.shift AND b.number = l.lesson_number ORDER BY bs.is_default DESC, bs.id LIMIT 1)," \
	" (SELECT b.end_time FROM bells b JOIN bell_schedules bs ON bs.id = b.schedule_id WHERE bs.school_id = l.school_id" \
	"  AND bs.shift = c.shift AND b.number = l.lesson_number ORDER BY bs.is_default DESC, bs.id LIMIT 1)," \
	" (SELECT IFNULL(group_concat(kind, ','), '') FROM (SELECT kind FROM lesson_changes WHERE lesson_id = l.id ORDER BY id))," \
	" c.grade"
#define LESSON_FROM \
	" FROM lessons l JOIN classes c ON c.id = l.class_id LEFT JOIN subgroups g ON g.id = l.subgroup_id" \
	" JOIN subjects s ON s.id = l.subject_id JOIN persons t ON t.id = l.teacher_id LEFT JOIN rooms r ON r.id = l.room_id"

static void lesson_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_lesson_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->period_id = sqlite3_column_int64(st, 1);
	r->entry_id = sqlite3_column_int64(st, 2);
	r->class_id = sqlite3_column_int64(st, 3);
	r->subgroup_id = sqlite3_column_int64(st, 4);
	r->subject_id = sqlite3_column_int64(st, 5);
	r->teacher_id = sqlite3_column_int64(st, 6);
	r->room_id = sqlite3_column_int64(st, 7);
	r->substitute_id = sqlite3_column_int64(st, 8);
	r->lesson_number = sqlite3_column_int(st, 9);
	r->extra = sqlite3_column_int(st, 10) != 0;
	r->flagged = sqlite3_column_int(st, 11) != 0;
	r->date = zh_sq_text(a, st, 12);
	r->status = zh_sq_text(a, st, 13);
	r->topic = zh_sq_text(a, st, 14);
	r->homework = zh_sq_text(a, st, 15);
	r->class_name = zh_sq_text(a, st, 16);
	r->subgroup_name = zh_sq_text(a, st, 17);
	r->subject_name = zh_sq_text(a, st, 18);
	r->teacher_name = zh_sq_text(a, st, 19);
	r->room_name = zh_sq_text(a, st, 20);
	r->substitute_name = zh_sq_text(a, st, 21);
	r->start_time = zh_sq_text(a, st, 22);
	r->end_time = zh_sq_text(a, st, 23);
	r->changes = zh_sq_text(a, st, 24);
	r->grade = sqlite3_column_int(st, 25);
}

enum zh_err zh_store_lessons_list(struct zh_db *db, struct zh_arena *a, const struct zh_lesson_filter *flt,
				  struct zh_lesson_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " LESSON_COLS LESSON_FROM " WHERE l.school_id = ?1 AND l.date >= ?2 AND l.date <= ?3"
		" AND (?4 = 0 OR l.class_id = ?4)"
		" AND (?5 = 0 OR l.teacher_id = ?5 OR EXISTS (SELECT 1 FROM lesson_changes x WHERE x.lesson_id = l.id"
		"  AND x.kind = 'substitution' AND x.substitute_id = ?5))"
		" ORDER BY l.date, l.lesson_number, c.grade, c.name COLLATE ru, l.subgroup_id, l.id LIMIT 5000";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, flt->school_id);
	zh_sq_bind_text(st, 2, flt->from);
	zh_sq_bind_text(st, 3, flt->to);
	sqlite3_bind_int64(st, 4, flt->class_id);
	sqlite3_bind_int64(st, 5, flt->teacher_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_lesson_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		lesson_cols(a, st, r);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_lesson_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_lesson_row *out)
{
	static const char sql[] = "SELECT " LESSON_COLS LESSON_FROM " WHERE l.id = ? AND l.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	lesson_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_lesson_changes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t lesson_id,
				    struct zh_lesson_change_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT x.id, x.lesson_id, IFNULL(x.substitute_id, 0), IFNULL(x.room_id, 0), IFNULL(x.created_by, 0),"
		" x.created_at, x.kind, x.reason,"
		" p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name <> '' THEN ' ' || p.middle_name ELSE '' END,"
		" r.name FROM lesson_changes x LEFT JOIN persons p ON p.id = x.substitute_id"
		" LEFT JOIN rooms r ON r.id = x.room_id WHERE x.lesson_id = ? AND x.school_id = ? ORDER BY x.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_lesson_change_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->substitute_id = sqlite3_column_int64(st, 2);
		r->room_id = sqlite3_column_int64(st, 3);
		r->created_by = sqlite3_column_int64(st, 4);
		r->created_at = sqlite3_column_int64(st, 5);
		r->kind = zh_sq_text(a, st, 6);
		r->reason = zh_sq_text(a, st, 7);
		r->substitute_name = zh_sq_text(a, st, 8);
		r->room_name = zh_sq_text(a, st, 9);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_lesson_change_insert(struct zh_db *db, int64_t school_id, int64_t lesson_id,
					  const char *kind, int64_t substitute_id, int64_t room_id,
					  const char *reason, int64_t created_by, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO lesson_changes (school_id, lesson_id, kind, substitute_id, room_id,"
				  " reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, lesson_id);
	zh_sq_bind_text(st, 3, kind);
	zh_sq_bind_id(st, 4, substitute_id);
	zh_sq_bind_id(st, 5, room_id);
	zh_sq_bind_text(st, 6, reason ? reason : "");
	zh_sq_bind_id(st, 7, created_by);
	sqlite3_bind_int64(st, 8, now);
	e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_lesson_set_room(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t room_id)
{
	static const char sql[] = "UPDATE lessons SET room_id = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_id(st, 1, room_id);
	sqlite3_bind_int64(st, 2, lesson_id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_lesson_set_status(struct zh_db *db, int64_t school_id, int64_t lesson_id, const char *status)
{
	static const char sql[] = "UPDATE lessons SET status = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, status);
	sqlite3_bind_int64(st, 2, lesson_id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_lesson_set_topic(struct zh_db *db, int64_t school_id, int64_t lesson_id, const char *topic,
				      const char *homework)
{
	static const char sql[] = "UPDATE lessons SET topic = ?, homework = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, topic ? topic : "");
	zh_sq_bind_text(st, 2, homework ? homework : "");
	sqlite3_bind_int64(st, 3, lesson_id);
	sqlite3_bind_int64(st, 4, school_id);
	return zh_sq_exec_done(db, st);
}

/* ---- conflicts ---- */

enum zh_err zh_store_ls_teacher_busy(struct zh_db *db, int64_t school_id, int64_t teacher_id, const char *date,
				     int num, int64_t except_id, bool *busy)
{
	static const char sql[] =
		"SELECT 1 FROM lessons l WHERE l.school_id = ?1 AND l.date = ?2 AND l.lesson_number = ?3"
		" AND l.status = 'planned' AND l.id <> ?4 AND COALESCE(" SUBST_OF("l") ", l.teacher_id) = ?5 LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, date);
	sqlite3_bind_int(st, 3, num);
	sqlite3_bind_int64(st, 4, except_id);
	sqlite3_bind_int64(st, 5, teacher_id);
	return zh_sq_exists(db, st, busy);
}

enum zh_err zh_store_ls_room_busy(struct zh_db *db, int64_t school_id, int64_t room_id, const char *date, int num,
				  int64_t except_id, bool *busy)
{
	static const char sql[] = "SELECT 1 FROM lessons WHERE school_id = ? AND date = ? AND lesson_number = ?"
				  " AND status = 'planned' AND id <> ? AND room_id = ? LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, date);
	sqlite3_bind_int(st, 3, num);
	sqlite3_bind_int64(st, 4, except_id);
	sqlite3_bind_int64(st, 5, room_id);
	return zh_sq_exists(db, st, busy);
}

enum zh_err zh_store_ls_class_busy(struct zh_db *db, int64_t school_id, int64_t class_id, int64_t subgroup_id,
				   const char *date, int num, int64_t except_id, bool *busy)
{
	static const char sql[] =
		"SELECT 1 FROM lessons WHERE school_id = ?1 AND date = ?2 AND lesson_number = ?3 AND status = 'planned'"
		" AND id <> ?4 AND class_id = ?5 AND (?6 = 0 OR subgroup_id IS NULL OR subgroup_id = ?6) LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, date);
	sqlite3_bind_int(st, 3, num);
	sqlite3_bind_int64(st, 4, except_id);
	sqlite3_bind_int64(st, 5, class_id);
	sqlite3_bind_int64(st, 6, subgroup_id);
	return zh_sq_exists(db, st, busy);
}

/* ---- facts ---- */

enum zh_err zh_store_ls_is_teacher(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
				   bool *yes, const char **name)
{
	static const char sql[] =
		"SELECT p.last_name || ' ' || p.first_name || CASE WHEN p.middle_name <> '' THEN ' ' || p.middle_name ELSE '' END"
		" FROM persons p JOIN users u ON u.person_id = p.id JOIN user_roles ur ON ur.user_id = u.id"
		" WHERE p.id = ? AND ur.school_id = ? AND ur.role_id = 3";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, school_id);
	*yes = false;
	*name = NULL;
	if ((e = zh_sq_step_one(db, st)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	*yes = true;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_ls_room_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t room_id,
				  const char **name)
{
	static const char sql[] = "SELECT name FROM rooms WHERE id = ? AND school_id = ? AND archived = 0";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, room_id);
	sqlite3_bind_int64(st, 2, school_id);
	*name = NULL;
	if ((e = zh_sq_step_one(db, st)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_ls_class_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  struct zh_ls_class *out)
{
	static const char sql[] = "SELECT id, year_id, grade, name FROM classes WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->year_id = sqlite3_column_int64(st, 1);
	out->grade = sqlite3_column_int(st, 2);
	out->name = zh_sq_text(a, st, 3);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_ls_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				struct zh_ls_class **rows, size_t *n)
{
	static const char sql[] = "SELECT id, year_id, grade, name FROM classes WHERE school_id = ? AND year_id = ?"
				  " ORDER BY grade, name COLLATE ru";
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
		struct zh_ls_class *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->year_id = sqlite3_column_int64(st, 1);
		r->grade = sqlite3_column_int(st, 2);
		r->name = zh_sq_text(a, st, 3);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_ls_subgroup(struct zh_db *db, int64_t school_id, int64_t id, int64_t *class_id,
				 int64_t *subject_id)
{
	static const char sql[] = "SELECT class_id, subject_id FROM subgroups WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*class_id = sqlite3_column_int64(st, 0);
	*subject_id = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_ls_subject_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				     const char **name)
{
	static const char sql[] = "SELECT name FROM subjects WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	*name = NULL;
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_ls_in_class(struct zh_db *db, int64_t school_id, int64_t person_id, int64_t class_id,
				 bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM class_students cs WHERE cs.school_id = ?1 AND cs.class_id = ?3 AND (cs.student_id = ?2"
		" OR cs.student_id IN (SELECT child_id FROM parent_links WHERE parent_id = ?2 AND school_id = ?1)) LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int64(st, 3, class_id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_ls_scope_facts(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t person_id,
				    int64_t *class_id, int64_t *subject_id, bool *substitute)
{
	static const char sql[] =
		"SELECT l.class_id, l.subject_id, EXISTS (SELECT 1 FROM lesson_changes x WHERE x.lesson_id = l.id"
		" AND x.kind = 'substitution' AND x.substitute_id = ?3) FROM lessons l WHERE l.id = ?1 AND l.school_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, person_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*class_id = sqlite3_column_int64(st, 0);
	*subject_id = sqlite3_column_int64(st, 1);
	*substitute = sqlite3_column_int(st, 2) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

/* ---- notifications ---- */

enum zh_err zh_store_notify_lesson(struct zh_db *db, int64_t school_id, int64_t class_id, int64_t subgroup_id,
				   int64_t teacher_id, int64_t substitute_id, const char *kind, const char *title,
				   const char *body, const char *entity, int64_t entity_id, int64_t now,
				   int64_t *count)
{
	static const char sql[] =
		"WITH kids(id) AS ("
		"  SELECT cs.student_id FROM class_students cs WHERE cs.class_id = ?2 AND cs.school_id = ?1 AND (?3 = 0"
		"   OR cs.student_id IN (SELECT student_id FROM subgroup_students WHERE subgroup_id = ?3))),"
		" who(id) AS (SELECT id FROM kids"
		"  UNION SELECT pl.parent_id FROM parent_links pl WHERE pl.child_id IN (SELECT id FROM kids)"
		"  UNION SELECT ?4 WHERE ?4 <> 0 UNION SELECT ?5 WHERE ?5 <> 0)"
		" INSERT INTO notifications (school_id, person_id, kind, title, body, entity, entity_id, created_at)"
		" SELECT ?1, id, ?6, ?7, ?8, ?9, ?10, ?11 FROM who ORDER BY id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, subgroup_id);
	sqlite3_bind_int64(st, 4, teacher_id);
	sqlite3_bind_int64(st, 5, substitute_id);
	zh_sq_bind_text(st, 6, kind);
	zh_sq_bind_text(st, 7, title);
	zh_sq_bind_text(st, 8, body ? body : "");
	zh_sq_bind_text(st, 9, entity);
	zh_sq_bind_id(st, 10, entity_id);
	sqlite3_bind_int64(st, 11, now);
	e = zh_sq_exec_done(db, st);
	if (!e && count)
		*count = sqlite3_changes(db->h);
	return e;
}

enum zh_err zh_store_notifications(struct zh_db *db, struct zh_arena *a, int64_t person_id, int64_t limit,
				   int64_t offset, struct zh_notification_row **rows, size_t *n, int64_t *total,
				   int64_t *unread)
{
	static const char sqlc[] = "SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM notifications"
				   " WHERE person_id = ?";
	static const char sql[] = "SELECT id, IFNULL(entity_id, 0), created_at, IFNULL(read_at, 0), kind, title, body,"
				  " entity FROM notifications WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?";
	sqlite3_stmt *st = zh_sq_prep(db, sqlc);
	size_t cap = 0;
	enum zh_err e;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*total = sqlite3_column_int64(st, 0);
	*unread = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_notification_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->entity_id = sqlite3_column_int64(st, 1);
		r->created_at = sqlite3_column_int64(st, 2);
		r->read_at = sqlite3_column_int64(st, 3);
		r->kind = zh_sq_text(a, st, 4);
		r->title = zh_sq_text(a, st, 5);
		r->body = zh_sq_text(a, st, 6);
		r->entity = zh_sq_text(a, st, 7);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_notification_read(struct zh_db *db, int64_t person_id, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE notifications SET read_at = IFNULL(read_at, ?) WHERE id = ? AND person_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, person_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	return sqlite3_changes(db->h) ? ZH_OK : ZH_ENOTFOUND;
}

/* ---- events ---- */

#define EVENT_COLS "e.id, IFNULL(e.class_id, 0), IFNULL(e.created_by, 0), e.created_at, e.title, e.description," \
	" e.date, e.start_time, e.end_time, e.place, e.audience, c.name"

static void event_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_event_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->class_id = sqlite3_column_int64(st, 1);
	r->created_by = sqlite3_column_int64(st, 2);
	r->created_at = sqlite3_column_int64(st, 3);
	r->title = zh_sq_text(a, st, 4);
	r->description = zh_sq_text(a, st, 5);
	r->date = zh_sq_text(a, st, 6);
	r->start_time = zh_sq_text(a, st, 7);
	r->end_time = zh_sq_text(a, st, 8);
	r->place = zh_sq_text(a, st, 9);
	r->audience = zh_sq_text(a, st, 10);
	r->class_name = zh_sq_text(a, st, 11);
}

enum zh_err zh_store_events_list(struct zh_db *db, struct zh_arena *a, const struct zh_event_filter *flt,
				 struct zh_event_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " EVENT_COLS " FROM events e LEFT JOIN classes c ON c.id = e.class_id"
		" WHERE e.school_id = ?1 AND e.date >= ?2 AND e.date <= ?3"
		" AND (e.audience = 'school' OR (e.audience = 'staff' AND ?5) OR (e.audience = 'parents' AND ?6)"
		"  OR (e.audience = 'class' AND (?4 = 0 OR e.class_id = ?4)))"
		" ORDER BY e.date, e.start_time, e.id LIMIT 2000";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, flt->school_id);
	zh_sq_bind_text(st, 2, flt->from);
	zh_sq_bind_text(st, 3, flt->to);
	sqlite3_bind_int64(st, 4, flt->class_id);
	sqlite3_bind_int(st, 5, flt->staff);
	sqlite3_bind_int(st, 6, flt->parents);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_event_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		event_cols(a, st, r);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_event_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_event_row *out)
{
	static const char sql[] = "SELECT " EVENT_COLS " FROM events e LEFT JOIN classes c ON c.id = e.class_id"
				  " WHERE e.id = ? AND e.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	event_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

static void bind_event(sqlite3_stmt *st, const struct zh_event_row *e)
{
	zh_sq_bind_text(st, 1, e->title);
	zh_sq_bind_text(st, 2, e->description ? e->description : "");
	zh_sq_bind_text(st, 3, e->date);
	zh_sq_bind_text(st, 4, e->start_time && *e->start_time ? e->start_time : NULL);
	zh_sq_bind_text(st, 5, e->end_time && *e->end_time ? e->end_time : NULL);
	zh_sq_bind_text(st, 6, e->place ? e->place : "");
	zh_sq_bind_text(st, 7, e->audience);
	zh_sq_bind_id(st, 8, e->class_id);
}

enum zh_err zh_store_event_insert(struct zh_db *db, int64_t school_id, const struct zh_event_row *ev, int64_t *id)
{
	static const char sql[] = "INSERT INTO events (title, description, date, start_time, end_time, place, audience,"
				  " class_id, school_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	bind_event(st, ev);
	sqlite3_bind_int64(st, 9, school_id);
	zh_sq_bind_id(st, 10, ev->created_by);
	sqlite3_bind_int64(st, 11, ev->created_at);
	e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_event_update(struct zh_db *db, int64_t school_id, const struct zh_event_row *ev)
{
	static const char sql[] = "UPDATE events SET title = ?, description = ?, date = ?, start_time = ?, end_time = ?,"
				  " place = ?, audience = ?, class_id = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_event(st, ev);
	sqlite3_bind_int64(st, 9, ev->id);
	sqlite3_bind_int64(st, 10, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_event_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM events WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}
