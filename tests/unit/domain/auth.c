/* auth.c: tests of passwords, logins, throttling and sessions (src/domain/auth.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/fold.h"
#include "domain/acl.h"
#include "domain/auth.h"
#include "domain/ctx.h"
#include "fixture.h"

#define T0 1795000000LL               /* 2026-11-18, a fixed "now" */
#define LOGIN "ivanov"
#define PW "Verno-Parol-1"
#define IP "192.0.2.10"
#define HOUR 3600

struct fix {
	struct tmpstore ts;
	int64_t region, school, user_id, person_id;
};

/* ---- fixture helpers ---- */

static int64_t add_user(struct zh_db *db, int64_t school, const char *last, const char *first,
			const char *login, const char *pw, bool must_change, int role, int64_t *person)
{
	struct zh_person_row p = { .last_name = last, .first_name = first, .middle_name = "", .gender = "m" };
	char full[128], hash[128];
	int64_t pid, uid;
	snprintf(full, sizeof full, "%s %s", last, first);
	char *fold = zh_fold_dup(full, strlen(full));
	assert_non_null(fold);
	assert_int_equal(zh_store_person_insert(db, &p, fold, &pid), ZH_OK);
	free(fold);
	assert_int_equal(zh_auth_hash_password(pw, ZH_PW_GENERATED, hash), ZH_OK); /* fast variant */
	assert_int_equal(zh_store_user_insert(db, pid, login, hash, must_change, &uid), ZH_OK);
	if (role)
		assert_int_equal(zh_store_user_role_add(db, uid, school, role), ZH_OK);
	if (person)
		*person = pid;
	return uid;
}

static int setup(void **state)
{
	struct fix *x = calloc(1, sizeof *x);
	if (!x || tmpstore_open(&x->ts, 1) != 0)
		return -1;
	struct zh_db *db = zh_store_acquire(x->ts.store);
	if (zh_store_region_insert(db, "Регион", &x->region) ||
	    zh_store_school_insert(db, x->region, "Школа № 7", "Школа 7", NULL, &x->school))
		return -1;
	if (zh_db_begin(db, true) || zh_acl_seed_school(db, x->school) || zh_db_commit(db))
		return -1;
	x->user_id = add_user(db, x->school, "Иванов", "Пётр", LOGIN, PW, false, ZH_ROLE_TEACHER, &x->person_id);
	zh_store_release(db);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fix *x = *state;
	zh_acl_invalidate(x->school);
	tmpstore_close(&x->ts);
	free(x);
	return 0;
}

static void ctx_init(struct fix *x, struct zh_ctx *c, int64_t now, const char *ip)
{
	memset(c, 0, sizeof *c);
	c->arena = zh_arena_new();
	assert_non_null(c->arena);
	c->store = x->ts.store;
	c->now = now;
	c->client_ip = ip;
	c->user_agent = "cmocka";
	c->request_id = "unit";
}

static void ctx_end(struct zh_ctx *c)
{
	zh_ctx_done(c);
	zh_arena_free(c->arena);
	c->arena = NULL;
}

/* One login attempt in its own context (one request); the failure goes to *f. */
static enum zh_err login_at(struct fix *x, int64_t now, const char *ip, const char *login, const char *pw,
			    struct zh_login_result *res, struct zh_fail *f)
{
	struct zh_ctx c;
	struct zh_login_result tmp;
	ctx_init(x, &c, now, ip);
	enum zh_err e = zh_auth_login(&c, login, pw, res ? res : &tmp);
	if (f)
		*f = c.fail;
	ctx_end(&c);
	return e;
}

static void login_ok(struct fix *x, int64_t now, const char *login, const char *pw, struct zh_login_result *res)
{
	struct zh_fail f = { 0 };
	enum zh_err e = login_at(x, now, IP, login, pw, res, &f);
	if (e != ZH_OK)
		fail_msg("login %s: %s (%s) %s", login, zh_err_name(e), f.code_name, f.msg);
}

