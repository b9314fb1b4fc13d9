/* movement.c: the movement book: enrolment, transfer, withdrawal, applicants (M-06) */
#include "domain/movement.h"

#include <string.h>

#include "core/fold.h"
#include "core/str.h"
#include "core/tz.h"
#include "domain/audit.h"

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static enum zh_err need_date(struct zh_ctx *c, const char *s, const char *field, const char *what)
{
	int y, m, d;
	if (!s || !*s)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", field, "Укажите %s", what);
	if (!zh_date_parse(s, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", field,
				   "Поле «%s»: нужна настоящая дата в виде ГГГГ-ММ-ДД", field);
	return ZH_OK;
}

static enum zh_err class_of_school(struct zh_ctx *c, int64_t id, const char *field, struct zh_mv_class *out)
{
	enum zh_err e = zh_store_mv_class_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "class_not_found", field,
				   "Класс с номером %lld не найден в школе", (long long)id);
	return e;
}

static enum zh_err date_in_year(struct zh_ctx *c, const char *date, const struct zh_mv_class *k)
{
	if (k->year_closed)
		return zh_fail_set(&c->fail, ZH_ERULE, "year_closed", "date",
				   "Учебный год %s закрыт: движение в нём уже не записывается", k->year_name);
	if (strcmp(date, k->year_start) < 0 || strcmp(date, k->year_end) > 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "date_outside_year", "date",
				   "Дата %s вне учебного года %s (%s — %s)", date, k->year_name, k->year_start,
				   k->year_end);
	return ZH_OK;
}

static const char *full_name(struct zh_arena *a, const char *last, const char *first, const char *middle)
{
	if (middle && *middle)
		return zh_arena_printf(a, "%s %s %s", last, first, middle);
	return zh_arena_printf(a, "%s %s", last, first);
}

enum zh_err zh_movement_person_check(struct zh_ctx *c, const struct zh_person_row *p,
				     const char **name_fold)
{
	int y, m, d;
	if (blank(p->last_name))
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "last_name", "Укажите фамилию");
	if (blank(p->first_name))
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "first_name", "Укажите имя");
	if (p->birth_date && !zh_date_parse(p->birth_date, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "birth_date",
				   "Дата рождения должна быть настоящей датой в виде ГГГГ-ММ-ДД");
	if (p->birth_date && (y < 1990 || y > 2100))
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_date", "birth_date",
				   "Год рождения %d не подходит для учащегося", y);
	if (p->gender && strcmp(p->gender, "m") != 0 && strcmp(p->gender, "f") != 0)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "gender",
				   "Пол: «m» (мужской) или «f» (женский)");
	const char *full = full_name(c->arena, p->last_name, p->first_name, p->middle_name);
	*name_fold = full ? zh_fold(c->arena, full, strlen(full)) : NULL;
	return *name_fold ? ZH_OK : ZH_ENOMEM;
}

static json_t *move_json(const struct zh_movement_row *m)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s?, s:I, s:I, s:s, s:s, s:s}",
			 "id", (json_int_t)m->id, "student_id", (json_int_t)m->student_id, "kind", m->kind,
			 "date", m->date, "order_no", m->order_no ? m->order_no : "", "order_date", m->order_date,
			 "from_class_id", (json_int_t)m->from_class_id, "to_class_id", (json_int_t)m->to_class_id,
			 "from_place", m->from_place ? m->from_place : "", "to_place", m->to_place ? m->to_place : "",
			 "reason", m->reason ? m->reason : "");
}

static enum zh_err audit_move(struct zh_ctx *c, const struct zh_movement_row *m, const char *old_status,
			      const char *new_status)
{
	json_t *o = json_pack("{s:I, s:s?, s:I}", "student_id", (json_int_t)m->student_id, "status", old_status,
			      "class_id", (json_int_t)m->from_class_id);
	json_t *nv = move_json(m);
	if (nv)
		json_object_set_new(nv, "status", new_status ? json_string(new_status) : json_null());
	enum zh_err e = zh_audit(c, "movement.edit", "movement", m->id, o, nv);
	json_decref(o);
	json_decref(nv);
	return e;
}

