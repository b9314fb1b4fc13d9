/* extend_movement.c: demo movement book (enrolments, transfers, withdrawals) and applicants */
#include "demo/extend.h"

#include <string.h>

#include "core/arena.h"
#include "core/fold.h"
#include "store/movement.h"

#define DEMO_YEAR "2026/2027"
#define T_SEP1 1788210000LL /* 2026-09-01 around noon UTC; created_at of the demo rows */

struct newcomer {
	const char *last, *first, *middle, *gender, *birth;
};

static const struct newcomer enrolled[] = {
	{ "Воронцова", "Алиса", "Игоревна", "f", "2019-03-14" },
	{ "Калинин", "Матвей", "Сергеевич", "m", "2015-07-02" },
	{ "Шестакова", "Виктория", "Андреевна", "f", "2013-11-21" },
	{ "Лаптев", "Арсений", "Олегович", "m", "2010-05-09" },
	/* enrolled in September and gone to another city later: no accounts, no families in the school */
	{ "Зуева", "Полина", "Николаевна", "f", "2017-08-19" },
	{ "Мельников", "Глеб", "Артёмович", "m", "2011-01-26" },
};
static const struct {
	const char *cls, *date, *order_no, *order_date, *from_place;
} enrol_rows[] = {
	{ "1А", "2026-09-02", "112-у", "2026-09-02", "МБДОУ детский сад № 5 г.о. Самара" },
	{ "5Б", "2026-09-14", "118-у", "2026-09-14", "МБОУ СОШ № 5 г.о. Тольятти" },
	{ "7А", "2026-10-05", "131-у", "2026-10-05", "ГБОУ СОШ № 3 г.о. Новокуйбышевск" },
	{ "10А", "2026-10-19", "140-у", "2026-10-19", "МАОУ Лицей № 2 г. Казань" },
	{ "3Б", "2026-09-03", "113-у", "2026-09-03", "МБОУ СОШ № 12 г.о. Сызрань" },
	{ "9А", "2026-09-07", "115-у", "2026-09-07", "ГБОУ СОШ № 8 г.о. Чапаевск" },
};
static const struct {
	const char *from, *to, *date, *order_no, *reason;
} transfer_rows[] = {
	{ "6А", "6Б", "2026-10-12", "137-у", "По заявлению родителей (смена смены обучения)" },
	{ "8Б", "8А", "2026-11-09", "152-у", "По заявлению родителей" },
};
static const struct {
	const char *cls, *date, *order_no, *to_place, *reason;
} withdraw_rows[] = {
	{ "3Б", "2026-10-16", "139-у", "МБОУ «Школа № 41» г. Нижний Новгород", "Переезд семьи в другой город" },
	{ "9А", "2026-11-13", "155-у", "ГБОУ СОШ № 1 г. Оренбург", "Переезд семьи в другой город" },
};
static const struct newcomer applicants[] = {
	{ "Антонова", "Ева", "Дмитриевна", "f", "2020-02-11" },
	{ "Белов", "Тимофей", "Александрович", "m", "2020-04-27" },
	{ "Гришина", "Мирослава", "Павловна", "f", "2019-12-03" },
	{ "Дроздов", "Лев", "Максимович", "m", "2020-06-15" },
	{ "Ершова", "Василиса", "Романовна", "f", "2020-01-30" },
};

static int64_t class_id(const struct zh_mv_class *cls, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cls[i].name, name) == 0)
			return cls[i].id;
	return 0;
}

static enum zh_err add_person(struct zh_db *db, struct zh_arena *a, const struct newcomer *w, int64_t *id)
{
	struct zh_person_row p = { .last_name = w->last, .first_name = w->first, .middle_name = w->middle,
				   .gender = w->gender, .birth_date = w->birth };
	const char *full = zh_arena_printf(a, "%s %s %s", w->last, w->first, w->middle);
	const char *fold = full ? zh_fold(a, full, strlen(full)) : NULL;
	if (!fold)
		return ZH_ENOMEM;
	return zh_store_person_insert(db, &p, fold, id);
}

static enum zh_err run(struct zh_db *db, struct zh_arena *a, unsigned seed, struct zh_fail *f)
{
	struct zh_school_row *schools;
	struct zh_mv_year year;
	struct zh_mv_class *cls;
	size_t nschools, ncls;
	int64_t school = 0, t = T_SEP1, newcomer_ids[sizeof enrol_rows / sizeof enrol_rows[0]] = { 0 };
	enum zh_err e;

