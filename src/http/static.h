/* static.h: serves the files of web/ with types, ETags and revalidation */
#ifndef ZH_STATIC_H
#define ZH_STATIC_H

#include "http/req.h"

/* GET/HEAD of a file under conf->web_dir ("/" is index.html). */
enum zh_err zh_static_serve(struct zh_req *r);
/* Content type for a file name by its extension. */
const char *zh_static_type(const char *name);

#endif
