/* alerts.c: alerts to families, the weekly digest and the weekly printout (M-11, slice ALERTS) */
#include "api/api.h"

#include "domain/alerts.h"
#include "json/json.h"

static enum zh_err class_param(struct zh_req *r, int64_t *id)
{
	long long v;
	enum zh_err e;
	if (!zh_req_query(r, "class"))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "missing_field", "class", "Не указан класс (class)");
	if ((e = zh_req_query_int(r, "class", 0, 1, INT64_MAX, &v)))
		return e;
	*id = v;
	return ZH_OK;
}

enum zh_err zh_api_alerts_run(struct zh_req *r)
{
	static const char *const allowed[] = { "class_id", NULL };
	struct zh_alerts_stats st;
	long long cls = 0;
	json_t *body;
	enum zh_err e;
	if (r->body.len) {
		if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, &r->ctx.fail)) ||
		    (e = zh_json_int(body, "class_id", false, 1, INT64_MAX, &cls, &r->ctx.fail)))
			return e;
	}
	if ((e = zh_alerts_run(&r->ctx, cls, &st)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:I}", "classes", (json_int_t)st.classes, "raised",
					      (json_int_t)st.raised, "resolved", (json_int_t)st.resolved, "notified",
					      (json_int_t)st.notified, "digests", (json_int_t)st.digests));
}

enum zh_err zh_api_alerts_list(struct zh_req *r)
{
	int64_t cls;
	long long all;
	json_t *out;
	enum zh_err e;
	if ((e = class_param(r, &cls)) || (e = zh_req_query_int(r, "all", 0, 0, 1, &all)) ||
	    (e = zh_alerts_list(&r->ctx, cls, all != 0, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_digest_pref_get(struct zh_req *r)
{
	json_t *out;
	enum zh_err e = zh_digest_pref_get(&r->ctx, &out);
	return e ? e : zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_digest_pref_put(struct zh_req *r)
{
	json_t *body, *out;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_digest_pref_put(&r->ctx, body, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_digest_preview(struct zh_req *r)
{
	long long sid;
	const char *title, *text;
	enum zh_err e;
	if (!zh_req_query(r, "student"))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "missing_field", "student", "Не указан ученик (student)");
	if ((e = zh_req_query_int(r, "student", 0, 1, INT64_MAX, &sid)) ||
	    (e = zh_digest_text(&r->ctx, sid, zh_req_query(r, "day"), &title, &text)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:s, s:s}", "student_id", (json_int_t)sid, "title", title, "text", text));
}

enum zh_err zh_api_printout_week(struct zh_req *r)
{
	int64_t cls;
	long long all;
	char *pdf;
	size_t len;
	const char *file;
	enum zh_err e;
	if ((e = class_param(r, &cls)) || (e = zh_req_query_int(r, "all", 0, 0, 1, &all)) ||
	    (e = zh_printout_week(&r->ctx, cls, zh_req_query(r, "week"), all != 0, &pdf, &len, &file)))
		return e;
	return zh_resp_bytes(r, 200, "application/pdf", file, pdf, len);
}

enum zh_err zh_api_paper_diary_list(struct zh_req *r)
{
	int64_t cls;
	json_t *out;
	enum zh_err e;
	if ((e = class_param(r, &cls)) || (e = zh_paper_diary_list(&r->ctx, cls, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}

enum zh_err zh_api_paper_diary_put(struct zh_req *r)
{
	json_t *body, *out;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_paper_diary_put(&r->ctx, body, &out)))
		return e;
	return zh_resp_json(r, 200, json_incref(out));
}
