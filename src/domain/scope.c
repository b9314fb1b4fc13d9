/* scope.c: resolves scoped operations of the access matrix against a concrete target */
#include "domain/scope.h"
#include "domain/school.h"
#include "store/lessons.h"

#include <string.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The class the target is about: its own, or the student's current class. */
static enum zh_err target_class(struct zh_ctx *c, const struct zh_target *t, int64_t *class_id)
{
	*class_id = t->class_id;
	if (!*class_id && t->student_id) {
		enum zh_err e = zh_store_student_class(zh_ctx_db(c), c->school_id, t->student_id, class_id);
		if (e == ZH_ENOTFOUND) {
			*class_id = 0;
			return ZH_OK;
		}
		return e;
	}
	return ZH_OK;
}

static enum zh_err deny(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
}

enum zh_err zh_scope_check(struct zh_ctx *c, const char *family, const struct zh_target *t)
{
	struct zh_db *db;
	int64_t class_id = 0;
	bool yes = false;
	enum zh_err e;
	int scopes = zh_acl_scopes(&c->ops, family);

	if (scopes & ZH_SCOPE_ALL)
		return ZH_OK;
	if (!scopes || !c->school_id)
		return deny(c);
	db = zh_ctx_db(c);
	if ((scopes & ZH_SCOPE_SELF) && c->person_id &&
	    ((t->person_id && t->person_id == c->person_id) || (t->student_id && t->student_id == c->person_id)))
		return ZH_OK;
	if ((scopes & (ZH_SCOPE_OWN_CHILD | ZH_SCOPE_SELF)) && t->student_id && c->roles[ZH_ROLE_PARENT]) {
		char today[11];
		if ((e = zh_school_today(c, today)) ||
		    (e = zh_store_is_parent_of(db, c->school_id, c->person_id, t->student_id, today, &yes)))
			return e;
		if (yes)
			return ZH_OK;
	}
	if (!(scopes & (ZH_SCOPE_OWN_CLASS | ZH_SCOPE_OWN_SUBJECT)))
		return deny(c);
	if (t->lesson_id) {
		/* a dated lesson: the substitute of that lesson (journal only), else its class and subject */
		struct zh_target lt = *t;
		bool sub = false;
		e = zh_store_ls_scope_facts(db, c->school_id, t->lesson_id, c->person_id, &lt.class_id, &lt.subject_id, &sub);
		if (e == ZH_ENOTFOUND)
			return deny(c);
		if (e)
			return e;
		if (sub && (scopes & ZH_SCOPE_OWN_SUBJECT) && strncmp(family, "journal.", 8) == 0)
			return ZH_OK;
		lt.lesson_id = 0;
		lt.student_id = 0;
		return zh_scope_check(c, family, &lt);
	}
	if ((e = target_class(c, t, &class_id)))
		return e;
	if (!class_id)
		return deny(c);
	if (scopes & ZH_SCOPE_OWN_SUBJECT) {
		if ((e = zh_store_teaches(db, c->school_id, c->person_id, class_id, t->subject_id, &yes)))
			return e;
		if (yes)
			return ZH_OK;
	}
	if ((scopes & ZH_SCOPE_OWN_CLASS) || ((scopes & ZH_SCOPE_OWN_SUBJECT) && ends_with(family, ".view"))) {
		if ((e = zh_store_is_class_teacher(db, c->school_id, c->person_id, class_id, &yes)))
			return e;
		if (yes)
			return ZH_OK;
	}
	return deny(c);
}
