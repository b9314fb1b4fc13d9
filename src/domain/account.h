/* account.h: the signed-in user's own account: profile, roles, sessions; operator user admin */
#ifndef ZH_ACCOUNT_H
#define ZH_ACCOUNT_H

#include "domain/ctx.h"

struct zh_profile {
	struct zh_person_row person;
	struct zh_user_row user;
	struct zh_role_row *roles;
	size_t nroles;
};

enum zh_err zh_account_profile(struct zh_ctx *c, struct zh_profile *out);
enum zh_err zh_account_sessions(struct zh_ctx *c, struct zh_session_row **rows, size_t *n);
/* Ends one of the actor's own sessions; ZH_ENOTFOUND for anyone else's. */
enum zh_err zh_account_end_session(struct zh_ctx *c, int64_t session_id);
/* Operations the actor would have in another of their schools. */
enum zh_err zh_account_school_ops(struct zh_ctx *c, int64_t school_id, const struct zh_profile *p,
				  struct zh_opset *out);

/* Admin actions on another user of the actor's school (ZH_ENOTFOUND for other schools). */
enum zh_err zh_account_reset_password(struct zh_ctx *c, int64_t user_id, char temp_out[16]);
enum zh_err zh_account_set_locked(struct zh_ctx *c, int64_t user_id, bool locked);

/* Creates a person with a user account and roles in a school (operator command line). */
struct zh_new_user {
	const char *login, *password, *last_name, *first_name, *middle_name, *gender;
	int64_t school_id;
	const int *roles;      /* role ids, 0-terminated */
	bool must_change;
};
enum zh_err zh_account_create(struct zh_ctx *c, const struct zh_new_user *u, int64_t *user_id);

#endif