static void login_fails(struct fix *x, int64_t now, const char *ip, const char *login, const char *pw,
			enum zh_err want, const char *code)
{
	struct zh_fail f = { 0 };
	struct zh_login_result res;
	memset(&res, 0, sizeof res);
	enum zh_err e = login_at(x, now, ip, login, pw, &res, &f);
	if (e != want)
		fail_msg("login %s/%s at +%lld: %s (%s), want %s %s", login, pw, (long long)(now - T0),
			 zh_err_name(e), f.code_name, zh_err_name(want), code);
	assert_string_equal(f.code_name, code);
	assert_int_equal(res.token[0], '\0'); /* no token on failure */
	assert_int_equal(res.session_id, 0);
}

/* Resolves a token in a fresh context at now, then slides the expiry as the server does after
 * each request; returns the error, *code the failure code. */
static enum zh_err session_at(struct fix *x, int64_t now, const char *token, char code[48])
{
	struct zh_ctx c;
	ctx_init(x, &c, now, IP);
	enum zh_err e = zh_auth_session(&c, token, 0, NULL);
	if (e == ZH_OK)
		zh_auth_touch(&c);
	if (code)
		snprintf(code, 48, "%s", c.fail.code_name);
	ctx_end(&c);
	return e;
}

static void session_ok(struct fix *x, int64_t now, const char *token)
{
	char code[48];
	enum zh_err e = session_at(x, now, token, code);
	if (e != ZH_OK)
		fail_msg("session at +%lld: %s (%s)", (long long)(now - T0), zh_err_name(e), code);
}

static void session_refused(struct fix *x, int64_t now, const char *token, const char *want_code)
{
	char code[48];
	enum zh_err e = session_at(x, now, token, code);
	if (e != ZH_EUNAUTH)
		fail_msg("session at +%lld: %s, want unauthenticated", (long long)(now - T0), zh_err_name(e));
	assert_string_equal(code, want_code);
}

static bool b64url_only(const char *s)
{
	for (; *s; s++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *s))
			return false;
	return true;
}

/* ---- passwords ---- */

static void test_hash_roundtrip(void **state)
{
	(void)state;
	char h1[128], h2[128];
	assert_int_equal(zh_auth_hash_password("Пароль-2026", ZH_PW_GENERATED, h1), ZH_OK);
	assert_int_equal(zh_auth_hash_password("Пароль-2026", ZH_PW_GENERATED, h2), ZH_OK);
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_string_not_equal(h1, h2); /* salted */
	assert_null(strstr(h1, "Пароль"));
	assert_true(zh_auth_verify_password(h1, "Пароль-2026"));
	assert_true(zh_auth_verify_password(h2, "Пароль-2026"));
	assert_false(zh_auth_verify_password(h1, "пароль-2026"));
	assert_false(zh_auth_verify_password(h1, "Пароль-2026 "));
	assert_false(zh_auth_verify_password(h1, ""));
	assert_false(zh_auth_verify_password("", "Пароль-2026"));
	assert_false(zh_auth_verify_password("$argon2id$garbage", "Пароль-2026"));
}

static void policy_refuses(const char *login, const char *old_pw, const char *new_pw)
{
	struct zh_fail f = { 0 };
	enum zh_err e = zh_auth_password_policy(login, old_pw, new_pw, &f);
	if (e != ZH_ERULE)
		fail_msg("policy accepted \"%s\" (login %s, old %s)", new_pw, login ? login : "-", old_pw ? old_pw : "-");
	assert_int_equal(f.code, ZH_ERULE);
	assert_string_equal(f.code_name, "weak_password");
	assert_string_equal(f.field, "new_password");
	assert_true(f.msg[0] != '\0');
}

static void policy_accepts(const char *login, const char *old_pw, const char *new_pw)
{
	struct zh_fail f = { 0 };
	if (zh_auth_password_policy(login, old_pw, new_pw, &f) != ZH_OK)
		fail_msg("policy refused \"%s\": %s", new_pw, f.msg);
}

