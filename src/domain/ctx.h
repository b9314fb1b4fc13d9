/* ctx.h: what a domain call knows about its caller: arena, connection, actor, failure slot */
#ifndef ZH_CTX_H
#define ZH_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/acl.h"
#include "store/store.h"

struct zh_ctx {
	struct zh_arena *arena;
	struct zh_store *store;
	struct zh_db *db;            /* acquired lazily by zh_ctx_db */
	int64_t now;
	unsigned long acl_gen;        /* zh_acl_generation() when the context began */
	/* the actor; user_id 0 = anonymous or the operator at the command line */
	int64_t user_id, person_id, session_id;
	int64_t school_id;           /* the school the request acts in; 0 = none */
	int roles[ZH_ROLE_MAX + 1];  /* roles[r] != 0 when the actor has role r in school_id */
	struct zh_opset ops;         /* operations granted in school_id */
	const char *login;
	bool must_change;             /* the actor must change the password first */
	bool touch_due;               /* the session's expiry should slide (zh_auth_touch) */
	struct zh_person_row person;  /* the actor's person, read with the session */
	struct zh_role_row *role_rows;/* every role membership of the actor (arena) */
	size_t nrole_rows;
	const char *request_id, *client_ip, *user_agent;
	struct zh_fail fail;
};

/* The connection of this context, acquired on first use and released by zh_ctx_done. */
struct zh_db *zh_ctx_db(struct zh_ctx *c);
void zh_ctx_done(struct zh_ctx *c);

#endif
