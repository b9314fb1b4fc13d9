/* classes.c: academic years, periods, holidays, classes, subjects, subgroups, curriculum and
 * teacher load (M-05): validation, transactions, audit */
#include "domain/classes.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/dates.h"
#include "core/tz.h"
#include "domain/audit.h"
#include "domain/roles.h"
#include "domain/scope.h"

/* ---- calendar ---- */

/* "27.10.2026" for messages. */
static const char *ru_date(struct zh_ctx *c, const char *iso)
{
	if (!iso || strlen(iso) != 10)
		return iso ? iso : "";
	return zh_arena_printf(c->arena, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

enum zh_err zh_classes_today(struct zh_ctx *c, char out[11])
{
	struct zh_school_row s;
	const char *tz = "Europe/Samara";
	int64_t now = c->now ? c->now : zh_now();
	if (c->school_id && zh_store_school_get(zh_ctx_db(c), c->arena, c->school_id, &s) == ZH_OK &&
	    s.timezone && *s.timezone && zh_tz_valid(s.timezone))
		tz = s.timezone;
	if (!zh_tz_date(tz, now, out))
		zh_day_string(now / 86400, out);
	return ZH_OK;
}

/* ---- small helpers ---- */

/* Growable arena arrays: pushes one zeroed element. */
static void *push(struct zh_arena *a, void **arr, size_t *n, size_t *cap, size_t elem)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *na = zh_arena_alloc(a, nc * elem);
		if (!na)
			return NULL;
		if (*n)
			memcpy(na, *arr, *n * elem);
		*arr = na;
		*cap = nc;
	}
	void *p = (char *)*arr + (*n)++ * elem;
	memset(p, 0, elem);
	return p;
}
#define PUSH(a, arr, n, cap) ((__typeof__(arr))push((a), (void **)&(arr), &(n), &(cap), sizeof *(arr)))

static enum zh_err not_found(struct zh_ctx *c, const char *field, const char *what)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", field, "%s не найден(а)", what);
}

static bool valid_date(const char *s)
{
	int y, m, d;
	return zh_date_parse(s, &y, &m, &d);
}

static enum zh_err bad_date(struct zh_ctx *c, const char *field)
{
	return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", field,
			   "Поле «%s»: нужна дата в виде ГГГГ-ММ-ДД (например, 2026-09-01)", field);
}

static const char *fieldf(struct zh_ctx *c, const char *arr, size_t i, const char *name)
{
	return zh_arena_printf(c->arena, "%s[%zu].%s", arr, i, name);
}

static enum zh_err finish(struct zh_db *db, enum zh_err e)
{
	if (!e)
		e = zh_db_commit(db);
	if (e)
		zh_db_rollback(db);
	return e;
}

/* The year, writable: 404 naming field when unknown, 423 when closed. */
static enum zh_err year_open(struct zh_ctx *c, int64_t year_id, const char *field, struct zh_year_row *y)
{
	enum zh_err e = zh_store_year_get(zh_ctx_db(c), c->arena, c->school_id, year_id, y);
	if (e == ZH_ENOTFOUND)
		return not_found(c, field, "Учебный год");
	if (e)
		return e;
	if (y->closed)
		return zh_fail_set(&c->fail, ZH_ELOCKED, "year_closed", field,
				   "Учебный год %s закрыт: его данные можно только просматривать", y->name);
	return ZH_OK;
}

static enum zh_err check_teacher(struct zh_ctx *c, int64_t person_id, const char *field)
{
	bool yes = false;
	enum zh_err e = zh_store_person_has_role(zh_ctx_db(c), c->school_id, person_id, ZH_ROLE_TEACHER, &yes);
	if (e)
		return e;
	if (!yes)
		return zh_fail_set(&c->fail, ZH_ERULE, "not_a_teacher", field,
				   "Человек с номером %lld не является учителем этой школы", (long long)person_id);
	return ZH_OK;
}

static enum zh_err audit(struct zh_ctx *c, const char *op, const char *entity, int64_t id, json_t *o, json_t *n)
{
	enum zh_err e = zh_audit(c, op, entity, id, o, n);
	json_decref(o);
	json_decref(n);
	return e;
}

/* ---- academic years ---- */

static json_t *year_json(const struct zh_year_row *y)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "name", y->name, "start_date", y->start_date, "end_date",
			 y->end_date, "closed", y->closed);
}

enum zh_err zh_years_list(struct zh_ctx *c, struct zh_year_row **rows, size_t *n, int64_t *current_id)
{
	char today[11];
	enum zh_err e = zh_store_years_list(zh_ctx_db(c), c->arena, c->school_id, rows, n);
	if (e || (e = zh_classes_today(c, today)))
		return e;
	*current_id = 0;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*rows)[i].start_date, today) <= 0 && strcmp((*rows)[i].end_date, today) >= 0)
			*current_id = (*rows)[i].id;
	return ZH_OK;
}

enum zh_err zh_year_get(struct zh_ctx *c, int64_t id, struct zh_year_row *out)
{
	enum zh_err e = zh_store_year_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	return e == ZH_ENOTFOUND ? not_found(c, "id", "Учебный год") : e;
}

enum zh_err zh_year_resolve(struct zh_ctx *c, int64_t year_id, struct zh_year_row *out)
{
	struct zh_year_row *rows;
	size_t n;
	int64_t cur;
	enum zh_err e;
	if (year_id) {
		e = zh_store_year_get(zh_ctx_db(c), c->arena, c->school_id, year_id, out);
		return e == ZH_ENOTFOUND ? not_found(c, "year", "Учебный год") : e;
	}
	if ((e = zh_years_list(c, &rows, &n, &cur)))
		return e;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == cur || (!cur && i == 0)) {
			*out = rows[i];
			return ZH_OK;
		}
	return not_found(c, "year", "Учебный год");
}

static enum zh_err check_year_fields(struct zh_ctx *c, const char *name, const char *start, const char *end)
{
	int a = 0, b = 0;
	char tail = 0;
	if (!name || sscanf(name, "%4d/%4d%c", &a, &b, &tail) != 2 || strlen(name) != 9 || b != a + 1)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_year_name", "name",
				   "Название учебного года — два года подряд через косую черту, например «2026/2027»");
	if (!valid_date(start))
		return bad_date(c, "start_date");
	if (!valid_date(end))
		return bad_date(c, "end_date");
	int64_t s = zh_day_number(start), e = zh_day_number(end);
	if (e <= s)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "end_date",
				   "Дата окончания учебного года должна быть позже даты начала");
	if (e - s > 400)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "end_date",
				   "Учебный год не может длиться больше 400 дней");
	if (strncmp(start, name, 4) != 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "start_date",
				   "Учебный год %s должен начинаться в %.4s году", name, name);
	return ZH_OK;
}

