/* diary.c: the electronic diary's API (M-10). The week is the hottest read of the system
 * (parents and students, all at once on Monday morning): every answer is written straight into
 * one buffer, as the journal grid is (src/api/journal.c), instead of building jansson values. */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "domain/diary.h"
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

static const char *const day_names[] = { "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
					  "воскресенье" };

static void class_ref(struct jw *w, const struct zh_dy_student *s)
{
	RAW(w, "{\"id\":");
	i64(w, s->class_id);
	RAW(w, ",\"name\":");
	str(w, s->class_name);
	RAW(w, "}");
}

static void student_head(struct jw *w, const struct zh_dy_student *s)
{
	RAW(w, "{\"id\":");
	i64(w, s->id);
	RAW(w, ",\"name\":");
	name3(w, s->last_name, s->first_name, NULL);
	RAW(w, ",\"full_name\":");
	name3(w, s->last_name, s->first_name, s->middle_name);
	RAW(w, ",\"class\":");
	class_ref(w, s);
	RAW(w, ",\"current\":");
	boolean(w, s->current);
	RAW(w, "}");
}

static enum zh_err send(struct zh_req *r, struct jw *w)
{
	if (w->e || !w->b.data) {
		zh_buf_free(&w->b);
		return w->e ? w->e : ZH_ENOMEM;
	}
	return zh_resp_bytes(r, 200, "application/json; charset=utf-8", NULL, w->b.data, w->b.len);
}

static void jw_init(struct jw *w, size_t reserve)
{
	w->e = ZH_OK;
	zh_buf_init(&w->b, (size_t)16 << 20);
	w->e = zh_buf_reserve(&w->b, reserve);
}

/* A positive id in the query: 400 naming it when absent (and required) or not a number. */
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

/* GET /api/v1/diary/students */
enum zh_err zh_api_diary_students(struct zh_req *r)
{
	struct zh_dy_student *rows;
	size_t n;
	struct jw w;
	enum zh_err e = zh_diary_students(&r->ctx, &rows, &n);
	if (e)
		return e;
	jw_init(&w, 256 + n * 256);
	RAW(&w, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			RAW(&w, ",");
		student_head(&w, &rows[i]);
	}
	RAW(&w, "]}");
	return send(r, &w);
}

static void mark_obj(struct jw *w, int64_t id, const char *kind, int value, const char *comment)
{
	RAW(w, "{\"id\":");
	i64(w, id);
	RAW(w, ",\"kind\":");
	str(w, kind);
	RAW(w, ",\"value\":");
	if (kind && strcmp(kind, "mark") == 0)
		i64(w, value);
	else
		RAW(w, "null");
	RAW(w, ",\"comment\":");
	str(w, comment ? comment : "");
	RAW(w, "}");
}

static void lesson_json(struct jw *w, const struct zh_dy_week *wk, const struct zh_dy_lesson *l, size_t *acur,
			size_t *fcur)
{
	RAW(w, "{\"id\":");
	i64(w, l->id);
	RAW(w, ",\"number\":");
	i64(w, l->number);
	RAW(w, ",\"start\":");
	str(w, l->start);
	RAW(w, ",\"end\":");
	str(w, l->end);
	RAW(w, ",\"subject\":{\"id\":");
	i64(w, l->subject_id);
	RAW(w, ",\"name\":");
	str(w, l->subject ? l->subject : "");
	RAW(w, "},\"room\":");
	str(w, l->room);
	RAW(w, ",\"teacher\":");
	person(w, l->teacher_id, l->teacher);
	RAW(w, ",\"status\":");
	str(w, l->status);
	RAW(w, ",\"substitute\":");
	if (l->substitute_id)
		person(w, l->substitute_id, l->substitute);
	else
		RAW(w, "null");
	RAW(w, ",\"topic\":");
	str(w, l->topic ? l->topic : "");
	RAW(w, ",\"homework\":");
	str(w, l->homework ? l->homework : "");
	RAW(w, ",\"individual_homework\":");
	str(w, l->ihw);
	RAW(w, ",\"files\":[");
	/* files and assignments come in the lessons' order (date, number, id) */
	bool first = true;
	for (; *fcur < wk->nfiles && wk->files[*fcur].lesson_id == l->id; (*fcur)++) {
		const struct zh_dy_file *f = &wk->files[*fcur];
		RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		i64(w, f->id);
		RAW(w, ",\"name\":");
		str(w, f->name ? f->name : "");
		RAW(w, ",\"size\":");
		i64(w, f->size);
		RAW(w, "}");
	}
	RAW(w, "],\"assignments\":[");
	first = true;
	for (; *acur < wk->nassignments && wk->assignments[*acur].lesson_id == l->id; (*acur)++) {
		const struct zh_dy_assignment *a = &wk->assignments[*acur];
		RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		i64(w, a->id);
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
		RAW(w, ",\"mark\":");
		if (a->mark_id)
			mark_obj(w, a->mark_id, a->mark_kind, a->mark_value, a->mark_comment);
		else
			RAW(w, "null");
		RAW(w, "}");
	}
	RAW(w, "],\"attendance\":");
	if (l->att_code) {
		RAW(w, "{\"code\":");
		str(w, l->att_code);
		RAW(w, ",\"reason\":");
		str(w, l->att_reason);
		RAW(w, "}");
	} else {
		RAW(w, "null");
	}
	RAW(w, "}");
}

