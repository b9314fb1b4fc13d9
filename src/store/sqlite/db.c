/* db.c: SQLite backend: connection pool, pragmas, statement cache, migrations, ICU hooks */
#include "store/sqlite/sq.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "core/fold.h"
#include "core/log.h"

extern const char *const zh_migrations[][2];

struct zh_store {
	pthread_mutex_t mu;
	/* Group commit. Every write transaction of this process runs on one writer connection `w`,
	 * one at a time (the `writer` mutex: a waiting writer wakes as soon as the previous one is
	 * done, instead of sleeping in SQLite's busy handler, which made the p99 of lesson saves
	 * under load almost a second). Each write is a SAVEPOINT inside a shared BEGIN IMMEDIATE;
	 * when it ends while other writers wait, it leaves the transaction open for them and waits
	 * for the one COMMIT (one fsync) of the whole group; the last writer of a group commits.
	 * Nobody is answered before the COMMIT that holds their write is durable. Other processes
	 * still meet the busy timeout. */
	pthread_mutex_t writer;
	struct zh_db *w;
	pthread_mutex_t gmu;     /* the group's state below */
	pthread_cond_t gcv;
	int waiting;             /* writers waiting for `writer` */
	int batch_open, batch_n; /* w has a transaction open; writes released into it */
	uint64_t batch_id, done_id;
	enum zh_err done_err[64];
	uint64_t writes, commits;  /* for the log at close: how well writes group */
	pthread_cond_t cv;
	struct zh_db *free_list;
	struct zh_db **all;
	int n;
};

/* ---- ICU collation "ru" and function zh_fold(text) ---- */

static int ru_collate(void *arg, int la, const void *a, int lb, const void *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8((UCollator *)arg, a, la, b, lb, &st);
	if (U_FAILURE(st)) {
		int m = memcmp(a, b, (size_t)(la < lb ? la : lb));
		return m ? m : la - lb;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = zh_fold_dup(s, (size_t)sqlite3_value_bytes(argv[0]));
	if (!f) {
		sqlite3_result_error(ctx, "zh_fold: invalid text", -1);
		return;
	}
	sqlite3_result_text(ctx, f, -1, free);
}

static enum zh_err conn_open(const char *path, bool create, struct zh_db **out, struct zh_fail *f)
{
	struct zh_db *db = calloc(1, sizeof *db);
	UErrorCode st = U_ZERO_ERROR;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);

	if (!db)
		return ZH_ENOMEM;
	db->cache = calloc(ZH_SQ_CACHE, sizeof *db->cache);
	if (!db->cache) {
		free(db->cache);
		free(db);
		return ZH_ENOMEM;
	}
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		zh_fail_set(f, ZH_EIO, "db_open", "", "Не удалось открыть базу данных %s: %s", path,
			    db->h ? sqlite3_errmsg(db->h) : "?");
		sqlite3_close(db->h);
		free(db->cache);
		free(db);
		return ZH_EIO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	static const char pragmas[] =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"      /* an acknowledged write survives a power cut */
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;"
		"PRAGMA cache_size=-16000;"
		"PRAGMA mmap_size=1073741824;"; /* reads without a syscall; each write invalidates the caches */
	char *err = NULL;
	if (sqlite3_exec(db->h, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		zh_fail_set(f, ZH_EDB, "db_open", "", "Ошибка настройки базы данных: %s", err ? err : "?");
		sqlite3_free(err);
		sqlite3_close(db->h);
		free(db->cache);
		free(db);
		return ZH_EDB;
	}
	db->collator = ucol_open("ru", &st);
	if (U_FAILURE(st) || !db->collator) {
		sqlite3_close(db->h);
		free(db->cache);
		free(db);
		return zh_fail_set(f, ZH_EINTERNAL, "icu", "", "ICU: нет правил сортировки ru");
	}
	sqlite3_create_collation_v2(db->h, "ru", SQLITE_UTF8, db->collator, ru_collate, NULL);
	sqlite3_create_function(db->h, "zh_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				fold_fn, NULL, NULL);
	*out = db;
	return ZH_OK;
}

static void conn_close(struct zh_db *db)
{
	for (int i = 0; i < ZH_SQ_CACHE; i++)
		if (db->cache[i].st)
			sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	if (db->collator)
		ucol_close(db->collator);
	free(db->cache);
	free(db);
}

/* ---- migrations ---- */

static enum zh_err migrate(struct zh_db *db, struct zh_fail *f)
{
	char *err = NULL;
	int rc = sqlite3_exec(db->h,
			      "CREATE TABLE IF NOT EXISTS schema_migrations ("
			      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
			      NULL, NULL, &err);
	if (rc != SQLITE_OK)
		goto fail;
	for (int v = 1; zh_migrations[v - 1][0]; v++) {
		sqlite3_stmt *st;
		int have = 0;
		sqlite3_prepare_v2(db->h, "SELECT 1 FROM schema_migrations WHERE version = ?", -1, &st, NULL);
		sqlite3_bind_int(st, 1, v);
		have = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (have)
			continue;
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, &err);
		if (rc != SQLITE_OK)
			goto fail;
		rc = sqlite3_exec(db->h, zh_migrations[v - 1][1], NULL, NULL, &err);
		if (rc == SQLITE_OK) {
			sqlite3_prepare_v2(db->h,
					   "INSERT INTO schema_migrations(version, name, applied_at)"
					   " VALUES (?, ?, strftime('%s','now'))", -1, &st, NULL);
			sqlite3_bind_int(st, 1, v);
			sqlite3_bind_text(st, 2, zh_migrations[v - 1][0], -1, SQLITE_STATIC);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			sqlite3_finalize(st);
		}
		if (rc != SQLITE_OK) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			zh_fail_set(f, ZH_EDB, "migration", "", "Миграция %s не применена: %s",
				    zh_migrations[v - 1][0], err ? err : sqlite3_errmsg(db->h));
			sqlite3_free(err);
			return ZH_EDB;
		}
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		zh_info("migration applied: %s", zh_migrations[v - 1][0]);
	}
	return ZH_OK;
fail:
	zh_fail_set(f, ZH_EDB, "migration", "", "Ошибка миграции: %s", err ? err : sqlite3_errmsg(db->h));
	sqlite3_free(err);
	return ZH_EDB;
}

