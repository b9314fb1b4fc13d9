/* parse.h: request-line and header parsing: path, query, cookies, bearer tokens */
#ifndef ZH_PARSE_H
#define ZH_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

#define ZH_QUERY_MAX_PARAMS 64
#define ZH_PATH_MAX_SEGMENTS 32

struct zh_kv {
	const char *key, *value;
};

struct zh_uri {
	const char *path;                 /* percent-decoded, valid UTF-8, starts with '/' */
	const char *segments[ZH_PATH_MAX_SEGMENTS];
	size_t nsegments;
	struct zh_kv query[ZH_QUERY_MAX_PARAMS];
	size_t nquery;
};

/* Percent-decodes s[0..n) into the arena; plus_is_space for query parts.
 * NULL when an escape is malformed, the result holds NUL, or it is not UTF-8. */
char *zh_url_decode(struct zh_arena *a, const char *s, size_t n, bool plus_is_space);
/* Parses a request target "/a/b?x=1&y=2". ZH_EINVAL on a malformed one. */
enum zh_err zh_uri_parse(struct zh_arena *a, const char *target, struct zh_uri *out);
/* The first value of a query parameter, or NULL. */
const char *zh_uri_query(const struct zh_uri *u, const char *key);
/* The value of cookie name in a Cookie header ("a=1; b=2"), or NULL. */
const char *zh_cookie_get(struct zh_arena *a, const char *header, const char *name);
/* The token of an "Authorization: Bearer <token>" header, or NULL. */
const char *zh_bearer_token(struct zh_arena *a, const char *header);

#endif
