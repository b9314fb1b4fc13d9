/* absences.c: SQLite statements of the class teacher's day of absences (M-09) */
#include "store/absences.h"
#include "store/sqlite/sq.h"

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

enum zh_err zh_store_abs_lessons(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 const char *date, struct zh_abs_lesson **rows, size_t *n)
{
	static const char sql[] =
		"SELECT l.id, l.subject_id, l.teacher_id, ifnull(l.subgroup_id, 0), l.lesson_number, s.name,"
		" trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name), l.status"
		" FROM lessons l JOIN subjects s ON s.id = l.subject_id JOIN persons p ON p.id = l.teacher_id"
		" WHERE l.class_id = ? AND l.date = ? AND l.school_id = ? ORDER BY l.lesson_number, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	zh_sq_bind_text(st, 2, date);
	sqlite3_bind_int64(st, 3, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_abs_lesson *l = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(l, st);
		l->id = sqlite3_column_int64(st, 0);
		l->subject_id = sqlite3_column_int64(st, 1);
		l->teacher_id = sqlite3_column_int64(st, 2);
		l->subgroup_id = sqlite3_column_int64(st, 3);
		l->number = sqlite3_column_int(st, 4);
		l->subject_name = zh_sq_text(a, st, 5);
		l->teacher_name = zh_sq_text(a, st, 6);
		l->status = zh_sq_text(a, st, 7);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_abs_entries(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 const char *date, int64_t student_id, struct zh_abs_entry **rows, size_t *n)
{
	static const char sql[] =
		"SELECT at.lesson_id, at.student_id, l.subject_id, at.code, at.reason"
		" FROM lessons l JOIN attendance at ON at.lesson_id = l.id"
		" WHERE l.class_id = ?1 AND l.date = ?2 AND l.school_id = ?3 AND (?4 = 0 OR at.student_id = ?4)"
		" ORDER BY at.student_id, l.lesson_number, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	zh_sq_bind_text(st, 2, date);
	sqlite3_bind_int64(st, 3, school_id);
	sqlite3_bind_int64(st, 4, student_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_abs_entry *e = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(e, st);
		e->lesson_id = sqlite3_column_int64(st, 0);
		e->student_id = sqlite3_column_int64(st, 1);
		e->subject_id = sqlite3_column_int64(st, 2);
		e->code = zh_sq_text(a, st, 3);
		e->reason = zh_sq_text(a, st, 4);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_abs_set_reason(struct zh_db *db, int64_t school_id, int64_t lesson_id, int64_t student_id,
				    const char *reason, int64_t by, int64_t now)
{
	static const char sql[] = "UPDATE attendance SET reason = ?, updated_by = ?, updated_at = ?"
				  " WHERE lesson_id = ? AND student_id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, reason);
	zh_sq_bind_id(st, 2, by);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, lesson_id);
	sqlite3_bind_int64(st, 5, student_id);
	sqlite3_bind_int64(st, 6, school_id);
	return zh_sq_exec_done(db, st);
}
