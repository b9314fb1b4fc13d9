/* alerts.c: alerts to families, the weekly digest and the weekly printout (M-11, slice ALERTS) */
#include "domain/alerts.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/tz.h"
#include "domain/acl.h"
#include "domain/audit.h"
#include "domain/grading.h"
#include "domain/notify.h"
#include "domain/roles.h"
#include "domain/school.h"
#include "domain/scope.h"
#include "export/printout.h"
#include "json/json.h"
#include "store/alerts.h"
#include "store/finals.h"
#include "store/school.h"

#define ABSENCE_WINDOW 13   /* days back from today scanned for absences */
#define EVENING_HOUR 18     /* a whole day of Н counts from this local hour on */

/* ---- time in the school's zone ---- */

struct when {
	char today[11];
	int hour, weekday;
};

static enum zh_err school_when(struct zh_ctx *c, struct when *w)
{
	struct zh_school_row s;
	int y, m, d;
	int64_t midnight = 0, now = c->now ? c->now : zh_now();
	enum zh_err e = zh_store_school_get(zh_ctx_db(c), c->arena, c->school_id, &s);
	if (e)
		return e;
	if (!zh_tz_date(s.timezone, now, w->today) || !zh_date_parse(w->today, &y, &m, &d) ||
	    !zh_tz_midnight(s.timezone, y, m, d, &midnight))
		return zh_fail_set(&c->fail, ZH_EINTERNAL, "timezone", "timezone", "Неизвестный часовой пояс школы «%s»",
				   s.timezone);
	w->hour = (int)((now - midnight) / 3600);
	if (w->hour < 0)
		w->hour = 0;
	if (w->hour > 23)
		w->hour = 23;
	w->weekday = zh_day_weekday(zh_day_number(w->today));
	return ZH_OK;
}

static void add_days(const char *date, int n, char out[11])
{
	if (!zh_date_add(date, n, out))
		snprintf(out, 11, "%s", date);
}

static void monday_of(const char *date, char out[11])
{
	int64_t day = zh_day_number(date);
	zh_day_string(day - (zh_day_weekday(day) - 1), out);
}

/* ---- telling the parents ---- */

static enum zh_err tell_parents(struct zh_ctx *c, int64_t student_id, const char *kind, const char *entity,
				int64_t entity_id, const char *sub, const char *title, const char *body,
				const int64_t *only, int *told)
{
	int64_t *parents = NULL;
	size_t np = 0;
	enum zh_err e;
	*told = 0;
	if (only) {
		parents = (int64_t *)only;
		np = 1;
	} else if ((e = zh_store_al_parents(zh_ctx_db(c), c->arena, c->school_id, student_id, &parents, &np))) {
		return e;
	}
	for (size_t i = 0; i < np; i += 4) {
		struct zh_notice n = { .kind = kind, .entity = entity, .entity_id = entity_id, .sub = sub,
				       .title = title, .body = body, .to = { .school_id = c->school_id } };
		for (size_t j = 0; j < 4 && i + j < np; j++)
			n.to.extra[j] = parents[i + j];
		int64_t cnt = 0;
		if ((e = zh_notify(c, &n, &cnt)))
			return e;
		*told += (int)cnt;
	}
	return ZH_OK;
}

/* ---- one class ---- */

struct run_env {
	struct when w;
	struct zh_school_settings set;
	char abs_from[11], whole_to[11];
};

static const char *subject_name(struct zh_ctx *c, int64_t id)
{
	const char *name = NULL;
	if (zh_store_school_subject_name(zh_ctx_db(c), c->arena, c->school_id, id, &name) || !name)
		return "?";
	return name;
}

static const char *period_name(struct zh_ctx *c, int64_t id)
{
	struct zh_fin_period p;
	int64_t year;
	if (zh_store_fin_period(zh_ctx_db(c), c->arena, c->school_id, id, &year, &p) || !p.name)
		return "период";
	return p.name;
}

static const char *ddmm(struct zh_ctx *c, const char *date)
{
	char b[16];
	zh_printout_ddmm(date, b);
	return zh_arena_strdup(c->arena, b);
}

