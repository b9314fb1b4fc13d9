/* api_lessons.h: handlers of lesson calendar, changes for a date, substitutions, events, notifications (M-07) */
#ifndef ZH_API_LESSONS_H
#define ZH_API_LESSONS_H

#include "http/req.h"

#endif
