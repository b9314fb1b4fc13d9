/* fold.h: Russian-aware text folding (lower case, ё→е) and collation, via ICU */
#ifndef ZH_FOLD_H
#define ZH_FOLD_H

#include <stddef.h>

#include "core/arena.h"

/* Folded copy of UTF-8 text in the arena: lower case in every script, ё→е. NULL on bad input. */
char *zh_fold(struct zh_arena *a, const char *s, size_t n);
/* Same, into a malloc'ed string (caller frees). */
char *zh_fold_dup(const char *s, size_t n);

#endif
