/* extend_people.c: demo cards of students, parents and staff (M-04): documents with valid SNILS,
 * Samara addresses and phones, health and PE groups, work places, staff positions and education */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/extend.h"
#include "store/people.h"

struct rng {
	uint64_t s;
};

static unsigned next(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (unsigned)(r->s >> 11);
}

static int between(struct rng *r, int lo, int hi)
{
	return lo + (int)(next(r) % (unsigned)(hi - lo + 1));
}

static const char *pick(struct rng *r, const char *const *list, size_t n)
{
	return list[next(r) % n];
}
#define PICK(r, a) pick(r, a, sizeof a / sizeof a[0])

static const char *const streets[] = {
	"ул. Ново-Садовая", "Московское шоссе", "ул. Гагарина", "ул. Победы", "ул. Стара-Загора",
	"ул. Ташкентская", "ул. Революционная", "ул. Мичурина", "ул. Полевая", "ул. Молодогвардейская",
	"пр. Кирова", "ул. Аэродромная", "ул. Солнечная", "ул. Дыбенко", "ул. Осипенко", "ул. Лесная",
};
static const char *const workplaces[] = {
	"ПАО «ОДК-Кузнецов»", "АО «РКЦ «Прогресс»", "ГБУЗ СО «Самарская городская больница № 4»",
	"ПАО «Сбербанк», Самарское отделение", "ООО «Самарский хлебозавод»", "МП г.о. Самара «Трамвайно-троллейбусное управление»",
	"ФГБОУ ВО «Самарский государственный технический университет»", "ИП (собственное дело)",
	"ООО «Пивоваренная компания «Жигулёвское»", "Администрация Советского района г.о. Самара",
	"АО «Самарская сетевая компания»", "ООО «Лента»", "ГБОУ СОШ № 17 г.о. Самара",
};
static const char *const jobs[] = {
	"инженер", "бухгалтер", "менеджер", "водитель", "врач", "медицинская сестра", "продавец-консультант",
	"программист", "экономист", "слесарь-сборщик", "юрист", "педагог", "мастер участка", "специалист",
};
static const char *const institutions[] = {
	"ФГБОУ ВО «Самарский государственный социально-педагогический университет»",
	"ФГАОУ ВО «Самарский национальный исследовательский университет имени академика С. П. Королёва»",
	"ФГБОУ ВО «Самарский государственный технический университет»",
	"ГБПОУ «Самарский социально-педагогический колледж»",
	"ФГБОУ ВО «Поволжская государственная социально-гуманитарная академия»",
};

