/* csv.h: the CSV writer for Excel: UTF-8 with BOM, ';' separator, CRLF, RFC 4180 quoting and
 * the formula-injection guard (a cell beginning with = + - @ TAB CR gets a leading apostrophe) */
#ifndef ZH_EXPORT_CSV_H
#define ZH_EXPORT_CSV_H

#include <stddef.h>

#include "import/table.h"

/* *out is malloc'ed (the caller frees it). */
enum zh_err zh_csv_write(const struct zh_table *t, char **out, size_t *len);

#endif
