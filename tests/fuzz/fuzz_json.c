/* fuzz_json.c: libFuzzer target for strict request decoding and the typed getters (src/json) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_fail(const struct zh_fail *f, enum zh_err e)
{
	check(f->code == e);
	check(memchr(f->code_name, '\0', sizeof f->code_name) != NULL);
	check(memchr(f->field, '\0', sizeof f->field) != NULL);
	check(memchr(f->msg, '\0', sizeof f->msg) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allowed[] = { "login", "password", "limit", "locked", NULL };
	static const char *const keys[] = { "login", "password", "limit", "locked", "", "a", NULL };
	struct zh_arena *a = zh_arena_new();
	/* an exact-size copy: ASan sees any read past the body */
	char *body = malloc(size ? size : 1);
	struct zh_fail f;
	json_t *v = NULL;
	if (!a || !body)
		abort();
	if (size)
		memcpy(body, data, size);

	memset(&f, 0, sizeof f);
	enum zh_err e = zh_json_decode_object(a, body, size, &v, &f);
	if (e != ZH_OK) {
		check(e == ZH_EPARSE || e == ZH_ENOMEM);
		if (e == ZH_EPARSE)
			check_fail(&f, e);
		check(v == NULL);
	} else {
		check(json_is_object(v));
		check(zh_utf8_valid(body, size)); /* accepted bodies are always UTF-8 */
		for (const char *const *k = keys; *k; k++) {
			const char *s = NULL;
			long long n = 0;
			bool b = false;
			for (int req = 0; req < 2; req++) {
				memset(&f, 0, sizeof f);
				if ((e = zh_json_str(v, *k, req, 8, &s, &f)) != ZH_OK)
					check_fail(&f, e);
				else if (s)
					check(zh_utf8_len(s, strlen(s)) <= 8 && zh_utf8_valid(s, strlen(s)));
				memset(&f, 0, sizeof f);
				if ((e = zh_json_int(v, *k, req, -5, 1000, &n, &f)) != ZH_OK)
					check_fail(&f, e);
				else
					check(n >= -5 && n <= 1000);
				memset(&f, 0, sizeof f);
				if ((e = zh_json_bool(v, *k, req, &b, &f)) != ZH_OK)
					check_fail(&f, e);
			}
		}
		memset(&f, 0, sizeof f);
		if ((e = zh_json_only(v, allowed, &f)) != ZH_OK) {
			check(e == ZH_EINVAL);
			check_fail(&f, e);
			for (const char *const *k = allowed; *k; k++)
				check(strcmp(f.field, *k) != 0); /* an allowed key is never the culprit */
		}
	}
	free(body);
	zh_arena_free(a); /* releases v */
	return 0;
}