static void event_json(struct jw *w, const struct zh_dy_event *ev)
{
	RAW(w, "{\"id\":");
	i64(w, ev->id);
	RAW(w, ",\"date\":");
	str(w, ev->date);
	RAW(w, ",\"title\":");
	str(w, ev->title ? ev->title : "");
	RAW(w, ",\"description\":");
	str(w, ev->description ? ev->description : "");
	RAW(w, ",\"start_time\":");
	str(w, ev->start_time);
	RAW(w, ",\"end_time\":");
	str(w, ev->end_time);
	RAW(w, ",\"place\":");
	str(w, ev->place ? ev->place : "");
	RAW(w, ",\"audience\":");
	str(w, ev->audience);
	RAW(w, "}");
}

static void week_json(struct jw *w, const struct zh_diary_week *d)
{
	const struct zh_dy_week *wk = &d->w;
	RAW(w, "{\"student\":{\"id\":");
	i64(w, d->s.id);
	RAW(w, ",\"name\":");
	name3(w, d->s.last_name, d->s.first_name, NULL);
	RAW(w, ",\"class\":");
	class_ref(w, &d->s);
	RAW(w, "},\"week\":{\"start\":");
	str(w, d->start);
	RAW(w, ",\"end\":");
	str(w, d->end);
	RAW(w, ",\"prev\":");
	str(w, d->prev);
	RAW(w, ",\"next\":");
	str(w, d->next);
	RAW(w, "},\"today\":");
	str(w, d->today);
	RAW(w, ",\"days\":[");
	int64_t monday = zh_day_number(d->start);
	size_t lcur = 0, acur = 0, fcur = 0, ecur = 0;
	for (int i = 0; i < 7; i++) {
		char date[11];
		zh_day_string(monday + i, date);
		RAWS(w, i ? ",{\"date\":" : "{\"date\":");
		str(w, date);
		RAW(w, ",\"weekday\":");
		i64(w, i + 1);
		RAW(w, ",\"name\":");
		str(w, day_names[i]);
		RAW(w, ",\"lessons\":[");
		for (bool first = true; lcur < wk->nlessons && strcmp(wk->lessons[lcur].date, date) == 0; lcur++) {
			if (!first)
				RAW(w, ",");
			first = false;
			lesson_json(w, wk, &wk->lessons[lcur], &acur, &fcur);
		}
		RAW(w, "],\"events\":[");
		for (bool first = true; ecur < wk->nevents && strcmp(wk->events[ecur].date, date) == 0; ecur++) {
			if (!first)
				RAW(w, ",");
			first = false;
			event_json(w, &wk->events[ecur]);
		}
		RAW(w, "]}");
	}
	RAW(w, "],\"changes\":[");
	for (size_t i = 0; i < wk->nchanges; i++) {
		const struct zh_dy_change *x = &wk->changes[i];
		RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		i64(w, x->id);
		RAW(w, ",\"lesson_id\":");
		i64(w, x->lesson_id);
		RAW(w, ",\"kind\":");
		str(w, x->kind);
		RAW(w, ",\"date\":");
		str(w, x->date);
		RAW(w, ",\"number\":");
		i64(w, x->number);
		RAW(w, ",\"subject\":");
		str(w, x->subject ? x->subject : "");
		RAW(w, ",\"reason\":");
		str(w, x->reason ? x->reason : "");
		RAW(w, ",\"substitute\":");
		str(w, x->substitute);
		RAW(w, ",\"room\":");
		str(w, x->room);
		RAW(w, "}");
	}
	RAW(w, "]}");
}

