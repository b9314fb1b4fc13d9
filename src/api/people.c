/* people.c: people (M-04): search, cards of students, parents and staff, parent–child links */
#include "api/api.h"

#include <string.h>

#include "domain/people.h"
#include "json/json.h"

static json_t *row_json(struct zh_req *r, const struct zh_people_row *p, bool staff_full)
{
	json_t *roles = json_array();
	if (p->roles & ZH_PEOPLE_STUDENT)
		json_array_append_new(roles, json_string("student"));
	if (p->roles & ZH_PEOPLE_PARENT)
		json_array_append_new(roles, json_string("parent"));
	if (p->roles & ZH_PEOPLE_STAFF)
		json_array_append_new(roles, json_string("staff"));
	const char *full = zh_arena_printf(r->arena, "%s %s%s%s", p->last_name, p->first_name,
					   p->middle_name && *p->middle_name ? " " : "", p->middle_name ? p->middle_name : "");
	bool bd = staff_full || (p->roles & (ZH_PEOPLE_STUDENT | ZH_PEOPLE_PARENT));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:o, s:s?}", "id", (json_int_t)p->id,
			 "last_name", p->last_name, "first_name", p->first_name, "middle_name",
			 p->middle_name ? p->middle_name : "", "full_name", full, "gender", p->gender,
			 "birth_date", bd ? p->birth_date : NULL, "roles", roles, "class",
			 p->class_id ? json_pack("{s:I, s:s}", "id", (json_int_t)p->class_id, "name",
						 p->class_name ? p->class_name : "")
				     : json_null(),
			 "status", p->status);
}

static enum zh_err list(struct zh_req *r, const char *role)
{
	struct zh_people_query q = { 0 };
	struct zh_people_row *rows;
	long long limit, offset, class_id;
	int64_t total;
	size_t n;
	enum zh_err e;

	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &class_id)))
		return e;
	q.q = zh_req_query(r, "q");
	if (q.q && strlen(q.q) > 200)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid_parameter", "q", "Параметр «q»: не длиннее 200 символов");
	q.role = role ? role : zh_req_query(r, "role");
	q.class_id = class_id;
	q.limit = limit;
	q.offset = offset;
	if ((e = zh_people_search(&r->ctx, &q, &rows, &n, &total)))
		return e;
	bool staff_full = zh_acl_allows(&r->ctx.ops, "staff.full.view") || zh_acl_allows(&r->ctx.ops, "staff.manage");
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(r, &rows[i], staff_full));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

enum zh_err zh_api_people_list(struct zh_req *r)
{
	return list(r, NULL);
}

enum zh_err zh_api_staff_list(struct zh_req *r)
{
	return list(r, "staff");
}

static enum zh_err card(struct zh_req *r, const char *kind, int64_t id, unsigned status)
{
	json_t *out;
	enum zh_err e = zh_people_card(&r->ctx, kind, id, &out);
	if (e)
		return e;
	return zh_resp_json(r, status, out);
}

static enum zh_err get(struct zh_req *r, const char *kind)
{
	int64_t id;
	enum zh_err e = zh_req_param_id(r, 0, &id);
	if (e)
		return e;
	return card(r, kind, id, 200);
}

enum zh_err zh_api_student_get(struct zh_req *r) { return get(r, "student"); }
enum zh_err zh_api_parent_get(struct zh_req *r) { return get(r, "parent"); }
enum zh_err zh_api_staff_get(struct zh_req *r) { return get(r, "staff"); }

static enum zh_err names(struct zh_req *r, json_t *body, struct zh_people_names *nm, bool create)
{
	struct zh_fail *f = &r->ctx.fail;
	enum zh_err e;
	if ((e = zh_json_str(body, "last_name", true, 60, &nm->last_name, f)) ||
	    (e = zh_json_str(body, "first_name", true, 60, &nm->first_name, f)) ||
	    (e = zh_json_str(body, "middle_name", false, 60, &nm->middle_name, f)) ||
	    (e = zh_json_str(body, "gender", false, 1, &nm->gender, f)) ||
	    (e = zh_json_str(body, "birth_date", false, 10, &nm->birth_date, f)))
		return e;
	(void)create;
	return ZH_OK;
}

