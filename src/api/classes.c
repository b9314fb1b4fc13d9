/* classes.c: years, periods, holidays, classes, subjects, subgroups, curriculum, teacher load (M-05) */
#include "api/api.h"

#include <stdio.h>
#include <string.h>

#include "domain/classes.h"
#include "json/json.h"

/* ---- helpers ---- */

struct page {
	long long limit, offset;
};

static enum zh_err page_of(struct zh_req *r, struct page *p)
{
	enum zh_err e = zh_req_query_int(r, "limit", 50, 1, 500, &p->limit);
	return e ? e : zh_req_query_int(r, "offset", 0, 0, 100000000, &p->offset);
}

static bool in_page(const struct page *p, size_t i)
{
	return (long long)i >= p->offset && (long long)i < p->offset + p->limit;
}

static json_t *paged(json_t *items, size_t total, const struct page *p)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "limit",
			 (json_int_t)p->limit, "offset", (json_int_t)p->offset);
}

/* Names the field inside an array: "periods[2].start_date". */
static enum zh_err relabel(struct zh_fail *f, enum zh_err e, const char *arr, size_t i)
{
	char key[40];
	if (!e)
		return e;
	snprintf(key, sizeof key, "%.38s", f->field);
	snprintf(f->field, sizeof f->field, "%.12s[%u]%s%.38s", arr, (unsigned)(i % 100000u), key[0] ? "." : "", key);
	return e;
}

/* A JSON number (integer or real); absent or null leaves *out and *given untouched. */
static enum zh_err json_number(json_t *obj, const char *key, bool required, double *out, bool *given,
			       struct zh_fail *f)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", key, "Не заполнено обязательное поле «%s»", key);
		return ZH_OK;
	}
	if (!json_is_number(v))
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть числом", key);
	*out = json_number_value(v);
	if (given)
		*given = true;
	return ZH_OK;
}

static enum zh_err year_param(struct zh_req *r, int64_t *year_id)
{
	long long y;
	enum zh_err e = zh_req_query_int(r, "year", 0, 0, INT64_MAX, &y);
	*year_id = y;
	return e;
}

static json_t *nullable_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

/* ---- years ---- */

static json_t *year_json(const struct zh_year_row *y, int64_t current_id)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)y->id, "name", y->name, "start_date",
			 y->start_date, "end_date", y->end_date, "closed", y->closed, "current", y->id == current_id);
}

enum zh_err zh_api_years_list(struct zh_req *r)
{
	struct zh_year_row *rows;
	size_t n;
	int64_t cur;
	char today[11];
	enum zh_err e;
	if ((e = zh_years_list(&r->ctx, &rows, &n, &cur)) || (e = zh_classes_today(&r->ctx, today)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, year_json(&rows[i], cur));
	return zh_resp_json(r, 200, json_pack("{s:o, s:o, s:s}", "items", items, "current_id", nullable_id(cur),
					      "today", today));
}

static enum zh_err year_response(struct zh_req *r, unsigned status, int64_t id)
{
	struct zh_year_row *rows;
	size_t n;
	int64_t cur;
	enum zh_err e = zh_years_list(&r->ctx, &rows, &n, &cur);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == id)
			return zh_resp_json(r, status, year_json(&rows[i], cur));
	return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "not_found", "id", "Учебный год не найден");
}

enum zh_err zh_api_year_get(struct zh_req *r)
{
	int64_t id;
	enum zh_err e = zh_req_param_id(r, 0, &id);
	return e ? e : year_response(r, 200, id);
}

static const char *const year_keys[] = { "name", "start_date", "end_date", NULL };

enum zh_err zh_api_year_create(struct zh_req *r)
{
	struct zh_fail *f = &r->ctx.fail;
	const char *name = NULL, *start = NULL, *end = NULL;
	json_t *b;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, year_keys, f)) ||
	    (e = zh_json_str(b, "name", true, 20, &name, f)) || (e = zh_json_str(b, "start_date", true, 10, &start, f)) ||
	    (e = zh_json_str(b, "end_date", true, 10, &end, f)) || (e = zh_year_create(&r->ctx, name, start, end, &id)))
		return e;
	return year_response(r, 201, id);
}

