/* lessons.c: lesson calendar from the timetable, changes for a date, events, notifications (M-07) */
#include "domain/lessons.h"

#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/audit.h"
#include "domain/notify.h" /* M-11 */
#include "domain/school.h"
#include "domain/scope.h"

/* ---- dates ---- */

static bool parse_days(const char *s, int64_t *days)
{
	int y, m, d;
	if (!s || !zh_date_parse(s, &y, &m, &d))
		return false;
	*days = zh_days_civil(y, m, d);
	return true;
}

static enum zh_err need_date(struct zh_ctx *c, const char *s, const char *field, int64_t *days)
{
	int64_t x;
	if (!s || !*s)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", field, "Укажите дату «%s» (ГГГГ-ММ-ДД)", field);
	if (!parse_days(s, days ? days : &x))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", field,
				   "Поле «%s»: нужна настоящая дата в виде ГГГГ-ММ-ДД", field);
	return ZH_OK;
}

/* ---- generation ---- */

static int gen_cmp(const void *x, const void *y)
{
	const struct zh_ls_gen *a = x, *b = y;
	if (a->entry_id != b->entry_id)
		return a->entry_id < b->entry_id ? -1 : 1;
	return strcmp(a->date, b->date);
}

static bool holiday(const struct zh_ls_holiday *h, size_t nh, const char *date, int grade)
{
	for (size_t i = 0; i < nh; i++)
		if (grade >= h[i].grade_from && grade <= h[i].grade_to && strcmp(date, h[i].start_date) >= 0 &&
		    strcmp(date, h[i].end_date) <= 0)
			return true;
	return false;
}

static bool same(const struct zh_ls_gen *g, const struct zh_ls_entry *e)
{
	return g->class_id == e->class_id && g->subgroup_id == e->subgroup_id && g->subject_id == e->subject_id &&
	       g->teacher_id == e->teacher_id && g->room_id == e->room_id && g->lesson_number == e->lesson_number;
}

/* A lesson that no longer matches the timetable: removed, or kept and flagged when it has data. */
static enum zh_err stale(struct zh_db *db, int64_t school_id, const struct zh_ls_gen *g, struct zh_ls_counts *out)
{
	bool data = false;
	enum zh_err e;
	if ((e = zh_store_lesson_has_data(db, g->id, &data)))
		return e;
	if (data) {
		out->kept_flagged++;
		return zh_store_lesson_flag(db, school_id, g->id);
	}
	out->removed++;
	return zh_store_lesson_delete(db, school_id, g->id);
}

enum zh_err zh_lessons_generate_db(struct zh_db *db, struct zh_arena *a, int64_t school_id, int64_t period_id,
				   const char *today, int64_t now, struct zh_ls_counts *out)
{
	struct zh_ls_period p;
	struct zh_ls_entry *en;
	struct zh_ls_holiday *ho;
	struct zh_ls_gen *ex;
	size_t nen, nho, nex;
	int64_t d0, d1;
	bool *seen;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if ((e = zh_store_ls_period_get(db, a, school_id, period_id, &p)) ||
	    (e = zh_store_ls_entries(db, a, school_id, period_id, &en, &nen)) ||
	    (e = zh_store_ls_holidays(db, a, school_id, p.year_id, &ho, &nho)) ||
	    (e = zh_store_ls_generated(db, a, school_id, period_id, &ex, &nex)))
		return e;
	if (!parse_days(p.start_date, &d0) || !parse_days(p.end_date, &d1))
		return ZH_EINTERNAL;
	if (nex)
		qsort(ex, nex, sizeof *ex, gen_cmp);
	seen = nex ? zh_arena_alloc(a, nex) : NULL;
	if (nex && !seen)
		return ZH_ENOMEM;
	if (seen)
		memset(seen, 0, nex);

	for (size_t i = 0; i < nen; i++) {
		const struct zh_ls_entry *t = &en[i];
		int64_t first = d0 + ((t->weekday - zh_day_weekday(d0)) % 7 + 7) % 7;
		for (int64_t d = first; d <= d1; d += 7) {
			struct zh_ls_gen key = { .entry_id = t->id };
			struct zh_ls_gen *hit;
			zh_day_string(d, key.date);
			if (holiday(ho, nho, key.date, t->grade))
				continue;
			hit = nex ? bsearch(&key, ex, nex, sizeof *ex, gen_cmp) : NULL;
			if (hit) {
				seen[hit - ex] = 1;
				if (same(hit, t) || strcmp(hit->date, today) < 0)
					continue;
				if ((e = stale(db, school_id, hit, out)))
					return e;
			}
			struct zh_ls_new l = { .school_id = school_id, .period_id = period_id, .entry_id = t->id,
					       .class_id = t->class_id, .subgroup_id = t->subgroup_id,
					       .subject_id = t->subject_id, .teacher_id = t->teacher_id,
					       .room_id = t->room_id, .date = key.date,
					       .lesson_number = t->lesson_number, .created_at = now };
			if ((e = zh_store_lesson_insert(db, &l, NULL)))
				return e;
			out->created++;
		}
	}
	for (size_t i = 0; i < nex; i++) {
		if (seen[i] || strcmp(ex[i].date, today) < 0 || (!ex[i].entry_id && ex[i].flagged))
			continue;
		if ((e = stale(db, school_id, &ex[i], out)))
			return e;
	}
	return ZH_OK;
}

