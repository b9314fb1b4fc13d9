/* sms.c: the SMS gateway client: HTTP/1.1 POST of JSON over a plain socket (no TLS) */
#include "domain/sms.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum zh_send_result zh_sms_send(const struct zh_sms *m, char *err, size_t errn)
{
	char host[256], path[1024], head[2048], resp[1024];
	const char *u = m->url, *p, *slash;
	int port = 80, fd, status;
	size_t got = 0;
	char *body;
	json_t *j;
	enum zh_send_result res;

	if (!u || strncmp(u, "http://", 7) != 0) {
		snprintf(err, errn, "адрес шлюза SMS должен начинаться с http:// (TLS не поддерживается)");
		return ZH_SEND_FAIL;
	}
	u += 7;
	slash = strchr(u, '/');
	p = memchr(u, ':', slash ? (size_t)(slash - u) : strlen(u));
	size_t hl = p ? (size_t)(p - u) : slash ? (size_t)(slash - u) : strlen(u);
	if (!hl || hl >= sizeof host) {
		snprintf(err, errn, "неверный адрес шлюза SMS");
		return ZH_SEND_FAIL;
	}
	memcpy(host, u, hl);
	host[hl] = 0;
	if (p)
		port = atoi(p + 1);
	snprintf(path, sizeof path, "%s", slash ? slash : "/");
	if (port <= 0 || port > 65535 || strpbrk(path, "\r\n ") || (m->token && strpbrk(m->token, "\r\n")) ||
	    strpbrk(m->id, "\r\n")) {
		snprintf(err, errn, "неверный адрес шлюза SMS");
		return ZH_SEND_FAIL;
	}
	if (!(j = json_pack("{s:s, s:s, s:s, s:s}", "to", m->to, "from", m->from ? m->from : "", "text", m->text, "id",
			    m->id)) ||
	    !(body = json_dumps(j, JSON_COMPACT))) {
		json_decref(j);
		snprintf(err, errn, "нет памяти");
		return ZH_SEND_RETRY;
	}
	json_decref(j);
	int hn = snprintf(head, sizeof head,
			  "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json; charset=utf-8\r\n"
			  "Content-Length: %zu\r\nIdempotency-Key: %s\r\n%s%s%sConnection: close\r\n\r\n",
			  path, host, port, strlen(body), m->id, m->token && *m->token ? "Authorization: Bearer " : "",
			  m->token && *m->token ? m->token : "", m->token && *m->token ? "\r\n" : "");
	if (hn <= 0 || (size_t)hn >= sizeof head) {
		free(body);
		snprintf(err, errn, "слишком длинный запрос");
		return ZH_SEND_FAIL;
	}
	if ((fd = zh_tcp_connect(host, port, m->timeout_ms, err, errn)) < 0) {
		free(body);
		return ZH_SEND_RETRY;
	}
	const char *parts[2] = { head, body };
	size_t lens[2] = { (size_t)hn, strlen(body) };
	for (int i = 0; i < 2; i++)
		for (size_t off = 0; off < lens[i];) {
			ssize_t w = send(fd, parts[i] + off, lens[i] - off, MSG_NOSIGNAL);
			if (w <= 0) {
				snprintf(err, errn, "отправка: %s", w < 0 ? strerror(errno) : "соединение закрыто");
				free(body);
				close(fd);
				return ZH_SEND_RETRY;
			}
			off += (size_t)w;
		}
	free(body);
	/* the status line is all we need */
	while (got < sizeof resp - 1 && !memchr(resp, '\n', got)) {
		ssize_t r = recv(fd, resp + got, sizeof resp - 1 - got, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	resp[got] = 0;
	if (strncmp(resp, "HTTP/1.", 7) != 0 || got < 12) {
		snprintf(err, errn, "шлюз SMS не ответил");
		return ZH_SEND_RETRY;
	}
	status = atoi(resp + 9);
	resp[strcspn(resp, "\r\n")] = 0;
	snprintf(err, errn, "%s", resp);
	if (status >= 200 && status < 300)
		res = ZH_SEND_OK;
	else if (status == 408 || status == 429 || status >= 500)
		res = ZH_SEND_RETRY;
	else
		res = ZH_SEND_FAIL;
	return res;
}
