/* csv.c: the CSV writer (see csv.h) */
#include "export/csv.h"

#include <string.h>

#include "core/buf.h"

static enum zh_err cell(struct zh_buf *b, const char *s)
{
	enum zh_err e = ZH_OK;
	bool guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		     s[0] == '\r';
	bool quote = false;
	for (const char *p = s; *p && !quote; p++)
		quote = *p == ';' || *p == '"' || *p == '\n' || *p == '\r' || *p == ',';
	if (quote && (e = zh_buf_append(b, "\"", 1)))
		return e;
	if (guard && (e = zh_buf_append(b, "'", 1)))
		return e;
	for (const char *p = s; *p; p++)
		if ((e = zh_buf_append(b, p, 1)) || (*p == '"' && (e = zh_buf_append(b, "\"", 1))))
			return e;
	if (quote)
		e = zh_buf_append(b, "\"", 1);
	return e;
}

enum zh_err zh_csv_write(const struct zh_table *t, char **out, size_t *len)
{
	struct zh_buf b;
	enum zh_err e;
	zh_buf_init(&b, (size_t)256 << 20);
	e = zh_buf_append(&b, "\xEF\xBB\xBF", 3);
	for (size_t i = 0; !e && i < t->n; i++) {
		for (size_t j = 0; !e && j < t->rows[i].n; j++)
			if ((j == 0 || !(e = zh_buf_append(&b, ";", 1))))
				e = cell(&b, t->rows[i].cells[j]);
		if (!e)
			e = zh_buf_append(&b, "\r\n", 2);
	}
	if (e) {
		zh_buf_free(&b);
		return e;
	}
	*out = b.data;
	*len = b.len;
	return ZH_OK;
}
