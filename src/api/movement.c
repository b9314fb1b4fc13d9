/* movement.c: the movement book, applicants, council decisions and the year rollover */
#include "api/api.h"

#include <string.h>

#include "core/str.h"
#include "domain/movement.h"
#include "json/json.h"

static const char *kind_title(const char *k)
{
	static const struct {
		const char *k, *t;
	} t[] = {
		{ "enrol", "Зачисление" }, { "transfer", "Перевод" }, { "withdraw", "Выбытие" },
		{ "promote", "Перевод в следующий класс" }, { "repeat", "Оставлен на повторное обучение" },
		{ "graduate", "Окончание школы" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(k, t[i].k) == 0)
			return t[i].t;
	return k;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *movement_json(const struct zh_movement_row *m)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
			      "id", (json_int_t)m->id, "kind", m->kind, "kind_title", kind_title(m->kind),
			      "date", m->date, "order_no", m->order_no ? m->order_no : "", "order_date",
			      m->order_date, "student_id", (json_int_t)m->student_id, "last_name",
			      m->last_name ? m->last_name : "", "first_name", m->first_name ? m->first_name : "",
			      "middle_name", m->middle_name ? m->middle_name : "", "from_place",
			      m->from_place ? m->from_place : "", "to_place", m->to_place ? m->to_place : "",
			      "reason", m->reason ? m->reason : "");
	if (!o)
		return NULL;
	json_object_set_new(o, "from_class_id", id_or_null(m->from_class_id));
	json_object_set_new(o, "from_class", m->from_class ? json_string(m->from_class) : json_null());
	json_object_set_new(o, "to_class_id", id_or_null(m->to_class_id));
	json_object_set_new(o, "to_class", m->to_class ? json_string(m->to_class) : json_null());
	return o;
}

static enum zh_err page(struct zh_req *r, long long *limit, long long *offset)
{
	enum zh_err e;
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, limit)))
		return e;
	return zh_req_query_int(r, "offset", 0, 0, 100000000, offset);
}

static enum zh_err movements_page(struct zh_req *r, struct zh_movement_row *rows, size_t n, int64_t total,
				  long long limit, long long offset)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, movement_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

/* GET /api/v1/movements?from=&to=&kind=&class=&limit=&offset= */
enum zh_err zh_api_movements_list(struct zh_req *r)
{
	struct zh_movement_filter flt = { 0 };
	struct zh_movement_row *rows;
	long long limit, offset, cls;
	int64_t total;
	size_t n;
	enum zh_err e;

	if ((e = page(r, &limit, &offset)) || (e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &cls)))
		return e;
	flt.limit = limit;
	flt.offset = offset;
	flt.class_id = cls;
	flt.from = zh_req_query(r, "from");
	flt.to = zh_req_query(r, "to");
	flt.kind = zh_req_query(r, "kind");
	if (flt.from && !*flt.from)
		flt.from = NULL;
	if (flt.to && !*flt.to)
		flt.to = NULL;
	if (flt.kind && !*flt.kind)
		flt.kind = NULL;
	if ((e = zh_movements_list(&r->ctx, &flt, &rows, &n, &total)))
		return e;
	return movements_page(r, rows, n, total, limit, offset);
}

/* GET /api/v1/movements/{id} */
enum zh_err zh_api_movement_get(struct zh_req *r)
{
	struct zh_movement_row m;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_movement_get(&r->ctx, id, &m)))
		return e;
	return zh_resp_json(r, 200, movement_json(&m));
}

/* GET /api/v1/students/{id}/movements */
enum zh_err zh_api_student_movements(struct zh_req *r)
{
	struct zh_movement_row *rows;
	long long limit, offset;
	int64_t id, total;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = page(r, &limit, &offset)) ||
	    (e = zh_student_movements(&r->ctx, id, limit, offset, &rows, &n, &total)))
		return e;
	return movements_page(r, rows, n, total, limit, offset);
}

static enum zh_err person_fields(struct zh_req *r, json_t *o, struct zh_person_row *p)
{
	static const char *const keys[] = { "last_name", "first_name", "middle_name", "birth_date", "gender", NULL };
	struct zh_fail *f = &r->ctx.fail;
	enum zh_err e;
	memset(p, 0, sizeof *p);
	p->middle_name = "";
	if ((e = zh_json_only(o, keys, f)) || (e = zh_json_str(o, "last_name", true, 100, &p->last_name, f)) ||
	    (e = zh_json_str(o, "first_name", true, 100, &p->first_name, f)) ||
	    (e = zh_json_str(o, "middle_name", false, 100, &p->middle_name, f)) ||
	    (e = zh_json_str(o, "birth_date", false, 10, &p->birth_date, f)) ||
	    (e = zh_json_str(o, "gender", false, 1, &p->gender, f)))
		return e;
	if (p->birth_date && !*p->birth_date)
		p->birth_date = NULL;
	if (p->gender && !*p->gender)
		p->gender = NULL;
	return ZH_OK;
}

