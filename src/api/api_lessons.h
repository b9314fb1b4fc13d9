/* api_lessons.h: handlers of lesson calendar, changes for a date, substitutions, events, notifications (M-07) */
#ifndef ZH_API_LESSONS_H
#define ZH_API_LESSONS_H

#include "http/req.h"

enum zh_err zh_api_lessons_generate(struct zh_req *r);
enum zh_err zh_api_lessons_list(struct zh_req *r);
enum zh_err zh_api_lesson_get(struct zh_req *r);
enum zh_err zh_api_lesson_substitution(struct zh_req *r);
enum zh_err zh_api_lesson_room(struct zh_req *r);
enum zh_err zh_api_lesson_cancel(struct zh_req *r);
enum zh_err zh_api_lesson_extra(struct zh_req *r);
enum zh_err zh_api_notifications(struct zh_req *r);
enum zh_err zh_api_notification_read(struct zh_req *r);
enum zh_err zh_api_events_list(struct zh_req *r);
enum zh_err zh_api_event_get(struct zh_req *r);
enum zh_err zh_api_event_create(struct zh_req *r);
enum zh_err zh_api_event_update(struct zh_req *r);
enum zh_err zh_api_event_delete(struct zh_req *r);

#endif