static void test_policy(void **state)
{
	(void)state;
	policy_refuses("ivanov", NULL, "");
	policy_refuses("ivanov", NULL, "1234567");
	policy_accepts("ivanov", NULL, "12345678");
	/* length in characters: 7 Cyrillic letters are 14 bytes and still too short */
	policy_refuses("ivanov", NULL, "абвгдеж");
	policy_accepts("ivanov", NULL, "абвгдежз");
	char long_pw[200];
	memset(long_pw, 'a', 129);
	long_pw[129] = '\0';
	policy_refuses("ivanov", NULL, long_pw);
	long_pw[128] = '\0';
	policy_accepts("ivanov", NULL, long_pw);
	/* not the login, in any letter case */
	policy_refuses("ivanov.petr", NULL, "ivanov.petr");
	policy_refuses("ivanov.petr", NULL, "Ivanov.PETR");
	policy_accepts("ivanov.petr", NULL, "ivanov.petr1");
	/* not the old password */
	policy_refuses("ivanov", "Old-password-1", "Old-password-1");
	policy_accepts("ivanov", "Old-password-1", "Old-password-2");
	policy_accepts(NULL, NULL, "Some-password");
}

static void test_temp_password(void **state)
{
	(void)state;
	char seen[16] = "";
	int differ = 0;
	for (int i = 0; i < 300; i++) {
		char pw[16];
		memset(pw, '#', sizeof pw);
		zh_auth_temp_password(pw);
		assert_int_equal(strlen(pw), 10);
		for (int k = 0; k < 10; k++) {
			char ch = pw[k];
			assert_true((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '9'));
			if (strchr("0O1lI", ch))
				fail_msg("look-alike character '%c' in %s", ch, pw);
		}
		if (i && strcmp(pw, seen) != 0)
			differ++;
		memcpy(seen, pw, sizeof pw);
		/* a temporary password passes the policy */
		policy_accepts("ivanov", NULL, pw);
	}
	assert_true(differ > 290);
}

/* ---- login ---- */

static void test_login_ok(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);
	assert_int_equal(strlen(r.token), ZH_TOKEN_LEN);
	assert_int_equal(strlen(r.csrf), ZH_TOKEN_LEN);
	assert_true(b64url_only(r.token));
	assert_true(b64url_only(r.csrf));
	assert_string_not_equal(r.token, r.csrf);
	assert_int_equal(r.user_id, x->user_id);
	assert_true(r.session_id > 0);
	assert_int_equal(r.expires_at, T0 + 8 * HOUR);
	assert_false(r.must_change);

	struct zh_login_result r2;
	login_ok(x, T0, LOGIN, PW, &r2);
	assert_string_not_equal(r.token, r2.token);
	assert_true(r2.session_id != r.session_id);
	/* logins are case-insensitive for ASCII */
	login_ok(x, T0, "IVANOV", PW, &r2);
	assert_int_equal(r2.user_id, x->user_id);
}

static void test_login_must_change(void **state)
{
	struct fix *x = *state;
	struct zh_db *db = zh_store_acquire(x->ts.store);
	add_user(db, x->school, "Петрова", "Анна", "petrova", "Vremenniy-9", true, ZH_ROLE_PARENT, NULL);
	zh_store_release(db);
	struct zh_login_result r;
	login_ok(x, T0, "petrova", "Vremenniy-9", &r);
	assert_true(r.must_change);
}

static void test_login_bad(void **state)
{
	struct fix *x = *state;
	login_fails(x, T0, IP, LOGIN, "wrong-password", ZH_EUNAUTH, "bad_credentials");
	login_fails(x, T0, IP, LOGIN, "", ZH_EUNAUTH, "bad_credentials");
	login_fails(x, T0, IP, LOGIN, "verno-parol-1", ZH_EUNAUTH, "bad_credentials");
	/* an unknown login fails exactly like a wrong password */
	login_fails(x, T0, IP, "nobody", PW, ZH_EUNAUTH, "bad_credentials");
	login_ok(x, T0, LOGIN, PW, NULL);
}

