/* csv.c: the CSV reader (libcsv): UTF-8 or Windows-1251, ';' or ',' */
#include "import/table.h"

#include <csv.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

char *zh_cp1251_to_utf8(const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "CP1251");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 3 + 1, left = cap - 1;
	char *out = malloc(cap), *o = out;
	char *in = (char *)s;
	size_t inleft = n;
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
			/* a byte CP1251 leaves undefined (0x98): replace it */
			if (left < 3)
				break;
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			left -= 3;
			in++;
			inleft--;
		}
	}
	iconv_close(cd);
	*o = 0;
	if (outlen)
		*outlen = (size_t)(o - out);
	return out;
}

struct st {
	struct zh_table *t;
	struct zh_trow *row;
	int line;
	enum zh_err e;
};

static void on_field(void *s, size_t n, void *data)
{
	struct st *st = data;
	if (st->e)
		return;
	if (!st->row && !(st->row = zh_table_row(st->t, st->line))) {
		st->e = ZH_ENOMEM;
		return;
	}
	st->e = zh_table_set(st->row, st->row->n, s ? s : "", s ? n : 0);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct st *st = data;
	if (!st->row && !st->e && !(st->row = zh_table_row(st->t, st->line)))
		st->e = ZH_ENOMEM;
	st->row = NULL;
	st->line++;
}

static char detect_sep(const char *p, size_t n)
{
	size_t semi = 0, comma = 0;
	bool q = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"')
			q = !q;
		else if (!q && (p[i] == '\n' || p[i] == '\r'))
			break;
		else if (!q && p[i] == ';')
			semi++;
		else if (!q && p[i] == ',')
			comma++;
	}
	return comma > semi ? ',' : ';';
}

enum zh_err zh_csv_read(const char *data, size_t len, struct zh_table *out)
{
	char *conv = NULL;
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!zh_utf8_valid(data, len)) {
		size_t n;
		if (!(conv = zh_cp1251_to_utf8(data, len, &n)))
			return ZH_ENOMEM;
		data = conv;
		len = n;
	}
	if (memchr(data, 0, len)) {
		free(conv);
		return ZH_EPARSE;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		free(conv);
		return ZH_ENOMEM;
	}
	csv_set_delim(&p, (unsigned char)detect_sep(data, len));
	struct st st = { .t = out, .line = 1 };
	if (csv_parse(&p, data, len, on_field, on_row, &st) != len || csv_fini(&p, on_field, on_row, &st) != 0)
		st.e = st.e ? st.e : ZH_EPARSE;
	csv_free(&p);
	free(conv);
	if (st.e)
		zh_table_free(out);
	return st.e;
}
