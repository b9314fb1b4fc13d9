/* api_finals.h: handlers of period, year, exam and final marks, overdue period marks (M-09) */
#ifndef ZH_API_FINALS_H
#define ZH_API_FINALS_H

#include "http/req.h"

enum zh_err zh_api_finals_get(struct zh_req *r);
enum zh_err zh_api_finals_put(struct zh_req *r);
enum zh_err zh_api_finals_history(struct zh_req *r);
enum zh_err zh_api_finals_overdue(struct zh_req *r);

#endif
