/* people.h: people of a school (M-04): the card field catalogue, field-group visibility,
 * Russian name search, cards of students, parents and staff, parent–child links */
#ifndef ZH_DOMAIN_PEOPLE_H
#define ZH_DOMAIN_PEOPLE_H

#include <jansson.h>

#include "domain/ctx.h"
#include "store/people.h"

/* ---- the field catalogue ---- */
enum zh_ftype {
	ZH_FT_TEXT, ZH_FT_DATE, ZH_FT_ENUM, ZH_FT_BOOL, ZH_FT_PHONE, ZH_FT_EMAIL, ZH_FT_NUMBER,
	ZH_FT_SNILS, ZH_FT_INN, ZH_FT_ROWS
};

struct zh_field {
	const char *name, *label;
	enum zh_ftype type;
	int max;                      /* text: characters; rows: rows */
	const char *const *values;    /* enum: NULL-terminated */
	double min, maxv;             /* number bounds */
	const struct zh_field *sub;   /* rows: the columns (terminated by a NULL name) */
};

/* Who reads and writes a group. */
enum zh_gaccess {
	ZH_GA_CARD,      /* students/parents: people.manage (scoped); staff: staff.full.view / staff.manage */
	ZH_GA_MEDICAL,   /* people.medical.edit only */
	ZH_GA_PSYCH,     /* people.psych.edit only */
};

struct zh_group {
	const char *kind;   /* "student" | "parent" | "staff" */
	const char *name, *label;
	enum zh_gaccess access;
	const struct zh_field *fields; /* NULL for "positions" (rows of staff_positions) */
};

extern const struct zh_group zh_people_groups[];
extern const int zh_people_groups_count;
const struct zh_group *zh_people_group(const char *kind, const char *name);
/* The field description as JSON (for the UI). */
json_t *zh_people_field_json(const struct zh_field *f);

/* Validators shared with the tests and the demo. */
bool zh_snils_valid(const char *s);
bool zh_inn_valid(const char *s);
bool zh_phone_valid(const char *s);
bool zh_email_valid(const char *s);

/* ---- search ---- */
struct zh_people_query {
	const char *q;          /* any part of the full name; NULL = all */
	const char *role;       /* "student" | "parent" | "staff" | NULL */
	int64_t class_id;
	int64_t limit, offset;
};
enum zh_err zh_people_search(struct zh_ctx *c, const struct zh_people_query *q, struct zh_people_row **rows,
			     size_t *n, int64_t *total);

/* ---- persons ---- */
struct zh_people_names {
	const char *last_name, *first_name, *middle_name, *gender, *birth_date;
	int64_t class_id;            /* students on create: put in this class (optional) */
	int64_t child_id;            /* parents on create: link to this student (optional) */
	const char *relation;        /* with child_id */
};
/* kind: "student" | "parent" | "staff". Creates a person with a school record; *id the new person. */
enum zh_err zh_people_create(struct zh_ctx *c, const char *kind, const struct zh_people_names *nm, int64_t *id);
enum zh_err zh_people_rename(struct zh_ctx *c, const char *kind, int64_t id, const struct zh_people_names *nm);

/* The card as the actor may see it: brief fields and every readable group (others absent). */
enum zh_err zh_people_card(struct zh_ctx *c, const char *kind, int64_t id, json_t **out);
/* Replaces one group of a card; data is the JSON object of the group's fields. */
enum zh_err zh_people_card_put(struct zh_ctx *c, const char *kind, int64_t id, const char *grp, json_t *data);

/* ---- links ---- */
enum zh_err zh_people_parents(struct zh_ctx *c, int64_t child_id, json_t **out);
enum zh_err zh_people_link(struct zh_ctx *c, int64_t child_id, int64_t parent_id, const char *relation);
enum zh_err zh_people_unlink(struct zh_ctx *c, int64_t child_id, int64_t parent_id);

#endif