enum zh_err zh_api_year_update(struct zh_req *r)
{
	struct zh_fail *f = &r->ctx.fail;
	const char *name = NULL, *start = NULL, *end = NULL;
	json_t *b;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, year_keys, f)) ||
	    (e = zh_json_str(b, "name", false, 20, &name, f)) || (e = zh_json_str(b, "start_date", false, 10, &start, f)) ||
	    (e = zh_json_str(b, "end_date", false, 10, &end, f)) || (e = zh_year_update(&r->ctx, id, name, start, end)))
		return e;
	return year_response(r, 200, id);
}

/* ---- periods and holidays ---- */

static json_t *holiday_json(const struct zh_holiday_row *h)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:i}", "id", (json_int_t)h->id, "year_id",
			 (json_int_t)h->year_id, "name", h->name, "start_date", h->start_date, "end_date", h->end_date,
			 "grade_from", h->grade_from, "grade_to", h->grade_to);
}

static enum zh_err periods_response(struct zh_req *r, int64_t year_id)
{
	struct zh_period_scheme s;
	enum zh_err e = zh_periods_get(&r->ctx, year_id, &s);
	if (e)
		return e;
	json_t *k = json_array(), *p = json_array(), *h = json_array();
	for (size_t i = 0; i < s.nk; i++)
		json_array_append_new(k, json_pack("{s:i, s:i, s:s}", "grade_from", s.kinds[i].grade_from, "grade_to",
						   s.kinds[i].grade_to, "kind", s.kinds[i].kind));
	for (size_t i = 0; i < s.np; i++)
		json_array_append_new(p, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "id", (json_int_t)s.periods[i].id,
						   "kind", s.periods[i].kind, "number", s.periods[i].number, "name",
						   s.periods[i].name, "start_date", s.periods[i].start_date, "end_date",
						   s.periods[i].end_date));
	for (size_t i = 0; i < s.nh; i++)
		json_array_append_new(h, holiday_json(&s.holidays[i]));
	return zh_resp_json(r, 200, json_pack("{s:I, s:o, s:o, s:o}", "year_id", (json_int_t)year_id, "kinds", k,
					      "periods", p, "holidays", h));
}

enum zh_err zh_api_periods_get(struct zh_req *r)
{
	int64_t id;
	enum zh_err e = zh_req_param_id(r, 0, &id);
	return e ? e : periods_response(r, id);
}

static const char *period_name(struct zh_req *r, const char *kind, int number)
{
	const char *t = !strcmp(kind, "quarter") ? "четверть" : !strcmp(kind, "trimester") ? "триместр" : "полугодие";
	return zh_arena_printf(r->arena, "%d %s", number, t);
}

enum zh_err zh_api_periods_put(struct zh_req *r)
{
	static const char *const keys[] = { "kinds", "periods", NULL };
	static const char *const kind_keys[] = { "grade_from", "grade_to", "kind", NULL };
	static const char *const period_keys[] = { "kind", "number", "name", "start_date", "end_date", NULL };
	struct zh_fail *f = &r->ctx.fail;
	json_t *b, *ka, *pa, *it;
	int64_t id;
	size_t i;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)))
		return e;
	ka = json_object_get(b, "kinds");
	pa = json_object_get(b, "periods");
	if (!json_is_array(ka) || json_array_size(ka) > 11)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "kinds",
				   "Поле «kinds» — список диапазонов классов [{grade_from, grade_to, kind}] (не более 11)");
	if (!json_is_array(pa) || json_array_size(pa) > 40)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "periods",
				   "Поле «periods» — список периодов [{kind, number, name, start_date, end_date}]");
	struct zh_period_kind_row *k = zh_arena_alloc(r->arena, sizeof *k * (json_array_size(ka) + 1));
	struct zh_period_row *p = zh_arena_alloc(r->arena, sizeof *p * (json_array_size(pa) + 1));
	if (!k || !p)
		return ZH_ENOMEM;
	json_array_foreach(ka, i, it) {
		long long from = 0, to = 0;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "kinds", "Каждый диапазон — объект {grade_from, grade_to, kind}");
		if (relabel(f, (e = zh_json_only(it, kind_keys, f)) || (e = zh_json_int(it, "grade_from", true, 0, 100, &from, f)) ||
				       (e = zh_json_int(it, "grade_to", true, 0, 100, &to, f)) ||
				       (e = zh_json_str(it, "kind", true, 20, &k[i].kind, f)) ? e : ZH_OK, "kinds", i))
			return e;
		k[i].grade_from = (int)from;
		k[i].grade_to = (int)to;
	}
	json_array_foreach(pa, i, it) {
		long long num = 0;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "periods", "Каждый период — объект");
		if (relabel(f, (e = zh_json_only(it, period_keys, f)) || (e = zh_json_str(it, "kind", true, 20, &p[i].kind, f)) ||
				       (e = zh_json_int(it, "number", true, 0, 100, &num, f)) ||
				       (e = zh_json_str(it, "name", false, 100, &p[i].name, f)) ||
				       (e = zh_json_str(it, "start_date", true, 10, &p[i].start_date, f)) ||
				       (e = zh_json_str(it, "end_date", true, 10, &p[i].end_date, f)) ? e : ZH_OK, "periods", i))
			return e;
		p[i].number = (int)num;
		if (!p[i].name || !*p[i].name)
			p[i].name = period_name(r, p[i].kind, p[i].number);
	}
	if ((e = zh_periods_set(&r->ctx, id, k, json_array_size(ka), p, json_array_size(pa))))
		return e;
	return periods_response(r, id);
}