int zh_store_schema_version(struct zh_db *db)
{
	static const char sql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int v = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* ---- pool ---- */

static void sqlite_setup(void)
{
	/* no global memory statistics: their mutex was taken on every allocation of every
	 * connection (a tenth of a lesson save's CPU); must precede sqlite3_initialize */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum zh_err zh_store_open(const struct zh_store_opts *o, struct zh_store **out, struct zh_fail *f)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	struct zh_store *s = calloc(1, sizeof *s);
	enum zh_err e = ZH_OK;
	int n = o->pool_size > 0 ? o->pool_size : 1;

	if (!s)
		return ZH_ENOMEM;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->writer, NULL);
	pthread_mutex_init(&s->gmu, NULL);
	pthread_cond_init(&s->gcv, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->all = calloc((size_t)n, sizeof *s->all);
	if (!s->all) {
		free(s);
		return ZH_ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		struct zh_db *db = NULL;
		e = conn_open(o->path, o->create && i == 0, &db, f);
		if (e)
			goto fail;
		db->store = s;
		if (i == 0 && o->migrate && (e = migrate(db, f)) != ZH_OK) {
			conn_close(db);
			goto fail;
		}
		if (i == 0 && !o->migrate) {
			sqlite3_stmt *st;
			int ok = sqlite3_prepare_v2(db->h, "SELECT 1 FROM schema_migrations", -1, &st, NULL) == SQLITE_OK;
			sqlite3_finalize(st);
			if (!ok) {
				conn_close(db);
				e = zh_fail_set(f, ZH_ENOTFOUND, "no_installation", "",
						"%s не является базой zhurnal (выполните zhurnal init)", o->path);
				goto fail;
			}
		}
		s->all[s->n++] = db;
		db->next_free = s->free_list;
		s->free_list = db;
	}
	if ((e = conn_open(o->path, false, &s->w, f)))
		goto fail;
	s->w->store = s;
	*out = s;
	return ZH_OK;
fail:
	zh_store_close(s);
	return e;
}

void zh_store_close(struct zh_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		if (i == 0)
			sqlite3_wal_checkpoint_v2(s->all[i]->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		conn_close(s->all[i]);
	}
	if (s->w)
		conn_close(s->w);
	if (s->commits > 1)
		zh_info("store: %llu writes in %llu commits", (unsigned long long)s->writes,
			(unsigned long long)s->commits);
	free(s->all);
	pthread_mutex_destroy(&s->mu);
	pthread_mutex_destroy(&s->writer);
	pthread_mutex_destroy(&s->gmu);
	pthread_cond_destroy(&s->gcv);
	pthread_cond_destroy(&s->cv);
	free(s);
}

struct zh_db *zh_store_acquire(struct zh_store *s)
{
	pthread_mutex_lock(&s->mu);
	while (!s->free_list)
		pthread_cond_wait(&s->cv, &s->mu);
	struct zh_db *db = s->free_list;
	s->free_list = db->next_free;
	pthread_mutex_unlock(&s->mu);
	return db;
}

/* A statement left stepping holds its read snapshot and makes COMMIT fail: every store
 * function resets its statements, and this net catches (and names) one that did not. */
static void reset_active(struct zh_db *db)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (sqlite3_stmt_busy(st) && sqlite3_sql(st) && strncmp(sqlite3_sql(st), "COMMIT", 6) != 0) {
			zh_warn("statement left active: %.80s", sqlite3_sql(st));
			sqlite3_reset(st);
		}
}

