/* api_classes.h: handlers of years, periods, classes, subjects, subgroups, curriculum, teacher load */
#ifndef ZH_API_CLASSES_H
#define ZH_API_CLASSES_H

#include "http/req.h"

#endif