enum zh_err zh_api_holidays_list(struct zh_req *r)
{
	struct zh_period_scheme s;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_periods_get(&r->ctx, id, &s)))
		return e;
	json_t *h = json_array();
	for (size_t i = 0; i < s.nh; i++)
		json_array_append_new(h, holiday_json(&s.holidays[i]));
	return zh_resp_json(r, 200, json_pack("{s:o}", "items", h));
}

static const char *const holiday_keys[] = { "name", "start_date", "end_date", "grade_from", "grade_to", NULL };

static enum zh_err holiday_body(struct zh_req *r, bool create, struct zh_holiday_row *h)
{
	struct zh_fail *f = &r->ctx.fail;
	long long from = create ? 1 : 0, to = create ? 11 : 0;
	json_t *b;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, holiday_keys, f)) ||
	    (e = zh_json_str(b, "name", create, 200, &h->name, f)) ||
	    (e = zh_json_str(b, "start_date", create, 10, &h->start_date, f)) ||
	    (e = zh_json_str(b, "end_date", create, 10, &h->end_date, f)) ||
	    (e = zh_json_int(b, "grade_from", false, 1, 11, &from, f)) || (e = zh_json_int(b, "grade_to", false, 1, 11, &to, f)))
		return e;
	h->grade_from = (int)from;
	h->grade_to = (int)to;
	return ZH_OK;
}

static enum zh_err holiday_response(struct zh_req *r, unsigned status, int64_t year_id, int64_t id)
{
	struct zh_period_scheme s;
	enum zh_err e = zh_periods_get(&r->ctx, year_id, &s);
	if (e)
		return e;
	for (size_t i = 0; i < s.nh; i++)
		if (s.holidays[i].id == id)
			return zh_resp_json(r, status, holiday_json(&s.holidays[i]));
	return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "not_found", "id", "Каникулы не найдены");
}

enum zh_err zh_api_holiday_create(struct zh_req *r)
{
	struct zh_holiday_row h = { 0 };
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &h.year_id)) || (e = holiday_body(r, true, &h)) ||
	    (e = zh_holiday_create(&r->ctx, &h, &id)))
		return e;
	return holiday_response(r, 201, h.year_id, id);
}

enum zh_err zh_api_holiday_update(struct zh_req *r)
{
	struct zh_holiday_row h = { 0 }, cur;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &h.id)) || (e = holiday_body(r, false, &h)) || (e = zh_holiday_update(&r->ctx, &h)))
		return e;
	/* read back through the year */
	if ((e = zh_store_holiday_get(zh_ctx_db(&r->ctx), r->arena, r->ctx.school_id, h.id, &cur)))
		return e;
	return zh_resp_json(r, 200, holiday_json(&cur));
}

enum zh_err zh_api_holiday_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_holiday_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id));
}

/* ---- classes ---- */

static json_t *class_json(const struct zh_class_row *k)
{
	json_t *t = k->class_teacher_id ? json_pack("{s:I, s:s}", "id", (json_int_t)k->class_teacher_id, "name",
						    k->teacher_name ? k->teacher_name : "")
					: json_null();
	return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:i, s:o, s:o, s:I, s:b}", "id", (json_int_t)k->id, "year_id",
			 (json_int_t)k->year_id, "grade", k->grade, "letter", k->letter, "name", k->name, "profile",
			 k->profile ? k->profile : "", "shift", k->shift, "class_teacher_id", nullable_id(k->class_teacher_id),
			 "class_teacher", t, "student_count", (json_int_t)k->students, "year_closed", k->year_closed);
}

