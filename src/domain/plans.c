/* plans.c: thematic plans (КТП, M-08): access, topics, hours check, approval, import/export,
 * copy to a parallel class, applying topics to lessons */
#include "domain/plans.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/scope.h"
#include "export/csv.h"
#include "export/xlsx.h"
#include "import/table.h"

const char *const zh_plan_lesson_types[] = {
	"урок", "контрольная работа", "проверочная работа", "самостоятельная работа", "лабораторная работа",
	"практическая работа", "экскурсия", "урок-проект", "зачёт", "диктант", "сочинение", "изложение",
	"урок развития речи", "повторение", NULL,
};

static bool allowed(struct zh_ctx *c, const char *op)
{
	return zh_acl_allows(&c->ops, op);
}

static enum zh_err forbidden(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", NULL, "Недостаточно прав для этого действия");
}

static const char *edit_op(struct zh_ctx *c)
{
	return allowed(c, "plans.edit.all") ? "plans.edit.all" : "plans.edit.own_subject";
}

static enum zh_err load_plan(struct zh_ctx *c, int64_t id, struct zh_plan_row *p)
{
	enum zh_err e = zh_store_plan_get(zh_ctx_db(c), c->arena, c->school_id, id, p);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "id", "План не найден");
	return e;
}

static enum zh_err check_view(struct zh_ctx *c, const struct zh_plan_row *p)
{
	if (allowed(c, "plans.view.all") || allowed(c, "plans.edit.all"))
		return ZH_OK;
	if (allowed(c, "plans.view.own_subject") && p->teacher_id == c->person_id)
		return ZH_OK;
	return zh_scope_check(c, "plans.view", &(struct zh_target){ .class_id = p->class_id, .subject_id = p->subject_id });
}

/* Writes to the topic list: the deputy always; the teacher of a draft or returned own plan. */
static enum zh_err check_edit(struct zh_ctx *c, const struct zh_plan_row *p)
{
	if (allowed(c, "plans.edit.all"))
		return ZH_OK;
	if (!allowed(c, "plans.edit.own_subject") || p->teacher_id != c->person_id)
		return forbidden(c);
	if (strcmp(p->status, "approved") == 0)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "plan_approved", "status",
				   "План утверждён: редактирование недоступно, пока его не вернут");
	if (strcmp(p->status, "submitted") == 0)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "plan_submitted", "status",
				   "План на утверждении: редактирование недоступно, пока его не утвердят или не вернут");
	return ZH_OK;
}

static json_t *plan_json(const struct zh_plan_row *p)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:s}", "id", (json_int_t)p->id, "teacher_id",
			 (json_int_t)p->teacher_id, "class_id", (json_int_t)p->class_id, "subgroup_id",
			 (json_int_t)p->subgroup_id, "subject_id", (json_int_t)p->subject_id, "status", p->status,
			 "comment", p->comment ? p->comment : "");
}

static json_t *topics_json(const struct zh_plan_topic *t, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:f, s:s, s:s, s:s}", "title", t[i].title, "hours", t[i].hours,
						   "lesson_type", t[i].lesson_type, "kes_codes", t[i].kes_codes,
						   "homework", t[i].homework));
	return a;
}

enum zh_err zh_plan_hours_of(struct zh_db *db, const struct zh_plan_row *p, struct zh_plan_hours *h)
{
	enum zh_err e;
	double weekly = 0;
	h->total = p->hours_total;
	if ((e = zh_store_plan_lessons_count(db, p->year_id, p->class_id, p->subgroup_id, p->subject_id, &h->lessons)))
		return e;
	if (h->lessons > 0) {
		h->expected = (double)h->lessons;
		h->source = "lessons";
		return ZH_OK;
	}
	if ((e = zh_store_plan_weekly_hours(db, p->year_id, p->grade, p->subject_id, &weekly)))
		return e;
	h->expected = weekly * (p->grade == 1 ? 33 : 34);
	h->source = "curriculum";
	return ZH_OK;
}

