/* extend_people.c: demo cards of students, parents and staff (filled by the school issue) */
#include "demo/extend.h"

enum zh_err zh_demo_people(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)db;
	(void)seed;
	(void)f;
	return ZH_OK;
}
