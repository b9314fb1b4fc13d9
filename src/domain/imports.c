/* imports.c: import and export of people and class lists (M-04) */
#include "domain/imports.h"
#include "domain/school.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fold.h"
#include "core/str.h"
#include "core/tz.h"
#include "domain/acl.h"
#include "domain/audit.h"
#include "domain/people.h"
#include "domain/scope.h"
#include "export/csv.h"
#include "export/xlsx.h"
#include "import/table.h"
#include "store/classes.h"
#include "store/imports.h"
#include "store/movement.h"
#include "store/people.h"

/* ---- columns ---- */
enum col {
	C_LAST, C_FIRST, C_MIDDLE, C_FIO, C_GENDER, C_BIRTH, C_CLASS, C_SNILS, C_FILE, C_HEALTH, C_PE,
	C_PHONE, C_EMAIL, C_RELATION, C_CHILD, C_CHILD_BIRTH, C_CHILD_CLASS, C_POSITION, C_PERSNO,
	C_TEACHER, C_PROFILE, C_SHIFT, C_COUNT
};

struct coldef {
	const char *title;
	const char *syn[6]; /* folded */
};

static const struct coldef cols[C_COUNT] = {
	[C_LAST] = { "Фамилия", { "фамилия" } },
	[C_FIRST] = { "Имя", { "имя" } },
	[C_MIDDLE] = { "Отчество", { "отчество" } },
	[C_FIO] = { "ФИО", { "фио", "ф.и.о.", "ф.и.о", "фамилия имя отчество", "фамилия, имя, отчество" } },
	[C_GENDER] = { "Пол", { "пол" } },
	[C_BIRTH] = { "Дата рождения", { "дата рождения", "д.р.", "дата рожд." } },
	[C_CLASS] = { "Класс", { "класс" } },
	[C_SNILS] = { "СНИЛС", { "снилс" } },
	[C_FILE] = { "Номер личного дела", { "номер личного дела", "№ личного дела", "личное дело", "личное дело №" } },
	[C_HEALTH] = { "Группа здоровья", { "группа здоровья" } },
	[C_PE] = { "Физкультурная группа", { "физкультурная группа", "группа по физкультуре", "физгруппа" } },
	[C_PHONE] = { "Телефон", { "телефон", "мобильный телефон", "тел." } },
	[C_EMAIL] = { "E-mail", { "e-mail", "email", "электронная почта", "эл. почта", "почта" } },
	[C_RELATION] = { "Степень родства", { "степень родства", "родство", "кем приходится" } },
	[C_CHILD] = { "Ребёнок", { "ребенок", "ребенок: фио", "фио ребенка", "ученик" } },
	[C_CHILD_BIRTH] = { "Дата рождения ребёнка", { "дата рождения ребенка" } },
	[C_CHILD_CLASS] = { "Класс ребёнка", { "класс ребенка" } },
	[C_POSITION] = { "Должность", { "должность" } },
	[C_PERSNO] = { "Табельный номер", { "табельный номер", "таб. номер", "табельный №", "таб. №" } },
	[C_TEACHER] = { "Классный руководитель", { "классный руководитель", "кл. руководитель" } },
	[C_PROFILE] = { "Профиль", { "профиль" } },
	[C_SHIFT] = { "Смена", { "смена" } },
};

struct kinddef {
	const char *kind, *op, *title, *person_kind;
	enum col cols[11];
	int ncols;
};

static const struct kinddef kinds[] = {
	{ "students", "people.manage.all", "Ученики", "student",
	  { C_LAST, C_FIRST, C_MIDDLE, C_GENDER, C_BIRTH, C_CLASS, C_SNILS, C_FILE, C_HEALTH, C_PE }, 10 },
	{ "parents", "people.manage.all", "Родители", "parent",
	  { C_LAST, C_FIRST, C_MIDDLE, C_GENDER, C_PHONE, C_EMAIL, C_RELATION, C_CHILD, C_CHILD_BIRTH,
	    C_CHILD_CLASS }, 10 },
	{ "staff", "staff.manage", "Сотрудники", "staff",
	  { C_LAST, C_FIRST, C_MIDDLE, C_GENDER, C_BIRTH, C_POSITION, C_PERSNO, C_PHONE, C_EMAIL }, 9 },
	{ "classes", "classes.edit", "Классы", NULL, { C_CLASS, C_TEACHER, C_PROFILE, C_SHIFT }, 4 },
};

static const struct kinddef *kind_of(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return &kinds[i];
	return NULL;
}

const char *zh_import_op(const char *kind)
{
	const struct kinddef *k = kind_of(kind);
	return k ? k->op : NULL;
}

static bool kind_has(const struct kinddef *k, enum col c)
{
	for (int i = 0; i < k->ncols; i++)
		if (k->cols[i] == c)
			return true;
	return false;
}

static const char *const v_health[] = { "I", "II", "III", "IV", "V", NULL };
static const char *const v_pe[] = { "основная", "подготовительная", "специальная", "освобождён", NULL };
static const char *const v_relation[] = { "мать", "отец", "опекун", "попечитель", "бабушка", "дедушка",
					  "брат", "сестра", "другое", NULL };

/* ---- one validation run ---- */
struct rec {
	int line;
	const char *last, *first, *middle, *gender, *birth, *fold;
	const char *class_name, *snils, *file_no, *health, *pe, *phone, *email, *relation, *profile;
	const char *letter;
	int64_t class_id, child_id, position_id, teacher_id;
	int grade, shift;
	int same_as;    /* parents: index+1 of an earlier row of the same person (0 = none) */
	int64_t new_id; /* after the apply */
	bool bad;
};

struct run {
	struct zh_ctx *c;
	struct zh_db *db;
	const struct kinddef *k;
	json_t *errors;
	struct rec *recs;
	size_t n;
	int64_t year_id;
	const char *year_name;
	int y, m, d; /* today */
};

static char *trim(struct zh_arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
		s += (unsigned char)*s == 0xC2 ? 2 : 1;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n' ||
		     (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)))
		n -= (unsigned char)s[n - 1] == 0xA0 ? 2 : 1;
	/* collapse inner runs of spaces */
	char *o = zh_arena_alloc(a, n + 1), *p = o;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ? ' ' : s[i];
		if (ch == ' ' && p > o && p[-1] == ' ')
			continue;
		*p++ = ch;
	}
	*p = 0;
	return o;
}

