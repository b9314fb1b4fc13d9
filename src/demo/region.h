/* region.h: the region-size dataset (zhurnal demo --region-size): many schools of the demo
 * school's shape, for the diary benchmark */
#ifndef ZH_DEMO_REGION_H
#define ZH_DEMO_REGION_H

#include <stdio.h>

#include "core/err.h"

#define ZH_REGION_FORMAT 2          /* bump when the generated data changes (bench/diary.sh keys its cache on it) */
#define ZH_REGION_STUDENTS 200000   /* default --students */
#define ZH_REGION_MARKS_PER_STUDENT 250 /* a term: 50M marks at 200k students */

struct zh_region_opts {
	long students;   /* about this many students in all */
	unsigned seed;
};

/* Turns a database that holds exactly the demo school (zh_demo_create, store closed) into a
 * region: the school's term is filled with marks, then it is copied until the region has about
 * o->students students. Prints progress and the totals to out. */
enum zh_err zh_region_expand(const char *path, const struct zh_region_opts *o, FILE *out, struct zh_fail *f);

#endif
