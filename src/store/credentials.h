/* credentials.h: storage for issuing logins (M-01): who in a class or among the staff has an
 * account, and the account writes the issuance needs (school-scoped reads) */
#ifndef ZH_STORE_CREDENTIALS_H
#define ZH_STORE_CREDENTIALS_H

#include "store/store.h"

/* A class the credentials are issued for. */
struct zh_cred_class_row {
	int64_t id, year_id, class_teacher_id;
	int grade;
	const char *name, *class_teacher_name;  /* "" when none */
	int64_t students, students_without_login, parents, parents_without_login;
};
/* ZH_ENOTFOUND when the class is not of that school. */
enum zh_err zh_store_cred_class(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				int64_t class_id, struct zh_cred_class_row *out);
/* Classes of the school's open years (teacher_id 0 = all; else only where that person is the
 * class teacher), with the counts of people without a login; by grade, then letter. */
enum zh_err zh_store_cred_classes(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				  int64_t teacher_id, struct zh_cred_class_row **rows, size_t *n);

/* A person who may get a login, with the account when there is one. */
struct zh_cred_person_row {
	int64_t person_id, user_id;          /* user_id 0 = no account */
	const char *last_name, *first_name, *middle_name;
	const char *kind;                    /* "student", "parent", "staff" */
	const char *login;                   /* NULL when no account */
	bool must_change;                    /* the temporary password was not changed yet */
	bool has_role;                       /* the account has the kind's role in the school */
	const char *children;                /* parents: "Иванов Пётр, Иванова Анна" of this class */
	const char *roles;                   /* staff: "1,3" the school roles of the account */
};
/* The class's current students (not withdrawn or graduated), in Russian name order. */
enum zh_err zh_store_cred_class_students(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t class_id, struct zh_cred_person_row **rows, size_t *n);
/* The parents (parent_links of the school) of those students, in Russian name order. */
enum zh_err zh_store_cred_class_parents(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					int64_t class_id, struct zh_cred_person_row **rows, size_t *n);
/* Staff of the school: a staff record or a school role other than student and parent. */
enum zh_err zh_store_cred_staff(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				struct zh_cred_person_row **rows, size_t *n);
/* One person of the school's staff; ZH_ENOTFOUND when the person is not staff of the school. */
enum zh_err zh_store_cred_staff_one(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				    int64_t person_id, struct zh_cred_person_row *out);

/* The account of a person, if any: *user_id 0 when none. */
enum zh_err zh_store_cred_user_of(struct zh_db *db, int64_t person_id, int64_t *user_id,
				  bool *must_change);

#endif
