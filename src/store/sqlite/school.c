/* school.c: SQLite statements of the school card, school settings and dictionaries (M-03) */
#include "store/school.h"

#include "store/sqlite/sq.h"

static enum zh_err step_row(struct zh_db *db, sqlite3_stmt *st, int *rc)
{
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW)
		return ZH_OK;
	sqlite3_reset(st);
	return *rc == SQLITE_DONE ? ZH_ENOTFOUND : zh_sq_err(db, *rc);
}

/* ---- school row ---- */

enum zh_err zh_store_school_names_set(struct zh_db *db, int64_t school_id, const char *name,
				      const char *short_name)
{
	static const char sql[] = "UPDATE schools SET name = ?, short_name = ? WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, name);
	zh_sq_bind_text(st, 2, short_name);
	sqlite3_bind_int64(st, 3, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_school_timezone_set(struct zh_db *db, int64_t school_id, const char *tz)
{
	static const char sql[] = "UPDATE schools SET timezone = ? WHERE id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, tz);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exec_done(db, st);
}

/* ---- card ---- */

enum zh_err zh_store_school_card_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
				     const char **json)
{
	static const char sql[] = "SELECT data FROM school_cards WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	if ((e = step_row(db, st, &rc))) {
		if (e == ZH_ENOTFOUND) {
			*json = "{}";
			return ZH_OK;
		}
		return e;
	}
	*json = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	if (!*json)
		*json = "{}";
	return ZH_OK;
}

enum zh_err zh_store_school_card_put(struct zh_db *db, int64_t school_id, const char *json,
				     int64_t now)
{
	static const char sql[] =
		"INSERT INTO school_cards(school_id, data, updated_at) VALUES (?, ?, ?)"
		" ON CONFLICT(school_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, json);
	sqlite3_bind_int64(st, 3, now);
	return zh_sq_exec_done(db, st);
}

/* ---- settings ---- */

