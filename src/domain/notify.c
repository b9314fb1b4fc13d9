/* notify.c: the one entry point of every notification (M-11): in-app rows and the e-mail/SMS
 * outbox, idempotent per event; journal feeds, preferences, quiet hours, announcements */
#include "domain/notify.h"

#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/tz.h"
#include "domain/audit.h"
#include "domain/people.h"
#include "json/json.h"
#include "domain/roles.h"

const char *const zh_notify_kinds[] = { "mark", "absence", "homework", "timetable_change", "event",
					"announcement", "alert", "digest", NULL };

static bool known_kind(const char *k)
{
	for (int i = 0; zh_notify_kinds[i]; i++)
		if (strcmp(zh_notify_kinds[i], k) == 0)
			return true;
	return false;
}

/* e-mail: everything but the digest (which parents choose); SMS (costs money): absences,
 * timetable changes and alerts */
bool zh_notify_default(const char *kind, bool sms)
{
	if (!sms)
		return strcmp(kind, "digest") != 0;
	return strcmp(kind, "absence") == 0 || strcmp(kind, "timetable_change") == 0 || strcmp(kind, "alert") == 0;
}

/* ---- quiet hours ---- */

static int hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' || s[3] < '0' ||
	    s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 ? h * 60 + m : -1;
}

/* local midnight (zone tz) of the day containing t, and of the next day */
static bool local_midnight(const char *tz, int64_t t, int64_t *mid, int64_t *next)
{
	int64_t day = (t >= 0 ? t : t - 86399) / 86400, best = 0, after = 0;
	bool have = false;
	for (int64_t d = day - 1; d <= day + 2; d++) {
		int y, m, dd;
		int64_t x;
		zh_civil_days(d, &y, &m, &dd);
		if (!zh_tz_midnight(tz, y, m, dd, &x))
			return false;
		if (x <= t) {
			best = x;
			have = true;
		} else if (!after)
			after = x;
	}
	*mid = best;
	*next = after;
	return have && after;
}

int64_t zh_notify_quiet_end(const char *tz, const char *from, const char *to, int64_t now)
{
	int f = hhmm(from), u = hhmm(to);
	int64_t mid, next, m;
	if (f < 0 || u < 0 || f == u || !local_midnight(tz, now, &mid, &next))
		return now;
	m = (now - mid) / 60;
	if (f < u)
		return m >= f && m < u ? mid + (int64_t)u * 60 : now;
	if (m >= f)
		return next + (int64_t)u * 60;
	if (m < u)
		return mid + (int64_t)u * 60;
	return now;
}

/* ---- the entry point ---- */