/* POST /api/v1/movements */
enum zh_err zh_api_movement_create(struct zh_req *r)
{
	static const char *const keys[] = { "kind", "student_id", "person", "from_class_id", "to_class_id", "date",
					    "order_no", "order_date", "from_place", "to_place", "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_move_in in = { 0 };
	struct zh_person_row person;
	struct zh_movement_row m;
	long long student = 0, from = 0, to = 0;
	int64_t id;
	json_t *body, *pj;
	enum zh_err e;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "kind", true, 16, &in.kind, f)) ||
	    (e = zh_json_int(body, "student_id", false, 1, INT64_MAX, &student, f)) ||
	    (e = zh_json_int(body, "from_class_id", false, 1, INT64_MAX, &from, f)) ||
	    (e = zh_json_int(body, "to_class_id", false, 1, INT64_MAX, &to, f)) ||
	    (e = zh_json_str(body, "date", true, 10, &in.date, f)) ||
	    (e = zh_json_str(body, "order_no", true, 50, &in.order_no, f)) ||
	    (e = zh_json_str(body, "order_date", true, 10, &in.order_date, f)) ||
	    (e = zh_json_str(body, "from_place", false, 300, &in.from_place, f)) ||
	    (e = zh_json_str(body, "to_place", false, 300, &in.to_place, f)) ||
	    (e = zh_json_str(body, "reason", false, 500, &in.reason, f)))
		return e;
	pj = json_object_get(body, "person");
	if (pj && !json_is_null(pj)) {
		if (!json_is_object(pj))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "person",
					   "Поле «person» — объект {last_name, first_name, middle_name, birth_date, gender}");
		if (student)
			return zh_fail_set(f, ZH_EINVAL, "conflicting_fields", "person",
					   "Укажите либо student_id, либо нового учащегося (person)");
		if ((e = person_fields(r, pj, &person)))
			return e;
		in.person = &person;
	}
	in.student_id = student;
	in.from_class_id = from;
	in.to_class_id = to;
	if ((e = zh_movement_create(&r->ctx, &in, &id)) || (e = zh_movement_get(&r->ctx, id, &m)))
		return e;
	return zh_resp_json(r, 201, movement_json(&m));
}

static json_t *applicant_json(const struct zh_applicant_row *a)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id, "last_name", a->last_name,
			      "first_name", a->first_name, "middle_name", a->middle_name ? a->middle_name : "",
			      "status", "applicant");
	json_object_set_new(o, "birth_date", a->birth_date ? json_string(a->birth_date) : json_null());
	json_object_set_new(o, "gender", a->gender ? json_string(a->gender) : json_null());
	return o;
}

/* GET /api/v1/applicants?q=&limit=&offset= */
enum zh_err zh_api_applicants_list(struct zh_req *r)
{
	struct zh_applicant_row *rows;
	long long limit, offset;
	int64_t total;
	size_t n;
	enum zh_err e;
	if ((e = page(r, &limit, &offset)) ||
	    (e = zh_applicants_list(&r->ctx, zh_req_query(r, "q"), limit, offset, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, applicant_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

/* POST /api/v1/applicants */
enum zh_err zh_api_applicant_create(struct zh_req *r)
{
	struct zh_person_row p;
	struct zh_applicant_row a;
	int64_t id;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = person_fields(r, body, &p)) ||
	    (e = zh_applicant_create(&r->ctx, &p, &id)))
		return e;
	a = (struct zh_applicant_row){ id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.gender };
	return zh_resp_json(r, 201, applicant_json(&a));
}

/* GET /api/v1/movement-classes?year=: the years and the classes of open years (or of that year) */
enum zh_err zh_api_movement_classes(struct zh_req *r)
{
	struct zh_db *db = zh_ctx_db(&r->ctx);
	struct zh_mv_year *years;
	int64_t *to;
	size_t ny;
	long long only;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "year", 0, 0, INT64_MAX, &only)) ||
	    (e = zh_store_mv_years(db, r->arena, r->ctx.school_id, &years, &to, &ny)))
		return e;
	json_t *ya = json_array(), *ca = json_array();
	for (size_t i = 0; i < ny; i++) {
		json_t *y = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)years[i].id, "name", years[i].name,
				      "start_date", years[i].start_date, "end_date", years[i].end_date, "closed",
				      years[i].closed);
		json_object_set_new(y, "rolled_to_year_id", id_or_null(to[i]));
		json_array_append_new(ya, y);
		if (only ? years[i].id != only : years[i].closed)
			continue;
		struct zh_mv_class *cls;
		size_t nc;
		if ((e = zh_store_mv_classes_of_year(db, r->arena, r->ctx.school_id, years[i].id, &cls, &nc))) {
			json_decref(ya);
			json_decref(ca);
			return e;
		}
		for (size_t k = 0; k < nc; k++) {
			json_t *o = json_pack("{s:I, s:s, s:i, s:I, s:s}", "id", (json_int_t)cls[k].id, "name",
					      cls[k].name, "grade", cls[k].grade, "year_id", (json_int_t)cls[k].year_id,
					      "year", cls[k].year_name);
			json_object_set_new(o, "class_teacher_id", id_or_null(cls[k].class_teacher_id));
			json_object_set_new(o, "prev_class_id", id_or_null(cls[k].prev_class_id));
			json_array_append_new(ca, o);
		}
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:o}", "years", ya, "classes", ca));
}

