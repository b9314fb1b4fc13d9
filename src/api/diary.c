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
#include "json/writer.h"


static const char *const day_names[] = { "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
					  "воскресенье" };

static void class_ref(struct zh_jw *w, const struct zh_dy_student *s)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, s->class_id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, s->class_name);
	ZH_JW_RAW(w, "}");
}

static void student_head(struct zh_jw *w, const struct zh_dy_student *s)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, s->id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_name3(w, s->last_name, s->first_name, NULL);
	ZH_JW_RAW(w, ",\"full_name\":");
	zh_jw_name3(w, s->last_name, s->first_name, s->middle_name);
	ZH_JW_RAW(w, ",\"class\":");
	class_ref(w, s);
	ZH_JW_RAW(w, ",\"current\":");
	zh_jw_bool(w, s->current);
	ZH_JW_RAW(w, "}");
}

static enum zh_err send(struct zh_req *r, struct zh_jw *w)
{
	if (w->e || !w->b.data) {
		zh_buf_free(&w->b);
		return w->e ? w->e : ZH_ENOMEM;
	}
	return zh_resp_bytes(r, 200, "application/json; charset=utf-8", NULL, w->b.data, w->b.len);
}

static void jw_init(struct zh_jw *w, size_t reserve)
{
	w->e = ZH_OK;
	zh_buf_init(&w->b, (size_t)16 << 20);
	w->e = zh_buf_reserve(&w->b, reserve);
}

/* {"id":…,"name":…,"start_date":…,"end_date":…} */
static void period_json(struct zh_jw *w, const struct zh_dy_period *p)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, p->id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, p->name);
	ZH_JW_RAW(w, ",\"start_date\":");
	zh_jw_str(w, p->start_date);
	ZH_JW_RAW(w, ",\"end_date\":");
	zh_jw_str(w, p->end_date);
	ZH_JW_RAW(w, "}");
}

/* GET /api/v1/diary/students */
enum zh_err zh_api_diary_students(struct zh_req *r)
{
	struct zh_dy_student *rows;
	size_t n;
	struct zh_jw w;
	enum zh_err e = zh_diary_students(&r->ctx, &rows, &n);
	if (e)
		return e;
	jw_init(&w, 256 + n * 256);
	ZH_JW_RAW(&w, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ZH_JW_RAW(&w, ",");
		student_head(&w, &rows[i]);
	}
	ZH_JW_RAW(&w, "]}");
	return send(r, &w);
}

static void mark_obj(struct zh_jw *w, int64_t id, const char *kind, int value, const char *comment)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, id);
	ZH_JW_RAW(w, ",\"kind\":");
	zh_jw_str(w, kind);
	ZH_JW_RAW(w, ",\"value\":");
	if (kind && strcmp(kind, "mark") == 0)
		zh_jw_i64(w, value);
	else
		ZH_JW_RAW(w, "null");
	ZH_JW_RAW(w, ",\"comment\":");
	zh_jw_str(w, comment ? comment : "");
	ZH_JW_RAW(w, "}");
}

