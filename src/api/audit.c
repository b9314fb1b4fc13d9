/* audit.c: the audit log, paged and filtered (admin) */
#include "api/api.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"

/* "YYYY-MM-DD" (UTC midnight) into seconds; false on a malformed date. */
static bool parse_date(const char *s, int64_t *out)
{
	struct tm tm;
	int y, m, d;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(s) != 10 || m < 1 || m > 12 ||
	    d < 1 || d > 31 || y < 2000 || y > 2200)
		return false;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*out = (int64_t)timegm(&tm);
	return true;
}

static json_t *value_json(const char *s)
{
	json_t *v = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;
	return v ? v : json_null();
}

enum zh_err zh_api_audit(struct zh_req *r)
{
	struct zh_audit_filter flt = { 0 };
	struct zh_fail *f = &r->ctx.fail;
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
	if (from && !parse_date(from, &flt.from))
		return zh_fail_set(f, ZH_EINVAL, "invalid_parameter", "from", "Дата «from» должна быть в виде ГГГГ-ММ-ДД");
	if (to && !parse_date(to, &flt.to))
		return zh_fail_set(f, ZH_EINVAL, "invalid_parameter", "to", "Дата «to» должна быть в виде ГГГГ-ММ-ДД");
	if (to)
		flt.to += 86400; /* inclusive day */
	flt.limit = limit;
	flt.offset = offset;
	flt.user_id = user;
	flt.op = zh_req_query(r, "op");
	flt.entity = zh_req_query(r, "entity");
	if ((e = zh_audit_list(&r->ctx, &flt, &rows, &n, &total)))
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
