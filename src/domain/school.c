/* school.c: the school's requisites card, regional and school settings, dictionaries (M-03) */
#include "domain/school.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/dates.h"
#include "core/str.h"
#include "core/tz.h"
#include "domain/audit.h"
#include "json/json.h"

/* ================================================================ validators */

static bool all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool zh_inn10_valid(const char *s)
{
	static const int w[9] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	int sum = 0;
	if (!s || !all_digits(s, 10))
		return false;
	for (int i = 0; i < 9; i++)
		sum += w[i] * (s[i] - '0');
	return sum % 11 % 10 == s[9] - '0';
}

bool zh_ogrn_valid(const char *s)
{
	unsigned long long v = 0;
	if (!s || !all_digits(s, 13))
		return false;
	for (int i = 0; i < 12; i++)
		v = v * 10 + (unsigned long long)(s[i] - '0');
	return v % 11 % 10 == (unsigned long long)(s[12] - '0');
}

static const char *v_inn(const char *s, bool *checksum)
{
	if (!all_digits(s, 10))
		return "ИНН организации — 10 цифр";
	if (!zh_inn10_valid(s)) {
		*checksum = true;
		return "Неверное контрольное число ИНН";
	}
	return NULL;
}

static const char *v_ogrn(const char *s, bool *checksum)
{
	if (!all_digits(s, 13))
		return "ОГРН — 13 цифр";
	if (!zh_ogrn_valid(s)) {
		*checksum = true;
		return "Неверное контрольное число ОГРН";
	}
	return NULL;
}

static const char *v_kpp(const char *s, bool *checksum)
{
	(void)checksum;
	if (strlen(s) != 9)
		return "КПП — 9 знаков";
	for (int i = 0; i < 9; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		bool letter = s[i] >= 'A' && s[i] <= 'Z';
		if (!digit && !((i == 4 || i == 5) && letter))
			return "КПП — 9 цифр (в 5-м и 6-м знаках допустимы латинские заглавные буквы)";
	}
	return NULL;
}

static const char *v_okpo(const char *s, bool *checksum)
{
	(void)checksum;
	return all_digits(s, 8) || all_digits(s, 10) ? NULL : "ОКПО — 8 или 10 цифр";
}

static const char *v_okato(const char *s, bool *checksum)
{
	(void)checksum;
	size_t n = strlen(s);
	return n >= 2 && n <= 11 && all_digits(s, n) ? NULL : "ОКАТО — от 2 до 11 цифр";
}

static const char *v_okogu(const char *s, bool *checksum)
{
	(void)checksum;
	return all_digits(s, 7) ? NULL : "ОКОГУ — 7 цифр";
}

static const char *v_okopf(const char *s, bool *checksum)
{
	(void)checksum;
	return all_digits(s, 5) ? NULL : "ОКОПФ — 5 цифр";
}

static const char *v_okfs(const char *s, bool *checksum)
{
	(void)checksum;
	return all_digits(s, 2) ? NULL : "ОКФС — 2 цифры";
}

/* "85", "85.14", "85.14.1" */
static const char *v_okved(const char *s, bool *checksum)
{
	(void)checksum;
	static const char *msg = "ОКВЭД — код вида «85.14» (две цифры, затем до двух групп через точку)";
	size_t n = strlen(s), i = 0;
	int groups = 0;
	if (n < 2 || !all_digits((char[3]){ s[0], s[1], 0 }, 2))
		return msg;
	i = 2;
	while (i < n) {
		size_t j = i + 1, d = 0;
		if (s[i] != '.' || ++groups > 2)
			return msg;
		while (j < n && s[j] >= '0' && s[j] <= '9') {
			j++;
			d++;
		}
		if (d < 1 || d > 2)
			return msg;
		i = j;
	}
	return NULL;
}

static const char *v_email(const char *s, bool *checksum)
{
	(void)checksum;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    s[strlen(s) - 1] == '.')
		return "Адрес электронной почты вида name@example.ru";
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return "Адрес электронной почты не может содержать пробелы";
	return NULL;
}

static const char *v_site(const char *s, bool *checksum)
{
	(void)checksum;
	const char *host = s;
	if (zh_str_startswith(s, "https://"))
		host = s + 8;
	else if (zh_str_startswith(s, "http://"))
		host = s + 7;
	if (!*host || *host == '.' || *host == '/' || !strchr(host, '.'))
		return "Адрес сайта вида https://school17.ru";
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return "Адрес сайта не может содержать пробелы";
	return NULL;
}

static const char *v_phone(const char *s, bool *checksum)
{
	(void)checksum;
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-()", *p))
			return "Номер телефона: цифры, пробелы, «+», «-» и скобки";
	}
	return digits >= 5 && digits <= 15 ? NULL : "Номер телефона должен содержать от 5 до 15 цифр";
}

const struct zh_card_field zh_card_fields[] = {
	{ "full_name", "Полное наименование", ZH_CARD_TEXT, 500, NULL },
	{ "short_name", "Краткое наименование", ZH_CARD_TEXT, 200, NULL },
	{ "legal_address", "Юридический адрес", ZH_CARD_TEXT, 500, NULL },
	{ "postal_address", "Почтовый адрес", ZH_CARD_TEXT, 500, NULL },
	{ "director", "Директор", ZH_CARD_TEXT, 200, NULL },
	{ "deputies", "Заместители директора", ZH_CARD_DEPUTIES, 200, NULL },
	{ "phones", "Телефоны", ZH_CARD_PHONES, 32, v_phone },
	{ "fax", "Факс", ZH_CARD_TEXT, 32, v_phone },
	{ "email", "Электронная почта", ZH_CARD_TEXT, 254, v_email },
	{ "site", "Сайт", ZH_CARD_TEXT, 200, v_site },
	{ "inn", "ИНН", ZH_CARD_TEXT, 10, v_inn },
	{ "kpp", "КПП", ZH_CARD_TEXT, 9, v_kpp },
	{ "ogrn", "ОГРН", ZH_CARD_TEXT, 13, v_ogrn },
	{ "okpo", "ОКПО", ZH_CARD_TEXT, 10, v_okpo },
	{ "okato", "ОКАТО", ZH_CARD_TEXT, 11, v_okato },
	{ "okogu", "ОКОГУ", ZH_CARD_TEXT, 7, v_okogu },
	{ "okopf", "ОКОПФ", ZH_CARD_TEXT, 5, v_okopf },
	{ "okfs", "ОКФС", ZH_CARD_TEXT, 2, v_okfs },
	{ "okved", "ОКВЭД", ZH_CARD_TEXT, 8, v_okved },
	{ "specialisation", "Специализация", ZH_CARD_TEXT, 300, NULL },
	{ "education_levels", "Уровни образования", ZH_CARD_LEVELS, 8, NULL },
	{ "licence_number", "Номер лицензии", ZH_CARD_TEXT, 50, NULL },
	{ "licence_date", "Дата выдачи лицензии", ZH_CARD_DATE, 10, NULL },
	{ "accreditation_number", "Номер свидетельства об аккредитации", ZH_CARD_TEXT, 50, NULL },
	{ "accreditation_date", "Дата свидетельства об аккредитации", ZH_CARD_DATE, 10, NULL },
};
const int zh_card_fields_count = (int)(sizeof zh_card_fields / sizeof zh_card_fields[0]);