static enum zh_err check_year_overlap(struct zh_ctx *c, int64_t id, const char *start, const char *end)
{
	int64_t other = 0;
	enum zh_err e = zh_store_year_overlapping(zh_ctx_db(c), c->school_id, id, start, end, &other);
	if (e)
		return e;
	if (other)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "year_overlap", "start_date",
				   "Даты пересекаются с другим учебным годом школы");
	return ZH_OK;
}

enum zh_err zh_year_create(struct zh_ctx *c, const char *name, const char *start, const char *end, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = check_year_fields(c, name, start, end)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = check_year_overlap(c, 0, start, end)))
		goto out;
	e = zh_store_year_insert(db, c->school_id, name, start, end, id);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "year_exists", "name", "Учебный год %s уже есть", name);
	if (!e) {
		struct zh_year_row y = { .id = *id, .name = name, .start_date = start, .end_date = end };
		e = audit(c, "year.create", "academic_year", *id, NULL, year_json(&y));
	}
out:
	return finish(db, e);
}

enum zh_err zh_year_update(struct zh_ctx *c, int64_t id, const char *name, const char *start, const char *end)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y, ny;
	const char *first, *last;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_year_get(db, c->arena, c->school_id, id, &y))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "id", "Учебный год");
		goto out;
	}
	if (y.closed) {
		e = zh_fail_set(&c->fail, ZH_ELOCKED, "year_closed", "id",
				"Учебный год %s закрыт: его данные можно только просматривать", y.name);
		goto out;
	}
	ny = y;
	if (name)
		ny.name = name;
	if (start)
		ny.start_date = start;
	if (end)
		ny.end_date = end;
	if ((e = check_year_fields(c, ny.name, ny.start_date, ny.end_date)) ||
	    (e = check_year_overlap(c, id, ny.start_date, ny.end_date)) ||
	    (e = zh_store_year_used_span(db, c->arena, id, &first, &last)))
		goto out;
	if (first && (strcmp(first, ny.start_date) < 0 || strcmp(last, ny.end_date) > 0)) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "outside_year", strcmp(first, ny.start_date) < 0 ? "start_date" : "end_date",
				"Периоды и каникулы года (%s–%s) не поместятся в новые даты года",
				ru_date(c, first), ru_date(c, last));
		goto out;
	}
	e = zh_store_year_update(db, c->school_id, id, ny.name, ny.start_date, ny.end_date);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "year_exists", "name", "Учебный год %s уже есть", ny.name);
	if (!e)
		e = audit(c, "year.update", "academic_year", id, year_json(&y), year_json(&ny));
out:
	return finish(db, e);
}

/* ---- periods and holidays ---- */

static int kind_count(const char *kind)
{
	if (!kind)
		return 0;
	if (!strcmp(kind, "quarter"))
		return 4;
	if (!strcmp(kind, "trimester"))
		return 3;
	if (!strcmp(kind, "half"))
		return 2;
	return 0;
}

static enum zh_err holidays_of(struct zh_ctx *c, int64_t year_id, struct zh_holiday_row **h, size_t *n)
{
	return zh_store_holidays(zh_ctx_db(c), c->arena, c->school_id, year_id, h, n);
}

enum zh_err zh_periods_get(struct zh_ctx *c, int64_t year_id, struct zh_period_scheme *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	enum zh_err e = zh_year_get(c, year_id, &y);
	if (!e)
		e = zh_store_period_kinds(db, c->arena, c->school_id, year_id, &out->kinds, &out->nk);
	if (!e)
		e = zh_store_periods(db, c->arena, c->school_id, year_id, &out->periods, &out->np);
	if (!e)
		e = holidays_of(c, year_id, &out->holidays, &out->nh);
	return e;
}

/* Grade range of a kind in the scheme. */
static void kind_grades(const struct zh_period_kind_row *kinds, size_t nk, const char *kind, int *lo, int *hi)
{
	*lo = 12;
	*hi = 0;
	for (size_t i = 0; i < nk; i++)
		if (!strcmp(kinds[i].kind, kind)) {
			if (kinds[i].grade_from < *lo)
				*lo = kinds[i].grade_from;
			if (kinds[i].grade_to > *hi)
				*hi = kinds[i].grade_to;
		}
}

static bool day_on_holiday(int64_t day, int lo, int hi, const struct zh_holiday_row *h, size_t nh)
{
	for (size_t i = 0; i < nh; i++)
		if (h[i].grade_from <= lo && h[i].grade_to >= hi && zh_day_number(h[i].start_date) <= day &&
		    zh_day_number(h[i].end_date) >= day)
			return true;
	return false;
}

/* Periods of one kind in number order, as indices into p (count entries). */
static size_t kind_order(const struct zh_period_row *p, size_t np, const char *kind, size_t *idx)
{
	size_t k = 0;
	for (int num = 1; num <= 4; num++)
		for (size_t i = 0; i < np; i++)
			if (!strcmp(p[i].kind, kind) && p[i].number == num)
				idx[k++] = i;
	return k;
}

/* The first gap between consecutive periods not covered by holidays: ZH_OK when none, else
 * *after / *before are the periods around it and *gap_day its first uncovered day. */
static bool find_gap(const struct zh_period_kind_row *kinds, size_t nk, const struct zh_period_row *p, size_t np,
		     const struct zh_holiday_row *h, size_t nh, size_t *after, size_t *before, int64_t *gap_day)
{
	static const char *const all[] = { "quarter", "trimester", "half" };
	for (size_t k = 0; k < 3; k++) {
		size_t idx[8];
		int lo, hi;
		size_t cnt = kind_order(p, np, all[k], idx);
		kind_grades(kinds, nk, all[k], &lo, &hi);
		if (hi == 0)
			continue;
		for (size_t j = 1; j < cnt; j++) {
			int64_t from = zh_day_number(p[idx[j - 1]].end_date) + 1, to = zh_day_number(p[idx[j]].start_date) - 1;
			for (int64_t d = from; d <= to; d++)
				if (!day_on_holiday(d, lo, hi, h, nh)) {
					*after = idx[j - 1];
					*before = idx[j];
					*gap_day = d;
					return true;
				}
		}
	}
	return false;
}

