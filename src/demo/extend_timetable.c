/* extend_timetable.c: demo bell schedule and a conflict-free weekly timetable for every class (M-07) */
#include "demo/extend.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "store/timetable.h"

#define DAYS 5
#define LESSONS 8
#define SLOT(d, l) ((d) * (LESSONS + 1) + (l))
#define NSLOTS (DAYS * (LESSONS + 1))

static const struct zh_tt_bell_demo {
	const char *start, *end;
} bells[LESSONS] = {
	{ "08:30", "09:10" }, { "09:20", "10:00" }, { "10:20", "11:00" }, { "11:20", "12:00" },
	{ "12:10", "12:50" }, { "13:00", "13:40" }, { "13:50", "14:30" }, { "14:40", "15:20" },
};

static int day_max(int grade)
{
	return grade == 1 ? 4 : grade <= 4 ? 5 : grade <= 7 ? 6 : 7;
}

/* One weekly lesson to place: a class (or two subgroups at once) with up to two teachers. */
struct unit {
	size_t cls;                 /* index into the classes */
	int64_t subject_id;
	int64_t teacher[2], subgroup[2];
	int nparts;
	int hours;
	int weight;                 /* the busiest teacher's hours: harder first */
	int placed_day[DAYS * 2], nplaced;
	int slot[40];
	int64_t room[40][2];
};

struct cls {
	int64_t id, home_room;
	int grade;
	const char *kind;
	unsigned char busy[NSLOTS];
	int count[DAYS];
};

struct occ {
	int64_t id;
	unsigned char busy[NSLOTS];
};

static struct occ *find_occ(struct occ *o, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].id == id)
			return &o[i];
	return NULL;
}

static int cmp_unit(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	if (x->weight != y->weight)
		return y->weight - x->weight;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return x->subject_id < y->subject_id ? -1 : x->subject_id > y->subject_id;
}

static enum zh_err run(struct zh_db *db, struct zh_arena *a, struct zh_fail *f)
{
	struct zh_school_row *schools;
	struct zh_tt_period_row *per;
	struct zh_tt_named *ncls, *rooms;
	struct zh_tt_load *ld;
	size_t nschools, nper, nncls, nrooms, nld;
	int64_t sid;
	enum zh_err e;

	if ((e = zh_store_schools_list(db, a, &schools, &nschools)))
		return e;
	if (!nschools)
		return ZH_OK;
	int64_t school = schools[0].id;
	if ((e = zh_store_bell_schedule_insert(db, school, "Основное расписание звонков", 1, &sid)))
		return e;
	for (int i = 0; i < LESSONS; i++)
		if ((e = zh_store_bell_insert(db, school, sid, i + 1, bells[i].start, bells[i].end)))
			return e;
	if ((e = zh_store_tt_periods(db, a, school, &per, &nper)))
		return e;
	if (!nper)
		return ZH_OK;
	int64_t year = per[0].year_id;
	if ((e = zh_store_tt_classes(db, a, school, &ncls, &nncls)) ||
	    (e = zh_store_tt_rooms(db, a, school, &rooms, &nrooms)) ||
	    (e = zh_store_tt_loads(db, a, school, year, &ld, &nld)))
		return e;

	/* classes of the year, with a home room for grades 1-4 */
	struct cls *cl = zh_arena_alloc(a, sizeof *cl * (nncls + 1));
	struct occ *ro = zh_arena_alloc(a, sizeof *ro * (nrooms + 1));
	if (!cl || !ro)
		return ZH_ENOMEM;
	memset(ro, 0, sizeof *ro * (nrooms + 1));
	size_t nc = 0, next_home = 0;
	for (size_t i = 0; i < nrooms; i++)
		ro[i].id = rooms[i].id;
	for (size_t i = 0; i < nncls; i++) {
		if (ncls[i].year_id != year)
			continue;
		struct cls *c = &cl[nc++];
		memset(c, 0, sizeof *c);
		c->id = ncls[i].id;
		c->grade = ncls[i].grade;
		if ((e = zh_store_tt_grade_kind(db, a, year, c->grade, &c->kind)))
			return e;
		if (c->grade <= 4) {
			while (next_home < nrooms && (rooms[next_home].subject_id || rooms[next_home].name[0] < '0' ||
						      rooms[next_home].name[0] > '9'))
				next_home++;
			if (next_home < nrooms)
				c->home_room = rooms[next_home++].id;
		}
	}

