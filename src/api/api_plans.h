/* api_plans.h: handlers of thematic plans (КТП) (M-08) */
#ifndef ZH_API_PLANS_H
#define ZH_API_PLANS_H

#include "http/req.h"

enum zh_err zh_api_plans_list(struct zh_req *r);
enum zh_err zh_api_plan_create(struct zh_req *r);
enum zh_err zh_api_plan_load(struct zh_req *r);
enum zh_err zh_api_plan_get(struct zh_req *r);
enum zh_err zh_api_plan_put(struct zh_req *r);
enum zh_err zh_api_plan_delete(struct zh_req *r);
enum zh_err zh_api_plan_submit(struct zh_req *r);
enum zh_err zh_api_plan_approve(struct zh_req *r);
enum zh_err zh_api_plan_return(struct zh_req *r);
enum zh_err zh_api_plan_export(struct zh_req *r);
enum zh_err zh_api_plan_import(struct zh_req *r);
enum zh_err zh_api_plan_copy(struct zh_req *r);
enum zh_err zh_api_plan_apply(struct zh_req *r);

#endif
