/* log.h: leveled logging to stderr (access log and events) */
#ifndef ZH_LOG_H
#define ZH_LOG_H

enum zh_log_level { ZH_LOG_DEBUG, ZH_LOG_INFO, ZH_LOG_WARN, ZH_LOG_ERROR };

void zh_log_set_level(enum zh_log_level lvl);
void zh_log_set_quiet_access(int quiet);
int zh_log_access_enabled(void);
void zh_log(enum zh_log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define zh_info(...) zh_log(ZH_LOG_INFO, __VA_ARGS__)
#define zh_warn(...) zh_log(ZH_LOG_WARN, __VA_ARGS__)
#define zh_error(...) zh_log(ZH_LOG_ERROR, __VA_ARGS__)

#endif