static json_t *scheme_json(const struct zh_period_kind_row *kinds, size_t nk, const struct zh_period_row *p, size_t np)
{
	json_t *k = json_array(), *a = json_array();
	for (size_t i = 0; i < nk; i++)
		json_array_append_new(k, json_pack("{s:i, s:i, s:s}", "grade_from", kinds[i].grade_from, "grade_to",
						   kinds[i].grade_to, "kind", kinds[i].kind));
	for (size_t i = 0; i < np; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:s, s:s, s:s}", "kind", p[i].kind, "number", p[i].number,
						   "name", p[i].name, "start_date", p[i].start_date, "end_date",
						   p[i].end_date));
	return json_pack("{s:o, s:o}", "kinds", k, "periods", a);
}

static enum zh_err check_scheme(struct zh_ctx *c, const struct zh_year_row *y, const struct zh_period_kind_row *kinds,
				size_t nk, const struct zh_period_row *p, size_t np)
{
	int cover[12] = { 0 };
	if (nk == 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "grades_not_covered", "kinds",
				   "Укажите вид периодов хотя бы для одного диапазона классов");
	for (size_t i = 0; i < nk; i++) {
		if (!kind_count(kinds[i].kind))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_kind", fieldf(c, "kinds", i, "kind"),
					   "Вид периодов: quarter (четверти), trimester (триместры) или half (полугодия)");
		if (kinds[i].grade_from < 1 || kinds[i].grade_to > 11 || kinds[i].grade_from > kinds[i].grade_to)
			return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", fieldf(c, "kinds", i, "grade_from"),
					   "Диапазон классов — от 1 до 11, начало не больше конца");
		for (int g = kinds[i].grade_from; g <= kinds[i].grade_to; g++)
			cover[g]++;
	}
	for (int g = 1; g <= 11; g++)
		if (cover[g] != 1)
			return zh_fail_set(&c->fail, ZH_ERULE, "grades_not_covered", "kinds",
					   cover[g] ? "%d класс входит в несколько диапазонов видов периодов"
						    : "%d класс не входит ни в один диапазон видов периодов", g);
	for (size_t i = 0; i < np; i++) {
		int lo, hi;
		if (!kind_count(p[i].kind))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_kind", fieldf(c, "periods", i, "kind"),
					   "Вид периода: quarter, trimester или half");
		kind_grades(kinds, nk, p[i].kind, &lo, &hi);
		if (!hi)
			return zh_fail_set(&c->fail, ZH_ERULE, "kind_unused", fieldf(c, "periods", i, "kind"),
					   "Период «%s»: этот вид периодов не назначен ни одному классу", p[i].name);
		if (p[i].number < 1 || p[i].number > kind_count(p[i].kind))
			return zh_fail_set(&c->fail, ZH_ERULE, "invalid_number", fieldf(c, "periods", i, "number"),
					   "Период «%s»: номер должен быть от 1 до %d", p[i].name, kind_count(p[i].kind));
		if (!valid_date(p[i].start_date))
			return bad_date(c, fieldf(c, "periods", i, "start_date"));
		if (!valid_date(p[i].end_date))
			return bad_date(c, fieldf(c, "periods", i, "end_date"));
		if (strcmp(p[i].start_date, p[i].end_date) > 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", fieldf(c, "periods", i, "end_date"),
					   "Период «%s» заканчивается раньше, чем начинается", p[i].name);
		if (strcmp(p[i].start_date, y->start_date) < 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "outside_year", fieldf(c, "periods", i, "start_date"),
					   "Период «%s» начинается до начала учебного года (%s)", p[i].name,
					   ru_date(c, y->start_date));
		if (strcmp(p[i].end_date, y->end_date) > 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "outside_year", fieldf(c, "periods", i, "end_date"),
					   "Период «%s» заканчивается после конца учебного года (%s)", p[i].name,
					   ru_date(c, y->end_date));
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p[j].kind, p[i].kind) && p[j].number == p[i].number)
				return zh_fail_set(&c->fail, ZH_ERULE, "duplicate_period", fieldf(c, "periods", i, "number"),
						   "Период «%s» указан дважды", p[i].name);
	}
	for (size_t i = 0; i < nk; i++) {
		size_t idx[8];
		size_t cnt = kind_order(p, np, kinds[i].kind, idx);
		int need = kind_count(kinds[i].kind);
		if ((int)cnt != need)
			return zh_fail_set(&c->fail, ZH_ERULE, "periods_missing", "periods",
					   "Для классов %d–%d нужно %d %s, указано %zu", kinds[i].grade_from, kinds[i].grade_to,
					   need, need == 4 ? "четверти" : need == 3 ? "триместра" : "полугодия", cnt);
		for (size_t j = 1; j < cnt; j++)
			if (strcmp(p[idx[j]].start_date, p[idx[j - 1]].end_date) <= 0)
				return zh_fail_set(&c->fail, ZH_ERULE, "periods_overlap", fieldf(c, "periods", idx[j], "start_date"),
						   "Период «%s» пересекается с периодом «%s» или идёт раньше него",
						   p[idx[j]].name, p[idx[j - 1]].name);
	}
	return ZH_OK;
}

enum zh_err zh_periods_set(struct zh_ctx *c, int64_t year_id, const struct zh_period_kind_row *kinds,
			   size_t nk, const struct zh_period_row *periods, size_t np)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	struct zh_period_scheme old;
	size_t a, b;
	int64_t gap;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_open(c, year_id, "id", &y)) || (e = check_scheme(c, &y, kinds, nk, periods, np)) ||
	    (e = zh_periods_get(c, year_id, &old)))
		goto out;
	if (find_gap(kinds, nk, periods, np, old.holidays, old.nh, &a, &b, &gap)) {
		char d[11];
		zh_day_string(gap, d);
		e = zh_fail_set(&c->fail, ZH_ERULE, "period_gap", fieldf(c, "periods", b, "start_date"),
				"Между периодами «%s» и «%s» есть учебные дни без каникул (с %s): добавьте каникулы или"
				" сдвиньте границы периода «%s»",
				periods[a].name, periods[b].name, ru_date(c, d), periods[b].name);
		goto out;
	}
	if ((e = zh_store_periods_replace(db, c->school_id, year_id, kinds, nk, periods, np))) {
		if (e == ZH_ECONFLICT)
			zh_fail_set(&c->fail, e, "period_in_use", "periods",
				    "Удаляемый период уже используется (журнал, расписание); оставьте его в схеме");
		goto out;
	}
	e = audit(c, "periods.edit", "periods", year_id, scheme_json(old.kinds, old.nk, old.periods, old.np),
		  scheme_json(kinds, nk, periods, np));
