/* finals.c: period, year, exam and final marks with suggestions, history, overdue list (M-09) */
#include "domain/finals.h"

#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/audit.h"
#include "domain/grading.h"
#include "domain/school.h"
#include "domain/scope.h"
#include "json/json.h"

#define FIN_MAX_ITEMS 5000

const char *zh_fin_json_text(struct zh_ctx *c, json_t *v)
{
	char *s;
	const char *out;
	if (!v)
		return NULL;
	s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!s)
		return NULL;
	out = zh_arena_strdup(c->arena, s);
	free(s);
	return out;
}

static enum zh_err finish_tx(struct zh_db *db, enum zh_err e)
{
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

/* Whether the actor may hold the family for the target, without leaving a failure behind. */
static bool allowed(struct zh_ctx *c, const char *family, const struct zh_target *t)
{
	struct zh_fail saved = c->fail;
	bool yes = zh_scope_check(c, family, t) == ZH_OK;
	c->fail = saved;
	return yes;
}

static enum zh_err load_class(struct zh_ctx *c, int64_t class_id, const char *field, struct zh_fin_class *cl)
{
	enum zh_err e = zh_store_fin_class(zh_ctx_db(c), c->arena, c->school_id, class_id, cl);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", field, "Класс с номером %lld не найден",
				   (long long)class_id);
	return e;
}

static enum zh_err load_subject(struct zh_ctx *c, int64_t subject_id, const char *field, struct zh_fin_subject *s)
{
	enum zh_err e = zh_store_fin_subject(zh_ctx_db(c), c->arena, c->school_id, subject_id, s);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "subject_not_found", field,
				   "Предмет с номером %lld не найден", (long long)subject_id);
	return e;
}

static json_t *mark_json(const struct zh_fin_mark *m)
{
	if (!m)
		return json_null();
	return json_pack("{s:I, s:o, s:o, s:s}", "id", (json_int_t)m->id, "value",
			 m->code ? json_null() : json_integer(m->value), "code", m->code ? json_string(m->code) : json_null(),
			 "comment", m->comment ? m->comment : "");
}

static json_t *mark_row_json(const struct zh_fin_mark *m)
{
	json_t *o = mark_json(m);
	json_object_set_new(o, "student_id", json_integer(m->student_id));
	json_object_set_new(o, "kind", json_string(m->kind));
	json_object_set_new(o, "period_id", m->period_id ? json_integer(m->period_id) : json_null());
	return o;
}

/* The history / audit image of a mark. */
static json_t *mark_image(const struct zh_fin_mark *m)
{
	if (!m)
		return NULL;
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:s}", "student_id", (json_int_t)m->student_id, "kind", m->kind,
			 "period_id", m->period_id ? json_integer(m->period_id) : json_null(), "value",
			 m->code ? json_null() : json_integer(m->value), "code", m->code ? json_string(m->code) : json_null(),
			 "comment", m->comment ? m->comment : "");
}

static const struct zh_fin_mark *find_mark(const struct zh_fin_mark *ms, size_t n, int64_t student_id,
					   const char *kind, int64_t period_id)
{
	for (size_t i = 0; i < n; i++)
		if (ms[i].student_id == student_id && ms[i].period_id == period_id && strcmp(ms[i].kind, kind) == 0)
			return &ms[i];
	return NULL;
}

static void due_date(const char *end, int days, char out[11])
{
	if (!zh_date_add(end, -days, out))
		strcpy(out, end);
}

