/* extend_lessons.c: demo lesson calendar, changes for a date, substitutions, events, notifications (M-07) (filled by the timetable issue) */
#include "demo/extend.h"

enum zh_err zh_demo_lessons(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)db;
	(void)seed;
	(void)f;
	return ZH_OK;
}
