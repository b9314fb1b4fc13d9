/* api_school.h: handlers of school card, settings, dictionaries */
#ifndef ZH_API_SCHOOL_H
#define ZH_API_SCHOOL_H

#include "http/req.h"

#endif