const char *const zh_education_levels[][2] = {
	{ "ДО", "Дошкольное образование" },
	{ "НОО", "Начальное общее образование" },
	{ "ООО", "Основное общее образование" },
	{ "СОО", "Среднее общее образование" },
	{ "СПО", "Среднее профессиональное образование" },
	{ "ДОП", "Дополнительное образование детей и взрослых" },
	{ NULL, NULL },
};

static const struct zh_card_field *card_field(const char *name)
{
	for (int i = 0; i < zh_card_fields_count; i++)
		if (strcmp(zh_card_fields[i].name, name) == 0)
			return &zh_card_fields[i];
	return NULL;
}

static bool level_known(const char *s)
{
	for (int i = 0; zh_education_levels[i][0]; i++)
		if (strcmp(zh_education_levels[i][0], s) == 0)
			return true;
	return false;
}

/* Text of a string value: valid, within max characters, no control characters. */
static enum zh_err check_text(struct zh_ctx *c, const char *field, const char *label, json_t *v,
			      int max, const char **out)
{
	if (!json_is_string(v))
		return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", field, "Поле «%s» должно быть строкой", label);
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n)
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_string", field, "Поле «%s» содержит недопустимый символ", label);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < ' ' && s[i] != '\n')
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_string", field,
					   "Поле «%s» содержит недопустимый символ", label);
	if (max > 0 && zh_utf8_len(s, n) > (size_t)max)
		return zh_fail_set(&c->fail, ZH_ERULE, "too_long", field, "Поле «%s» длиннее %d символов", label, max);
	*out = s;
	return ZH_OK;
}

/* Validates one card field; *out = the value to store (NULL = remove the field). */
static enum zh_err card_value(struct zh_ctx *c, const struct zh_card_field *fd, json_t *v, json_t **out)
{
	const char *s;
	bool checksum = false;
	const char *why;
	enum zh_err e;
	size_t i;
	json_t *it;

	*out = NULL;
	if (!v || json_is_null(v))
		return ZH_OK;
	switch (fd->type) {
	case ZH_CARD_TEXT:
	case ZH_CARD_DATE:
		if ((e = check_text(c, fd->name, fd->label, v, fd->max, &s)))
			return e;
		if (!*s)
			return ZH_OK;
		if (fd->type == ZH_CARD_DATE) {
			int y, m, d;
			if (!zh_date_parse(s, &y, &m, &d))
				return zh_fail_set(&c->fail, ZH_ERULE, "invalid_date", fd->name,
						   "Поле «%s»: дата в формате ГГГГ-ММ-ДД", fd->label);
		} else if (fd->validate && (why = fd->validate(s, &checksum))) {
			return zh_fail_set(&c->fail, ZH_ERULE, checksum ? "invalid_checksum" : "invalid_format",
					   fd->name, "Поле «%s»: %s", fd->label, why);
		}
		*out = json_string(s);
		return ZH_OK;
	case ZH_CARD_PHONES:
	case ZH_CARD_LEVELS:
		if (!json_is_array(v) || json_array_size(v) > 10)
			return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", fd->name,
					   "Поле «%s» должно быть списком строк (не более 10)", fd->label);
		*out = json_array();
		json_array_foreach(v, i, it) {
			if ((e = check_text(c, fd->name, fd->label, it, fd->max, &s))) {
				json_decref(*out);
				return e;
			}
			if (!*s)
				continue;
			if (fd->type == ZH_CARD_PHONES && (why = v_phone(s, &checksum))) {
				json_decref(*out);
				return zh_fail_set(&c->fail, ZH_ERULE, "invalid_format", fd->name, "Поле «%s»: %s", fd->label, why);
			}
			if (fd->type == ZH_CARD_LEVELS) {
				bool dup = false;
				size_t j;
				json_t *prev;
				json_array_foreach(*out, j, prev)
					dup = dup || strcmp(json_string_value(prev), s) == 0;
				if (!level_known(s)) {
					json_decref(*out);
					return zh_fail_set(&c->fail, ZH_ERULE, "invalid_value", fd->name,
							   "Неизвестный уровень образования «%s» (допустимы ДО, НОО, ООО, СОО, СПО, ДОП)", s);
				}
				if (dup)
					continue;
			}
			json_array_append_new(*out, json_string(s));
		}
		if (json_array_size(*out) == 0) {
			json_decref(*out);
			*out = NULL;
		}
		return ZH_OK;
	case ZH_CARD_DEPUTIES:
		if (!json_is_array(v) || json_array_size(v) > 10)
			return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", fd->name,
					   "Поле «%s» должно быть списком {name, area} (не более 10)", fd->label);
		*out = json_array();
		json_array_foreach(v, i, it) {
			static const char *const keys[] = { "name", "area", NULL };
			const char *name = "", *area = "";
			json_t *nv, *av;
			if (!json_is_object(it)) {
				json_decref(*out);
				return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", fd->name,
						   "Каждый заместитель — объект {name, area}");
			}
			if ((e = zh_json_only(it, keys, &c->fail))) {
				json_decref(*out);
				snprintf(c->fail.field, sizeof c->fail.field, "%s", fd->name);
				return e;
			}
			nv = json_object_get(it, "name");
			av = json_object_get(it, "area");
			if ((nv && !json_is_null(nv) && (e = check_text(c, fd->name, fd->label, nv, fd->max, &name))) ||
			    (av && !json_is_null(av) && (e = check_text(c, fd->name, fd->label, av, fd->max, &area)))) {
				json_decref(*out);
				return e;
			}
			if (!*name && !*area)
				continue;
			if (!*name) {
				json_decref(*out);
				return zh_fail_set(&c->fail, ZH_ERULE, "missing_name", fd->name,
						   "У заместителя директора должно быть указано ФИО");
			}
			json_array_append_new(*out, json_pack("{s:s, s:s}", "name", name, "area", area));
		}
		if (json_array_size(*out) == 0) {
			json_decref(*out);
			*out = NULL;
		}
		return ZH_OK;
	}
	return ZH_OK;
}