static struct zh_al_row *push_row(struct zh_ctx *c, struct zh_al_row **arr, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct zh_al_row *na = zh_arena_alloc(c->arena, nc * sizeof *na);
		if (!na)
			return NULL;
		if (*n)
			memcpy(na, *arr, *n * sizeof *na);
		*arr = na;
		*cap = nc;
	}
	struct zh_al_row *r = &(*arr)[(*n)++];
	memset(r, 0, sizeof *r);
	return r;
}

/* The situations of a class as alert rows (not yet stored). */
static enum zh_err class_facts(struct zh_ctx *c, const struct zh_al_class *cl, const struct run_env *env,
			       struct zh_al_row **out, size_t *nout)
{
	struct zh_db *db = zh_ctx_db(c);
	size_t cap = 0;
	enum zh_err e;
	*out = NULL;
	*nout = 0;
	bool weighted = env->set.averaging && strcmp(env->set.averaging, "weighted") == 0;

	if (cl->period_id) {
		struct zh_al_mark *mk;
		size_t nm;
		const char *to = strcmp(cl->period_end, env->w.today) < 0 ? cl->period_end : env->w.today;
		if ((e = zh_store_al_marks(db, c->arena, c->school_id, cl->id, cl->period_start, to, &mk, &nm)))
			return e;
		struct zh_grade *g = zh_arena_alloc(c->arena, (nm ? nm : 1) * sizeof *g);
		if (!g)
			return ZH_ENOMEM;
		for (size_t i = 0; i < nm;) {
			size_t j = i, k = 0;
			for (; j < nm && mk[j].student_id == mk[i].student_id && mk[j].subject_id == mk[i].subject_id; j++)
				g[k++] = (struct zh_grade){ .value = mk[j].value, .weight = mk[j].weight };
			double avg;
			if (zh_grade_average(g, k, weighted, &avg) && avg < 3.0) {
				struct zh_al_row *r = push_row(c, out, nout, &cap);
				if (!r)
					return ZH_ENOMEM;
				r->student_id = mk[i].student_id;
				r->class_id = cl->id;
				r->kind = "low_average";
				r->subject_id = mk[i].subject_id;
				r->period_id = cl->period_id;
				r->day = "";
				r->has_value = true;
				r->value = zh_grade_display(avg);
				r->message = zh_arena_printf(c->arena, "Средний балл по предмету «%s» за период «%s»: %.2f — ниже 3",
							     subject_name(c, r->subject_id), cl->period_name, r->value);
			}
			i = j;
		}
	}

	struct zh_al_fact *f;
	size_t nf;
	if ((e = zh_store_al_period_twos(db, c->arena, c->school_id, cl->id, cl->year_id, 2, &f, &nf)))
		return e;
	for (size_t i = 0; i < nf; i++) {
		struct zh_al_row *r = push_row(c, out, nout, &cap);
		if (!r)
			return ZH_ENOMEM;
		*r = (struct zh_al_row){ .student_id = f[i].student_id, .class_id = cl->id, .kind = "period_two",
					 .subject_id = f[i].subject_id, .period_id = f[i].period_id, .day = "",
					 .has_value = true, .value = f[i].value };
		r->message = zh_arena_printf(c->arena, "Отметка «%d» за период «%s» по предмету «%s»", f[i].value,
					     period_name(c, f[i].period_id), subject_name(c, f[i].subject_id));
	}

	if ((e = zh_store_al_np_days(db, c->arena, c->school_id, cl->id, env->abs_from, env->w.today, &f, &nf)))
		return e;
	for (size_t i = 0; i < nf; i++) {
		struct zh_al_row *r = push_row(c, out, nout, &cap);
		if (!r)
			return ZH_ENOMEM;
		*r = (struct zh_al_row){ .student_id = f[i].student_id, .class_id = cl->id, .kind = "absence_np",
					 .period_id = cl->period_id, .day = f[i].day, .has_value = true,
					 .value = f[i].value };
		r->message = zh_arena_printf(c->arena, "Пропуск уроков без уважительной причины (НП) %s: уроков — %d",
					     ddmm(c, f[i].day), f[i].value);
	}

