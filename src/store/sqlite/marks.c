/* marks.c: a lesson's marks, attendance, assignments, homework and the journal history (SQLite) */
#include "store/marks.h"
#include "store/sqlite/sq.h"

#include <string.h>

static const char *txt(struct zh_arena *a, sqlite3_stmt *st, int col)
{
	const char *s = zh_sq_text(a, st, col);
	return s ? s : "";
}

/* Runs a statement collecting rows with fn; always resets. */
#define COLLECT(db, st, body)                                                                                     \
	do {                                                                                                      \
		int rc_;                                                                                          \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW) {                                                  \
			body                                                                                      \
		}                                                                                                 \
		sqlite3_reset(st);                                                                                \
		return rc_ == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc_);                                           \
	} while (0)

#define PUSH_OR_FAIL(r, a, arr, n, cap)                                                                           \
	r = ZH_SQ_PUSH(a, arr, n, cap);                                                                           \
	if (!r) {                                                                                                 \
		sqlite3_reset(st);                                                                                \
		return ZH_ENOMEM;                                                                                 \
	}

enum zh_err zh_store_mk_lesson(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
			       struct zh_mk_lesson *out)
{
	static const char sql[] =
		"SELECT l.id, l.class_id, IFNULL(l.subgroup_id, 0), l.subject_id, l.teacher_id, l.period_id, c.year_id,"
		" l.date, l.status, l.topic, l.homework, c.grade, s.pass_fail, y.closed"
		" FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id"
		" JOIN academic_years y ON y.id = c.year_id WHERE l.school_id = ?1 AND l.id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->class_id = sqlite3_column_int64(st, 1);
	out->subgroup_id = sqlite3_column_int64(st, 2);
	out->subject_id = sqlite3_column_int64(st, 3);
	out->teacher_id = sqlite3_column_int64(st, 4);
	out->period_id = sqlite3_column_int64(st, 5);
	out->year_id = sqlite3_column_int64(st, 6);
	out->date = txt(a, st, 7);
	out->status = txt(a, st, 8);
	out->topic = txt(a, st, 9);
	out->homework = txt(a, st, 10);
	out->grade = sqlite3_column_int(st, 11);
	out->pass_fail = sqlite3_column_int(st, 12) != 0;
	out->year_closed = sqlite3_column_int(st, 13) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mk_group(struct zh_db *db, struct zh_arena *a, const struct zh_mk_lesson *l, int64_t **ids,
			      size_t *n)
{
	static const char by_class[] = "SELECT student_id FROM class_students WHERE class_id = ?1 ORDER BY student_id";
	static const char by_sub[] =
		"SELECT student_id FROM subgroup_students WHERE subgroup_id = ?1 ORDER BY student_id";
	sqlite3_stmt *st = zh_sq_prep(db, l->subgroup_id ? by_sub : by_class);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, l->subgroup_id ? l->subgroup_id : l->class_id);
	COLLECT(db, st, {
		int64_t *r;
		PUSH_OR_FAIL(r, a, *ids, *n, cap);
		*r = sqlite3_column_int64(st, 0);
	});
}

/* ---- marks and attendance ---- */

enum zh_err zh_store_mk_marks(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_mark_row **rows,
			      size_t *n)
{
	static const char sql[] = "SELECT id, assignment_id, student_id, kind, IFNULL(value, 0), comment"
				  " FROM marks WHERE lesson_id = ?1 ORDER BY student_id, assignment_id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	COLLECT(db, st, {
		struct zh_mark_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		r->id = sqlite3_column_int64(st, 0);
		r->lesson_id = lesson_id;
		r->assignment_id = sqlite3_column_int64(st, 1);
		r->student_id = sqlite3_column_int64(st, 2);
		r->kind = txt(a, st, 3);
		r->value = sqlite3_column_int(st, 4);
		r->comment = txt(a, st, 5);
	});
}

enum zh_err zh_store_mk_attendance(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_att_row **rows,
				   size_t *n)
{
	static const char sql[] = "SELECT student_id, code, reason, comment FROM attendance WHERE lesson_id = ?1"
				  " ORDER BY student_id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	COLLECT(db, st, {
		struct zh_att_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		r->lesson_id = lesson_id;
		r->student_id = sqlite3_column_int64(st, 0);
		r->code = txt(a, st, 1);
		r->reason = zh_sq_text(a, st, 2);
		r->comment = txt(a, st, 3);
	});
}

