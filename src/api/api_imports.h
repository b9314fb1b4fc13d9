/* api_imports.h: handlers of import and export of people and class lists */
#ifndef ZH_API_IMPORTS_H
#define ZH_API_IMPORTS_H

#include "http/req.h"

enum zh_err zh_api_import_check(struct zh_req *r);
enum zh_err zh_api_import_get(struct zh_req *r);
enum zh_err zh_api_import_apply(struct zh_req *r);
enum zh_err zh_api_export(struct zh_req *r);

#endif
