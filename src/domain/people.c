/* people.c: people of a school (M-04): field catalogue and validation, field-group visibility,
 * the Russian name search, cards, names and parent–child links. Every write is audited. */
#include "domain/people.h"
#include "domain/school.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fold.h"
#include "core/str.h"
#include "core/tz.h"
#include "domain/audit.h"
#include "domain/scope.h"

#include "domain/people_fields.inc"

/* ---- catalogue ---- */
const struct zh_group *zh_people_group(const char *kind, const char *name)
{
	for (int i = 0; i < zh_people_groups_count; i++)
		if (strcmp(zh_people_groups[i].kind, kind) == 0 && strcmp(zh_people_groups[i].name, name) == 0)
			return &zh_people_groups[i];
	return NULL;
}

static const char *const type_names[] = {
	[ZH_FT_TEXT] = "text", [ZH_FT_DATE] = "date", [ZH_FT_ENUM] = "enum", [ZH_FT_BOOL] = "bool",
	[ZH_FT_PHONE] = "phone", [ZH_FT_EMAIL] = "email", [ZH_FT_NUMBER] = "number", [ZH_FT_SNILS] = "snils",
	[ZH_FT_INN] = "inn", [ZH_FT_ROWS] = "rows",
};

json_t *zh_people_field_json(const struct zh_field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "name", f->name, "label", f->label, "type", type_names[f->type]);
	if (f->type == ZH_FT_TEXT || f->type == ZH_FT_ROWS)
		json_object_set_new(o, "max", json_integer(f->max));
	if (f->type == ZH_FT_NUMBER) {
		json_object_set_new(o, "min", json_real(f->min));
		json_object_set_new(o, "maxv", json_real(f->maxv));
	}
	if (f->values) {
		json_t *v = json_array();
		for (const char *const *p = f->values; *p; p++)
			json_array_append_new(v, json_string(*p));
		json_object_set_new(o, "values", v);
	}
	if (f->sub) {
		json_t *v = json_array();
		for (const struct zh_field *s = f->sub; s->name; s++)
			json_array_append_new(v, zh_people_field_json(s));
		json_object_set_new(o, "fields", v);
	}
	return o;
}

/* ---- validators ---- */
static size_t digits_of(const char *s, char *out, size_t cap, bool *junk, const char *allowed)
{
	size_t n = 0;
	*junk = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n + 1 < cap)
				out[n] = *s;
			n++;
		} else if (!strchr(allowed, *s)) {
			*junk = true;
		}
	}
	if (n < cap)
		out[n] = 0;
	else if (cap)
		out[cap - 1] = 0;
	return n;
}

bool zh_snils_valid(const char *s)
{
	char d[16];
	bool junk;
	if (digits_of(s, d, sizeof d, &junk, " -") != 11 || junk)
		return false;
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (9 - i);
	int check = (d[9] - '0') * 10 + (d[10] - '0');
	int want = sum < 100 ? sum : sum == 100 || sum == 101 ? 0 : sum % 101;
	if (want == 100)
		want = 0;
	return check == want;
}

static int inn_digit(const char *d, const int *w, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += (d[i] - '0') * w[i];
	return sum % 11 % 10;
}

bool zh_inn_valid(const char *s)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	char d[16];
	bool junk;
	size_t n = digits_of(s, d, sizeof d, &junk, "");
	if (junk)
		return false;
	if (n == 10)
		return inn_digit(d, w10, 9) == d[9] - '0';
	if (n == 12)
		return inn_digit(d, w11, 10) == d[10] - '0' && inn_digit(d, w12, 11) == d[11] - '0';
	return false;
}

bool zh_phone_valid(const char *s)
{
	char d[32];
	bool junk;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	size_t n = digits_of(p, d, sizeof d, &junk, " -()");
	return !junk && n >= 6 && n <= 15;
}

bool zh_email_valid(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);
	if (!at || at == s || strchr(at + 1, '@') || n > 254)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';' || *p == '<' || *p == '>')
			return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != 0;
}

/* ---- small helpers ---- */
static int kind_bit(const char *kind)
{
	return strcmp(kind, "student") == 0 ? ZH_PEOPLE_STUDENT
	       : strcmp(kind, "parent") == 0 ? ZH_PEOPLE_PARENT
	       : strcmp(kind, "staff") == 0 ? ZH_PEOPLE_STAFF : 0;
}

static const char *kind_title(const char *kind)
{
	return strcmp(kind, "student") == 0 ? "Ученик" : strcmp(kind, "parent") == 0 ? "Родитель" : "Сотрудник";
}

/* Today in the school's time zone (the one definition: zh_school_today). */
static void today(struct zh_ctx *c, int *y, int *m, int *d)
{
	char buf[11];
	if (zh_school_today(c, buf) != ZH_OK || !zh_date_parse(buf, y, m, d)) {
		time_t t = (time_t)c->now; /* no school zone: UTC */
		struct tm tm;
		gmtime_r(&t, &tm);
		*y = tm.tm_year + 1900;
		*m = tm.tm_mon + 1;
		*d = tm.tm_mday;
	}
}

