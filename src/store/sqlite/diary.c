/* diary.c: SQLite statements of the electronic diary (M-10): one statement per part of a week
 * or period, never one per day or lesson. */
#include "store/diary.h"
#include "store/sqlite/sq.h"

#include <string.h>

#define PNAME(p) p ".last_name || ' ' || " p ".first_name || CASE WHEN " p ".middle_name <> '' THEN ' ' || " p ".middle_name ELSE '' END"

/* The lessons of a student (?1 class, ?2 student, ?3 from, ?4 to): whole-class lessons and the
 * subgroups the student belongs to. */
#define OWN_LESSONS \
	" l.class_id = ?1 AND l.date BETWEEN ?3 AND ?4 AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1" \
	" FROM subgroup_students ss WHERE ss.subgroup_id = l.subgroup_id AND ss.student_id = ?2))"

static void bind_own(sqlite3_stmt *st, const struct zh_dy_student *s, const char *from, const char *to)
{
	sqlite3_bind_int64(st, 1, s->class_id);
	sqlite3_bind_int64(st, 2, s->id);
	zh_sq_bind_text(st, 3, from);
	zh_sq_bind_text(st, 4, to);
}

/* ---- students ---- */

#define STUDENT_COLS \
	"p.id, p.last_name, p.first_name, p.middle_name, c.id, c.year_id, c.name, c.grade, c.shift," \
	" (st.status = 'enrolled' OR st.left_on >= ?3)," \
	" IFNULL((SELECT bs.id FROM bell_schedules bs WHERE bs.school_id = c.school_id AND bs.shift = c.shift" \
	"  ORDER BY bs.is_default DESC, bs.id LIMIT 1), 0)"

static void student_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_dy_student *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->last_name = zh_sq_text(a, st, 1);
	r->first_name = zh_sq_text(a, st, 2);
	r->middle_name = zh_sq_text(a, st, 3);
	r->class_id = sqlite3_column_int64(st, 4);
	r->year_id = sqlite3_column_int64(st, 5);
	r->class_name = zh_sq_text(a, st, 6);
	r->grade = sqlite3_column_int(st, 7);
	r->shift = sqlite3_column_int(st, 8);
	r->current = sqlite3_column_int(st, 9) != 0;
	r->bell_schedule_id = sqlite3_column_int64(st, 10);
}

