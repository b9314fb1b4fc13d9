/* ctx.c: lazily acquired connection of a domain context */
#include "domain/ctx.h"

struct zh_db *zh_ctx_db(struct zh_ctx *c)
{
	if (!c->db)
		c->db = zh_store_acquire(c->store);
	return c->db;
}

void zh_ctx_done(struct zh_ctx *c)
{
	if (c->db) {
		zh_store_release(c->db);
		c->db = NULL;
	}
}
