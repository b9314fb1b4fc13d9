/* server.c: libmicrohttpd adapter: request lifecycle, auth pipeline, errors, access log */
#include "http/req.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/auth.h"
#include "http/static.h"
#include "json/json.h"

#define SESSION_COOKIE "zh_session"
/* bodies at most this much over the limit are read and dropped before the 413 */
#define DRAIN_MAX (64 * 1024)

static const unsigned status_of[ZH_ERR_COUNT] = {
	[ZH_OK] = 200, [ZH_ENOMEM] = 503, [ZH_EINVAL] = 400, [ZH_ERULE] = 422, [ZH_EPARSE] = 400,
	[ZH_EUNAUTH] = 401, [ZH_EFORBIDDEN] = 403, [ZH_ENOTFOUND] = 404, [ZH_EMETHOD] = 405,
	[ZH_ECONFLICT] = 409, [ZH_ELOCKED] = 423, [ZH_ETOOBIG] = 413, [ZH_ETHROTTLED] = 429,
	[ZH_EBUSY] = 503, [ZH_EDB] = 500, [ZH_EIO] = 500, [ZH_EINTERNAL] = 500,
};

static const char *const default_msg[ZH_ERR_COUNT] = {
	[ZH_OK] = "",
	[ZH_ENOMEM] = "Сервер перегружен, повторите попытку позже",
	[ZH_EINVAL] = "Некорректный запрос",
	[ZH_ERULE] = "Данные нарушают правила",
	[ZH_EPARSE] = "Некорректное тело запроса",
	[ZH_EUNAUTH] = "Требуется вход в систему",
	[ZH_EFORBIDDEN] = "Недостаточно прав для этого действия",
	[ZH_ENOTFOUND] = "Не найдено",
	[ZH_EMETHOD] = "Метод не поддерживается для этого адреса",
	[ZH_ECONFLICT] = "Конфликт с текущим состоянием данных",
	[ZH_ELOCKED] = "Запись заблокирована",
	[ZH_ETOOBIG] = "Слишком большой запрос",
	[ZH_ETHROTTLED] = "Слишком много запросов, повторите позже",
	[ZH_EBUSY] = "База данных занята, повторите попытку",
	[ZH_EDB] = "Внутренняя ошибка базы данных",
	[ZH_EIO] = "Ошибка ввода-вывода",
	[ZH_EINTERNAL] = "Внутренняя ошибка сервера",
};

unsigned zh_http_status(enum zh_err e)
{
	if ((unsigned)e >= ZH_ERR_COUNT)
		return 500;
	return status_of[e];
}

static atomic_ullong request_counter;
static unsigned request_prefix;

/* ---- request helpers ---- */

const char *zh_req_header(struct zh_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *zh_req_query(struct zh_req *r, const char *name)
{
	return zh_uri_query(&r->uri, name);
}

enum zh_err zh_req_param_id(struct zh_req *r, size_t i, int64_t *id)
{
	long long v;
	if (i >= r->match.nparams || !zh_parse_i64(r->match.params[i], &v) || v <= 0)
		return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "not_found", "id", "Объект не найден");
	*id = v;
	return ZH_OK;
}

enum zh_err zh_req_query_int(struct zh_req *r, const char *name, long long def, long long min,
			     long long max, long long *out)
{
	const char *s = zh_req_query(r, name);
	long long v;
	if (!s) {
		*out = def;
		return ZH_OK;
	}
	if (!zh_parse_i64(s, &v) || v < min || v > max)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid_parameter", name,
				   "Параметр «%s» должен быть целым числом от %lld до %lld", name, min, max);
	*out = v;
	return ZH_OK;
}

enum zh_err zh_req_query_id(struct zh_req *r, const char *name, bool required, int64_t *out)
{
	const char *s = zh_req_query(r, name);
	long long v = 0;
	enum zh_err e;
	*out = 0;
	if (!s || !*s) {
		if (!required)
			return ZH_OK;
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "required", name, "Не указан параметр %s", name);
	}
	if ((e = zh_req_query_int(r, name, 0, 1, INT64_MAX, &v)))
		return e;
	*out = v;
	return ZH_OK;
}