static enum zh_err finish_tx(struct zh_db *db, enum zh_err e)
{
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

enum zh_err zh_lessons_generate(struct zh_ctx *c, int64_t period_id, struct zh_ls_counts *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_ls_period p;
	char today[11];
	enum zh_err e;

	if ((e = zh_school_today(c, today)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_ls_period_get(db, c->arena, c->school_id, period_id, &p);
	if (e == ZH_ENOTFOUND)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "period_not_found", "period_id",
				"Учебный период с номером %lld не найден в школе", (long long)period_id);
	if (!e)
		e = zh_lessons_generate_db(db, c->arena, c->school_id, period_id, today, c->now, out);
	if (!e) {
		json_t *nv = json_pack("{s:I, s:s, s:I, s:I, s:I}", "period_id", (json_int_t)period_id, "period",
				       p.name, "created", (json_int_t)out->created, "removed", (json_int_t)out->removed,
				       "kept_flagged", (json_int_t)out->kept_flagged);
		e = zh_audit(c, "timetable.edit", "lessons", period_id, NULL, nv);
		json_decref(nv);
	}
	return finish_tx(db, e);
}

/* ---- reading ---- */

static enum zh_err deny(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
}

static int view_scopes(struct zh_ctx *c)
{
	return zh_acl_scopes(&c->ops, "timetable.view");
}

enum zh_err zh_lessons_list(struct zh_ctx *c, int64_t class_id, int64_t teacher_id, const char *from,
			    const char *to, struct zh_lesson_row **rows, size_t *n)
{
	struct zh_lesson_filter flt = { .school_id = c->school_id, .class_id = class_id, .teacher_id = teacher_id,
					.from = from, .to = to };
	int64_t a, b;
	enum zh_err e;
	if (!class_id == !teacher_id)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "class",
				   "Укажите либо класс (class), либо учителя (teacher)");
	if ((e = need_date(c, from, "from", &a)) || (e = need_date(c, to, "to", &b)))
		return e;
	if (b < a || b - a > 62)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_range", "to",
				   "Период просмотра: дата «по» не раньше даты «с» и не больше 62 дней");
	if (!(view_scopes(c) & ZH_SCOPE_ALL)) {
		bool yes = false;
		if (teacher_id && teacher_id != c->person_id)
			return deny(c);
		if (class_id) {
			if ((e = zh_store_ls_in_class(zh_ctx_db(c), c->school_id, c->person_id, class_id, &yes)))
				return e;
			if (!yes)
				return deny(c);
		}
	}
	return zh_store_lessons_list(zh_ctx_db(c), c->arena, &flt, rows, n);
}

