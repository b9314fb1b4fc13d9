/* extend_journal.c: demo journal data (M-09) */
#include "demo/extend.h"

enum zh_err zh_demo_journal(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)db;
	(void)seed;
	(void)f;
	return ZH_OK;
}
