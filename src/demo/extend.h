/* extend.h: demo data of later capabilities, added after the people and classes exist */
#ifndef ZH_DEMO_EXTEND_H
#define ZH_DEMO_EXTEND_H

#include <stdio.h>

#include "core/err.h"
#include "store/store.h"

/* Runs every extension below in the demo's write transaction, in this order. Each one finds
 * the school, year, classes and people it needs through the store and must be deterministic
 * for the seed. */
enum zh_err zh_demo_extend(struct zh_db *db, unsigned seed, struct zh_fail *f);

/* One per capability, each in its own file (src/demo/extend_<name>.c). */
enum zh_err zh_demo_school(struct zh_db *db, unsigned seed, struct zh_fail *f);     /* card, settings, dictionaries */
enum zh_err zh_demo_classes(struct zh_db *db, unsigned seed, struct zh_fail *f);    /* periods, holidays, subgroups, curriculum, load */
enum zh_err zh_demo_people(struct zh_db *db, unsigned seed, struct zh_fail *f);     /* cards of students, parents, staff */
enum zh_err zh_demo_movement(struct zh_db *db, unsigned seed, struct zh_fail *f);   /* movement book, applicants */
enum zh_err zh_demo_timetable(struct zh_db *db, unsigned seed, struct zh_fail *f);  /* bells, weekly timetable */
enum zh_err zh_demo_lessons(struct zh_db *db, unsigned seed, struct zh_fail *f);    /* lessons of the year, changes, events */
enum zh_err zh_demo_plans(struct zh_db *db, unsigned seed, struct zh_fail *f);      /* КТП, applied to lessons */
enum zh_err zh_demo_journal(struct zh_db *db, unsigned seed, struct zh_fail *f);    /* topics, homework, assignments, marks, attendance, period marks */

#endif