enum zh_err zh_finals_get(struct zh_ctx *c, int64_t class_id, int64_t subject_id, int64_t subgroup_id,
			  json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_target t = { .class_id = class_id, .subject_id = subject_id };
	struct zh_fin_class cl;
	struct zh_fin_subject sj;
	struct zh_school_settings s;
	struct zh_fin_period *ps;
	struct zh_fin_student *st;
	struct zh_fin_cur *cur;
	struct zh_fin_mark *ms;
	size_t np, nst, ncur, nm;
	const char *sgname = NULL;
	char today[11];
	bool weighted, can_edit;
	enum zh_err e;

	if ((e = zh_scope_check(c, "finals.view", &t)))
		return e;
	if ((e = load_class(c, class_id, "group", &cl)) || (e = load_subject(c, subject_id, "subject", &sj)))
		return e;
	if (subgroup_id) {
		e = zh_store_fin_subgroup(db, c->arena, c->school_id, class_id, subject_id, subgroup_id, &sgname);
		if (e == ZH_ENOTFOUND)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "subgroup_not_found", "subgroup",
					   "Подгруппа с номером %lld не найдена в этом классе и предмете",
					   (long long)subgroup_id);
		if (e)
			return e;
	}
	if ((e = zh_school_settings_get(c, &s)) || (e = zh_school_today(c, today)))
		return e;
	if ((e = zh_store_fin_periods(db, c->arena, c->school_id, cl.year_id, cl.period_kind, &ps, &np)) ||
	    (e = zh_store_fin_students(db, c->arena, c->school_id, class_id, subgroup_id, &st, &nst)) ||
	    (e = zh_store_fin_current(db, c->arena, c->school_id, class_id, subject_id, cl.year_id, cl.period_kind,
				      &cur, &ncur)) ||
	    (e = zh_store_fin_marks(db, c->arena, c->school_id, class_id, subject_id, cl.year_id, &ms, &nm)))
		return e;
	weighted = s.averaging && strcmp(s.averaging, "weighted") == 0;
	can_edit = !cl.year_closed && cl.grade > 1 && allowed(c, "finals.edit", &t);

	json_t *periods = json_array();
	for (size_t i = 0; i < np; i++) {
		char due[11];
		due_date(ps[i].end_date, s.period_marks_due_days, due);
		json_array_append_new(periods, json_pack("{s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)ps[i].id,
							 "number", ps[i].number, "name", ps[i].name, "start_date",
							 ps[i].start_date, "end_date", ps[i].end_date, "due_date", due));
	}
	struct zh_grade *g = zh_arena_alloc(c->arena, (ncur ? ncur : 1) * sizeof *g);
	struct zh_grade *pg = zh_arena_alloc(c->arena, (np ? np : 1) * sizeof *pg);
	if (!g || !pg)
		return ZH_ENOMEM;
	json_t *students = json_array();
	for (size_t i = 0; i < nst; i++) {
		json_t *sp = json_array();
		size_t npg = 0;
		double avg;
		for (size_t p = 0; p < np; p++) {
			size_t ng = 0;
			for (size_t j = 0; j < ncur; j++)
				if (cur[j].student_id == st[i].id && cur[j].period_id == ps[p].id)
					g[ng++] = (struct zh_grade){ cur[j].value, cur[j].weight };
			bool has = cl.grade > 1 && zh_grade_average(g, ng, weighted, &avg);
			const struct zh_fin_mark *m = find_mark(ms, nm, st[i].id, "period", ps[p].id);
			if (m && !m->code)
				pg[npg++] = (struct zh_grade){ m->value, 1 };
			json_array_append_new(sp, json_pack("{s:I, s:o, s:o, s:o}", "period_id", (json_int_t)ps[p].id,
							    "average", has ? json_real(zh_grade_display(avg)) : json_null(),
							    "suggested", has ? json_integer(zh_grade_suggest(avg, s.round_threshold,
									s.mark_min, s.mark_max)) : json_null(),
							    "mark", mark_json(m)));
		}
		bool yhas = cl.grade > 1 && zh_grade_average(pg, npg, false, &avg);
		json_array_append_new(students, json_pack(
			"{s:I, s:s, s:s, s:o, s:{s:o, s:o}, s:{s:o}, s:{s:o}}", "id", (json_int_t)st[i].id, "name", st[i].name,
			"full_name", st[i].full_name, "periods", sp, "year", "suggested",
			yhas ? json_integer(zh_grade_suggest(avg, s.round_threshold, s.mark_min, s.mark_max)) : json_null(),
			"mark", mark_json(find_mark(ms, nm, st[i].id, "year", 0)), "exam", "mark",
			mark_json(find_mark(ms, nm, st[i].id, "exam", 0)), "final", "mark",
			mark_json(find_mark(ms, nm, st[i].id, "final", 0))));
	}
	json_t *codes = json_array();
	const char **cs;
	size_t ncs;
	if ((e = zh_store_fin_codes(db, c->arena, c->school_id, &cs, &ncs))) {
		json_decref(periods);
		json_decref(students);
		json_decref(codes);
		return e;
	}
	for (size_t i = 0; i < ncs; i++)
		if (sj.pass_fail || (strcmp(cs[i], "зач") != 0 && strcmp(cs[i], "незач") != 0))
			json_array_append_new(codes, json_string(cs[i]));
	*out = zh_json_own(c->arena, json_pack(
		"{s:{s:I, s:s, s:i}, s:o, s:{s:I, s:s, s:b}, s:s, s:b, s:b, s:b, s:{s:i, s:i, s:s, s:f, s:i}, s:o, s:o, s:o}",
		"class", "id", (json_int_t)cl.id, "name", cl.name, "grade", cl.grade, "subgroup",
		sgname ? json_pack("{s:I, s:s}", "id", (json_int_t)subgroup_id, "name", sgname) : json_null(), "subject",
		"id", (json_int_t)sj.id, "name", sj.name, "pass_fail", sj.pass_fail, "today", today, "year_closed",
		cl.year_closed, "no_marks", cl.grade == 1, "can_edit", can_edit, "settings", "mark_min", s.mark_min,
		"mark_max", s.mark_max, "averaging", s.averaging ? s.averaging : "weighted", "round_threshold",
		s.round_threshold, "period_marks_due_days", s.period_marks_due_days, "codes", codes, "periods", periods,
		"students", students));
	return *out ? ZH_OK : ZH_ENOMEM;
}

