/* tz.h: calendar dates in a time zone (the school's "today", day boundaries), via ICU */
#ifndef ZH_TZ_H
#define ZH_TZ_H

#include <stdbool.h>
#include <stdint.h>

/* Parses "YYYY-MM-DD" of a real calendar day (no 31 February). */
bool zh_date_parse(const char *s, int *y, int *m, int *d);
/* Seconds since the epoch of local midnight starting that day in zone tz ("Europe/Samara"). */
bool zh_tz_midnight(const char *tz, int y, int m, int d, int64_t *out);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian, H. Hinnant's algorithms). */
int64_t zh_days_civil(int y, int m, int d);
void zh_civil_days(int64_t days, int *y, int *m, int *d);
/* Day number of "YYYY-MM-DD" (0 when not a real date), and a day number as "YYYY-MM-DD". */
int64_t zh_day_number(const char *date);
void zh_day_string(int64_t day, char out[11]);
/* "YYYY-MM-DD" plus n days into out; false when date is not a real date. */
bool zh_date_add(const char *date, int n, char out[11]);
/* 1 = Monday … 7 = Sunday of a day number. */
int zh_day_weekday(int64_t day);

#endif
