/* fixture.h: temporary SQLite stores for the domain tests (a fresh directory, removed after) */
#ifndef ZH_TEST_FIXTURE_H
#define ZH_TEST_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "store/store.h"

struct tmpstore {
	char dir[64];
	char path[128];
	struct zh_store *store;
};

/* Where the directories go: $ZH_TEST_TMPDIR, else /dev/shm when usable, else /tmp. The store
 * commits with synchronous=FULL, and an fsync per login attempt on a disk-backed /tmp makes the
 * throttling tests take seconds; on tmpfs they take milliseconds. */
static inline const char *tmpstore_base(void)
{
	const char *env = getenv("ZH_TEST_TMPDIR");
	if (env && *env && strlen(env) < 40)
		return env;
	if (access("/dev/shm", W_OK | X_OK) == 0)
		return "/dev/shm";
	return "/tmp";
}

/* Creates the directory and a migrated store in it; 0 on success (for cmocka setups). */
static inline int tmpstore_open(struct tmpstore *t, int pool)
{
	struct zh_fail f = { 0 };
	zh_log_set_level(ZH_LOG_ERROR); /* keep the TAP output readable */
	snprintf(t->dir, sizeof t->dir, "%s/zh-unit.XXXXXX", tmpstore_base());
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof t->path, "%s/zh.db", t->dir);
	struct zh_store_opts o = { .path = t->path, .pool_size = pool, .create = true, .migrate = true };
	if (zh_store_open(&o, &t->store, &f) != ZH_OK) {
		fprintf(stderr, "zh_store_open: %s\n", f.msg);
		rmdir(t->dir);
		return -1;
	}
	return 0;
}

/* Closes the store and removes the directory with everything in it. */
static inline void tmpstore_close(struct tmpstore *t)
{
	zh_store_close(t->store);
	t->store = NULL;
	DIR *d = opendir(t->dir);
	if (d) {
		struct dirent *e;
		char p[512];
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(t->dir);
}

#endif
