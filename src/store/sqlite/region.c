/* region.c: SQL of the region-size dataset (zhurnal demo --region-size). One raw connection to a
 * freshly made demo database: the demo school is the template; its term is filled with marks,
 * then every school-scoped table is copied per school with INSERT … SELECT. The copy statements
 * are built from the schema (PRAGMA table_info / foreign_key_list): an INTEGER PRIMARY KEY and
 * every reference to a copied table move by k × (the table's maximal id), school_id becomes the
 * new school, user columns (created_by …) move with the users. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unicode/ucol.h>

#include "core/fold.h"
#include "store/region.h"

#define MAX_TABLES 64

struct tinfo {
	char name[64];
	int64_t off;      /* max(id) of the template; 0 = no integer key */
	int64_t maxrow;   /* max(rowid) before the copies (rowid tables), 0 for WITHOUT ROWID */
	char range[160];  /* WITHOUT ROWID: a bound on the key's first column, e.g. "lesson_id <= 27321" */
	char *sql;        /* the copy statement */
	sqlite3_stmt *st;
};

struct zh_region_bulk {
	sqlite3 *h;
	UCollator *col;
	struct tinfo t[MAX_TABLES];
	int nt;
	int64_t school;   /* template school */
	int64_t off_schools;
	unsigned seed;
	int nsurnames;
	int mark_min, mark_max;
	char **index_sql;  /* the secondary indexes dropped for the copies, recreated by zh_region_indexes */
	int nindex;
};

/* The school-scoped tables that are copied (others, e.g. sessions, audit, history, stay empty). */
static const char *const COPIED[] = {
	"schools", "persons", "users", "user_roles", "access_matrix", "academic_years", "subjects", "classes",
	"class_students", "parent_links", "school_cards", "school_settings", "work_types", "attendance_codes",
	"mark_codes", "positions", "rooms", "year_period_kinds", "periods", "holidays", "subgroups",
	"subgroup_students", "curriculum", "teacher_load", "students", "staff", "person_cards",
	"staff_positions", "movements", "bell_schedules", "bells", "timetable_entries", "lessons",
	"lesson_changes", "events", "notifications", "plans", "plan_topics", "assignments", "marks",
	"attendance", "homework_individual", "final_marks",
};

/* Columns holding a users.id without a declared reference. */
static const char *const USER_COLS[] = { "created_by", "updated_by", "decided_by", "requested_by",
					 "approved_by", "done_by", "user_id" };

/* ---------------------------------------------------------------- SQL functions */

static int ru_collate(void *arg, int la, const void *a, int lb, const void *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8((UCollator *)arg, a, la, b, lb, &st);
	if (U_FAILURE(st)) {
		int m = memcmp(a, b, (size_t)(la < lb ? la : lb));
		return m ? m : la - lb;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = zh_fold_dup(s, (size_t)sqlite3_value_bytes(argv[0]));
	if (!f) {
		sqlite3_result_error(ctx, "zh_fold: invalid text", -1);
		return;
	}
	sqlite3_result_text(ctx, f, -1, free);
}

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* rg_hash(a, b, c): a deterministic non-negative 63-bit hash of three integers. */
static void hash_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	uint64_t h = 0x51ed27ull;
	for (int i = 0; i < argc; i++)
		h = mix64(h ^ ((uint64_t)sqlite3_value_int64(argv[i]) * 0x9e3779b97f4a7c15ull));
	sqlite3_result_int64(ctx, (int64_t)(h >> 1));
}

/* ---------------------------------------------------------------- helpers */

static enum zh_err dberr(struct zh_region_bulk *b, struct zh_fail *f, const char *what)
{
	return zh_fail_set(f, ZH_EDB, "region_db", "", "Регион: %s: %s", what, sqlite3_errmsg(b->h));
}

static enum zh_err exec(struct zh_region_bulk *b, const char *sql, struct zh_fail *f)
{
	char *err = NULL;
	if (sqlite3_exec(b->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		zh_fail_set(f, ZH_EDB, "region_db", "", "Регион: %.60s: %s", sql, err ? err : "?");
		sqlite3_free(err);
		return ZH_EDB;
	}
	return ZH_OK;
}

/* Named parameters: ":s" school, ":seed", and the others each statement uses. */
struct prm {
	const char *name;
	int64_t i;
	const char *t;
	double d;
	int kind; /* 0 int, 1 text, 2 double */
};

static void bind_all(sqlite3_stmt *st, const struct prm *p, int n)
{
	for (int k = 0; k < n; k++) {
		int idx = sqlite3_bind_parameter_index(st, p[k].name);
		if (!idx)
			continue;
		if (p[k].kind == 1)
			sqlite3_bind_text(st, idx, p[k].t, -1, SQLITE_TRANSIENT);
		else if (p[k].kind == 2)
			sqlite3_bind_double(st, idx, p[k].d);
		else
			sqlite3_bind_int64(st, idx, p[k].i);
	}
}

/* Runs sql with the parameters; the first column of the first row into *out (when given). */
static enum zh_err run(struct zh_region_bulk *b, const char *sql, const struct prm *p, int n, int64_t *out,
		       struct zh_fail *f)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(b->h, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(b, f, sql);
	bind_all(st, p, n);
	if (out)
		*out = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out) {
			*out = sqlite3_column_int64(st, 0);
			out = NULL;
		}
	if (rc != SQLITE_DONE) {
		enum zh_err e = dberr(b, f, sql);
		sqlite3_finalize(st);
		return e;
	}
	sqlite3_finalize(st);
	return ZH_OK;
}

