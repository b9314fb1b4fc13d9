/* api_journal.h: handlers of the journal grid and the list of journals (M-09) */
#ifndef ZH_API_JOURNAL_H
#define ZH_API_JOURNAL_H

#include "http/req.h"

enum zh_err zh_api_journals(struct zh_req *r);
enum zh_err zh_api_journal_grid(struct zh_req *r);
enum zh_err zh_api_journal_lesson(struct zh_req *r);

#endif
