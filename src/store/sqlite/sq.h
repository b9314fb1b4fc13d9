/* sq.h: internals shared by the SQLite backend files (not for use outside store/sqlite) */
#ifndef ZH_SQ_H
#define ZH_SQ_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define ZH_SQ_CACHE 1024

struct zh_sq_slot {
	const char *sql;   /* key: address of the statement's constant text */
	sqlite3_stmt *st;
};

struct zh_db {
	/* the SQLite connection this handle runs statements on: its own, or, inside a write
	 * transaction, the store's writer connection (h, collator and cache travel together) */
	sqlite3 *h;
	void *collator;
	struct zh_sq_slot *cache;  /* ZH_SQ_CACHE slots */
	struct zh_store *store;
	struct zh_db *next_free;
	int in_tx;
	int holds_writer;    /* inside a write transaction on the writer connection (see zh_db_begin) */
	uint64_t batch;      /* the group commit this write joined */
};

/* The cached prepared statement for sql (a string constant), reset and unbound; NULL on error. */
sqlite3_stmt *zh_sq_prep(struct zh_db *db, const char *sql);
/* Maps a SQLite result code to the one error type (and logs unexpected ones). */
enum zh_err zh_sq_err(struct zh_db *db, int rc);
/* Runs a statement expecting no rows (SQLITE_DONE). */
enum zh_err zh_sq_exec_done(struct zh_db *db, sqlite3_stmt *st);
/* Column text copied into the arena ("" for NULL when empty_for_null, else NULL). */
const char *zh_sq_text(struct zh_arena *a, sqlite3_stmt *st, int col);
void zh_sq_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds an id, or NULL when it is 0 (optional references). */
void zh_sq_bind_id(sqlite3_stmt *st, int i, int64_t id);
/* Steps a one-row statement: ZH_OK with the row current (the caller resets), ZH_ENOTFOUND
 * (reset), or the error (reset). */
enum zh_err zh_sq_step_one(struct zh_db *db, sqlite3_stmt *st);
/* Runs an INSERT and gives the new row's id (id may be NULL). */
enum zh_err zh_sq_insert_id(struct zh_db *db, sqlite3_stmt *st, int64_t *id);
/* The first column of the first row as an integer (0 when there is no row); always resets. */
enum zh_err zh_sq_scalar_id(struct zh_db *db, sqlite3_stmt *st, int64_t *out);
/* Runs a statement and tells whether it gave a row; always resets. */
enum zh_err zh_sq_exists(struct zh_db *db, sqlite3_stmt *st, bool *yes);

/* Growable arrays in an arena: push one zeroed element, doubling capacity. */
void *zh_sq_push(struct zh_arena *a, void **arr, size_t *n, size_t *cap, size_t elem);
#define ZH_SQ_PUSH(a, arr, n, cap) ((__typeof__(arr))zh_sq_push((a), (void **)&(arr), &(n), &(cap), sizeof *(arr)))

#endif