enum zh_err zh_plans_list(struct zh_ctx *c, struct zh_plan_filter *flt, struct zh_plan_row **rows, size_t *n,
			  int64_t *total)
{
	flt->school_id = c->school_id;
	flt->only_person = 0;
	if (!allowed(c, "plans.view.all") && !allowed(c, "plans.edit.all")) {
		if (!allowed(c, "plans.view.own_subject") && !allowed(c, "plans.edit.own_subject"))
			return forbidden(c);
		flt->only_person = c->person_id ? c->person_id : -1;
	}
	return zh_store_plans_list(zh_ctx_db(c), c->arena, flt, rows, n, total);
}

enum zh_err zh_plan_get(struct zh_ctx *c, int64_t id, struct zh_plan_row *p, struct zh_plan_topic **topics,
			size_t *ntopics, struct zh_plan_hours *h, bool *can_edit, bool *can_approve)
{
	enum zh_err e;
	if ((e = load_plan(c, id, p)) || (e = check_view(c, p)))
		return e;
	if ((e = zh_store_plan_topics(zh_ctx_db(c), c->arena, id, topics, ntopics)) ||
	    (e = zh_plan_hours_of(zh_ctx_db(c), p, h)))
		return e;
	struct zh_fail keep = c->fail;
	*can_edit = check_edit(c, p) == ZH_OK;
	c->fail = keep;
	*can_approve = allowed(c, "plans.edit.all");
	return ZH_OK;
}

enum zh_err zh_plan_create(struct zh_ctx *c, int64_t class_id, int64_t subgroup_id, int64_t subject_id,
			   int64_t teacher_id, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_load l;
	struct zh_plan_row p = { 0 };
	int64_t have;
	enum zh_err e;
	if (teacher_id && teacher_id != c->person_id && !allowed(c, "plans.edit.all"))
		return forbidden(c);
	if (!teacher_id)
		teacher_id = c->person_id;
	if (!allowed(c, "plans.edit.all") && !allowed(c, "plans.edit.own_subject"))
		return forbidden(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_plan_class(db, c->school_id, class_id, &p.grade, &p.year_id))) {
		if (e == ZH_ENOTFOUND)
			e = zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "class_id", "Класс не найден");
		goto out;
	}
	e = zh_store_plan_load_find(db, c->arena, c->school_id, teacher_id, class_id, subgroup_id, subject_id, &l);
	if (e == ZH_ENOTFOUND) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "no_load", "subject_id",
				"У учителя нет нагрузки по этому предмету в этом классе (или подгруппе)");
		goto out;
	}
	if (e)
		goto out;
	if ((e = zh_store_plan_find(db, p.year_id, teacher_id, class_id, subgroup_id, subject_id, &have)))
		goto out;
	if (have) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "plan_exists", "subject_id",
				"План по этому предмету для класса уже есть (№ %lld)", (long long)have);
		goto out;
	}
	p.school_id = c->school_id;
	p.teacher_id = teacher_id;
	p.class_id = class_id;
	p.subgroup_id = subgroup_id;
	p.subject_id = subject_id;
	p.status = "draft";
	p.created_at = c->now;
	if ((e = zh_store_plan_insert(db, &p, id)))
		goto out;
	p.id = *id;
	if ((e = zh_audit_take(c, edit_op(c), "plan", *id, NULL, plan_json(&p))))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

static bool type_ok(const char *t)
{
	for (int i = 0; zh_plan_lesson_types[i]; i++)
		if (strcmp(t, zh_plan_lesson_types[i]) == 0)
			return true;
	return false;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static bool text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	return zh_utf8_valid(s, n) && zh_utf8_len(s, n) <= max;
}

