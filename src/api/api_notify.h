/* api_notify.h: handlers of notifications: in-app list, preferences, outbox, delivery by e-mail and SMS (M-11) */
#ifndef ZH_API_NOTIFY_H
#define ZH_API_NOTIFY_H

#include "http/req.h"

enum zh_err zh_api_notify_prefs_get(struct zh_req *r);
enum zh_err zh_api_notify_prefs_put(struct zh_req *r);
enum zh_err zh_api_notify_unread(struct zh_req *r);
enum zh_err zh_api_notify_deliveries(struct zh_req *r);
enum zh_err zh_api_announcements_list(struct zh_req *r);
enum zh_err zh_api_announcement_create(struct zh_req *r);

#endif
