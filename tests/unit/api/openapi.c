/* openapi.c: docs/openapi.yaml describes exactly the routes of the route table, with their operations */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"

#define MAX_DOC 256

struct doc_route {
	char method[16], path[520], op[520];
};

static struct doc_route doc[MAX_DOC];
static size_t ndoc;

/* Reads "  /path:" (indent 2), "    get:" (indent 4) and "      x-zh-operation: op" (indent 6). */
static int load(void **state)
{
	(void)state;
	FILE *f = fopen("docs/openapi.yaml", "r");
	char *line = NULL, path[520] = "";
	size_t cap = 0;
	int in_paths = 0;
	if (!f)
		return -1;
	/* getline: a long description line must not cut the parse short */
	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "paths:") == 0) {
			in_paths = 1;
			continue;
		}
		if (!in_paths)
			continue;
		if (line[0] != ' ' && line[0] != '\0')
			break;
		if (strncmp(line, "  /", 3) == 0 && line[strlen(line) - 1] == ':') {
			snprintf(path, sizeof path, "%.*s", (int)strlen(line) - 3, line + 2);
		} else if (strncmp(line, "    ", 4) == 0 && line[4] != ' ' && line[strlen(line) - 1] == ':' && ndoc < MAX_DOC) {
			char m[16];
			snprintf(m, sizeof m, "%.*s", (int)strlen(line) - 5, line + 4);
			for (char *p = m; *p; p++)
				*p = (char)(*p - 32 * (*p >= 'a' && *p <= 'z'));
			snprintf(doc[ndoc].method, sizeof doc[ndoc].method, "%s", m);
			snprintf(doc[ndoc].path, sizeof doc[ndoc].path, "%s", path);
			ndoc++;
		} else if (strncmp(line, "      x-zh-operation: ", 22) == 0 && ndoc > 0) {
			snprintf(doc[ndoc - 1].op, sizeof doc[ndoc - 1].op, "%s", line + 22);
		}
	}
	free(line);
	fclose(f);
	return 0;
}

static const struct doc_route *find(const char *method, const char *path)
{
	for (size_t i = 0; i < ndoc; i++)
		if (strcmp(doc[i].method, method) == 0 && strcmp(doc[i].path, path) == 0)
			return &doc[i];
	return NULL;
}

static void every_route_is_documented_with_its_operation(void **state)
{
	(void)state;
	for (size_t i = 0; i < zh_routes_count; i++) {
		const struct zh_route *r = &zh_routes[i];
		const struct doc_route *d = find(zh_method_name(r->method), r->pattern);
		if (!d)
			fail_msg("route %s %s is missing from docs/openapi.yaml", zh_method_name(r->method), r->pattern);
		if (strcmp(d->op, r->op) != 0)
			fail_msg("route %s %s: openapi says operation '%s', the table says '%s'",
				 zh_method_name(r->method), r->pattern, d->op, r->op);
	}
}

static void every_documented_route_exists(void **state)
{
	(void)state;
	assert_true(ndoc > 0);
	for (size_t i = 0; i < ndoc; i++) {
		int found = 0;
		for (size_t k = 0; k < zh_routes_count; k++)
			if (strcmp(zh_method_name(zh_routes[k].method), doc[i].method) == 0 &&
			    strcmp(zh_routes[k].pattern, doc[i].path) == 0)
				found = 1;
		if (!found)
			fail_msg("docs/openapi.yaml documents %s %s, which the route table lacks", doc[i].method, doc[i].path);
	}
	assert_int_equal(ndoc, zh_routes_count);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_is_documented_with_its_operation),
		cmocka_unit_test(every_documented_route_exists),
	};
	return cmocka_run_group_tests(tests, load, NULL);
}
