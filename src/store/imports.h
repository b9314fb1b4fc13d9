/* imports.h: store API of import and export of people and class lists (M-04) */
#ifndef ZH_STORE_IMPORTS_H
#define ZH_STORE_IMPORTS_H

#include "store/store.h"

/* ---- uploads kept between the dry run and the apply ---- */
struct zh_import_row {
	int64_t id, created_by, created_at;
	const char *kind, *filename, *report, *status;
	const char *content;
	size_t len;
};
enum zh_err zh_store_import_insert(struct zh_db *db, int64_t school_id, const char *kind,
				   const char *filename, const char *content, size_t len,
				   const char *report, int64_t by, int64_t now, int64_t *id);
/* ZH_ENOTFOUND when absent (or of another school). */
enum zh_err zh_store_import_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t id,
				struct zh_import_row *out);
enum zh_err zh_store_import_update(struct zh_db *db, int64_t school_id, int64_t id, const char *status,
				   const char *report);

/* ---- look-ups of the validation ---- */
/* The newest open academic year; *id = 0 when none. */
enum zh_err zh_store_imp_current_year(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				      const char *today, int64_t *id, const char **name);
/* Persons of the school of a kind ("student" | "parent" | "staff") with that folded full name and
 * birth date (NULL = any): how many, and the id of one. */
enum zh_err zh_store_imp_person_find(struct zh_db *db, int64_t school_id, const char *kind,
				     const char *fold, const char *birth_date, int64_t *count, int64_t *id);
/* Students of a class with that folded full name: how many and the id of one. */
enum zh_err zh_store_imp_student_in_class(struct zh_db *db, int64_t school_id, int64_t class_id,
					  const char *fold, int64_t *count, int64_t *id);
/* True when a parent with that folded name is already linked to the child. */
enum zh_err zh_store_imp_parent_linked(struct zh_db *db, int64_t school_id, int64_t child_id,
				       const char *fold, bool *yes);
/* The position of the dictionary whose name folds to fold; *id = 0 when none. */
enum zh_err zh_store_imp_position(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  const char *fold, int64_t *id);

/* ---- export lists (class_id 0 = every class of the year) ---- */
struct zh_exp_student {
	int64_t id, class_id;
	const char *last_name, *first_name, *middle_name, *gender, *birth_date, *class_name;
	const char *snils, *file_no, *health_group, *pe_group;
};
enum zh_err zh_store_exp_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t year_id, int64_t class_id, struct zh_exp_student **rows, size_t *n);
struct zh_exp_parent {
	const char *last_name, *first_name, *middle_name, *gender, *phone, *email, *relation;
	const char *child_last, *child_first, *child_middle, *child_birth, *child_class;
};
enum zh_err zh_store_exp_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				 int64_t year_id, int64_t class_id, struct zh_exp_parent **rows, size_t *n);
struct zh_exp_staff {
	const char *last_name, *first_name, *middle_name, *gender, *birth_date, *position;
	const char *personnel_no, *phone, *email;
};
enum zh_err zh_store_exp_staff(struct zh_db *db, struct zh_arena *a, int64_t school_id,
			       struct zh_exp_staff **rows, size_t *n);

#endif
