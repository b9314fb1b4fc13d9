/* buf.c: growable byte buffer with a hard maximum size (like curl's dynbuf) */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zh_buf_init(struct zh_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

enum zh_err zh_buf_reserve(struct zh_buf *b, size_t n)
{
	if (n > b->max)
		n = b->max;
	if (n + 1 <= b->cap)
		return ZH_OK;
	char *d = realloc(b->data, n + 1);
	if (!d)
		return ZH_ENOMEM;
	if (!b->data)
		d[0] = '\0';
	b->data = d;
	b->cap = n + 1;
	return ZH_OK;
}

enum zh_err zh_buf_append(struct zh_buf *b, const void *p, size_t n)
{
	if (n > b->max || b->len > b->max - n)
		return ZH_ETOOBIG;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > b->max + 1)
			cap = b->max + 1;
		char *d = realloc(b->data, cap);
		if (!d)
			return ZH_ENOMEM;
		b->data = d;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return ZH_OK;
}

enum zh_err zh_buf_puts(struct zh_buf *b, const char *s)
{
	return zh_buf_append(b, s, strlen(s));
}

enum zh_err zh_buf_printf(struct zh_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ZH_EINVAL;
	if ((size_t)n < sizeof small)
		return zh_buf_append(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (!big)
		return ZH_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	enum zh_err e = zh_buf_append(b, big, (size_t)n);
	free(big);
	return e;
}

void zh_buf_reset(struct zh_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void zh_buf_free(struct zh_buf *b)
{
	free(b->data);
	zh_buf_init(b, b->max);
}