/* ================================================================ card */

static json_t *card_load(struct zh_ctx *c, const char *text)
{
	json_t *v = json_loads(text, 0, NULL);
	if (!json_is_object(v)) {
		json_decref(v);
		v = json_object();
	}
	return zh_json_own(c->arena, v);
}

enum zh_err zh_school_today(struct zh_ctx *c, char out[11])
{
	struct zh_school_row s;
	enum zh_err e = zh_store_school_get(zh_ctx_db(c), c->arena, c->school_id, &s);
	if (e)
		return e;
	if (!zh_tz_date(s.timezone, c->now ? c->now : zh_now(), out))
		return zh_fail_set(&c->fail, ZH_EINTERNAL, "timezone", "timezone",
				   "Неизвестный часовой пояс школы «%s»", s.timezone);
	return ZH_OK;
}

enum zh_err zh_school_card_get(struct zh_ctx *c, struct zh_school_card *out)
{
	struct zh_db *db = zh_ctx_db(c);
	const char *text;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if ((e = zh_store_school_get(db, c->arena, c->school_id, &out->school)) ||
	    (e = zh_store_school_card_get(db, c->arena, c->school_id, &text)))
		return e;
	json_t *stored = card_load(c, text);
	json_t *card = zh_json_own(c->arena, json_object());
	if (!stored || !card)
		return ZH_ENOMEM;
	for (int i = 0; i < zh_card_fields_count; i++) {
		const struct zh_card_field *fd = &zh_card_fields[i];
		json_t *v = json_object_get(stored, fd->name);
		if (strcmp(fd->name, "full_name") == 0)
			v = json_string(out->school.name);
		else if (strcmp(fd->name, "short_name") == 0)
			v = json_string(out->school.short_name);
		else if (v)
			json_incref(v);
		else
			v = fd->type == ZH_CARD_TEXT || fd->type == ZH_CARD_DATE ? json_string("") : json_array();
		json_object_set_new(card, fd->name, v);
	}
	out->card = card;
	if (!zh_tz_date(out->school.timezone, c->now ? c->now : zh_now(), out->today))
		snprintf(out->today, sizeof out->today, "%s", "");
	return ZH_OK;
}

enum zh_err zh_school_card_update(struct zh_ctx *c, json_t *patch)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_school_row school;
	const char *key, *text;
	json_t *v, *stored, *oldv = NULL, *newv = NULL;
	const char *name = NULL, *short_name = NULL;
	enum zh_err e;

	/* unknown fields first: 400 naming the field */
	json_object_foreach(patch, key, v)
		if (!card_field(key))
			return zh_fail_set(&c->fail, ZH_EINVAL, "unknown_field", key, "Неизвестное поле карточки «%s»", key);
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_school_get(db, c->arena, c->school_id, &school)) ||
	    (e = zh_store_school_card_get(db, c->arena, c->school_id, &text)))
		goto out;
	stored = card_load(c, text);
	oldv = json_object();
	newv = json_object();
	name = school.name;
	short_name = school.short_name;
	json_object_foreach(patch, key, v) {
		const struct zh_card_field *fd = card_field(key);
		json_t *nv = NULL, *ov;
		if ((e = card_value(c, fd, v, &nv)))
			goto out;
		if (strcmp(key, "full_name") == 0 || strcmp(key, "short_name") == 0) {
			const char *cur = key[0] == 'f' ? school.name : school.short_name;
			if (!nv) {
				e = zh_fail_set(&c->fail, ZH_ERULE, "required", key, "Поле «%s» не может быть пустым", fd->label);
				goto out;
			}
			if (strcmp(cur, json_string_value(nv)) != 0) {
				json_object_set_new(oldv, key, json_string(cur));
				json_object_set(newv, key, nv);
				if (key[0] == 'f')
					name = zh_arena_strdup(c->arena, json_string_value(nv));
				else
					short_name = zh_arena_strdup(c->arena, json_string_value(nv));
			}
			json_decref(nv);
			continue;
		}
		ov = json_object_get(stored, key);
		if (json_equal(ov, nv) || (!ov && !nv)) {
			json_decref(nv);
			continue;
		}
		json_object_set(oldv, key, ov ? ov : json_null());
		json_object_set(newv, key, nv ? nv : json_null());
		if (nv)
			json_object_set_new(stored, key, nv);
		else
			json_object_del(stored, key);
	}
	if (json_object_size(newv) == 0) {
		zh_db_rollback(db);
		json_decref(oldv);
		json_decref(newv);
		return ZH_OK;
	}
	if (strcmp(name, school.name) != 0 || strcmp(short_name, school.short_name) != 0)
		if ((e = zh_store_school_names_set(db, c->school_id, name, short_name)))
			goto out;
	char *data = json_dumps(stored, JSON_COMPACT | JSON_SORT_KEYS);
	if (!data) {
		e = ZH_ENOMEM;
		goto out;
	}
	e = zh_store_school_card_put(db, c->school_id, data, c->now);
	free(data);
	if (e || (e = zh_audit(c, "school.card.edit", "school_card", c->school_id, oldv, newv)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	json_decref(oldv);
	json_decref(newv);
	return e;
}

/* ================================================================ regional settings */

enum zh_err zh_school_timezone_set(struct zh_ctx *c, const char *tz)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_school_row school;
	enum zh_err e;

	if (!tz || !zh_tz_valid(tz))
		return zh_fail_set(&c->fail, ZH_ERULE, "invalid_timezone", "timezone",
				   "Неизвестный часовой пояс «%s» (ожидается название из базы IANA, например Europe/Samara)",
				   tz ? tz : "");
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_school_get(db, c->arena, c->school_id, &school)))
		goto out;
	if (strcmp(school.timezone, tz) == 0) {
		zh_db_rollback(db);
		return ZH_OK;
	}
	if ((e = zh_store_school_timezone_set(db, c->school_id, tz)))
		goto out;
	json_t *o = json_pack("{s:s}", "timezone", school.timezone);
	json_t *n = json_pack("{s:s}", "timezone", tz);
	e = zh_audit(c, "school.region_settings.edit", "school", c->school_id, o, n);
	json_decref(o);
	json_decref(n);
	if (e)
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* ================================================================ school settings */

