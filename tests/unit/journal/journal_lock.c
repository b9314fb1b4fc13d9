/* journal_lock.c: the date lock rule — lock days, the first locked day, unlocks, closed years */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/journal_lock.h"

static struct zh_journal_lockctx ctx(const char *today, int days)
{
	struct zh_journal_lockctx l;
	memset(&l, 0, sizeof l);
	strcpy(l.today, today);
	l.lock_days = days;
	return l;
}

static void test_days(void **state)
{
	(void)state;
	struct zh_lesson_lock k;
	/* lesson 10.11, 7 days: editable through 17.11, locked from 18.11 */
	struct zh_journal_lockctx l = ctx("2026-11-17", 7);
	zh_journal_lock_of(NULL, &l, "2026-11-10", false, &k);
	assert_false(k.locked);
	assert_string_equal(k.locks_on, "2026-11-18");
	l = ctx("2026-11-18", 7);
	zh_journal_lock_of(NULL, &l, "2026-11-10", false, &k);
	assert_true(k.locked);
	assert_string_equal(k.code, "journal_locked");
	assert_non_null(k.reason);
	/* across a month and a year end */
	l = ctx("2027-01-03", 7);
	zh_journal_lock_of(NULL, &l, "2026-12-27", false, &k);
	assert_false(k.locked);
	l = ctx("2027-01-04", 7);
	zh_journal_lock_of(NULL, &l, "2026-12-27", false, &k);
	assert_true(k.locked);
	/* 0 days: only the lesson's own day */
	l = ctx("2026-11-11", 0);
	zh_journal_lock_of(NULL, &l, "2026-11-10", false, &k);
	assert_true(k.locked);
	zh_journal_lock_of(NULL, &l, "2026-11-11", false, &k);
	assert_false(k.locked);
	/* future lessons are never locked by date */
	zh_journal_lock_of(NULL, &l, "2026-12-01", false, &k);
	assert_false(k.locked);
}

static void test_unlock_and_admin(void **state)
{
	(void)state;
	struct zh_lesson_lock k;
	struct zh_unlock_open open[] = { { 42, "2026-10-05", 1 } };
	struct zh_journal_lockctx l = ctx("2026-11-20", 7);
	l.open = open;
	l.nopen = 1;
	zh_journal_lock_of(NULL, &l, "2026-10-05", false, &k);
	assert_false(k.locked);
	assert_int_equal(k.unlock_id, 42);
	zh_journal_lock_of(NULL, &l, "2026-10-06", false, &k); /* another date stays locked */
	assert_true(k.locked);
	assert_int_equal(k.unlock_id, 0);
	l.edit_all = true;
	zh_journal_lock_of(NULL, &l, "2026-09-01", false, &k);
	assert_false(k.locked);
	/* a closed year binds even the admin and an unlock */
	zh_journal_lock_of(NULL, &l, "2026-10-05", true, &k);
	assert_true(k.locked);
	assert_string_equal(k.code, "year_closed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_unlock_and_admin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
