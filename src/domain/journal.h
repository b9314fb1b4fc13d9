/* journal.h: reading the class journal (M-09, slice GRID): the journals the actor may open, the
 * grid of one class (or subgroup) × subject × period, and one lesson of it. No SQL here: the data
 * comes from store/journal.h in a fixed number of statements; averages from grading.h, the
 * per-lesson lock from journal_lock.h. */
#ifndef ZH_DOMAIN_JOURNAL_H
#define ZH_DOMAIN_JOURNAL_H

#include "domain/ctx.h"
#include "domain/journal_lock.h"
#include "store/journal.h"
#include "store/school.h"

/* GET /journals: period_id 0 = the current period of each class's kind; class_id 0 = any.
 * A teacher gets own teacher-load rows and every subject of the class they lead; journal.view.all
 * gets every row. */
struct zh_journal_item {
	struct zh_jr_item row;
	bool can_edit;
};
enum zh_err zh_journals_list(struct zh_ctx *c, int64_t period_id, int64_t class_id, struct zh_journal_item **rows,
			     size_t *n);

struct zh_journal_student {
	const struct zh_jr_student *s;
	bool has_average;
	double average;              /* two decimals */
	int suggested;
	const struct zh_jr_final *period_mark; /* NULL = none */
};
struct zh_journal_grid {
	struct zh_jr_class cls;
	int64_t subgroup_id;         /* 0 = whole class */
	const char *subgroup_name;
	int64_t subject_id;
	const char *subject_name;
	bool pass_fail;
	struct zh_jr_period period;
	char today[11];
	bool no_marks, can_edit;
	struct zh_school_settings settings;
	struct zh_dict_row *work_types;
	size_t nwork_types;
	struct zh_jr_data d;
	struct zh_lesson_lock *locks; /* per lesson of d */
	bool *editable;               /* per lesson of d */
	struct zh_jr_student *srows;
	struct zh_journal_student *students;
	size_t nstudents;
};
/* journal.view over {class, subject} (403 before anything is looked up); 404 for an unknown class,
 * subject, period or subgroup; 400 for a period of another year or a subgroup of another journal. */
enum zh_err zh_journal_grid(struct zh_ctx *c, int64_t class_id, int64_t subject_id, int64_t period_id,
			    int64_t subgroup_id, struct zh_journal_grid *out);
/* journal.view over {lesson}: the substitute opens that lesson only. */
enum zh_err zh_journal_lesson(struct zh_ctx *c, int64_t lesson_id, struct zh_journal_grid *out);

#endif