/* A SNILS with a valid check number, from 9 random digits. */
static void snils(struct rng *r, char out[64])
{
	int d[9], sum = 0;
	d[0] = between(r, 1, 1);
	for (int i = 1; i < 9; i++)
		d[i] = between(r, 0, 9);
	for (int i = 0; i < 9; i++)
		sum += d[i] * (9 - i);
	int c = sum < 100 ? sum : sum == 100 || sum == 101 ? 0 : sum % 101;
	if (c == 100)
		c = 0;
	snprintf(out, 64, "%d%d%d-%d%d%d-%d%d%d %02d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], c);
}

static const char *address(struct rng *r, char *buf, size_t n)
{
	snprintf(buf, n, "г. Самара, %s, д. %d, кв. %d", PICK(r, streets), between(r, 1, 180), between(r, 1, 240));
	return buf;
}

static void city_phone(struct rng *r, char *buf, size_t n)
{
	snprintf(buf, n, "+7 846 %03d-%02d-%02d", between(r, 200, 999), between(r, 0, 99), between(r, 0, 99));
}

static void mobile(struct rng *r, char *buf, size_t n)
{
	static const int codes[] = { 917, 927, 937, 987, 999, 960, 903, 906 };
	snprintf(buf, n, "+7 %d %03d-%02d-%02d", codes[next(r) % 8], between(r, 100, 999), between(r, 0, 99),
		 between(r, 0, 99));
}

static enum zh_err put(struct zh_db *db, int64_t school, int64_t person, const char *kind, const char *grp,
		       json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(v);
	if (!s)
		return ZH_ENOMEM;
	enum zh_err e = zh_store_card_put(db, school, person, kind, grp, s, 0, 0);
	free(s);
	return e;
}

static int year_of(const char *date)
{
	return date ? atoi(date) : 2000;
}

static enum zh_err students(struct zh_db *db, struct zh_arena *a, int64_t school, unsigned seed)
{
	struct zh_people_filter flt = { .school_id = school, .roles = ZH_PEOPLE_STUDENT, .limit = 100000 };
	struct zh_people_row *rows;
	size_t n;
	int64_t total;
	enum zh_err e = zh_store_people_list(db, a, &flt, &rows, &n, &total);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		struct rng r = { .s = ((uint64_t)seed << 32) ^ (uint64_t)rows[i].id * 0x9E3779B97F4A7C15ull ^ 0x5eedull };
		char sn[64], addr[160], ph[32], cert[16], oms[32], file[48], bdate[64];
		int by = year_of(rows[i].birth_date);
		next(&r);
		snils(&r, sn);
		address(&r, addr, sizeof addr);
		city_phone(&r, ph, sizeof ph);
		snprintf(cert, sizeof cert, "%06d", between(&r, 100000, 999999));
		snprintf(oms, sizeof oms, "63%014llu", (unsigned long long)next(&r) * 7919ull % 100000000000000ull);
		snprintf(file, sizeof file, "ЛД-%04zu", i + 1);
		snprintf(bdate, sizeof bdate, "%04d-%02d-%02d", by, between(&r, 1, 12), between(&r, 1, 28));
		if (rows[i].birth_date && strlen(rows[i].birth_date) == 10) {
			/* the certificate is issued within a month after birth */
			int m = atoi(rows[i].birth_date + 5), d = atoi(rows[i].birth_date + 8) + between(&r, 2, 25);
			if (d > 28)
				d -= 28, m++;
			if (m > 12)
				m = 1, by++;
			snprintf(bdate, sizeof bdate, "%04d-%02d-%02d", by, m, d);
		}
		int hg = between(&r, 1, 100), pg = between(&r, 1, 100);
		const char *health = hg <= 20 ? "I" : hg <= 85 ? "II" : hg <= 98 ? "III" : "IV";
		const char *pe = pg <= 80 ? "основная" : pg <= 94 ? "подготовительная" : pg <= 98 ? "специальная" : "освобождён";
		if (strcmp(health, "IV") == 0)
			pe = "специальная";
		bool samara = between(&r, 1, 100) <= 85;
		if ((e = put(db, school, rows[i].id, "student", "personal",
			     json_pack("{s:s, s:s, s:s, s:s}", "citizenship", "Российская Федерация", "birth_place",
				       samara ? "г. Самара" : between(&r, 0, 1) ? "г. Тольятти" : "г. Новокуйбышевск",
				       "native_language", "русский", "foreign_language_1",
				       between(&r, 1, 100) <= 85 ? "английский" : "немецкий"))) ||
		    (e = put(db, school, rows[i].id, "student", "documents",
			     json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "birth_cert_series", "IV-ЕР",
				       "birth_cert_number", cert, "birth_cert_date", bdate, "birth_cert_issuer",
				       "Отдел ЗАГС Промышленного района г.о. Самара", "snils", sn, "oms_number", oms,
				       "personal_file_no", file))) ||
		    (e = zh_store_student_set_file_no(db, school, rows[i].id, file)) ||
		    (e = put(db, school, rows[i].id, "student", "contacts",
			     json_pack("{s:s, s:s, s:s, s:s}", "reg_address", addr, "fact_address", addr, "home_phone", ph,
				       "preferred_contact", "телефон"))) ||
		    (e = put(db, school, rows[i].id, "student", "education",
			     json_pack("{s:s, s:s}", "study_form", "очная", "program", "основная общеобразовательная"))) ||
		    (e = put(db, school, rows[i].id, "student", "medical",
			     json_pack("{s:s, s:s}", "health_group", health, "pe_group", pe))))
			return e;
		if (between(&r, 1, 100) <= 12 &&
		    (e = put(db, school, rows[i].id, "student", "family",
			     json_pack("{s:s, s:i, s:b}", "family_type", "полная", "children_count", between(&r, 3, 5),
				       "large_family", 1))))
			return e;
	}
	return ZH_OK;
}

static enum zh_err parents(struct zh_db *db, struct zh_arena *a, int64_t school, unsigned seed)
{
	struct zh_people_filter flt = { .school_id = school, .roles = ZH_PEOPLE_PARENT, .limit = 100000 };
	struct zh_people_row *rows;
	size_t n;
	int64_t total;
	enum zh_err e = zh_store_people_list(db, a, &flt, &rows, &n, &total);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		struct rng r = { .s = ((uint64_t)seed << 32) ^ (uint64_t)rows[i].id * 0xD1B54A32D192ED03ull ^ 0xfa11ull };
		char mob[32], wph[32];
		next(&r);
		mobile(&r, mob, sizeof mob);
		city_phone(&r, wph, sizeof wph);
		if ((e = put(db, school, rows[i].id, "parent", "contacts",
			     json_pack("{s:s, s:s}", "mobile_phone", mob, "preferred_contact",
				       between(&r, 0, 1) ? "телефон" : "мессенджер"))) ||
		    (e = put(db, school, rows[i].id, "parent", "work",
			     json_pack("{s:s, s:s, s:s}", "workplace", PICK(&r, workplaces), "job_title", PICK(&r, jobs),
				       "work_phone", wph))))
			return e;
	}
	return ZH_OK;
}

static const char *position_for(unsigned roles)
{
	if (roles & (1u << 4))
		return "Заместитель директора";
	if (roles & (1u << 3))
		return "Учитель";
	if (roles & (1u << 7))
		return "Секретарь";
	if (roles & (1u << 8))
		return "Медицинская сестра";
	if (roles & (1u << 9))
		return "Педагог-психолог";
	if (roles & (1u << 10))
		return "Специалист по кадрам";
	if (roles & (1u << 1))
		return "Заместитель директора";
	return "Лаборант";
}