	/* English: when both groups of a class have the same teacher, swap group 2 with another class
	 * of the same hours and a different teacher, so that both groups can learn at once */
	bool *swapped = zh_arena_alloc(a, sizeof *swapped * (nld + 1));
	if (!swapped)
		return ZH_ENOMEM;
	memset(swapped, 0, sizeof *swapped * (nld + 1));
	static const int prio[] = { 7, 6, 9, 8, 5, 11, 10, 4, 3, 2 };
	for (size_t p = 0; p < sizeof prio / sizeof prio[0]; p++)
		for (size_t i = 0; i + 1 < nld; i++) {
			struct zh_tt_load *g1 = &ld[i], *g2 = &ld[i + 1];
			if (g1->grade != prio[p] || !g1->subgroup_id || !g2->subgroup_id || g1->class_id != g2->class_id ||
			    g1->subject_id != g2->subject_id || g1->teacher_id != g2->teacher_id || swapped[i + 1])
				continue;
			for (size_t j = 0; j + 1 < nld; j++) {
				struct zh_tt_load *h1 = &ld[j], *h2 = &ld[j + 1];
				if (!h1->subgroup_id || !h2->subgroup_id || h1->class_id != h2->class_id ||
				    h1->class_id == g1->class_id || h1->subject_id != g1->subject_id ||
				    h1->teacher_id != h2->teacher_id || h1->teacher_id == g1->teacher_id ||
				    h1->hours != g1->hours || swapped[j + 1])
					continue;
				int64_t t = g2->teacher_id;
				g2->teacher_id = h2->teacher_id;
				h2->teacher_id = t;
				swapped[i + 1] = swapped[j + 1] = true;
				if ((e = zh_store_tt_load_set_teacher(db, school, g2->id, g2->teacher_id)) ||
				    (e = zh_store_tt_load_set_teacher(db, school, h2->id, h2->teacher_id)))
					return e;
				break;
			}
		}

	/* units */
	struct unit *u = zh_arena_alloc(a, sizeof *u * (nld + 1));
	struct occ *to = zh_arena_alloc(a, sizeof *to * (nld + 1));
	int *thours = zh_arena_alloc(a, sizeof *thours * (nld + 1));
	if (!u || !to || !thours)
		return ZH_ENOMEM;
	memset(to, 0, sizeof *to * (nld + 1));
	memset(thours, 0, sizeof *thours * (nld + 1));
	size_t nu = 0, nt = 0;
	for (size_t i = 0; i < nld; i++) {
		struct occ *t = find_occ(to, nt, ld[i].teacher_id);
		if (!t) {
			t = &to[nt++];
			t->id = ld[i].teacher_id;
		}
		thours[t - to] += ld[i].hours;
	}
	for (size_t i = 0; i < nld; i++) {
		size_t c = 0;
		while (c < nc && cl[c].id != ld[i].class_id)
			c++;
		if (c == nc || ld[i].hours <= 0)
			continue;
		struct unit *x = &u[nu++];
		memset(x, 0, sizeof *x);
		x->cls = c;
		x->subject_id = ld[i].subject_id;
		x->hours = ld[i].hours > 40 ? 40 : ld[i].hours;
		x->teacher[0] = ld[i].teacher_id;
		x->subgroup[0] = ld[i].subgroup_id;
		x->nparts = 1;
		if (ld[i].subgroup_id && i + 1 < nld && ld[i + 1].subgroup_id && ld[i + 1].class_id == ld[i].class_id &&
		    ld[i + 1].subject_id == ld[i].subject_id && ld[i + 1].teacher_id != ld[i].teacher_id &&
		    ld[i + 1].hours == ld[i].hours) {
			x->teacher[1] = ld[i + 1].teacher_id;
			x->subgroup[1] = ld[i + 1].subgroup_id;
			x->nparts = 2;
			i++;
		}
		for (int k = 0; k < x->nparts; k++) {
			int h = thours[find_occ(to, nt, x->teacher[k]) - to];
			if (h > x->weight)
				x->weight = h;
		}
	}
	qsort(u, nu, sizeof *u, cmp_unit);

