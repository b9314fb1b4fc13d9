/* api_marks.h: handlers of lesson content, assignments, marks and attendance of a lesson, history, unlocks, homework files (M-09) */
#ifndef ZH_API_MARKS_H
#define ZH_API_MARKS_H

#include "http/req.h"

#endif
