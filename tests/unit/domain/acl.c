/* acl.c: tests of the access matrix (src/domain/acl.c): catalogue, defaults, scopes, store */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/str.h"
#include "domain/acl.h"
#include "domain/roles.h"
#include "fixture.h"

/* shared/access-matrix.md, columns A S T H P St Se M Ps Hr (roles 1..10) */
static const struct {
	const char *op, *cells;
} matrix_md[] = {
	{ "school.card.view", "xxxxxxxxxx" },
	{ "school.card.edit", "x........." },
	{ "school.region_settings.edit", "x........." },
	{ "school.settings.edit", "x........." },
	{ "school.dictionaries.edit", "x.....x..." },
	{ "access.edit", "x........." },
	{ "staff.full.view", "x..x.....x" },
	{ "staff.manage", "x.....x..x" },
	{ "staff.brief.view", "xxxxxxxxxx" },
	{ "people.manage.all", "x.....x..." },
	{ "people.manage.own_class", "x.x......." },
	{ "people.medical.edit", "x......x.." },
	{ "people.psych.edit", "x.......x." },
	{ "people.brief.view.all", "x..x..xxx." },
	{ "people.brief.view.own_subject", "x.x......." },
	{ "credentials.issue.all", "x........." },
	{ "credentials.issue.own_class", "x.x......." },
	{ "users.delete", "x........." },
	{ "year.rollover", "x..x......" },
	{ "curriculum.edit", "x..x......" },
	{ "curriculum.view", "x.xx..x..." },
	{ "periods.edit", "x..x......" },
	{ "movement.edit", "x..x..x..." },
	{ "movement.view", "x..x..x..x" },
	{ "documents.view", "xxxxxxxxxx" },
	{ "documents.edit", "x..x..x.x." },
	{ "classes.view", "x.xx..xxx." },
	{ "classes.edit", "x..x......" },
	{ "subgroups.assign.all", "x..x......" },
	{ "subgroups.assign.own_subject", "x.x......." },
	{ "plans.view.all", "x..x......" },
	{ "plans.view.own_subject", "x.xx......" },
	{ "plans.edit.all", "x..x......" },
	{ "plans.edit.own_subject", "x.x......." },
	{ "timetable.view.all", "x.xx.xxxxx" },
	{ "timetable.view.self", "xxxxx....." },
	{ "timetable.edit", "x..x......" },
	{ "events.school.edit", "x..x......" },
	{ "events.class.edit.all", "x..x......" },
	{ "events.class.edit.own_class", "x.x......." },
	{ "journal.view.all", "x..x......" },
	{ "journal.view.own_subject", "x.x......." },
	{ "journal.edit.all", "x........." },
	{ "journal.edit.own_subject", "x.x......." },
	{ "journal.unlock", "x........." },
	{ "attendance.reason.own_class", "x.x......." },
	{ "finals.view.all", "x..x......" },
	{ "finals.view.own_subject", "x.x......." },
	{ "finals.edit.all", "x........." },
	{ "finals.edit.own_subject", "x.x......." },
	{ "diary.view.self", ".x..x....." },
	{ "courses.view.all", "x..x......" },
	{ "courses.edit.own_subject", "x.x......." },
	{ "courses.take.self", ".x..x....." },
	{ "resources.view", "xxxxxxxxxx" },
	{ "resources.edit", "x.xx......" },
	{ "reports.admin", "x..x..x..x" },
	{ "reports.class.all", "x..x......" },
	{ "reports.class.own_class", "x.x......." },
	{ "reports.self", ".x..x....." },
	{ "reports.constructor", "x..x......" },
	{ "remarks.edit", "x..x......" },
	{ "announcements.view", "xxxxxxxxxx" },
	{ "announcements.create", "x.xx..xxxx" },
	{ "mail.use", "xxxxxxxxxx" },
	{ "forum.use", "xxxxxxxxxx" },
	{ "forum.moderators.assign", "x........." },
	{ "archive.view", "x..x..x..." },
	{ "archive.manage", "x........." },
};

static bool default_has(const char *op, int role)
{
	int i = zh_acl_op_index(op);
	assert_true(i >= 0);
	assert_true(role >= 1 && role <= ZH_SCHOOL_ROLES);
	return zh_ops[i].defaults[role - 1] == 'x';
}