static enum zh_err outbox(struct zh_ctx *c, const struct zh_notice *n, const struct zh_nt_school *sch, int64_t pid,
			  int64_t nid, int64_t school_id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_nt_target t;
	enum zh_err e;
	if (!sch->email && !sch->sms)
		return ZH_OK;
	if ((e = zh_store_nt_target(db, c->arena, school_id, pid, n->kind, &t)))
		return e;
	bool em = t.email_on < 0 ? zh_notify_default(n->kind, false) : t.email_on != 0;
	bool sm = t.sms_on < 0 ? zh_notify_default(n->kind, true) : t.sms_on != 0;
	const char *email = *t.email ? t.email : t.card_email, *phone = *t.phone ? t.phone : t.card_phone;
	int64_t at = zh_notify_quiet_end(sch->tz, t.quiet_from, t.quiet_to, c->now);
	if (sch->email && em && *email &&
	    (e = zh_store_nt_outbox_add(db, school_id, nid, pid, "email", email, n->title, n->body, at, c->now)))
		return e;
	if (sch->sms && sm && *phone) {
		/* an SMS is short: the title and as much of the body as fits one long message */
		char *text = zh_arena_printf(c->arena, "%s%s%.300s", n->title, n->body && *n->body ? ". " : "",
					      n->body ? n->body : "");
		if (!text)
			return ZH_ENOMEM;
		if ((e = zh_store_nt_outbox_add(db, school_id, nid, pid, "sms", phone, n->title, text, at, c->now)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_notify(struct zh_ctx *c, const struct zh_notice *n, int64_t *count)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_nt_audience au = n->to;
	struct zh_nt_school sch;
	int64_t *ids, done = 0;
	size_t nids;
	enum zh_err e;

	if (count)
		*count = 0;
	if (!au.school_id)
		au.school_id = c->school_id;
	if (!n->kind || !known_kind(n->kind) || !n->title)
		return ZH_EINVAL;
	if ((e = zh_store_nt_school(db, c->arena, au.school_id, &sch)) ||
	    (e = zh_store_nt_audience(db, c->arena, &au, &ids, &nids)))
		return e;
	for (size_t i = 0; i < nids; i++) {
		struct zh_nt_latest last;
		const char *body = n->body ? n->body : "";
		char *key = zh_arena_printf(c->arena, "%s:%s:%lld%s%s:%lld", n->kind, n->entity ? n->entity : "",
					     (long long)n->entity_id, n->sub ? ":" : "", n->sub ? n->sub : "",
					     (long long)ids[i]);
		int64_t nid, version = 1;
		if (!key)
			return ZH_ENOMEM;
		e = zh_store_nt_latest(db, c->arena, key, &last);
		if (e && e != ZH_ENOTFOUND)
			return e;
		if (!e) {
			if (strcmp(last.title, n->title) == 0 && strcmp(last.body, body) == 0)
				continue; /* the same event again */
			if (n->coalesce > 0 && !last.started && c->now - last.created_at < n->coalesce) {
				if ((e = zh_store_nt_rewrite(db, last.id, n->title, body, c->now)))
					return e;
				done++;
				continue;
			}
			version = last.version + 1;
		}
		struct zh_nt_new row = { .school_id = au.school_id, .person_id = ids[i], .entity_id = n->entity_id,
					 .version = version, .now = c->now, .kind = n->kind, .title = n->title,
					 .body = body, .entity = n->entity, .key = key };
		if ((e = zh_store_nt_insert(db, &row, &nid)) || (e = outbox(c, n, &sch, ids[i], nid, au.school_id)))
			return e;
		done++;
	}
	if (count)
		*count = done;
	return ZH_OK;
}

/* ---- journal feeds ---- */

#define MARK_COALESCE 600

static const char *mark_text(struct zh_ctx *c, const char *kind, int value)
{
	if (!kind)
		return "отметка снята";
	if (strcmp(kind, "mark") == 0)
		return zh_arena_printf(c->arena, "%d", value);
	if (strcmp(kind, "pass") == 0)
		return "зачёт";
	if (strcmp(kind, "fail") == 0)
		return "незачёт";
	return "точка (долг)";
}

static char *ru_date(struct zh_ctx *c, const char *d)
{
	/* "2026-11-22" → "22.11.2026" */
	if (!d || strlen(d) != 10)
		return zh_arena_printf(c->arena, "%s", d ? d : "");
	return zh_arena_printf(c->arena, "%.2s.%.2s.%.4s", d + 8, d + 5, d);
}

static enum zh_err student_name(struct zh_ctx *c, int64_t id, const char **out)
{
	struct zh_person_row p;
	enum zh_err e = zh_store_person_get(zh_ctx_db(c), c->arena, id, &p);
	if (e)
		return e;
	*out = zh_arena_printf(c->arena, "%s %s", p.last_name, p.first_name);
	return *out ? ZH_OK : ZH_ENOMEM;
}

static enum zh_err feed_mark(struct zh_ctx *c, int64_t lesson_id, int64_t assignment_id, int64_t student_id,
			     const char *kind, int value)
{
	struct zh_nt_lesson l;
	const char *who;
	enum zh_err e;
	if ((e = zh_store_nt_lesson(zh_ctx_db(c), c->arena, lesson_id, &l)) || (e = student_name(c, student_id, &who)))
		return e;
	struct zh_notice n = {
		.kind = "mark", .entity = "lesson", .entity_id = lesson_id, .coalesce = MARK_COALESCE,
		.sub = zh_arena_printf(c->arena, "a%lld:s%lld", (long long)assignment_id, (long long)student_id),
		.title = zh_arena_printf(c->arena, "%s: %s — %s", l.subject, mark_text(c, kind, value), who),
		.body = zh_arena_printf(c->arena, "%s, урок %s: %s", who, ru_date(c, l.date),
					 kind ? zh_arena_printf(c->arena, "отметка %s", mark_text(c, kind, value))
					      : "отметка снята"),
		.to = { .student_id = student_id },
	};
	if (!n.sub || !n.title || !n.body)
		return ZH_ENOMEM;
	return zh_notify(c, &n, NULL);
}

static enum zh_err feed_absence(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *code)
{
	struct zh_nt_lesson l;
	const char *who, *what;
	enum zh_err e;
	if ((e = zh_store_nt_lesson(zh_ctx_db(c), c->arena, lesson_id, &l)) || (e = student_name(c, student_id, &who)))
		return e;
	what = !code ? "отметка о пропуске снята"
	       : strcmp(code, "О") == 0 ? "опоздание"
	       : strcmp(code, "Б") == 0 ? "пропуск по болезни"
					  : "пропуск";
	struct zh_notice n = {
		.kind = "absence", .entity = "lesson", .entity_id = lesson_id, .coalesce = MARK_COALESCE,
		.sub = zh_arena_printf(c->arena, "s%lld", (long long)student_id),
		.title = zh_arena_printf(c->arena, "%s: %s — %s", l.subject, what, who),
		.body = zh_arena_printf(c->arena, "%s, урок %s (%s): %s", who, ru_date(c, l.date), l.subject, what),
		.to = { .student_id = student_id },
	};
	if (!n.sub || !n.title || !n.body)
		return ZH_ENOMEM;
	return zh_notify(c, &n, NULL);
}

static enum zh_err feed_homework(struct zh_ctx *c, int64_t lesson_id, const char *homework)
{
	struct zh_nt_lesson l;
	enum zh_err e;
	if (!homework || !*homework)
		return ZH_OK;
	if ((e = zh_store_nt_lesson(zh_ctx_db(c), c->arena, lesson_id, &l)))
		return e;
	struct zh_notice n = {
		.kind = "homework", .entity = "lesson", .entity_id = lesson_id, .coalesce = MARK_COALESCE,
		.title = zh_arena_printf(c->arena, "Домашнее задание: %s, %s", l.subject, ru_date(c, l.date)),
		.body = homework,
		.to = { .class_id = l.class_id, .subgroup_id = l.subgroup_id },
	};
	if (!n.title)
		return ZH_ENOMEM;
	return zh_notify(c, &n, NULL);
}

/* ---- the journal's events: queued in the save's transaction, fanned out by a thread ---- */

static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cv = PTHREAD_COND_INITIALIZER;
static bool q_kicked, q_stop, q_running;
static pthread_t q_thread;
static struct zh_store *q_store;

static enum zh_err enqueue(struct zh_ctx *c, struct zh_nq_row *r)
{
	r->school_id = c->school_id;
	r->user_id = c->user_id;
	r->created_at = c->now ? c->now : zh_now();
	enum zh_err e = zh_store_nq_push(zh_ctx_db(c), r);
	if (!e) {
		pthread_mutex_lock(&q_mu);
		q_kicked = true;
		pthread_cond_signal(&q_cv);
		pthread_mutex_unlock(&q_mu);
	}
	return e;
}

enum zh_err zh_notify_mark(struct zh_ctx *c, int64_t lesson_id, int64_t assignment_id, int64_t student_id,
			   const char *kind, int value)
{
	struct zh_nq_row r = { .feed = "mark", .lesson_id = lesson_id, .assignment_id = assignment_id,
			       .student_id = student_id, .mark_kind = kind, .value = value };
	return enqueue(c, &r);
}

enum zh_err zh_notify_absence(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *code)
{
	struct zh_nq_row r = { .feed = "absence", .lesson_id = lesson_id, .student_id = student_id, .code = code };
	return enqueue(c, &r);
}

enum zh_err zh_notify_homework(struct zh_ctx *c, int64_t lesson_id, const char *homework)
{
	if (!homework || !*homework)
		return ZH_OK;
	struct zh_nq_row r = { .feed = "homework", .lesson_id = lesson_id, .homework = homework };
	return enqueue(c, &r);
}

/* Whether a later row of the batch is about the same cell (then this one is superseded). */
static bool superseded(const struct zh_nq_row *rows, size_t n, size_t i)
{
	const struct zh_nq_row *a = &rows[i];
	for (size_t j = i + 1; j < n; j++) {
		const struct zh_nq_row *b = &rows[j];
		if (strcmp(a->feed, b->feed) == 0 && a->lesson_id == b->lesson_id && a->student_id == b->student_id &&
		    a->assignment_id == b->assignment_id)
			return true;
	}
	return false;
}

enum zh_err zh_notify_drain(struct zh_store *s, int limit, int *done)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_ctx c = { .arena = a, .store = s };
	struct zh_nq_row *rows;
	size_t n = 0;
	enum zh_err e;
	*done = 0;
	if (!a)
		return ZH_ENOMEM;
	struct zh_db *db = zh_ctx_db(&c);
	if ((e = zh_db_begin(db, true)))
		goto out;
	e = zh_store_nq_take(db, a, limit, &rows, &n);
	for (size_t i = 0; !e && i < n; i++) {
		const struct zh_nq_row *r = &rows[i];
		if (superseded(rows, n, i))
			continue; /* only the cell's last state is told */
		c.school_id = r->school_id;
		c.user_id = r->user_id;
		c.now = zh_now();
		memset(&c.fail, 0, sizeof c.fail);
		if (strcmp(r->feed, "mark") == 0)
			e = feed_mark(&c, r->lesson_id, r->assignment_id, r->student_id, r->mark_kind, r->value);
		else if (strcmp(r->feed, "absence") == 0)
			e = feed_absence(&c, r->lesson_id, r->student_id, r->code);
		else
			e = feed_homework(&c, r->lesson_id, r->homework);
		if (e == ZH_ENOTFOUND) /* the lesson or student is gone: nothing to tell */
			e = ZH_OK;
	}
	if (!e && n)
		e = zh_store_nq_delete_upto(db, rows[n - 1].id);
	if (e)
		zh_db_rollback(db);
	else if (!(e = zh_db_commit(db)))
		*done = (int)n;
out:
	zh_ctx_done(&c);
	zh_arena_free(a);
	return e;
}

static void *q_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&q_mu);
	for (;;) {
		int done = 0;
		bool stop = q_stop;
		q_kicked = false;
		pthread_mutex_unlock(&q_mu);
		do {
			enum zh_err e = zh_notify_drain(q_store, 500, &done);
			if (e) {
				zh_warn("notify: the queue of journal events was not processed: %s", zh_err_name(e));
				break;
			}
		} while (done == 500);
		pthread_mutex_lock(&q_mu);
		if (stop)
			break;
		if (!q_kicked && !q_stop) {
			/* a kick may come before the save commits: look again shortly after it */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200 * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&q_cv, &q_mu, &ts);
		} else if (q_kicked && !q_stop) {
			/* kicked inside a transaction that may not have committed yet */
			pthread_mutex_unlock(&q_mu);
			struct timespec pause = { 0, 20 * 1000000L };
			nanosleep(&pause, NULL);
			pthread_mutex_lock(&q_mu);
		}
	}
	pthread_mutex_unlock(&q_mu);
	return NULL;
}

