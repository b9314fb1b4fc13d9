/* smtp.h: a minimal SMTP client over a plain socket (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT),
 * and the TCP connect with timeouts the SMS gateway client shares */
#ifndef ZH_SMTP_H
#define ZH_SMTP_H

#include <stddef.h>

/* Results of a send: delivered, worth retrying, or refused for good. */
enum zh_send_result { ZH_SEND_OK = 0, ZH_SEND_RETRY = 1, ZH_SEND_FAIL = 2 };

/* A connected socket with send/receive timeouts, or -1 (reason in err). */
int zh_tcp_connect(const char *host, int port, int timeout_ms, char *err, size_t errn);

struct zh_smtp_conf {
	const char *host, *user, *password, *from;
	int port, timeout_ms;
};
struct zh_mail {
	const char *to, *subject, *body;
	const char *message_id; /* "<key@zhurnal>": the receiver's duplicate check */
};
/* err gets the server's last reply or the network error. */
enum zh_send_result zh_smtp_send(const struct zh_smtp_conf *conf, const struct zh_mail *m, char *err, size_t errn);

#endif
