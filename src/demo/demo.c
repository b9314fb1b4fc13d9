/* demo.c: the demonstration school: a deterministic Samara school with people, classes and accounts */
#include "demo/demo.h"
#include "demo/extend.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fold.h"
#include "core/log.h"
#include "demo/names.h"
#include "domain/acl.h"
#include "domain/auth.h"
#include "domain/roles.h"

#define REGION_NAME "Самарская область"
#define SCHOOL_NAME "Государственное бюджетное общеобразовательное учреждение Самарской области" \
	" средняя общеобразовательная школа № 17 г.о. Самара"
#define SCHOOL_SHORT "ГБОУ СОШ № 17"
#define SCHOOL_TZ "Europe/Samara"
#define YEAR_NAME "2026/2027"
#define YEAR_START "2026-09-01"
#define YEAR_END "2027-08-31"
#define YEAR_FIRST 2026          /* calendar year the school year starts in */
#define HASH_THREADS 2
#define MAX_CLASSES 40
#define TEACHER_PARENTS 4        /* teachers who also have a child in the school */

/* ---- deterministic random numbers: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static int rnd(struct rng *r, int n)
{
	return (int)(next(r) % (uint64_t)n);
}

static int between(struct rng *r, int lo, int hi)
{
	return lo + rnd(r, hi - lo + 1);
}

static bool chance(struct rng *r, int pct)
{
	return rnd(r, 100) < pct;
}

/* ---- the curriculum ---- */

enum prof {
	P_CLASS,  /* the class teacher of a primary class */
	P_RUS, P_MATH, P_INF, P_HIST, P_GEO, P_BIO, P_CHEM, P_PHYS, P_ENG, P_MUS, P_ART, P_TECH,
	P_PE, P_OBZR,
	P_HEAD,   /* the head (завуч) */
	P_COUNT
};

struct subject {
	const char *name, *short_name;
	int lo, hi;       /* grades */
	enum prof prof;   /* who teaches it in grades 5-11 (and in 1-4 unless by_ct) */
	bool by_ct;       /* in grades 1-4 taught by the class teacher */
};

static const struct subject subjects[] = {
	{ "Русский язык", "Рус. яз.", 1, 11, P_RUS, true },
	{ "Литературное чтение", "Лит. чт.", 1, 4, P_RUS, true },
	{ "Литература", "Лит-ра", 5, 11, P_RUS, false },
	{ "Математика", "Матем.", 1, 6, P_MATH, true },
	{ "Алгебра", "Алгебра", 7, 11, P_MATH, false },
	{ "Геометрия", "Геом.", 7, 11, P_MATH, false },
	{ "Вероятность и статистика", "Вер. и стат.", 7, 9, P_HEAD, false },
	{ "Информатика", "Информ.", 7, 11, P_INF, false },
	{ "Окружающий мир", "Окр. мир", 1, 4, P_CLASS, true },
	{ "История", "История", 5, 11, P_HIST, false },
	{ "Обществознание", "Общест.", 6, 11, P_HIST, false },
	{ "География", "Геогр.", 5, 11, P_GEO, false },
	{ "Биология", "Биол.", 5, 11, P_BIO, false },
	{ "Физика", "Физика", 7, 11, P_PHYS, false },
	{ "Химия", "Химия", 8, 11, P_CHEM, false },
	{ "Английский язык", "Англ. яз.", 2, 11, P_ENG, false },
	{ "Музыка", "Музыка", 1, 8, P_MUS, false },
	{ "Изобразительное искусство", "ИЗО", 1, 7, P_ART, true },
	{ "Труд (технология)", "Труд", 1, 9, P_TECH, true },
	{ "Физическая культура", "Физ-ра", 1, 11, P_PE, false },
	{ "Основы безопасности и защиты Родины", "ОБЗР", 8, 11, P_OBZR, false },
	{ "Основы религиозных культур и светской этики", "ОРКСЭ", 4, 4, P_CLASS, true },
	{ "Основы духовно-нравственной культуры народов России", "ОДНКНР", 5, 6, P_HIST, false },
};
#define NSUBJECTS ((int)(sizeof subjects / sizeof subjects[0]))

