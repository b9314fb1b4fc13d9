/* journal.c: the journals list, the journal grid and one lesson of it (M-09, slice GRID).
 * The grid is the hottest read of the system: it is written straight into one buffer (strings
 * escaped here) instead of building thousands of jansson values. */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/journal.h"
#include "json/json.h"
#include "json/writer.h"

static void lesson_json(struct zh_jw *w, const struct zh_journal_grid *g, size_t i, size_t *acur)
{
	const struct zh_jr_lesson *l = &g->d.lessons[i];
	const struct zh_lesson_lock *lk = &g->locks[i];
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, l->id);
	ZH_JW_RAW(w, ",\"date\":");
	zh_jw_str(w, l->date);
	ZH_JW_RAW(w, ",\"number\":");
	zh_jw_i64(w, l->number);
	ZH_JW_RAW(w, ",\"status\":");
	zh_jw_str(w, l->status);
	ZH_JW_RAW(w, ",\"flagged\":");
	zh_jw_bool(w, l->flagged);
	ZH_JW_RAW(w, ",\"topic\":");
	zh_jw_str(w, l->topic ? l->topic : "");
	ZH_JW_RAW(w, ",\"homework\":");
	zh_jw_str(w, l->homework ? l->homework : "");
	ZH_JW_RAW(w, ",\"teacher\":");
	zh_jw_person(w, l->teacher_id, l->teacher_name);
	ZH_JW_RAW(w, ",\"substitute\":");
	if (l->substitute_id)
		zh_jw_person(w, l->substitute_id, l->substitute_name);
	else
		ZH_JW_RAW(w, "null");
	ZH_JW_RAW(w, ",\"locked\":");
	zh_jw_bool(w, lk->locked);
	ZH_JW_RAW(w, ",\"lock_code\":");
	zh_jw_str(w, lk->code);
	ZH_JW_RAW(w, ",\"lock_reason\":");
	zh_jw_str(w, lk->reason);
	ZH_JW_RAW(w, ",\"locks_on\":");
	zh_jw_str(w, lk->locks_on[0] ? lk->locks_on : NULL);
	ZH_JW_RAW(w, ",\"editable\":");
	zh_jw_bool(w, g->editable[i]);
	ZH_JW_RAW(w, ",\"assignments\":[");
	/* assignments come in the lessons' order (both sorted by date, number, id) */
	bool first = true;
	for (; *acur < g->d.nassignments && g->d.assignments[*acur].lesson_id == l->id; (*acur)++) {
		const struct zh_jr_assignment *a = &g->d.assignments[*acur];
		ZH_JW_RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		zh_jw_i64(w, a->id);
		ZH_JW_RAW(w, ",\"work_type_id\":");
		zh_jw_i64(w, a->work_type_id);
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
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"individual_homework\":[");
	first = true;
	for (size_t j = 0; j < g->d.nihw; j++) {
		const struct zh_jr_ihw *h = &g->d.ihw[j];
		if (h->lesson_id != l->id)
			continue;
		ZH_JW_RAWS(w, first ? "{\"student_id\":" : ",{\"student_id\":");
		first = false;
		zh_jw_i64(w, h->student_id);
		ZH_JW_RAW(w, ",\"text\":");
		zh_jw_str(w, h->text ? h->text : "");
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"files\":[");
	first = true;
	for (size_t j = 0; j < g->d.nfiles; j++) {
		const struct zh_jr_file *fl = &g->d.files[j];
		if (fl->lesson_id != l->id)
			continue;
		ZH_JW_RAWS(w, first ? "{\"id\":" : ",{\"id\":");
		first = false;
		zh_jw_i64(w, fl->id);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_str(w, fl->name ? fl->name : "");
		ZH_JW_RAW(w, ",\"size\":");
		zh_jw_i64(w, fl->size);
		ZH_JW_RAW(w, ",\"mime\":");
		zh_jw_str(w, fl->mime ? fl->mime : "");
		ZH_JW_RAW(w, ",\"student_id\":");
		zh_jw_id_or_null(w, fl->student_id);
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "]}");
}

