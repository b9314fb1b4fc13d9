/* school.c: school card, regional settings, school settings, dictionaries (M-03) */
#include "api/api.h"

#include "domain/school.h"
#include "json/json.h"

static json_t *fields_json(void)
{
	static const char *const types[] = { "text", "date", "phones", "deputies", "levels" };
	json_t *a = json_array();
	for (int i = 0; i < zh_card_fields_count; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:i}", "name", zh_card_fields[i].name,
						   "label", zh_card_fields[i].label,
						   "type", types[zh_card_fields[i].type], "max", zh_card_fields[i].max));
	return a;
}

static json_t *levels_json(void)
{
	json_t *a = json_array();
	for (int i = 0; zh_education_levels[i][0]; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", zh_education_levels[i][0],
						   "title", zh_education_levels[i][1]));
	return a;
}

static enum zh_err card_response(struct zh_req *r)
{
	struct zh_school_card sc;
	enum zh_err e = zh_school_card_get(&r->ctx, &sc);
	if (e)
		return e;
	return zh_resp_json(r, 200, json_pack("{s:{s:I, s:s, s:s, s:s, s:s}, s:O, s:o, s:o}",
		"school", "id", (json_int_t)sc.school.id, "name", sc.school.name,
		"short_name", sc.school.short_name, "timezone", sc.school.timezone, "today", sc.today,
		"card", sc.card, "fields", fields_json(), "education_levels", levels_json()));
}

enum zh_err zh_api_school_get(struct zh_req *r)
{
	return card_response(r);
}

enum zh_err zh_api_school_put(struct zh_req *r)
{
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_school_card_update(&r->ctx, body)))
		return e;
	return card_response(r);
}

enum zh_err zh_api_school_region_put(struct zh_req *r)
{
	static const char *const allowed[] = { "timezone", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *tz = NULL;
	char today[11];
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, f)) ||
	    (e = zh_json_str(body, "timezone", true, 64, &tz, f)) ||
	    (e = zh_school_timezone_set(&r->ctx, tz)) || (e = zh_school_today(&r->ctx, today)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:s, s:s}", "timezone", tz, "today", today));
}

static enum zh_err settings_response(struct zh_req *r)
{
	struct zh_school_settings s;
	enum zh_err e = zh_school_settings_get(&r->ctx, &s);
	if (e)
		return e;
	json_t *v = zh_school_settings_json(&s);
	/* the notification channels are the editors' business: others see the journal rules only */
	if (!zh_acl_allows(&r->ctx.ops, "school.settings.edit")) {
		static const char *const hidden[] = {
			"notify_email", "smtp_host", "smtp_port", "smtp_user", "smtp_password_set", "smtp_from",
			"notify_sms", "sms_gateway_url", "sms_sender", "sms_token_set", NULL,
		};
		for (const char *const *k = hidden; *k; k++)
			json_object_del(v, *k);
	}
	return zh_resp_json(r, 200, v);
}

enum zh_err zh_api_school_settings_get(struct zh_req *r)
{
	return settings_response(r);
}

enum zh_err zh_api_school_settings_put(struct zh_req *r)
{
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_school_settings_update(&r->ctx, body)))
		return e;
	return settings_response(r);
}

static enum zh_err dict_kind(struct zh_req *r, enum zh_dict_kind *k)
{
	*k = ZH_DICT_WORK_TYPES;
	int v = r->match.nparams > 0 ? zh_dict_kind_parse(r->match.params[0]) : -1;
	if (v < 0)
		return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "unknown_dictionary", "kind",
				   "Неизвестный справочник (допустимы work-types, attendance-codes, mark-codes, positions, rooms)");
	*k = (enum zh_dict_kind)v;
	return ZH_OK;
}

enum zh_err zh_api_dict_list(struct zh_req *r)
{
	enum zh_dict_kind k;
	struct zh_dict_row *rows;
	size_t n;
	long long limit, offset, archived;
	enum zh_err e;
	if ((e = dict_kind(r, &k)) ||
	    (e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_req_query_int(r, "archived", 0, 0, 1, &archived)) ||
	    (e = zh_dict_list(&r->ctx, k, archived != 0, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++)
		json_array_append_new(items, zh_dict_row_json(k, &rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:s, s:o, s:I, s:I, s:I}", "kind", zh_dict_kind_slug(k),
					      "items", items, "total", (json_int_t)n,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

enum zh_err zh_api_dict_create(struct zh_req *r)
{
	enum zh_dict_kind k;
	struct zh_dict_row row;
	json_t *body;
	enum zh_err e;
	if ((e = dict_kind(r, &k)) || (e = zh_req_json(r, &body)) || (e = zh_dict_create(&r->ctx, k, body, &row)))
		return e;
	return zh_resp_json(r, 201, zh_dict_row_json(k, &row));
}

enum zh_err zh_api_dict_update(struct zh_req *r)
{
	enum zh_dict_kind k;
	struct zh_dict_row row;
	int64_t id;
	json_t *body;
	enum zh_err e;
	if ((e = dict_kind(r, &k)) || (e = zh_req_param_id(r, 1, &id)) || (e = zh_req_json(r, &body)) ||
	    (e = zh_dict_update(&r->ctx, k, id, body, &row)))
		return e;
	return zh_resp_json(r, 200, zh_dict_row_json(k, &row));
}

enum zh_err zh_api_dict_delete(struct zh_req *r)
{
	enum zh_dict_kind k;
	int64_t id;
	bool archived;
	enum zh_err e;
	if ((e = dict_kind(r, &k)) || (e = zh_req_param_id(r, 1, &id)) ||
	    (e = zh_dict_delete(&r->ctx, k, id, &archived)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b, s:b}", "id", (json_int_t)id, "deleted", !archived,
					      "archived", archived));
}
