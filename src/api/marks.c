/* marks.c: handlers of a lesson's marks and attendance, topic and homework, assignments, homework
 * files, the journal history and unlocks of locked dates (M-09) */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/marks.h"
#include "json/json.h"

static json_t *marks_json(const struct zh_mark_row *m, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s}", "id", (json_int_t)m[i].id, "lesson_id",
				      (json_int_t)m[i].lesson_id, "assignment_id", (json_int_t)m[i].assignment_id,
				      "student_id", (json_int_t)m[i].student_id, "kind", m[i].kind, "comment",
				      m[i].comment ? m[i].comment : "");
		if (o)
			json_object_set_new(o, "value",
					    strcmp(m[i].kind, "mark") == 0 ? json_integer(m[i].value) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *att_json(const struct zh_att_row *r, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_pack("{s:I, s:I, s:s, s:s}", "lesson_id", (json_int_t)r[i].lesson_id, "student_id",
				      (json_int_t)r[i].student_id, "code", r[i].code, "comment",
				      r[i].comment ? r[i].comment : "");
		if (o)
			json_object_set_new(o, "reason", r[i].reason ? json_string(r[i].reason) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

/* PUT /api/v1/lessons/{id}/marks {marks?, attendance?} */
enum zh_err zh_api_marks_save(struct zh_req *r)
{
	struct zh_marks_result res;
	int64_t id;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_marks_save(&r->ctx, id, body, &res)))
		return e;
	return zh_resp_json(r, 200,
			    json_pack("{s:I, s:i, s:o, s:o}", "lesson_id", (json_int_t)id, "changed", res.changed, "marks",
				      marks_json(res.marks, res.nmarks), "attendance", att_json(res.att, res.natt)));
}

/* PUT /api/v1/lessons/{id}/content {topic?, homework?, individual_homework?} */
enum zh_err zh_api_lesson_content(struct zh_req *r)
{
	struct zh_content_result res;
	int64_t id;
	json_t *body, *ind;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_lesson_content_save(&r->ctx, id, body, &res)))
		return e;
	ind = json_array();
	for (size_t i = 0; ind && i < res.nindiv; i++)
		json_array_append_new(ind, json_pack("{s:I, s:s}", "student_id", (json_int_t)res.indiv[i].student_id,
						     "text", res.indiv[i].text));
	return zh_resp_json(r, 200,
			    json_pack("{s:I, s:s, s:s, s:o}", "lesson_id", (json_int_t)id, "topic", res.topic, "homework",
				      res.homework, "individual_homework", ind));
}

static json_t *asg_json(const struct zh_assignment_row *a)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:f, s:s, s:i}", "id", (json_int_t)a->id, "lesson_id",
			      (json_int_t)a->lesson_id, "work_type_id", (json_int_t)a->work_type_id, "work_type",
			      a->work_type, "short_name", a->short_name, "weight", a->weight, "description",
			      a->description, "position", a->position);
	if (o)
		json_object_set_new(o, "due_date", a->due_date ? json_string(a->due_date) : json_null());
	return o;
}

/* POST /api/v1/lessons/{id}/assignments */
enum zh_err zh_api_assignment_create(struct zh_req *r)
{
	struct zh_assignment_row a;
	int64_t id;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_assignment_create(&r->ctx, id, body, &a)))
		return e;
	return zh_resp_json(r, 201, asg_json(&a));
}

/* PUT /api/v1/assignments/{id} */
enum zh_err zh_api_assignment_update(struct zh_req *r)
{
	struct zh_assignment_row a;
	int64_t id;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_assignment_update(&r->ctx, id, body, &a)))
		return e;
	return zh_resp_json(r, 200, asg_json(&a));
}

/* DELETE /api/v1/assignments/{id} */
enum zh_err zh_api_assignment_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_assignment_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

/* POST /api/v1/lessons/{id}/files?name=…[&student=ID] (raw body) */
enum zh_err zh_api_hwfile_add(struct zh_req *r)
{
	struct zh_hwfile_row f;
	long long student;
	int64_t id;
	const char *ct = zh_req_header(r, "Content-Type");
	char *mime = NULL;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) ||
	    (e = zh_req_query_int(r, "student", 0, 0, INT64_MAX, &student)))
		return e;
	if (ct) {
		size_t n = strcspn(ct, ";");
		while (n && ct[n - 1] == ' ')
			n--;
		mime = zh_arena_strndup(r->arena, ct, n);
	}
	if ((e = zh_hwfile_add(&r->ctx, id, student, zh_req_query(r, "name"), mime, r->body.data, r->body.len, &f)))
		return e;
	return zh_resp_json(r, 201,
			    json_pack("{s:I, s:I, s:s, s:I, s:s, s:o}", "id", (json_int_t)f.id, "lesson_id",
				      (json_int_t)f.lesson_id, "name", f.name, "size", (json_int_t)f.size, "mime", f.mime,
				      "student_id", f.student_id ? json_integer(f.student_id) : json_null()));
}

static enum zh_err need_password_changed(struct zh_req *r)
{
	if (r->ctx.must_change)
		return zh_fail_set(&r->ctx.fail, ZH_EFORBIDDEN, "password_change_required", "",
				   "Сначала смените временный пароль");
	return ZH_OK;
}

/* GET /api/v1/files/{id} */
enum zh_err zh_api_hwfile_get(struct zh_req *r)
{
	struct zh_hwfile_row f;
	int64_t id;
	char *copy;
	enum zh_err e;
	if ((e = need_password_changed(r)) || (e = zh_req_param_id(r, 0, &id)) || (e = zh_hwfile_get(&r->ctx, id, &f)))
		return e;
	if (!(copy = malloc(f.size ? (size_t)f.size : 1)))
		return ZH_ENOMEM;
	if (f.size)
		memcpy(copy, f.data, (size_t)f.size);
	return zh_resp_bytes(r, 200, f.mime, f.name, copy, (size_t)f.size);
}

