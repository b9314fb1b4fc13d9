/* api_absences.h: handlers of the class teacher's day of absences and УП/НП reasons (M-09) */
#ifndef ZH_API_ABSENCES_H
#define ZH_API_ABSENCES_H

#include "http/req.h"

#endif