enum zh_err zh_api_classes_list(struct zh_req *r)
{
	struct zh_year_row y;
	struct zh_class_row *rows;
	struct page p;
	size_t n;
	int64_t year_id;
	enum zh_err e;
	if ((e = page_of(r, &p)) || (e = year_param(r, &year_id)) || (e = zh_year_resolve(&r->ctx, year_id, &y)) ||
	    (e = zh_classes_list(&r->ctx, y.id, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		if (in_page(&p, i))
			json_array_append_new(items, class_json(&rows[i]));
	json_t *out = paged(items, n, &p);
	json_object_set_new(out, "year", json_pack("{s:I, s:s, s:b}", "id", (json_int_t)y.id, "name", y.name, "closed", y.closed));
	return zh_resp_json(r, 200, out);
}

static enum zh_err class_response(struct zh_req *r, unsigned status, int64_t id)
{
	struct zh_class_row k;
	enum zh_err e = zh_class_get(&r->ctx, id, &k);
	return e ? e : zh_resp_json(r, status, class_json(&k));
}

enum zh_err zh_api_class_get(struct zh_req *r)
{
	int64_t id;
	enum zh_err e = zh_req_param_id(r, 0, &id);
	return e ? e : class_response(r, 200, id);
}

static enum zh_err class_body(struct zh_req *r, bool create, struct zh_class_input *in)
{
	static const char *const keys[] = { "year_id", "grade", "letter", "profile", "shift", "class_teacher_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long year = 0, grade = 0, shift = 0, teacher = 0;
	json_t *b, *t;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "year_id", false, 1, INT64_MAX, &year, f)) ||
	    (e = zh_json_int(b, "grade", create, -1000, 1000, &grade, f)) ||
	    (e = zh_json_str(b, "letter", create, 5, &in->letter, f)) ||
	    (e = zh_json_str(b, "profile", false, 100, &in->profile, f)) ||
	    (e = zh_json_int(b, "shift", false, 1, 3, &shift, f)) ||
	    (e = zh_json_int(b, "class_teacher_id", false, 1, INT64_MAX, &teacher, f)))
		return e;
	if (create && !year) {
		struct zh_year_row y;
		if ((e = zh_year_resolve(&r->ctx, 0, &y)))
			return e;
		year = y.id;
	}
	if (!create && json_object_get(b, "year_id"))
		return zh_fail_set(f, ZH_EINVAL, "read_only", "year_id", "Учебный год класса изменить нельзя");
	if (!create && json_object_get(b, "grade") && (grade < 1 || grade > 11))
		return zh_fail_set(f, ZH_ERULE, "invalid_grade", "grade", "Параллель класса — число от 1 до 11");
	in->year_id = year;
	in->grade = (int)grade;
	in->shift = (int)shift;
	t = json_object_get(b, "class_teacher_id");
	in->set_teacher = t != NULL;
	in->class_teacher_id = teacher;
	return ZH_OK;
}

enum zh_err zh_api_class_create(struct zh_req *r)
{
	struct zh_class_input in = { 0 };
	int64_t id;
	enum zh_err e;
	if ((e = class_body(r, true, &in)))
		return e;
	if (in.grade < 1 || in.grade > 11)
		return zh_fail_set(&r->ctx.fail, ZH_ERULE, "invalid_grade", "grade", "Параллель класса — число от 1 до 11");
	if ((e = zh_class_create(&r->ctx, &in, &id)))
		return e;
	return class_response(r, 201, id);
}

enum zh_err zh_api_class_update(struct zh_req *r)
{
	struct zh_class_input in = { 0 };
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = class_body(r, false, &in)) || (e = zh_class_update(&r->ctx, id, &in)))
		return e;
	return class_response(r, 200, id);
}

enum zh_err zh_api_class_teacher(struct zh_req *r)
{
	static const char *const keys[] = { "teacher_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_class_input in = { .set_teacher = true };
	long long t = 0;
	json_t *b;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "teacher_id", false, 1, INT64_MAX, &t, f)))
		return e;
	if (!json_object_get(b, "teacher_id"))
		return zh_fail_set(f, ZH_EINVAL, "missing_field", "teacher_id",
				   "Укажите «teacher_id» (null — снять классного руководителя)");
	in.class_teacher_id = t;
	if ((e = zh_class_update(&r->ctx, id, &in))) {
		if (!strcmp(f->field, "class_teacher_id"))
			snprintf(f->field, sizeof f->field, "teacher_id");
		return e;
	}
	return class_response(r, 200, id);
}

