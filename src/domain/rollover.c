/* rollover.c: council decisions and the move of the school into the next year (M-05) */
#include "domain/movement.h"

#include <string.h>

#include "core/str.h"
#include "core/tz.h"
#include "domain/audit.h"

static const struct {
	const char *code, *title, *kind, *status;
} decisions[] = {
	{ "promoted", "переведён", "promote", NULL },
	{ "conditional", "переведён условно", "promote", NULL },
	{ "repeat", "оставлен на повторное обучение", "repeat", NULL },
	{ "withdrawn", "выбыл", "withdraw", "withdrawn" },
	{ "graduated", "окончил", "graduate", "graduated" },
};
#define NDECISIONS (sizeof decisions / sizeof decisions[0])

static int decision_index(const char *d)
{
	for (size_t i = 0; d && i < NDECISIONS; i++)
		if (strcmp(d, decisions[i].code) == 0)
			return (int)i;
	return -1;
}

const char *zh_decision_title(const char *d)
{
	int i = decision_index(d);
	return i < 0 ? NULL : decisions[i].title;
}

const char *zh_decision_suggest(int grade)
{
	return grade >= 11 ? "graduated" : "promoted";
}

static enum zh_err year_of_school(struct zh_ctx *c, int64_t year_id, struct zh_mv_year *y)
{
	enum zh_err e = zh_store_mv_year_get(zh_ctx_db(c), c->arena, c->school_id, year_id, y);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "year_not_found", "id", "Учебный год не найден");
	return e;
}

enum zh_err zh_decisions_list(struct zh_ctx *c, int64_t year_id, int64_t class_id,
			      struct zh_decisions_view *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = year_of_school(c, year_id, &out->year)))
		return e;
	if (class_id) {
		struct zh_mv_class k;
		e = zh_store_mv_class_get(db, c->arena, c->school_id, class_id, &k);
		if (e == ZH_ENOTFOUND || (!e && k.year_id != year_id))
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", "class",
					   "Класс не найден в этом учебном году");
		if (e)
			return e;
	}
	e = zh_store_mv_rollover_get(db, c->school_id, year_id, &out->to_year_id, NULL);
	if (e && e != ZH_ENOTFOUND)
		return e;
	return zh_store_mv_decisions_list(db, c->arena, c->school_id, year_id, class_id, &out->rows, &out->n);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static json_t *decision_json(const char *d, const char *no, const char *date)
{
	if (!d)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "decision", d, "protocol_no", no ? no : "", "protocol_date",
			 date ? date : "");
}

