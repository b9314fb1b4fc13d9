/* auth.c: passwords (Argon2id), login with throttling, sessions, password changes */
#include "domain/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/fold.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/audit.h"

/* Throttling: failures counted over a window; past the limit the key is blocked. */
#define WINDOW_S (15 * 60)
#define USER_MAX_FAILURES 5
#define BLOCK_S (15 * 60)
/* Sessions slide: idle timeout, refreshed at most once a minute, within an absolute limit. */
#define SESSION_IDLE_S (8 * 3600)
#define SESSION_TOUCH_S 60

/* Failures per address before it is blocked: a whole school may share one NAT address.
 * ZHURNAL_LOGIN_IP_LIMIT changes it. */
static int ip_max_failures(void)
{
	const char *s = getenv("ZHURNAL_LOGIN_IP_LIMIT");
	int v = s ? atoi(s) : 0;
	return v > 0 ? v : 100;
}

/* ---- password hashing with a cap on concurrent hashing ---- */

static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;
static int hash_running;

static int hash_limit(void)
{
	static int limit;
	if (!limit) {
		const char *s = getenv("ZHURNAL_HASH_CONCURRENCY");
		int v = s ? atoi(s) : 0;
		limit = v > 0 && v < 64 ? v : 2;
	}
	return limit;
}

static void hash_enter(void)
{
	pthread_mutex_lock(&hash_mu);
	while (hash_running >= hash_limit())
		pthread_cond_wait(&hash_cv, &hash_mu);
	hash_running++;
	pthread_mutex_unlock(&hash_mu);
}

static void hash_leave(void)
{
	pthread_mutex_lock(&hash_mu);
	hash_running--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
}

enum zh_err zh_auth_hash_password(const char *pw, enum zh_pw_cost cost, char out[128])
{
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash string too long");
	if (cost == ZH_PW_GENERATED) {
		ops = 1;
		mem = 8u << 20;
	}
	hash_enter();
	int rc = crypto_pwhash_str(out, pw, strlen(pw), ops, mem);
	hash_leave();
	return rc == 0 ? ZH_OK : ZH_ENOMEM;
}

bool zh_auth_verify_password(const char *hash, const char *pw)
{
	hash_enter();
	int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	hash_leave();
	return rc == 0;
}

void zh_auth_temp_password(char out[16])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 10; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[10] = '\0';
}

enum zh_err zh_auth_password_policy(const char *login, const char *old_pw, const char *new_pw,
				    struct zh_fail *f)
{
	size_t n = zh_utf8_len(new_pw, strlen(new_pw));
	if (n < ZH_PASSWORD_MIN)
		return zh_fail_set(f, ZH_ERULE, "weak_password", "new_password",
				   "Пароль должен содержать не менее %d символов", ZH_PASSWORD_MIN);
	if (n > ZH_PASSWORD_MAX)
		return zh_fail_set(f, ZH_ERULE, "weak_password", "new_password",
				   "Пароль должен содержать не более %d символов", ZH_PASSWORD_MAX);
	if (old_pw && strcmp(old_pw, new_pw) == 0)
		return zh_fail_set(f, ZH_ERULE, "weak_password", "new_password",
				   "Новый пароль должен отличаться от прежнего");
	char *fl = login ? zh_fold_dup(login, strlen(login)) : NULL, *fp = zh_fold_dup(new_pw, strlen(new_pw));
	bool same = fl && fp && strcmp(fl, fp) == 0;
	free(fl);
	free(fp);
	if (same)
		return zh_fail_set(f, ZH_ERULE, "weak_password", "new_password",
				   "Пароль не должен совпадать с логином");
	return ZH_OK;
}

/* ---- sessions ---- */

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