enum zh_err zh_api_class_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_class_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id));
}

static json_t *student_json(const struct zh_class_student_row *s)
{
	const char *full = s->middle_name && *s->middle_name ? s->middle_name : NULL;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)s->id, "last_name", s->last_name,
			      "first_name", s->first_name, "middle_name", s->middle_name ? s->middle_name : "", "gender",
			      s->gender, "birth_date", s->birth_date);
	char buf[512];
	snprintf(buf, sizeof buf, "%s %s%s%s", s->last_name, s->first_name, full ? " " : "", full ? full : "");
	json_object_set_new(o, "full_name", json_string(buf));
	return o;
}

enum zh_err zh_api_class_students(struct zh_req *r)
{
	struct zh_class_student_row *rows;
	struct page p;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = page_of(r, &p)) || (e = zh_class_students(&r->ctx, id, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		if (in_page(&p, i))
			json_array_append_new(items, student_json(&rows[i]));
	json_t *out = paged(items, n, &p);
	json_object_set_new(out, "class_id", json_integer(id));
	return zh_resp_json(r, 200, out);
}

enum zh_err zh_api_teachers(struct zh_req *r)
{
	struct zh_person_brief *rows;
	size_t n;
	enum zh_err e = zh_school_teachers(&r->ctx, &rows, &n);
	if (e)
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s}", "id", (json_int_t)rows[i].id, "name", rows[i].full_name));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* ---- subjects ---- */

static json_t *subject_json(const struct zh_subject_row *s)
{
	return json_pack("{s:I, s:s, s:s, s:b, s:b}", "id", (json_int_t)s->id, "name", s->name, "short_name",
			 s->short_name, "pass_fail", s->pass_fail, "archived", s->archived);
}

enum zh_err zh_api_subjects_list(struct zh_req *r)
{
	struct zh_subject_row *rows;
	struct page p;
	size_t n;
	long long arch;
	enum zh_err e;
	if ((e = page_of(r, &p)) || (e = zh_req_query_int(r, "archived", 0, 0, 1, &arch)) ||
	    (e = zh_subjects_list(&r->ctx, arch != 0, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		if (in_page(&p, i))
			json_array_append_new(items, subject_json(&rows[i]));
	return zh_resp_json(r, 200, paged(items, n, &p));
}

static enum zh_err subject_response(struct zh_req *r, unsigned status, int64_t id)
{
	struct zh_subject_row s;
	enum zh_err e = zh_store_subject_get(zh_ctx_db(&r->ctx), r->arena, r->ctx.school_id, id, &s);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&r->ctx.fail, e, "not_found", "id", "Предмет не найден");
	return e ? e : zh_resp_json(r, status, subject_json(&s));
}

static enum zh_err subject_body(struct zh_req *r, bool create, struct zh_subject_input *in)
{
	static const char *const keys[] = { "name", "short_name", "pass_fail", "archived", NULL };
	struct zh_fail *f = &r->ctx.fail;
	bool pf = false, ar = false;
	json_t *b;
	enum zh_err e;
	memset(in, 0, sizeof *in); /* absent fields stay NULL: "keep" */
	in->pass_fail = in->archived = -1;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) || (e = zh_json_str(b, "name", create, 100, &in->name, f)) ||
	    (e = zh_json_str(b, "short_name", false, 30, &in->short_name, f)) ||
	    (e = zh_json_bool(b, "pass_fail", false, &pf, f)) || (e = zh_json_bool(b, "archived", false, &ar, f)))
		return e;
	if (json_object_get(b, "pass_fail") && !json_is_null(json_object_get(b, "pass_fail")))
		in->pass_fail = pf;
	if (json_object_get(b, "archived") && !json_is_null(json_object_get(b, "archived")))
		in->archived = ar;
	if (in->name && !*in->name)
		return zh_fail_set(f, ZH_EINVAL, "missing_field", "name", "Укажите название предмета");
	return ZH_OK;
}

enum zh_err zh_api_subject_create(struct zh_req *r)
{
	struct zh_subject_input in;
	int64_t id;
	enum zh_err e;
	if ((e = subject_body(r, true, &in)) || (e = zh_subject_create(&r->ctx, &in, &id)))
		return e;
	return subject_response(r, 201, id);
}

enum zh_err zh_api_subject_update(struct zh_req *r)
{
	struct zh_subject_input in;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = subject_body(r, false, &in)) || (e = zh_subject_update(&r->ctx, id, &in)))
		return e;
	return subject_response(r, 200, id);
}

