/* delivery.c: the background worker that sends the e-mail/SMS outbox (M-11).
 * A message is claimed ('sending', claimed_at = now, attempts + 1) in one short write
 * transaction, sent outside any transaction, then marked 'sent', 'pending' with backoff or
 * 'failed' with the attempt logged. A crash between claim and mark leaves it 'sending'; once the
 * lease runs out it is sent again with the same idempotency key (SMTP Message-ID, SMS
 * Idempotency-Key and "id"), so the receiver drops the repeat: exactly once per channel. */
#include "domain/delivery.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/sms.h"
#include "domain/smtp.h"
#include "store/notify.h"

#define BATCH 20
#define MAX_STEPS 16

struct zh_delivery {
	struct zh_store *store;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
};

struct conf {
	int poll_ms, timeout_ms, nsteps;
	int64_t lease, steps[MAX_STEPS];
};

static long env_long(const char *name, long def, long min, long max)
{
	const char *v = getenv(name);
	long x = v && *v ? strtol(v, NULL, 10) : def;
	return x < min || x > max ? def : x;
}

static void load_conf(struct conf *c)
{
	const char *b = getenv("ZHURNAL_DELIVERY_BACKOFF");
	c->poll_ms = (int)env_long("ZHURNAL_DELIVERY_POLL_MS", 1000, 10, 600000);
	c->timeout_ms = (int)env_long("ZHURNAL_DELIVERY_TIMEOUT_MS", 10000, 100, 600000);
	c->lease = env_long("ZHURNAL_DELIVERY_LEASE", 300, 1, 86400);
	c->nsteps = 0;
	if (!b || !*b)
		b = "30,120,600,3600";
	while (*b && c->nsteps < MAX_STEPS) {
		char *end;
		long x = strtol(b, &end, 10);
		if (end == b)
			break;
		c->steps[c->nsteps++] = x < 0 ? 0 : x;
		b = *end == ',' ? end + 1 : end;
	}
}

static enum zh_send_result send_one(const struct conf *cf, const struct zh_nt_msg *m, char *err, size_t errn)
{
	if (strcmp(m->channel, "email") == 0) {
		struct zh_smtp_conf sc = { .host = m->smtp_host, .user = m->smtp_user, .password = m->smtp_password,
					   .from = m->smtp_from, .port = (int)m->smtp_port, .timeout_ms = cf->timeout_ms };
		char mid[200];
		snprintf(mid, sizeof mid, "<%s@zhurnal>", m->idem_key);
		struct zh_mail mail = { .to = m->address, .subject = m->subject, .body = m->body, .message_id = mid };
		if (!*sc.host) {
			snprintf(err, errn, "в настройках школы не указан SMTP-сервер");
			return ZH_SEND_RETRY;
		}
		return zh_smtp_send(&sc, &mail, err, errn);
	}
	struct zh_sms s = { .url = m->sms_url, .token = m->sms_token, .from = m->sms_sender, .to = m->address,
			    .text = m->body, .id = m->idem_key, .timeout_ms = cf->timeout_ms };
	if (!*s.url) {
		snprintf(err, errn, "в настройках школы не указан адрес шлюза SMS");
		return ZH_SEND_RETRY;
	}
	return zh_sms_send(&s, err, errn);
}

static int run_once(struct zh_store *s, const struct conf *cf)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_db *db;
	struct zh_nt_msg *rows = NULL;
	size_t n = 0;
	int64_t now = zh_now();
	enum zh_err e;
	if (!a)
		return 0;
	db = zh_store_acquire(s);
	if (!(e = zh_db_begin(db, true))) {
		e = zh_store_nt_claim(db, a, now, now - cf->lease, BATCH, &rows, &n);
		if (e)
			zh_db_rollback(db);
		else
			e = zh_db_commit(db);
	}
	if (e) {
		zh_warn("delivery: claim failed: %s", zh_db_errmsg(db));
		n = 0;
	}
	zh_store_release(db);
	for (size_t i = 0; i < n; i++) {
		const struct zh_nt_msg *m = &rows[i];
		char err[300] = "";
		enum zh_send_result r = send_one(cf, m, err, sizeof err);
		const char *status = "sent";
		int64_t t = zh_now(), next = t;
		if (r != ZH_SEND_OK) {
			if (r == ZH_SEND_FAIL || m->attempts > cf->nsteps)
				status = "failed";
			else {
				status = "pending";
				next = t + cf->steps[m->attempts - 1 < 0 ? 0 : m->attempts - 1];
			}
		}
		db = zh_store_acquire(s);
		if (!(e = zh_db_begin(db, true))) {
			e = zh_store_nt_done(db, m, status, next, t, r == ZH_SEND_OK ? (*err ? err : "ok") : err);
			if (e)
				zh_db_rollback(db);
			else
				e = zh_db_commit(db);
		}
		if (e)
			zh_warn("delivery: could not record message %lld: %s", (long long)m->id, zh_db_errmsg(db));
		zh_store_release(db);
	}
	zh_arena_free(a);
	return (int)n;
}

int zh_delivery_run_once(struct zh_store *s)
{
	struct conf cf;
	load_conf(&cf);
	return run_once(s, &cf);
}

static void *worker(void *arg)
{
	struct zh_delivery *d = arg;
	struct conf cf;
	load_conf(&cf);
	pthread_mutex_lock(&d->mu);
	while (!d->stop) {
		int sent;
		pthread_mutex_unlock(&d->mu);
		sent = run_once(d->store, &cf);
		pthread_mutex_lock(&d->mu);
		if (sent == BATCH || d->stop)
			continue; /* more may be due at once */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += cf.poll_ms / 1000;
		ts.tv_nsec += (long)(cf.poll_ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&d->cv, &d->mu, &ts);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

struct zh_delivery *zh_delivery_start(struct zh_store *s)
{
	const char *off = getenv("ZHURNAL_DELIVERY");
	struct zh_delivery *d;
	if (off && strcmp(off, "off") == 0)
		return NULL;
	if (!(d = calloc(1, sizeof *d)))
		return NULL;
	d->store = s;
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	if (pthread_create(&d->th, NULL, worker, d)) {
		zh_warn("delivery: could not start the worker");
		free(d);
		return NULL;
	}
	return d;
}

void zh_delivery_stop(struct zh_delivery *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->mu);
	d->stop = true;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	pthread_join(d->th, NULL);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->cv);
	free(d);
}