static char *today_str(struct zh_ctx *c)
{
	int y, m, d;
	today(c, &y, &m, &d);
	return zh_arena_printf(c->arena, "%04d-%02d-%02d", y, m, d);
}

static int age_on(int by, int bm, int bd, int y, int m, int d)
{
	int a = y - by;
	if (m < bm || (m == bm && d < bd))
		a--;
	return a;
}

static bool has(struct zh_ctx *c, const char *op)
{
	return zh_acl_allows(&c->ops, op);
}

/* zh_scope_check as a yes/no; real errors (database) come back as the return value. */
static enum zh_err scope_ok(struct zh_ctx *c, const char *family, int64_t student_id, int64_t class_id,
			    bool *ok)
{
	struct zh_fail saved = c->fail;
	enum zh_err e = zh_scope_check(c, family, &(struct zh_target){ .student_id = student_id, .class_id = class_id });
	*ok = e == ZH_OK;
	if (e == ZH_EFORBIDDEN) {
		c->fail = saved;
		return ZH_OK;
	}
	return e;
}

/* For a parent: the family's scope covers any of the parent's children (or the actor has .all). */
static enum zh_err parent_scope_ok(struct zh_ctx *c, const char *family, int64_t parent_id, bool *ok)
{
	struct zh_link_row *kids;
	size_t n;
	enum zh_err e;
	*ok = (zh_acl_scopes(&c->ops, family) & ZH_SCOPE_ALL) != 0;
	if (*ok || !zh_acl_scopes(&c->ops, family))
		return ZH_OK;
	if ((e = zh_store_children_of(zh_ctx_db(c), c->arena, c->school_id, parent_id, &kids, &n)))
		return e;
	for (size_t i = 0; i < n && !*ok; i++)
		if ((e = scope_ok(c, family, kids[i].id, 0, ok)))
			return e;
	return ZH_OK;
}

static enum zh_err not_found(struct zh_ctx *c, const char *kind)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "id", "%s не найден в этой школе",
			   kind_title(kind));
}

static enum zh_err forbidden(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
}

static enum zh_err member(struct zh_ctx *c, const char *kind, int64_t id)
{
	int mask;
	enum zh_err e = zh_store_person_kinds(zh_ctx_db(c), c->school_id, id, &mask);
	if (e)
		return e;
	if (!(mask & kind_bit(kind)))
		return not_found(c, kind);
	return ZH_OK;
}

/* What the actor may do with a person's card. */
struct rights {
	bool view;     /* the person at all (brief card) */
	bool manage;   /* names and ordinary groups (students/parents: people.manage; staff: staff.manage) */
	bool full;     /* read ordinary groups */
	bool medical, psych;
};

static enum zh_err rights_of(struct zh_ctx *c, const char *kind, int64_t id, struct rights *r)
{
	enum zh_err e;
	bool a = false, b = false;
	memset(r, 0, sizeof *r);
	r->medical = has(c, "people.medical.edit");
	r->psych = has(c, "people.psych.edit");
	if (strcmp(kind, "staff") == 0) {
		r->view = has(c, "staff.brief.view") || has(c, "staff.full.view") || has(c, "staff.manage");
		r->manage = has(c, "staff.manage");
		r->full = r->manage || has(c, "staff.full.view");
		r->medical = r->psych = false;
		return ZH_OK;
	}
	if (strcmp(kind, "student") == 0) {
		if ((e = scope_ok(c, "people.brief.view", id, 0, &a)) || (e = scope_ok(c, "people.manage", id, 0, &b)))
			return e;
	} else {
		if ((e = parent_scope_ok(c, "people.brief.view", id, &a)) ||
		    (e = parent_scope_ok(c, "people.manage", id, &b)))
			return e;
		r->medical = r->psych = false;
	}
	r->manage = r->full = b;
	r->view = a || b || ((r->medical || r->psych) && strcmp(kind, "student") == 0);
	return ZH_OK;
}

static bool readable(const struct zh_group *g, const struct rights *r)
{
	return g->access == ZH_GA_MEDICAL ? r->medical : g->access == ZH_GA_PSYCH ? r->psych : r->full;
}

static bool writable(const struct zh_group *g, const struct rights *r)
{
	return g->access == ZH_GA_MEDICAL ? r->medical : g->access == ZH_GA_PSYCH ? r->psych : r->manage;
}

/* ---- value validation ---- */
static enum zh_err bad(struct zh_ctx *c, const char *field, const char *label, const char *what)
{
	return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", field, "Поле «%s»: %s", label, what);
}

static bool date_plausible(const char *s)
{
	int y, m, d;
	return zh_date_parse(s, &y, &m, &d) && y >= 1900 && y <= 2100;
}

static enum zh_err validate_fields(struct zh_ctx *c, const struct zh_field *fields, json_t *data,
				   const char *prefix, json_t **out);

