/* extend_lessons.c: demo lesson calendar (generated from the demo timetable), a few changes for
 * dates in November 2026 with their notifications, and school and class events (M-07) */
#include "core/tz.h"
#include "demo/extend.h"

#include <string.h>

#include "core/arena.h"
#include "domain/lessons.h"
#include "store/lessons.h"

static const struct {
	const char *date, *start, *end, *title, *place, *audience, *descr;
} school_events[] = {
	{ "2026-09-01", "09:00", "10:00", "Торжественная линейка «День знаний»", "Школьный двор", "school", "" },
	{ "2026-10-05", "12:30", "14:00", "День учителя: праздничный концерт", "Актовый зал", "school",
	  "Концерт учащихся для учителей школы" },
	{ "2026-10-23", "17:00", "20:00", "Осенний бал", "Актовый зал", "school", "Для учащихся 8–11 классов" },
	{ "2026-11-26", "15:00", "16:30", "Педагогический совет", "Кабинет директора", "staff",
	  "Итоги первой четверти" },
	{ "2026-11-27", "18:00", "19:30", "Общешкольное родительское собрание", "Актовый зал", "parents",
	  "Безопасность детей в зимний период" },
	{ "2026-12-25", "16:00", "18:00", "Новогодний концерт", "Актовый зал", "school", "" },
};

static enum zh_err run(struct zh_db *db, struct zh_arena *a, unsigned seed)
{
	struct zh_school_row *schools;
	struct zh_ls_period *ps;
	struct zh_ls_class *cls;
	size_t nschools, nps, ncls;
	int64_t school, now = zh_days_civil(2026, 11, 20) * 86400 + 7 * 3600;
	enum zh_err e;

	if ((e = zh_store_schools_list(db, a, &schools, &nschools)) || !nschools)
		return e;
	school = schools[0].id;
	if ((e = zh_store_ls_current_periods(db, a, school, "2026-11-20", &ps, &nps)) || !nps)
		return e;
	if ((e = zh_store_ls_classes(db, a, school, ps[0].year_id, &cls, &ncls)))
		return e;

	/* events: school-wide ones and a parent meeting per class in late November */
	for (size_t i = 0; i < sizeof school_events / sizeof school_events[0]; i++) {
		struct zh_event_row ev = { .title = school_events[i].title, .description = school_events[i].descr,
					   .date = school_events[i].date, .start_time = school_events[i].start,
					   .end_time = school_events[i].end, .place = school_events[i].place,
					   .audience = school_events[i].audience, .created_at = now };
		if ((e = zh_store_event_insert(db, school, &ev, NULL)))
			return e;
	}
	for (size_t i = 0; i < ncls && i < 6; i++) {
		size_t k = (i * 5 + seed) % ncls;
		char date[11];
		zh_day_string(zh_days_civil(2026, 11, 23) + (int64_t)(i % 5), date);
		struct zh_event_row ev = { .title = zh_arena_printf(a, "Родительское собрание %s класса", cls[k].name),
					   .description = "Итоги первой четверти, подготовка к зимним каникулам",
					   .date = date, .start_time = "18:00", .end_time = "19:00",
					   .place = "Классный кабинет", .audience = "class", .class_id = cls[k].id,
					   .created_at = now };
		if ((e = zh_store_event_insert(db, school, &ev, NULL)))
			return e;
	}

	/* the calendar of every period of the year, from the demo timetable */
	for (size_t i = 0; i < nps; i++) {
		struct zh_ls_counts cnt;
		if ((e = zh_lessons_generate_db(db, a, school, ps[i].id, "", now, &cnt)))
			return e;
	}

