/* credentials.h: issuing logins and temporary passwords (M-01), and the printable sheet
 *
 * Logins are the transliterated surname, a dot and the initials (Иванова Мария Петровна →
 * "ivanova.mp"), unique in the installation with a numeric suffix ("ivanova.mp2"). Every new or
 * reset account gets a random temporary password (hashed at the cheaper generated cost, outside
 * any transaction) that must be changed at the first login; the passwords are returned once and
 * never stored in clear or written to the audit.
 *
 * Reissue: with reissue set, people who have an account but have not changed its temporary
 * password yet (must_change) get a new temporary password; accounts already in use are left
 * alone (an admin resets one with POST /users/{id}/password-reset). */
#ifndef ZH_CREDENTIALS_H
#define ZH_CREDENTIALS_H

#include "domain/ctx.h"
#include "store/credentials.h"

/* One login issued now. */
struct zh_cred_issued {
	int64_t person_id, user_id;
	const char *full_name, *kind, *login;  /* kind: "student", "parent", "staff" */
	const char *class_name;                /* "" for staff */
	const char *children;                  /* parents: their children in the class */
	char password[16];                     /* the temporary password (shown once) */
	bool created;                          /* false = the temporary password was reset */
};

struct zh_cred_result {
	struct zh_cred_class_row klass;        /* the class (id 0 for staff) */
	struct zh_cred_issued *items;
	size_t n;
	size_t skipped;                        /* had an account and were left alone */
};

#define ZH_CRED_STUDENTS 1u
#define ZH_CRED_PARENTS 2u

/* The class for the actor: admin (credentials.issue.all) any class of the school; a class
 * teacher (own_class) only their own (ZH_EFORBIDDEN otherwise, alike for unknown classes). */
enum zh_err zh_cred_class(struct zh_ctx *c, int64_t class_id, struct zh_cred_class_row *out);
/* Classes the actor may issue logins for (open years only). */
enum zh_err zh_cred_classes(struct zh_ctx *c, struct zh_cred_class_row **rows, size_t *n);
/* Who in the class has a login (students, then parents). */
enum zh_err zh_cred_roster(struct zh_ctx *c, int64_t class_id, struct zh_cred_class_row *klass,
			   struct zh_cred_person_row **rows, size_t *n);
/* Staff of the school with their logins (credentials.issue.all). */
enum zh_err zh_cred_staff(struct zh_ctx *c, struct zh_cred_person_row **rows, size_t *n);

/* Creates accounts (role student or parent in the school) for the class's students and/or
 * parents (who: ZH_CRED_STUDENTS | ZH_CRED_PARENTS) that have none, and with reissue resets
 * the temporary passwords of those not yet activated. Audited as one entry (no passwords). */
enum zh_err zh_cred_issue_class(struct zh_ctx *c, int64_t class_id, unsigned who, bool reissue,
				struct zh_cred_result *out);
/* The same for one staff person of the school; roles (0-terminated, may be NULL = teacher) are
 * given to a new account. */
enum zh_err zh_cred_issue_staff(struct zh_ctx *c, int64_t person_id, const int *roles, bool reissue,
				struct zh_cred_result *out);

/* The base login of a person ("ivanova.mp"; "user" when nothing is left after
 * transliteration), at most 40 characters. */
char *zh_cred_login_base(struct zh_arena *a, const char *last, const char *first, const char *middle);

/* The printable sheet: one cut-out card per issued login, eight per A4 page. site_url NULL =
 * $ZHURNAL_SITE_URL or http://127.0.0.1:8080. *pdf is malloc'ed (the caller frees). */
enum zh_err zh_cred_sheet_pdf(struct zh_ctx *c, const struct zh_cred_result *res, const char *site_url,
			      char **pdf, size_t *len);

#endif
