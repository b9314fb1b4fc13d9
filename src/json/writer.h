/* writer.h: a small JSON writer straight into a zh_buf, for the hottest reads (the journal grid,
 * the diary week): no jansson values, strings escaped here, numbers written by hand. The first
 * error sticks in w->e; the caller checks it once at the end. */
#ifndef ZH_JSON_WRITER_H
#define ZH_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

struct zh_jw {
	struct zh_buf b;
	enum zh_err e;
};

void zh_jw_raw(struct zh_jw *w, const char *s, size_t n);
#define ZH_JW_RAW(w, lit) zh_jw_raw((w), "" lit, sizeof("" lit) - 1) /* string literals only */
#define ZH_JW_RAWS(w, s) zh_jw_raw((w), (s), strlen(s))
/* The escaped text of s, without quotes. */
void zh_jw_esc(struct zh_jw *w, const char *s);
/* A JSON string, or null for NULL. */
void zh_jw_str(struct zh_jw *w, const char *s);
/* "a b" or "a b c" (c empty or NULL: left out) as one string. */
void zh_jw_name3(struct zh_jw *w, const char *a, const char *b, const char *c);
void zh_jw_i64(struct zh_jw *w, int64_t v);
/* The id, or null for 0. */
void zh_jw_id_or_null(struct zh_jw *w, int64_t v);
void zh_jw_bool(struct zh_jw *w, bool v);
/* A number with at most two decimals, without trailing zeros (4.5, 3.46, 5). */
void zh_jw_num(struct zh_jw *w, double v);
/* {"id":…,"name":…} */
void zh_jw_person(struct zh_jw *w, int64_t id, const char *name);

#endif