void zh_notify_start(struct zh_store *s)
{
	pthread_mutex_lock(&q_mu);
	q_store = s;
	q_stop = false;
	q_running = pthread_create(&q_thread, NULL, q_worker, NULL) == 0;
	pthread_mutex_unlock(&q_mu);
	if (!q_running)
		zh_warn("notify: could not start the queue thread");
}

void zh_notify_stop(void)
{
	pthread_mutex_lock(&q_mu);
	if (!q_running) {
		pthread_mutex_unlock(&q_mu);
		return;
	}
	q_stop = true;
	pthread_cond_signal(&q_cv);
	pthread_mutex_unlock(&q_mu);
	pthread_join(q_thread, NULL); /* its last round drains what is queued */
	q_running = false;
}

/* ---- preferences ---- */

json_t *zh_notify_prefs_json(struct zh_ctx *c)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_nt_pref *p;
	struct zh_nt_target t;
	struct zh_nt_school sch;
	size_t np;
	enum zh_err e;
	if (zh_store_nt_prefs(db, c->arena, c->person_id, &p, &np))
		return NULL;
	/* an account outside a school (the region admin) or without a card: in-app only */
	e = zh_store_nt_target(db, c->arena, c->school_id, c->person_id, "", &t);
	if (e == ZH_ENOTFOUND)
		t = (struct zh_nt_target){ .card_email = "", .card_phone = "", .email = "", .phone = "",
					   .quiet_from = "", .quiet_to = "" };
	else if (e)
		return NULL;
	e = zh_store_nt_school(db, c->arena, c->school_id, &sch);
	if (e == ZH_ENOTFOUND)
		sch = (struct zh_nt_school){ .email = false, .sms = false, .tz = "" };
	else if (e)
		return NULL;
	json_t *kinds = json_object();
	for (int i = 0; zh_notify_kinds[i]; i++) {
		const char *k = zh_notify_kinds[i];
		int em = -1, sm = -1;
		for (size_t j = 0; j < np; j++)
			if (strcmp(p[j].kind, k) == 0) {
				em = p[j].email;
				sm = p[j].sms;
			}
		json_object_set_new(kinds, k, json_pack("{s:b, s:b, s:b}", "in_app", 1, "email",
							em < 0 ? zh_notify_default(k, false) : em != 0, "sms",
							sm < 0 ? zh_notify_default(k, true) : sm != 0));
	}
	return json_pack("{s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:b, s:b}, s:s}", "kinds", kinds, "quiet_hours",
			 *t.quiet_from ? json_pack("{s:s, s:s}", "from", t.quiet_from, "to", t.quiet_to) : json_null(),
			 "email", t.email, "phone", t.phone, "card_email", t.card_email, "card_phone", t.card_phone,
			 "effective_email", *t.email ? t.email : t.card_email, "effective_phone",
			 *t.phone ? t.phone : t.card_phone, "school_channels", "email", sch.email, "sms", sch.sms,
			 "timezone", sch.tz);
}

