/* timetable.c: bell schedules, the weekly timetable with conflict checks, views (M-07) */
#include "api/api.h"
#include "domain/school.h"

#include <string.h>

#include "domain/timetable.h"
#include "json/json.h"
#include "store/classes.h"

static json_t *bells_json(struct zh_req *r, enum zh_err *err)
{
	struct zh_bell_schedule_row *s;
	struct zh_bell_row *b;
	size_t ns, nb;
	struct zh_db *db = zh_ctx_db(&r->ctx);
	if ((*err = zh_store_bell_schedules(db, r->arena, r->ctx.school_id, &s, &ns)) ||
	    (*err = zh_store_bells(db, r->arena, r->ctx.school_id, &b, &nb)))
		return NULL;
	json_t *arr = json_array();
	for (size_t i = 0; i < ns; i++) {
		json_t *bl = json_array();
		for (size_t j = 0; j < nb; j++)
			if (b[j].schedule_id == s[i].id)
				json_array_append_new(bl, json_pack("{s:i, s:s, s:s}", "number", b[j].number, "start",
								    b[j].start, "end", b[j].end));
		json_array_append_new(arr, json_pack("{s:I, s:s, s:i, s:b, s:o}", "id", (json_int_t)s[i].id, "name",
						     s[i].name, "shift", s[i].shift, "is_default", s[i].is_default,
						     "bells", bl));
	}
	return json_pack("{s:o}", "schedules", arr);
}

enum zh_err zh_api_bells_get(struct zh_req *r)
{
	enum zh_err e;
	json_t *v = bells_json(r, &e);
	return v ? zh_resp_json(r, 200, v) : e;
}

enum zh_err zh_api_bells_put(struct zh_req *r)
{
	static const char *const allowed[] = { "name", "shift", "bells", NULL };
	static const char *const item_keys[] = { "number", "start", "end", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *name = NULL;
	long long shift = 1;
	json_t *body, *arr, *it;
	size_t i;
	enum zh_err e;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, f)) ||
	    (e = zh_json_str(body, "name", true, 100, &name, f)) ||
	    (e = zh_json_int(body, "shift", false, 1, 2, &shift, f)))
		return e;
	arr = json_object_get(body, "bells");
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 13)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "bells",
				   "Поле «bells» должно быть списком уроков (от 1 до 13)");
	struct zh_bell_in *b = zh_arena_alloc(r->arena, sizeof *b * json_array_size(arr));
	if (!b)
		return ZH_ENOMEM;
	json_array_foreach(arr, i, it) {
		long long num = 0;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "bells",
					   "Каждый урок должен быть объектом {number, start, end}");
		if ((e = zh_json_only(it, item_keys, f)) || (e = zh_json_int(it, "number", true, 0, 12, &num, f)) ||
		    (e = zh_json_str(it, "start", true, 5, &b[i].start, f)) ||
		    (e = zh_json_str(it, "end", true, 5, &b[i].end, f)))
			return e;
		b[i].number = (int)num;
	}
	if ((e = zh_tt_bells_put(&r->ctx, name, (int)shift, b, json_array_size(arr))))
		return e;
	json_t *v = bells_json(r, &e);
	return v ? zh_resp_json(r, 200, v) : e;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *entry_json(const struct zh_tt_row *x)
{
	return json_pack("{s:I, s:I, s:i, s:i, s:I, s:s, s:o, s:o, s:I, s:s, s:I, s:s, s:o, s:o}",
			 "id", (json_int_t)x->id, "period_id", (json_int_t)x->period_id, "weekday", x->weekday,
			 "lesson_number", x->lesson, "class_id", (json_int_t)x->class_id, "class_name",
			 x->class_name ? x->class_name : "", "subgroup_id", id_or_null(x->subgroup_id),
			 "subgroup_name", x->subgroup_name ? json_string(x->subgroup_name) : json_null(),
			 "subject_id", (json_int_t)x->subject_id, "subject_name", x->subject_name ? x->subject_name : "",
			 "teacher_id", (json_int_t)x->teacher_id, "teacher_name", x->teacher_name ? x->teacher_name : "",
			 "room_id", id_or_null(x->room_id),
			 "room_name", x->room_name ? json_string(x->room_name) : json_null());
}

static enum zh_err entries_response(struct zh_req *r, struct zh_tt_row *rows, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, entry_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
}

