/* api_alerts.h: handlers of alerts to families, weekly digest, weekly printout (M-11) */
#ifndef ZH_API_ALERTS_H
#define ZH_API_ALERTS_H

#include "http/req.h"

enum zh_err zh_api_alerts_run(struct zh_req *r);
enum zh_err zh_api_alerts_list(struct zh_req *r);
enum zh_err zh_api_digest_pref_get(struct zh_req *r);
enum zh_err zh_api_digest_pref_put(struct zh_req *r);
enum zh_err zh_api_digest_preview(struct zh_req *r);
enum zh_err zh_api_printout_week(struct zh_req *r);
enum zh_err zh_api_paper_diary_list(struct zh_req *r);
enum zh_err zh_api_paper_diary_put(struct zh_req *r);

#endif