enum zh_err zh_notify_prefs_put(struct zh_ctx *c, json_t *body)
{
	static const char *const keys[] = { "kinds", "quiet_hours", "email", "phone", NULL };
	struct zh_db *db = zh_ctx_db(c);
	struct zh_nt_target t;
	json_t *kinds = json_object_get(body, "kinds"), *qh = json_object_get(body, "quiet_hours"), *old, *nw;
	const char *email = NULL, *phone = NULL, *qf, *qt, *k;
	json_t *v;
	enum zh_err e;

	if (!c->person_id)
		return zh_fail_set(&c->fail, ZH_ERULE, "no_person", "", "У учётной записи нет карточки человека");
	if ((e = zh_json_only(body, keys, &c->fail)) || (e = zh_json_str(body, "email", false, 200, &email, &c->fail)) ||
	    (e = zh_json_str(body, "phone", false, 30, &phone, &c->fail)))
		return e;
	if (email && *email && !zh_email_valid(email))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "email", "Неверный адрес электронной почты");
	if (phone && *phone && !zh_phone_valid(phone))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "phone", "Неверный номер телефона");
	if (kinds && !json_is_object(kinds))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "kinds",
				   "kinds — объект {вид: {email: true|false, sms: true|false}}");
	json_object_foreach(kinds, k, v) {
		static const char *const ck[] = { "email", "sms", "in_app", NULL };
		json_t *em = json_object_get(v, "email"), *sm = json_object_get(v, "sms");
		if (!known_kind(k))
			return zh_fail_set(&c->fail, ZH_EINVAL, "unknown_kind", "kinds", "Неизвестный вид уведомлений");
		if (!json_is_object(v) || zh_json_only(v, ck, &c->fail) || (em && !json_is_boolean(em)) ||
		    (sm && !json_is_boolean(sm)))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "kinds",
					   "Для вида уведомлений нужны флаги email и sms (true/false)");
	}
	qf = qt = "";
	if (qh && !json_is_null(qh)) {
		qf = json_string_value(json_object_get(qh, "from"));
		qt = json_string_value(json_object_get(qh, "to"));
		if (!json_is_object(qh) || json_object_size(qh) != 2 || hhmm(qf) < 0 || hhmm(qt) < 0 || strcmp(qf, qt) == 0)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "quiet_hours",
					   "Тихие часы — {from: \"ЧЧ:ММ\", to: \"ЧЧ:ММ\"}, начало и конец различны");
	}
	if ((e = zh_db_begin(db, true)))
		return e;
	if (!(old = zh_notify_prefs_json(c))) {
		zh_db_rollback(db);
		return ZH_EDB;
	}
	if ((e = zh_store_nt_target(db, c->arena, c->school_id, c->person_id, "", &t)))
		goto out;
	if (!qh) {
		qf = t.quiet_from;
		qt = t.quiet_to;
	}
	if ((e = zh_store_nt_person_put(db, c->person_id, qf, qt, email ? email : t.email, phone ? phone : t.phone,
					c->now)))
		goto out;
	json_object_foreach(kinds, k, v) {
		json_t *cur = json_object_get(json_object_get(old, "kinds"), k);
		json_t *em = json_object_get(v, "email"), *sm = json_object_get(v, "sms");
		if ((e = zh_store_nt_pref_put(db, c->person_id, k,
					      em ? json_is_true(em) : json_is_true(json_object_get(cur, "email")),
					      sm ? json_is_true(sm) : json_is_true(json_object_get(cur, "sms")))))
			goto out;
	}
	if (!(nw = zh_notify_prefs_json(c))) {
		e = ZH_EDB;
		goto out;
	}
	e = zh_audit_take(c, "notifications.preferences", "person", c->person_id, old, nw);
	old = NULL;
