/* alerts.c: SQLite statements of alerts to families, the weekly digest and the weekly printout
 * (issue 6: M-11, slice ALERTS) */
#include "store/alerts.h"
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

#define PREP(st, sql)                           \
	sqlite3_stmt *st = zh_sq_prep(db, sql); \
	if (!st)                                \
		return ZH_EDB

#define NAME(p) "trim(" p ".last_name || ' ' || " p ".first_name || ' ' || " p ".middle_name)"

enum zh_err zh_store_al_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				const char *today, struct zh_al_class **rows, size_t *n)
{
	static const char sql[] =
		"SELECT c.id, c.year_id, ifnull(c.class_teacher_id, 0), c.name,"
		" ifnull((SELECT " NAME("t") " FROM persons t WHERE t.id = c.class_teacher_id), ''),"
		" p.id, ifnull(p.name, ''), ifnull(p.start_date, ''), ifnull(p.end_date, '')"
		" FROM classes c JOIN academic_years y ON y.id = c.year_id"
		" LEFT JOIN periods p ON p.id = (SELECT pp.id FROM periods pp JOIN year_period_kinds k"
		"   ON k.year_id = pp.year_id AND pp.kind = k.kind AND c.grade BETWEEN k.grade_from AND k.grade_to"
		"   WHERE pp.year_id = c.year_id AND pp.start_date <= ?2 ORDER BY pp.start_date DESC LIMIT 1)"
		" WHERE c.school_id = ?1 AND (?3 = 0 AND y.start_date <= ?2 AND y.end_date >= ?2 OR c.id = ?3)"
		" ORDER BY c.grade, c.name";
	PREP(st, sql);
	size_t cap = 0;
	int rc;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, today);
	sqlite3_bind_int64(st, 3, class_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_class *c = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(c, st);
		c->id = sqlite3_column_int64(st, 0);
		c->year_id = sqlite3_column_int64(st, 1);
		c->class_teacher_id = sqlite3_column_int64(st, 2);
		c->name = zh_sq_text(a, st, 3);
		c->teacher_name = zh_sq_text(a, st, 4);
		c->period_id = sqlite3_column_int64(st, 5);
		c->period_name = zh_sq_text(a, st, 6);
		c->period_start = zh_sq_text(a, st, 7);
		c->period_end = zh_sq_text(a, st, 8);
	}
	enum zh_err e = finish(db, st, rc);
	if (!e && class_id && !*n)
		return ZH_ENOTFOUND;
	return e;
}

enum zh_err zh_store_al_marks(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			      const char *from, const char *to, struct zh_al_mark **rows, size_t *n)
{
	static const char sql[] =
		"SELECT m.student_id, l.subject_id, m.value, asg.weight"
		" FROM lessons l JOIN marks m ON m.lesson_id = l.id JOIN assignments asg ON asg.id = m.assignment_id"
		" JOIN class_students cs ON cs.class_id = l.class_id AND cs.student_id = m.student_id"
		" WHERE l.class_id = ?1 AND l.school_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND m.kind = 'mark'"
		" ORDER BY m.student_id, l.subject_id";
	PREP(st, sql);
	size_t cap = 0;
	int rc;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	zh_sq_bind_text(st, 3, from);
	zh_sq_bind_text(st, 4, to);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_mark *m = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(m, st);
		m->student_id = sqlite3_column_int64(st, 0);
		m->subject_id = sqlite3_column_int64(st, 1);
		m->value = sqlite3_column_int(st, 2);
		m->weight = sqlite3_column_double(st, 3);
	}
	return finish(db, st, rc);
}

static enum zh_err facts(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_al_fact **rows,
			 size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_fact *f = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(f, st);
		f->student_id = sqlite3_column_int64(st, 0);
		f->subject_id = sqlite3_column_int64(st, 1);
		f->period_id = sqlite3_column_int64(st, 2);
		f->day = zh_sq_text(a, st, 3);
		f->value = sqlite3_column_int(st, 4);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_al_period_twos(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				    int64_t year_id, int max_value, struct zh_al_fact **rows, size_t *n)
{
	static const char sql[] =
		"SELECT f.student_id, f.subject_id, f.period_id, '', f.value"
		" FROM final_marks f JOIN class_students cs ON cs.student_id = f.student_id AND cs.class_id = ?2"
		" WHERE f.school_id = ?1 AND f.year_id = ?3 AND f.kind = 'period' AND f.value IS NOT NULL"
		" AND f.value <= ?4 ORDER BY f.student_id, f.subject_id, f.period_id";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, year_id);
	sqlite3_bind_int(st, 4, max_value);
	return facts(db, a, st, rows, n);
}

