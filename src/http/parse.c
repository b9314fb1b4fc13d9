/* parse.c: request-line and header parsing: path, query, cookies, bearer tokens */
#include "http/parse.h"

#include <string.h>
#include <strings.h>

#include "core/str.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *zh_url_decode(struct zh_arena *a, const char *s, size_t n, bool plus_is_space)
{
	char *out = zh_arena_alloc(a, n + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			int h, l;
			if (i + 2 >= n)
				return NULL;
			h = hexval(s[i + 1]);
			l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			c = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[o++] = c;
	}
	out[o] = '\0';
	if (!zh_utf8_valid(out, o))
		return NULL;
	return out;
}

enum zh_err zh_uri_parse(struct zh_arena *a, const char *target, struct zh_uri *out)
{
	const char *q, *p;
	size_t plen;

	memset(out, 0, sizeof *out);
	if (!target || target[0] != '/')
		return ZH_EINVAL;
	q = strchr(target, '?');
	plen = q ? (size_t)(q - target) : strlen(target);
	/* split the raw path first, then decode each segment: "%2F" never makes a new segment */
	p = target + 1;
	while (p < target + plen) {
		const char *slash = memchr(p, '/', (size_t)(target + plen - p));
		size_t len = slash ? (size_t)(slash - p) : (size_t)(target + plen - p);
		if (len == 0)
			return ZH_EINVAL; /* "//": one trailing slash ends the loop before this */
		if (out->nsegments == ZH_PATH_MAX_SEGMENTS)
			return ZH_EINVAL;
		char *seg = zh_url_decode(a, p, len, false);
		if (!seg || strchr(seg, '/'))
			return ZH_EINVAL;
		out->segments[out->nsegments++] = seg;
		if (!slash)
			break;
		p = slash + 1;
	}
	out->path = zh_url_decode(a, target, plen, false);
	if (!out->path)
		return ZH_EINVAL;
	if (!q)
		return ZH_OK;
	p = q + 1;
	while (*p) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		if (len > 0) {
			const char *eq = memchr(p, '=', len);
			size_t klen = eq ? (size_t)(eq - p) : len;
			if (out->nquery == ZH_QUERY_MAX_PARAMS)
				return ZH_EINVAL;
			char *k = zh_url_decode(a, p, klen, true);
			char *v = eq ? zh_url_decode(a, eq + 1, len - klen - 1, true) : zh_arena_strdup(a, "");
			if (!k || !v || !*k)
				return ZH_EINVAL;
			out->query[out->nquery].key = k;
			out->query[out->nquery].value = v;
			out->nquery++;
		}
		if (!amp)
			break;
		p = amp + 1;
	}
	return ZH_OK;
}

const char *zh_uri_query(const struct zh_uri *u, const char *key)
{
	for (size_t i = 0; i < u->nquery; i++)
		if (strcmp(u->query[i].key, key) == 0)
			return u->query[i].value;
	return NULL;
}

const char *zh_cookie_get(struct zh_arena *a, const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;
	if (!header)
		return NULL;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (eq && (size_t)(eq - p) == nlen && strncmp(p, name, nlen) == 0) {
			const char *v = eq + 1;
			size_t vlen = len - nlen - 1;
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			for (size_t i = 0; i < vlen; i++)
				if ((unsigned char)v[i] < 0x21 || (unsigned char)v[i] > 0x7e)
					return NULL;
			return zh_arena_strndup(a, v, vlen);
		}
		if (!end)
			break;
		p = end + 1;
	}
	return NULL;
}

const char *zh_bearer_token(struct zh_arena *a, const char *header)
{
	if (!header || strncasecmp(header, "Bearer ", 7) != 0)
		return NULL;
	const char *t = header + 7;
	while (*t == ' ')
		t++;
	size_t n = strlen(t);
	while (n && t[n - 1] == ' ')
		n--;
	if (n == 0 || n > 256)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '='))
			return NULL;
	}
	return zh_arena_strndup(a, t, n);
}
