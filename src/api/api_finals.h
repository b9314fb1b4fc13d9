/* api_finals.h: handlers of period, year, exam and final marks, overdue period marks (M-09) */
#ifndef ZH_API_FINALS_H
#define ZH_API_FINALS_H

#include "http/req.h"

#endif