/* *out = NULL for an empty value (dropped from the card). */
static enum zh_err validate_value(struct zh_ctx *c, const struct zh_field *f, json_t *v, const char *path,
				  json_t **out)
{
	*out = NULL;
	if (json_is_null(v))
		return ZH_OK;
	switch (f->type) {
	case ZH_FT_BOOL:
		if (!json_is_boolean(v))
			return bad(c, path, f->label, "ожидается да или нет (true/false)");
		*out = json_incref(v);
		return ZH_OK;
	case ZH_FT_NUMBER: {
		if (!json_is_number(v))
			return bad(c, path, f->label, "ожидается число");
		double x = json_number_value(v);
		if (!isfinite(x) || x < f->min || x > f->maxv) {
			char msg[128];
			snprintf(msg, sizeof msg, "число должно быть от %g до %g", f->min, f->maxv);
			return bad(c, path, f->label, msg);
		}
		*out = json_incref(v);
		return ZH_OK;
	}
	case ZH_FT_ROWS: {
		size_t i;
		json_t *row, *arr;
		if (!json_is_array(v))
			return bad(c, path, f->label, "ожидается список строк");
		if (json_array_size(v) > (size_t)f->max) {
			char msg[96];
			snprintf(msg, sizeof msg, "не более %d строк", f->max);
			return bad(c, path, f->label, msg);
		}
		arr = json_array();
		json_array_foreach(v, i, row) {
			json_t *clean;
			const char *p = zh_arena_printf(c->arena, "%s.%zu", path, i);
			if (!json_is_object(row)) {
				json_decref(arr);
				return bad(c, p, f->label, "каждая строка должна быть объектом");
			}
			enum zh_err e = validate_fields(c, f->sub, row, p, &clean);
			if (e) {
				json_decref(arr);
				return e;
			}
			if (json_object_size(clean))
				json_array_append_new(arr, clean);
			else
				json_decref(clean);
		}
		if (!json_array_size(arr)) {
			json_decref(arr);
			return ZH_OK;
		}
		*out = arr;
		return ZH_OK;
	}
	default:
		break;
	}
	if (!json_is_string(v))
		return bad(c, path, f->label, "ожидается строка");
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return ZH_OK;
	char *t = zh_arena_strndup(c->arena, s, len);
	if (!t)
		return ZH_ENOMEM;
	for (const char *p = t; *p; p++)
		if ((unsigned char)*p < ' ' && *p != '\n' && *p != '\t')
			return bad(c, path, f->label, "недопустимые управляющие символы");
	switch (f->type) {
	case ZH_FT_TEXT:
		if (zh_utf8_len(t, len) > (size_t)f->max) {
			char msg[96];
			snprintf(msg, sizeof msg, "не длиннее %d символов", f->max);
			return bad(c, path, f->label, msg);
		}
		break;
	case ZH_FT_DATE:
		if (!date_plausible(t))
			return bad(c, path, f->label, "нужна существующая дата в формате ГГГГ-ММ-ДД (1900–2100)");
		break;
	case ZH_FT_ENUM: {
		bool found = false;
		for (const char *const *p = f->values; *p && !found; p++)
			found = strcmp(*p, t) == 0;
		if (!found)
			return bad(c, path, f->label, "значение не из списка допустимых");
		break;
	}
	case ZH_FT_PHONE:
		if (len > 30 || !zh_phone_valid(t))
			return bad(c, path, f->label, "телефон в формате +7 846 123-45-67 (от 6 до 15 цифр)");
		break;
	case ZH_FT_EMAIL:
		if (!zh_email_valid(t))
			return bad(c, path, f->label, "адрес электронной почты вида name@example.ru");
		break;
	case ZH_FT_SNILS:
		if (!zh_snils_valid(t))
			return bad(c, path, f->label, "11 цифр (123-456-789 01) с верной контрольной суммой");
		break;
	case ZH_FT_INN:
		if (!zh_inn_valid(t))
			return bad(c, path, f->label, "10 или 12 цифр с верными контрольными разрядами");
		break;
	default:
		break;
	}
	*out = json_string(t);
	return *out ? ZH_OK : ZH_ENOMEM;
}

static enum zh_err validate_fields(struct zh_ctx *c, const struct zh_field *fields, json_t *data,
				   const char *prefix, json_t **out)
{
	const char *key;
	json_t *v;
	json_t *clean = json_object();
	if (!clean)
		return ZH_ENOMEM;
	json_object_foreach(data, key, v) {
		const struct zh_field *f = NULL;
		json_t *cv;
		for (const struct zh_field *p = fields; p->name && !f; p++)
			if (strcmp(p->name, key) == 0)
				f = p;
		const char *path = prefix ? zh_arena_printf(c->arena, "%s.%s", prefix, key) : key;
		if (!f) {
			json_decref(clean);
			return zh_fail_set(&c->fail, ZH_EINVAL, "unknown_field", path, "Неизвестное поле «%s»", key);
		}
		enum zh_err e = validate_value(c, f, v, path, &cv);
		if (e) {
			json_decref(clean);
			return e;
		}
		if (cv)
			json_object_set_new(clean, key, cv);
	}
	*out = clean;
	return ZH_OK;
}

/* ---- names ---- */
static enum zh_err check_name(struct zh_ctx *c, const char *field, const char *label, const char *s,
			      bool required)
{
	if (!s || !*s) {
		if (required)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", field, "Заполните поле «%s»", label);
		return ZH_OK;
	}
	if (zh_utf8_len(s, strlen(s)) > 60)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", field, "Поле «%s»: не длиннее 60 символов", label);
	for (const char *p = s; *p; p++)
		if ((*p >= '0' && *p <= '9') || (unsigned char)*p < ' ' || strchr("@#$%^&*_=+<>/\\|{}[]\"!?;:", *p))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", field,
					   "Поле «%s»: только буквы, пробел, дефис и апостроф", label);
	return ZH_OK;
}

