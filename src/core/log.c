/* log.c: leveled logging to stderr, one line per event, safe across threads */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static enum zh_log_level min_level = ZH_LOG_INFO;
static int access_on = 1;

void zh_log_set_level(enum zh_log_level lvl) { min_level = lvl; }
void zh_log_set_quiet_access(int quiet) { access_on = !quiet; }
int zh_log_access_enabled(void) { return access_on; }

void zh_log(enum zh_log_level lvl, const char *fmt, ...)
{
	static const char *const tags[] = { "debug", "info", "warn", "error" };
	char line[2048];
	char ts[32];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;
	int n;

	if (lvl < min_level)
		return;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof line, "%s %s ", ts, tags[lvl]);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line); /* one fprintf call: stdio locks the stream */
}
