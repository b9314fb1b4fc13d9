/* api_journal.h: handlers of the journal grid and the list of journals (M-09) */
#ifndef ZH_API_JOURNAL_H
#define ZH_API_JOURNAL_H

#include "http/req.h"

#endif