enum zh_err zh_decisions_put(struct zh_ctx *c, int64_t year_id, const struct zh_decision_in *in,
			     size_t n, size_t *changed)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_mv_year y;
	enum zh_err e;
	*changed = 0;

	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_of_school(c, year_id, &y)))
		goto out;
	e = zh_store_mv_rollover_get(db, c->school_id, year_id, NULL, NULL);
	if (e == ZH_OK) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "rollover_done", "id",
				"Переход уже выполнен: решения этого года изменить нельзя");
		goto out;
	}
	if (e != ZH_ENOTFOUND)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct zh_decision_in *d = &in[i];
		int64_t class_id = 0;
		struct zh_mv_class k;
		struct zh_decision_row old = { 0 };
		int yy, mm, dd;

		if ((e = zh_store_mv_student_class_in_year(db, c->school_id, d->student_id, year_id, &class_id)))
			goto out;
		if (!class_id && d->decision) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "not_in_year", "student_id",
					"Учащийся %lld (строка %zu) не состоит в классе учебного года %s",
					(long long)d->student_id, i + 1, y.name);
			goto out;
		}
		if (d->decision) {
			if (decision_index(d->decision) < 0) {
				e = zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "decision",
						"Строка %zu: решение должно быть promoted, conditional, repeat, withdrawn или graduated",
						i + 1);
				goto out;
			}
			if (!d->protocol_no || !*d->protocol_no) {
				e = zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "protocol_no",
						"Строка %zu: укажите номер протокола педагогического совета", i + 1);
				goto out;
			}
			if (!d->protocol_date || !zh_date_parse(d->protocol_date, &yy, &mm, &dd)) {
				e = zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "protocol_date",
						"Строка %zu: дата протокола — настоящая дата в виде ГГГГ-ММ-ДД", i + 1);
				goto out;
			}
			if (strcmp(d->protocol_date, y.start_date) < 0 || strcmp(d->protocol_date, y.end_date) > 0) {
				e = zh_fail_set(&c->fail, ZH_ERULE, "date_outside_year", "protocol_date",
						"Строка %zu: дата протокола %s вне учебного года %s", i + 1,
						d->protocol_date, y.name);
				goto out;
			}
			if ((e = zh_store_mv_class_get(db, c->arena, c->school_id, class_id, &k)))
				goto out;
			if (strcmp(d->decision, "graduated") == 0 && k.grade != 9 && k.grade != 11) {
				e = zh_fail_set(&c->fail, ZH_ERULE, "graduation_grade", "decision",
						"Строка %zu: «окончил» — только для 9 и 11 классов (класс %s)", i + 1,
						k.name);
				goto out;
			}
			if (k.grade == 11 && (strcmp(d->decision, "promoted") == 0 ||
					      strcmp(d->decision, "conditional") == 0)) {
				e = zh_fail_set(&c->fail, ZH_ERULE, "no_next_grade", "decision",
						"Строка %zu: из 11 класса перевести некуда (класс %s)", i + 1, k.name);
				goto out;
			}
		}
		e = zh_store_mv_decision_get(db, c->arena, c->school_id, year_id, d->student_id, &old);
		if (e && e != ZH_ENOTFOUND)
			goto out;
		if (e == ZH_ENOTFOUND)
			memset(&old, 0, sizeof old);
		if (same(old.decision, d->decision) && (!d->decision || (same(old.protocol_no, d->protocol_no) &&
									 same(old.protocol_date, d->protocol_date)))) {
			e = ZH_OK;
			continue;
		}
		if (d->decision)
			e = zh_store_mv_decision_put(db, c->school_id, year_id, d->student_id, d->decision,
						     d->protocol_no, d->protocol_date);
		else
			e = zh_store_mv_decision_delete(db, c->school_id, year_id, d->student_id);
		if (e)
			goto out;
		json_t *o = decision_json(old.decision, old.protocol_no, old.protocol_date);
		json_t *nv = decision_json(d->decision, d->protocol_no, d->protocol_date);
		json_t *ov = json_pack("{s:I, s:I, s:o}", "year_id", (json_int_t)year_id, "student_id",
				       (json_int_t)d->student_id, "value", o);
		json_t *nw = json_pack("{s:I, s:I, s:o}", "year_id", (json_int_t)year_id, "student_id",
				       (json_int_t)d->student_id, "value", nv);
		e = zh_audit(c, "year.rollover", "year_decision", d->student_id, ov, nw);
		json_decref(ov);
		json_decref(nw);
		if (e)
			goto out;
		(*changed)++;
	}
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* ---- the rollover ---- */

struct cls_map {
	int64_t old_id, new_id;
};

static int64_t map_find(const struct cls_map *m, size_t n, int64_t old_id)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].old_id == old_id)
			return m[i].new_id;
	return 0;
}

