/* translit.c: Russian → Latin transliteration (ICAO Doc 9303) */
#include "core/translit.h"

#include <stdint.h>
#include <string.h>

/* Lower-case Cyrillic а (U+0430) .. я (U+044F). */
static const char *const cyr[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
};

/* Calls out(t, k, ctx) for each transliterated piece; stops when it returns non-zero. */
static void walk(const char *s, int (*out)(const char *t, size_t k, void *ctx), void *ctx)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		const char *t = NULL;
		char one[2] = { 0, 0 };

		if (*p < 0x80) {
			cp = *p++;
		} else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else {
			/* not Cyrillic: skip the whole sequence */
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
			continue;
		}
		if (cp >= 0x0410 && cp <= 0x042F)
			cp += 0x20;
		if (cp == 0x0401 || cp == 0x0451)
			t = "e";
		else if (cp >= 0x0430 && cp <= 0x044F)
			t = cyr[cp - 0x0430];
		else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			one[0] = (char)cp, t = one;
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp + 32), t = one;
		if (t && *t && out(t, strlen(t), ctx))
			return;
	}
}

struct fixed {
	char *out;
	size_t n, cap;
};

static int put_fixed(const char *t, size_t k, void *ctx)
{
	struct fixed *f = ctx;
	if (f->n + k + 1 > f->cap)
		return 1;
	memcpy(f->out + f->n, t, k);
	f->n += k;
	return 0;
}

size_t zh_translit_buf(const char *utf8, char *out, size_t cap)
{
	struct fixed f = { out, 0, cap };
	if (!cap)
		return 0;
	walk(utf8, put_fixed, &f);
	out[f.n] = 0;
	return f.n;
}

static int count(const char *t, size_t k, void *ctx)
{
	(void)t;
	*(size_t *)ctx += k;
	return 0;
}

char *zh_translit(struct zh_arena *a, const char *utf8)
{
	size_t n = 0;
	walk(utf8, count, &n);
	char *out = zh_arena_alloc(a, n + 1);
	if (out)
		zh_translit_buf(utf8, out, n + 1);
	return out;
}
