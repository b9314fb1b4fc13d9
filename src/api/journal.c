/* journal.c: the journals list, the journal grid and one lesson of it (M-09, slice GRID).
 * The grid is the hottest read of the system: it is written straight into one buffer (strings
 * escaped here) instead of building thousands of jansson values. */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/journal.h"
#include "json/json.h"

/* ---- a small JSON writer over zh_buf: the first error sticks ---- */
struct jw {
	struct zh_buf b;
	enum zh_err e;
};

static void raw(struct jw *w, const char *s, size_t n)
{
	if (!w->e)
		w->e = zh_buf_append(&w->b, s, n);
}
#define RAW(w, lit) raw((w), "" lit, sizeof("" lit) - 1) /* string literals only */
#define RAWS(w, s) raw((w), (s), strlen(s))

/* The escaped text of s, without quotes. */
static void esc(struct jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s), run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		raw(w, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': RAW(w, "\\\""); break;
		case '\\': RAW(w, "\\\\"); break;
		case '\n': RAW(w, "\\n"); break;
		case '\r': RAW(w, "\\r"); break;
		case '\t': RAW(w, "\\t"); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			raw(w, u, sizeof u);
		}
		}
	}
	raw(w, s + run, n - run);
}

static void str(struct jw *w, const char *s)
{
	if (!s) {
		RAW(w, "null");
		return;
	}
	RAW(w, "\"");
	esc(w, s);
	RAW(w, "\"");
}

/* "a b" or "a b c" (c empty or NULL: left out) as one string. */
static void name3(struct jw *w, const char *a, const char *b, const char *c)
{
	RAW(w, "\"");
	esc(w, a ? a : "");
	RAW(w, " ");
	esc(w, b ? b : "");
	if (c && *c) {
		RAW(w, " ");
		esc(w, c);
	}
	RAW(w, "\"");
}

static void i64(struct jw *w, int64_t v)
{
	/* digits by hand: thousands of ids per grid, and snprintf was a visible share of it */
	char t[24], *p = t + sizeof t;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	raw(w, p, (size_t)(t + sizeof t - p));
}

static void id_or_null(struct jw *w, int64_t v)
{
	if (v)
		i64(w, v);
	else
		RAW(w, "null");
}

static void boolean(struct jw *w, bool v)
{
	if (v)
		RAW(w, "true");
	else
		RAW(w, "false");
}

/* A number with at most two decimals, without trailing zeros (4.5, 3.46, 5). */
static void num(struct jw *w, double v)
{
	char t[48];
	int n = snprintf(t, sizeof t, "%.2f", v);
	if (n <= 0 || (size_t)n >= sizeof t) {
		RAW(w, "null");
		return;
	}
	while (n > 1 && t[n - 1] == '0')
		n--;
	if (t[n - 1] == '.')
		n--;
	raw(w, t, (size_t)n);
}

static void person(struct jw *w, int64_t id, const char *name)
{
	RAW(w, "{\"id\":");
	i64(w, id);
	RAW(w, ",\"name\":");
	str(w, name ? name : "");
	RAW(w, "}");
}