static void bind_kind_value(sqlite3_stmt *st, int i, const struct zh_mark_row *m)
{
	sqlite3_bind_text(st, i, m->kind, -1, SQLITE_STATIC);
	if (strcmp(m->kind, "mark") == 0)
		sqlite3_bind_int(st, i + 1, m->value);
	else
		sqlite3_bind_null(st, i + 1);
	zh_sq_bind_text(st, i + 2, m->comment ? m->comment : "");
}

enum zh_err zh_store_mk_mark_insert(struct zh_db *db, int64_t school_id, const struct zh_mark_row *m, int64_t by,
				    int64_t now, int64_t *id)
{
	static const char sql[] =
		/* marks.id is AUTOINCREMENT: a removed mark's id (its history's key) is never reused */
		"INSERT INTO marks(school_id, lesson_id, assignment_id, student_id, kind, value, comment, created_by,"
		" created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, m->lesson_id);
	sqlite3_bind_int64(st, 3, m->assignment_id);
	sqlite3_bind_int64(st, 4, m->student_id);
	bind_kind_value(st, 5, m);
	zh_sq_bind_id(st, 8, by);
	sqlite3_bind_int64(st, 9, now);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_mk_mark_update(struct zh_db *db, const struct zh_mark_row *m, int64_t by, int64_t now)
{
	static const char sql[] =
		"UPDATE marks SET kind = ?2, value = ?3, comment = ?4, updated_by = ?5, updated_at = ?6 WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, m->id);
	bind_kind_value(st, 2, m);
	zh_sq_bind_id(st, 5, by);
	sqlite3_bind_int64(st, 6, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_mark_delete(struct zh_db *db, int64_t id)
{
	static const char sql[] = "DELETE FROM marks WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_att_put(struct zh_db *db, int64_t school_id, const struct zh_att_row *r, int64_t by,
				int64_t now)
{
	static const char sql[] =
		"INSERT INTO attendance(school_id, lesson_id, student_id, code, reason, comment, updated_by, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(lesson_id, student_id) DO UPDATE SET"
		" code = excluded.code, reason = excluded.reason, comment = excluded.comment,"
		" updated_by = excluded.updated_by, updated_at = excluded.updated_at";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->lesson_id);
	sqlite3_bind_int64(st, 3, r->student_id);
	zh_sq_bind_text(st, 4, r->code);
	zh_sq_bind_text(st, 5, r->reason);
	zh_sq_bind_text(st, 6, r->comment ? r->comment : "");
	zh_sq_bind_id(st, 7, by);
	sqlite3_bind_int64(st, 8, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_att_delete(struct zh_db *db, int64_t lesson_id, int64_t student_id)
{
	static const char sql[] = "DELETE FROM attendance WHERE lesson_id = ?1 AND student_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	sqlite3_bind_int64(st, 2, student_id);
	return zh_sq_exec_done(db, st);
}

/* ---- assignments ---- */

#define ASG_COLS                                                                                                  \
	"SELECT a.id, a.lesson_id, a.work_type_id, a.weight, w.name, w.short_name, a.description, a.due_date,"   \
	" a.position FROM assignments a JOIN work_types w ON w.id = a.work_type_id"

static void asg_row(struct zh_arena *a, sqlite3_stmt *st, struct zh_assignment_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->lesson_id = sqlite3_column_int64(st, 1);
	r->work_type_id = sqlite3_column_int64(st, 2);
	r->weight = sqlite3_column_double(st, 3);
	r->work_type = txt(a, st, 4);
	r->short_name = txt(a, st, 5);
	r->description = txt(a, st, 6);
	r->due_date = zh_sq_text(a, st, 7);
	r->position = sqlite3_column_int(st, 8);
}

enum zh_err zh_store_mk_assignments(struct zh_db *db, struct zh_arena *a, int64_t lesson_id,
				    struct zh_assignment_row **rows, size_t *n)
{
	static const char sql[] = ASG_COLS " WHERE a.lesson_id = ?1 ORDER BY a.position, a.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	COLLECT(db, st, {
		struct zh_assignment_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		asg_row(a, st, r);
	});
}

enum zh_err zh_store_mk_assignment_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				       struct zh_assignment_row *out)
{
	static const char sql[] = ASG_COLS " WHERE a.school_id = ?1 AND a.id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	memset(out, 0, sizeof *out);
	asg_row(a, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mk_assignment_insert(struct zh_db *db, int64_t school_id, const struct zh_assignment_row *r,
					  int64_t by, int64_t now, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO assignments(school_id, lesson_id, work_type_id, weight, description, due_date, position,"
		" created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" (SELECT IFNULL(MAX(position), -1) + 1 FROM assignments WHERE lesson_id = ?2), ?7, ?8)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->lesson_id);
	sqlite3_bind_int64(st, 3, r->work_type_id);
	sqlite3_bind_double(st, 4, r->weight);
	zh_sq_bind_text(st, 5, r->description ? r->description : "");
	zh_sq_bind_text(st, 6, r->due_date);
	zh_sq_bind_id(st, 7, by);
	sqlite3_bind_int64(st, 8, now);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_mk_assignment_update(struct zh_db *db, const struct zh_assignment_row *r)
{
	static const char sql[] =
		"UPDATE assignments SET work_type_id = ?2, weight = ?3, description = ?4, due_date = ?5 WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->work_type_id);
	sqlite3_bind_double(st, 3, r->weight);
	zh_sq_bind_text(st, 4, r->description ? r->description : "");
	zh_sq_bind_text(st, 5, r->due_date);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_assignment_delete(struct zh_db *db, int64_t id)
{
	static const char sql[] = "DELETE FROM assignments WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_assignment_has_marks(struct zh_db *db, int64_t id, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM marks WHERE assignment_id = ?1 LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_mk_default_work_type(struct zh_db *db, int64_t school_id, int64_t *id, double *weight)
{
	static const char sql[] =
		"SELECT id, weight FROM work_types WHERE school_id = ?1 AND archived = 0"
		" ORDER BY name <> 'Работа на уроке', id LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	*id = 0;
	*weight = 1;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	e = zh_sq_step_one(db, st);
	if (e == ZH_ENOTFOUND)
		return ZH_OK;
	if (e)
		return e;
	*id = sqlite3_column_int64(st, 0);
	*weight = sqlite3_column_double(st, 1);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mk_work_type(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				  const char **name, double *weight)
{
	static const char sql[] =
		"SELECT name, weight FROM work_types WHERE school_id = ?1 AND id = ?2 AND archived = 0";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	*name = txt(a, st, 0);
	*weight = sqlite3_column_double(st, 1);
	sqlite3_reset(st);
	return ZH_OK;
}

/* ---- lesson content ---- */

enum zh_err zh_store_mk_content_set(struct zh_db *db, int64_t lesson_id, const char *topic, const char *homework)
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

enum zh_err zh_store_mk_indiv_list(struct zh_db *db, struct zh_arena *a, int64_t lesson_id,
				   struct zh_indiv_hw_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT student_id, text FROM homework_individual WHERE lesson_id = ?1 ORDER BY student_id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	COLLECT(db, st, {
		struct zh_indiv_hw_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		r->student_id = sqlite3_column_int64(st, 0);
		r->text = txt(a, st, 1);
	});
}

enum zh_err zh_store_mk_indiv_replace(struct zh_db *db, int64_t school_id, int64_t lesson_id,
				      const struct zh_indiv_hw_row *rows, size_t n)
{
	static const char del[] = "DELETE FROM homework_individual WHERE lesson_id = ?1";
	static const char ins[] =
		"INSERT INTO homework_individual(school_id, lesson_id, student_id, text) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = zh_sq_prep(db, del);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	for (size_t i = 0; i < n; i++) {
		if (!(st = zh_sq_prep(db, ins)))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, lesson_id);
		sqlite3_bind_int64(st, 3, rows[i].student_id);
		zh_sq_bind_text(st, 4, rows[i].text);
		if ((e = zh_sq_exec_done(db, st)))
			return e;
	}
	return ZH_OK;
}

/* ---- homework files ---- */

enum zh_err zh_store_mk_file_insert(struct zh_db *db, int64_t school_id, const struct zh_hwfile_row *f, int64_t by,
				    int64_t now, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO homework_files(school_id, lesson_id, student_id, name, mime, size, data, created_by,"
		" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, f->lesson_id);
	zh_sq_bind_id(st, 3, f->student_id);
	zh_sq_bind_text(st, 4, f->name);
	zh_sq_bind_text(st, 5, f->mime);
	sqlite3_bind_int64(st, 6, f->size);
	sqlite3_bind_blob64(st, 7, f->data ? f->data : "", (sqlite3_uint64)f->size, SQLITE_STATIC);
	zh_sq_bind_id(st, 8, by);
	sqlite3_bind_int64(st, 9, now);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_mk_file_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id, bool with_data,
				 struct zh_hwfile_row *out)
{
	static const char meta[] = "SELECT id, lesson_id, IFNULL(student_id, 0), name, mime, size, NULL"
				   " FROM homework_files WHERE school_id = ?1 AND id = ?2";
	static const char full[] = "SELECT id, lesson_id, IFNULL(student_id, 0), name, mime, size, data"
				   " FROM homework_files WHERE school_id = ?1 AND id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, with_data ? full : meta);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->lesson_id = sqlite3_column_int64(st, 1);
	out->student_id = sqlite3_column_int64(st, 2);
	out->name = txt(a, st, 3);
	out->mime = txt(a, st, 4);
	out->size = sqlite3_column_int64(st, 5);
	if (with_data) {
		const void *b = sqlite3_column_blob(st, 6);
		size_t len = (size_t)sqlite3_column_bytes(st, 6);
		void *copy = zh_arena_alloc(a, len ? len : 1);
		if (!copy) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		if (len)
			memcpy(copy, b, len);
		out->data = copy;
		out->size = (int64_t)len;
	}
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_mk_file_delete(struct zh_db *db, int64_t id)
{
	static const char sql[] = "DELETE FROM homework_files WHERE id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_mk_self_or_child_in(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const struct zh_mk_lesson *l, int64_t student_id, bool *yes)
{
	/* candidates: the actor and the actor's children; then membership of the group */
	static const char sql[] =
		"WITH me(p) AS (SELECT ?2 UNION SELECT child_id FROM parent_links WHERE school_id = ?1 AND parent_id = ?2)"
		" SELECT 1 FROM me WHERE (?5 = 0 OR me.p = ?5) AND ("
		"  (?4 <> 0 AND EXISTS (SELECT 1 FROM subgroup_students s WHERE s.subgroup_id = ?4 AND s.student_id = me.p))"
		"  OR (?4 = 0 AND EXISTS (SELECT 1 FROM class_students c WHERE c.class_id = ?3 AND c.student_id = me.p)))"
		" LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_int64(st, 3, l->class_id);
	sqlite3_bind_int64(st, 4, l->subgroup_id);
	sqlite3_bind_int64(st, 5, student_id);
	return zh_sq_exists(db, st, yes);
}

/* ---- journal history ---- */

enum zh_err zh_store_jhist_insert(struct zh_db *db, int64_t school_id, const struct zh_jhist_row *r)
{
	static const char sql[] =
		"INSERT INTO journal_history(school_id, entity, entity_id, lesson_id, student_id, subject_id, user_id,"
		" unlock_id, at, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_text(st, 2, r->entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->entity_id);
	zh_sq_bind_id(st, 4, r->lesson_id);
	zh_sq_bind_id(st, 5, r->student_id);
	zh_sq_bind_id(st, 6, r->subject_id);
	zh_sq_bind_id(st, 7, r->user_id);
	zh_sq_bind_id(st, 8, r->unlock_id);
	sqlite3_bind_int64(st, 9, r->at);
	zh_sq_bind_text(st, 10, r->old_value);
	zh_sq_bind_text(st, 11, r->new_value);
	return zh_sq_exec_done(db, st);
}

#define JH_COLS                                                                                                   \
	"SELECT h.id, h.entity, h.entity_id, IFNULL(h.lesson_id, 0), IFNULL(h.student_id, 0),"                  \
	" IFNULL(h.subject_id, 0), IFNULL(h.user_id, 0), IFNULL(h.unlock_id, 0), h.at, h.old_value, h.new_value," \
	" CASE WHEN p.id IS NULL THEN u.login ELSE p.last_name || ' ' || p.first_name ||"                         \
	" CASE WHEN IFNULL(p.middle_name, '') <> '' THEN ' ' || p.middle_name ELSE '' END END"                                \
	" FROM journal_history h LEFT JOIN users u ON u.id = h.user_id LEFT JOIN persons p ON p.id = u.person_id"

static void jh_row(struct zh_arena *a, sqlite3_stmt *st, struct zh_jhist_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->entity = txt(a, st, 1);
	r->entity_id = sqlite3_column_int64(st, 2);
	r->lesson_id = sqlite3_column_int64(st, 3);
	r->student_id = sqlite3_column_int64(st, 4);
	r->subject_id = sqlite3_column_int64(st, 5);
	r->user_id = sqlite3_column_int64(st, 6);
	r->unlock_id = sqlite3_column_int64(st, 7);
	r->at = sqlite3_column_int64(st, 8);
	r->old_value = zh_sq_text(a, st, 9);
	r->new_value = zh_sq_text(a, st, 10);
	r->user_name = zh_sq_text(a, st, 11);
}

enum zh_err zh_store_jhist_entity(struct zh_db *db, struct zh_arena *a, int64_t school_id, const char *entity,
				  int64_t entity_id, struct zh_jhist_row **rows, size_t *n)
{
	static const char sql[] = JH_COLS " WHERE h.entity = ?2 AND h.entity_id = ?3 AND h.school_id = ?1 ORDER BY h.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, entity_id);
	COLLECT(db, st, {
		struct zh_jhist_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		jh_row(a, st, r);
	});
}

enum zh_err zh_store_jhist_mark_origin(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t mark_id,
				       struct zh_mark_row *m, struct zh_jhist_row *h)
{
	static const char sql[] =
		"SELECT m.lesson_id, m.assignment_id, m.student_id, m.kind, IFNULL(m.value, 0), m.comment,"
		" IFNULL(m.created_by, 0), m.created_at, l.subject_id,"
		" CASE WHEN p.id IS NULL THEN u.login ELSE p.last_name || ' ' || p.first_name ||"
		" CASE WHEN IFNULL(p.middle_name, '') <> '' THEN ' ' || p.middle_name ELSE '' END END"
		" FROM marks m JOIN lessons l ON l.id = m.lesson_id"
		" LEFT JOIN users u ON u.id = m.created_by LEFT JOIN persons p ON p.id = u.person_id"
		" WHERE m.id = ?1 AND m.school_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, mark_id);
	sqlite3_bind_int64(st, 2, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	memset(m, 0, sizeof *m);
	memset(h, 0, sizeof *h);
	m->id = h->entity_id = mark_id;
	m->lesson_id = h->lesson_id = sqlite3_column_int64(st, 0);
	m->assignment_id = sqlite3_column_int64(st, 1);
	m->student_id = h->student_id = sqlite3_column_int64(st, 2);
	m->kind = txt(a, st, 3);
	m->value = sqlite3_column_int(st, 4);
	m->comment = txt(a, st, 5);
	h->entity = "mark";
	h->user_id = sqlite3_column_int64(st, 6);
	h->at = sqlite3_column_int64(st, 7);
	h->subject_id = sqlite3_column_int64(st, 8);
	h->user_name = zh_sq_text(a, st, 9);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_jhist_lesson(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t lesson_id,
				  int64_t student_id, struct zh_jhist_row **rows, size_t *n)
{
	static const char content[] = JH_COLS " WHERE h.entity = 'lesson' AND h.entity_id = ?2 AND h.school_id = ?1"
					      " ORDER BY h.id";
	static const char cells[] = JH_COLS " WHERE h.lesson_id = ?2 AND h.student_id = ?3 AND h.school_id = ?1"
					    " AND h.entity IN ('mark', 'attendance') ORDER BY h.id";
	sqlite3_stmt *st = zh_sq_prep(db, student_id ? cells : content);
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, lesson_id);
	if (student_id)
		sqlite3_bind_int64(st, 3, student_id);
	COLLECT(db, st, {
		struct zh_jhist_row *r;
		PUSH_OR_FAIL(r, a, *rows, *n, cap);
		jh_row(a, st, r);
	});
}