	if (*env->whole_to &&
	    (e = zh_store_al_whole_days(db, c->arena, c->school_id, cl->id, env->abs_from, env->whole_to, &f, &nf)))
		return e;
	for (size_t i = 0; *env->whole_to && i < nf; i++) {
		struct zh_al_row *r = push_row(c, out, nout, &cap);
		if (!r)
			return ZH_ENOMEM;
		*r = (struct zh_al_row){ .student_id = f[i].student_id, .class_id = cl->id, .kind = "absence_day",
					 .period_id = cl->period_id, .day = f[i].day, .has_value = true,
					 .value = f[i].value };
		r->message = zh_arena_printf(c->arena, "Отсутствие весь день %s (уроков — %d), причина не указана",
					     ddmm(c, f[i].day), f[i].value);
	}
	return ZH_OK;
}

static bool same_key(const struct zh_al_row *a, const struct zh_al_row *b)
{
	return a->student_id == b->student_id && strcmp(a->kind, b->kind) == 0 && a->subject_id == b->subject_id &&
	       a->period_id == b->period_id && strcmp(a->day, b->day) == 0;
}

static const char *alert_title(const char *kind)
{
	if (strcmp(kind, "low_average") == 0)
		return "Низкий средний балл";
	if (strcmp(kind, "period_two") == 0)
		return "Неудовлетворительная отметка за период";
	if (strcmp(kind, "absence_np") == 0)
		return "Пропуск без уважительной причины";
	return "Отсутствие на уроках весь день";
}

static enum zh_err run_class(struct zh_ctx *c, const struct zh_al_class *cl, const struct run_env *env,
			     struct zh_alerts_stats *st)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_al_row *facts, *old;
	size_t nf, no;
	int64_t raised = 0, resolved = 0, told_all = 0;
	enum zh_err e;

	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = class_facts(c, cl, env, &facts, &nf)) || (e = zh_store_al_of_class(db, c->arena, c->school_id, cl->id, &old, &no)))
		goto fail;
	bool *matched = zh_arena_alloc(c->arena, no + 1);
	if (!matched) {
		e = ZH_ENOMEM;
		goto fail;
	}
	memset(matched, 0, no + 1);
	for (size_t i = 0; i < nf; i++) {
		struct zh_al_row *f = &facts[i];
		const struct zh_al_row *was = NULL;
		for (size_t j = 0; j < no; j++)
			if (same_key(f, &old[j])) {
				was = &old[j];
				matched[j] = true;
				break;
			}
		bool fresh = !was || !was->active || was->class_id != f->class_id;
		if (!fresh && (!was->has_value || fabs(was->value - f->value) < 0.005))
			continue;
		int64_t id;
		int gen;
		if ((e = zh_store_al_raise(db, c->school_id, f, c->now, &id, &gen)))
			goto fail;
		if (!fresh || (was && was->active))
			continue; /* the value moved; the situation is the same: no second notice */
		const char *student = "";
		if ((e = zh_store_al_student_name(db, c->arena, c->school_id, f->student_id, &student)) && e != ZH_ENOTFOUND)
			goto fail;
		const char *title = zh_arena_printf(c->arena, "%s: %s", alert_title(f->kind), student);
		const char *body = zh_arena_printf(c->arena, "%s, класс %s. %s.", student, cl->name, f->message);
		const char *sub = zh_arena_printf(c->arena, "r%d", gen);
		int told = 0;
		if (!title || !body || !sub) {
			e = ZH_ENOMEM;
			goto fail;
		}
		if ((e = tell_parents(c, f->student_id, "alert", "alert", id, sub, title, body, NULL, &told)) ||
		    (e = zh_store_al_set_recipients(db, c->school_id, id, told)))
			goto fail;
		raised++;
		told_all += told;
	}
	for (size_t j = 0; j < no; j++) {
		if (matched[j] || !old[j].active)
			continue;
		bool absence = strncmp(old[j].kind, "absence", 7) == 0;
		if (absence && strcmp(old[j].day, strcmp(old[j].kind, "absence_day") == 0 ? env->whole_to : env->w.today) > 0)
			continue; /* that day has not been looked at yet */
		if ((e = zh_store_al_resolve(db, c->school_id, old[j].id, c->now)))
			goto fail;
		resolved++;
	}
	if ((raised || resolved) &&
	    (e = zh_audit_take(c, "alerts.run", "class", cl->id, NULL,
			       json_pack("{s:I, s:I, s:I}", "raised", (json_int_t)raised, "resolved",
					 (json_int_t)resolved, "notified", (json_int_t)told_all))))
		goto fail;
	if ((e = zh_db_commit(db)))
		return e;
	st->classes++;
	st->raised += raised;
	st->resolved += resolved;
	st->notified += told_all;
	return ZH_OK;
