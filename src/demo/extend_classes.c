/* extend_classes.c: demo periods, holidays, subgroups, curriculum, teacher load (M-05) */
#include "demo/extend.h"

#include <string.h>

#include "core/arena.h"
#include "store/classes.h"

#define DEMO_YEAR "2026/2027"

static const struct zh_holiday_row holidays[] = {
	{ .name = "Осенние каникулы", .start_date = "2026-10-27", .end_date = "2026-11-04", .grade_from = 1, .grade_to = 11 },
	{ .name = "Зимние каникулы", .start_date = "2026-12-29", .end_date = "2027-01-11", .grade_from = 1, .grade_to = 11 },
	{ .name = "Дополнительные каникулы для 1 классов", .start_date = "2027-02-16", .end_date = "2027-02-22",
	  .grade_from = 1, .grade_to = 1 },
	{ .name = "Весенние каникулы", .start_date = "2027-03-23", .end_date = "2027-03-31", .grade_from = 1, .grade_to = 11 },
};

static const struct zh_period_kind_row kinds[] = {
	{ 1, 9, "quarter" },
	{ 10, 11, "half" },
};

static const struct zh_period_row periods[] = {
	{ .kind = "quarter", .number = 1, .name = "1 четверть", .start_date = "2026-09-01", .end_date = "2026-10-26" },
	{ .kind = "quarter", .number = 2, .name = "2 четверть", .start_date = "2026-11-05", .end_date = "2026-12-28" },
	{ .kind = "quarter", .number = 3, .name = "3 четверть", .start_date = "2027-01-12", .end_date = "2027-03-22" },
	{ .kind = "quarter", .number = 4, .name = "4 четверть", .start_date = "2027-04-01", .end_date = "2027-05-26" },
	{ .kind = "half", .number = 1, .name = "1 полугодие", .start_date = "2026-09-01", .end_date = "2026-12-28" },
	{ .kind = "half", .number = 2, .name = "2 полугодие", .start_date = "2027-01-12", .end_date = "2027-05-26" },
};

/* The basic plan (ФГОС, five-day week): weekly hours per grade 1..11 (index 0 unused). */
static const struct {
	const char *subject;
	unsigned char h[12];
} plan[] = {
	{ "Русский язык", { 0, 5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2 } },
	{ "Литературное чтение", { 0, 4, 4, 4, 3 } },
	{ "Литература", { 0, 0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3 } },
	{ "Английский язык", { 0, 0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3 } },
	{ "Математика", { 0, 4, 4, 4, 4, 5, 5 } },
	{ "Алгебра", { 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3 } },
	{ "Геометрия", { 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2 } },
	{ "Вероятность и статистика", { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1 } },
	{ "Информатика", { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 } },
	{ "Окружающий мир", { 0, 2, 2, 2, 2 } },
	{ "История", { 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2 } },
	{ "Обществознание", { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2 } },
	{ "География", { 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1 } },
	{ "Биология", { 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1 } },
	{ "Физика", { 0, 0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2 } },
	{ "Химия", { 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1 } },
	{ "Музыка", { 0, 1, 1, 1, 1, 1, 1, 1, 1 } },
	{ "Изобразительное искусство", { 0, 1, 1, 1, 1, 1, 1, 1 } },
	{ "Труд (технология)", { 0, 1, 1, 1, 1, 2, 2, 2, 1, 1 } },
	{ "Физическая культура", { 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
	{ "Основы безопасности и защиты Родины", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1 } },
	{ "Основы религиозных культур и светской этики", { 0, 0, 0, 0, 1 } },
	{ "Основы духовно-нравственной культуры народов России", { 0, 0, 0, 0, 0, 1, 1 } },
};
#define NPLAN (sizeof plan / sizeof plan[0])
#define ENGLISH "Английский язык"

static int64_t subject_id(const struct zh_subject_row *s, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s[i].name, name))
			return s[i].id;
	return 0;
}

static double plan_hours(const char *subject, int grade)
{
	for (size_t i = 0; i < NPLAN; i++)
		if (!strcmp(plan[i].subject, subject))
			return grade >= 1 && grade <= 11 ? plan[i].h[grade] : 0;
	return 0;
}

static enum zh_err run(struct zh_db *db, struct zh_arena *a, struct zh_fail *f)
{
	struct zh_school_row *schools;
	struct zh_year_row *years, *year = NULL;
	struct zh_class_row *cls;
	struct zh_subject_row *subj;
	struct zh_load_row *load;
	size_t nschools, nyears, ncls, nsubj, nload;
	enum zh_err e;

