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

int64_t zh_days_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void zh_civil_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int64_t zh_day_number(const char *date)
{
	int y, m, d;
	if (!zh_date_parse(date, &y, &m, &d))
		return 0;
	return zh_days_civil(y, m, d);
}

void zh_day_string(int64_t day, char out[11])
{
	int y, m, d;
	zh_civil_days(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool zh_date_add(const char *date, int n, char out[11])
{
	int y, m, d;
	if (!zh_date_parse(date, &y, &m, &d))
		return false;
	zh_day_string(zh_days_civil(y, m, d) + n, out);
	return true;
}

int zh_day_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (4) */
	int64_t w = (day + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
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