static void settings_defaults(struct zh_school_settings *s)
{
	*s = (struct zh_school_settings){
		.mark_min = 2, .mark_max = 5, .noo_last_grade = 4, .ooo_last_grade = 9,
		.averaging = "weighted", .round_threshold = 0.5, .lock_days = 7,
		.period_marks_due_days = 3, .smtp_host = "", .smtp_port = 25, .smtp_user = "",
		.smtp_password = "", .smtp_from = "", .sms_gateway_url = "", .sms_sender = "",
		.sms_token = "",
	};
}

enum zh_err zh_school_settings_get(struct zh_ctx *c, struct zh_school_settings *out)
{
	enum zh_err e = zh_store_school_settings_get(zh_ctx_db(c), c->arena, c->school_id, out);
	if (e == ZH_ENOTFOUND) {
		settings_defaults(out);
		return ZH_OK;
	}
	return e;
}

static json_t *settings_public(const struct zh_school_settings *s)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:s, s:f, s:i, s:b, s:i, s:b, s:s, s:i, s:s, s:b, s:s,"
			 " s:b, s:s, s:s, s:b}",
			 "mark_min", s->mark_min, "mark_max", s->mark_max,
			 "noo_last_grade", s->noo_last_grade, "ooo_last_grade", s->ooo_last_grade,
			 "averaging", s->averaging, "round_threshold", round(s->round_threshold * 100) / 100,
			 "lock_days", s->lock_days, "forbid_past_homework", s->forbid_past_homework,
			 "period_marks_due_days", s->period_marks_due_days,
			 "notify_email", s->notify_email, "smtp_host", s->smtp_host, "smtp_port", s->smtp_port,
			 "smtp_user", s->smtp_user, "smtp_password_set", s->smtp_password && *s->smtp_password,
			 "smtp_from", s->smtp_from, "notify_sms", s->notify_sms,
			 "sms_gateway_url", s->sms_gateway_url, "sms_sender", s->sms_sender,
			 "sms_token_set", s->sms_token && *s->sms_token);
}

json_t *zh_school_settings_json(const struct zh_school_settings *s)
{
	return settings_public(s);
}

static enum zh_err set_int(struct zh_ctx *c, json_t *patch, const char *key, const char *label,
			   int min, int max, int *out)
{
	json_t *v = json_object_get(patch, key);
	if (!v)
		return ZH_OK;
	if (!json_is_integer(v))
		return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть целым числом", label);
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return zh_fail_set(&c->fail, ZH_ERULE, "out_of_range", key, "%s: допустимо от %d до %d", label, min, max);
	*out = (int)x;
	return ZH_OK;
}

static enum zh_err set_bool(struct zh_ctx *c, json_t *patch, const char *key, const char *label, bool *out)
{
	json_t *v = json_object_get(patch, key);
	if (!v)
		return ZH_OK;
	if (!json_is_boolean(v))
		return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть true или false", label);
	*out = json_is_true(v);
	return ZH_OK;
}

static enum zh_err set_str(struct zh_ctx *c, json_t *patch, const char *key, const char *label, int max,
			   const char **out)
{
	json_t *v = json_object_get(patch, key);
	const char *s;
	enum zh_err e;
	if (!v)
		return ZH_OK;
	if (json_is_null(v)) {
		*out = "";
		return ZH_OK;
	}
	if ((e = check_text(c, key, label, v, max, &s)))
		return e;
	for (const char *p = s; *p; p++)
		if (*p == '\n')
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_string", key, "Поле «%s» должно быть одной строкой", label);
	*out = s;
	return ZH_OK;
}