static void test_throttling(void **state)
{
	struct fix *x = *state;
	for (int i = 0; i < 5; i++)
		login_fails(x, T0 + i, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");

	/* blocked: even the right password, and from another address */
	struct zh_fail f = { 0 };
	assert_int_equal(login_at(x, T0 + 10, IP, LOGIN, PW, NULL, &f), ZH_ETHROTTLED);
	assert_string_equal(f.code_name, "too_many_attempts");
	assert_true(f.retry_after > 0);
	assert_true(f.retry_after <= 15 * 60);
	assert_true(f.msg[0] != '\0');
	memset(&f, 0, sizeof f);
	assert_int_equal(login_at(x, T0 + 60, "198.51.100.7", LOGIN, PW, NULL, &f), ZH_ETHROTTLED);
	assert_true(f.retry_after > 0);
	/* the login's letter case does not escape the counter */
	assert_int_equal(login_at(x, T0 + 61, IP, "IvAnOv", PW, NULL, &f), ZH_ETHROTTLED);
	/* attempts while blocked do not extend the block */
	login_fails(x, T0 + 62, IP, LOGIN, "wrong", ZH_ETHROTTLED, "too_many_attempts");

	/* the block ends */
	int64_t later = T0 + 4 + 15 * 60;
	login_ok(x, later, LOGIN, PW, NULL);

	/* a successful login resets the counter: 4 + 4 failures around it are no block */
	for (int i = 0; i < 4; i++)
		login_fails(x, later + 1, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	login_ok(x, later + 2, LOGIN, PW, NULL);
	for (int i = 0; i < 4; i++)
		login_fails(x, later + 3, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	login_ok(x, later + 4, LOGIN, PW, NULL);
}

static void test_throttle_window(void **state)
{
	struct fix *x = *state;
	for (int i = 0; i < 4; i++)
		login_fails(x, T0, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	/* failures older than the window are forgotten */
	int64_t t = T0 + 16 * 60;
	for (int i = 0; i < 4; i++)
		login_fails(x, t, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	login_ok(x, t, LOGIN, PW, NULL);
}

static void test_throttle_per_address(void **state)
{
	struct fix *x = *state;
	struct zh_db *db = zh_store_acquire(x->ts.store);
	char login[16];
	for (int u = 0; u < 7; u++) {
		snprintf(login, sizeof login, "user%d", u);
		add_user(db, x->school, "Сидоров", "Иван", login, PW, false, ZH_ROLE_STUDENT, NULL);
	}
	zh_store_release(db);
	/* 30 failures from one address (the limit set in main), 5 for each of 6 logins */
	for (int u = 0; u < 6; u++) {
		snprintf(login, sizeof login, "user%d", u);
		for (int i = 0; i < 5; i++)
			login_fails(x, T0 + u, IP, login, "wrong", ZH_EUNAUTH, "bad_credentials");
	}
	/* the address is blocked for a login that never failed */
	login_fails(x, T0 + 10, IP, "user6", PW, ZH_ETHROTTLED, "too_many_attempts");
	/* another address is not */
	struct zh_login_result r;
	struct zh_fail f = { 0 };
	assert_int_equal(login_at(x, T0 + 10, "203.0.113.5", "user6", PW, &r, &f), ZH_OK);
}

static void test_locked(void **state)
{
	struct fix *x = *state;
	struct zh_login_result before;
	login_ok(x, T0, LOGIN, PW, &before);

	struct zh_ctx op;
	ctx_init(x, &op, T0 + 1, NULL);
	assert_int_equal(zh_auth_set_locked(&op, LOGIN, true), ZH_OK);
	ctx_end(&op);

	login_fails(x, T0 + 2, IP, LOGIN, PW, ZH_ELOCKED, "account_locked");
	/* the wrong password says nothing about the lock */
	login_fails(x, T0 + 3, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	/* locking ended the open session */
	assert_int_equal(session_at(x, T0 + 4, before.token, NULL), ZH_EUNAUTH);
	/* refused attempts on a locked account are not throttled failures */
	for (int i = 0; i < 6; i++)
		login_fails(x, T0 + 5, IP, LOGIN, PW, ZH_ELOCKED, "account_locked");

	ctx_init(x, &op, T0 + 6, NULL);
	assert_int_equal(zh_auth_set_locked(&op, LOGIN, false), ZH_OK);
	assert_int_equal(zh_auth_set_locked(&op, "nobody", true), ZH_ENOTFOUND);
	assert_string_equal(op.fail.field, "login");
	ctx_end(&op);
	struct zh_login_result after;
	login_ok(x, T0 + 7, LOGIN, PW, &after);
	session_ok(x, T0 + 8, after.token);
}

static void test_unlock_clears_throttle(void **state)
{
	struct fix *x = *state;
	for (int i = 0; i < 5; i++)
		login_fails(x, T0, IP, LOGIN, "wrong", ZH_EUNAUTH, "bad_credentials");
	login_fails(x, T0 + 1, IP, LOGIN, PW, ZH_ETHROTTLED, "too_many_attempts");
	struct zh_ctx op;
	ctx_init(x, &op, T0 + 2, NULL);
	assert_int_equal(zh_auth_set_locked(&op, LOGIN, false), ZH_OK);
	ctx_end(&op);
	login_ok(x, T0 + 3, LOGIN, PW, NULL);
}

/* ---- sessions ---- */

static void test_session_resolves(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);

	struct zh_ctx c;
	const char *csrf = NULL;
	ctx_init(x, &c, T0 + 30, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, &csrf), ZH_OK);
	assert_int_equal(c.user_id, x->user_id);
	assert_int_equal(c.person_id, x->person_id);
	assert_int_equal(c.session_id, r.session_id);
	assert_int_equal(c.school_id, x->school);
	assert_string_equal(c.login, LOGIN);
	assert_false(c.must_change);
	assert_non_null(csrf);
	assert_string_equal(csrf, r.csrf);
	for (int role = 1; role <= ZH_ROLE_MAX; role++)
		assert_int_equal(c.roles[role] != 0, role == ZH_ROLE_TEACHER);
	assert_true(zh_acl_allows(&c.ops, "journal.edit.own_subject"));
	assert_false(zh_acl_allows(&c.ops, "journal.view.all"));
	assert_false(zh_acl_allows(&c.ops, "access.edit"));
	ctx_end(&c);

	/* the same school asked explicitly; another school is forbidden */
	ctx_init(x, &c, T0 + 31, IP);
	assert_int_equal(zh_auth_session(&c, r.token, x->school, NULL), ZH_OK);
	assert_int_equal(c.school_id, x->school);
	ctx_end(&c);
	ctx_init(x, &c, T0 + 32, IP);
	assert_int_equal(zh_auth_session(&c, r.token, x->school + 1000, NULL), ZH_EFORBIDDEN);
	ctx_end(&c);
}

static void test_session_bad_tokens(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);
	session_ok(x, T0 + 1, r.token);

	char t[ZH_TOKEN_LEN + 2];
	memcpy(t, r.token, sizeof r.token);
	t[5] = t[5] == 'A' ? 'B' : 'A'; /* one character changed */
	session_refused(x, T0 + 2, t, "unauthenticated");
	session_refused(x, T0 + 2, r.csrf, "unauthenticated"); /* the CSRF token is not a session token */
	session_refused(x, T0 + 2, "abc", "unauthenticated");
	session_refused(x, T0 + 2, "", "unauthenticated");
	session_refused(x, T0 + 2, NULL, "unauthenticated");
	memcpy(t, r.token, sizeof r.token);
	t[ZH_TOKEN_LEN] = 'A';
	t[ZH_TOKEN_LEN + 1] = '\0';
	session_refused(x, T0 + 2, t, "unauthenticated"); /* one character too long */
	t[ZH_TOKEN_LEN - 1] = '\0';
	session_refused(x, T0 + 2, t, "unauthenticated"); /* one too short */
	session_ok(x, T0 + 3, r.token);
}

static void test_logout(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r1, r2;
	login_ok(x, T0, LOGIN, PW, &r1);
	login_ok(x, T0, LOGIN, PW, &r2);

	struct zh_ctx c;
	ctx_init(x, &c, T0 + 10, IP);
	assert_int_equal(zh_auth_session(&c, r1.token, 0, NULL), ZH_OK);
	assert_int_equal(zh_auth_logout(&c), ZH_OK);
	ctx_end(&c);

	session_refused(x, T0 + 11, r1.token, "session_expired");
	session_ok(x, T0 + 11, r2.token); /* only that session ended */
}

static void test_expiry(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);
	session_refused(x, T0 + 8 * HOUR, r.token, "session_expired");
	session_refused(x, T0 + 8 * HOUR + 1, r.token, "session_expired");
	session_refused(x, T0 + 30 * 24 * HOUR, r.token, "session_expired");
}

static void test_sliding_expiry(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);
	session_ok(x, T0 + 7 * HOUR, r.token);        /* use moves the idle limit */
	session_ok(x, T0 + 14 * HOUR, r.token);
	session_ok(x, T0 + 22 * HOUR - 1, r.token);
	session_refused(x, T0 + 30 * HOUR, r.token, "session_expired");
}

static void test_touch_only_when_due(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	struct zh_ctx c;
	login_ok(x, T0, LOGIN, PW, &r);

	/* within a minute of the last use nothing needs writing */
	ctx_init(x, &c, T0 + 30, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, NULL), ZH_OK);
	assert_false(c.touch_due);
	zh_auth_touch(&c);
	ctx_end(&c);

	/* later it is due, but only zh_auth_touch writes it: without it the expiry does not move */
	ctx_init(x, &c, T0 + 2 * HOUR, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, NULL), ZH_OK);
	assert_true(c.touch_due);
	ctx_end(&c);
	session_refused(x, T0 + 8 * HOUR, r.token, "session_expired");

	/* with it, the session lives 8 hours from the touch */
	login_ok(x, T0, LOGIN, PW, &r);
	ctx_init(x, &c, T0 + 2 * HOUR, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, NULL), ZH_OK);
	zh_auth_touch(&c);
	assert_false(c.touch_due);
	zh_auth_touch(&c); /* a second call does nothing */
	ctx_end(&c);
	session_ok(x, T0 + 10 * HOUR - 1, r.token);
}

