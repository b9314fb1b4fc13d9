/* extend_plans.c: demo thematic plans (КТП) (M-08) (filled by the timetable issue) */
#include "demo/extend.h"

enum zh_err zh_demo_plans(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)db;
	(void)seed;
	(void)f;
	return ZH_OK;
}