fail:
	zh_db_rollback(db);
	return e;
}

/* ---- the weekly digest ---- */

static enum zh_err digest_build(struct zh_ctx *c, int64_t student_id, const char *day, const char **title,
				const char **text)
{
	struct zh_db *db = zh_ctx_db(c);
	char from[11], hw_from[11], hw_to[11];
	int64_t class_id = 0;
	const char *name;
	struct zh_al_week w;
	enum zh_err e;

	add_days(day, -6, from);
	add_days(day, 1, hw_from);
	add_days(day, 7, hw_to);
	if ((e = zh_store_al_student_name(db, c->arena, c->school_id, student_id, &name)))
		return e;
	if ((e = zh_store_student_class(db, c->school_id, student_id, &class_id)) && e != ZH_ENOTFOUND)
		return e;
	if ((e = zh_store_al_week(db, c->arena, c->school_id, student_id, class_id, from, day, hw_from, hw_to, &w)))
		return e;
	struct zh_buf b;
	zh_buf_init(&b, 1 << 20);
	zh_buf_printf(&b, "Итоги недели %s – %s: %s\n\nОтметки:\n", ddmm(c, from), ddmm(c, day), name);
	if (!w.nmarks)
		zh_buf_puts(&b, "  отметок нет\n");
	for (size_t i = 0; i < w.nmarks;) {
		size_t j = i;
		zh_buf_printf(&b, "  %s: ", w.marks[i].subject);
		for (; j < w.nmarks && strcmp(w.marks[j].subject, w.marks[i].subject) == 0; j++) {
			const struct zh_al_wmark *m = &w.marks[j];
			if (strcmp(m->kind, "mark") == 0)
				zh_buf_printf(&b, "%s%d (%s%s%s)", j > i ? ", " : "", m->value, ddmm(c, m->date),
					      *m->work_type ? ", " : "", m->work_type);
			else
				zh_buf_printf(&b, "%s%s (%s)", j > i ? ", " : "",
					      strcmp(m->kind, "point") == 0 ? "точка" : strcmp(m->kind, "pass") == 0 ? "зачёт" : "незачёт",
					      ddmm(c, m->date));
		}
		zh_buf_puts(&b, "\n");
		i = j;
	}
	zh_buf_puts(&b, "\nПосещаемость:\n");
	if (!w.nabsences)
		zh_buf_puts(&b, "  пропусков нет\n");
	for (size_t i = 0; i < w.nabsences; i++)
		zh_buf_printf(&b, "  %s, %d урок, %s: %s%s%s%s\n", ddmm(c, w.absences[i].date), w.absences[i].number,
			      w.absences[i].subject, w.absences[i].code, *w.absences[i].reason ? " (" : "",
			      w.absences[i].reason, *w.absences[i].reason ? ")" : "");
	zh_buf_printf(&b, "\nДомашние задания на %s – %s:\n", ddmm(c, hw_from), ddmm(c, hw_to));
	if (!w.nhomework)
		zh_buf_puts(&b, "  заданий пока нет\n");
	for (size_t i = 0; i < w.nhomework; i++) {
		zh_buf_printf(&b, "  %s, %s: %s", ddmm(c, w.homework[i].date), w.homework[i].subject, w.homework[i].text);
		if (*w.homework[i].individual)
			zh_buf_printf(&b, "%sиндивидуально: %s", *w.homework[i].text ? "; " : "", w.homework[i].individual);
		zh_buf_puts(&b, "\n");
	}
	*text = zh_arena_strdup(c->arena, b.data ? b.data : "");
	zh_buf_free(&b);
	*title = zh_arena_printf(c->arena, "Итоги недели: %s", name);
	return *text && *title ? ZH_OK : ZH_ENOMEM;
}

static enum zh_err run_digests(struct zh_ctx *c, const struct when *w, struct zh_alerts_stats *st)
{
	struct zh_db *db = zh_ctx_db(c);
	int64_t *parents, *kids;
	size_t np, nk;
	char week[11];
	enum zh_err e;

