/* diary_cache.h: rendered diary weeks kept in memory. Parents and students open the same week
 * again and again (Monday morning: all of them); a week's JSON is valid while the school's
 * generation (0016: moved by every write to what a week shows, in the write's transaction) is
 * the one it was built at, the school's "today" is the same, and it is younger than a minute
 * (the bound for the few things no trigger watches, such as a teacher's renamed card). */
#ifndef ZH_DIARY_CACHE_H
#define ZH_DIARY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct zh_diary_key {
	int64_t school_id, student_id, gen;
	char start[11], today[11];
};

/* A malloc'd copy of the cached JSON (the caller frees it), or false. */
bool zh_diary_cache_get(const struct zh_diary_key *k, int64_t now, char **json, size_t *len);
void zh_diary_cache_put(const struct zh_diary_key *k, int64_t now, const char *json, size_t len);
/* Slots in use, for tests and the log. */
size_t zh_diary_cache_size(void);

#endif