static void err(struct run *r, int line, enum col c, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void err(struct run *r, int line, enum col c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_t *e = json_pack("{s:i, s:s?, s:s}", "row", line, "column", (int)c >= 0 && c < C_COUNT ? cols[c].title : NULL,
			      "message", msg);
	if (e)
		json_array_append_new(r->errors, e);
}

/* Today in the school's time zone (the one definition: zh_school_today). */
static void today(struct run *r)
{
	char buf[11];
	if (zh_school_today(r->c, buf) != ZH_OK || !zh_date_parse(buf, &r->y, &r->m, &r->d)) {
		time_t t = (time_t)r->c->now; /* no school zone: UTC */
		struct tm tm;
		gmtime_r(&t, &tm);
		r->y = tm.tm_year + 1900;
		r->m = tm.tm_mon + 1;
		r->d = tm.tm_mday;
	}
}

static const char *today_str(struct run *r)
{
	return zh_arena_printf(r->c->arena, "%04d-%02d-%02d", r->y, r->m, r->d);
}

/* "ДД.ММ.ГГГГ", "ГГГГ-ММ-ДД" or an Excel serial → "YYYY-MM-DD"; NULL when not a real date */
static const char *parse_date(struct zh_arena *a, const char *s)
{
	int y, m, d, n = 0;
	char buf[48];
	if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && s[n] == 0 && n >= 8)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	else if (strlen(s) == 10 && s[4] == '-')
		snprintf(buf, sizeof buf, "%s", s);
	else {
		long long v;
		if (!zh_parse_i64(s, &v) || v < 1000 || v > 80000)
			return NULL;
		zh_civil_days((long)v - 25569, &y, &m, &d); /* 25569 = 1970-01-01 in Excel's calendar */
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	}
	if (!zh_date_parse(buf, &y, &m, &d))
		return NULL;
	return zh_arena_strdup(a, buf);
}

static int age_on(const char *birth, int y, int m, int d)
{
	int by, bm, bd;
	zh_date_parse(birth, &by, &bm, &bd);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

static bool name_ok(struct run *r, int line, enum col c, const char *s, bool required)
{
	if (!*s) {
		if (required)
			err(r, line, c, "Заполните столбец «%s»", cols[c].title);
		return !required;
	}
	if (zh_utf8_len(s, strlen(s)) > 60) {
		err(r, line, c, "«%s»: не длиннее 60 символов", cols[c].title);
		return false;
	}
	for (const char *p = s; *p; p++)
		if ((*p >= '0' && *p <= '9') || (unsigned char)*p < ' ' || strchr("@#$%^&*_=+<>/\\|{}[]\"!?;:", *p)) {
			err(r, line, c, "«%s»: только буквы, пробел, дефис и апостроф", cols[c].title);
			return false;
		}
	return true;
}

static const char *gender_of(struct zh_arena *a, const char *s)
{
	const char *f = zh_fold(a, s, strlen(s));
	if (!f)
		return NULL;
	if (!strcmp(f, "м") || !strcmp(f, "муж") || !strcmp(f, "муж.") || !strcmp(f, "мужской") || !strcmp(f, "m"))
		return "m";
	if (!strcmp(f, "ж") || !strcmp(f, "жен") || !strcmp(f, "жен.") || !strcmp(f, "женский") || !strcmp(f, "f"))
		return "f";
	return NULL;
}

/* one of the values (compared folded, ё=е); the canonical spelling or NULL */
static const char *enum_of(struct zh_arena *a, const char *const *vals, const char *s)
{
	const char *f = zh_fold(a, s, strlen(s));
	for (; f && *vals; vals++) {
		const char *v = zh_fold(a, *vals, strlen(*vals));
		if (v && strcmp(v, f) == 0)
			return *vals;
	}
	return NULL;
}

static char *fold3(struct zh_arena *a, const char *l, const char *f, const char *m)
{
	char *full = zh_arena_printf(a, "%s %s %s", l, f, m ? m : "");
	if (!full)
		return NULL;
	size_t n = strlen(full);
	while (n && full[n - 1] == ' ')
		full[--n] = 0;
	return zh_fold(a, full, n);
}

/* "5А", "5 а", "10-Б" → grade and upper-case letter; false when not a class name */
static bool class_parse(struct zh_arena *a, const char *s, int *grade, const char **letter, const char **name)
{
	int g = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && g < 100)
		g = g * 10 + (*p++ - '0');
	if (p == s || g < 1 || g > 11)
		return false;
	char *l = zh_arena_alloc(a, strlen(p) + 1), *o = l;
	if (!l)
		return false;
	for (; *p; p++) {
		unsigned char c0 = (unsigned char)p[0], c1 = (unsigned char)p[1];
		if (*p == ' ' || *p == '-' || *p == '"' || *p == '\'')
			continue;
		if (c0 == 0xD0 && c1 >= 0xB0 && c1 <= 0xBF) { /* а..п */
			*o++ = (char)0xD0;
			*o++ = (char)(c1 - 0x20);
			p++;
		} else if (c0 == 0xD1 && c1 >= 0x80 && c1 <= 0x8F) { /* р..я */
			*o++ = (char)0xD0;
			*o++ = (char)(c1 + 0x20);
			p++;
		} else if (c0 == 0xD1 && c1 == 0x91) { /* ё */
			*o++ = (char)0xD0;
			*o++ = (char)0x81;
			p++;
		} else if (c0 >= 'a' && c0 <= 'z')
			*o++ = (char)(c0 - 32);
		else
			*o++ = *p;
	}
	*o = 0;
	size_t chars = zh_utf8_len(l, strlen(l));
	if (chars < 1 || chars > 3 || !zh_utf8_valid(l, strlen(l)))
		return false;
	*grade = g;
	*letter = l;
	*name = zh_arena_printf(a, "%d%s", g, l);
	return *name != NULL;
}

/* ---- the header ---- */
static enum col header_col(struct zh_arena *a, const char *cell)
{
	char *t = trim(a, cell);
	if (!t)
		return C_COUNT;
	size_t n = strlen(t);
	while (n && (t[n - 1] == '*' || t[n - 1] == ':' || t[n - 1] == ' '))
		t[--n] = 0;
	const char *f = zh_fold(a, t, n);
	if (!f || !*f)
		return C_COUNT;
	for (int c = 0; c < C_COUNT; c++)
		for (int i = 0; i < 6 && cols[c].syn[i]; i++)
			if (strcmp(cols[c].syn[i], f) == 0)
				return (enum col)c;
	return C_COUNT;
}

