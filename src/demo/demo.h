/* demo.h: the demonstration school (zhurnal demo): a whole school with people and accounts */
#ifndef ZH_DEMO_H
#define ZH_DEMO_H

#include <stdio.h>

#include "core/err.h"
#include "store/store.h"

struct zh_demo_opts {
	const char *password; /* one password for every account; NULL: random temporary passwords */
	unsigned seed;        /* same seed, same school */
};

/* Creates the demo region and school in an opened, migrated store, in one transaction.
 * Refuses with ZH_ECONFLICT when the installation already has a school.
 * Prints a short Russian summary to out (may be NULL); when password is NULL, prints every
 * "login\tpassword" once. */
enum zh_err zh_demo_create(struct zh_store *s, const struct zh_demo_opts *o, FILE *out,
			   struct zh_fail *f);

#endif