/* DELETE /api/v1/files/{id} */
enum zh_err zh_api_hwfile_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_hwfile_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

static json_t *parsed(const char *text)
{
	json_t *v;
	if (!text)
		return json_null();
	v = json_loads(text, 0, NULL);
	return v ? v : json_string(text);
}

static json_t *history_json(const struct zh_jhist_row *h, size_t n)
{
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		char at[32];
		json_t *o;
		zh_time_rfc3339(h[i].at, at, sizeof at);
		o = json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)h[i].id, "at", at, "entity",
			      h[i].entity, "entity_id", (json_int_t)h[i].entity_id, "user",
			      h[i].user_id ? json_pack("{s:I, s:s}", "id", (json_int_t)h[i].user_id, "name",
						       h[i].user_name ? h[i].user_name : "")
					   : json_null(),
			      "old", parsed(h[i].old_value), "new", parsed(h[i].new_value), "unlock_id",
			      h[i].unlock_id ? json_integer(h[i].unlock_id) : json_null());
		if (o && h[i].student_id)
			json_object_set_new(o, "student_id", json_integer(h[i].student_id));
		json_array_append_new(items, o);
	}
	return json_pack("{s:o}", "items", items);
}

/* GET /api/v1/marks/{id}/history */
enum zh_err zh_api_mark_history(struct zh_req *r)
{
	struct zh_jhist_row *h;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = need_password_changed(r)) || (e = zh_req_param_id(r, 0, &id)) ||
	    (e = zh_mark_history(&r->ctx, id, &h, &n)))
		return e;
	return zh_resp_json(r, 200, history_json(h, n));
}

/* GET /api/v1/lessons/{id}/history[?student=ID] */
enum zh_err zh_api_lesson_history(struct zh_req *r)
{
	struct zh_jhist_row *h;
	size_t n;
	long long student;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_query_int(r, "student", 0, 0, INT64_MAX, &student)) ||
	    (e = zh_lesson_history(&r->ctx, id, student, &h, &n)))
		return e;
	return zh_resp_json(r, 200, history_json(h, n));
}

/* ---- unlocks ---- */

static json_t *unlock_json(const struct zh_unlock_row *u, int64_t now)
{
	json_t *o = json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:I, s:s, s:b}", "id", (json_int_t)u->id, "teacher",
			      "id", (json_int_t)u->teacher_id, "name", u->teacher_name ? u->teacher_name : "", "date",
			      u->date ? u->date : "", "reason", u->reason ? u->reason : "", "status",
			      u->status ? u->status : "", "requested_at", (json_int_t)u->requested_at,
			      "decision_comment", u->decision_comment ? u->decision_comment : "", "open",
			      u->status && strcmp(u->status, "granted") == 0 && u->expires_at > now);
	if (!o)
		return NULL;
	json_object_set_new(o, "lesson_id", u->lesson_id ? json_integer(u->lesson_id) : json_null());
	json_object_set_new(o, "decided_at", u->decided_at ? json_integer(u->decided_at) : json_null());
	json_object_set_new(o, "decided_by", u->decided_by ? json_integer(u->decided_by) : json_null());
	json_object_set_new(o, "expires_at", u->expires_at ? json_integer(u->expires_at) : json_null());
	return o;
}

/* POST /api/v1/journal/unlocks {date, lesson_id?, reason} */
enum zh_err zh_api_unlock_request(struct zh_req *r)
{
	static const char *const keys[] = { "date", "lesson_id", "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_unlock_row u;
	const char *date = NULL, *reason = NULL;
	long long lesson = 0;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "date", true, 10, &date, f)) ||
	    (e = zh_json_int(body, "lesson_id", false, 1, INT64_MAX, &lesson, f)) ||
	    (e = zh_json_str(body, "reason", true, 500, &reason, f)) ||
	    (e = zh_unlock_request(&r->ctx, date, lesson, reason, &u)))
		return e;
	return zh_resp_json(r, 201, unlock_json(&u, r->ctx.now));
}

/* GET /api/v1/journal/unlocks[?status=][&limit][&offset] */
enum zh_err zh_api_unlocks_list(struct zh_req *r)
{
	struct zh_unlock_row *u;
	long long limit, offset;
	int64_t total;
	size_t n;
	json_t *items;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_unlocks_list(&r->ctx, zh_req_query(r, "status"), limit, offset, &u, &n, &total)))
		return e;
	items = json_array();
	for (size_t i = 0; items && i < n; i++)
		json_array_append_new(items, unlock_json(&u[i], r->ctx.now));
	return zh_resp_json(r, 200,
			    json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "limit",
				      (json_int_t)limit, "offset", (json_int_t)offset));
}

static enum zh_err decide(struct zh_req *r, bool grant)
{
	static const char *const keys[] = { "comment", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_unlock_row u;
	const char *comment = NULL;
	int64_t id;
	json_t *body = NULL;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)))
		return e;
	if (r->body.len) {
		if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
		    (e = zh_json_str(body, "comment", false, 500, &comment, f)))
			return e;
	}
	if ((e = zh_unlock_decide(&r->ctx, id, grant, comment, &u)))
		return e;
	return zh_resp_json(r, 200, unlock_json(&u, r->ctx.now));
}

enum zh_err zh_api_unlock_grant(struct zh_req *r)
{
	return decide(r, true);
}

enum zh_err zh_api_unlock_refuse(struct zh_req *r)
{
	return decide(r, false);
}
