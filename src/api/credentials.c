/* credentials.c: issuing logins to a class or a staff person, and the credentials sheet (M-01) */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "domain/credentials.h"
#include "domain/roles.h"
#include "json/json.h"

static json_t *class_json(const struct zh_cred_class_row *k)
{
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:I, s:I, s:I, s:I}", "id", (json_int_t)k->id,
			      "name", k->name, "grade", k->grade,
			      "class_teacher_name", k->class_teacher_name ? k->class_teacher_name : "",
			      "students", (json_int_t)k->students, "students_without_login",
			      (json_int_t)k->students_without_login, "parents", (json_int_t)k->parents,
			      "parents_without_login", (json_int_t)k->parents_without_login);
	if (o)
		json_object_set_new(o, "class_teacher_id",
				    k->class_teacher_id ? json_integer(k->class_teacher_id) : json_null());
	return o;
}

static json_t *person_json(struct zh_req *r, const struct zh_cred_person_row *p)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:b, s:b}", "person_id", (json_int_t)p->person_id,
			      "kind", p->kind, "last_name", p->last_name, "first_name", p->first_name,
			      "middle_name", p->middle_name, "login", p->login, "has_login", p->user_id != 0,
			      "activated", p->user_id != 0 && !p->must_change);
	const char *full = zh_arena_printf(r->arena, "%s %s%s%s", p->last_name, p->first_name,
					   p->middle_name[0] ? " " : "", p->middle_name);
	if (o && full)
		json_object_set_new(o, "full_name", json_string(full));
	if (o && p->user_id)
		json_object_set_new(o, "user_id", json_integer(p->user_id));
	if (o && p->children)
		json_object_set_new(o, "children", json_string(p->children));
	if (o && p->roles) {
		json_t *roles = json_array();
		for (const char *s = p->roles; *s;) {
			char *end;
			long id = strtol(s, &end, 10);
			if (end == s)
				break;
			json_array_append_new(roles, json_integer(id));
			s = *end == ',' ? end + 1 : end;
		}
		json_object_set_new(o, "roles", roles);
	}
	return o;
}

/* GET /credentials/classes */
enum zh_err zh_api_cred_classes(struct zh_req *r)
{
	struct zh_cred_class_row *rows;
	size_t n;
	enum zh_err e = zh_cred_classes(&r->ctx, &rows, &n);
	if (e)
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, class_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* GET /classes/{id}/credentials */
enum zh_err zh_api_cred_roster(struct zh_req *r)
{
	struct zh_cred_class_row k;
	struct zh_cred_person_row *rows;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_cred_roster(&r->ctx, id, &k, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, person_json(r, &rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:o, s:I}", "class", class_json(&k), "items", items,
					      "total", (json_int_t)n));
}

/* GET /credentials/staff */
enum zh_err zh_api_cred_staff(struct zh_req *r)
{
	struct zh_cred_person_row *rows;
	size_t n;
	enum zh_err e = zh_cred_staff(&r->ctx, &rows, &n);
	if (e)
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, person_json(r, &rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* ?format=json (default) or pdf */
static enum zh_err want_pdf(struct zh_req *r, bool *pdf)
{
	const char *f = zh_req_query(r, "format");
	*pdf = f && strcmp(f, "pdf") == 0;
	if (f && !*pdf && strcmp(f, "json") != 0)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid_format", "format",
				   "Параметр «format» может быть «json» или «pdf»");
	return ZH_OK;
}

/* The body (optional: an empty body takes the defaults). */
static enum zh_err body_of(struct zh_req *r, const char *const *allowed, json_t **body)
{
	enum zh_err e;
	*body = NULL;
	if (!r->body.len)
		return ZH_OK;
	if ((e = zh_req_json(r, body)) || (e = zh_json_only(*body, allowed, &r->ctx.fail)))
		return e;
	return ZH_OK;
}

static enum zh_err respond(struct zh_req *r, const struct zh_cred_result *res, bool pdf, const char *file)
{
	if (pdf) {
		char *data;
		size_t len;
		enum zh_err e = zh_cred_sheet_pdf(&r->ctx, res, NULL, &data, &len);
		if (e)
			return e;
		return zh_resp_bytes(r, 200, "application/pdf", file, data, len);
	}
	json_t *items = json_array();
	for (size_t i = 0; i < res->n; i++) {
		const struct zh_cred_issued *it = &res->items[i];
		json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "person_id",
				      (json_int_t)it->person_id, "user_id", (json_int_t)it->user_id, "full_name",
				      it->full_name, "kind", it->kind, "login", it->login, "temporary_password",
				      it->password, "status", it->created ? "created" : "reset", "created",
				      it->created, "reset", !it->created);
		if (o && it->class_name[0])
			json_object_set_new(o, "class_name", json_string(it->class_name));
		if (o && it->children[0])
			json_object_set_new(o, "children", json_string(it->children));
		json_array_append_new(items, o);
	}
	json_t *out = json_pack("{s:o, s:I, s:I, s:b}", "items", items, "total", (json_int_t)res->n, "skipped",
				(json_int_t)res->skipped, "must_change_password", 1);
	if (out && res->klass.id)
		json_object_set_new(out, "class", class_json(&res->klass));
	return zh_resp_json(r, 200, out);
}

