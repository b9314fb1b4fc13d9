/* lessons.c: lesson calendar, changes for a date, events, notifications (M-07) */
#include "api/api.h"

#include <string.h>

#include "domain/lessons.h"
#include "json/json.h"

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static const char *change_title(const char *k)
{
	if (strcmp(k, "substitution") == 0)
		return "Замена учителя";
	if (strcmp(k, "room") == 0)
		return "Замена кабинета";
	if (strcmp(k, "cancel") == 0)
		return "Отмена";
	if (strcmp(k, "extra") == 0)
		return "Дополнительный урок";
	return k;
}

static json_t *lesson_json(const struct zh_lesson_row *l)
{
	json_t *o = json_pack("{s:I, s:s, s:i, s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:b, s:b, s:s, s:s, s:I}", "id",
			      (json_int_t)l->id, "date", l->date, "lesson_number", l->lesson_number, "class_id",
			      (json_int_t)l->class_id, "class_name", l->class_name ? l->class_name : "", "subject_id",
			      (json_int_t)l->subject_id, "subject", l->subject_name ? l->subject_name : "", "teacher_id",
			      (json_int_t)l->teacher_id, "teacher", l->teacher_name ? l->teacher_name : "", "status",
			      l->status, "extra", l->extra, "flagged", l->flagged, "topic", l->topic ? l->topic : "",
			      "homework", l->homework ? l->homework : "", "period_id", (json_int_t)l->period_id);
	json_t *ch = json_array();
	if (!o || !ch) {
		json_decref(o);
		json_decref(ch);
		return NULL;
	}
	json_object_set_new(o, "entry_id", id_or_null(l->entry_id));
	json_object_set_new(o, "subgroup_id", id_or_null(l->subgroup_id));
	json_object_set_new(o, "subgroup", str_or_null(l->subgroup_name));
	json_object_set_new(o, "room_id", id_or_null(l->room_id));
	json_object_set_new(o, "room", str_or_null(l->room_name));
	json_object_set_new(o, "substitute_id", id_or_null(l->substitute_id));
	json_object_set_new(o, "substitute", str_or_null(l->substitute_name));
	json_object_set_new(o, "start_time", str_or_null(l->start_time));
	json_object_set_new(o, "end_time", str_or_null(l->end_time));
	if (l->changes && *l->changes) {
		const char *p = l->changes;
		while (*p) {
			const char *q = strchr(p, ',');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			json_array_append_new(ch, json_stringn(p, n));
			p += n + (q ? 1 : 0);
		}
	}
	json_object_set_new(o, "changes", ch);
	return o;
}

/* POST /api/v1/lessons/generate {period_id} */
enum zh_err zh_api_lessons_generate(struct zh_req *r)
{
	static const char *const keys[] = { "period_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_ls_counts cnt;
	long long period;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_int(body, "period_id", true, 1, INT64_MAX, &period, f)) ||
	    (e = zh_lessons_generate(&r->ctx, period, &cnt)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:I, s:I, s:I}", "period_id", (json_int_t)period, "created",
					      (json_int_t)cnt.created, "removed", (json_int_t)cnt.removed,
					      "kept_flagged", (json_int_t)cnt.kept_flagged));
}

static const char *q_or_null(struct zh_req *r, const char *name)
{
	const char *s = zh_req_query(r, name);
	return s && *s ? s : NULL;
}

/* GET /api/v1/lessons?class=|teacher=&from=&to= */
enum zh_err zh_api_lessons_list(struct zh_req *r)
{
	struct zh_lesson_row *rows;
	long long cls, teacher;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &cls)) ||
	    (e = zh_req_query_int(r, "teacher", 0, 0, INT64_MAX, &teacher)) ||
	    (e = zh_lessons_list(&r->ctx, cls, teacher, q_or_null(r, "from"), q_or_null(r, "to"), &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, lesson_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* GET /api/v1/lessons/{id} */
enum zh_err zh_api_lesson_get(struct zh_req *r)
{
	struct zh_lesson_row l;
	struct zh_lesson_change_row *ch;
	size_t n;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_lesson_get(&r->ctx, id, &l, &ch, &n)))
		return e;
	json_t *o = lesson_json(&l);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)ch[i].id, "kind", ch[i].kind, "title",
				      change_title(ch[i].kind), "reason", ch[i].reason ? ch[i].reason : "", "created_at",
				      (json_int_t)ch[i].created_at);
		if (!x)
			continue;
		json_object_set_new(x, "substitute_id", id_or_null(ch[i].substitute_id));
		json_object_set_new(x, "substitute", str_or_null(ch[i].substitute_name));
		json_object_set_new(x, "room_id", id_or_null(ch[i].room_id));
		json_object_set_new(x, "room", str_or_null(ch[i].room_name));
		json_array_append_new(arr, x);
	}
	if (o)
		json_object_set_new(o, "change_log", arr);
	else
		json_decref(arr);
	return zh_resp_json(r, 200, o);
}