/* NULL when the topic is valid; else the Russian reason, *col the offending field. */
static const char *topic_problem(struct zh_plan_topic *t, const char **col)
{
	if (!t->lesson_type || !*t->lesson_type)
		t->lesson_type = "урок";
	if (!t->kes_codes)
		t->kes_codes = "";
	if (!t->homework)
		t->homework = "";
	*col = "title";
	if (!t->title || blank(t->title))
		return "Не указана тема";
	if (!text_ok(t->title, 500))
		return "Тема: не длиннее 500 символов";
	*col = "hours";
	if (!(t->hours > 0 && t->hours <= 100) || isnan(t->hours))
		return "Часы: число больше 0 и не больше 100";
	*col = "lesson_type";
	if (!type_ok(t->lesson_type))
		return "Неизвестный тип урока (урок, контрольная работа, лабораторная работа, практическая работа, "
		       "экскурсия, урок-проект, зачёт…)";
	*col = "kes_codes";
	if (!text_ok(t->kes_codes, 200))
		return "Коды КЭС: не длиннее 200 символов";
	*col = "homework";
	if (!text_ok(t->homework, 1000))
		return "Домашнее задание: не длиннее 1000 символов";
	return NULL;
}

static enum zh_err replace_topics(struct zh_ctx *c, struct zh_plan_row *p, struct zh_plan_topic *topics, size_t n,
				  const char *what)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_topic *old;
	size_t nold;
	enum zh_err e;
	if ((e = zh_store_plan_topics(db, c->arena, p->id, &old, &nold)) ||
	    (e = zh_store_plan_topics_put(db, c->school_id, p->id, topics, n)) ||
	    (e = zh_store_plan_touch(db, c->school_id, p->id, c->now)))
		return e;
	json_t *ov = json_pack("{s:o}", "topics", topics_json(old, nold));
	json_t *nv = json_pack("{s:o, s:s}", "topics", topics_json(topics, n), "via", what);
	return zh_audit_take(c, edit_op(c), "plan", p->id, ov, nv);
}