void zh_store_release(struct zh_db *db)
{
	struct zh_store *s;
	if (!db)
		return;
	reset_active(db);
	if (db->in_tx)
		zh_db_rollback(db);
	s = db->store;
	pthread_mutex_lock(&s->mu);
	db->next_free = s->free_list;
	s->free_list = db;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* ---- statements and errors ---- */

sqlite3_stmt *zh_sq_prep(struct zh_db *db, const char *sql)
{
	uintptr_t h = ((uintptr_t)sql >> 4) * 2654435761u;
	for (int k = 0; k < ZH_SQ_CACHE; k++) {
		int i = (int)((h + (uintptr_t)k) % ZH_SQ_CACHE);
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return db->cache[i].st;
		}
		if (!db->cache[i].sql) {
			sqlite3_stmt *st;
			if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
				zh_error("sqlite prepare failed: %s", sqlite3_errmsg(db->h));
				return NULL;
			}
			db->cache[i].sql = sql;
			db->cache[i].st = st;
			return st;
		}
	}
	zh_error("statement cache full");
	return NULL;
}

enum zh_err zh_sq_err(struct zh_db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ZH_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ZH_EBUSY;
	case SQLITE_CONSTRAINT:
		return ZH_ECONFLICT;
	case SQLITE_NOMEM:
		return ZH_ENOMEM;
	default:
		zh_error("sqlite error %d: %s", rc, sqlite3_errmsg(db->h));
		return ZH_EDB;
	}
}

enum zh_err zh_sq_exec_done(struct zh_db *db, sqlite3_stmt *st)
{
	if (!st)
		return ZH_EDB;
	int rc = sqlite3_step(st);
	enum zh_err e = rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
	sqlite3_reset(st);
	return e;
}

const char *zh_sq_text(struct zh_arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t)
		return NULL;
	return zh_arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, col));
}

void zh_sq_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void zh_sq_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

enum zh_err zh_sq_step_one(struct zh_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return ZH_OK;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, rc);
}

enum zh_err zh_sq_insert_id(struct zh_db *db, sqlite3_stmt *st, int64_t *id)
{
	enum zh_err e = zh_sq_exec_done(db, st);
	if (!e && id)
		*id = sqlite3_last_insert_rowid(db->h);
	return e;
}

enum zh_err zh_sq_scalar_id(struct zh_db *db, sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_sq_exists(struct zh_db *db, sqlite3_stmt *st, bool *yes)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return zh_sq_err(db, rc);
	*yes = rc == SQLITE_ROW;
	return ZH_OK;
}

void *zh_sq_push(struct zh_arena *a, void **arr, size_t *n, size_t *cap, size_t elem)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *na = zh_arena_alloc(a, nc * elem);
		if (!na)
			return NULL;
		if (*n)
			memcpy(na, *arr, *n * elem);
		*arr = na;
		*cap = nc;
	}
	void *p = (char *)*arr + *n * elem;
	(*n)++;
	return p;
}

/* ---- transactions ---- */

/* Exchanges the SQLite connection (handle, collator, statements) of two handles. */
static void swap_conn(struct zh_db *a, struct zh_db *b)
{
	sqlite3 *h = a->h;
	void *col = a->collator;
	struct zh_sq_slot *cache = a->cache;
	a->h = b->h;
	a->collator = b->collator;
	a->cache = b->cache;
	b->h = h;
	b->collator = col;
	b->cache = cache;
}

static enum zh_err exec_static(struct zh_db *db, const char *sql)
{
	return zh_sq_exec_done(db, zh_sq_prep(db, sql));
}

static const char sp_begin[] = "SAVEPOINT zh_write";
static const char sp_release[] = "RELEASE zh_write";
static const char sp_undo[] = "ROLLBACK TO zh_write";
static const char tx_begin[] = "BEGIN IMMEDIATE";
static const char tx_commit[] = "COMMIT";
static const char tx_rollback[] = "ROLLBACK";

/* Ends this handle's write (own = its outcome, its savepoint already released or undone): joins
 * the group and waits for its COMMIT when other writers wait, else commits the group. */