static enum zh_err rollover_body(struct zh_ctx *c, const struct zh_mv_year *y, const struct zh_rollover_in *in,
				 struct zh_rollover_out *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_mv_year ny;
	struct zh_mv_class *cls;
	struct zh_decision_row *dec;
	size_t ncls, ndec;
	enum zh_err e;

	/* refuse when anyone lacks a decision */
	if ((e = zh_store_mv_decisions_missing(db, c->arena, c->school_id, y->id, 20, &out->missing,
					       &out->nmissing, &out->missing_total)))
		return e;
	if (out->missing_total > 0) {
		const struct zh_decision_row *r = &out->missing[0];
		return zh_fail_set(&c->fail, ZH_ERULE, "decisions_missing", "decisions",
				   "Нет решения педсовета у %lld уч.: %s %s (%s)%s", (long long)out->missing_total,
				   r->last_name, r->first_name, r->class_name, out->missing_total > 1 ? " и других" : "");
	}

	/* the next year: an existing one with that name or a new one */
	e = zh_store_mv_year_by_name(db, c->arena, c->school_id, in->name, &ny);
	if (e == ZH_ENOTFOUND) {
		if ((e = zh_store_year_insert(db, c->school_id, in->name, in->start_date, in->end_date, &ny.id)))
			return e;
		ny.name = in->name;
		ny.start_date = in->start_date;
		ny.end_date = in->end_date;
		out->year_created = true;
	} else if (e) {
		return e;
	} else if (ny.id == y->id || strcmp(ny.start_date, y->end_date) <= 0) {
		return zh_fail_set(&c->fail, ZH_ERULE, "year_not_next", "new_year.name",
				   "Учебный год «%s» не может быть следующим за %s", ny.name, y->name);
	}
	out->to_year_id = ny.id;
	if ((e = zh_store_mv_year_close(db, c->school_id, y->id)))
		return e;

	/* the next classes: 5А → 6А; 11th grade ends */
	if ((e = zh_store_mv_classes_of_year(db, c->arena, c->school_id, y->id, &cls, &ncls)))
		return e;
	struct cls_map *map = zh_arena_alloc(c->arena, sizeof *map * (ncls + 1));
	size_t nmap = 0;
	if (!map)
		return ZH_ENOMEM;
	for (size_t i = 0; i < ncls; i++) {
		const struct zh_mv_class *k = &cls[i];
		int64_t nid = 0;
		if (k->grade >= 11)
			continue;
		const char *name = zh_arena_printf(c->arena, "%d%s", k->grade + 1, k->letter);
		if (!name)
			return ZH_ENOMEM;
		if ((e = zh_store_mv_class_find(db, c->school_id, ny.id, name, &nid)))
			return e;
		if (nid) {
			if ((e = zh_store_mv_class_set_prev(db, c->school_id, nid, k->id)))
				return e;
		} else {
			if ((e = zh_store_mv_class_create(db, c->school_id, ny.id, k->grade + 1, k->letter,
							  k->class_teacher_id, k->profile, k->shift, k->id, &nid)))
				return e;
			out->classes_created++;
			json_t *nv = json_pack("{s:I, s:s, s:I, s:I}", "year_id", (json_int_t)ny.id, "name", name,
					       "prev_class_id", (json_int_t)k->id, "class_teacher_id",
					       (json_int_t)k->class_teacher_id);
			e = zh_audit(c, "year.rollover", "class", nid, NULL, nv);
			json_decref(nv);
			if (e)
				return e;
		}
		map[nmap++] = (struct cls_map){ k->id, nid };
	}

	/* the students, by decision */
	if ((e = zh_store_mv_decisions_stored(db, c->arena, c->school_id, y->id, &dec, &ndec)))
		return e;
	for (size_t i = 0; i < ndec; i++) {
		const struct zh_decision_row *d = &dec[i];
		int di = decision_index(d->decision);
		struct zh_movement_row m = { 0 };
		if (!d->class_id || di < 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "decision_not_in_year", "decisions",
					   "Решение для учащегося %s %s не относится ни к одному классу года %s:"
					   " исправьте или удалите его", d->last_name, d->first_name, y->name);
		m.school_id = c->school_id;
		m.student_id = d->student_id;
		m.kind = decisions[di].kind;
		m.date = d->protocol_date;
		m.order_no = zh_arena_printf(c->arena, "протокол педсовета № %s", d->protocol_no);
		m.order_date = d->protocol_date;
		m.from_class_id = d->class_id;
		m.reason = decisions[di].title;
		m.created_by = c->person_id;
		m.created_at = c->now;
		if (!m.order_no)
			return ZH_ENOMEM;
		if (strcmp(d->decision, "promoted") == 0 || strcmp(d->decision, "conditional") == 0) {
			m.to_class_id = map_find(map, nmap, d->class_id);
			if (!m.to_class_id)
				return zh_fail_set(&c->fail, ZH_ERULE, "no_next_grade", "decisions",
						   "Учащегося %s %s (%s) некуда перевести", d->last_name, d->first_name,
						   d->class_name);
			out->promoted++;
		} else if (strcmp(d->decision, "repeat") == 0) {
			const char *name = d->class_name;
			if ((e = zh_store_mv_class_find(db, c->school_id, ny.id, name, &m.to_class_id)))
				return e;
			if (!m.to_class_id) {
				if ((e = zh_store_mv_class_create(db, c->school_id, ny.id, d->grade, d->letter, 0, "", 1, 0,
								  &m.to_class_id)))
					return e;
				out->classes_created++;
				json_t *nv = json_pack("{s:I, s:s}", "year_id", (json_int_t)ny.id, "name", name);
				e = zh_audit(c, "year.rollover", "class", m.to_class_id, NULL, nv);
				json_decref(nv);
				if (e)
					return e;
			}
			out->repeated++;
		} else {
			if ((e = zh_store_mv_student_left(db, c->school_id, d->student_id, decisions[di].status,
							  d->protocol_date)))
				return e;
			if (strcmp(d->decision, "graduated") == 0)
				out->graduated++;
			else
				out->withdrawn++;
		}
		if (m.to_class_id && (e = zh_store_mv_class_join(db, c->school_id, m.to_class_id, d->student_id)))
			return e;
		if ((e = zh_store_movement_insert(db, &m, &m.id)))
			return e;
		json_t *nv = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "student_id", (json_int_t)m.student_id,
				       "kind", m.kind, "decision", d->decision, "order_no", m.order_no,
				       "from_class_id", (json_int_t)m.from_class_id, "to_class_id",
				       (json_int_t)m.to_class_id);
		e = zh_audit(c, "year.rollover", "movement", m.id, NULL, nv);
		json_decref(nv);
		if (e)
			return e;
	}

	/* curriculum, subgroups and teacher load for review */
	if ((e = zh_store_mv_copy_curriculum(db, c->school_id, y->id, ny.id, &out->curriculum_rows)) ||
	    (e = zh_store_mv_copy_load(db, c->school_id, y->id, ny.id, &out->load_rows)))
		return e;
	e = zh_store_mv_rollover_insert(db, c->school_id, y->id, ny.id, c->now, c->person_id);
	if (e == ZH_ECONFLICT)
		return zh_fail_set(&c->fail, e, "rollover_done", "id", "Переход уже выполнен");
	if (e)
		return e;
	json_t *nv = json_pack("{s:I, s:I, s:s, s:i, s:i, s:i, s:i, s:i, s:I, s:I}", "from_year_id",
			       (json_int_t)y->id, "to_year_id", (json_int_t)ny.id, "to_year", ny.name, "classes_created",
			       out->classes_created, "promoted", out->promoted, "repeated", out->repeated,
			       "graduated", out->graduated, "withdrawn", out->withdrawn, "curriculum_rows",
			       (json_int_t)out->curriculum_rows, "load_rows", (json_int_t)out->load_rows);
	e = zh_audit(c, "year.rollover", "rollover", y->id, NULL, nv);
	json_decref(nv);
	return e;
}

