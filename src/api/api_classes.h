/* api_classes.h: handlers of years, periods, classes, subjects, subgroups, curriculum, teacher load */
#ifndef ZH_API_CLASSES_H
#define ZH_API_CLASSES_H

#include "http/req.h"

enum zh_err zh_api_years_list(struct zh_req *r);
enum zh_err zh_api_year_get(struct zh_req *r);
enum zh_err zh_api_year_create(struct zh_req *r);
enum zh_err zh_api_year_update(struct zh_req *r);
enum zh_err zh_api_periods_get(struct zh_req *r);
enum zh_err zh_api_periods_put(struct zh_req *r);
enum zh_err zh_api_holidays_list(struct zh_req *r);
enum zh_err zh_api_holiday_create(struct zh_req *r);
enum zh_err zh_api_holiday_update(struct zh_req *r);
enum zh_err zh_api_holiday_delete(struct zh_req *r);
enum zh_err zh_api_classes_list(struct zh_req *r);
enum zh_err zh_api_class_get(struct zh_req *r);
enum zh_err zh_api_class_create(struct zh_req *r);
enum zh_err zh_api_class_update(struct zh_req *r);
enum zh_err zh_api_class_teacher(struct zh_req *r);
enum zh_err zh_api_class_delete(struct zh_req *r);
enum zh_err zh_api_class_students(struct zh_req *r);
enum zh_err zh_api_teachers(struct zh_req *r);
enum zh_err zh_api_subjects_list(struct zh_req *r);
enum zh_err zh_api_subject_create(struct zh_req *r);
enum zh_err zh_api_subject_update(struct zh_req *r);
enum zh_err zh_api_subject_delete(struct zh_req *r);
enum zh_err zh_api_subgroups_list(struct zh_req *r);
enum zh_err zh_api_subgroup_get(struct zh_req *r);
enum zh_err zh_api_subgroup_create(struct zh_req *r);
enum zh_err zh_api_subgroup_update(struct zh_req *r);
enum zh_err zh_api_subgroup_delete(struct zh_req *r);
enum zh_err zh_api_subgroup_students(struct zh_req *r);
enum zh_err zh_api_curriculum_get(struct zh_req *r);
enum zh_err zh_api_curriculum_put(struct zh_req *r);
enum zh_err zh_api_load_list(struct zh_req *r);
enum zh_err zh_api_load_create(struct zh_req *r);
enum zh_err zh_api_load_update(struct zh_req *r);
enum zh_err zh_api_load_delete(struct zh_req *r);

#endif