enum zh_err zh_req_json(struct zh_req *r, json_t **out)
{
	const char *ct = zh_req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct && strncasecmp(ct, "application/json", 16) != 0)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "unsupported_media_type", "",
				   "Ожидался Content-Type: application/json");
	return zh_json_decode_object(r->arena, r->body.data, r->body.len, out, &r->ctx.fail);
}

void zh_resp_header(struct zh_req *r, const char *name, const char *value)
{
	struct zh_header *h = zh_arena_alloc(r->arena, sizeof *h);
	if (!h)
		return;
	h->name = zh_arena_strdup(r->arena, name);
	h->value = zh_arena_strdup(r->arena, value);
	h->next = r->extra;
	r->extra = h;
}

void zh_resp_session_cookie(struct zh_req *r, const char *token, int64_t max_age)
{
	char *v = zh_arena_printf(r->arena, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
				  token ? token : "", token ? (long long)max_age : 0LL,
				  r->conf->cookie_secure ? "; Secure" : "");
	if (v)
		zh_resp_header(r, MHD_HTTP_HEADER_SET_COOKIE, v);
}

static void common_headers(struct zh_req *r, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	for (struct zh_header *h = r->extra; h; h = h->next)
		MHD_add_response_header(resp, h->name, h->value);
}

/* Queues resp with the common headers; destroys our reference. */
enum zh_err zh_resp_queue(struct zh_req *r, unsigned status, struct MHD_Response *resp)
{
	if (!resp)
		return ZH_ENOMEM;
	common_headers(r, resp);
	enum MHD_Result ok = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	if (ok != MHD_YES)
		return ZH_EIO;
	r->status = status;
	r->responded = true;
	return ZH_OK;
}