static enum zh_err text1(struct zh_region_bulk *b, const char *sql, const struct prm *p, int n, char *out,
			 size_t cap, struct zh_fail *f)
{
	sqlite3_stmt *st;
	int rc;
	out[0] = '\0';
	if (sqlite3_prepare_v2(b->h, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(b, f, sql);
	bind_all(st, p, n);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : dberr(b, f, sql);
}

#define P_INT(n, v) { .name = (n), .i = (int64_t)(v), .kind = 0 }
#define P_TXT(n, v) { .name = (n), .t = (v), .kind = 1 }
#define P_DBL(n, v) { .name = (n), .d = (v), .kind = 2 }
#define NP(a) ((int)(sizeof(a) / sizeof *(a)))

/* ---------------------------------------------------------------- open / close */

enum zh_err zh_region_bulk_open(const char *path, struct zh_region_bulk **out, struct zh_fail *f)
{
	struct zh_region_bulk *b = calloc(1, sizeof *b);
	UErrorCode st = U_ZERO_ERROR;
	enum zh_err e;
	if (!b)
		return ZH_ENOMEM;
	if (sqlite3_open_v2(path, &b->h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		e = zh_fail_set(f, ZH_EIO, "db_open", "", "Не удалось открыть базу данных %s: %s", path,
				b->h ? sqlite3_errmsg(b->h) : "?");
		sqlite3_close(b->h);
		free(b);
		return e;
	}
	b->col = ucol_open("ru", &st);
	if (U_FAILURE(st) || !b->col) {
		sqlite3_close(b->h);
		free(b);
		return zh_fail_set(f, ZH_EINTERNAL, "icu", "", "ICU: нет правил сортировки ru");
	}
	sqlite3_create_collation_v2(b->h, "ru", SQLITE_UTF8, b->col, ru_collate, NULL);
	sqlite3_create_function(b->h, "zh_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_fn, NULL, NULL);
	sqlite3_create_function(b->h, "rg_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, hash_fn, NULL, NULL);
	/* generation only: a failed run leaves a file to delete, never a half-consistent store */
	if ((e = exec(b,
		      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
		      "PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-1048576;"
		      "PRAGMA mmap_size=0;"
		      /* the diary cache's generation triggers stay quiet during the copy (0016) */
		      "INSERT INTO bulk_load(started_at) VALUES (strftime('%s','now'));",
		      f))) {
		sqlite3_close(b->h);
		ucol_close(b->col);
		free(b);
		return e;
	}
	*out = b;
	return ZH_OK;
}

enum zh_err zh_region_bulk_close(struct zh_region_bulk *b, int ok, struct zh_fail *f)
{
	enum zh_err e = ZH_OK;
	if (!b)
		return ZH_OK;
	for (int i = 0; i < b->nt; i++) {
		sqlite3_finalize(b->t[i].st);
		free(b->t[i].sql);
	}
	for (int i = 0; i < b->nindex; i++)
		free(b->index_sql[i]);
	free(b->index_sql);
	if (ok)
		e = exec(b,
			 "DELETE FROM bulk_load;"
			 "INSERT INTO school_gen(school_id, gen) SELECT id, 1 FROM schools WHERE true"
			 " ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1;"
			 "PRAGMA locking_mode=NORMAL; PRAGMA synchronous=FULL; PRAGMA journal_mode=WAL;",
			 f);
	sqlite3_close(b->h);
	ucol_close(b->col);
	free(b);
	return e;
}

enum zh_err zh_region_surname(struct zh_region_bulk *b, int i, const char *masc, const char *fem)
{
	struct zh_fail f = { 0 };
	struct prm p[] = { P_INT(":i", i), P_TXT(":m", masc), P_TXT(":f", fem) };
	enum zh_err e;
	if (b->nsurnames == 0 &&
	    (e = exec(b, "CREATE TEMP TABLE IF NOT EXISTS rg_surname(i INTEGER PRIMARY KEY, m TEXT, f TEXT)", &f)))
		return e;
	if (i + 1 > b->nsurnames)
		b->nsurnames = i + 1;
	return run(b, "INSERT OR REPLACE INTO temp.rg_surname(i, m, f) VALUES (:i, :m, :f)", p, NP(p), NULL, &f);
}

/* ---------------------------------------------------------------- the template */

enum zh_err zh_region_template(struct zh_region_bulk *b, struct zh_region_template *t, struct zh_fail *f)
{
	enum zh_err e;
	int64_t n;
	memset(t, 0, sizeof *t);
	if ((e = run(b, "SELECT count(*) FROM schools", NULL, 0, &n, f)))
		return e;
	if (n != 1)
		return zh_fail_set(f, ZH_ECONFLICT, "region_template", "",
				   "Регион строится из одной демо-школы, а в базе школ: %lld", (long long)n);
	if ((e = run(b, "SELECT id FROM schools", NULL, 0, &t->school_id, f)))
		return e;
	b->school = t->school_id;
	struct prm p[] = { P_INT(":s", t->school_id) };
	static const char term[] =
		"SELECT coalesce((SELECT max(end_date) FROM periods WHERE school_id = :s AND kind = 'half' AND number = 1),"
		" (SELECT max(end_date) FROM periods WHERE school_id = :s AND number = 2))";
	if ((e = text1(b, "SELECT min(start_date) FROM academic_years WHERE school_id = :s", p, NP(p), t->term_start,
		       sizeof t->term_start, f)) ||
	    (e = text1(b, term, p, NP(p), t->term_end, sizeof t->term_end, f)))
		return e;
	if (!t->term_start[0] || !t->term_end[0])
		return zh_fail_set(f, ZH_ENOTFOUND, "region_template", "", "Регион: у демо-школы нет учебного года");
	if ((e = run(b, "SELECT count(*) FROM students WHERE school_id = :s AND status = 'enrolled'", p, NP(p),
		     &t->students, f)) ||
	    (e = run(b, "SELECT count(DISTINCT parent_id) FROM parent_links WHERE school_id = :s", p, NP(p), &t->parents,
		     f)) ||
	    (e = run(b, "SELECT count(DISTINCT teacher_id) FROM teacher_load WHERE school_id = :s", p, NP(p),
		     &t->teachers, f)) ||
	    (e = run(b, "SELECT count(*) FROM users", NULL, 0, &t->users, f)) ||
	    (e = run(b, "SELECT count(*) FROM lessons WHERE school_id = :s", p, NP(p), &t->lessons, f)) ||
	    (e = run(b, "SELECT count(*) FROM marks WHERE school_id = :s", p, NP(p), &t->marks, f)) ||
	    (e = run(b, "SELECT count(*) FROM attendance WHERE school_id = :s", p, NP(p), &t->attendance, f)))
		return e;
	if ((e = run(b, "SELECT coalesce((SELECT mark_min FROM school_settings WHERE school_id = :s), 2)", p, NP(p), &n,
		     f)))
		return e;
	b->mark_min = (int)n;
	if ((e = run(b, "SELECT coalesce((SELECT mark_max FROM school_settings WHERE school_id = :s), 5)", p, NP(p), &n,
		     f)))
		return e;
	b->mark_max = (int)n;
	return ZH_OK;
}

/* ---------------------------------------------------------------- densify */

/* The students of a lesson: its class, or its subgroup, enrolled on its date. */
#define LESSON_STUDENT_OK(L, SID)                                                                              \
	"(" L ".subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = " L      \
	".subgroup_id AND ss.student_id = " SID "))"                                                           \
	" AND NOT EXISTS (SELECT 1 FROM students su WHERE su.school_id = :s AND su.person_id = " SID          \
	" AND (su.status <> 'enrolled' OR (su.left_on IS NOT NULL AND su.left_on < " L ".date)))"

enum zh_err zh_region_densify(struct zh_region_bulk *b, const struct zh_region_template *t, unsigned seed,
			      int marks_per_student, int64_t *added_marks, int64_t *added_attendance,
			      struct zh_fail *f)
{
	enum zh_err e;
	char last[11];
	int64_t wt = 0, wtw_milli = 0, n0, n1, att_rows, att_slots, existing, cands;
	double weight;
	struct prm base[] = { P_INT(":s", t->school_id), P_TXT(":start", t->term_start), P_TXT(":end", t->term_end),
			      P_INT(":seed", seed) };

	b->seed = seed;
	if ((e = exec(b, "BEGIN", f)))
		return e;
	/* 0. a login for every student and parent (the demo leaves the students enrolled during the
	 * year without one): the shared password hash, login "student<id>" / "parent<id>" */
	static const char accounts[] =
		"INSERT INTO users(person_id, login, pw_hash, must_change, created_at)"
		" SELECT x.id, x.kind || x.id, (SELECT pw_hash FROM users ORDER BY id LIMIT 1), 0, strftime('%s','now')"
		" FROM (SELECT person_id AS id, 'student' AS kind FROM students WHERE school_id = :s AND status = 'enrolled'"
		"       UNION SELECT parent_id, 'parent' FROM parent_links WHERE school_id = :s) x"
		" WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = x.id)";
	static const char roles[] =
		"INSERT OR IGNORE INTO user_roles(user_id, school_id, role_id)"
		" SELECT u.id, :s, CASE WHEN u.login LIKE 'student%' THEN 2 ELSE 5 END FROM users u"
		" WHERE (u.login GLOB 'student[0-9]*' OR u.login GLOB 'parent[0-9]*')"
		" AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)";
	if ((e = run(b, accounts, base, NP(base), NULL, f)) || (e = run(b, roles, base, NP(base), NULL, f)))
		goto fail;
	/* 1. topics and homework where missing (the КТП topic when one is applied) */
	static const char topics[] =
		"UPDATE lessons SET topic = coalesce((SELECT title FROM plan_topics pt WHERE pt.id = lessons.plan_topic_id),"
		" 'Повторение и закрепление изученного'),"
		" homework = CASE WHEN homework = '' THEN '§ ' || (1 + rg_hash(:seed, id, 1) % 30) || ', упр. ' ||"
		" (1 + rg_hash(:seed, id, 2) % 300) ELSE homework END"
		" WHERE school_id = :s AND status = 'planned' AND date BETWEEN :start AND :end AND topic = ''";
	if ((e = run(b, topics, base, NP(base), NULL, f)))
		goto fail;
	/* 2. an assignment «Работа на уроке» for every gradable lesson without one */
	if ((e = run(b,
		     "SELECT id FROM work_types WHERE school_id = :s AND archived = 0"
		     " ORDER BY name <> 'Работа на уроке', weight, id LIMIT 1",
		     base, NP(base), &wt, f)) ||
	    (e = run(b, "SELECT CAST(round(weight * 1000) AS INTEGER) FROM work_types WHERE id = :wt",
		     (struct prm[]){ P_INT(":wt", wt) }, 1, &wtw_milli, f)))
		goto fail;
	weight = wtw_milli > 0 ? (double)wtw_milli / 1000.0 : 1.0;
	static const char assign[] =
		"INSERT INTO assignments(school_id, lesson_id, work_type_id, weight, description, due_date, position,"
		" created_by, created_at)"
		" SELECT l.school_id, l.id, :wt, :w, '', NULL, 0, (SELECT u.id FROM users u WHERE u.person_id = l.teacher_id),"
		" strftime('%s', l.date) + 32400"
		" FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects sj ON sj.id = l.subject_id"
		" WHERE l.school_id = :s AND l.status = 'planned' AND l.date BETWEEN :start AND :end AND c.grade >= 2"
		" AND sj.pass_fail = 0 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.lesson_id = l.id)";
	struct prm ap[] = { P_INT(":s", t->school_id), P_TXT(":start", t->term_start), P_TXT(":end", t->term_end),
			    P_INT(":wt", wt), P_DBL(":w", weight) };
	if (wt && (e = run(b, assign, ap, NP(ap), NULL, f)))
		goto fail;
	/* 3. absences after the last recorded day, at the recorded rate */
	if ((e = text1(b,
		       "SELECT max(l.date) FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE a.school_id = :s",
		       base, NP(base), last, sizeof last, f)))
		goto fail;
	if (!last[0])
		snprintf(last, sizeof last, "%s", t->term_start);
	struct prm lp[] = { P_INT(":s", t->school_id), P_TXT(":start", t->term_start), P_TXT(":last", last),
			    P_TXT(":end", t->term_end), P_INT(":seed", seed) };
	if ((e = run(b, "SELECT count(*) FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE a.school_id = :s",
		     lp, NP(lp), &att_rows, f)) ||
	    (e = run(b,
		     "SELECT count(*) FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id"
		     " WHERE l.school_id = :s AND l.status = 'planned' AND l.date BETWEEN :start AND :last AND "
		     LESSON_STUDENT_OK("l", "cs.student_id"),
		     lp, NP(lp), &att_slots, f)))
		goto fail;
	double rate = att_slots > 0 ? (double)att_rows / (double)att_slots : 0.03;
	static const char absences[] =
		"INSERT INTO attendance(school_id, lesson_id, student_id, code, reason, comment, updated_by, updated_at)"
		" SELECT :s, l.id, cs.student_id,"
		" CASE rg_hash(:seed, l.id, cs.student_id, 3) % 10 WHEN 0 THEN 'О' WHEN 1 THEN 'О' WHEN 2 THEN 'Б'"
		" WHEN 3 THEN 'Б' WHEN 4 THEN 'Б' ELSE 'Н' END, NULL, '', NULL, strftime('%s', l.date) + 32400"
		" FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id"
		" WHERE l.school_id = :s AND l.status = 'planned' AND l.date > :last AND l.date <= :end AND "
		LESSON_STUDENT_OK("l", "cs.student_id")
		" AND rg_hash(:seed, l.id, cs.student_id, 2) % 1000000 < :p";
	struct prm abp[] = { P_INT(":s", t->school_id), P_TXT(":last", last), P_TXT(":end", t->term_end),
			     P_INT(":seed", seed), P_INT(":p", (int64_t)(rate * 1e6)) };
	if ((e = run(b, "SELECT count(*) FROM attendance", NULL, 0, &n0, f)) ||
	    (e = run(b, absences, abp, NP(abp), NULL, f)) ||
	    (e = run(b, "SELECT count(*) FROM attendance", NULL, 0, &n1, f)))
		goto fail;
	*added_attendance += n1 - n0;
	/* 4. marks: every (assignment, present student) pair of the term without a mark is a candidate;
	 * each gets a mark with the probability that brings the term to marks_per_student */
	static const char ability[] =
		"CREATE TEMP TABLE rg_ability AS SELECT m.student_id AS sid, l.subject_id AS subj, avg(m.value) AS v"
		" FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE m.school_id = :s AND m.kind = 'mark'"
		" GROUP BY 1, 2";
	static const char cand[] =
		"CREATE TEMP TABLE rg_cand AS SELECT a.id AS aid, l.id AS lid, l.subject_id AS subj, l.teacher_id AS tid,"
		" l.date AS d, cs.student_id AS sid"
		" FROM assignments a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id"
		" JOIN subjects sj ON sj.id = l.subject_id JOIN class_students cs ON cs.class_id = l.class_id"
		" WHERE a.school_id = :s AND l.status = 'planned' AND l.date BETWEEN :start AND :end AND c.grade >= 2"
		" AND sj.pass_fail = 0 AND " LESSON_STUDENT_OK("l", "cs.student_id")
		" AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.assignment_id = a.id AND m.student_id = cs.student_id)"
		" AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.lesson_id = l.id AND t.student_id = cs.student_id"
		" AND t.code IN ('Н', 'Б'))";
	if ((e = run(b, ability, base, NP(base), NULL, f)) ||
	    (e = exec(b, "CREATE INDEX temp.rg_ability_k ON rg_ability(sid, subj)", f)) ||
	    (e = run(b, cand, base, NP(base), NULL, f)) ||
	    (e = run(b, "SELECT count(*) FROM temp.rg_cand", NULL, 0, &cands, f)) ||
	    (e = run(b,
		     "SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE m.school_id = :s"
		     " AND l.date BETWEEN :start AND :end",
		     base, NP(base), &existing, f)))
		goto fail;
	double want = (double)marks_per_student * (double)t->students - (double)existing;
	double p = cands > 0 && want > 0 ? want / (double)cands : 0;
	if (p > 1)
		p = 1;
	static const char marks[] =
		"INSERT INTO marks(school_id, lesson_id, assignment_id, student_id, kind, value, comment, created_by,"
		" created_at, updated_by, updated_at)"
		" SELECT :s, c.lid, c.aid, c.sid, 'mark',"
		" max(:mmin, min(:mmax, CAST(round(coalesce(ab.v, 3.8) - 0.8 + 1.6 * ((rg_hash(:seed, c.aid, c.sid, 5) % 1000)"
		" / 1000.0)) AS INTEGER))), '', u.id, strftime('%s', c.d) + 36000, u.id, strftime('%s', c.d) + 36000"
		" FROM temp.rg_cand c LEFT JOIN temp.rg_ability ab ON ab.sid = c.sid AND ab.subj = c.subj"
		" LEFT JOIN users u ON u.person_id = c.tid"
		" WHERE rg_hash(:seed, c.aid, c.sid, 4) % 1000000 < :p ORDER BY c.lid, c.aid, c.sid";
	struct prm mp[] = { P_INT(":s", t->school_id), P_INT(":seed", seed), P_INT(":p", (int64_t)(p * 1e6)),
			    P_INT(":mmin", b->mark_min), P_INT(":mmax", b->mark_max) };
	if ((e = run(b, "SELECT count(*) FROM marks", NULL, 0, &n0, f)) || (e = run(b, marks, mp, NP(mp), NULL, f)) ||
	    (e = run(b, "SELECT count(*) FROM marks", NULL, 0, &n1, f)))
		goto fail;
	*added_marks += n1 - n0;
	if ((e = exec(b, "DROP TABLE temp.rg_cand; DROP TABLE temp.rg_ability; COMMIT", f)))
		goto fail;
	return ZH_OK;
fail:
	sqlite3_exec(b->h, "ROLLBACK", NULL, NULL, NULL);
	return e;
}

/* ---------------------------------------------------------------- copies */

static struct tinfo *find(struct zh_region_bulk *b, const char *name)
{
	for (int i = 0; i < b->nt; i++)
		if (strcmp(b->t[i].name, name) == 0)
			return &b->t[i];
	return NULL;
}

struct sbuf {
	char *p;
	size_t n, cap;
};

__attribute__((format(printf, 2, 3))) static void sb_add(struct sbuf *s, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int k = vsnprintf(s->p ? s->p + s->n : NULL, s->p ? s->cap - s->n : 0, fmt, ap);
		va_end(ap);
		if (k < 0)
			return;
		if (s->p && s->n + (size_t)k < s->cap) {
			s->n += (size_t)k;
			return;
		}
		size_t nc = s->cap ? s->cap * 2 : 4096;
		while (nc < s->n + (size_t)k + 1)
			nc *= 2;
		char *np = realloc(s->p, nc);
		if (!np)
			return;
		s->p = np;
		s->cap = nc;
	}
}

static int is_user_col(const char *c)
{
	for (size_t i = 0; i < sizeof USER_COLS / sizeof *USER_COLS; i++)
		if (strcmp(c, USER_COLS[i]) == 0)
			return 1;
	return 0;
}

/* The referenced table of column col of table, or "" (from PRAGMA foreign_key_list). */
static void fk_target(struct zh_region_bulk *b, const char *table, const char *col, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = '\0';
	if (sqlite3_prepare_v2(b->h, "SELECT \"table\" FROM pragma_foreign_key_list(?) WHERE \"from\" = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void shifted(struct sbuf *s, const char *col, const struct tinfo *to)
{
	sb_add(s, "\"%s\" + :k * %lld", col, (long long)to->off);
}

static enum zh_err build_copy(struct zh_region_bulk *b, struct tinfo *ti, struct zh_fail *f)
{
	sqlite3_stmt *st;
	struct sbuf cols = { 0 }, sel = { 0 }, sql = { 0 };
	int has_school = 0, first = 1;
	char target[64];

	if (sqlite3_prepare_v2(b->h, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", -1, &st, NULL) !=
	    SQLITE_OK)
		return dberr(b, f, "table_info");
	sqlite3_bind_text(st, 1, ti->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		int pk = sqlite3_column_int(st, 2);
		const struct tinfo *to;
		sb_add(&cols, "%s\"%s\"", first ? "" : ", ", c);
		if (!first)
			sb_add(&sel, ", ");
		first = 0;
		fk_target(b, ti->name, c, target, sizeof target);
		if (strcmp(c, "school_id") == 0) {
			has_school = 1;
			sb_add(&sel, ":school");
		} else if (strcmp(ti->name, "schools") == 0 && (strcmp(c, "name") == 0 || strcmp(c, "short_name") == 0)) {
			sb_add(&sel, "replace(\"%s\", '№ 17', '№ ' || :n)", c);
		} else if (strcmp(ti->name, "persons") == 0 && strcmp(c, "last_name") == 0) {
			sb_add(&sel, "coalesce((SELECT CASE WHEN persons.gender = 'f' THEN rs.f ELSE rs.m END"
				     " FROM temp.rg_pname pn JOIN temp.rg_surname rs ON rs.i = (pn.si + :k * 7) %% %d"
				     " WHERE pn.person_id = persons.id), last_name)",
			       b->nsurnames > 0 ? b->nsurnames : 1);
		} else if (strcmp(ti->name, "persons") == 0 && strcmp(c, "name_fold") == 0) {
			sb_add(&sel, "coalesce((SELECT zh_fold(CASE WHEN persons.gender = 'f' THEN rs.f ELSE rs.m END) ||"
				     " substr(name_fold, length(zh_fold(last_name)) + 1)"
				     " FROM temp.rg_pname pn JOIN temp.rg_surname rs ON rs.i = (pn.si + :k * 7) %% %d"
				     " WHERE pn.person_id = persons.id), name_fold)",
			       b->nsurnames > 0 ? b->nsurnames : 1);
		} else if (strcmp(ti->name, "users") == 0 && strcmp(c, "login") == 0) {
			sb_add(&sel, "login || '.s' || (:k + 1)");
		} else if (strcmp(ti->name, "marks") == 0 && strcmp(c, "value") == 0) {
			/* another school, other children: a fifth of the marks move by one */
			sb_add(&sel,
			       "CASE WHEN value IS NOT NULL AND rg_hash(:seed, :k, id, 7) %% 5 = 0 THEN"
			       " max(%d, min(%d, value + 1 - 2 * (rg_hash(:seed, :k, id, 8) %% 2))) ELSE value END",
			       b->mark_min, b->mark_max);
		} else if (strcmp(ti->name, "notifications") == 0 && strcmp(c, "entity_id") == 0) {
			const struct tinfo *l = find(b, "lessons"), *ev = find(b, "events"), *lc = find(b, "lesson_changes");
			sb_add(&sel,
			       "CASE entity WHEN 'lesson' THEN entity_id + :k * %lld WHEN 'event' THEN entity_id + :k * %lld"
			       " WHEN 'lesson_change' THEN entity_id + :k * %lld ELSE entity_id END",
			       (long long)(l ? l->off : 0), (long long)(ev ? ev->off : 0), (long long)(lc ? lc->off : 0));
		} else if (pk == 1 && ti->off > 0 && type && strcasecmp(type, "INTEGER") == 0) {
			shifted(&sel, c, ti);
		} else if (target[0] && strcmp(target, "schools") == 0) {
			sb_add(&sel, ":school");
		} else if (target[0] && (to = find(b, target)) && to->off > 0) {
			shifted(&sel, c, to);
		} else if (!target[0] && is_user_col(c) && (to = find(b, "users"))) {
			shifted(&sel, c, to);
		} else if (strcmp(ti->name, "lessons") == 0 && strcmp(c, "plan_topic_id") == 0 &&
			   (to = find(b, "plan_topics"))) {
			shifted(&sel, c, to);
		} else {
			sb_add(&sel, "\"%s\"", c);
		}
	}
	sqlite3_finalize(st);
	sb_add(&sql, "INSERT INTO \"%s\"(%s) SELECT %s FROM \"%s\"", ti->name, cols.p ? cols.p : "", sel.p ? sel.p : "",
	       ti->name);
	if (strcmp(ti->name, "schools") == 0)
		sb_add(&sql, " WHERE id = %lld", (long long)b->school);
	else if (strcmp(ti->name, "persons") == 0)
		sb_add(&sql, " WHERE id IN (SELECT id FROM temp.rg_persons)");
	else if (strcmp(ti->name, "users") == 0)
		sb_add(&sql, " WHERE person_id IN (SELECT id FROM temp.rg_persons)");
	else if (has_school && ti->maxrow > 0) /* the template's rows only: no scan of the copies */
		sb_add(&sql, " WHERE rowid <= %lld AND school_id = %lld", (long long)ti->maxrow, (long long)b->school);
	else if (has_school && ti->range[0])
		sb_add(&sql, " WHERE %s AND school_id = %lld", ti->range, (long long)b->school);
	else if (has_school)
		sb_add(&sql, " WHERE school_id = %lld", (long long)b->school);
	else
		sb_add(&sql, " WHERE 0");
	free(cols.p);
	free(sel.p);
	if (!sql.p)
		return ZH_ENOMEM;
	ti->sql = sql.p;
	if (getenv("ZH_REGION_PROFILE"))
		fprintf(stderr, "%s: %s\n", ti->name, strstr(ti->sql, " WHERE ") ? strstr(ti->sql, " WHERE ") : "");
	if (sqlite3_prepare_v2(b->h, ti->sql, -1, &ti->st, NULL) != SQLITE_OK)
		return dberr(b, f, ti->name);
	return ZH_OK;
}

enum zh_err zh_region_prepare(struct zh_region_bulk *b, const struct zh_region_template *t, unsigned seed,
			      struct zh_fail *f)
{
	enum zh_err e;
	struct prm p[] = { P_INT(":s", t->school_id) };
	b->seed = seed;
	static const char persons[] =
		"CREATE TEMP TABLE rg_persons(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE rg_pname(person_id INTEGER PRIMARY KEY, si INTEGER NOT NULL);";
	static const char fill[] =
		"INSERT OR IGNORE INTO temp.rg_persons(id)"
		" SELECT person_id FROM students WHERE school_id = :s UNION SELECT person_id FROM staff WHERE school_id = :s"
		" UNION SELECT parent_id FROM parent_links WHERE school_id = :s"
		" UNION SELECT child_id FROM parent_links WHERE school_id = :s"
		" UNION SELECT student_id FROM class_students WHERE school_id = :s"
		" UNION SELECT teacher_id FROM teacher_load WHERE school_id = :s"
		" UNION SELECT u.person_id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.school_id = :s";
	static const char pname[] =
		"INSERT INTO temp.rg_pname(person_id, si)"
		" SELECT p.id, min(rs.i) FROM persons p JOIN temp.rg_surname rs"
		" ON (p.gender = 'f' AND p.last_name = rs.f) OR (coalesce(p.gender, 'm') <> 'f' AND p.last_name = rs.m)"
		" WHERE p.id IN (SELECT id FROM temp.rg_persons) GROUP BY p.id";
	if ((e = exec(b, persons, f)) || (e = run(b, fill, p, NP(p), NULL, f)))
		return e;
	if (b->nsurnames > 0 && (e = run(b, pname, NULL, 0, NULL, f)))
		return e;
	/* offsets first (references need the referenced table's), then the statements */
	for (size_t i = 0; i < sizeof COPIED / sizeof *COPIED && b->nt < MAX_TABLES; i++) {
		int64_t exists = 0, pk_int = 0;
		struct prm tp[] = { P_TXT(":t", COPIED[i]) };
		if ((e = run(b, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :t", tp, 1, &exists, f)))
			return e;
		if (!exists)
			continue;
		struct tinfo *ti = &b->t[b->nt++];
		snprintf(ti->name, sizeof ti->name, "%s", COPIED[i]);
		if ((e = run(b,
			     "SELECT count(*) = 1 AND sum(pk = 1 AND upper(type) = 'INTEGER') = 1"
			     " FROM pragma_table_info(:t) WHERE pk > 0",
			     tp, 1, &pk_int, f)))
			return e;
		if (pk_int) {
			char q[160];
			snprintf(q, sizeof q, "SELECT coalesce(max(rowid), 0) FROM \"%s\"", ti->name);
			if ((e = run(b, q, NULL, 0, &ti->off, f)))
				return e;
		}
		int64_t norowid = 0;
		if ((e = run(b, "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE type = 'table' AND name = :t", tp, 1,
			     &norowid, f)))
			return e;
		if (!norowid) {
			char q[160];
			snprintf(q, sizeof q, "SELECT coalesce(max(rowid), 0) FROM \"%s\"", ti->name);
			if ((e = run(b, q, NULL, 0, &ti->maxrow, f)))
				return e;
		}
	}
	/* WITHOUT ROWID tables whose key starts with a reference to a copied table (attendance:
	 * lesson_id): the template's rows are those with that column up to the table's offset */
	for (int i = 0; i < b->nt; i++) {
		struct tinfo *ti = &b->t[i];
		char first[64], target[64];
		struct prm tp[] = { P_TXT(":t", ti->name) };
		const struct tinfo *to;
		if (ti->maxrow > 0 || (e = text1(b, "SELECT name FROM pragma_table_info(:t) WHERE pk = 1", tp, 1, first,
						  sizeof first, f)))
			continue;
		fk_target(b, ti->name, first, target, sizeof target);
		if (first[0] && target[0] && (to = find(b, target)) && to->off > 0)
			snprintf(ti->range, sizeof ti->range, "\"%s\" <= %lld", first, (long long)to->off);
	}
	for (int i = 0; i < b->nt; i++)
		if ((e = build_copy(b, &b->t[i], f)))
			return e;
	struct tinfo *sc = find(b, "schools");
	b->off_schools = sc ? sc->off : 1;
	/* ZH_REGION_LATE_INDEXES=1: drop the secondary indexes of the big tables and build them after
	 * the copies. Measured at 20 schools: the same CPU time (the copies append at the end of every
	 * index, so keeping them is cheap) and a longer run, hence not the default. */
	if (!getenv("ZH_REGION_LATE_INDEXES"))
		return ZH_OK;
	static const char idx[] =
		"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
		" AND tbl_name IN ('marks', 'attendance', 'lessons', 'assignments', 'journal_history')";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->h, idx, -1, &st, NULL) != SQLITE_OK)
		return dberr(b, f, "indexes");
	char names[64][128];
	int nn = 0;
	while (sqlite3_step(st) == SQLITE_ROW && nn < 64) {
		char **np = realloc(b->index_sql, (size_t)(b->nindex + 1) * sizeof *np);
		if (!np)
			break;
		b->index_sql = np;
		b->index_sql[b->nindex++] = strdup((const char *)sqlite3_column_text(st, 1));
		snprintf(names[nn++], sizeof names[0], "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	for (int i = 0; i < nn; i++) {
		char q[200];
		snprintf(q, sizeof q, "DROP INDEX \"%.120s\"", names[i]);
		if ((e = exec(b, q, f)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_region_indexes(struct zh_region_bulk *b, struct zh_fail *f)
{
	enum zh_err e = ZH_OK;
	for (int i = 0; i < b->nindex; i++) {
		if (!e && b->index_sql[i])
			e = exec(b, b->index_sql[i], f);
		free(b->index_sql[i]);
	}
	free(b->index_sql);
	b->index_sql = NULL;
	b->nindex = 0;
	return e;
}

enum zh_err zh_region_copy(struct zh_region_bulk *b, int k, struct zh_fail *f)
{
	enum zh_err e;
	struct prm p[] = { P_INT(":k", k), P_INT(":school", b->school + (int64_t)k * b->off_schools),
			   P_INT(":n", 17 + k), P_INT(":seed", b->seed) };
	if ((e = exec(b, "BEGIN", f)))
		return e;
	for (int i = 0; i < b->nt; i++) {
		sqlite3_stmt *st = b->t[i].st;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		bind_all(st, p, NP(p));
		if (sqlite3_step(st) != SQLITE_DONE) {
			e = zh_fail_set(f, ZH_EDB, "region_copy", "", "Регион: копия %d, таблица %s: %s", k, b->t[i].name,
					sqlite3_errmsg(b->h));
			sqlite3_reset(st);
			sqlite3_exec(b->h, "ROLLBACK", NULL, NULL, NULL);
			return e;
		}
		sqlite3_reset(st);
		if (getenv("ZH_REGION_PROFILE")) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			double now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
			static double prev;
			fprintf(stderr, "%-20s %.3f\n", b->t[i].name, prev ? now - prev : 0);
			prev = now;
		}
	}
	return exec(b, "COMMIT", f);
}

enum zh_err zh_region_count(struct zh_region_bulk *b, struct zh_region_totals *t, struct zh_fail *f)
{
	enum zh_err e;
	memset(t, 0, sizeof *t);
	if ((e = run(b, "SELECT count(*) FROM schools", NULL, 0, &t->schools, f)) ||
	    (e = run(b, "SELECT count(*) FROM students WHERE status = 'enrolled'", NULL, 0, &t->students, f)) ||
	    (e = run(b, "SELECT count(*) FROM (SELECT DISTINCT parent_id FROM parent_links)", NULL, 0, &t->parents, f)) ||
	    (e = run(b, "SELECT count(*) FROM (SELECT DISTINCT teacher_id FROM teacher_load)", NULL, 0, &t->teachers,
		     f)) ||
	    (e = run(b, "SELECT count(*) FROM users", NULL, 0, &t->users, f)) ||
	    (e = run(b, "SELECT count(*) FROM classes", NULL, 0, &t->classes, f)) ||
	    (e = run(b, "SELECT count(*) FROM lessons", NULL, 0, &t->lessons, f)) ||
	    (e = run(b, "SELECT count(*) FROM assignments", NULL, 0, &t->assignments, f)) ||
	    (e = run(b, "SELECT count(*) FROM marks", NULL, 0, &t->marks, f)) ||
	    (e = run(b, "SELECT count(*) FROM attendance", NULL, 0, &t->attendance, f)))
		return e;
	return ZH_OK;
}
