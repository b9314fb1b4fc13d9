/* diary_cache.c: rendered diary weeks in memory (see diary_cache.h). Sets of WAYS slots (a key
 * lives in one set; the oldest entry of a full set gives way), a lock per set stripe: a lookup
 * costs a hash, a lock, up to WAYS compares and a copy. Direct-mapped slots lost a fifth of
 * the keys to collisions at 3 500 weeks in 16 384 slots. ZHURNAL_DIARY_CACHE=N sets the number
 * of slots (default 16384, about 200 MB at most for 13 KB weeks; 0 turns it off). */
#include "domain/diary_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TTL 60
#define LOCKS 256
#define WAYS 4

struct slot {
	struct zh_diary_key k;
	int64_t at;
	char *json;
	size_t len;
};

static struct slot *slots;
static size_t nslots;
static pthread_mutex_t locks[LOCKS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
	const char *s = getenv("ZHURNAL_DIARY_CACHE");
	long n = s ? strtol(s, NULL, 10) : 16384;
	if (n < 0 || n > (1L << 22))
		n = 16384;
	for (int i = 0; i < LOCKS; i++)
		pthread_mutex_init(&locks[i], NULL);
	n -= n % WAYS;
	if (n && (slots = calloc((size_t)n, sizeof *slots)))
		nslots = (size_t)n;
}

/* The first slot of the key's set. */
static size_t set_of(const struct zh_diary_key *k)
{
	uint64_t h = (uint64_t)k->student_id * 0x9E3779B97F4A7C15ull;
	for (const char *p = k->start; *p; p++)
		h = (h ^ (uint8_t)*p) * 0x100000001B3ull;
	return (size_t)(h % (nslots / WAYS)) * WAYS;
}

static bool same(const struct zh_diary_key *a, const struct zh_diary_key *b)
{
	return a->school_id == b->school_id && a->student_id == b->student_id && a->gen == b->gen &&
	       strcmp(a->start, b->start) == 0 && strcmp(a->today, b->today) == 0;
}

bool zh_diary_cache_get(const struct zh_diary_key *k, int64_t now, char **json, size_t *len)
{
	bool hit = false;
	pthread_once(&once, init);
	if (!nslots)
		return false;
	size_t first = set_of(k);
	pthread_mutex_t *mu = &locks[(first / WAYS) % LOCKS];
	pthread_mutex_lock(mu);
	for (size_t i = first; i < first + WAYS && !hit; i++) {
		struct slot *s = &slots[i];
		if (s->json && same(&s->k, k) && now - s->at < TTL && now >= s->at && (*json = malloc(s->len + 1))) {
			memcpy(*json, s->json, s->len + 1);
			*len = s->len;
			hit = true;
		}
	}
	pthread_mutex_unlock(mu);
	return hit;
}

void zh_diary_cache_put(const struct zh_diary_key *k, int64_t now, const char *json, size_t len)
{
	pthread_once(&once, init);
	if (!nslots)
		return;
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, json, len);
	copy[len] = '\0';
	size_t first = set_of(k);
	pthread_mutex_t *mu = &locks[(first / WAYS) % LOCKS];
	pthread_mutex_lock(mu);
	/* the same week (an older generation), else an empty slot, else the oldest of the set */
	struct slot *s = NULL;
	for (size_t i = first; i < first + WAYS && !s; i++)
		if (slots[i].json && slots[i].k.school_id == k->school_id && slots[i].k.student_id == k->student_id &&
		    strcmp(slots[i].k.start, k->start) == 0)
			s = &slots[i];
	for (size_t i = first; i < first + WAYS && !s; i++)
		if (!slots[i].json)
			s = &slots[i];
	if (!s) {
		s = &slots[first];
		for (size_t i = first + 1; i < first + WAYS; i++)
			if (slots[i].at < s->at)
				s = &slots[i];
	}
	char *old = s->json;
	s->k = *k;
	s->at = now;
	s->json = copy;
	s->len = len;
	pthread_mutex_unlock(mu);
	free(old);
}

size_t zh_diary_cache_size(void)
{
	size_t n = 0;
	pthread_once(&once, init);
	for (size_t i = 0; i < nslots; i++) {
		pthread_mutex_t *mu = &locks[(i / WAYS) % LOCKS];
		pthread_mutex_lock(mu);
		n += slots[i].json != NULL;
		pthread_mutex_unlock(mu);
	}
	return n;
}