static struct zh_opset set_of(const char *const *ops)
{
	struct zh_opset s;
	memset(&s, 0, sizeof s);
	for (; *ops; ops++) {
		int i = zh_acl_op_index(*ops);
		if (i < 0)
			fail_msg("unknown operation %s in the test", *ops);
		zh_opset_add(&s, i);
	}
	return s;
}

/* ---- the catalogue ---- */

static bool well_formed(const char *id)
{
	/* lower-case words joined by single dots, at least two words */
	int dots = 0;
	if (!(*id >= 'a' && *id <= 'z'))
		return false;
	for (const char *p = id; *p; p++) {
		if (*p == '.') {
			if (p[1] == '\0' || p[1] == '.' || p[-1] == '_')
				return false;
			dots++;
		} else if (!((*p >= 'a' && *p <= 'z') || *p == '_')) {
			return false;
		}
	}
	return dots >= 1;
}

static void test_catalogue(void **state)
{
	(void)state;
	assert_true(zh_ops_count > 0);
	assert_true(zh_ops_count <= ZH_OPS_MAX);
	for (int i = 0; i < zh_ops_count; i++) {
		const struct zh_op_def *d = &zh_ops[i];
		if (!well_formed(d->id))
			fail_msg("operation id \"%s\" is not well formed", d->id);
		for (int j = 0; j < i; j++)
			if (strcmp(zh_ops[j].id, d->id) == 0)
				fail_msg("operation %s is listed twice", d->id);
		assert_int_equal(zh_acl_op_index(d->id), i);
		assert_non_null(d->title);
		assert_true(d->title[0] != '\0');
		assert_true(zh_utf8_valid(d->title, strlen(d->title)));
		if (strlen(d->defaults) != ZH_SCHOOL_ROLES)
			fail_msg("%s: defaults \"%s\" are not %d cells", d->id, d->defaults, ZH_SCHOOL_ROLES);
		for (int r = 0; r < ZH_SCHOOL_ROLES; r++)
			assert_true(d->defaults[r] == 'x' || d->defaults[r] == '.');
		/* an operation id never collides with a pseudo-operation */
		assert_string_not_equal(d->id, ZH_OP_PUBLIC);
		assert_string_not_equal(d->id, ZH_OP_AUTHENTICATED);
	}
	assert_int_equal(zh_acl_op_index("no.such.op"), -1);
	assert_int_equal(zh_acl_op_index(""), -1);
	assert_int_equal(zh_acl_op_index(NULL), -1);
	assert_int_equal(zh_acl_op_index(ZH_OP_PUBLIC), -1);
}

/* The catalogue's defaults are exactly the table of shared/access-matrix.md. */
static void test_defaults_match_matrix(void **state)
{
	(void)state;
	size_t n = sizeof matrix_md / sizeof matrix_md[0];
	for (size_t k = 0; k < n; k++) {
		int i = zh_acl_op_index(matrix_md[k].op);
		if (i < 0)
			fail_msg("operation %s of the matrix is missing from zh_ops", matrix_md[k].op);
		if (strcmp(zh_ops[i].defaults, matrix_md[k].cells) != 0)
			fail_msg("%s: defaults %s, the matrix says %s", matrix_md[k].op, zh_ops[i].defaults,
				 matrix_md[k].cells);
	}
	/* what the catalogue adds beyond the matrix is admin-only or region-only */
	for (int i = 0; i < zh_ops_count; i++) {
		bool in_md = false;
		for (size_t k = 0; k < n; k++)
			if (strcmp(matrix_md[k].op, zh_ops[i].id) == 0)
				in_md = true;
		if (!in_md && strcmp(zh_ops[i].defaults, "x.........") != 0 &&
		    strcmp(zh_ops[i].defaults, "..........") != 0)
			fail_msg("%s is not in the matrix but grants %s", zh_ops[i].id, zh_ops[i].defaults);
	}
}

