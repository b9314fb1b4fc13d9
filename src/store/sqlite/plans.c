/* plans.c: SQLite statements of thematic plans (КТП) and the lesson fields they fill */
#include "store/plans.h"
#include "store/sqlite/sq.h"

#define PLAN_COLS "p.id, p.school_id, p.year_id, p.teacher_id, p.class_id, p.subgroup_id, p.subject_id," \
	" p.approved_by, p.approved_at, p.created_at, p.updated_at, c.grade, p.status, p.comment," \
	" pe.last_name || ' ' || pe.first_name || CASE WHEN pe.middle_name <> '' THEN ' ' || pe.middle_name ELSE '' END," \
	" c.name, g.name, s.name," \
	" (SELECT IFNULL(SUM(hours), 0) FROM plan_topics t WHERE t.plan_id = p.id)," \
	" (SELECT COUNT(*) FROM plan_topics t WHERE t.plan_id = p.id)"
#define PLAN_FROM " FROM plans p JOIN classes c ON c.id = p.class_id JOIN persons pe ON pe.id = p.teacher_id" \
	" JOIN subjects s ON s.id = p.subject_id LEFT JOIN subgroups g ON g.id = p.subgroup_id"

static void plan_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_plan_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->school_id = sqlite3_column_int64(st, 1);
	r->year_id = sqlite3_column_int64(st, 2);
	r->teacher_id = sqlite3_column_int64(st, 3);
	r->class_id = sqlite3_column_int64(st, 4);
	r->subgroup_id = sqlite3_column_int64(st, 5);
	r->subject_id = sqlite3_column_int64(st, 6);
	r->approved_by = sqlite3_column_int64(st, 7);
	r->approved_at = sqlite3_column_int64(st, 8);
	r->created_at = sqlite3_column_int64(st, 9);
	r->updated_at = sqlite3_column_int64(st, 10);
	r->grade = sqlite3_column_int(st, 11);
	r->status = zh_sq_text(a, st, 12);
	r->comment = zh_sq_text(a, st, 13);
	r->teacher_name = zh_sq_text(a, st, 14);
	r->class_name = zh_sq_text(a, st, 15);
	r->subgroup_name = zh_sq_text(a, st, 16);
	r->subject_name = zh_sq_text(a, st, 17);
	r->hours_total = sqlite3_column_double(st, 18);
	r->topics = sqlite3_column_int64(st, 19);
}

