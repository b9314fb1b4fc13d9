/* api_timetable.h: handlers of bell schedules, weekly timetable, conflicts, views (M-07) */
#ifndef ZH_API_TIMETABLE_H
#define ZH_API_TIMETABLE_H

#include "http/req.h"

enum zh_err zh_api_bells_get(struct zh_req *r);
enum zh_err zh_api_bells_put(struct zh_req *r);
enum zh_err zh_api_timetable_list(struct zh_req *r);
enum zh_err zh_api_timetable_options(struct zh_req *r);
enum zh_err zh_api_timetable_student(struct zh_req *r);
enum zh_err zh_api_timetable_create(struct zh_req *r);
enum zh_err zh_api_timetable_update(struct zh_req *r);
enum zh_err zh_api_timetable_delete(struct zh_req *r);

#endif
