/* dates.c: time zones and "today" in a zone, via ICU (one calendar per call: thread-safe) */
#include "core/dates.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static bool zone_id(const char *tz, UChar *zone, int32_t cap, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	if (!tz || !*tz || strlen(tz) > 64)
		return false;
	u_strFromUTF8(zone, cap, len, tz, -1, &st);
	return U_SUCCESS(st) && *len < cap;
}

bool zh_tz_valid(const char *tz)
{
	UChar zone[80], canon[80];
	int32_t len = 0;
	UBool system = 0;
	UErrorCode st = U_ZERO_ERROR;
	if (!zone_id(tz, zone, 80, &len))
		return false;
	ucal_getCanonicalTimeZoneID(zone, len, canon, 80, &system, &st);
	return U_SUCCESS(st) && system;
}

/* The last answer of this thread: nearly every request asks for "today" in the same zone, and an
 * ICU calendar costs more than the rest of a small request. Valid for the same zone and minute
 * (zone offsets change on whole minutes). */
static _Thread_local struct {
	char tz[64];
	int64_t minute;
	char date[11];
} last;

bool zh_tz_date(const char *tz, int64_t t, char out[11])
{
	UChar zone[80];
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;
	int64_t minute = t >= 0 ? t / 60 : (t - 59) / 60;
	if (tz && last.date[0] && last.minute == minute && strcmp(last.tz, tz) == 0) {
		memcpy(out, last.date, 11);
		return true;
	}
	if (!zh_tz_valid(tz) || !zone_id(tz, zone, 80, &len))
		return false;
	UCalendar *cal = ucal_open(zone, len, "ru_RU", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st) || !cal)
		return false;
	ucal_setMillis(cal, (UDate)t * 1000.0, &st);
	int y = ucal_get(cal, UCAL_YEAR, &st);
	int m = ucal_get(cal, UCAL_MONTH, &st) + 1;
	int d = ucal_get(cal, UCAL_DATE, &st);
	ucal_close(cal);
	if (U_FAILURE(st) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(out, buf, 11);
	if (strlen(tz) < sizeof last.tz) {
		memcpy(last.tz, tz, strlen(tz) + 1);
		last.minute = minute;
		memcpy(last.date, buf, 11);
	}
	return true;
}