static json_t *student_brief(const struct zh_decision_row *d)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:i}", "student_id", (json_int_t)d->student_id,
			 "last_name", d->last_name, "first_name", d->first_name, "middle_name",
			 d->middle_name ? d->middle_name : "", "class_id", (json_int_t)d->class_id, "class",
			 d->class_name ? d->class_name : "", "grade", d->grade);
}

/* GET /api/v1/movement-classes/{id}/students: the class list (for the transfer and withdraw forms) */
enum zh_err zh_api_movement_class_students(struct zh_req *r)
{
	struct zh_mv_class k;
	struct zh_decision_row *rows;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)))
		return e;
	e = zh_store_mv_class_get(zh_ctx_db(&r->ctx), r->arena, r->ctx.school_id, id, &k);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&r->ctx.fail, e, "class_not_found", "id", "Класс не найден");
	if (e || (e = zh_store_mv_decisions_list(zh_ctx_db(&r->ctx), r->arena, r->ctx.school_id, k.year_id, id,
						 &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, student_brief(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:I, s:s, s:o}", "class_id", (json_int_t)id, "class", k.name,
					      "items", items));
}

/* ---- decisions and rollover ---- */

static json_t *decisions_catalogue(void)
{
	static const char *const codes[] = { "promoted", "conditional", "repeat", "withdrawn", "graduated" };
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", codes[i], "title", zh_decision_title(codes[i])));
	return a;
}

/* GET /api/v1/years/{id}/decisions?class= */
enum zh_err zh_api_decisions_get(struct zh_req *r)
{
	struct zh_decisions_view v;
	long long cls;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &cls)) ||
	    (e = zh_decisions_list(&r->ctx, id, cls, &v)))
		return e;
	json_t *items = json_array();
	size_t decided = 0;
	for (size_t i = 0; i < v.n; i++) {
		const struct zh_decision_row *d = &v.rows[i];
		json_t *o = student_brief(d);
		json_object_set_new(o, "decision", d->decision ? json_string(d->decision) : json_null());
		json_object_set_new(o, "decision_title", d->decision ? json_string(zh_decision_title(d->decision)) : json_null());
		json_object_set_new(o, "protocol_no", d->protocol_no ? json_string(d->protocol_no) : json_null());
		json_object_set_new(o, "protocol_date", d->protocol_date ? json_string(d->protocol_date) : json_null());
		json_object_set_new(o, "suggested", json_string(zh_decision_suggest(d->grade)));
		json_array_append_new(items, o);
		decided += d->decision != NULL;
	}
	json_t *year = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)v.year.id, "name", v.year.name,
				 "start_date", v.year.start_date, "end_date", v.year.end_date, "closed", v.year.closed);
	return zh_resp_json(r, 200, json_pack("{s:o, s:b, s:o, s:o, s:I, s:I, s:o}", "year", year, "rolled_over",
					      v.to_year_id != 0, "to_year_id", id_or_null(v.to_year_id), "items", items,
					      "total", (json_int_t)v.n, "decided", (json_int_t)decided, "decisions",
					      decisions_catalogue()));
}

/* PUT /api/v1/years/{id}/decisions {protocol_no?, protocol_date?, decisions: [{student_id, decision,
 * protocol_no?, protocol_date?}]}: the row's protocol, else the common one */