	/* changes for dates in the week of 16–20 November 2026 */
	struct zh_lesson_filter flt = { .school_id = school, .from = "2026-11-16", .to = "2026-11-20" };
	struct zh_lesson_row *ls;
	size_t nls;
	if ((e = zh_store_lessons_list(db, a, &flt, &ls, &nls)) || nls < 50)
		return e;
	int subs = 0, rooms = 0, cancels = 0;
	for (size_t i = (seed * 7) % 37; i < nls && (subs < 4 || rooms < 3 || cancels < 2); i += 53) {
		struct zh_lesson_row *l = &ls[i];
		const char *title = NULL;
		int64_t sub = 0;
		if (subs < 4) {
			/* the first teacher of another lesson who is free then */
			for (size_t j = (i + 11) % nls, k = 0; k < nls && !sub; k++, j = (j + 1) % nls) {
				bool busy = true, yes = false;
				const char *name;
				if (ls[j].teacher_id == l->teacher_id)
					continue;
				if ((e = zh_store_ls_teacher_busy(db, school, ls[j].teacher_id, l->date, l->lesson_number, l->id,
								  &busy)))
					return e;
				if (busy)
					continue;
				if ((e = zh_store_ls_is_teacher(db, a, school, ls[j].teacher_id, &yes, &name)))
					return e;
				if (!yes)
					continue;
				sub = ls[j].teacher_id;
				title = zh_arena_printf(a, "Замена: %.2s.%.2s, %d урок, %s — %s", l->date + 8, l->date + 5,
							l->lesson_number, l->subject_name, name);
			}
			if (!sub)
				continue;
			if ((e = zh_store_lesson_change_insert(db, school, l->id, "substitution", sub, 0,
							       "Болезнь учителя", 0, now, NULL)))
				return e;
			subs++;
		} else if (rooms < 3 && l->room_id) {
			/* swap into the room of a lesson of the same class on another day: free at this slot? */
			int64_t room = 0;
			for (size_t j = 0; j < nls && !room; j++) {
				bool busy = true;
				if (!ls[j].room_id || ls[j].room_id == l->room_id)
					continue;
				if ((e = zh_store_ls_room_busy(db, school, ls[j].room_id, l->date, l->lesson_number, l->id, &busy)))
					return e;
				if (!busy)
					room = ls[j].room_id;
			}
			if (!room)
				continue;
			const char *rname = NULL;
			if ((e = zh_store_ls_room_name(db, a, school, room, &rname)) ||
			    (e = zh_store_lesson_set_room(db, school, l->id, room)) ||
			    (e = zh_store_lesson_change_insert(db, school, l->id, "room", 0, room, "Ремонт кабинета", 0, now,
							       NULL)))
				return e;
			title = zh_arena_printf(a, "Замена кабинета: %.2s.%.2s, %d урок, %s — каб. %s", l->date + 8,
						l->date + 5, l->lesson_number, l->subject_name, rname ? rname : "");
			rooms++;
		} else if (cancels < 2) {
			if ((e = zh_store_lesson_set_status(db, school, l->id, "cancelled")) ||
			    (e = zh_store_lesson_change_insert(db, school, l->id, "cancel", 0, 0, "Учитель на курсах", 0, now,
							       NULL)))
				return e;
			title = zh_arena_printf(a, "Отмена урока: %.2s.%.2s, %d урок, %s", l->date + 8, l->date + 5,
						l->lesson_number, l->subject_name);
			cancels++;
		} else {
			continue;
		}
		if ((e = zh_store_notify_lesson(db, school, l->class_id, l->subgroup_id, l->teacher_id, sub,
						"timetable_change", title, "", "lesson", l->id, now, NULL)))
			return e;
	}
	return ZH_OK;
}

enum zh_err zh_demo_lessons(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct zh_arena *a = zh_arena_new();
	enum zh_err e;
	if (!a)
		return ZH_ENOMEM;
	e = run(db, a, seed);
	zh_arena_free(a);
	if (e)
		return zh_fail_set(f, e, "demo_lessons", "", "Демо: не удалось создать уроки по датам (%s)",
				   zh_db_errmsg(db));
	return ZH_OK;
}