static enum zh_err lesson_load(struct zh_ctx *c, int64_t id, struct zh_lesson_row *out)
{
	enum zh_err e = zh_store_lesson_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "lesson_not_found", "", "Урок с номером %lld не найден",
				   (long long)id);
	return e;
}

enum zh_err zh_lesson_get(struct zh_ctx *c, int64_t id, struct zh_lesson_row *out,
			  struct zh_lesson_change_row **changes, size_t *nchanges)
{
	enum zh_err e;
	if ((e = lesson_load(c, id, out)))
		return e;
	if (!(view_scopes(c) & ZH_SCOPE_ALL) && out->teacher_id != c->person_id && out->substitute_id != c->person_id) {
		bool yes = false;
		if ((e = zh_store_ls_in_class(zh_ctx_db(c), c->school_id, c->person_id, out->class_id, &yes)))
			return e;
		if (!yes)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "lesson_not_found", "", "Урок с номером %lld не найден",
					   (long long)id);
	}
	return zh_store_lesson_changes(zh_ctx_db(c), c->arena, c->school_id, id, changes, nchanges);
}

/* ---- changes for a date ---- */

static json_t *lesson_json(const struct zh_lesson_row *l)
{
	return json_pack("{s:I, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:s}", "id", (json_int_t)l->id, "date", l->date,
			 "lesson_number", l->lesson_number, "class_id", (json_int_t)l->class_id, "subject_id",
			 (json_int_t)l->subject_id, "teacher_id", (json_int_t)l->teacher_id, "room_id",
			 (json_int_t)l->room_id, "substitute_id", (json_int_t)l->substitute_id, "status", l->status);
}

static const char *ddmm(struct zh_arena *a, const char *date)
{
	return zh_arena_printf(a, "%.2s.%.2s", date + 8, date + 5);
}

static enum zh_err audit_change(struct zh_ctx *c, const char *kind, const struct zh_lesson_row *old,
				const struct zh_lesson_row *nw, const char *reason)
{
	json_t *o = old ? lesson_json(old) : NULL;
	json_t *n = lesson_json(nw);
	enum zh_err e;
	if (n) {
		json_object_set_new(n, "change", json_string(kind));
		json_object_set_new(n, "reason", json_string(reason ? reason : ""));
	}
	e = zh_audit(c, "timetable.edit", "lesson", nw->id, o, n);
	json_decref(o);
	json_decref(n);
	return e;
}

static enum zh_err planned_lesson(struct zh_ctx *c, int64_t id, struct zh_lesson_row *l)
{
	enum zh_err e = lesson_load(c, id, l);
	if (e)
		return e;
	if (strcmp(l->status, "planned") != 0)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "lesson_cancelled", "",
				   "Урок %s (%d урок) отменён: изменения для него невозможны", l->date, l->lesson_number);
	return ZH_OK;
}

static enum zh_err notify(struct zh_ctx *c, const struct zh_lesson_row *l, int64_t substitute_id, const char *title,
			  const char *body, int64_t *notified)
{
	/* M-11: through the one entry point (in-app rows, e-mail/SMS outbox, idempotent per change) */
	struct zh_notice n = { .kind = "timetable_change", .entity = "lesson", .entity_id = l->id, .title = title,
			       .body = body,
			       .to = { .class_id = l->class_id, .subgroup_id = l->subgroup_id,
				       .extra = { l->teacher_id, substitute_id } } };
	return zh_notify(c, &n, notified);
}

static enum zh_err check_reason(struct zh_ctx *c, const char *reason)
{
	if (reason && strlen(reason) > 1000)
		return zh_fail_set(&c->fail, ZH_EINVAL, "too_long", "reason", "Причина длиннее 1000 символов");
	return ZH_OK;
}