static bool str_changed(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* Adds to old/new the keys whose values differ (secrets as *_set booleans only). */
static void settings_diff(const struct zh_school_settings *a, const struct zh_school_settings *b,
			  json_t *oldv, json_t *newv)
{
	json_t *ja = settings_public(a), *jb = settings_public(b);
	const char *key;
	json_t *v;
	json_object_foreach(jb, key, v) {
		json_t *w = json_object_get(ja, key);
		if (!json_equal(v, w)) {
			json_object_set(oldv, key, w);
			json_object_set(newv, key, v);
		}
	}
	if (str_changed(a->smtp_password, b->smtp_password)) {
		json_object_set_new(oldv, "smtp_password_changed", json_false());
		json_object_set_new(newv, "smtp_password_changed", json_true());
	}
	if (str_changed(a->sms_token, b->sms_token)) {
		json_object_set_new(oldv, "sms_token_changed", json_false());
		json_object_set_new(newv, "sms_token_changed", json_true());
	}
	json_decref(ja);
	json_decref(jb);
}

enum zh_err zh_school_settings_update(struct zh_ctx *c, json_t *patch)
{
	static const char *const keys[] = {
		"mark_min", "mark_max", "noo_last_grade", "ooo_last_grade", "averaging", "round_threshold",
		"lock_days", "forbid_past_homework", "period_marks_due_days", "notify_email", "smtp_host",
		"smtp_port", "smtp_user", "smtp_password", "smtp_from", "notify_sms", "sms_gateway_url",
		"sms_sender", "sms_token", NULL,
	};
	struct zh_db *db = zh_ctx_db(c);
	struct zh_school_settings cur, s;
	json_t *v, *oldv = NULL, *newv = NULL;
	enum zh_err e;

	if ((e = zh_json_only(patch, keys, &c->fail)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	if ((e = zh_store_school_settings_ensure(db, c->school_id)) ||
	    (e = zh_store_school_settings_get(db, c->arena, c->school_id, &cur)))
		goto out;
	s = cur;
	if ((e = set_int(c, patch, "mark_min", "Минимальная отметка", 1, 10, &s.mark_min)) ||
	    (e = set_int(c, patch, "mark_max", "Максимальная отметка", 1, 10, &s.mark_max)) ||
	    (e = set_int(c, patch, "noo_last_grade", "Последний класс начального общего образования", 1, 10,
			 &s.noo_last_grade)) ||
	    (e = set_int(c, patch, "ooo_last_grade", "Последний класс основного общего образования", 1, 10,
			 &s.ooo_last_grade)) ||
	    (e = set_int(c, patch, "lock_days", "Блокировка журнала через, дней", 0, 365, &s.lock_days)) ||
	    (e = set_int(c, patch, "period_marks_due_days", "Срок выставления итоговых отметок, дней", 0, 60,
			 &s.period_marks_due_days)) ||
	    (e = set_bool(c, patch, "forbid_past_homework", "Запрет домашнего задания задним числом",
			  &s.forbid_past_homework)) ||
	    (e = set_bool(c, patch, "notify_email", "Уведомления по электронной почте", &s.notify_email)) ||
	    (e = set_str(c, patch, "smtp_host", "SMTP-сервер", 253, &s.smtp_host)) ||
	    (e = set_int(c, patch, "smtp_port", "Порт SMTP", 1, 65535, &s.smtp_port)) ||
	    (e = set_str(c, patch, "smtp_user", "Пользователь SMTP", 254, &s.smtp_user)) ||
	    (e = set_str(c, patch, "smtp_password", "Пароль SMTP", 256, &s.smtp_password)) ||
	    (e = set_str(c, patch, "smtp_from", "Адрес отправителя", 254, &s.smtp_from)) ||
	    (e = set_bool(c, patch, "notify_sms", "SMS-уведомления", &s.notify_sms)) ||
	    (e = set_str(c, patch, "sms_gateway_url", "Адрес SMS-шлюза", 500, &s.sms_gateway_url)) ||
	    (e = set_str(c, patch, "sms_sender", "Имя отправителя SMS", 11, &s.sms_sender)) ||
	    (e = set_str(c, patch, "sms_token", "Ключ доступа SMS-шлюза", 500, &s.sms_token)))
		goto out;
	if ((v = json_object_get(patch, "averaging"))) {
		const char *a = json_is_string(v) ? json_string_value(v) : NULL;
		if (!a) {
			e = zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", "averaging", "Поле «averaging» должно быть строкой");
			goto out;
		}
		if (strcmp(a, "arithmetic") != 0 && strcmp(a, "weighted") != 0) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "invalid_value", "averaging",
					"Способ усреднения: arithmetic (среднее арифметическое) или weighted (средневзвешенное)");
			goto out;
		}
		s.averaging = a;
	}
	if ((v = json_object_get(patch, "round_threshold"))) {
		if (!json_is_number(v)) {
			e = zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", "round_threshold",
					"Поле «round_threshold» должно быть числом");
			goto out;
		}
		double t = json_number_value(v);
		if (!(t >= 0.5 - 1e-9 && t <= 0.9 + 1e-9)) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "out_of_range", "round_threshold",
					"Порог округления: от 0,5 до 0,9");
			goto out;
		}
		s.round_threshold = round(t * 100) / 100;
	}
	/* cross-field rules */
	if (s.mark_min >= s.mark_max) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "mark_range", json_object_get(patch, "mark_min") ? "mark_min" : "mark_max",
				"Минимальная отметка (%d) должна быть меньше максимальной (%d)", s.mark_min, s.mark_max);
		goto out;
	}
	if (s.noo_last_grade >= s.ooo_last_grade || s.ooo_last_grade >= 11) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "level_bounds",
				json_object_get(patch, "noo_last_grade") && s.ooo_last_grade < 11 ? "noo_last_grade" : "ooo_last_grade",
				"Границы ступеней: последний класс НОО (%d) < последний класс ООО (%d) < 11",
				s.noo_last_grade, s.ooo_last_grade);
		goto out;
	}
	if (*s.smtp_host && strspn(s.smtp_host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
	    strlen(s.smtp_host)) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "invalid_format", "smtp_host",
				"SMTP-сервер: имя узла или IP-адрес (латинские буквы, цифры, точки, дефисы)");
		goto out;
	}
	bool dummy = false;
	if (*s.smtp_from && v_email(s.smtp_from, &dummy)) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "invalid_format", "smtp_from",
				"Адрес отправителя: электронная почта вида school@example.ru");
		goto out;
	}
	if (*s.sms_gateway_url) {
		const char *u = s.sms_gateway_url;
		const char *host = zh_str_startswith(u, "https://") ? u + 8 : zh_str_startswith(u, "http://") ? u + 7 : NULL;
		bool bad = !host || !*host || *host == '/';
		for (const char *p = u; !bad && *p; p++)
			bad = (unsigned char)*p <= ' ';
		if (bad) {
			e = zh_fail_set(&c->fail, ZH_ERULE, "invalid_url", "sms_gateway_url",
					"Адрес SMS-шлюза должен начинаться с http:// или https://");
			goto out;
		}
	}
	if (s.notify_email && (!*s.smtp_host || !*s.smtp_from)) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "email_incomplete", !*s.smtp_host ? "smtp_host" : "smtp_from",
				"Для уведомлений по почте укажите SMTP-сервер и адрес отправителя");
		goto out;
	}
	if (s.notify_sms && !*s.sms_gateway_url) {
		e = zh_fail_set(&c->fail, ZH_ERULE, "sms_incomplete", "sms_gateway_url",
				"Для SMS-уведомлений укажите адрес SMS-шлюза");
		goto out;
	}
	oldv = json_object();
	newv = json_object();
	settings_diff(&cur, &s, oldv, newv);
	if (json_object_size(newv) == 0) {
		zh_db_commit(db); /* keeps the ensured row */
		json_decref(oldv);
		json_decref(newv);
		return ZH_OK;
	}
	if ((e = zh_store_school_settings_put(db, c->school_id, &s, c->now)) ||
	    (e = zh_audit(c, "school.settings.edit", "school_settings", c->school_id, oldv, newv)))
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	json_decref(oldv);
	json_decref(newv);
	return e;
}