static void test_known_cells(void **state)
{
	(void)state;
	assert_true(default_has("journal.edit.own_subject", ZH_ROLE_TEACHER));
	assert_true(default_has("journal.view.own_subject", ZH_ROLE_TEACHER));
	assert_false(default_has("journal.view.all", ZH_ROLE_TEACHER));
	assert_false(default_has("journal.edit.all", ZH_ROLE_TEACHER));
	assert_true(default_has("diary.view.self", ZH_ROLE_PARENT));
	assert_true(default_has("diary.view.self", ZH_ROLE_STUDENT));
	assert_false(default_has("diary.view.self", ZH_ROLE_ADMIN));
	assert_false(default_has("journal.view.all", ZH_ROLE_PARENT));
	assert_false(default_has("journal.view.own_subject", ZH_ROLE_PARENT));
	assert_true(default_has("journal.view.all", ZH_ROLE_HEAD));
	assert_true(default_has("people.medical.edit", ZH_ROLE_MEDIC));
	assert_true(default_has("people.psych.edit", ZH_ROLE_PSYCHOLOGIST));
	assert_true(default_has("school.dictionaries.edit", ZH_ROLE_SECRETARY));
	assert_true(default_has("staff.manage", ZH_ROLE_HR));
	assert_false(default_has("timetable.view.self", ZH_ROLE_STAFF));
	assert_true(default_has("timetable.view.all", ZH_ROLE_STAFF));
	assert_true(default_has("audit.view", ZH_ROLE_ADMIN));
	for (int r = 1; r <= ZH_SCHOOL_ROLES; r++) {
		assert_int_equal(default_has("access.edit", r), r == ZH_ROLE_ADMIN);
		assert_true(default_has("school.card.view", r));
		assert_false(default_has("region.schools.manage", r));
	}
}

/* ---- sets, families and scopes ---- */

static void test_opset_bounds(void **state)
{
	(void)state;
	struct zh_opset s;
	memset(&s, 0, sizeof s);
	zh_opset_add(&s, -1);
	zh_opset_add(&s, ZH_OPS_MAX);
	zh_opset_add(&s, 1 << 20);
	for (size_t w = 0; w < ZH_OPS_MAX / 64; w++)
		assert_true(s.bits[w] == 0);
	assert_false(zh_opset_has(&s, -1));
	assert_false(zh_opset_has(&s, ZH_OPS_MAX));
	zh_opset_add(&s, 0);
	zh_opset_add(&s, 63);
	zh_opset_add(&s, 64);
	zh_opset_add(&s, ZH_OPS_MAX - 1);
	assert_true(zh_opset_has(&s, 0));
	assert_true(zh_opset_has(&s, 63));
	assert_true(zh_opset_has(&s, 64));
	assert_true(zh_opset_has(&s, ZH_OPS_MAX - 1));
	assert_false(zh_opset_has(&s, 1));
	assert_false(zh_opset_has(&s, 65));
}

static void test_allows_exact_and_family(void **state)
{
	(void)state;
	static const char *const ops[] = { "journal.view.own_subject", "access.edit", "diary.view.self", NULL };
	struct zh_opset s = set_of(ops);

	assert_true(zh_acl_allows(&s, "journal.view.own_subject"));
	assert_true(zh_acl_allows(&s, "access.edit"));
	assert_false(zh_acl_allows(&s, "journal.view.all"));
	assert_false(zh_acl_allows(&s, "journal.edit.own_subject"));
	/* a family is allowed when any scoped member is */
	assert_true(zh_acl_allows(&s, "journal.view"));
	assert_true(zh_acl_allows(&s, "diary.view"));
	assert_false(zh_acl_allows(&s, "journal.edit"));
	assert_false(zh_acl_allows(&s, "finals.view"));
	/* not families: a prefix of a word, or a shorter prefix */
	assert_false(zh_acl_allows(&s, "journal"));
	assert_false(zh_acl_allows(&s, "journal.vie"));
	assert_false(zh_acl_allows(&s, "journal.view."));
	assert_false(zh_acl_allows(&s, "access"));
	assert_false(zh_acl_allows(&s, ""));
	assert_false(zh_acl_allows(&s, "no.such.op"));
	assert_false(zh_acl_allows(&s, ZH_OP_PUBLIC));

	struct zh_opset empty;
	memset(&empty, 0, sizeof empty);
	for (int i = 0; i < zh_ops_count; i++)
		assert_false(zh_acl_allows(&empty, zh_ops[i].id));
	assert_false(zh_acl_allows(&empty, "journal.view"));
}

