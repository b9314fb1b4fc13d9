/* plans.c: HTTP handlers of thematic plans (КТП, M-08) */
#include "api/api.h"

#include <string.h>

#include "domain/plans.h"
#include "json/json.h"

static const char *status_title(const char *s)
{
	if (strcmp(s, "draft") == 0)
		return "Черновик";
	if (strcmp(s, "submitted") == 0)
		return "На утверждении";
	if (strcmp(s, "approved") == 0)
		return "Утверждён";
	if (strcmp(s, "returned") == 0)
		return "Возвращён на доработку";
	return s;
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *plan_json(struct zh_req *r, const struct zh_plan_row *p, const struct zh_plan_hours *h)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:i, s:I, s:s, s:s, s:s, s:s, s:f, s:I}", "id",
			      (json_int_t)p->id, "year_id", (json_int_t)p->year_id, "teacher_id",
			      (json_int_t)p->teacher_id, "teacher_name", p->teacher_name ? p->teacher_name : "",
			      "class_id", (json_int_t)p->class_id, "class_name", p->class_name ? p->class_name : "",
			      "grade", p->grade, "subject_id", (json_int_t)p->subject_id, "subject_name",
			      p->subject_name ? p->subject_name : "", "status", p->status, "status_title",
			      status_title(p->status), "comment", p->comment ? p->comment : "", "hours_total",
			      p->hours_total, "topics_count", (json_int_t)p->topics);
	if (!o)
		return NULL;
	json_object_set_new(o, "subgroup_id", id_or_null(p->subgroup_id));
	json_object_set_new(o, "subgroup_name", p->subgroup_name ? json_string(p->subgroup_name) : json_null());
	json_object_set_new(o, "approved_by", id_or_null(p->approved_by));
	json_object_set_new(o, "approved_at", p->approved_at ? json_string(zh_api_time(r, p->approved_at)) : json_null());
	json_object_set_new(o, "updated_at", json_string(zh_api_time(r, p->updated_at)));
	if (h) {
		json_object_set_new(o, "hours_expected", json_real(h->expected));
		json_object_set_new(o, "hours_diff", json_real(h->total - h->expected));
		json_object_set_new(o, "hours_source", json_string(h->source));
		json_object_set_new(o, "lessons_count", json_integer(h->lessons));
	}
	return o;
}

/* GET /api/v1/plans?teacher=&class=&subject=&status=&limit=&offset= */
enum zh_err zh_api_plans_list(struct zh_req *r)
{
	struct zh_plan_filter flt = { 0 };
	struct zh_plan_row *rows;
	long long limit, offset, teacher, cls, subj;
	int64_t total;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_req_query_int(r, "teacher", 0, 0, INT64_MAX, &teacher)) ||
	    (e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &cls)) ||
	    (e = zh_req_query_int(r, "subject", 0, 0, INT64_MAX, &subj)))
		return e;
	flt.limit = limit;
	flt.offset = offset;
	flt.teacher_id = teacher;
	flt.class_id = cls;
	flt.subject_id = subj;
	flt.status = zh_req_query(r, "status");
	if (flt.status && !*flt.status)
		flt.status = NULL;
	if (flt.status && strcmp(flt.status, "draft") != 0 && strcmp(flt.status, "submitted") != 0 &&
	    strcmp(flt.status, "approved") != 0 && strcmp(flt.status, "returned") != 0)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid_parameter", "status",
				   "Состояние: draft, submitted, approved или returned");
	if ((e = zh_plans_list(&r->ctx, &flt, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct zh_plan_hours h;
		if ((e = zh_plan_hours_of(zh_ctx_db(&r->ctx), &rows[i], &h))) {
			json_decref(items);
			return e;
		}
		json_array_append_new(items, plan_json(r, &rows[i], &h));
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

static enum zh_err answer_plan(struct zh_req *r, int64_t id, unsigned status)
{
	struct zh_plan_row p;
	struct zh_plan_topic *t;
	struct zh_plan_hours h;
	size_t n;
	bool can_edit, can_approve;
	enum zh_err e;
	if ((e = zh_plan_get(&r->ctx, id, &p, &t, &n, &h, &can_edit, &can_approve)))
		return e;
	json_t *o = plan_json(r, &p, &h);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:i, s:s, s:f, s:s, s:s, s:s}", "id", (json_int_t)t[i].id,
						   "position", t[i].position, "title", t[i].title, "hours", t[i].hours,
						   "lesson_type", t[i].lesson_type, "kes_codes", t[i].kes_codes,
						   "homework", t[i].homework));
	json_object_set_new(o, "topics", a);
	json_object_set_new(o, "can_edit", json_boolean(can_edit));
	json_object_set_new(o, "can_approve", json_boolean(can_approve));
	json_t *types = json_array();
	for (int i = 0; zh_plan_lesson_types[i]; i++)
		json_array_append_new(types, json_string(zh_plan_lesson_types[i]));
	json_object_set_new(o, "lesson_types", types);
	return zh_resp_json(r, status, o);
}

