/* fuzz_uri.c: libFuzzer target for request-target parsing (zh_uri_parse, zh_url_decode) and routing */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "http/parse.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum zh_err h_none(struct zh_req *r)
{
	(void)r;
	return ZH_OK;
}

/* A local table shaped like the real one (the real handlers pull in the whole server). */
static const struct zh_route routes[] = {
	{ ZH_GET, "/", h_none, "public", "" },
	{ ZH_GET, "/api/v1/me", h_none, "authenticated", "" },
	{ ZH_GET, "/api/v1/auth/sessions", h_none, "authenticated", "" },
	{ ZH_DELETE, "/api/v1/auth/sessions/{id}", h_none, "authenticated", "" },
	{ ZH_POST, "/api/v1/users/{id}/lock", h_none, "credentials.issue.all", "" },
	{ ZH_GET, "/api/v1/classes/{class}/journal/{subject}/{date}/{x}", h_none, "journal.view", "" },
};

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zh_arena *a = zh_arena_new();
	char *s = malloc(size + 1);
	struct zh_uri u;
	if (!a || !s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	/* the decoder on the raw bytes, both ways; a result is always clean UTF-8 without NUL */
	for (int plus = 0; plus < 2; plus++) {
		char *d = zh_url_decode(a, (const char *)data, size, plus);
		if (d) {
			size_t n = strlen(d);
			check(n <= size);
			check(zh_utf8_valid(d, n));
		}
	}

	if (zh_uri_parse(a, s, &u) == ZH_OK) {
		size_t plen = strlen(u.path);
		check(u.path[0] == '/');
		check(zh_utf8_valid(u.path, plen));
		check(u.nsegments <= ZH_PATH_MAX_SEGMENTS);
		check(u.nquery <= ZH_QUERY_MAX_PARAMS);
		for (size_t i = 0; i < u.nsegments; i++) {
			check(u.segments[i] != NULL);
			check(u.segments[i][0] != '\0');
			check(strchr(u.segments[i], '/') == NULL);
			check(strlen(u.segments[i]) < plen);
		}
		for (size_t i = 0; i < u.nquery; i++) {
			check(u.query[i].key[0] != '\0');
			check(zh_utf8_valid(u.query[i].key, strlen(u.query[i].key)));
			check(zh_utf8_valid(u.query[i].value, strlen(u.query[i].value)));
			/* the first value of a key is what zh_uri_query answers */
			const char *v = zh_uri_query(&u, u.query[i].key);
			check(v != NULL);
		}
		(void)zh_uri_query(&u, "limit");
		(void)zh_uri_query(&u, "");

		struct zh_match m;
		char allow[64];
		for (int meth = ZH_GET; meth <= ZH_OPTIONS; meth++) {
			enum zh_err e = zh_router_match(routes, sizeof routes / sizeof routes[0],
							(enum zh_method)meth, &u, &m);
			check(e == ZH_OK || e == ZH_ENOTFOUND || e == ZH_EMETHOD);
			if (e == ZH_OK) {
				check(m.nparams <= ZH_ROUTE_MAX_PARAMS);
				for (size_t i = 0; i < m.nparams; i++)
					check(m.params[i] && m.params[i][0]);
			}
		}
		zh_router_allowed(routes, sizeof routes / sizeof routes[0], &u, allow, sizeof allow);
		check(strlen(allow) < sizeof allow);
	}
	free(s);
	zh_arena_free(a);
	return 0;
}
