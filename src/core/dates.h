/* dates.h: time zones and "today" in a zone, via ICU */
#ifndef ZH_DATES_H
#define ZH_DATES_H

#include <stdbool.h>
#include <stdint.h>

/* True when tz is a zone id that ICU knows as a system zone ("Europe/Samara"); links like
 * "Europe/Kuybyshev" count as known, custom ids like "GMT+03:00" and junk do not. */
bool zh_tz_valid(const char *tz);
/* The calendar day "YYYY-MM-DD" of the instant t (seconds since the epoch) in zone tz. */
bool zh_tz_date(const char *tz, int64_t t, char out[11]);

#endif