enum zh_err zh_store_plan_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			      struct zh_plan_row *out)
{
	static const char sql[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ? AND p.school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	plan_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

#define LIST_WHERE " WHERE p.school_id = ?1 AND (?2 = 0 OR p.teacher_id = ?2) AND (?3 = 0 OR p.class_id = ?3)" \
	" AND (?4 = 0 OR p.subject_id = ?4) AND (?5 IS NULL OR p.status = ?5)" \
	" AND (?6 = 0 OR p.teacher_id = ?6 OR c.class_teacher_id = ?6 OR EXISTS (SELECT 1 FROM teacher_load l" \
	" WHERE l.teacher_id = ?6 AND l.class_id = p.class_id AND l.subject_id = p.subject_id))"

enum zh_err zh_store_plans_list(struct zh_db *db, struct zh_arena *a, const struct zh_plan_filter *flt,
				struct zh_plan_row **rows, size_t *n, int64_t *total)
{
	static const char sql[] = "SELECT " PLAN_COLS PLAN_FROM LIST_WHERE
				  " ORDER BY c.grade, c.name COLLATE ru, s.name COLLATE ru, pe.last_name COLLATE ru, p.id"
				  " LIMIT ?7 OFFSET ?8";
	static const char sql_count[] = "SELECT COUNT(*)" PLAN_FROM LIST_WHERE;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;
	enum zh_err e;
	for (int pass = 0; pass < 2; pass++) {
		st = zh_sq_prep(db, pass ? sql : sql_count);
		if (!st)
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, flt->school_id);
		sqlite3_bind_int64(st, 2, flt->teacher_id);
		sqlite3_bind_int64(st, 3, flt->class_id);
		sqlite3_bind_int64(st, 4, flt->subject_id);
		if (flt->status)
			zh_sq_bind_text(st, 5, flt->status);
		else
			sqlite3_bind_null(st, 5);
		sqlite3_bind_int64(st, 6, flt->only_person);
		if (!pass) {
			if ((e = zh_sq_scalar_id(db, st, total)))
				return e;
			continue;
		}
		sqlite3_bind_int64(st, 7, flt->limit);
		sqlite3_bind_int64(st, 8, flt->offset);
	}
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_plan_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		plan_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_plan_find(struct zh_db *db, int64_t year_id, int64_t teacher_id, int64_t class_id,
			       int64_t subgroup_id, int64_t subject_id, int64_t *id)
{
	static const char sql[] = "SELECT id FROM plans WHERE year_id = ? AND teacher_id = ? AND class_id = ?"
				  " AND IFNULL(subgroup_id, 0) = ? AND subject_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, year_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	sqlite3_bind_int64(st, 3, class_id);
	sqlite3_bind_int64(st, 4, subgroup_id);
	sqlite3_bind_int64(st, 5, subject_id);
	return zh_sq_scalar_id(db, st, id);
}

enum zh_err zh_store_plan_find_class(struct zh_db *db, int64_t class_id, int64_t subgroup_id,
				     int64_t subject_id, int64_t *id)
{
	static const char sql[] = "SELECT id FROM plans WHERE class_id = ? AND IFNULL(subgroup_id, 0) = ?"
				  " AND subject_id = ? ORDER BY id LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, subgroup_id);
	sqlite3_bind_int64(st, 3, subject_id);
	return zh_sq_scalar_id(db, st, id);
}

enum zh_err zh_store_plan_insert(struct zh_db *db, const struct zh_plan_row *p, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO plans(school_id, year_id, teacher_id, class_id, subgroup_id, subject_id, status, comment,"
		" approved_by, approved_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, p->school_id);
	sqlite3_bind_int64(st, 2, p->year_id);
	sqlite3_bind_int64(st, 3, p->teacher_id);
	sqlite3_bind_int64(st, 4, p->class_id);
	zh_sq_bind_id(st, 5, p->subgroup_id);
	sqlite3_bind_int64(st, 6, p->subject_id);
	zh_sq_bind_text(st, 7, p->status ? p->status : "draft");
	zh_sq_bind_text(st, 8, p->comment ? p->comment : "");
	zh_sq_bind_id(st, 9, p->approved_by);
	zh_sq_bind_id(st, 10, p->approved_at);
	sqlite3_bind_int64(st, 11, p->created_at);
	sqlite3_bind_int64(st, 12, p->created_at);
	e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_store_plan_set_status(struct zh_db *db, int64_t school_id, int64_t id, const char *status,
				     const char *comment, int64_t approved_by, int64_t approved_at, int64_t now)
{
	static const char sql[] = "UPDATE plans SET status = ?, comment = ?, approved_by = ?, approved_at = ?,"
				  " updated_at = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, status);
	zh_sq_bind_text(st, 2, comment ? comment : "");
	zh_sq_bind_id(st, 3, approved_by);
	zh_sq_bind_id(st, 4, approved_at);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_plan_touch(struct zh_db *db, int64_t school_id, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE plans SET updated_at = ? WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_plan_delete(struct zh_db *db, int64_t school_id, int64_t id)
{
	static const char unlink_sql[] = "UPDATE lessons SET plan_topic_id = NULL WHERE plan_topic_id IN"
					 " (SELECT id FROM plan_topics WHERE plan_id = ?)";
	static const char topics_sql[] = "DELETE FROM plan_topics WHERE plan_id = ?";
	static const char sql[] = "DELETE FROM plans WHERE id = ? AND school_id = ?";
	const char *const q[] = { unlink_sql, topics_sql, sql };
	enum zh_err e;
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st = zh_sq_prep(db, q[i]);
		if (!st)
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, id);
		if (i == 2)
			sqlite3_bind_int64(st, 2, school_id);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_store_plan_topics(struct zh_db *db, struct zh_arena *a, int64_t plan_id,
				 struct zh_plan_topic **rows, size_t *n)
{
	static const char sql[] = "SELECT id, position, hours, title, lesson_type, kes_codes, homework"
				  " FROM plan_topics WHERE plan_id = ? ORDER BY position";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, plan_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_plan_topic *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->position = sqlite3_column_int(st, 1);
		r->hours = sqlite3_column_double(st, 2);
		r->title = zh_sq_text(a, st, 3);
		r->lesson_type = zh_sq_text(a, st, 4);
		r->kes_codes = zh_sq_text(a, st, 5);
		r->homework = zh_sq_text(a, st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_plan_topics_put(struct zh_db *db, int64_t school_id, int64_t plan_id,
				     struct zh_plan_topic *rows, size_t n)
{
	/* positions move out of the way first (UNIQUE (plan_id, position)) */
	static const char shift_sql[] = "UPDATE plan_topics SET position = -position - 1000000 WHERE plan_id = ?";
	static const char upd_sql[] = "UPDATE plan_topics SET position = ?, title = ?, hours = ?, lesson_type = ?,"
				      " kes_codes = ?, homework = ? WHERE id = ? AND plan_id = ?";
	static const char ins_sql[] = "INSERT INTO plan_topics(school_id, plan_id, position, title, hours,"
				      " lesson_type, kes_codes, homework) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	static const char unlink_sql[] = "UPDATE lessons SET plan_topic_id = NULL WHERE plan_topic_id IN"
					 " (SELECT id FROM plan_topics WHERE plan_id = ? AND position < 0)";
	static const char del_sql[] = "DELETE FROM plan_topics WHERE plan_id = ? AND position < 0";
	sqlite3_stmt *st = zh_sq_prep(db, shift_sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, plan_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	for (size_t i = 0; i < n; i++) {
		struct zh_plan_topic *t = &rows[i];
		int changed = 0;
		if (t->id) {
			if (!(st = zh_sq_prep(db, upd_sql)))
				return ZH_EDB;
			sqlite3_bind_int(st, 1, (int)i + 1);
			zh_sq_bind_text(st, 2, t->title);
			sqlite3_bind_double(st, 3, t->hours);
			zh_sq_bind_text(st, 4, t->lesson_type);
			zh_sq_bind_text(st, 5, t->kes_codes);
			zh_sq_bind_text(st, 6, t->homework);
			sqlite3_bind_int64(st, 7, t->id);
			sqlite3_bind_int64(st, 8, plan_id);
			if ((e = zh_sq_exec_done(db, st)))
				return e;
			changed = sqlite3_changes(db->h);
		}
		if (!changed) {
			if (!(st = zh_sq_prep(db, ins_sql)))
				return ZH_EDB;
			sqlite3_bind_int64(st, 1, school_id);
			sqlite3_bind_int64(st, 2, plan_id);
			sqlite3_bind_int(st, 3, (int)i + 1);
			zh_sq_bind_text(st, 4, t->title);
			sqlite3_bind_double(st, 5, t->hours);
			zh_sq_bind_text(st, 6, t->lesson_type);
			zh_sq_bind_text(st, 7, t->kes_codes);
			zh_sq_bind_text(st, 8, t->homework);
			if ((e = zh_sq_exec_done(db, st)))
				return e;
			t->id = sqlite3_last_insert_rowid(db->h);
		}
		t->position = (int)i + 1;
	}
	const char *const q[] = { unlink_sql, del_sql };
	for (int i = 0; i < 2; i++) {
		if (!(st = zh_sq_prep(db, q[i])))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, plan_id);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_store_plan_class(struct zh_db *db, int64_t school_id, int64_t class_id, int *grade,
				int64_t *year_id)
{
	static const char sql[] = "SELECT grade, year_id FROM classes WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*grade = sqlite3_column_int(st, 0);
	*year_id = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return ZH_OK;
}

/* ---- load, curriculum and lessons ---- */

#define LOAD_COLS "l.id, l.teacher_id, l.class_id, l.subgroup_id, l.subject_id, l.year_id," \
	" (SELECT p.id FROM plans p WHERE p.year_id = l.year_id AND p.teacher_id = l.teacher_id" \
	"  AND p.class_id = l.class_id AND IFNULL(p.subgroup_id, 0) = IFNULL(l.subgroup_id, 0)" \
	"  AND p.subject_id = l.subject_id)," \
	" c.grade, l.hours_per_week," \
	" pe.last_name || ' ' || pe.first_name || CASE WHEN pe.middle_name <> '' THEN ' ' || pe.middle_name ELSE '' END," \
	" c.name, g.name, s.name"
#define LOAD_FROM " FROM teacher_load l JOIN classes c ON c.id = l.class_id" \
	" JOIN academic_years y ON y.id = l.year_id JOIN persons pe ON pe.id = l.teacher_id" \
	" JOIN subjects s ON s.id = l.subject_id LEFT JOIN subgroups g ON g.id = l.subgroup_id"

static void load_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_plan_load *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->teacher_id = sqlite3_column_int64(st, 1);
	r->class_id = sqlite3_column_int64(st, 2);
	r->subgroup_id = sqlite3_column_int64(st, 3);
	r->subject_id = sqlite3_column_int64(st, 4);
	r->year_id = sqlite3_column_int64(st, 5);
	r->plan_id = sqlite3_column_int64(st, 6);
	r->grade = sqlite3_column_int(st, 7);
	r->hours_per_week = sqlite3_column_double(st, 8);
	r->teacher_name = zh_sq_text(a, st, 9);
	r->class_name = zh_sq_text(a, st, 10);
	r->subgroup_name = zh_sq_text(a, st, 11);
	r->subject_name = zh_sq_text(a, st, 12);
}

enum zh_err zh_store_plan_loads(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				struct zh_plan_load **rows, size_t *n)
{
	static const char sql[] = "SELECT " LOAD_COLS LOAD_FROM " WHERE l.school_id = ? AND y.closed = 0"
				  " AND (?2 = 0 OR l.teacher_id = ?2)"
				  " ORDER BY c.grade, c.name COLLATE ru, s.name COLLATE ru, g.name, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_plan_load *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		load_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_plan_load_find(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				    int64_t class_id, int64_t subgroup_id, int64_t subject_id,
				    struct zh_plan_load *out)
{
	static const char sql[] = "SELECT " LOAD_COLS LOAD_FROM " WHERE l.school_id = ?1 AND (?2 = 0 OR l.teacher_id = ?2)"
				  " AND l.class_id = ?3 AND (?4 = -1 OR IFNULL(l.subgroup_id, 0) = ?4) AND l.subject_id = ?5"
				  " ORDER BY l.subgroup_id IS NOT NULL, l.id LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	sqlite3_bind_int64(st, 3, class_id);
	sqlite3_bind_int64(st, 4, subgroup_id);
	sqlite3_bind_int64(st, 5, subject_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	load_cols(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_plan_weekly_hours(struct zh_db *db, int64_t year_id, int grade, int64_t subject_id,
				       double *hours)
{
	static const char sql[] = "SELECT hours_per_week FROM curriculum WHERE year_id = ? AND grade = ? AND subject_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	*hours = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, year_id);
	sqlite3_bind_int(st, 2, grade);
	sqlite3_bind_int64(st, 3, subject_id);
	if ((e = zh_sq_step_one(db, st)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	*hours = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}

#define LESSON_WHERE " FROM lessons l JOIN periods pr ON pr.id = l.period_id WHERE pr.year_id = ?1" \
	" AND l.class_id = ?2 AND l.subject_id = ?4 AND l.status <> 'cancelled'" \
	" AND (l.subgroup_id IS ?3 OR (?3 IS NOT NULL AND l.subgroup_id IS NULL))"

static void bind_lessons(sqlite3_stmt *st, int64_t year_id, int64_t class_id, int64_t subgroup_id,
			 int64_t subject_id)
{
	sqlite3_bind_int64(st, 1, year_id);
	sqlite3_bind_int64(st, 2, class_id);
	zh_sq_bind_id(st, 3, subgroup_id);
	sqlite3_bind_int64(st, 4, subject_id);
}

enum zh_err zh_store_plan_lessons_count(struct zh_db *db, int64_t year_id, int64_t class_id,
					int64_t subgroup_id, int64_t subject_id, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*)" LESSON_WHERE;
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_lessons(st, year_id, class_id, subgroup_id, subject_id);
	return zh_sq_scalar_id(db, st, n);
}

enum zh_err zh_store_plan_lessons(struct zh_db *db, struct zh_arena *a, int64_t year_id, int64_t class_id,
				  int64_t subgroup_id, int64_t subject_id, struct zh_plan_lesson **rows, size_t *n)
{
	static const char sql[] = "SELECT l.id, IFNULL(l.plan_topic_id, 0), l.date, l.topic, l.homework, l.lesson_number"
				  LESSON_WHERE " ORDER BY l.date, l.lesson_number, l.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	bind_lessons(st, year_id, class_id, subgroup_id, subject_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_plan_lesson *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->plan_topic_id = sqlite3_column_int64(st, 1);
		r->date = zh_sq_text(a, st, 2);
		r->topic = zh_sq_text(a, st, 3);
		r->homework = zh_sq_text(a, st, 4);
		r->lesson_number = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_plan_lesson_fill(struct zh_db *db, int64_t lesson_id, const char *topic,
				      const char *homework, int64_t plan_topic_id)
{
	static const char sql[] = "UPDATE lessons SET topic = ?, homework = CASE WHEN homework = '' THEN ? ELSE homework END,"
				  " plan_topic_id = ? WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, topic);
	zh_sq_bind_text(st, 2, homework ? homework : "");
	zh_sq_bind_id(st, 3, plan_topic_id);
	sqlite3_bind_int64(st, 4, lesson_id);
	return zh_sq_exec_done(db, st);
}