static void lesson_json(struct zh_jw *w, const struct zh_dy_week *wk, const struct zh_dy_lesson *l, size_t *acur,
			size_t *fcur)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, l->id);
	ZH_JW_RAW(w, ",\"number\":");
	zh_jw_i64(w, l->number);
	ZH_JW_RAW(w, ",\"start\":");
	zh_jw_str(w, l->start);
	ZH_JW_RAW(w, ",\"end\":");
	zh_jw_str(w, l->end);
	ZH_JW_RAW(w, ",\"subject\":{\"id\":");
	zh_jw_i64(w, l->subject_id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, l->subject ? l->subject : "");
	ZH_JW_RAW(w, "},\"room\":");
	zh_jw_str(w, l->room);
	ZH_JW_RAW(w, ",\"teacher\":");
	zh_jw_person(w, l->teacher_id, l->teacher);
	ZH_JW_RAW(w, ",\"status\":");
	zh_jw_str(w, l->status);
	ZH_JW_RAW(w, ",\"substitute\":");
	if (l->substitute_id)
		zh_jw_person(w, l->substitute_id, l->substitute);
	else
		ZH_JW_RAW(w, "null");
	ZH_JW_RAW(w, ",\"topic\":");
	zh_jw_str(w, l->topic ? l->topic : "");
	ZH_JW_RAW(w, ",\"homework\":");
	zh_jw_str(w, l->homework ? l->homework : "");
	ZH_JW_RAW(w, ",\"individual_homework\":");
	zh_jw_str(w, l->ihw);
	ZH_JW_RAW(w, ",\"files\":[");
	/* files and assignments come in the lessons' order (date, number, id) */
	bool first = true;
	for (; *fcur < wk->nfiles && wk->files[*fcur].lesson_id == l->id; (*fcur)++) {
		const struct zh_dy_file *f = &wk->files[*fcur];
		ZH_JW_RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		zh_jw_i64(w, f->id);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_str(w, f->name ? f->name : "");
		ZH_JW_RAW(w, ",\"size\":");
		zh_jw_i64(w, f->size);
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"assignments\":[");
	first = true;
	for (; *acur < wk->nassignments && wk->assignments[*acur].lesson_id == l->id; (*acur)++) {
		const struct zh_dy_assignment *a = &wk->assignments[*acur];
		ZH_JW_RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		zh_jw_i64(w, a->id);
		ZH_JW_RAW(w, ",\"work_type\":");
		zh_jw_str(w, a->work_type ? a->work_type : "");
		ZH_JW_RAW(w, ",\"short_name\":");
		zh_jw_str(w, a->short_name ? a->short_name : "");
		ZH_JW_RAW(w, ",\"weight\":");
		zh_jw_num(w, a->weight);
		ZH_JW_RAW(w, ",\"description\":");
		zh_jw_str(w, a->description ? a->description : "");
		ZH_JW_RAW(w, ",\"due_date\":");
		zh_jw_str(w, a->due_date);
		ZH_JW_RAW(w, ",\"mark\":");
		if (a->mark_id)
			mark_obj(w, a->mark_id, a->mark_kind, a->mark_value, a->mark_comment);
		else
			ZH_JW_RAW(w, "null");
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"attendance\":");
	if (l->att_code) {
		ZH_JW_RAW(w, "{\"code\":");
		zh_jw_str(w, l->att_code);
		ZH_JW_RAW(w, ",\"reason\":");
		zh_jw_str(w, l->att_reason);
		ZH_JW_RAW(w, "}");
	} else {
		ZH_JW_RAW(w, "null");
	}
	ZH_JW_RAW(w, "}");
}

static void event_json(struct zh_jw *w, const struct zh_dy_event *ev)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, ev->id);
	ZH_JW_RAW(w, ",\"date\":");
	zh_jw_str(w, ev->date);
	ZH_JW_RAW(w, ",\"title\":");
	zh_jw_str(w, ev->title ? ev->title : "");
	ZH_JW_RAW(w, ",\"description\":");
	zh_jw_str(w, ev->description ? ev->description : "");
	ZH_JW_RAW(w, ",\"start_time\":");
	zh_jw_str(w, ev->start_time);
	ZH_JW_RAW(w, ",\"end_time\":");
	zh_jw_str(w, ev->end_time);
	ZH_JW_RAW(w, ",\"place\":");
	zh_jw_str(w, ev->place ? ev->place : "");
	ZH_JW_RAW(w, ",\"audience\":");
	zh_jw_str(w, ev->audience);
	ZH_JW_RAW(w, "}");
}

