/* finals.c: period, year, exam and final marks, their history, the overdue list (M-09) */
#include "api/api.h"

#include "domain/finals.h"

static enum zh_err need_id(struct zh_req *r, const char *name, bool required, int64_t *out)
{
	long long v;
	enum zh_err e;
	*out = 0;
	if (required && !zh_req_query(r, name))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "missing_field", name, "Не указан параметр %s", name);
	if ((e = zh_req_query_int(r, name, 0, 1, INT64_MAX, &v)))
		return e;
	*out = v;
	return ZH_OK;
}

enum zh_err zh_api_finals_get(struct zh_req *r)
{
	int64_t group, subject, subgroup;
	json_t *out;
	enum zh_err e;
	if ((e = need_id(r, "group", true, &group)) || (e = need_id(r, "subject", true, &subject)) ||
	    (e = need_id(r, "subgroup", false, &subgroup)))
		return e;
	if ((e = zh_finals_get(&r->ctx, group, subject, subgroup, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_finals_put(struct zh_req *r)
{
	json_t *body, *out;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_finals_save(&r->ctx, body, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

static json_t *value_json(const char *s)
{
	json_t *v = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;
	return v ? v : json_null();
}

enum zh_err zh_api_finals_history(struct zh_req *r)
{
	struct zh_fin_hist *rows;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_finals_history(&r->ctx, id, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s, s:{s:I, s:s}, s:o, s:o, s:o}", "at", zh_api_time(r, rows[i].at),
						       "user", "id", (json_int_t)rows[i].user_id, "name",
						       rows[i].user_name ? rows[i].user_name : "", "old",
						       value_json(rows[i].old_value), "new", value_json(rows[i].new_value),
						       "unlock_id", rows[i].unlock_id ? json_integer(rows[i].unlock_id) : json_null()));
	return zh_resp_json(r, 200, json_pack("{s:o}", "items", items));
}

enum zh_err zh_api_finals_overdue(struct zh_req *r)
{
	int64_t period;
	json_t *out;
	enum zh_err e;
	if ((e = need_id(r, "period", true, &period)) || (e = zh_finals_overdue(&r->ctx, period, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}
