/* replay.c: runs a libFuzzer target once on each corpus file, without libFuzzer (TAP output).
 * Arguments are files or directories (every regular file inside, sorted by name). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct list {
	char **v;
	size_t n, cap;
};

static void push(struct list *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			perror("realloc");
			exit(2);
		}
	}
	l->v[l->n] = strdup(path);
	if (!l->v[l->n]) {
		perror("strdup");
		exit(2);
	}
	l->n++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Adds path, or the regular files of the directory path; -1 when it cannot be read. */
static int collect(struct list *l, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		push(l, path);
		return 0;
	}
	struct dirent **ents;
	int n = scandir(path, &ents, visible, by_name);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char p[4096];
		struct stat fst;
		snprintf(p, sizeof p, "%s/%s", path, ents[i]->d_name);
		if (stat(p, &fst) == 0 && S_ISREG(fst.st_mode))
			push(l, p);
		free(ents[i]);
	}
	free(ents);
	return 0;
}

/* The whole file in an exact-size buffer (so ASan sees any overread); NULL on error. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		uint8_t chunk[65536];
		size_t got = fread(chunk, 1, sizeof chunk, f);
		if (got == 0)
			break;
		if (len + got > cap) {
			cap = len + got;
			uint8_t *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		memcpy(buf + len, chunk, got);
		len += got;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	if (!buf)
		buf = malloc(1); /* an empty input is an input */
	*size = len;
	return buf;
}

int main(int argc, char **argv)
{
	struct list l = { 0 }, bad = { 0 };
	int failed = 0;

	for (int i = 1; i < argc; i++)
		if (collect(&l, argv[i]) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			push(&bad, argv[i]);
		}
	printf("1..%zu\n", l.n + bad.n);
	size_t t = 0;
	for (size_t i = 0; i < bad.n; i++) {
		printf("not ok %zu - %s # cannot read\n", ++t, bad.v[i]);
		free(bad.v[i]);
	}
	free(bad.v);
	for (size_t i = 0; i < l.n; i++) {
		size_t size = 0;
		uint8_t *data = slurp(l.v[i], &size);
		if (!data) {
			printf("not ok %zu - %s # cannot read: %s\n", ++t, l.v[i], strerror(errno));
			failed++;
		} else {
			fflush(stdout); /* a crash inside shows which input it was */
			fprintf(stderr, "replay: %s (%zu bytes)\n", l.v[i], size);
			LLVMFuzzerTestOneInput(data, size);
			printf("ok %zu - %s\n", ++t, l.v[i]);
			free(data);
		}
		free(l.v[i]);
	}
	free(l.v);
	if (l.n == 0 && bad.n == 0)
		fprintf(stderr, "replay: no inputs\n");
	return failed || bad.n ? 1 : 0;
}