enum zh_err zh_api_subject_delete(struct zh_req *r)
{
	int64_t id;
	bool archived;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_subject_delete(&r->ctx, id, &archived)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b, s:b}", "id", (json_int_t)id, "deleted", !archived, "archived", archived));
}

/* ---- subgroups ---- */

static json_t *subgroup_json(const struct zh_subgroup_row *g)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)g->id, "class_id", (json_int_t)g->class_id,
			 "subject_id", (json_int_t)g->subject_id, "subject_name", g->subject_name, "name", g->name,
			 "student_count", (json_int_t)g->students);
}

enum zh_err zh_api_subgroups_list(struct zh_req *r)
{
	struct zh_subgroup_row *rows;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_subgroups_list(&r->ctx, id, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, subgroup_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

static enum zh_err subgroup_response(struct zh_req *r, unsigned status, int64_t id)
{
	struct zh_subgroup_row g;
	struct zh_class_student_row *s;
	size_t n;
	enum zh_err e;
	if ((e = zh_subgroup_get(&r->ctx, id, &g)) || (e = zh_subgroup_students(&r->ctx, id, &s, &n)))
		return e;
	json_t *o = subgroup_json(&g), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, student_json(&s[i]));
	json_object_set_new(o, "students", a);
	return zh_resp_json(r, status, o);
}

enum zh_err zh_api_subgroup_get(struct zh_req *r)
{
	int64_t id;
	enum zh_err e = zh_req_param_id(r, 0, &id);
	return e ? e : subgroup_response(r, 200, id);
}

enum zh_err zh_api_subgroup_create(struct zh_req *r)
{
	static const char *const keys[] = { "subject_id", "name", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *name = NULL;
	long long subject = 0;
	json_t *b;
	int64_t class_id, id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &class_id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "subject_id", true, 1, INT64_MAX, &subject, f)) ||
	    (e = zh_json_str(b, "name", true, 100, &name, f)) ||
	    (e = zh_subgroup_create(&r->ctx, class_id, subject, name, &id)))
		return e;
	return subgroup_response(r, 201, id);
}

enum zh_err zh_api_subgroup_update(struct zh_req *r)
{
	static const char *const keys[] = { "name", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *name = NULL;
	json_t *b;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_str(b, "name", true, 100, &name, f)) || (e = zh_subgroup_rename(&r->ctx, id, name)))
		return e;
	return subgroup_response(r, 200, id);
}

enum zh_err zh_api_subgroup_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_subgroup_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id));
}

enum zh_err zh_api_subgroup_students(struct zh_req *r)
{
	static const char *const keys[] = { "student_ids", NULL };
	struct zh_fail *f = &r->ctx.fail;
	json_t *b, *a, *it;
	int64_t id, *ids;
	size_t i;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)))
		return e;
	a = json_object_get(b, "student_ids");
	if (!json_is_array(a) || json_array_size(a) > 200)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "student_ids",
				   "Поле «student_ids» — список номеров учеников (не более 200)");
	if (!(ids = zh_arena_alloc(r->arena, sizeof *ids * (json_array_size(a) + 1))))
		return ZH_ENOMEM;
	json_array_foreach(a, i, it) {
		if (!json_is_integer(it) || json_integer_value(it) < 1)
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "student_ids", "Номера учеников — целые положительные числа");
		ids[i] = json_integer_value(it);
	}
	if ((e = zh_subgroup_set_students(&r->ctx, id, ids, json_array_size(a))))
		return e;
	return subgroup_response(r, 200, id);
}

/* ---- curriculum ---- */