/* ================================================================ dictionaries */

static const struct {
	const char *slug, *entity, *title;
} dict_kinds[ZH_DICT_COUNT] = {
	[ZH_DICT_WORK_TYPES] = { "work-types", "work_type", "Вид работы" },
	[ZH_DICT_ATTENDANCE_CODES] = { "attendance-codes", "attendance_code", "Код посещаемости" },
	[ZH_DICT_MARK_CODES] = { "mark-codes", "mark_code", "Код отметки" },
	[ZH_DICT_POSITIONS] = { "positions", "position", "Должность" },
	[ZH_DICT_ROOMS] = { "rooms", "room", "Кабинет" },
};

int zh_dict_kind_parse(const char *s)
{
	for (int k = 0; s && k < ZH_DICT_COUNT; k++)
		if (strcmp(dict_kinds[k].slug, s) == 0)
			return k;
	return -1;
}

const char *zh_dict_kind_slug(enum zh_dict_kind k)
{
	return k < ZH_DICT_COUNT ? dict_kinds[k].slug : "";
}

json_t *zh_dict_row_json(enum zh_dict_kind k, const struct zh_dict_row *r)
{
	switch (k) {
	case ZH_DICT_WORK_TYPES:
		return json_pack("{s:I, s:s, s:s, s:f, s:b}", "id", (json_int_t)r->id, "name", r->name,
				 "short_name", r->short_name ? r->short_name : "", "weight", r->weight,
				 "archived", r->archived);
	case ZH_DICT_ATTENDANCE_CODES:
		return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)r->id, "code", r->code, "name", r->name,
				 "kind", r->kind);
	case ZH_DICT_MARK_CODES:
		return json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)r->id, "code", r->code, "name", r->name,
				 "passing", r->passing);
	case ZH_DICT_POSITIONS:
		return json_pack("{s:I, s:s, s:b}", "id", (json_int_t)r->id, "name", r->name, "archived", r->archived);
	case ZH_DICT_ROOMS:
		return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "id", (json_int_t)r->id, "name", r->name,
				 "building", r->building ? r->building : "",
				 "floor", r->has_floor ? json_integer(r->floor) : json_null(),
				 "capacity", r->has_capacity ? json_integer(r->capacity) : json_null(),
				 "subject_id", r->subject_id ? json_integer(r->subject_id) : json_null(),
				 "subject_name", r->subject_name ? json_string(r->subject_name) : json_null(),
				 "archived", r->archived);
	case ZH_DICT_COUNT:
		break;
	}
	return json_object();
}

enum zh_err zh_dict_list(struct zh_ctx *c, enum zh_dict_kind k, bool with_archived,
			 struct zh_dict_row **rows, size_t *n)
{
	return zh_store_dict_list(zh_ctx_db(c), c->arena, k, c->school_id, with_archived, rows, n);
}

/* A required-on-create text: present → non-empty (after the caller's trimming), ≤ max. */
static enum zh_err dict_text(struct zh_ctx *c, json_t *body, const char *key, const char *label, bool required,
			     bool allow_empty, int max, const char **out)
{
	json_t *v = json_object_get(body, key);
	const char *s;
	enum zh_err e;
	if (!v || json_is_null(v)) {
		if (required)
			return zh_fail_set(&c->fail, ZH_EINVAL, "missing_field", key, "Не заполнено обязательное поле «%s»", label);
		if (v && allow_empty)
			*out = "";
		return ZH_OK;
	}
	if ((e = check_text(c, key, label, v, max, &s)))
		return e;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (!n && !allow_empty)
		return zh_fail_set(&c->fail, ZH_ERULE, "empty", key, "Поле «%s» не может быть пустым", label);
	*out = zh_arena_strndup(c->arena, s, n);
	return *out ? ZH_OK : ZH_ENOMEM;
}

/* An optional integer that null clears. */
static enum zh_err dict_opt_int(struct zh_ctx *c, json_t *body, const char *key, const char *label, int min,
				int max, bool *has, int *out)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return ZH_OK;
	if (json_is_null(v)) {
		*has = false;
		return ZH_OK;
	}
	if (!json_is_integer(v))
		return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", key, "Поле «%s» должно быть целым числом", label);
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return zh_fail_set(&c->fail, ZH_ERULE, "out_of_range", key, "%s: допустимо от %d до %d", label, min, max);
	*has = true;
	*out = (int)x;
	return ZH_OK;
}

/* Applies body to r (create: r zeroed with defaults; update: r is the current entry). */
static enum zh_err dict_apply(struct zh_ctx *c, enum zh_dict_kind k, json_t *body, bool create,
			      struct zh_dict_row *r)
{
	static const char *const keys[ZH_DICT_COUNT][8] = {
		[ZH_DICT_WORK_TYPES] = { "name", "short_name", "weight", "archived", NULL },
		[ZH_DICT_ATTENDANCE_CODES] = { "code", "name", "kind", NULL },
		[ZH_DICT_MARK_CODES] = { "code", "name", "passing", NULL },
		[ZH_DICT_POSITIONS] = { "name", "archived", NULL },
		[ZH_DICT_ROOMS] = { "name", "building", "floor", "capacity", "subject_id", "archived", NULL },
	};
	json_t *v;
	enum zh_err e;