static void grid_json(struct zh_jw *w, const struct zh_journal_grid *g)
{
	const struct zh_school_settings *s = &g->settings;
	ZH_JW_RAW(w, "{\"class\":{\"id\":");
	zh_jw_i64(w, g->cls.id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, g->cls.name);
	ZH_JW_RAW(w, ",\"grade\":");
	zh_jw_i64(w, g->cls.grade);
	ZH_JW_RAW(w, "},\"subgroup\":");
	if (g->subgroup_id)
		zh_jw_person(w, g->subgroup_id, g->subgroup_name);
	else
		ZH_JW_RAW(w, "null");
	ZH_JW_RAW(w, ",\"subject\":{\"id\":");
	zh_jw_i64(w, g->subject_id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, g->subject_name);
	ZH_JW_RAW(w, ",\"pass_fail\":");
	zh_jw_bool(w, g->pass_fail);
	ZH_JW_RAW(w, "},\"period\":{\"id\":");
	zh_jw_i64(w, g->period.id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, g->period.name);
	ZH_JW_RAW(w, ",\"start_date\":");
	zh_jw_str(w, g->period.start_date);
	ZH_JW_RAW(w, ",\"end_date\":");
	zh_jw_str(w, g->period.end_date);
	ZH_JW_RAW(w, "},\"today\":");
	zh_jw_str(w, g->today);
	ZH_JW_RAW(w, ",\"year_closed\":");
	zh_jw_bool(w, g->cls.year_closed);
	ZH_JW_RAW(w, ",\"no_marks\":");
	zh_jw_bool(w, g->no_marks);
	ZH_JW_RAW(w, ",\"can_edit\":");
	zh_jw_bool(w, g->can_edit);
	ZH_JW_RAW(w, ",\"settings\":{\"mark_min\":");
	zh_jw_i64(w, s->mark_min);
	ZH_JW_RAW(w, ",\"mark_max\":");
	zh_jw_i64(w, s->mark_max);
	ZH_JW_RAW(w, ",\"averaging\":");
	zh_jw_str(w, s->averaging ? s->averaging : "weighted");
	ZH_JW_RAW(w, ",\"round_threshold\":");
	zh_jw_num(w, s->round_threshold);
	ZH_JW_RAW(w, ",\"lock_days\":");
	zh_jw_i64(w, s->lock_days);
	ZH_JW_RAW(w, ",\"forbid_past_homework\":");
	zh_jw_bool(w, s->forbid_past_homework);
	ZH_JW_RAW(w, "},\"work_types\":[");
	for (size_t i = 0; i < g->nwork_types; i++) {
		const struct zh_dict_row *t = &g->work_types[i];
		ZH_JW_RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		zh_jw_i64(w, t->id);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_str(w, t->name ? t->name : "");
		ZH_JW_RAW(w, ",\"short_name\":");
		zh_jw_str(w, t->short_name ? t->short_name : "");
		ZH_JW_RAW(w, ",\"weight\":");
		zh_jw_num(w, t->weight);
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"lessons\":[");
	size_t acur = 0;
	for (size_t i = 0; i < g->d.nlessons; i++) {
		if (i)
			ZH_JW_RAW(w, ",");
		lesson_json(w, g, i, &acur);
	}
	ZH_JW_RAW(w, "],\"students\":[");
	for (size_t i = 0; i < g->nstudents; i++) {
		const struct zh_journal_student *st = &g->students[i];
		const struct zh_jr_student *p = st->s;
		ZH_JW_RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		zh_jw_i64(w, p->id);
		ZH_JW_RAW(w, ",\"name\":");
		zh_jw_name3(w, p->last_name, p->first_name, NULL);
		ZH_JW_RAW(w, ",\"full_name\":");
		zh_jw_name3(w, p->last_name, p->first_name, p->middle_name);
		ZH_JW_RAW(w, ",\"average\":");
		if (st->has_average)
			zh_jw_num(w, st->average);
		else
			ZH_JW_RAW(w, "null");
		ZH_JW_RAW(w, ",\"suggested\":");
		if (st->has_average)
			zh_jw_i64(w, st->suggested);
		else
			ZH_JW_RAW(w, "null");
		ZH_JW_RAW(w, ",\"period_mark\":");
		if (st->period_mark) {
			ZH_JW_RAW(w, "{\"id\":");
			zh_jw_i64(w, st->period_mark->id);
			ZH_JW_RAW(w, ",\"value\":");
			if (st->period_mark->code)
				ZH_JW_RAW(w, "null");
			else
				zh_jw_i64(w, st->period_mark->value);
			ZH_JW_RAW(w, ",\"code\":");
			zh_jw_str(w, st->period_mark->code);
			ZH_JW_RAW(w, "}");
		} else {
			ZH_JW_RAW(w, "null");
		}
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"marks\":[");
	for (size_t i = 0; i < g->d.nmarks; i++) {
		const struct zh_jr_mark *m = &g->d.marks[i];
		ZH_JW_RAWS(w, i ? ",{\"id\":" : "{\"id\":");
		zh_jw_i64(w, m->id);
		ZH_JW_RAW(w, ",\"lesson_id\":");
		zh_jw_i64(w, m->lesson_id);
		ZH_JW_RAW(w, ",\"assignment_id\":");
		zh_jw_i64(w, m->assignment_id);
		ZH_JW_RAW(w, ",\"student_id\":");
		zh_jw_i64(w, m->student_id);
		ZH_JW_RAW(w, ",\"kind\":");
		zh_jw_str(w, m->kind);
		ZH_JW_RAW(w, ",\"value\":");
		if (strcmp(m->kind, "mark") == 0)
			zh_jw_i64(w, m->value);
		else
			ZH_JW_RAW(w, "null");
		ZH_JW_RAW(w, ",\"comment\":");
		zh_jw_str(w, m->comment ? m->comment : "");
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "],\"attendance\":[");
	for (size_t i = 0; i < g->d.nattendance; i++) {
		const struct zh_jr_att *t = &g->d.attendance[i];
		ZH_JW_RAWS(w, i ? ",{\"lesson_id\":" : "{\"lesson_id\":");
		zh_jw_i64(w, t->lesson_id);
		ZH_JW_RAW(w, ",\"student_id\":");
		zh_jw_i64(w, t->student_id);
		ZH_JW_RAW(w, ",\"code\":");
		zh_jw_str(w, t->code);
		ZH_JW_RAW(w, ",\"reason\":");
		zh_jw_str(w, t->reason);
		ZH_JW_RAW(w, "}");
	}
	ZH_JW_RAW(w, "]}");
}

static enum zh_err send_grid(struct zh_req *r, const struct zh_journal_grid *g)
{
	struct zh_jw w = { .e = ZH_OK };
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

/* GET /api/v1/journal?group=&subject=&period=[&subgroup=] */
enum zh_err zh_api_journal_grid(struct zh_req *r)
{
	struct zh_journal_grid g;
	int64_t group, subject, period, subgroup;
	enum zh_err e;
	if ((e = zh_req_query_id(r, "group", true, &group)) || (e = zh_req_query_id(r, "subject", true, &subject)) ||
	    (e = zh_req_query_id(r, "period", true, &period)) || (e = zh_req_query_id(r, "subgroup", false, &subgroup)) ||
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
	if ((e = zh_req_query_id(r, "period", false, &period)) || (e = zh_req_query_id(r, "class", false, &cls)) ||
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
