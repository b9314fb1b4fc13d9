/* school.h: storage of the school card, school settings and dictionaries (M-03) */
#ifndef ZH_STORE_SCHOOL_H
#define ZH_STORE_SCHOOL_H

#include "store/store.h"

/* ---- school row: names and time zone ---- */
enum zh_err zh_store_school_names_set(struct zh_db *db, int64_t school_id, const char *name,
				      const char *short_name);
enum zh_err zh_store_school_timezone_set(struct zh_db *db, int64_t school_id, const char *tz);

/* ---- requisites card: a JSON object text ("{}" when the school has none yet) ---- */
enum zh_err zh_store_school_card_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     const char **json);
enum zh_err zh_store_school_card_put(struct zh_db *db, int64_t school_id, const char *json,
				     int64_t now);

/* ---- settings (one row per school) ---- */
struct zh_school_settings {
	int mark_min, mark_max, noo_last_grade, ooo_last_grade;
	const char *averaging;          /* "arithmetic" | "weighted" */
	double round_threshold;
	int lock_days, period_marks_due_days;
	bool forbid_past_homework;
	bool notify_email;
	const char *smtp_host, *smtp_user, *smtp_password, *smtp_from;
	int smtp_port;
	bool notify_sms;
	const char *sms_gateway_url, *sms_sender, *sms_token;
	int64_t updated_at;
};
/* ZH_ENOTFOUND when the school has no settings row. */
enum zh_err zh_store_school_settings_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 struct zh_school_settings *out);
/* Inserts the row with the schema's defaults when missing. */
enum zh_err zh_store_school_settings_ensure(struct zh_db *db, int64_t school_id);
enum zh_err zh_store_school_settings_put(struct zh_db *db, int64_t school_id,
					 const struct zh_school_settings *s, int64_t now);

/* ---- dictionaries ---- */
enum zh_dict_kind {
	ZH_DICT_WORK_TYPES = 0, ZH_DICT_ATTENDANCE_CODES, ZH_DICT_MARK_CODES, ZH_DICT_POSITIONS,
	ZH_DICT_ROOMS, ZH_DICT_COUNT
};
/* One entry; each kind uses its own columns:
 *   work types: name, short_name, weight, archived
 *   attendance codes: code, name, kind ("absent" | "late" | "ill" | "reason")
 *   mark codes: code, name, passing
 *   positions: name, archived
 *   rooms: name, building, floor, capacity, subject_id (subject_name on reads), archived */
struct zh_dict_row {
	int64_t id;
	const char *name, *short_name, *code, *kind, *building, *subject_name;
	double weight;
	bool passing, archived, has_floor, has_capacity;
	int floor, capacity;
	int64_t subject_id; /* 0 = none */
};
/* Russian order by name (rooms: numbers first, numerically); archived ones only when asked. */
enum zh_err zh_store_dict_list(struct zh_db *db, struct zh_arena *a, enum zh_dict_kind k,
			       int64_t school_id, bool with_archived, struct zh_dict_row **rows, size_t *n);
/* ZH_ENOTFOUND when absent in that school. */
enum zh_err zh_store_dict_get(struct zh_db *db, struct zh_arena *a, enum zh_dict_kind k,
			      int64_t school_id, int64_t id, struct zh_dict_row *out);
/* ZH_ECONFLICT on a duplicate name/code unless or_ignore (then *id = 0 when skipped). */
enum zh_err zh_store_dict_insert(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				 const struct zh_dict_row *r, bool or_ignore, int64_t *id);
enum zh_err zh_store_dict_update(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				 const struct zh_dict_row *r);
enum zh_err zh_store_dict_delete(struct zh_db *db, enum zh_dict_kind k, int64_t school_id, int64_t id);
enum zh_err zh_store_dict_set_archived(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				       int64_t id, bool archived);
/* Whether other records refer to the entry (positions: staff positions held). */
enum zh_err zh_store_dict_in_use(struct zh_db *db, enum zh_dict_kind k, int64_t school_id, int64_t id,
				 bool *yes);

/* A subject of the school (for a room's subject); ZH_ENOTFOUND otherwise. */
enum zh_err zh_store_school_subject_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t subject_id, const char **name);
/* Subject id by name in the school (0 when none), for the demo. */
enum zh_err zh_store_school_subject_by_name(struct zh_db *db, int64_t school_id, const char *name,
					    int64_t *id);

#endif
