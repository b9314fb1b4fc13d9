/* acl.h: the access matrix: operation catalogue, defaults, per-school grants, scopes */
#ifndef ZH_ACL_H
#define ZH_ACL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/roles.h"
#include "store/store.h"

/* Pseudo-operations for routes that need no matrix cell. */
#define ZH_OP_PUBLIC "public"              /* anyone, no session */
#define ZH_OP_AUTHENTICATED "authenticated" /* any signed-in user (own account) */

struct zh_op_def {
	const char *id;        /* "journal.view.own_subject" */
	const char *title;     /* Russian */
	const char *defaults;  /* 10 chars for roles 1..10: 'x' granted by default, '.' not */
};

#define ZH_OPS_MAX 128
struct zh_opset {
	uint64_t bits[ZH_OPS_MAX / 64];
};

enum zh_scope {
	ZH_SCOPE_NONE = 0,
	ZH_SCOPE_SELF = 1 << 0,
	ZH_SCOPE_OWN_CHILD = 1 << 1,
	ZH_SCOPE_OWN_SUBJECT = 1 << 2,
	ZH_SCOPE_OWN_CLASS = 1 << 3,
	ZH_SCOPE_ALL = 1 << 4,
};

extern const struct zh_op_def zh_ops[];
extern const int zh_ops_count;

/* Index of an operation id, -1 when unknown. */
int zh_acl_op_index(const char *op);
bool zh_opset_has(const struct zh_opset *s, int idx);
void zh_opset_add(struct zh_opset *s, int idx);
/* True when op is granted exactly, or when op is a family ("journal.view") and any scoped
 * member ("journal.view.all", "journal.view.own_subject") is granted. */
bool zh_acl_allows(const struct zh_opset *s, const char *op);
/* Scopes granted for a family, as a mask of enum zh_scope. */
int zh_acl_scopes(const struct zh_opset *s, const char *family);
/* True when op names an operation or a family of the catalogue (or a pseudo-operation). */
bool zh_acl_op_known(const char *op);

/* Writes the default matrix into a new school (inside the caller's transaction). */
enum zh_err zh_acl_seed_school(struct zh_db *db, int64_t school_id);
/* Operations granted in a school to the union of roles (roles[r] != 0). Cached per school. */
enum zh_err zh_acl_ops_for(struct zh_db *db, int64_t school_id, const int *roles, struct zh_opset *out);
/* The same for a caller whose read transaction may have begun earlier: gen_before is
 * zh_acl_generation() taken before that transaction, so a stale read is never cached. */
enum zh_err zh_acl_ops_since(struct zh_db *db, int64_t school_id, const int *roles,
			     unsigned long gen_before, struct zh_opset *out);
/* Changes whenever any school's matrix changes (for caches built on top of the matrix). */
unsigned long zh_acl_generation(void);
/* Forgets the cached matrix of a school (after a change). */
void zh_acl_invalidate(int64_t school_id);

#endif
