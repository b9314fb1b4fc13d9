/* absences.c: the class teacher's day of absences and УП/НП reasons (M-09) */
#include "api/api.h"

#include "domain/absences.h"

enum zh_err zh_api_absences_day(struct zh_req *r)
{
	long long cls;
	json_t *out;
	enum zh_err e;
	if (!zh_req_query(r, "class"))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "missing_field", "class", "Не указан класс (class)");
	if ((e = zh_req_query_int(r, "class", 0, 1, INT64_MAX, &cls)) ||
	    (e = zh_absences_day(&r->ctx, cls, zh_req_query(r, "date"), &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_absences_reasons(struct zh_req *r)
{
	json_t *body, *out;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_absences_set_reason(&r->ctx, body, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}