out:
	json_decref(old);
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

enum zh_err zh_notify_unread(struct zh_ctx *c, int64_t *unread)
{
	return zh_store_nt_unread(zh_ctx_db(c), c->person_id, unread);
}

enum zh_err zh_notify_log(struct zh_ctx *c, bool outbox_view, struct zh_nt_log_filter *f, struct zh_nt_log_row **rows,
			  size_t *n, int64_t *total)
{
	f->school_id = c->school_id;
	if (f->channel && strcmp(f->channel, "email") && strcmp(f->channel, "sms"))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "channel", "Канал: email или sms");
	if (f->status && strcmp(f->status, "pending") && strcmp(f->status, "sending") && strcmp(f->status, "sent") &&
	    strcmp(f->status, "failed"))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "status", "Состояние: pending, sending, sent, failed");
	return outbox_view ? zh_store_nt_outbox(zh_ctx_db(c), c->arena, f, rows, n, total)
			   : zh_store_nt_log(zh_ctx_db(c), c->arena, f, rows, n, total);
}

/* ---- announcements ---- */

enum zh_err zh_announcement_create(struct zh_ctx *c, json_t *body, int64_t *id, int64_t *notified)
{
	static const char *const keys[] = { "title", "body", "audience", "class_id", NULL };
	struct zh_db *db = zh_ctx_db(c);
	struct zh_announcement_row r = { .author_id = c->person_id, .created_at = c->now, .body = "" };
	long long cls = 0;
	bool ok;
	enum zh_err e;

