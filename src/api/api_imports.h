/* api_imports.h: handlers of import and export of people and class lists */
#ifndef ZH_API_IMPORTS_H
#define ZH_API_IMPORTS_H

#include "http/req.h"

#endif