/* POST /classes/{id}/credentials {"who": ["students", "parents"], "reissue": false} */
enum zh_err zh_api_cred_issue_class(struct zh_req *r)
{
	static const char *const allowed[] = { "who", "reissue", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_cred_result res;
	unsigned who = ZH_CRED_STUDENTS | ZH_CRED_PARENTS;
	bool reissue = false, pdf;
	int64_t id;
	json_t *body, *w, *it;
	size_t i;
	enum zh_err e;

	if ((e = zh_req_param_id(r, 0, &id)) || (e = want_pdf(r, &pdf)) || (e = body_of(r, allowed, &body)))
		return e;
	if (body && (e = zh_json_bool(body, "reissue", false, &reissue, f)))
		return e;
	if (body && (w = json_object_get(body, "who")) && !json_is_null(w)) {
		if (!json_is_array(w) || !json_array_size(w))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "who",
					   "Поле «who» должно быть непустым списком из «students» и «parents»");
		who = 0;
		json_array_foreach(w, i, it) {
			const char *s = json_string_value(it);
			if (s && strcmp(s, "students") == 0)
				who |= ZH_CRED_STUDENTS;
			else if (s && strcmp(s, "parents") == 0)
				who |= ZH_CRED_PARENTS;
			else
				return zh_fail_set(f, ZH_EINVAL, "invalid_who", "who",
						   "Поле «who» может содержать только «students» и «parents»");
		}
	}
	if ((e = zh_cred_issue_class(&r->ctx, id, who, reissue, &res)))
		return e;
	const char *file = zh_arena_printf(r->arena, "credentials-%s.pdf", res.klass.name);
	return respond(r, &res, pdf, file ? file : "credentials.pdf");
}

/* POST /staff/{id}/credentials {"roles": ["teacher"], "reissue": false} */
enum zh_err zh_api_cred_issue_staff(struct zh_req *r)
{
	static const char *const allowed[] = { "roles", "reissue", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_cred_result res;
	int roles[ZH_SCHOOL_ROLES + 1] = { 0 };
	bool reissue = false, pdf;
	int64_t id;
	json_t *body, *w, *it;
	size_t i, k = 0;
	enum zh_err e;

	if ((e = zh_req_param_id(r, 0, &id)) || (e = want_pdf(r, &pdf)) || (e = body_of(r, allowed, &body)))
		return e;
	if (body && (e = zh_json_bool(body, "reissue", false, &reissue, f)))
		return e;
	if (body && (w = json_object_get(body, "roles")) && !json_is_null(w)) {
		if (!json_is_array(w) || json_array_size(w) > ZH_SCHOOL_ROLES)
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "roles",
					   "Поле «roles» должно быть списком ролей сотрудника");
		json_array_foreach(w, i, it) {
			int role = json_is_integer(it) ? (int)json_integer_value(it)
				   : json_is_string(it) ? zh_role_parse(json_string_value(it)) : 0;
			if (role < 1 || role > ZH_SCHOOL_ROLES || role == ZH_ROLE_STUDENT || role == ZH_ROLE_PARENT)
				return zh_fail_set(f, ZH_EINVAL, "invalid_role", "roles",
						   "Недопустимая роль сотрудника в поле «roles»");
			roles[k++] = role;
		}
	}
	if ((e = zh_cred_issue_staff(&r->ctx, id, roles, reissue, &res)))
		return e;
	return respond(r, &res, pdf, "credentials-staff.pdf");
}
