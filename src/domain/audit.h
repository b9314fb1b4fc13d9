/* audit.h: the append-only, hash-chained audit log */
#ifndef ZH_AUDIT_H
#define ZH_AUDIT_H

#include <jansson.h>

#include "domain/ctx.h"

/* Appends one entry in the caller's write transaction. old/new may be NULL; they are encoded
 * as JSON and must never hold passwords or tokens. */
enum zh_err zh_audit(struct zh_ctx *c, const char *op, const char *entity, int64_t entity_id,
		     json_t *old_value, json_t *new_value);
/* The same, taking the caller's references of old_value and new_value (either may be NULL). */
enum zh_err zh_audit_take(struct zh_ctx *c, const char *op, const char *entity, int64_t entity_id,
			  json_t *old_value, json_t *new_value);
/* Walks the chain; *bad_id = 0 when intact, else the first entry whose hash does not match. */
enum zh_err zh_audit_verify(struct zh_db *db, int64_t *bad_id, int64_t *count);

/* A page of the actor's school's audit log, newest first. from/to ("YYYY-MM-DD", inclusive,
 * may be NULL) are days in the school's time zone; bad dates fail naming the field. */
enum zh_err zh_audit_list(struct zh_ctx *c, struct zh_audit_filter *flt, const char *from,
			  const char *to, struct zh_audit_row **rows, size_t *n, int64_t *total);

#endif
