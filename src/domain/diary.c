/* diary.c: the electronic diary (see diary.h) */
#include "domain/diary.h"

#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "domain/school.h"
#include "domain/scope.h"
#include "domain/views.h"

#define EPS 1e-9

static enum zh_err not_found(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "student", "Ученик не найден или не числится в классе");
}

/* The scope check (same 403 for "not yours" and "does not exist"), then the student. */
static enum zh_err open_student(struct zh_ctx *c, int64_t student_id, const char *date, const char *today,
				struct zh_dy_student *s)
{
	enum zh_err e = zh_scope_check(c, "diary.view", &(struct zh_target){ .student_id = student_id });
	if (e)
		return e;
	e = zh_store_dy_student(zh_ctx_db(c), c->arena, c->school_id, student_id, date, today, s);
	return e == ZH_ENOTFOUND ? not_found(c) : e;
}

enum zh_err zh_diary_students(struct zh_ctx *c, struct zh_dy_student **rows, size_t *n)
{
	char today[11];
	enum zh_err e;
	*rows = NULL;
	*n = 0;
	if (!c->person_id || !zh_acl_allows(&c->ops, "diary.view.self"))
		return ZH_OK;
	if ((e = zh_school_today(c, today)))
		return e;
	if (c->roles[ZH_ROLE_PARENT])
		return zh_store_dy_children(zh_ctx_db(c), c->arena, c->school_id, c->person_id, today, rows, n);
	if (c->roles[ZH_ROLE_STUDENT]) {
		struct zh_dy_student *s = zh_arena_alloc(c->arena, sizeof *s);
		if (!s)
			return ZH_ENOMEM;
		e = zh_store_dy_student(zh_ctx_db(c), c->arena, c->school_id, c->person_id, today, today, s);
		if (e == ZH_ENOTFOUND)
			return ZH_OK;
		if (e)
			return e;
		*rows = s;
		*n = 1;
	}
	return ZH_OK;
}

enum zh_err zh_diary_week_key(struct zh_ctx *c, int64_t student_id, const char *week, struct zh_diary_key *k)
{
	enum zh_err e;
	memset(k, 0, sizeof *k);
	if ((e = zh_school_today(c, k->today)))
		return e;
	int64_t day = zh_day_number(week ? week : k->today);
	if (!day && week)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "week", "Неверная дата недели «%s»", week);
	zh_day_string(day - (zh_day_weekday(day) - 1), k->start);
	if ((e = zh_scope_check(c, "diary.view", &(struct zh_target){ .student_id = student_id })))
		return e;
	k->school_id = c->school_id;
	k->student_id = student_id;
	return zh_store_dy_gen(zh_ctx_db(c), c->school_id, &k->gen);
}

enum zh_err zh_diary_week_data(struct zh_ctx *c, const struct zh_diary_key *k, struct zh_diary_week *out)
{
	enum zh_err e;
	memset(out, 0, sizeof *out);
	int64_t monday = zh_day_number(k->start);
	memcpy(out->today, k->today, sizeof out->today);
	memcpy(out->start, k->start, sizeof out->start);
	zh_day_string(monday + 6, out->end);
	zh_day_string(monday - 7, out->prev);
	zh_day_string(monday + 7, out->next);
	e = zh_store_dy_student(zh_ctx_db(c), c->arena, c->school_id, k->student_id, out->start, out->today, &out->s);
	if (e == ZH_ENOTFOUND)
		return not_found(c);
	if (e)
		return e;
	return zh_store_dy_week(zh_ctx_db(c), c->arena, c->school_id, &out->s, out->start, out->end, &out->w);
}

void zh_diary_week_viewed(struct zh_ctx *c, const struct zh_diary_key *k)
{
	zh_views_record(c, k->student_id, "week", k->start);
}

enum zh_err zh_diary_week(struct zh_ctx *c, int64_t student_id, const char *week, struct zh_diary_week *out)
{
	struct zh_diary_key k;
	enum zh_err e;
	if ((e = zh_diary_week_key(c, student_id, week, &k)) || (e = zh_diary_week_data(c, &k, out)))
		return e;
	zh_diary_week_viewed(c, &k);
	return ZH_OK;
}

bool zh_diary_mix(const struct zh_grade *g, size_t n, bool weighted, double threshold, int target, int value,
		  double weight, int limit, int *lower, int *upper)
{
	double sum = 0, wsum = 0, w = weighted ? weight : 1.0;
	double need = (target - 1) + threshold;
	for (size_t i = 0; i < n; i++) {
		double wi = weighted ? g[i].weight : 1.0;
		if (!(wi > 0))
			continue;
		sum += g[i].value * wi;
		wsum += wi;
	}
	*lower = *upper = -1;
	if (!(w > 0))
		return false;
	for (int k = 1; k <= limit; k++) {
		/* with k marks the most lower ones (at least one) that still reach the target */
		for (int lo = k; lo >= 1; lo--) {
			double s2 = sum + ((double)(value - 1) * lo + (double)value * (k - lo)) * w;
			double w2 = wsum + w * k;
			if (w2 > 0 && s2 / w2 + EPS >= need) {
				*lower = lo;
				*upper = k - lo;
				return true;
			}
		}
	}
	return false;
}

