/* tz.c: calendar dates in a time zone, via ICU calendars (thread-safe: one calendar per call) */
#include "core/tz.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

bool zh_date_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1900 && *y <= 2200 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool zh_tz_midnight(const char *tz, int y, int m, int d, int64_t *out)
{
	UChar zone[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;

	u_strFromUTF8(zone, (int32_t)(sizeof zone / sizeof zone[0]), &len, tz, -1, &st);
	if (U_FAILURE(st))
		return false;
	UCalendar *cal = ucal_open(zone, len, "ru_RU", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st) || !cal)
		return false;
	ucal_clear(cal);
	ucal_setDateTime(cal, y, m - 1, d, 0, 0, 0, &st);
	UDate ms = ucal_getMillis(cal, &st);
	ucal_close(cal);
	if (U_FAILURE(st))
		return false;
	*out = (int64_t)(ms / 1000.0);
	return true;
}
