/* api_timetable.h: handlers of bell schedules, weekly timetable, conflicts, views (M-07) */
#ifndef ZH_API_TIMETABLE_H
#define ZH_API_TIMETABLE_H

#include "http/req.h"

#endif
