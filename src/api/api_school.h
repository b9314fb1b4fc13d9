/* api_school.h: handlers of school card, settings, dictionaries */
#ifndef ZH_API_SCHOOL_H
#define ZH_API_SCHOOL_H

#include "http/req.h"

enum zh_err zh_api_school_get(struct zh_req *r);
enum zh_err zh_api_school_put(struct zh_req *r);
enum zh_err zh_api_school_region_put(struct zh_req *r);
enum zh_err zh_api_school_settings_get(struct zh_req *r);
enum zh_err zh_api_school_settings_put(struct zh_req *r);
enum zh_err zh_api_dict_list(struct zh_req *r);
enum zh_err zh_api_dict_create(struct zh_req *r);
enum zh_err zh_api_dict_update(struct zh_req *r);
enum zh_err zh_api_dict_delete(struct zh_req *r);

#endif
