/* timetable.c: bell schedules and the weekly timetable with conflict checks (M-07) */
#include "domain/timetable.h"

#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/roles.h"
#include "domain/school.h"
#include "domain/scope.h"

static const char *const weekdays[] = { "", "понедельник", "вторник", "среда", "четверг", "пятница",
					"суббота", "воскресенье" };

const char *zh_tt_weekday_name(int weekday)
{
	return weekday >= 1 && weekday <= 7 ? weekdays[weekday] : "";
}

/* "HH:MM" with a real time; minutes since midnight or -1. */
static int hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

enum zh_err zh_tt_bells_put(struct zh_ctx *c, const char *name, int shift, const struct zh_bell_in *b,
			    size_t n)
{
	struct zh_fail *f = &c->fail;
	struct zh_db *db;
	int64_t sid = 0;
	char today[11];
	int *used = NULL;
	size_t nused = 0;
	enum zh_err e;

	if (!name || !*name)
		return zh_fail_set(f, ZH_EINVAL, "required", "name", "Укажите название расписания звонков");
	if (shift != 1 && shift != 2)
		return zh_fail_set(f, ZH_EINVAL, "invalid_shift", "shift", "Смена должна быть 1 или 2");
	if (!n)
		return zh_fail_set(f, ZH_EINVAL, "required", "bells", "Добавьте хотя бы один урок");
	for (size_t i = 0; i < n; i++) {
		int s = hhmm(b[i].start), en = hhmm(b[i].end);
		if (s < 0 || en < 0)
			return zh_fail_set(f, ZH_EINVAL, "invalid_time", "bells",
					   "Урок %d: время должно быть в виде ЧЧ:ММ (например, 08:30)", b[i].number);
		if (s >= en)
			return zh_fail_set(f, ZH_ERULE, "start_after_end", "bells",
					   "Урок %d: начало (%s) должно быть раньше конца (%s)", b[i].number,
					   b[i].start, b[i].end);
		if (i > 0) {
			if (b[i].number <= b[i - 1].number)
				return zh_fail_set(f, ZH_ERULE, "bells_order", "bells",
						   "Номера уроков должны идти по возрастанию без повторов (урок %d после урока %d)",
						   b[i].number, b[i - 1].number);
			if (s < hhmm(b[i - 1].end))
				return zh_fail_set(f, ZH_ERULE, "bells_overlap", "bells",
						   "Урок %d начинается (%s) раньше, чем заканчивается урок %d (%s)",
						   b[i].number, b[i].start, b[i - 1].number, b[i - 1].end);
		}
	}
	db = zh_ctx_db(c);
	if ((e = zh_school_today(c, today)) || (e = zh_db_begin(db, true)))
		return e;
	/* a lesson number the current or a later timetable still uses cannot disappear */
	if ((e = zh_store_shift_numbers_used(db, c->arena, c->school_id, shift, today, &used, &nused)))
		goto out;
	for (size_t k = 0; k < nused; k++) {
		bool kept = false;
		for (size_t i = 0; i < n && !kept; i++)
			kept = b[i].number == used[k];
		if (!kept) {
			e = zh_fail_set(f, ZH_ECONFLICT, "bell_in_use", "bells",
					"Урок %d есть в расписании %d смены: сначала уберите его из расписания", used[k],
					shift);
			goto out;
		}
	}
	e = zh_store_bell_schedule_of_shift(db, c->school_id, shift, &sid);
	if (e == ZH_ENOTFOUND)
		e = zh_store_bell_schedule_insert(db, c->school_id, name, shift, &sid);
	else if (!e)
		e = zh_store_bell_schedule_rename(db, c->school_id, sid, name);
	/* the old bells of the shift, for the audit record */
	json_t *ov = NULL;
	if (!e && sid) {
		struct zh_bell_row *old;
		size_t nold;
		if (!(e = zh_store_bells(db, c->arena, c->school_id, &old, &nold))) {
			ov = json_pack("{s:i, s:[]}", "shift", shift, "bells");
			for (size_t i = 0; ov && i < nold; i++)
				if (old[i].schedule_id == sid)
					json_array_append_new(json_object_get(ov, "bells"),
							      json_pack("{s:i, s:s, s:s}", "number", old[i].number, "start",
									old[i].start, "end", old[i].end));
		}
	}
	if (!e)
		e = zh_store_bells_clear(db, c->school_id, sid);
	json_t *nv = json_pack("{s:s, s:i, s:[]}", "name", name, "shift", shift, "bells");
	for (size_t i = 0; !e && i < n; i++) {
		e = zh_store_bell_insert(db, c->school_id, sid, b[i].number, b[i].start, b[i].end);
		json_array_append_new(json_object_get(nv, "bells"), json_pack("{s:i, s:s, s:s}", "number", b[i].number,
									     "start", b[i].start, "end", b[i].end));
	}
	if (e == ZH_ECONFLICT)
		e = zh_fail_set(f, ZH_ECONFLICT, "name_taken", "name", "Расписание звонков «%s» уже есть", name);
	if (!e)
		e = zh_audit(c, "timetable.edit", "bell_schedule", sid, ov, nv);
	json_decref(ov);
	json_decref(nv);
	if (!e)
		e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

static enum zh_err deny(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
}

enum zh_err zh_tt_list(struct zh_ctx *c, struct zh_tt_filter *f, struct zh_tt_row **rows, size_t *n)
{
	int scopes = zh_acl_scopes(&c->ops, "timetable.view");
	enum zh_err e;

	if (!(scopes & ZH_SCOPE_ALL)) {
		if (!(scopes & ZH_SCOPE_SELF) || !c->person_id)
			return deny(c);
		if (f->teacher_id) {
			if (f->teacher_id != c->person_id)
				return deny(c);
		} else if (f->class_id && c->roles[ZH_ROLE_STUDENT]) {
			int64_t own = 0;
			e = zh_store_student_class(zh_ctx_db(c), c->school_id, c->person_id, &own);
			if (e && e != ZH_ENOTFOUND)
				return e;
			if (own != f->class_id)
				return deny(c);
			f->student_id = c->person_id;
		} else {
			return deny(c);
		}
	}
	return zh_store_tt_list(zh_ctx_db(c), c->arena, c->school_id, f, rows, n);
}

enum zh_err zh_tt_student(struct zh_ctx *c, int64_t student_id, int64_t period_id, struct zh_tt_row **rows,
			  size_t *n)
{
	struct zh_tt_filter f = { .period_id = period_id, .student_id = student_id };
	enum zh_err e = zh_scope_check(c, "timetable.view", &(struct zh_target){ .student_id = student_id });
	if (e)
		return e;
	return zh_store_tt_list(zh_ctx_db(c), c->arena, c->school_id, &f, rows, n);
}

static json_t *row_json(const struct zh_tt_row *r)
{
	return json_pack("{s:I, s:i, s:i, s:I, s:o, s:I, s:I, s:o}", "period_id", (json_int_t)r->period_id,
			 "weekday", r->weekday, "lesson_number", r->lesson, "class_id", (json_int_t)r->class_id,
			 "subgroup_id", r->subgroup_id ? json_integer(r->subgroup_id) : json_null(),
			 "subject_id", (json_int_t)r->subject_id, "teacher_id", (json_int_t)r->teacher_id,
			 "room_id", r->room_id ? json_integer(r->room_id) : json_null());
}

static enum zh_err validate(struct zh_ctx *c, const struct zh_tt_row *r, struct zh_tt_facts *k)
{
	struct zh_fail *f = &c->fail;
	enum zh_err e;
	memset(k, 0, sizeof *k);
	if ((e = zh_store_tt_facts(zh_ctx_db(c), c->school_id, r, k)))
		return e;
	if (r->weekday < 1 || r->weekday > 6)
		return zh_fail_set(f, ZH_EINVAL, "invalid_weekday", "weekday", "День недели должен быть от 1 (пн) до 6 (сб)");
	if (!k->period_year)
		return zh_fail_set(f, ZH_ERULE, "unknown_period", "period_id", "Учебный период не найден в школе");
	if (!k->class_year)
		return zh_fail_set(f, ZH_ERULE, "unknown_class", "class_id", "Класс не найден в школе");
	if (k->class_year != k->period_year)
		return zh_fail_set(f, ZH_ERULE, "class_other_year", "class_id", "Класс относится к другому учебному году");
	if (!k->kind_ok)
		return zh_fail_set(f, ZH_ERULE, "period_kind", "period_id",
				   "Этот класс учится по другим периодам (четверти или полугодия)");
	if (!k->subject_ok)
		return zh_fail_set(f, ZH_ERULE, "unknown_subject", "subject_id", "Предмет не найден в школе");
	if (r->subgroup_id) {
		if (!k->subgroup_class)
			return zh_fail_set(f, ZH_ERULE, "unknown_subgroup", "subgroup_id", "Подгруппа не найдена в школе");
		if (k->subgroup_class != r->class_id)
			return zh_fail_set(f, ZH_ERULE, "subgroup_other_class", "subgroup_id", "Подгруппа относится к другому классу");
		if (k->subgroup_subject != r->subject_id)
			return zh_fail_set(f, ZH_ERULE, "subgroup_other_subject", "subgroup_id",
					   "Подгруппа создана для другого предмета");
	}
	if (!k->teacher_ok)
		return zh_fail_set(f, ZH_ERULE, "unknown_teacher", "teacher_id", "Учитель не найден среди учителей школы");
	if (!k->room_ok)
		return zh_fail_set(f, ZH_ERULE, "unknown_room", "room_id", "Кабинет не найден в школе");
	if (!k->bell_ok)
		return zh_fail_set(f, ZH_ERULE, "unknown_lesson_number", "lesson_number",
				   "Урока № %d нет в расписании звонков %d-й смены", r->lesson, k->class_shift ? k->class_shift : 1);
	return ZH_OK;
}

static const char *group_of(struct zh_arena *a, const struct zh_tt_row *x)
{
	if (!x->subgroup_id)
		return x->class_name;
	char buf[256];
	snprintf(buf, sizeof buf, "%s (%s)", x->class_name, x->subgroup_name ? x->subgroup_name : "подгруппа");
	size_t len = strlen(buf) + 1;
	char *s = zh_arena_alloc(a, len);
	if (s)
		memcpy(s, buf, len);
	return s ? s : x->class_name;
}

/* The first clash as a Russian message; ZH_OK when none. */
static enum zh_err conflicts(struct zh_ctx *c, const struct zh_tt_row *r)
{
	struct zh_fail *f = &c->fail;
	struct zh_tt_row *x;
	size_t n;
	enum zh_err e = zh_store_tt_clashes(zh_ctx_db(c), c->arena, c->school_id, r, r->id, &x, &n);
	if (e)
		return e;
	const char *day = zh_tt_weekday_name(r->weekday);
	for (size_t i = 0; i < n; i++)
		if (x[i].teacher_id == r->teacher_id)
			return zh_fail_set(f, ZH_ECONFLICT, "teacher_busy", "teacher_id",
					   "Учитель %s уже ведёт урок в это время (%s, %d-й урок): %s, %s",
					   x[i].teacher_name, day, r->lesson, group_of(c->arena, &x[i]), x[i].subject_name);
	for (size_t i = 0; i < n; i++)
		if (r->room_id && x[i].room_id == r->room_id)
			return zh_fail_set(f, ZH_ECONFLICT, "room_busy", "room_id",
					   "Кабинет %s уже занят в это время (%s, %d-й урок): %s, %s, учитель %s",
					   x[i].room_name, day, r->lesson, group_of(c->arena, &x[i]), x[i].subject_name,
					   x[i].teacher_name);
	for (size_t i = 0; i < n; i++) {
		if (x[i].class_id != r->class_id)
			continue;
		if (r->subgroup_id && x[i].subgroup_id && r->subgroup_id != x[i].subgroup_id)
			continue;   /* two groups of one class at once: allowed */
		if (!r->subgroup_id && x[i].subgroup_id)
			return zh_fail_set(f, ZH_ECONFLICT, "class_busy", "class_id",
					   "У подгруппы %s в это время (%s, %d-й урок) идёт урок «%s» — урок всего класса поставить нельзя",
					   group_of(c->arena, &x[i]), day, r->lesson, x[i].subject_name);
		if (r->subgroup_id && !x[i].subgroup_id)
			return zh_fail_set(f, ZH_ECONFLICT, "class_busy", "class_id",
					   "У класса %s в это время (%s, %d-й урок) урок всего класса «%s» (учитель %s)",
					   x[i].class_name, day, r->lesson, x[i].subject_name, x[i].teacher_name);
		return zh_fail_set(f, ZH_ECONFLICT, "class_busy", "class_id",
				   "У %s уже есть урок в это время (%s, %d-й урок): %s, учитель %s",
				   group_of(c->arena, &x[i]), day, r->lesson, x[i].subject_name, x[i].teacher_name);
	}
	return ZH_OK;
}

enum zh_err zh_tt_save(struct zh_ctx *c, struct zh_tt_row *r, const char **warning)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_tt_facts k;
	struct zh_tt_row old = { 0 };
	json_t *ov = NULL, *nv = NULL;
	enum zh_err e;

	*warning = NULL;
	if ((e = zh_db_begin(db, true)))
		return e;
	if (r->id && (e = zh_store_tt_get(db, c->arena, c->school_id, r->id, &old))) {
		if (e == ZH_ENOTFOUND)
			zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "", "Урок в расписании не найден");
		goto out;
	}
	if ((e = validate(c, r, &k)) || (e = conflicts(c, r)))
		goto out;
	if (r->id)
		e = zh_store_tt_update(db, c->school_id, r);
	else
		e = zh_store_tt_insert(db, c->school_id, r, c->now, &r->id);
	if (e)
		goto out;
	ov = r->id && old.id ? row_json(&old) : NULL;
	nv = row_json(r);
	if ((e = zh_audit(c, "timetable.edit", "timetable_entry", r->id, ov, nv)))
		goto out;
	if ((e = zh_store_tt_get(db, c->arena, c->school_id, r->id, r)))
		goto out;
	if (!k.in_load) {
		char buf[512];
		snprintf(buf, sizeof buf, "У учителя %s нет нагрузки по предмету «%s» в классе %s — проверьте тарификацию",
			 r->teacher_name, r->subject_name, r->class_name);
		size_t len = strlen(buf) + 1;
		char *w = zh_arena_alloc(c->arena, len);
		if (w) {
			memcpy(w, buf, len);
			*warning = w;
		}
	}
	e = zh_db_commit(db);
out:
	json_decref(ov);
	json_decref(nv);
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_tt_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_tt_row old;
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_tt_get(db, c->arena, c->school_id, id, &old);
	if (e == ZH_ENOTFOUND)
		zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "", "Урок в расписании не найден");
	if (!e)
		e = zh_store_tt_delete(db, c->school_id, id);
	if (!e) {
		json_t *ov = row_json(&old);
		e = zh_audit(c, "timetable.edit", "timetable_entry", id, ov, NULL);
		json_decref(ov);
	}
	if (!e)
		e = zh_db_commit(db);
	if (e)
		zh_db_rollback(db);
	return e;
}
