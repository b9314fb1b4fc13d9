/* audit.c: tests of the hash-chained audit log (src/domain/audit.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/arena.h"
#include "domain/audit.h"
#include "domain/ctx.h"
#include "fixture.h"

#define T0 1795000000LL

struct fix {
	struct tmpstore ts;
	int64_t region, school;
};

static int setup(void **state)
{
	struct fix *x = calloc(1, sizeof *x);
	if (!x || tmpstore_open(&x->ts, 1) != 0)
		return -1;
	struct zh_db *db = zh_store_acquire(x->ts.store);
	if (zh_store_region_insert(db, "Регион", &x->region) ||
	    zh_store_school_insert(db, x->region, "Школа", "Школа", NULL, &x->school))
		return -1;
	zh_store_release(db);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fix *x = *state;
	tmpstore_close(&x->ts);
	free(x);
	return 0;
}

static void ctx_init(struct fix *x, struct zh_ctx *c, int64_t now)
{
	memset(c, 0, sizeof *c);
	c->arena = zh_arena_new();
	assert_non_null(c->arena);
	c->store = x->ts.store;
	c->now = now;
	c->school_id = x->school;
	c->user_id = 0;
	c->client_ip = "192.0.2.1";
	c->request_id = "req-1";
}

static void ctx_end(struct zh_ctx *c)
{
	zh_ctx_done(c);
	zh_arena_free(c->arena);
}

/* Appends n entries, one transaction each, with distinct values. */
static void append(struct fix *x, int n, int64_t first_at)
{
	for (int i = 0; i < n; i++) {
		struct zh_ctx c;
		ctx_init(x, &c, first_at + i);
		c.user_id = i % 2 ? 0 : 7; /* with and without an actor */
		json_t *old = i % 3 == 0 ? NULL : json_pack("{s:b}", "locked", 0);
		json_t *nv = json_pack("{s:b, s:s, s:i}", "locked", 1, "note", "Примечание", "n", i);
		struct zh_db *db = zh_ctx_db(&c);
		assert_int_equal(zh_db_begin(db, true), ZH_OK);
		assert_int_equal(zh_audit(&c, "user.lock", "user", 100 + i, old, nv), ZH_OK);
		assert_int_equal(zh_db_commit(db), ZH_OK);
		json_decref(old);
		json_decref(nv);
		ctx_end(&c);
	}
}

static void verify(struct fix *x, int64_t *bad, int64_t *count)
{
	struct zh_db *db = zh_store_acquire(x->ts.store);
	*bad = -1;
	*count = -1;
	assert_int_equal(zh_audit_verify(db, bad, count), ZH_OK);
	zh_store_release(db);
}

/* Runs SQL on the file through a separate, plain SQLite connection; returns the result code. */
static int raw_sql(struct fix *x, const char *sql, char **errmsg)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(x->ts.path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 2000);
	int rc = sqlite3_exec(h, sql, NULL, NULL, errmsg);
	sqlite3_close(h);
	return rc;
}

static void test_empty_chain(void **state)
{
	struct fix *x = *state;
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 0);
	assert_int_equal(count, 0);
}

static void test_chain_rows(void **state)
{
	struct fix *x = *state;
	append(x, 5, T0);

	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 0);
	assert_int_equal(count, 5);

	struct zh_ctx c;
	ctx_init(x, &c, T0 + 100);
	struct zh_audit_filter flt = { .limit = 100 };
	struct zh_audit_row *rows;
	size_t n;
	int64_t total;
	assert_int_equal(zh_audit_list(&c, &flt, NULL, NULL, &rows, &n, &total), ZH_OK);
	assert_int_equal(n, 5);
	assert_int_equal(total, 5);
	/* newest first; each entry names the hash of the one before it */
	for (size_t i = 0; i < n; i++) {
		const struct zh_audit_row *r = &rows[i];
		assert_int_equal(r->at, T0 + 4 - (int64_t)i);
		assert_int_equal(r->school_id, x->school);
		assert_string_equal(r->op, "user.lock");
		assert_string_equal(r->entity, "user");
		char eid[16];
		snprintf(eid, sizeof eid, "%d", 104 - (int)i);
		assert_string_equal(r->entity_id, eid);
		assert_string_equal(r->request_id, "req-1");
		assert_string_equal(r->client, "192.0.2.1");
		assert_int_equal(strlen(r->hash), 64);
		assert_int_equal(strspn(r->hash, "0123456789abcdef"), 64);
		if (i + 1 < n)
			assert_string_equal(r->prev_hash, rows[i + 1].hash);
		else
			assert_string_equal(r->prev_hash, ""); /* the first entry starts the chain */
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->hash, rows[j].hash);
	}
	/* values are stored as compact JSON with sorted keys */
	assert_string_equal(rows[4].new_value, "{\"locked\":true,\"n\":0,\"note\":\"Примечание\"}");
	assert_null(rows[4].old_value); /* NULL stays NULL */
	assert_string_equal(rows[3].old_value, "{\"locked\":false}");
	/* another school sees none of it */
	c.school_id = x->school + 1;
	assert_int_equal(zh_audit_list(&c, &flt, NULL, NULL, &rows, &n, &total), ZH_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	ctx_end(&c);
}

