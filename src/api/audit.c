/* audit.c: the audit log, paged and filtered (admin) */
#include "api/api.h"


#include "domain/audit.h"

static json_t *value_json(const char *s)
{
	json_t *v = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;
	return v ? v : json_null();
}

enum zh_err zh_api_audit(struct zh_req *r)
{
	struct zh_audit_filter flt = { 0 };
	struct zh_audit_row *rows;
	long long limit, offset, user;
	int64_t total;
	size_t n;
	const char *from = zh_req_query(r, "from"), *to = zh_req_query(r, "to");
	enum zh_err e;

	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_req_query_int(r, "user", 0, 0, INT64_MAX, &user)))
		return e;
	flt.limit = limit;
	flt.offset = offset;
	flt.user_id = user;
	flt.op = zh_req_query(r, "op");
	flt.entity = zh_req_query(r, "entity");
	flt.entity_id = zh_req_query(r, "entity_id");
	if ((e = zh_audit_list(&r->ctx, &flt, from, to, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack(
			"{s:I, s:s, s:I, s:s?, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s}",
			"id", (json_int_t)rows[i].id, "at", zh_api_time(r, rows[i].at),
			"user_id", (json_int_t)rows[i].user_id, "user_login", rows[i].user_login,
			"op", rows[i].op, "entity", rows[i].entity, "entity_id", rows[i].entity_id,
			"old", value_json(rows[i].old_value), "new", value_json(rows[i].new_value),
			"request_id", rows[i].request_id, "client", rows[i].client, "hash", rows[i].hash));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}