static void test_scopes(void **state)
{
	(void)state;
	static const char *const teacher[] = { "journal.view.own_subject", "people.manage.own_class",
					       "timetable.view.all", "timetable.view.self", NULL };
	struct zh_opset s = set_of(teacher);
	assert_int_equal(zh_acl_scopes(&s, "journal.view"), ZH_SCOPE_OWN_SUBJECT);
	assert_int_equal(zh_acl_scopes(&s, "people.manage"), ZH_SCOPE_OWN_CLASS);
	assert_int_equal(zh_acl_scopes(&s, "timetable.view"), ZH_SCOPE_ALL | ZH_SCOPE_SELF);
	assert_int_equal(zh_acl_scopes(&s, "journal.edit"), ZH_SCOPE_NONE);
	assert_int_equal(zh_acl_scopes(&s, "journal"), ZH_SCOPE_NONE);
	assert_int_equal(zh_acl_scopes(&s, "nothing"), ZH_SCOPE_NONE);

	static const char *const head[] = { "journal.view.all", "journal.view.own_subject", "access.edit", NULL };
	s = set_of(head);
	assert_int_equal(zh_acl_scopes(&s, "journal.view"), ZH_SCOPE_ALL | ZH_SCOPE_OWN_SUBJECT);
	/* an unscoped operation asked as a family grants school-wide */
	assert_int_equal(zh_acl_scopes(&s, "access.edit"), ZH_SCOPE_ALL);
	assert_int_equal(zh_acl_scopes(&s, "audit.view"), ZH_SCOPE_NONE);

	static const char *const parent[] = { "diary.view.self", "reports.self", NULL };
	s = set_of(parent);
	assert_int_equal(zh_acl_scopes(&s, "diary.view"), ZH_SCOPE_SELF);
	assert_int_equal(zh_acl_scopes(&s, "reports"), ZH_SCOPE_SELF);
	assert_int_equal(zh_acl_scopes(&s, "journal.view"), ZH_SCOPE_NONE);
}

static void test_op_known(void **state)
{
	(void)state;
	assert_true(zh_acl_op_known(ZH_OP_PUBLIC));
	assert_true(zh_acl_op_known(ZH_OP_AUTHENTICATED));
	assert_true(zh_acl_op_known("public"));
	assert_true(zh_acl_op_known("authenticated"));
	for (int i = 0; i < zh_ops_count; i++)
		assert_true(zh_acl_op_known(zh_ops[i].id));
	/* families of scoped operations */
	assert_true(zh_acl_op_known("journal.view"));
	assert_true(zh_acl_op_known("journal.edit"));
	assert_true(zh_acl_op_known("diary.view"));
	assert_true(zh_acl_op_known("people.brief.view"));
	assert_true(zh_acl_op_known("events.class.edit"));
	/* not operations */
	assert_false(zh_acl_op_known(""));
	assert_false(zh_acl_op_known("journal"));
	assert_false(zh_acl_op_known("journal.vie"));
	assert_false(zh_acl_op_known("journal.view."));
	assert_false(zh_acl_op_known("journal.view.mine"));
	assert_false(zh_acl_op_known("school.card")); /* ".view" is not a scope */
	assert_false(zh_acl_op_known("no.such.op"));
	assert_false(zh_acl_op_known("Public"));
	assert_false(zh_acl_op_known("public.x"));
	assert_false(zh_acl_op_known("JOURNAL.VIEW.ALL"));
}

/* ---- with a store ---- */

struct fix {
	struct tmpstore ts;
	struct zh_db *db;
	int64_t region, school, school2;
};

static int store_setup(void **state)
{
	struct fix *x = calloc(1, sizeof *x);
	if (!x || tmpstore_open(&x->ts, 1) != 0)
		return -1;
	x->db = zh_store_acquire(x->ts.store);
	if (zh_store_region_insert(x->db, "Самарская область", &x->region) ||
	    zh_store_school_insert(x->db, x->region, "Школа № 1", "Школа 1", NULL, &x->school) ||
	    zh_store_school_insert(x->db, x->region, "Школа № 2", "Школа 2", NULL, &x->school2))
		return -1;
	if (zh_db_begin(x->db, true) || zh_acl_seed_school(x->db, x->school) ||
	    zh_acl_seed_school(x->db, x->school2) || zh_db_commit(x->db))
		return -1;
	*state = x;
	return 0;
}

static int store_teardown(void **state)
{
	struct fix *x = *state;
	zh_acl_invalidate(x->school);
	zh_acl_invalidate(x->school2);
	zh_store_release(x->db);
	tmpstore_close(&x->ts);
	free(x);
	return 0;
}

