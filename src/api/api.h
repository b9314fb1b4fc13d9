/* api.h: the HTTP handlers, one file per domain; the route table is in routes.c */
#ifndef ZH_API_H
#define ZH_API_H

#include "http/req.h"

enum zh_err zh_api_healthz(struct zh_req *r);
enum zh_err zh_api_login(struct zh_req *r);
enum zh_err zh_api_logout(struct zh_req *r);
enum zh_err zh_api_password(struct zh_req *r);
enum zh_err zh_api_sessions(struct zh_req *r);
enum zh_err zh_api_session_end(struct zh_req *r);
enum zh_err zh_api_me(struct zh_req *r);
enum zh_err zh_api_access_get(struct zh_req *r);
enum zh_err zh_api_access_put(struct zh_req *r);
enum zh_err zh_api_audit(struct zh_req *r);
enum zh_err zh_api_user_reset_password(struct zh_req *r);
enum zh_err zh_api_user_lock(struct zh_req *r);
enum zh_err zh_api_user_unlock(struct zh_req *r);

/* the handlers of the school issue's domains */
#include "api/api_school.h"
#include "api/api_classes.h"
#include "api/api_people.h"
#include "api/api_credentials.h"
#include "api/api_movement.h"
#include "api/api_imports.h"
#include "api/api_timetable.h"
#include "api/api_lessons.h"
#include "api/api_plans.h"
#include "api/api_journal.h"
#include "api/api_marks.h"
#include "api/api_finals.h"
#include "api/api_absences.h"
#include "api/api_diary.h"
#include "api/api_notify.h"
#include "api/api_alerts.h"

/* "2026-11-22T10:00:00Z" in the arena. */
const char *zh_api_time(struct zh_req *r, int64_t t);

#endif