	monday_of(w->today, week);
	if ((e = zh_store_al_digest_due(db, c->arena, c->school_id, w->weekday, w->hour, &parents, &np)))
		return e;
	for (size_t i = 0; i < np; i++) {
		if ((e = zh_store_al_children(db, c->arena, c->school_id, parents[i], w->today, &kids, &nk)))
			return e;
		for (size_t k = 0; k < nk; k++) {
			bool fresh = false;
			const char *title, *text;
			int told = 0;
			if ((e = zh_db_begin(db, true)))
				return e;
			if ((e = zh_store_al_digest_mark(db, c->school_id, parents[i], kids[k], week, c->now, &fresh)))
				goto fail;
			if (!fresh) {
				zh_db_rollback(db);
				continue;
			}
			if ((e = digest_build(c, kids[k], w->today, &title, &text)) ||
			    (e = tell_parents(c, kids[k], "digest", "student", kids[k], week, title, text, &parents[i], &told)) ||
			    (e = zh_audit_take(c, "alerts.digest", "student", kids[k], NULL,
					       json_pack("{s:I, s:s}", "parent_id", (json_int_t)parents[i], "week", week))) ||
			    (e = zh_db_commit(db)))
				goto fail;
			st->digests++;
		}
	}
	return ZH_OK;
fail:
	zh_db_rollback(db);
	return e;
}

/* ---- runs ---- */

static enum zh_err run_school(struct zh_ctx *c, int64_t class_id, struct zh_alerts_stats *st)
{
	struct run_env env;
	struct zh_al_class *cls;
	size_t n;
	enum zh_err e;

	memset(&env, 0, sizeof env);
	if ((e = school_when(c, &env.w)) || (e = zh_school_settings_get(c, &env.set)))
		return e;
	add_days(env.w.today, -ABSENCE_WINDOW, env.abs_from);
	if (env.w.hour >= EVENING_HOUR)
		snprintf(env.whole_to, sizeof env.whole_to, "%s", env.w.today);
	else
		add_days(env.w.today, -1, env.whole_to);
	e = zh_store_al_classes(zh_ctx_db(c), c->arena, c->school_id, class_id, env.w.today, &cls, &n);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class_id", "Класс с номером %lld не найден",
				   (long long)class_id);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++)
		if ((e = run_class(c, &cls[i], &env, st)))
			return e;
	return run_digests(c, &env.w, st);
}

enum zh_err zh_alerts_run(struct zh_ctx *c, int64_t class_id, struct zh_alerts_stats *st)
{
	memset(st, 0, sizeof *st);
	if (!zh_acl_allows(&c->ops, "reports.class.all"))
		return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
	if (!c->now)
		c->now = zh_now();
	return run_school(c, class_id, st);
}

static json_t *row_json(const struct zh_al_row *r)
{
	return json_pack("{s:I, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:o, s:s, s:b, s:i, s:I, s:o, s:i}", "id",
			 (json_int_t)r->id, "kind", r->kind, "student", "id", (json_int_t)r->student_id, "name",
			 r->student_name ? r->student_name : "", "subject",
			 r->subject_id ? json_pack("{s:I, s:s}", "id", (json_int_t)r->subject_id, "name", r->subject_name)
				       : json_null(),
			 "period_id", r->period_id ? json_integer(r->period_id) : json_null(), "day",
			 *r->day ? json_string(r->day) : json_null(), "value",
			 r->has_value ? json_real(r->value) : json_null(), "message", r->message, "active", r->active,
			 "raised", r->raised, "raised_at", (json_int_t)r->raised_at, "resolved_at",
			 r->resolved_at ? json_integer(r->resolved_at) : json_null(), "recipients", r->recipients);
}

