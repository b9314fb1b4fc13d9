/* api_movement.h: handlers of movement book and year rollover */
#ifndef ZH_API_MOVEMENT_H
#define ZH_API_MOVEMENT_H

#include "http/req.h"

enum zh_err zh_api_movements_list(struct zh_req *r);
enum zh_err zh_api_movement_get(struct zh_req *r);
enum zh_err zh_api_movement_create(struct zh_req *r);
enum zh_err zh_api_student_movements(struct zh_req *r);
enum zh_err zh_api_applicants_list(struct zh_req *r);
enum zh_err zh_api_applicant_create(struct zh_req *r);
enum zh_err zh_api_movement_classes(struct zh_req *r);
enum zh_err zh_api_movement_class_students(struct zh_req *r);
enum zh_err zh_api_decisions_get(struct zh_req *r);
enum zh_err zh_api_decisions_put(struct zh_req *r);
enum zh_err zh_api_rollover(struct zh_req *r);

#endif