/* Checks everything that needs no write; fills the movement to insert. */
static enum zh_err move_check(struct zh_ctx *c, const struct zh_move_in *in, struct zh_movement_row *m,
			      struct zh_mv_student *stu, const char **name_fold)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_mv_class from = { 0 }, to = { 0 };
	enum zh_err e;

	*name_fold = NULL;
	if (!in->kind || (strcmp(in->kind, "enrol") != 0 && strcmp(in->kind, "transfer") != 0 &&
			  strcmp(in->kind, "withdraw") != 0))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_value", "kind",
				   "Вид движения: enrol (зачисление), transfer (перевод) или withdraw (выбытие)");
	if ((e = need_date(c, in->date, "date", "дату движения")))
		return e;
	if (blank(in->order_no))
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "order_no", "Укажите номер приказа");
	if ((e = need_date(c, in->order_date, "order_date", "дату приказа")))
		return e;
	if (strcmp(in->order_date, in->date) > 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "order_after_date", "order_date",
				   "Дата приказа %s позже даты движения %s", in->order_date, in->date);
	m->school_id = c->school_id;
	m->kind = in->kind;
	m->date = in->date;
	m->order_no = in->order_no;
	m->order_date = in->order_date;
	m->from_place = in->from_place;
	m->to_place = in->to_place;
	m->reason = in->reason;
	m->created_by = c->person_id;
	m->created_at = c->now;

	/* the student */
	memset(stu, 0, sizeof *stu);
	if (in->student_id) {
		e = zh_store_mv_student_get(db, c->arena, c->school_id, in->student_id, stu);
		if (e == ZH_ENOTFOUND || (!e && !stu->status && strcmp(in->kind, "enrol") != 0))
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "student_not_found", "student_id",
					   "Учащийся с номером %lld не найден", (long long)in->student_id);
		if (e)
			return e;
	} else if (strcmp(in->kind, "enrol") == 0 && in->person) {
		if ((e = zh_movement_person_check(c, in->person, name_fold)))
			return e;
	} else {
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "student_id",
				   strcmp(in->kind, "enrol") == 0 ? "Укажите учащегося (student_id) или нового (person)"
								  : "Укажите учащегося (student_id)");
	}
	m->student_id = in->student_id;

	if (strcmp(in->kind, "enrol") == 0) {
		int64_t cur = 0;
		if (!in->to_class_id)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "to_class_id",
					   "Укажите класс, в который зачисляется учащийся");
		if ((e = class_of_school(c, in->to_class_id, "to_class_id", &to)) || (e = date_in_year(c, in->date, &to)))
			return e;
		if (in->student_id) {
			if ((e = zh_store_mv_student_current_class(db, c->school_id, in->student_id, &cur)) ||
			    (!cur && (e = zh_store_mv_student_class_in_year(db, c->school_id, in->student_id,
									   to.year_id, &cur))))
				return e;
			if (cur) {
				struct zh_mv_class k;
				const char *kn = zh_store_mv_class_get(db, c->arena, c->school_id, cur, &k) ? "?" : k.name;
				return zh_fail_set(&c->fail, ZH_ECONFLICT, "already_in_class", "student_id",
						   "Учащийся уже в классе %s: учащийся может быть только в одном классе",
						   kn);
			}
		}
		m->to_class_id = to.id;
		return ZH_OK;
	}

	if (strcmp(in->kind, "transfer") == 0) {
		int64_t cur = 0;
		if (!in->to_class_id)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "to_class_id",
					   "Укажите класс, в который переводится учащийся");
		if ((e = class_of_school(c, in->to_class_id, "to_class_id", &to)) || (e = date_in_year(c, in->date, &to)))
			return e;
		if (in->from_class_id && (e = class_of_school(c, in->from_class_id, "from_class_id", &from)))
			return e;
		if (in->from_class_id && from.year_id != to.year_id)
			return zh_fail_set(&c->fail, ZH_ERULE, "other_year", "to_class_id",
					   "Перевод возможен только между классами одного учебного года");
		if ((e = zh_store_mv_student_class_in_year(db, c->school_id, in->student_id, to.year_id, &cur)))
			return e;
		if (!cur)
			return zh_fail_set(&c->fail, ZH_ERULE, "not_in_class", "student_id",
					   "Учащийся не состоит ни в одном классе учебного года %s", to.year_name);
		if (in->from_class_id && cur != in->from_class_id)
			return zh_fail_set(&c->fail, ZH_ERULE, "not_in_class", "from_class_id",
					   "Учащийся не состоит в классе %s", from.name);
		if (cur == to.id)
			return zh_fail_set(&c->fail, ZH_ERULE, "same_class", "to_class_id",
					   "Учащийся уже в классе %s", to.name);
		m->from_class_id = cur;
		m->to_class_id = to.id;
		return ZH_OK;
	}

	/* withdraw */
	if (in->from_class_id) {
		int64_t cur = 0;
		if ((e = class_of_school(c, in->from_class_id, "from_class_id", &from)) ||
		    (e = zh_store_mv_student_class_in_year(db, c->school_id, in->student_id, from.year_id, &cur)))
			return e;
		if (cur != from.id)
			return zh_fail_set(&c->fail, ZH_ERULE, "not_in_class", "from_class_id",
					   "Учащийся не состоит в классе %s", from.name);
	} else {
		int64_t cur = 0;
		if ((e = zh_store_mv_student_current_class(db, c->school_id, in->student_id, &cur)))
			return e;
		if (!cur)
			return zh_fail_set(&c->fail, ZH_ERULE, "not_in_class", "student_id",
					   "Учащийся не состоит ни в одном классе текущего учебного года");
		if ((e = class_of_school(c, cur, "from_class_id", &from)))
			return e;
	}
	if ((e = date_in_year(c, in->date, &from)))
		return e;
	if (in->to_class_id)
		return zh_fail_set(&c->fail, ZH_EINVAL, "unexpected_field", "to_class_id",
				   "При выбытии класс назначения не указывается");
	m->from_class_id = from.id;
	return ZH_OK;
}