enum zh_err zh_alerts_list(struct zh_ctx *c, int64_t class_id, bool all, json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_al_class *cl;
	struct zh_al_row *rows;
	struct when w;
	size_t n, ncl;
	enum zh_err e;

	if ((e = zh_scope_check(c, "reports.class", &(struct zh_target){ .class_id = class_id })) ||
	    (e = school_when(c, &w)))
		return e;
	e = zh_store_al_classes(db, c->arena, c->school_id, class_id, w.today, &cl, &ncl);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class", "Класс с номером %lld не найден",
				   (long long)class_id);
	if (e || (e = zh_store_al_list(db, c->arena, c->school_id, class_id, !all, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(&rows[i]));
	*out = zh_json_own(c->arena, json_pack("{s:{s:I, s:s}, s:o, s:o, s:I}", "class", "id", (json_int_t)cl->id,
					       "name", cl->name, "period",
					       cl->period_id ? json_pack("{s:I, s:s, s:s, s:s}", "id",
									 (json_int_t)cl->period_id, "name",
									 cl->period_name, "start_date",
									 cl->period_start, "end_date", cl->period_end)
							     : json_null(),
					       "items", items, "total", (json_int_t)n));
	return *out ? ZH_OK : ZH_ENOMEM;
}

/* ---- the scheduler ---- */

enum zh_err zh_alerts_tick(struct zh_store *s, int64_t now)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_ctx c;
	struct zh_school_row *schools;
	size_t n;
	enum zh_err e;

	if (!a)
		return ZH_ENOMEM;
	memset(&c, 0, sizeof c);
	c.arena = a;
	c.store = s;
	c.now = now;
	c.request_id = "alerts";
	c.client_ip = "планировщик";
	e = zh_store_schools_list(zh_ctx_db(&c), a, &schools, &n);
	for (size_t i = 0; !e && i < n; i++) {
		struct zh_alerts_stats st = { 0 };
		struct when w;
		const char *last = "";
		c.school_id = schools[i].id;
		if ((e = school_when(&c, &w)) || (e = zh_store_al_last_run(zh_ctx_db(&c), a, c.school_id, &last)))
			break;
		if (w.hour >= EVENING_HOUR && strcmp(last, w.today) != 0) {
			struct zh_db *db = zh_ctx_db(&c);
			if ((e = zh_db_begin(db, true)))
				break;
			if ((e = zh_store_al_set_run(db, c.school_id, w.today, now)) || (e = zh_db_commit(db))) {
				zh_db_rollback(db);
				break;
			}
			e = run_school(&c, 0, &st);
		} else {
			e = run_digests(&c, &w, &st);
		}
		if (st.raised || st.resolved || st.digests)
			zh_info("alerts: school %lld: raised %lld, resolved %lld, digests %lld",
				    (long long)c.school_id, (long long)st.raised, (long long)st.resolved,
				    (long long)st.digests);
	}
	if (e)
		zh_error("alerts: tick failed: %s", c.fail.msg[0] ? c.fail.msg : zh_err_name(e));
	zh_ctx_done(&c);
	zh_arena_free(a);
	return e;
}

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	bool running, stop;
	int interval;
	struct zh_store *store;
} sched = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static void *sched_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&sched.mu);
	while (!sched.stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += sched.interval;
		pthread_cond_timedwait(&sched.cv, &sched.mu, &ts);
		if (sched.stop)
			break;
		pthread_mutex_unlock(&sched.mu);
		zh_alerts_tick(sched.store, zh_now());
		pthread_mutex_lock(&sched.mu);
	}
	pthread_mutex_unlock(&sched.mu);
	return NULL;
}

void zh_alerts_start(struct zh_store *s, int interval)
{
	const char *env = getenv("ZHURNAL_ALERTS");
	if ((env && strcmp(env, "off") == 0) || interval <= 0 || sched.running)
		return;
	sched.store = s;
	sched.interval = interval;
	sched.stop = false;
	if (pthread_create(&sched.th, NULL, sched_main, NULL) == 0)
		sched.running = true;
}

void zh_alerts_stop(void)
{
	if (!sched.running)
		return;
	pthread_mutex_lock(&sched.mu);
	sched.stop = true;
	pthread_cond_signal(&sched.cv);
	pthread_mutex_unlock(&sched.mu);
	pthread_join(sched.th, NULL);
	sched.running = false;
}

/* ---- digest preference and text ---- */

static json_t *pref_json(const struct zh_al_digest_pref *p)
{
	return json_pack("{s:b, s:i, s:i}", "enabled", p->enabled, "weekday", p->weekday, "hour", p->hour);
}

static enum zh_err parent_only(struct zh_ctx *c)
{
	if (!c->roles[ZH_ROLE_PARENT] || !c->person_id)
		return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Еженедельную сводку выбирают родители");
	return ZH_OK;
}

