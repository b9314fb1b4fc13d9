/* account.c: own account (profile, sessions), admin resets and locks, operator creation */
#include "domain/account.h"

#include <string.h>

#include "core/fold.h"
#include "domain/audit.h"
#include "domain/auth.h"

enum zh_err zh_account_profile(struct zh_ctx *c, struct zh_profile *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if (c->login && c->person_id) { /* the session already read the account */
		out->user.id = c->user_id;
		out->user.person_id = c->person_id;
		out->user.login = c->login;
		out->user.must_change = c->must_change;
	} else if ((e = zh_store_user_by_id(db, c->arena, c->user_id, &out->user))) {
		return e;
	}
	if (c->person.id == out->user.person_id && c->person.last_name)
		out->person = c->person;
	else if ((e = zh_store_person_get(db, c->arena, out->user.person_id, &out->person)))
		return e;
	if (c->role_rows) { /* already read when the session was resolved */
		out->roles = c->role_rows;
		out->nroles = c->nrole_rows;
		return ZH_OK;
	}
	return zh_store_user_roles(db, c->arena, c->user_id, &out->roles, &out->nroles);
}

enum zh_err zh_account_school_ops(struct zh_ctx *c, int64_t school_id, const struct zh_profile *p,
				  struct zh_opset *out)
{
	int roles[ZH_ROLE_MAX + 1] = { 0 };
	for (size_t i = 0; i < p->nroles; i++)
		if (p->roles[i].school_id == school_id)
			roles[p->roles[i].role_id] = 1;
	return zh_acl_ops_since(zh_ctx_db(c), school_id, roles, c->acl_gen, out);
}

enum zh_err zh_account_sessions(struct zh_ctx *c, struct zh_session_row **rows, size_t *n)
{
	return zh_store_sessions_active(zh_ctx_db(c), c->arena, c->user_id, c->now, rows, n);
}

enum zh_err zh_account_end_session(struct zh_ctx *c, int64_t session_id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e = zh_db_begin(db, true);
	if (e)
		return e;
	e = zh_store_session_end(db, c->user_id, session_id, c->now);
	if (e == ZH_ENOTFOUND)
		zh_fail_set(&c->fail, e, "not_found", "id", "Сеанс не найден");
	if (e || (e = zh_audit(c, "auth.session_ended", "session", session_id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* The user must hold a role in the actor's school. */
static enum zh_err user_in_school(struct zh_ctx *c, int64_t user_id, struct zh_user_row *u)
{
	struct zh_role_row *roles;
	size_t n;
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e = zh_store_user_by_id(db, c->arena, user_id, u);
	if (!e)
		e = zh_store_user_roles(db, c->arena, user_id, &roles, &n);
	if (e == ZH_OK) {
		for (size_t i = 0; i < n; i++)
			if (roles[i].school_id == c->school_id)
				return ZH_OK;
		e = ZH_ENOTFOUND;
	}
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "not_found", "id", "Пользователь не найден");
	return e;
}

enum zh_err zh_account_reset_password(struct zh_ctx *c, int64_t user_id, char temp_out[16])
{
	struct zh_user_row u;
	char hash[128];
	enum zh_err e;
	if ((e = user_in_school(c, user_id, &u)))
		return e;
	zh_auth_temp_password(temp_out);
	zh_ctx_done(c); /* no connection held while hashing */
	if ((e = zh_auth_hash_password(temp_out, ZH_PW_GENERATED, hash)))
		return e;
	struct zh_db *db = zh_ctx_db(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_user_set_password(db, u.id, hash, true)) ||
	    (e = zh_store_sessions_end_all(db, u.id, 0, c->now)) ||
	    (e = zh_audit(c, "user.password_reset", "user", u.id, NULL, NULL)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_account_set_locked(struct zh_ctx *c, int64_t user_id, bool locked)
{
	struct zh_user_row u;
	enum zh_err e;
	if ((e = user_in_school(c, user_id, &u)))
		return e;
	if (u.id == c->user_id && locked)
		return zh_fail_set(&c->fail, ZH_ERULE, "self_lock", "id", "Нельзя заблокировать собственную учётную запись");
	return zh_auth_set_locked(c, u.login, locked);
}

enum zh_err zh_account_create(struct zh_ctx *c, const struct zh_new_user *nu, int64_t *user_id)
{
	struct zh_person_row p = {
		.last_name = nu->last_name, .first_name = nu->first_name,
		.middle_name = nu->middle_name ? nu->middle_name : "", .gender = nu->gender,
	};
	struct zh_db *db;
	char hash[128];
	int64_t pid;
	bool exists;
	enum zh_err e;

	if (!nu->login || !*nu->login || strlen(nu->login) > 64)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_input", "login", "Логин должен быть от 1 до 64 символов");
	for (const char *s = nu->login; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-'))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_input", "login",
					   "Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание");
	if (!nu->last_name || !*nu->last_name || !nu->first_name || !*nu->first_name)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "name", "Укажите фамилию и имя");
	if ((e = zh_auth_password_policy(nu->login, NULL, nu->password, &c->fail)))
		return e;
	if ((e = zh_auth_hash_password(nu->password, ZH_PW_INTERACTIVE, hash)))
		return e;
	db = zh_ctx_db(c);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_user_login_exists(db, nu->login, &exists)))
		goto out;
	if (exists) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "login_taken", "login", "Логин %s уже занят", nu->login);
		goto out;
	}
	const char *full = zh_arena_printf(c->arena, "%s %s %s", p.last_name, p.first_name, p.middle_name);
	if ((e = zh_store_person_insert(db, &p, zh_fold(c->arena, full, strlen(full)), &pid)) ||
	    (e = zh_store_user_insert(db, pid, nu->login, hash, nu->must_change, user_id)))
		goto out;
	for (const int *r = nu->roles; r && *r; r++) {
		if (*r > ZH_SCHOOL_ROLES) {
			struct zh_school_row s;
			if ((e = zh_store_school_get(db, c->arena, nu->school_id, &s)) ||
			    (e = zh_store_user_region_role_add(db, *user_id, s.region_id, *r)))
				goto out;
		} else if ((e = zh_store_user_role_add(db, *user_id, nu->school_id, *r))) {
			goto out;
		}
	}
	json_t *v = json_pack("{s:s}", "login", nu->login);
	e = zh_audit(c, "user.create", "user", *user_id, NULL, v);
	json_decref(v);
	if (e)
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}