enum zh_err zh_plan_put_topics(struct zh_ctx *c, int64_t id, struct zh_plan_topic *topics, size_t n)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p;
	const char *col, *why;
	enum zh_err e;
	if (n > 500)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "topics", "Не больше 500 тем в плане");
	for (size_t i = 0; i < n; i++)
		if ((why = topic_problem(&topics[i], &col)))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value",
					   zh_arena_printf(c->arena, "topics[%zu].%s", i, col), "Тема %zu: %s", i + 1, why);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)) || (e = check_edit(c, &p)) || (e = replace_topics(c, &p, topics, n, "edit")))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_plan_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p;
	struct zh_plan_topic *t;
	size_t n;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)) || (e = check_edit(c, &p)) ||
	    (e = zh_store_plan_topics(db, c->arena, id, &t, &n)))
		goto out;
	json_t *ov = plan_json(&p);
	json_object_set_new(ov, "topics", topics_json(t, n));
	if ((e = zh_store_plan_delete(db, c->school_id, id)) || (e = zh_audit_take(c, edit_op(c), "plan", id, ov, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_plan_transition(struct zh_ctx *c, int64_t id, const char *action, const char *comment)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p;
	const char *to, *op;
	int64_t by = 0, at = 0;
	enum zh_err e;
	bool deputy = allowed(c, "plans.edit.all");
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)))
		goto out;
	if (strcmp(action, "submit") == 0) {
		if (!deputy && (!allowed(c, "plans.edit.own_subject") || p.teacher_id != c->person_id)) {
			e = forbidden(c);
			goto out;
		}
		if (strcmp(p.status, "draft") != 0 && strcmp(p.status, "returned") != 0) {
			e = zh_fail_set(&c->fail, ZH_ECONFLICT, "bad_status", "status",
					"На утверждение отправляется черновик или возвращённый план");
			goto out;
		}
		if (p.topics == 0) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "plan_empty", "topics", "В плане нет ни одной темы");
			goto out;
		}
		to = "submitted";
		comment = p.comment;
		op = edit_op(c);
	} else {
		if (!deputy) {
			e = forbidden(c);
			goto out;
		}
		op = "plans.edit.all";
		if (strcmp(action, "approve") == 0) {
			if (strcmp(p.status, "approved") == 0) {
				e = zh_fail_set(&c->fail, ZH_ECONFLICT, "bad_status", "status", "План уже утверждён");
				goto out;
			}
			if (p.topics == 0) {
				e = zh_fail_set(&c->fail, ZH_ERULE, "plan_empty", "topics", "В плане нет ни одной темы");
				goto out;
			}
			to = "approved";
			by = c->user_id;
			at = c->now;
			comment = "";
		} else {
			if (strcmp(p.status, "submitted") != 0 && strcmp(p.status, "approved") != 0) {
				e = zh_fail_set(&c->fail, ZH_ECONFLICT, "bad_status", "status",
						"Вернуть можно план на утверждении или утверждённый план");
				goto out;
			}
			to = "returned";
		}
	}
	if ((e = zh_store_plan_set_status(db, c->school_id, id, to, comment, by, at, c->now)))
		goto out;
	json_t *ov = json_pack("{s:s, s:s}", "status", p.status, "comment", p.comment);
	json_t *nv = json_pack("{s:s, s:s}", "status", to, "comment", comment ? comment : "");
	if ((e = zh_audit_take(c, op, "plan", id, ov, nv)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* ---- import and export ---- */

static const char *const COLS[] = { "№", "Тема", "Часы", "Тип урока", "КЭС", "Домашнее задание" };
enum { C_NO, C_TITLE, C_HOURS, C_TYPE, C_KES, C_HW, C_N };

static void bad(json_t *errors, int row, int col, const char *msg)
{
	json_array_append_new(errors, json_pack("{s:i, s:s?, s:s}", "row", row, "column", col >= 0 ? COLS[col] : NULL,
						"message", msg));
}

static bool parse_hours(const char *s, double *out)
{
	char buf[32];
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' '))
		n--;
	while (n && *s == ' ')
		s++, n--;
	if (!n || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	for (char *q = buf; *q; q++)
		if (*q == ',')
			*q = '.';
	char *end;
	double v = strtod(buf, &end);
	if (*end || isnan(v))
		return false;
	*out = v;
	return true;
}

static char *trimmed(struct zh_arena *a, const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	char *r = zh_arena_alloc(a, n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = 0;
	}
	return r;
}

static enum zh_err parse_table(struct zh_ctx *c, const struct zh_table *t, json_t *errors,
			       struct zh_plan_topic **out, size_t *nout)
{
	int map[C_N];
	size_t h = 0;
	for (int i = 0; i < C_N; i++)
		map[i] = -1;
	while (h < t->n && zh_table_row_blank(&t->rows[h]))
		h++;
	if (h == t->n) {
		bad(errors, 1, -1, "В файле нет строки заголовка и тем");
		return ZH_OK;
	}
	const struct zh_trow *hr = &t->rows[h];
	for (size_t j = 0; j < hr->n; j++) {
		const char *cell = trimmed(c->arena, zh_table_cell(hr, j));
		char *f = cell ? zh_fold(c->arena, cell, strlen(cell)) : NULL;
		for (int i = 0; f && i < C_N; i++) {
			char *g = zh_fold(c->arena, COLS[i], strlen(COLS[i]));
			if (g && strcmp(f, g) == 0 && map[i] < 0)
				map[i] = (int)j;
		}
	}
	if (map[C_TITLE] < 0 || map[C_HOURS] < 0) {
		bad(errors, hr->line, map[C_TITLE] < 0 ? C_TITLE : C_HOURS,
		    "Нет обязательного столбца: нужны столбцы «Тема» и «Часы» (заголовок: №; Тема; Часы; Тип урока; КЭС; "
		    "Домашнее задание)");
		return ZH_OK;
	}
	*nout = 0;
	*out = zh_arena_alloc(c->arena, (t->n + 1) * sizeof **out);
	if (!*out)
		return ZH_ENOMEM;
	for (size_t i = h + 1; i < t->n; i++) {
		const struct zh_trow *r = &t->rows[i];
		if (zh_table_row_blank(r))
			continue;
		struct zh_plan_topic *tp = &(*out)[(*nout)++];
		memset(tp, 0, sizeof *tp);
		const char *hours = trimmed(c->arena, zh_table_cell(r, (size_t)map[C_HOURS]));
		tp->title = trimmed(c->arena, zh_table_cell(r, (size_t)map[C_TITLE]));
		tp->lesson_type = map[C_TYPE] >= 0 ? trimmed(c->arena, zh_table_cell(r, (size_t)map[C_TYPE])) : "";
		tp->kes_codes = map[C_KES] >= 0 ? trimmed(c->arena, zh_table_cell(r, (size_t)map[C_KES])) : "";
		tp->homework = map[C_HW] >= 0 ? trimmed(c->arena, zh_table_cell(r, (size_t)map[C_HW])) : "";
		if (!tp->title || !hours || !tp->lesson_type || !tp->kes_codes || !tp->homework)
			return ZH_ENOMEM;
		if (tp->lesson_type[0]) {
			/* any case: «Контрольная работа» */
			char *f = zh_fold(c->arena, tp->lesson_type, strlen(tp->lesson_type));
			for (int k = 0; f && zh_plan_lesson_types[k]; k++) {
				char *g = zh_fold(c->arena, zh_plan_lesson_types[k], strlen(zh_plan_lesson_types[k]));
				if (g && strcmp(f, g) == 0)
					tp->lesson_type = zh_plan_lesson_types[k];
			}
		}
		if (!*hours) {
			bad(errors, r->line, C_HOURS, "Не указано число часов");
			continue;
		}
		if (!parse_hours(hours, &tp->hours)) {
			bad(errors, r->line, C_HOURS, "Часы: нужно число, например 1 или 2");
			continue;
		}
		const char *col, *why = topic_problem(tp, &col);
		if (why) {
			int ci = strcmp(col, "title") == 0 ? C_TITLE : strcmp(col, "hours") == 0 ? C_HOURS
				 : strcmp(col, "lesson_type") == 0 ? C_TYPE : strcmp(col, "kes_codes") == 0 ? C_KES : C_HW;
			bad(errors, r->line, ci, why);
		}
	}
	if (!*nout && !json_array_size(errors))
		bad(errors, hr->line, -1, "В файле нет ни одной темы");
	if (*nout > 500)
		bad(errors, hr->line, -1, "Не больше 500 тем в плане");
	return ZH_OK;
}

enum zh_err zh_plan_import(struct zh_ctx *c, int64_t id, const char *data, size_t len, json_t **errors,
			   size_t *imported)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p;
	struct zh_table t = { 0 };
	struct zh_plan_topic *topics = NULL;
	size_t n = 0;
	enum zh_err e;
	*errors = NULL;
	if (!len)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_body", "file", "Файл пуст");
	/* access first, so that a stranger learns nothing about the file */
	if ((e = load_plan(c, id, &p)) || (e = check_edit(c, &p)))
		return e;
	bool xlsx = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
	e = xlsx ? zh_xlsx_read(data, len, &t) : zh_csv_read(data, len, &t);
	if (e == ZH_EPARSE)
		return zh_fail_set(&c->fail, ZH_EINVAL, "bad_file", "file",
				   xlsx ? "Файл XLSX не удалось прочитать: нужен лист Excel (.xlsx)"
					: "Файл CSV не удалось прочитать: проверьте кавычки и кодировку");
	if (e)
		return e;
	json_t *errs = json_array();
	e = parse_table(c, &t, errs, &topics, &n);
	zh_table_free(&t);
	if (e) {
		json_decref(errs);
		return e;
	}
	if (json_array_size(errs)) {
		*errors = errs;
		return zh_fail_set(&c->fail, ZH_ERULE, "bad_rows", "file",
				   "В файле есть ошибки (%zu): план не изменён", json_array_size(errs));
	}
	json_decref(errs);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)) || (e = check_edit(c, &p)) || (e = replace_topics(c, &p, topics, n, "import")))
		goto out;
	e = zh_db_commit(db);
	*imported = n;
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

