/* extend.c: runs the demo extensions of later capabilities in order */
#include "demo/extend.h"

enum zh_err zh_demo_extend(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	enum zh_err e;
	if ((e = zh_demo_school(db, seed, f)) || (e = zh_demo_classes(db, seed, f)) ||
	    (e = zh_demo_people(db, seed, f)) || (e = zh_demo_movement(db, seed, f)) ||
	    (e = zh_demo_timetable(db, seed, f)) || (e = zh_demo_lessons(db, seed, f)) ||
	    (e = zh_demo_plans(db, seed, f)) || (e = zh_demo_journal(db, seed, f)))
		return e;
	return ZH_OK;
}
