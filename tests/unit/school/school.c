/* school.c: tests of src/domain/school.c and src/core/dates.c: check digits, time zones,
 * "today" in the school's zone at a fixed instant, the default dictionaries */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/dates.h"
#include "domain/audit.h"
#include "domain/ctx.h"
#include "domain/school.h"
#include "../domain/fixture.h"

/* 2026-09-01T21:30:00Z: 2026-09-01 23:30 in Kaliningrad (UTC+2), 2026-09-02 00:30 in Moscow (UTC+3),
 * 01:30 in Samara (UTC+4) */
#define INSTANT "1788298200"

struct fix {
	struct tmpstore ts;
	int64_t region, samara, kaliningrad;
};

static int setup(void **state)
{
	struct fix *x = calloc(1, sizeof *x);
	if (!x || tmpstore_open(&x->ts, 1) != 0)
		return -1;
	struct zh_db *db = zh_store_acquire(x->ts.store);
	if (zh_store_region_insert(db, "Регион", &x->region) ||
	    zh_store_school_insert(db, x->region, "Школа № 1", "Школа № 1", "Europe/Samara", &x->samara) ||
	    zh_store_school_insert(db, x->region, "Школа № 2", "Школа № 2", "Europe/Kaliningrad", &x->kaliningrad) ||
	    zh_db_begin(db, true) || zh_school_seed(db, x->samara) || zh_school_seed(db, x->samara) ||
	    zh_db_commit(db))
		return -1;
	zh_store_release(db);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fix *x = *state;
	tmpstore_close(&x->ts);
	free(x);
	return 0;
}

static void ctx_init(struct fix *x, struct zh_ctx *c, int64_t school)
{
	memset(c, 0, sizeof *c);
	c->arena = zh_arena_new();
	assert_non_null(c->arena);
	c->store = x->ts.store;
	c->now = zh_now();
	c->school_id = school;
	c->request_id = "req-1";
	c->client_ip = "192.0.2.1";
}

static void ctx_free(struct zh_ctx *c)
{
	zh_ctx_done(c);
	zh_arena_free(c->arena);
}

static void check_digits(void **state)
{
	(void)state;
	assert_true(zh_inn10_valid("6316017234"));
	assert_true(zh_inn10_valid("7707083893")); /* Сбербанк */
	assert_false(zh_inn10_valid("6316017235"));
	assert_false(zh_inn10_valid("631601723"));
	assert_false(zh_inn10_valid("63160172x4"));
	assert_true(zh_ogrn_valid("1027700132195")); /* Сбербанк */
	assert_true(zh_ogrn_valid("1026301234563"));
	assert_false(zh_ogrn_valid("1026301234564"));
	assert_false(zh_ogrn_valid("102630123456"));
}

static void time_zones(void **state)
{
	(void)state;
	char d[11];
	assert_true(zh_tz_valid("Europe/Samara"));
	assert_true(zh_tz_valid("Europe/Moscow"));
	assert_true(zh_tz_valid("Asia/Yekaterinburg"));
	assert_true(zh_tz_valid("Asia/Vladivostok"));
	assert_false(zh_tz_valid("Europe/Atlantis"));
	assert_false(zh_tz_valid("Самара"));
	assert_false(zh_tz_valid(""));
	assert_false(zh_tz_valid(NULL));
	assert_true(zh_tz_date("Europe/Moscow", 1788298200, d));
	assert_string_equal(d, "2026-09-02");
	assert_true(zh_tz_date("Europe/Kaliningrad", 1788298200, d));
	assert_string_equal(d, "2026-09-01");
	assert_true(zh_tz_date("Asia/Vladivostok", 1788298200, d));
	assert_string_equal(d, "2026-09-02");
	assert_false(zh_tz_date("Nowhere/City", 1788298200, d));
}

/* the same instant is a different day in two schools */
static void today_in_school_zone(void **state)
{
	struct fix *x = *state;
	struct zh_ctx c;
	char d[11];

	setenv("ZHURNAL_FAKE_NOW", INSTANT, 1);
	ctx_init(x, &c, x->samara);
	assert_int_equal(zh_school_today(&c, d), ZH_OK);
	assert_string_equal(d, "2026-09-02");
	ctx_free(&c);

	ctx_init(x, &c, x->kaliningrad);
	assert_int_equal(zh_school_today(&c, d), ZH_OK);
	assert_string_equal(d, "2026-09-01");
	/* moving the school to Moscow moves its "today" */
	assert_int_equal(zh_school_timezone_set(&c, "Europe/Moscow"), ZH_OK);
	assert_int_equal(zh_school_today(&c, d), ZH_OK);
	assert_string_equal(d, "2026-09-02");
	assert_int_equal(zh_school_timezone_set(&c, "Mars/Olympus"), ZH_ERULE);
	assert_string_equal(c.fail.field, "timezone");
	ctx_free(&c);
	unsetenv("ZHURNAL_FAKE_NOW");
}

static void defaults_seeded_once(void **state)
{
	struct fix *x = *state;
	struct zh_ctx c;
	struct zh_dict_row *rows;
	size_t n;
	struct zh_school_settings s;

	ctx_init(x, &c, x->samara);
	assert_int_equal(zh_dict_list(&c, ZH_DICT_ATTENDANCE_CODES, false, &rows, &n), ZH_OK);
	assert_int_equal(n, 5); /* seeded twice, stored once */
	assert_string_equal(rows[0].code, "Н");
	assert_string_equal(rows[0].kind, "absent");
	assert_int_equal(zh_dict_list(&c, ZH_DICT_MARK_CODES, false, &rows, &n), ZH_OK);
	assert_int_equal(n, 4);
	assert_int_equal(zh_dict_list(&c, ZH_DICT_WORK_TYPES, false, &rows, &n), ZH_OK);
	assert_true(n >= 12);
	assert_int_equal(zh_school_settings_get(&c, &s), ZH_OK);
	assert_int_equal(s.mark_min, 2);
	assert_int_equal(s.mark_max, 5);
	assert_int_equal(s.lock_days, 7);
	ctx_free(&c);

	/* a school without a settings row reads the defaults */
	ctx_init(x, &c, x->kaliningrad);
	assert_int_equal(zh_school_settings_get(&c, &s), ZH_OK);
	assert_int_equal(s.mark_max, 5);
	assert_string_equal(s.averaging, "weighted");
	ctx_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_digits),
		cmocka_unit_test(time_zones),
		cmocka_unit_test(today_in_school_zone),
		cmocka_unit_test(defaults_seeded_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