static enum zh_err check_names(struct zh_ctx *c, const char *kind, const struct zh_people_names *nm)
{
	enum zh_err e;
	bool needs = strcmp(kind, "parent") != 0;
	if ((e = check_name(c, "last_name", "Фамилия", nm->last_name, true)) ||
	    (e = check_name(c, "first_name", "Имя", nm->first_name, true)) ||
	    (e = check_name(c, "middle_name", "Отчество", nm->middle_name, false)))
		return e;
	if (nm->gender && *nm->gender ? strcmp(nm->gender, "m") && strcmp(nm->gender, "f") : needs)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "gender", "Пол: укажите «m» или «f»");
	if (!nm->birth_date || !*nm->birth_date) {
		if (needs)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", "birth_date", "Заполните дату рождения");
		return ZH_OK;
	}
	int by, bm, bd, y, m, d;
	if (!zh_date_parse(nm->birth_date, &by, &bm, &bd))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "birth_date",
				   "Дата рождения: нужна существующая дата в формате ГГГГ-ММ-ДД");
	today(c, &y, &m, &d);
	int age = age_on(by, bm, bd, y, m, d);
	int lo = strcmp(kind, "student") == 0 ? 3 : strcmp(kind, "staff") == 0 ? 16 : 14;
	int hi = strcmp(kind, "student") == 0 ? 25 : 100;
	if (age < lo || age > hi || (age == hi && (y - by) > hi))
		return zh_fail_set(&c->fail, ZH_EINVAL, "implausible_date", "birth_date",
				   "Дата рождения: возраст должен быть от %d до %d лет", lo, hi);
	return ZH_OK;
}

static char *fold_name(struct zh_ctx *c, const struct zh_people_names *nm)
{
	char *full = zh_arena_printf(c->arena, "%s %s %s", nm->last_name, nm->first_name,
				     nm->middle_name ? nm->middle_name : "");
	if (!full)
		return NULL;
	size_t n = strlen(full);
	while (n && full[n - 1] == ' ')
		full[--n] = 0;
	return zh_fold(c->arena, full, n);
}

static json_t *names_json(const struct zh_person_row *p)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "last_name", p->last_name, "first_name", p->first_name,
			 "middle_name", p->middle_name ? p->middle_name : "", "gender", p->gender,
			 "birth_date", p->birth_date);
}

static enum zh_err finish(struct zh_db *db, enum zh_err e)
{
	if (!e)
		e = zh_db_commit(db);
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_people_create(struct zh_ctx *c, const char *kind, const struct zh_people_names *nm, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	bool ok = true, yes;
	int64_t child = 0;

	if ((e = check_names(c, kind, nm)))
		return e;
	if (strcmp(kind, "student") == 0) {
		if (nm->class_id) {
			if ((e = zh_store_class_of_school(db, c->school_id, nm->class_id, &yes)))
				return e;
			if (!yes)
				return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "class_id", "Класс не найден");
		}
		if ((e = scope_ok(c, "people.manage", 0, nm->class_id, &ok)))
			return e;
	} else if (strcmp(kind, "parent") == 0) {
		child = nm->child_id;
		if (child) {
			int mask;
			if ((e = zh_store_person_kinds(db, c->school_id, child, &mask)))
				return e;
			if (!(mask & ZH_PEOPLE_STUDENT))
				return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "child_id", "Ученик не найден");
		}
		if (child) {
			bool known = false;
			for (const char *const *p = v_relation; *p && !known; p++)
				known = nm->relation && strcmp(*p, nm->relation) == 0;
			if (!known)
				return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "relation",
						   "Степень родства: мать, отец, опекун, попечитель, бабушка, дедушка, брат, сестра или другое");
		}
		if ((e = scope_ok(c, "people.manage", child, 0, &ok)))
			return e;
	} else {
		ok = has(c, "staff.manage");
	}
	if (!ok)
		return forbidden(c);

	struct zh_person_row row = { .last_name = nm->last_name, .first_name = nm->first_name,
				     .middle_name = nm->middle_name ? nm->middle_name : "",
				     .gender = nm->gender && *nm->gender ? nm->gender : NULL,
				     .birth_date = nm->birth_date && *nm->birth_date ? nm->birth_date : NULL };
	char *fold = fold_name(c, nm);
	if (!fold)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "last_name", "Имя содержит недопустимые символы");
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_person_insert(db, &row, fold, id)))
		return finish(db, e);
	if (strcmp(kind, "student") == 0) {
		e = zh_store_student_insert(db, c->school_id, *id, nm->class_id ? "enrolled" : "applicant",
					    nm->class_id ? today_str(c) : NULL);
		if (!e && nm->class_id)
			e = zh_store_class_student_add(db, c->school_id, nm->class_id, *id);
	} else if (strcmp(kind, "parent") == 0) {
		e = zh_store_card_put(db, c->school_id, *id, "parent", "personal", "{}", c->now, c->user_id);
		if (!e && child)
			e = zh_store_link_put(db, c->school_id, *id, child, nm->relation);
	} else {
		e = zh_store_staff_ensure(db, c->school_id, *id);
	}
	if (!e) {
		row.id = *id;
		json_t *nv = names_json(&row);
		if (nm->class_id && strcmp(kind, "student") == 0)
			json_object_set_new(nv, "class_id", json_integer(nm->class_id));
		if (child)
			json_object_set_new(nv, "child_id", json_integer(child));
		e = zh_audit(c, strcmp(kind, "staff") == 0 ? "staff.manage" : "people.manage", kind, *id, NULL, nv);
		json_decref(nv);
	}
	return finish(db, e);
}