static void test_change_password(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r, other, nr;
	login_ok(x, T0, LOGIN, PW, &r);
	login_ok(x, T0, LOGIN, PW, &other);

	struct zh_ctx c;
	ctx_init(x, &c, T0 + 100, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, NULL), ZH_OK);
	assert_int_equal(zh_auth_change_password(&c, PW, "Novyi-Parol-22", &nr), ZH_OK);
	assert_int_equal(c.session_id, nr.session_id);
	assert_int_equal(nr.user_id, x->user_id);
	assert_false(nr.must_change);
	ctx_end(&c);

	/* every old session ended, the new one works */
	session_refused(x, T0 + 101, r.token, "session_expired");
	session_refused(x, T0 + 101, other.token, "session_expired");
	session_ok(x, T0 + 101, nr.token);
	login_fails(x, T0 + 102, IP, LOGIN, PW, ZH_EUNAUTH, "bad_credentials");
	login_ok(x, T0 + 103, LOGIN, "Novyi-Parol-22", NULL);
}

static void test_change_password_refused(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r, nr;
	login_ok(x, T0, LOGIN, PW, &r);
	struct zh_ctx c;
	ctx_init(x, &c, T0 + 1, IP);
	assert_int_equal(zh_auth_session(&c, r.token, 0, NULL), ZH_OK);

	assert_int_equal(zh_auth_change_password(&c, PW, PW, &nr), ZH_ERULE);
	assert_string_equal(c.fail.field, "new_password");
	assert_int_equal(zh_auth_change_password(&c, PW, "short", &nr), ZH_ERULE);
	assert_string_equal(c.fail.field, "new_password");
	assert_int_equal(zh_auth_change_password(&c, PW, "IVANOV", &nr), ZH_ERULE);
	assert_int_equal(zh_auth_change_password(&c, PW, "Ivanov", &nr), ZH_ERULE);
	assert_int_equal(zh_auth_change_password(&c, "wrong-old-pw", "Novyi-Parol-22", &nr), ZH_EUNAUTH);
	assert_string_equal(c.fail.field, "old_password");
	ctx_end(&c);

	/* nothing changed */
	session_ok(x, T0 + 2, r.token);
	login_ok(x, T0 + 3, LOGIN, PW, NULL);
}