enum zh_err zh_resp_json(struct zh_req *r, unsigned status, json_t *v)
{
	struct zh_buf out;
	if (!v)
		return ZH_ENOMEM;
	zh_buf_init(&out, (size_t)64 << 20);
	enum zh_err e = zh_json_encode(v, &out);
	json_decref(v);
	if (e != ZH_OK || !out.data) {
		zh_buf_free(&out);
		return ZH_ENOMEM;
	}
	r->resp_bytes = out.len;
	/* one serialisation; MHD frees the buffer after sending */
	struct MHD_Response *resp = MHD_create_response_from_buffer(out.len, out.data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		zh_buf_free(&out);
		return ZH_ENOMEM;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return zh_resp_queue(r, status, resp);
}

enum zh_err zh_resp_bytes(struct zh_req *r, unsigned status, const char *content_type,
			  const char *filename, char *data, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return ZH_ENOMEM;
	}
	r->resp_bytes = len;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (filename) {
		/* ASCII fallback (unsafe bytes become '_') and the UTF-8 name percent-encoded */
		size_t n = strlen(filename) > 200 ? 200 : strlen(filename);
		char plain[256], enc[256 * 3];
		size_t i, k = 0, m = 0;
		for (i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)filename[i];
			bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
				    ch == '-' || ch == '_' || ch == '.';
			if (ch < 0x80 || (ch & 0xC0) == 0xC0)
				plain[k++] = safe ? (char)ch : '_';
			if (safe) {
				enc[m++] = (char)ch;
			} else {
				enc[m++] = '%';
				enc[m++] = hex[ch >> 4];
				enc[m++] = hex[ch & 15];
			}
		}
		plain[k] = enc[m] = 0;
		char *cd = zh_arena_printf(r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", plain, enc);
		if (cd)
			MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	return zh_resp_queue(r, status, resp);
}

static void send_error(struct zh_req *r, enum zh_err e)
{
	struct zh_fail *f = &r->ctx.fail;
	char msg[sizeof f->msg];
	unsigned status = zh_http_status(e);
	size_t n;

	if (f->code != e) /* nobody described this failure: use the defaults */
		zh_fail_set(f, e, NULL, NULL, "%s", default_msg[e < ZH_ERR_COUNT ? e : ZH_EINTERNAL]);
	if (status >= 500)
		zh_error("request %s failed: %s %s: %s", r->request_id, r->method_name,
			 r->uri.path ? r->uri.path : "?", zh_err_name(e));
	/* the message may have been cut inside a UTF-8 sequence */
	snprintf(msg, sizeof msg, "%s", f->msg);
	n = strlen(msg);
	while (n && !zh_utf8_valid(msg, n))
		msg[--n] = '\0';
	json_t *err = json_pack("{s:s, s:s}", "code", f->code_name[0] ? f->code_name : zh_err_name(e),
				"message", msg);
	if (err && f->field[0] && zh_utf8_valid(f->field, strlen(f->field)))
		json_object_set_new(err, "field", json_string(f->field));
	if (err && f->retry_after > 0) {
		char ra[24];
		json_object_set_new(err, "retry_after", json_integer(f->retry_after));
		snprintf(ra, sizeof ra, "%ld", f->retry_after);
		zh_resp_header(r, "Retry-After", ra);
	}
	if (e == ZH_EMETHOD) {
		char allow[128];
		zh_router_allowed(zh_routes, zh_routes_count, &r->uri, allow, sizeof allow);
		zh_resp_header(r, "Allow", allow[0] ? allow : "GET, HEAD"); /* static files */
	}
	if (e == ZH_EUNAUTH)
		zh_resp_header(r, "WWW-Authenticate", "Bearer realm=\"zhurnal\"");
	if (zh_resp_json(r, status, json_pack("{s:o}", "error", err)) != ZH_OK) {
		static const char fallback[] = "{\"error\":{\"code\":\"internal_error\",\"message\":\"\"}}";
		zh_resp_queue(r, 500, MHD_create_response_from_buffer(sizeof fallback - 1, (void *)fallback,
							       MHD_RESPMEM_PERSISTENT));
	}
}

/* ---- the API pipeline: match, authenticate, CSRF, authorize, run ---- */

static bool is_write(enum zh_method m)
{
	return m == ZH_POST || m == ZH_PUT || m == ZH_PATCH || m == ZH_DELETE;
}

static enum zh_err authenticate(struct zh_req *r)
{
	const char *token = zh_bearer_token(r->arena, zh_req_header(r, MHD_HTTP_HEADER_AUTHORIZATION));
	const char *school = zh_req_header(r, "X-School-Id");
	long long school_id = 0;
	enum zh_err e;

	if (!token) {
		token = zh_cookie_get(r->arena, zh_req_header(r, MHD_HTTP_HEADER_COOKIE), SESSION_COOKIE);
		r->cookie_auth = token != NULL;
	}
	if (!token)
		return zh_fail_set(&r->ctx.fail, ZH_EUNAUTH, "unauthenticated", "", "Требуется вход в систему");
	if (school && (!zh_parse_i64(school, &school_id) || school_id <= 0))
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid_parameter", "X-School-Id",
				   "Заголовок X-School-Id должен быть номером школы");
	if ((e = zh_auth_session(&r->ctx, token, school_id, &r->csrf)) != ZH_OK)
		return e;
	if (r->cookie_auth && is_write(r->method)) {
		const char *sent = zh_req_header(r, "X-CSRF-Token");
		if (!sent || !r->csrf || !zh_streq_ct(sent, r->csrf))
			return zh_fail_set(&r->ctx.fail, ZH_EFORBIDDEN, "csrf_failed", "",
					   "Запрос отклонён: нет или неверен CSRF-токен. Обновите страницу");
	}
	return ZH_OK;
}

/* A read-only request runs in one read transaction: one snapshot, one lock round trip. */
static enum zh_err run_api(struct zh_req *r);

