/* json.c: strict request decoding and typed getters over jansson */
#include "json/json.h"

#include <string.h>

#include "core/str.h"

#define MAX_DEPTH 32

static void decref(void *v)
{
	json_decref(v);
}

json_t *zh_json_own(struct zh_arena *a, json_t *v)
{
	if (v && zh_arena_defer(a, decref, v) != 0) {
		json_decref(v);
		return NULL;
	}
	return v;
}

static int depth_ok(const char *s, size_t n)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > MAX_DEPTH)
				return 0;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 1;
}

enum zh_err zh_json_decode_object(struct zh_arena *a, const char *body, size_t len,
				  json_t **out, struct zh_fail *f)
{
	json_error_t jerr;
	json_t *v;

	if (!body || len == 0)
		return zh_fail_set(f, ZH_EPARSE, "malformed_json", "", "Пустое тело запроса: ожидался JSON-объект");
	if (!zh_utf8_valid(body, len))
		return zh_fail_set(f, ZH_EPARSE, "invalid_utf8", "", "Тело запроса не в кодировке UTF-8");
	if (!depth_ok(body, len))
		return zh_fail_set(f, ZH_EPARSE, "malformed_json", "", "Слишком глубокая вложенность JSON");
	v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v)
		return zh_fail_set(f, ZH_EPARSE, "malformed_json", "",
				   "Некорректный JSON (строка %d, позиция %d)", jerr.line, jerr.column);
	if (!json_is_object(v)) {
		json_decref(v);
		return zh_fail_set(f, ZH_EPARSE, "malformed_json", "", "Ожидался JSON-объект");
	}
	if (!zh_json_own(a, v))
		return ZH_ENOMEM;
	*out = v;
	return ZH_OK;
}

enum zh_err zh_json_str(json_t *obj, const char *key, bool required, size_t max_chars,
			const char **out, struct zh_fail *f)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", key, "Не заполнено обязательное поле «%s»", key);
		return ZH_OK;
	}
	if (!json_is_string(v))
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть строкой", key);
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n)
		return zh_fail_set(f, ZH_EINVAL, "invalid_string", key, "Поле «%s» содержит недопустимый символ", key);
	if (max_chars && zh_utf8_len(s, n) > max_chars)
		return zh_fail_set(f, ZH_EINVAL, "too_long", key, "Поле «%s» длиннее %zu символов", key, max_chars);
	*out = s;
	return ZH_OK;
}

enum zh_err zh_json_int(json_t *obj, const char *key, bool required, long long min,
			long long max, long long *out, struct zh_fail *f)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", key, "Не заполнено обязательное поле «%s»", key);
		return ZH_OK;
	}
	if (!json_is_integer(v))
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть целым числом", key);
	long long x = json_integer_value(v);
	if (x < min || x > max)
		return zh_fail_set(f, ZH_EINVAL, "out_of_range", key, "Поле «%s» должно быть от %lld до %lld", key, min, max);
	*out = x;
	return ZH_OK;
}

enum zh_err zh_json_bool(json_t *obj, const char *key, bool required, bool *out,
			 struct zh_fail *f)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", key, "Не заполнено обязательное поле «%s»", key);
		return ZH_OK;
	}
	if (!json_is_boolean(v))
		return zh_fail_set(f, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть true или false", key);
	*out = json_is_true(v);
	return ZH_OK;
}

enum zh_err zh_json_only(json_t *obj, const char *const *allowed, struct zh_fail *f)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int ok = 0;
		for (const char *const *p = allowed; *p; p++)
			if (strcmp(*p, key) == 0)
				ok = 1;
		if (!ok)
			return zh_fail_set(f, ZH_EINVAL, "unknown_field", key, "Неизвестное поле «%s»", key);
	}
	return ZH_OK;
}