enum zh_err zh_lesson_substitute(struct zh_ctx *c, int64_t id, int64_t substitute_id, const char *reason,
				 int64_t *notified)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_lesson_row l, nw;
	const char *name = NULL;
	bool yes = false, busy = false;
	enum zh_err e;

	if ((e = check_reason(c, reason)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = planned_lesson(c, id, &l)))
		goto out;
	if ((e = zh_store_ls_is_teacher(db, c->arena, c->school_id, substitute_id, &yes, &name)))
		goto out;
	if (!yes) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "not_a_teacher", "substitute_id",
				"Заменяющий должен быть учителем этой школы");
		goto out;
	}
	if (substitute_id == (l.substitute_id ? l.substitute_id : l.teacher_id)) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "same_teacher", "substitute_id", "Этот учитель уже ведёт урок");
		goto out;
	}
	if ((e = zh_store_ls_teacher_busy(db, c->school_id, substitute_id, l.date, l.lesson_number, l.id, &busy)))
		goto out;
	if (busy) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "teacher_busy", "substitute_id",
				"%s в это время (%s, %d урок) ведёт другой урок", name, ddmm(c->arena, l.date),
				l.lesson_number);
		goto out;
	}
	if ((e = zh_store_lesson_change_insert(db, c->school_id, id, "substitution", substitute_id, 0, reason,
					       c->person_id, c->now, NULL)))
		goto out;
	nw = l;
	nw.substitute_id = substitute_id;
	if ((e = audit_change(c, "substitution", &l, &nw, reason)))
		goto out;
	e = notify(c, &l, substitute_id,
		   zh_arena_printf(c->arena, "Замена: %s, %d урок, %s — %s", ddmm(c->arena, l.date), l.lesson_number,
				   l.subject_name, name),
		   reason, notified);
out:
	return finish_tx(db, e);
}

enum zh_err zh_lesson_room(struct zh_ctx *c, int64_t id, int64_t room_id, const char *reason, int64_t *notified)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_lesson_row l, nw;
	const char *room = NULL;
	bool busy = false;
	enum zh_err e;

	if ((e = check_reason(c, reason)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = planned_lesson(c, id, &l)) || (e = zh_store_ls_room_name(db, c->arena, c->school_id, room_id, &room)))
		goto out;
	if (!room) {
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "room_not_found", "room_id", "Кабинет с номером %lld не найден",
				(long long)room_id);
		goto out;
	}
	if (room_id == l.room_id) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "same_room", "room_id", "Урок уже проходит в этом кабинете");
		goto out;
	}
	if ((e = zh_store_ls_room_busy(db, c->school_id, room_id, l.date, l.lesson_number, l.id, &busy)))
		goto out;
	if (busy) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "room_busy", "room_id", "Кабинет %s занят: %s, %d урок", room,
				ddmm(c->arena, l.date), l.lesson_number);
		goto out;
	}
	if ((e = zh_store_lesson_set_room(db, c->school_id, id, room_id)) ||
	    (e = zh_store_lesson_change_insert(db, c->school_id, id, "room", 0, room_id, reason, c->person_id, c->now,
					       NULL)))
		goto out;
	nw = l;
	nw.room_id = room_id;
	if ((e = audit_change(c, "room", &l, &nw, reason)))
		goto out;
	e = notify(c, &l, l.substitute_id,
		   zh_arena_printf(c->arena, "Замена кабинета: %s, %d урок, %s — каб. %s", ddmm(c->arena, l.date),
				   l.lesson_number, l.subject_name, room),
		   reason, notified);
out:
	return finish_tx(db, e);
}

enum zh_err zh_lesson_cancel(struct zh_ctx *c, int64_t id, const char *reason, int64_t *notified)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_lesson_row l, nw;
	enum zh_err e;

	if ((e = check_reason(c, reason)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = planned_lesson(c, id, &l)))
		goto out;
	if ((e = zh_store_lesson_set_status(db, c->school_id, id, "cancelled")) ||
	    (e = zh_store_lesson_change_insert(db, c->school_id, id, "cancel", 0, 0, reason, c->person_id, c->now,
					       NULL)))
		goto out;
	nw = l;
	nw.status = "cancelled";
	if ((e = audit_change(c, "cancel", &l, &nw, reason)))
		goto out;
	e = notify(c, &l, l.substitute_id,
		   zh_arena_printf(c->arena, "Отмена урока: %s, %d урок, %s", ddmm(c->arena, l.date), l.lesson_number,
				   l.subject_name),
		   reason, notified);
