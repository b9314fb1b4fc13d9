/* auth.c: login, logout, password change, own sessions */
#include "api/api.h"

#include "domain/account.h"
#include "domain/auth.h"
#include "json/json.h"

static json_t *user_json(struct zh_req *r, const struct zh_login_result *res)
{
	struct zh_profile p;
	json_t *u = json_pack("{s:I, s:b}", "id", (json_int_t)res->user_id, "must_change_password", res->must_change);
	r->ctx.user_id = res->user_id;
	if (zh_account_profile(&r->ctx, &p) == ZH_OK) {
		json_object_set_new(u, "login", json_string(p.user.login));
		json_object_set_new(u, "full_name",
				    json_string(zh_arena_printf(r->arena, "%s %s%s%s", p.person.last_name,
								p.person.first_name, p.person.middle_name[0] ? " " : "",
								p.person.middle_name)));
	}
	return u;
}

enum zh_err zh_api_login(struct zh_req *r)
{
	static const char *const allowed[] = { "login", "password", NULL };
	struct zh_login_result res;
	const char *login = NULL, *password = NULL;
	json_t *body;
	enum zh_err e;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, &r->ctx.fail)) ||
	    (e = zh_json_str(body, "login", true, 64, &login, &r->ctx.fail)) ||
	    (e = zh_json_str(body, "password", true, 256, &password, &r->ctx.fail)))
		return e;
	if (!*login)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "missing_field", "login", "Введите логин");
	if ((e = zh_auth_login(&r->ctx, login, password, &res)))
		return e;
	zh_resp_session_cookie(r, res.token, res.expires_at - r->ctx.now);
	return zh_resp_json(r, 200, json_pack("{s:s, s:s, s:o}", "token", res.token, "csrf", res.csrf,
					      "user", user_json(r, &res)));
}

enum zh_err zh_api_logout(struct zh_req *r)
{
	enum zh_err e = zh_auth_logout(&r->ctx);
	if (e)
		return e;
	zh_resp_session_cookie(r, NULL, 0);
	return zh_resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

enum zh_err zh_api_password(struct zh_req *r)
{
	static const char *const allowed[] = { "old_password", "new_password", NULL };
	struct zh_login_result res;
	const char *old_pw = NULL, *new_pw = NULL;
	json_t *body;
	enum zh_err e;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, &r->ctx.fail)) ||
	    (e = zh_json_str(body, "old_password", true, 256, &old_pw, &r->ctx.fail)) ||
	    (e = zh_json_str(body, "new_password", true, 256, &new_pw, &r->ctx.fail)))
		return e;
	if ((e = zh_auth_change_password(&r->ctx, old_pw, new_pw, &res)))
		return e;
	zh_resp_session_cookie(r, res.token, res.expires_at - r->ctx.now);
	return zh_resp_json(r, 200, json_pack("{s:s, s:s}", "token", res.token, "csrf", res.csrf));
}

enum zh_err zh_api_sessions(struct zh_req *r)
{
	struct zh_session_row *rows;
	size_t n;
	enum zh_err e = zh_account_sessions(&r->ctx, &rows, &n);
	if (e)
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b}",
						       "id", (json_int_t)rows[i].id,
						       "created_at", zh_api_time(r, rows[i].created_at),
						       "last_seen_at", zh_api_time(r, rows[i].last_seen_at),
						       "expires_at", zh_api_time(r, rows[i].expires_at),
						       "ip", rows[i].ip ? rows[i].ip : "",
						       "user_agent", rows[i].user_agent ? rows[i].user_agent : "",
						       "current", rows[i].id == r->ctx.session_id));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

enum zh_err zh_api_session_end(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_account_end_session(&r->ctx, id)))
		return e;
	if (id == r->ctx.session_id)
		zh_resp_session_cookie(r, NULL, 0);
	return zh_resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}
