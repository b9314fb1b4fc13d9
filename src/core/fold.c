/* fold.c: Russian-aware text folding (lower case, ё→е) via ICU */
#include "core/fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

char *zh_fold_dup(const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen = 0;
	UChar *u = NULL, *l = NULL;
	char *out = NULL;

	if (n > 1 << 20)
		return NULL;
	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	u = malloc(sizeof(UChar) * ((size_t)ulen + 1));
	l = malloc(sizeof(UChar) * ((size_t)ulen * 2 + 2));
	if (!u || !l)
		goto out;
	u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)n, &st);
	if (U_FAILURE(st))
		goto out;
	int32_t llen = u_strToLower(l, ulen * 2 + 1, u, ulen, "ru", &st);
	if (U_FAILURE(st))
		goto out;
	for (int32_t i = 0; i < llen; i++)
		if (l[i] == 0x0451) /* ё */
			l[i] = 0x0435; /* е */
	int32_t blen = 0;
	u_strToUTF8(NULL, 0, &blen, l, llen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto out;
	st = U_ZERO_ERROR;
	out = malloc((size_t)blen + 1);
	if (!out)
		goto out;
	u_strToUTF8(out, blen + 1, NULL, l, llen, &st);
	if (U_FAILURE(st)) {
		free(out);
		out = NULL;
	}
out:
	free(u);
	free(l);
	return out;
}

char *zh_fold(struct zh_arena *a, const char *s, size_t n)
{
	char *m = zh_fold_dup(s, n);
	if (!m)
		return NULL;
	char *r = zh_arena_strdup(a, m);
	free(m);
	return r;
}
