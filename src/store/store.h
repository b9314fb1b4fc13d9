/* store.h: backend-neutral storage API; the only door to the database */
#ifndef ZH_STORE_H
#define ZH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct zh_store; /* an open installation: a pool of connections */
struct zh_db;    /* one connection, held by one thread at a time */

/* ---- lifecycle ---- */
struct zh_store_opts {
	const char *path;      /* SQLite file */
	int pool_size;         /* connections kept open (>= 1) */
	bool create;           /* create the file when missing */
	bool migrate;          /* apply pending migrations */
};
enum zh_err zh_store_open(const struct zh_store_opts *o, struct zh_store **out, struct zh_fail *f);
void zh_store_close(struct zh_store *s);
/* Blocks until a connection is free. */
struct zh_db *zh_store_acquire(struct zh_store *s);
void zh_store_release(struct zh_db *db);
/* Number of applied migrations. */
int zh_store_schema_version(struct zh_db *db);

/* ---- transactions: write ones take the write lock at once (BEGIN IMMEDIATE) ---- */
enum zh_err zh_db_begin(struct zh_db *db, bool write);
enum zh_err zh_db_commit(struct zh_db *db);
void zh_db_rollback(struct zh_db *db);
/* Last database error text (for logs only; never shown to clients). */
const char *zh_db_errmsg(struct zh_db *db);

/* ---- regions and schools ---- */
struct zh_school_row {
	int64_t id, region_id;
	const char *name, *short_name, *timezone, *region_name;
};
enum zh_err zh_store_region_insert(struct zh_db *db, const char *name, int64_t *id);
enum zh_err zh_store_school_insert(struct zh_db *db, int64_t region_id, const char *name,
				   const char *short_name, const char *tz, int64_t *id);
enum zh_err zh_store_school_get(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_school_row *out);
enum zh_err zh_store_schools_list(struct zh_db *db, struct zh_arena *a,
				  struct zh_school_row **rows, size_t *n);

/* ---- persons and users ---- */
struct zh_person_row {
	int64_t id;
	const char *last_name, *first_name, *middle_name, *gender, *birth_date;
};
enum zh_err zh_store_person_insert(struct zh_db *db, const struct zh_person_row *p,
				   const char *name_fold, int64_t *id);
enum zh_err zh_store_person_get(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_person_row *out);

struct zh_user_row {
	int64_t id, person_id;
	const char *login, *pw_hash;
	bool must_change, locked;
};
enum zh_err zh_store_user_insert(struct zh_db *db, int64_t person_id, const char *login,
				 const char *pw_hash, bool must_change, int64_t *id);
/* ZH_ENOTFOUND when absent. */
enum zh_err zh_store_user_by_login(struct zh_db *db, struct zh_arena *a, const char *login,
				   struct zh_user_row *out);
enum zh_err zh_store_user_by_id(struct zh_db *db, struct zh_arena *a, int64_t id,
				struct zh_user_row *out);
enum zh_err zh_store_user_login_exists(struct zh_db *db, const char *login, bool *exists);
enum zh_err zh_store_user_set_password(struct zh_db *db, int64_t id, const char *pw_hash,
				       bool must_change);
enum zh_err zh_store_user_set_locked(struct zh_db *db, int64_t id, bool locked);

/* Role memberships. school_id/school_name are 0/NULL for region roles (then region_id set). */
struct zh_role_row {
	int64_t school_id, region_id;
	int role_id;
	const char *school_name;
};
enum zh_err zh_store_user_role_add(struct zh_db *db, int64_t user_id, int64_t school_id, int role_id);
enum zh_err zh_store_user_region_role_add(struct zh_db *db, int64_t user_id, int64_t region_id,
					  int role_id);
enum zh_err zh_store_user_roles(struct zh_db *db, struct zh_arena *a, int64_t user_id,
				struct zh_role_row **rows, size_t *n);

/* Operator listing (CLI "user list"). role_id 0 = every role. */
struct zh_user_list_row {
	const char *login, *full_name, *roles /* "3,5" */, *class_name, *children;
	bool locked, must_change;
};
enum zh_err zh_store_user_list(struct zh_db *db, struct zh_arena *a, int role_id,
			       struct zh_user_list_row **rows, size_t *n);

/* ---- sessions ---- */
struct zh_session_row {
	int64_t id, user_id, created_at, last_seen_at, expires_at, ended_at;
	const char *csrf, *ip, *user_agent;
};
enum zh_err zh_store_session_insert(struct zh_db *db, const struct zh_session_row *s,
				    const unsigned char hash[32], int64_t *id);
/* The session with its user and person in one read (the hot path of every request); active or
 * not: the caller checks ended_at and expires_at. ZH_ENOTFOUND when absent. */
enum zh_err zh_store_session_actor(struct zh_db *db, struct zh_arena *a, const unsigned char hash[32],
				   struct zh_session_row *s, struct zh_user_row *u, struct zh_person_row *p);
