/* notify.c: SQLite statements of notifications, preferences, the outbox, the delivery log (M-11) */
#include "store/notify.h"

#include <string.h>

#include "store/sqlite/sq.h"

static enum zh_err finish(struct zh_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

#define OOM_IF(r, st)                   \
	if (!(r)) {                     \
		sqlite3_reset(st);      \
		return ZH_ENOMEM;       \
	}

/* ---- audience ---- */

enum zh_err zh_store_nt_audience(struct zh_db *db, struct zh_arena *a, const struct zh_nt_audience *au,
				 int64_t **ids, size_t *n)
{
	static const char sql[] =
		"WITH kids(id) AS ("
		"  SELECT ?2 WHERE ?2 <> 0"
		"  UNION SELECT cs.student_id FROM class_students cs WHERE ?3 <> 0 AND cs.class_id = ?3 AND cs.school_id = ?1"
		"   AND (?4 = 0 OR cs.student_id IN (SELECT student_id FROM subgroup_students WHERE subgroup_id = ?4))"
		"  UNION SELECT cs.student_id FROM class_students cs WHERE ?5 <> 0 AND cs.school_id = ?1),"
		" who(id) AS (SELECT id FROM kids"
		"  UNION SELECT pl.parent_id FROM parent_links pl WHERE pl.child_id IN (SELECT id FROM kids)"
		"  UNION SELECT s.person_id FROM staff s WHERE ?5 <> 0 AND s.school_id = ?1 AND s.left_on IS NULL"
		"  UNION SELECT c.class_teacher_id FROM classes c WHERE ?6 <> 0 AND c.id = ?3 AND c.school_id = ?1"
		"   AND c.class_teacher_id IS NOT NULL"
		"  UNION SELECT ?7 WHERE ?7 <> 0 UNION SELECT ?8 WHERE ?8 <> 0"
		"  UNION SELECT ?9 WHERE ?9 <> 0 UNION SELECT ?10 WHERE ?10 <> 0)"
		" SELECT id FROM who ORDER BY id";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, au->school_id);
	sqlite3_bind_int64(st, 2, au->student_id);
	sqlite3_bind_int64(st, 3, au->class_id);
	sqlite3_bind_int64(st, 4, au->subgroup_id);
	sqlite3_bind_int(st, 5, au->whole_school);
	sqlite3_bind_int(st, 6, au->class_teacher);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_int64(st, 7 + i, au->extra[i]);
	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = ZH_SQ_PUSH(a, *ids, *n, cap);
		OOM_IF(p, st);
		*p = sqlite3_column_int64(st, 0);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_nt_school(struct zh_db *db, struct zh_arena *a, int64_t school_id, struct zh_nt_school *out)
{
	static const char sql[] = "SELECT IFNULL(ss.notify_email, 0), IFNULL(ss.notify_sms, 0), s.timezone"
				  " FROM schools s LEFT JOIN school_settings ss ON ss.school_id = s.id WHERE s.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->email = sqlite3_column_int(st, 0) != 0;
	out->sms = sqlite3_column_int(st, 1) != 0;
	out->tz = zh_sq_text(a, st, 2);
	sqlite3_reset(st);
	return out->tz ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_nt_target(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			       const char *kind, struct zh_nt_target *out)
{
	static const char sql[] =
		"SELECT"
		" (SELECT COALESCE(json_extract(data, '$.email'), json_extract(data, '$.work_email'), '')"
		"   FROM person_cards WHERE school_id = ?1 AND person_id = ?2 AND grp = 'contacts'"
		"   ORDER BY json_extract(data, '$.email') IS NULL LIMIT 1),"
		" (SELECT COALESCE(json_extract(data, '$.mobile_phone'), '')"
		"   FROM person_cards WHERE school_id = ?1 AND person_id = ?2 AND grp = 'contacts'"
		"   ORDER BY json_extract(data, '$.mobile_phone') IS NULL LIMIT 1),"
		" IFNULL(np.email, ''), IFNULL(np.phone, ''), IFNULL(np.quiet_from, ''), IFNULL(np.quiet_to, ''),"
		" IFNULL((SELECT email FROM notify_prefs WHERE person_id = ?2 AND kind = ?3), -1),"
		" IFNULL((SELECT sms FROM notify_prefs WHERE person_id = ?2 AND kind = ?3), -1)"
		" FROM (SELECT 1) LEFT JOIN notify_person np ON np.person_id = ?2";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, person_id);
	zh_sq_bind_text(st, 3, kind);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->card_email = zh_sq_text(a, st, 0);
	out->card_phone = zh_sq_text(a, st, 1);
	out->email = zh_sq_text(a, st, 2);
	out->phone = zh_sq_text(a, st, 3);
	out->quiet_from = zh_sq_text(a, st, 4);
	out->quiet_to = zh_sq_text(a, st, 5);
	out->email_on = sqlite3_column_int(st, 6);
	out->sms_on = sqlite3_column_int(st, 7);
	sqlite3_reset(st);
	if (!out->card_email)
		out->card_email = "";
	if (!out->card_phone)
		out->card_phone = "";
	return out->email && out->phone && out->quiet_from && out->quiet_to ? ZH_OK : ZH_ENOMEM;
}

/* ---- notifications ---- */

enum zh_err zh_store_nt_latest(struct zh_db *db, struct zh_arena *a, const char *key, struct zh_nt_latest *out)
{
	static const char sql[] =
		"SELECT n.id, n.version, n.created_at, IFNULL(n.read_at, 0), n.title, n.body,"
		" EXISTS (SELECT 1 FROM notify_outbox o WHERE o.notification_id = n.id AND (o.status <> 'pending' OR o.attempts > 0))"
		" FROM notifications n WHERE n.dedup_key = ? ORDER BY n.version DESC LIMIT 1";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	zh_sq_bind_text(st, 1, key);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->id = sqlite3_column_int64(st, 0);
	out->version = sqlite3_column_int64(st, 1);
	out->created_at = sqlite3_column_int64(st, 2);
	out->read_at = sqlite3_column_int64(st, 3);
	out->title = zh_sq_text(a, st, 4);
	out->body = zh_sq_text(a, st, 5);
	out->started = sqlite3_column_int(st, 6) != 0;
	sqlite3_reset(st);
	return out->title && out->body ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_store_nt_insert(struct zh_db *db, const struct zh_nt_new *n, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO notifications (school_id, person_id, kind, title, body, entity, entity_id, created_at,"
		" dedup_key, version, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, n->school_id);
	sqlite3_bind_int64(st, 2, n->person_id);
	zh_sq_bind_text(st, 3, n->kind);
	zh_sq_bind_text(st, 4, n->title);
	zh_sq_bind_text(st, 5, n->body ? n->body : "");
	zh_sq_bind_text(st, 6, n->entity ? n->entity : "");
	zh_sq_bind_id(st, 7, n->entity_id);
	sqlite3_bind_int64(st, 8, n->now);
	zh_sq_bind_text(st, 9, n->key);
	sqlite3_bind_int64(st, 10, n->version);
	return zh_sq_insert_id(db, st, id);
}

enum zh_err zh_store_nt_rewrite(struct zh_db *db, int64_t id, const char *title, const char *body, int64_t now)
{
	static const char sql[] = "UPDATE notifications SET title = ?2, body = ?3, updated_at = ?4, read_at = NULL"
				  " WHERE id = ?1";
	static const char sqlo[] = "UPDATE notify_outbox SET subject = ?2, body = ?3"
				   " WHERE notification_id = ?1 AND status = 'pending' AND attempts = 0";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	zh_sq_bind_text(st, 2, title);
	zh_sq_bind_text(st, 3, body ? body : "");
	sqlite3_bind_int64(st, 4, now);
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (!(st = zh_sq_prep(db, sqlo)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, id);
	zh_sq_bind_text(st, 2, title);
	zh_sq_bind_text(st, 3, body ? body : "");
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_nt_outbox_add(struct zh_db *db, int64_t school_id, int64_t notification_id, int64_t person_id,
				   const char *channel, const char *address, const char *subject, const char *body,
				   int64_t next_at, int64_t now)
{
	/* the key: random, stored once, so a retry after a restart sends the same one */
	static const char sql[] =
		"INSERT INTO notify_outbox (school_id, notification_id, person_id, channel, address, subject, body,"
		" idem_key, next_at, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'zh-' || ?2 || '-' || ?4 || '-' || lower(hex(randomblob(10))), ?8, ?9)"
		" ON CONFLICT (notification_id, channel) DO NOTHING";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, notification_id);
	sqlite3_bind_int64(st, 3, person_id);
	zh_sq_bind_text(st, 4, channel);
	zh_sq_bind_text(st, 5, address);
	zh_sq_bind_text(st, 6, subject);
	zh_sq_bind_text(st, 7, body ? body : "");
	sqlite3_bind_int64(st, 8, next_at);
	sqlite3_bind_int64(st, 9, now);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_nt_unread(struct zh_db *db, int64_t person_id, int64_t *unread)
{
	static const char sql[] = "SELECT count(*) FROM notifications WHERE person_id = ? AND read_at IS NULL";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	return zh_sq_scalar_id(db, st, unread);
}

/* ---- preferences ---- */

enum zh_err zh_store_nt_prefs(struct zh_db *db, struct zh_arena *a, int64_t person_id, struct zh_nt_pref **rows,
			      size_t *n)
{
	static const char sql[] = "SELECT kind, email, sms FROM notify_prefs WHERE person_id = ? ORDER BY kind";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_nt_pref *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->kind = zh_sq_text(a, st, 0);
		r->email = sqlite3_column_int(st, 1);
		r->sms = sqlite3_column_int(st, 2);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_nt_pref_put(struct zh_db *db, int64_t person_id, const char *kind, bool email, bool sms)
{
	static const char sql[] = "INSERT INTO notify_prefs (person_id, kind, email, sms) VALUES (?, ?, ?, ?)"
				  " ON CONFLICT (person_id, kind) DO UPDATE SET email = excluded.email, sms = excluded.sms";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	zh_sq_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, email);
	sqlite3_bind_int(st, 4, sms);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_nt_person_put(struct zh_db *db, int64_t person_id, const char *quiet_from, const char *quiet_to,
				   const char *email, const char *phone, int64_t now)
{
	static const char sql[] =
		"INSERT INTO notify_person (person_id, quiet_from, quiet_to, email, phone, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET quiet_from = excluded.quiet_from,"
		" quiet_to = excluded.quiet_to, email = excluded.email, phone = excluded.phone, updated_at = excluded.updated_at";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, person_id);
	zh_sq_bind_text(st, 2, quiet_from);
	zh_sq_bind_text(st, 3, quiet_to);
	zh_sq_bind_text(st, 4, email);
	zh_sq_bind_text(st, 5, phone);
	sqlite3_bind_int64(st, 6, now);
	return zh_sq_exec_done(db, st);
}

/* ---- the worker ---- */

enum zh_err zh_store_nt_claim(struct zh_db *db, struct zh_arena *a, int64_t now, int64_t lease_before, int max,
			      struct zh_nt_msg **rows, size_t *n)
{
	static const char sql[] =
		"UPDATE notify_outbox SET status = 'sending', claimed_at = ?1, attempts = attempts + 1"
		" WHERE id IN (SELECT id FROM notify_outbox WHERE (status = 'pending' AND next_at <= ?1)"
		"  OR (status = 'sending' AND claimed_at < ?2) ORDER BY next_at, id LIMIT ?3)"
		" RETURNING id";
	static const char sqlr[] =
		"SELECT o.id, o.school_id, o.attempts, o.channel, o.address, o.subject, o.body, o.idem_key,"
		" IFNULL(ss.smtp_host, ''), IFNULL(ss.smtp_user, ''), IFNULL(ss.smtp_password, ''),"
		" IFNULL(ss.smtp_from, ''), IFNULL(ss.smtp_port, 25), IFNULL(ss.sms_gateway_url, ''),"
		" IFNULL(ss.sms_sender, ''), IFNULL(ss.sms_token, '')"
		" FROM notify_outbox o LEFT JOIN school_settings ss ON ss.school_id = o.school_id WHERE o.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	int64_t *ids = NULL;
	size_t nid = 0, cap = 0;
	enum zh_err e;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, lease_before);
	sqlite3_bind_int(st, 3, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = ZH_SQ_PUSH(a, ids, nid, cap);
		OOM_IF(p, st);
		*p = sqlite3_column_int64(st, 0);
	}
	if ((e = finish(db, st, rc)))
		return e;
	*rows = NULL;
	*n = 0;
	cap = 0;
	for (size_t i = 0; i < nid; i++) {
		struct zh_nt_msg *m;
		if (!(st = zh_sq_prep(db, sqlr)))
			return ZH_EDB;
		sqlite3_bind_int64(st, 1, ids[i]);
		if ((e = zh_sq_step_one(db, st)))
			return e;
		m = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(m, st);
		m->id = sqlite3_column_int64(st, 0);
		m->school_id = sqlite3_column_int64(st, 1);
		m->attempts = sqlite3_column_int64(st, 2);
		m->channel = zh_sq_text(a, st, 3);
		m->address = zh_sq_text(a, st, 4);
		m->subject = zh_sq_text(a, st, 5);
		m->body = zh_sq_text(a, st, 6);
		m->idem_key = zh_sq_text(a, st, 7);
		m->smtp_host = zh_sq_text(a, st, 8);
		m->smtp_user = zh_sq_text(a, st, 9);
		m->smtp_password = zh_sq_text(a, st, 10);
		m->smtp_from = zh_sq_text(a, st, 11);
		m->smtp_port = sqlite3_column_int64(st, 12);
		m->sms_url = zh_sq_text(a, st, 13);
		m->sms_sender = zh_sq_text(a, st, 14);
		m->sms_token = zh_sq_text(a, st, 15);
		sqlite3_reset(st);
		if (!m->channel || !m->address || !m->subject || !m->body || !m->idem_key || !m->smtp_host ||
		    !m->smtp_user || !m->smtp_password || !m->smtp_from || !m->sms_url || !m->sms_sender || !m->sms_token)
			return ZH_ENOMEM;
	}
	return ZH_OK;
}

enum zh_err zh_store_nt_done(struct zh_db *db, const struct zh_nt_msg *m, const char *status, int64_t next_at,
			     int64_t now, const char *detail)
{
	static const char sql[] =
		"UPDATE notify_outbox SET status = ?2, next_at = ?3, last_error = CASE WHEN ?2 = 'sent' THEN '' ELSE ?5 END,"
		" delivered_at = CASE WHEN ?2 = 'sent' THEN ?4 ELSE delivered_at END, claimed_at = NULL"
		" WHERE id = ?1 AND status = 'sending'";
	static const char sqll[] = "INSERT INTO notify_delivery_log (school_id, outbox_id, attempt, at, ok, detail)"
				   " VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, m->id);
	zh_sq_bind_text(st, 2, status);
	sqlite3_bind_int64(st, 3, next_at);
	sqlite3_bind_int64(st, 4, now);
	zh_sq_bind_text(st, 5, detail ? detail : "");
	if ((e = zh_sq_exec_done(db, st)))
		return e;
	if (!(st = zh_sq_prep(db, sqll)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, m->school_id);
	sqlite3_bind_int64(st, 2, m->id);
	sqlite3_bind_int64(st, 3, m->attempts);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int(st, 5, strcmp(status, "sent") == 0);
	zh_sq_bind_text(st, 6, detail ? detail : "");
	return zh_sq_exec_done(db, st);
}

/* ---- log and outbox ---- */

#define LOG_FILTER                                                                                       \
	" WHERE o.school_id = ?1 AND (?2 = 0 OR o.person_id = ?2) AND (?3 IS NULL OR o.channel = ?3)"   \
	" AND (?4 IS NULL OR o.status = ?4)"

static void bind_filter(sqlite3_stmt *st, const struct zh_nt_log_filter *f)
{
	sqlite3_bind_int64(st, 1, f->school_id);
	sqlite3_bind_int64(st, 2, f->person_id);
	if (f->channel)
		zh_sq_bind_text(st, 3, f->channel);
	if (f->status)
		zh_sq_bind_text(st, 4, f->status);
}

static enum zh_err log_rows(struct zh_db *db, struct zh_arena *a, sqlite3_stmt *st, const struct zh_nt_log_filter *f,
			    struct zh_nt_log_row **rows, size_t *n)
{
	size_t cap = 0;
	int rc;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 5, f->limit);
	sqlite3_bind_int64(st, 6, f->offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_nt_log_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->outbox_id = sqlite3_column_int64(st, 1);
		r->notification_id = sqlite3_column_int64(st, 2);
		r->person_id = sqlite3_column_int64(st, 3);
		r->attempt = sqlite3_column_int64(st, 4);
		r->at = sqlite3_column_int64(st, 5);
		r->ok = sqlite3_column_int64(st, 6);
		r->next_at = sqlite3_column_int64(st, 7);
		r->delivered_at = sqlite3_column_int64(st, 8);
		r->channel = zh_sq_text(a, st, 9);
		r->address = zh_sq_text(a, st, 10);
		r->status = zh_sq_text(a, st, 11);
		r->detail = zh_sq_text(a, st, 12);
		r->idem_key = zh_sq_text(a, st, 13);
		r->kind = zh_sq_text(a, st, 14);
		r->title = zh_sq_text(a, st, 15);
	}
	return finish(db, st, rc);
}

static enum zh_err count_rows(struct zh_db *db, const char *sql, const struct zh_nt_log_filter *f, int64_t *total)
{
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	bind_filter(st, f);
	return zh_sq_scalar_id(db, st, total);
}

enum zh_err zh_store_nt_log(struct zh_db *db, struct zh_arena *a, const struct zh_nt_log_filter *f,
			    struct zh_nt_log_row **rows, size_t *n, int64_t *total)
{
	static const char sqlc[] = "SELECT count(*) FROM notify_delivery_log l JOIN notify_outbox o ON o.id = l.outbox_id"
		LOG_FILTER;
	static const char sql[] =
		"SELECT l.id, o.id, o.notification_id, o.person_id, l.attempt, l.at, l.ok, o.next_at,"
		" IFNULL(o.delivered_at, 0), o.channel, o.address, o.status, l.detail, o.idem_key, nt.kind, o.subject"
		" FROM notify_delivery_log l JOIN notify_outbox o ON o.id = l.outbox_id"
		" JOIN notifications nt ON nt.id = o.notification_id" LOG_FILTER
		" ORDER BY l.id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *st;
	enum zh_err e;
	if ((e = count_rows(db, sqlc, f, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	return log_rows(db, a, st, f, rows, n);
}

enum zh_err zh_store_nt_outbox(struct zh_db *db, struct zh_arena *a, const struct zh_nt_log_filter *f,
			       struct zh_nt_log_row **rows, size_t *n, int64_t *total)
{
	static const char sqlc[] = "SELECT count(*) FROM notify_outbox o" LOG_FILTER;
	static const char sql[] =
		"SELECT o.id, o.id, o.notification_id, o.person_id, o.attempts, o.created_at, o.status = 'sent', o.next_at,"
		" IFNULL(o.delivered_at, 0), o.channel, o.address, o.status, o.last_error, o.idem_key, nt.kind, o.subject"
		" FROM notify_outbox o JOIN notifications nt ON nt.id = o.notification_id" LOG_FILTER
		" ORDER BY o.id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *st;
	enum zh_err e;
	if ((e = count_rows(db, sqlc, f, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	return log_rows(db, a, st, f, rows, n);
}

/* ---- announcements ---- */

enum zh_err zh_store_ann_insert(struct zh_db *db, int64_t school_id, const struct zh_announcement_row *r, int64_t *id)
{
	static const char sql[] = "INSERT INTO announcements (school_id, author_id, audience, class_id, title, body,"
				  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, r->author_id);
	zh_sq_bind_text(st, 3, r->audience);
	zh_sq_bind_id(st, 4, r->class_id);
	zh_sq_bind_text(st, 5, r->title);
	zh_sq_bind_text(st, 6, r->body ? r->body : "");
	sqlite3_bind_int64(st, 7, r->created_at);
	return zh_sq_insert_id(db, st, id);
}

/* a person's classes: own (student), children's (parent), the class teacher's */
#define ANN_VISIBLE                                                                                        \
	" WHERE a.school_id = ?1 AND (?2 <> 0 OR a.audience = 'school' OR a.author_id = ?3 OR a.class_id IN ("   \
	"  SELECT class_id FROM class_students WHERE student_id = ?3"                                         \
	"  UNION SELECT cs.class_id FROM class_students cs JOIN parent_links pl ON pl.child_id = cs.student_id"\
	"   WHERE pl.parent_id = ?3"                                                                          \
	"  UNION SELECT id FROM classes WHERE class_teacher_id = ?3))"

enum zh_err zh_store_ann_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, bool all, int64_t person_id,
			      int64_t limit, int64_t offset, struct zh_announcement_row **rows, size_t *n,
			      int64_t *total)
{
	static const char sqlc[] = "SELECT count(*) FROM announcements a" ANN_VISIBLE;
	static const char sql[] =
		"SELECT a.id, a.author_id, IFNULL(a.class_id, 0), a.created_at, a.audience, a.title, a.body,"
		" p.last_name || ' ' || p.first_name || IFNULL(' ' || NULLIF(p.middle_name, ''), ''), IFNULL(c.name, '')"
		" FROM announcements a JOIN persons p ON p.id = a.author_id LEFT JOIN classes c ON c.id = a.class_id"
		ANN_VISIBLE " ORDER BY a.id DESC LIMIT ?4 OFFSET ?5";
	sqlite3_stmt *st = zh_sq_prep(db, sqlc);
	size_t cap = 0;
	enum zh_err e;
	int rc;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, all);
	sqlite3_bind_int64(st, 3, person_id);
	if ((e = zh_sq_scalar_id(db, st, total)))
		return e;
	if (!(st = zh_sq_prep(db, sql)))
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, all);
	sqlite3_bind_int64(st, 3, person_id);
	sqlite3_bind_int64(st, 4, limit);
	sqlite3_bind_int64(st, 5, offset);
	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_announcement_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		OOM_IF(r, st);
		r->id = sqlite3_column_int64(st, 0);
		r->author_id = sqlite3_column_int64(st, 1);
		r->class_id = sqlite3_column_int64(st, 2);
		r->created_at = sqlite3_column_int64(st, 3);
		r->audience = zh_sq_text(a, st, 4);
		r->title = zh_sq_text(a, st, 5);
		r->body = zh_sq_text(a, st, 6);
		r->author_name = zh_sq_text(a, st, 7);
		r->class_name = zh_sq_text(a, st, 8);
	}
	return finish(db, st, rc);
}

enum zh_err zh_store_nt_class_exists(struct zh_db *db, int64_t school_id, int64_t class_id, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM classes WHERE id = ? AND school_id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, class_id);
	sqlite3_bind_int64(st, 2, school_id);
	return zh_sq_exists(db, st, yes);
}

/* ---- journal notices ---- */

enum zh_err zh_store_nt_lesson(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_nt_lesson *out)
{
	static const char sql[] = "SELECT l.class_id, IFNULL(l.subgroup_id, 0), l.date, s.name FROM lessons l"
				  " JOIN subjects s ON s.id = l.subject_id WHERE l.id = ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	enum zh_err e;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, lesson_id);
	if ((e = zh_sq_step_one(db, st)))
		return e;
	out->class_id = sqlite3_column_int64(st, 0);
	out->subgroup_id = sqlite3_column_int64(st, 1);
	out->date = zh_sq_text(a, st, 2);
	out->subject = zh_sq_text(a, st, 3);
	sqlite3_reset(st);
	return out->date && out->subject ? ZH_OK : ZH_ENOMEM;
}

/* ---- the queue of journal events ---- */

enum zh_err zh_store_nq_push(struct zh_db *db, const struct zh_nq_row *r)
{
	static const char sql[] =
		"INSERT INTO notify_queue(school_id, feed, lesson_id, assignment_id, student_id, mark_kind, value, code,"
		" homework, user_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, r->school_id);
	zh_sq_bind_text(st, 2, r->feed);
	sqlite3_bind_int64(st, 3, r->lesson_id);
	zh_sq_bind_id(st, 4, r->assignment_id);
	zh_sq_bind_id(st, 5, r->student_id);
	zh_sq_bind_text(st, 6, r->mark_kind);
	sqlite3_bind_int(st, 7, r->value);
	zh_sq_bind_text(st, 8, r->code);
	zh_sq_bind_text(st, 9, r->homework);
	zh_sq_bind_id(st, 10, r->user_id);
	sqlite3_bind_int64(st, 11, r->created_at);
	return zh_sq_exec_done(db, st);
}

enum zh_err zh_store_nq_take(struct zh_db *db, struct zh_arena *a, int limit, struct zh_nq_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT id, school_id, feed, lesson_id, IFNULL(assignment_id, 0), IFNULL(student_id, 0), mark_kind,"
		" IFNULL(value, 0), code, homework, IFNULL(user_id, 0), created_at FROM notify_queue ORDER BY id LIMIT ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zh_nq_row *r = ZH_SQ_PUSH(a, *rows, *n, cap);
		if (!r) {
			sqlite3_reset(st);
			return ZH_ENOMEM;
		}
		r->id = sqlite3_column_int64(st, 0);
		r->school_id = sqlite3_column_int64(st, 1);
		r->feed = zh_sq_text(a, st, 2);
		r->lesson_id = sqlite3_column_int64(st, 3);
		r->assignment_id = sqlite3_column_int64(st, 4);
		r->student_id = sqlite3_column_int64(st, 5);
		r->mark_kind = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 6);
		r->value = sqlite3_column_int(st, 7);
		r->code = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 8);
		r->homework = sqlite3_column_type(st, 9) == SQLITE_NULL ? NULL : zh_sq_text(a, st, 9);
		r->user_id = sqlite3_column_int64(st, 10);
		r->created_at = sqlite3_column_int64(st, 11);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ZH_OK : zh_sq_err(db, rc);
}

enum zh_err zh_store_nq_delete_upto(struct zh_db *db, int64_t max_id)
{
	static const char sql[] = "DELETE FROM notify_queue WHERE id <= ?";
	sqlite3_stmt *st = zh_sq_prep(db, sql);
	if (!st)
		return ZH_EDB;
	sqlite3_bind_int64(st, 1, max_id);
	return zh_sq_exec_done(db, st);
}