out:
	return finish(db, e);
}

static json_t *holiday_json(const struct zh_holiday_row *h)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:i}", "year_id", (json_int_t)h->year_id, "name", h->name,
			 "start_date", h->start_date, "end_date", h->end_date, "grade_from", h->grade_from,
			 "grade_to", h->grade_to);
}

static enum zh_err check_holiday(struct zh_ctx *c, const struct zh_year_row *y, const struct zh_holiday_row *h)
{
	if (!h->name || !*h->name)
		return zh_fail_set(&c->fail, ZH_EINVAL, "required", "name", "Укажите название каникул");
	if (!valid_date(h->start_date))
		return bad_date(c, "start_date");
	if (!valid_date(h->end_date))
		return bad_date(c, "end_date");
	if (strcmp(h->start_date, h->end_date) > 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "end_date",
				   "Каникулы заканчиваются раньше, чем начинаются");
	if (strcmp(h->start_date, y->start_date) < 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "outside_year", "start_date",
				   "Каникулы начинаются до начала учебного года (%s)", ru_date(c, y->start_date));
	if (strcmp(h->end_date, y->end_date) > 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "outside_year", "end_date",
				   "Каникулы заканчиваются после конца учебного года (%s)", ru_date(c, y->end_date));
	if (h->grade_from < 1 || h->grade_to > 11 || h->grade_from > h->grade_to)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_range", "grade_from",
				   "Классы каникул — от 1 до 11, начало не больше конца");
	return ZH_OK;
}

/* After a holiday changed: the periods must still have no uncovered gaps. */
static enum zh_err check_gaps_after(struct zh_ctx *c, int64_t year_id, const char *field)
{
	struct zh_period_scheme s;
	size_t a, b;
	int64_t gap;
	enum zh_err e = zh_periods_get(c, year_id, &s);
	if (e)
		return e;
	if (find_gap(s.kinds, s.nk, s.periods, s.np, s.holidays, s.nh, &a, &b, &gap)) {
		char d[11];
		zh_day_string(gap, d);
		return zh_fail_set(&c->fail, ZH_ERULE, "period_gap", field,
				   "Без этих каникул между периодами «%s» и «%s» останутся учебные дни вне периодов (с %s)",
				   s.periods[a].name, s.periods[b].name, ru_date(c, d));
	}
	return ZH_OK;
}

enum zh_err zh_holiday_create(struct zh_ctx *c, const struct zh_holiday_row *h, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_open(c, h->year_id, "id", &y)) || (e = check_holiday(c, &y, h)) ||
	    (e = zh_store_holiday_insert(db, c->school_id, h, id)))
		goto out;
	e = audit(c, "holiday.create", "holiday", *id, NULL, holiday_json(h));
out:
	return finish(db, e);
}

enum zh_err zh_holiday_update(struct zh_ctx *c, const struct zh_holiday_row *in)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_holiday_row h, nh;
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_holiday_get(db, c->arena, c->school_id, in->id, &h))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "id", "Каникулы");
		goto out;
	}
	nh = h;
	if (in->name)
		nh.name = in->name;
	if (in->start_date)
		nh.start_date = in->start_date;
	if (in->end_date)
		nh.end_date = in->end_date;
	if (in->grade_from)
		nh.grade_from = in->grade_from;
	if (in->grade_to)
		nh.grade_to = in->grade_to;
	if ((e = year_open(c, h.year_id, "id", &y)) || (e = check_holiday(c, &y, &nh)) ||
	    (e = zh_store_holiday_update(db, c->school_id, &nh)) || (e = check_gaps_after(c, h.year_id, "start_date")))
		goto out;
	e = audit(c, "holiday.update", "holiday", h.id, holiday_json(&h), holiday_json(&nh));
out:
	return finish(db, e);
}

enum zh_err zh_holiday_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_holiday_row h;
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_holiday_get(db, c->arena, c->school_id, id, &h))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "id", "Каникулы");
		goto out;
	}
	if ((e = year_open(c, h.year_id, "id", &y)) || (e = zh_store_holiday_delete(db, c->school_id, id)) ||
	    (e = check_gaps_after(c, h.year_id, "id")))
		goto out;
	e = audit(c, "holiday.delete", "holiday", id, holiday_json(&h), NULL);
out:
	return finish(db, e);
}

/* ---- classes ---- */

static json_t *class_json(const struct zh_class_row *k)
{
	json_t *t = k->class_teacher_id ? json_integer(k->class_teacher_id) : json_null();
	return json_pack("{s:I, s:s, s:i, s:s, s:s, s:i, s:o}", "year_id", (json_int_t)k->year_id, "name", k->name,
			 "grade", k->grade, "letter", k->letter, "profile", k->profile ? k->profile : "", "shift",
			 k->shift ? k->shift : 1, "class_teacher_id", t);
}

/* One capital Russian letter (А–Я, Ё). */
static bool valid_letter(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!s || strlen(s) != 2 || u[0] != 0xD0)
		return false;
	return (u[1] >= 0x90 && u[1] <= 0xAF) || u[1] == 0x81;
}

enum zh_err zh_classes_list(struct zh_ctx *c, int64_t year_id, struct zh_class_row **rows, size_t *n)
{
	return zh_store_classes_list(zh_ctx_db(c), c->arena, c->school_id, year_id, rows, n);
}

enum zh_err zh_class_get(struct zh_ctx *c, int64_t id, struct zh_class_row *out)
{
	enum zh_err e = zh_store_class_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	return e == ZH_ENOTFOUND ? not_found(c, "id", "Класс") : e;
}

/* Validates k (merged), its name free in the year. */
static enum zh_err check_class(struct zh_ctx *c, struct zh_class_row *k, const struct zh_year_row *y)
{
	int64_t other = 0;
	enum zh_err e;
	if (k->grade < 1 || k->grade > 11)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_grade", "grade", "Параллель класса — число от 1 до 11");
	if (!valid_letter(k->letter))
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_letter", "letter",
				   "Литера класса — одна заглавная русская буква (например, «А»)");
	if (k->shift < 1 || k->shift > 3)
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_shift", "shift", "Смена — 1, 2 или 3");
	if (k->class_teacher_id && (e = check_teacher(c, k->class_teacher_id, "class_teacher_id")))
		return e;
	k->name = zh_arena_printf(c->arena, "%d%s", k->grade, k->letter);
	if ((e = zh_store_class_by_name(zh_ctx_db(c), c->school_id, k->year_id, k->name, &other)))
		return e;
	if (other && other != k->id)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "class_exists", "letter",
				   "Класс %s уже есть в учебном году %s", k->name, y->name);
	return ZH_OK;
}

