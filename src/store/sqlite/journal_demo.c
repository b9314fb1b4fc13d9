/* journal_demo.c: reads and inserts of the demo journal (SQLite); see store/journal_demo.h */
#include "store/journal_demo.h"
#include "store/sqlite/sq.h"

#include <stdio.h>
#include <string.h>

static void copy_date(char out[11], sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	snprintf(out, 11, "%s", s ? s : "");
}

static const char *text_or_empty(struct zh_arena *a, sqlite3_stmt *st, int col)
{
	const char *s = zh_sq_text(a, st, col);
	return s ? s : "";
}

enum zh_err zh_store_jd_school(struct zh_db *db, struct zh_arena *a, const char *date, struct zh_jd_school *out)
{
	static const char sql[] =
		"SELECT s.id, s.timezone, IFNULL(t.mark_min, 2), IFNULL(t.mark_max, 5),"
		" IFNULL(t.averaging, 'weighted') = 'weighted', IFNULL(t.round_threshold, 0.5),"
		" (SELECT y.id FROM academic_years y WHERE y.school_id = s.id AND y.start_date <= ?1"
		" ORDER BY y.start_date DESC LIMIT 1)"
		" FROM schools s LEFT JOIN school_settings t ON t.school_id = s.id ORDER BY s.id LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, date);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->timezone = text_or_empty(a, st, 1);
	out->mark_min = sqlite3_column_int(st, 2);
	out->mark_max = sqlite3_column_int(st, 3);
	out->weighted = sqlite3_column_int(st, 4) != 0;
	out->round_threshold = sqlite3_column_double(st, 5);
	out->year_id = sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	return out->year_id ? ZH_OK : ZH_ENOTFOUND;
}