enum zh_err zh_people_rename(struct zh_ctx *c, const char *kind, int64_t id, const struct zh_people_names *nm)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_person_row old;
	struct rights r;
	enum zh_err e;

	if ((e = member(c, kind, id)) || (e = rights_of(c, kind, id, &r)))
		return e;
	if (!r.manage)
		return forbidden(c);
	if ((e = zh_store_person_get(db, c->arena, id, &old)))
		return e;
	struct zh_people_names m = *nm;
	if (!m.gender)
		m.gender = old.gender;
	if (!m.birth_date)
		m.birth_date = old.birth_date;
	if (!m.middle_name)
		m.middle_name = old.middle_name;
	if ((e = check_names(c, kind, &m)))
		return e;
	struct zh_person_row row = { .id = id, .last_name = m.last_name, .first_name = m.first_name,
				     .middle_name = m.middle_name ? m.middle_name : "",
				     .gender = m.gender && *m.gender ? m.gender : NULL,
				     .birth_date = m.birth_date && *m.birth_date ? m.birth_date : NULL };
	char *fold = fold_name(c, &m);
	if (!fold)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "last_name", "Имя содержит недопустимые символы");
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_person_update(db, &row, fold);
	if (!e) {
		json_t *ov = names_json(&old), *nv = names_json(&row);
		e = zh_audit(c, strcmp(kind, "staff") == 0 ? "staff.manage" : "people.manage", kind, id, ov, nv);
		json_decref(ov);
		json_decref(nv);
	}
	return finish(db, e);
}

/* ---- the card ---- */
static json_t *parse_obj(const char *s)
{
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;
	if (!json_is_object(v)) {
		json_decref(v);
		v = json_object();
	}
	return v;
}

static json_t *positions_json(const struct zh_staff_position_row *p, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:f, s:s?, s:s?, s:s?}", "position_id",
						   (json_int_t)p[i].position_id, "name", p[i].position_name,
						   "rate", p[i].rate, "category", p[i].category && *p[i].category ? p[i].category : NULL,
						   "attested_on", p[i].attested_on, "next_attestation_on",
						   p[i].next_attestation_on));
	return a;
}

static void copy_keys(json_t *dst, json_t *src, const char *const *keys)
{
	for (; *keys; keys++) {
		json_t *v = json_object_get(src, *keys);
		if (v)
			json_object_set(dst, *keys, v);
	}
}

static const char *const brief_contact_keys[] = { "home_phone", "mobile_phone", "email", "preferred_contact", NULL };
static const char *const staff_brief_keys[] = { "work_phone", "work_email", NULL };

