/* err.c: names and failure details of the one error type */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const names[ZH_ERR_COUNT] = {
	[ZH_OK] = "ok",
	[ZH_ENOMEM] = "out_of_memory",
	[ZH_EINVAL] = "invalid_input",
	[ZH_ERULE] = "rule_violation",
	[ZH_EPARSE] = "malformed_body",
	[ZH_EUNAUTH] = "unauthenticated",
	[ZH_EFORBIDDEN] = "forbidden",
	[ZH_ENOTFOUND] = "not_found",
	[ZH_EMETHOD] = "method_not_allowed",
	[ZH_ECONFLICT] = "conflict",
	[ZH_ELOCKED] = "locked",
	[ZH_ETOOBIG] = "body_too_large",
	[ZH_ETHROTTLED] = "too_many_attempts",
	[ZH_EBUSY] = "busy",
	[ZH_EDB] = "database_error",
	[ZH_EIO] = "io_error",
	[ZH_EINTERNAL] = "internal_error",
};

const char *zh_err_name(enum zh_err e)
{
	if ((unsigned)e >= ZH_ERR_COUNT)
		return "internal_error";
	return names[e];
}

enum zh_err zh_fail_set(struct zh_fail *f, enum zh_err code, const char *code_name,
			const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return code;
	f->code = code;
	snprintf(f->code_name, sizeof f->code_name, "%s", code_name ? code_name : "");
	snprintf(f->field, sizeof f->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof f->msg, fmt, ap);
	va_end(ap);
	return code;
}