static void lesson_json(struct jw *w, const struct zh_journal_grid *g, size_t i, size_t *acur)
{
	const struct zh_jr_lesson *l = &g->d.lessons[i];
	const struct zh_lesson_lock *lk = &g->locks[i];
	RAW(w, "{\"id\":");
	i64(w, l->id);
	RAW(w, ",\"date\":");
	str(w, l->date);
	RAW(w, ",\"number\":");
	i64(w, l->number);
	RAW(w, ",\"status\":");
	str(w, l->status);
	RAW(w, ",\"flagged\":");
	boolean(w, l->flagged);
	RAW(w, ",\"topic\":");
	str(w, l->topic ? l->topic : "");
	RAW(w, ",\"homework\":");
	str(w, l->homework ? l->homework : "");
	RAW(w, ",\"teacher\":");
	person(w, l->teacher_id, l->teacher_name);
	RAW(w, ",\"substitute\":");
	if (l->substitute_id)
		person(w, l->substitute_id, l->substitute_name);
	else
		RAW(w, "null");
	RAW(w, ",\"locked\":");
	boolean(w, lk->locked);
	RAW(w, ",\"lock_code\":");
	str(w, lk->code);
	RAW(w, ",\"lock_reason\":");
	str(w, lk->reason);
	RAW(w, ",\"locks_on\":");
	str(w, lk->locks_on[0] ? lk->locks_on : NULL);
	RAW(w, ",\"editable\":");
	boolean(w, g->editable[i]);
	RAW(w, ",\"assignments\":[");
	/* assignments come in the lessons' order (both sorted by date, number, id) */
	bool first = true;
	for (; *acur < g->d.nassignments && g->d.assignments[*acur].lesson_id == l->id; (*acur)++) {
		const struct zh_jr_assignment *a = &g->d.assignments[*acur];
		RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		i64(w, a->id);
		RAW(w, ",\"work_type_id\":");
		i64(w, a->work_type_id);
		RAW(w, ",\"work_type\":");
		str(w, a->work_type ? a->work_type : "");
		RAW(w, ",\"short_name\":");
		str(w, a->short_name ? a->short_name : "");
		RAW(w, ",\"weight\":");
		num(w, a->weight);
		RAW(w, ",\"description\":");
		str(w, a->description ? a->description : "");
		RAW(w, ",\"due_date\":");
		str(w, a->due_date);
		RAW(w, "}");
	}
	RAW(w, "],\"individual_homework\":[");
	first = true;
	for (size_t j = 0; j < g->d.nihw; j++) {
		const struct zh_jr_ihw *h = &g->d.ihw[j];
		if (h->lesson_id != l->id)
			continue;
		RAWS(w, first ? "{\"student_id\":" : ",{\"student_id\":");
		first = false;
		i64(w, h->student_id);
		RAW(w, ",\"text\":");
		str(w, h->text ? h->text : "");
		RAW(w, "}");
	}
	RAW(w, "],\"files\":[");
	first = true;
	for (size_t j = 0; j < g->d.nfiles; j++) {
		const struct zh_jr_file *fl = &g->d.files[j];
		if (fl->lesson_id != l->id)
			continue;
		RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		i64(w, fl->id);
		RAW(w, ",\"name\":");
		str(w, fl->name ? fl->name : "");
		RAW(w, ",\"size\":");
		i64(w, fl->size);
		RAW(w, ",\"mime\":");
		str(w, fl->mime ? fl->mime : "");
		RAW(w, ",\"student_id\":");
		id_or_null(w, fl->student_id);
		RAW(w, "}");
	}
	RAW(w, "]}");
}