enum zh_err zh_people_card(struct zh_ctx *c, const char *kind, int64_t id, json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_person_row p;
	struct zh_card_row *cards;
	size_t ncards;
	struct rights r;
	enum zh_err e;
	bool staff = strcmp(kind, "staff") == 0;

	if ((e = member(c, kind, id)) || (e = rights_of(c, kind, id, &r)))
		return e;
	if (!r.view)
		return forbidden(c);
	if ((e = zh_store_person_get(db, c->arena, id, &p)) ||
	    (e = zh_store_cards(db, c->arena, c->school_id, id, kind, &cards, &ncards)))
		return e;
	json_t *o = names_json(&p);
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "can_edit", json_boolean(r.manage));
	json_t *contacts = NULL;
	for (size_t i = 0; i < ncards; i++)
		if (strcmp(cards[i].grp, "contacts") == 0)
			contacts = parse_obj(cards[i].data);
	if (!contacts)
		contacts = json_object();
	json_t *brief = json_object();
	copy_keys(brief, contacts, staff ? staff_brief_keys : brief_contact_keys);
	json_object_set_new(o, "contacts", brief);
	json_decref(contacts);

	struct zh_staff_position_row *pos = NULL;
	size_t npos = 0;
	if (strcmp(kind, "student") == 0) {
		struct zh_student_rec s = { 0 };
		if ((e = zh_store_student_rec(db, c->arena, c->school_id, id, &s)))
			goto fail;
		json_object_set_new(o, "status", json_string(s.status ? s.status : ""));
		json_object_set_new(o, "personal_file_no", json_string(s.personal_file_no ? s.personal_file_no : ""));
		json_t *cl = json_null();
		if (s.class_id) {
			struct zh_person_row t = { 0 };
			cl = json_pack("{s:I, s:s}", "id", (json_int_t)s.class_id, "name", s.class_name ? s.class_name : "");
			if (s.class_teacher_id && zh_store_person_get(db, c->arena, s.class_teacher_id, &t) == ZH_OK)
				json_object_set_new(cl, "teacher", json_pack("{s:I, s:s}", "id", (json_int_t)t.id, "full_name",
						    zh_arena_printf(c->arena, "%s %s %s", t.last_name, t.first_name,
								    t.middle_name ? t.middle_name : "")));
		}
		json_object_set_new(o, "class", cl);
	} else if (strcmp(kind, "parent") == 0) {
		struct zh_link_row *kids;
		size_t nk;
		if ((e = zh_store_children_of(db, c->arena, c->school_id, id, &kids, &nk)))
			goto fail;
		json_t *arr = json_array();
		for (size_t i = 0; i < nk; i++) {
			bool see = false;
			if ((e = scope_ok(c, "people.brief.view", kids[i].id, 0, &see)))
				goto fail;
			if (!see && !r.manage)
				continue;
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)kids[i].id,
							     "last_name", kids[i].last_name, "first_name", kids[i].first_name,
							     "middle_name", kids[i].middle_name ? kids[i].middle_name : "",
							     "relation", kids[i].relation ? kids[i].relation : "",
							     "class", kids[i].class_id ? json_pack("{s:I, s:s}", "id",
							     (json_int_t)kids[i].class_id, "name", kids[i].class_name ? kids[i].class_name : "")
							     : json_null()));
		}
		json_object_set_new(o, "children", arr);
	} else {
		const char *subjects = NULL;
		json_object_del(o, "birth_date");
		if ((e = zh_store_staff_positions(db, c->arena, c->school_id, id, &pos, &npos)) ||
		    (e = zh_store_staff_subjects(db, c->arena, c->school_id, id, &subjects)))
			goto fail;
		json_object_set_new(o, "positions", positions_json(pos, npos));
		json_object_set_new(o, "subjects", json_string(subjects ? subjects : ""));
		if (r.full)
			json_object_set_new(o, "birth_date", p.birth_date ? json_string(p.birth_date) : json_null());
	}

	json_t *groups = json_array();
	json_object_set_new(o, "groups", groups);
	for (int i = 0; i < zh_people_groups_count; i++) {
		const struct zh_group *g = &zh_people_groups[i];
		if (strcmp(g->kind, kind) != 0 || !readable(g, &r))
			continue;
		json_t *fields = json_array(), *data = NULL;
		for (const struct zh_field *f = g->fields; f->name; f++)
			json_array_append_new(fields, zh_people_field_json(f));
		if (staff && strcmp(g->name, "positions") == 0) {
			json_t *items = positions_json(pos, npos), *it;
			size_t k;
			json_array_foreach(items, k, it)
				json_object_del(it, "name"); /* the group's rows hold only its own fields */
			data = json_pack("{s:o}", "items", items);
			{
				struct zh_position_row *pr;
				size_t np;
				if ((e = zh_store_positions_all(db, c->arena, c->school_id, &pr, &np))) {
					json_decref(fields);
					json_decref(data);
					goto fail;
				}
				json_t *choices = json_array();
				for (size_t j = 0; j < np; j++)
					json_array_append_new(choices, json_pack("{s:I, s:s}", "id", (json_int_t)pr[j].id,
										 "name", pr[j].name));
				json_object_set_new(o, "position_choices", choices);
			}
		} else {
			for (size_t k = 0; k < ncards && !data; k++)
				if (strcmp(cards[k].grp, g->name) == 0)
					data = parse_obj(cards[k].data);
			if (!data)
				data = json_object();
		}
		json_array_append_new(groups, json_pack("{s:s, s:s, s:s, s:b, s:o, s:o}", "name", g->name, "label",
							 g->label, "access", g->access == ZH_GA_MEDICAL ? "medical"
							 : g->access == ZH_GA_PSYCH ? "psych" : "card",
							 "editable", writable(g, &r), "fields", fields, "data", data));
	}
	*out = o;
	return ZH_OK;
fail:
	json_decref(o);
	return e;
}

static const char *audit_op(const struct zh_group *g)
{
	if (g->access == ZH_GA_MEDICAL)
		return "people.medical.edit";
	if (g->access == ZH_GA_PSYCH)
		return "people.psych.edit";
	return strcmp(g->kind, "staff") == 0 ? "staff.manage" : "people.manage";
}

static const char *str_or_null(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s;
}