static void test_set_password(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r, nr;
	login_ok(x, T0, LOGIN, PW, &r);
	struct zh_ctx op;
	ctx_init(x, &op, T0 + 1, NULL);
	assert_int_equal(zh_auth_set_password(&op, LOGIN, "Vydannyi-Parol-3", true), ZH_OK);
	assert_int_equal(zh_auth_set_password(&op, LOGIN, "short", true), ZH_ERULE);
	assert_int_equal(zh_auth_set_password(&op, "nobody", "Vydannyi-Parol-3", true), ZH_ENOTFOUND);
	assert_string_equal(op.fail.field, "login");
	ctx_end(&op);
	session_refused(x, T0 + 2, r.token, "session_expired");
	login_ok(x, T0 + 3, LOGIN, "Vydannyi-Parol-3", &nr);
	assert_true(nr.must_change);
}

static bool file_contains(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	size_t n = strlen(needle), cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	bool found = false;
	assert_non_null(buf);
	for (;;) {
		size_t got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0 || len == cap) {
			if (memmem(buf, len, needle, n)) {
				found = true;
				break;
			}
			if (got == 0)
				break;
			/* keep the tail in case the needle spans the boundary */
			memmove(buf, buf + len - (n - 1), n - 1);
			len = n - 1;
		}
	}
	free(buf);
	fclose(fp);
	return found;
}