enum zh_err zh_store_jd_lessons(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				const char *to, struct zh_jd_lesson **rows, size_t *n)
{
	static const char sql[] =
		"SELECT l.id, l.period_id, l.class_id, IFNULL(l.subgroup_id, 0), l.subject_id,"
		" IFNULL((SELECT u.id FROM lesson_changes ch JOIN users u ON u.person_id = ch.substitute_id"
		"   WHERE ch.lesson_id = l.id AND ch.kind = 'substitution' ORDER BY ch.id DESC LIMIT 1),"
		"  (SELECT u.id FROM users u WHERE u.person_id = l.teacher_id)),"
		" (SELECT u.id FROM users u WHERE u.person_id = c.class_teacher_id),"
		" c.grade, l.lesson_number, l.date, l.topic, l.homework,"
		" (SELECT u.id FROM users u WHERE u.person_id = l.teacher_id)"
		" FROM lessons l JOIN classes c ON c.id = l.class_id"
		" WHERE l.school_id = ?1 AND c.year_id = ?2 AND l.status = 'planned' AND l.date <= ?3"
		" ORDER BY l.class_id, l.subject_id, IFNULL(l.subgroup_id, 0), l.date, l.lesson_number, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	zh_sq_bind_text(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jd_lesson *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->period_id = sqlite3_column_int64(st, 1);
		r->class_id = sqlite3_column_int64(st, 2);
		r->subgroup_id = sqlite3_column_int64(st, 3);
		r->subject_id = sqlite3_column_int64(st, 4);
		r->teacher_user = sqlite3_column_int64(st, 5);
		r->class_teacher_user = sqlite3_column_int64(st, 6);
		r->grade = sqlite3_column_int(st, 7);
		r->number = sqlite3_column_int(st, 8);
		copy_date(r->date, st, 9);
		r->topic = text_or_empty(a, st, 10);
		r->homework = text_or_empty(a, st, 11);
		r->own_user = sqlite3_column_int64(st, 12);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err members(struct zh_db *db, struct zh_arena *a, const char *sql, int64_t school_id,
			   int64_t year_id, struct zh_jd_member **rows, size_t *n)
{
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jd_member *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->group_id = sqlite3_column_int64(st, 0);
		r->student_id = sqlite3_column_int64(st, 1);
		copy_date(r->from, st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_jd_class_members(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				      struct zh_jd_member **rows, size_t *n)
{
	static const char sql[] =
		"SELECT cs.class_id, cs.student_id, IFNULL(s.enrolled_on, '')"
		" FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" JOIN students s ON s.school_id = cs.school_id AND s.person_id = cs.student_id"
		" WHERE cs.school_id = ?1 AND c.year_id = ?2 AND s.status = 'enrolled'"
		" ORDER BY cs.class_id, cs.student_id";
	return members(db, a, sql, school_id, year_id, rows, n);
}

enum zh_err zh_store_jd_subgroup_members(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t year_id, struct zh_jd_member **rows, size_t *n)
{
	static const char sql[] =
		"SELECT ss.subgroup_id, ss.student_id, IFNULL(s.enrolled_on, '')"
		" FROM subgroup_students ss JOIN subgroups g ON g.id = ss.subgroup_id"
		" JOIN classes c ON c.id = g.class_id"
		" JOIN students s ON s.school_id = ss.school_id AND s.person_id = ss.student_id"
		" WHERE ss.school_id = ?1 AND c.year_id = ?2 AND s.status = 'enrolled'"
		" ORDER BY ss.subgroup_id, ss.student_id";
	return members(db, a, sql, school_id, year_id, rows, n);
}

static enum zh_err named(struct zh_db *db, struct zh_arena *a, const char *sql, int64_t school_id,
			 struct zh_jd_named **rows, size_t *n)
{
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jd_named *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = text_or_empty(a, st, 1);
		r->weight = sqlite3_column_double(st, 2);
		r->pass_fail = sqlite3_column_int(st, 3) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_jd_work_types(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   struct zh_jd_named **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, name, weight, 0 FROM work_types WHERE school_id = ?1 AND archived = 0 ORDER BY id";
	return named(db, a, sql, school_id, rows, n);
}

enum zh_err zh_store_jd_subjects(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 struct zh_jd_named **rows, size_t *n)
{
	static const char sql[] = "SELECT id, name, 0, pass_fail FROM subjects WHERE school_id = ?1 ORDER BY id";
	return named(db, a, sql, school_id, rows, n);
}

enum zh_err zh_store_jd_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				struct zh_jd_period **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, start_date, end_date FROM periods WHERE school_id = ?1 AND year_id = ?2 ORDER BY id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jd_period *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		copy_date(r->start, st, 1);
		copy_date(r->end, st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- writes ---- */

enum zh_err zh_store_jd_lesson_content(struct zh_db *db, int64_t lesson_id, const char *topic, const char *homework)
{
	static const char sql[] = "UPDATE lessons SET topic = ?2, homework = ?3 WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	zh_sq_bind_text(st, 2, topic);
	zh_sq_bind_text(st, 3, homework);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_jd_homework_individual(struct zh_db *db, int64_t school_id, int64_t lesson_id,
					    int64_t student_id, const char *text)
{
	static const char sql[] =
		"INSERT INTO homework_individual(school_id, lesson_id, student_id, text) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, lesson_id);
	sqlite3_bind_int64(st, 3, student_id);
	zh_sq_bind_text(st, 4, text);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_jd_assignment(struct zh_db *db, const struct zh_jd_assignment *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO assignments(school_id, lesson_id, work_type_id, weight, description, position,"
		" created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->school_id);
	sqlite3_bind_int64(st, 2, r->lesson_id);
	sqlite3_bind_int64(st, 3, r->work_type_id);
	sqlite3_bind_double(st, 4, r->weight);
	zh_sq_bind_text(st, 5, r->description ? r->description : "");
	sqlite3_bind_int(st, 6, r->position);
	zh_sq_bind_id(st, 7, r->created_by);
	sqlite3_bind_int64(st, 8, r->created_at);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_jd_mark(struct zh_db *db, const struct zh_jd_mark *r)
{
	static const char sql[] =
		"INSERT INTO marks(school_id, lesson_id, assignment_id, student_id, kind, value, comment,"
		" created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?10)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->school_id);
	sqlite3_bind_int64(st, 2, r->lesson_id);
	sqlite3_bind_int64(st, 3, r->assignment_id);
	sqlite3_bind_int64(st, 4, r->student_id);
	zh_sq_bind_text(st, 5, r->kind);
	if (strcmp(r->kind, "mark") == 0)
		sqlite3_bind_int(st, 6, r->value);
	else
		sqlite3_bind_null(st, 6);
	zh_sq_bind_text(st, 7, r->comment ? r->comment : "");
	zh_sq_bind_id(st, 8, r->created_by);
	sqlite3_bind_int64(st, 9, r->created_at);
	sqlite3_bind_int64(st, 10, r->updated_at ? r->updated_at : r->created_at);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_jd_attendance(struct zh_db *db, const struct zh_jd_attendance *r)
{
	static const char sql[] =
		"INSERT INTO attendance(school_id, lesson_id, student_id, code, reason, comment, updated_by, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->school_id);
	sqlite3_bind_int64(st, 2, r->lesson_id);
	sqlite3_bind_int64(st, 3, r->student_id);
	zh_sq_bind_text(st, 4, r->code);
	if (r->reason)
		zh_sq_bind_text(st, 5, r->reason);
	else
		sqlite3_bind_null(st, 5);
	zh_sq_bind_text(st, 6, r->comment ? r->comment : "");
	zh_sq_bind_id(st, 7, r->updated_by);
	sqlite3_bind_int64(st, 8, r->updated_at);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_jd_final(struct zh_db *db, const struct zh_jd_final *r)
{
	static const char sql[] =
		"INSERT INTO final_marks(school_id, year_id, student_id, subject_id, kind, period_id, value, code,"
		" created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, 'period', ?5, ?6, ?7, ?8, ?9, ?8, ?9)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->school_id);
	sqlite3_bind_int64(st, 2, r->year_id);
	sqlite3_bind_int64(st, 3, r->student_id);
	sqlite3_bind_int64(st, 4, r->subject_id);
	sqlite3_bind_int64(st, 5, r->period_id);
	if (r->value) {
		sqlite3_bind_int(st, 6, r->value);
		sqlite3_bind_null(st, 7);
	} else {
		sqlite3_bind_null(st, 6);
		zh_sq_bind_text(st, 7, r->code);
	}
	zh_sq_bind_id(st, 8, r->created_by);
	sqlite3_bind_int64(st, 9, r->created_at);
	return zh_sq_exec_done(db, st);
}