static void grid_json(struct jw *w, const struct zh_journal_grid *g)
{
	const struct zh_school_settings *s = &g->settings;
	RAW(w, "{\"class\":{\"id\":");
	i64(w, g->cls.id);
	RAW(w, ",\"name\":");
	str(w, g->cls.name);
	RAW(w, ",\"grade\":");
	i64(w, g->cls.grade);
	RAW(w, "},\"subgroup\":");
	if (g->subgroup_id)
		person(w, g->subgroup_id, g->subgroup_name);
	else
		RAW(w, "null");
	RAW(w, ",\"subject\":{\"id\":");
	i64(w, g->subject_id);
	RAW(w, ",\"name\":");
	str(w, g->subject_name);
	RAW(w, ",\"pass_fail\":");
	boolean(w, g->pass_fail);
	RAW(w, "},\"period\":{\"id\":");
	i64(w, g->period.id);
	RAW(w, ",\"name\":");
	str(w, g->period.name);
	RAW(w, ",\"start_date\":");
	str(w, g->period.start_date);
	RAW(w, ",\"end_date\":");
	str(w, g->period.end_date);
	RAW(w, "},\"today\":");
	str(w, g->today);
	RAW(w, ",\"year_closed\":");
	boolean(w, g->cls.year_closed);
	RAW(w, ",\"no_marks\":");
	boolean(w, g->no_marks);
	RAW(w, ",\"can_edit\":");
	boolean(w, g->can_edit);
	RAW(w, ",\"settings\":{\"mark_min\":");
	i64(w, s->mark_min);
	RAW(w, ",\"mark_max\":");
	i64(w, s->mark_max);
	RAW(w, ",\"averaging\":");
	str(w, s->averaging ? s->averaging : "weighted");
	RAW(w, ",\"round_threshold\":");
	num(w, s->round_threshold);
	RAW(w, ",\"lock_days\":");
	i64(w, s->lock_days);
	RAW(w, ",\"forbid_past_homework\":");
	boolean(w, s->forbid_past_homework);
	RAW(w, "},\"work_types\":[");
	for (size_t i = 0; i < g->nwork_types; i++) {
		const struct zh_dict_row *t = &g->work_types[i];
		RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		i64(w, t->id);
		RAW(w, ",\"name\":");
		str(w, t->name ? t->name : "");
		RAW(w, ",\"short_name\":");
		str(w, t->short_name ? t->short_name : "");
		RAW(w, ",\"weight\":");
		num(w, t->weight);
		RAW(w, "}");
	}
	RAW(w, "],\"lessons\":[");
	size_t acur = 0;
	for (size_t i = 0; i < g->d.nlessons; i++) {
		if (i)
			RAW(w, ",");
		lesson_json(w, g, i, &acur);
	}
	RAW(w, "],\"students\":[");
	for (size_t i = 0; i < g->nstudents; i++) {
		const struct zh_journal_student *st = &g->students[i];
		const struct zh_jr_student *p = st->s;
		RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		i64(w, p->id);
		RAW(w, ",\"name\":");
		name3(w, p->last_name, p->first_name, NULL);
		RAW(w, ",\"full_name\":");
		name3(w, p->last_name, p->first_name, p->middle_name);
		RAW(w, ",\"average\":");
		if (st->has_average)
			num(w, st->average);
		else
			RAW(w, "null");
		RAW(w, ",\"suggested\":");
		if (st->has_average)
			i64(w, st->suggested);
		else
			RAW(w, "null");
		RAW(w, ",\"period_mark\":");
		if (st->period_mark) {
			RAW(w, "{\"id\":");
			i64(w, st->period_mark->id);
			RAW(w, ",\"value\":");
			if (st->period_mark->code)
				RAW(w, "null");
			else
				i64(w, st->period_mark->value);
			RAW(w, ",\"code\":");
			str(w, st->period_mark->code);
			RAW(w, "}");
		} else {
			RAW(w, "null");
		}
		RAW(w, "}");
	}
	RAW(w, "],\"marks\":[");
	for (size_t i = 0; i < g->d.nmarks; i++) {
		const struct zh_jr_mark *m = &g->d.marks[i];
		RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		i64(w, m->id);
		RAW(w, ",\"lesson_id\":");
		i64(w, m->lesson_id);
		RAW(w, ",\"assignment_id\":");
		i64(w, m->assignment_id);
		RAW(w, ",\"student_id\":");
		i64(w, m->student_id);
		RAW(w, ",\"kind\":");
		str(w, m->kind);
		RAW(w, ",\"value\":");
		if (strcmp(m->kind, "mark") == 0)
			i64(w, m->value);
		else
			RAW(w, "null");
		RAW(w, ",\"comment\":");
		str(w, m->comment ? m->comment : "");
		RAW(w, "}");
	}
	RAW(w, "],\"attendance\":[");
	for (size_t i = 0; i < g->d.nattendance; i++) {
		const struct zh_jr_att *t = &g->d.attendance[i];
		RAWS(w, i ? ",{\"lesson_id\":" : "{\"lesson_id\":");
		i64(w, t->lesson_id);
		RAW(w, ",\"student_id\":");
		i64(w, t->student_id);
		RAW(w, ",\"code\":");
		str(w, t->code);
		RAW(w, ",\"reason\":");
		str(w, t->reason);
		RAW(w, "}");
	}
	RAW(w, "]}");
}