static struct zh_opset ops_for(struct fix *x, int64_t school, const int *role_list)
{
	int roles[ZH_ROLE_MAX + 1] = { 0 };
	struct zh_opset s;
	for (; *role_list; role_list++)
		roles[*role_list] = 1;
	memset(&s, 0xAB, sizeof s); /* must be fully overwritten */
	assert_int_equal(zh_acl_ops_for(x->db, school, roles, &s), ZH_OK);
	return s;
}

static void test_seed_count(void **state)
{
	struct fix *x = *state;
	int64_t want = 0, n = -1;
	for (int i = 0; i < zh_ops_count; i++)
		for (int r = 0; r < ZH_SCHOOL_ROLES; r++)
			want += zh_ops[i].defaults[r] == 'x';
	assert_int_equal(zh_store_acl_count(x->db, x->school, &n), ZH_OK);
	assert_int_equal(n, want);
	assert_int_equal(zh_store_acl_count(x->db, x->school2, &n), ZH_OK);
	assert_int_equal(n, want);
	assert_int_equal(zh_store_acl_count(x->db, 999, &n), ZH_OK);
	assert_int_equal(n, 0);
}

static void test_each_role_gets_defaults(void **state)
{
	struct fix *x = *state;
	for (int r = 1; r <= ZH_SCHOOL_ROLES; r++) {
		int list[] = { r, 0 };
		struct zh_opset s = ops_for(x, x->school, list);
		for (int i = 0; i < zh_ops_count; i++)
			if (zh_opset_has(&s, i) != (zh_ops[i].defaults[r - 1] == 'x'))
				fail_msg("role %s, %s: granted %d", zh_role_code(r), zh_ops[i].id, zh_opset_has(&s, i));
		for (int i = zh_ops_count; i < ZH_OPS_MAX; i++)
			assert_false(zh_opset_has(&s, i));
	}
}

static void test_union_of_roles(void **state)
{
	struct fix *x = *state;
	int both[] = { ZH_ROLE_TEACHER, ZH_ROLE_PARENT, 0 };
	struct zh_opset s = ops_for(x, x->school, both);
	assert_true(zh_acl_allows(&s, "journal.edit.own_subject")); /* as a teacher */
	assert_true(zh_acl_allows(&s, "diary.view.self"));          /* as a parent */
	assert_true(zh_acl_allows(&s, "courses.take.self"));
	assert_false(zh_acl_allows(&s, "journal.view.all"));
	assert_false(zh_acl_allows(&s, "access.edit"));
	assert_int_equal(zh_acl_scopes(&s, "journal.view"), ZH_SCOPE_OWN_SUBJECT);

	int teacher[] = { ZH_ROLE_TEACHER, 0 };
	s = ops_for(x, x->school, teacher);
	assert_false(zh_acl_allows(&s, "diary.view.self"));
	int parent[] = { ZH_ROLE_PARENT, 0 };
	s = ops_for(x, x->school, parent);
	assert_false(zh_acl_allows(&s, "journal.edit.own_subject"));
	assert_true(zh_acl_allows(&s, "diary.view.self"));

	int none[] = { 0 };
	s = ops_for(x, x->school, none);
	for (int i = 0; i < ZH_OPS_MAX; i++)
		assert_false(zh_opset_has(&s, i));
	/* region roles are not in the school matrix */
	int region[] = { ZH_ROLE_REGION_ADMIN, ZH_ROLE_REGION_HEAD, 0 };
	s = ops_for(x, x->school, region);
	for (int i = 0; i < ZH_OPS_MAX; i++)
		assert_false(zh_opset_has(&s, i));
}

static void test_admin_keeps_access_edit(void **state)
{
	struct fix *x = *state;
	int admin[] = { ZH_ROLE_ADMIN, 0 };
	int64_t before, after;
	assert_int_equal(zh_store_acl_count(x->db, x->school, &before), ZH_OK);
	assert_int_equal(zh_store_acl_set(x->db, x->school, ZH_ROLE_ADMIN, "access.edit", false), ZH_OK);
	assert_int_equal(zh_store_acl_set(x->db, x->school, ZH_ROLE_ADMIN, "audit.view", false), ZH_OK);
	assert_int_equal(zh_store_acl_count(x->db, x->school, &after), ZH_OK);
	assert_int_equal(after, before - 2); /* the rows are really gone */
	zh_acl_invalidate(x->school);

	struct zh_opset s = ops_for(x, x->school, admin);
	assert_true(zh_acl_allows(&s, "access.edit"));
	assert_false(zh_acl_allows(&s, "audit.view")); /* an ordinary cell does go away */
	assert_true(zh_acl_allows(&s, "journal.edit.all"));
	/* with other roles besides admin as well */
	int admin_teacher[] = { ZH_ROLE_TEACHER, ZH_ROLE_ADMIN, 0 };
	s = ops_for(x, x->school, admin_teacher);
	assert_true(zh_acl_allows(&s, "access.edit"));
	/* but not for anyone else */
	int head[] = { ZH_ROLE_HEAD, 0 };
	s = ops_for(x, x->school, head);
	assert_false(zh_acl_allows(&s, "access.edit"));
}