	if ((e = zh_json_only(body, keys[k], &c->fail)))
		return e;
	switch (k) {
	case ZH_DICT_WORK_TYPES:
		if ((e = dict_text(c, body, "name", "Название", create, false, 100, &r->name)) ||
		    (e = dict_text(c, body, "short_name", "Сокращение", false, true, 20, &r->short_name)))
			return e;
		if ((v = json_object_get(body, "weight")) && !json_is_null(v)) {
			if (!json_is_number(v))
				return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", "weight", "Вес должен быть числом");
			double w = json_number_value(v);
			if (!(w > 0 && w <= 10))
				return zh_fail_set(&c->fail, ZH_ERULE, "out_of_range", "weight",
						   "Вес вида работы: больше 0 и не больше 10");
			r->weight = round(w * 100) / 100;
			if (r->weight <= 0)
				r->weight = 0.01;
		}
		break;
	case ZH_DICT_ATTENDANCE_CODES:
		if ((e = dict_text(c, body, "code", "Код", create, false, 10, &r->code)) ||
		    (e = dict_text(c, body, "name", "Расшифровка", create, false, 100, &r->name)) ||
		    (e = dict_text(c, body, "kind", "Вид", create, false, 10, &r->kind)))
			return e;
		if (strcmp(r->kind, "absent") && strcmp(r->kind, "late") && strcmp(r->kind, "ill") &&
		    strcmp(r->kind, "reason"))
			return zh_fail_set(&c->fail, ZH_ERULE, "invalid_value", "kind",
					   "Вид кода посещаемости: absent (отсутствие), late (опоздание), ill (болезнь) или reason (причина)");
		break;
	case ZH_DICT_MARK_CODES:
		if ((e = dict_text(c, body, "code", "Код", create, false, 10, &r->code)) ||
		    (e = dict_text(c, body, "name", "Расшифровка", create, false, 100, &r->name)) ||
		    (e = zh_json_bool(body, "passing", false, &r->passing, &c->fail)))
			return e;
		break;
	case ZH_DICT_POSITIONS:
		if ((e = dict_text(c, body, "name", "Название должности", create, false, 150, &r->name)))
			return e;
		break;
	case ZH_DICT_ROOMS:
		if ((e = dict_text(c, body, "name", "Номер или название", create, false, 50, &r->name)) ||
		    (e = dict_text(c, body, "building", "Здание", false, true, 100, &r->building)) ||
		    (e = dict_opt_int(c, body, "floor", "Этаж", -5, 50, &r->has_floor, &r->floor)) ||
		    (e = dict_opt_int(c, body, "capacity", "Вместимость", 0, 2000, &r->has_capacity, &r->capacity)))
			return e;
		if ((v = json_object_get(body, "subject_id"))) {
			if (json_is_null(v)) {
				r->subject_id = 0;
			} else if (!json_is_integer(v) || json_integer_value(v) < 1) {
				return zh_fail_set(&c->fail, ZH_EINVAL, "wrong_type", "subject_id",
						   "Поле «subject_id» должно быть номером предмета");
			} else {
				const char *name;
				r->subject_id = json_integer_value(v);
				e = zh_store_school_subject_name(zh_ctx_db(c), c->arena, c->school_id, r->subject_id, &name);
				if (e == ZH_ENOTFOUND)
					return zh_fail_set(&c->fail, ZH_ERULE, "unknown_subject", "subject_id",
							   "Предмет %lld не найден в школе", (long long)r->subject_id);
				if (e)
					return e;
				r->subject_name = name;
			}
		}
		break;
	case ZH_DICT_COUNT:
		break;
	}
	if (k == ZH_DICT_WORK_TYPES || k == ZH_DICT_POSITIONS || k == ZH_DICT_ROOMS)
		if ((e = zh_json_bool(body, "archived", false, &r->archived, &c->fail)))
			return e;
	return ZH_OK;
}

static enum zh_err dict_conflict(struct zh_ctx *c, enum zh_dict_kind k)
{
	bool by_code = k == ZH_DICT_ATTENDANCE_CODES || k == ZH_DICT_MARK_CODES;
	return zh_fail_set(&c->fail, ZH_ECONFLICT, "duplicate", by_code ? "code" : "name",
			   by_code ? "%s с таким кодом уже есть в справочнике"
				   : "%s с таким названием уже есть в справочнике (возможно, в архиве)",
			   dict_kinds[k].title);
}

static enum zh_err dict_not_found(struct zh_ctx *c, enum zh_dict_kind k, int64_t id)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "not_found", "id", "%s %lld не найден в справочнике",
			   dict_kinds[k].title, (long long)id);
}