static enum zh_err create(struct zh_req *r, const char *kind)
{
	static const char *const st_keys[] = { "last_name", "first_name", "middle_name", "gender", "birth_date",
					       "class_id", NULL };
	static const char *const pa_keys[] = { "last_name", "first_name", "middle_name", "gender", "birth_date",
					       "child_id", "relation", NULL };
	static const char *const sf_keys[] = { "last_name", "first_name", "middle_name", "gender", "birth_date", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_people_names nm = { 0 };
	long long class_id = 0, child_id = 0;
	json_t *body;
	int64_t id;
	enum zh_err e;
	const char *const *keys = strcmp(kind, "student") == 0 ? st_keys : strcmp(kind, "parent") == 0 ? pa_keys : sf_keys;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) || (e = names(r, body, &nm, true)) ||
	    (e = zh_json_int(body, "class_id", false, 1, INT64_MAX, &class_id, f)) ||
	    (e = zh_json_int(body, "child_id", false, 1, INT64_MAX, &child_id, f)) ||
	    (e = zh_json_str(body, "relation", false, 40, &nm.relation, f)))
		return e;
	nm.class_id = class_id;
	nm.child_id = child_id;
	if ((e = zh_people_create(&r->ctx, kind, &nm, &id)))
		return e;
	return card(r, kind, id, 201);
}

enum zh_err zh_api_student_create(struct zh_req *r) { return create(r, "student"); }
enum zh_err zh_api_parent_create(struct zh_req *r) { return create(r, "parent"); }
enum zh_err zh_api_staff_create(struct zh_req *r) { return create(r, "staff"); }

static enum zh_err rename_(struct zh_req *r, const char *kind)
{
	static const char *const keys[] = { "last_name", "first_name", "middle_name", "gender", "birth_date", NULL };
	struct zh_people_names nm = { 0 };
	json_t *body;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_json_only(body, keys, &r->ctx.fail)) || (e = names(r, body, &nm, false)) ||
	    (e = zh_people_rename(&r->ctx, kind, id, &nm)))
		return e;
	return card(r, kind, id, 200);
}

enum zh_err zh_api_student_rename(struct zh_req *r) { return rename_(r, "student"); }
enum zh_err zh_api_parent_rename(struct zh_req *r) { return rename_(r, "parent"); }
enum zh_err zh_api_staff_rename(struct zh_req *r) { return rename_(r, "staff"); }

static enum zh_err card_put(struct zh_req *r, const char *kind)
{
	json_t *body;
	int64_t id;
	enum zh_err e;
	/* /card/{group}, or a literal /card/medical route (its own operation) */
	const char *grp = r->match.params[1];
	if (r->match.nparams < 2) {
		const char *slash = strrchr(r->match.route->pattern, '/');
		grp = slash ? slash + 1 : "";
	}
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_people_card_put(&r->ctx, kind, id, grp, body)))
		return e;
	return card(r, kind, id, 200);
}

enum zh_err zh_api_student_card_put(struct zh_req *r) { return card_put(r, "student"); }
enum zh_err zh_api_parent_card_put(struct zh_req *r) { return card_put(r, "parent"); }
enum zh_err zh_api_staff_card_put(struct zh_req *r) { return card_put(r, "staff"); }

enum zh_err zh_api_student_parents(struct zh_req *r)
{
	json_t *out;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_people_parents(&r->ctx, id, &out)))
		return e;
	return zh_resp_json(r, 200, out);
}

enum zh_err zh_api_student_parent_link(struct zh_req *r)
{
	static const char *const keys[] = { "parent_id", "relation", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long parent_id = 0;
	const char *relation = NULL;
	json_t *body, *out;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_int(body, "parent_id", true, 1, INT64_MAX, &parent_id, f)) ||
	    (e = zh_json_str(body, "relation", true, 40, &relation, f)) ||
	    (e = zh_people_link(&r->ctx, id, parent_id, relation)) || (e = zh_people_parents(&r->ctx, id, &out)))
		return e;
	return zh_resp_json(r, 200, out);
}

enum zh_err zh_api_student_parent_unlink(struct zh_req *r)
{
	json_t *out;
	int64_t id, parent_id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_param_id(r, 1, &parent_id)) ||
	    (e = zh_people_unlink(&r->ctx, id, parent_id)) || (e = zh_people_parents(&r->ctx, id, &out)))
		return e;
	return zh_resp_json(r, 200, out);
}