enum zh_err zh_store_school_settings_get(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 struct zh_school_settings *o)
{
	static const char sql[] =
		"SELECT mark_min, mark_max, noo_last_grade, ooo_last_grade, averaging, round_threshold,"
		" lock_days, forbid_past_homework, period_marks_due_days, notify_email, smtp_host, smtp_port,"
		" smtp_user, smtp_password, smtp_from, notify_sms, sms_gateway_url, sms_sender, sms_token,"
		" updated_at FROM school_settings WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	if ((e = step_row(db, st, &rc)))
		return e;
	o->mark_min = sqlite3_column_int(st, 0);
	o->mark_max = sqlite3_column_int(st, 1);
	o->noo_last_grade = sqlite3_column_int(st, 2);
	o->ooo_last_grade = sqlite3_column_int(st, 3);
	o->averaging = zh_sq_text(a, st, 4);
	o->round_threshold = sqlite3_column_double(st, 5);
	o->lock_days = sqlite3_column_int(st, 6);
	o->forbid_past_homework = sqlite3_column_int(st, 7) != 0;
	o->period_marks_due_days = sqlite3_column_int(st, 8);
	o->notify_email = sqlite3_column_int(st, 9) != 0;
	o->smtp_host = zh_sq_text(a, st, 10);
	o->smtp_port = sqlite3_column_int(st, 11);
	o->smtp_user = zh_sq_text(a, st, 12);
	o->smtp_password = zh_sq_text(a, st, 13);
	o->smtp_from = zh_sq_text(a, st, 14);
	o->notify_sms = sqlite3_column_int(st, 15) != 0;
	o->sms_gateway_url = zh_sq_text(a, st, 16);
	o->sms_sender = zh_sq_text(a, st, 17);
	o->sms_token = zh_sq_text(a, st, 18);
	o->updated_at = sqlite3_column_int64(st, 19);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_school_settings_ensure(struct zh_db *db, int64_t school_id)
{
	static const char sql[] = "INSERT OR IGNORE INTO school_settings(school_id) VALUES (?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_school_settings_put(struct zh_db *db, int64_t school_id,
					 const struct zh_school_settings *s, int64_t now)
{
	static const char sql[] =
		"UPDATE school_settings SET mark_min = ?, mark_max = ?, noo_last_grade = ?, ooo_last_grade = ?,"
		" averaging = ?, round_threshold = ?, lock_days = ?, forbid_past_homework = ?,"
		" period_marks_due_days = ?, notify_email = ?, smtp_host = ?, smtp_port = ?, smtp_user = ?,"
		" smtp_password = ?, smtp_from = ?, notify_sms = ?, sms_gateway_url = ?, sms_sender = ?,"
		" sms_token = ?, updated_at = ? WHERE school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int(st, 1, s->mark_min);
	sqlite3_bind_int(st, 2, s->mark_max);
	sqlite3_bind_int(st, 3, s->noo_last_grade);
	sqlite3_bind_int(st, 4, s->ooo_last_grade);
	zh_sq_bind_text(st, 5, s->averaging);
	sqlite3_bind_double(st, 6, s->round_threshold);
	sqlite3_bind_int(st, 7, s->lock_days);
	sqlite3_bind_int(st, 8, s->forbid_past_homework);
	sqlite3_bind_int(st, 9, s->period_marks_due_days);
	sqlite3_bind_int(st, 10, s->notify_email);
	zh_sq_bind_text(st, 11, s->smtp_host ? s->smtp_host : "");
	sqlite3_bind_int(st, 12, s->smtp_port);
	zh_sq_bind_text(st, 13, s->smtp_user ? s->smtp_user : "");
	zh_sq_bind_text(st, 14, s->smtp_password ? s->smtp_password : "");
	zh_sq_bind_text(st, 15, s->smtp_from ? s->smtp_from : "");
	sqlite3_bind_int(st, 16, s->notify_sms);
	zh_sq_bind_text(st, 17, s->sms_gateway_url ? s->sms_gateway_url : "");
	zh_sq_bind_text(st, 18, s->sms_sender ? s->sms_sender : "");
	zh_sq_bind_text(st, 19, s->sms_token ? s->sms_token : "");
	sqlite3_bind_int64(st, 20, now);
	sqlite3_bind_int64(st, 21, school_id);
	return zh_sq_exec_done(db, st);
}

/* ---- dictionaries: one set of statements per kind ---- */

static const char wt_list[] =
	"SELECT id, name, short_name, weight, archived FROM work_types WHERE school_id = ?1"
	" AND (?2 OR archived = 0) ORDER BY name COLLATE ru, id";
static const char wt_get[] =
	"SELECT id, name, short_name, weight, archived FROM work_types WHERE school_id = ?1 AND id = ?2";
static const char wt_ins[] =
	"INSERT INTO work_types(school_id, name, short_name, weight, archived) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char wt_ins_ign[] =
	"INSERT OR IGNORE INTO work_types(school_id, name, short_name, weight, archived) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char wt_upd[] =
	"UPDATE work_types SET name = ?2, short_name = ?3, weight = ?4, archived = ?5 WHERE school_id = ?1 AND id = ?6";
static const char wt_del[] = "DELETE FROM work_types WHERE school_id = ?1 AND id = ?2";
static const char wt_arch[] = "UPDATE work_types SET archived = ?3 WHERE school_id = ?1 AND id = ?2";

static const char ac_list[] =
	"SELECT id, code, name, kind FROM attendance_codes WHERE school_id = ?1 AND ?2 = ?2 ORDER BY id";
static const char ac_get[] =
	"SELECT id, code, name, kind FROM attendance_codes WHERE school_id = ?1 AND id = ?2";
static const char ac_ins[] =
	"INSERT INTO attendance_codes(school_id, code, name, kind) VALUES (?1, ?2, ?3, ?4)";
static const char ac_ins_ign[] =
	"INSERT OR IGNORE INTO attendance_codes(school_id, code, name, kind) VALUES (?1, ?2, ?3, ?4)";
static const char ac_upd[] =
	"UPDATE attendance_codes SET code = ?2, name = ?3, kind = ?4 WHERE school_id = ?1 AND id = ?5";
static const char ac_del[] = "DELETE FROM attendance_codes WHERE school_id = ?1 AND id = ?2";

static const char mc_list[] =
	"SELECT id, code, name, passing FROM mark_codes WHERE school_id = ?1 AND ?2 = ?2 ORDER BY id";
static const char mc_get[] =
	"SELECT id, code, name, passing FROM mark_codes WHERE school_id = ?1 AND id = ?2";
static const char mc_ins[] =
	"INSERT INTO mark_codes(school_id, code, name, passing) VALUES (?1, ?2, ?3, ?4)";
static const char mc_ins_ign[] =
	"INSERT OR IGNORE INTO mark_codes(school_id, code, name, passing) VALUES (?1, ?2, ?3, ?4)";
static const char mc_upd[] =
	"UPDATE mark_codes SET code = ?2, name = ?3, passing = ?4 WHERE school_id = ?1 AND id = ?5";
static const char mc_del[] = "DELETE FROM mark_codes WHERE school_id = ?1 AND id = ?2";

static const char po_list[] =
	"SELECT id, name, archived FROM positions WHERE school_id = ?1 AND (?2 OR archived = 0)"
	" ORDER BY name COLLATE ru, id";
static const char po_get[] = "SELECT id, name, archived FROM positions WHERE school_id = ?1 AND id = ?2";
static const char po_ins[] = "INSERT INTO positions(school_id, name, archived) VALUES (?1, ?2, ?3)";
static const char po_ins_ign[] = "INSERT OR IGNORE INTO positions(school_id, name, archived) VALUES (?1, ?2, ?3)";
static const char po_upd[] = "UPDATE positions SET name = ?2, archived = ?3 WHERE school_id = ?1 AND id = ?4";
static const char po_del[] = "DELETE FROM positions WHERE school_id = ?1 AND id = ?2";
static const char po_arch[] = "UPDATE positions SET archived = ?3 WHERE school_id = ?1 AND id = ?2";
static const char po_use[] =
	"SELECT EXISTS (SELECT 1 FROM staff_positions WHERE school_id = ?1 AND position_id = ?2)";

#define ROOM_COLS "r.id, r.name, r.building, r.floor, r.capacity, r.subject_id, s.name, r.archived"
static const char ro_list[] =
	"SELECT " ROOM_COLS " FROM rooms r LEFT JOIN subjects s ON s.id = r.subject_id"
	" WHERE r.school_id = ?1 AND (?2 OR r.archived = 0)"
	" ORDER BY (r.name GLOB '[0-9]*') DESC, CAST(r.name AS INTEGER), r.name COLLATE ru, r.id";
static const char ro_get[] =
	"SELECT " ROOM_COLS " FROM rooms r LEFT JOIN subjects s ON s.id = r.subject_id"
	" WHERE r.school_id = ?1 AND r.id = ?2";
static const char ro_ins[] =
	"INSERT INTO rooms(school_id, name, building, floor, capacity, subject_id, archived)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char ro_ins_ign[] =
	"INSERT OR IGNORE INTO rooms(school_id, name, building, floor, capacity, subject_id, archived)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char ro_upd[] =
	"UPDATE rooms SET name = ?2, building = ?3, floor = ?4, capacity = ?5, subject_id = ?6, archived = ?7"
	" WHERE school_id = ?1 AND id = ?8";
static const char ro_del[] = "DELETE FROM rooms WHERE school_id = ?1 AND id = ?2";
static const char ro_arch[] = "UPDATE rooms SET archived = ?3 WHERE school_id = ?1 AND id = ?2";

struct dict_sql {
	const char *list, *get, *ins, *ins_ign, *upd, *del, *arch, *use;
};
static const struct dict_sql dict_sql[ZH_DICT_COUNT] = {
	[ZH_DICT_WORK_TYPES] = { wt_list, wt_get, wt_ins, wt_ins_ign, wt_upd, wt_del, wt_arch, NULL },
	[ZH_DICT_ATTENDANCE_CODES] = { ac_list, ac_get, ac_ins, ac_ins_ign, ac_upd, ac_del, NULL, NULL },
	[ZH_DICT_MARK_CODES] = { mc_list, mc_get, mc_ins, mc_ins_ign, mc_upd, mc_del, NULL, NULL },
	[ZH_DICT_POSITIONS] = { po_list, po_get, po_ins, po_ins_ign, po_upd, po_del, po_arch, po_use },
	[ZH_DICT_ROOMS] = { ro_list, ro_get, ro_ins, ro_ins_ign, ro_upd, ro_del, ro_arch, NULL },
};

static void dict_cols(struct zh_arena *a, enum zh_dict_kind k, sqlite3_stmt *st, struct zh_dict_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	switch (k) {
	case ZH_DICT_WORK_TYPES:
		r->name = zh_sq_text(a, st, 1);
		r->short_name = zh_sq_text(a, st, 2);
		r->weight = sqlite3_column_double(st, 3);
		r->archived = sqlite3_column_int(st, 4) != 0;
		break;
	case ZH_DICT_ATTENDANCE_CODES:
		r->code = zh_sq_text(a, st, 1);
		r->name = zh_sq_text(a, st, 2);
		r->kind = zh_sq_text(a, st, 3);
		break;
	case ZH_DICT_MARK_CODES:
		r->code = zh_sq_text(a, st, 1);
		r->name = zh_sq_text(a, st, 2);
		r->passing = sqlite3_column_int(st, 3) != 0;
		break;
	case ZH_DICT_POSITIONS:
		r->name = zh_sq_text(a, st, 1);
		r->archived = sqlite3_column_int(st, 2) != 0;
		break;
	case ZH_DICT_ROOMS:
		r->name = zh_sq_text(a, st, 1);
		r->building = zh_sq_text(a, st, 2);
		r->has_floor = sqlite3_column_type(st, 3) != SQLITE_NULL;
		r->floor = sqlite3_column_int(st, 3);
		r->has_capacity = sqlite3_column_type(st, 4) != SQLITE_NULL;
		r->capacity = sqlite3_column_int(st, 4);
		r->subject_id = sqlite3_column_int64(st, 5);
		r->subject_name = zh_sq_text(a, st, 6);
		r->archived = sqlite3_column_int(st, 7) != 0;
		break;
	case ZH_DICT_COUNT:
		break;
	}
}

/* Binds the kind's value columns from ?2 on; returns the next free parameter. */
static int dict_bind(enum zh_dict_kind k, sqlite3_stmt *st, const struct zh_dict_row *r)
{
	switch (k) {
	case ZH_DICT_WORK_TYPES:
		zh_sq_bind_text(st, 2, r->name);
		zh_sq_bind_text(st, 3, r->short_name ? r->short_name : "");
		sqlite3_bind_double(st, 4, r->weight);
		sqlite3_bind_int(st, 5, r->archived);
		return 6;
	case ZH_DICT_ATTENDANCE_CODES:
		zh_sq_bind_text(st, 2, r->code);
		zh_sq_bind_text(st, 3, r->name);
		zh_sq_bind_text(st, 4, r->kind);
		return 5;
	case ZH_DICT_MARK_CODES:
		zh_sq_bind_text(st, 2, r->code);
		zh_sq_bind_text(st, 3, r->name);
		sqlite3_bind_int(st, 4, r->passing);
		return 5;
	case ZH_DICT_POSITIONS:
		zh_sq_bind_text(st, 2, r->name);
		sqlite3_bind_int(st, 3, r->archived);
		return 4;
	case ZH_DICT_ROOMS:
		zh_sq_bind_text(st, 2, r->name);
		zh_sq_bind_text(st, 3, r->building ? r->building : "");
		if (r->has_floor)
			sqlite3_bind_int(st, 4, r->floor);
		else
			sqlite3_bind_null(st, 4);
		if (r->has_capacity)
			sqlite3_bind_int(st, 5, r->capacity);
		else
			sqlite3_bind_null(st, 5);
		if (r->subject_id)
			sqlite3_bind_int64(st, 6, r->subject_id);
		else
			sqlite3_bind_null(st, 6);
		sqlite3_bind_int(st, 7, r->archived);
		return 8;
	case ZH_DICT_COUNT:
		break;
	}
	return 2;
}

enum zh_err zh_store_dict_list(struct zh_db *db, struct zh_arena *a, enum zh_dict_kind k,
			       int64_t school_id, bool with_archived, struct zh_dict_row **rows, size_t *n)
{
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].list);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, with_archived);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_dict_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		dict_cols(a, k, st, r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_dict_get(struct zh_db *db, struct zh_arena *a, enum zh_dict_kind k,
			      int64_t school_id, int64_t id, struct zh_dict_row *out)
{
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].get);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = step_row(db, st, &rc)))
		return e;
	*out = (struct zh_dict_row){ 0 };
	dict_cols(a, k, st, out);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_dict_insert(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				 const struct zh_dict_row *r, bool or_ignore, int64_t *id)
{
	sqlite3_stmt *st = zh_sq_prep(db, or_ignore ? dict_sql[k].ins_ign : dict_sql[k].ins);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	dict_bind(k, st, r);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (id)
		*id = sqlite3_changes(db->h) > 0 ? sqlite3_last_insert_rowid(db->h) : 0;
	return ZH_OK;
}