/* GET /api/v1/diary?student=&week= */
enum zh_err zh_api_diary_week(struct zh_req *r)
{
	struct zh_diary_week d;
	int64_t student;
	struct jw w;
	enum zh_err e;
	struct zh_diary_key k;
	char *json;
	size_t len;
	int64_t now = r->ctx.now ? r->ctx.now : zh_now();
	const char *week = zh_req_query(r, "week");
	if (week && !*week)
		week = NULL;
	if ((e = query_id(r, "student", true, &student)) || (e = zh_diary_week_key(&r->ctx, student, week, &k)))
		return e;
	zh_diary_week_viewed(&r->ctx, &k);
	if (zh_diary_cache_get(&k, now, &json, &len))
		return zh_resp_bytes(r, 200, "application/json; charset=utf-8", NULL, json, len);
	if ((e = zh_diary_week_data(&r->ctx, &k, &d)))
		return e;
	jw_init(&w, 2048 + d.w.nlessons * 640 + d.w.nassignments * 256 + d.w.nevents * 256 + d.w.nchanges * 192);
	week_json(&w, &d);
	if (!w.e && w.b.data)
		zh_diary_cache_put(&k, now, w.b.data, w.b.len);
	return send(r, &w);
}

/* GET /api/v1/diary/marks?student=[&period=] */
enum zh_err zh_api_diary_marks(struct zh_req *r)
{
	struct zh_diary_marks d;
	int64_t student, period;
	struct jw w;
	enum zh_err e;
	if ((e = query_id(r, "student", true, &student)) || (e = query_id(r, "period", false, &period)) ||
	    (e = zh_diary_marks(&r->ctx, student, period, &d)))
		return e;
	const struct zh_school_settings *st = &d.settings;
	jw_init(&w, 1024 + d.nsubjects * 512 + d.m.nmarks * 192);
	RAW(&w, "{\"student\":{\"id\":");
	i64(&w, d.s.id);
	RAW(&w, ",\"name\":");
	name3(&w, d.s.last_name, d.s.first_name, NULL);
	RAW(&w, ",\"class\":");
	class_ref(&w, &d.s);
	RAW(&w, "},\"period\":{\"id\":");
	i64(&w, d.period.id);
	RAW(&w, ",\"name\":");
	str(&w, d.period.name);
	RAW(&w, ",\"start_date\":");
	str(&w, d.period.start_date);
	RAW(&w, ",\"end_date\":");
	str(&w, d.period.end_date);
	RAW(&w, "},\"settings\":{\"averaging\":");
	str(&w, st->averaging ? st->averaging : "weighted");
	RAW(&w, ",\"round_threshold\":");
	num(&w, st->round_threshold);
	RAW(&w, ",\"mark_min\":");
	i64(&w, st->mark_min);
	RAW(&w, ",\"mark_max\":");
	i64(&w, st->mark_max);
	RAW(&w, ",\"lesson_weight\":");
	num(&w, d.m.lesson_weight);
	RAW(&w, "},\"subjects\":[");
	for (size_t i = 0; i < d.nsubjects; i++) {
		const struct zh_diary_subject *s = &d.subjects[i];
		RAWS(&w, i ? ",{\"subject\":{\"id\":" : "{\"subject\":{\"id\":");
		i64(&w, s->subject->id);
		RAW(&w, ",\"name\":");
		str(&w, s->subject->name);
		RAW(&w, ",\"pass_fail\":");
		boolean(&w, s->subject->pass_fail);
		RAW(&w, "},\"marks\":[");
		for (size_t j = 0; j < s->nmarks; j++) {
			const struct zh_dy_mark *m = &s->marks[j];
			RAWS(&w, j ? ",{\"id\":" : "{\"id\":");
			i64(&w, m->id);
			RAW(&w, ",\"date\":");
			str(&w, m->date);
			RAW(&w, ",\"lesson_id\":");
			i64(&w, m->lesson_id);
			RAW(&w, ",\"kind\":");
			str(&w, m->kind);
			RAW(&w, ",\"value\":");
			if (strcmp(m->kind, "mark") == 0)
				i64(&w, m->value);
			else
				RAW(&w, "null");
			RAW(&w, ",\"work_type\":");
			str(&w, m->work_type ? m->work_type : "");
			RAW(&w, ",\"weight\":");
			num(&w, m->weight);
			RAW(&w, ",\"comment\":");
			str(&w, m->comment ? m->comment : "");
			RAW(&w, "}");
		}
		RAW(&w, "],\"average\":");
		if (s->has_average)
			num(&w, s->average);
		else
			RAW(&w, "null");
		RAW(&w, ",\"suggested\":");
		if (s->has_average)
			i64(&w, s->suggested);
		else
			RAW(&w, "null");
		RAW(&w, ",\"period_mark\":");
		if (s->period_mark) {
			RAW(&w, "{\"value\":");
			if (s->period_mark->code)
				RAW(&w, "null");
			else
				i64(&w, s->period_mark->value);
			RAW(&w, ",\"code\":");
			str(&w, s->period_mark->code);
			RAW(&w, "}");
		} else {
			RAW(&w, "null");
		}
		RAW(&w, ",\"forecast\":{\"current\":");
		if (s->has_average)
			i64(&w, s->suggested);
		else
			RAW(&w, "null");
		RAW(&w, ",\"next\":");
		if (s->has_next) {
			RAW(&w, "{\"target\":");
			i64(&w, s->target);
			RAW(&w, ",\"fives\":");
			if (s->fives >= 0)
				i64(&w, s->fives);
			else
				RAW(&w, "null");
			RAW(&w, ",\"fours_and_fives\":");
			if (s->mix_fours >= 0) {
				RAW(&w, "{\"fours\":");
				i64(&w, s->mix_fours);
				RAW(&w, ",\"fives\":");
				i64(&w, s->mix_fives);
				RAW(&w, "}");
			} else {
				RAW(&w, "null");
			}
			RAW(&w, "}");
		} else {
			RAW(&w, "null");
		}
		RAW(&w, "}}");
	}
	RAW(&w, "]}");
	return send(r, &w);
}

