/* finals.h: period (четверть / полугодие), year, exam and final marks with suggestions, their
 * history and the deputy's list of overdue period marks (M-09, slice FINALS). The results are
 * JSON objects of the API contract (item 7), owned by the context's arena. */
#ifndef ZH_DOMAIN_FINALS_H
#define ZH_DOMAIN_FINALS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "store/finals.h"

/* The finals sheet of a class (or subgroup) in one subject: periods of the class's kind with
 * averages and suggestions, year/exam/final marks. Scope finals.view {class, subject}. */
enum zh_err zh_finals_get(struct zh_ctx *c, int64_t class_id, int64_t subject_id, int64_t subgroup_id,
			  json_t **out);
/* Applies {class_id, subject_id, marks:[…]} atomically: everything is validated first; every change
 * gets a journal_history row (entity 'final') and the request one audit record "finals.save".
 * *out = {changed, marks:[…the class's final marks in that subject]}. */
enum zh_err zh_finals_save(struct zh_ctx *c, json_t *body, json_t **out);
/* The history of one final mark (also after it was removed), oldest first; ZH_ENOTFOUND when the id
 * never existed. Scope finals.view over the mark's student and subject. */
enum zh_err zh_finals_history(struct zh_ctx *c, int64_t id, struct zh_fin_hist **rows, size_t *n);
/* Journals of a period with missing period marks: {period:{…, due_date}, today, items:[…]}. */
enum zh_err zh_finals_overdue(struct zh_ctx *c, int64_t period_id, json_t **out);

/* Shared with absences.c: a JSON text of v (NULL for NULL) in the arena; decrefs v. */
const char *zh_fin_json_text(struct zh_ctx *c, json_t *v);

#endif
