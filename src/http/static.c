/* static.c: serves the files of web/ with types, ETags and revalidation */
#include "http/static.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".webmanifest", "application/manifest+json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".pdf", "application/pdf" },
};

const char *zh_static_type(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && strcmp(name + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

enum zh_err zh_static_serve(struct zh_req *r)
{
	char path[1024];
	size_t o;
	struct stat st;
	char etag[64];
	int fd;

	if (r->method != ZH_GET && r->method != ZH_HEAD)
		return zh_fail_set(&r->ctx.fail, ZH_EMETHOD, "method_not_allowed", "",
				   "Метод не поддерживается для этого адреса");
	o = (size_t)snprintf(path, sizeof path, "%s", r->conf->web_dir);
	if (r->uri.nsegments == 0) {
		o += (size_t)snprintf(path + o, sizeof path - o, "/index.html");
	}
	for (size_t i = 0; i < r->uri.nsegments; i++) {
		const char *s = r->uri.segments[i];
		/* no parent directories, no hidden files, no backslashes */
		if (s[0] == '.' || strchr(s, '\\'))
			goto notfound;
		int w = snprintf(path + o, sizeof path - o, "/%s", s);
		if (w < 0 || (size_t)w >= sizeof path - o)
			goto notfound;
		o += (size_t)w;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		goto notfound;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		goto notfound;
	}
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_mtime,
		 (unsigned long long)st.st_size);
	const char *inm = zh_req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
	struct MHD_Response *resp;
	unsigned status;
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		status = MHD_HTTP_NOT_MODIFIED;
	} else {
		resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
		status = MHD_HTTP_OK;
		r->resp_bytes = (size_t)st.st_size;
		if (!resp)
			close(fd);
	}
	if (!resp)
		return ZH_ENOMEM;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, zh_static_type(path));
	MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
	/* always revalidate: an upgrade is seen at once, an unchanged file costs a 304 */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	return zh_resp_queue(r, status, resp);
notfound:
	return zh_fail_set(&r->ctx.fail, ZH_ENOTFOUND, "not_found", "", "Страница не найдена");
}
