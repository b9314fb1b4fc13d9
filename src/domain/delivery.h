/* delivery.h: the background worker that sends the e-mail/SMS outbox (M-11) */
#ifndef ZH_DELIVERY_H
#define ZH_DELIVERY_H

#include <stdint.h>

#include "store/store.h"

/* Started by serve after the store opens, stopped before it closes. Environment (for tests):
 * ZHURNAL_DELIVERY=off disables it; ZHURNAL_DELIVERY_POLL_MS (1000), ZHURNAL_DELIVERY_LEASE
 * (seconds a claimed message may stay 'sending' before it is retried with the same key, 300),
 * ZHURNAL_DELIVERY_BACKOFF (seconds between attempts, "30,120,600,3600"; one attempt more than
 * entries, then 'failed'), ZHURNAL_DELIVERY_TIMEOUT_MS (10000). */
struct zh_delivery;
struct zh_delivery *zh_delivery_start(struct zh_store *s);
void zh_delivery_stop(struct zh_delivery *d);

/* One pass: claims due messages, sends them, records the outcome; how many were tried. */
int zh_delivery_run_once(struct zh_store *s);

#endif