/* ---- row validation ---- */
static enum zh_err check_row(struct run *r, struct rec *x, const char *v[C_COUNT])
{
	struct zh_arena *a = r->c->arena;
	struct zh_db *db = r->db;
	enum zh_err e;
	const char *kind = r->k->kind;
	size_t before = json_array_size(r->errors);
	int line = x->line;

	if (strcmp(kind, "classes") != 0) {
		bool ok = name_ok(r, line, v[C_LAST] ? C_LAST : C_FIO, x->last, true);
		ok = name_ok(r, line, v[C_FIRST] ? C_FIRST : C_FIO, x->first, true) && ok;
		ok = name_ok(r, line, v[C_MIDDLE] ? C_MIDDLE : C_FIO, x->middle, false) && ok;
		if (ok && !(x->fold = fold3(a, x->last, x->first, x->middle)))
			return ZH_ENOMEM;
		if (*v[C_GENDER] && !(x->gender = gender_of(a, v[C_GENDER])))
			err(r, line, C_GENDER, "Пол: укажите «м» или «ж»");
		else if (!*v[C_GENDER] && strcmp(kind, "parents") != 0)
			err(r, line, C_GENDER, "Заполните столбец «Пол» (м или ж)");
		if (kind_has(r->k, C_BIRTH)) {
			if (!*v[C_BIRTH]) {
				if (strcmp(kind, "students") == 0)
					err(r, line, C_BIRTH, "Заполните столбец «Дата рождения»");
			} else if (!(x->birth = parse_date(a, v[C_BIRTH]))) {
				err(r, line, C_BIRTH, "Дата рождения: нужна существующая дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
			} else {
				int age = age_on(x->birth, r->y, r->m, r->d);
				int lo = strcmp(kind, "students") == 0 ? 3 : 16, hi = strcmp(kind, "students") == 0 ? 25 : 100;
				if (age < lo || age > hi) {
					err(r, line, C_BIRTH, "Дата рождения: возраст должен быть от %d до %d лет", lo, hi);
					x->birth = NULL;
				}
			}
		}
		if (*v[C_PHONE] && !zh_phone_valid(v[C_PHONE]))
			err(r, line, C_PHONE, "Телефон: нужен номер вида +7 900 123-45-67");
		else
			x->phone = v[C_PHONE];
		if (*v[C_EMAIL] && !zh_email_valid(v[C_EMAIL]))
			err(r, line, C_EMAIL, "E-mail: нужен адрес вида name@example.ru");
		else
			x->email = v[C_EMAIL];
	}

	if (strcmp(kind, "students") == 0) {
		if (!*v[C_CLASS])
			err(r, line, C_CLASS, "Заполните столбец «Класс»");
		else if (!class_parse(a, v[C_CLASS], &x->grade, &x->letter, &x->class_name))
			err(r, line, C_CLASS, "Класс «%s»: нужен номер и буква, например 5А", v[C_CLASS]);
		else if ((e = zh_store_class_by_name(db, r->c->school_id, r->year_id, x->class_name, &x->class_id)))
			return e;
		else if (!x->class_id)
			err(r, line, C_CLASS, "Класса %s нет в текущем учебном году", x->class_name);
		x->snils = v[C_SNILS];
		if (*x->snils && !zh_snils_valid(x->snils))
			err(r, line, C_SNILS, "СНИЛС: неверный номер или контрольная сумма");
		x->file_no = v[C_FILE];
		if (zh_utf8_len(x->file_no, strlen(x->file_no)) > 30)
			err(r, line, C_FILE, "Номер личного дела: не длиннее 30 символов");
		if (*v[C_HEALTH]) {
			const char *h = v[C_HEALTH];
			static const char *const arabic[] = { "1", "2", "3", "4", "5" };
			for (int i = 0; i < 5; i++)
				if (strcmp(h, arabic[i]) == 0)
					h = v_health[i];
			char up[8];
			size_t hl = strlen(h);
			if (hl < sizeof up) {
				for (size_t i = 0; i <= hl; i++)
					up[i] = h[i] == 'i' ? 'I' : h[i] == 'v' ? 'V' : h[i];
				h = up;
			}
			if (!(x->health = enum_of(a, v_health, h)))
				err(r, line, C_HEALTH, "Группа здоровья: I, II, III, IV или V");
		}
		if (*v[C_PE] && !(x->pe = enum_of(a, v_pe, v[C_PE])))
			err(r, line, C_PE, "Физкультурная группа: основная, подготовительная, специальная или освобождён");
	} else if (strcmp(kind, "parents") == 0) {
		if (!*v[C_RELATION])
			err(r, line, C_RELATION, "Заполните столбец «Степень родства»");
		else if (!(x->relation = enum_of(a, v_relation, v[C_RELATION])))
			err(r, line, C_RELATION,
			    "Степень родства: мать, отец, опекун, попечитель, бабушка, дедушка, брат, сестра или другое");
		const char *cf = *v[C_CHILD] ? zh_fold(a, v[C_CHILD], strlen(v[C_CHILD])) : NULL;
		int64_t cnt = 0;
		if (!cf) {
			err(r, line, C_CHILD, "Заполните столбец «Ребёнок» (ФИО ученика)");
		} else if (*v[C_CHILD_BIRTH]) {
			const char *b = parse_date(a, v[C_CHILD_BIRTH]);
			if (!b)
				err(r, line, C_CHILD_BIRTH, "Дата рождения ребёнка: нужна существующая дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
			else if ((e = zh_store_imp_person_find(db, r->c->school_id, "student", cf, b, &cnt, &x->child_id)))
				return e;
			else if (cnt == 0)
				err(r, line, C_CHILD, "Ученик «%s» с датой рождения %s не найден", v[C_CHILD], v[C_CHILD_BIRTH]);
		} else if (*v[C_CHILD_CLASS]) {
			int g;
			const char *l, *nm;
			int64_t cid = 0;
			if (!class_parse(a, v[C_CHILD_CLASS], &g, &l, &nm))
				err(r, line, C_CHILD_CLASS, "Класс ребёнка «%s»: нужен номер и буква, например 5А", v[C_CHILD_CLASS]);
			else if ((e = zh_store_class_by_name(db, r->c->school_id, r->year_id, nm, &cid)))
				return e;
			else if (!cid)
				err(r, line, C_CHILD_CLASS, "Класса %s нет в текущем учебном году", nm);
			else if ((e = zh_store_imp_student_in_class(db, r->c->school_id, cid, cf, &cnt, &x->child_id)))
				return e;
			else if (cnt == 0)
				err(r, line, C_CHILD, "Ученик «%s» в классе %s не найден", v[C_CHILD], nm);
		} else {
			err(r, line, C_CHILD, "Укажите дату рождения или класс ребёнка, чтобы найти его однозначно");
		}
		if (cnt > 1) {
			err(r, line, C_CHILD, "Найдено несколько учеников «%s»: уточните дату рождения или класс", v[C_CHILD]);
			x->child_id = 0;
		}
		if (cnt != 1)
			x->child_id = 0;
	} else if (strcmp(kind, "staff") == 0) {
		if (*v[C_POSITION]) {
			const char *pf = zh_fold(a, v[C_POSITION], strlen(v[C_POSITION]));
			if (!pf)
				return ZH_ENOMEM;
			if ((e = zh_store_imp_position(db, a, r->c->school_id, pf, &x->position_id)))
				return e;
			if (!x->position_id)
				err(r, line, C_POSITION, "Должности «%s» нет в справочнике должностей", v[C_POSITION]);
		}
		x->file_no = v[C_PERSNO];
		if (zh_utf8_len(x->file_no, strlen(x->file_no)) > 30)
			err(r, line, C_PERSNO, "Табельный номер: не длиннее 30 символов");
	} else { /* classes */
		int64_t id = 0;
		if (!*v[C_CLASS])
			err(r, line, C_CLASS, "Заполните столбец «Класс»");
		else if (!class_parse(a, v[C_CLASS], &x->grade, &x->letter, &x->class_name))
			err(r, line, C_CLASS, "Класс «%s»: нужен номер от 1 до 11 и буква, например 5А", v[C_CLASS]);
		else if ((e = zh_store_class_by_name(db, r->c->school_id, r->year_id, x->class_name, &id)))
			return e;
		else if (id)
			err(r, line, C_CLASS, "Класс %s уже есть в учебном году %s", x->class_name, r->year_name);
		if (*v[C_TEACHER]) {
			const char *tf = zh_fold(a, v[C_TEACHER], strlen(v[C_TEACHER]));
			int64_t cnt = 0;
			if (!tf)
				return ZH_ENOMEM;
			if ((e = zh_store_imp_person_find(db, r->c->school_id, "staff", tf, NULL, &cnt, &x->teacher_id)))
				return e;
			if (cnt == 0)
				err(r, line, C_TEACHER, "Сотрудник «%s» не найден", v[C_TEACHER]);
			else if (cnt > 1)
				err(r, line, C_TEACHER, "Найдено несколько сотрудников «%s»", v[C_TEACHER]);
			if (cnt != 1)
				x->teacher_id = 0;
		}
		x->profile = v[C_PROFILE];
		if (zh_utf8_len(x->profile, strlen(x->profile)) > 100)
			err(r, line, C_PROFILE, "Профиль: не длиннее 100 символов");
		x->shift = 1;
		if (*v[C_SHIFT]) {
			long long sh;
			if (!zh_parse_i64(v[C_SHIFT], &sh) || sh < 1 || sh > 3)
				err(r, line, C_SHIFT, "Смена: 1, 2 или 3");
			else
				x->shift = (int)sh;
		}
	}

	/* duplicates: inside the file, then with the people of the school */
	if (json_array_size(r->errors) == before) {
		for (size_t i = 0; i < r->n; i++) {
			struct rec *o = &r->recs[i];
			if (o == x || o->bad)
				continue;
			if (strcmp(kind, "classes") == 0) {
				if (o->class_name && strcmp(o->class_name, x->class_name) == 0) {
					err(r, line, C_CLASS, "Класс %s уже указан в строке %d", x->class_name, o->line);
					break;
				}
				continue;
			}
			if (!o->fold || strcmp(o->fold, x->fold) != 0)
				continue;
			if (strcmp(kind, "parents") == 0) {
				if (o->child_id == x->child_id) {
					err(r, line, v[C_LAST] ? C_LAST : C_FIO, "Этот родитель этого ребёнка уже указан в строке %d", o->line);
					break;
				}
				if (!x->same_as)
					x->same_as = (int)(i + 1); /* the same parent of another child */
				continue;
			}
			if ((o->birth == NULL) == (x->birth == NULL) && (!o->birth || strcmp(o->birth, x->birth) == 0)) {
				err(r, line, v[C_LAST] ? C_LAST : C_FIO, "Повторяет строку %d (те же ФИО и дата рождения)", o->line);
				break;
			}
		}
	}
	if (json_array_size(r->errors) == before && r->k->person_kind) {
		if (strcmp(kind, "parents") == 0) {
			bool yes;
			if ((e = zh_store_imp_parent_linked(db, r->c->school_id, x->child_id, x->fold, &yes)))
				return e;
			if (yes)
				err(r, line, v[C_LAST] ? C_LAST : C_FIO, "Родитель с такими ФИО уже связан с этим ребёнком");
		} else {
			int64_t cnt = 0, id;
			if ((e = zh_store_imp_person_find(db, r->c->school_id, r->k->person_kind, x->fold, x->birth, &cnt, &id)))
				return e;
			if (cnt)
				err(r, line, v[C_LAST] ? C_LAST : C_FIO, "%s с такими ФИО и датой рождения уже есть в школе",
				    strcmp(kind, "students") == 0 ? "Ученик" : "Сотрудник");
		}
	}
	x->bad = json_array_size(r->errors) != before;
	return ZH_OK;
}

/* Validates the whole table; r->errors filled, r->recs the rows. */
static enum zh_err validate(struct run *r, const struct zh_table *t, size_t *rows)
{
	struct zh_arena *a = r->c->arena;
	enum zh_err e;
	size_t h = 0;
	*rows = 0;
	today(r);
	char day[11];
	if ((e = zh_school_today(r->c, day)) ||
	    (e = zh_store_imp_current_year(r->db, a, r->c->school_id, day, &r->year_id, &r->year_name)))
		return e;
	while (h < t->n && zh_table_row_blank(&t->rows[h]))
		h++;
	if (h == t->n) {
		err(r, 1, C_COUNT, "Файл пуст: нужна строка заголовков и строки с данными");
		return ZH_OK;
	}
	if (!r->year_id && strcmp(r->k->kind, "staff") != 0) {
		err(r, t->rows[h].line, C_COUNT, "В школе нет открытого учебного года");
		return ZH_OK;
	}
	const struct zh_trow *hr = &t->rows[h];
	int *map = zh_arena_alloc(a, (hr->n + 1) * sizeof *map);
	bool seen[C_COUNT] = { 0 };
	if (!map)
		return ZH_ENOMEM;
	for (size_t j = 0; j < hr->n; j++) {
		enum col c = header_col(a, hr->cells[j]);
		if (c == C_CLASS && kind_has(r->k, C_CHILD_CLASS))
			c = C_CHILD_CLASS;
		if (c == C_BIRTH && kind_has(r->k, C_CHILD_BIRTH) && !kind_has(r->k, C_BIRTH))
			c = C_CHILD_BIRTH;
		bool usable = c != C_COUNT && (kind_has(r->k, c) || (c == C_FIO && kind_has(r->k, C_LAST)));
		map[j] = usable && !seen[c] ? (int)c : -1;
		if (usable)
			seen[c] = true;
	}
	bool fio = seen[C_FIO] && !seen[C_LAST];
	size_t before = json_array_size(r->errors);
	for (int i = 0; i < r->k->ncols; i++) {
		enum col c = r->k->cols[i];
		bool req = c == C_LAST || c == C_FIRST || c == C_CLASS || c == C_CHILD;
		if (fio && (c == C_LAST || c == C_FIRST))
			req = false;
		if (req && !seen[c])
			err(r, hr->line, c, "В строке заголовков нет обязательного столбца «%s»", cols[c].title);
	}
	if (json_array_size(r->errors) != before)
		return ZH_OK;

	size_t cap = t->n - h;
	r->recs = zh_arena_alloc(a, (cap ? cap : 1) * sizeof *r->recs);
	if (!r->recs)
		return ZH_ENOMEM;
	r->n = 0;
	for (size_t i = h + 1; i < t->n; i++) {
		const struct zh_trow *row = &t->rows[i];
		if (zh_table_row_blank(row))
			continue;
		const char *v[C_COUNT];
		for (int c = 0; c < C_COUNT; c++)
			v[c] = "";
		for (size_t j = 0; j < row->n && j < hr->n; j++)
			if (map[j] >= 0) {
				if (!(v[map[j]] = trim(a, row->cells[j])))
					return ZH_ENOMEM;
				/* undo the formula guard of our own export: '=…, '+…, '-…, '@… */
				if (v[map[j]][0] == '\'' && v[map[j]][1] && strchr("=+-@", v[map[j]][1]))
					v[map[j]]++;
			}
		struct rec *x = &r->recs[r->n++];
		memset(x, 0, sizeof *x);
		x->line = row->line;
		(*rows)++;
		if (fio) {
			/* «ФИО» in one column: Фамилия Имя Отчество (the rest of the words) */
			char *s = zh_arena_strdup(a, v[C_FIO]), *sp;
			if (!s)
				return ZH_ENOMEM;
			x->last = s;
			x->first = x->middle = "";
			if ((sp = strchr(s, ' '))) {
				*sp = 0;
				x->first = sp + 1;
				if ((sp = strchr(sp + 1, ' '))) {
					*sp = 0;
					x->middle = sp + 1;
				}
			}
		} else {
			x->last = v[C_LAST];
			x->first = v[C_FIRST];
			x->middle = v[C_MIDDLE];
		}
		if ((e = check_row(r, x, v)))
			return e;
	}
	if (!*rows)
		err(r, hr->line, C_COUNT, "В файле нет строк с данными под строкой заголовков");
	return ZH_OK;
}

static json_t *report_json(struct run *r, int64_t id, const char *filename, const char *status, size_t rows)
{
	size_t bad = 0;
	for (size_t i = 0; i < r->n; i++)
		bad += r->recs[i].bad;
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:O}", "id", (json_int_t)id, "kind", r->k->kind,
			 "filename", filename, "status", status, "rows", (json_int_t)rows,
			 "valid", (json_int_t)(rows - bad), "errors", r->errors);
}

