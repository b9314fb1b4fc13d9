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

#endif
