/* buf.h: growable byte buffer with a hard maximum size */
#ifndef ZH_BUF_H
#define ZH_BUF_H

#include <stddef.h>

#include "core/err.h"

struct zh_buf {
	char *data;     /* always NUL-terminated when non-NULL */
	size_t len, cap, max;
};

void zh_buf_init(struct zh_buf *b, size_t max);
/* ZH_ETOOBIG when len would pass max, ZH_ENOMEM when allocation fails; b is unchanged then. */
enum zh_err zh_buf_append(struct zh_buf *b, const void *p, size_t n);
/* Room for at least n bytes without another allocation (a hint; the maximum still applies). */
enum zh_err zh_buf_reserve(struct zh_buf *b, size_t n);
enum zh_err zh_buf_puts(struct zh_buf *b, const char *s);
enum zh_err zh_buf_printf(struct zh_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void zh_buf_reset(struct zh_buf *b);
void zh_buf_free(struct zh_buf *b);

#endif