enum zh_err zh_class_create(struct zh_ctx *c, const struct zh_class_input *in, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	struct zh_class_row k = { .year_id = in->year_id, .grade = in->grade, .letter = in->letter,
				  .profile = in->profile ? in->profile : "", .shift = in->shift ? in->shift : 1,
				  .class_teacher_id = in->class_teacher_id };
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_open(c, in->year_id, "year_id", &y)) || (e = check_class(c, &k, &y)) ||
	    (e = zh_store_class_insert(db, c->school_id, k.year_id, k.grade, k.letter, k.class_teacher_id, id)))
		goto out;
	k.id = *id;
	if ((e = zh_store_class_update(db, c->school_id, &k)))
		goto out;
	e = audit(c, "class.create", "class", k.id, NULL, class_json(&k));
out:
	if (e == ZH_ECONFLICT && !c->fail.msg[0])
		zh_fail_set(&c->fail, e, "class_exists", "letter", "Такой класс уже есть в этом учебном году");
	return finish(db, e);
}

enum zh_err zh_class_update(struct zh_ctx *c, int64_t id, const struct zh_class_input *in)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	struct zh_class_row k, nk;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_class_get(c, id, &k)) || (e = year_open(c, k.year_id, "id", &y)))
		goto out;
	nk = k;
	if (in->grade)
		nk.grade = in->grade;
	if (in->letter)
		nk.letter = in->letter;
	if (in->profile)
		nk.profile = in->profile;
	if (in->shift)
		nk.shift = in->shift;
	if (in->set_teacher)
		nk.class_teacher_id = in->class_teacher_id;
	if ((e = check_class(c, &nk, &y)) || (e = zh_store_class_update(db, c->school_id, &nk)))
		goto out;
	e = audit(c, in->set_teacher && !in->grade && !in->letter && !in->profile && !in->shift ? "class.teacher"
												   : "class.update",
		  "class", id, class_json(&k), class_json(&nk));
out:
	return finish(db, e);
}

enum zh_err zh_class_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	struct zh_class_row k;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_class_get(c, id, &k)) || (e = year_open(c, k.year_id, "id", &y)))
		goto out;
	if (k.students) {
		e = zh_fail_set(&c->fail, ZH_ECONFLICT, "class_not_empty", "id",
				"В классе %s есть ученики (%lld): удалить можно только пустой класс", k.name,
				(long long)k.students);
		goto out;
	}
	if ((e = zh_store_class_delete(db, c->school_id, id))) {
		if (e == ZH_ECONFLICT)
			zh_fail_set(&c->fail, e, "class_in_use", "id",
				    "Класс %s упоминается в других записях (книга движения, журнал) и не может быть удалён", k.name);
		goto out;
	}
	e = audit(c, "class.delete", "class", id, class_json(&k), NULL);
out:
	return finish(db, e);
}

enum zh_err zh_class_students(struct zh_ctx *c, int64_t id, struct zh_class_student_row **rows, size_t *n)
{
	struct zh_class_row k;
	enum zh_err e;
	/* classes are no secret (classes.view): an unknown class is 404 for everyone */
	if ((e = zh_class_get(c, id, &k)) ||
	    (e = zh_scope_check(c, "people.brief.view", &(struct zh_target){ .class_id = id })))
		return e;
	return zh_store_class_students(zh_ctx_db(c), c->arena, c->school_id, id, rows, n);
}

enum zh_err zh_school_teachers(struct zh_ctx *c, struct zh_person_brief **rows, size_t *n)
{
	return zh_store_persons_with_role(zh_ctx_db(c), c->arena, c->school_id, ZH_ROLE_TEACHER, rows, n);
}

enum zh_err zh_class_student_put(struct zh_ctx *c, int64_t class_id, int64_t student_id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_class_row k, other;
	struct zh_year_row y;
	int64_t in = 0;
	enum zh_err e;
	if ((e = zh_class_get(c, class_id, &k)) || (e = year_open(c, k.year_id, "class_id", &y)) ||
	    (e = zh_store_class_student_in_year(db, c->school_id, student_id, k.year_id, &in)))
		return e;
	if (in) {
		if (zh_store_class_get(db, c->arena, c->school_id, in, &other))
			other.name = "?";
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "student_in_class", "student_id",
				   "Ученик уже учится в классе %s в учебном году %s", other.name, y.name);
	}
	e = zh_store_class_student_add(db, c->school_id, class_id, student_id);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "student_in_class", "student_id", "Ученик уже учится в другом классе этого года");
	return e;
}

/* ---- subjects ---- */

static json_t *subject_json(const struct zh_subject_row *s)
{
	return json_pack("{s:s, s:s, s:b, s:b}", "name", s->name, "short_name", s->short_name, "pass_fail",
			 s->pass_fail, "archived", s->archived);
}

enum zh_err zh_subjects_list(struct zh_ctx *c, bool with_archived, struct zh_subject_row **rows, size_t *n)
{
	return zh_store_subjects_list(zh_ctx_db(c), c->arena, c->school_id, with_archived, rows, n);
}

static enum zh_err subject_conflict(struct zh_ctx *c, enum zh_err e, const char *name)
{
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "subject_exists", "name", "Предмет «%s» уже есть", name);
	return e;
}

enum zh_err zh_subject_create(struct zh_ctx *c, const struct zh_subject_input *in, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subject_row s = { .name = in->name, .short_name = in->short_name && *in->short_name ? in->short_name : in->name,
				    .pass_fail = in->pass_fail > 0, .archived = in->archived > 0 };
	enum zh_err e;
	if (!s.name || !*s.name)
		return zh_fail_set(&c->fail, ZH_EINVAL, "required", "name", "Укажите название предмета");
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = subject_conflict(c, zh_store_subject_insert(db, c->school_id, s.name, s.short_name, id), s.name)))
		goto out;
	s.id = *id;
	if ((e = zh_store_subject_update(db, c->school_id, &s)))
		goto out;
	e = audit(c, "subject.create", "subject", s.id, NULL, subject_json(&s));
out:
	return finish(db, e);
}

