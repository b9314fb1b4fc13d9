/* smtp.c: a minimal SMTP client over a plain socket (no TLS: a relay on the school's network) */
#include "domain/smtp.h"

#include <errno.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"

int zh_tcp_connect(const char *host, int port, int timeout_ms, char *err, size_t errn)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res, *ai;
	struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
	char ps[16];
	int fd = -1, rc;
	snprintf(ps, sizeof ps, "%d", port);
	if (!host || !*host) {
		snprintf(err, errn, "не задан адрес сервера");
		return -1;
	}
	if ((rc = getaddrinfo(host, ps, &hints, &res))) {
		snprintf(err, errn, "адрес %s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		/* SO_SNDTIMEO also bounds connect() on Linux */
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		snprintf(err, errn, "соединение с %s:%d: %s", host, port, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

struct conn {
	int fd;
	char buf[4096];
	size_t len;
	char *err;
	size_t errn;
};

static int send_all(struct conn *c, const char *s, size_t n)
{
	while (n) {
		ssize_t w = send(c->fd, s, n, MSG_NOSIGNAL);
		if (w <= 0) {
			snprintf(c->err, c->errn, "отправка: %s", w < 0 ? strerror(errno) : "соединение закрыто");
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One reply (possibly multi-line "250-…"); its code, or -1. */
static int reply(struct conn *c)
{
	for (;;) {
		char *nl;
		while ((nl = memchr(c->buf, '\n', c->len))) {
			size_t ln = (size_t)(nl - c->buf) + 1;
			int code = -1;
			bool last = ln >= 4 && c->buf[3] != '-';
			if (ln >= 3 && c->buf[0] >= '1' && c->buf[0] <= '5')
				code = atoi(c->buf);
			if (last)
				snprintf(c->err, c->errn, "%.*s", (int)(ln > 2 ? ln - 2 : 0), c->buf);
			memmove(c->buf, c->buf + ln, c->len - ln);
			c->len -= ln;
			if (code < 0) {
				snprintf(c->err, c->errn, "непонятный ответ сервера");
				return -1;
			}
			if (last)
				return code;
		}
		if (c->len == sizeof c->buf) {
			snprintf(c->err, c->errn, "слишком длинный ответ сервера");
			return -1;
		}
		ssize_t r = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
		if (r <= 0) {
			snprintf(c->err, c->errn, "чтение: %s", r < 0 ? strerror(errno) : "соединение закрыто");
			return -1;
		}
		c->len += (size_t)r;
	}
}

static int cmd(struct conn *c, const char *line)
{
	if (send_all(c, line, strlen(line)) || send_all(c, "\r\n", 2))
		return -1;
	return reply(c);
}

static void b64(struct zh_buf *o, const unsigned char *s, size_t n)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
		char q[4] = { t[v >> 18 & 63], t[v >> 12 & 63], i + 1 < n ? t[v >> 6 & 63] : '=', i + 2 < n ? t[v & 63] : '=' };
		zh_buf_append(o, q, 4);
	}
}

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return false;
	return true;
}

/* RFC 2047 encoded-words of at most ~45 bytes of UTF-8 each, never splitting a character */
static void encoded_header(struct zh_buf *o, const char *s)
{
	size_t n = strlen(s), i = 0;
	if (ascii(s)) {
		zh_buf_append(o, s, n);
		return;
	}
	while (i < n) {
		size_t k = n - i > 45 ? 45 : n - i;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		if (i)
			zh_buf_append(o, "\r\n ", 3);
		zh_buf_append(o, "=?UTF-8?B?", 10);
		b64(o, (const unsigned char *)s + i, k);
		zh_buf_append(o, "?=", 2);
		i += k;
	}
}

static bool safe_addr(const char *s)
{
	return s && *s && !strpbrk(s, "\r\n<> ");
}

static enum zh_send_result verdict(int code)
{
	return code >= 500 ? ZH_SEND_FAIL : ZH_SEND_RETRY;
}

enum zh_send_result zh_smtp_send(const struct zh_smtp_conf *conf, const struct zh_mail *m, char *err, size_t errn)
{
	struct conn c = { .err = err, .errn = errn };
	struct zh_buf b;
	enum zh_send_result res = ZH_SEND_RETRY;
	char line[600], date[64];
	int code;
	time_t now = time(NULL);
	struct tm tm;

	if (!safe_addr(m->to) || !safe_addr(conf->from)) {
		snprintf(err, errn, "неверный адрес отправителя или получателя");
		return ZH_SEND_FAIL;
	}
	if ((c.fd = zh_tcp_connect(conf->host, conf->port, conf->timeout_ms, err, errn)) < 0)
		return ZH_SEND_RETRY;
	zh_buf_init(&b, 1 << 20);
	if ((code = reply(&c)) != 220)
		goto out;
	if ((code = cmd(&c, "EHLO zhurnal")) != 250)
		goto out;
	if (conf->user && *conf->user) {
		struct zh_buf cred, enc;
		zh_buf_init(&cred, 4096);
		zh_buf_init(&enc, 8192);
		zh_buf_append(&cred, "\0", 1);
		zh_buf_append(&cred, conf->user, strlen(conf->user));
		zh_buf_append(&cred, "\0", 1);
		zh_buf_append(&cred, conf->password ? conf->password : "", conf->password ? strlen(conf->password) : 0);
		zh_buf_append(&enc, "AUTH PLAIN ", 11);
		b64(&enc, (const unsigned char *)cred.data, cred.len);
		code = enc.data ? cmd(&c, enc.data) : -1;
		zh_buf_free(&cred);
		zh_buf_free(&enc);
		if (code != 235)
			goto out;
	}
	snprintf(line, sizeof line, "MAIL FROM:<%s>", conf->from);
	if ((code = cmd(&c, line)) != 250)
		goto out;
	snprintf(line, sizeof line, "RCPT TO:<%s>", m->to);
	if ((code = cmd(&c, line)) != 250 && code != 251)
		goto out;
	if ((code = cmd(&c, "DATA")) != 354)
		goto out;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	zh_buf_printf(&b, "From: <%s>\r\nTo: <%s>\r\nSubject: ", conf->from, m->to);
	encoded_header(&b, m->subject ? m->subject : "");
	zh_buf_printf(&b, "\r\nDate: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
			  "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
		      date, m->message_id);
	/* the body: CRLF line ends, dot-stuffed */
	for (const char *p = m->body ? m->body : ""; *p;) {
		size_t k = strcspn(p, "\r\n");
		if (*p == '.')
			zh_buf_append(&b, ".", 1);
		zh_buf_append(&b, p, k);
		zh_buf_append(&b, "\r\n", 2);
		p += k;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	zh_buf_append(&b, ".\r\n", 3);
	if (!b.data || send_all(&c, b.data, b.len)) {
		code = -1;
		goto out;
	}
	if ((code = reply(&c)) != 250)
		goto out;
	res = ZH_SEND_OK;
	cmd(&c, "QUIT");
out:
	if (res != ZH_SEND_OK && code > 0) {
		res = verdict(code);
		cmd(&c, "QUIT");
	}
	zh_buf_free(&b);
	close(c.fd);
	return res;
}