enum zh_err zh_api_timetable_list(struct zh_req *r)
{
	struct zh_tt_filter flt = { 0 };
	struct zh_tt_row *rows;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_id(r, "period", false, &flt.period_id)) || (e = zh_req_query_id(r, "class", false, &flt.class_id)) ||
	    (e = zh_req_query_id(r, "teacher", false, &flt.teacher_id)) || (e = zh_req_query_id(r, "room", false, &flt.room_id)))
		return e;
	if (!flt.period_id)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "required", "period", "Укажите учебный период (period)");
	if (!!flt.class_id + !!flt.teacher_id + !!flt.room_id != 1)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "required", "class",
				   "Укажите ровно одно: класс (class), учителя (teacher) или кабинет (room)");
	if ((e = zh_tt_list(&r->ctx, &flt, &rows, &n)))
		return e;
	return entries_response(r, rows, n);
}

enum zh_err zh_api_timetable_student(struct zh_req *r)
{
	int64_t sid, period = 0;
	struct zh_tt_row *rows;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &sid)) || (e = zh_req_query_id(r, "period", false, &period)))
		return e;
	if (!period)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "required", "period", "Укажите учебный период (period)");
	if ((e = zh_tt_student(&r->ctx, sid, period, &rows, &n)))
		return e;
	return entries_response(r, rows, n);
}

enum zh_err zh_api_timetable_options(struct zh_req *r)
{
	struct zh_db *db = zh_ctx_db(&r->ctx);
	struct zh_arena *a = r->arena;
	int64_t school = r->ctx.school_id;
	struct zh_tt_period_row *p;
	struct zh_tt_named *cls, *tch, *rooms;
	struct zh_subject_row *subj;
	size_t np, ncls, ntch, nrooms, nsubj;
	enum zh_err e;
	if ((e = zh_store_tt_periods(db, a, school, &p, &np)) || (e = zh_store_tt_classes(db, a, school, &cls, &ncls)) ||
	    (e = zh_store_tt_teachers(db, a, school, &tch, &ntch)) ||
	    (e = zh_store_tt_rooms(db, a, school, &rooms, &nrooms)) ||
	    (e = zh_store_subjects_list(db, a, school, false, &subj, &nsubj)))
		return e;
	/* the year of today (school's zone): the year of the latest period that has begun by today;
	 * before any has begun, the newest year */
	char today[11];
	int64_t year = np ? p[0].year_id : 0;
	const char *best = NULL;
	if (zh_school_today(&r->ctx, today) == ZH_OK)
		for (size_t i = 0; i < np; i++)
			if (strcmp(p[i].start_date, today) <= 0 && (!best || strcmp(p[i].start_date, best) > 0)) {
				best = p[i].start_date;
				year = p[i].year_id;
			}
	json_t *jp = json_array(), *jc = json_array(), *jt = json_array(), *jr = json_array(), *js = json_array();
	for (size_t i = 0; i < np; i++)
		if (p[i].year_id == year)
			json_array_append_new(jp, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)p[i].id, "kind",
							    p[i].kind, "name", p[i].name, "start_date", p[i].start_date,
							    "end_date", p[i].end_date));
	for (size_t i = 0; i < ncls; i++) {
		if (cls[i].year_id != year)
			continue;
		struct zh_subgroup_row *g;
		size_t ng;
		const char *kind;
		if ((e = zh_store_subgroups_list(db, a, school, cls[i].id, &g, &ng)) ||
		    (e = zh_store_tt_grade_kind(db, a, year, cls[i].grade, &kind)))
			return e;
		json_t *jg = json_array();
		for (size_t j = 0; j < ng; j++)
			json_array_append_new(jg, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)g[j].id, "subject_id",
							    (json_int_t)g[j].subject_id, "name", g[j].name));
		json_array_append_new(jc, json_pack("{s:I, s:s, s:i, s:s, s:o}", "id", (json_int_t)cls[i].id, "name",
						    cls[i].name, "grade", cls[i].grade, "period_kind", kind, "subgroups", jg));
	}
	for (size_t i = 0; i < ntch; i++)
		json_array_append_new(jt, json_pack("{s:I, s:s}", "id", (json_int_t)tch[i].id, "name", tch[i].name));
	for (size_t i = 0; i < nrooms; i++)
		json_array_append_new(jr, json_pack("{s:I, s:s}", "id", (json_int_t)rooms[i].id, "name", rooms[i].name));
	for (size_t i = 0; i < nsubj; i++)
		json_array_append_new(js, json_pack("{s:I, s:s}", "id", (json_int_t)subj[i].id, "name", subj[i].name));
	json_t *bells = bells_json(r, &e);
	if (!bells)
		return e;
	json_t *schedules = json_object_get(bells, "schedules") ? json_incref(json_object_get(bells, "schedules")) : json_array();
	json_decref(bells);
	return zh_resp_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "periods", jp, "classes", jc,
					      "teachers", jt, "rooms", jr, "subjects", js, "bells", schedules));
}

