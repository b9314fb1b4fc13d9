/* api_credentials.h: handlers of logins and credentials sheets */
#ifndef ZH_API_CREDENTIALS_H
#define ZH_API_CREDENTIALS_H

#include "http/req.h"

enum zh_err zh_api_cred_classes(struct zh_req *r);
enum zh_err zh_api_cred_staff(struct zh_req *r);
enum zh_err zh_api_cred_roster(struct zh_req *r);
enum zh_err zh_api_cred_issue_class(struct zh_req *r);
enum zh_err zh_api_cred_issue_staff(struct zh_req *r);

#endif
