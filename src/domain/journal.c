/* journal.c: the journals the actor may open and the journal grid (see journal.h) */
#include "domain/journal.h"

#include <string.h>

#include "domain/grading.h"
#include "domain/scope.h"
#include "domain/school.h"

/* ZH_OK or ZH_EFORBIDDEN without leaving the failure behind (a probe, not a refusal). */
static bool probe(struct zh_ctx *c, const char *family, const struct zh_target *t, enum zh_err *err)
{
	enum zh_err e = zh_scope_check(c, family, t);
	*err = ZH_OK;
	if (e == ZH_OK)
		return true;
	if (e == ZH_EFORBIDDEN) {
		memset(&c->fail, 0, sizeof c->fail);
		return false;
	}
	*err = e;
	return false;
}

static enum zh_err not_found(struct zh_ctx *c, const char *code, const char *field, const char *msg)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, code, field, "%s", msg);
}

enum zh_err zh_journals_list(struct zh_ctx *c, int64_t period_id, int64_t class_id, struct zh_journal_item **rows,
			     size_t *n)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_jr_list_filter f = { .school_id = c->school_id, .class_id = class_id, .period_id = period_id };
	int view = zh_acl_scopes(&c->ops, "journal.view"), edit = zh_acl_scopes(&c->ops, "journal.edit");
	struct zh_jr_item *items;
	size_t ni;
	char today[11];
	enum zh_err e;

	*rows = NULL;
	*n = 0;
	if (!(view & ZH_SCOPE_ALL)) {
		if (!(view & ZH_SCOPE_OWN_SUBJECT) || !c->person_id)
			return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
		f.person_id = c->person_id;
	}
	if ((edit & ZH_SCOPE_OWN_SUBJECT) && c->person_id)
		f.editor_id = c->person_id;
	if ((e = zh_school_today(c, today)))
		return e;
	f.today = today;
	if (period_id) {
		struct zh_jr_period p;
		e = zh_store_jr_period(db, c->arena, c->school_id, period_id, &p);
		if (e == ZH_ENOTFOUND)
			return not_found(c, "period_not_found", "period", "Период не найден");
		if (e)
			return e;
		f.year_id = p.year_id;
	} else {
		e = zh_store_jr_year_at(db, c->school_id, today, &f.year_id);
		if (e == ZH_ENOTFOUND)
			return ZH_OK;
		if (e)
			return e;
	}
	if ((e = zh_store_jr_list(db, c->arena, &f, &items, &ni)))
		return e;
	if (!ni)
		return ZH_OK;
	*rows = zh_arena_alloc(c->arena, ni * sizeof **rows);
	if (!*rows)
		return ZH_ENOMEM;
	for (size_t i = 0; i < ni; i++) {
		(*rows)[i].row = items[i];
		(*rows)[i].can_edit = (edit & ZH_SCOPE_ALL) || items[i].teaches;
	}
	*n = ni;
	return ZH_OK;
}

/* Everything after the frame is known: settings, lock, work types, data, students, averages. */
static enum zh_err fill(struct zh_ctx *c, struct zh_journal_grid *g, const struct zh_jr_filter *flt,
			bool with_period_marks)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_journal_lockctx lk;
	struct zh_jr_final *finals = NULL;
	size_t nfinals = 0;
	bool sub_edit = (zh_acl_scopes(&c->ops, "journal.edit") & ZH_SCOPE_OWN_SUBJECT) && c->person_id;
	enum zh_err e;

	if ((e = zh_journal_lock_begin(c, &lk)) || (e = zh_school_settings_get(c, &g->settings)) ||
	    (e = zh_dict_list(c, ZH_DICT_WORK_TYPES, false, &g->work_types, &g->nwork_types)) ||
	    (e = zh_store_jr_data(db, c->arena, flt, &g->d)) ||
	    (e = zh_store_jr_students(db, c->arena, c->school_id, g->cls.id, g->subgroup_id, &g->srows, &g->nstudents)))
		return e;
	if (with_period_marks && !g->no_marks &&
	    (e = zh_store_jr_period_marks(db, c->arena, c->school_id, g->subject_id, g->period.id, &finals, &nfinals)))
		return e;
	memcpy(g->today, lk.today, sizeof g->today);
	g->no_marks = g->cls.grade == 1;

	size_t nl = g->d.nlessons ? g->d.nlessons : 1;
	g->locks = zh_arena_alloc(c->arena, nl * sizeof *g->locks);
	g->editable = zh_arena_alloc(c->arena, nl * sizeof *g->editable);
	g->students = zh_arena_alloc(c->arena, (g->nstudents ? g->nstudents : 1) * sizeof *g->students);
	struct zh_grade *buf = zh_arena_alloc(c->arena, (g->d.nmarks ? g->d.nmarks : 1) * sizeof *buf);
	if (!g->locks || !g->editable || !g->students || !buf)
		return ZH_ENOMEM;

	for (size_t i = 0; i < g->d.nlessons; i++) {
		const struct zh_jr_lesson *l = &g->d.lessons[i];
		zh_journal_lock_of(c, &lk, l->date, g->cls.year_closed, &g->locks[i]);
		bool may = g->can_edit || (sub_edit && l->substitute_id && l->substitute_id == c->person_id);
		g->editable[i] = may && !g->locks[i].locked && strcmp(l->status, "planned") == 0;
	}

	bool weighted = g->settings.averaging && strcmp(g->settings.averaging, "weighted") == 0;
	for (size_t i = 0; i < g->nstudents; i++) {
		struct zh_journal_student *st = &g->students[i];
		size_t k = 0;
		memset(st, 0, sizeof *st);
		st->s = &g->srows[i];
		for (size_t j = 0; j < g->d.nmarks; j++) {
			const struct zh_jr_mark *m = &g->d.marks[j];
			if (m->student_id == st->s->id && strcmp(m->kind, "mark") == 0)
				buf[k++] = (struct zh_grade){ .value = m->value, .weight = m->weight };
		}
		double avg;
		if (!g->no_marks && zh_grade_average(buf, k, weighted, &avg)) {
			st->has_average = true;
			st->average = zh_grade_display(avg);
			st->suggested = zh_grade_suggest(avg, g->settings.round_threshold, g->settings.mark_min,
							 g->settings.mark_max);
		}
		for (size_t j = 0; j < nfinals; j++)
			if (finals[j].student_id == st->s->id)
				st->period_mark = &finals[j];
	}
	return ZH_OK;
}