/* ---- saving ---- */

struct fin_item {
	struct zh_fin_mark m; /* the wanted state (m.id = the existing row's id, 0 = none) */
	const struct zh_fin_mark *old;
	bool del, has_comment;
};

static const char *path(struct zh_ctx *c, size_t i, const char *key)
{
	return zh_arena_printf(c->arena, "marks[%zu]%s%s", i, key ? "." : "", key ? key : "");
}

/* The failure of a field getter, renamed to the item's path. */
static enum zh_err relabel(struct zh_ctx *c, size_t i, enum zh_err e)
{
	struct zh_fail *f = &c->fail;
	const char *code = zh_arena_strdup(c->arena, f->code_name), *msg = zh_arena_strdup(c->arena, f->msg);
	const char *field = path(c, i, f->field[0] ? f->field : NULL);
	if (!code || !msg || !field)
		return ZH_ENOMEM;
	return zh_fail_set(f, e, code, field, "%s", msg);
}

static bool has_code(const char **cs, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cs[i], code) == 0)
			return true;
	return false;
}

static enum zh_err parse_item(struct zh_ctx *c, size_t i, json_t *o, const struct zh_fin_class *cl,
			      const struct zh_fin_subject *sj, const struct zh_school_settings *s,
			      const struct zh_fin_student *st, size_t nst, const struct zh_fin_period *ps, size_t np,
			      const char **cs, size_t ncs, struct fin_item *it)
{
	static const char *const keys[] = { "student_id", "kind", "period_id", "value", "code", "delete", "comment", NULL };
	static const char *const kinds[] = { "period", "year", "exam", "final" };
	struct zh_fail *f = &c->fail;
	long long sid = 0, pid = 0, value = 0;
	const char *kind = NULL, *code = NULL, *comment = NULL;
	bool del = false, found = false;
	enum zh_err e;

	if (!json_is_object(o))
		return zh_fail_set(f, ZH_EINVAL, "invalid_type", path(c, i, NULL), "Элемент списка должен быть объектом");
	if ((e = zh_json_only(o, keys, f)))
		return relabel(c, i, e);
	if ((e = zh_json_int(o, "student_id", true, 1, INT64_MAX, &sid, f)) ||
	    (e = zh_json_str(o, "kind", true, 16, &kind, f)) ||
	    (e = zh_json_int(o, "period_id", false, 1, INT64_MAX, &pid, f)) ||
	    (e = zh_json_int(o, "value", false, -1000, 1000, &value, f)) ||
	    (e = zh_json_str(o, "code", false, 16, &code, f)) || (e = zh_json_bool(o, "delete", false, &del, f)) ||
	    (e = zh_json_str(o, "comment", false, 500, &comment, f)))
		return relabel(c, i, e);
	memset(it, 0, sizeof *it);
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		if (strcmp(kind, kinds[k]) == 0)
			it->m.kind = kinds[k];
	if (!it->m.kind)
		return zh_fail_set(f, ZH_EINVAL, "invalid_value", path(c, i, "kind"),
				   "Вид оценки: period, year, exam или final");
	for (size_t k = 0; k < nst && !found; k++)
		found = st[k].id == sid;
	if (!found)
		return zh_fail_set(f, ZH_ERULE, "student_not_in_class", path(c, i, "student_id"),
				   "Ученик с номером %lld не учится в классе %s", sid, cl->name);
	if (strcmp(it->m.kind, "period") == 0) {
		if (!pid)
			return zh_fail_set(f, ZH_EINVAL, "missing_field", path(c, i, "period_id"),
					   "Для оценки за период укажите период (period_id)");
		found = false;
		for (size_t k = 0; k < np && !found; k++)
			found = ps[k].id == pid;
		if (!found) {
			struct zh_fin_period p;
			int64_t year_id = 0;
			e = zh_store_fin_period(zh_ctx_db(c), c->arena, c->school_id, pid, &year_id, &p);
			if (e == ZH_ENOTFOUND)
				return zh_fail_set(f, ZH_ERULE, "period_not_found", path(c, i, "period_id"),
						   "Учебный период с номером %lld не найден", pid);
			if (e)
				return e;
			return zh_fail_set(f, ZH_ERULE, "wrong_period_kind", path(c, i, "period_id"),
					   "Период «%s» не подходит классу %s: оценки ставятся за %s", p.name, cl->name,
					   strcmp(cl->period_kind, "half") == 0 ? "полугодия" : "четверти");
		}
	} else if (pid) {
		return zh_fail_set(f, ZH_ERULE, "period_not_allowed", path(c, i, "period_id"),
				   "Период указывается только для оценки за период");
	}
	int given = (json_object_get(o, "value") && !json_is_null(json_object_get(o, "value"))) + (code != NULL) + del;
	if (given != 1)
		return zh_fail_set(f, ZH_EINVAL, "invalid_value", path(c, i, NULL),
				   "Укажите ровно одно: оценку (value), код (code) или удаление (delete: true)");
	if (code) {
		if (!has_code(cs, ncs, code))
			return zh_fail_set(f, ZH_ERULE, "unknown_code", path(c, i, "code"),
					   "Неизвестный код оценки «%s»: допустимы н/а, осв, зач, незач", code);
		bool pf = strcmp(code, "зач") == 0 || strcmp(code, "незач") == 0;
		if (pf && !sj->pass_fail)
			return zh_fail_set(f, ZH_ERULE, "pass_fail_only", path(c, i, "code"),
					   "«%s» ставится только по предметам с зачётной системой", code);
	} else if (!del) {
		if (sj->pass_fail)
			return zh_fail_set(f, ZH_ERULE, "pass_fail_subject", path(c, i, "value"),
					   "По предмету «%s» ставится «зач» или «незач», а не отметка", sj->name);
		if (value < s->mark_min || value > s->mark_max)
			return zh_fail_set(f, ZH_ERULE, "out_of_scale", path(c, i, "value"),
					   "Оценка должна быть от %d до %d", s->mark_min, s->mark_max);
	}
	it->m.student_id = sid;
	it->m.subject_id = sj->id;
	it->m.year_id = cl->year_id;
	it->m.period_id = pid;
	it->m.code = code;
	it->m.value = (int)value;
	it->m.comment = comment ? comment : "";
	it->has_comment = comment != NULL;
	it->del = del;
	return ZH_OK;
}