/* GET /api/v1/diary/attendance?student=[&period=] */
enum zh_err zh_api_diary_attendance(struct zh_req *r)
{
	struct zh_diary_attendance d;
	int64_t student, period;
	struct jw w;
	enum zh_err e;
	if ((e = query_id(r, "student", true, &student)) || (e = query_id(r, "period", false, &period)) ||
	    (e = zh_diary_attendance(&r->ctx, student, period, &d)))
		return e;
	jw_init(&w, 1024 + d.nitems * 160);
	RAW(&w, "{\"student\":{\"id\":");
	i64(&w, d.s.id);
	RAW(&w, ",\"name\":");
	name3(&w, d.s.last_name, d.s.first_name, NULL);
	RAW(&w, ",\"class\":");
	class_ref(&w, &d.s);
	RAW(&w, "},\"period\":{\"id\":");
	i64(&w, d.period.id);
	RAW(&w, ",\"name\":");
	str(&w, d.period.name);
	RAW(&w, ",\"start_date\":");
	str(&w, d.period.start_date);
	RAW(&w, ",\"end_date\":");
	str(&w, d.period.end_date);
	RAW(&w, "},\"total_lessons\":");
	i64(&w, d.total_lessons);
	RAW(&w, ",\"missed\":");
	i64(&w, d.missed);
	RAW(&w, ",\"by_code\":{\"Н\":");
	i64(&w, d.n_absent);
	RAW(&w, ",\"О\":");
	i64(&w, d.n_late);
	RAW(&w, ",\"Б\":");
	i64(&w, d.n_ill);
	RAW(&w, "},\"by_reason\":{\"УП\":");
	i64(&w, d.r_excused);
	RAW(&w, ",\"НП\":");
	i64(&w, d.r_unexcused);
	RAW(&w, ",\"none\":");
	i64(&w, d.r_none);
	RAW(&w, "},\"items\":[");
	for (size_t i = 0; i < d.nitems; i++) {
		const struct zh_dy_absence *a = &d.items[i];
		RAWS(&w, i ? ",{\"date\":" : "{\"date\":");
		str(&w, a->date);
		RAW(&w, ",\"lesson_id\":");
		i64(&w, a->lesson_id);
		RAW(&w, ",\"subject\":");
		str(&w, a->subject ? a->subject : "");
		RAW(&w, ",\"code\":");
		str(&w, a->code);
		RAW(&w, ",\"reason\":");
		str(&w, a->reason);
		RAW(&w, "}");
	}
	RAW(&w, "]}");
	return send(r, &w);
}

