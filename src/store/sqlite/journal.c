/* journal.c: SQLite statements of the journal grid (see store/journal.h) */
#include "store/journal.h"

#include "store/sqlite/sq.h"

static enum zh_err done(struct zh_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define FULL_NAME(p) p ".last_name || ' ' || " p ".first_name || CASE WHEN " p ".middle_name <> '' THEN ' ' || " p ".middle_name ELSE '' END"

/* ---- the list of journals ---- */

enum zh_err zh_store_jr_list(struct zh_db *db, struct zh_arena *a, const struct zh_jr_list_filter *f,
			     struct zh_jr_item **rows, size_t *n)
{
	static const char sql[] =
		"SELECT c.id, c.name, c.grade, IFNULL(t.subgroup_id, 0), g.name, t.subject_id, s.name,"
		" p.id, p.name, p.start_date, p.end_date, t.teacher_id, " FULL_NAME("tp") ","
		" EXISTS (SELECT 1 FROM teacher_load t2 WHERE t2.teacher_id = ?7 AND t2.class_id = t.class_id"
		"  AND t2.subject_id = t.subject_id)"
		" FROM teacher_load t JOIN classes c ON c.id = t.class_id"
		" JOIN subjects s ON s.id = t.subject_id"
		" JOIN persons tp ON tp.id = t.teacher_id"
		" LEFT JOIN subgroups g ON g.id = t.subgroup_id"
		" JOIN year_period_kinds k ON k.year_id = c.year_id AND c.grade BETWEEN k.grade_from AND k.grade_to"
		" JOIN periods p ON p.year_id = c.year_id AND p.kind = k.kind"
		" WHERE t.school_id = ?1 AND c.year_id = ?2"
		"  AND (?3 = 0 OR t.teacher_id = ?3 OR c.class_teacher_id = ?3)"
		"  AND (?4 = 0 OR c.id = ?4)"
		"  AND CASE WHEN ?5 <> 0 THEN p.id = ?5 ELSE p.id = (SELECT p2.id FROM periods p2"
		"   WHERE p2.year_id = c.year_id AND p2.kind = k.kind"
		"   ORDER BY p2.start_date <= ?6 DESC, CASE WHEN p2.start_date <= ?6 THEN p2.start_date END DESC,"
		"   p2.start_date LIMIT 1) END"
		" ORDER BY c.grade, c.letter COLLATE ru, s.name COLLATE ru, IFNULL(g.name, '') COLLATE ru,"
		" tp.last_name COLLATE ru, tp.first_name COLLATE ru, t.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, f->school_id);
	sqlite3_bind_int64(st, 2, f->year_id);
	sqlite3_bind_int64(st, 3, f->person_id);
	sqlite3_bind_int64(st, 4, f->class_id);
	sqlite3_bind_int64(st, 5, f->period_id);
	zh_sq_bind_text(st, 6, f->today ? f->today : "");
	sqlite3_bind_int64(st, 7, f->editor_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_item *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->class_id = sqlite3_column_int64(st, 0);
		r->class_name = zh_sq_text(a, st, 1);
		r->grade = sqlite3_column_int(st, 2);
		r->subgroup_id = sqlite3_column_int64(st, 3);
		r->subgroup_name = zh_sq_text(a, st, 4);
		r->subject_id = sqlite3_column_int64(st, 5);
		r->subject_name = zh_sq_text(a, st, 6);
		r->period_id = sqlite3_column_int64(st, 7);
		r->period_name = zh_sq_text(a, st, 8);
		r->start_date = zh_sq_text(a, st, 9);
		r->end_date = zh_sq_text(a, st, 10);
		r->teacher_id = sqlite3_column_int64(st, 11);
		r->teacher_name = zh_sq_text(a, st, 12);
		r->teaches = sqlite3_column_int(st, 13) != 0;
	}
	return done(db, st, rc);
}

enum zh_err zh_store_jr_year_at(struct zh_db *db, int64_t school_id, const char *today, int64_t *year_id)
{
	static const char sql[] =
		"SELECT id FROM academic_years WHERE school_id = ?1"
		" ORDER BY (start_date <= ?2 AND end_date >= ?2) DESC, start_date DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, today);
	if ((e = zh_sq_scalar_id(db, st, year_id)))
		return e;
	return *year_id ? ZH_OK : ZH_ENOTFOUND;
}

/* ---- the frame ---- */

enum zh_err zh_store_jr_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_jr_class *out)
{
	static const char sql[] =
		"SELECT c.id, c.year_id, c.grade, c.name, y.closed FROM classes c"
		" JOIN academic_years y ON y.id = c.year_id WHERE c.id = ?1 AND c.school_id = ?2";
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
	out->year_closed = sqlite3_column_int(st, 4) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_jr_subject(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				const char **name, bool *pass_fail)
{
	static const char sql[] = "SELECT name, pass_fail FROM subjects WHERE id = ?1 AND school_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*name = zh_sq_text(a, st, 0);
	*pass_fail = sqlite3_column_int(st, 1) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_jr_period(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_jr_period *out)
{
	static const char sql[] =
		"SELECT id, year_id, name, start_date, end_date FROM periods WHERE id = ?1 AND school_id = ?2";
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
	out->name = zh_sq_text(a, st, 2);
	out->start_date = zh_sq_text(a, st, 3);
	out->end_date = zh_sq_text(a, st, 4);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_jr_subgroup(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				 int64_t *class_id, int64_t *subject_id, const char **name)
{
	static const char sql[] = "SELECT class_id, subject_id, name FROM subgroups WHERE id = ?1 AND school_id = ?2";
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
	*name = zh_sq_text(a, st, 2);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_jr_lesson_frame(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				     int64_t *class_id, int64_t *subject_id, int64_t *period_id,
				     int64_t *subgroup_id, const char **date)
{
	static const char sql[] =
		"SELECT class_id, subject_id, period_id, IFNULL(subgroup_id, 0), date FROM lessons"
		" WHERE id = ?1 AND school_id = ?2";
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
	*period_id = sqlite3_column_int64(st, 2);
	*subgroup_id = sqlite3_column_int64(st, 3);
	*date = zh_sq_text(a, st, 4);
	sqlite3_reset(st);
	return ZH_OK;
}

/* ---- the grid's data ---- */

/* The journal's lessons (alias l): the index lessons_class_subject_period serves class and subject. */
#define LWHERE                                                                                       \
	" l.class_id = ?2 AND l.subject_id = ?3 AND l.school_id = ?1 AND l.date BETWEEN ?4 AND ?5"     \
	" AND (?6 = 0 OR l.subgroup_id IS NULL OR l.subgroup_id = ?6) AND (?7 = 0 OR l.id = ?7)"

static sqlite3_stmt *prep_filtered(struct zh_db *db, const char *sql, const struct zh_jr_filter *f)
{
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, f->school_id);
	sqlite3_bind_int64(st, 2, f->class_id);
	sqlite3_bind_int64(st, 3, f->subject_id);
	zh_sq_bind_text(st, 4, f->from);
	zh_sq_bind_text(st, 5, f->to);
	sqlite3_bind_int64(st, 6, f->subgroup_id);
	sqlite3_bind_int64(st, 7, f->lesson_id);
	return st;
}

static enum zh_err q_lessons(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f,
			     struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT l.id, l.date, l.lesson_number, l.status, l.flagged, l.topic, l.homework, l.teacher_id,"
		" " FULL_NAME("tp") ", IFNULL(x.substitute_id, 0), " FULL_NAME("sp") " FROM lessons l"
		" JOIN persons tp ON tp.id = l.teacher_id"
		" LEFT JOIN lesson_changes x ON x.id = (SELECT MAX(x2.id) FROM lesson_changes x2"
		"  WHERE x2.lesson_id = l.id AND x2.kind = 'substitution')"
		" LEFT JOIN persons sp ON sp.id = x.substitute_id"
		" WHERE" LWHERE " ORDER BY l.date, l.lesson_number, l.id";
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_lesson *r = ZH_SQ_PUSH(a, d->lessons, d->nlessons, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->date = zh_sq_text(a, st, 1);
		r->number = sqlite3_column_int(st, 2);
		r->status = zh_sq_text(a, st, 3);
		r->flagged = sqlite3_column_int(st, 4) != 0;
		r->topic = zh_sq_text(a, st, 5);
		r->homework = zh_sq_text(a, st, 6);
		r->teacher_id = sqlite3_column_int64(st, 7);
		r->teacher_name = zh_sq_text(a, st, 8);
		r->substitute_id = sqlite3_column_int64(st, 9);
		r->substitute_name = zh_sq_text(a, st, 10);
	}
	return done(db, st, rc);
}

static enum zh_err q_assignments(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f,
				 struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT s.id, s.lesson_id, s.work_type_id, s.weight, w.name, w.short_name, s.description, s.due_date"
		" FROM lessons l JOIN assignments s ON s.lesson_id = l.id JOIN work_types w ON w.id = s.work_type_id"
		" WHERE" LWHERE " ORDER BY l.date, l.lesson_number, l.id, s.position, s.id";
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_assignment *r = ZH_SQ_PUSH(a, d->assignments, d->nassignments, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->work_type_id = sqlite3_column_int64(st, 2);
		r->weight = sqlite3_column_double(st, 3);
		r->work_type = zh_sq_text(a, st, 4);
		r->short_name = zh_sq_text(a, st, 5);
		r->description = zh_sq_text(a, st, 6);
		r->due_date = zh_sq_text(a, st, 7);
	}
	return done(db, st, rc);
}

static enum zh_err q_marks(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f, struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT m.id, m.lesson_id, m.assignment_id, m.student_id, m.kind, IFNULL(m.value, 0), m.comment, s.weight"
		" FROM lessons l JOIN marks m ON m.lesson_id = l.id JOIN assignments s ON s.id = m.assignment_id"
		" WHERE" LWHERE;
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_mark *r = ZH_SQ_PUSH(a, d->marks, d->nmarks, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->assignment_id = sqlite3_column_int64(st, 2);
		r->student_id = sqlite3_column_int64(st, 3);
		r->kind = zh_sq_text(a, st, 4);
		r->value = sqlite3_column_int(st, 5);
		r->comment = zh_sq_text(a, st, 6);
		r->weight = sqlite3_column_double(st, 7);
	}
	return done(db, st, rc);
}

static enum zh_err q_attendance(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f,
				struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT t.lesson_id, t.student_id, t.code, t.reason"
		" FROM lessons l JOIN attendance t ON t.lesson_id = l.id WHERE" LWHERE;
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_att *r = ZH_SQ_PUSH(a, d->attendance, d->nattendance, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->student_id = sqlite3_column_int64(st, 1);
		r->code = zh_sq_text(a, st, 2);
		r->reason = zh_sq_text(a, st, 3);
	}
	return done(db, st, rc);
}

static enum zh_err q_ihw(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f, struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT h.lesson_id, h.student_id, h.text"
		" FROM lessons l JOIN homework_individual h ON h.lesson_id = l.id WHERE" LWHERE " ORDER BY h.id";
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_ihw *r = ZH_SQ_PUSH(a, d->ihw, d->nihw, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->student_id = sqlite3_column_int64(st, 1);
		r->text = zh_sq_text(a, st, 2);
	}
	return done(db, st, rc);
}

static enum zh_err q_files(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f, struct zh_jr_data *d)
{
	static const char sql[] =
		"SELECT h.id, h.lesson_id, IFNULL(h.student_id, 0), h.size, h.name, h.mime"
		" FROM lessons l JOIN homework_files h ON h.lesson_id = l.id WHERE" LWHERE " ORDER BY h.id";
	sqlite3_stmt *st = prep_filtered(db, sql, f);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_file *r = ZH_SQ_PUSH(a, d->files, d->nfiles, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->student_id = sqlite3_column_int64(st, 2);
		r->size = sqlite3_column_int64(st, 3);
		r->name = zh_sq_text(a, st, 4);
		r->mime = zh_sq_text(a, st, 5);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_jr_data(struct zh_db *db, struct zh_arena *a, const struct zh_jr_filter *f,
			     struct zh_jr_data *out)
{
	enum zh_err e;
	*out = (struct zh_jr_data){ 0 };
	if ((e = q_lessons(db, a, f, out)))
		return e;
	if (!out->nlessons)
		return ZH_OK;
	if ((e = q_assignments(db, a, f, out)) || (e = q_marks(db, a, f, out)) || (e = q_attendance(db, a, f, out)) ||
	    (e = q_ihw(db, a, f, out)) || (e = q_files(db, a, f, out)))
		return e;
	return ZH_OK;
}

enum zh_err zh_store_jr_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 int64_t subgroup_id, struct zh_jr_student **rows, size_t *n)
{
	static const char sql_class[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name FROM class_students cs"
		" JOIN persons p ON p.id = cs.student_id WHERE cs.class_id = ?1 AND cs.school_id = ?2"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	static const char sql_group[] =
		"SELECT p.id, p.last_name, p.first_name, p.middle_name FROM subgroup_students gs"
		" JOIN class_students cs ON cs.class_id = ?1 AND cs.student_id = gs.student_id"
		" JOIN persons p ON p.id = gs.student_id WHERE gs.subgroup_id = ?3 AND gs.school_id = ?2"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	sqlite3_stmt *st = zh_sq_prep(db, subgroup_id ? sql_group : sql_class);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	if (subgroup_id)
		sqlite3_bind_int64(st, 3, subgroup_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_student *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->last_name = zh_sq_text(a, st, 1);
		r->first_name = zh_sq_text(a, st, 2);
		r->middle_name = zh_sq_text(a, st, 3);
	}
	return done(db, st, rc);
}

enum zh_err zh_store_jr_period_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t subject_id,
				     int64_t period_id, struct zh_jr_final **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, student_id, IFNULL(value, 0), code FROM final_marks"
		" WHERE period_id = ?1 AND subject_id = ?2 AND school_id = ?3 AND kind = 'period'";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, period_id);
	sqlite3_bind_int64(st, 2, subject_id);
	sqlite3_bind_int64(st, 3, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_jr_final *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->student_id = sqlite3_column_int64(st, 1);
		r->value = sqlite3_column_int(st, 2);
		r->code = zh_sq_text(a, st, 3);
	}
	return done(db, st, rc);
}
