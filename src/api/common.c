/* common.c: small encoders shared by the handlers */
#include "api/api.h"
#include "core/clock.h"

const char *zh_api_time(struct zh_req *r, int64_t t)
{
	char buf[32];
	zh_time_rfc3339(t, buf, sizeof buf);
	return zh_arena_strdup(r->arena, buf);
}

enum zh_err zh_api_healthz(struct zh_req *r)
{
	return zh_resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