enum zh_err zh_store_dy_children(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 const char *today, struct zh_dy_student **rows, size_t *n)
{
	/* each child once, with the class of the year containing today (else the latest) */
	static const char sql[] =
		"SELECT " STUDENT_COLS " FROM parent_links pl JOIN persons p ON p.id = pl.child_id"
		" JOIN students st ON st.school_id = pl.school_id AND st.person_id = pl.child_id"
		" JOIN classes c ON c.id = (SELECT cs.class_id FROM class_students cs JOIN classes c2 ON c2.id = cs.class_id"
		"  JOIN academic_years y ON y.id = c2.year_id WHERE cs.student_id = p.id AND cs.school_id = ?1"
		"  ORDER BY (y.start_date <= ?3 AND y.end_date >= ?3) DESC, y.start_date DESC LIMIT 1)"
		" WHERE pl.school_id = ?1 AND pl.parent_id = ?2"
		" AND (st.left_on IS NULL OR st.status NOT IN ('withdrawn', 'graduated') OR st.left_on >= ?3)"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	zh_sq_bind_text(st, 3, today);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_student *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		student_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_student(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				const char *date, const char *today, struct zh_dy_student *out)
{
	static const char sql[] =
		"SELECT " STUDENT_COLS " FROM persons p"
		" JOIN students st ON st.school_id = ?1 AND st.person_id = p.id"
		" JOIN classes c ON c.id = (SELECT cs.class_id FROM class_students cs JOIN classes c2 ON c2.id = cs.class_id"
		"  JOIN academic_years y ON y.id = c2.year_id WHERE cs.student_id = p.id AND cs.school_id = ?1"
		"  ORDER BY (y.start_date <= ?4 AND y.end_date >= ?4) DESC, y.start_date DESC LIMIT 1)"
		" WHERE p.id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	zh_sq_bind_text(st, 3, today);
	zh_sq_bind_text(st, 4, date);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		student_cols(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

/* ---- the week ---- */

/* the lesson's latest substitution (one lookup per lesson, then the substitute's name by key) */
#define SUBST_JOIN                                                                                     \
	" LEFT JOIN lesson_changes x ON x.id = (SELECT MAX(x2.id) FROM lesson_changes x2"              \
	"  WHERE x2.lesson_id = l.id AND x2.kind = 'substitution')"                                    \
	" LEFT JOIN persons q ON q.id = x.substitute_id"

static enum zh_err week_lessons(struct zh_db *db, struct zh_arena *a, const struct zh_dy_student *s,
				const char *from, const char *to, struct zh_dy_week *w)
{
	static const char sql[] =
		"SELECT l.id, l.date, l.lesson_number, l.subject_id, sj.name, r.name, l.teacher_id, " PNAME("t") ","
		" IFNULL(x.substitute_id, 0), CASE WHEN q.id IS NULL THEN NULL ELSE " PNAME("q") " END,"
		" l.status, l.topic, l.homework, hi.text, b.start_time, b.end_time, at.code, at.reason"
		" FROM lessons l JOIN subjects sj ON sj.id = l.subject_id JOIN persons t ON t.id = l.teacher_id"
		" LEFT JOIN rooms r ON r.id = l.room_id"
		" LEFT JOIN homework_individual hi ON hi.lesson_id = l.id AND hi.student_id = ?2"
		" LEFT JOIN attendance at ON at.lesson_id = l.id AND at.student_id = ?2"
		" LEFT JOIN bells b ON b.schedule_id = ?5 AND b.number = l.lesson_number" SUBST_JOIN
		" WHERE" OWN_LESSONS " ORDER BY l.date, l.lesson_number, l.id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	sqlite3_bind_int64(st, 5, s->bell_schedule_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_lesson *r = ZH_SQ_PUSH(a, w->lessons, w->nlessons, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->date = zh_sq_text(a, st, 1);
		r->number = sqlite3_column_int(st, 2);
		r->subject_id = sqlite3_column_int64(st, 3);
		r->subject = zh_sq_text(a, st, 4);
		r->room = zh_sq_text(a, st, 5);
		r->teacher_id = sqlite3_column_int64(st, 6);
		r->teacher = zh_sq_text(a, st, 7);
		r->substitute_id = sqlite3_column_int64(st, 8);
		r->substitute = zh_sq_text(a, st, 9);
		r->status = zh_sq_text(a, st, 10);
		r->topic = zh_sq_text(a, st, 11);
		r->homework = zh_sq_text(a, st, 12);
		r->ihw = zh_sq_text(a, st, 13);
		r->start = zh_sq_text(a, st, 14);
		r->end = zh_sq_text(a, st, 15);
		r->att_code = zh_sq_text(a, st, 16);
		r->att_reason = zh_sq_text(a, st, 17);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err week_assignments(struct zh_db *db, struct zh_arena *a, const struct zh_dy_student *s,
				    const char *from, const char *to, struct zh_dy_week *w)
{
	static const char sql[] =
		"SELECT g.lesson_id, g.id, w.name, w.short_name, g.weight, g.description, IFNULL(g.due_date, l.date),"
		" IFNULL(m.id, 0), m.kind, IFNULL(m.value, 0), m.comment"
		" FROM lessons l JOIN assignments g ON g.lesson_id = l.id JOIN work_types w ON w.id = g.work_type_id"
		" LEFT JOIN marks m ON m.assignment_id = g.id AND m.student_id = ?2"
		" WHERE" OWN_LESSONS " ORDER BY l.date, l.lesson_number, l.id, g.position, g.id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_assignment *r = ZH_SQ_PUSH(a, w->assignments, w->nassignments, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->id = sqlite3_column_int64(st, 1);
		r->work_type = zh_sq_text(a, st, 2);
		r->short_name = zh_sq_text(a, st, 3);
		r->weight = sqlite3_column_double(st, 4);
		r->description = zh_sq_text(a, st, 5);
		r->due_date = zh_sq_text(a, st, 6);
		r->mark_id = sqlite3_column_int64(st, 7);
		r->mark_kind = zh_sq_text(a, st, 8);
		r->mark_value = sqlite3_column_int(st, 9);
		r->mark_comment = zh_sq_text(a, st, 10);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err week_files(struct zh_db *db, struct zh_arena *a, const struct zh_dy_student *s,
			      const char *from, const char *to, struct zh_dy_week *w)
{
	static const char sql[] =
		"SELECT f.lesson_id, f.id, f.name, f.size FROM lessons l JOIN homework_files f ON f.lesson_id = l.id"
		" AND (f.student_id IS NULL OR f.student_id = ?2)"
		" WHERE" OWN_LESSONS " ORDER BY l.date, l.lesson_number, l.id, f.id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_file *r = ZH_SQ_PUSH(a, w->files, w->nfiles, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->id = sqlite3_column_int64(st, 1);
		r->name = zh_sq_text(a, st, 2);
		r->size = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err week_events(struct zh_db *db, struct zh_arena *a, int64_t school_id, const struct zh_dy_student *s,
			       const char *from, const char *to, struct zh_dy_week *w)
{
	static const char sql[] =
		"SELECT id, date, title, description, start_time, end_time, place, audience FROM events"
		" WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3"
		" AND (audience IN ('school', 'parents') OR (audience = 'class' AND class_id = ?4))"
		" ORDER BY date, start_time, id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, from);
	zh_sq_bind_text(st, 3, to);
	sqlite3_bind_int64(st, 4, s->class_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_event *r = ZH_SQ_PUSH(a, w->events, w->nevents, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->date = zh_sq_text(a, st, 1);
		r->title = zh_sq_text(a, st, 2);
		r->description = zh_sq_text(a, st, 3);
		r->start_time = zh_sq_text(a, st, 4);
		r->end_time = zh_sq_text(a, st, 5);
		r->place = zh_sq_text(a, st, 6);
		r->audience = zh_sq_text(a, st, 7);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

static enum zh_err week_changes(struct zh_db *db, struct zh_arena *a, const struct zh_dy_student *s,
				const char *from, const char *to, struct zh_dy_week *w)
{
	static const char sql[] =
		"SELECT x.id, x.lesson_id, x.kind, l.date, l.lesson_number, sj.name, x.reason,"
		" (SELECT " PNAME("q") " FROM persons q WHERE q.id = x.substitute_id),"
		" (SELECT r.name FROM rooms r WHERE r.id = x.room_id)"
		" FROM lessons l JOIN lesson_changes x ON x.lesson_id = l.id JOIN subjects sj ON sj.id = l.subject_id"
		" WHERE" OWN_LESSONS " ORDER BY l.date, l.lesson_number, x.id";
	size_t cap = 0;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_change *r = ZH_SQ_PUSH(a, w->changes, w->nchanges, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->kind = zh_sq_text(a, st, 2);
		r->date = zh_sq_text(a, st, 3);
		r->number = sqlite3_column_int(st, 4);
		r->subject = zh_sq_text(a, st, 5);
		r->reason = zh_sq_text(a, st, 6);
		r->substitute = zh_sq_text(a, st, 7);
		r->room = zh_sq_text(a, st, 8);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_week(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			     const struct zh_dy_student *s, const char *from, const char *to, struct zh_dy_week *out)
{
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = week_lessons(db, a, s, from, to, out)))
		return e;
	if (!out->nlessons)
		return week_events(db, a, school_id, s, from, to, out);
	if ((e = week_assignments(db, a, s, from, to, out)) || (e = week_files(db, a, s, from, to, out)) ||
	    (e = week_events(db, a, school_id, s, from, to, out)) || (e = week_changes(db, a, s, from, to, out)))
		return e;
	return ZH_OK;
}

/* ---- periods and marks ---- */

enum zh_err zh_store_dy_period(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       const struct zh_dy_student *s, int64_t period_id, const char *date,
			       struct zh_dy_period *out)
{
	static const char by_id[] =
		"SELECT id, name, start_date, end_date FROM periods WHERE id = ?1 AND school_id = ?2";
	static const char by_date[] =
		"SELECT p.id, p.name, p.start_date, p.end_date FROM periods p"
		" JOIN year_period_kinds k ON k.year_id = p.year_id AND k.kind = p.kind"
		" WHERE p.school_id = ?2 AND p.year_id = ?3 AND ?4 BETWEEN k.grade_from AND k.grade_to"
		" ORDER BY (?5 BETWEEN p.start_date AND p.end_date) DESC, (p.start_date <= ?5) DESC,"
		" CASE WHEN p.start_date <= ?5 THEN p.start_date END DESC, p.start_date LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, period_id ? by_id : by_date);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, period_id);
	sqlite3_bind_int64(st, 2, school_id);
	if (!period_id) {
		sqlite3_bind_int64(st, 3, s->year_id);
		sqlite3_bind_int(st, 4, s->grade);
		zh_sq_bind_text(st, 5, date);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = zh_sq_text(a, st, 1);
		out->start_date = zh_sq_text(a, st, 2);
		out->end_date = zh_sq_text(a, st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_periods(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				const struct zh_dy_student *s, struct zh_dy_period **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, p.name, p.start_date, p.end_date FROM periods p"
		" JOIN year_period_kinds k ON k.year_id = p.year_id AND k.kind = p.kind"
		" WHERE p.school_id = ?1 AND p.year_id = ?2 AND ?3 BETWEEN k.grade_from AND k.grade_to"
		" ORDER BY p.start_date";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, s->year_id);
	sqlite3_bind_int(st, 3, s->grade);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_period *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = zh_sq_text(a, st, 1);
		r->start_date = zh_sq_text(a, st, 2);
		r->end_date = zh_sq_text(a, st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			      const struct zh_dy_student *s, const struct zh_dy_period *p, struct zh_dy_marks *out)
{
	static const char subjects[] =
		"SELECT sj.id, sj.name, sj.pass_fail FROM subjects sj WHERE sj.id IN (SELECT l.subject_id FROM lessons l"
		" WHERE" OWN_LESSONS ")"
		" OR sj.id IN (SELECT l.subject_id FROM marks m JOIN lessons l ON l.id = m.lesson_id"
		"  WHERE m.student_id = ?2 AND l.date BETWEEN ?3 AND ?4)"
		" ORDER BY sj.name COLLATE ru, sj.id";
	static const char marks[] =
		"SELECT m.id, m.lesson_id, l.subject_id, l.date, m.kind, IFNULL(m.value, 0), w.name, g.weight, m.comment"
		" FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN assignments g ON g.id = m.assignment_id"
		" JOIN work_types w ON w.id = g.work_type_id"
		" WHERE m.student_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND m.school_id = ?4"
		" ORDER BY l.subject_id, l.date, l.lesson_number, g.position, m.id";
	static const char finals[] =
		"SELECT subject_id, IFNULL(value, 0), code FROM final_marks"
		" WHERE student_id = ?1 AND period_id = ?2 AND kind = 'period' AND school_id = ?3";
	static const char weight[] =
		"SELECT weight FROM work_types WHERE school_id = ? AND name = 'Работа на уроке'";
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	out->lesson_weight = 1;

	sqlite3_stmt *st = zh_sq_prep(db, subjects);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, p->start_date, p->end_date);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_subject *r = ZH_SQ_PUSH(a, out->subjects, out->nsubjects, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->name = zh_sq_text(a, st, 1);
		r->pass_fail = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return zh_sq_err(db, rc);

	if (!(st = zh_sq_prep(db, marks)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, s->id);
	zh_sq_bind_text(st, 2, p->start_date);
	zh_sq_bind_text(st, 3, p->end_date);
	sqlite3_bind_int64(st, 4, school_id);
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_mark *r = ZH_SQ_PUSH(a, out->marks, out->nmarks, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = sqlite3_column_int64(st, 1);
		r->subject_id = sqlite3_column_int64(st, 2);
		r->date = zh_sq_text(a, st, 3);
		r->kind = zh_sq_text(a, st, 4);
		r->value = sqlite3_column_int(st, 5);
		r->work_type = zh_sq_text(a, st, 6);
		r->weight = sqlite3_column_double(st, 7);
		r->comment = zh_sq_text(a, st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return zh_sq_err(db, rc);

	if (!(st = zh_sq_prep(db, finals)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int64(st, 2, p->id);
	sqlite3_bind_int64(st, 3, school_id);
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_final *r = ZH_SQ_PUSH(a, out->finals, out->nfinals, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->subject_id = sqlite3_column_int64(st, 0);
		r->value = sqlite3_column_int(st, 1);
		r->code = zh_sq_text(a, st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return zh_sq_err(db, rc);

	if (!(st = zh_sq_prep(db, weight)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_double(st, 0) > 0)
		out->lesson_weight = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- attendance ---- */

enum zh_err zh_store_dy_attendance(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   const struct zh_dy_student *s, const char *from, const char *to,
				   int64_t *total, struct zh_dy_absence **rows, size_t *n)
{
	static const char count[] =
		"SELECT count(*) FROM lessons l WHERE" OWN_LESSONS " AND l.status = 'planned'";
	static const char list[] =
		"SELECT a.lesson_id, l.date, sj.name, a.code, a.reason FROM attendance a"
		" JOIN lessons l ON l.id = a.lesson_id JOIN subjects sj ON sj.id = l.subject_id"
		" WHERE a.student_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND a.school_id = ?4"
		" ORDER BY l.date, l.lesson_number, l.id";
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = zh_sq_prep(db, count);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	enum zh_err e = zh_sq_scalar_id(db, st, total);
	if (e)
		return e;
	if (!(st = zh_sq_prep(db, list)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, s->id);
	zh_sq_bind_text(st, 2, from);
	zh_sq_bind_text(st, 3, to);
	sqlite3_bind_int64(st, 4, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_absence *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->date = zh_sq_text(a, st, 1);
		r->subject = zh_sq_text(a, st, 2);
		r->code = zh_sq_text(a, st, 3);
		r->reason = zh_sq_text(a, st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

/* ---- homework ---- */

static enum zh_err homework_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st,
				 struct zh_dy_homework **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_homework *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->lesson_id = sqlite3_column_int64(st, 0);
		r->subject_id = sqlite3_column_int64(st, 1);
		r->assignment_id = sqlite3_column_int64(st, 2);
		r->date = zh_sq_text(a, st, 3);
		r->subject = zh_sq_text(a, st, 4);
		r->homework = zh_sq_text(a, st, 5);
		r->ihw = zh_sq_text(a, st, 6);
		r->work_type = zh_sq_text(a, st, 7);
		r->description = zh_sq_text(a, st, 8);
		r->due_date = zh_sq_text(a, st, 9);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_homework_upcoming(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					  const struct zh_dy_student *s, const char *from, const char *to,
					  struct zh_dy_homework **rows, size_t *n)
{
	static const char sql[] =
		"SELECT l.id, l.subject_id, 0, l.date, sj.name, l.homework, hi.text, NULL, NULL, l.date"
		" FROM lessons l JOIN subjects sj ON sj.id = l.subject_id"
		" LEFT JOIN homework_individual hi ON hi.lesson_id = l.id AND hi.student_id = ?2"
		" WHERE" OWN_LESSONS " AND l.status = 'planned' AND l.school_id = ?5 AND (l.homework <> '' OR hi.text IS NOT NULL)"
		" ORDER BY l.date, l.lesson_number, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	sqlite3_bind_int64(st, 5, school_id);
	return homework_rows(db, a, st, rows, n);
}

enum zh_err zh_store_dy_homework_overdue(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 const struct zh_dy_student *s, const char *from, const char *to,
					 struct zh_dy_homework **rows, size_t *n)
{
	/* lessons a week before the window too: an assignment may be due after its lesson */
	static const char sql[] =
		"SELECT l.id, l.subject_id, g.id, l.date, sj.name, l.homework, hi.text, w.name, g.description,"
		" IFNULL(g.due_date, l.date)"
		" FROM lessons l JOIN assignments g ON g.lesson_id = l.id JOIN work_types w ON w.id = g.work_type_id"
		" JOIN subjects sj ON sj.id = l.subject_id"
		" LEFT JOIN homework_individual hi ON hi.lesson_id = l.id AND hi.student_id = ?2"
		" WHERE l.class_id = ?1 AND l.date BETWEEN date(?3, '-14 days') AND ?4"
		" AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students ss"
		"  WHERE ss.subgroup_id = l.subgroup_id AND ss.student_id = ?2))"
		" AND l.status = 'planned' AND l.school_id = ?5 AND w.name = 'Домашнее задание'"
		" AND IFNULL(g.due_date, l.date) BETWEEN ?3 AND ?4"
		" AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.assignment_id = g.id AND m.student_id = ?2"
		"  AND m.kind <> 'point')"
		" ORDER BY IFNULL(g.due_date, l.date), l.lesson_number, g.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_own(st, s, from, to);
	sqlite3_bind_int64(st, 5, school_id);
	return homework_rows(db, a, st, rows, n);
}

/* ---- views ---- */

enum zh_err zh_store_dy_views_insert(struct zh_db *db, const struct zh_dy_view *v, size_t n)
{
	static const char sql[] =
		"INSERT INTO diary_views(school_id, viewer_user_id, viewer_person_id, student_id, what, ref, at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)";
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = zh_sq_prep(db, sql);
		if (!st)
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, v[i].school_id);
		sqlite3_bind_int64(st, 2, v[i].user_id);
		zh_sq_bind_id(st, 3, v[i].person_id);
		sqlite3_bind_int64(st, 4, v[i].student_id);
		zh_sq_bind_text(st, 5, v[i].what);
		zh_sq_bind_text(st, 6, v[i].ref);
		sqlite3_bind_int64(st, 7, v[i].at);
		enum zh_err e = zh_sq_exec_done(db, st);
		if (e)
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_store_dy_views_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				   int limit, int offset, struct zh_dy_view_row **rows, size_t *n, int64_t *total)
{
	static const char count[] = "SELECT count(*) FROM diary_views WHERE student_id = ? AND school_id = ?";
	static const char sql[] =
		"SELECT v.id, v.viewer_user_id, IFNULL(v.viewer_person_id, 0), v.at, v.what, v.ref,"
		" (SELECT " PNAME("p") " FROM persons p WHERE p.id = v.viewer_person_id),"
		" (SELECT u.login FROM users u WHERE u.id = v.viewer_user_id)"
		" FROM diary_views v WHERE v.student_id = ?1 AND v.school_id = ?2"
		" ORDER BY v.at DESC, v.id DESC LIMIT ?3 OFFSET ?4";
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = zh_sq_prep(db, count);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, school_id);
	enum zh_err e = zh_sq_scalar_id(db, st, total);
	if (e)
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int(st, 4, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dy_view_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->user_id = sqlite3_column_int64(st, 1);
		r->person_id = sqlite3_column_int64(st, 2);
		r->at = sqlite3_column_int64(st, 3);
		r->what = zh_sq_text(a, st, 4);
		r->ref = zh_sq_text(a, st, 5);
		r->viewer = zh_sq_text(a, st, 6);
		r->login = zh_sq_text(a, st, 7);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dy_gen(struct zh_db *db, int64_t school_id, int64_t *gen)
{
	static const char sql[] = "SELECT gen FROM school_gen WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	return zh_sq_scalar_id(db, st, gen);
}
