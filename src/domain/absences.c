/* absences.c: the class teacher's day of absences and УП/НП reasons (M-09) */
#include "domain/absences.h"

#include <string.h>

#include "core/tz.h"
#include "domain/acl.h"
#include "domain/audit.h"
#include "domain/finals.h"
#include "domain/scope.h"
#include "json/json.h"
#include "store/absences.h"
#include "store/finals.h"

#define ABS_MAX_LESSONS 64

static enum zh_err load_class(struct zh_ctx *c, int64_t class_id, const char *field, struct zh_fin_class *cl)
{
	enum zh_err e = zh_store_fin_class(zh_ctx_db(c), c->arena, c->school_id, class_id, cl);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", field, "Класс с номером %lld не найден",
				   (long long)class_id);
	return e;
}

static enum zh_err check_date(struct zh_ctx *c, const char *date, const char *field)
{
	int y, m, d;
	if (!date)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", field, "Не указана дата (%s)", field);
	if (!zh_date_parse(date, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", field, "Дата должна быть в виде ГГГГ-ММ-ДД");
	return ZH_OK;
}

/* The class teacher of that class (attendance.reason scope) or the admin (journal.edit.all). */
static enum zh_err may_set(struct zh_ctx *c, int64_t class_id)
{
	if (zh_acl_allows(&c->ops, "journal.edit.all"))
		return ZH_OK;
	return zh_scope_check(c, "attendance.reason", &(struct zh_target){ .class_id = class_id });
}

enum zh_err zh_absences_day(struct zh_ctx *c, int64_t class_id, const char *date, json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_fin_class cl;
	struct zh_fin_student *st;
	struct zh_abs_lesson *ls;
	struct zh_abs_entry *en;
	size_t nst, nl, ne;
	enum zh_err e;

	if ((e = check_date(c, date, "date")) ||
	    (e = zh_scope_check(c, "journal.view", &(struct zh_target){ .class_id = class_id })) ||
	    (e = load_class(c, class_id, "class", &cl)))
		return e;
	if ((e = zh_store_fin_students(db, c->arena, c->school_id, class_id, 0, &st, &nst)) ||
	    (e = zh_store_abs_lessons(db, c->arena, c->school_id, class_id, date, &ls, &nl)) ||
	    (e = zh_store_abs_entries(db, c->arena, c->school_id, class_id, date, 0, &en, &ne)))
		return e;
	struct zh_fail saved = c->fail;
	bool can = !cl.year_closed && may_set(c, class_id) == ZH_OK;
	c->fail = saved;
	json_t *lessons = json_array();
	for (size_t i = 0; i < nl; i++)
		json_array_append_new(lessons, json_pack("{s:I, s:i, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:o}", "id",
							 (json_int_t)ls[i].id, "number", ls[i].number, "subject", "id",
							 (json_int_t)ls[i].subject_id, "name", ls[i].subject_name, "teacher",
							 "id", (json_int_t)ls[i].teacher_id, "name", ls[i].teacher_name,
							 "status", ls[i].status, "subgroup_id",
							 ls[i].subgroup_id ? json_integer(ls[i].subgroup_id) : json_null()));
	json_t *students = json_array();
	for (size_t i = 0; i < nst; i++) {
		json_t *entries = json_array();
		for (size_t j = 0; j < ne; j++)
			if (en[j].student_id == st[i].id)
				json_array_append_new(entries, json_pack("{s:I, s:s, s:o}", "lesson_id",
									 (json_int_t)en[j].lesson_id, "code", en[j].code,
									 "reason", en[j].reason ? json_string(en[j].reason)
												: json_null()));
		json_array_append_new(students, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)st[i].id, "name",
							  st[i].name, "full_name", st[i].full_name, "entries", entries));
	}
	*out = zh_json_own(c->arena, json_pack("{s:{s:I, s:s, s:i}, s:s, s:b, s:o, s:o, s:b}", "class", "id",
					       (json_int_t)cl.id, "name", cl.name, "grade", cl.grade, "date", date,
					       "year_closed", cl.year_closed, "lessons", lessons, "students", students,
					       "can_set_reason", can));
	return *out ? ZH_OK : ZH_ENOMEM;
}