enum zh_err zh_rollover_run(struct zh_ctx *c, int64_t year_id, const struct zh_rollover_in *in,
			    struct zh_rollover_out *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_mv_year y;
	int yy, mm, dd;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if (!in->name || !*in->name || strlen(in->name) > 40)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "new_year.name",
				   "Укажите название нового учебного года, например 2027/2028");
	if (!in->start_date || !zh_date_parse(in->start_date, &yy, &mm, &dd))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "new_year.start_date",
				   "Дата начала года — настоящая дата в виде ГГГГ-ММ-ДД");
	if (!in->end_date || !zh_date_parse(in->end_date, &yy, &mm, &dd))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "new_year.end_date",
				   "Дата окончания года — настоящая дата в виде ГГГГ-ММ-ДД");
	if (strcmp(in->start_date, in->end_date) >= 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "new_year.end_date",
				   "Дата окончания года должна быть позже даты начала");
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_of_school(c, year_id, &y)))
		goto out;
	e = zh_store_mv_rollover_get(db, c->school_id, year_id, NULL, NULL);
	if (e == ZH_OK) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "rollover_done", "id",
				"Переход уже выполнен: учебный год %s закрыт, учащиеся переведены", y.name);
		goto out;
	}
	if (e != ZH_ENOTFOUND)
		goto out;
	if (strcmp(in->start_date, y.end_date) <= 0) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "year_not_next", "new_year.start_date",
				"Новый учебный год должен начинаться после окончания года %s (%s)", y.name, y.end_date);
		goto out;
	}
	if ((e = rollover_body(c, &y, in, out)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}