enum zh_err zh_store_dict_update(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				 const struct zh_dict_row *r)
{
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].upd);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, dict_bind(k, st, r), r->id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	return sqlite3_changes(db->h) > 0 ? ZH_OK : ZH_ENOTFOUND;
}

enum zh_err zh_store_dict_delete(struct zh_db *db, enum zh_dict_kind k, int64_t school_id, int64_t id)
{
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].del);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	return sqlite3_changes(db->h) > 0 ? ZH_OK : ZH_ENOTFOUND;
}

enum zh_err zh_store_dict_set_archived(struct zh_db *db, enum zh_dict_kind k, int64_t school_id,
				       int64_t id, bool archived)
{
	if (!dict_sql[k].arch)
		return ZH_EINTERNAL;
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].arch);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, archived);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	return sqlite3_changes(db->h) > 0 ? ZH_OK : ZH_ENOTFOUND;
}

enum zh_err zh_store_dict_in_use(struct zh_db *db, enum zh_dict_kind k, int64_t school_id, int64_t id,
				 bool *yes)
{
	*yes = false;
	if (!dict_sql[k].use)
		return ZH_OK;
	sqlite3_stmt *st = zh_sq_prep(db, dict_sql[k].use);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	if ((e = step_row(db, st, &rc)))
		return e;
	*yes = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_school_subject_name(struct zh_db *db, struct zh_arena *a, int64_t school_id,
					 int64_t subject_id, const char **name)
{
	static const char sql[] = "SELECT name FROM subjects WHERE school_id = ? AND id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, subject_id);
	if ((e = step_row(db, st, &rc)))
		return e;
	*name = zh_sq_text(a, st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}

enum zh_err zh_store_school_subject_by_name(struct zh_db *db, int64_t school_id, const char *name,
					    int64_t *id)
{
	static const char sql[] = "SELECT id FROM subjects WHERE school_id = ? AND name = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int rc;
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	zh_sq_bind_text(st, 2, name);
	*id = 0;
	if ((e = step_row(db, st, &rc)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return ZH_OK;
}
