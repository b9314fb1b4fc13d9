/* tz.h: calendar dates in a time zone (the school's "today", day boundaries), via ICU */
#ifndef ZH_TZ_H
#define ZH_TZ_H

#include <stdbool.h>
#include <stdint.h>

/* Parses "YYYY-MM-DD" of a real calendar day (no 31 February). */
bool zh_date_parse(const char *s, int *y, int *m, int *d);
/* Seconds since the epoch of local midnight starting that day in zone tz ("Europe/Samara"). */
bool zh_tz_midnight(const char *tz, int y, int m, int d, int64_t *out);

#endif