static bool allowed(struct zh_ctx *c, const char *op)
{
	return zh_acl_allows(&c->ops, op);
}

static enum zh_err forbidden(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", NULL, "Недостаточно прав для этого действия");
}

static enum zh_err read_table(struct zh_ctx *c, const char *data, size_t len, struct zh_table *t)
{
	bool xlsx = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
	enum zh_err e = xlsx ? zh_xlsx_read(data, len, t) : zh_csv_read(data, len, t);
	if (e == ZH_EPARSE)
		return zh_fail_set(&c->fail, ZH_EINVAL, "bad_file", "file",
				   xlsx ? "Файл XLSX не удалось прочитать: нужен лист Excel (.xlsx)"
					: "Файл CSV не удалось прочитать: проверьте кавычки и кодировку");
	return e;
}

enum zh_err zh_import_check(struct zh_ctx *c, const char *kind, const char *format, const char *filename,
			    const char *data, size_t len, json_t **report)
{
	(void)format;
	const struct kinddef *k = kind_of(kind);
	enum zh_err e;
	if (!k)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "kind",
				   "Вид списка: students, parents, staff или classes");
	if (!allowed(c, k->op))
		return forbidden(c);
	if (!filename || !*filename)
		filename = strcmp(format ? format : "", "xlsx") == 0 ? "import.xlsx" : "import.csv";
	if (!zh_utf8_valid(filename, strlen(filename)) || zh_utf8_len(filename, strlen(filename)) > 200)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "filename",
				   "Имя файла: не длиннее 200 символов в UTF-8");
	if (!len)
		return zh_fail_set(&c->fail, ZH_EINVAL, "missing_body", "file", "Файл пуст");
	struct zh_table t;
	if ((e = read_table(c, data, len, &t)))
		return e;
	struct run r = { .c = c, .db = zh_ctx_db(c), .k = k, .errors = json_array() };
	size_t rows = 0;
	e = validate(&r, &t, &rows);
	zh_table_free(&t);
	if (e) {
		json_decref(r.errors);
		return e;
	}
	int64_t id = 0;
	json_t *rep = report_json(&r, 0, filename, "checked", rows);
	char *txt = rep ? json_dumps(rep, JSON_COMPACT) : NULL;
	if (!txt) {
		json_decref(rep);
		json_decref(r.errors);
		return ZH_ENOMEM;
	}
	if (!(e = zh_db_begin(r.db, true))) {
		e = zh_store_import_insert(r.db, c->school_id, kind, filename, data, len, txt, c->user_id, c->now, &id);
		if (!e) {
			json_t *nv = json_pack("{s:s, s:s, s:O, s:O, s:I}", "kind", kind, "filename", filename, "rows",
					       json_object_get(rep, "rows"), "valid", json_object_get(rep, "valid"),
					       "errors", (json_int_t)json_array_size(r.errors));
			e = zh_audit(c, k->op, "import", id, NULL, nv);
			json_decref(nv);
		}
		e = e ? e : zh_db_commit(r.db);
		if (e)
			zh_db_rollback(r.db);
	}
	free(txt);
	json_decref(r.errors);
	if (e) {
		json_decref(rep);
		return e;
	}
	json_object_set_new(rep, "id", json_integer(id));
	*report = rep;
	return ZH_OK;
}