/* The frame of class, subject, period and subgroup; ids already cleared by the scope check. */
static enum zh_err frame(struct zh_ctx *c, struct zh_journal_grid *g, int64_t class_id, int64_t subject_id,
			 int64_t period_id, int64_t subgroup_id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	e = zh_store_jr_class(db, c->arena, c->school_id, class_id, &g->cls);
	if (e == ZH_ENOTFOUND)
		return not_found(c, "class_not_found", "group", "Класс не найден");
	if (e)
		return e;
	g->subject_id = subject_id;
	e = zh_store_jr_subject(db, c->arena, c->school_id, subject_id, &g->subject_name, &g->pass_fail);
	if (e == ZH_ENOTFOUND)
		return not_found(c, "subject_not_found", "subject", "Предмет не найден");
	if (e)
		return e;
	e = zh_store_jr_period(db, c->arena, c->school_id, period_id, &g->period);
	if (e == ZH_ENOTFOUND)
		return not_found(c, "period_not_found", "period", "Период не найден");
	if (e)
		return e;
	if (g->period.year_id != g->cls.year_id)
		return zh_fail_set(&c->fail, ZH_EINVAL, "period_other_year", "period",
				   "Период относится к другому учебному году, чем класс %s", g->cls.name);
	if (subgroup_id) {
		int64_t sc, ss;
		e = zh_store_jr_subgroup(db, c->arena, c->school_id, subgroup_id, &sc, &ss, &g->subgroup_name);
		if (e == ZH_ENOTFOUND)
			return not_found(c, "subgroup_not_found", "subgroup", "Подгруппа не найдена");
		if (e)
			return e;
		if (sc != class_id || ss != subject_id)
			return zh_fail_set(&c->fail, ZH_EINVAL, "subgroup_other_journal", "subgroup",
					   "Подгруппа относится к другому классу или предмету");
		g->subgroup_id = subgroup_id;
	}
	g->no_marks = g->cls.grade == 1;
	return ZH_OK;
}

enum zh_err zh_journal_grid(struct zh_ctx *c, int64_t class_id, int64_t subject_id, int64_t period_id,
			    int64_t subgroup_id, struct zh_journal_grid *out)
{
	struct zh_target t = { .class_id = class_id, .subject_id = subject_id };
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_scope_check(c, "journal.view", &t)) ||
	    (e = frame(c, out, class_id, subject_id, period_id, subgroup_id)))
		return e;
	out->can_edit = probe(c, "journal.edit", &t, &e);
	if (e)
		return e;
	struct zh_jr_filter f = { .school_id = c->school_id, .class_id = class_id, .subject_id = subject_id,
				  .from = out->period.start_date, .to = out->period.end_date,
				  .subgroup_id = subgroup_id };
	return fill(c, out, &f, true);
}

enum zh_err zh_journal_lesson(struct zh_ctx *c, int64_t lesson_id, struct zh_journal_grid *out)
{
	int64_t class_id, subject_id, period_id, subgroup_id;
	const char *date;
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_scope_check(c, "journal.view", &(struct zh_target){ .lesson_id = lesson_id })))
		return e;
	e = zh_store_jr_lesson_frame(zh_ctx_db(c), c->arena, c->school_id, lesson_id, &class_id, &subject_id,
				     &period_id, &subgroup_id, &date);
	if (e == ZH_ENOTFOUND)
		return not_found(c, "lesson_not_found", "id", "Урок не найден");
	if (e || (e = frame(c, out, class_id, subject_id, period_id, subgroup_id)))
		return e;
	struct zh_target t = { .class_id = class_id, .subject_id = subject_id };
	out->can_edit = probe(c, "journal.edit", &t, &e);
	if (e)
		return e;
	/* the period marks belong to the whole journal: not for a substitute of one lesson */
	bool whole = probe(c, "journal.view", &t, &e);
	if (e)
		return e;
	struct zh_jr_filter f = { .school_id = c->school_id, .class_id = class_id, .subject_id = subject_id,
				  .from = date, .to = date, .subgroup_id = subgroup_id, .lesson_id = lesson_id };
	return fill(c, out, &f, whole);
}