static void test_append_only(void **state)
{
	struct fix *x = *state;
	append(x, 2, T0);
	char *err = NULL;
	assert_int_not_equal(raw_sql(x, "UPDATE audit SET new_value = '{}' WHERE id = 1", &err), SQLITE_OK);
	assert_non_null(err);
	assert_non_null(strstr(err, "append-only"));
	sqlite3_free(err);
	err = NULL;
	assert_int_not_equal(raw_sql(x, "DELETE FROM audit WHERE id = 2", &err), SQLITE_OK);
	sqlite3_free(err);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 0);
	assert_int_equal(count, 2);
}

static void test_tampered_value(void **state)
{
	struct fix *x = *state;
	append(x, 4, T0);
	assert_int_equal(raw_sql(x,
		"DROP TRIGGER audit_no_update;"
		"UPDATE audit SET new_value = '{\"locked\":false}' WHERE id = 3;", NULL), SQLITE_OK);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 3);
	assert_int_equal(count, 3); /* the walk stops at the first bad entry */
}

static void test_tampered_fields(void **state)
{
	struct fix *x = *state;
	static const char *const edits[] = {
		"UPDATE audit SET at = at + 1 WHERE id = 2",
		"UPDATE audit SET user_id = 99 WHERE id = 2",
		"UPDATE audit SET school_id = NULL WHERE id = 2",
		"UPDATE audit SET op = 'user.unlock' WHERE id = 2",
		"UPDATE audit SET entity_id = '1' WHERE id = 2",
		"UPDATE audit SET old_value = NULL WHERE id = 2",
		"UPDATE audit SET client = '' WHERE id = 2",
		"UPDATE audit SET request_id = 'other' WHERE id = 2",
	};
	append(x, 3, T0);
	assert_int_equal(raw_sql(x, "DROP TRIGGER audit_no_update", NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		/* apply, check, undo through a copy of the row */
		assert_int_equal(raw_sql(x, "DROP TABLE IF EXISTS keep; CREATE TABLE keep AS SELECT * FROM audit WHERE id = 2", NULL), SQLITE_OK);
		assert_int_equal(raw_sql(x, edits[i], NULL), SQLITE_OK);
		int64_t bad, count;
		verify(x, &bad, &count);
		if (bad != 2)
			fail_msg("\"%s\" went unnoticed (bad_id %lld)", edits[i], (long long)bad);
		assert_int_equal(raw_sql(x,
			"UPDATE audit SET at = (SELECT at FROM keep), school_id = (SELECT school_id FROM keep),"
			" user_id = (SELECT user_id FROM keep), op = (SELECT op FROM keep),"
			" entity_id = (SELECT entity_id FROM keep), old_value = (SELECT old_value FROM keep),"
			" client = (SELECT client FROM keep), request_id = (SELECT request_id FROM keep) WHERE id = 2",
			NULL), SQLITE_OK);
		verify(x, &bad, &count);
		assert_int_equal(bad, 0);
	}
}

static void test_deleted_entry(void **state)
{
	struct fix *x = *state;
	append(x, 4, T0);
	assert_int_equal(raw_sql(x, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2;", NULL), SQLITE_OK);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 3); /* its successor no longer links to what precedes it */
}

static void test_rehashed_entry(void **state)
{
	struct fix *x = *state;
	append(x, 3, T0);
	/* a forger who also replaces the row's hash breaks the link of the next row */
	assert_int_equal(raw_sql(x,
		"DROP TRIGGER audit_no_update;"
		"UPDATE audit SET hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 2;",
		NULL), SQLITE_OK);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 2);
}

static void test_chain_continues(void **state)
{
	struct fix *x = *state;
	append(x, 2, T0);
	/* entries written later (another process, the store reopened) extend the same chain */
	zh_store_close(x->ts.store);
	struct zh_fail f = { 0 };
	struct zh_store_opts o = { .path = x->ts.path, .pool_size = 1, .create = false, .migrate = true };
	assert_int_equal(zh_store_open(&o, &x->ts.store, &f), ZH_OK);
	append(x, 3, T0 + 50);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 0);
	assert_int_equal(count, 5);
}

static void test_rolled_back_entry(void **state)
{
	struct fix *x = *state;
	append(x, 1, T0);
	struct zh_ctx c;
	ctx_init(x, &c, T0 + 1);
	struct zh_db *db = zh_ctx_db(&c);
	assert_int_equal(zh_db_begin(db, true), ZH_OK);
	assert_int_equal(zh_audit(&c, "user.unlock", "user", 5, NULL, NULL), ZH_OK);
	zh_db_rollback(db);
	ctx_end(&c);
	append(x, 1, T0 + 2);
	int64_t bad, count;
	verify(x, &bad, &count);
	assert_int_equal(bad, 0);
	assert_int_equal(count, 2);
}

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int main(void)
{
#define S(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		S(test_empty_chain),
		S(test_chain_rows),
		S(test_append_only),
		S(test_tampered_value),
		S(test_tampered_fields),
		S(test_deleted_entry),
		S(test_rehashed_entry),
		S(test_chain_continues),
		S(test_rolled_back_entry),
	};
	return cmocka_run_group_tests_name("domain/audit", tests, group_setup, NULL);
}
