/* fuzz_header.c: libFuzzer target for Cookie and Authorization header parsing (src/http/parse.c) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zh_arena *a = zh_arena_new();
	char *h = malloc(size + 1);
	if (!a || !h)
		abort();
	memcpy(h, data, size);
	h[size] = '\0';

	const char *names[] = { "zh_session", "zh_csrf", "a" };
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		const char *c = zh_cookie_get(a, h, names[k]);
		if (c) {
			/* a cookie value is printable ASCII without spaces, and came from the header */
			for (const char *p = c; *p; p++)
				check(*p >= 0x21 && *p <= 0x7e);
			check(strlen(c) <= size);
			check(strstr(h, c) != NULL);
		}
	}
	const char *t = zh_bearer_token(a, h);
	if (t) {
		size_t n = strlen(t);
		check(n >= 1 && n <= 256);
		check(strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=") == n);
		check(strstr(h, t) != NULL);
	}
	free(h);
	zh_arena_free(a);
	return 0;
}