enum zh_err zh_subject_update(struct zh_ctx *c, int64_t id, const struct zh_subject_input *in)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subject_row s, ns;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_subject_get(db, c->arena, c->school_id, id, &s))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "id", "Предмет");
		goto out;
	}
	ns = s;
	if (in->name && *in->name)
		ns.name = in->name;
	if (in->short_name && *in->short_name)
		ns.short_name = in->short_name;
	if (in->pass_fail >= 0)
		ns.pass_fail = in->pass_fail;
	if (in->archived >= 0)
		ns.archived = in->archived;
	if ((e = subject_conflict(c, zh_store_subject_update(db, c->school_id, &ns), ns.name)))
		goto out;
	e = audit(c, "subject.update", "subject", id, subject_json(&s), subject_json(&ns));
out:
	return finish(db, e);
}

enum zh_err zh_subject_delete(struct zh_ctx *c, int64_t id, bool *archived)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subject_row s, ns;
	bool used = false;
	enum zh_err e;
	*archived = false;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_subject_get(db, c->arena, c->school_id, id, &s))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "id", "Предмет");
		goto out;
	}
	if ((e = zh_store_subject_used(db, c->school_id, id, &used)))
		goto out;
	if (!used) {
		e = zh_store_subject_delete(db, c->school_id, id);
		if (e == ZH_ECONFLICT)
			used = true; /* referenced elsewhere: archive instead */
		else if (e)
			goto out;
	}
	if (used) {
		ns = s;
		ns.archived = true;
		*archived = true;
		if ((e = zh_store_subject_update(db, c->school_id, &ns)))
			goto out;
		e = audit(c, "subject.archive", "subject", id, subject_json(&s), subject_json(&ns));
	} else {
		e = audit(c, "subject.delete", "subject", id, subject_json(&s), NULL);
	}
out:
	return finish(db, e);
}

/* ---- subgroups ---- */

static json_t *subgroup_json(const struct zh_subgroup_row *g)
{
	return json_pack("{s:I, s:I, s:s}", "class_id", (json_int_t)g->class_id, "subject_id",
			 (json_int_t)g->subject_id, "name", g->name);
}

enum zh_err zh_subgroups_list(struct zh_ctx *c, int64_t class_id, struct zh_subgroup_row **rows, size_t *n)
{
	struct zh_class_row k;
	enum zh_err e = zh_class_get(c, class_id, &k);
	if (e)
		return e;
	return zh_store_subgroups_list(zh_ctx_db(c), c->arena, c->school_id, class_id, rows, n);
}

enum zh_err zh_subgroup_get(struct zh_ctx *c, int64_t id, struct zh_subgroup_row *out)
{
	enum zh_err e = zh_store_subgroup_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	return e == ZH_ENOTFOUND ? not_found(c, "id", "Подгруппа") : e;
}

static enum zh_err subgroup_name_ok(struct zh_ctx *c, const char *name)
{
	if (!name || !*name)
		return zh_fail_set(&c->fail, ZH_EINVAL, "required", "name", "Укажите название подгруппы");
	return ZH_OK;
}

enum zh_err zh_subgroup_create(struct zh_ctx *c, int64_t class_id, int64_t subject_id, const char *name, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_class_row k;
	struct zh_year_row y;
	struct zh_subject_row s;
	enum zh_err e;
	if ((e = subgroup_name_ok(c, name)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_class_get(c, class_id, &k)) || (e = year_open(c, k.year_id, "class_id", &y)))
		goto out;
	if ((e = zh_store_subject_get(db, c->arena, c->school_id, subject_id, &s))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "subject_id", "Предмет");
		goto out;
	}
	e = zh_store_subgroup_insert(db, c->school_id, class_id, subject_id, name, id);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "subgroup_exists", "name", "В классе %s уже есть подгруппа «%s» по предмету «%s»",
			    k.name, name, s.name);
	if (e)
		goto out;
	struct zh_subgroup_row g = { .id = *id, .class_id = class_id, .subject_id = subject_id, .name = name };
	e = audit(c, "subgroup.create", "subgroup", *id, NULL, subgroup_json(&g));
out:
	return finish(db, e);
}

/* The subgroup and its class's open year. */
static enum zh_err subgroup_open(struct zh_ctx *c, int64_t id, struct zh_subgroup_row *g, struct zh_class_row *k)
{
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_subgroup_get(c, id, g)) || (e = zh_class_get(c, g->class_id, k)))
		return e;
	return year_open(c, k->year_id, "id", &y);
}

enum zh_err zh_subgroup_rename(struct zh_ctx *c, int64_t id, const char *name)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subgroup_row g, ng;
	struct zh_class_row k;
	enum zh_err e;
	if ((e = subgroup_name_ok(c, name)) || (e = zh_db_begin(db, true)))
		return e;
	if ((e = subgroup_open(c, id, &g, &k)))
		goto out;
	e = zh_store_subgroup_rename(db, c->school_id, id, name);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "subgroup_exists", "name", "В классе %s уже есть подгруппа «%s» по этому предмету",
			    k.name, name);
	if (e)
		goto out;
	ng = g;
	ng.name = name;
	e = audit(c, "subgroup.update", "subgroup", id, subgroup_json(&g), subgroup_json(&ng));
out:
	return finish(db, e);
}

enum zh_err zh_subgroup_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subgroup_row g;
	struct zh_class_row k;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = subgroup_open(c, id, &g, &k)))
		goto out;
	e = zh_store_subgroup_delete(db, c->school_id, id);
	if (e == ZH_ECONFLICT)
		zh_fail_set(&c->fail, e, "subgroup_in_use", "id",
			    "На подгруппу «%s» назначена нагрузка учителя: сначала удалите эти строки тарификации", g.name);
	if (e)
		goto out;
	e = audit(c, "subgroup.delete", "subgroup", id, subgroup_json(&g), NULL);
out:
	return finish(db, e);
}

enum zh_err zh_subgroup_students(struct zh_ctx *c, int64_t id, struct zh_class_student_row **rows, size_t *n)
{
	struct zh_subgroup_row g;
	enum zh_err e = zh_subgroup_get(c, id, &g);
	if (e)
		return e;
	return zh_store_subgroup_students(zh_ctx_db(c), c->arena, c->school_id, id, rows, n);
}

static json_t *ids_json(const struct zh_class_student_row *r, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer(r[i].id));
	return a;
}