static enum zh_err end_write(struct zh_db *db, enum zh_err own, bool lost)
{
	struct zh_store *s = db->store;
	uint64_t id = s->batch_id;
	enum zh_err e;
	bool follow;

	pthread_mutex_lock(&s->gmu);
	follow = !lost && s->waiting > 0 && s->batch_n < 64;
	pthread_mutex_unlock(&s->gmu);
	if (follow) {
		swap_conn(db, s->w);
		db->holds_writer = 0;
		db->in_tx = 0;
		pthread_mutex_unlock(&s->writer);
		if (own)
			return own;
		pthread_mutex_lock(&s->gmu);
		while (s->done_id < id)
			pthread_cond_wait(&s->gcv, &s->gmu);
		e = s->done_err[id % 64];
		pthread_mutex_unlock(&s->gmu);
		return e;
	}
	reset_active(db);
	/* lost: the shared transaction was rolled back under the group: nobody in it is saved */
	e = lost ? ZH_EDB : s->batch_n > 0 ? exec_static(db, tx_commit) : ZH_OK;
	if (!lost && s->batch_n > 0) {
		s->writes += (uint64_t)s->batch_n;
		s->commits++;
	}
	if (e || s->batch_n == 0) {
		if (sqlite3_get_autocommit(db->h) == 0)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	s->batch_open = 0;
	s->batch_n = 0;
	pthread_mutex_lock(&s->gmu);
	s->done_err[id % 64] = e;
	s->done_id = id;
	pthread_cond_broadcast(&s->gcv);
	pthread_mutex_unlock(&s->gmu);
	swap_conn(db, s->w);
	db->holds_writer = 0;
	db->in_tx = 0;
	pthread_mutex_unlock(&s->writer);
	return own ? own : e;
}

enum zh_err zh_db_begin(struct zh_db *db, bool write)
{
	struct zh_store *s = db->store;
	enum zh_err e;
	if (!write) {
		e = exec_static(db, "BEGIN");
		if (!e)
			db->in_tx = 1;
		return e;
	}
	if (db->holds_writer)
		return ZH_EINTERNAL; /* no nested writes */
	pthread_mutex_lock(&s->gmu);
	s->waiting++;
	pthread_mutex_unlock(&s->gmu);
	pthread_mutex_lock(&s->writer);
	pthread_mutex_lock(&s->gmu);
	s->waiting--;
	pthread_mutex_unlock(&s->gmu);
	swap_conn(db, s->w);
	db->holds_writer = 1;
	if (!s->batch_open) {
		if ((e = exec_static(db, tx_begin))) {
			swap_conn(db, s->w);
			db->holds_writer = 0;
			pthread_mutex_unlock(&s->writer);
			return e;
		}
		s->batch_open = 1;
		s->batch_n = 0;
		s->batch_id++;
	}
	if ((e = exec_static(db, sp_begin)))
		return end_write(db, e, sqlite3_get_autocommit(db->h) != 0);
	db->batch = s->batch_id;
	db->in_tx = 1;
	return ZH_OK;
}

enum zh_err zh_db_commit(struct zh_db *db)
{
	enum zh_err e;
	reset_active(db);
	if (!db->holds_writer) {
		e = exec_static(db, tx_commit);
		if (e) {
			zh_db_rollback(db);
			return e;
		}
		db->in_tx = 0;
		return ZH_OK;
	}
	if ((e = exec_static(db, sp_release))) {
		zh_db_rollback(db);
		return e;
	}
	db->store->batch_n++;
	return end_write(db, ZH_OK, false);
}

void zh_db_rollback(struct zh_db *db)
{
	if (db->holds_writer) {
		/* undo this write only; the group's other writes stay */
		bool lost = false;
		reset_active(db);
		if (sqlite3_get_autocommit(db->h) != 0 || exec_static(db, sp_undo) || exec_static(db, sp_release)) {
			/* the shared transaction is gone or broken: the whole group fails (its waiting
			 * members are told so, never that they were saved) */
			if (sqlite3_get_autocommit(db->h) == 0)
				sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			lost = true;
		}
		(void)end_write(db, ZH_EDB, lost);
		return;
	}
	if (sqlite3_get_autocommit(db->h) == 0) {
		sqlite3_stmt *st = zh_sq_prep(db, tx_rollback);
		if (!st || sqlite3_step(st) != SQLITE_DONE)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (st)
			sqlite3_reset(st);
	}
	db->in_tx = 0;
}

const char *zh_db_errmsg(struct zh_db *db)
{
	return sqlite3_errmsg(db->h);
}