enum zh_err zh_import_get(struct zh_ctx *c, int64_t id, json_t **report)
{
	struct zh_import_row row;
	enum zh_err e = zh_store_import_get(zh_ctx_db(c), c->arena, c->school_id, id, &row);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "not_found", "id", "Загрузка не найдена");
	if (e)
		return e;
	const char *op = zh_import_op(row.kind);
	if (!op || !allowed(c, op))
		return forbidden(c);
	json_t *rep = json_loads(row.report, 0, NULL);
	if (!rep || !json_is_object(rep)) {
		json_decref(rep);
		rep = json_object();
	}
	json_object_set_new(rep, "id", json_integer(row.id));
	json_object_set_new(rep, "kind", json_string(row.kind));
	json_object_set_new(rep, "filename", json_string(row.filename));
	json_object_set_new(rep, "status", json_string(row.status));
	*report = rep;
	return ZH_OK;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static enum zh_err card(struct run *r, int64_t id, const char *kind, const char *grp, json_t *data)
{
	enum zh_err e = ZH_OK;
	if (json_object_size(data)) {
		char *txt = json_dumps(data, JSON_COMPACT);
		e = txt ? zh_store_card_put(r->db, r->c->school_id, id, kind, grp, txt, r->c->now, r->c->user_id) : ZH_ENOMEM;
		free(txt);
	}
	return e;
}

