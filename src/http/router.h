/* router.h: the data-driven route table: {method, pattern, handler, operation} */
#ifndef ZH_ROUTER_H
#define ZH_ROUTER_H

#include <stddef.h>

#include "core/err.h"
#include "http/parse.h"

struct zh_req;

enum zh_method { ZH_GET = 1, ZH_POST, ZH_PUT, ZH_PATCH, ZH_DELETE, ZH_HEAD, ZH_OPTIONS };

typedef enum zh_err (*zh_handler)(struct zh_req *r);

#define ZH_ROUTE_MAX_PARAMS 4

struct zh_route {
	enum zh_method method;
	const char *pattern;   /* "/api/v1/auth/sessions/{id}"; {name} matches one segment */
	zh_handler handler;
	const char *op;        /* operation of the access matrix, or ZH_OP_PUBLIC / ZH_OP_AUTHENTICATED */
	const char *summary;   /* one line, for the docs check */
};

extern const struct zh_route zh_routes[];
extern const size_t zh_routes_count;

struct zh_match {
	const struct zh_route *route;
	const char *params[ZH_ROUTE_MAX_PARAMS];
	size_t nparams;
};

enum zh_method zh_method_parse(const char *s);
const char *zh_method_name(enum zh_method m);
/* ZH_OK with the route; ZH_ENOTFOUND when no pattern matches the path; ZH_EMETHOD when one does
 * but not for this method. HEAD is answered by GET routes. */
enum zh_err zh_router_match(const struct zh_route *table, size_t n, enum zh_method m,
			    const struct zh_uri *u, struct zh_match *out);
/* "GET, POST" for a path (for the Allow header of 405), into buf. */
void zh_router_allowed(const struct zh_route *table, size_t n, const struct zh_uri *u, char *buf, size_t len);

#endif
