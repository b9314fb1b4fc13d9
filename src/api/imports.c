/* imports.c: HTTP handlers of import (dry run, report, apply) and export of lists (M-04) */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "domain/imports.h"

static bool ctype_ok(const char *ct, const char **format)
{
	static const struct {
		const char *type, *format;
	} ok[] = {
		{ "text/csv", "csv" },
		{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
		{ "application/octet-stream", NULL },
	};
	if (!ct)
		return false;
	size_t n = strcspn(ct, ";");
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strlen(ok[i].type) == n && strncasecmp(ct, ok[i].type, n) == 0) {
			*format = ok[i].format;
			return true;
		}
	return false;
}

/* The kind of list is the fourth path segment: /api/v1/imports/<kind>/…, /api/v1/exports/<kind>. */
static const char *path_kind(struct zh_req *r)
{
	return r->uri.nsegments > 3 ? r->uri.segments[3] : "";
}

/* An import is reached only under the route of its own kind (whose operation was checked). */
static enum zh_err same_kind(struct zh_req *r, json_t *rep)
{
	const char *k = json_string_value(json_object_get(rep, "kind"));
	if (!k || strcmp(k, path_kind(r)) != 0)
		return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "not_found", "id", "Импорт не найден");
	return ZH_OK;
}

enum zh_err zh_api_import_check(struct zh_req *r)
{
	const char *format = NULL, *kind = path_kind(r);
	json_t *rep;
	enum zh_err e;
	if (!ctype_ok(zh_req_header(r, "Content-Type"), &format))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "unsupported_media_type", "Content-Type",
				   "Файл передаётся телом запроса: text/csv, XLSX или application/octet-stream");
	if ((e = zh_import_check(&r->ctx, kind, format, zh_req_query(r, "filename"), r->body.data, r->body.len, &rep)))
		return e;
	return zh_resp_json(r, 201, rep);
}

enum zh_err zh_api_import_get(struct zh_req *r)
{
	int64_t id;
	json_t *rep;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_import_get(&r->ctx, id, &rep)))
		return e;
	if ((e = same_kind(r, rep))) {
		json_decref(rep);
		return e;
	}
	return zh_resp_json(r, 200, rep);
}

enum zh_err zh_api_import_apply(struct zh_req *r)
{
	int64_t id;
	json_t *rep = NULL;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_import_get(&r->ctx, id, &rep)))
		return e;
	e = same_kind(r, rep);
	json_decref(rep);
	rep = NULL;
	if (e)
		return e;
	e = zh_import_apply(&r->ctx, id, &rep);
	if (e == ZH_ERULE && rep) {
		struct zh_fail *f = &r->ctx.fail;
		json_object_set_new(rep, "error", json_pack("{s:s, s:s, s:s}", "code", f->code_name, "message", f->msg,
							   "field", "file"));
		return zh_resp_json(r, 422, rep);
	}
	if (e) {
		json_decref(rep);
		return e;
	}
	return zh_resp_json(r, 200, rep);
}

enum zh_err zh_api_export(struct zh_req *r)
{
	long long cls;
	char *data;
	size_t len;
	const char *file, *ctype;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "class", 0, 1, INT64_MAX, &cls)))
		return e;
	if ((e = zh_export(&r->ctx, path_kind(r), zh_req_query(r, "format"), cls, &data, &len, &file, &ctype)))
		return e;
	return zh_resp_bytes(r, 200, ctype, file, data, len);
}