static const char *hours_text(struct zh_arena *a, double h)
{
	if (h == floor(h))
		return zh_arena_printf(a, "%lld", (long long)h);
	char *s = zh_arena_printf(a, "%g", h);
	for (char *q = s; q && *q; q++)
		if (*q == '.')
			*q = ',';
	return s;
}

enum zh_err zh_plan_export(struct zh_ctx *c, int64_t id, const char *format, char **data, size_t *len,
			   const char **filename, const char **ctype)
{
	struct zh_plan_row p;
	struct zh_plan_topic *t;
	struct zh_table tb = { 0 };
	size_t n;
	bool xlsx;
	enum zh_err e;
	if (!format || !*format || strcmp(format, "csv") == 0)
		xlsx = false;
	else if (strcmp(format, "xlsx") == 0)
		xlsx = true;
	else
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "format", "Формат: csv или xlsx");
	if ((e = load_plan(c, id, &p)) || (e = check_view(c, &p)) ||
	    (e = zh_store_plan_topics(zh_ctx_db(c), c->arena, id, &t, &n)))
		return e;
	struct zh_trow *r = zh_table_row(&tb, 1);
	for (int i = 0; r && i < C_N && !e; i++)
		e = zh_table_add(r, COLS[i]);
	if (!r)
		e = ZH_ENOMEM;
	for (size_t i = 0; i < n && !e; i++) {
		if (!(r = zh_table_row(&tb, (int)i + 2))) {
			e = ZH_ENOMEM;
			break;
		}
		const char *cells[C_N] = { zh_arena_printf(c->arena, "%zu", i + 1), t[i].title,
					   hours_text(c->arena, t[i].hours), t[i].lesson_type, t[i].kes_codes,
					   t[i].homework };
		for (int k = 0; k < C_N && !e; k++)
			e = zh_table_add(r, cells[k]);
	}
	const char *sheet = zh_arena_printf(c->arena, "КТП %s %s%s%s", p.subject_name, p.class_name,
					    p.subgroup_name ? " " : "", p.subgroup_name ? p.subgroup_name : "");
	if (!e)
		e = xlsx ? zh_xlsx_write(&tb, sheet, data, len) : zh_csv_write(&tb, data, len);
	zh_table_free(&tb);
	if (e)
		return e;
	*filename = zh_arena_printf(c->arena, "%s.%s", sheet, xlsx ? "xlsx" : "csv");
	*ctype = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
	return ZH_OK;
}

