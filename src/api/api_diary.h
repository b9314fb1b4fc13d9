/* api_diary.h: handlers of the electronic diary: students, week, marks and forecasts, attendance, homework (M-10) */
#ifndef ZH_API_DIARY_H
#define ZH_API_DIARY_H

#include "http/req.h"

enum zh_err zh_api_diary_students(struct zh_req *r);
enum zh_err zh_api_diary_week(struct zh_req *r);
enum zh_err zh_api_diary_marks(struct zh_req *r);
enum zh_err zh_api_diary_attendance(struct zh_req *r);
enum zh_err zh_api_diary_homework(struct zh_req *r);
enum zh_err zh_api_diary_views(struct zh_req *r);

#endif
