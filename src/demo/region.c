/* region.c: the region-size dataset. The first school is the demo school (demo.c, extend_*.c);
 * its term is filled with marks and it is replicated inside SQL (src/store/sqlite/region.c). */
#include <string.h>
#include <sys/stat.h>

#include "core/clock.h"
#include "demo/names.h"
#include "demo/region.h"
#include "store/region.h"

static double secs(int64_t t0)
{
	return (double)(zh_mono_ms() - t0) / 1000.0;
}

enum zh_err zh_region_expand(const char *path, const struct zh_region_opts *o, FILE *out, struct zh_fail *f)
{
	struct zh_region_bulk *b = NULL;
	struct zh_region_template t;
	struct zh_region_totals tot;
	int64_t t0 = zh_mono_ms(), added_marks = 0, added_att = 0;
	enum zh_err e;
	long schools;

	if ((e = zh_region_bulk_open(path, &b, f)))
		return e;
	for (size_t i = 0; i < zh_demo_surnames_n; i++) {
		char fem[128];
		if ((e = zh_region_surname(b, (int)i, zh_demo_surnames[i],
					   zh_demo_surname(zh_demo_surnames[i], 'f', fem, sizeof fem))))
			goto out;
	}
	if ((e = zh_region_template(b, &t, f)))
		goto out;
	if (t.students <= 0) {
		e = zh_fail_set(f, ZH_ENOTFOUND, "region_template", "", "Регион: в демо-школе нет учеников");
		goto out;
	}
	schools = (o->students + t.students / 2) / t.students;
	if (schools < 1)
		schools = 1;
	if (out)
		fprintf(out,
			"Регион: образец — демо-школа (%lld учеников, %lld родителей, %lld учителей, %lld оценок); школ: %ld\n",
			(long long)t.students, (long long)t.parents, (long long)t.teachers, (long long)t.marks, schools);
	if ((e = zh_region_densify(b, &t, o->seed, ZH_REGION_MARKS_PER_STUDENT, &added_marks, &added_att, f)))
		goto out;
	if (out)
		fprintf(out, "Полугодие %s…%s заполнено: +%lld оценок, +%lld отметок посещаемости (%.1f с)\n", t.term_start,
			t.term_end, (long long)added_marks, (long long)added_att, secs(t0));
	if ((e = zh_region_prepare(b, &t, o->seed, f)))
		goto out;
	for (long k = 1; k < schools; k++) {
		if ((e = zh_region_copy(b, (int)k, f)))
			goto out;
		if (out && (k % 10 == 0 || k == schools - 1)) {
			fprintf(out, "  школ: %ld из %ld (%.1f с)\n", k + 1, schools, secs(t0));
			fflush(out);
		}
	}
	{
		int64_t ti = zh_mono_ms();
		if ((e = zh_region_indexes(b, f)))
			goto out;
		if (out && secs(ti) > 0.5)
			fprintf(out, "Индексы построены (%.1f с)\n", secs(ti));
	}
	if ((e = zh_region_count(b, &tot, f)))
		goto out;
out:
	{
		struct zh_fail f2 = { 0 };
		enum zh_err ec = zh_region_bulk_close(b, e == ZH_OK, &f2);
		if (!e && ec) {
			*f = f2;
			e = ec;
		}
	}
	if (!e && out) {
		struct stat sb;
		double mb = stat(path, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0;
		fprintf(out,
			"Регион создан за %.1f с: школ %lld, классов %lld, учеников %lld, родителей %lld, учителей %lld,\n"
			"учётных записей %lld, уроков %lld, заданий %lld, оценок %lld, отметок посещаемости %lld; файл %.0f МБ.\n"
			"Пароль хешируется один раз (Argon2id) и копируется: у всех учётных записей региона один пароль.\n"
			"Логины копий — логины демо-школы с суффиксом .s<номер школы> (например, admin.s2).\n",
			secs(t0), (long long)tot.schools, (long long)tot.classes, (long long)tot.students,
			(long long)tot.parents, (long long)tot.teachers, (long long)tot.users, (long long)tot.lessons,
			(long long)tot.assignments, (long long)tot.marks, (long long)tot.attendance, mb);
	}
	return e;
}