/* Reads the entry fields from the body over r (absent fields keep r's values). */
static enum zh_err entry_body(struct zh_req *req, struct zh_tt_row *r, bool create)
{
	static const char *const allowed[] = { "period_id", "weekday", "lesson_number", "class_id", "subgroup_id",
					      "subject_id", "teacher_id", "room_id", NULL };
	struct zh_fail *f = &req->ctx.fail;
	long long period = r->period_id, wd = r->weekday, ln = r->lesson, cls = r->class_id, sg = r->subgroup_id,
		  subj = r->subject_id, tch = r->teacher_id, room = r->room_id;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(req, &body)) || (e = zh_json_only(body, allowed, f)) ||
	    (e = zh_json_int(body, "period_id", create, 1, INT64_MAX, &period, f)) ||
	    (e = zh_json_int(body, "weekday", create, 1, 6, &wd, f)) ||
	    (e = zh_json_int(body, "lesson_number", create, 0, 12, &ln, f)) ||
	    (e = zh_json_int(body, "class_id", create, 1, INT64_MAX, &cls, f)) ||
	    (e = zh_json_int(body, "subject_id", create, 1, INT64_MAX, &subj, f)) ||
	    (e = zh_json_int(body, "teacher_id", create, 1, INT64_MAX, &tch, f)))
		return e;
	json_t *v = json_object_get(body, "subgroup_id");
	if (v && json_is_null(v))
		sg = 0;
	else if ((e = zh_json_int(body, "subgroup_id", false, 1, INT64_MAX, &sg, f)))
		return e;
	v = json_object_get(body, "room_id");
	if (v && json_is_null(v))
		room = 0;
	else if ((e = zh_json_int(body, "room_id", false, 1, INT64_MAX, &room, f)))
		return e;
	r->period_id = period;
	r->weekday = (int)wd;
	r->lesson = (int)ln;
	r->class_id = cls;
	r->subgroup_id = sg;
	r->subject_id = subj;
	r->teacher_id = tch;
	r->room_id = room;
	return ZH_OK;
}

static enum zh_err saved(struct zh_req *req, struct zh_tt_row *r, unsigned status, const char *warning)
{
	json_t *w = json_array();
	if (warning)
		json_array_append_new(w, json_string(warning));
	json_t *v = entry_json(r);
	json_object_set_new(v, "warnings", w);
	return zh_resp_json(req, status, v);
}

enum zh_err zh_api_timetable_create(struct zh_req *req)
{
	struct zh_tt_row r = { 0 };
	const char *warning;
	enum zh_err e;
	if ((e = entry_body(req, &r, true)) || (e = zh_tt_save(&req->ctx, &r, &warning)))
		return e;
	return saved(req, &r, 201, warning);
}

enum zh_err zh_api_timetable_update(struct zh_req *req)
{
	struct zh_tt_row r = { 0 };
	const char *warning;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(req, 0, &id)))
		return e;
	/* the current values first: absent fields keep them */
	e = zh_store_tt_get(zh_ctx_db(&req->ctx), req->arena, req->ctx.school_id, id, &r);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&req->ctx.fail, ZH_ENOTFOUND, "not_found", "", "Урок в расписании не найден");
	if (e || (e = entry_body(req, &r, false)) || (e = zh_tt_save(&req->ctx, &r, &warning)))
		return e;
	return saved(req, &r, 200, warning);
}

enum zh_err zh_api_timetable_delete(struct zh_req *req)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(req, 0, &id)) || (e = zh_tt_delete(&req->ctx, id)))
		return e;
	return zh_resp_json(req, 200, json_pack("{s:b}", "deleted", 1));
}
