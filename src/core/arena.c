/* arena.c: region allocator: bump allocation in chained blocks, cleanup callbacks */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 8192
#define ALIGN 16

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct defer {
	struct defer *next;
	void (*fn)(void *);
	void *arg;
};

struct zh_arena {
	struct block *head;
	struct defer *defers;
	size_t total;
};

struct zh_arena *zh_arena_new(void)
{
	return calloc(1, sizeof(struct zh_arena));
}

void zh_arena_free(struct zh_arena *a)
{
	if (!a)
		return;
	while (a->defers) {
		struct defer *d = a->defers;
		a->defers = d->next;
		d->fn(d->arg);
	}
	while (a->head) {
		struct block *b = a->head;
		a->head = b->next;
		free(b);
	}
	free(a);
}

void *zh_arena_alloc(struct zh_arena *a, size_t n)
{
	struct block *b = a->head;
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (n == 0)
		need = ALIGN;
	if (need < n)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t sz = need > BLOCK_SIZE / 2 ? need : BLOCK_SIZE;
		if (sz > SIZE_MAX - sizeof *b)
			return NULL;
		b = malloc(sizeof *b + sz);
		if (!b)
			return NULL;
		b->size = sz;
		b->used = 0;
		if (a->head && sz != BLOCK_SIZE) {
			/* a big one-off block goes behind the current one so it keeps filling */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += n;
	memset(p, 0, need);
	return p;
}

char *zh_arena_strndup(struct zh_arena *a, const char *s, size_t n)
{
	char *p = zh_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *zh_arena_strdup(struct zh_arena *a, const char *s)
{
	return s ? zh_arena_strndup(a, s, strlen(s)) : NULL;
}

char *zh_arena_printf(struct zh_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof small)
		return zh_arena_strndup(a, small, (size_t)n);
	char *p = zh_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int zh_arena_defer(struct zh_arena *a, void (*fn)(void *), void *arg)
{
	struct defer *d = zh_arena_alloc(a, sizeof *d);
	if (!d)
		return -1;
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
	return 0;
}

size_t zh_arena_used(const struct zh_arena *a)
{
	return a->total;
}