enum zh_err zh_subgroup_set_students(struct zh_ctx *c, int64_t id, const int64_t *ids, size_t n)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subgroup_row g;
	struct zh_class_row k;
	struct zh_class_student_row *cls, *old, *now;
	size_t ncls, nold, nnow;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_subgroup_get(db, c->arena, c->school_id, id, &g);
	if (e == ZH_ENOTFOUND) {
		/* the same answer as "not yours" for a scoped actor */
		if (!(e = zh_scope_check(c, "subgroups.assign", &(struct zh_target){ 0 })))
			e = not_found(c, "id", "Подгруппа");
		goto out;
	}
	if (e || (e = zh_scope_check(c, "subgroups.assign",
				     &(struct zh_target){ .class_id = g.class_id, .subject_id = g.subject_id })) ||
	    (e = subgroup_open(c, id, &g, &k)) ||
	    (e = zh_store_class_students(db, c->arena, c->school_id, g.class_id, &cls, &ncls)) ||
	    (e = zh_store_subgroup_students(db, c->arena, c->school_id, id, &old, &nold)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		bool in = false;
		for (size_t j = 0; j < ncls && !in; j++)
			in = cls[j].id == ids[i];
		if (!in) {
			struct zh_person_row p;
			const char *who = zh_arena_printf(c->arena, "с номером %lld", (long long)ids[i]);
			if (zh_store_person_get(db, c->arena, ids[i], &p) == ZH_OK)
				who = zh_arena_printf(c->arena, "%s %s (номер %lld)", p.last_name, p.first_name,
						      (long long)ids[i]);
			e = zh_fail_set(&c->fail, ZH_ERULE, "student_not_in_class", fieldf(c, "student_ids", i, "id"),
					"Ученик %s не учится в классе %s: в подгруппу можно включить только учеников класса",
					who, k.name);
			goto out;
		}
	}
	if ((e = zh_store_subgroup_students_clear(db, c->school_id, id)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((e = zh_store_subgroup_student_add(db, c->school_id, id, ids[i])))
			goto out;
	if ((e = zh_store_subgroup_students(db, c->arena, c->school_id, id, &now, &nnow)))
		goto out;
	e = audit(c, "subgroup.students", "subgroup", id, json_pack("{s:o}", "student_ids", ids_json(old, nold)),
		  json_pack("{s:o}", "student_ids", ids_json(now, nnow)));
out:
	return finish(db, e);
}

/* ---- curriculum ---- */

enum zh_err zh_curriculum_get(struct zh_ctx *c, int64_t year_id, struct zh_curriculum_row **rows, size_t *n)
{
	return zh_store_curriculum(zh_ctx_db(c), c->arena, c->school_id, year_id, rows, n);
}

static double cell(const struct zh_curriculum_row *r, size_t n, int grade, int64_t subject_id)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].grade == grade && r[i].subject_id == subject_id)
			return r[i].hours;
	return 0;
}

static enum zh_err check_hours(struct zh_ctx *c, double h, const char *field)
{
	if (!(h >= 0 && h <= 40))
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_hours", field,
				   "Часы в неделю — число от 0 до 40");
	return ZH_OK;
}

enum zh_err zh_curriculum_set(struct zh_ctx *c, int64_t year_id, const struct zh_curriculum_row *rows, size_t n)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_year_row y;
	struct zh_curriculum_row *old;
	size_t nold;
	json_t *o = NULL, *nw = NULL;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = year_open(c, year_id, "year_id", &y)) || (e = zh_curriculum_get(c, year_id, &old, &nold)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct zh_subject_row s;
		if (rows[i].grade < 1 || rows[i].grade > 11) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "invalid_grade", fieldf(c, "rows", i, "grade"),
					"Параллель — число от 1 до 11");
			goto out;
		}
		if ((e = check_hours(c, rows[i].hours, fieldf(c, "rows", i, "hours_per_week"))))
			goto out;
		if ((e = zh_store_subject_get(db, c->arena, c->school_id, rows[i].subject_id, &s))) {
			if (e == ZH_ENOTFOUND)
				not_found(c, fieldf(c, "rows", i, "subject_id"), "Предмет");
			goto out;
		}
	}
	o = json_array();
	nw = json_array();
	for (size_t i = 0; i < n; i++) {
		double was = cell(old, nold, rows[i].grade, rows[i].subject_id);
		if (was == rows[i].hours)
			continue;
		if ((e = zh_store_curriculum_set(db, c->school_id, year_id, rows[i].grade, rows[i].subject_id, rows[i].hours)))
			goto out;
		json_array_append_new(o, json_pack("{s:i, s:I, s:f}", "grade", rows[i].grade, "subject_id",
						   (json_int_t)rows[i].subject_id, "hours_per_week", was));
		json_array_append_new(nw, json_pack("{s:i, s:I, s:f}", "grade", rows[i].grade, "subject_id",
						    (json_int_t)rows[i].subject_id, "hours_per_week", rows[i].hours));
	}
	if (json_array_size(nw))
		e = zh_audit(c, "curriculum.edit", "curriculum", year_id, o, nw);
out:
	json_decref(o);
	json_decref(nw);
	return finish(db, e);
}

/* ---- teacher load ---- */

static json_t *load_json(const struct zh_load_row *l)
{
	json_t *g = l->subgroup_id ? json_integer(l->subgroup_id) : json_null();
	return json_pack("{s:I, s:I, s:I, s:o, s:I, s:f}", "year_id", (json_int_t)l->year_id, "teacher_id",
			 (json_int_t)l->teacher_id, "class_id", (json_int_t)l->class_id, "subgroup_id", g,
			 "subject_id", (json_int_t)l->subject_id, "hours_per_week", l->hours);
}

enum zh_err zh_load_get(struct zh_ctx *c, int64_t id, struct zh_load_row *out)
{
	enum zh_err e = zh_store_load_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	return e == ZH_ENOTFOUND ? not_found(c, "id", "Строка нагрузки") : e;
}

/* Teacher, subject, subgroup and hours of l (class and year already checked). */
static enum zh_err check_load(struct zh_ctx *c, const struct zh_load_row *l, const struct zh_class_row *k)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_subject_row s;
	struct zh_subgroup_row g;
	int64_t dup = 0;
	enum zh_err e;
	if ((e = check_teacher(c, l->teacher_id, "teacher_id")))
		return e;
	if ((e = zh_store_subject_get(db, c->arena, c->school_id, l->subject_id, &s)))
		return e == ZH_ENOTFOUND ? not_found(c, "subject_id", "Предмет") : e;
	if (l->subgroup_id) {
		if ((e = zh_store_subgroup_get(db, c->arena, c->school_id, l->subgroup_id, &g)))
			return e == ZH_ENOTFOUND ? not_found(c, "subgroup_id", "Подгруппа") : e;
		if (g.class_id != l->class_id || g.subject_id != l->subject_id)
			return zh_fail_set(&c->fail, ZH_ERULE, "subgroup_mismatch", "subgroup_id",
					   "Подгруппа «%s» не относится к классу %s и предмету «%s»", g.name, k->name, s.name);
	}
	if ((e = check_hours(c, l->hours, "hours_per_week")) || (e = zh_store_load_find(db, c->school_id, l, &dup)))
		return e;
	if (dup)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "load_exists", "teacher_id",
				   "Такая строка нагрузки уже есть (номер %lld): измените её часы", (long long)dup);
	return ZH_OK;
}