static enum zh_err curriculum_response(struct zh_req *r, int64_t year_id)
{
	struct zh_year_row y;
	struct zh_curriculum_row *rows;
	struct zh_subject_row *subj;
	size_t n, ns;
	double totals[12] = { 0 };
	enum zh_err e;
	if ((e = zh_year_resolve(&r->ctx, year_id, &y)) || (e = zh_curriculum_get(&r->ctx, y.id, &rows, &n)) ||
	    (e = zh_subjects_list(&r->ctx, true, &subj, &ns)))
		return e;
	json_t *grid = json_array(), *ra = json_array(), *ta = json_array();
	for (size_t s = 0; s < ns; s++) {
		json_t *hours = json_array();
		bool any = false;
		for (int g = 1; g <= 11; g++) {
			json_t *v = json_null();
			for (size_t i = 0; i < n; i++)
				if (rows[i].grade == g && rows[i].subject_id == subj[s].id) {
					v = json_real(rows[i].hours);
					any = true;
				}
			json_array_append_new(hours, v);
		}
		if (subj[s].archived && !any) {
			json_decref(hours);
			continue;
		}
		json_array_append_new(grid, json_pack("{s:I, s:s, s:s, s:b, s:o}", "subject_id", (json_int_t)subj[s].id,
						      "subject_name", subj[s].name, "short_name", subj[s].short_name,
						      "archived", subj[s].archived, "hours", hours));
	}
	for (size_t i = 0; i < n; i++) {
		totals[rows[i].grade] += rows[i].hours;
		json_array_append_new(ra, json_pack("{s:i, s:I, s:f}", "grade", rows[i].grade, "subject_id",
						    (json_int_t)rows[i].subject_id, "hours_per_week", rows[i].hours));
	}
	for (int g = 1; g <= 11; g++)
		json_array_append_new(ta, json_real(totals[g]));
	return zh_resp_json(r, 200, json_pack("{s:I, s:s, s:b, s:o, s:o, s:o}", "year_id", (json_int_t)y.id, "year_name",
					      y.name, "year_closed", y.closed, "grid", grid, "rows", ra, "totals", ta));
}

enum zh_err zh_api_curriculum_get(struct zh_req *r)
{
	int64_t year_id;
	enum zh_err e = year_param(r, &year_id);
	return e ? e : curriculum_response(r, year_id);
}

enum zh_err zh_api_curriculum_put(struct zh_req *r)
{
	static const char *const keys[] = { "year_id", "rows", NULL };
	static const char *const row_keys[] = { "grade", "subject_id", "hours_per_week", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long year = 0;
	json_t *b, *a, *it;
	size_t i;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "year_id", true, 1, INT64_MAX, &year, f)))
		return e;
	a = json_object_get(b, "rows");
	if (!json_is_array(a) || json_array_size(a) > 2000)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "rows",
				   "Поле «rows» — список [{grade, subject_id, hours_per_week}] (не более 2000)");
	struct zh_curriculum_row *rows = zh_arena_alloc(r->arena, sizeof *rows * (json_array_size(a) + 1));
	if (!rows)
		return ZH_ENOMEM;
	json_array_foreach(a, i, it) {
		long long g = 0, s = 0;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "rows", "Каждая строка — объект {grade, subject_id, hours_per_week}");
		if (relabel(f, (e = zh_json_only(it, row_keys, f)) || (e = zh_json_int(it, "grade", true, -1000, 1000, &g, f)) ||
				       (e = zh_json_int(it, "subject_id", true, 1, INT64_MAX, &s, f)) ||
				       (e = json_number(it, "hours_per_week", true, &rows[i].hours, NULL, f)) ? e : ZH_OK,
			    "rows", i))
			return e;
		rows[i].grade = (int)g;
		rows[i].subject_id = s;
	}
	if ((e = zh_curriculum_set(&r->ctx, year, rows, json_array_size(a))))
		return e;
	return curriculum_response(r, year);
}

/* ---- teacher load ---- */

static json_t *load_json(const struct zh_load_row *l)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:o, s:s?, s:I, s:s, s:f}", "id", (json_int_t)l->id, "year_id",
			 (json_int_t)l->year_id, "teacher_id", (json_int_t)l->teacher_id, "teacher_name", l->teacher_name,
			 "class_id", (json_int_t)l->class_id, "class_name", l->class_name, "subgroup_id",
			 nullable_id(l->subgroup_id), "subgroup_name", l->subgroup_name, "subject_id",
			 (json_int_t)l->subject_id, "subject_name", l->subject_name, "hours_per_week", l->hours);
}

