/* finals.c: SQLite statements of period, year, exam and final marks, their history and the
 * overdue list (M-09) */
#include "store/finals.h"
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

enum zh_err zh_store_fin_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			       struct zh_fin_class *out)
{
	static const char sql[] =
		"SELECT c.id, c.year_id, ifnull(c.class_teacher_id, 0), c.name, c.grade, y.closed,"
		" ifnull((SELECT k.kind FROM year_period_kinds k WHERE k.year_id = c.year_id"
		"   AND c.grade BETWEEN k.grade_from AND k.grade_to ORDER BY k.grade_from LIMIT 1),"
		"  CASE WHEN c.grade >= 10 THEN 'half' ELSE 'quarter' END)"
		" FROM classes c JOIN academic_years y ON y.id = c.year_id WHERE c.id = ? AND c.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->year_id = sqlite3_column_int64(st, 1);
	out->class_teacher_id = sqlite3_column_int64(st, 2);
	out->name = zh_sq_text(a, st, 3);
	out->grade = sqlite3_column_int(st, 4);
	out->year_closed = sqlite3_column_int(st, 5) != 0;
	out->period_kind = zh_sq_text(a, st, 6);
	sqlite3_reset(st);
	return out->name && out->period_kind ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_fin_subject(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t subject_id,
				 struct zh_fin_subject *out)
{
	static const char sql[] = "SELECT id, name, pass_fail FROM subjects WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, subject_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->name = zh_sq_text(a, st, 1);
	out->pass_fail = sqlite3_column_int(st, 2) != 0;
	sqlite3_reset(st);
	return out->name ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_fin_subgroup(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				  int64_t subject_id, int64_t subgroup_id, const char **name)
{
	static const char sql[] =
		"SELECT name FROM subgroups WHERE id = ? AND school_id = ? AND class_id = ? AND subject_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, subgroup_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, class_id);
	sqlite3_bind_int64(st, 4, subject_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return *name ? ZH_OK : ZH_ENOMEM;
}

static void period_cols(struct zh_arena *a, sqlite3_stmt *st, int c0, struct zh_fin_period *p)
{
	p->id = sqlite3_column_int64(st, c0);
	p->number = sqlite3_column_int(st, c0 + 1);
	p->kind = zh_sq_text(a, st, c0 + 2);
	p->name = zh_sq_text(a, st, c0 + 3);
	p->start_date = zh_sq_text(a, st, c0 + 4);
	p->end_date = zh_sq_text(a, st, c0 + 5);
}

enum zh_err zh_store_fin_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t year_id,
				 const char *kind, struct zh_fin_period **rows, size_t *n)
{
	static const char sql[] = "SELECT id, number, kind, name, start_date, end_date FROM periods"
				  " WHERE school_id = ? AND year_id = ? AND kind = ? ORDER BY number";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	zh_sq_bind_text(st, 3, kind);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_period *p = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(p, st);
		period_cols(a, st, 0, p);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_fin_period(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				int64_t *year_id, struct zh_fin_period *out)
{
	static const char sql[] = "SELECT id, number, kind, name, start_date, end_date, year_id FROM periods"
				  " WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	period_cols(a, st, 0, out);
	*year_id = sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_fin_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				  int64_t subgroup_id, struct zh_fin_student **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.last_name || ' ' || p.first_name,"
		" trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name)"
		" FROM class_students cs JOIN persons p ON p.id = cs.student_id"
		" WHERE cs.class_id = ?1 AND cs.school_id = ?2 AND (?3 = 0 OR EXISTS (SELECT 1 FROM subgroup_students ss"
		"   WHERE ss.subgroup_id = ?3 AND ss.student_id = cs.student_id))"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, subgroup_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_student *s = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(s, st);
		s->id = sqlite3_column_int64(st, 0);
		s->name = zh_sq_text(a, st, 1);
		s->full_name = zh_sq_text(a, st, 2);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_fin_current(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 int64_t subject_id, int64_t year_id, const char *kind, struct zh_fin_cur **rows,
				 size_t *n)
{
	static const char sql[] =
		"SELECT m.student_id, p.id, m.value, asg.weight"
		" FROM lessons l JOIN marks m ON m.lesson_id = l.id AND m.kind = 'mark'"
		" JOIN assignments asg ON asg.id = m.assignment_id"
		" JOIN periods p ON p.year_id = ?4 AND p.kind = ?5 AND l.date BETWEEN p.start_date AND p.end_date"
		" WHERE l.class_id = ?1 AND l.subject_id = ?2 AND l.school_id = ?3 AND l.status = 'planned'"
		" ORDER BY m.student_id, l.date, l.lesson_number, m.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, subject_id);
	sqlite3_bind_int64(st, 3, school_id);
	sqlite3_bind_int64(st, 4, year_id);
	zh_sq_bind_text(st, 5, kind);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_cur *m = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(m, st);
		m->student_id = sqlite3_column_int64(st, 0);
		m->period_id = sqlite3_column_int64(st, 1);
		m->value = sqlite3_column_int(st, 2);
		m->weight = sqlite3_column_double(st, 3);
	}
	return finish(db, st, rc);
}

#define MARK_COLS "f.id, f.student_id, f.subject_id, f.year_id, ifnull(f.period_id, 0), f.kind, f.code, f.comment, ifnull(f.value, 0)"
static void mark_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_fin_mark *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->student_id = sqlite3_column_int64(st, 1);
	m->subject_id = sqlite3_column_int64(st, 2);
	m->year_id = sqlite3_column_int64(st, 3);
	m->period_id = sqlite3_column_int64(st, 4);
	m->kind = zh_sq_text(a, st, 5);
	m->code = zh_sq_text(a, st, 6);
	m->comment = zh_sq_text(a, st, 7);
	m->value = sqlite3_column_int(st, 8);
}

enum zh_err zh_store_fin_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			       int64_t subject_id, int64_t year_id, struct zh_fin_mark **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " MARK_COLS " FROM class_students cs JOIN final_marks f ON f.student_id = cs.student_id"
		" WHERE cs.class_id = ?1 AND cs.school_id = ?2 AND f.subject_id = ?3 AND f.year_id = ?4"
		" ORDER BY f.student_id, f.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, subject_id);
	sqlite3_bind_int64(st, 4, year_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_mark *m = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(m, st);
		mark_cols(a, st, m);
	}
	return finish(db, st, rc);
}

static void bind_value(sqlite3_stmt *st, int i, const struct zh_fin_mark *m)
{
	if (m->code) {
		sqlite3_bind_null(st, i);
		zh_sq_bind_text(st, i + 1, m->code);
	} else {
		sqlite3_bind_int(st, i, m->value);
		sqlite3_bind_null(st, i + 1);
	}
}

enum zh_err zh_store_fin_insert(struct zh_db *db, int64_t school_id, const struct zh_fin_mark *m, int64_t by,
				int64_t now, int64_t *id)
{
	static const char sql[] =
		/* final_marks.id is AUTOINCREMENT: a removed mark's id (its history's key) is never reused */
		"INSERT INTO final_marks(school_id, year_id, student_id, subject_id, kind, period_id, value, code,"
		" comment, created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, m->year_id);
	sqlite3_bind_int64(st, 3, m->student_id);
	sqlite3_bind_int64(st, 4, m->subject_id);
	zh_sq_bind_text(st, 5, m->kind);
	zh_sq_bind_id(st, 6, m->period_id);
	bind_value(st, 7, m);
	zh_sq_bind_text(st, 9, m->comment ? m->comment : "");
	zh_sq_bind_id(st, 10, by);
	sqlite3_bind_int64(st, 11, now);
	zh_sq_bind_id(st, 12, by);
	sqlite3_bind_int64(st, 13, now);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_fin_update(struct zh_db *db, int64_t school_id, const struct zh_fin_mark *m, int64_t by,
				int64_t now)
{
	static const char sql[] = "UPDATE final_marks SET value = ?, code = ?, comment = ?, updated_by = ?,"
				  " updated_at = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_value(st, 1, m);
	zh_sq_bind_text(st, 3, m->comment ? m->comment : "");
	zh_sq_bind_id(st, 4, by);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, m->id);
	sqlite3_bind_int64(st, 7, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_fin_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char sql[] = "DELETE FROM final_marks WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_fin_codes(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char ***codes,
			       size_t *n)
{
	static const char sql[] = "SELECT code FROM mark_codes WHERE school_id = ? ORDER BY id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	*codes = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char **c = ZH_SQ_PUSH(a, *codes, *n, cap);
		OOM_IF(c, st);
		*c = zh_sq_text(a, st, 0);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_fin_hist_insert(struct zh_db *db, int64_t school_id, const struct zh_fin_hist *h)
{
	static const char sql[] =
		"INSERT INTO journal_history(school_id, entity, entity_id, lesson_id, student_id, subject_id, user_id,"
		" unlock_id, at, old_value, new_value) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, h->entity);
	sqlite3_bind_int64(st, 3, h->entity_id);
	zh_sq_bind_id(st, 4, h->lesson_id);
	zh_sq_bind_id(st, 5, h->student_id);
	zh_sq_bind_id(st, 6, h->subject_id);
	zh_sq_bind_id(st, 7, h->user_id);
	zh_sq_bind_id(st, 8, h->unlock_id);
	sqlite3_bind_int64(st, 9, h->at);
	zh_sq_bind_text(st, 10, h->old_value);
	zh_sq_bind_text(st, 11, h->new_value);
	return zh_sq_insert_id(db, st, NULL);
}

enum zh_err zh_store_fin_hist_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char *entity,
				   int64_t entity_id, int64_t student_id, struct zh_fin_hist **rows, size_t *n)
{
	static const char sql[] =
		"SELECT h.id, h.entity_id, ifnull(h.lesson_id, 0), ifnull(h.student_id, 0), ifnull(h.subject_id, 0),"
		" ifnull(h.user_id, 0), ifnull(h.unlock_id, 0), h.at, h.entity,"
		" (SELECT p.last_name || ' ' || p.first_name || ' ' || p.middle_name FROM users u"
		"   JOIN persons p ON p.id = u.person_id WHERE u.id = h.user_id), h.old_value, h.new_value"
		" FROM journal_history h WHERE h.school_id = ?1 AND h.entity = ?2 AND h.entity_id = ?3"
		" AND (?4 = 0 OR h.student_id = ?4) ORDER BY h.at, h.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, entity);
	sqlite3_bind_int64(st, 3, entity_id);
	sqlite3_bind_int64(st, 4, student_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_hist *h = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(h, st);
		h->id = sqlite3_column_int64(st, 0);
		h->entity_id = sqlite3_column_int64(st, 1);
		h->lesson_id = sqlite3_column_int64(st, 2);
		h->student_id = sqlite3_column_int64(st, 3);
		h->subject_id = sqlite3_column_int64(st, 4);
		h->user_id = sqlite3_column_int64(st, 5);
		h->unlock_id = sqlite3_column_int64(st, 6);
		h->at = sqlite3_column_int64(st, 7);
		h->entity = zh_sq_text(a, st, 8);
		h->user_name = zh_sq_text(a, st, 9);
		h->old_value = zh_sq_text(a, st, 10);
		h->new_value = zh_sq_text(a, st, 11);
	}
	return finish(db, st, rc);
}

/* One statement: every teacher-load journal of the period's classes with its student count and
 * the number of those students without a period mark in that subject. */
enum zh_err zh_store_fin_overdue(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				 struct zh_fin_overdue **rows, size_t *n)
{
	static const char sql[] =
		"SELECT * FROM (SELECT tl.class_id, tl.subject_id, tl.teacher_id, ifnull(tl.subgroup_id, 0), c.name,"
		"  s.name, trim(pe.last_name || ' ' || pe.first_name || ' ' || pe.middle_name), sg.name,"
		"  (SELECT count(*) FROM class_students cs WHERE cs.class_id = tl.class_id AND (tl.subgroup_id IS NULL"
		"    OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = tl.subgroup_id"
		"      AND ss.student_id = cs.student_id))) AS students,"
		"  (SELECT count(*) FROM class_students cs WHERE cs.class_id = tl.class_id AND (tl.subgroup_id IS NULL"
		"    OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = tl.subgroup_id"
		"      AND ss.student_id = cs.student_id))"
		"    AND NOT EXISTS (SELECT 1 FROM final_marks f WHERE f.student_id = cs.student_id"
		"      AND f.subject_id = tl.subject_id AND f.kind = 'period' AND f.period_id = p.id)) AS missing,"
		"  c.grade AS grade, c.name AS cname, s.name AS sname"
		" FROM periods p JOIN teacher_load tl ON tl.year_id = p.year_id AND tl.school_id = p.school_id"
		" JOIN classes c ON c.id = tl.class_id AND c.grade > 1"
		" JOIN year_period_kinds k ON k.year_id = p.year_id AND c.grade BETWEEN k.grade_from AND k.grade_to"
		"   AND k.kind = p.kind"
		" JOIN subjects s ON s.id = tl.subject_id"
		" JOIN persons pe ON pe.id = tl.teacher_id"
		" LEFT JOIN subgroups sg ON sg.id = tl.subgroup_id"
		" WHERE p.id = ?1 AND p.school_id = ?2)"
		" WHERE missing > 0 ORDER BY grade, cname COLLATE ru, sname COLLATE ru, 4";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, period_id);
	sqlite3_bind_int64(st, 2, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_fin_overdue *o = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(o, st);
		o->class_id = sqlite3_column_int64(st, 0);
		o->subject_id = sqlite3_column_int64(st, 1);
		o->teacher_id = sqlite3_column_int64(st, 2);
		o->subgroup_id = sqlite3_column_int64(st, 3);
		o->class_name = zh_sq_text(a, st, 4);
		o->subject_name = zh_sq_text(a, st, 5);
		o->teacher_name = zh_sq_text(a, st, 6);
		o->subgroup_name = zh_sq_text(a, st, 7);
		o->students = sqlite3_column_int64(st, 8);
		o->missing = sqlite3_column_int64(st, 9);
	}
	return finish(db, st, rc);
}