/* Subject teachers per profile, and how many of them are men (percent). */
static const struct {
	enum prof prof;
	int n, male_pct;
} staffing[] = {
	{ P_RUS, 7, 0 }, { P_MATH, 6, 15 }, { P_INF, 2, 60 }, { P_HIST, 3, 30 }, { P_GEO, 2, 30 },
	{ P_BIO, 1, 0 }, { P_CHEM, 1, 10 }, { P_PHYS, 2, 50 }, { P_ENG, 5, 0 }, { P_MUS, 1, 20 },
	{ P_ART, 1, 0 }, { P_TECH, 2, 50 }, { P_PE, 3, 60 }, { P_OBZR, 1, 100 },
};

/* Parallel classes per grade (index = grade) and class sizes. */
static const int parallels[12] = { 0, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2 };
static const char *const letters[] = { "А", "Б", "В" };

static void class_size_range(int grade, int *lo, int *hi)
{
	if (grade <= 4)
		*lo = 25, *hi = 28;
	else if (grade <= 7)
		*lo = 22, *hi = 25;
	else if (grade <= 9)
		*lo = 21, *hi = 24;
	else
		*lo = 17, *hi = 20;
}

/* Service accounts with fixed logins. */
static const struct {
	const char *login;
	int role;       /* school role, or ZH_ROLE_REGION_ADMIN */
	int female_pct;
	int born_lo, born_hi;
} service[] = {
	{ "admin", ZH_ROLE_ADMIN, 40, 1978, 1996 },
	{ "head", ZH_ROLE_HEAD, 80, 1966, 1982 },
	{ "secretary", ZH_ROLE_SECRETARY, 95, 1970, 2000 },
	{ "medic", ZH_ROLE_MEDIC, 90, 1965, 1995 },
	{ "psychologist", ZH_ROLE_PSYCHOLOGIST, 90, 1975, 1998 },
	{ "hr", ZH_ROLE_HR, 90, 1965, 1995 },
	{ "staff", ZH_ROLE_STAFF, 30, 1960, 1995 },
	{ "region", ZH_ROLE_REGION_ADMIN, 60, 1970, 1990 },
};
#define NSERVICE ((int)(sizeof service / sizeof service[0]))

/* ---- the plan: everything decided in memory before the database is touched ---- */

struct pers {
	const char *last, *first, *middle;
	char gender;            /* 'm' or 'f' */
	int byear;
	char birth[16];
	int sur;                /* index in zh_demo_surnames */
	int male;               /* index in zh_demo_males of a man's first name, else -1 */
	unsigned roles;         /* bit r: school role r */
	bool region;            /* region administrator */
	enum prof prof;         /* teachers */
	bool class_teacher;
	const char *login;      /* fixed login, or chosen when written */
	char pw[16];            /* temporary password (no opts.password) */
	char *hash;             /* shared by everyone when opts.password is given */
	int64_t id;
};

struct klass {
	int grade;
	const char *letter;
	int size, filled;
	int teacher;            /* person index */
	int64_t id;
};

struct family {
	int kcls[3];            /* class index of each child, oldest first */
	int nk;
	int teacher;            /* a teacher who is a parent of this family, or -1 */
};

struct pair {
	int a, b, c;
};

struct plan {
	struct zh_arena *a;
	struct rng rng;
	struct pers *p;
	int np, cap;
	struct klass cls[MAX_CLASSES];
	int ncls;
	int prof_teacher[P_COUNT][MAX_CLASSES];
	struct family *fam;
	int nfam;
	struct pair *cs;             /* (class, student) */
	struct pair *links;          /* (parent, child, 1 for the mother) */
	struct pair *ts;             /* (teacher, subject, class) */
	int ncs, nlinks, nts;
	int head;
	int nstudents, nparents, nteachers, nsiblings;
	bool told;                   /* the failure slot is already filled */
};

static struct pers *new_person(struct plan *pl)
{
	struct pers *p = &pl->p[pl->np++];
	memset(p, 0, sizeof *p);
	p->male = -1;
	p->prof = P_COUNT;
	return p;
}

static int pick_male(struct rng *r, unsigned gen)
{
	for (;;) {
		int i = rnd(r, (int)zh_demo_males_n);
		if (zh_demo_males[i].gen & gen)
			return i;
	}
}

static const char *pick_female(struct rng *r, unsigned gen)
{
	for (;;) {
		int i = rnd(r, (int)zh_demo_females_n);
		if (zh_demo_females[i].gen & gen)
			return zh_demo_females[i].name;
	}
}