enum zh_err zh_api_decisions_put(struct zh_req *r)
{
	static const char *const keys[] = { "protocol_no", "protocol_date", "decisions", NULL };
	static const char *const item_keys[] = { "student_id", "decision", "protocol_no", "protocol_date", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *pno = NULL, *pdate = NULL;
	json_t *body, *arr, *it;
	size_t i, changed;
	int64_t id;
	enum zh_err e;

	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "protocol_no", false, 50, &pno, f)) ||
	    (e = zh_json_str(body, "protocol_date", false, 10, &pdate, f)))
		return e;
	arr = json_object_get(body, "decisions");
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 5000)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "decisions",
				   "Поле «decisions» — непустой список решений (не более 5000)");
	struct zh_decision_in *in = zh_arena_alloc(r->arena, sizeof *in * json_array_size(arr));
	if (!in)
		return ZH_ENOMEM;
	json_array_foreach(arr, i, it) {
		long long sid = 0;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "decisions",
					   "Каждое решение — объект {student_id, decision, protocol_no, protocol_date}");
		memset(&in[i], 0, sizeof in[i]);
		json_t *dv = json_object_get(it, "decision");
		if ((e = zh_json_only(it, item_keys, f)) || (e = zh_json_int(it, "student_id", true, 1, INT64_MAX, &sid, f)))
			return e;
		if (!dv)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", "decision",
					   "Строка %zu: укажите решение (null — снять решение)", i + 1);
		if ((e = zh_json_str(it, "decision", false, 16, &in[i].decision, f)) ||
		    (e = zh_json_str(it, "protocol_no", false, 50, &in[i].protocol_no, f)) ||
		    (e = zh_json_str(it, "protocol_date", false, 10, &in[i].protocol_date, f)))
			return e;
		in[i].student_id = sid;
		if (!in[i].protocol_no)
			in[i].protocol_no = pno;
		if (!in[i].protocol_date)
			in[i].protocol_date = pdate;
	}
	if ((e = zh_decisions_put(&r->ctx, id, in, json_array_size(arr), &changed)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:I}", "received", (json_int_t)json_array_size(arr), "changed",
					      (json_int_t)changed));
}

/* POST /api/v1/years/{id}/rollover {new_year: {name, start_date, end_date}} */
enum zh_err zh_api_rollover(struct zh_req *r)
{
	static const char *const keys[] = { "new_year", NULL };
	static const char *const year_keys[] = { "name", "start_date", "end_date", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_rollover_in in = { 0 };
	struct zh_rollover_out out;
	json_t *body, *ny;
	int64_t id;
	enum zh_err e;

	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)))
		return e;
	ny = json_object_get(body, "new_year");
	if (!json_is_object(ny))
		return zh_fail_set(f, ZH_EINVAL, "missing_field", "new_year",
				   "Укажите новый учебный год: {name, start_date, end_date}");
	if ((e = zh_json_only(ny, year_keys, f)) || (e = zh_json_str(ny, "name", true, 40, &in.name, f)) ||
	    (e = zh_json_str(ny, "start_date", true, 10, &in.start_date, f)) ||
	    (e = zh_json_str(ny, "end_date", true, 10, &in.end_date, f))) {
		size_t fl = strlen(f->field);
		if (fl && fl + 9 < sizeof f->field && strncmp(f->field, "new_year.", 9) != 0) {
			memmove(f->field + 9, f->field, fl + 1);
			memcpy(f->field, "new_year.", 9);
		}
		return e;
	}
	e = zh_rollover_run(&r->ctx, id, &in, &out);
	if (e == ZH_ERULE && strcmp(f->code_name, "decisions_missing") == 0) {
		/* the standard error with the list of the first students without a decision */
		json_t *list = json_array();
		for (size_t i = 0; i < out.nmissing; i++)
			json_array_append_new(list, student_brief(&out.missing[i]));
		char msg[sizeof f->msg];
		size_t len;
		snprintf(msg, sizeof msg, "%s", f->msg);
		len = strlen(msg);
		while (len && !zh_utf8_valid(msg, len))
			msg[--len] = '\0';
		json_t *err = json_pack("{s:s, s:s, s:s}", "code", f->code_name, "message", msg, "field", f->field);
		return zh_resp_json(r, 422, json_pack("{s:o, s:o, s:I}", "error", err, "missing", list, "missing_total",
						      (json_int_t)out.missing_total));
	}
	if (e)
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:I, s:b, s:i, s:i, s:i, s:i, s:i, s:I, s:I}", "from_year_id",
					      (json_int_t)id, "to_year_id", (json_int_t)out.to_year_id, "year_created",
					      out.year_created, "classes_created", out.classes_created, "promoted",
					      out.promoted, "repeated", out.repeated, "graduated", out.graduated,
					      "withdrawn", out.withdrawn, "curriculum_rows", (json_int_t)out.curriculum_rows,
					      "load_rows", (json_int_t)out.load_rows));
}