static enum zh_err staff(struct zh_db *db, struct zh_arena *a, int64_t school, unsigned seed)
{
	static const char *const categories[] = { "высшая", "первая", "первая", "соответствие занимаемой должности",
						   "высшая", "без категории" };
	struct zh_staff_role_row *rows;
	size_t n;
	enum zh_err e = zh_store_staff_by_roles(db, a, school, &rows, &n);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		struct rng r = { .s = ((uint64_t)seed << 32) ^ (uint64_t)rows[i].person_id * 0xA24BAED4963EE407ull ^ 0x57affull };
		char no[48], hired[64], sn[64], mob[32], wph[32], email[64], addr[160], att[64], natt[80];
		int by = year_of(rows[i].birth_date), grad = by + between(&r, 21, 24);
		int hy = grad + between(&r, 0, 15);
		if (hy > 2026)
			hy = 2026;
		next(&r);
		snprintf(no, sizeof no, "Т-%03zu", i + 1);
		snprintf(hired, sizeof hired, "%04d-%02d-%02d", hy, hy == 2026 ? 8 : between(&r, 8, 9), between(&r, 1, 28));
		snils(&r, sn);
		mobile(&r, mob, sizeof mob);
		snprintf(wph, sizeof wph, "+7 846 332-%02d-%02d", between(&r, 10, 99), between(&r, 10, 99));
		snprintf(email, sizeof email, "staff%lld@school17-samara.ru", (long long)rows[i].person_id);
		address(&r, addr, sizeof addr);
		int ay = 2021 + between(&r, 0, 4);
		snprintf(att, sizeof att, "%04d-%02d-%02d", ay, between(&r, 1, 12), between(&r, 1, 28));
		snprintf(natt, sizeof natt, "%04d-%s", ay + 5, att + 5);
		int total = 2026 - hy + between(&r, 0, 6);
		if ((e = zh_store_staff_ensure(db, school, rows[i].person_id)) ||
		    (e = zh_store_staff_set_employment(db, school, rows[i].person_id, no, hired)) ||
		    (e = put(db, school, rows[i].person_id, "staff", "employment",
			     json_pack("{s:s, s:s, s:f, s:s}", "personnel_no", no, "hired_on", hired, "rate",
				       between(&r, 0, 3) ? 1.0 : 1.5, "employee_category",
				       rows[i].roles & (1u << 3) ? "педагогический работник"
								 : "административно-управленческий персонал"))) ||
		    (e = put(db, school, rows[i].person_id, "staff", "documents", json_pack("{s:s}", "snils", sn))) ||
		    (e = put(db, school, rows[i].person_id, "staff", "addresses",
			     json_pack("{s:s, s:s}", "residence_address", addr, "registration_address", addr))) ||
		    (e = put(db, school, rows[i].person_id, "staff", "contacts",
			     json_pack("{s:s, s:s, s:s}", "mobile_phone", mob, "work_phone", wph, "work_email", email))) ||
		    (e = put(db, school, rows[i].person_id, "staff", "education",
			     json_pack("{s:s, s:s, s:i}", "education_level", "высшее — специалитет, магистратура",
				       "institution", PICK(&r, institutions), "graduation_year", grad))) ||
		    (e = put(db, school, rows[i].person_id, "staff", "service",
			     json_pack("{s:i, s:i, s:i}", "total", total, "pedagogical", 2026 - hy, "this_school",
				       2026 - hy))))
			return e;
		if (rows[i].roles & (1u << 3) &&
		    (e = put(db, school, rows[i].person_id, "staff", "courses",
			     json_pack("{s:[{s:s, s:s, s:s, s:s, s:i}]}", "items", "name",
				       "Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя",
				       "organisation", "ГАУ ДПО СО «Институт развития образования»", "date_from", "2025-10-06",
				       "date_to", "2025-10-24", "hours", 36))))
			return e;
		int64_t pid;
		e = zh_store_position_by_name(db, school, position_for(rows[i].roles), &pid);
		if (e == ZH_ENOTFOUND)
			continue; /* the positions dictionary is the school slice's: create nothing */
		if (e)
			return e;
		struct zh_staff_position_row p = { .position_id = pid, .rate = 1.0,
						   .category = PICK(&r, categories), .attested_on = att,
						   .next_attestation_on = natt };
		if ((e = zh_store_staff_positions_clear(db, school, rows[i].person_id)) ||
		    (e = zh_store_staff_position_add(db, school, rows[i].person_id, &p)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_demo_people(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_school_row *schools;
	size_t n;
	enum zh_err e;
	(void)f;
	if (!a)
		return ZH_ENOMEM;
	e = zh_store_schools_list(db, a, &schools, &n);
	if (!e && n) {
		int64_t school = schools[n - 1].id;
		if (!(e = students(db, a, school, seed)) && !(e = parents(db, a, school, seed)))
			e = staff(db, a, school, seed);
	}
	zh_arena_free(a);
	return e;
}
