/* api_marks.h: handlers of lesson content, assignments, marks and attendance of a lesson, history, unlocks, homework files (M-09) */
#ifndef ZH_API_MARKS_H
#define ZH_API_MARKS_H

#include "http/req.h"

enum zh_err zh_api_marks_save(struct zh_req *r);
enum zh_err zh_api_lesson_content(struct zh_req *r);
enum zh_err zh_api_assignment_create(struct zh_req *r);
enum zh_err zh_api_assignment_update(struct zh_req *r);
enum zh_err zh_api_assignment_delete(struct zh_req *r);
enum zh_err zh_api_hwfile_add(struct zh_req *r);
enum zh_err zh_api_hwfile_get(struct zh_req *r);
enum zh_err zh_api_hwfile_delete(struct zh_req *r);
enum zh_err zh_api_mark_history(struct zh_req *r);
enum zh_err zh_api_lesson_history(struct zh_req *r);
enum zh_err zh_api_unlock_request(struct zh_req *r);
enum zh_err zh_api_unlocks_list(struct zh_req *r);
enum zh_err zh_api_unlock_grant(struct zh_req *r);
enum zh_err zh_api_unlock_refuse(struct zh_req *r);

#endif