static enum zh_err run_api_tx(struct zh_req *r)
{
	enum zh_err e;
	if (r->method != ZH_GET && r->method != ZH_HEAD)
		e = run_api(r);
	else if ((e = zh_db_begin(zh_ctx_db(&r->ctx), false)) == ZH_OK) {
		e = run_api(r);
		zh_db_rollback(zh_ctx_db(&r->ctx)); /* nothing to keep: it only read */
	}
	zh_auth_touch(&r->ctx);
	return e;
}

static enum zh_err run_api(struct zh_req *r)
{
	const struct zh_route *rt;
	enum zh_err e = zh_router_match(zh_routes, zh_routes_count, r->method, &r->uri, &r->match);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&r->ctx.fail, e, "not_found", "", "Адрес %s не найден", r->uri.path);
	if (e)
		return e;
	rt = r->match.route;
	if (strcmp(rt->op, ZH_OP_PUBLIC) != 0) {
		if ((e = authenticate(r)) != ZH_OK)
			return e;
		if (r->ctx.must_change && strcmp(rt->op, ZH_OP_AUTHENTICATED) != 0)
			return zh_fail_set(&r->ctx.fail, ZH_EFORBIDDEN, "password_change_required", "",
					   "Сначала смените временный пароль");
		if (strcmp(rt->op, ZH_OP_AUTHENTICATED) != 0 && !zh_acl_allows(&r->ctx.ops, rt->op))
			return zh_fail_set(&r->ctx.fail, ZH_EFORBIDDEN, "forbidden", "",
					   "Недостаточно прав для этого действия");
	}
	return rt->handler(r);
}

static void handle(struct zh_req *r)
{
	enum zh_err e;

	if (zh_uri_parse(r->arena, r->raw_uri, &r->uri) != ZH_OK) {
		zh_fail_set(&r->ctx.fail, ZH_EINVAL, "bad_uri", "", "Некорректный адрес запроса");
		send_error(r, ZH_EINVAL);
		return;
	}
	if (r->too_big) {
		zh_fail_set(&r->ctx.fail, ZH_ETOOBIG, "body_too_large", "",
			    "Тело запроса больше %zu байт", r->conf->body_max);
		send_error(r, ZH_ETOOBIG);
		return;
	}
	if (r->oom) {
		send_error(r, ZH_ENOMEM);
		return;
	}
	if (!r->method) {
		zh_fail_set(&r->ctx.fail, ZH_EMETHOD, "method_not_allowed", "", "Метод не поддерживается");
		send_error(r, ZH_EMETHOD);
		return;
	}
	if (zh_str_startswith(r->uri.path, "/api/") || strcmp(r->uri.path, "/healthz") == 0)
		e = run_api_tx(r);
	else
		e = zh_static_serve(r);
	zh_ctx_done(&r->ctx);
	if (e != ZH_OK && !r->responded)
		send_error(r, e);
	else if (!r->responded)
		send_error(r, ZH_EINTERNAL);
}

/* ---- libmicrohttpd callbacks ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	const struct zh_server_conf *conf = cls;
	struct zh_arena *a = zh_arena_new();
	struct zh_req *r;
	if (!a)
		return NULL;
	r = zh_arena_alloc(a, sizeof *r);
	if (!r) {
		zh_arena_free(a);
		return NULL;
	}
	r->arena = a;
	r->conn = conn;
	r->conf = conf;
	r->raw_uri = zh_arena_strdup(a, uri);
	r->start_ms = zh_mono_ms();
	zh_buf_init(&r->body, conf->body_max);
	snprintf(r->request_id, sizeof r->request_id, "%08x%08llx", request_prefix,
		 (unsigned long long)atomic_fetch_add(&request_counter, 1));
	r->ctx.arena = a;
	r->ctx.store = conf->store;
	r->ctx.request_id = r->request_id;
	r->ctx.client_ip = r->client_ip;
	r->ctx.now = zh_now();
	r->ctx.acl_gen = zh_acl_generation(); /* before any transaction of the request */
	return r;
}