	if ((e = zh_json_only(body, keys, &c->fail)) || (e = zh_json_str(body, "title", true, 200, &r.title, &c->fail)) ||
	    (e = zh_json_str(body, "body", false, 10000, &r.body, &c->fail)) ||
	    (e = zh_json_str(body, "audience", true, 10, &r.audience, &c->fail)) ||
	    (e = zh_json_int(body, "class_id", false, 1, INT64_MAX, &cls, &c->fail)))
		return e;
	if (!*r.title || strspn(r.title, " \t\n") == strlen(r.title))
		return zh_fail_set(&c->fail, ZH_EINVAL, "required", "title", "Укажите заголовок объявления");
	if (strcmp(r.audience, "school") && strcmp(r.audience, "class"))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "audience", "Адресаты: school или class");
	if (!strcmp(r.audience, "class") != !!cls)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "class_id",
				   "class_id нужен для объявления классу и только для него");
	if (!c->person_id)
		return zh_fail_set(&c->fail, ZH_ERULE, "no_person", "", "У учётной записи нет карточки человека");
	r.class_id = cls;
	if ((e = zh_db_begin(db, true)))
		return e;
	if (cls && !(e = zh_store_nt_class_exists(db, c->school_id, cls, &ok)) && !ok)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class_id", "Класс не найден");
	if (!e)
		e = zh_store_ann_insert(db, c->school_id, &r, id);
	if (!e) {
		struct zh_notice n = { .kind = "announcement", .entity = "announcement", .entity_id = *id,
				       .title = r.title, .body = r.body,
				       .to = { .class_id = cls, .whole_school = !cls, .class_teacher = cls != 0 } };
		e = zh_notify(c, &n, notified);
	}
	if (!e)
		e = zh_audit_take(c, "announcements.create", "announcement", *id, NULL,
				  json_pack("{s:s, s:s, s:s, s:I, s:I}", "title", r.title, "body", r.body, "audience",
					    r.audience, "class_id", (json_int_t)cls, "notified", (json_int_t)*notified));
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

enum zh_err zh_announcements_list(struct zh_ctx *c, int64_t limit, int64_t offset, struct zh_announcement_row **rows,
				  size_t *n, int64_t *total)
{
	bool all = c->roles[ZH_ROLE_ADMIN] || c->roles[ZH_ROLE_HEAD] || c->roles[ZH_ROLE_SECRETARY];
	return zh_store_ann_list(zh_ctx_db(c), c->arena, c->school_id, all, c->person_id, limit, offset, rows, n, total);
}
