/* api_credentials.h: handlers of logins and credentials sheets */
#ifndef ZH_API_CREDENTIALS_H
#define ZH_API_CREDENTIALS_H

#include "http/req.h"

#endif
