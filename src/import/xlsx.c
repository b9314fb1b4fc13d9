/* xlsx.c: the XLSX reader (libzip + expat): the first sheet of a workbook as a table */
#include "import/table.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"

#define XLSX_PART_MAX ((size_t)64 << 20)

/* A part of the package as a malloc'ed NUL-terminated string; NULL when absent. */
static char *part(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t s;
	if (zip_stat(z, name, 0, &s) != 0 || !(s.valid & ZIP_STAT_SIZE) || s.size > XLSX_PART_MAX)
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *buf = malloc(s.size + 1);
	zip_int64_t got = buf ? zip_fread(f, buf, s.size) : -1;
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != s.size) {
		free(buf);
		return NULL;
	}
	buf[s.size] = 0;
	if (len)
		*len = s.size;
	return buf;
}

static const char *attr(const XML_Char **a, const char *name)
{
	for (; a && *a; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

/* local name of "ns:name" or "name" */
static const char *local(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

/* ---- shared strings ---- */
struct sst {
	char **s;
	size_t n, cap;
	struct zh_buf cur;
	int in_si, in_t, in_rph;
	enum zh_err e;
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	(void)a;
	struct sst *s = ud;
	const char *l = local(name);
	if (strcmp(l, "si") == 0) {
		s->in_si = 1;
		zh_buf_reset(&s->cur);
	} else if (strcmp(l, "rPh") == 0)
		s->in_rph = 1;
	else if (strcmp(l, "t") == 0 && s->in_si && !s->in_rph)
		s->in_t = 1;
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	const char *l = local(name);
	if (strcmp(l, "t") == 0)
		s->in_t = 0;
	else if (strcmp(l, "rPh") == 0)
		s->in_rph = 0;
	else if (strcmp(l, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (s->n == s->cap) {
			size_t nc = s->cap ? s->cap * 2 : 256;
			char **ns = realloc(s->s, nc * sizeof *ns);
			if (!ns) {
				s->e = ZH_ENOMEM;
				return;
			}
			s->s = ns;
			s->cap = nc;
		}
		char *v = strdup(s->cur.data ? s->cur.data : "");
		if (!v) {
			s->e = ZH_ENOMEM;
			return;
		}
		s->s[s->n++] = v;
	}
}

static void sst_text(void *ud, const XML_Char *t, int n)
{
	struct sst *s = ud;
	if (s->in_t && !s->e)
		s->e = zh_buf_append(&s->cur, t, (size_t)n);
}

/* ---- the sheet ---- */
struct sheet {
	struct zh_table *t;
	struct sst *sst;
	struct zh_trow *row;
	int rownum;            /* current row number */
	long col;              /* current cell column, -1 = none */
	char type[16];
	int in_v, in_t, in_is;
	struct zh_buf val;
	enum zh_err e;
};

/* "C12" → column 2 (0-based), row 12 */
static bool cellref(const char *r, long *col, int *row)
{
	long c = 0;
	const char *p = r;
	while (*p >= 'A' && *p <= 'Z')
		c = c * 26 + (*p++ - 'A' + 1);
	if (p == r || c > 16384)
		return false;
	*col = c - 1;
	long rn = 0;
	while (*p >= '0' && *p <= '9' && rn < 2000000)
		rn = rn * 10 + (*p++ - '0');
	*row = (int)rn;
	return *p == 0 && rn > 0;
}

static void sh_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sheet *s = ud;
	const char *l = local(name);
	if (s->e)
		return;
	if (strcmp(l, "row") == 0) {
		const char *r = attr(a, "r");
		int n = r ? atoi(r) : s->rownum + 1;
		if (n <= s->rownum)
			n = s->rownum + 1;
		s->rownum = n;
		if (!(s->row = zh_table_row(s->t, n)))
			s->e = ZH_ENOMEM;
	} else if (strcmp(l, "c") == 0) {
		const char *r = attr(a, "r"), *t = attr(a, "t");
		long col;
		int rn;
		if (r && cellref(r, &col, &rn))
			s->col = col;
		else
			s->col = s->row ? (long)s->row->n : 0;
		snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
		zh_buf_reset(&s->val);
	} else if (strcmp(l, "v") == 0)
		s->in_v = 1;
	else if (strcmp(l, "is") == 0)
		s->in_is = 1;
	else if (strcmp(l, "t") == 0 && s->in_is)
		s->in_t = 1;
}

static void put_cell(struct sheet *s)
{
	const char *v = s->val.data ? s->val.data : "";
	char num[64];
	if (!s->row || s->col < 0)
		return;
	if (strcmp(s->type, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || i < 0 || (size_t)i >= s->sst->n) {
			s->e = ZH_EPARSE;
			return;
		}
		v = s->sst->s[i];
	} else if (strcmp(s->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "ИСТИНА" : "ЛОЖЬ";
	} else if (strcmp(s->type, "n") == 0 && *v) {
		char *end;
		double d = strtod(v, &end);
		if (*end == 0) {
			if (d == (double)(long long)d && d > -1e15 && d < 1e15)
				snprintf(num, sizeof num, "%lld", (long long)d);
			else
				snprintf(num, sizeof num, "%.15g", d);
			v = num;
		}
	}
	s->e = zh_table_set(s->row, (size_t)s->col, v, strlen(v));
}

static void sh_end(void *ud, const XML_Char *name)
{
	struct sheet *s = ud;
	const char *l = local(name);
	if (s->e)
		return;
	if (strcmp(l, "v") == 0)
		s->in_v = 0;
	else if (strcmp(l, "t") == 0)
		s->in_t = 0;
	else if (strcmp(l, "is") == 0)
		s->in_is = 0;
	else if (strcmp(l, "c") == 0) {
		put_cell(s);
		s->col = -1;
	} else if (strcmp(l, "row") == 0)
		s->row = NULL;
}

static void sh_text(void *ud, const XML_Char *t, int n)
{
	struct sheet *s = ud;
	if (!s->e && (s->in_v || s->in_t))
		s->e = zh_buf_append(&s->val, t, (size_t)n);
}

static bool parse(const char *xml, size_t len, void *ud, XML_StartElementHandler st,
		  XML_EndElementHandler en, XML_CharacterDataHandler tx)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		return false;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	XML_SetCharacterDataHandler(p, tx);
	bool ok = XML_Parse(p, xml, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok;
}

/* ---- workbook → first sheet path ---- */
struct wb {
	char rid[128];
	char target[256];
	int found;
};

static void wb_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct wb *w = ud;
	if (!w->found && strcmp(local(name), "sheet") == 0) {
		for (const XML_Char **p = a; p && *p; p += 2)
			if (strcmp(local(p[0]), "id") == 0 && strchr(p[0], ':')) {
				snprintf(w->rid, sizeof w->rid, "%s", p[1]);
				w->found = 1;
			}
	}
}

static void rel_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct wb *w = ud;
	if (strcmp(local(name), "Relationship") == 0) {
		const char *id = attr(a, "Id"), *t = attr(a, "Target");
		if (id && t && strcmp(id, w->rid) == 0) {
			if (t[0] == '/')
				snprintf(w->target, sizeof w->target, "%s", t + 1);
			else
				snprintf(w->target, sizeof w->target, "xl/%s", t);
		}
	}
}

static void no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static void no_text(void *ud, const XML_Char *t, int n)
{
	(void)ud;
	(void)t;
	(void)n;
}

enum zh_err zh_xlsx_read(const char *data, size_t len, struct zh_table *out)
{
	memset(out, 0, sizeof *out);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return ZH_ENOMEM;
	}
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!z) {
		zip_source_free(src);
		return ZH_EPARSE;
	}
	enum zh_err e = ZH_OK;
	struct sst sst = { 0 };
	struct sheet sh = { .t = out, .sst = &sst, .col = -1 };
	zh_buf_init(&sst.cur, XLSX_PART_MAX);
	zh_buf_init(&sh.val, XLSX_PART_MAX);
	struct wb w = { 0 };
	size_t n;
	char *x = part(z, "xl/workbook.xml", &n);
	if (x && parse(x, n, &w, wb_start, no_end, no_text) && w.found) {
		free(x);
		if ((x = part(z, "xl/_rels/workbook.xml.rels", &n)))
			parse(x, n, &w, rel_start, no_end, no_text);
	}
	free(x);
	if (!w.target[0])
		snprintf(w.target, sizeof w.target, "xl/worksheets/sheet1.xml");
	if ((x = part(z, "xl/sharedStrings.xml", &n))) {
		if (!parse(x, n, &sst, sst_start, sst_end, sst_text))
			e = sst.e ? sst.e : ZH_EPARSE;
		free(x);
	}
	if (!e) {
		if (!(x = part(z, w.target, &n)))
			e = ZH_EPARSE;
		else if (!parse(x, n, &sh, sh_start, sh_end, sh_text))
			e = sh.e ? sh.e : ZH_EPARSE;
		free(x);
	}
	zip_discard(z); /* frees the source too */
	for (size_t i = 0; i < sst.n; i++)
		free(sst.s[i]);
	free(sst.s);
	zh_buf_free(&sst.cur);
	zh_buf_free(&sh.val);
	if (e)
		zh_table_free(out);
	return e;
}