static json_t *entry_image(const char *code, const char *reason)
{
	return json_pack("{s:s, s:o}", "code", code, "reason", reason ? json_string(reason) : json_null());
}

enum zh_err zh_absences_set_reason(struct zh_ctx *c, json_t *body, json_t **out)
{
	static const char *const keys[] = { "class_id", "student_id", "date", "reason", "lesson_ids", NULL };
	struct zh_db *db = zh_ctx_db(c);
	struct zh_fail *f = &c->fail;
	long long class_id = 0, student_id = 0;
	const char *date = NULL, *reason = NULL;
	int64_t ids[ABS_MAX_LESSONS];
	size_t nids = 0, nst, nl, ne;
	struct zh_fin_class cl;
	struct zh_fin_student *st;
	struct zh_abs_lesson *ls;
	struct zh_abs_entry *en;
	int64_t changed = 0;
	bool found = false;
	json_t *lids, *rv;
	enum zh_err e;

	if ((e = zh_json_only(body, keys, f)) || (e = zh_json_int(body, "class_id", true, 1, INT64_MAX, &class_id, f)) ||
	    (e = zh_json_int(body, "student_id", true, 1, INT64_MAX, &student_id, f)) ||
	    (e = zh_json_str(body, "date", true, 10, &date, f)) || (e = check_date(c, date, "date")))
		return e;
	rv = json_object_get(body, "reason");
	if (!rv)
		return zh_fail_set(f, ZH_EINVAL, "missing_field", "reason", "Укажите причину (УП, НП или null)");
	if (!json_is_null(rv)) {
		if (!json_is_string(rv))
			return zh_fail_set(f, ZH_EINVAL, "invalid_type", "reason", "Причина — строка УП или НП, либо null");
		reason = json_string_value(rv);
		if (strcmp(reason, "УП") != 0 && strcmp(reason, "НП") != 0)
			return zh_fail_set(f, ZH_ERULE, "unknown_reason", "reason",
					   "Причина пропуска — УП (уважительная) или НП (неуважительная)");
	}
	lids = json_object_get(body, "lesson_ids");
	if (lids && !json_is_null(lids)) {
		if (!json_is_array(lids))
			return zh_fail_set(f, ZH_EINVAL, "invalid_type", "lesson_ids", "lesson_ids — список номеров уроков");
		if (json_array_size(lids) > ABS_MAX_LESSONS)
			return zh_fail_set(f, ZH_EINVAL, "too_many", "lesson_ids", "Слишком много уроков");
		for (size_t i = 0; i < json_array_size(lids); i++) {
			json_t *v = json_array_get(lids, i);
			const char *fld = zh_arena_printf(c->arena, "lesson_ids[%zu]", i);
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				return zh_fail_set(f, ZH_EINVAL, "invalid_type", fld, "Номер урока — положительное число");
			for (size_t j = 0; j < nids; j++)
				if (ids[j] == json_integer_value(v))
					return zh_fail_set(f, ZH_ERULE, "duplicate_entry", fld, "Урок повторяется в списке");
			ids[nids++] = json_integer_value(v);
		}
	}
	if ((e = may_set(c, class_id)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = load_class(c, class_id, "class_id", &cl)))
		goto out;
	if (cl.year_closed) {
		e = zh_fail_set(f, ZH_ELOCKED, "year_closed", "date", "Учебный год закрыт: журнал доступен только для чтения");
		goto out;
	}
	if ((e = zh_store_fin_students(db, c->arena, c->school_id, class_id, 0, &st, &nst)))
		goto out;
	for (size_t i = 0; i < nst && !found; i++)
		found = st[i].id == student_id;
	if (!found) {
		e = zh_fail_set(f, ZH_ERULE, "student_not_in_class", "student_id", "Ученик с номером %lld не учится в классе %s",
				student_id, cl.name);
		goto out;
	}
	if ((e = zh_store_abs_lessons(db, c->arena, c->school_id, class_id, date, &ls, &nl)) ||
	    (e = zh_store_abs_entries(db, c->arena, c->school_id, class_id, date, student_id, &en, &ne)))
		goto out;
	/* the entries to change: the listed lessons (each must be this day's Н/Б of the student) or all Н/Б */
	struct zh_abs_entry **todo = zh_arena_alloc(c->arena, (ne + 1) * sizeof *todo);
	size_t nt = 0;
	if (!todo) {
		e = ZH_ENOMEM;
		goto out;
	}
	if (nids) {
		for (size_t i = 0; i < nids; i++) {
			const char *fld = zh_arena_printf(c->arena, "lesson_ids[%zu]", i);
			struct zh_abs_entry *hit = NULL;
			bool in_day = false;
			for (size_t j = 0; j < nl && !in_day; j++)
				in_day = ls[j].id == ids[i];
			if (!in_day) {
				e = zh_fail_set(f, ZH_ERULE, "lesson_not_in_day", fld,
						"Урок %lld не относится к классу %s на %s", (long long)ids[i], cl.name, date);
				goto out;
			}
			for (size_t j = 0; j < ne && !hit; j++)
				if (en[j].lesson_id == ids[i])
					hit = &en[j];
			if (!hit || strcmp(hit->code, "О") == 0) {
				e = zh_fail_set(f, ZH_ERULE, "reason_not_allowed", fld,
						"Причина ставится только к пропуску (Н) или болезни (Б)%s",
						hit ? ", не к опозданию" : ": на этом уроке ученик был");
				goto out;
			}
			todo[nt++] = hit;
		}
	} else {
		for (size_t j = 0; j < ne; j++)
			if (strcmp(en[j].code, "О") != 0)
				todo[nt++] = &en[j];
	}
	json_t *olds = json_array(), *news = json_array();
	for (size_t i = 0; i < nt && !e; i++) {
		struct zh_abs_entry *x = todo[i];
		if ((!x->reason && !reason) || (x->reason && reason && strcmp(x->reason, reason) == 0))
			continue;
		json_t *oi = entry_image(x->code, x->reason), *ni = entry_image(x->code, reason);
		json_object_set_new(oi, "lesson_id", json_integer(x->lesson_id));
		json_object_set_new(ni, "lesson_id", json_integer(x->lesson_id));
		json_array_append(olds, oi);
		json_array_append(news, ni);
		struct zh_fin_hist h = { .entity = "attendance", .entity_id = x->lesson_id, .lesson_id = x->lesson_id,
					 .student_id = student_id, .subject_id = x->subject_id, .user_id = c->user_id,
					 .at = c->now, .old_value = zh_fin_json_text(c, oi), .new_value = zh_fin_json_text(c, ni) };
		if (!(e = zh_store_abs_set_reason(db, c->school_id, x->lesson_id, student_id, reason, c->user_id, c->now)))
			e = zh_store_fin_hist_insert(db, c->school_id, &h);
		changed++;
	}
	if (!e && changed)
		e = zh_audit_take(c, "attendance.reason", "attendance", student_id,
				  json_pack("{s:I, s:s, s:o}", "class_id", (json_int_t)class_id, "date", date, "entries", olds),
				  json_pack("{s:I, s:s, s:o}", "class_id", (json_int_t)class_id, "date", date, "entries", news));
	else {
		json_decref(olds);
		json_decref(news);
	}
	if (!e)
		e = zh_store_abs_entries(db, c->arena, c->school_id, class_id, date, student_id, &en, &ne);
out:
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	if ((e = zh_db_commit(db)))
		return e;
	json_t *entries = json_array();
	for (size_t j = 0; j < ne; j++)
		json_array_append_new(entries, json_pack("{s:I, s:s, s:o}", "lesson_id", (json_int_t)en[j].lesson_id, "code",
							 en[j].code, "reason",
							 en[j].reason ? json_string(en[j].reason) : json_null()));
	*out = zh_json_own(c->arena, json_pack("{s:I, s:s, s:I, s:o}", "student_id", (json_int_t)student_id, "date", date,
					       "changed", (json_int_t)changed, "entries", entries));
	return *out ? ZH_OK : ZH_ENOMEM;
}
