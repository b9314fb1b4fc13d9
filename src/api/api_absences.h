/* api_absences.h: the class teacher's day of absences and УП/НП reasons (M-09) */
#ifndef ZH_API_ABSENCES_H
#define ZH_API_ABSENCES_H

#include "http/req.h"

enum zh_err zh_api_absences_day(struct zh_req *r);
enum zh_err zh_api_absences_reasons(struct zh_req *r);

#endif
