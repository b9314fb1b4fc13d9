/* audit.c: the append-only audit log, each entry chained to the previous by BLAKE2b */
#include "domain/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/tz.h"

static void put_field(crypto_generichash_state *h, const char *s)
{
	uint64_t n = s ? strlen(s) : UINT64_MAX;
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(h, len, sizeof len);
	if (s)
		crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

static void put_int(crypto_generichash_state *h, int64_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", (long long)v);
	put_field(h, b);
}

/* Hash of an entry given its fields and the previous hash, as 64 hex digits. */
static void entry_hash(const struct zh_audit_row *r, const char *prev, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	crypto_generichash_init(&h, NULL, 0, sizeof d);
	put_field(&h, prev);
	put_int(&h, r->at);
	put_int(&h, r->school_id);
	put_int(&h, r->user_id);
	put_field(&h, r->op);
	put_field(&h, r->entity);
	put_field(&h, r->entity_id);
	put_field(&h, r->old_value);
	put_field(&h, r->new_value);
	put_field(&h, r->request_id);
	put_field(&h, r->client);
	crypto_generichash_final(&h, d, sizeof d);
	zh_hex(d, sizeof d, out);
}

static char *encode(struct zh_arena *a, json_t *v)
{
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (!s)
		return NULL;
	char *r = zh_arena_strdup(a, s);
	free(s);
	return r;
}

enum zh_err zh_audit(struct zh_ctx *c, const char *op, const char *entity, int64_t entity_id,
		     json_t *old_value, json_t *new_value)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_audit_row r;
	const char *prev;
	char hash[65];
	enum zh_err e;

	memset(&r, 0, sizeof r);
	r.at = c->now;
	r.school_id = c->school_id;
	r.user_id = c->user_id;
	r.op = op;
	r.entity = entity;
	r.entity_id = entity_id ? zh_arena_printf(c->arena, "%lld", (long long)entity_id) : "";
	r.old_value = encode(c->arena, old_value);
	r.new_value = encode(c->arena, new_value);
	r.request_id = c->request_id ? c->request_id : "";
	r.client = c->client_ip ? c->client_ip : "";
	if ((e = zh_store_audit_last_hash(db, c->arena, &prev)) != ZH_OK)
		return e;
	entry_hash(&r, prev, hash);
	r.prev_hash = prev;
	r.hash = hash;
	return zh_store_audit_insert(db, &r, NULL);
}

enum zh_err zh_audit_take(struct zh_ctx *c, const char *op, const char *entity, int64_t entity_id,
			  json_t *old_value, json_t *new_value)
{
	enum zh_err e = zh_audit(c, op, entity, entity_id, old_value, new_value);
	json_decref(old_value);
	json_decref(new_value);
	return e;
}

struct verify_state {
	char prev[65];
	int64_t bad_id, count;
};

static int verify_one(void *ctx, const struct zh_audit_row *r)
{
	struct verify_state *v = ctx;
	char h[65];
	v->count++;
	entry_hash(r, v->prev, h);
	if (strcmp(r->prev_hash ? r->prev_hash : "", v->prev) != 0 || strcmp(h, r->hash ? r->hash : "") != 0) {
		v->bad_id = r->id;
		return 1;
	}
	memcpy(v->prev, h, sizeof h);
	return 0;
}

enum zh_err zh_audit_verify(struct zh_db *db, int64_t *bad_id, int64_t *count)
{
	struct verify_state v = { .prev = "", .bad_id = 0, .count = 0 };
	enum zh_err e = zh_store_audit_each(db, verify_one, &v);
	*bad_id = v.bad_id;
	*count = v.count;
	return e;
}

/* Start of a day of the school's calendar; the day after when next is set. */
static enum zh_err day_start(struct zh_ctx *c, const char *tz, const char *date, const char *field,
			     bool next, int64_t *out)
{
	int y, m, d;
	if (!zh_date_parse(date, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", field,
				   "Дата «%s» должна быть настоящей датой в виде ГГГГ-ММ-ДД", field);
	if (!zh_tz_midnight(tz, y, m, d + (next ? 1 : 0), out))
		return zh_fail_set(&c->fail, ZH_EINTERNAL, "timezone", field, "Неизвестный часовой пояс школы");
	return ZH_OK;
}

enum zh_err zh_audit_list(struct zh_ctx *c, struct zh_audit_filter *flt, const char *from,
			  const char *to, struct zh_audit_row **rows, size_t *n, int64_t *total)
{
	struct zh_school_row school;
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;

	flt->school_id = c->school_id; /* never another school's entries */
	if ((from || to) && (e = zh_store_school_get(db, c->arena, c->school_id, &school)))
		return e;
	if (from && (e = day_start(c, school.timezone, from, "from", false, &flt->from)))
		return e;
	if (to && (e = day_start(c, school.timezone, to, "to", true, &flt->to)))
		return e;
	if ((e = zh_store_audit_list(db, c->arena, flt, rows, n, total)))
		return e;
	/* values written under an operation of the matrix (medical, psychological fields...) are
	 * shown only to those who hold that operation themselves */
	for (size_t i = 0; i < *n; i++) {
		int idx = zh_acl_op_index((*rows)[i].op);
		if (idx >= 0 && !zh_opset_has(&c->ops, idx)) {
			(*rows)[i].old_value = NULL;
			(*rows)[i].new_value = NULL;
		}
	}
	return ZH_OK;
}