enum zh_err zh_digest_pref_get(struct zh_ctx *c, json_t **out)
{
	struct zh_al_digest_pref p;
	enum zh_err e;
	if ((e = parent_only(c)) || (e = zh_store_al_digest_get(zh_ctx_db(c), c->school_id, c->person_id, &p)))
		return e;
	*out = zh_json_own(c->arena, pref_json(&p));
	return *out ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_digest_pref_put(struct zh_ctx *c, json_t *body, json_t **out)
{
	static const char *const allowed[] = { "enabled", "weekday", "hour", NULL };
	struct zh_al_digest_pref p, old;
	struct zh_db *db = zh_ctx_db(c);
	long long wd, hr;
	enum zh_err e;

	if ((e = parent_only(c)) || (e = zh_json_only(body, allowed, &c->fail)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_al_digest_get(db, c->school_id, c->person_id, &old)))
		goto fail;
	p = old;
	if (!old.stored)
		p.enabled = true; /* saving the choice means choosing the digest unless told otherwise */
	wd = p.weekday;
	hr = p.hour;
	if ((e = zh_json_bool(body, "enabled", false, &p.enabled, &c->fail)) ||
	    (e = zh_json_int(body, "weekday", false, 1, 7, &wd, &c->fail)) ||
	    (e = zh_json_int(body, "hour", false, 0, 23, &hr, &c->fail)))
		goto fail;
	p.weekday = (int)wd;
	p.hour = (int)hr;
	if ((e = zh_store_al_digest_put(db, c->school_id, c->person_id, &p, c->now)) ||
	    (e = zh_audit_take(c, "alerts.digest_preference", "person", c->person_id,
			       old.stored ? pref_json(&old) : NULL, pref_json(&p))) ||
	    (e = zh_db_commit(db)))
		goto fail;
	*out = zh_json_own(c->arena, pref_json(&p));
	return *out ? ZH_OK : ZH_ENOMEM;
fail:
	zh_db_rollback(db);
	return e;
}

static enum zh_err may_see_student(struct zh_ctx *c, int64_t student_id)
{
	struct zh_fail saved = c->fail;
	if (zh_scope_check(c, "diary.view", &(struct zh_target){ .student_id = student_id }) == ZH_OK)
		return ZH_OK;
	c->fail = saved;
	return zh_scope_check(c, "reports.class", &(struct zh_target){ .student_id = student_id });
}

enum zh_err zh_digest_text(struct zh_ctx *c, int64_t student_id, const char *day, const char **title,
			   const char **text)
{
	struct when w;
	int y, m, d;
	enum zh_err e;
	if (day && !zh_date_parse(day, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "day", "Дата должна быть в виде ГГГГ-ММ-ДД");
	if ((e = may_see_student(c, student_id)) || (e = school_when(c, &w)))
		return e;
	e = digest_build(c, student_id, day ? day : w.today, title, text);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "student_not_found", "student", "Ученик не найден");
	return e;
}

/* ---- paper diary and the printout ---- */

enum zh_err zh_paper_diary_put(struct zh_ctx *c, json_t *body, json_t **out)
{
	static const char *const allowed[] = { "student_id", "declined", "note", NULL };
	struct zh_db *db = zh_ctx_db(c);
	long long sid;
	bool declined = true, old_declined;
	const char *note = NULL, *old_note, *name;
	enum zh_err e;