enum zh_err zh_store_al_np_days(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				const char *from, const char *to, struct zh_al_fact **rows, size_t *n)
{
	static const char sql[] =
		"SELECT at.student_id, 0, 0, l.date, count(*)"
		" FROM lessons l JOIN attendance at ON at.lesson_id = l.id"
		" JOIN class_students cs ON cs.class_id = l.class_id AND cs.student_id = at.student_id"
		" WHERE l.class_id = ?1 AND l.school_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND at.reason = 'НП'"
		" GROUP BY at.student_id, l.date ORDER BY at.student_id, l.date";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	zh_sq_bind_text(st, 3, from);
	zh_sq_bind_text(st, 4, to);
	return facts(db, a, st, rows, n);
}

enum zh_err zh_store_al_whole_days(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				   const char *from, const char *to, struct zh_al_fact **rows, size_t *n)
{
	static const char sql[] =
		"SELECT cs.student_id, 0, 0, l.date, count(*)"
		" FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id"
		" LEFT JOIN attendance at ON at.lesson_id = l.id AND at.student_id = cs.student_id"
		" WHERE l.class_id = ?1 AND l.school_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.status = 'planned'"
		" AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students g"
		"      WHERE g.subgroup_id = l.subgroup_id AND g.student_id = cs.student_id))"
		" GROUP BY cs.student_id, l.date"
		" HAVING count(*) > 0 AND count(*) = sum(at.code = 'Н' AND at.reason IS NULL)"
		" ORDER BY cs.student_id, l.date";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	zh_sq_bind_text(st, 3, from);
	zh_sq_bind_text(st, 4, to);
	return facts(db, a, st, rows, n);
}

static enum zh_err al_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, struct zh_al_row **rows,
			   size_t *n)
{
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->student_id = sqlite3_column_int64(st, 1);
		r->class_id = sqlite3_column_int64(st, 2);
		r->kind = zh_sq_text(a, st, 3);
		r->subject_id = sqlite3_column_int64(st, 4);
		r->period_id = sqlite3_column_int64(st, 5);
		r->day = zh_sq_text(a, st, 6);
		r->has_value = sqlite3_column_type(st, 7) != SQLITE_NULL;
		r->value = sqlite3_column_double(st, 7);
		r->message = zh_sq_text(a, st, 8);
		r->active = sqlite3_column_int(st, 9) != 0;
		r->raised = sqlite3_column_int(st, 10);
		r->raised_at = sqlite3_column_int64(st, 11);
		r->resolved_at = sqlite3_column_int64(st, 12);
		r->recipients = sqlite3_column_int(st, 13);
		r->student_name = zh_sq_text(a, st, 14);
		r->subject_name = zh_sq_text(a, st, 15);
	}
	return finish(db, st, rc);
}

#define AL_COLS                                                                                       \
	"al.id, al.student_id, al.class_id, al.kind, al.subject_id, al.period_id, al.day, al.value,"  \
	" al.message, al.active, al.raised, al.raised_at, ifnull(al.resolved_at, 0), al.recipients," \
	" " NAME("p") ", ifnull(s.name, '')"

enum zh_err zh_store_al_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
			     bool active_only, struct zh_al_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " AL_COLS " FROM alerts al JOIN persons p ON p.id = al.student_id"
		" JOIN class_students cs ON cs.class_id = ?2 AND cs.student_id = al.student_id"
		" LEFT JOIN subjects s ON s.id = al.subject_id"
		" WHERE al.school_id = ?1 AND (?3 = 0 OR al.active = 1)"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, al.student_id, al.kind, s.name COLLATE ru,"
		" al.day DESC";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int(st, 3, active_only);
	return al_rows(db, a, st, rows, n);
}

enum zh_err zh_store_al_of_class(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 struct zh_al_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " AL_COLS " FROM alerts al JOIN persons p ON p.id = al.student_id"
		" JOIN class_students cs ON cs.class_id = ?2 AND cs.student_id = al.student_id"
		" LEFT JOIN subjects s ON s.id = al.subject_id WHERE al.school_id = ?1";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	return al_rows(db, a, st, rows, n);
}