out:
	return finish_tx(db, e);
}

enum zh_err zh_lesson_extra(struct zh_ctx *c, const struct zh_extra_in *in, int64_t *id, int64_t *notified)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_ls_class k;
	struct zh_ls_period *ps;
	struct zh_lesson_row l;
	const char *subject = NULL, *tname = NULL, *room = NULL;
	size_t nps;
	bool yes = false, busy = false;
	enum zh_err e;

	if ((e = need_date(c, in->date, "date", NULL)) || (e = check_reason(c, in->reason)))
		return e;
	if (in->lesson_number < 0 || in->lesson_number > 12)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "lesson_number", "Номер урока: от 0 до 12");
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_ls_class_get(db, c->arena, c->school_id, in->class_id, &k);
	if (e == ZH_ENOTFOUND)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class_id", "Класс не найден");
	if (e)
		goto out;
	if (in->subgroup_id) {
		int64_t gc = 0, gs = 0;
		e = zh_store_ls_subgroup(db, c->school_id, in->subgroup_id, &gc, &gs);
		if (e == ZH_ENOTFOUND || (!e && gc != in->class_id))
			e = zh_fail_set(&c->fail, ZH_ERULE, "subgroup_not_in_class", "subgroup_id",
					"Подгруппа не относится к классу %s", k.name);
		if (e)
			goto out;
	}
	e = zh_store_ls_subject_name(db, c->arena, c->school_id, in->subject_id, &subject);
	if (e == ZH_ENOTFOUND)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "subject_not_found", "subject_id", "Предмет не найден");
	if (e || (e = zh_store_ls_is_teacher(db, c->arena, c->school_id, in->teacher_id, &yes, &tname)))
		goto out;
	if (!yes) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "not_a_teacher", "teacher_id", "Учитель не найден в школе");
		goto out;
	}
	if (in->room_id) {
		if ((e = zh_store_ls_room_name(db, c->arena, c->school_id, in->room_id, &room)))
			goto out;
		if (!room) {
			e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "room_not_found", "room_id", "Кабинет не найден");
			goto out;
		}
	}
	if ((e = zh_store_ls_periods_at(db, c->arena, c->school_id, k.year_id, in->date, &ps, &nps)))
		goto out;
	if (!nps) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "date_outside_periods", "date",
				"Дата %s не входит ни в один учебный период года класса", in->date);
		goto out;
	}
	if ((e = zh_store_ls_class_busy(db, c->school_id, in->class_id, in->subgroup_id, in->date, in->lesson_number, 0,
					&busy)))
		goto out;
	if (busy) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "class_busy", "lesson_number", "У класса %s уже есть %d урок %s",
				k.name, in->lesson_number, ddmm(c->arena, in->date));
		goto out;
	}
	if ((e = zh_store_ls_teacher_busy(db, c->school_id, in->teacher_id, in->date, in->lesson_number, 0, &busy)))
		goto out;
	if (busy) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "teacher_busy", "teacher_id", "%s в это время ведёт другой урок",
				tname);
		goto out;
	}
	if (in->room_id) {
		if ((e = zh_store_ls_room_busy(db, c->school_id, in->room_id, in->date, in->lesson_number, 0, &busy)))
			goto out;
		if (busy) {
			e = zh_fail_set(&c->fail, ZH_ECONFLICT, "room_busy", "room_id", "Кабинет %s в это время занят", room);
			goto out;
		}
	}
	struct zh_ls_new nl = { .school_id = c->school_id, .period_id = ps[0].id, .class_id = in->class_id,
				.subgroup_id = in->subgroup_id, .subject_id = in->subject_id,
				.teacher_id = in->teacher_id, .room_id = in->room_id, .date = in->date,
				.lesson_number = in->lesson_number, .extra = true, .created_at = c->now };
	if ((e = zh_store_lesson_insert(db, &nl, id)) ||
	    (e = zh_store_lesson_change_insert(db, c->school_id, *id, "extra", 0, in->room_id, in->reason, c->person_id,
					       c->now, NULL)) ||
	    (e = lesson_load(c, *id, &l)) || (e = audit_change(c, "extra", NULL, &l, in->reason)))
		goto out;
	e = notify(c, &l, 0,
		   zh_arena_printf(c->arena, "Дополнительный урок: %s, %d урок, %s — %s", ddmm(c->arena, l.date),
				   l.lesson_number, subject, tname),
		   in->reason, notified);