static void random_token(char out[ZH_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	zh_b64url(raw, sizeof raw, out);
}

/* Opens a session for user_id in the caller's write transaction. */
static enum zh_err open_session(struct zh_ctx *c, int64_t user_id, bool must_change,
				struct zh_login_result *out)
{
	struct zh_session_row s;
	unsigned char h[32];
	enum zh_err e;

	memset(&s, 0, sizeof s);
	random_token(out->token);
	random_token(out->csrf);
	token_hash(out->token, h);
	s.user_id = user_id;
	s.csrf = out->csrf;
	s.created_at = s.last_seen_at = c->now;
	s.expires_at = c->now + SESSION_IDLE_S;
	s.ip = c->client_ip;
	s.user_agent = c->user_agent;
	if ((e = zh_store_session_insert(zh_ctx_db(c), &s, h, &out->session_id)) != ZH_OK)
		return e;
	out->user_id = user_id;
	out->expires_at = s.expires_at;
	out->must_change = must_change;
	return ZH_OK;
}

/* ---- login ---- */

/* The school a login event belongs to: the user's first school (0 when none). */
static int64_t first_school(struct zh_ctx *c, int64_t user_id)
{
	struct zh_role_row *roles;
	size_t n;
	if (zh_store_user_roles(zh_ctx_db(c), c->arena, user_id, &roles, &n) != ZH_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (roles[i].school_id)
			return roles[i].school_id;
	return 0;
}

static void login_key(struct zh_arena *a, const char *login, const char **key)
{
	char *f = zh_fold(a, login, strlen(login));
	*key = zh_arena_printf(a, "u:%s", f ? f : login);
}

static enum zh_err check_throttle(struct zh_ctx *c, const char *key, struct zh_fail *f)
{
	struct zh_throttle_row t;
	enum zh_err e = zh_store_throttle_get(zh_ctx_db(c), key, &t);
	if (e)
		return e;
	if (t.blocked_until > c->now) {
		zh_fail_set(f, ZH_ETHROTTLED, "too_many_attempts", "",
			    "Слишком много неудачных попыток входа. Повторите через %lld мин.",
			    (long long)((t.blocked_until - c->now + 59) / 60));
		f->retry_after = t.blocked_until - c->now;
		return ZH_ETHROTTLED;
	}
	return ZH_OK;
}

static enum zh_err count_failure(struct zh_ctx *c, const char *key, int limit)
{
	struct zh_throttle_row t;
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e = zh_store_throttle_get(db, key, &t);
	if (e)
		return e;
	if (t.window_start + WINDOW_S <= c->now) {
		t.window_start = c->now;
		t.failures = 0;
	}
	t.failures++;
	if (t.failures >= limit)
		t.blocked_until = c->now + BLOCK_S;
	return zh_store_throttle_put(db, key, &t);
}

/* Records a failed attempt: event, counters, audit. Its own transaction. */
static enum zh_err record_failure(struct zh_ctx *c, const char *login, const char *ukey,
				  const char *ikey, int64_t user_id, const char *reason, bool count)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e = zh_db_begin(db, true);
	if (e)
		return e;
	if ((e = zh_store_login_event(db, c->now, login, user_id, c->client_ip, false, reason)))
		goto out;
	if (count && ((e = count_failure(c, ukey, USER_MAX_FAILURES)) || (e = count_failure(c, ikey, ip_max_failures()))))
		goto out;
	json_t *v = json_pack("{s:s, s:s}", "login", login, "reason", reason);
	int64_t saved_school = c->school_id;
	/* the actor is unknown; the entry is about the account that was tried */
	if (user_id && !c->school_id)
		c->school_id = first_school(c, user_id);
	e = zh_audit(c, "auth.login_failed", "user", user_id, NULL, v);
	c->school_id = saved_school;
	json_decref(v);
	if (e)
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* A real hash of a random password, so that unknown logins cost the same time as known ones. */
static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static int64_t verify_floor_ms;

static void make_dummy(void)
{
	char pw[16];
	zh_auth_temp_password(pw);
	if (zh_auth_hash_password(pw, ZH_PW_INTERACTIVE, dummy_hash) != ZH_OK) {
		dummy_hash[0] = '\0';
		return;
	}
	int64_t t0 = zh_mono_ms();
	zh_auth_verify_password(dummy_hash, "x");
	verify_floor_ms = zh_mono_ms() - t0;
}

/* Every password check of a login lasts at least as long as one at the interactive cost, so
 * that neither unknown logins nor cheaper temporary-password hashes can be told apart by time. */
static void pad_to_floor(int64_t t0)
{
	const char *over = getenv("ZHURNAL_LOGIN_TIME_FLOOR_MS"); /* 0 in unit tests only */
	int64_t floor_ms = over ? atoll(over) : verify_floor_ms;
	int64_t left = t0 + floor_ms - zh_mono_ms();
	if (left > 0) {
		struct timespec ts = { .tv_sec = left / 1000, .tv_nsec = (long)(left % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}
}

enum zh_err zh_auth_login(struct zh_ctx *c, const char *login, const char *password,
			  struct zh_login_result *out)
{
	struct zh_user_row u;
	struct zh_fail *f = &c->fail;
	struct zh_db *db = zh_ctx_db(c);
	const char *ukey, *ikey;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	pthread_once(&dummy_once, make_dummy);
	login_key(c->arena, login, &ukey);
	ikey = zh_arena_printf(c->arena, "ip:%s", c->client_ip ? c->client_ip : "");
	if ((e = check_throttle(c, ikey, f)) || (e = check_throttle(c, ukey, f))) {
		if (e == ZH_ETHROTTLED) {
			long retry = f->retry_after;
			record_failure(c, login, ukey, ikey, 0, "throttled", false);
			f->retry_after = retry;
			zh_warn("login throttled: login=%s ip=%s", login, c->client_ip ? c->client_ip : "");
		}
		return e;
	}
	int64_t t0 = zh_mono_ms();
	e = zh_store_user_by_login(db, c->arena, login, &u);
	if (e == ZH_ENOTFOUND) {
		zh_auth_verify_password(dummy_hash, password); /* same time as for a real account */
		pad_to_floor(t0);
		record_failure(c, login, ukey, ikey, 0, "unknown_login", true);
		zh_info("login failed: unknown login ip=%s", c->client_ip ? c->client_ip : "");
		return zh_fail_set(f, ZH_EUNAUTH, "bad_credentials", "", "Неверный логин или пароль");
	}
	if (e)
		return e;
	/* no transaction is held while hashing */
	zh_store_release(c->db);
	c->db = NULL;
	bool ok = zh_auth_verify_password(u.pw_hash, password);
	pad_to_floor(t0);
	if (!ok) {
		record_failure(c, login, ukey, ikey, u.id, "bad_password", true);
		zh_info("login failed: bad password login=%s ip=%s", u.login, c->client_ip ? c->client_ip : "");
		return zh_fail_set(f, ZH_EUNAUTH, "bad_credentials", "", "Неверный логин или пароль");
	}
	db = zh_ctx_db(c);
	if (u.locked) {
		record_failure(c, login, ukey, ikey, u.id, "locked", false);
		return zh_fail_set(f, ZH_ELOCKED, "account_locked", "",
				   "Учётная запись заблокирована. Обратитесь к администратору школы");
	}
	if ((e = zh_db_begin(db, true)))
		return e;
	c->user_id = u.id;
	c->person_id = u.person_id;
	c->school_id = first_school(c, u.id);
	if ((e = zh_store_login_event(db, c->now, u.login, u.id, c->client_ip, true, "ok")) ||
	    (e = zh_store_throttle_clear(db, ukey)) ||
	    (e = open_session(c, u.id, u.must_change, out)) ||
	    (e = zh_audit(c, "auth.login", "session", out->session_id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	else
		zh_info("login ok: login=%s ip=%s", u.login, c->client_ip ? c->client_ip : "");
	return e;
}

enum zh_err zh_auth_session(struct zh_ctx *c, const char *token, int64_t school_id,
			    const char **csrf_out)
{
	struct zh_session_row s;
	struct zh_user_row u;
	struct zh_role_row *roles;
	size_t nroles;
	unsigned char h[32];
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;

	if (!token || strlen(token) != ZH_TOKEN_LEN)
		return zh_fail_set(&c->fail, ZH_EUNAUTH, "unauthenticated", "", "Требуется вход в систему");
	token_hash(token, h);
	e = zh_store_session_actor(db, c->arena, h, &s, &u, &c->person);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_EUNAUTH, "unauthenticated", "", "Требуется вход в систему");
	if (e)
		return e;
	if (s.ended_at || s.expires_at <= c->now)
		return zh_fail_set(&c->fail, ZH_EUNAUTH, "session_expired", "", "Сеанс истёк, войдите снова");
	if (u.locked)
		return zh_fail_set(&c->fail, ZH_EUNAUTH, "account_locked", "",
				   "Учётная запись заблокирована. Обратитесь к администратору школы");
	if ((e = zh_store_user_roles(db, c->arena, u.id, &roles, &nroles)))
		return e;
	c->user_id = u.id;
	c->person_id = u.person_id;
	c->session_id = s.id;
	c->login = u.login;
	c->must_change = u.must_change;
	memset(c->roles, 0, sizeof c->roles);
	memset(&c->ops, 0, sizeof c->ops);
	c->school_id = 0;
	for (size_t i = 0; i < nroles; i++) {
		if (roles[i].school_id && !c->school_id && (!school_id || roles[i].school_id == school_id))
			c->school_id = roles[i].school_id;
	}
	if (school_id && c->school_id != school_id)
		return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "school",
				   "Нет доступа к этой школе");
	for (size_t i = 0; i < nroles; i++) {
		if (roles[i].school_id && roles[i].school_id == c->school_id)
			c->roles[roles[i].role_id] = 1;
		if (!roles[i].school_id)
			c->roles[roles[i].role_id] = 1; /* region roles */
	}
	if (c->school_id && (e = zh_acl_ops_since(db, c->school_id, c->roles, c->acl_gen, &c->ops)))
		return e;
	if (c->roles[ZH_ROLE_REGION_ADMIN] || c->roles[ZH_ROLE_REGION_HEAD] || c->roles[ZH_ROLE_REGION_STAFF])
		zh_opset_add(&c->ops, zh_acl_op_index("region.reports.view"));
	if (c->roles[ZH_ROLE_REGION_ADMIN])
		zh_opset_add(&c->ops, zh_acl_op_index("region.schools.manage"));
	if (csrf_out)
		*csrf_out = s.csrf;
	c->touch_due = c->now - s.last_seen_at >= SESSION_TOUCH_S;
	c->role_rows = roles;
	c->nrole_rows = nroles;
	return ZH_OK;
}

void zh_auth_touch(struct zh_ctx *c)
{
	struct zh_db *db;
	if (!c->touch_due || !c->session_id)
		return;
	c->touch_due = false;
	db = zh_ctx_db(c);
	/* a lost touch only shortens the session: never fail the request for it */
	if (zh_store_session_touch(db, c->session_id, c->now, c->now + SESSION_IDLE_S) != ZH_OK)
		zh_warn("session touch failed: %s", zh_db_errmsg(db));
}

enum zh_err zh_auth_logout(struct zh_ctx *c)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e = zh_db_begin(db, true);
	if (e)
		return e;
	if ((e = zh_store_session_end(db, c->user_id, c->session_id, c->now)) ||
	    (e = zh_audit(c, "auth.logout", "session", c->session_id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_auth_change_password(struct zh_ctx *c, const char *old_pw, const char *new_pw,
				    struct zh_login_result *out)
{
	struct zh_user_row u;
	struct zh_db *db = zh_ctx_db(c);
	char hash[128];
	enum zh_err e;

	if ((e = zh_store_user_by_id(db, c->arena, c->user_id, &u)))
		return e;
	if ((e = zh_auth_password_policy(u.login, old_pw, new_pw, &c->fail)))
		return e;
	/* guesses of the old password through a stolen session are throttled like logins */
	const char *ukey, *ikey = zh_arena_printf(c->arena, "ip:%s", c->client_ip ? c->client_ip : "");
	login_key(c->arena, u.login, &ukey);
	if ((e = check_throttle(c, ukey, &c->fail)))
		return e;
	zh_store_release(c->db);
	c->db = NULL;
	if (!zh_auth_verify_password(u.pw_hash, old_pw)) {
		record_failure(c, u.login, ukey, ikey, u.id, "bad_old_password", true);
		return zh_fail_set(&c->fail, ZH_EUNAUTH, "bad_credentials", "old_password",
				   "Текущий пароль введён неверно");
	}
	if ((e = zh_auth_hash_password(new_pw, ZH_PW_INTERACTIVE, hash)))
		return e;
	db = zh_ctx_db(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_user_set_password(db, u.id, hash, false)) ||
	    (e = zh_store_sessions_end_all(db, u.id, 0, c->now)) ||
	    (e = open_session(c, u.id, false, out)) ||
	    (e = zh_audit(c, "auth.password_changed", "user", u.id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	else
		c->session_id = out->session_id;
	return e;
}

enum zh_err zh_auth_set_password(struct zh_ctx *c, const char *login, const char *pw, bool must_change)
{
	struct zh_user_row u;
	struct zh_db *db = zh_ctx_db(c);
	char hash[128];
	enum zh_err e;

	if ((e = zh_store_user_by_login(db, c->arena, login, &u)))
		return e == ZH_ENOTFOUND ? zh_fail_set(&c->fail, e, "not_found", "login", "Пользователь %s не найден", login) : e;
	if ((e = zh_auth_password_policy(u.login, NULL, pw, &c->fail)))
		return e;
	if (!c->school_id)
		c->school_id = first_school(c, u.id); /* operator actions go to the user's school log */
	if ((e = zh_auth_hash_password(pw, ZH_PW_INTERACTIVE, hash)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_user_set_password(db, u.id, hash, must_change)) ||
	    (e = zh_store_sessions_end_all(db, u.id, 0, c->now)) ||
	    (e = zh_audit(c, "user.password_reset", "user", u.id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_auth_set_locked(struct zh_ctx *c, const char *login, bool locked)
{
	struct zh_user_row u;
	struct zh_db *db = zh_ctx_db(c);
	const char *ukey;
	enum zh_err e;

	if ((e = zh_store_user_by_login(db, c->arena, login, &u)))
		return e == ZH_ENOTFOUND ? zh_fail_set(&c->fail, e, "not_found", "login", "Пользователь %s не найден", login) : e;
	login_key(c->arena, u.login, &ukey);
	if (!c->school_id)
		c->school_id = first_school(c, u.id); /* operator actions go to the user's school log */
	if ((e = zh_db_begin(db, true)))
		return e;
	json_t *o = json_pack("{s:b}", "locked", u.locked), *n = json_pack("{s:b}", "locked", locked);
	if ((e = zh_store_user_set_locked(db, u.id, locked)) ||
	    (locked && (e = zh_store_sessions_end_all(db, u.id, 0, c->now))) ||
	    (!locked && (e = zh_store_throttle_clear(db, ukey))) ||
	    (e = zh_audit(c, locked ? "user.lock" : "user.unlock", "user", u.id, o, n)))
		goto out;
	e = zh_db_commit(db);
out:
	json_decref(o);
	json_decref(n);
	if (e)
		zh_db_rollback(db);
	return e;
}
