/* auth.h: passwords, logins, throttling, sessions (M-01) */
#ifndef ZH_AUTH_H
#define ZH_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ctx.h"

#define ZH_TOKEN_LEN 43      /* base64url of 32 random bytes */
#define ZH_PASSWORD_MIN 8
#define ZH_PASSWORD_MAX 128

enum zh_pw_cost {
	ZH_PW_INTERACTIVE,   /* passwords people choose: Argon2id, 64 MiB */
	ZH_PW_GENERATED,     /* random temporary passwords (>= 60 bits): Argon2id, 8 MiB */
};

/* Argon2id hash string (crypto_pwhash_str); at most ZHURNAL_HASH_CONCURRENCY at once. */
enum zh_err zh_auth_hash_password(const char *pw, enum zh_pw_cost cost, char out[128]);
bool zh_auth_verify_password(const char *hash, const char *pw);
/* A random temporary password of 10 characters without look-alikes (no 0/O, 1/l/I). */
void zh_auth_temp_password(char out[16]);
/* Checks a new password against the policy (length, not the login, not the old one). */
enum zh_err zh_auth_password_policy(const char *login, const char *old_pw, const char *new_pw,
				    struct zh_fail *f);

struct zh_login_result {
	char token[ZH_TOKEN_LEN + 1];
	char csrf[ZH_TOKEN_LEN + 1];
	int64_t user_id, session_id, expires_at;
	bool must_change;
};
/* Checks throttling, the password and the lock; opens a session; logs the event. */
enum zh_err zh_auth_login(struct zh_ctx *c, const char *login, const char *password,
			  struct zh_login_result *out);

/* Resolves a token into the actor of c (user, person, session, school, roles, operations).
 * school_id 0 picks the user's first school. ZH_EUNAUTH with code "session_expired" or
 * "unauthenticated". csrf_out receives the session's CSRF token (arena string). */
enum zh_err zh_auth_session(struct zh_ctx *c, const char *token, int64_t school_id,
			    const char **csrf_out);
/* Slides the session's expiry when zh_auth_session found it due (outside any transaction). */
void zh_auth_touch(struct zh_ctx *c);
enum zh_err zh_auth_logout(struct zh_ctx *c);
/* Changes the actor's password, ends all sessions and opens a new one. */
enum zh_err zh_auth_change_password(struct zh_ctx *c, const char *old_pw, const char *new_pw,
				    struct zh_login_result *out);
/* Operator actions (CLI or admin API): user_id resolved from login. */
enum zh_err zh_auth_set_password(struct zh_ctx *c, const char *login, const char *pw,
				 bool must_change);
enum zh_err zh_auth_set_locked(struct zh_ctx *c, const char *login, bool locked);

#endif
