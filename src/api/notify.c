/* notify.c: notification preferences, unread count, the delivery log, announcements (M-11) */
#include "api/api.h"

#include <string.h>

#include "domain/notify.h"

/* GET /api/v1/notifications/preferences */
enum zh_err zh_api_notify_prefs_get(struct zh_req *r)
{
	json_t *o = zh_notify_prefs_json(&r->ctx);
	return o ? zh_resp_json(r, 200, o) : ZH_EDB;
}

/* PUT /api/v1/notifications/preferences */
enum zh_err zh_api_notify_prefs_put(struct zh_req *r)
{
	json_t *body, *o;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_notify_prefs_put(&r->ctx, body)))
		return e;
	o = zh_notify_prefs_json(&r->ctx);
	return o ? zh_resp_json(r, 200, o) : ZH_EDB;
}

/* GET /api/v1/notifications/unread */
enum zh_err zh_api_notify_unread(struct zh_req *r)
{
	int64_t unread = 0;
	enum zh_err e = zh_notify_unread(&r->ctx, &unread);
	return e ? e : zh_resp_json(r, 200, json_pack("{s:I}", "unread", (json_int_t)unread));
}

/* GET /api/v1/notifications/deliveries?view=log|outbox&channel=&status=&person=&limit=&offset= */
enum zh_err zh_api_notify_deliveries(struct zh_req *r)
{
	struct zh_nt_log_filter f = { 0 };
	struct zh_nt_log_row *rows;
	const char *view = zh_req_query(r, "view");
	bool outbox = view && strcmp(view, "outbox") == 0;
	long long limit, offset, person;
	int64_t total;
	size_t n;
	enum zh_err e;
	if (view && !outbox && strcmp(view, "log") != 0)
		return zh_fail_set(&r->ctx.fail, ZH_EINVAL, "invalid", "view", "view: log или outbox");
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_req_query_int(r, "person", 0, 0, INT64_MAX, &person)))
		return e;
	f.limit = limit;
	f.offset = offset;
	f.person_id = person;
	f.channel = zh_req_query(r, "channel");
	f.status = zh_req_query(r, "status");
	if ((e = zh_notify_log(&r->ctx, outbox, &f, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct zh_nt_log_row *x = &rows[i];
		json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:b, s:s}",
				      "id", (json_int_t)x->id, "outbox_id", (json_int_t)x->outbox_id, "notification_id",
				      (json_int_t)x->notification_id, "person_id", (json_int_t)x->person_id, "channel",
				      x->channel, "address", x->address, "status", x->status, "kind", x->kind, "subject",
				      x->title, "idempotency_key", x->idem_key, outbox ? "attempts" : "attempt",
				      (json_int_t)x->attempt, outbox ? "created_at" : "at", zh_api_time(r, x->at), "ok",
				      (int)x->ok, outbox ? "last_error" : "detail", x->detail);
		if (!o)
			continue;
		json_object_set_new(o, "next_at", json_string(zh_api_time(r, x->next_at)));
		json_object_set_new(o, "delivered_at",
				    x->delivered_at ? json_string(zh_api_time(r, x->delivered_at)) : json_null());
		json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

/* GET /api/v1/announcements */
enum zh_err zh_api_announcements_list(struct zh_req *r)
{
	struct zh_announcement_row *rows;
	long long limit, offset;
	int64_t total;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_announcements_list(&r->ctx, limit, offset, &rows, &n, &total)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)rows[i].id, "title",
				      rows[i].title, "body", rows[i].body, "audience", rows[i].audience, "author_id",
				      (json_int_t)rows[i].author_id, "author_name", rows[i].author_name, "created_at",
				      zh_api_time(r, rows[i].created_at));
		if (!o)
			continue;
		json_object_set_new(o, "class_id", rows[i].class_id ? json_integer(rows[i].class_id) : json_null());
		json_object_set_new(o, "class_name", rows[i].class_id ? json_string(rows[i].class_name) : json_null());
		json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

/* POST /api/v1/announcements {title, body, audience: school|class, class_id?} */
enum zh_err zh_api_announcement_create(struct zh_req *r)
{
	json_t *body;
	int64_t id = 0, notified = 0;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_announcement_create(&r->ctx, body, &id, &notified)))
		return e;
	return zh_resp_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)id, "notified", (json_int_t)notified));
}
