/* encode.c: fast compact JSON encoder over jansson values (the escaping emitter of responses) */
#include "json/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 64

static enum zh_err put_string(struct zh_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	enum zh_err e = zh_buf_append(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n && !e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (i > run && (e = zh_buf_append(b, s + run, i - run)))
			break;
		run = i + 1;
		switch (c) {
		case '"': e = zh_buf_append(b, "\\\"", 2); break;
		case '\\': e = zh_buf_append(b, "\\\\", 2); break;
		case '\n': e = zh_buf_append(b, "\\n", 2); break;
		case '\r': e = zh_buf_append(b, "\\r", 2); break;
		case '\t': e = zh_buf_append(b, "\\t", 2); break;
		case '\b': e = zh_buf_append(b, "\\b", 2); break;
		case '\f': e = zh_buf_append(b, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			e = zh_buf_append(b, u, sizeof u);
		}
		}
	}
	if (!e && n > run)
		e = zh_buf_append(b, s + run, n - run);
	return e ? e : zh_buf_append(b, "\"", 1);
}

static enum zh_err encode(json_t *v, struct zh_buf *b, int depth)
{
	char num[40];
	enum zh_err e = ZH_OK;

	if (depth > MAX_DEPTH)
		return ZH_EINVAL;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		int first = 1;
		e = zh_buf_append(b, "{", 1);
		for (void *it = json_object_iter(v); it && !e; it = json_object_iter_next(v, it)) {
			const char *k = json_object_iter_key(it);
			if (!first)
				e = zh_buf_append(b, ",", 1);
			first = 0;
			if (!e)
				e = put_string(b, k, strlen(k));
			if (!e)
				e = zh_buf_append(b, ":", 1);
			if (!e)
				e = encode(json_object_iter_value(it), b, depth + 1);
		}
		return e ? e : zh_buf_append(b, "}", 1);
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		e = zh_buf_append(b, "[", 1);
		for (size_t i = 0; i < n && !e; i++) {
			if (i)
				e = zh_buf_append(b, ",", 1);
			if (!e)
				e = encode(json_array_get(v, i), b, depth + 1);
		}
		return e ? e : zh_buf_append(b, "]", 1);
	}
	case JSON_STRING:
		return put_string(b, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return zh_buf_puts(b, num);
	case JSON_REAL: {
		double d = json_real_value(v);
		if (!isfinite(d))
			return ZH_EINVAL;
		snprintf(num, sizeof num, "%.17g", d);
		if (!strpbrk(num, ".eE"))
			strcat(num, ".0");
		return zh_buf_puts(b, num);
	}
	case JSON_TRUE:
		return zh_buf_append(b, "true", 4);
	case JSON_FALSE:
		return zh_buf_append(b, "false", 5);
	case JSON_NULL:
		return zh_buf_append(b, "null", 4);
	}
	return ZH_EINVAL;
}

enum zh_err zh_json_encode(json_t *v, struct zh_buf *out)
{
	return encode(v, out, 0);
}