out:
	return finish_tx(db, e);
}

/* ---- notifications ---- */

enum zh_err zh_notifications_list(struct zh_ctx *c, int64_t limit, int64_t offset,
				  struct zh_notification_row **rows, size_t *n, int64_t *total, int64_t *unread)
{
	return zh_store_notifications(zh_ctx_db(c), c->arena, c->person_id, limit, offset, rows, n, total, unread);
}

enum zh_err zh_notification_read(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_notification_read(db, c->person_id, id, c->now);
	if (e == ZH_ENOTFOUND)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "notification_not_found", "", "Уведомление не найдено");
	return finish_tx(db, e);
}

/* ---- events ---- */

enum zh_err zh_events_list(struct zh_ctx *c, const char *from, const char *to, int64_t class_id,
			   struct zh_event_row **rows, size_t *n)
{
	struct zh_event_filter flt = { .school_id = c->school_id, .class_id = class_id, .from = from, .to = to };
	int64_t a, b;
	bool all = view_scopes(c) & ZH_SCOPE_ALL;
	enum zh_err e;
	if ((e = need_date(c, from, "from", &a)) || (e = need_date(c, to, "to", &b)))
		return e;
	if (b < a || b - a > 400)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_range", "to",
				   "Период просмотра: дата «по» не раньше даты «с» и не больше 400 дней");
	flt.staff = all;
	flt.parents = all || c->roles[ZH_ROLE_PARENT];
	if (!all) {
		bool yes = false;
		if (!class_id)
			flt.class_id = -1; /* school-wide events only */
		else if ((e = zh_store_ls_in_class(zh_ctx_db(c), c->school_id, c->person_id, class_id, &yes)))
			return e;
		else if (!yes)
			return deny(c);
	}
	return zh_store_events_list(zh_ctx_db(c), c->arena, &flt, rows, n);
}

enum zh_err zh_event_get(struct zh_ctx *c, int64_t id, struct zh_event_row *out)
{
	enum zh_err e = zh_store_event_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "event_not_found", "", "Мероприятие не найдено");
	if (!e && !(view_scopes(c) & ZH_SCOPE_ALL) && strcmp(out->audience, "school") != 0) {
		bool yes = false;
		if (strcmp(out->audience, "class") == 0 &&
		    (e = zh_store_ls_in_class(zh_ctx_db(c), c->school_id, c->person_id, out->class_id, &yes)))
			return e;
		if (strcmp(out->audience, "parents") == 0)
			yes = c->roles[ZH_ROLE_PARENT];
		if (!yes)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "event_not_found", "", "Мероприятие не найдено");
	}
	return e;
}

static enum zh_err may_edit(struct zh_ctx *c, const struct zh_event_row *ev)
{
	if (strcmp(ev->audience, "class") == 0)
		return zh_scope_check(c, "events.class.edit", &(struct zh_target){ .class_id = ev->class_id });
	return zh_acl_allows(&c->ops, "events.school.edit") ? ZH_OK : deny(c);
}

