/* extend_school.c: demo card, settings, dictionaries and rooms of «ГБОУ СОШ № 17» */
#include "demo/extend.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/roles.h"
#include "domain/school.h"
#include "store/school.h"

/* 2026-09-01T00:00:00Z: a fixed "updated at" keeps the demo deterministic */
#define DEMO_UPDATED_AT 1788220800LL

static const struct {
	const char *name;
	int floor, capacity;
	const char *subject; /* NULL = none */
	const char *building;
} rooms[] = {
	{ "101", 1, 25, NULL, "" },  { "102", 1, 25, NULL, "" },  { "103", 1, 25, NULL, "" },
	{ "104", 1, 25, NULL, "" },  { "105", 1, 25, NULL, "" },  { "106", 1, 25, NULL, "" },
	{ "107", 1, 25, NULL, "" },  { "108", 1, 25, NULL, "" },
	{ "110", 1, 30, "Труд (технология)", "" }, { "111", 1, 30, "Изобразительное искусство", "" },
	{ "112", 1, 30, "Музыка", "" },
	{ "201", 2, 30, "Русский язык", "" }, { "202", 2, 30, "Русский язык", "" },
	{ "203", 2, 30, "Литература", "" },   { "204", 2, 30, "Математика", "" },
	{ "205", 2, 30, "Алгебра", "" },      { "206", 2, 30, "Геометрия", "" },
	{ "207", 2, 15, "Английский язык", "" }, { "208", 2, 15, "Английский язык", "" },
	{ "209", 2, 15, "Английский язык", "" }, { "210", 2, 30, "История", "" },
	{ "211", 2, 30, "Обществознание", "" },  { "212", 2, 30, "География", "" },
	{ "214", 2, 15, "Информатика", "" },     { "215", 2, 15, "Информатика", "" },
	{ "301", 3, 30, "Физика", "" },  { "302", 3, 30, "Физика", "" },
	{ "303", 3, 30, "Химия", "" },   { "304", 3, 30, "Биология", "" },
	{ "305", 3, 30, "Математика", "" }, { "306", 3, 30, "Русский язык", "" },
	{ "307", 3, 30, "Основы безопасности и защиты Родины", "" },
	{ "308", 3, 30, NULL, "" },  { "309", 3, 30, NULL, "" },  { "310", 3, 30, NULL, "" },
	{ "311", 3, 30, NULL, "" },  { "312", 3, 30, NULL, "" },  { "315", 3, 30, NULL, "" },
	{ "Спортзал", 1, 60, "Физическая культура", "" },
	{ "Малый спортзал", 1, 30, "Физическая культура", "" },
	{ "Актовый зал", 2, 200, NULL, "" },
	{ "Библиотека", 1, 30, NULL, "" },
	{ "Мастерская", 1, 15, "Труд (технология)", "Корпус Б" },
};

static json_t *demo_card(const char *deputy)
{
	json_t *deputies = json_pack("[{s:s, s:s}, {s:s, s:s}]",
				     "name", deputy ? deputy : "Соколова Ирина Анатольевна", "area", "учебно-воспитательная работа",
				     "name", "Миронов Андрей Сергеевич", "area", "воспитательная работа");
	return json_pack(
		"{s:s, s:s, s:s, s:o, s:[s, s], s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		" s:s, s:[s, s, s], s:s, s:s, s:s, s:s}",
		"legal_address", "443011, Самарская область, г.о. Самара, ул. Ново-Садовая, д. 17",
		"postal_address", "443011, г. Самара, ул. Ново-Садовая, д. 17",
		"director", "Кузнецова Елена Викторовна",
		"deputies", deputies,
		"phones", "+7 (846) 334-17-17", "+7 (846) 334-17-18",
		"fax", "+7 (846) 334-17-19",
		"email", "school17@samara.edu.ru",
		"site", "https://school17-samara.ru",
		"inn", "6316017234",
		"kpp", "631601001",
		"ogrn", "1026301234563",
		"okpo", "12345678",
		"okato", "36401000000",
		"okogu", "2300223",
		"okopf", "75203",
		"okfs", "13",
		"okved", "85.14",
		"specialisation", "Общеобразовательная школа с углублённым изучением математики и информатики",
		"education_levels", "НОО", "ООО", "СОО",
		"licence_number", "Л035-01281-63/00247815",
		"licence_date", "2015-11-24",
		"accreditation_number", "А007-01281-63/01123456",
		"accreditation_date", "2016-03-15");
}

enum zh_err zh_demo_school(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct zh_arena *a = zh_arena_new();
	struct zh_school_row *schools;
	struct zh_user_list_row *heads;
	size_t nschools = 0, nheads = 0;
	enum zh_err e;
	(void)seed;

	if (!a)
		return ZH_ENOMEM;
	if ((e = zh_store_schools_list(db, a, &schools, &nschools)))
		goto out;
	if (nschools == 0) {
		e = zh_fail_set(f, ZH_EINTERNAL, "demo", "", "Демонстрационная школа не создана");
		goto out;
	}
	int64_t school = schools[0].id;
	if ((e = zh_school_seed(db, school)) ||
	    (e = zh_store_user_list(db, a, ZH_ROLE_HEAD, &heads, &nheads)))
		goto out;

	json_t *card = demo_card(nheads > 0 ? heads[0].full_name : NULL);
	char *text = card ? json_dumps(card, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(card);
	if (!text) {
		e = ZH_ENOMEM;
		goto out;
	}
	e = zh_store_school_card_put(db, school, text, DEMO_UPDATED_AT);
	free(text);
	if (e)
		goto out;

	for (size_t i = 0; i < sizeof rooms / sizeof rooms[0]; i++) {
		struct zh_dict_row r = {
			.name = rooms[i].name, .building = rooms[i].building,
			.has_floor = true, .floor = rooms[i].floor,
			.has_capacity = true, .capacity = rooms[i].capacity,
		};
		if (rooms[i].subject && (e = zh_store_school_subject_by_name(db, school, rooms[i].subject, &r.subject_id)))
			goto out;
		if ((e = zh_store_dict_insert(db, ZH_DICT_ROOMS, school, &r, true, NULL)))
			goto out;
	}
out:
	if (e && !f->code)
		zh_fail_set(f, e, "demo_school", "", "Не удалось заполнить сведения о школе: %s", zh_err_name(e));
	zh_arena_free(a);
	return e;
}