static enum zh_err positions_put(struct zh_ctx *c, int64_t id, const struct zh_group *g, json_t *clean)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_staff_position_row *old;
	size_t nold, i;
	json_t *items = json_object_get(clean, "items"), *row;
	enum zh_err e;

	json_array_foreach(items, i, row) {
		const char *name;
		json_t *pid = json_object_get(row, "position_id");
		const char *path = zh_arena_printf(c->arena, "items.%zu.position_id", i);
		if (!pid || floor(json_number_value(pid)) != json_number_value(pid))
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", path, "Укажите должность (position_id)");
		e = zh_store_position_name(db, c->arena, c->school_id, (int64_t)json_number_value(pid), &name);
		if (e == ZH_ENOTFOUND)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", path,
					   "Должность %lld не найдена в справочнике школы",
					   (long long)json_number_value(pid));
		if (e)
			return e;
	}
	if ((e = zh_store_staff_positions(db, c->arena, c->school_id, id, &old, &nold)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_staff_ensure(db, c->school_id, id)) ||
	    (e = zh_store_staff_positions_clear(db, c->school_id, id)))
		return finish(db, e);
	json_array_foreach(items, i, row) {
		json_t *rate = json_object_get(row, "rate");
		struct zh_staff_position_row p = {
			.position_id = (int64_t)json_number_value(json_object_get(row, "position_id")),
			.rate = rate ? json_number_value(rate) : 1.0,
			.category = str_or_null(row, "category"),
			.attested_on = str_or_null(row, "attested_on"),
			.next_attestation_on = str_or_null(row, "next_attestation_on"),
		};
		if ((e = zh_store_staff_position_add(db, c->school_id, id, &p)))
			return finish(db, e);
	}
	json_t *ov = json_pack("{s:s, s:o}", "group", g->name, "data", json_pack("{s:o}", "items", positions_json(old, nold)));
	json_t *nv = json_pack("{s:s, s:O}", "group", g->name, "data", clean);
	e = zh_audit(c, audit_op(g), "staff_card", id, ov, nv);
	json_decref(ov);
	json_decref(nv);
	return finish(db, e);
}

enum zh_err zh_people_card_put(struct zh_ctx *c, const char *kind, int64_t id, const char *grp, json_t *data)
{
	struct zh_db *db = zh_ctx_db(c);
	const struct zh_group *g = zh_people_group(kind, grp);
	struct rights r;
	json_t *clean;
	const char *olds;
	enum zh_err e;

	if (!g)
		return zh_fail_set(&c->fail, ZH_EINVAL, "unknown_group", "group", "Неизвестная группа полей «%s»", grp);
	if ((e = member(c, kind, id)) || (e = rights_of(c, kind, id, &r)))
		return e;
	if (!writable(g, &r))
		return forbidden(c);
	if ((e = validate_fields(c, g->fields, data, NULL, &clean)))
		return e;
	if (strcmp(kind, "staff") == 0 && strcmp(grp, "positions") == 0) {
		e = positions_put(c, id, g, clean);
		json_decref(clean);
		return e;
	}
	if ((e = zh_store_card_get(db, c->arena, c->school_id, id, kind, grp, &olds))) {
		json_decref(clean);
		return e;
	}
	char *text = json_dumps(clean, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text) {
		json_decref(clean);
		return ZH_ENOMEM;
	}
	if ((e = zh_db_begin(db, true))) {
		free(text);
		json_decref(clean);
		return e;
	}
	e = zh_store_card_put(db, c->school_id, id, kind, grp, text, c->now, c->user_id);
	free(text);
	if (!e && strcmp(kind, "student") == 0 && strcmp(grp, "documents") == 0)
		e = zh_store_student_set_file_no(db, c->school_id, id, str_or_null(clean, "personal_file_no"));
	if (!e && strcmp(kind, "staff") == 0 && strcmp(grp, "employment") == 0) {
		if (!(e = zh_store_staff_ensure(db, c->school_id, id)))
			e = zh_store_staff_set_employment(db, c->school_id, id, str_or_null(clean, "personnel_no"),
							  str_or_null(clean, "hired_on"));
	}
	if (!e) {
		char *entity = zh_arena_printf(c->arena, "%s_card", kind);
		json_t *ov = json_pack("{s:s, s:o}", "group", grp, "data", parse_obj(olds));
		json_t *nv = json_pack("{s:s, s:O}", "group", grp, "data", clean);
		e = zh_audit(c, audit_op(g), entity, id, ov, nv);
		json_decref(ov);
		json_decref(nv);
	}
	json_decref(clean);
	return finish(db, e);
}