enum zh_err zh_movement_create(struct zh_ctx *c, const struct zh_move_in *in, int64_t *id)
{
	struct zh_movement_row m = { 0 };
	struct zh_mv_student stu;
	const char *fold, *new_status = "enrolled";
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;

	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = move_check(c, in, &m, &stu, &fold)))
		goto out;
	if (!m.student_id) {
		if ((e = zh_store_person_insert(db, in->person, fold, &m.student_id)))
			goto out;
		json_t *p = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "last_name", in->person->last_name,
				      "first_name", in->person->first_name, "middle_name",
				      in->person->middle_name ? in->person->middle_name : "", "birth_date",
				      in->person->birth_date, "gender", in->person->gender);
		e = zh_audit(c, "movement.edit", "person", m.student_id, NULL, p);
		json_decref(p);
		if (e)
			goto out;
	}
	if (strcmp(m.kind, "enrol") == 0) {
		if ((e = zh_store_mv_student_enrolled(db, c->school_id, m.student_id, m.date)) ||
		    (e = zh_store_mv_class_join(db, c->school_id, m.to_class_id, m.student_id)))
			goto out;
	} else if (strcmp(m.kind, "transfer") == 0) {
		if ((e = zh_store_mv_class_leave(db, c->school_id, m.from_class_id, m.student_id)) ||
		    (e = zh_store_mv_class_join(db, c->school_id, m.to_class_id, m.student_id)))
			goto out;
		new_status = stu.status;
	} else {
		new_status = "withdrawn";
		if ((e = zh_store_mv_class_leave(db, c->school_id, m.from_class_id, m.student_id)) ||
		    (e = zh_store_mv_student_left(db, c->school_id, m.student_id, "withdrawn", m.date)))
			goto out;
	}
	if ((e = zh_store_movement_insert(db, &m, &m.id)) || (e = audit_move(c, &m, stu.status, new_status)))
		goto out;
	e = zh_db_commit(db);
	if (!e && id)
		*id = m.id;
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_movement_get(struct zh_ctx *c, int64_t id, struct zh_movement_row *out)
{
	enum zh_err e = zh_store_movement_get(zh_ctx_db(c), c->arena, c->school_id, id, out);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "not_found", "id", "Запись книги движения не найдена");
	return e;
}