/* ---- copy and apply ---- */

enum zh_err zh_plan_copy(struct zh_ctx *c, int64_t id, int64_t class_id, int64_t *new_id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p, np = { 0 };
	struct zh_plan_load l;
	struct zh_plan_topic *t;
	size_t n;
	int64_t have;
	enum zh_err e;
	bool deputy = allowed(c, "plans.edit.all");
	if (!deputy && !allowed(c, "plans.edit.own_subject"))
		return forbidden(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)) || (e = check_view(c, &p)))
		goto out;
	if ((e = zh_store_plan_class(db, c->school_id, class_id, &np.grade, &np.year_id))) {
		if (e == ZH_ENOTFOUND)
			e = zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "class_id", "Класс не найден");
		goto out;
	}
	if (class_id == p.class_id || np.grade != p.grade || np.year_id != p.year_id) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "not_parallel", "class_id",
				"Копировать можно только в другой класс той же параллели этого учебного года");
		goto out;
	}
	/* the actor's own load first; the deputy may copy for the teacher of that class */
	e = zh_store_plan_load_find(db, c->arena, c->school_id, c->person_id ? c->person_id : -1, class_id, -1,
				    p.subject_id, &l);
	if (e == ZH_ENOTFOUND && deputy) {
		e = zh_store_plan_load_find(db, c->arena, c->school_id, p.teacher_id, class_id, -1, p.subject_id, &l);
		if (e == ZH_ENOTFOUND)
			e = zh_store_plan_load_find(db, c->arena, c->school_id, 0, class_id, -1, p.subject_id, &l);
		if (e == ZH_ENOTFOUND) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "no_load", "class_id",
					"В этом классе никто не ведёт этот предмет по нагрузке");
			goto out;
		}
	} else if (e == ZH_ENOTFOUND) {
		e = zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "class_id", "Вы не ведёте этот предмет в этом классе");
		goto out;
	}
	if (e)
		goto out;
	if ((e = zh_store_plan_find_class(db, class_id, l.subgroup_id, p.subject_id, &have)))
		goto out;
	if (have) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "plan_exists", "class_id",
				"У этого класса уже есть план по предмету (№ %lld)", (long long)have);
		goto out;
	}
	np.school_id = c->school_id;
	np.teacher_id = l.teacher_id;
	np.class_id = class_id;
	np.subgroup_id = l.subgroup_id;
	np.subject_id = p.subject_id;
	np.status = "draft";
	np.created_at = c->now;
	if ((e = zh_store_plan_insert(db, &np, new_id)) || (e = zh_store_plan_topics(db, c->arena, id, &t, &n)))
		goto out;
	for (size_t i = 0; i < n; i++)
		t[i].id = 0;
	if ((e = zh_store_plan_topics_put(db, c->school_id, *new_id, t, n)))
		goto out;
	np.id = *new_id;
	json_t *nv = plan_json(&np);
	json_object_set_new(nv, "copied_from", json_integer(id));
	json_object_set_new(nv, "topics", topics_json(t, n));
	if ((e = zh_audit_take(c, edit_op(c), "plan", *new_id, NULL, nv)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_plan_apply_db(struct zh_db *db, struct zh_arena *a, const struct zh_plan_row *p,
			     struct zh_plan_apply_result *res)
{
	struct zh_plan_topic *t;
	struct zh_plan_lesson *l;
	size_t nt, nl;
	enum zh_err e;
	memset(res, 0, sizeof *res);
	if ((e = zh_store_plan_topics(db, a, p->id, &t, &nt)) ||
	    (e = zh_store_plan_lessons(db, a, p->year_id, p->class_id, p->subgroup_id, p->subject_id, &l, &nl)))
		return e;
	int *left = zh_arena_alloc(a, (nt + 1) * sizeof *left);
	if (!left)
		return ZH_ENOMEM;
	for (size_t i = 0; i < nt; i++) {
		left[i] = (int)lround(t[i].hours);
		if (left[i] < 1)
			left[i] = 1;
	}
	/* lessons that already have a topic keep it; those of this plan use up their topic's hours */
	for (size_t k = 0; k < nl; k++) {
		if (blank(l[k].topic))
			continue;
		res->kept++;
		for (size_t i = 0; l[k].plan_topic_id && i < nt; i++)
			if (t[i].id == l[k].plan_topic_id && left[i] > 0) {
				left[i]--;
				break;
			}
	}
	size_t ti = 0;
	for (size_t k = 0; k < nl; k++) {
		if (!blank(l[k].topic))
			continue;
		while (ti < nt && left[ti] <= 0)
			ti++;
		if (ti == nt)
			break;
		if ((e = zh_store_plan_lesson_fill(db, l[k].id, t[ti].title, t[ti].homework, t[ti].id)))
			return e;
		left[ti]--;
		res->filled++;
	}
	res->lessons = (int64_t)nl;
	for (size_t i = 0; i < nt; i++)
		res->hours_left += left[i] > 0 ? left[i] : 0;
	return ZH_OK;
}

enum zh_err zh_plan_apply(struct zh_ctx *c, int64_t id, struct zh_plan_apply_result *res)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_plan_row p;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_plan(c, id, &p)))
		goto out;
	if (!allowed(c, "plans.edit.all") && (!allowed(c, "plans.edit.own_subject") || p.teacher_id != c->person_id)) {
		e = forbidden(c);
		goto out;
	}
	if ((e = zh_plan_apply_db(db, c->arena, &p, res)))
		goto out;
	if (res->filled &&
	    (e = zh_audit_take(c, edit_op(c), "plan", id, NULL,
			  json_pack("{s:s, s:I, s:I}", "applied", "lessons", "filled", (json_int_t)res->filled, "kept",
				    (json_int_t)res->kept))))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_plan_loads(struct zh_ctx *c, bool all, struct zh_plan_load **rows, size_t *n)
{
	if (all && !allowed(c, "plans.edit.all") && !allowed(c, "plans.view.all"))
		return forbidden(c);
	if (!all && !c->person_id) {
		*rows = NULL;
		*n = 0;
		return ZH_OK;
	}
	return zh_store_plan_loads(zh_ctx_db(c), c->arena, c->school_id, all ? 0 : c->person_id, rows, n);
}
