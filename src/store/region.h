/* region.h: bulk statements of the region-size dataset (zhurnal demo --region-size): a template
 * school made by the demo code is densified to a term of marks and then replicated inside SQL
 * (INSERT … SELECT with id offsets) on one raw connection without journal or fsync. */
#ifndef ZH_STORE_REGION_H
#define ZH_STORE_REGION_H

#include <stdint.h>

#include "core/err.h"

struct zh_region_bulk;

/* Opens the database file for bulk loading: journal_mode=OFF, synchronous=OFF, foreign keys
 * off, a large page cache, exclusive lock. Nothing else may have the file open. */
enum zh_err zh_region_bulk_open(const char *path, struct zh_region_bulk **out, struct zh_fail *f);
/* Back to WAL (when ok) and closes. */
enum zh_err zh_region_bulk_close(struct zh_region_bulk *b, int ok, struct zh_fail *f);

/* A surname pair of the name pool (index i, masculine and feminine forms): persons of the copies
 * get the pair i + k·7 of their template surname, so that families keep one surname. */
enum zh_err zh_region_surname(struct zh_region_bulk *b, int i, const char *masc, const char *fem);

struct zh_region_template {
	int64_t school_id;
	int64_t students, parents, teachers, users;
	int64_t lessons, marks, attendance;
	char term_start[11], term_end[11]; /* the term filled with marks: the year's first half */
};

/* Finds the template school (the only school) and counts it. */
enum zh_err zh_region_template(struct zh_region_bulk *b, struct zh_region_template *t, struct zh_fail *f);

/* Fills the template's term: an assignment for every planned lesson of grade ≥ 2 without one,
 * topics and homework where missing, absences after the last recorded day at the recorded rate,
 * and marks (from each student's ability in the subject) up to marks_per_student on average.
 * Adds the counts of new rows to *added_marks and *added_attendance. */
enum zh_err zh_region_densify(struct zh_region_bulk *b, const struct zh_region_template *t, unsigned seed,
			      int marks_per_student, int64_t *added_marks, int64_t *added_attendance,
			      struct zh_fail *f);

/* Prepares the copy statements (one INSERT … SELECT per school-scoped table, ids shifted by the
 * table's maximal id per copy). Call after densify. */
enum zh_err zh_region_prepare(struct zh_region_bulk *b, const struct zh_region_template *t, unsigned seed,
			      struct zh_fail *f);
/* Copy number k (1, 2, …) of the template as school «ГБОУ СОШ № 17+k»: logins get ".s<k+1>",
 * surnames rotate, some marks move by one. One transaction. */
enum zh_err zh_region_copy(struct zh_region_bulk *b, int k, struct zh_fail *f);

/* Builds the secondary indexes of the big tables that zh_region_prepare dropped. */
enum zh_err zh_region_indexes(struct zh_region_bulk *b, struct zh_fail *f);

struct zh_region_totals {
	int64_t schools, students, parents, teachers, users, classes, lessons, assignments, marks, attendance;
};
enum zh_err zh_region_count(struct zh_region_bulk *b, struct zh_region_totals *t, struct zh_fail *f);

#endif