static enum zh_err opt_date(struct zh_ctx *c, const char *s, const char *field)
{
	int y, m, d;
	if (s && !zh_date_parse(s, &y, &m, &d))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", field,
				   "Параметр «%s» должен быть датой в виде ГГГГ-ММ-ДД", field);
	return ZH_OK;
}

static bool valid_kind(const char *k)
{
	static const char *const kinds[] = { "enrol", "transfer", "withdraw", "promote", "repeat", "graduate" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return true;
	return false;
}

enum zh_err zh_movements_list(struct zh_ctx *c, struct zh_movement_filter *flt,
			      struct zh_movement_row **rows, size_t *n, int64_t *total)
{
	enum zh_err e;
	flt->school_id = c->school_id;
	if ((e = opt_date(c, flt->from, "from")) || (e = opt_date(c, flt->to, "to")))
		return e;
	if (flt->kind && !valid_kind(flt->kind))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "kind",
				   "Вид движения: enrol, transfer, withdraw, promote, repeat или graduate");
	if (flt->class_id) {
		struct zh_mv_class k;
		if ((e = class_of_school(c, flt->class_id, "class", &k)))
			return e;
	}
	return zh_store_movements_list(zh_ctx_db(c), c->arena, flt, rows, n, total);
}

enum zh_err zh_student_movements(struct zh_ctx *c, int64_t student_id, int64_t limit, int64_t offset,
				 struct zh_movement_row **rows, size_t *n, int64_t *total)
{
	struct zh_mv_student s;
	enum zh_err e = zh_store_mv_student_get(zh_ctx_db(c), c->arena, c->school_id, student_id, &s);
	if (e == ZH_ENOTFOUND || (!e && !s.status))
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "student_not_found", "id", "Учащийся не найден");
	if (e)
		return e;
	struct zh_movement_filter flt = { .school_id = c->school_id, .student_id = student_id,
					  .limit = limit, .offset = offset };
	return zh_store_movements_list(zh_ctx_db(c), c->arena, &flt, rows, n, total);
}

enum zh_err zh_applicant_create(struct zh_ctx *c, const struct zh_person_row *p, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	const char *fold;
	int64_t pid = 0;
	enum zh_err e;

	if ((e = zh_movement_person_check(c, p, &fold)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_person_insert(db, p, fold, &pid)) ||
	    (e = zh_store_mv_applicant_insert(db, c->school_id, pid)))
		goto out;
	json_t *nv = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s}", "last_name", p->last_name, "first_name",
			       p->first_name, "middle_name", p->middle_name ? p->middle_name : "", "birth_date",
			       p->birth_date, "gender", p->gender, "status", "applicant");
	e = zh_audit(c, "movement.edit", "applicant", pid, NULL, nv);
	json_decref(nv);
	if (!e)
		e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	else if (id)
		*id = pid;
	return e;
}

enum zh_err zh_applicants_list(struct zh_ctx *c, const char *q, int64_t limit, int64_t offset,
			       struct zh_applicant_row **rows, size_t *n, int64_t *total)
{
	const char *fold = NULL;
	if (q && *q) {
		if (!zh_utf8_valid(q, strlen(q)) || !(fold = zh_fold(c->arena, q, strlen(q))))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "q", "Некорректная строка поиска");
		/* LIKE wildcards in the query are taken literally enough: strip them */
		char *f = (char *)fold;
		for (char *p = f; *p; p++)
			if (*p == '%' || *p == '_')
				*p = ' ';
	}
	return zh_store_mv_applicants(zh_ctx_db(c), c->arena, c->school_id, fold, limit, offset, rows, n, total);
}
