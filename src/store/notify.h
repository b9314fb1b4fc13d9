/* notify.h: storage of notifications, preferences, the outbox and the delivery log (M-11) */
#ifndef ZH_STORE_NOTIFY_H
#define ZH_STORE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* ---- who gets a notice ---- */
struct zh_nt_audience {
	int64_t school_id;
	int64_t student_id;              /* the student and the student's parents */
	int64_t class_id, subgroup_id;   /* the class's (subgroup's) students and their parents */
	bool whole_school;               /* all students, parents and current staff */
	bool class_teacher;              /* with class_id: also the class teacher */
	int64_t extra[4];                /* further persons (0 = none) */
};
/* Distinct person ids, ascending. */
enum zh_err zh_store_nt_audience(struct zh_db *db, struct zh_arena *a, const struct zh_nt_audience *au,
				 int64_t **ids, size_t *n);

/* The school's channels and time zone. */
struct zh_nt_school {
	bool email, sms;
	const char *tz;
};
enum zh_err zh_store_nt_school(struct zh_db *db, struct zh_arena *a, int64_t school_id, struct zh_nt_school *out);

/* A recipient: addresses from the card (contacts) or the override, the kind's channel switches
 * (-1 = no stored preference) and quiet hours ("" = none). */
struct zh_nt_target {
	const char *card_email, *card_phone, *email, *phone; /* email/phone: the override ("" = none) */
	const char *quiet_from, *quiet_to;
	int email_on, sms_on;
};
enum zh_err zh_store_nt_target(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t person_id,
			       const char *kind, struct zh_nt_target *out);

/* The latest version of a notification by key; ZH_ENOTFOUND when none. started: one of its
 * outbox messages has left 'pending' or been tried. */
struct zh_nt_latest {
	int64_t id, version, created_at, read_at;
	const char *title, *body;
	bool started;
};
enum zh_err zh_store_nt_latest(struct zh_db *db, struct zh_arena *a, const char *key, struct zh_nt_latest *out);
struct zh_nt_new {
	int64_t school_id, person_id, entity_id, version, now;
	const char *kind, *title, *body, *entity, *key;
};
enum zh_err zh_store_nt_insert(struct zh_db *db, const struct zh_nt_new *n, int64_t *id);
/* Rewrites a notification (and its untried outbox messages), unread again. */
enum zh_err zh_store_nt_rewrite(struct zh_db *db, int64_t id, const char *title, const char *body, int64_t now);
enum zh_err zh_store_nt_outbox_add(struct zh_db *db, int64_t school_id, int64_t notification_id, int64_t person_id,
				   const char *channel, const char *address, const char *subject, const char *body,
				   int64_t next_at, int64_t now);
enum zh_err zh_store_nt_unread(struct zh_db *db, int64_t person_id, int64_t *unread);

/* ---- preferences ---- */
struct zh_nt_pref {
	const char *kind;
	int email, sms; /* -1 = not stored */
};
enum zh_err zh_store_nt_prefs(struct zh_db *db, struct zh_arena *a, int64_t person_id, struct zh_nt_pref **rows,
			      size_t *n);
enum zh_err zh_store_nt_pref_put(struct zh_db *db, int64_t person_id, const char *kind, bool email, bool sms);
enum zh_err zh_store_nt_person_put(struct zh_db *db, int64_t person_id, const char *quiet_from, const char *quiet_to,
				   const char *email, const char *phone, int64_t now);

/* ---- the delivery worker (no school scope: the whole installation) ---- */
struct zh_nt_msg {
	int64_t id, school_id, attempts;
	const char *channel, *address, *subject, *body, *idem_key;
	/* the school's channel settings */
	const char *smtp_host, *smtp_user, *smtp_password, *smtp_from;
	int64_t smtp_port;
	const char *sms_url, *sms_sender, *sms_token;
};
/* Claims up to max due messages: 'pending' with next_at <= now, or 'sending' with claimed_at
 * older than lease_before; marks them 'sending' (claimed_at = now, attempts + 1). */
enum zh_err zh_store_nt_claim(struct zh_db *db, struct zh_arena *a, int64_t now, int64_t lease_before, int max,
			      struct zh_nt_msg **rows, size_t *n);
/* After an attempt: 'sent' (delivered_at), 'pending' again at next_at, or 'failed'; logged. */
enum zh_err zh_store_nt_done(struct zh_db *db, const struct zh_nt_msg *m, const char *status, int64_t next_at,
			     int64_t now, const char *detail);

/* ---- the delivery log (admin) ---- */
struct zh_nt_log_row {
	int64_t id, outbox_id, notification_id, person_id, attempt, at, ok, next_at, delivered_at;
	const char *channel, *address, *status, *detail, *idem_key, *kind, *title;
};
struct zh_nt_log_filter {
	int64_t school_id, person_id, limit, offset;
	const char *channel, *status;
};
enum zh_err zh_store_nt_log(struct zh_db *db, struct zh_arena *a, const struct zh_nt_log_filter *f,
			    struct zh_nt_log_row **rows, size_t *n, int64_t *total);
/* The outbox itself (current state per message), same filter. */
enum zh_err zh_store_nt_outbox(struct zh_db *db, struct zh_arena *a, const struct zh_nt_log_filter *f,
			       struct zh_nt_log_row **rows, size_t *n, int64_t *total);

/* ---- announcements ---- */
struct zh_announcement_row {
	int64_t id, author_id, class_id, created_at;
	const char *audience, *title, *body, *author_name, *class_name;
};
enum zh_err zh_store_ann_insert(struct zh_db *db, int64_t school_id, const struct zh_announcement_row *r, int64_t *id);
/* The board as a person sees it: school-wide ones and those of classes in class_ids (NULL = all). */
enum zh_err zh_store_ann_list(struct zh_db *db, struct zh_arena *a, int64_t school_id, bool all, int64_t person_id,
			      int64_t limit, int64_t offset, struct zh_announcement_row **rows, size_t *n,
			      int64_t *total);
enum zh_err zh_store_nt_class_exists(struct zh_db *db, int64_t school_id, int64_t class_id, bool *yes);

/* ---- what a journal notice says ---- */
struct zh_nt_lesson {
	int64_t class_id, subgroup_id;
	const char *date, *subject;
};
enum zh_err zh_store_nt_lesson(struct zh_db *db, struct zh_arena *a, int64_t lesson_id, struct zh_nt_lesson *out);

/* ---- the queue of journal events (0014: notify_queue) ---- */
struct zh_nq_row {
	int64_t id, school_id, lesson_id, assignment_id, student_id, user_id, created_at;
	const char *feed, *mark_kind, *code, *homework; /* NULL = none */
	int value;
};
enum zh_err zh_store_nq_push(struct zh_db *db, const struct zh_nq_row *r);
/* The oldest `limit` rows. */
enum zh_err zh_store_nq_take(struct zh_db *db, struct zh_arena *a, int limit, struct zh_nq_row **rows, size_t *n);
enum zh_err zh_store_nq_delete_upto(struct zh_db *db, int64_t max_id);

#endif
