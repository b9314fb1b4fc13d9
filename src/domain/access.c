/* access.c: reading and changing a school's access matrix (M-02) */
#include "domain/access.h"

#include <string.h>

#include "domain/audit.h"

static void collect(void *ctx, int role_id, const char *op)
{
	struct zh_opset *m = ctx;
	if (role_id >= 1 && role_id <= ZH_SCHOOL_ROLES)
		zh_opset_add(&m[role_id], zh_acl_op_index(op));
}

enum zh_err zh_access_matrix(struct zh_ctx *c, struct zh_opset role_ops[ZH_SCHOOL_ROLES + 1])
{
	memset(role_ops, 0, sizeof(struct zh_opset) * (ZH_SCHOOL_ROLES + 1));
	return zh_store_acl_each(zh_ctx_db(c), c->school_id, collect, role_ops);
}

enum zh_err zh_access_apply(struct zh_ctx *c, const struct zh_access_change *ch, size_t n)
{
	struct zh_opset m[ZH_SCHOOL_ROLES + 1];
	struct zh_db *db;
	enum zh_err e;

	for (size_t i = 0; i < n; i++) {
		int idx = zh_acl_op_index(ch[i].op);
		if (ch[i].role_id < 1 || ch[i].role_id > ZH_SCHOOL_ROLES)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_role", "role",
					   "Неизвестная роль %d (допустимы 1–10)", ch[i].role_id);
		if (idx < 0 || strncmp(ch[i].op, "region.", 7) == 0)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_operation", "op",
					   "Неизвестная операция «%s»", ch[i].op);
		if (ch[i].role_id == ZH_ROLE_ADMIN && strcmp(ch[i].op, "access.edit") == 0 && !ch[i].granted)
			return zh_fail_set(&c->fail, ZH_ERULE, "admin_keeps_access_edit", "op",
					   "Право «access.edit» нельзя отнять у администратора");
	}
	if ((e = zh_access_matrix(c, m)))
		return e;
	db = zh_ctx_db(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	for (size_t i = 0; i < n; i++) {
		bool had = zh_opset_has(&m[ch[i].role_id], zh_acl_op_index(ch[i].op));
		if (had == ch[i].granted)
			continue;
		if ((e = zh_store_acl_set(db, c->school_id, ch[i].role_id, ch[i].op, ch[i].granted)))
			goto out;
		json_t *o = json_pack("{s:i, s:s, s:b}", "role", ch[i].role_id, "op", ch[i].op, "granted", had);
		json_t *nv = json_pack("{s:i, s:s, s:b}", "role", ch[i].role_id, "op", ch[i].op, "granted", ch[i].granted);
		e = zh_audit(c, "access.edit", "access_matrix", c->school_id, o, nv);
		json_decref(o);
		json_decref(nv);
		if (e)
			goto out;
		if (ch[i].granted)
			zh_opset_add(&m[ch[i].role_id], zh_acl_op_index(ch[i].op));
		else
			m[ch[i].role_id].bits[zh_acl_op_index(ch[i].op) / 64] &= ~((uint64_t)1 << (zh_acl_op_index(ch[i].op) % 64));
	}
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	zh_acl_invalidate(c->school_id);
	return e;
}