static bool same_state(const struct zh_fin_mark *a, const struct zh_fin_mark *b)
{
	if (!a->code != !b->code)
		return false;
	if (a->code ? strcmp(a->code, b->code) != 0 : a->value != b->value)
		return false;
	return strcmp(a->comment ? a->comment : "", b->comment ? b->comment : "") == 0;
}

static enum zh_err apply(struct zh_ctx *c, const struct zh_fin_class *cl, struct fin_item *its, size_t n,
			 json_t *olds, json_t *news, int64_t *changed)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	for (size_t i = 0; i < n; i++) {
		struct fin_item *it = &its[i];
		const struct zh_fin_mark *old = it->old;
		struct zh_fin_hist h = { .entity = "final", .student_id = it->m.student_id,
					 .subject_id = it->m.subject_id, .user_id = c->user_id, .at = c->now };
		json_t *oi = mark_image(old), *ni = NULL;
		if (it->del) {
			if (!old) {
				json_decref(oi);
				continue;
			}
			if ((e = zh_store_fin_delete(db, c->school_id, old->id))) {
				json_decref(oi);
				return e;
			}
			h.entity_id = old->id;
		} else {
			if (old && !it->has_comment)
				it->m.comment = old->comment;
			if (old && same_state(old, &it->m)) {
				json_decref(oi);
				continue;
			}
			if (old) {
				it->m.id = old->id;
				e = zh_store_fin_update(db, c->school_id, &it->m, c->user_id, c->now);
			} else {
				e = zh_store_fin_insert(db, c->school_id, &it->m, c->user_id, c->now, &it->m.id);
			}
			if (e) {
				json_decref(oi);
				return e;
			}
			h.entity_id = it->m.id;
			ni = mark_image(&it->m);
			json_object_set_new(ni, "id", json_integer(it->m.id));
		}
		if (oi)
			json_object_set_new(oi, "id", json_integer(old->id));
		json_array_append(olds, oi ? oi : json_null());
		json_array_append(news, ni ? ni : json_null());
		h.old_value = zh_fin_json_text(c, oi);
		h.new_value = zh_fin_json_text(c, ni);
		if ((e = zh_store_fin_hist_insert(db, c->school_id, &h)))
			return e;
		(*changed)++;
	}
	(void)cl;
	return ZH_OK;
}