static void test_cache_until_invalidated(void **state)
{
	struct fix *x = *state;
	int teacher[] = { ZH_ROLE_TEACHER, 0 };
	struct zh_opset s = ops_for(x, x->school, teacher); /* loads the cache */
	assert_true(zh_acl_allows(&s, "journal.edit.own_subject"));

	assert_int_equal(zh_store_acl_set(x->db, x->school, ZH_ROLE_TEACHER, "journal.edit.own_subject", false), ZH_OK);
	assert_int_equal(zh_store_acl_set(x->db, x->school, ZH_ROLE_TEACHER, "journal.view.all", true), ZH_OK);
	s = ops_for(x, x->school, teacher);
	assert_true(zh_acl_allows(&s, "journal.edit.own_subject")); /* cached */
	assert_false(zh_acl_allows(&s, "journal.view.all"));

	zh_acl_invalidate(x->school);
	s = ops_for(x, x->school, teacher);
	assert_false(zh_acl_allows(&s, "journal.edit.own_subject"));
	assert_true(zh_acl_allows(&s, "journal.view.all"));
	assert_int_equal(zh_acl_scopes(&s, "journal.view"), ZH_SCOPE_ALL | ZH_SCOPE_OWN_SUBJECT);

	/* the other school is unaffected */
	struct zh_opset o = ops_for(x, x->school2, teacher);
	assert_true(zh_acl_allows(&o, "journal.edit.own_subject"));
	assert_false(zh_acl_allows(&o, "journal.view.all"));
	/* and invalidating a school that was never cached is harmless */
	zh_acl_invalidate(424242);
}

static void test_unknown_rows_ignored(void **state)
{
	struct fix *x = *state;
	/* a row naming an operation this build does not know (e.g. written by a newer version) */
	assert_int_equal(zh_store_acl_set(x->db, x->school, ZH_ROLE_PARENT, "future.op.all", true), ZH_OK);
	zh_acl_invalidate(x->school);
	int parent[] = { ZH_ROLE_PARENT, 0 };
	struct zh_opset s = ops_for(x, x->school, parent);
	assert_true(zh_acl_allows(&s, "diary.view.self"));
	for (int i = 0; i < ZH_OPS_MAX; i++)
		if (zh_opset_has(&s, i))
			assert_true(i < zh_ops_count && zh_ops[i].defaults[ZH_ROLE_PARENT - 1] == 'x');
}

static void test_unseeded_school(void **state)
{
	struct fix *x = *state;
	int64_t bare;
	assert_int_equal(zh_store_school_insert(x->db, x->region, "Без матрицы", "Б", NULL, &bare), ZH_OK);
	zh_acl_invalidate(bare);
	int admin[] = { ZH_ROLE_ADMIN, ZH_ROLE_TEACHER, 0 };
	struct zh_opset s = ops_for(x, bare, admin);
	/* nothing granted, except that the admin can always fix the matrix */
	assert_true(zh_acl_allows(&s, "access.edit"));
	assert_false(zh_acl_allows(&s, "school.card.view"));
	zh_acl_invalidate(bare);
}

int main(void)
{
#define S(f) cmocka_unit_test_setup_teardown(f, store_setup, store_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_defaults_match_matrix),
		cmocka_unit_test(test_known_cells),
		cmocka_unit_test(test_opset_bounds),
		cmocka_unit_test(test_allows_exact_and_family),
		cmocka_unit_test(test_scopes),
		cmocka_unit_test(test_op_known),
		S(test_seed_count),
		S(test_each_role_gets_defaults),
		S(test_union_of_roles),
		S(test_admin_keeps_access_edit),
		S(test_cache_until_invalidated),
		S(test_unknown_rows_ignored),
		S(test_unseeded_school),
	};
	return cmocka_run_group_tests_name("domain/acl", tests, NULL, NULL);
}