/* GET /api/v1/plans/{id} */
enum zh_err zh_api_plan_get(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)))
		return e;
	return answer_plan(r, id, 200);
}

/* After a write (no transaction open): the answer reads in its own transaction. */
static enum zh_err answer_after_write(struct zh_req *r, int64_t id, unsigned status)
{
	struct zh_db *db = zh_ctx_db(&r->ctx);
	enum zh_err e;
	if ((e = zh_db_begin(db, false)))
		return e;
	e = answer_plan(r, id, status);
	zh_db_rollback(db);
	return e;
}

/* POST /api/v1/plans {class_id, subgroup_id?, subject_id, teacher_id?} */
enum zh_err zh_api_plan_create(struct zh_req *r)
{
	static const char *const keys[] = { "class_id", "subgroup_id", "subject_id", "teacher_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long cls = 0, sg = 0, subj = 0, teacher = 0;
	int64_t id;
	json_t *b;
	enum zh_err e;
	if ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "class_id", true, 1, INT64_MAX, &cls, f)) ||
	    (e = zh_json_int(b, "subgroup_id", false, 1, INT64_MAX, &sg, f)) ||
	    (e = zh_json_int(b, "subject_id", true, 1, INT64_MAX, &subj, f)) ||
	    (e = zh_json_int(b, "teacher_id", false, 1, INT64_MAX, &teacher, f)))
		return e;
	if ((e = zh_plan_create(&r->ctx, cls, sg, subj, teacher, &id)))
		return e;
	return answer_after_write(r, id, 201);
}

/* GET /api/v1/plan-load?all=1 */
enum zh_err zh_api_plan_load(struct zh_req *r)
{
	struct zh_plan_load *rows;
	long long all;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "all", 0, 0, 1, &all)) || (e = zh_plan_loads(&r->ctx, all != 0, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct zh_plan_load *l = &rows[i];
		json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:I, s:s, s:f}", "id", (json_int_t)l->id,
				      "teacher_id", (json_int_t)l->teacher_id, "teacher_name", l->teacher_name,
				      "class_id", (json_int_t)l->class_id, "class_name", l->class_name, "grade", l->grade,
				      "subject_id", (json_int_t)l->subject_id, "subject_name", l->subject_name,
				      "hours_per_week", l->hours_per_week);
		json_object_set_new(o, "subgroup_id", id_or_null(l->subgroup_id));
		json_object_set_new(o, "subgroup_name", l->subgroup_name ? json_string(l->subgroup_name) : json_null());
		json_object_set_new(o, "plan_id", id_or_null(l->plan_id));
		json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o}", "items", items));
}

static enum zh_err topic_in(struct zh_req *r, json_t *o, size_t i, struct zh_plan_topic *t)
{
	static const char *const keys[] = { "id", "position", "title", "hours", "lesson_type", "kes_codes", "homework", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long id = 0;
	enum zh_err e;
	memset(t, 0, sizeof *t);
	if (!json_is_object(o))
		return zh_fail_set(f, ZH_EINVAL, "invalid_type", zh_arena_printf(r->arena, "topics[%zu]", i),
				   "Тема %zu: нужен объект", i + 1);
	json_t *h = json_object_get(o, "hours");
	if ((e = zh_json_only(o, keys, f)) || (e = zh_json_int(o, "id", false, 1, INT64_MAX, &id, f)) ||
	    (e = zh_json_str(o, "title", true, 500, &t->title, f)) ||
	    (e = zh_json_str(o, "lesson_type", false, 100, &t->lesson_type, f)) ||
	    (e = zh_json_str(o, "kes_codes", false, 200, &t->kes_codes, f)) ||
	    (e = zh_json_str(o, "homework", false, 1000, &t->homework, f))) {
		/* name the topic in the field */
		if (f->field[0] && strncmp(f->field, "topics", 6) != 0) {
			const char *nm = zh_arena_printf(r->arena, "topics[%zu].%s", i, f->field);
			if (nm && strlen(nm) < sizeof f->field)
				memcpy(f->field, nm, strlen(nm) + 1);
		}
		return e;
	}
	if (!json_is_number(h))
		return zh_fail_set(f, ZH_EINVAL, "invalid_value", zh_arena_printf(r->arena, "topics[%zu].hours", i),
				   "Тема %zu: часы — число больше 0", i + 1);
	t->id = id;
	t->hours = json_number_value(h);
	return ZH_OK;
}

/* PUT /api/v1/plans/{id} {topics: [...]} */
enum zh_err zh_api_plan_put(struct zh_req *r)
{
	static const char *const keys[] = { "topics", NULL };
	struct zh_fail *f = &r->ctx.fail;
	int64_t id;
	json_t *b, *a;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)))
		return e;
	a = json_object_get(b, "topics");
	if (!json_is_array(a))
		return zh_fail_set(f, ZH_EINVAL, "invalid_type", "topics", "Нужен список тем");
	size_t n = json_array_size(a);
	if (n > 500)
		return zh_fail_set(f, ZH_EINVAL, "invalid_value", "topics", "Не больше 500 тем в плане");
	struct zh_plan_topic *t = zh_arena_alloc(r->arena, (n + 1) * sizeof *t);
	if (!t)
		return ZH_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if ((e = topic_in(r, json_array_get(a, i), i, &t[i])))
			return e;
	if ((e = zh_plan_put_topics(&r->ctx, id, t, n)))
		return e;
	return answer_after_write(r, id, 200);
}

