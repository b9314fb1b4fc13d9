/* sms.h: the SMS gateway client: HTTP/1.1 POST of JSON {to, from, text, id} over a plain socket */
#ifndef ZH_SMS_H
#define ZH_SMS_H

#include <stddef.h>

#include "domain/smtp.h"

struct zh_sms {
	const char *url;   /* "http://host[:port]/path" (no TLS: https is refused) */
	const char *token; /* Authorization: Bearer …, when set */
	const char *from, *to, *text;
	const char *id;    /* the idempotency key: the "id" field and the Idempotency-Key header */
	int timeout_ms;
};
/* 2xx delivered; 408, 429, 5xx and network errors retry; other answers fail for good. */
enum zh_send_result zh_sms_send(const struct zh_sms *m, char *err, size_t errn);

#endif
