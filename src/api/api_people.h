/* api_people.h: handlers of people cards, links, search */
#ifndef ZH_API_PEOPLE_H
#define ZH_API_PEOPLE_H

#include "http/req.h"

#endif