static enum zh_err apply_row(struct run *r, struct rec *x, int64_t import_id)
{
	struct zh_ctx *c = r->c;
	struct zh_db *db = r->db;
	enum zh_err e;
	const char *kind = r->k->kind;
	json_t *nv;

	if (strcmp(kind, "classes") == 0) {
		if ((e = zh_store_mv_class_create(db, c->school_id, r->year_id, x->grade, x->letter, x->teacher_id,
						  x->profile, x->shift, 0, &x->new_id)))
			return e == ZH_ECONFLICT ? zh_fail_set(&c->fail, e, "conflict", "file", "Класс %s уже есть", x->class_name) : e;
		nv = json_pack("{s:s, s:i, s:s, s:o, s:s, s:i, s:I}", "name", x->class_name, "grade", x->grade, "letter",
			       x->letter, "class_teacher_id", x->teacher_id ? json_integer(x->teacher_id) : json_null(),
			       "profile", x->profile, "shift", x->shift, "import_id", (json_int_t)import_id);
		e = zh_audit(c, "classes.edit", "class", x->new_id, NULL, nv);
		json_decref(nv);
		return e;
	}
	if (x->same_as) {
		/* a parent already created from an earlier row: only the link */
		x->new_id = r->recs[x->same_as - 1].new_id;
	} else {
		struct zh_person_row p = { .last_name = x->last, .first_name = x->first, .middle_name = x->middle,
					   .gender = x->gender, .birth_date = x->birth };
		if ((e = zh_store_person_insert(db, &p, x->fold, &x->new_id)))
			return e;
	}
	int64_t id = x->new_id;
	nv = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:I}", "last_name", x->last, "first_name", x->first, "middle_name",
		       x->middle, "gender", x->gender, "birth_date", x->birth, "import_id", (json_int_t)import_id);
	if (!nv)
		return ZH_ENOMEM;
	if (strcmp(kind, "students") == 0) {
		const char *date = today_str(r);
		struct zh_movement_row m = { .school_id = c->school_id, .student_id = id, .kind = "enrol", .date = date,
					     .order_no = "импорт", .to_class_id = x->class_id, .from_place = "",
					     .to_place = "", .reason = "Импорт списка учеников", .created_by = c->user_id,
					     .created_at = c->now };
		int64_t mid;
		if (!(e = zh_store_student_insert(db, c->school_id, id, "enrolled", date)) &&
		    !(e = zh_store_class_student_add(db, c->school_id, x->class_id, id)) &&
		    !(e = zh_store_movement_insert(db, &m, &mid)) &&
		    !(e = (*x->file_no ? zh_store_student_set_file_no(db, c->school_id, id, x->file_no) : ZH_OK))) {
			json_t *doc = json_object(), *med = json_object();
			if (*x->snils)
				json_object_set_new(doc, "snils", json_string(x->snils));
			if (x->health)
				json_object_set_new(med, "health_group", json_string(x->health));
			if (x->pe)
				json_object_set_new(med, "pe_group", json_string(x->pe));
			if (!(e = card(r, id, "student", "documents", doc)))
				e = card(r, id, "student", "medical", med);
			json_decref(doc);
			json_decref(med);
		}
		json_object_set_new(nv, "class_id", json_integer(x->class_id));
		json_object_set_new(nv, "personal_file_no", str_or_null(x->file_no));
		json_object_set_new(nv, "snils", str_or_null(x->snils));
		json_object_set_new(nv, "health_group", str_or_null(x->health));
		json_object_set_new(nv, "pe_group", str_or_null(x->pe));
		if (!e)
			e = zh_audit(c, "people.manage", "student", id, NULL, nv);
	} else if (strcmp(kind, "parents") == 0) {
		if (!x->same_as) {
			json_t *ct = json_object();
			if (*x->phone)
				json_object_set_new(ct, "mobile_phone", json_string(x->phone));
			if (*x->email)
				json_object_set_new(ct, "email", json_string(x->email));
			e = zh_store_card_put(db, c->school_id, id, "parent", "personal", "{}", c->now, c->user_id);
			if (!e)
				e = card(r, id, "parent", "contacts", ct);
			json_decref(ct);
		}
		if (!e)
			e = zh_store_link_put(db, c->school_id, id, x->child_id, x->relation);
		json_object_set_new(nv, "child_id", json_integer(x->child_id));
		json_object_set_new(nv, "relation", json_string(x->relation));
		json_object_set_new(nv, "mobile_phone", str_or_null(x->phone));
		json_object_set_new(nv, "email", str_or_null(x->email));
		if (!e)
			e = zh_audit(c, "people.manage", "parent", id, NULL, nv);
	} else {
		e = zh_store_staff_ensure(db, c->school_id, id);
		if (!e && *x->file_no)
			e = zh_store_staff_set_employment(db, c->school_id, id, x->file_no, NULL);
		if (!e && x->position_id) {
			struct zh_staff_position_row sp = { .position_id = x->position_id, .rate = 1, .category = "" };
			e = zh_store_staff_position_add(db, c->school_id, id, &sp);
		}
		if (!e) {
			json_t *ct = json_object();
			if (*x->phone)
				json_object_set_new(ct, "mobile_phone", json_string(x->phone));
			if (*x->email)
				json_object_set_new(ct, "email", json_string(x->email));
			e = card(r, id, "staff", "contacts", ct);
			json_decref(ct);
		}
		json_object_set_new(nv, "position_id", x->position_id ? json_integer(x->position_id) : json_null());
		json_object_set_new(nv, "personnel_no", str_or_null(x->file_no));
		json_object_set_new(nv, "mobile_phone", str_or_null(x->phone));
		json_object_set_new(nv, "email", str_or_null(x->email));
		if (!e)
			e = zh_audit(c, "staff.manage", "staff", id, NULL, nv);
	}
	json_decref(nv);
	if (e == ZH_ECONFLICT)
		return zh_fail_set(&c->fail, e, "conflict", "file", "Строка %d: данные изменились, проверьте файл снова", x->line);
	return e;
}