enum zh_err zh_store_session_touch(struct zh_db *db, int64_t id, int64_t now, int64_t expires_at);
/* Ends one session of user_id; ZH_ENOTFOUND when it is not that user's active session. */
enum zh_err zh_store_session_end(struct zh_db *db, int64_t user_id, int64_t id, int64_t now);
/* Ends every active session of the user except keep_id (0 = none). */
enum zh_err zh_store_sessions_end_all(struct zh_db *db, int64_t user_id, int64_t keep_id, int64_t now);
enum zh_err zh_store_sessions_active(struct zh_db *db, struct zh_arena *a, int64_t user_id,
				     int64_t now, struct zh_session_row **rows, size_t *n);

/* ---- login throttling and events ---- */
struct zh_throttle_row {
	int64_t failures, window_start, blocked_until;
};
/* Absent keys read as all zeros. */
enum zh_err zh_store_throttle_get(struct zh_db *db, const char *key, struct zh_throttle_row *out);
enum zh_err zh_store_throttle_put(struct zh_db *db, const char *key, const struct zh_throttle_row *t);
enum zh_err zh_store_throttle_clear(struct zh_db *db, const char *key);
enum zh_err zh_store_login_event(struct zh_db *db, int64_t at, const char *login, int64_t user_id,
				 const char *ip, bool success, const char *reason);

/* ---- access matrix ---- */
/* Calls fn for every granted (role, op) of the school. */
enum zh_err zh_store_acl_each(struct zh_db *db, int64_t school_id,
			      void (*fn)(void *ctx, int role_id, const char *op), void *ctx);
enum zh_err zh_store_acl_set(struct zh_db *db, int64_t school_id, int role_id, const char *op,
			     bool granted);
enum zh_err zh_store_acl_count(struct zh_db *db, int64_t school_id, int64_t *n);

/* ---- audit ---- */
struct zh_audit_row {
	int64_t id, at, school_id, user_id;
	const char *op, *entity, *entity_id, *old_value, *new_value, *request_id, *client;
	const char *prev_hash, *hash;
	const char *user_login; /* filled by list */
};
/* Hash of the newest row ("" chain start when empty). */
enum zh_err zh_store_audit_last_hash(struct zh_db *db, struct zh_arena *a, const char **hash);
enum zh_err zh_store_audit_insert(struct zh_db *db, const struct zh_audit_row *r, int64_t *id);
struct zh_audit_filter {
	int64_t school_id;     /* required */
	int64_t user_id;       /* 0 = any */
	const char *op;        /* NULL = any; prefix match when it ends with '*' */
	const char *entity;    /* NULL = any */
	const char *entity_id; /* NULL = any */
	int64_t from, to;      /* 0 = open */
	int64_t limit, offset;
};
enum zh_err zh_store_audit_list(struct zh_db *db, struct zh_arena *a, const struct zh_audit_filter *flt,
				struct zh_audit_row **rows, size_t *n, int64_t *total);
/* Walks the whole chain in id order (for verification); each row lives only during its call,
 * so memory stays flat however long the log is. fn returns non-zero to stop. */
enum zh_err zh_store_audit_each(struct zh_db *db, int (*fn)(void *ctx, const struct zh_audit_row *r),
				void *ctx);

/* ---- contingent (years, subjects, classes, links); the school issue adds store/classes.h etc. ---- */
enum zh_err zh_store_year_insert(struct zh_db *db, int64_t school_id, const char *name,
				 const char *start, const char *end, int64_t *id);
enum zh_err zh_store_subject_insert(struct zh_db *db, int64_t school_id, const char *name,
				    const char *short_name, int64_t *id);
enum zh_err zh_store_class_insert(struct zh_db *db, int64_t school_id, int64_t year_id, int grade,
				  const char *letter, int64_t class_teacher_id, int64_t *id);
/* ZH_ECONFLICT when the student is already in a class of that class's year. */
enum zh_err zh_store_class_student_add(struct zh_db *db, int64_t school_id, int64_t class_id,
				       int64_t student_id);
enum zh_err zh_store_parent_link_add(struct zh_db *db, int64_t school_id, int64_t parent_id,
				     int64_t child_id, const char *relation);
/* A teacher-load row (teacher teaches subject in class; 0 hours until the load is planned). */
enum zh_err zh_store_teacher_subject_add(struct zh_db *db, int64_t school_id, int64_t teacher_id,
					 int64_t subject_id, int64_t class_id);

/* Scope facts for the access module (school-scoped). */
enum zh_err zh_store_is_class_teacher(struct zh_db *db, int64_t school_id, int64_t person_id,
				      int64_t class_id, bool *yes);
/* A parent's link counts until the child's leaving date (today: "YYYY-MM-DD" in the school's zone). */
enum zh_err zh_store_is_parent_of(struct zh_db *db, int64_t school_id, int64_t parent_id,
				  int64_t child_id, const char *today, bool *yes);
/* subject_id 0 = any subject in that class. */
enum zh_err zh_store_teaches(struct zh_db *db, int64_t school_id, int64_t teacher_id,
			     int64_t class_id, int64_t subject_id, bool *yes);
enum zh_err zh_store_student_class(struct zh_db *db, int64_t school_id, int64_t student_id,
				   int64_t *class_id);

#endif