	/* greedy placement over (weekday, lesson) */
	for (size_t i = 0; i < nu; i++) {
		struct unit *x = &u[i];
		struct cls *c = &cl[x->cls];
		struct occ *t0 = find_occ(to, nt, x->teacher[0]);
		struct occ *t1 = x->nparts == 2 ? find_occ(to, nt, x->teacher[1]) : NULL;
		int per_day[DAYS] = { 0 };
		for (int h = 0; h < x->hours; h++) {
			int best = -1, best_score = 0;
			for (int relax = 0; relax < 2 && best < 0; relax++) {
				int max = relax ? LESSONS : day_max(c->grade);
				for (int d = 0; d < DAYS; d++)
					for (int l = 1; l <= max; l++) {
						int s = SLOT(d, l);
						if (c->busy[s] || t0->busy[s] || (t1 && t1->busy[s]))
							continue;
						int score = per_day[d] * 1000 + (l != c->count[d] + 1 ? 60 : 0) +
							    c->count[d] * 10 + l;
						if (best < 0 || score < best_score) {
							best = s;
							best_score = score;
						}
					}
			}
			if (best < 0)
				return zh_fail_set(f, ZH_EINTERNAL, "demo", "", "Не удалось составить демонстрационное расписание");
			c->busy[best] = t0->busy[best] = 1;
			if (t1)
				t1->busy[best] = 1;
			c->count[best / (LESSONS + 1)]++;
			per_day[best / (LESSONS + 1)]++;
			x->slot[x->nplaced] = best;
			/* rooms: subject room, home room (1-4), a spare numbered room, any free room */
			for (int k = 0; k < x->nparts; k++) {
				struct occ *r = NULL;
				for (size_t q = 0; q < nrooms && !r; q++)
					if (rooms[q].subject_id == x->subject_id && !ro[q].busy[best])
						r = &ro[q];
				if (!r && c->home_room && k == 0) {
					struct occ *hr = find_occ(ro, nrooms, c->home_room);
					if (hr && !hr->busy[best])
						r = hr;
				}
				for (int pass = 0; pass < 2 && !r; pass++)
					for (size_t q = 0; q < nrooms && !r; q++) {
						bool home = false;
						for (size_t z = 0; z < nc && !home; z++)
							home = cl[z].home_room == rooms[q].id;
						bool spare = !rooms[q].subject_id && !home && rooms[q].name[0] >= '0' &&
							     rooms[q].name[0] <= '9';
						if ((pass || spare) && !ro[q].busy[best])
							r = &ro[q];
					}
				if (r) {
					r->busy[best] = 1;
					x->room[x->nplaced][k] = r->id;
				}
			}
			x->nplaced++;
		}
	}

	/* the same week in every period of the class's kind */
	for (size_t i = 0; i < nu; i++) {
		struct unit *x = &u[i];
		struct cls *c = &cl[x->cls];
		for (size_t p = 0; p < nper; p++) {
			if (per[p].year_id != year || strcmp(per[p].kind, c->kind))
				continue;
			for (int h = 0; h < x->nplaced; h++)
				for (int k = 0; k < x->nparts; k++) {
					struct zh_tt_row r = {
						.period_id = per[p].id, .weekday = x->slot[h] / (LESSONS + 1) + 1,
						.lesson = x->slot[h] % (LESSONS + 1), .class_id = c->id,
						.subgroup_id = x->subgroup[k], .subject_id = x->subject_id,
						.teacher_id = x->teacher[k], .room_id = x->room[h][k],
					};
					if ((e = zh_store_tt_insert(db, school, &r, 1788220800LL, NULL)))
						return e;
				}
		}
	}
	return ZH_OK;
}

enum zh_err zh_demo_timetable(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	(void)seed;
	struct zh_arena *a = zh_arena_new();
	if (!a)
		return ZH_ENOMEM;
	enum zh_err e = run(db, a, f);
	zh_arena_free(a);
	return e;
}
