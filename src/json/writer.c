/* writer.c: the JSON writer of the hottest reads (see writer.h) */
#include "json/writer.h"

#include <stdio.h>

void zh_jw_raw(struct zh_jw *w, const char *s, size_t n)
{
	if (!w->e)
		w->e = zh_buf_append(&w->b, s, n);
}

/* The escaped text of s, without quotes. */
void zh_jw_esc(struct zh_jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s), run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		zh_jw_raw(w, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': ZH_JW_RAW(w, "\\\""); break;
		case '\\': ZH_JW_RAW(w, "\\\\"); break;
		case '\n': ZH_JW_RAW(w, "\\n"); break;
		case '\r': ZH_JW_RAW(w, "\\r"); break;
		case '\t': ZH_JW_RAW(w, "\\t"); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			zh_jw_raw(w, u, sizeof u);
		}
		}
	}
	zh_jw_raw(w, s + run, n - run);
}

void zh_jw_str(struct zh_jw *w, const char *s)
{
	if (!s) {
		ZH_JW_RAW(w, "null");
		return;
	}
	ZH_JW_RAW(w, "\"");
	zh_jw_esc(w, s);
	ZH_JW_RAW(w, "\"");
}

/* "a b" or "a b c" (c empty or NULL: left out) as one string. */
void zh_jw_name3(struct zh_jw *w, const char *a, const char *b, const char *c)
{
	ZH_JW_RAW(w, "\"");
	zh_jw_esc(w, a ? a : "");
	ZH_JW_RAW(w, " ");
	zh_jw_esc(w, b ? b : "");
	if (c && *c) {
		ZH_JW_RAW(w, " ");
		zh_jw_esc(w, c);
	}
	ZH_JW_RAW(w, "\"");
}

void zh_jw_i64(struct zh_jw *w, int64_t v)
{
	/* digits by hand: thousands of ids per grid, and snprintf was a visible share of it */
	char t[24], *p = t + sizeof t;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	zh_jw_raw(w, p, (size_t)(t + sizeof t - p));
}

void zh_jw_id_or_null(struct zh_jw *w, int64_t v)
{
	if (v)
		zh_jw_i64(w, v);
	else
		ZH_JW_RAW(w, "null");
}

void zh_jw_bool(struct zh_jw *w, bool v)
{
	if (v)
		ZH_JW_RAW(w, "true");
	else
		ZH_JW_RAW(w, "false");
}

/* A number with at most two decimals, without trailing zeros (4.5, 3.46, 5). */
void zh_jw_num(struct zh_jw *w, double v)
{
	char t[48];
	int n = snprintf(t, sizeof t, "%.2f", v);
	if (n <= 0 || (size_t)n >= sizeof t) {
		ZH_JW_RAW(w, "null");
		return;
	}
	while (n > 1 && t[n - 1] == '0')
		n--;
	if (t[n - 1] == '.')
		n--;
	zh_jw_raw(w, t, (size_t)n);
}

void zh_jw_person(struct zh_jw *w, int64_t id, const char *name)
{
	ZH_JW_RAW(w, "{\"id\":");
	zh_jw_i64(w, id);
	ZH_JW_RAW(w, ",\"name\":");
	zh_jw_str(w, name ? name : "");
	ZH_JW_RAW(w, "}");
}