static void test_tokens_not_stored(void **state)
{
	struct fix *x = *state;
	struct zh_login_result r;
	login_ok(x, T0, LOGIN, PW, &r);

	struct zh_db *db = zh_store_acquire(x->ts.store);
	struct zh_arena *a = zh_arena_new();
	struct zh_session_row s;
	struct zh_user_row u;
	struct zh_person_row pr;
	/* neither the raw token bytes nor its prefix are a key */
	unsigned char raw[32];
	memcpy(raw, r.token, sizeof raw);
	assert_int_equal(zh_store_session_actor(db, a, raw, &s, &u, &pr), ZH_ENOTFOUND);
	/* its BLAKE2b-256 is */
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)r.token, strlen(r.token), NULL, 0);
	assert_int_equal(zh_store_session_actor(db, a, h, &s, &u, &pr), ZH_OK);
	assert_int_equal(s.id, r.session_id);
	assert_int_equal(s.user_id, x->user_id);
	assert_string_equal(s.ip, IP);
	zh_arena_free(a);
	zh_store_release(db);

	/* and the token text is nowhere in the database files */
	char p[160];
	assert_false(file_contains(x->ts.path, r.token));
	snprintf(p, sizeof p, "%s-wal", x->ts.path);
	assert_false(file_contains(p, r.token));
	/* (the check itself works: the CSRF token is stored in clear) */
	assert_true(file_contains(x->ts.path, r.csrf) || file_contains(p, r.csrf));
	/* nor is the password */
	assert_false(file_contains(x->ts.path, PW) || file_contains(p, PW));
}

static int group_setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int main(void)
{
#define S(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_roundtrip),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_temp_password),
		S(test_login_ok),
		S(test_login_must_change),
		S(test_login_bad),
		S(test_throttling),
		S(test_throttle_window),
		S(test_throttle_per_address),
		S(test_locked),
		S(test_unlock_clears_throttle),
		S(test_session_resolves),
		S(test_session_bad_tokens),
		S(test_logout),
		S(test_expiry),
		S(test_sliding_expiry),
		S(test_touch_only_when_due),
		S(test_change_password),
		S(test_change_password_refused),
		S(test_set_password),
		S(test_tokens_not_stored),
	};
	setenv("ZHURNAL_LOGIN_IP_LIMIT", "30", 1); /* the per-address test fails 30 times, not 100 */
	setenv("ZHURNAL_LOGIN_TIME_FLOOR_MS", "0", 1); /* logic, not timing, is tested here */
	return cmocka_run_group_tests_name("domain/auth", tests, group_setup, NULL);
}
