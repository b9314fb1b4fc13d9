/* movement.h: the movement book (M-06: enrolment, transfer, withdrawal, applicants) and the year
 * rollover (M-05: council decisions, moving the school into the next year) */
#ifndef ZH_DOMAIN_MOVEMENT_H
#define ZH_DOMAIN_MOVEMENT_H

#include "domain/ctx.h"
#include "store/movement.h"

/* ---- movement book (movement.edit / movement.view) ---- */
struct zh_move_in {
	const char *kind;                  /* "enrol" | "transfer" | "withdraw" */
	int64_t student_id;                /* 0 with person for enrolling a new person */
	const struct zh_person_row *person;
	int64_t from_class_id, to_class_id;
	const char *date, *order_no, *order_date, *from_place, *to_place, *reason;
};
/* Validates, applies and records one movement in one transaction (audited). */
enum zh_err zh_movement_create(struct zh_ctx *c, const struct zh_move_in *in, int64_t *id);
enum zh_err zh_movement_get(struct zh_ctx *c, int64_t id, struct zh_movement_row *out);
/* from/to: "YYYY-MM-DD" or NULL; kind NULL = any; bad values fail naming the parameter. */
enum zh_err zh_movements_list(struct zh_ctx *c, struct zh_movement_filter *flt,
			      struct zh_movement_row **rows, size_t *n, int64_t *total);
/* The movements of one student of the school (404 for an unknown student). */
enum zh_err zh_student_movements(struct zh_ctx *c, int64_t student_id, int64_t limit, int64_t offset,
				 struct zh_movement_row **rows, size_t *n, int64_t *total);

/* An applicant: a new person, a student of the school with status "applicant" and no class. */
enum zh_err zh_applicant_create(struct zh_ctx *c, const struct zh_person_row *p, int64_t *id);
enum zh_err zh_applicants_list(struct zh_ctx *c, const char *q, int64_t limit, int64_t offset,
			       struct zh_applicant_row **rows, size_t *n, int64_t *total);
/* Checks a new person's fields (names required, birth date, gender) and folds the name. */
enum zh_err zh_movement_person_check(struct zh_ctx *c, const struct zh_person_row *p,
				     const char **name_fold);

/* ---- year rollover (year.rollover) ---- */
/* "переведён" for "promoted" …; NULL for an unknown decision. */
const char *zh_decision_title(const char *decision);
/* The default suggestion for a grade: "graduated" for 11, else "promoted". */
const char *zh_decision_suggest(int grade);

struct zh_decisions_view {
	struct zh_mv_year year;
	int64_t to_year_id;      /* 0 until the rollover is done */
	struct zh_decision_row *rows;
	size_t n;
};
enum zh_err zh_decisions_list(struct zh_ctx *c, int64_t year_id, int64_t class_id,
			      struct zh_decisions_view *out);

struct zh_decision_in {
	int64_t student_id;
	const char *decision;    /* NULL = remove the decision */
	const char *protocol_no, *protocol_date;
};
/* Stores many decisions at once (all or nothing); *changed = rows that differed. */
enum zh_err zh_decisions_put(struct zh_ctx *c, int64_t year_id, const struct zh_decision_in *in,
			     size_t n, size_t *changed);

struct zh_rollover_in {
	const char *name, *start_date, *end_date;
};
struct zh_rollover_out {
	int64_t to_year_id;
	bool year_created;
	int classes_created, promoted, repeated, graduated, withdrawn;
	int64_t curriculum_rows, load_rows;
	/* on ZH_ERULE "decisions_missing": the first students without a decision and their count */
	struct zh_decision_row *missing;
	size_t nmissing;
	int64_t missing_total;
};
/* Closes the year and opens the next in one transaction; ZH_ECONFLICT when already done. */
enum zh_err zh_rollover_run(struct zh_ctx *c, int64_t year_id, const struct zh_rollover_in *in,
			    struct zh_rollover_out *out);

#endif
