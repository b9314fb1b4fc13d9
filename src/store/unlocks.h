/* unlocks.h: storage of requests to open a locked journal date and the admin's decisions (M-09) */
#ifndef ZH_STORE_UNLOCKS_H
#define ZH_STORE_UNLOCKS_H

#include "store/store.h"

/* An unlock that is open now: teacher × date, granted, expires_at > now. */
struct zh_unlock_open {
	int64_t id;
	char date[11];
	int64_t expires_at;
};
/* Every open unlock of the teacher (one statement; the journal grid and saves use it). */
enum zh_err zh_store_unlocks_open(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				  int64_t now, struct zh_unlock_open **rows, size_t *n);

/* A request and its decision. */
struct zh_unlock_row {
	int64_t id, teacher_id, lesson_id, requested_by, requested_at, decided_by, decided_at, expires_at;
	const char *teacher_name, *date, *reason, *status, *decision_comment;
};
enum zh_err zh_store_unlock_insert(struct zh_db *db, int64_t school_id, const struct zh_unlock_row *r, int64_t *id);
/* ZH_ENOTFOUND when not the school's. */
enum zh_err zh_store_unlock_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_unlock_row *out);
/* teacher_id 0 = every teacher; status NULL = any. Newest first, at most limit rows; *total counts all. */
enum zh_err zh_store_unlocks_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t teacher_id,
				  const char *status, int64_t limit, int64_t offset, struct zh_unlock_row **rows,
				  size_t *n, int64_t *total);
/* pending → granted | refused (expires_at 0 = NULL); ZH_ECONFLICT when no longer pending. */
enum zh_err zh_store_unlock_decide(struct zh_db *db, int64_t id, const char *status, int64_t by, int64_t at,
				   const char *comment, int64_t expires_at);

#endif