enum zh_err zh_import_apply(struct zh_ctx *c, int64_t id, json_t **report)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_import_row row;
	enum zh_err e;
	*report = NULL;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_import_get(db, c->arena, c->school_id, id, &row))) {
		zh_db_rollback(db);
		return e == ZH_ENOTFOUND ? zh_fail_set(&c->fail, e, "not_found", "id", "Загрузка не найдена") : e;
	}
	const struct kinddef *k = kind_of(row.kind);
	if (!k || !allowed(c, k->op)) {
		zh_db_rollback(db);
		return forbidden(c);
	}
	if (strcmp(row.status, "applied") == 0) {
		zh_db_rollback(db);
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "already_applied", "id", "Этот файл уже загружен");
	}
	struct zh_table t;
	if ((e = read_table(c, row.content, row.len, &t))) {
		zh_db_rollback(db);
		return e;
	}
	struct run r = { .c = c, .db = db, .k = k, .errors = json_array() };
	size_t rows = 0;
	e = validate(&r, &t, &rows);
	zh_table_free(&t);
	bool bad = !e && json_array_size(r.errors) > 0;
	for (size_t i = 0; !e && !bad && i < r.n; i++)
		e = apply_row(&r, &r.recs[i], id);
	json_t *rep = e ? NULL : report_json(&r, id, row.filename, bad ? "checked" : "applied", rows);
	char *txt = rep ? json_dumps(rep, JSON_COMPACT) : NULL;
	if (!e && !txt)
		e = ZH_ENOMEM;
	if (!e)
		e = zh_store_import_update(db, c->school_id, id, bad ? "checked" : "applied", txt);
	if (!e && !bad) {
		json_t *nv = json_pack("{s:s, s:s, s:s, s:I}", "status", "applied", "kind", k->kind, "filename",
				       row.filename, "created", (json_int_t)r.n);
		json_t *ov = json_pack("{s:s}", "status", row.status);
		e = zh_audit(c, k->op, "import", id, ov, nv);
		json_decref(nv);
		json_decref(ov);
	}
	free(txt);
	json_decref(r.errors);
	if (!e)
		e = zh_db_commit(db);
	else
		zh_db_rollback(db);
	if (e) {
		json_decref(rep);
		return e;
	}
	*report = rep;
	if (bad)
		return zh_fail_set(&c->fail, ZH_ERULE, "import_invalid", "file",
				   "В файле есть ошибки: ничего не загружено, исправьте строки из отчёта");
	return ZH_OK;
}

/* ---- export ---- */
static const char *ru_date(struct zh_arena *a, const char *iso)
{
	int y, m, d;
	if (!iso || !zh_date_parse(iso, &y, &m, &d))
		return "";
	return zh_arena_printf(a, "%02d.%02d.%04d", d, m, y);
}

static const char *ru_gender(const char *g)
{
	return g && strcmp(g, "m") == 0 ? "м" : g && strcmp(g, "f") == 0 ? "ж" : "";
}

static const char *S(const char *s)
{
	return s ? s : "";
}

static enum zh_err add_row(struct zh_table *t, const char *const *cells, int n)
{
	struct zh_trow *row = zh_table_row(t, (int)t->n + 1);
	enum zh_err e = row ? ZH_OK : ZH_ENOMEM;
	for (int i = 0; !e && i < n; i++)
		e = zh_table_add(row, cells[i]);
	return e;
}

static enum zh_err header(struct zh_table *t, const struct kinddef *k)
{
	const char *h[12];
	for (int i = 0; i < k->ncols; i++)
		h[i] = cols[k->cols[i]].title;
	return add_row(t, h, k->ncols);
}

static bool scope(struct zh_ctx *c, const char *family, int64_t class_id)
{
	return zh_scope_check(c, family, &(struct zh_target){ .class_id = class_id }) == ZH_OK;
}

