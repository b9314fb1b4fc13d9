/* me.c: the signed-in user: person, roles per school, granted operations */
#include "api/api.h"

#include <pthread.h>
#include <string.h>

#include "domain/account.h"
#include "domain/roles.h"

/* The operations array of an opset. Arrays are shared between requests (jansson's reference
 * counts are atomic and encoding only reads), rebuilt when the matrix generation changes. */
#define OPS_CACHE 64
static struct {
	struct zh_opset set;
	unsigned long gen;
	json_t *arr;
} ops_cache[OPS_CACHE];
static pthread_mutex_t ops_mu = PTHREAD_MUTEX_INITIALIZER;

static json_t *ops_json(const struct zh_opset *s)
{
	unsigned long gen = zh_acl_generation();
	size_t slot = 0;
	json_t *a;

	for (size_t w = 0; w < ZH_OPS_MAX / 64; w++)
		slot = slot * 31 + (size_t)(s->bits[w] ^ (s->bits[w] >> 29));
	slot %= OPS_CACHE;
	pthread_mutex_lock(&ops_mu);
	if (ops_cache[slot].arr && ops_cache[slot].gen == gen &&
	    memcmp(&ops_cache[slot].set, s, sizeof *s) == 0) {
		a = json_incref(ops_cache[slot].arr);
		pthread_mutex_unlock(&ops_mu);
		return a;
	}
	pthread_mutex_unlock(&ops_mu);
	a = json_array();
	for (int i = 0; i < zh_ops_count; i++)
		if (zh_opset_has(s, i))
			json_array_append_new(a, json_string(zh_ops[i].id));
	pthread_mutex_lock(&ops_mu);
	json_decref(ops_cache[slot].arr);
	ops_cache[slot].arr = json_incref(a);
	ops_cache[slot].set = *s;
	ops_cache[slot].gen = gen;
	pthread_mutex_unlock(&ops_mu);
	return a;
}

static json_t *role_json(int id)
{
	return json_pack("{s:i, s:s, s:s}", "id", id, "code", zh_role_code(id), "title", zh_role_title(id));
}

enum zh_err zh_api_me(struct zh_req *r)
{
	struct zh_profile p;
	enum zh_err e = zh_account_profile(&r->ctx, &p);
	if (e)
		return e;
	json_t *schools = json_array(), *region = json_array();
	for (size_t i = 0; i < p.nroles; i++) {
		const struct zh_role_row *rr = &p.roles[i];
		if (!rr->school_id) {
			json_t *o = role_json(rr->role_id);
			json_object_set_new(o, "region_id", json_integer(rr->region_id));
			json_t *ops = json_array();
			json_array_append_new(ops, json_string("region.reports.view"));
			if (rr->role_id == ZH_ROLE_REGION_ADMIN)
				json_array_append_new(ops, json_string("region.schools.manage"));
			json_object_set_new(o, "operations", ops);
			json_array_append_new(region, o);
			continue;
		}
		json_t *s = NULL;
		size_t k;
		json_t *v;
		json_array_foreach(schools, k, v)
			if (json_integer_value(json_object_get(v, "id")) == rr->school_id)
				s = v;
		if (!s) {
			struct zh_opset ops;
			if (rr->school_id == r->ctx.school_id)
				ops = r->ctx.ops;
			else if ((e = zh_account_school_ops(&r->ctx, rr->school_id, &p, &ops)))
				goto fail;
			s = json_pack("{s:I, s:s, s:b, s:[], s:o}", "id", (json_int_t)rr->school_id,
				      "name", rr->school_name ? rr->school_name : "",
				      "current", rr->school_id == r->ctx.school_id, "roles", "operations", ops_json(&ops));
			json_array_append_new(schools, s);
		}
		json_array_append_new(json_object_get(s, "roles"), role_json(rr->role_id));
	}
	const char *full = zh_arena_printf(r->arena, "%s %s%s%s", p.person.last_name, p.person.first_name,
					   p.person.middle_name[0] ? " " : "", p.person.middle_name);
	return zh_resp_json(r, 200, json_pack(
		"{s:{s:I, s:s, s:b}, s:{s:I, s:s, s:s, s:s, s:s}, s:o, s:o, s:s}",
		"user", "id", (json_int_t)p.user.id, "login", p.user.login, "must_change_password", p.user.must_change,
		"person", "id", (json_int_t)p.person.id, "last_name", p.person.last_name,
		"first_name", p.person.first_name, "middle_name", p.person.middle_name, "full_name", full,
		"schools", schools, "region_roles", region,
		"csrf", r->csrf ? r->csrf : ""));
fail:
	json_decref(schools);
	json_decref(region);
	return e;
}