static enum zh_err send_grid(struct zh_req *r, const struct zh_journal_grid *g)
{
	struct jw w = { .e = ZH_OK };
	zh_buf_init(&w.b, (size_t)64 << 20);
	/* ~1 KB per student row and lesson column of a term's grid: one allocation instead of eight */
	w.e = zh_buf_reserve(&w.b, 16384 + (g->nstudents + g->d.nlessons) * 512 + g->d.nmarks * 96);
	grid_json(&w, g);
	if (w.e || !w.b.data) {
		zh_buf_free(&w.b);
		return w.e ? w.e : ZH_ENOMEM;
	}
	return zh_resp_bytes(r, 200, "application/json; charset=utf-8", NULL, w.b.data, w.b.len);
}

/* A required positive id in the query: 400 naming it when absent or not a number. */
static enum zh_err query_id(struct zh_req *r, const char *name, bool required, int64_t *out)
{
	long long v;
	enum zh_err e;
	const char *s = zh_req_query(r, name);
	*out = 0;
	if (!s || !*s) {
		if (!required)
			return ZH_OK;
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "required", name, "Не указан параметр %s", name);
	}
	if ((e = zh_req_query_int(r, name, 0, 1, INT64_MAX, &v)))
		return e;
	*out = v;
	return ZH_OK;
}

/* GET /api/v1/journal?group=&subject=&period=[&subgroup=] */
enum zh_err zh_api_journal_grid(struct zh_req *r)
{
	struct zh_journal_grid g;
	int64_t group, subject, period, subgroup;
	enum zh_err e;
	if ((e = query_id(r, "group", true, &group)) || (e = query_id(r, "subject", true, &subject)) ||
	    (e = query_id(r, "period", true, &period)) || (e = query_id(r, "subgroup", false, &subgroup)) ||
	    (e = zh_journal_grid(&r->ctx, group, subject, period, subgroup, &g)))
		return e;
	return send_grid(r, &g);
}

/* GET /api/v1/journal/lessons/{id} */
enum zh_err zh_api_journal_lesson(struct zh_req *r)
{
	struct zh_journal_grid g;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_journal_lesson(&r->ctx, id, &g)))
		return e;
	return send_grid(r, &g);
}

/* GET /api/v1/journals[?period=][&class=] */
enum zh_err zh_api_journals(struct zh_req *r)
{
	struct zh_journal_item *rows;
	int64_t period, cls;
	size_t n;
	enum zh_err e;
	if ((e = query_id(r, "period", false, &period)) || (e = query_id(r, "class", false, &cls)) ||
	    (e = zh_journals_list(&r->ctx, period, cls, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct zh_jr_item *x = &rows[i].row;
		json_t *o = json_pack("{s:I, s:s, s:i, s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:s, s:b}", "class_id",
				      (json_int_t)x->class_id, "class_name", x->class_name, "grade", x->grade,
				      "subject_id", (json_int_t)x->subject_id, "subject_name", x->subject_name,
				      "period_id", (json_int_t)x->period_id, "period_name", x->period_name,
				      "start_date", x->start_date, "end_date", x->end_date, "teacher_id",
				      (json_int_t)x->teacher_id, "teacher_name", x->teacher_name ? x->teacher_name : "",
				      "can_edit", rows[i].can_edit);
		if (!o)
			continue;
		json_object_set_new(o, "subgroup_id", x->subgroup_id ? json_integer(x->subgroup_id) : json_null());
		json_object_set_new(o, "subgroup_name",
				    x->subgroup_id && x->subgroup_name ? json_string(x->subgroup_name) : json_null());
		json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o}", "items", items));
}