enum zh_err zh_dict_create(struct zh_ctx *c, enum zh_dict_kind k, json_t *body, struct zh_dict_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;

	*out = (struct zh_dict_row){ .weight = 1, .short_name = "", .building = "" };
	if ((e = dict_apply(c, k, body, true, out)))
		return e;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_dict_insert(db, k, c->school_id, out, false, &out->id);
	if (e == ZH_ECONFLICT) {
		zh_db_rollback(db);
		return dict_conflict(c, k);
	}
	if (!e) {
		json_t *nv = zh_dict_row_json(k, out);
		e = zh_audit(c, "school.dictionaries.edit", dict_kinds[k].entity, out->id, NULL, nv);
		json_decref(nv);
	}
	if (!e)
		e = zh_db_commit(db);
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_dict_update(struct zh_ctx *c, enum zh_dict_kind k, int64_t id, json_t *body,
			   struct zh_dict_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_dict_row old;
	enum zh_err e;

	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_dict_get(db, c->arena, k, c->school_id, id, &old);
	if (e == ZH_ENOTFOUND) {
		zh_db_rollback(db);
		return dict_not_found(c, k, id);
	}
	if (e)
		goto out;
	*out = old;
	if ((e = dict_apply(c, k, body, false, out)))
		goto out;
	e = zh_store_dict_update(db, k, c->school_id, out);
	if (e == ZH_ECONFLICT) {
		zh_db_rollback(db);
		return dict_conflict(c, k);
	}
	if (e)
		goto out;
	/* re-read for derived columns (the room's subject name) */
	if ((e = zh_store_dict_get(db, c->arena, k, c->school_id, id, out)))
		goto out;
	json_t *ov = zh_dict_row_json(k, &old), *nv = zh_dict_row_json(k, out);
	if (!json_equal(ov, nv))
		e = zh_audit(c, "school.dictionaries.edit", dict_kinds[k].entity, id, ov, nv);
	json_decref(ov);
	json_decref(nv);
	if (e)
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

enum zh_err zh_dict_delete(struct zh_ctx *c, enum zh_dict_kind k, int64_t id, bool *archived)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_dict_row old;
	bool in_use = false;
	enum zh_err e;

	*archived = false;
	if ((e = zh_db_begin(db, true)))
		return e;
	e = zh_store_dict_get(db, c->arena, k, c->school_id, id, &old);
	if (e == ZH_ENOTFOUND) {
		zh_db_rollback(db);
		return dict_not_found(c, k, id);
	}
	if (e || (e = zh_store_dict_in_use(db, k, c->school_id, id, &in_use)))
		goto out;
	json_t *ov = zh_dict_row_json(k, &old), *nv = NULL;
	if (k == ZH_DICT_WORK_TYPES || in_use) {
		*archived = true;
		if (!old.archived) {
			e = zh_store_dict_set_archived(db, k, c->school_id, id, true);
			old.archived = true;
			nv = zh_dict_row_json(k, &old);
		}
	} else {
		e = zh_store_dict_delete(db, k, c->school_id, id);
	}
	if (!e && (nv || !*archived))
		e = zh_audit(c, "school.dictionaries.edit", dict_kinds[k].entity, id, ov, nv);
	json_decref(ov);
	json_decref(nv);
	if (e)
		goto out;
	e = zh_db_commit(db);
out:
	if (e)
		zh_db_rollback(db);
	return e;
}

/* ================================================================ seed */

static const struct {
	const char *name, *short_name;
	double weight;
} default_work_types[] = {
	{ "Устный ответ", "Отв", 1 },
	{ "Контрольная работа", "К/р", 2 },
	{ "Самостоятельная работа", "С/р", 1.5 },
	{ "Лабораторная работа", "Л/р", 1.5 },
	{ "Практическая работа", "П/р", 1.5 },
	{ "Проверочная работа", "Пров", 1.5 },
	{ "Диктант", "Дикт", 2 },
	{ "Сочинение", "Соч", 2 },
	{ "Изложение", "Изл", 2 },
	{ "Тест", "Тест", 1 },
	{ "Домашнее задание", "Д/з", 1 },
	{ "Проект", "Пр", 1.5 },
	{ "Зачёт", "Зач", 2 },
	{ "Работа на уроке", "Раб", 1 },
	{ "Чтение наизусть", "Наиз", 1 },
	{ "Контрольное списывание", "К/сп", 1.5 },
	{ "Диагностическая работа", "Диаг", 1.5 },
	{ "Реферат", "Реф", 1 },
	{ "Творческая работа", "Тв", 1 },
};

static const char *const default_attendance[][3] = {
	{ "Н", "отсутствовал", "absent" },
	{ "О", "опоздал", "late" },
	{ "Б", "болел", "ill" },
	{ "УП", "уважительная причина", "reason" },
	{ "НП", "неуважительная причина", "reason" },
};

static const struct {
	const char *code, *name;
	bool passing;
} default_mark_codes[] = {
	{ "н/а", "не аттестован", false },
	{ "осв", "освобождён", true },
	{ "зач", "зачтено", true },
	{ "незач", "не зачтено", false },
};

static const char *const default_positions[] = {
	"Директор",
	"Заместитель директора по УВР",
	"Заместитель директора по ВР",
	"Заместитель директора по АХЧ",
	"Учитель",
	"Педагог-психолог",
	"Социальный педагог",
	"Педагог-организатор",
	"Педагог дополнительного образования",
	"Учитель-логопед",
	"Учитель-дефектолог",
	"Тьютор",
	"Старший вожатый",
	"Библиотекарь",
	"Медицинская сестра",
	"Секретарь",
	"Специалист по кадрам",
	"Лаборант",
	"Главный бухгалтер",
	"Системный администратор",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum zh_err zh_school_seed(struct zh_db *db, int64_t school_id)
{
	enum zh_err e;
	if ((e = zh_store_school_settings_ensure(db, school_id)))
		return e;
	for (size_t i = 0; i < NELEM(default_work_types); i++) {
		struct zh_dict_row r = { .name = default_work_types[i].name,
					 .short_name = default_work_types[i].short_name,
					 .weight = default_work_types[i].weight };
		if ((e = zh_store_dict_insert(db, ZH_DICT_WORK_TYPES, school_id, &r, true, NULL)))
			return e;
	}
	for (size_t i = 0; i < NELEM(default_attendance); i++) {
		struct zh_dict_row r = { .code = default_attendance[i][0], .name = default_attendance[i][1],
					 .kind = default_attendance[i][2] };
		if ((e = zh_store_dict_insert(db, ZH_DICT_ATTENDANCE_CODES, school_id, &r, true, NULL)))
			return e;
	}
	for (size_t i = 0; i < NELEM(default_mark_codes); i++) {
		struct zh_dict_row r = { .code = default_mark_codes[i].code, .name = default_mark_codes[i].name,
					 .passing = default_mark_codes[i].passing };
		if ((e = zh_store_dict_insert(db, ZH_DICT_MARK_CODES, school_id, &r, true, NULL)))
			return e;
	}
	for (size_t i = 0; i < NELEM(default_positions); i++) {
		struct zh_dict_row r = { .name = default_positions[i] };
		if ((e = zh_store_dict_insert(db, ZH_DICT_POSITIONS, school_id, &r, true, NULL)))
			return e;
	}
	return ZH_OK;
}
