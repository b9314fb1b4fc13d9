/* err.h: the one error type of zhurnal */
#ifndef ZH_ERR_H
#define ZH_ERR_H

enum zh_err {
	ZH_OK = 0,
	ZH_ENOMEM,      /* out of memory */
	ZH_EINVAL,      /* bad input: wrong type, missing field, bad parameter (400) */
	ZH_ERULE,       /* well-formed input that breaks a rule (422) */
	ZH_EPARSE,      /* malformed body (JSON, UTF-8) */
	ZH_EUNAUTH,     /* not authenticated */
	ZH_EFORBIDDEN,  /* authenticated, not allowed */
	ZH_ENOTFOUND,   /* unknown id or route */
	ZH_EMETHOD,     /* wrong method for a known route */
	ZH_ECONFLICT,   /* conflicting state */
	ZH_ELOCKED,     /* locked (journal lock, locked account) */
	ZH_ETOOBIG,     /* body too large */
	ZH_ETHROTTLED,  /* too many attempts */
	ZH_EBUSY,       /* database busy */
	ZH_EDB,         /* database error */
	ZH_EIO,         /* file or network error */
	ZH_EINTERNAL,   /* programmer error caught at run time */
	ZH_ERR_COUNT
};

/* Short stable name of an error code, e.g. "not_found". */
const char *zh_err_name(enum zh_err e);

/* Details of a failure for the caller: code, offending field, human message (Russian). */
struct zh_fail {
	enum zh_err code;
	char code_name[48];  /* machine code for clients, e.g. "bad_credentials"; "" = zh_err_name */
	char field[64];
	char msg[256];
	long retry_after;    /* seconds, for throttling; 0 = none */
};

/* Fill f (if not NULL) and return code. fmt is a printf format for the message. */
enum zh_err zh_fail_set(struct zh_fail *f, enum zh_err code, const char *code_name,
			const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