	(void)f;
	(void)seed; /* the rows are fixed: the same for every seed */
	if ((e = zh_store_schools_list(db, a, &schools, &nschools)))
		return e;
	for (size_t i = 0; i < nschools && !school; i++)
		if (strcmp(schools[i].short_name, "ГБОУ СОШ № 17") == 0)
			school = schools[i].id;
	if (!school)
		return ZH_OK;
	e = zh_store_mv_year_by_name(db, a, school, DEMO_YEAR, &year);
	if (e == ZH_ENOTFOUND)
		return ZH_OK;
	if (e || (e = zh_store_mv_classes_of_year(db, a, school, year.id, &cls, &ncls)))
		return e;

	/* enrolments of newcomers from other schools and a kindergarten */
	for (size_t i = 0; i < sizeof enrol_rows / sizeof enrol_rows[0]; i++) {
		struct zh_movement_row m = { .school_id = school, .kind = "enrol", .date = enrol_rows[i].date,
					     .order_no = enrol_rows[i].order_no, .order_date = enrol_rows[i].order_date,
					     .from_place = enrol_rows[i].from_place, .reason = "Заявление родителей",
					     .created_at = t += 3600 };
		if (!(m.to_class_id = class_id(cls, ncls, enrol_rows[i].cls)))
			continue;
		if ((e = add_person(db, a, &enrolled[i], &m.student_id)) ||
		    (e = zh_store_mv_student_enrolled(db, school, m.student_id, m.date)) ||
		    (e = zh_store_mv_class_join(db, school, m.to_class_id, m.student_id)) ||
		    (e = zh_store_movement_insert(db, &m, &m.id)))
			return e;
		newcomer_ids[i] = m.student_id;
	}

	/* transfers between parallel classes */
	for (size_t i = 0; i < sizeof transfer_rows / sizeof transfer_rows[0]; i++) {
		struct zh_movement_row m = { .school_id = school, .kind = "transfer", .date = transfer_rows[i].date,
					     .order_no = transfer_rows[i].order_no, .order_date = transfer_rows[i].date,
					     .reason = transfer_rows[i].reason, .created_at = t += 3600 };
		int64_t *ids;
		size_t n;
		m.from_class_id = class_id(cls, ncls, transfer_rows[i].from);
		m.to_class_id = class_id(cls, ncls, transfer_rows[i].to);
		if (!m.from_class_id || !m.to_class_id)
			continue;
		if ((e = zh_store_mv_lone_students(db, a, school, m.from_class_id, 2, &ids, &n)))
			return e;
		if (n < 2)
			continue;
		m.student_id = ids[1]; /* the second from the end: the last one may be withdrawn elsewhere */
		if ((e = zh_store_mv_class_leave(db, school, m.from_class_id, m.student_id)) ||
		    (e = zh_store_mv_class_join(db, school, m.to_class_id, m.student_id)) ||
		    (e = zh_store_movement_insert(db, &m, &m.id)))
			return e;
	}

	/* withdrawals to another city: two of the newcomers (students of the generated families all
	 * keep a class: their accounts, parents and class lists are what other demo data rests on) */
	for (size_t i = 0; i < sizeof withdraw_rows / sizeof withdraw_rows[0]; i++) {
		struct zh_movement_row m = { .school_id = school, .kind = "withdraw", .date = withdraw_rows[i].date,
					     .order_no = withdraw_rows[i].order_no, .order_date = withdraw_rows[i].date,
					     .to_place = withdraw_rows[i].to_place, .reason = withdraw_rows[i].reason,
					     .created_at = t += 3600 };
		if (!(m.from_class_id = class_id(cls, ncls, withdraw_rows[i].cls)) || !newcomer_ids[4 + i])
			continue;
		m.student_id = newcomer_ids[4 + i];
		if ((e = zh_store_mv_class_leave(db, school, m.from_class_id, m.student_id)) ||
		    (e = zh_store_mv_student_left(db, school, m.student_id, "withdrawn", m.date)) ||
		    (e = zh_store_movement_insert(db, &m, &m.id)))
			return e;
	}

	/* applicants for next year's first grade */
	for (size_t i = 0; i < sizeof applicants / sizeof applicants[0]; i++) {
		int64_t id;
		if ((e = add_person(db, a, &applicants[i], &id)) || (e = zh_store_mv_applicant_insert(db, school, id)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_demo_movement(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct zh_arena *a = zh_arena_new();
	enum zh_err e;
	if (!a)
		return ZH_ENOMEM;
	e = run(db, a, seed, f);
	zh_arena_free(a);
	return e;
}
