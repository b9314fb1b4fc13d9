/* req.h: one HTTP request as handlers see it, and the response helpers */
#ifndef ZH_REQ_H
#define ZH_REQ_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/ctx.h"
#include "http/parse.h"
#include "http/router.h"

struct MHD_Connection;
struct MHD_Response;

struct zh_server_conf {
	const char *host;
	int port;
	const char *web_dir;
	size_t body_max;          /* bytes of a request body (413 beyond) */
	int threads;              /* worker threads of the pool */
	bool thread_per_connection;
	bool cookie_secure;       /* add "Secure" to the session cookie (behind HTTPS) */
	struct zh_store *store;
};

struct zh_header {
	struct zh_header *next;
	const char *name, *value;
};

struct zh_req {
	struct MHD_Connection *conn;
	struct zh_arena *arena;
	const struct zh_server_conf *conf;
	enum zh_method method;
	const char *method_name;
	const char *raw_uri;
	struct zh_uri uri;
	struct zh_match match;
	struct zh_buf body;
	bool started, too_big, oom, responded;
	struct zh_ctx ctx;
	char request_id[24];
	char client_ip[64];
	bool cookie_auth;
	const char *csrf;          /* the session's CSRF token */
	struct zh_header *extra;   /* headers added by handlers (Set-Cookie, ...) */
	unsigned status;
	size_t resp_bytes;
	int64_t start_ms;
};

const char *zh_req_header(struct zh_req *r, const char *name);
const char *zh_req_query(struct zh_req *r, const char *name);
/* Path parameter i as a positive id; ZH_ENOTFOUND when it is not one. */
enum zh_err zh_req_param_id(struct zh_req *r, size_t i, int64_t *id);
/* Query parameter as an int in [min, max] with a default; ZH_EINVAL naming it otherwise. */
enum zh_err zh_req_query_int(struct zh_req *r, const char *name, long long def, long long min,
			     long long max, long long *out);
/* Query parameter as a positive id; 0 when absent and not required; ZH_EINVAL naming it when
 * required and absent ("required") or not a positive integer ("invalid_parameter"). */
enum zh_err zh_req_query_id(struct zh_req *r, const char *name, bool required, int64_t *out);
/* The body decoded as a JSON object (strict); errors are filled in r->ctx.fail. */
enum zh_err zh_req_json(struct zh_req *r, json_t **out);

/* Queues a JSON response; takes the reference of v. */
enum zh_err zh_resp_json(struct zh_req *r, unsigned status, json_t *v);
/* Queues a binary body (PDF, XLSX, CSV...) with Content-Type content_type; takes ownership of
 * the malloc'ed data (freed also on failure). filename (UTF-8, may be NULL) adds
 * "Content-Disposition: attachment" with an ASCII fallback and the RFC 5987 filename*. */
enum zh_err zh_resp_bytes(struct zh_req *r, unsigned status, const char *content_type,
			  const char *filename, char *data, size_t len);
/* Queues a prepared response with the security headers; takes our reference of resp. */
enum zh_err zh_resp_queue(struct zh_req *r, unsigned status, struct MHD_Response *resp);
/* Adds a response header (copied into the arena). */
void zh_resp_header(struct zh_req *r, const char *name, const char *value);
/* Sets or clears (token NULL) the session cookie. */
void zh_resp_session_cookie(struct zh_req *r, const char *token, int64_t max_age);

/* The one table from error codes to HTTP statuses. */
unsigned zh_http_status(enum zh_err e);

/* Runs the server until SIGINT or SIGTERM; returns non-zero when it could not start. */
int zh_server_run(const struct zh_server_conf *conf);

#endif
