/* demo.c: tests of the demonstration school generator (src/demo) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/arena.h"
#include "demo/demo.h"
#include "demo/names.h"
#include "domain/auth.h"
#include "domain/roles.h"
#include "store/store.h"

#define PASSWORD "Демо-пароль 2026"

struct fixture {
	char dir[64];
	struct zh_store *s17, *s17b, *s18;
	char *out17;        /* what the first run printed */
};

static struct zh_store *open_store(const char *dir, const char *name)
{
	char path[128];
	struct zh_store_opts o = { .path = path, .pool_size = 1, .create = true, .migrate = true };
	struct zh_store *s = NULL;
	struct zh_fail f = { 0 };
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(zh_store_open(&o, &s, &f), ZH_OK);
	return s;
}

static struct zh_store *make_demo(const char *dir, const char *name, unsigned seed, char **printed)
{
	struct zh_store *s = open_store(dir, name);
	struct zh_demo_opts o = { .password = PASSWORD, .seed = seed };
	struct zh_fail f = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(zh_demo_create(s, &o, out, &f), ZH_OK);
	fclose(out);
	if (printed)
		*printed = buf;
	else
		free(buf);
	return s;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	if (!fx || sodium_init() < 0)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s", "/tmp/zh_demo_XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	fx->s17 = make_demo(fx->dir, "a.db", 17, &fx->out17);
	fx->s17b = make_demo(fx->dir, "b.db", 17, NULL);
	fx->s18 = make_demo(fx->dir, "c.db", 18, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	static const char *const files[] = { "a.db", "b.db", "c.db" };
	static const char *const tails[] = { "", "-wal", "-shm" };
	char path[128];

	zh_store_close(fx->s17);
	zh_store_close(fx->s17b);
	zh_store_close(fx->s18);
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 3; j++) {
			snprintf(path, sizeof path, "%s/%s%s", fx->dir, files[i], tails[j]);
			unlink(path);
		}
	rmdir(fx->dir);
	free(fx->out17);
	free(fx);
	return 0;
}

