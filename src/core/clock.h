/* clock.h: current time (overridable in tests) and RFC 3339 formatting */
#ifndef ZH_CLOCK_H
#define ZH_CLOCK_H

#include <stdint.h>
#include <stddef.h>

/* Seconds since the epoch. ZHURNAL_FAKE_NOW (seconds) fixes it, for tests. */
int64_t zh_now(void);
/* Milliseconds of a monotonic clock, for durations. */
int64_t zh_mono_ms(void);
/* "2026-11-22T10:00:00Z" into out (at least 21 bytes). */
void zh_time_rfc3339(int64_t t, char *out, size_t n);

#endif
