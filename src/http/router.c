/* router.c: matches a parsed path against the route table */
#include "http/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const method_names[] = {
	[ZH_GET] = "GET", [ZH_POST] = "POST", [ZH_PUT] = "PUT", [ZH_PATCH] = "PATCH",
	[ZH_DELETE] = "DELETE", [ZH_HEAD] = "HEAD", [ZH_OPTIONS] = "OPTIONS",
};

enum zh_method zh_method_parse(const char *s)
{
	for (int m = ZH_GET; m <= ZH_OPTIONS; m++)
		if (strcmp(s, method_names[m]) == 0)
			return (enum zh_method)m;
	return 0;
}

const char *zh_method_name(enum zh_method m)
{
	return m >= ZH_GET && m <= ZH_OPTIONS ? method_names[m] : "?";
}

/* Does pattern match the path segments? Fills params. */
static int match_path(const char *pattern, const struct zh_uri *u, struct zh_match *out)
{
	const char *p = pattern + 1;
	size_t seg = 0;
	out->nparams = 0;
	if (strcmp(pattern, "/") == 0)
		return u->nsegments == 0;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (seg >= u->nsegments)
			return 0;
		if (p[0] == '{') {
			if (out->nparams == ZH_ROUTE_MAX_PARAMS)
				return 0;
			out->params[out->nparams++] = u->segments[seg];
		} else if (strlen(u->segments[seg]) != len || strncmp(u->segments[seg], p, len) != 0) {
			return 0;
		}
		seg++;
		if (!slash)
			break;
		p = slash + 1;
	}
	return seg == u->nsegments;
}

enum zh_err zh_router_match(const struct zh_route *table, size_t n, enum zh_method m,
			    const struct zh_uri *u, struct zh_match *out)
{
	int path_seen = 0;
	enum zh_method want = m == ZH_HEAD ? ZH_GET : m;
	for (size_t i = 0; i < n; i++) {
		struct zh_match tmp;
		if (!match_path(table[i].pattern, u, &tmp))
			continue;
		path_seen = 1;
		if (table[i].method == want) {
			*out = tmp;
			out->route = &table[i];
			return ZH_OK;
		}
	}
	return path_seen ? ZH_EMETHOD : ZH_ENOTFOUND;
}

/* Appends ", name" (or "name") when it fits whole; returns false when it does not. */
static bool append_name(char *buf, size_t len, size_t *o, const char *name)
{
	int w = snprintf(buf + *o, len - *o, "%s%s", *o ? ", " : "", name);
	if (w < 0 || (size_t)w >= len - *o) {
		buf[*o] = '\0';
		return false;
	}
	*o += (size_t)w;
	return true;
}

void zh_router_allowed(const struct zh_route *table, size_t n, const struct zh_uri *u, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		struct zh_match tmp;
		if (!match_path(table[i].pattern, u, &tmp))
			continue;
		if (!append_name(buf, len, &o, zh_method_name(table[i].method)))
			break;
		if (table[i].method == ZH_GET && !append_name(buf, len, &o, "HEAD"))
			break;
	}
}
