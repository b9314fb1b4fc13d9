/* views.c: the in-memory queue of diary views and its flusher thread (see views.h) */
#include "domain/views.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"
#include "store/diary.h"

#define QUEUE_MAX 4096       /* views waiting for the next flush */
#define DEDUP_SLOTS 16384    /* recent keys (a collision only costs a duplicate row) */
#define DEDUP_SECONDS 60
#define FLUSH_MS 2000

struct slot {
	uint64_t key;
	int64_t at;
};

static struct {
	pthread_mutex_t mu;        /* the queue and the dedup table */
	pthread_mutex_t write_mu;  /* one flush at a time */
	pthread_cond_t cv;
	pthread_t thread;
	bool running, stopping;
	struct zh_store *store;
	struct zh_dy_view q[QUEUE_MAX];
	size_t n;
	struct slot dedup[DEDUP_SLOTS];
} V = { .mu = PTHREAD_MUTEX_INITIALIZER, .write_mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdULL;
}

static uint64_t key_of(const struct zh_dy_view *v)
{
	uint64_t h = mix(mix(mix(1469598103934665603ULL, (uint64_t)v->user_id), (uint64_t)v->student_id),
			 (uint64_t)v->school_id);
	for (const char *p = v->what; *p; p++)
		h = mix(h, (unsigned char)*p);
	h = mix(h, 0xff);
	for (const char *p = v->ref; *p; p++)
		h = mix(h, (unsigned char)*p);
	return h ? h : 1;
}

/* Writes rows in one transaction; failures are logged and the rows dropped (views are a log). */
static void write_rows(struct zh_store *s, const struct zh_dy_view *rows, size_t n)
{
	if (!n || !s)
		return;
	struct zh_db *db = zh_store_acquire(s);
	if (!db) {
		zh_log(ZH_LOG_WARN, "diary views: no connection, %zu views dropped", n);
		return;
	}
	enum zh_err e = zh_db_begin(db, true);
	if (!e && (e = zh_store_dy_views_insert(db, rows, n)))
		zh_db_rollback(db);
	else if (!e)
		e = zh_db_commit(db);
	if (e)
		zh_log(ZH_LOG_WARN, "diary views: %zu views not written (%s)", n, zh_db_errmsg(db));
	zh_store_release(db);
}

/* Takes the queue under the lock and writes it outside. */
static void flush_now(void)
{
	static struct zh_dy_view batch[QUEUE_MAX];  /* guarded by write_mu */
	pthread_mutex_lock(&V.write_mu);
	pthread_mutex_lock(&V.mu);
	size_t n = V.n;
	struct zh_store *s = V.store;
	memcpy(batch, V.q, n * sizeof *batch);
	V.n = 0;
	pthread_mutex_unlock(&V.mu);
	write_rows(s, batch, n);
	pthread_mutex_unlock(&V.write_mu);
}

void zh_views_flush(void)
{
	flush_now();
}

static void *flusher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&V.mu);
	while (!V.stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += FLUSH_MS / 1000;
		ts.tv_nsec += (long)(FLUSH_MS % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&V.cv, &V.mu, &ts);
		if (V.n) {
			pthread_mutex_unlock(&V.mu);
			flush_now();
			pthread_mutex_lock(&V.mu);
		}
	}
	pthread_mutex_unlock(&V.mu);
	return NULL;
}

void zh_views_start(struct zh_store *s)
{
	pthread_mutex_lock(&V.mu);
	if (V.running) {
		pthread_mutex_unlock(&V.mu);
		return;
	}
	V.store = s;
	V.stopping = false;
	V.n = 0;
	memset(V.dedup, 0, sizeof V.dedup);
	V.running = pthread_create(&V.thread, NULL, flusher, NULL) == 0;
	if (!V.running)
		zh_log(ZH_LOG_WARN, "diary views: the flusher did not start; views are written when the queue fills");
	pthread_mutex_unlock(&V.mu);
}

void zh_views_stop(void)
{
	pthread_mutex_lock(&V.mu);
	bool running = V.running;
	V.stopping = true;
	pthread_cond_broadcast(&V.cv);
	pthread_mutex_unlock(&V.mu);
	if (running)
		pthread_join(V.thread, NULL);
	flush_now();
	pthread_mutex_lock(&V.mu);
	V.running = false;
	V.store = NULL;
	pthread_mutex_unlock(&V.mu);
}

void zh_views_record(const struct zh_ctx *c, int64_t student_id, const char *what, const char *ref)
{
	struct zh_dy_view v = { .school_id = c->school_id, .user_id = c->user_id, .person_id = c->person_id,
				.student_id = student_id, .at = c->now ? c->now : zh_now() };
	if (!c->user_id || !student_id)
		return;
	strncpy(v.what, what, sizeof v.what - 1);
	strncpy(v.ref, ref ? ref : "", sizeof v.ref - 1);
	uint64_t key = key_of(&v);
	bool full = false;

	pthread_mutex_lock(&V.mu);
	if (!V.store) {
		pthread_mutex_unlock(&V.mu);
		return;
	}
	struct slot *sl = &V.dedup[key % DEDUP_SLOTS];
	if (sl->key == key && v.at - sl->at < DEDUP_SECONDS && v.at >= sl->at) {
		pthread_mutex_unlock(&V.mu);
		return;
	}
	sl->key = key;
	sl->at = v.at;
	if (V.n == QUEUE_MAX) {
		pthread_mutex_unlock(&V.mu);
		flush_now();
		pthread_mutex_lock(&V.mu);
		full = V.n == QUEUE_MAX;  /* others filled it again meanwhile: drop this one */
	}
	if (!full)
		V.q[V.n++] = v;
	pthread_mutex_unlock(&V.mu);
	if (full)
		zh_log(ZH_LOG_WARN, "diary views: queue full, a view dropped");
}
