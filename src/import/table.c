/* table.c: the table of text cells shared by the readers and writers */
#include "import/table.h"

#include <stdlib.h>
#include <string.h>

struct zh_trow *zh_table_row(struct zh_table *t, int line)
{
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		struct zh_trow *nr = realloc(t->rows, nc * sizeof *nr);
		if (!nr)
			return NULL;
		t->rows = nr;
		t->cap = nc;
	}
	struct zh_trow *r = &t->rows[t->n++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

enum zh_err zh_table_set(struct zh_trow *r, size_t col, const char *s, size_t n)
{
	if (col >= 16384)
		return ZH_EPARSE;
	if (col >= r->n) {
		char **nc = realloc(r->cells, (col + 1) * sizeof *nc);
		if (!nc)
			return ZH_ENOMEM;
		r->cells = nc;
		for (size_t i = r->n; i <= col; i++)
			nc[i] = NULL;
		for (size_t i = r->n; i <= col; i++) {
			nc[i] = calloc(1, 1);
			if (!nc[i]) {
				r->n = i;
				return ZH_ENOMEM;
			}
		}
		r->n = col + 1;
	}
	char *v = malloc(n + 1);
	if (!v)
		return ZH_ENOMEM;
	if (n)
		memcpy(v, s, n);
	v[n] = 0;
	free(r->cells[col]);
	r->cells[col] = v;
	return ZH_OK;
}

enum zh_err zh_table_add(struct zh_trow *r, const char *s)
{
	return zh_table_set(r, r->n, s ? s : "", s ? strlen(s) : 0);
}

const char *zh_table_cell(const struct zh_trow *r, size_t col)
{
	return col < r->n ? r->cells[col] : "";
}

bool zh_table_row_blank(const struct zh_trow *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (const char *p = r->cells[i]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				return false;
	return true;
}

void zh_table_free(struct zh_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}