	if ((e = zh_store_schools_list(db, a, &schools, &nschools)))
		return e;
	if (!nschools)
		return ZH_OK;
	int64_t school = schools[0].id;
	if ((e = zh_store_years_list(db, a, school, &years, &nyears)))
		return e;
	for (size_t i = 0; i < nyears; i++)
		if (!strcmp(years[i].name, DEMO_YEAR))
			year = &years[i];
	if (!year)
		return zh_fail_set(f, ZH_EINTERNAL, "demo", "", "В демонстрационной школе нет учебного года %s", DEMO_YEAR);

	/* holidays first: the gaps between periods are the holidays */
	for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++) {
		struct zh_holiday_row h = holidays[i];
		h.year_id = year->id;
		if ((e = zh_store_holiday_insert(db, school, &h, NULL)))
			return e;
	}
	if ((e = zh_store_periods_replace(db, school, year->id, kinds, sizeof kinds / sizeof kinds[0], periods,
					  sizeof periods / sizeof periods[0])))
		return e;

	/* curriculum */
	if ((e = zh_store_subjects_list(db, a, school, true, &subj, &nsubj)))
		return e;
	for (size_t i = 0; i < NPLAN; i++) {
		int64_t sid = subject_id(subj, nsubj, plan[i].subject);
		if (!sid)
			continue;
		for (int g = 1; g <= 11; g++)
			if (plan[i].h[g] && (e = zh_store_curriculum_set(db, school, year->id, g, sid, plan[i].h[g])))
				return e;
	}

	/* English subgroups in grades 2-11, students split alphabetically */
	int64_t eng = subject_id(subj, nsubj, ENGLISH);
	if ((e = zh_store_classes_list(db, a, school, year->id, &cls, &ncls)))
		return e;
	int64_t *g1 = zh_arena_alloc(a, sizeof *g1 * (ncls + 1)), *g2 = zh_arena_alloc(a, sizeof *g2 * (ncls + 1));
	if (!g1 || !g2)
		return ZH_ENOMEM;
	for (size_t c = 0; c < ncls && eng; c++) {
		struct zh_class_student_row *st;
		size_t nst;
		if (cls[c].grade < 2)
			continue;
		if ((e = zh_store_subgroup_insert(db, school, cls[c].id, eng, "Группа 1", &g1[c])) ||
		    (e = zh_store_subgroup_insert(db, school, cls[c].id, eng, "Группа 2", &g2[c])) ||
		    (e = zh_store_class_students(db, a, school, cls[c].id, &st, &nst)))
			return e;
		for (size_t i = 0; i < nst; i++)
			if ((e = zh_store_subgroup_student_add(db, school, i < (nst + 1) / 2 ? g1[c] : g2[c], st[i].id)))
				return e;
	}

	/* teacher load: hours from the curriculum; English by subgroup */
	struct zh_load_filter flt = { .year_id = year->id };
	if ((e = zh_store_load_list(db, a, school, &flt, &load, &nload)))
		return e;
	for (size_t c = 0; c < ncls; c++) {
		int64_t eng_teachers[2] = { 0, 0 };
		int64_t eng_rows[2] = { 0, 0 };
		int ne = 0;
		for (size_t i = 0; i < nload; i++) {
			struct zh_load_row l = load[i];
			if (l.class_id != cls[c].id)
				continue;
			l.hours = plan_hours(l.subject_name, cls[c].grade);
			if (l.subject_id == eng && cls[c].grade >= 2) {
				if (ne < 2) {
					eng_teachers[ne] = l.teacher_id;
					eng_rows[ne++] = l.id;
				}
				continue;
			}
			if ((e = zh_store_load_update(db, school, &l)))
				return e;
		}
		if (!ne)
			continue;
		/* one teacher per subgroup when the class has two English teachers, else the same for both */
		double h = plan_hours(ENGLISH, cls[c].grade);
		struct zh_load_row r1 = { .id = eng_rows[0], .year_id = year->id, .teacher_id = eng_teachers[0],
					  .class_id = cls[c].id, .subgroup_id = g1[c], .subject_id = eng, .hours = h };
		struct zh_load_row r2 = r1;
		r2.subgroup_id = g2[c];
		r2.teacher_id = ne == 2 ? eng_teachers[1] : eng_teachers[0];
		r2.id = ne == 2 ? eng_rows[1] : 0;
		if ((e = zh_store_load_update(db, school, &r1)) ||
		    (e = r2.id ? zh_store_load_update(db, school, &r2) : zh_store_load_insert(db, school, &r2, NULL)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_demo_classes(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)seed;
	struct zh_arena *a = zh_arena_new();
	if (!a)
		return ZH_ENOMEM;
	enum zh_err e = run(db, a, f);
	zh_arena_free(a);
	return e;
}
