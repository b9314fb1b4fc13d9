/* marks.h: the teacher's writes to the journal — marks and attendance of a lesson, topic and
 * homework, assignments, homework files — their history, and unlocks of locked dates (M-09) */
#ifndef ZH_DOMAIN_MARKS_H
#define ZH_DOMAIN_MARKS_H

#include <jansson.h>

#include "domain/ctx.h"
#include "store/marks.h"
#include "store/unlocks.h"

/* PUT /lessons/{id}/marks: body {marks?:[…], attendance?:[…]} (the API contract, item 3).
 * Validates everything, then writes only changed cells in one transaction with a history row per
 * changed cell and one audit record. The lesson's marks and attendance after the save. */
struct zh_marks_result {
	int64_t lesson_id;
	int changed;
	struct zh_mark_row *marks;
	size_t nmarks;
	struct zh_att_row *att;
	size_t natt;
};
enum zh_err zh_marks_save(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_marks_result *out);

/* PUT /lessons/{id}/content {topic?, homework?, individual_homework?}. */
struct zh_content_result {
	const char *topic, *homework;
	struct zh_indiv_hw_row *indiv;
	size_t nindiv;
};
enum zh_err zh_lesson_content_save(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_content_result *out);

/* Assignments: body {work_type_id, weight?, description?, due_date?} (update: every key optional). */
enum zh_err zh_assignment_create(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_assignment_row *out);
enum zh_err zh_assignment_update(struct zh_ctx *c, int64_t id, json_t *body, struct zh_assignment_row *out);
enum zh_err zh_assignment_delete(struct zh_ctx *c, int64_t id);

/* Homework files (student_id 0 = the whole group). */
enum zh_err zh_hwfile_add(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *name,
			  const char *mime, const void *data, size_t len, struct zh_hwfile_row *out);
/* Whoever may see the lesson (journal.view scope) or a student of its group / their parent. */
enum zh_err zh_hwfile_get(struct zh_ctx *c, int64_t id, struct zh_hwfile_row *out);
enum zh_err zh_hwfile_delete(struct zh_ctx *c, int64_t id);

/* History, oldest first. A mark's: journal.view over its lesson or diary.view over its student. */
enum zh_err zh_mark_history(struct zh_ctx *c, int64_t mark_id, struct zh_jhist_row **rows, size_t *n);
/* A lesson's content (student_id 0) or one student's cells of it (journal.view, lesson scope). */
enum zh_err zh_lesson_history(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, struct zh_jhist_row **rows,
			      size_t *n);

/* Unlocks: the actor (a teacher) asks to open a locked date; the admin grants for 12 hours or
 * refuses. List: own requests, or all with journal.unlock. */
#define ZH_UNLOCK_SECONDS 43200
enum zh_err zh_unlock_request(struct zh_ctx *c, const char *date, int64_t lesson_id, const char *reason,
			      struct zh_unlock_row *out);
enum zh_err zh_unlocks_list(struct zh_ctx *c, const char *status, int64_t limit, int64_t offset,
			    struct zh_unlock_row **rows, size_t *n, int64_t *total);
enum zh_err zh_unlock_decide(struct zh_ctx *c, int64_t id, bool grant, const char *comment,
			     struct zh_unlock_row *out);

#endif