static void week_json(struct zh_jw *w, const struct zh_diary_week *d)
{
	const struct zh_dy_week *wk = &d->w;
	ZH_JW_RAW(w, "{\"student\":{\"id\":");
	zh_jw_i64(w, d->s.id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_name3(w, d->s.last_name, d->s.first_name, NULL);
	ZH_JW_RAW(w, ",\"class\":");
	class_ref(w, &d->s);
	ZH_JW_RAW(w, "},\"week\":{\"start\":");
	zh_jw_str(w, d->start);
	ZH_JW_RAW(w, ",\"end\":");
	zh_jw_str(w, d->end);
	ZH_JW_RAW(w, ",\"prev\":");
	zh_jw_str(w, d->prev);
	ZH_JW_RAW(w, ",\"next\":");
	zh_jw_str(w, d->next);
	ZH_JW_RAW(w, "},\"today\":");
	zh_jw_str(w, d->today);
	ZH_JW_RAW(w, ",\"days\":[");
	int64_t monday = zh_day_number(d->start);
	size_t lcur = 0, acur = 0, fcur = 0, ecur = 0;
	for (int i = 0; i < 7; i++) {
		char date[11];
		zh_day_string(monday + i, date);
		ZH_JW_RAWS(w, i ? ",{\"date\":" : "{\"date\":");
		zh_jw_str(w, date);
		ZH_JW_RAW(w, ",\"weekday\":");
		zh_jw_i64(w, i + 1);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_str(w, day_names[i]);
		ZH_JW_RAW(w, ",\"lessons\":[");
		for (bool first = true; lcur < wk->nlessons && strcmp(wk->lessons[lcur].date, date) == 0; lcur++) {
			if (!first)
				ZH_JW_RAW(w, ",");
			first = false;
			lesson_json(w, wk, &wk->lessons[lcur], &acur, &fcur);
		}
		ZH_JW_RAW(w, "],\"events\":[");
		for (bool first = true; ecur < wk->nevents && strcmp(wk->events[ecur].date, date) == 0; ecur++) {
			if (!first)
				ZH_JW_RAW(w, ",");
			first = false;
			event_json(w, &wk->events[ecur]);
		}
		ZH_JW_RAW(w, "]}");
	}
	ZH_JW_RAW(w, "],\"changes\":[");
	for (size_t i = 0; i < wk->nchanges; i++) {
		const struct zh_dy_change *x = &wk->changes[i];
		ZH_JW_RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		zh_jw_i64(w, x->id);
		ZH_JW_RAW(w, ",\"lesson_id\":");
		zh_jw_i64(w, x->lesson_id);
		ZH_JW_RAW(w, ",\"kind\":");
		zh_jw_str(w, x->kind);
		ZH_JW_RAW(w, ",\"date\":");
		zh_jw_str(w, x->date);
		ZH_JW_RAW(w, ",\"number\":");
		zh_jw_i64(w, x->number);
		ZH_JW_RAW(w, ",\"subject\":");
		zh_jw_str(w, x->subject ? x->subject : "");
		ZH_JW_RAW(w, ",\"reason\":");
		zh_jw_str(w, x->reason ? x->reason : "");
		ZH_JW_RAW(w, ",\"substitute\":");
		zh_jw_str(w, x->substitute);
		ZH_JW_RAW(w, ",\"room\":");
		zh_jw_str(w, x->room);
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "]}");
}

/* GET /api/v1/diary?student=&week= */
enum zh_err zh_api_diary_week(struct zh_req *r)
{
	struct zh_diary_week d;
	int64_t student;
	struct zh_jw w;
	enum zh_err e;
	struct zh_diary_key k;
	char *json;
	size_t len;
	int64_t now = r->ctx.now ? r->ctx.now : zh_now();
	const char *week = zh_req_query(r, "week");
	if (week && !*week)
		week = NULL;
	if ((e = zh_req_query_id(r, "student", true, &student)) || (e = zh_diary_week_key(&r->ctx, student, week, &k)))
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
	struct zh_jw w;
	enum zh_err e;
	if ((e = zh_req_query_id(r, "student", true, &student)) || (e = zh_req_query_id(r, "period", false, &period)) ||
	    (e = zh_diary_marks(&r->ctx, student, period, &d)))
		return e;
	const struct zh_school_settings *st = &d.settings;
	jw_init(&w, 1024 + d.nsubjects * 512 + d.m.nmarks * 192);
	ZH_JW_RAW(&w, "{\"student\":{\"id\":");
	zh_jw_i64(&w, d.s.id);
	ZH_JW_RAW(&w, ",\"name\":");
	zh_jw_name3(&w, d.s.last_name, d.s.first_name, NULL);
	ZH_JW_RAW(&w, ",\"class\":");
	class_ref(&w, &d.s);
	ZH_JW_RAW(&w, "},\"period\":");
	period_json(&w, &d.period);
	ZH_JW_RAW(&w, ",\"periods\":[");
	for (size_t i = 0; i < d.nperiods; i++) {
		if (i)
			ZH_JW_RAW(&w, ",");
		period_json(&w, &d.periods[i]);
	}
	ZH_JW_RAW(&w, "],\"settings\":{\"averaging\":");
	zh_jw_str(&w, st->averaging ? st->averaging : "weighted");
	ZH_JW_RAW(&w, ",\"round_threshold\":");
	zh_jw_num(&w, st->round_threshold);
	ZH_JW_RAW(&w, ",\"mark_min\":");
	zh_jw_i64(&w, st->mark_min);
	ZH_JW_RAW(&w, ",\"mark_max\":");
	zh_jw_i64(&w, st->mark_max);
	ZH_JW_RAW(&w, ",\"lesson_weight\":");
	zh_jw_num(&w, d.m.lesson_weight);
	ZH_JW_RAW(&w, "},\"subjects\":[");
	for (size_t i = 0; i < d.nsubjects; i++) {
		const struct zh_diary_subject *s = &d.subjects[i];
		ZH_JW_RAWS(&w, i ? ",{\"subject\":{\"id\":" : "{\"subject\":{\"id\":");
		zh_jw_i64(&w, s->subject->id);
		ZH_JW_RAW(&w, ",\"name\":");
		zh_jw_str(&w, s->subject->name);
		ZH_JW_RAW(&w, ",\"pass_fail\":");
		zh_jw_bool(&w, s->subject->pass_fail);
		ZH_JW_RAW(&w, "},\"marks\":[");
		for (size_t j = 0; j < s->nmarks; j++) {
			const struct zh_dy_mark *m = &s->marks[j];
			ZH_JW_RAWS(&w, j ? ",{\"id\":" : "{\"id\":");
			zh_jw_i64(&w, m->id);
			ZH_JW_RAW(&w, ",\"date\":");
			zh_jw_str(&w, m->date);
			ZH_JW_RAW(&w, ",\"lesson_id\":");
			zh_jw_i64(&w, m->lesson_id);
			ZH_JW_RAW(&w, ",\"kind\":");
			zh_jw_str(&w, m->kind);
			ZH_JW_RAW(&w, ",\"value\":");
			if (strcmp(m->kind, "mark") == 0)
				zh_jw_i64(&w, m->value);
			else
				ZH_JW_RAW(&w, "null");
			ZH_JW_RAW(&w, ",\"work_type\":");
			zh_jw_str(&w, m->work_type ? m->work_type : "");
			ZH_JW_RAW(&w, ",\"weight\":");
			zh_jw_num(&w, m->weight);
			ZH_JW_RAW(&w, ",\"comment\":");
			zh_jw_str(&w, m->comment ? m->comment : "");
			ZH_JW_RAW(&w, "}");
		}
		ZH_JW_RAW(&w, "],\"average\":");
		if (s->has_average)
			zh_jw_num(&w, s->average);
		else
			ZH_JW_RAW(&w, "null");
		ZH_JW_RAW(&w, ",\"suggested\":");
		if (s->has_average)
			zh_jw_i64(&w, s->suggested);
		else
			ZH_JW_RAW(&w, "null");
		ZH_JW_RAW(&w, ",\"period_mark\":");
		if (s->period_mark) {
			ZH_JW_RAW(&w, "{\"value\":");
			if (s->period_mark->code)
				ZH_JW_RAW(&w, "null");
			else
				zh_jw_i64(&w, s->period_mark->value);
			ZH_JW_RAW(&w, ",\"code\":");
			zh_jw_str(&w, s->period_mark->code);
			ZH_JW_RAW(&w, "}");
		} else {
			ZH_JW_RAW(&w, "null");
		}
		ZH_JW_RAW(&w, ",\"forecast\":{\"current\":");
		if (s->has_average)
			zh_jw_i64(&w, s->suggested);
		else
			ZH_JW_RAW(&w, "null");
		ZH_JW_RAW(&w, ",\"next\":");
		if (s->has_next) {
			ZH_JW_RAW(&w, "{\"target\":");
			zh_jw_i64(&w, s->target);
			ZH_JW_RAW(&w, ",\"fives\":");
			if (s->fives >= 0)
				zh_jw_i64(&w, s->fives);
			else
				ZH_JW_RAW(&w, "null");
			ZH_JW_RAW(&w, ",\"fours_and_fives\":");
			if (s->mix_fours >= 0) {
				ZH_JW_RAW(&w, "{\"fours\":");
				zh_jw_i64(&w, s->mix_fours);
				ZH_JW_RAW(&w, ",\"fives\":");
				zh_jw_i64(&w, s->mix_fives);
				ZH_JW_RAW(&w, "}");
			} else {
				ZH_JW_RAW(&w, "null");
			}
			ZH_JW_RAW(&w, "}");
		} else {
			ZH_JW_RAW(&w, "null");
		}
		ZH_JW_RAW(&w, "}}");
	}
	ZH_JW_RAW(&w, "]}");
	return send(r, &w);
}

/* GET /api/v1/diary/attendance?student=[&period=] */
enum zh_err zh_api_diary_attendance(struct zh_req *r)
{
	struct zh_diary_attendance d;
	int64_t student, period;
	struct zh_jw w;
	enum zh_err e;
	if ((e = zh_req_query_id(r, "student", true, &student)) || (e = zh_req_query_id(r, "period", false, &period)) ||
	    (e = zh_diary_attendance(&r->ctx, student, period, &d)))
		return e;
	jw_init(&w, 1024 + d.nitems * 160);
	ZH_JW_RAW(&w, "{\"student\":{\"id\":");
	zh_jw_i64(&w, d.s.id);
	ZH_JW_RAW(&w, ",\"name\":");
	zh_jw_name3(&w, d.s.last_name, d.s.first_name, NULL);
	ZH_JW_RAW(&w, ",\"class\":");
	class_ref(&w, &d.s);
	ZH_JW_RAW(&w, "},\"period\":");
	period_json(&w, &d.period);
	ZH_JW_RAW(&w, ",\"total_lessons\":");
	zh_jw_i64(&w, d.total_lessons);
	ZH_JW_RAW(&w, ",\"missed\":");
	zh_jw_i64(&w, d.missed);
	ZH_JW_RAW(&w, ",\"by_code\":{\"Н\":");
	zh_jw_i64(&w, d.n_absent);
	ZH_JW_RAW(&w, ",\"О\":");
	zh_jw_i64(&w, d.n_late);
	ZH_JW_RAW(&w, ",\"Б\":");
	zh_jw_i64(&w, d.n_ill);
	ZH_JW_RAW(&w, "},\"by_reason\":{\"УП\":");
	zh_jw_i64(&w, d.r_excused);
	ZH_JW_RAW(&w, ",\"НП\":");
	zh_jw_i64(&w, d.r_unexcused);
	ZH_JW_RAW(&w, ",\"none\":");
	zh_jw_i64(&w, d.r_none);
	ZH_JW_RAW(&w, "},\"items\":[");
	for (size_t i = 0; i < d.nitems; i++) {
		const struct zh_dy_absence *a = &d.items[i];
		ZH_JW_RAWS(&w, i ? ",{\"date\":" : "{\"date\":");
		zh_jw_str(&w, a->date);
		ZH_JW_RAW(&w, ",\"lesson_id\":");
		zh_jw_i64(&w, a->lesson_id);
		ZH_JW_RAW(&w, ",\"subject\":");
		zh_jw_str(&w, a->subject ? a->subject : "");
		ZH_JW_RAW(&w, ",\"code\":");
		zh_jw_str(&w, a->code);
		ZH_JW_RAW(&w, ",\"reason\":");
		zh_jw_str(&w, a->reason);
		ZH_JW_RAW(&w, "}");
	}
	ZH_JW_RAW(&w, "]}");
	return send(r, &w);
}

static void homework_items(struct zh_jw *w, const struct zh_dy_homework *h, size_t n, bool assignments)
{
	for (size_t i = 0; i < n; i++) {
		ZH_JW_RAWS(w, i ? ",{\"lesson_id\":" : "{\"lesson_id\":");
		zh_jw_i64(w, h[i].lesson_id);
		ZH_JW_RAW(w, ",\"date\":");
		zh_jw_str(w, h[i].date);
		ZH_JW_RAW(w, ",\"subject\":{\"id\":");
		zh_jw_i64(w, h[i].subject_id);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_str(w, h[i].subject ? h[i].subject : "");
		ZH_JW_RAW(w, "},\"homework\":");
		zh_jw_str(w, h[i].homework ? h[i].homework : "");
		ZH_JW_RAW(w, ",\"individual_homework\":");
		zh_jw_str(w, h[i].ihw);
		if (assignments) {
			ZH_JW_RAW(w, ",\"assignment_id\":");
			zh_jw_id_or_null(w, h[i].assignment_id);
			ZH_JW_RAW(w, ",\"work_type\":");
			zh_jw_str(w, h[i].work_type);
			ZH_JW_RAW(w, ",\"description\":");
			zh_jw_str(w, h[i].description ? h[i].description : "");
		}
		ZH_JW_RAW(w, ",\"due_date\":");
		zh_jw_str(w, h[i].due_date);
		ZH_JW_RAW(w, "}");
	}
}

/* GET /api/v1/diary/homework?student= */
enum zh_err zh_api_diary_homework(struct zh_req *r)
{
	struct zh_diary_homework d;
	int64_t student;
	struct zh_jw w;
	enum zh_err e;
	if ((e = zh_req_query_id(r, "student", true, &student)) || (e = zh_diary_homework(&r->ctx, student, &d)))
		return e;
	jw_init(&w, 1024 + (d.nupcoming + d.noverdue) * 384);
	ZH_JW_RAW(&w, "{\"today\":");
	zh_jw_str(&w, d.today);
	ZH_JW_RAW(&w, ",\"until\":");
	zh_jw_str(&w, d.until);
	ZH_JW_RAW(&w, ",\"overdue_from\":");
	zh_jw_str(&w, d.overdue_from);
	ZH_JW_RAW(&w, ",\"upcoming\":[");
	homework_items(&w, d.upcoming, d.nupcoming, false);
	ZH_JW_RAW(&w, "],\"overdue\":[");
	homework_items(&w, d.overdue, d.noverdue, true);
	ZH_JW_RAW(&w, "]}");
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
	if ((e = zh_req_query_id(r, "student", true, &student)) ||
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
