/* xlsx.h: the XLSX writer (libxlsxwriter): one sheet, a bold header row (row 0 of the table),
 * column widths from the content, every cell as text */
#ifndef ZH_EXPORT_XLSX_H
#define ZH_EXPORT_XLSX_H

#include <stddef.h>

#include "import/table.h"

/* sheet: the sheet name (cut to 31 characters; []:*?/\ replaced). *out is malloc'ed. */
enum zh_err zh_xlsx_write(const struct zh_table *t, const char *sheet, char **out, size_t *len);

#endif
