/* plans.h: thematic plans (КТП, M-08): topics, hours check, approval, import/export, copy, apply */
#ifndef ZH_DOMAIN_PLANS_H
#define ZH_DOMAIN_PLANS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "store/plans.h"

struct zh_plan_hours {
	double total, expected;
	int64_t lessons;      /* not-cancelled lessons of the plan in the year */
	const char *source;   /* "lessons" or "curriculum" */
};

struct zh_plan_apply_result {
	int64_t lessons, filled, kept, hours_left;
};

/* The lesson types a topic may have. */
extern const char *const zh_plan_lesson_types[];

/* Lists the plans the actor may see. */
enum zh_err zh_plans_list(struct zh_ctx *c, struct zh_plan_filter *flt, struct zh_plan_row **rows, size_t *n,
			  int64_t *total);
/* A plan with its topics and hours; can_edit/can_approve for the actor. */
enum zh_err zh_plan_get(struct zh_ctx *c, int64_t id, struct zh_plan_row *p, struct zh_plan_topic **topics,
			size_t *ntopics, struct zh_plan_hours *h, bool *can_edit, bool *can_approve);
enum zh_err zh_plan_hours_of(struct zh_db *db, const struct zh_plan_row *p, struct zh_plan_hours *h);
/* teacher_id 0 = the actor. */
enum zh_err zh_plan_create(struct zh_ctx *c, int64_t class_id, int64_t subgroup_id, int64_t subject_id,
			   int64_t teacher_id, int64_t *id);
/* Validates topics (field names "topics[i].title"...) and replaces the list. */
enum zh_err zh_plan_put_topics(struct zh_ctx *c, int64_t id, struct zh_plan_topic *topics, size_t n);
enum zh_err zh_plan_delete(struct zh_ctx *c, int64_t id);
/* action: "submit", "approve", "return". */
enum zh_err zh_plan_transition(struct zh_ctx *c, int64_t id, const char *action, const char *comment);
/* ZH_ERULE with *errors (array of {row, column, message}) when any row is bad; nothing applied. */
enum zh_err zh_plan_import(struct zh_ctx *c, int64_t id, const char *data, size_t len, json_t **errors,
			   size_t *imported);
enum zh_err zh_plan_export(struct zh_ctx *c, int64_t id, const char *format, char **data, size_t *len,
			   const char **filename, const char **ctype);
enum zh_err zh_plan_copy(struct zh_ctx *c, int64_t id, int64_t class_id, int64_t *new_id);
enum zh_err zh_plan_apply(struct zh_ctx *c, int64_t id, struct zh_plan_apply_result *res);
/* The apply algorithm itself, inside the caller's write transaction (the demo uses it too). */
enum zh_err zh_plan_apply_db(struct zh_db *db, struct zh_arena *a, const struct zh_plan_row *p,
			     struct zh_plan_apply_result *res);
/* Load rows (teacher_id 0 = the actor's own, or every teacher for plans.edit.all with all = true). */
enum zh_err zh_plan_loads(struct zh_ctx *c, bool all, struct zh_plan_load **rows, size_t *n);

#endif