enum zh_err zh_api_load_list(struct zh_req *r)
{
	struct zh_year_row y;
	struct zh_load_filter flt = { 0 };
	struct zh_load_report rep;
	struct page p;
	long long teacher, klass;
	int64_t year_id;
	enum zh_err e;
	if ((e = page_of(r, &p)) || (e = year_param(r, &year_id)) ||
	    (e = zh_req_query_int(r, "teacher", 0, 0, INT64_MAX, &teacher)) ||
	    (e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &klass)) || (e = zh_year_resolve(&r->ctx, year_id, &y)))
		return e;
	flt.year_id = y.id;
	flt.teacher_id = teacher;
	flt.class_id = klass;
	if ((e = zh_load_report(&r->ctx, &flt, &rep)))
		return e;
	json_t *items = json_array(), *tot = json_array(), *diff = json_array();
	double sum = 0;
	for (size_t i = 0; i < rep.n; i++) {
		sum += rep.rows[i].hours;
		if (in_page(&p, i))
			json_array_append_new(items, load_json(&rep.rows[i]));
	}
	for (size_t i = 0; i < rep.ntotals; i++)
		json_array_append_new(tot, json_pack("{s:I, s:s, s:f}", "teacher_id", (json_int_t)rep.totals[i].teacher_id,
						     "teacher_name", rep.totals[i].teacher_name, "hours", rep.totals[i].hours));
	for (size_t i = 0; i < rep.ndiffs; i++) {
		const struct zh_load_diff *d = &rep.diffs[i];
		json_array_append_new(diff, json_pack("{s:I, s:s, s:I, s:s, s:o, s:s?, s:f, s:f, s:f}", "class_id",
						      (json_int_t)d->class_id, "class_name", d->class_name, "subject_id",
						      (json_int_t)d->subject_id, "subject_name", d->subject_name, "subgroup_id",
						      nullable_id(d->subgroup_id), "subgroup_name", d->subgroup_name,
						      "curriculum_hours", d->plan, "load_hours", d->load, "difference",
						      d->load - d->plan));
	}
	json_t *out = paged(items, rep.n, &p);
	json_object_set_new(out, "year", json_pack("{s:I, s:s, s:b}", "id", (json_int_t)y.id, "name", y.name, "closed", y.closed));
	json_object_set_new(out, "total_hours", json_real(sum));
	json_object_set_new(out, "teacher_totals", tot);
	json_object_set_new(out, "differences", diff);
	return zh_resp_json(r, 200, out);
}

static enum zh_err load_response(struct zh_req *r, unsigned status, int64_t id)
{
	struct zh_load_row l;
	enum zh_err e = zh_load_get(&r->ctx, id, &l);
	return e ? e : zh_resp_json(r, status, load_json(&l));
}

static const char *const load_keys[] = { "teacher_id", "class_id", "subgroup_id", "subject_id", "hours_per_week", NULL };

enum zh_err zh_api_load_create(struct zh_req *r)
{
	struct zh_fail *f = &r->ctx.fail;
	struct zh_load_row l = { 0 };
	long long t = 0, k = 0, g = 0, s = 0;
	json_t *b;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, load_keys, f)) ||
	    (e = zh_json_int(b, "teacher_id", true, 1, INT64_MAX, &t, f)) ||
	    (e = zh_json_int(b, "class_id", true, 1, INT64_MAX, &k, f)) ||
	    (e = zh_json_int(b, "subgroup_id", false, 1, INT64_MAX, &g, f)) ||
	    (e = zh_json_int(b, "subject_id", true, 1, INT64_MAX, &s, f)) ||
	    (e = json_number(b, "hours_per_week", false, &l.hours, NULL, f)))
		return e;
	l.teacher_id = t;
	l.class_id = k;
	l.subgroup_id = g;
	l.subject_id = s;
	if ((e = zh_load_create(&r->ctx, &l, &id)))
		return e;
	return load_response(r, 201, id);
}

enum zh_err zh_api_load_update(struct zh_req *r)
{
	static const char *const keys[] = { "teacher_id", "subgroup_id", "hours_per_week", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long t = 0, g = 0;
	double hours = 0;
	bool has_hours = false;
	json_t *b, *gv;
	int64_t id, sub = -1;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "teacher_id", false, 1, INT64_MAX, &t, f)) ||
	    (e = zh_json_int(b, "subgroup_id", false, 1, INT64_MAX, &g, f)) ||
	    (e = json_number(b, "hours_per_week", false, &hours, &has_hours, f)))
		return e;
	if ((gv = json_object_get(b, "subgroup_id")))
		sub = json_is_null(gv) ? 0 : g;
	if ((e = zh_load_update(&r->ctx, id, t, sub, has_hours ? &hours : NULL)))
		return e;
	return load_response(r, 200, id);
}

enum zh_err zh_api_load_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_load_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id));
}