/* ---- search ---- */
enum zh_err zh_people_search(struct zh_ctx *c, const struct zh_people_query *q, struct zh_people_row **rows,
			     size_t *n, int64_t *total)
{
	struct zh_people_filter flt = { .school_id = c->school_id, .class_id = q->class_id, .limit = q->limit,
					.offset = q->offset };
	int want = 7;
	if (q->role && *q->role) {
		/* one role or a comma-separated list: "student,parent" */
		const char *p = q->role;
		want = 0;
		while (*p) {
			size_t len = strcspn(p, ",");
			char k[16] = "";
			if (len < sizeof k)
				memcpy(k, p, len);
			int bit = kind_bit(k);
			if (!bit)
				return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "role",
						   "Параметр «role»: student, parent или staff (можно через запятую)");
			want |= bit;
			p += len + (p[len] == ',');
		}
	}
	int brief = zh_acl_scopes(&c->ops, "people.brief.view") | zh_acl_scopes(&c->ops, "people.manage");
	bool staff_ok = has(c, "staff.brief.view") || has(c, "staff.full.view") || has(c, "staff.manage");
	int allowed = (brief ? ZH_PEOPLE_STUDENT | ZH_PEOPLE_PARENT : 0) | (staff_ok ? ZH_PEOPLE_STAFF : 0);
	if (!(want & allowed))
		return forbidden(c);
	flt.roles = want & allowed;
	if (!(brief & ZH_SCOPE_ALL))
		flt.scope_teacher = c->person_id ? c->person_id : -1;
	if (q->class_id) {
		bool yes;
		enum zh_err e = zh_store_class_of_school(zh_ctx_db(c), c->school_id, q->class_id, &yes);
		if (e)
			return e;
		if (!yes)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "class", "Класс не найден");
	}
	if (q->q && *q->q) {
		char *f = zh_fold(c->arena, q->q, strlen(q->q));
		if (!f)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "q", "Параметр «q»: недопустимый текст");
		size_t len = strlen(f);
		char *pat = zh_arena_alloc(c->arena, 2 * len + 3), *o = pat;
		bool space = true;
		if (!pat)
			return ZH_ENOMEM;
		*o++ = '%';
		for (const char *s = f; *s; s++) {
			if (*s == ' ' || *s == '\t') {
				if (!space)
					*o++ = '%';
				space = true;
				continue;
			}
			space = false;
			if (*s == '%' || *s == '_' || *s == '\\')
				*o++ = '\\';
			*o++ = *s;
		}
		if (o[-1] != '%')
			*o++ = '%';
		*o = 0;
		flt.fold_like = pat;
	}
	return zh_store_people_list(zh_ctx_db(c), c->arena, &flt, rows, n, total);
}

/* ---- links ---- */
enum zh_err zh_people_parents(struct zh_ctx *c, int64_t child_id, json_t **out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_link_row *rows;
	struct rights r;
	size_t n;
	enum zh_err e;

	if ((e = member(c, "student", child_id)) || (e = rights_of(c, "student", child_id, &r)))
		return e;
	if (!r.view)
		return forbidden(c);
	if ((e = zh_store_parents_of(db, c->arena, c->school_id, child_id, &rows, &n)))
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *cs;
		if ((e = zh_store_card_get(db, c->arena, c->school_id, rows[i].id, "parent", "contacts", &cs))) {
			json_decref(items);
			return e;
		}
		json_t *ct = parse_obj(cs), *brief = json_object();
		copy_keys(brief, ct, brief_contact_keys);
		json_decref(ct);
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)rows[i].id,
						       "last_name", rows[i].last_name, "first_name", rows[i].first_name,
						       "middle_name", rows[i].middle_name ? rows[i].middle_name : "",
						       "relation", rows[i].relation ? rows[i].relation : "", "contacts", brief));
	}
	*out = json_pack("{s:o, s:b}", "items", items, "can_edit", r.manage);
	return ZH_OK;
}

enum zh_err zh_people_link(struct zh_ctx *c, int64_t child_id, int64_t parent_id, const char *relation)
{
	struct zh_db *db = zh_ctx_db(c);
	struct rights r;
	const char *old;
	int mask;
	enum zh_err e;
	bool known = false;

	if ((e = member(c, "student", child_id)) || (e = rights_of(c, "student", child_id, &r)))
		return e;
	if (!r.manage)
		return forbidden(c);
	for (const char *const *p = v_relation; *p && !known; p++)
		known = relation && strcmp(*p, relation) == 0;
	if (!known)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_field", "relation",
				   "Степень родства: мать, отец, опекун, попечитель, бабушка, дедушка, брат, сестра или другое");
	if ((e = zh_store_person_kinds(db, c->school_id, parent_id, &mask)))
		return e;
	if (!mask)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "parent_id", "Родитель не найден в этой школе");
	if (parent_id == child_id)
		return zh_fail_set(&c->fail, ZH_ERULE, "self_link", "parent_id", "Ученик не может быть своим родителем");
	if ((e = zh_store_link_get(db, c->arena, c->school_id, parent_id, child_id, &old)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_link_put(db, c->school_id, parent_id, child_id, relation);
	if (!e) {
		json_t *ov = old ? json_pack("{s:I, s:s}", "parent_id", (json_int_t)parent_id, "relation", old) : NULL;
		json_t *nv = json_pack("{s:I, s:s}", "parent_id", (json_int_t)parent_id, "relation", relation);
		e = zh_audit(c, "people.manage", "parent_link", child_id, ov, nv);
		json_decref(ov);
		json_decref(nv);
	}
	return finish(db, e);
}

enum zh_err zh_people_unlink(struct zh_ctx *c, int64_t child_id, int64_t parent_id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct rights r;
	const char *old;
	enum zh_err e;

	if ((e = member(c, "student", child_id)) || (e = rights_of(c, "student", child_id, &r)))
		return e;
	if (!r.manage)
		return forbidden(c);
	if ((e = zh_store_link_get(db, c->arena, c->school_id, parent_id, child_id, &old)))
		return e;
	if (!old)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "parent_id", "Такой связи родителя с учеником нет");
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_link_delete(db, c->school_id, parent_id, child_id);
	if (!e) {
		json_t *ov = json_pack("{s:I, s:s}", "parent_id", (json_int_t)parent_id, "relation", old);
		e = zh_audit(c, "people.manage", "parent_link", child_id, ov, NULL);
		json_decref(ov);
	}
	return finish(db, e);
}
