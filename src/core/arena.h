/* arena.h: region allocator owned by one request (or one job) */
#ifndef ZH_ARENA_H
#define ZH_ARENA_H

#include <stddef.h>

struct zh_arena;

struct zh_arena *zh_arena_new(void);
/* Runs the cleanup callbacks (last registered first), then frees every block. NULL is fine. */
void zh_arena_free(struct zh_arena *a);
/* Zeroed memory aligned for any type; NULL only when out of memory. */
void *zh_arena_alloc(struct zh_arena *a, size_t n);
char *zh_arena_strdup(struct zh_arena *a, const char *s);
char *zh_arena_strndup(struct zh_arena *a, const char *s, size_t n);
char *zh_arena_printf(struct zh_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Registers fn(arg) to run when the arena is freed (release jansson values, statements...). */
int zh_arena_defer(struct zh_arena *a, void (*fn)(void *), void *arg);
/* Bytes handed out so far (for tests and limits). */
size_t zh_arena_used(const struct zh_arena *a);

#endif