static enum zh_err after_change(struct zh_req *r, int64_t id, int64_t notified, unsigned status)
{
	struct zh_lesson_row l;
	struct zh_lesson_change_row *ch;
	size_t n;
	enum zh_err e;
	if ((e = zh_lesson_get(&r->ctx, id, &l, &ch, &n)))
		return e;
	json_t *o = lesson_json(&l);
	if (o)
		json_object_set_new(o, "notified", json_integer(notified));
	return zh_resp_json(r, status, o);
}

/* POST /api/v1/lessons/{id}/substitution {substitute_id, reason} */
enum zh_err zh_api_lesson_substitution(struct zh_req *r)
{
	static const char *const keys[] = { "substitute_id", "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *reason = "";
	long long sub;
	int64_t id, notified = 0;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_int(body, "substitute_id", true, 1, INT64_MAX, &sub, f)) ||
	    (e = zh_json_str(body, "reason", false, 300, &reason, f)) ||
	    (e = zh_lesson_substitute(&r->ctx, id, sub, reason, &notified)))
		return e;
	return after_change(r, id, notified, 200);
}

/* POST /api/v1/lessons/{id}/room {room_id, reason} */
enum zh_err zh_api_lesson_room(struct zh_req *r)
{
	static const char *const keys[] = { "room_id", "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *reason = "";
	long long room;
	int64_t id, notified = 0;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_int(body, "room_id", true, 1, INT64_MAX, &room, f)) ||
	    (e = zh_json_str(body, "reason", false, 300, &reason, f)) ||
	    (e = zh_lesson_room(&r->ctx, id, room, reason, &notified)))
		return e;
	return after_change(r, id, notified, 200);
}

/* POST /api/v1/lessons/{id}/cancel {reason} */
enum zh_err zh_api_lesson_cancel(struct zh_req *r)
{
	static const char *const keys[] = { "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	const char *reason = "";
	int64_t id, notified = 0;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "reason", false, 300, &reason, f)) ||
	    (e = zh_lesson_cancel(&r->ctx, id, reason, &notified)))
		return e;
	return after_change(r, id, notified, 200);
}

/* POST /api/v1/lessons/extra */
enum zh_err zh_api_lesson_extra(struct zh_req *r)
{
	static const char *const keys[] = { "date", "lesson_number", "class_id", "subgroup_id", "subject_id",
					    "teacher_id", "room_id", "reason", NULL };
	struct zh_fail *f = &r->ctx.fail;
	struct zh_extra_in in = { .reason = "" };
	long long num, cls, sg = 0, subj, teacher, room = 0;
	int64_t id = 0, notified = 0;
	json_t *body;
	enum zh_err e;
	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "date", true, 10, &in.date, f)) ||
	    (e = zh_json_int(body, "lesson_number", true, 0, 12, &num, f)) ||
	    (e = zh_json_int(body, "class_id", true, 1, INT64_MAX, &cls, f)) ||
	    (e = zh_json_int(body, "subgroup_id", false, 1, INT64_MAX, &sg, f)) ||
	    (e = zh_json_int(body, "subject_id", true, 1, INT64_MAX, &subj, f)) ||
	    (e = zh_json_int(body, "teacher_id", true, 1, INT64_MAX, &teacher, f)) ||
	    (e = zh_json_int(body, "room_id", false, 1, INT64_MAX, &room, f)) ||
	    (e = zh_json_str(body, "reason", false, 300, &in.reason, f)))
		return e;
	in.lesson_number = (int)num;
	in.class_id = cls;
	in.subgroup_id = sg;
	in.subject_id = subj;
	in.teacher_id = teacher;
	in.room_id = room;
	if ((e = zh_lesson_extra(&r->ctx, &in, &id, &notified)))
		return e;
	return after_change(r, id, notified, 201);
}

/* ---- notifications ---- */

/* GET /api/v1/notifications?limit=&offset= */
enum zh_err zh_api_notifications(struct zh_req *r)
{
	struct zh_notification_row *rows;
	long long limit, offset;
	int64_t total, unread;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "limit", 50, 1, 500, &limit)) ||
	    (e = zh_req_query_int(r, "offset", 0, 0, 100000000, &offset)) ||
	    (e = zh_notifications_list(&r->ctx, limit, offset, &rows, &n, &total, &unread)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:b}", "id", (json_int_t)rows[i].id, "kind",
				      rows[i].kind, "title", rows[i].title, "body", rows[i].body ? rows[i].body : "",
				      "entity", rows[i].entity ? rows[i].entity : "", "created_at",
				      (json_int_t)rows[i].created_at, "read", rows[i].read_at != 0);
		if (!o)
			continue;
		json_object_set_new(o, "entity_id", id_or_null(rows[i].entity_id));
		json_array_append_new(items, o);
	}
	return zh_resp_json(r, 200, json_pack("{s:o, s:I, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
					      "unread", (json_int_t)unread, "limit", (json_int_t)limit, "offset",
					      (json_int_t)offset));
}