/* DELETE /api/v1/plans/{id} */
enum zh_err zh_api_plan_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_plan_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

static enum zh_err transition(struct zh_req *r, const char *action)
{
	static const char *const keys[] = { "comment", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *comment = "";
	int64_t id;
	json_t *b = NULL;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)))
		return e;
	if (r->body.len && ((e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
			    (e = zh_json_str(b, "comment", strcmp(action, "return") == 0, 1000, &comment, f))))
		return e;
	if (strcmp(action, "return") == 0 && (!comment || !*comment))
		return zh_fail_set(f, ZH_EINVAL, "missing_field", "comment", "Укажите, что нужно исправить в плане");
	if ((e = zh_plan_transition(&r->ctx, id, action, comment)))
		return e;
	return answer_after_write(r, id, 200);
}

enum zh_err zh_api_plan_submit(struct zh_req *r)
{
	return transition(r, "submit");
}

enum zh_err zh_api_plan_approve(struct zh_req *r)
{
	return transition(r, "approve");
}

enum zh_err zh_api_plan_return(struct zh_req *r)
{
	return transition(r, "return");
}

/* GET /api/v1/plans/{id}/export?format=csv|xlsx */
enum zh_err zh_api_plan_export(struct zh_req *r)
{
	int64_t id;
	char *data;
	size_t len;
	const char *file, *ctype;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) ||
	    (e = zh_plan_export(&r->ctx, id, zh_req_query(r, "format"), &data, &len, &file, &ctype)))
		return e;
	return zh_resp_bytes(r, 200, ctype, file, data, len);
}

/* POST /api/v1/plans/{id}/import with the CSV or XLSX file as the body */
enum zh_err zh_api_plan_import(struct zh_req *r)
{
	int64_t id;
	json_t *errors = NULL;
	size_t n = 0;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)))
		return e;
	e = zh_plan_import(&r->ctx, id, r->body.data, r->body.len, &errors, &n);
	if (e == ZH_ERULE && errors) {
		struct zh_fail *f = &r->ctx.fail;
		return zh_resp_json(r, 422, json_pack("{s:{s:s, s:s, s:s}, s:o}", "error", "code", f->code_name, "message",
						      f->msg, "field", "file", "errors", errors));
	}
	if (e)
		return e;
	return answer_after_write(r, id, 200);
}

/* POST /api/v1/plans/{id}/copy {class_id} */
enum zh_err zh_api_plan_copy(struct zh_req *r)
{
	static const char *const keys[] = { "class_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long cls = 0;
	int64_t id, nid;
	json_t *b;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &b)) || (e = zh_json_only(b, keys, f)) ||
	    (e = zh_json_int(b, "class_id", true, 1, INT64_MAX, &cls, f)) || (e = zh_plan_copy(&r->ctx, id, cls, &nid)))
		return e;
	return answer_after_write(r, nid, 201);
}

/* POST /api/v1/plans/{id}/apply */
enum zh_err zh_api_plan_apply(struct zh_req *r)
{
	struct zh_plan_apply_result res;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_plan_apply(&r->ctx, id, &res)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:I}", "plan_id", (json_int_t)id, "lessons",
					      (json_int_t)res.lessons, "filled", (json_int_t)res.filled, "kept",
					      (json_int_t)res.kept, "hours_left", (json_int_t)res.hours_left));
}