static bool hhmm(const char *s)
{
	return s && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

static json_t *event_json(const struct zh_event_row *ev)
{
	return json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s, s:I}", "title", ev->title, "date", ev->date, "start_time",
			 ev->start_time, "end_time", ev->end_time, "place", ev->place ? ev->place : "", "audience",
			 ev->audience, "class_id", (json_int_t)ev->class_id);
}

enum zh_err zh_event_save(struct zh_ctx *c, struct zh_event_row *ev)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_event_row old;
	struct zh_ls_class k;
	enum zh_err e;

	if (!ev->title || !*ev->title)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "title", "Укажите название мероприятия");
	if (strlen(ev->title) > 600)
		return zh_fail_set(&c->fail, ZH_EINVAL, "too_long", "title", "Название длиннее 200 символов");
	if ((e = need_date(c, ev->date, "date", NULL)))
		return e;
	if (ev->start_time && *ev->start_time && !hhmm(ev->start_time))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_time", "start_time", "Время начала в виде ЧЧ:ММ");
	if (ev->end_time && *ev->end_time && !hhmm(ev->end_time))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_time", "end_time", "Время окончания в виде ЧЧ:ММ");
	if (ev->start_time && *ev->start_time && ev->end_time && *ev->end_time &&
	    strcmp(ev->start_time, ev->end_time) >= 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_time", "end_time", "Окончание должно быть позже начала");
	if (!ev->audience)
		ev->audience = ev->class_id ? "class" : "school";
	if (strcmp(ev->audience, "school") != 0 && strcmp(ev->audience, "class") != 0 &&
	    strcmp(ev->audience, "staff") != 0 && strcmp(ev->audience, "parents") != 0)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "audience",
				   "Аудитория: school (школа), class (класс), staff (сотрудники) или parents (родители)");
	if (strcmp(ev->audience, "class") == 0 && !ev->class_id)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "class_id", "Укажите класс мероприятия");
	if (strcmp(ev->audience, "class") != 0)
		ev->class_id = 0;
	if ((e = may_edit(c, ev)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if (ev->class_id) {
		e = zh_store_ls_class_get(db, c->arena, c->school_id, ev->class_id, &k);
		if (e == ZH_ENOTFOUND)
			e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class_id", "Класс не найден");
		if (e)
			goto out;
	}
	ev->created_by = c->person_id;
	ev->created_at = c->now;
	if (ev->id) {
		e = zh_store_event_get(db, c->arena, c->school_id, ev->id, &old);
		if (e == ZH_ENOTFOUND)
			e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "event_not_found", "", "Мероприятие не найдено");
		if (e || (e = may_edit(c, &old)) || (e = zh_store_event_update(db, c->school_id, ev)))
			goto out;
		json_t *o = event_json(&old), *n = event_json(ev);
		e = zh_audit(c, strcmp(ev->audience, "class") == 0 ? "events.class.edit" : "events.school.edit", "event",
			     ev->id, o, n);
		json_decref(o);
		json_decref(n);
	} else {
		if ((e = zh_store_event_insert(db, c->school_id, ev, &ev->id)))
			goto out;
		json_t *n = event_json(ev);
		e = zh_audit(c, strcmp(ev->audience, "class") == 0 ? "events.class.edit" : "events.school.edit", "event",
			     ev->id, NULL, n);
		json_decref(n);
	}
out:
	return finish_tx(db, e);
}

enum zh_err zh_event_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_event_row old;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_event_get(db, c->arena, c->school_id, id, &old);
	if (e == ZH_ENOTFOUND)
		e = zh_fail_set(&c->fail, ZH_ENOTFOUND, "event_not_found", "", "Мероприятие не найдено");
	if (e || (e = may_edit(c, &old)) || (e = zh_store_event_delete(db, c->school_id, id)))
		goto out;
	json_t *o = event_json(&old);
	e = zh_audit(c, strcmp(old.audience, "class") == 0 ? "events.class.edit" : "events.school.edit", "event", id,
		     o, NULL);
	json_decref(o);
out:
	return finish_tx(db, e);
}