static void homework_items(struct jw *w, const struct zh_dy_homework *h, size_t n, bool assignments)
{
	for (size_t i = 0; i < n; i++) {
		RAWS(w, i ? ",{\"lesson_id\":" : "{\"lesson_id\":");
		i64(w, h[i].lesson_id);
		RAW(w, ",\"date\":");
		str(w, h[i].date);
		RAW(w, ",\"subject\":{\"id\":");
		i64(w, h[i].subject_id);
		RAW(w, ",\"name\":");
		str(w, h[i].subject ? h[i].subject : "");
		RAW(w, "},\"homework\":");
		str(w, h[i].homework ? h[i].homework : "");
		RAW(w, ",\"individual_homework\":");
		str(w, h[i].ihw);
		if (assignments) {
			RAW(w, ",\"assignment_id\":");
			id_or_null(w, h[i].assignment_id);
			RAW(w, ",\"work_type\":");
			str(w, h[i].work_type);
			RAW(w, ",\"description\":");
			str(w, h[i].description ? h[i].description : "");
		}
		RAW(w, ",\"due_date\":");
		str(w, h[i].due_date);
		RAW(w, "}");
	}
}

/* GET /api/v1/diary/homework?student= */
enum zh_err zh_api_diary_homework(struct zh_req *r)
{
	struct zh_diary_homework d;
	int64_t student;
	struct jw w;
	enum zh_err e;
	if ((e = query_id(r, "student", true, &student)) || (e = zh_diary_homework(&r->ctx, student, &d)))
		return e;
	jw_init(&w, 1024 + (d.nupcoming + d.noverdue) * 384);
	RAW(&w, "{\"today\":");
	str(&w, d.today);
	RAW(&w, ",\"until\":");
	str(&w, d.until);
	RAW(&w, ",\"overdue_from\":");
	str(&w, d.overdue_from);
	RAW(&w, ",\"upcoming\":[");
	homework_items(&w, d.upcoming, d.nupcoming, false);
	RAW(&w, "],\"overdue\":[");
	homework_items(&w, d.overdue, d.noverdue, true);
	RAW(&w, "]}");
	return send(r, &w);
}

/* GET /api/v1/diary/views?student=[&limit=&offset=] */
enum zh_err zh_api_diary_views(struct zh_req *r)
{
	struct zh_dy_view_row *rows;
	size_t n;
	int64_t student, total;
	long long limit, offset;
	enum zh_err e;
	if ((e = query_id(r, "student", true, &student)) ||
	    (e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, INT32_MAX, &offset)) ||
	    (e = zh_diary_views(&r->ctx, student, (int)limit, (int)offset, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[32];
		zh_time_rfc3339(rows[i].at, at, sizeof at);
		json_t *o = json_pack("{s:I, s:{s:I, s:o, s:s, s:s}, s:s, s:s, s:s}", "id", (json_int_t)rows[i].id,
				      "viewer", "user_id", (json_int_t)rows[i].user_id, "person_id",
				      rows[i].person_id ? json_integer(rows[i].person_id) : json_null(), "name",
				      rows[i].viewer ? rows[i].viewer : "", "login", rows[i].login ? rows[i].login : "",
				      "what", rows[i].what, "ref", rows[i].ref ? rows[i].ref : "", "at", at);
		if (o)
			json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}
