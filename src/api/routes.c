/* routes.c: the one route table: every route names the operation it needs. The rows are kept
 * per domain in routes_<domain>.inc files and make up this single array. */
#include "api/api.h"
#include "domain/acl.h"

const struct zh_route zh_routes[] = {
#include "api/routes_core.inc"
#include "api/routes_school.inc"
#include "api/routes_classes.inc"
#include "api/routes_people.inc"
#include "api/routes_credentials.inc"
#include "api/routes_movement.inc"
#include "api/routes_imports.inc"
#include "api/routes_timetable.inc"
#include "api/routes_lessons.inc"
#include "api/routes_plans.inc"
#include "api/routes_journal.inc"
#include "api/routes_marks.inc"
#include "api/routes_finals.inc"
#include "api/routes_absences.inc"
#include "api/routes_diary.inc"
#include "api/routes_notify.inc"
#include "api/routes_alerts.inc"
};
const size_t zh_routes_count = sizeof zh_routes / sizeof zh_routes[0];
