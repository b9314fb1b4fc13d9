/* access.c: the school's access matrix: read and change cells */
#include "api/api.h"

#include <string.h>

#include "domain/access.h"
#include "json/json.h"

static enum zh_err matrix_response(struct zh_req *r)
{
	struct zh_opset m[ZH_SCHOOL_ROLES + 1];
	enum zh_err e = zh_access_matrix(&r->ctx, m);
	if (e)
		return e;
	json_t *roles = json_array(), *ops = json_array();
	for (int id = 1; id <= ZH_SCHOOL_ROLES; id++)
		json_array_append_new(roles, json_pack("{s:i, s:s, s:s}", "id", id, "code", zh_role_code(id),
						       "title", zh_role_title(id)));
	for (int i = 0; i < zh_ops_count; i++) {
		if (strncmp(zh_ops[i].id, "region.", 7) == 0)
			continue;
		json_t *granted = json_array(), *defaults = json_array();
		for (int id = 1; id <= ZH_SCHOOL_ROLES; id++) {
			if (zh_opset_has(&m[id], i))
				json_array_append_new(granted, json_integer(id));
			if (zh_ops[i].defaults[id - 1] == 'x')
				json_array_append_new(defaults, json_integer(id));
		}
		json_array_append_new(ops, json_pack("{s:s, s:s, s:o, s:o}", "id", zh_ops[i].id, "title",
						     zh_ops[i].title, "granted", granted, "defaults", defaults));
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:o}", "roles", roles, "operations", ops));
}

enum zh_err zh_api_access_get(struct zh_req *r)
{
	return matrix_response(r);
}

enum zh_err zh_api_access_put(struct zh_req *r)
{
	static const char *const allowed[] = { "changes", NULL };
	static const char *const item_keys[] = { "role", "op", "granted", NULL };
	struct zh_fail *f = &r->ctx.fail;
	json_t *body, *changes, *it;
	size_t i;
	enum zh_err e;

	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, allowed, f)))
		return e;
	changes = json_object_get(body, "changes");
	if (!json_is_array(changes) || json_array_size(changes) == 0 || json_array_size(changes) > 2000)
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", "changes",
				   "Поле «changes» должно быть непустым списком (не более 2000 изменений)");
	struct zh_access_change *ch = zh_arena_alloc(r->arena, sizeof *ch * json_array_size(changes));
	if (!ch)
		return ZH_ENOMEM;
	json_array_foreach(changes, i, it) {
		long long role = 0;
		bool granted = false;
		if (!json_is_object(it))
			return zh_fail_set(f, ZH_EINVAL, "wrong_type", "changes",
					   "Каждое изменение должно быть объектом {role, op, granted}");
		if ((e = zh_json_only(it, item_keys, f)) ||
		    (e = zh_json_int(it, "role", true, 1, ZH_SCHOOL_ROLES, &role, f)) ||
		    (e = zh_json_str(it, "op", true, 64, &ch[i].op, f)) ||
		    (e = zh_json_bool(it, "granted", true, &granted, f)))
			return e;
		ch[i].role_id = (int)role;
		ch[i].granted = granted;
	}
	if ((e = zh_access_apply(&r->ctx, ch, json_array_size(changes))))
		return e;
	return matrix_response(r);
}
