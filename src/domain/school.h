/* school.h: the school's requisites card, regional and school settings, dictionaries (M-03) */
#ifndef ZH_DOMAIN_SCHOOL_H
#define ZH_DOMAIN_SCHOOL_H

#include <jansson.h>

#include "domain/ctx.h"
#include "store/school.h"

/* ---- the requisites card: a catalogue of fields, stored as JSON ---- */
enum zh_card_type {
	ZH_CARD_TEXT,     /* a string */
	ZH_CARD_DATE,     /* "YYYY-MM-DD" */
	ZH_CARD_PHONES,   /* a list of phone numbers */
	ZH_CARD_DEPUTIES, /* a list of {name, area} */
	ZH_CARD_LEVELS,   /* a list of education level codes (zh_education_levels) */
};
struct zh_card_field {
	const char *name;   /* JSON key */
	const char *label;  /* Russian label */
	enum zh_card_type type;
	int max;            /* characters of a text (of one item for lists) */
	/* NULL when the (non-empty) text is fine, else the Russian reason; *checksum is set when the
	 * format is right and only the check digit is wrong. */
	const char *(*validate)(const char *v, bool *checksum);
};
extern const struct zh_card_field zh_card_fields[];
extern const int zh_card_fields_count;
/* {code, title} pairs, NULL-terminated: НОО, ООО, СОО, СПО, … */
extern const char *const zh_education_levels[][2];

/* Check digits of Russian registration numbers (exported for tests). */
bool zh_inn10_valid(const char *s);
bool zh_ogrn_valid(const char *s);

/* The card of the actor's school: school row, card object (every catalogue field present:
 * "" or [] when empty; full_name/short_name come from the school row) and today's date. */
struct zh_school_card {
	struct zh_school_row school;
	json_t *card;   /* owned by the context's arena */
	char today[11];
};
enum zh_err zh_school_card_get(struct zh_ctx *c, struct zh_school_card *out);
/* Partial update: unknown field → ZH_EINVAL naming it; bad value → ZH_ERULE naming it; ""/null
 * clears a field (full and short name cannot be cleared). Audited with the changed fields. */
enum zh_err zh_school_card_update(struct zh_ctx *c, json_t *patch);

/* ---- regional settings ---- */
/* The IANA zone must be known to ICU (ZH_ERULE "timezone" otherwise). Audited. */
enum zh_err zh_school_timezone_set(struct zh_ctx *c, const char *tz);
/* "Today" ("YYYY-MM-DD") in the zone of the actor's school at c->now (zh_now() when 0). */
enum zh_err zh_school_today(struct zh_ctx *c, char out[11]);

/* ---- school settings ---- */
/* The settings of the actor's school (schema defaults when the school has no row yet). */
enum zh_err zh_school_settings_get(struct zh_ctx *c, struct zh_school_settings *out);
/* Partial update with the API's flat keys (mark_min, …, smtp_password, sms_token); validated,
 * audited without secrets (only whether they are set). */
enum zh_err zh_school_settings_update(struct zh_ctx *c, json_t *patch);
/* The settings as the API shows them: never the SMTP password or SMS token, only *_set flags. */
json_t *zh_school_settings_json(const struct zh_school_settings *s);

/* ---- dictionaries ---- */
/* "work-types" | "attendance-codes" | "mark-codes" | "positions" | "rooms"; -1 when unknown. */
int zh_dict_kind_parse(const char *s);
const char *zh_dict_kind_slug(enum zh_dict_kind k);
json_t *zh_dict_row_json(enum zh_dict_kind k, const struct zh_dict_row *r);
enum zh_err zh_dict_list(struct zh_ctx *c, enum zh_dict_kind k, bool with_archived,
			 struct zh_dict_row **rows, size_t *n);
/* Validated (bad values ZH_ERULE naming the field), duplicates ZH_ECONFLICT, audited. */
enum zh_err zh_dict_create(struct zh_ctx *c, enum zh_dict_kind k, json_t *body, struct zh_dict_row *out);
enum zh_err zh_dict_update(struct zh_ctx *c, enum zh_dict_kind k, int64_t id, json_t *body,
			   struct zh_dict_row *out);
/* Work types are archived (marks will refer to them), positions and rooms in use are archived,
 * the rest deleted; *archived says which happened. */
enum zh_err zh_dict_delete(struct zh_ctx *c, enum zh_dict_kind k, int64_t id, bool *archived);

/* Default settings and dictionaries of a new school, inside the caller's write transaction;
 * harmless to repeat (existing entries are kept). */
enum zh_err zh_school_seed(struct zh_db *db, int64_t school_id);

#endif