enum zh_err zh_finals_save(struct zh_ctx *c, json_t *body, json_t **out)
{
	static const char *const keys[] = { "class_id", "subject_id", "marks", NULL };
	struct zh_db *db = zh_ctx_db(c);
	struct zh_fail *f = &c->fail;
	long long class_id = 0, subject_id = 0;
	struct zh_fin_class cl;
	struct zh_fin_subject sj;
	struct zh_school_settings s;
	struct zh_fin_period *ps;
	struct zh_fin_student *st;
	struct zh_fin_mark *ms = NULL;
	const char **cs;
	size_t np, nst, nm = 0, ncs, n;
	struct fin_item *its;
	int64_t changed = 0;
	json_t *arr;
	enum zh_err e;

	if ((e = zh_json_only(body, keys, f)) || (e = zh_json_int(body, "class_id", true, 1, INT64_MAX, &class_id, f)) ||
	    (e = zh_json_int(body, "subject_id", true, 1, INT64_MAX, &subject_id, f)))
		return e;
	arr = json_object_get(body, "marks");
	if (!json_is_array(arr))
		return zh_fail_set(f, ZH_EINVAL, "invalid_type", "marks", "Поле marks должно быть списком");
	n = json_array_size(arr);
	if (n > FIN_MAX_ITEMS)
		return zh_fail_set(f, ZH_EINVAL, "too_many", "marks", "Не больше %d оценок за один раз", FIN_MAX_ITEMS);
	if ((e = zh_scope_check(c, "finals.edit", &(struct zh_target){ .class_id = class_id, .subject_id = subject_id })))
		return e;
	if ((e = zh_school_settings_get(c, &s)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = load_class(c, class_id, "class_id", &cl)) || (e = load_subject(c, subject_id, "subject_id", &sj)))
		goto out;
	if (cl.grade == 1) {
		e = zh_fail_set(f, ZH_ERULE, "no_marks", "class_id", "В 1 классе оценки не ставятся (безотметочное обучение)");
		goto out;
	}
	if (cl.year_closed) {
		e = zh_fail_set(f, ZH_ELOCKED, "year_closed", "class_id",
				"Учебный год закрыт: итоговые оценки доступны только для чтения");
		goto out;
	}
	if ((e = zh_store_fin_periods(db, c->arena, c->school_id, cl.year_id, cl.period_kind, &ps, &np)) ||
	    (e = zh_store_fin_students(db, c->arena, c->school_id, class_id, 0, &st, &nst)) ||
	    (e = zh_store_fin_marks(db, c->arena, c->school_id, class_id, subject_id, cl.year_id, &ms, &nm)) ||
	    (e = zh_store_fin_codes(db, c->arena, c->school_id, &cs, &ncs)))
		goto out;
	its = zh_arena_alloc(c->arena, (n ? n : 1) * sizeof *its);
	if (!its) {
		e = ZH_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((e = parse_item(c, i, json_array_get(arr, i), &cl, &sj, &s, st, nst, ps, np, cs, ncs, &its[i])))
			goto out;
		for (size_t j = 0; j < i; j++)
			if (its[j].m.student_id == its[i].m.student_id && its[j].m.period_id == its[i].m.period_id &&
			    strcmp(its[j].m.kind, its[i].m.kind) == 0) {
				e = zh_fail_set(f, ZH_ERULE, "duplicate_entry", path(c, i, NULL),
						"Оценка ученика повторяется в запросе (см. marks[%zu])", j);
				goto out;
			}
		its[i].old = find_mark(ms, nm, its[i].m.student_id, its[i].m.kind, its[i].m.period_id);
	}
	json_t *olds = json_array(), *news = json_array();
	e = apply(c, &cl, its, n, olds, news, &changed);
	if (!e && changed) {
		json_t *ov = json_pack("{s:I, s:o}", "subject_id", (json_int_t)subject_id, "marks", olds);
		json_t *nv = json_pack("{s:I, s:o}", "subject_id", (json_int_t)subject_id, "marks", news);
		e = zh_audit_take(c, "finals.save", "final_marks", class_id, ov, nv);
	} else {
		json_decref(olds);
		json_decref(news);
	}
	if (!e)
		e = zh_store_fin_marks(db, c->arena, c->school_id, class_id, subject_id, cl.year_id, &ms, &nm);
out:
	if ((e = finish_tx(db, e)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < nm; i++)
		json_array_append_new(items, mark_row_json(&ms[i]));
	*out = zh_json_own(c->arena, json_pack("{s:I, s:o}", "changed", (json_int_t)changed, "marks", items));
	return *out ? ZH_OK : ZH_ENOMEM;
}

enum zh_err zh_finals_history(struct zh_ctx *c, int64_t id, struct zh_fin_hist **rows, size_t *n)
{
	enum zh_err e = zh_store_fin_hist_list(zh_ctx_db(c), c->arena, c->school_id, "final", id, 0, rows, n);
	if (e)
		return e;
	if (!*n)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "final_not_found", "id", "Итоговая оценка с номером %lld не найдена",
				   (long long)id);
	return zh_scope_check(c, "finals.view",
			      &(struct zh_target){ .student_id = (*rows)[0].student_id, .subject_id = (*rows)[0].subject_id });
}

