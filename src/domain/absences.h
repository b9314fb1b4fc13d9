/* absences.h: the class teacher's day of absences: every lesson of one class on one date with the
 * students' Н/О/Б entries, and the УП/НП reasons the class teacher sets (M-09, slice FINALS). */
#ifndef ZH_DOMAIN_ABSENCES_H
#define ZH_DOMAIN_ABSENCES_H

#include <jansson.h>

#include "domain/ctx.h"

/* {class, date, lessons, students, can_set_reason}; scope journal.view {class}. */
enum zh_err zh_absences_day(struct zh_ctx *c, int64_t class_id, const char *date, json_t **out);
/* {class_id, student_id, date, reason: "УП"|"НП"|null, lesson_ids?}: the class teacher of that class
 * (attendance.reason.own_class) or journal.edit.all; only Н/Б entries; bound by closed years, not by
 * the date lock. History rows (entity 'attendance') and one audit record "attendance.reason". */
enum zh_err zh_absences_set_reason(struct zh_ctx *c, json_t *body, json_t **out);

#endif
