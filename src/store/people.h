/* people.h: store API of people (M-04): school membership of persons, card groups, staff
 * positions, parent–child links, the Russian name search */
#ifndef ZH_STORE_PEOPLE_H
#define ZH_STORE_PEOPLE_H

#include "store/store.h"

/* ---- the list and search ---- */
enum zh_people_role { ZH_PEOPLE_ANY = 0, ZH_PEOPLE_STUDENT = 1, ZH_PEOPLE_PARENT = 2, ZH_PEOPLE_STAFF = 4 };

struct zh_people_filter {
	int64_t school_id;      /* required */
	int roles;              /* mask of enum zh_people_role; 0 = every kind the caller may see */
	const char *fold_like;  /* "%фрагмент%" of folded text (escaped with '\\'); NULL = all */
	int64_t class_id;       /* students of that class and their parents; 0 = any */
	int64_t scope_teacher;  /* students (and their parents) only in classes this person teaches or
				 * leads; 0 = no limit */
	int64_t limit, offset;
};

struct zh_people_row {
	int64_t id;
	const char *last_name, *first_name, *middle_name, *gender, *birth_date;
	int roles;              /* mask of enum zh_people_role */
	int64_t class_id;       /* students: current class, 0 = none */
	const char *class_name, *status;
};
enum zh_err zh_store_people_list(struct zh_db *db, struct zh_arena *a, const struct zh_people_filter *flt,
				 struct zh_people_row **rows, size_t *n, int64_t *total);

/* Which kinds a person is in a school (mask of enum zh_people_role; 0 = not of this school). */
enum zh_err zh_store_person_kinds(struct zh_db *db, int64_t school_id, int64_t person_id, int *mask);
enum zh_err zh_store_person_update(struct zh_db *db, const struct zh_person_row *p, const char *name_fold);

/* ---- school records ---- */
struct zh_student_rec {
	const char *status, *personal_file_no, *enrolled_on, *left_on;
	int64_t class_id, class_teacher_id;
	const char *class_name;
};
enum zh_err zh_store_student_rec(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
				 struct zh_student_rec *out);
enum zh_err zh_store_student_insert(struct zh_db *db, int64_t school_id, int64_t person_id,
				    const char *status, const char *enrolled_on);
enum zh_err zh_store_student_set_file_no(struct zh_db *db, int64_t school_id, int64_t person_id,
					 const char *file_no);
enum zh_err zh_store_class_of_school(struct zh_db *db, int64_t school_id, int64_t class_id, bool *yes);

struct zh_staff_rec {
	const char *personnel_no, *hired_on, *left_on;
};
enum zh_err zh_store_staff_rec(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			       struct zh_staff_rec *out);
/* Inserts the staff row when missing (INSERT OR IGNORE). */
enum zh_err zh_store_staff_ensure(struct zh_db *db, int64_t school_id, int64_t person_id);
enum zh_err zh_store_staff_set_employment(struct zh_db *db, int64_t school_id, int64_t person_id,
					  const char *personnel_no, const char *hired_on);

/* ---- card groups (JSON objects) ---- */
struct zh_card_row {
	const char *grp, *data;
	int64_t updated_at, updated_by;
};
enum zh_err zh_store_cards(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			   const char *kind, struct zh_card_row **rows, size_t *n);
/* *data = NULL when the group was never saved. */
enum zh_err zh_store_card_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			      const char *kind, const char *grp, const char **data);
enum zh_err zh_store_card_put(struct zh_db *db, int64_t school_id, int64_t person_id, const char *kind,
			      const char *grp, const char *data, int64_t now, int64_t by);

/* ---- staff positions ---- */
struct zh_staff_position_row {
	int64_t id, position_id;
	const char *position_name, *category, *attested_on, *next_attestation_on;
	double rate;
};
enum zh_err zh_store_staff_positions(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     int64_t person_id, struct zh_staff_position_row **rows, size_t *n);
enum zh_err zh_store_staff_positions_clear(struct zh_db *db, int64_t school_id, int64_t person_id);
enum zh_err zh_store_staff_position_add(struct zh_db *db, int64_t school_id, int64_t person_id,
					const struct zh_staff_position_row *p);
/* Name of a position of the school's dictionary; ZH_ENOTFOUND when absent. */
enum zh_err zh_store_position_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   int64_t position_id, const char **name);
struct zh_position_row {
	int64_t id;
	const char *name;
};
enum zh_err zh_store_positions_all(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				   struct zh_position_row **rows, size_t *n);
enum zh_err zh_store_position_by_name(struct zh_db *db, int64_t school_id, const char *name, int64_t *id);
/* Subjects the person teaches in the school (distinct short list "Алгебра, Геометрия"). */
enum zh_err zh_store_staff_subjects(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, const char **names);

/* ---- parent–child links ---- */
struct zh_link_row {
	int64_t id;  /* the other person */
	const char *last_name, *first_name, *middle_name, *relation, *class_name;
	int64_t class_id;
};
enum zh_err zh_store_parents_of(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t child_id,
				struct zh_link_row **rows, size_t *n);
enum zh_err zh_store_children_of(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
				 struct zh_link_row **rows, size_t *n);
/* *relation = NULL when not linked. */
enum zh_err zh_store_link_get(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t parent_id,
			      int64_t child_id, const char **relation);
enum zh_err zh_store_link_put(struct zh_db *db, int64_t school_id, int64_t parent_id, int64_t child_id,
			      const char *relation);
enum zh_err zh_store_link_delete(struct zh_db *db, int64_t school_id, int64_t parent_id, int64_t child_id);

/* ---- demo helpers ---- */
/* Staff persons of the school with their role mask bits (1 << role_id) from user_roles. */
struct zh_staff_role_row {
	int64_t person_id;
	unsigned roles;
	const char *gender, *birth_date;
};
enum zh_err zh_store_staff_by_roles(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    struct zh_staff_role_row **rows, size_t *n);

#endif
