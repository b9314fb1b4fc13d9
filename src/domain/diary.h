/* diary.h: the electronic diary of a student (M-10): the students a user may open, the week,
 * marks by subject with averages and forecasts, attendance, homework, and the views log.
 * A student sees self, a parent own children (diary.view.self); anyone else gets the same 403
 * whether or not the student exists. */
#ifndef ZH_DIARY_H
#define ZH_DIARY_H

#include "domain/ctx.h"
#include "domain/diary_cache.h"
#include "domain/grading.h"
#include "store/diary.h"
#include "store/school.h"

enum zh_err zh_diary_students(struct zh_ctx *c, struct zh_dy_student **rows, size_t *n);

struct zh_diary_week {
	struct zh_dy_student s;
	char start[11], end[11], prev[11], next[11], today[11];
	struct zh_dy_week w;
};
/* week: any day of the week ("YYYY-MM-DD") or NULL for this week in the school's zone. */
enum zh_err zh_diary_week(struct zh_ctx *c, int64_t student_id, const char *week, struct zh_diary_week *out);
/* The same in two steps, for the cache of rendered weeks (domain/diary_cache.h): the checks (the
 * week's Monday, today, access) and the cache key with the school's generation; then the data
 * of that key. Viewing is recorded by zh_diary_week_viewed (also on a cache hit). */
enum zh_err zh_diary_week_key(struct zh_ctx *c, int64_t student_id, const char *week, struct zh_diary_key *k);
enum zh_err zh_diary_week_data(struct zh_ctx *c, const struct zh_diary_key *k, struct zh_diary_week *out);
void zh_diary_week_viewed(struct zh_ctx *c, const struct zh_diary_key *k);

struct zh_diary_subject {
	const struct zh_dy_subject *subject;
	const struct zh_dy_mark *marks;   /* this subject's marks (a run of zh_diary_marks.m.marks) */
	size_t nmarks;
	bool has_average;
	double average;                   /* rounded to two decimals */
	int suggested;
	const struct zh_dy_final *period_mark;
	/* forecast: the next mark above the suggested one and what reaches it (has_next false when
	 * already at the top of the scale or nothing to average) */
	bool has_next;
	int target;
	int fives;                        /* -1: not within 50 marks */
	int mix_fours, mix_fives;         /* -1/-1: not within 50 marks */
};
struct zh_diary_marks {
	struct zh_dy_student s;
	struct zh_dy_period period;
	struct zh_dy_period *periods;  /* every period of the student's year, for a switcher */
	size_t nperiods;
	struct zh_school_settings settings;
	struct zh_dy_marks m;
	struct zh_diary_subject *subjects;
	size_t nsubjects;
};
enum zh_err zh_diary_marks(struct zh_ctx *c, int64_t student_id, int64_t period_id, struct zh_diary_marks *out);

struct zh_diary_attendance {
	struct zh_dy_student s;
	struct zh_dy_period period;
	int64_t total_lessons, missed;
	int64_t n_absent, n_late, n_ill, r_excused, r_unexcused, r_none;
	struct zh_dy_absence *items;
	size_t nitems;
};
enum zh_err zh_diary_attendance(struct zh_ctx *c, int64_t student_id, int64_t period_id,
				struct zh_diary_attendance *out);

/* Upcoming: lessons of the next 14 days (today included) with homework. Overdue: assignments
 * «Домашнее задание» due in the 30 days before today, of lessons held, without a mark, pass or
 * fail of the student («точка» counts as still owed). */
struct zh_diary_homework {
	struct zh_dy_student s;
	char today[11], until[11], overdue_from[11];
	struct zh_dy_homework *upcoming, *overdue;
	size_t nupcoming, noverdue;
};
enum zh_err zh_diary_homework(struct zh_ctx *c, int64_t student_id, struct zh_diary_homework *out);

/* Who viewed the student's diary (journal.view over the student's class). */
enum zh_err zh_diary_views(struct zh_ctx *c, int64_t student_id, int limit, int offset,
			   struct zh_dy_view_row **rows, size_t *n, int64_t *total);

/* The cheapest mix of (value-1)s and values with at least one (value-1) — fewest marks, then the
 * most of the lower one — bringing the average to target («или 1 четвёрка и 2 пятёрки»); false
 * when not within limit marks. */
bool zh_diary_mix(const struct zh_grade *g, size_t n, bool weighted, double threshold, int target, int value,
		  double weight, int limit, int *lower, int *upper);

#endif
