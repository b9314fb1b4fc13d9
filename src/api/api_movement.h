/* api_movement.h: handlers of movement book and year rollover */
#ifndef ZH_API_MOVEMENT_H
#define ZH_API_MOVEMENT_H

#include "http/req.h"

#endif
