/* api_people.h: handlers of people cards, links, search */
#ifndef ZH_API_PEOPLE_H
#define ZH_API_PEOPLE_H

#include "http/req.h"

enum zh_err zh_api_people_list(struct zh_req *r);
enum zh_err zh_api_staff_list(struct zh_req *r);
enum zh_err zh_api_student_get(struct zh_req *r);
enum zh_err zh_api_parent_get(struct zh_req *r);
enum zh_err zh_api_staff_get(struct zh_req *r);
enum zh_err zh_api_student_create(struct zh_req *r);
enum zh_err zh_api_parent_create(struct zh_req *r);
enum zh_err zh_api_staff_create(struct zh_req *r);
enum zh_err zh_api_student_rename(struct zh_req *r);
enum zh_err zh_api_parent_rename(struct zh_req *r);
enum zh_err zh_api_staff_rename(struct zh_req *r);
enum zh_err zh_api_student_card_put(struct zh_req *r);
enum zh_err zh_api_parent_card_put(struct zh_req *r);
enum zh_err zh_api_staff_card_put(struct zh_req *r);
enum zh_err zh_api_student_parents(struct zh_req *r);
enum zh_err zh_api_student_parent_link(struct zh_req *r);
enum zh_err zh_api_student_parent_unlink(struct zh_req *r);

#endif