enum zh_err zh_diary_marks(struct zh_ctx *c, int64_t student_id, int64_t period_id, struct zh_diary_marks *out)
{
	char today[11];
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_school_today(c, today)) || (e = open_student(c, student_id, today, today, &out->s)))
		return e;
	struct zh_db *db = zh_ctx_db(c);
	e = zh_store_dy_period(db, c->arena, c->school_id, &out->s, period_id, today, &out->period);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "period", "Учебный период не найден");
	if (e || (e = zh_school_settings_get(c, &out->settings)) ||
	    (e = zh_store_dy_periods(db, c->arena, c->school_id, &out->s, &out->periods, &out->nperiods)) ||
	    (e = zh_store_dy_marks(db, c->arena, c->school_id, &out->s, &out->period, &out->m)))
		return e;

	const struct zh_school_settings *st = &out->settings;
	bool weighted = st->averaging && strcmp(st->averaging, "weighted") == 0;
	bool no_marks = out->s.grade == 1;
	out->nsubjects = out->m.nsubjects;
	out->subjects = zh_arena_alloc(c->arena, (out->nsubjects ? out->nsubjects : 1) * sizeof *out->subjects);
	struct zh_grade *buf = zh_arena_alloc(c->arena, (out->m.nmarks ? out->m.nmarks : 1) * sizeof *buf);
	if (!out->subjects || !buf)
		return ZH_ENOMEM;
	for (size_t i = 0; i < out->nsubjects; i++) {
		struct zh_diary_subject *d = &out->subjects[i];
		const struct zh_dy_subject *sj = &out->m.subjects[i];
		memset(d, 0, sizeof *d);
		d->subject = sj;
		d->fives = d->mix_fours = d->mix_fives = -1;
		size_t k = 0;
		/* the marks come grouped by subject */
		for (size_t j = 0; j < out->m.nmarks; j++) {
			const struct zh_dy_mark *m = &out->m.marks[j];
			if (m->subject_id != sj->id)
				continue;
			if (!d->nmarks)
				d->marks = m;
			d->nmarks++;
			if (strcmp(m->kind, "mark") == 0)
				buf[k++] = (struct zh_grade){ .value = m->value, .weight = m->weight };
		}
		for (size_t j = 0; j < out->m.nfinals; j++)
			if (out->m.finals[j].subject_id == sj->id)
				d->period_mark = &out->m.finals[j];
		double avg;
		if (no_marks || sj->pass_fail || !zh_grade_average(buf, k, weighted, &avg))
			continue;
		d->has_average = true;
		d->average = zh_grade_display(avg);
		d->suggested = zh_grade_suggest(avg, st->round_threshold, st->mark_min, st->mark_max);
		if (d->suggested >= st->mark_max)
			continue;
		d->has_next = true;
		d->target = d->suggested + 1;
		double w = weighted ? out->m.lesson_weight : 1.0;
		d->fives = zh_grade_needed(buf, k, weighted, st->round_threshold, d->target, st->mark_max, w, 50);
		zh_diary_mix(buf, k, weighted, st->round_threshold, d->target, st->mark_max, w, 50, &d->mix_fours,
			     &d->mix_fives);
	}
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)out->period.id);
	zh_views_record(c, student_id, "marks", ref);
	return ZH_OK;
}

enum zh_err zh_diary_attendance(struct zh_ctx *c, int64_t student_id, int64_t period_id,
				struct zh_diary_attendance *out)
{
	char today[11];
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_school_today(c, today)) || (e = open_student(c, student_id, today, today, &out->s)))
		return e;
	struct zh_db *db = zh_ctx_db(c);
	e = zh_store_dy_period(db, c->arena, c->school_id, &out->s, period_id, today, &out->period);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "period", "Учебный период не найден");
	if (e)
		return e;
	/* lessons held so far: up to today within the period */
	const char *to = strcmp(out->period.end_date, today) < 0 ? out->period.end_date : today;
	if ((e = zh_store_dy_attendance(db, c->arena, c->school_id, &out->s, out->period.start_date, to,
					&out->total_lessons, &out->items, &out->nitems)))
		return e;
	for (size_t i = 0; i < out->nitems; i++) {
		const struct zh_dy_absence *a = &out->items[i];
		bool missed = true;
		if (strcmp(a->code, "Н") == 0)
			out->n_absent++;
		else if (strcmp(a->code, "Б") == 0)
			out->n_ill++;
		else {
			out->n_late++;
			missed = false;
		}
		if (!missed)
			continue;
		out->missed++;
		if (!a->reason)
			out->r_none++;
		else if (strcmp(a->reason, "УП") == 0)
			out->r_excused++;
		else
			out->r_unexcused++;
	}
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)out->period.id);
	zh_views_record(c, student_id, "attendance", ref);
	return ZH_OK;
}

enum zh_err zh_diary_homework(struct zh_ctx *c, int64_t student_id, struct zh_diary_homework *out)
{
	char yesterday[11];
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_school_today(c, out->today)))
		return e;
	int64_t day = zh_day_number(out->today);
	zh_day_string(day + 13, out->until);
	zh_day_string(day - 30, out->overdue_from);
	zh_day_string(day - 1, yesterday);
	struct zh_db *db = zh_ctx_db(c);
	if ((e = open_student(c, student_id, out->today, out->today, &out->s)) ||
	    (e = zh_store_dy_homework_upcoming(db, c->arena, c->school_id, &out->s, out->today, out->until,
					       &out->upcoming, &out->nupcoming)) ||
	    (e = zh_store_dy_homework_overdue(db, c->arena, c->school_id, &out->s, out->overdue_from, yesterday,
					      &out->overdue, &out->noverdue)))
		return e;
	zh_views_record(c, student_id, "homework", out->today);
	return ZH_OK;
}

enum zh_err zh_diary_views(struct zh_ctx *c, int64_t student_id, int limit, int offset,
			   struct zh_dy_view_row **rows, size_t *n, int64_t *total)
{
	enum zh_err e = zh_scope_check(c, "journal.view", &(struct zh_target){ .student_id = student_id });
	if (e)
		return e;
	return zh_store_dy_views_list(zh_ctx_db(c), c->arena, c->school_id, student_id, limit, offset, rows, n, total);
}
