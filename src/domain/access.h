/* access.h: reading and changing a school's access matrix (M-02) */
#ifndef ZH_ACCESS_H
#define ZH_ACCESS_H

#include "domain/ctx.h"

/* role_ops[r] = operations granted to role r (1..10) in the actor's school. */
enum zh_err zh_access_matrix(struct zh_ctx *c, struct zh_opset role_ops[ZH_SCHOOL_ROLES + 1]);

struct zh_access_change {
	int role_id;
	const char *op;
	bool granted;
};
/* Applies changes in one transaction, each audited; refuses unknown roles or operations and
 * taking access.edit from the admin. */
enum zh_err zh_access_apply(struct zh_ctx *c, const struct zh_access_change *ch, size_t n);

#endif
