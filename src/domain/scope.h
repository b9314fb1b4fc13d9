/* scope.h: the one place where scoped operations (own class, own subject, own child, self)
 * are resolved against a concrete target */
#ifndef ZH_SCOPE_H
#define ZH_SCOPE_H

#include "domain/ctx.h"

/* What a request acts on; 0 = not given. */
struct zh_target {
	int64_t class_id;    /* a class of the actor's school */
	int64_t subject_id;  /* with class_id: one subject of that class */
	int64_t student_id;  /* a student (person id) */
	int64_t person_id;   /* any person (for self) */
	int64_t lesson_id;   /* a dated lesson: its class and subject; for journal families its
			      * substitute too (that lesson only) */
};

/* ZH_OK when the actor holds family (e.g. "journal.view") in a scope that covers the target;
 * ZH_EFORBIDDEN otherwise (the same answer whether or not the target exists). The scopes:
 *   all          — anything in the actor's school;
 *   own_class    — the actor is the class teacher of the target's class (or the student's class);
 *   own_subject  — the actor teaches that subject in that class (any subject when subject_id is 0);
 *                  for ".view" families the class teacher also sees every subject of own class;
 *   own_child    — the student is the actor's child;
 *   self         — the person or student is the actor; a parent's self covers own children. */
enum zh_err zh_scope_check(struct zh_ctx *c, const char *family, const struct zh_target *t);

#endif
