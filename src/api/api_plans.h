/* api_plans.h: handlers of thematic plans (КТП) (M-08) */
#ifndef ZH_API_PLANS_H
#define ZH_API_PLANS_H

#include "http/req.h"

#endif