enum zh_err zh_store_al_raise(struct zh_db *db, int64_t school_id, const struct zh_al_row *r, int64_t now,
			      int64_t *id, int *raised)
{
	static const char sql[] =
		"INSERT INTO alerts(school_id, student_id, class_id, kind, subject_id, period_id, day, value, message,"
		" active, raised, raised_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, ?10)"
		" ON CONFLICT(school_id, student_id, kind, subject_id, period_id, day) DO UPDATE SET"
		" class_id = excluded.class_id, value = excluded.value, message = excluded.message,"
		" raised = raised + (active = 0), raised_at = CASE WHEN active = 0 THEN excluded.raised_at ELSE raised_at END,"
		" active = 1, resolved_at = NULL RETURNING id, raised";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->student_id);
	sqlite3_bind_int64(st, 3, r->class_id);
	zh_sq_bind_text(st, 4, r->kind);
	sqlite3_bind_int64(st, 5, r->subject_id);
	sqlite3_bind_int64(st, 6, r->period_id);
	zh_sq_bind_text(st, 7, r->day ? r->day : "");
	if (r->has_value)
		sqlite3_bind_double(st, 8, r->value);
	else
		sqlite3_bind_null(st, 8);
	zh_sq_bind_text(st, 9, r->message ? r->message : "");
	sqlite3_bind_int64(st, 10, now);
	enum zh_err e = zh_sq_step_one(db, st);
	if (e)
		return e;
	*id = sqlite3_column_int64(st, 0);
	*raised = sqlite3_column_int(st, 1);
	int rc = sqlite3_step(st);
	return finish(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

enum zh_err zh_store_al_resolve(struct zh_db *db, int64_t school_id, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE alerts SET active = 0, resolved_at = ?3 WHERE id = ?1 AND school_id = ?2";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_al_set_recipients(struct zh_db *db, int64_t school_id, int64_t id, int recipients)
{
	static const char sql[] = "UPDATE alerts SET recipients = ?3 WHERE id = ?1 AND school_id = ?2";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int(st, 3, recipients);
	return zh_sq_exec_done(db, st);
}

static enum zh_err ids(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, int64_t **out, size_t *n)
{
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = ZH_SQ_PUSH(a, *out, *n, cap);
		OOM_IF(p, st);
		*p = sqlite3_column_int64(st, 0);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_al_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				int64_t **out, size_t *n)
{
	static const char sql[] =
		"SELECT parent_id FROM parent_links WHERE child_id = ?1 AND school_id = ?2 ORDER BY parent_id";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, school_id);
	return ids(db, a, st, out, n);
}

enum zh_err zh_store_al_last_run(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char **day)
{
	static const char sql[] = "SELECT last_day FROM alert_runs WHERE school_id = ?";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	enum zh_err e = zh_sq_step_one(db, st);
	*day = "";
	if (e == ZH_ENOTFOUND)
		return ZH_OK;
	if (e)
		return e;
	*day = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return *day ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_al_set_run(struct zh_db *db, int64_t school_id, const char *day, int64_t now)
{
	static const char sql[] =
		"INSERT INTO alert_runs(school_id, last_day, last_at) VALUES(?1, ?2, ?3)"
		" ON CONFLICT(school_id) DO UPDATE SET last_day = excluded.last_day, last_at = excluded.last_at";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, day);
	sqlite3_bind_int64(st, 3, now);
	return zh_sq_exec_done(db, st);
}

/* ---- digest ---- */

enum zh_err zh_store_al_digest_get(struct zh_db *db, int64_t school_id, int64_t person_id,
				   struct zh_al_digest_pref *out)
{
	static const char sql[] = "SELECT enabled, weekday, hour FROM digest_prefs WHERE school_id = ? AND person_id = ?";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	*out = (struct zh_al_digest_pref){ .enabled = false, .weekday = 7, .hour = 18 };
	enum zh_err e = zh_sq_step_one(db, st);
	if (e == ZH_ENOTFOUND)
		return ZH_OK;
	if (e)
		return e;
	out->stored = true;
	out->enabled = sqlite3_column_int(st, 0) != 0;
	out->weekday = sqlite3_column_int(st, 1);
	out->hour = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_al_digest_put(struct zh_db *db, int64_t school_id, int64_t person_id,
				   const struct zh_al_digest_pref *p, int64_t now)
{
	static const char sql[] =
		"INSERT INTO digest_prefs(school_id, person_id, enabled, weekday, hour, updated_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(school_id, person_id) DO UPDATE SET"
		" enabled = excluded.enabled, weekday = excluded.weekday, hour = excluded.hour,"
		" updated_at = excluded.updated_at";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int(st, 3, p->enabled);
	sqlite3_bind_int(st, 4, p->weekday);
	sqlite3_bind_int(st, 5, p->hour);
	sqlite3_bind_int64(st, 6, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_al_digest_due(struct zh_db *db, struct zh_arena *a, int64_t school_id, int weekday,
				   int hour, int64_t **out, size_t *n)
{
	static const char sql[] =
		"SELECT person_id FROM digest_prefs WHERE school_id = ?1 AND enabled = 1 AND weekday = ?2"
		" AND hour <= ?3 ORDER BY person_id";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, weekday);
	sqlite3_bind_int(st, 3, hour);
	return ids(db, a, st, out, n);
}

enum zh_err zh_store_al_children(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 const char *today, int64_t **out, size_t *n)
{
	static const char sql[] =
		"SELECT DISTINCT pl.child_id FROM parent_links pl"
		" JOIN class_students cs ON cs.student_id = pl.child_id JOIN classes c ON c.id = cs.class_id"
		" JOIN academic_years y ON y.id = c.year_id"
		" WHERE pl.parent_id = ?1 AND pl.school_id = ?2 AND c.school_id = ?2"
		" AND y.start_date <= ?3 AND y.end_date >= ?3 ORDER BY pl.child_id";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, parent_id);
	sqlite3_bind_int64(st, 2, school_id);
	zh_sq_bind_text(st, 3, today);
	return ids(db, a, st, out, n);
}

enum zh_err zh_store_al_digest_mark(struct zh_db *db, int64_t school_id, int64_t person_id, int64_t student_id,
				    const char *week, int64_t now, bool *fresh)
{
	static const char sql[] =
		"INSERT INTO digest_sent(school_id, person_id, student_id, week, sent_at) VALUES(?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT DO NOTHING";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int64(st, 3, student_id);
	zh_sq_bind_text(st, 4, week);
	sqlite3_bind_int64(st, 5, now);
	enum zh_err e = zh_sq_exec_done(db, st);
	*fresh = !e && sqlite3_changes(db->h) > 0;
	return e;
}

/* ---- the week of a student ---- */

enum zh_err zh_store_al_week(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
			     int64_t class_id, const char *from, const char *to, const char *hw_from,
			     const char *hw_to, struct zh_al_week *out)
{
	static const char sql_marks[] =
		"SELECT l.date, s.name, ifnull(w.name, ''), m.kind, ifnull(m.value, 0), m.comment"
		" FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN subjects s ON s.id = l.subject_id"
		" JOIN assignments asg ON asg.id = m.assignment_id LEFT JOIN work_types w ON w.id = asg.work_type_id"
		" WHERE m.student_id = ?1 AND m.school_id = ?2 AND l.date BETWEEN ?3 AND ?4"
		" ORDER BY s.name COLLATE ru, l.date, l.lesson_number, asg.position, asg.id";
	static const char sql_abs[] =
		"SELECT l.date, l.lesson_number, s.name, at.code, ifnull(at.reason, '')"
		" FROM attendance at JOIN lessons l ON l.id = at.lesson_id JOIN subjects s ON s.id = l.subject_id"
		" WHERE at.student_id = ?1 AND at.school_id = ?2 AND l.date BETWEEN ?3 AND ?4"
		" ORDER BY l.date, l.lesson_number";
	static const char sql_hw[] =
		"SELECT l.date, s.name, l.homework, ifnull(h.text, '')"
		" FROM lessons l JOIN subjects s ON s.id = l.subject_id"
		" LEFT JOIN homework_individual h ON h.lesson_id = l.id AND h.student_id = ?1"
		" WHERE l.class_id = ?5 AND l.school_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.status = 'planned'"
		" AND (l.homework <> '' OR h.text IS NOT NULL)"
		" AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students g"
		"      WHERE g.subgroup_id = l.subgroup_id AND g.student_id = ?1))"
		" ORDER BY l.date, l.lesson_number";
	size_t cap = 0;
	int rc;
	enum zh_err e;
	*out = (struct zh_al_week){ 0 };

	PREP(st, sql_marks);
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, school_id);
	zh_sq_bind_text(st, 3, from);
	zh_sq_bind_text(st, 4, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_wmark *m = ZH_SQ_PUSH(a, out->marks, out->nmarks, cap);
		OOM_IF(m, st);
		m->date = zh_sq_text(a, st, 0);
		m->subject = zh_sq_text(a, st, 1);
		m->work_type = zh_sq_text(a, st, 2);
		m->kind = zh_sq_text(a, st, 3);
		m->value = sqlite3_column_int(st, 4);
		m->comment = zh_sq_text(a, st, 5);
	}
	if ((e = finish(db, st, rc)))
		return e;

	PREP(sa, sql_abs);
	cap = 0;
	sqlite3_bind_int64(sa, 1, student_id);
	sqlite3_bind_int64(sa, 2, school_id);
	zh_sq_bind_text(sa, 3, from);
	zh_sq_bind_text(sa, 4, to);
	while ((rc = sqlite3_step(sa)) == SQLITE_ROW) {
		struct zh_al_wabs *b = ZH_SQ_PUSH(a, out->absences, out->nabsences, cap);
		OOM_IF(b, sa);
		b->date = zh_sq_text(a, sa, 0);
		b->number = sqlite3_column_int(sa, 1);
		b->subject = zh_sq_text(a, sa, 2);
		b->code = zh_sq_text(a, sa, 3);
		b->reason = zh_sq_text(a, sa, 4);
	}
	if ((e = finish(db, sa, rc)))
		return e;

	PREP(sh, sql_hw);
	cap = 0;
	sqlite3_bind_int64(sh, 1, student_id);
	sqlite3_bind_int64(sh, 2, school_id);
	zh_sq_bind_text(sh, 3, hw_from);
	zh_sq_bind_text(sh, 4, hw_to);
	sqlite3_bind_int64(sh, 5, class_id);
	while ((rc = sqlite3_step(sh)) == SQLITE_ROW) {
		struct zh_al_whw *h = ZH_SQ_PUSH(a, out->homework, out->nhomework, cap);
		OOM_IF(h, sh);
		h->date = zh_sq_text(a, sh, 0);
		h->subject = zh_sq_text(a, sh, 1);
		h->text = zh_sq_text(a, sh, 2);
		h->individual = zh_sq_text(a, sh, 3);
	}
	return finish(db, sh, rc);
}

/* ---- paper diary ---- */

enum zh_err zh_store_al_students(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t class_id,
				 struct zh_al_student **rows, size_t *n)
{
	static const char sql[] =
		"SELECT p.id, " NAME("p") ", ifnull(pd.declined, 0), ifnull(pd.note, '')"
		" FROM class_students cs JOIN persons p ON p.id = cs.student_id"
		" LEFT JOIN paper_diary pd ON pd.school_id = cs.school_id AND pd.student_id = p.id"
		" WHERE cs.class_id = ?1 AND cs.school_id = ?2"
		" ORDER BY p.last_name COLLATE ru, p.first_name COLLATE ru, p.middle_name COLLATE ru, p.id";
	PREP(st, sql);
	size_t cap = 0;
	int rc;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_al_student *s = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(s, st);
		s->id = sqlite3_column_int64(st, 0);
		s->full_name = zh_sq_text(a, st, 1);
		s->declined = sqlite3_column_int(st, 2) != 0;
		s->note = zh_sq_text(a, st, 3);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_al_paper_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				  bool *declined, const char **note)
{
	static const char sql[] = "SELECT declined, note FROM paper_diary WHERE school_id = ? AND student_id = ?";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	*declined = false;
	*note = "";
	enum zh_err e = zh_sq_step_one(db, st);
	if (e == ZH_ENOTFOUND)
		return ZH_OK;
	if (e)
		return e;
	*declined = sqlite3_column_int(st, 0) != 0;
	*note = zh_sq_text(a, st, 1);
	sqlite3_reset(st);
	return *note ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_al_paper_put(struct zh_db *db, int64_t school_id, int64_t student_id, bool declined,
				  const char *note, int64_t by, int64_t now)
{
	static const char sql[] =
		"INSERT INTO paper_diary(school_id, student_id, declined, note, updated_by, updated_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(school_id, student_id) DO UPDATE SET"
		" declined = excluded.declined, note = excluded.note, updated_by = excluded.updated_by,"
		" updated_at = excluded.updated_at";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_int(st, 3, declined);
	zh_sq_bind_text(st, 4, note ? note : "");
	zh_sq_bind_id(st, 5, by);
	sqlite3_bind_int64(st, 6, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_al_student_name(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t student_id,
				     const char **name)
{
	static const char sql[] =
		"SELECT " NAME("p") " FROM students s JOIN persons p ON p.id = s.person_id"
		" WHERE s.school_id = ?1 AND s.person_id = ?2";
	PREP(st, sql);
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	enum zh_err e = zh_sq_step_one(db, st);
	if (e)
		return e;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return *name ? ZH_OK : ZH_ENOMEM;
}