/* POST /api/v1/notifications/{id}/read */
enum zh_err zh_api_notification_read(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_notification_read(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read", 1));
}

/* ---- events ---- */

static const char *audience_title(const char *a)
{
	if (strcmp(a, "school") == 0)
		return "Вся школа";
	if (strcmp(a, "class") == 0)
		return "Класс";
	if (strcmp(a, "staff") == 0)
		return "Сотрудники";
	if (strcmp(a, "parents") == 0)
		return "Родители";
	return a;
}

static json_t *event_json(const struct zh_event_row *ev)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ev->id, "title", ev->title,
			      "description", ev->description ? ev->description : "", "date", ev->date, "place",
			      ev->place ? ev->place : "", "audience", ev->audience, "audience_title",
			      audience_title(ev->audience));
	if (!o)
		return NULL;
	json_object_set_new(o, "start_time", str_or_null(ev->start_time && *ev->start_time ? ev->start_time : NULL));
	json_object_set_new(o, "end_time", str_or_null(ev->end_time && *ev->end_time ? ev->end_time : NULL));
	json_object_set_new(o, "class_id", id_or_null(ev->class_id));
	json_object_set_new(o, "class_name", str_or_null(ev->class_name));
	return o;
}

/* GET /api/v1/events?from=&to=&class= */
enum zh_err zh_api_events_list(struct zh_req *r)
{
	struct zh_event_row *rows;
	long long cls;
	size_t n;
	enum zh_err e;
	if ((e = zh_req_query_int(r, "class", 0, 0, INT64_MAX, &cls)) ||
	    (e = zh_events_list(&r->ctx, q_or_null(r, "from"), q_or_null(r, "to"), cls, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, event_json(&rows[i]));
	return zh_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* GET /api/v1/events/{id} */
enum zh_err zh_api_event_get(struct zh_req *r)
{
	struct zh_event_row ev;
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_event_get(&r->ctx, id, &ev)))
		return e;
	return zh_resp_json(r, 200, event_json(&ev));
}

static enum zh_err event_body(struct zh_req *r, struct zh_event_row *ev)
{
	static const char *const keys[] = { "title", "description", "date", "start_time", "end_time", "place",
					    "audience", "class_id", NULL };
	struct zh_fail *f = &r->ctx.fail;
	long long cls = 0;
	json_t *body;
	enum zh_err e;
	ev->description = "";
	ev->place = "";
	if ((e = zh_req_json(r, &body)) || (e = zh_json_only(body, keys, f)) ||
	    (e = zh_json_str(body, "title", true, 200, &ev->title, f)) ||
	    (e = zh_json_str(body, "description", false, 2000, &ev->description, f)) ||
	    (e = zh_json_str(body, "date", true, 10, &ev->date, f)) ||
	    (e = zh_json_str(body, "start_time", false, 5, &ev->start_time, f)) ||
	    (e = zh_json_str(body, "end_time", false, 5, &ev->end_time, f)) ||
	    (e = zh_json_str(body, "place", false, 200, &ev->place, f)) ||
	    (e = zh_json_str(body, "audience", false, 10, &ev->audience, f)) ||
	    (e = zh_json_int(body, "class_id", false, 1, INT64_MAX, &cls, f)))
		return e;
	ev->class_id = cls;
	return ZH_OK;
}

static enum zh_err event_reply(struct zh_req *r, int64_t id, unsigned status)
{
	struct zh_event_row ev;
	enum zh_err e = zh_event_get(&r->ctx, id, &ev);
	if (e)
		return e;
	return zh_resp_json(r, status, event_json(&ev));
}

/* POST /api/v1/events */
enum zh_err zh_api_event_create(struct zh_req *r)
{
	struct zh_event_row ev = { 0 };
	enum zh_err e;
	if ((e = event_body(r, &ev)) || (e = zh_event_save(&r->ctx, &ev)))
		return e;
	return event_reply(r, ev.id, 201);
}

/* PUT /api/v1/events/{id} */
enum zh_err zh_api_event_update(struct zh_req *r)
{
	struct zh_event_row ev = { 0 };
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &ev.id)) || (e = event_body(r, &ev)) || (e = zh_event_save(&r->ctx, &ev)))
		return e;
	return event_reply(r, ev.id, 200);
}

/* DELETE /api/v1/events/{id} */
enum zh_err zh_api_event_delete(struct zh_req *r)
{
	int64_t id;
	enum zh_err e;
	if ((e = zh_req_param_id(r, 0, &id)) || (e = zh_event_delete(&r->ctx, id)))
		return e;
	return zh_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}
