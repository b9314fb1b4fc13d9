/* imports.h: import of students, parents, staff and classes from CSV/XLSX (a dry run that reports
 * every bad row, then an all-or-nothing apply) and export of the same lists (M-04) */
#ifndef ZH_DOMAIN_IMPORTS_H
#define ZH_DOMAIN_IMPORTS_H

#include <jansson.h>

#include "domain/ctx.h"

/* The operation needed to import kind ("students" | "parents" | "staff" | "classes"); NULL when
 * the kind is unknown. */
const char *zh_import_op(const char *kind);

/* Dry run: parses (format "csv" | "xlsx"), validates every row against the database, stores the
 * upload and the report; *report = {id, kind, filename, status, rows, valid, errors:[{row, column,
 * message}]}. */
enum zh_err zh_import_check(struct zh_ctx *c, const char *kind, const char *format, const char *filename,
			    const char *data, size_t len, json_t **report);
enum zh_err zh_import_get(struct zh_ctx *c, int64_t id, json_t **report);
/* Re-validates and applies every row in one transaction. ZH_ERULE with *report (the new errors)
 * when a row is bad (nothing applied); ZH_ECONFLICT when already applied. */
enum zh_err zh_import_apply(struct zh_ctx *c, int64_t id, json_t **report);

/* Export: kind "students" | "parents" | "staff" | "classes" | "health"; format "csv" | "xlsx";
 * class_id 0 = every class. *data malloc'ed; *filename and *ctype in the arena. */
enum zh_err zh_export(struct zh_ctx *c, const char *kind, const char *format, int64_t class_id, char **data,
		      size_t *len, const char **filename, const char **ctype);

#endif