enum zh_err zh_load_create(struct zh_ctx *c, const struct zh_load_row *in, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_load_row l = *in;
	struct zh_class_row k;
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_class_get(db, c->arena, c->school_id, l.class_id, &k))) {
		if (e == ZH_ENOTFOUND)
			not_found(c, "class_id", "Класс");
		goto out;
	}
	l.id = 0;
	l.year_id = k.year_id;
	if ((e = year_open(c, k.year_id, "class_id", &y)) || (e = check_load(c, &l, &k)) ||
	    (e = zh_store_load_insert(db, c->school_id, &l, id)))
		goto out;
	e = audit(c, "teacher_load.create", "teacher_load", *id, NULL, load_json(&l));
out:
	return finish(db, e);
}

enum zh_err zh_load_update(struct zh_ctx *c, int64_t id, int64_t teacher_id, int64_t subgroup_id, const double *hours)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_load_row l, nl;
	struct zh_class_row k;
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_load_get(c, id, &l)) || (e = zh_class_get(c, l.class_id, &k)) ||
	    (e = year_open(c, l.year_id, "id", &y)))
		goto out;
	nl = l;
	if (teacher_id)
		nl.teacher_id = teacher_id;
	if (subgroup_id >= 0)
		nl.subgroup_id = subgroup_id;
	if (hours)
		nl.hours = *hours;
	if ((e = check_load(c, &nl, &k)) || (e = zh_store_load_update(db, c->school_id, &nl)))
		goto out;
	e = audit(c, "teacher_load.update", "teacher_load", id, load_json(&l), load_json(&nl));
out:
	return finish(db, e);
}

enum zh_err zh_load_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_load_row l;
	struct zh_year_row y;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_load_get(c, id, &l)) || (e = year_open(c, l.year_id, "id", &y)) ||
	    (e = zh_store_load_delete(db, c->school_id, id)))
		goto out;
	e = audit(c, "teacher_load.delete", "teacher_load", id, load_json(&l), NULL);
out:
	return finish(db, e);
}

enum zh_err zh_load_report(struct zh_ctx *c, const struct zh_load_filter *flt, struct zh_load_report *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_load_filter all = { .year_id = flt->year_id, .class_id = flt->class_id };
	struct zh_load_row *rows;
	struct zh_class_row *cls;
	struct zh_subject_row *subj;
	struct zh_curriculum_row *plan;
	size_t n, ncls, nsubj, nplan, cap_t = 0, cap_d = 0;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if ((e = zh_store_load_list(db, c->arena, c->school_id, flt, &out->rows, &out->n)) ||
	    (e = zh_store_load_list(db, c->arena, c->school_id, &all, &rows, &n)) ||
	    (e = zh_store_classes_list(db, c->arena, c->school_id, flt->year_id, &cls, &ncls)) ||
	    (e = zh_store_subjects_list(db, c->arena, c->school_id, true, &subj, &nsubj)) ||
	    (e = zh_store_curriculum(db, c->arena, c->school_id, flt->year_id, &plan, &nplan)))
		return e;
	/* per teacher totals over the selected rows */
	for (size_t i = 0; i < out->n; i++) {
		struct zh_load_total *t = NULL;
		for (size_t j = 0; j < out->ntotals && !t; j++)
			if (out->totals[j].teacher_id == out->rows[i].teacher_id)
				t = &out->totals[j];
		if (!t) {
			if (!(t = PUSH(c->arena, out->totals, out->ntotals, cap_t)))
				return ZH_ENOMEM;
			t->teacher_id = out->rows[i].teacher_id;
			t->teacher_name = out->rows[i].teacher_name;
		}
		t->hours += out->rows[i].hours;
	}
	/* per class and subject: the plan of the grade against the load */
	for (size_t ci = 0; ci < ncls; ci++) {
		if (flt->class_id && cls[ci].id != flt->class_id)
			continue;
		for (size_t si = 0; si < nsubj; si++) {
			double p = cell(plan, nplan, cls[ci].grade, subj[si].id), whole = 0;
			bool any = false, mine = !flt->teacher_id;
			for (size_t i = 0; i < n; i++)
				if (rows[i].class_id == cls[ci].id && rows[i].subject_id == subj[si].id) {
					any = true;
					if (!rows[i].subgroup_id)
						whole += rows[i].hours;
					if (rows[i].teacher_id == flt->teacher_id)
						mine = true;
				}
			if ((!any && p == 0) || !mine)
				continue;
			/* each subgroup with load gets its own line; else one line for the class */
			bool split = false;
			for (size_t i = 0; i < n; i++) {
				const struct zh_load_row *r = &rows[i];
				if (r->class_id != cls[ci].id || r->subject_id != subj[si].id || !r->subgroup_id)
					continue;
				bool seen = false;
				for (size_t j = 0; j < i && !seen; j++)
					seen = rows[j].subgroup_id == r->subgroup_id;
				if (seen)
					continue;
				split = true;
				double load = whole;
				for (size_t j = i; j < n; j++)
					if (rows[j].subgroup_id == r->subgroup_id)
						load += rows[j].hours;
				struct zh_load_diff *d = PUSH(c->arena, out->diffs, out->ndiffs, cap_d);
				if (!d)
					return ZH_ENOMEM;
				*d = (struct zh_load_diff){ cls[ci].id, subj[si].id, r->subgroup_id, cls[ci].name,
							    subj[si].name, r->subgroup_name, p, load };
			}
			if (!split) {
				struct zh_load_diff *d = PUSH(c->arena, out->diffs, out->ndiffs, cap_d);
				if (!d)
					return ZH_ENOMEM;
				*d = (struct zh_load_diff){ cls[ci].id, subj[si].id, 0, cls[ci].name, subj[si].name, NULL, p, whole };
			}
		}
	}
	return ZH_OK;
}