	if ((e = zh_json_only(body, allowed, &c->fail)) ||
	    (e = zh_json_int(body, "student_id", true, 1, INT64_MAX, &sid, &c->fail)) ||
	    (e = zh_json_bool(body, "declined", true, &declined, &c->fail)) ||
	    (e = zh_json_str(body, "note", false, 500, &note, &c->fail)) ||
	    (e = zh_scope_check(c, "people.manage", &(struct zh_target){ .student_id = sid })))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_al_student_name(db, c->arena, c->school_id, sid, &name);
	if (e == ZH_ENOTFOUND) {
		zh_fail_set(&c->fail, ZH_ENOTFOUND, "student_not_found", "student_id", "Ученик не найден");
		goto fail;
	}
	if (e || (e = zh_store_al_paper_get(db, c->arena, c->school_id, sid, &old_declined, &old_note)))
		goto fail;
	if (!note)
		note = old_note;
	if ((e = zh_store_al_paper_put(db, c->school_id, sid, declined, note, c->user_id, c->now)) ||
	    (e = zh_audit_take(c, "people.paper_diary", "student", sid,
			       json_pack("{s:b, s:s}", "declined", old_declined, "note", old_note),
			       json_pack("{s:b, s:s}", "declined", declined, "note", note))) ||
	    (e = zh_db_commit(db)))
		goto fail;
	*out = zh_json_own(c->arena, json_pack("{s:I, s:s, s:b, s:s}", "student_id", (json_int_t)sid, "name", name,
					       "declined", declined, "note", note));
	return *out ? ZH_OK : ZH_ENOMEM;
fail:
	zh_db_rollback(db);
	return e;
}

static enum zh_err load_class(struct zh_ctx *c, int64_t class_id, struct zh_al_class **cl, struct when *w)
{
	size_t n;
	enum zh_err e;
	if ((e = zh_scope_check(c, "reports.class", &(struct zh_target){ .class_id = class_id })) ||
	    (e = school_when(c, w)))
		return e;
	e = zh_store_al_classes(zh_ctx_db(c), c->arena, c->school_id, class_id, w->today, cl, &n);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class", "Класс с номером %lld не найден",
				   (long long)class_id);
	return e;
}

enum zh_err zh_paper_diary_list(struct zh_ctx *c, int64_t class_id, json_t **out)
{
	struct zh_al_class *cl;
	struct zh_al_student *st;
	struct when w;
	size_t n;
	enum zh_err e;
	if ((e = load_class(c, class_id, &cl, &w)) ||
	    (e = zh_store_al_students(zh_ctx_db(c), c->arena, c->school_id, class_id, &st, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:b, s:s}", "id", (json_int_t)st[i].id, "name",
						       st[i].full_name, "declined", st[i].declined, "note", st[i].note));
	*out = zh_json_own(c->arena, json_pack("{s:{s:I, s:s}, s:o, s:I}", "class", "id", (json_int_t)cl->id, "name",
					       cl->name, "items", items, "total", (json_int_t)n));
	return *out ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_printout_week(struct zh_ctx *c, int64_t class_id, const char *week, bool all, char **pdf,
			     size_t *len, const char **filename)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_al_class *cl;
	struct zh_al_student *st;
	struct zh_school_row school = { .short_name = "" };
	struct when w;
	size_t n, k = 0;
	char from[11], to[11], hw_from[11], hw_to[11];
	int y, m, d;
	enum zh_err e;

	*pdf = NULL;
	*len = 0;
	if (week && !zh_date_parse(week, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "week", "Неделя задаётся датой ГГГГ-ММ-ДД");
	if ((e = load_class(c, class_id, &cl, &w)) ||
	    (e = zh_store_al_students(db, c->arena, c->school_id, class_id, &st, &n)))
		return e;
	e = zh_store_school_get(db, c->arena, c->school_id, &school);
	if (e && e != ZH_ENOTFOUND)
		return e;
	monday_of(week ? week : w.today, from);
	add_days(from, 6, to);
	add_days(from, 7, hw_from);
	add_days(from, 13, hw_to);
	struct zh_printout_student *ps = zh_arena_alloc(c->arena, (n ? n : 1) * sizeof *ps);
	if (!ps)
		return ZH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (!all && !st[i].declined)
			continue;
		ps[k].name = st[i].full_name;
		if ((e = zh_store_al_week(db, c->arena, c->school_id, st[i].id, class_id, from, to, hw_from, hw_to,
					  &ps[k].week)))
			return e;
		k++;
	}
	struct zh_printout p = { .school = school.short_name && *school.short_name ? school.short_name : school.name,
				 .class_name = cl->name, .teacher_name = cl->teacher_name, .from = from, .to = to,
				 .hw_from = hw_from, .hw_to = hw_to, .students = ps, .n = k };
	if ((e = zh_printout_pdf(&p, pdf, len)))
		return zh_fail_set(&c->fail, e, NULL, NULL, "Не удалось сформировать PDF");
	*filename = zh_arena_printf(c->arena, "Распечатка %s %s.pdf", cl->name, from);
	return ZH_OK;
}