static void client_address(struct zh_req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	r->client_ip[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->client_ip, sizeof r->client_ip);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->client_ip, sizeof r->client_ip);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct zh_req *r = *con_cls;
	(void)cls;
	(void)url;
	(void)version;

	if (!r)
		return MHD_NO;
	if (!r->started) {
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		long long len;
		r->started = true;
		r->method = zh_method_parse(method);
		r->method_name = zh_arena_strdup(r->arena, method);
		client_address(r);
		r->ctx.user_agent = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT);
		if (cl && zh_parse_i64(cl, &len) && (unsigned long long)len > r->conf->body_max) {
			r->too_big = true;
			/* a body a little too big is read and dropped so that the client gets the 413
			 * cleanly; a huge one is answered at once and the connection closed */
			if ((unsigned long long)len > r->conf->body_max + DRAIN_MAX)
				handle(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* past the limit the rest of the body is read and dropped; the answer comes at the end
		 * (libmicrohttpd cannot queue a response in the middle of an upload) */
		if (!r->responded && !r->too_big && !r->oom) {
			enum zh_err e = zh_buf_append(&r->body, upload_data, *upload_data_size);
			r->too_big = e == ZH_ETOOBIG;
			r->oom = e == ZH_ENOMEM;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!r->responded)
		handle(r);
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct zh_req *r = *con_cls;
	(void)cls;
	(void)conn;
	if (!r)
		return;
	if (zh_log_access_enabled() && r->started)
		zh_log(ZH_LOG_INFO, "access %s %s %s %u %zu %lldms rid=%s user=%lld%s", r->client_ip,
		       r->method_name ? r->method_name : "-", r->uri.path ? r->uri.path : "-", r->status,
		       r->resp_bytes, (long long)(zh_mono_ms() - r->start_ms), r->request_id,
		       (long long)r->ctx.user_id, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	zh_ctx_done(&r->ctx);
	zh_buf_free(&r->body);
	zh_arena_free(r->arena);
	*con_cls = NULL;
}

static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int zh_server_run(const struct zh_server_conf *conf)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig = 0;
	unsigned flags = MHD_USE_ERROR_LOG | MHD_USE_ITC | MHD_USE_TURBO;

	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)conf->port);
	if (inet_pton(AF_INET, conf->host, &addr.sin_addr) != 1) {
		fprintf(stderr, "zhurnal: неверный адрес %s (нужен IPv4, например 127.0.0.1)\n", conf->host);
		return 1;
	}
	raise_fd_limit();
	request_prefix = (unsigned)zh_now() ^ (unsigned)getpid() << 16;

	/* the signals are taken by sigwait below, not by the worker threads */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (conf->thread_per_connection)
		flags |= MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	else
		flags |= MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
	d = MHD_start_daemon(flags, (uint16_t)conf->port, NULL, NULL, on_request, (void *)conf,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)conf,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)conf,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)60000,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
			     conf->thread_per_connection ? MHD_OPTION_END : MHD_OPTION_THREAD_POOL_SIZE,
			     (unsigned)(conf->threads > 0 ? conf->threads : 4),
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "zhurnal: не удалось запустить сервер на %s:%d: %s\n", conf->host, conf->port,
			strerror(errno));
		return 1;
	}
	zh_info("zhurnal слушает http://%s:%d (%s, потоков: %d)", conf->host, conf->port,
		conf->thread_per_connection ? "поток на соединение" : "пул потоков", conf->threads);
	while (sigwait(&set, &sig) != 0 || (sig != SIGINT && sig != SIGTERM))
		;
	zh_info("получен сигнал %d: завершаю запросы и останавливаюсь", sig);
	MHD_quiesce_daemon(d);
	MHD_stop_daemon(d);
	zh_info("сервер остановлен");
	return 0;
}
