/* json.h: thin jansson helpers: strict decoding, typed field getters, encoding */
#ifndef ZH_JSON_H
#define ZH_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

/* Decodes a request body strictly: valid UTF-8, one value, no duplicate keys, depth-limited,
 * and it must be an object. The value is released when the arena is freed. */
enum zh_err zh_json_decode_object(struct zh_arena *a, const char *body, size_t len,
				  json_t **out, struct zh_fail *f);

/* Field getters: required fields fail with ZH_EINVAL naming the field; optional ones leave *out
 * untouched when the field is absent or null. Strings are borrowed from the json value. */
enum zh_err zh_json_str(json_t *obj, const char *key, bool required, size_t max_chars,
			const char **out, struct zh_fail *f);
enum zh_err zh_json_int(json_t *obj, const char *key, bool required, long long min,
			long long max, long long *out, struct zh_fail *f);
enum zh_err zh_json_bool(json_t *obj, const char *key, bool required, bool *out,
			 struct zh_fail *f);
/* Fails when obj has a key not in the NULL-terminated allowed list. */
enum zh_err zh_json_only(json_t *obj, const char *const *allowed, struct zh_fail *f);

/* Appends the compact JSON text of v (strings are escaped here, never by callers). */
enum zh_err zh_json_encode(json_t *v, struct zh_buf *out);

/* Registers json_decref(v) with the arena; returns v. */
json_t *zh_json_own(struct zh_arena *a, json_t *v);

#endif