enum zh_err zh_export(struct zh_ctx *c, const char *kind, const char *format, int64_t class_id, char **data,
		      size_t *len, const char **filename, const char **ctype)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_arena *a = c->arena;
	enum zh_err e;
	bool xlsx;
	if (!format || strcmp(format, "csv") == 0)
		xlsx = false;
	else if (strcmp(format, "xlsx") == 0)
		xlsx = true;
	else
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "format", "Формат: csv или xlsx");
	bool health = kind && strcmp(kind, "health") == 0;
	const struct kinddef *k = health ? NULL : kind_of(kind);
	if (!k && !health)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_parameter", "kind",
				   "Вид списка: students, parents, staff, classes или health");
	/* rights first: the same answer whether or not the class exists */
	bool people = health || strcmp(kind, "students") == 0 || strcmp(kind, "parents") == 0;
	if (health) {
		if (!allowed(c, "people.medical.edit"))
			return forbidden(c);
		if (!class_id)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_parameter", "class", "Укажите класс (class)");
	} else if (people) {
		if (class_id ? !scope(c, "people.brief.view", class_id) && !scope(c, "people.manage", class_id)
			     : !allowed(c, "people.brief.view.all") && !allowed(c, "people.manage.all"))
			return forbidden(c);
	} else if (strcmp(kind, "staff") == 0) {
		if (!allowed(c, "staff.brief.view"))
			return forbidden(c);
	} else if (!allowed(c, "classes.view"))
		return forbidden(c);

	int64_t year_id = 0;
	const char *year_name = NULL, *class_name = NULL;
	char day[11];
	if ((e = zh_school_today(c, day)) ||
	    (e = zh_store_imp_current_year(db, a, c->school_id, day, &year_id, &year_name)))
		return e;
	if (class_id && (people || health)) {
		struct zh_class_row cr;
		if ((e = zh_store_class_get(db, a, c->school_id, class_id, &cr)))
			return e == ZH_ENOTFOUND ? zh_fail_set(&c->fail, e, "not_found", "class", "Класс не найден") : e;
		class_name = cr.name;
		year_id = cr.year_id;
	}
	struct zh_table t = { 0 };
	const char *title;
	if (health) {
		static const char *const h[] = { "№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс",
						 "Группа здоровья", "Физкультурная группа" };
		struct zh_exp_student *rows;
		size_t n;
		title = "Здоровье";
		if (!(e = add_row(&t, h, 8)) && !(e = zh_store_exp_students(db, a, c->school_id, year_id, class_id, &rows, &n))) {
			for (size_t i = 0; !e && i < n; i++) {
				const char *v[] = { zh_arena_printf(a, "%zu", i + 1), rows[i].last_name, rows[i].first_name,
						    S(rows[i].middle_name), ru_date(a, rows[i].birth_date), rows[i].class_name,
						    S(rows[i].health_group), S(rows[i].pe_group) };
				e = add_row(&t, v, 8);
			}
		}
	} else if (strcmp(kind, "students") == 0) {
		struct zh_exp_student *rows;
		size_t n;
		title = "Ученики";
		bool med = allowed(c, "people.medical.edit");
		bool full = class_id ? scope(c, "people.manage", class_id) : allowed(c, "people.manage.all");
		if (!(e = header(&t, k)) && !(e = zh_store_exp_students(db, a, c->school_id, year_id, class_id, &rows, &n)))
			for (size_t i = 0; !e && i < n; i++) {
				const char *v[] = { rows[i].last_name, rows[i].first_name, S(rows[i].middle_name),
						    ru_gender(rows[i].gender), ru_date(a, rows[i].birth_date), rows[i].class_name,
						    full ? S(rows[i].snils) : "", full ? S(rows[i].file_no) : "",
						    med ? S(rows[i].health_group) : "", med ? S(rows[i].pe_group) : "" };
				e = add_row(&t, v, 10);
			}
	} else if (strcmp(kind, "parents") == 0) {
		struct zh_exp_parent *rows;
		size_t n;
		title = "Родители";
		bool full = class_id ? scope(c, "people.manage", class_id) : allowed(c, "people.manage.all");
		if (!(e = header(&t, k)) && !(e = zh_store_exp_parents(db, a, c->school_id, year_id, class_id, &rows, &n)))
			for (size_t i = 0; !e && i < n; i++) {
				const char *child = zh_arena_printf(a, "%s %s%s%s", rows[i].child_last, rows[i].child_first,
							*S(rows[i].child_middle) ? " " : "", S(rows[i].child_middle));
				const char *v[] = { rows[i].last_name, rows[i].first_name, S(rows[i].middle_name),
						    ru_gender(rows[i].gender), full ? S(rows[i].phone) : "",
						    full ? S(rows[i].email) : "", S(rows[i].relation), S(child),
						    ru_date(a, rows[i].child_birth), S(rows[i].child_class) };
				e = add_row(&t, v, 10);
			}
	} else if (strcmp(kind, "staff") == 0) {
		struct zh_exp_staff *rows;
		size_t n;
		title = "Сотрудники";
		class_name = NULL;
		bool full = allowed(c, "staff.full.view");
		if (!(e = header(&t, k)) && !(e = zh_store_exp_staff(db, a, c->school_id, &rows, &n)))
			for (size_t i = 0; !e && i < n; i++) {
				const char *v[] = { rows[i].last_name, rows[i].first_name, S(rows[i].middle_name),
						    ru_gender(rows[i].gender), full ? ru_date(a, rows[i].birth_date) : "",
						    S(rows[i].position), full ? S(rows[i].personnel_no) : "",
						    full ? S(rows[i].phone) : "", full ? S(rows[i].email) : "" };
				e = add_row(&t, v, 9);
			}
	} else {
		struct zh_class_row *rows;
		size_t n = 0;
		title = "Классы";
		class_name = NULL;
		if (!(e = header(&t, k)) && year_id && !(e = zh_store_classes_list(db, a, c->school_id, year_id, &rows, &n)))
			for (size_t i = 0; !e && i < n; i++) {
				const char *v[] = { rows[i].name, S(rows[i].teacher_name), S(rows[i].profile),
						    zh_arena_printf(a, "%d", rows[i].shift ? rows[i].shift : 1) };
				e = add_row(&t, v, 4);
			}
	}
	if (!e) {
		const char *sheet = class_name ? zh_arena_printf(a, "%s %s", title, class_name) : title;
		if (!sheet)
			e = ZH_ENOMEM;
		else if (xlsx)
			e = zh_xlsx_write(&t, sheet, data, len);
		else
			e = zh_csv_write(&t, data, len);
		if (!e) {
			*filename = zh_arena_printf(a, "%s.%s", sheet, xlsx ? "xlsx" : "csv");
			*ctype = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				      : "text/csv; charset=utf-8";
		}
	}
	zh_table_free(&t);
	return e;
}