static const char *surname(struct plan *pl, int sur, char gender)
{
	char buf[128];
	return zh_arena_strdup(pl->a, zh_demo_surname(zh_demo_surnames[sur], gender, buf, sizeof buf));
}

static const char *patronymic(int father, char gender)
{
	return gender == 'f' ? zh_demo_males[father].pat_f : zh_demo_males[father].pat_m;
}

static void birth_date(struct rng *r, struct pers *p, int year, int m_lo, int m_hi)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m = between(r, m_lo, m_hi);
	int d = between(r, 1, mdays[m - 1]);
	p->byear = year;
	snprintf(p->birth, sizeof p->birth, "%04u-%02u-%02u", (unsigned)year % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

/* An adult with a random name (sur < 0: random surname). */
static struct pers *adult(struct plan *pl, char gender, int sur, int year_lo, int year_hi)
{
	struct pers *p = new_person(pl);
	struct rng *r = &pl->rng;

	p->gender = gender;
	p->sur = sur >= 0 ? sur : rnd(r, (int)zh_demo_surnames_n);
	p->last = surname(pl, p->sur, gender);
	if (gender == 'm') {
		p->male = pick_male(r, ZH_DEMO_ADULT);
		p->first = zh_demo_males[p->male].name;
	} else {
		p->first = pick_female(r, ZH_DEMO_ADULT);
	}
	p->middle = patronymic(pick_male(r, ZH_DEMO_OLD), gender);
	birth_date(r, p, between(r, year_lo, year_hi), 1, 12);
	return p;
}

static void plan_classes(struct plan *pl)
{
	for (int g = 1; g <= 11; g++)
		for (int k = 0; k < parallels[g]; k++) {
			struct klass *c = &pl->cls[pl->ncls++];
			int lo, hi;
			class_size_range(g, &lo, &hi);
			c->grade = g;
			c->letter = letters[k];
			c->size = between(&pl->rng, lo, hi);
			c->teacher = -1;
			pl->nstudents += c->size;
		}
}

static void plan_service(struct plan *pl)
{
	for (int i = 0; i < NSERVICE; i++) {
		char g = chance(&pl->rng, service[i].female_pct) ? 'f' : 'm';
		struct pers *p = adult(pl, g, -1, service[i].born_lo, service[i].born_hi);
		p->login = service[i].login;
		if (service[i].role == ZH_ROLE_REGION_ADMIN)
			p->region = true;
		else
			p->roles |= 1u << service[i].role;
		if (service[i].role == ZH_ROLE_HEAD) {
			/* the head (завуч) also teaches */
			p->roles |= 1u << ZH_ROLE_TEACHER;
			p->prof = P_HEAD;
			pl->head = pl->np - 1;
		}
	}
}

static bool profile_teaches(enum prof prof, int grade)
{
	for (int s = 0; s < NSUBJECTS; s++)
		if (subjects[s].prof == prof && grade >= subjects[s].lo && grade <= subjects[s].hi &&
		    !(grade <= 4 && subjects[s].by_ct))
			return true;
	return false;
}

static struct pers *teacher(struct plan *pl, int male_pct, enum prof prof)
{
	char g = chance(&pl->rng, male_pct) ? 'm' : 'f';
	struct pers *p = adult(pl, g, -1, 1962, 1999);
	p->roles |= 1u << ZH_ROLE_TEACHER;
	p->prof = prof;
	return p;
}

static void plan_teachers(struct plan *pl)
{
	struct rng *r = &pl->rng;

	/* primary classes: one class teacher each, teaching most subjects of the class */
	for (int c = 0; c < pl->ncls; c++)
		if (pl->cls[c].grade <= 4) {
			struct pers *p = teacher(pl, 3, P_CLASS);
			p->class_teacher = true;
			pl->cls[c].teacher = pl->np - 1;
		}
	for (int k = 0; k < P_COUNT; k++)
		for (int c = 0; c < MAX_CLASSES; c++)
			pl->prof_teacher[k][c] = -1;
	/* subject teachers: the classes of a profile split in contiguous runs */
	for (size_t k = 0; k < sizeof staffing / sizeof staffing[0]; k++) {
		int elig[MAX_CLASSES], ne = 0, first = pl->np;
		for (int c = 0; c < pl->ncls; c++)
			if (profile_teaches(staffing[k].prof, pl->cls[c].grade))
				elig[ne++] = c;
		for (int t = 0; t < staffing[k].n; t++)
			teacher(pl, staffing[k].male_pct, staffing[k].prof);
		for (int j = 0; j < ne; j++)
			pl->prof_teacher[staffing[k].prof][elig[j]] = first + j * staffing[k].n / ne;
	}
	for (int c = 0; c < pl->ncls; c++)
		pl->prof_teacher[P_HEAD][c] = pl->head;
	/* the load: every subject of every class */
	for (int c = 0; c < pl->ncls; c++)
		for (int s = 0; s < NSUBJECTS; s++) {
			int g = pl->cls[c].grade;
			if (g < subjects[s].lo || g > subjects[s].hi)
				continue;
			int t = g <= 4 && subjects[s].by_ct ? pl->cls[c].teacher
							      : pl->prof_teacher[subjects[s].prof][c];
			pl->ts[pl->nts++] = (struct pair){ t, s, c };
		}
	/* class teachers of grades 5-11: someone who teaches the class */
	for (int c = 0; c < pl->ncls; c++) {
		int cand[64], n = 0;
		if (pl->cls[c].grade <= 4)
			continue;
		for (int i = 0; i < pl->nts && n < 64; i++) {
			int t = pl->ts[i].a;
			if (pl->ts[i].c == c && t != pl->head && !pl->p[t].class_teacher)
				cand[n++] = t;
		}
		if (!n)
			for (int t = 0; t < pl->np && n < 64; t++)
				if (pl->p[t].prof != P_COUNT && pl->p[t].prof != P_CLASS && t != pl->head &&
				    !pl->p[t].class_teacher)
					cand[n++] = t;
		if (!n)
			continue;
		int t = cand[rnd(r, n)];
		pl->p[t].class_teacher = true;
		pl->cls[c].teacher = t;
	}
	for (int i = 0; i < pl->np; i++)
		if (pl->p[i].roles & (1u << ZH_ROLE_TEACHER))
			pl->nteachers++;
}

static int child_year(int grade)
{
	return YEAR_FIRST - 6 - grade;  /* grade 1 in 2026: born 2019 */
}

/* A class of the grade with a free place, or -1. */
static int free_class(struct plan *pl, int grade)
{
	int cand[3], n = 0;
	for (int c = 0; c < pl->ncls; c++)
		if (pl->cls[c].grade == grade && pl->cls[c].filled < pl->cls[c].size)
			cand[n++] = c;
	return n ? cand[rnd(&pl->rng, n)] : -1;
}

static void plan_placement(struct plan *pl)
{
	struct rng *r = &pl->rng;
	int n3 = between(r, 3, 5), n2 = between(r, 30, 38);

	/* families with 2-3 children in different grades (at least two grades apart) */
	for (int f = 0; f < n3 + n2; f++) {
		int k = f < n3 ? 3 : 2;
		for (int attempt = 0; attempt < 100; attempt++) {
			int grades[3], cl[3] = { -1, -1, -1 };
			bool ok = true;
			for (int i = 0; i < k && ok; i++) {
				grades[i] = between(r, 1, 11);
				for (int j = 0; j < i; j++)
					if (abs(grades[i] - grades[j]) < 2)
						ok = false;
			}
			if (!ok)
				continue;
			/* oldest first */
			for (int i = 1; i < k; i++)
				for (int j = i; j > 0 && grades[j] > grades[j - 1]; j--) {
					int t = grades[j];
					grades[j] = grades[j - 1];
					grades[j - 1] = t;
				}
			for (int i = 0; i < k && ok; i++) {
				cl[i] = free_class(pl, grades[i]);
				ok = cl[i] >= 0;
				if (ok)
					pl->cls[cl[i]].filled++;  /* taken; undone below on failure */
			}
			if (!ok) {
				/* give back the places taken in this attempt */
				for (int i = 0; i < k && cl[i] >= 0; i++)
					pl->cls[cl[i]].filled--;
				continue;
			}
			struct family *fa = &pl->fam[pl->nfam++];
			fa->nk = k;
			fa->teacher = -1;
			memcpy(fa->kcls, cl, sizeof cl);
			pl->nsiblings += k;
			break;
		}
	}
	/* everyone else: one child per family */
	for (int c = 0; c < pl->ncls; c++)
		while (pl->cls[c].filled < pl->cls[c].size) {
			struct family *fa = &pl->fam[pl->nfam++];
			fa->nk = 1;
			fa->kcls[0] = c;
			fa->teacher = -1;
			pl->cls[c].filled++;
		}
}

/* A few teachers are parents of a family whose children's ages fit theirs. */
static void plan_teacher_parents(struct plan *pl)
{
	struct rng *r = &pl->rng;
	int want_f = TEACHER_PARENTS - 1, want_m = 1;
	int start = rnd(r, pl->np);

	for (int k = 0; k < pl->np && (want_f || want_m); k++) {
		int t = (start + k) % pl->np;
		struct pers *p = &pl->p[t];
		if (!(p->roles & (1u << ZH_ROLE_TEACHER)) || t == pl->head)
			continue;
		if (p->gender == 'f' ? !want_f : !want_m)
			continue;
		int f0 = rnd(r, pl->nfam);
		for (int j = 0; j < pl->nfam; j++) {
			struct family *fa = &pl->fam[(f0 + j) % pl->nfam];
			int oldest = child_year(pl->cls[fa->kcls[0]].grade);
			int youngest = child_year(pl->cls[fa->kcls[fa->nk - 1]].grade);
			if (fa->teacher >= 0 || oldest - p->byear < 22 || youngest - p->byear > 40)
				continue;
			fa->teacher = t;
			if (p->gender == 'f')
				want_f--;
			else
				want_m--;
			break;
		}
	}
}

static void link_parent(struct plan *pl, int parent, int child)
{
	pl->links[pl->nlinks++] = (struct pair){ parent, child, pl->p[parent].gender == 'f' };
}

static void plan_family(struct plan *pl, const struct family *fa)
{
	struct rng *r = &pl->rng;
	int oldest = child_year(pl->cls[fa->kcls[0]].grade);
	int fam_sur, father_name, mother = -1, father = -1;
	bool has_mother, has_father;

	if (fa->teacher >= 0 && pl->p[fa->teacher].gender == 'f') {
		mother = fa->teacher;
		fam_sur = pl->p[mother].sur;
		father_name = pick_male(r, ZH_DEMO_ADULT);
		has_mother = true;
		has_father = chance(r, 60);
	} else if (fa->teacher >= 0) {
		father = fa->teacher;
		fam_sur = pl->p[father].sur;
		father_name = pl->p[father].male;
		has_father = true;
		has_mother = chance(r, 80);
	} else {
		int k = rnd(r, 100);
		fam_sur = rnd(r, (int)zh_demo_surnames_n);
		father_name = pick_male(r, ZH_DEMO_ADULT);
		has_mother = k < 93;
		has_father = k < 65 || k >= 93;
	}
	if (has_father && father < 0) {
		int y = oldest - between(r, 24, 40);
		struct pers *p = adult(pl, 'm', fam_sur, y, y);
		p->male = father_name;
		p->first = zh_demo_males[father_name].name;
		father = pl->np - 1;
	}
	if (has_mother && mother < 0) {
		/* most mothers share the family surname; some kept their own */
		int sur = chance(r, 88) ? fam_sur : rnd(r, (int)zh_demo_surnames_n);
		int y = oldest - between(r, 21, 37);
		adult(pl, 'f', sur, y, y);
		mother = pl->np - 1;
	}
	if (father >= 0)
		pl->p[father].roles |= 1u << ZH_ROLE_PARENT;
	if (mother >= 0)
		pl->p[mother].roles |= 1u << ZH_ROLE_PARENT;
	for (int i = 0; i < fa->nk; i++) {
		const struct klass *c = &pl->cls[fa->kcls[i]];
		struct pers *p = new_person(pl);
		int child = pl->np - 1;
		p->gender = chance(r, 50) ? 'f' : 'm';
		p->sur = fam_sur;
		p->last = surname(pl, fam_sur, p->gender);
		/* siblings do not share a first name */
		for (bool dup = true; dup;) {
			if (p->gender == 'm') {
				p->male = pick_male(r, ZH_DEMO_CHILD);
				p->first = zh_demo_males[p->male].name;
			} else {
				p->first = pick_female(r, ZH_DEMO_CHILD);
			}
			dup = false;
			for (int j = child - i; j < child; j++)
				if (strcmp(pl->p[j].first, p->first) == 0)
					dup = true;
		}
		p->middle = patronymic(father_name, p->gender);
		/* most are born in the grade's year, some only children in the autumn before
		 * (siblings, two grades apart, then stay at least a year apart) */
		if (fa->nk == 1 && chance(r, 15))
			birth_date(r, p, child_year(c->grade) - 1, 9, 12);
		else
			birth_date(r, p, child_year(c->grade), 1, 12);
		p->roles = 1u << ZH_ROLE_STUDENT;
		pl->cs[pl->ncs++] = (struct pair){ fa->kcls[i], child, 0 };
		if (mother >= 0)
			link_parent(pl, mother, child);
		if (father >= 0)
			link_parent(pl, father, child);
	}
}

static enum zh_err plan_build(struct plan *pl, unsigned seed)
{
	pl->rng.s = 0x7A68757266ull ^ ((uint64_t)seed * 0x2545F4914F6CDD1Dull);
	plan_classes(pl);
	pl->cap = NSERVICE + 80 + 3 * pl->nstudents;
	pl->p = zh_arena_alloc(pl->a, sizeof *pl->p * (size_t)pl->cap);
	pl->fam = zh_arena_alloc(pl->a, sizeof *pl->fam * (size_t)pl->nstudents);
	pl->cs = zh_arena_alloc(pl->a, sizeof *pl->cs * (size_t)pl->nstudents);
	pl->links = zh_arena_alloc(pl->a, sizeof *pl->links * (size_t)pl->nstudents * 2);
	pl->ts = zh_arena_alloc(pl->a, sizeof *pl->ts * (size_t)pl->ncls * NSUBJECTS);
	if (!pl->p || !pl->fam || !pl->cs || !pl->links || !pl->ts)
		return ZH_ENOMEM;
	plan_service(pl);
	plan_teachers(pl);
	plan_placement(pl);
	plan_teacher_parents(pl);
	for (int f = 0; f < pl->nfam; f++)
		plan_family(pl, &pl->fam[f]);
	for (int i = 0; i < pl->np; i++) {
		if (!pl->p[i].last)
			return ZH_ENOMEM;  /* an arena string failed */
		pl->nparents += (pl->p[i].roles & (1u << ZH_ROLE_PARENT)) != 0;
	}
	for (int i = 0; i < pl->nts; i++)
		if (pl->ts[i].a < 0)
			return ZH_EINTERNAL;  /* a subject of a class without a teacher */
	return ZH_OK;
}

/* ---- passwords ---- */

struct hash_job {
	struct plan *pl;
	int from, step;
	enum zh_err err;
};

static void *hash_some(void *arg)
{
	struct hash_job *j = arg;
	for (int i = j->from; i < j->pl->np && !j->err; i += j->step) {
		struct pers *p = &j->pl->p[i];
		j->err = zh_auth_hash_password(p->pw, ZH_PW_GENERATED, p->hash);
	}
	return NULL;
}

static enum zh_err hash_passwords(struct plan *pl, const char *password)
{
	if (password) {
		char *h = zh_arena_alloc(pl->a, 128);
		enum zh_err e;
		if (!h)
			return ZH_ENOMEM;
		if ((e = zh_auth_hash_password(password, ZH_PW_INTERACTIVE, h)))
			return e;
		for (int i = 0; i < pl->np; i++)
			pl->p[i].hash = h;
		return ZH_OK;
	}
	/* the arena is not thread-safe: allocate here, hash in the threads */
	for (int i = 0; i < pl->np; i++) {
		if (!(pl->p[i].hash = zh_arena_alloc(pl->a, 128)))
			return ZH_ENOMEM;
		zh_auth_temp_password(pl->p[i].pw);
	}

	struct hash_job jobs[HASH_THREADS];
	pthread_t th[HASH_THREADS];
	bool started[HASH_THREADS] = { false };
	enum zh_err e = ZH_OK;
	for (int t = 0; t < HASH_THREADS; t++) {
		jobs[t] = (struct hash_job){ pl, t, HASH_THREADS, ZH_OK };
		started[t] = t > 0 && pthread_create(&th[t], NULL, hash_some, &jobs[t]) == 0;
	}
	/* thread 0 is this one; a slot whose thread did not start is done here too */
	for (int t = 0; t < HASH_THREADS; t++)
		if (!started[t])
			hash_some(&jobs[t]);
	for (int t = 0; t < HASH_THREADS; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		if (jobs[t].err && !e)
			e = jobs[t].err;
	}
	return e;
}

/* ---- writing ---- */

/* The first letter of UTF-8 text, transliterated. */
static void initial(const char *s, char *out, size_t cap)
{
	char one[8] = { 0 };
	size_t n = 1;
	if (!*s) {
		out[0] = 0;
		return;
	}
	while (n < sizeof one - 1 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	memcpy(one, s, n);
	zh_demo_translit(one, out, cap);
}

static enum zh_err choose_login(struct zh_db *db, struct plan *pl, struct pers *p)
{
	char base[96], a[16], b[16], cand[112];
	enum zh_err e;

	zh_demo_translit(p->last, base, 64);
	initial(p->first, a, sizeof a);
	initial(p->middle, b, sizeof b);
	size_t n = strlen(base);
	snprintf(base + n, sizeof base - n, ".%s%s", a, b);
	for (int k = 1; k < 10000; k++) {
		bool taken;
		if (k == 1)
			snprintf(cand, sizeof cand, "%s", base);
		else
			snprintf(cand, sizeof cand, "%s%d", base, k);
		if ((e = zh_store_user_login_exists(db, cand, &taken)))
			return e;
		if (!taken) {
			p->login = zh_arena_strdup(pl->a, cand);
			return p->login ? ZH_OK : ZH_ENOMEM;
		}
	}
	return ZH_ECONFLICT;
}

static enum zh_err write_person(struct zh_db *db, struct plan *pl, struct pers *p, int64_t school_id,
				int64_t region_id, struct zh_fail *f)
{
	struct zh_person_row row = {
		.last_name = p->last, .first_name = p->first, .middle_name = p->middle,
		.gender = p->gender == 'f' ? "f" : "m", .birth_date = p->birth,
	};
	char *full = zh_arena_printf(pl->a, "%s %s %s", p->last, p->first, p->middle);
	char *fold = full ? zh_fold(pl->a, full, strlen(full)) : NULL;
	int64_t uid;
	enum zh_err e;

	if (!fold)
		return ZH_ENOMEM;
	if ((e = zh_store_person_insert(db, &row, fold, &p->id)))
		return e;
	if (p->login) {
		bool taken;
		if ((e = zh_store_user_login_exists(db, p->login, &taken)))
			return e;
		if (taken) {
			pl->told = true;
			return zh_fail_set(f, ZH_ECONFLICT, "login_exists", "login",
					   "Учётная запись «%s» уже существует: демонстрационную школу"
					   " можно создать только в новой базе", p->login);
		}
	} else if ((e = choose_login(db, pl, p))) {
		return e;
	}
	if ((e = zh_store_user_insert(db, p->id, p->login, p->hash, p->pw[0] != 0, &uid)))
		return e;
	for (int role = 1; role <= ZH_SCHOOL_ROLES; role++)
		if ((p->roles & (1u << role)) && (e = zh_store_user_role_add(db, uid, school_id, role)))
			return e;
	if (p->region && (e = zh_store_user_region_role_add(db, uid, region_id, ZH_ROLE_REGION_ADMIN)))
		return e;
	return ZH_OK;
}

static enum zh_err write_all(struct zh_db *db, struct plan *pl, struct zh_fail *f)
{
	int64_t region_id, school_id, year_id, subj[NSUBJECTS];
	enum zh_err e;

	if ((e = zh_store_region_insert(db, REGION_NAME, &region_id)) ||
	    (e = zh_store_school_insert(db, region_id, SCHOOL_NAME, SCHOOL_SHORT, SCHOOL_TZ, &school_id)) ||
	    (e = zh_acl_seed_school(db, school_id)) ||
	    (e = zh_store_year_insert(db, school_id, YEAR_NAME, YEAR_START, YEAR_END, &year_id)))
		return e;
	for (int s = 0; s < NSUBJECTS; s++)
		if ((e = zh_store_subject_insert(db, school_id, subjects[s].name, subjects[s].short_name,
						 &subj[s])))
			return e;
	for (int i = 0; i < pl->np; i++)
		if ((e = write_person(db, pl, &pl->p[i], school_id, region_id, f)))
			return e;
	for (int c = 0; c < pl->ncls; c++) {
		struct klass *k = &pl->cls[c];
		int64_t tid = k->teacher >= 0 ? pl->p[k->teacher].id : 0;
		if ((e = zh_store_class_insert(db, school_id, year_id, k->grade, k->letter, tid, &k->id)))
			return e;
	}
	for (int i = 0; i < pl->ncs; i++)
		if ((e = zh_store_class_student_add(db, school_id, pl->cls[pl->cs[i].a].id,
						    pl->p[pl->cs[i].b].id)))
			return e;
	for (int i = 0; i < pl->nlinks; i++)
		if ((e = zh_store_parent_link_add(db, school_id, pl->p[pl->links[i].a].id,
						  pl->p[pl->links[i].b].id, pl->links[i].c ? "мать" : "отец")))
			return e;
	for (int i = 0; i < pl->nts; i++)
		if ((e = zh_store_teacher_subject_add(db, school_id, pl->p[pl->ts[i].a].id,
						      subj[pl->ts[i].b], pl->cls[pl->ts[i].c].id)))
			return e;
	return ZH_OK;
}

static enum zh_err school_exists(struct zh_db *db, struct zh_arena *a, struct zh_fail *f)
{
	struct zh_school_row *rows;
	size_t n;
	enum zh_err e = zh_store_schools_list(db, a, &rows, &n);
	if (e)
		return e;
	if (n)
		return zh_fail_set(f, ZH_ECONFLICT, "school_exists", "",
				   "В базе уже есть школа «%s»: демонстрационную школу можно создать"
				   " только в новой базе", rows[0].short_name);
	return ZH_OK;
}

static void summary(FILE *out, const struct plan *pl, bool temp)
{
	int sib_fam = 0;
	for (int f = 0; f < pl->nfam; f++)
		sib_fam += pl->fam[f].nk > 1;
	fprintf(out, "Создана демонстрационная школа «%s» (%s), учебный год %s.\n",
		SCHOOL_SHORT, REGION_NAME, YEAR_NAME);
	fprintf(out, "Классов: %d, учеников: %d, родителей: %d, учителей: %d, предметов: %d.\n",
		pl->ncls, pl->nstudents, pl->nparents, pl->nteachers, NSUBJECTS);
	fprintf(out, "Семей с несколькими детьми в школе: %d (детей в них: %d).\n", sib_fam,
		pl->nsiblings);
	fprintf(out, "Служебные учётные записи: admin (администратор), head (завуч), secretary,"
		" medic, psychologist, hr, staff, region (администратор региона).\n");
	if (!temp) {
		fprintf(out, "У всех учётных записей пароль, заданный при запуске.\n");
		return;
	}
	fprintf(out, "Временные пароли (при первом входе их нужно сменить), всего %d:\n", pl->np);
	for (int i = 0; i < pl->np; i++)
		fprintf(out, "%s\t%s\n", pl->p[i].login, pl->p[i].pw);
}

static enum zh_err db_failed(struct zh_db *db, enum zh_err e, struct zh_fail *f)
{
	zh_error("demo: %s: %s", zh_err_name(e), zh_db_errmsg(db));
	return zh_fail_set(f, e, "", "", "Не удалось записать демонстрационную школу в базу данных");
}

enum zh_err zh_demo_create(struct zh_store *s, const struct zh_demo_opts *o, FILE *out,
			   struct zh_fail *f)
{
	struct plan pl = { 0 };
	struct zh_db *db = zh_store_acquire(s);
	bool tx = false;
	enum zh_err e;

	if (!(pl.a = zh_arena_new())) {
		e = zh_fail_set(f, ZH_ENOMEM, "", "", "Недостаточно памяти");
		goto out;
	}
	/* a cheap check first, so that a refused run does not hash two thousand passwords */
	if ((e = school_exists(db, pl.a, f)))
		goto out;
	if ((e = plan_build(&pl, o->seed)) || (e = hash_passwords(&pl, o->password))) {
		zh_fail_set(f, e, "", "", "Не удалось подготовить демонстрационную школу");
		goto out;
	}
	if ((e = zh_db_begin(db, true))) {
		db_failed(db, e, f);
		goto out;
	}
	tx = true;
	/* again under the write lock: it is the one that counts */
	if ((e = school_exists(db, pl.a, f)))
		goto out;
	if ((e = write_all(db, &pl, f)) || (e = zh_demo_extend(db, o->seed, f)) || (e = zh_db_commit(db))) {
		if (!pl.told)
			db_failed(db, e, f);
		goto out;
	}
	tx = false;
	if (out)
		summary(out, &pl, o->password == NULL);
out:
	if (tx)
		zh_db_rollback(db);
	zh_store_release(db);
	for (int i = 0; i < pl.np; i++)
		explicit_bzero(pl.p[i].pw, sizeof pl.p[i].pw);
	zh_arena_free(pl.a);
	return e;
}
