/* users.c: admin actions on accounts of the school: password reset, lock, unlock */
#include "api/api.h"

#include "domain/account.h"

enum zh_err zh_api_user_reset_password(struct zh_req *r)
{
	char temp[16];
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_account_reset_password(&r->ctx, id, temp)))
		return e;
	/* the temporary password is shown once to the admin and must be changed at first login */
	return zh_resp_json(r, 200, json_pack("{s:I, s:s, s:b}", "user_id", (json_int_t)id,
					      "temporary_password", temp, "must_change_password", 1));
}

static enum zh_err set_locked(struct zh_req *r, bool locked)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_account_set_locked(&r->ctx, id, locked)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "user_id", (json_int_t)id, "locked", locked));
}

enum zh_err zh_api_user_lock(struct zh_req *r)
{
	return set_locked(r, true);
}

enum zh_err zh_api_user_unlock(struct zh_req *r)
{
	return set_locked(r, false);
}
