/* table.h: a table of text cells (UTF-8), what the CSV and XLSX readers produce and the
 * writers consume. Rows keep their number in the file (header = 1) so reports can name them. */
#ifndef ZH_TABLE_H
#define ZH_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct zh_trow {
	int line;          /* row number in the file, 1-based */
	size_t n;          /* cells */
	char **cells;      /* malloc'ed UTF-8 strings, never NULL */
};

struct zh_table {
	size_t n, cap;
	struct zh_trow *rows;
};

/* Appends an empty row numbered line; NULL when out of memory. */
struct zh_trow *zh_table_row(struct zh_table *t, int line);
/* Sets cell col of the row (copying n bytes of s), growing it with empty cells. */
enum zh_err zh_table_set(struct zh_trow *r, size_t col, const char *s, size_t n);
/* Appends a cell (copy of the NUL-terminated s; NULL = empty). */
enum zh_err zh_table_add(struct zh_trow *r, const char *s);
/* The cell or "" when absent. */
const char *zh_table_cell(const struct zh_trow *r, size_t col);
/* True when every cell of the row is blank. */
bool zh_table_row_blank(const struct zh_trow *r);
void zh_table_free(struct zh_table *t);

/* ---- readers (src/import/csv.c, src/import/xlsx.c) ---- */
/* CSV in UTF-8 (with or without BOM) or Windows-1251 (when not valid UTF-8); the separator ';'
 * or ',' is taken from the first line (the one more frequent outside quotes; ';' on a tie);
 * quoted fields per RFC 4180. ZH_EPARSE on malformed input. */
enum zh_err zh_csv_read(const char *data, size_t len, struct zh_table *out);
/* The first sheet of an XLSX workbook in memory: shared and inline strings, numbers, booleans;
 * empty cells kept in place by their references ("C12"). ZH_EPARSE on a bad file. */
enum zh_err zh_xlsx_read(const char *data, size_t len, struct zh_table *out);
/* Converts Windows-1251 text to a malloc'ed UTF-8 string (NULL when out of memory). */
char *zh_cp1251_to_utf8(const char *s, size_t n, size_t *outlen);

#endif