static bool has_role(const char *roles, int role)
{
	char want[8];
	snprintf(want, sizeof want, "%d", role);
	for (const char *p = roles; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n == strlen(want) && strncmp(p, want, n) == 0)
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcmp(s + n - k, suf) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_names(void **state)
{
	char buf[128];
	(void)state;
	assert_string_equal(zh_demo_surname("Королёв", 'f', buf, sizeof buf), "Королёва");
	assert_string_equal(zh_demo_surname("Соловьёв", 'f', buf, sizeof buf), "Соловьёва");
	assert_string_equal(zh_demo_surname("Ёлкин", 'f', buf, sizeof buf), "Ёлкина");
	assert_string_equal(zh_demo_surname("Черных", 'f', buf, sizeof buf), "Черных");
	assert_string_equal(zh_demo_surname("Шевчук", 'f', buf, sizeof buf), "Шевчук");
	assert_string_equal(zh_demo_surname("Покровский", 'f', buf, sizeof buf), "Покровская");
	assert_string_equal(zh_demo_surname("Трубецкой", 'f', buf, sizeof buf), "Трубецкая");
	assert_string_equal(zh_demo_surname("Иванов", 'm', buf, sizeof buf), "Иванов");
	zh_demo_translit("Щукин Жуков Хохлов Цветков Чижов Шубин", buf, sizeof buf);
	assert_string_equal(buf, "shchukinzhukovkhokhlovtsvetkovchizhovshubin");
	zh_demo_translit("Ёлкин Юлия Яна Ильич Объедков Быков Соловьёв", buf, sizeof buf);
	assert_string_equal(buf, "elkiniuliiaianailichobieedkovbykovsolovev");
	/* a short buffer ends at the last whole letter */
	assert_int_equal(zh_demo_translit("Жуков", buf, 5), 4);
	assert_string_equal(buf, "zhuk");
	/* patronymics come in pairs from the father's name */
	for (size_t i = 0; i < zh_demo_males_n; i++) {
		assert_true(ends_with(zh_demo_males[i].pat_m, "ич"));
		assert_true(ends_with(zh_demo_males[i].pat_f, "на"));
	}
}

static void test_contents(void **state)
{
	struct fixture *fx = *state;
	struct zh_arena *a = zh_arena_new();
	struct zh_db *db = zh_store_acquire(fx->s17);
	struct zh_user_list_row *st, *te, *pa;
	size_t nst, nte, npa;

	assert_non_null(strstr(fx->out17, "ГБОУ СОШ № 17"));
	assert_null(strstr(fx->out17, PASSWORD));

	struct zh_school_row *schools;
	size_t nschools;
	assert_int_equal(zh_store_schools_list(db, a, &schools, &nschools), ZH_OK);
	assert_int_equal(nschools, 1);
	assert_string_equal(schools[0].short_name, "ГБОУ СОШ № 17");
	assert_string_equal(schools[0].region_name, "Самарская область");
	assert_string_equal(schools[0].timezone, "Europe/Samara");

	/* students: each in exactly one class */
	assert_int_equal(zh_store_user_list(db, a, ZH_ROLE_STUDENT, &st, &nst), ZH_OK);
	assert_in_range(nst, 650, 750);
	const char **logins = calloc(nst, sizeof *logins);
	int *nparents = calloc(nst, sizeof *nparents);
	bool *sibling = calloc(nst, sizeof *sibling);
	assert_non_null(logins);
	assert_non_null(nparents);
	assert_non_null(sibling);
	for (size_t i = 0; i < nst; i++) {
		assert_non_null(st[i].class_name);
		assert_null(strchr(st[i].class_name, ','));
		assert_string_equal(st[i].roles, "2");
		logins[i] = st[i].login;
	}
	qsort(logins, nst, sizeof *logins, cmp_str);

	/* teachers, with the head among them and a few who are parents too */
	assert_int_equal(zh_store_user_list(db, a, ZH_ROLE_TEACHER, &te, &nte), ZH_OK);
	assert_in_range(nte, 45, 60);
	int teacher_parents = 0;
	for (size_t i = 0; i < nte; i++)
		teacher_parents += has_role(te[i].roles, ZH_ROLE_PARENT);
	assert_in_range(teacher_parents, 1, 10);

	/* parents: every student has one or two, some parents have several children */
	assert_int_equal(zh_store_user_list(db, a, ZH_ROLE_PARENT, &pa, &npa), ZH_OK);
	int multi = 0;
	for (size_t i = 0; i < npa; i++) {
		int kids = 0;
		size_t hits[3];
		assert_non_null(pa[i].children);
		for (const char *p = pa[i].children; *p;) {
			char login[96];
			size_t n = strcspn(p, ",");
			assert_true(n < sizeof login);
			memcpy(login, p, n);
			login[n] = 0;
			const char *key = login;
			const char **hit = bsearch(&key, logins, nst, sizeof *logins, cmp_str);
			assert_non_null(hit);
			nparents[hit - logins]++;
			assert_true(kids < 3);
			hits[kids++] = (size_t)(hit - logins);
			p += n;
			if (*p == ',')
				p++;
		}
		assert_in_range(kids, 1, 3);
		multi += kids >= 2;
		for (int k = 0; kids >= 2 && k < kids; k++)
			sibling[hits[k]] = true;
	}
	assert_in_range(npa, nst, 2 * nst);
	assert_true(multi >= 10);
	/* students with a brother or sister in the school: about 10-15 % */
	size_t with_sibling = 0;
	for (size_t i = 0; i < nst; i++) {
		assert_in_range(nparents[i], 1, 2);
		with_sibling += sibling[i];
	}
	assert_in_range(with_sibling * 100 / nst, 8, 17);

	/* patronymics agree with the gender; birth dates fit the grade */
	for (size_t i = 0; i < nst; i++) {
		struct zh_user_row u;
		struct zh_person_row p;
		assert_int_equal(zh_store_user_by_login(db, a, st[i].login, &u), ZH_OK);
		assert_false(u.must_change);
		assert_int_equal(zh_store_person_get(db, a, u.person_id, &p), ZH_OK);
		assert_non_null(p.gender);
		if (strcmp(p.gender, "f") == 0)
			assert_true(ends_with(p.middle_name, "на"));
		else
			assert_true(ends_with(p.middle_name, "ич"));
		int grade = atoi(st[i].class_name);
		int year = atoi(p.birth_date);
		assert_in_range(grade, 1, 11);
		assert_in_range(year, 2020 - grade - 1, 2020 - grade);
		if (i == 0)
			assert_true(zh_auth_verify_password(u.pw_hash, PASSWORD));
	}

	/* the service accounts */
	static const struct {
		const char *login;
		int role;
	} svc[] = {
		{ "admin", ZH_ROLE_ADMIN }, { "head", ZH_ROLE_HEAD }, { "head", ZH_ROLE_TEACHER },
		{ "secretary", ZH_ROLE_SECRETARY }, { "medic", ZH_ROLE_MEDIC },
		{ "psychologist", ZH_ROLE_PSYCHOLOGIST }, { "hr", ZH_ROLE_HR },
		{ "staff", ZH_ROLE_STAFF }, { "region", ZH_ROLE_REGION_ADMIN },
	};
	for (size_t i = 0; i < sizeof svc / sizeof svc[0]; i++) {
		struct zh_user_row u;
		struct zh_role_row *roles;
		size_t nroles;
		bool found = false;
		assert_int_equal(zh_store_user_by_login(db, a, svc[i].login, &u), ZH_OK);
		assert_int_equal(zh_store_user_roles(db, a, u.id, &roles, &nroles), ZH_OK);
		for (size_t j = 0; j < nroles; j++)
			if (roles[j].role_id == svc[i].role) {
				found = true;
				if (svc[i].role == ZH_ROLE_REGION_ADMIN)
					assert_int_equal(roles[j].region_id, schools[0].region_id);
				else
					assert_int_equal(roles[j].school_id, schools[0].id);
			}
		assert_true(found);
	}

	/* every student login is the transliterated surname and initials */
	for (size_t i = 0; i < nst; i++) {
		const char *dot = strchr(st[i].login, '.');
		assert_non_null(dot);
		for (const char *p = st[i].login; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.');
	}

	zh_store_release(db);
	free(logins);
	free(nparents);
	free(sibling);
	zh_arena_free(a);
}

static void test_refuses_second_school(void **state)
{
	struct fixture *fx = *state;
	struct zh_demo_opts o = { .password = PASSWORD, .seed = 1 };
	struct zh_fail f = { 0 };
	assert_int_equal(zh_demo_create(fx->s17, &o, NULL, &f), ZH_ECONFLICT);
	assert_int_equal(f.code, ZH_ECONFLICT);
	assert_non_null(strstr(f.msg, "уже есть школа"));
}

static void same_list(struct zh_store *s1, struct zh_store *s2, bool want_same)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_db *d1 = zh_store_acquire(s1), *d2 = zh_store_acquire(s2);
	struct zh_user_list_row *r1, *r2;
	size_t n1, n2;
	bool same;

	assert_int_equal(zh_store_user_list(d1, a, 0, &r1, &n1), ZH_OK);
	assert_int_equal(zh_store_user_list(d2, a, 0, &r2, &n2), ZH_OK);
	same = n1 == n2;
#define EQ(x, y) ((!(x) && !(y)) || ((x) && (y) && strcmp((x), (y)) == 0))
	for (size_t i = 0; same && i < n1; i++)
		same = EQ(r1[i].login, r2[i].login) && EQ(r1[i].full_name, r2[i].full_name) &&
		       EQ(r1[i].roles, r2[i].roles) && EQ(r1[i].class_name, r2[i].class_name) &&
		       EQ(r1[i].children, r2[i].children);
#undef EQ
	assert_int_equal(same, want_same);
	zh_store_release(d1);
	zh_store_release(d2);
	zh_arena_free(a);
}

static void test_deterministic(void **state)
{
	struct fixture *fx = *state;
	same_list(fx->s17, fx->s17b, true);
	same_list(fx->s17, fx->s18, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_contents),
		cmocka_unit_test(test_refuses_second_school),
		cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
