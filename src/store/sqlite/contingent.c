/* contingent.c: SQLite statements for regions, schools, years, subjects, classes and links */
#include "store/sqlite/sq.h"

enum zh_err zh_store_region_insert(struct zh_db *db, const char *name, int64_t *id)
{
	static const char sql[] = "INSERT INTO regions(name, created_at) VALUES (?, strftime('%s','now'))";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, name);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_school_insert(struct zh_db *db, int64_t region_id, const char *name,
				   const char *short_name, const char *tz, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO schools(region_id, name, short_name, timezone, created_at)"
		" VALUES (?, ?, ?, ?, strftime('%s','now'))";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, region_id);
	zh_sq_bind_text(st, 2, name);
	zh_sq_bind_text(st, 3, short_name);
	zh_sq_bind_text(st, 4, tz ? tz : "Europe/Samara");
	return zh_sq_insert_id(db, st, id);
}

#define SCHOOL_COLS "s.id, s.region_id, s.name, s.short_name, s.timezone, r.name"

static void school_cols(struct zh_arena *a, sqlite3_stmt *st, struct zh_school_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->region_id = sqlite3_column_int64(st, 1);
	r->name = zh_sq_text(a, st, 2);
	r->short_name = zh_sq_text(a, st, 3);
	r->timezone = zh_sq_text(a, st, 4);
	r->region_name = zh_sq_text(a, st, 5);
}

enum zh_err zh_store_school_get(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_school_row *out)
{
	static const char sql[] =
		"SELECT " SCHOOL_COLS " FROM schools s JOIN regions r ON r.id = s.region_id WHERE s.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		school_cols(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_store_schools_list(struct zh_db *db, struct zh_arena *a,
				  struct zh_school_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT " SCHOOL_COLS " FROM schools s JOIN regions r ON r.id = s.region_id ORDER BY s.id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_school_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		school_cols(a, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_year_insert(struct zh_db *db, int64_t school_id, const char *name,
				 const char *start, const char *end, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO academic_years(school_id, name, start_date, end_date) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	zh_sq_bind_text(st, 3, start);
	zh_sq_bind_text(st, 4, end);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_subject_insert(struct zh_db *db, int64_t school_id, const char *name,
				    const char *short_name, int64_t *id)
{
	static const char sql[] = "INSERT INTO subjects(school_id, name, short_name) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	zh_sq_bind_text(st, 3, short_name);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_class_insert(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				  const char *letter, int64_t class_teacher_id, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO classes(school_id, year_id, grade, letter, name, class_teacher_id)"
		" VALUES (?1, ?2, ?3, ?4, ?3 || ?4, ?5)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, year_id);
	sqlite3_bind_int(st, 3, grade);
	zh_sq_bind_text(st, 4, letter);
	if (class_teacher_id)
		sqlite3_bind_int64(st, 5, class_teacher_id);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_class_student_add(struct zh_db *db, int64_t school_id, int64_t class_id,
				       int64_t student_id)
{
	/* a student is in one class at a time per year: ZH_ECONFLICT when already in one */
	static const char sql[] =
		"INSERT INTO class_students(school_id, class_id, student_id) SELECT ?1, ?2, ?3"
		" WHERE NOT EXISTS (SELECT 1 FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" WHERE cs.student_id = ?3 AND c.year_id = (SELECT year_id FROM classes WHERE id = ?2))";
	static const char student_sql[] =
		"INSERT OR IGNORE INTO students(school_id, person_id, status, enrolled_on)"
		" SELECT ?1, ?2, 'enrolled', y.start_date FROM classes c JOIN academic_years y ON y.id = c.year_id"
		" WHERE c.id = ?3";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, class_id);
	sqlite3_bind_int64(st, 3, student_id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (sqlite3_changes(db->h) == 0)
		return ZH_ECONFLICT;
	/* every student in a class is a student of the school */
	if (!(st = zh_sq_prep(db, student_sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_int64(st, 3, class_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_parent_link_add(struct zh_db *db, int64_t school_id, int64_t parent_id,
				     int64_t child_id, const char *relation)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO parent_links(school_id, parent_id, child_id, relation) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, parent_id);
	sqlite3_bind_int64(st, 3, child_id);
	zh_sq_bind_text(st, 4, relation ? relation : "");
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_teacher_subject_add(struct zh_db *db, int64_t school_id, int64_t teacher_id,
					 int64_t subject_id, int64_t class_id)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO teacher_load(school_id, year_id, teacher_id, class_id, subject_id)"
		" SELECT ?1, c.year_id, ?2, c.id, ?3 FROM classes c WHERE c.id = ?4 AND c.school_id = ?1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	sqlite3_bind_int64(st, 3, subject_id);
	sqlite3_bind_int64(st, 4, class_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_is_class_teacher(struct zh_db *db, int64_t school_id, int64_t person_id,
				      int64_t class_id, bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM classes WHERE id = ? AND school_id = ? AND class_teacher_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, person_id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_is_parent_of(struct zh_db *db, int64_t school_id, int64_t parent_id,
				  int64_t child_id, const char *today, bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM parent_links pl LEFT JOIN students s ON s.school_id = pl.school_id"
		" AND s.person_id = pl.child_id"
		" WHERE pl.parent_id = ? AND pl.child_id = ? AND pl.school_id = ?"
		/* a withdrawn or graduated child's parents lose access after the leaving date */
		" AND (s.left_on IS NULL OR s.status NOT IN ('withdrawn', 'graduated') OR s.left_on >= ?4)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, parent_id);
	sqlite3_bind_int64(st, 2, child_id);
	sqlite3_bind_int64(st, 3, school_id);
	zh_sq_bind_text(st, 4, today);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_teaches(struct zh_db *db, int64_t school_id, int64_t teacher_id,
			     int64_t class_id, int64_t subject_id, bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM teacher_load WHERE school_id = ? AND teacher_id = ? AND class_id = ?"
		" AND (? = 0 OR subject_id = ?4)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, teacher_id);
	sqlite3_bind_int64(st, 3, class_id);
	sqlite3_bind_int64(st, 4, subject_id);
	return zh_sq_exists(db, st, yes);
}

enum zh_err zh_store_student_class(struct zh_db *db, int64_t school_id, int64_t student_id,
				   int64_t *class_id)
{
	static const char sql[] =
		"SELECT cs.class_id FROM class_students cs JOIN classes c ON c.id = cs.class_id"
		" JOIN academic_years y ON y.id = c.year_id"
		" WHERE cs.school_id = ? AND cs.student_id = ? ORDER BY y.start_date DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*class_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}