enum zh_err zh_finals_overdue(struct zh_ctx *c, int64_t period_id, json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_school_settings s;
	struct zh_fin_period p;
	struct zh_fin_overdue *rows;
	int64_t year_id = 0;
	size_t n;
	char today[11], due[11];
	enum zh_err e;

	e = zh_store_fin_period(db, c->arena, c->school_id, period_id, &year_id, &p);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "period_not_found", "period",
				   "Учебный период с номером %lld не найден", (long long)period_id);
	if (e || (e = zh_school_settings_get(c, &s)) || (e = zh_school_today(c, today)) ||
	    (e = zh_store_fin_overdue(db, c->arena, c->school_id, period_id, &rows, &n)))
		return e;
	due_date(p.end_date, s.period_marks_due_days, due);
	bool late = strcmp(today, due) > 0;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack(
			"{s:I, s:s, s:o, s:o, s:I, s:s, s:{s:I, s:s}, s:s, s:I, s:I, s:b}", "class_id",
			(json_int_t)rows[i].class_id, "class_name", rows[i].class_name, "subgroup_id",
			rows[i].subgroup_id ? json_integer(rows[i].subgroup_id) : json_null(), "subgroup_name",
			rows[i].subgroup_name ? json_string(rows[i].subgroup_name) : json_null(), "subject_id",
			(json_int_t)rows[i].subject_id, "subject_name", rows[i].subject_name, "teacher", "id",
			(json_int_t)rows[i].teacher_id, "name", rows[i].teacher_name, "due_date", due, "students",
			(json_int_t)rows[i].students, "missing", (json_int_t)rows[i].missing, "late", late));
	*out = zh_json_own(c->arena, json_pack("{s:{s:I, s:s, s:s, s:s, s:s, s:s}, s:s, s:I, s:o}", "period", "id",
					       (json_int_t)p.id, "name", p.name, "kind", p.kind, "start_date",
					       p.start_date, "end_date", p.end_date, "due_date", due, "today", today,
					       "total", (json_int_t)n, "items", items));
	return *out ? ZH_OK : ZH_ENOMEM;
}
