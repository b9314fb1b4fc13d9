/* extend_journal.c: demo journal data (M-09) — for every planned lesson up to the school's today:
 * a topic (the КТП one when applied), homework, assignments of the school's work types, marks
 * from each student's ability, attendance with illnesses, and period marks of finished periods.
 * Deterministic for the seed (its own generator); no journal_history rows (the initial state). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/tz.h"
#include "demo/extend.h"
#include "domain/grading.h"
#include "store/journal_demo.h"

/* ---------------------------------------------------------------- randomness */

struct rng {
	uint64_t s;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ull;
	return mix64(r->s);
}

static double unif(struct rng *r)
{
	return (double)(next(r) >> 11) * 0x1.0p-53;
}

static unsigned pick(struct rng *r, unsigned n)
{
	return n ? (unsigned)(next(r) % n) : 0;
}

/* Stateless decisions (the same for every lesson of one student and day). */
static uint64_t hash3(unsigned seed, uint64_t a, uint64_t b)
{
	return mix64(mix64(mix64((uint64_t)seed + 0x51ed27ull) ^ a) ^ (b * 0x9e3779b97f4a7c15ull));
}

static double hunif(uint64_t h)
{
	return (double)(h >> 11) * 0x1.0p-53;
}

/* ---------------------------------------------------------------- texts */

struct subject_texts {
	const char *subject;
	int grade_from, grade_to;
	const char *titles[14];
};

static const struct subject_texts TOPICS[] = {
	{ "Русский язык", 1, 1, { "Звуки и буквы", "Гласные звуки", "Согласные звуки", "Слог. Ударение",
				 "Перенос слов", "Слова — названия предметов", "Слова — названия действий",
				 "Предложение", "Заглавная буква в именах", "Сочетания жи–ши, ча–ща, чу–щу", NULL } },
	{ "Русский язык", 2, 4, { "Текст и предложение", "Виды предложений по цели высказывания",
				 "Состав слова. Корень", "Приставка и суффикс", "Правописание безударных гласных в корне",
				 "Парные согласные в корне слова", "Разделительный мягкий знак", "Имя существительное",
				 "Имя прилагательное", "Глагол", "Местоимение", "Однородные члены предложения", NULL } },
	{ "Русский язык", 5, 11, { "Повторение изученного", "Фонетика и орфоэпия", "Морфемика и словообразование",
				  "Лексика и фразеология", "Словосочетание", "Простое предложение",
				  "Правописание приставок", "Правописание суффиксов", "Н и НН в разных частях речи",
				  "Обособленные члены предложения", "Сложное предложение", "Культура речи", NULL } },
	{ "Литературное чтение", 1, 4, { "Устное народное творчество", "Русские народные сказки", "Загадки и пословицы",
					"Стихи о природе", "Рассказы о детях", "Произведения о животных",
					"А. С. Пушкин. Сказки", "Л. Н. Толстой. Басни и рассказы", "К. И. Чуковский. Стихи",
					"Н. Н. Носов. Рассказы", "Литературные сказки", NULL } },
	{ "Литература", 5, 11, { "Мифы и легенды", "Устное народное творчество", "Древнерусская литература",
				"А. С. Пушкин. Лирика", "М. Ю. Лермонтов. Лирика", "Н. В. Гоголь. Повести",
				"И. С. Тургенев. Рассказы", "Н. А. Некрасов. Стихотворения", "Л. Н. Толстой. Рассказы",
				"А. П. Чехов. Рассказы", "Поэзия XX века", NULL } },
	{ "Математика", 1, 1, { "Счёт предметов", "Числа от 1 до 10", "Сравнение чисел", "Сложение в пределах 10",
			       "Вычитание в пределах 10", "Задача", "Длина. Сантиметр", "Числа от 11 до 20", NULL } },
	{ "Математика", 2, 4, { "Нумерация чисел в пределах 100", "Сложение и вычитание двузначных чисел",
			       "Буквенные выражения", "Уравнение", "Таблица умножения", "Деление", "Периметр и площадь",
			       "Внетабличное умножение и деление", "Деление с остатком", "Нумерация в пределах 1000",
			       "Письменные приёмы вычислений", "Решение задач в несколько действий", NULL } },
	{ "Математика", 5, 6, { "Натуральные числа", "Действия с натуральными числами", "Делимость чисел",
			       "Обыкновенные дроби", "Сложение и вычитание дробей", "Умножение и деление дробей",
			       "Десятичные дроби", "Проценты", "Отношения и пропорции", "Положительные и отрицательные числа",
			       "Координатная плоскость", NULL } },
	{ "Алгебра", 7, 11, { "Выражения и их преобразования", "Линейное уравнение", "Функции и графики",
			     "Степень с натуральным показателем", "Многочлены", "Формулы сокращённого умножения",
			     "Системы уравнений", "Квадратные корни", "Квадратные уравнения", "Неравенства",
			     "Тригонометрические функции", "Производная", NULL } },
	{ "Геометрия", 7, 11, { "Начальные геометрические сведения", "Треугольники", "Признаки равенства треугольников",
			       "Параллельные прямые", "Четырёхугольники", "Площадь многоугольников", "Подобные треугольники",
			       "Окружность", "Векторы", "Аксиомы стереометрии", "Параллельность в пространстве", NULL } },
	{ "Вероятность и статистика", 7, 11, { "Представление данных", "Описательная статистика", "Случайная изменчивость",
					      "Графы", "Случайные события", "Вероятность события", "Элементы комбинаторики",
					      "Испытания Бернулли", NULL } },
	{ "Информатика", 1, 11, { "Информация и информационные процессы", "Компьютер и его устройство", "Файловая система",
				 "Системы счисления", "Элементы алгебры логики", "Алгоритмы и исполнители",
				 "Программирование на Python", "Ветвления и циклы", "Обработка текстовой информации",
				 "Электронные таблицы", "Компьютерные сети", NULL } },
	{ "Окружающий мир", 1, 4, { "Что такое окружающий мир", "Природа и её сезонные изменения", "Растения вокруг нас",
				   "Животные и их многообразие", "Человек и его здоровье", "Наш город", "Безопасность дома и на улице",
				   "Вода и воздух", "Природные сообщества", "Страницы истории Отечества", NULL } },
	{ "История", 5, 11, { "Первобытность", "Древний Восток", "Древняя Греция", "Древний Рим", "Раннее Средневековье",
			     "Древняя Русь", "Русские земли в XII–XIII веках", "Московское государство",
			     "Россия в XVII веке", "Эпоха Петра I", "Россия в XIX веке", NULL } },
	{ "Обществознание", 5, 11, { "Человек в обществе", "Семья", "Образование", "Экономическая сфера",
				    "Социальная сфера", "Политическая сфера", "Право", "Конституция Российской Федерации",
				    "Гражданин и государство", NULL } },
	{ "География", 5, 11, { "Земля во Вселенной", "План и карта", "Литосфера", "Гидросфера", "Атмосфера", "Биосфера",
			       "Природные зоны", "Население мира", "География России", "Хозяйство России", NULL } },
	{ "Биология", 5, 11, { "Биология — наука о живом", "Клетка", "Ткани", "Многообразие организмов",
			      "Растения", "Животные", "Человек и его здоровье", "Экосистемы", "Генетика",
			      "Эволюция органического мира", NULL } },
	{ "Физика", 7, 11, { "Физические величины и измерения", "Строение вещества", "Механическое движение",
			    "Масса и плотность", "Силы в природе", "Давление", "Работа и мощность",
			    "Тепловые явления", "Электрические явления", "Законы Ньютона", NULL } },
	{ "Химия", 8, 11, { "Первоначальные химические понятия", "Атомы и молекулы", "Кислород", "Водород",
			   "Растворы", "Классы неорганических соединений", "Периодический закон",
			   "Химическая связь", "Окислительно-восстановительные реакции", NULL } },
	{ "Английский язык", 2, 4, { "Hello! Знакомство", "My family", "My toys", "Colours and numbers", "My pets",
				    "My house", "Food", "Seasons and weather", "At school", NULL } },
	{ "Английский язык", 5, 11, { "School life", "My family and friends", "Free time", "Healthy lifestyle",
				     "Shopping", "Travelling", "Nature and environment", "Our country",
				     "English-speaking countries", "Famous people", "Science and technology", NULL } },
	{ "Музыка", 1, 11, { "Музыка вокруг нас", "Народная музыка", "Музыкальные инструменты",
			    "Песня, танец, марш", "Музыка в театре", "Композиторы-классики", "Музыка народов России",
			    "Современная музыка", NULL } },
	{ "Изобразительное искусство", 1, 11, { "Рисунок", "Живопись. Цвет", "Натюрморт", "Пейзаж", "Портрет",
					       "Декоративно-прикладное искусство", "Народные промыслы", "Архитектура", NULL } },
	{ "Труд (технология)", 1, 11, { "Материалы и инструменты", "Работа с бумагой", "Работа с тканью",
				       "Конструирование", "Технологии обработки материалов", "Проектная деятельность",
				       "Робототехника", "Кулинария", NULL } },
	{ "Физическая культура", 1, 11, { "Техника безопасности на уроках", "Лёгкая атлетика. Бег", "Прыжки в длину",
					 "Метание мяча", "Подвижные игры", "Гимнастика", "Баскетбол", "Волейбол",
					 "Общая физическая подготовка", NULL } },
	{ "Основы безопасности и защиты Родины", 8, 11, { "Культура безопасности", "Безопасность в быту",
							 "Безопасность на транспорте", "Чрезвычайные ситуации",
							 "Первая помощь", "Основы обороны государства", NULL } },
	{ "Основы религиозных культур и светской этики", 4, 4, { "Россия — наша Родина", "Культура и мораль",
								"Праздники народов России", "Семейные ценности",
								"Добро и зло", "Долг и совесть", NULL } },
	{ "Основы духовно-нравственной культуры народов России", 5, 6, { "Мир культуры", "Нравственные ценности",
									"Культурное многообразие России",
									"Семья — хранитель духовных ценностей",
									"Религия и культура", NULL } },
};

static const char *const GENERIC_TOPICS[] = { "Введение", "Основные понятия", "Закономерности и правила",
					      "Практическое применение", "Решение задач", "Обобщение раздела", NULL };

struct subject_homework {
	const char *subject;
	int percent; /* how often a lesson gets collective homework */
	const char *forms[4]; /* {1} a paragraph, {2} a page or exercise, {3} a later one */
};

static const struct subject_homework HOMEWORK[] = {
	{ "Русский язык", 85, { "Упр. {2}, {3}", "§ {1}, выучить правило, упр. {2}", "Словарные слова, упр. {2}", NULL } },
	{ "Литературное чтение", 80, { "Читать с. {2}–{3}, отвечать на вопросы", "Выразительное чтение с. {2}",
				       "Пересказ с. {2}–{3}", NULL } },
	{ "Литература", 80, { "Прочитать с. {2}–{3}, ответить на вопросы", "Выучить наизусть отрывок, с. {2}",
			      "Подготовить пересказ, с. {2}–{3}", "Письменный ответ на вопрос {1}, с. {3}" } },
	{ "Математика", 85, { "№ {2}, {3}", "§ {1}, № {2}, {3}", "Решить задачи № {2}–{3}", NULL } },
	{ "Алгебра", 85, { "№ {2}, {3}", "§ {1}, № {2}, {3}", "Решить № {2}–{3}", NULL } },
	{ "Геометрия", 80, { "§ {1}, № {2}, {3}", "Выучить теорему, № {2}", "№ {2}, {3}", NULL } },
	{ "Вероятность и статистика", 70, { "§ {1}, задачи {2} и {3}", "№ {2}, {3}", NULL } },
	{ "Информатика", 60, { "§ {1}, вопросы после параграфа", "§ {1}, практическое задание", NULL } },
	{ "Окружающий мир", 75, { "С. {2}–{3}, ответить на вопросы", "Рабочая тетрадь, с. {2}", NULL } },
	{ "История", 80, { "§ {1}, вопросы после параграфа", "§ {1}, пересказ, даты в тетрадь", "§ {1}, заполнить таблицу", NULL } },
	{ "Обществознание", 75, { "§ {1}, вопросы после параграфа", "§ {1}, термины выучить", NULL } },
	{ "География", 75, { "§ {1}, вопросы после параграфа", "§ {1}, работа с контурной картой", NULL } },
	{ "Биология", 80, { "§ {1}, вопросы после параграфа", "§ {1}, зарисовать схему", NULL } },
	{ "Физика", 80, { "§ {1}, упр. {1}", "§ {1}, задачи № {2}, {3}", NULL } },
	{ "Химия", 80, { "§ {1}, задачи {2}–{3}", "§ {1}, упр. {2}", NULL } },
	{ "Английский язык", 85, { "Ex. {1}, p. {2}", "SB p. {2}, ex. {1}, выучить слова", "WB p. {3}, ex. {1}", NULL } },
	{ "Музыка", 20, { "Выучить слова песни", "Подготовить сообщение о композиторе", NULL } },
	{ "Изобразительное искусство", 30, { "Закончить рисунок", "Принести материалы для работы", NULL } },
	{ "Труд (технология)", 25, { "Принести материалы для работы", "Закончить изделие", NULL } },
	{ "Физическая культура", 15, { "Комплекс утренней гимнастики", "Отжимания и приседания, {1} раз в день", NULL } },
	{ "Основы безопасности и защиты Родины", 60, { "§ {1}, вопросы после параграфа", "§ {1}, подготовить сообщение", NULL } },
	{ "Основы религиозных культур и светской этики", 40, { "Урок {1}, вопросы", "Подготовить рассказ", NULL } },
	{ "Основы духовно-нравственной культуры народов России", 40, { "§ {1}, вопросы после параграфа", NULL } },
};

static const char *const INDIVIDUAL[] = { "Карточка № {1}", "Исправить ошибки в работе, упр. {2}",
					  "Подготовить сообщение по теме урока", "Дополнительное задание: № {2}, {3}",
					  "Переписать работу над ошибками" };

/* Control works of a subject, by work type name. */
static const char *const CONTROL_RUS[] = { "Диктант", "Контрольная работа", "Проверочная работа", "Самостоятельная работа", NULL };
static const char *const CONTROL_MATH[] = { "Контрольная работа", "Самостоятельная работа", "Проверочная работа", NULL };
static const char *const CONTROL_LIT[] = { "Проверочная работа", "Сочинение", "Чтение наизусть", "Тест", NULL };
static const char *const CONTROL_SCI[] = { "Контрольная работа", "Лабораторная работа", "Проверочная работа", "Самостоятельная работа", NULL };
static const char *const CONTROL_ENG[] = { "Контрольная работа", "Тест", "Проверочная работа", NULL };
static const char *const CONTROL_ART[] = { "Творческая работа", "Практическая работа", "Проект", NULL };
static const char *const CONTROL_PE[] = { "Практическая работа", NULL };
static const char *const CONTROL_OTHER[] = { "Проверочная работа", "Тест", "Самостоятельная работа", NULL };

static const char *const *controls_of(const char *subject)
{
	static const struct {
		const char *subject;
		const char *const *list;
	} map[] = {
		{ "Русский язык", CONTROL_RUS }, { "Математика", CONTROL_MATH }, { "Алгебра", CONTROL_MATH },
		{ "Геометрия", CONTROL_MATH }, { "Вероятность и статистика", CONTROL_MATH },
		{ "Литература", CONTROL_LIT }, { "Литературное чтение", CONTROL_LIT }, { "Физика", CONTROL_SCI },
		{ "Химия", CONTROL_SCI }, { "Биология", CONTROL_SCI }, { "Английский язык", CONTROL_ENG },
		{ "Музыка", CONTROL_ART }, { "Изобразительное искусство", CONTROL_ART },
		{ "Труд (технология)", CONTROL_ART }, { "Физическая культура", CONTROL_PE },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].subject, subject) == 0)
			return map[i].list;
	return CONTROL_OTHER;
}

static const char *const *titles_of(const char *subject, int grade)
{
	for (size_t i = 0; i < sizeof TOPICS / sizeof TOPICS[0]; i++)
		if (strcmp(TOPICS[i].subject, subject) == 0 && grade >= TOPICS[i].grade_from && grade <= TOPICS[i].grade_to)
			return TOPICS[i].titles;
	for (size_t i = 0; i < sizeof TOPICS / sizeof TOPICS[0]; i++)
		if (strcmp(TOPICS[i].subject, subject) == 0)
			return TOPICS[i].titles;
	return GENERIC_TOPICS;
}

static const struct subject_homework *homework_of(const char *subject)
{
	for (size_t i = 0; i < sizeof HOMEWORK / sizeof HOMEWORK[0]; i++)
		if (strcmp(HOMEWORK[i].subject, subject) == 0)
			return &HOMEWORK[i];
	return NULL;
}

/* The form with {1}, {2}, {3} replaced by n1, n2, n3 (a paragraph, a page or exercise, a later one). */
static const char *fill(struct zh_arena *a, const char *form, int n1, int n2, int n3)
{
	int nums[3] = { n1, n2, n3 };
	size_t len = strlen(form);
	char *out = zh_arena_alloc(a, len * 4 + 1), *p = out;
	if (!out)
		return "";
	for (const char *s = form; *s; s++) {
		if (s[0] == '{' && s[1] >= '1' && s[1] <= '3' && s[2] == '}') {
			int v = nums[s[1] - '1'], digits[12], nd = 0;
			s += 2;
			do {
				digits[nd++] = v % 10;
				v /= 10;
			} while (v && nd < 12);
			while (nd)
				*p++ = (char)('0' + digits[--nd]);
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return out;
}

/* ---------------------------------------------------------------- the generator */

struct student {
	int64_t id;
	double ability;
	int64_t ill_from[2], ill_to[2]; /* day numbers, 0 = none */
};

struct graded {
	size_t cell, seq;
	struct zh_grade g;
};

struct cell {
	int64_t teacher_user;
	int npass, nfail;
	bool member;
};

struct gen {
	struct zh_db *db;
	struct zh_arena *a;
	unsigned seed;
	struct rng r;
	struct zh_jd_school sc;
	int64_t now, today_day, first_day;
	double year_share; /* the part of the school year up to today, (0, 1] */
	char today[11];
	int64_t *midnights; /* by day - first_day, 0 = not computed */
	struct student *st;
	size_t nst;
	int32_t *st_of; /* person id → index + 1 */
	int64_t max_person;
	struct zh_jd_member *cm, *sm;
	size_t ncm, nsm;
	struct zh_jd_named *wt, *subj;
	size_t nwt, nsubj;
	int32_t *subj_of; /* subject id → index + 1 */
	int64_t max_subject;
	struct zh_jd_period *per;
	size_t nper;
	bool *per_ended;
	int *counts;          /* marks so far per student × subject (rotation of who answers) */
	struct cell *cells;   /* student × subject × period */
	struct graded *gr;
	size_t ngr, capgr;
	/* statistics */
	size_t n_topics, n_homework, n_individual, n_assign, n_marks, n_points, n_att, n_ill, n_finals, n_na;
};

static int64_t midnight(struct gen *g, int64_t day)
{
	int64_t k = day - g->first_day;
	if (k < 0 || k > g->today_day - g->first_day)
		return day * 86400;
	if (!g->midnights[k]) {
		int y, m, d;
		int64_t t;
		zh_civil_days(day, &y, &m, &d);
		g->midnights[k] = zh_tz_midnight(g->sc.timezone, y, m, d, &t) ? t : day * 86400;
	}
	return g->midnights[k];
}

static int64_t at_most_now(struct gen *g, int64_t t)
{
	return t < g->now ? t : g->now;
}

static int64_t lesson_start(struct gen *g, const struct zh_jd_lesson *l, int64_t day)
{
	int n = l->number > 0 ? l->number : 0;
	return midnight(g, day) + 8 * 3600 + (int64_t)(n - 1) * 55 * 60 + (n == 0 ? -10 * 60 : 0);
}

static const struct zh_jd_named *work_type(struct gen *g, const char *name)
{
	for (size_t i = 0; i < g->nwt; i++)
		if (strcmp(g->wt[i].name, name) == 0)
			return &g->wt[i];
	return NULL;
}

static const struct zh_jd_named *subject(struct gen *g, int64_t id)
{
	if (id <= 0 || id > g->max_subject || !g->subj_of[id])
		return NULL;
	return &g->subj[g->subj_of[id] - 1];
}

static int student_index(struct gen *g, int64_t id)
{
	if (id <= 0 || id > g->max_person)
		return -1;
	return g->st_of[id] - 1;
}

static void member_range(const struct zh_jd_member *m, size_t n, int64_t group, size_t *lo, size_t *hi)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t mid = (a + b) / 2;
		if (m[mid].group_id < group)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a < n && m[a].group_id == group)
		a++;
	*hi = a;
}

/* A student's level in a subject: the ability plus a small shift of that subject. */
static double level(struct gen *g, int s, int64_t subject_id)
{
	double shift = (hunif(hash3(g->seed, (uint64_t)g->st[s].id, (uint64_t)subject_id + 7777)) - 0.5) * 0.6;
	double v = g->st[s].ability + shift;
	return v < 2.4 ? 2.4 : v > 5.0 ? 5.0 : v;
}

static int mark_value(struct gen *g, int s, int64_t subject_id, bool control)
{
	double eff = level(g, s, subject_id) - (control ? 0.15 : 0);
	int v = (int)floor(eff);
	if (unif(&g->r) < eff - v)
		v++;
	if (unif(&g->r) < (control ? 0.3 : 0.2))
		v += unif(&g->r) < 0.5 ? -1 : 1;
	/* the demo abilities are on the 2..5 scale: move them onto the school's scale */
	if (g->sc.mark_max != 5 || g->sc.mark_min != 2)
		v = g->sc.mark_min + (int)lround((double)(v - 2) * (g->sc.mark_max - g->sc.mark_min) / 3.0);
	return v < g->sc.mark_min ? g->sc.mark_min : v > g->sc.mark_max ? g->sc.mark_max : v;
}


static enum zh_err push_grade(struct gen *g, size_t cell, int value, double weight)
{
	if (g->ngr == g->capgr) {
		size_t cap = g->capgr ? g->capgr * 2 : 8192;
		struct graded *p = realloc(g->gr, cap * sizeof *p);
		if (!p)
			return ZH_ENOMEM;
		g->gr = p;
		g->capgr = cap;
	}
	g->gr[g->ngr] = (struct graded){ .cell = cell, .seq = g->ngr, .g = { .value = value, .weight = weight } };
	g->ngr++;
	return ZH_OK;
}

static int period_index(struct gen *g, int64_t period_id)
{
	for (size_t i = 0; i < g->nper; i++)
		if (g->per[i].id == period_id)
			return (int)i;
	return -1;
}

static size_t cell_of(struct gen *g, int s, int sj, int p)
{
	return ((size_t)s * g->nsubj + (size_t)sj) * g->nper + (size_t)p;
}

/* One lesson's context while its cells are filled. */
struct lesson_ctx {
	const struct zh_jd_lesson *l;
	int64_t day, start;
	int sj, pidx; /* subject index, period index (-1 unknown) */
	bool pass_fail;
};

static enum zh_err one_mark(struct gen *g, const struct lesson_ctx *x, int64_t assignment, double weight, int s,
			    bool control, int64_t at)
{
	const struct zh_jd_lesson *l = x->l;
	struct zh_jd_mark m = { .school_id = g->sc.id, .lesson_id = l->id, .assignment_id = assignment,
				.student_id = g->st[s].id, .created_by = l->teacher_user,
				.created_at = at_most_now(g, at), .kind = "mark", .comment = "" };
	bool grade = false;
	if (x->pass_fail) {
		m.kind = level(g, s, l->subject_id) + unif(&g->r) - 0.5 >= 2.8 ? "pass" : "fail";
		if (x->pidx >= 0) {
			struct cell *c = &g->cells[cell_of(g, s, x->sj, x->pidx)];
			if (m.kind[0] == 'p')
				c->npass++;
			else
				c->nfail++;
		}
	} else if (unif(&g->r) < (control ? 0.03 : 0.012)) {
		/* a «точка»: still open for the last two weeks, replaced by a mark for older lessons */
		if (g->today_day - x->day <= 14) {
			m.kind = "point";
			m.comment = control ? "Работа не сдана" : "Задание не выполнено";
			g->n_points++;
		} else {
			m.value = mark_value(g, s, l->subject_id, control);
			m.updated_at = at_most_now(g, m.created_at + (int64_t)(2 + pick(&g->r, 6)) * 86400);
			m.comment = "Работа сдана позже";
			grade = true;
		}
	} else {
		m.value = mark_value(g, s, l->subject_id, control);
		grade = true;
	}
	if (grade) {
		enum zh_err e;
		g->counts[(size_t)s * g->nsubj + (size_t)x->sj]++;
		if (x->pidx >= 0 && (e = push_grade(g, cell_of(g, s, x->sj, x->pidx), m.value, weight)))
			return e;
	}
	g->n_marks++;
	return zh_store_jd_mark(g->db, &m);
}

static enum zh_err add_assignment(struct gen *g, const struct lesson_ctx *x, const struct zh_jd_named *wt,
				  const char *description, int position, int64_t *id)
{
	struct zh_jd_assignment as = { .school_id = g->sc.id, .lesson_id = x->l->id, .work_type_id = wt->id,
				       .weight = wt->weight, .description = description, .position = position,
				       .created_by = x->l->teacher_user, .created_at = at_most_now(g, x->start + 5 * 60) };
	g->n_assign++;
	return zh_store_jd_assignment(g->db, &as, id);
}

struct keyed {
	double key;
	int s;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	return a->key < b->key ? -1 : a->key > b->key ? 1 : a->s - b->s;
}

/* The attendance of one student at one lesson: NULL = present. */
static const char *attendance_code(struct gen *g, int s, int64_t day, const char **reason, const char **comment)
{
	const struct student *t = &g->st[s];
	*reason = NULL;
	*comment = "";
	for (int k = 0; k < 2; k++)
		if (t->ill_from[k] && day >= t->ill_from[k] && day <= t->ill_to[k]) {
			*reason = "УП";
			*comment = "Справка";
			return "Б";
		}
	uint64_t h = hash3(g->seed, (uint64_t)t->id, (uint64_t)day);
	if (hunif(h) < 0.005) { /* the whole day: a family matter */
		if (hunif(mix64(h)) < 0.85) {
			*reason = "УП";
			*comment = "Заявление родителей";
		}
		return "Н";
	}
	double u = unif(&g->r);
	if (u < 0.021) {
		double v = unif(&g->r);
		*reason = v < 0.45 ? "УП" : v < 0.7 ? "НП" : NULL;
		return "Н";
	}
	return u < 0.029 ? "О" : NULL;
}

static enum zh_err lesson_cells(struct gen *g, const struct lesson_ctx *x, bool control, const char *control_type,
				struct keyed *present)
{
	const struct zh_jd_lesson *l = x->l;
	const struct zh_jd_member *m = l->subgroup_id ? g->sm : g->cm;
	size_t lo, hi, np = 0;
	bool ended = x->pidx >= 0 && g->per_ended[x->pidx];
	enum zh_err e;

	member_range(m, l->subgroup_id ? g->nsm : g->ncm, l->subgroup_id ? l->subgroup_id : l->class_id, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		int s = student_index(g, m[i].student_id);
		const char *code, *reason, *comment;
		if (s < 0 || (m[i].from[0] && x->day < zh_day_number(m[i].from)))
			continue;
		if (l->grade >= 2 && ended) {
			struct cell *c = &g->cells[cell_of(g, s, x->sj, x->pidx)];
			c->member = true;
			c->teacher_user = l->own_user;
		}
		code = attendance_code(g, s, x->day, &reason, &comment);
		if (code) {
			struct zh_jd_attendance at = { .school_id = g->sc.id, .lesson_id = l->id, .student_id = g->st[s].id,
						       .code = code, .reason = reason, .comment = reason ? comment : "",
						       .updated_by = l->teacher_user,
						       .updated_at = at_most_now(g, x->start + 3 * 60) };
			if (reason) {
				at.updated_by = l->class_teacher_user ? l->class_teacher_user : l->teacher_user;
				at.updated_at = at_most_now(g, midnight(g, x->day + 1) + 15 * 3600);
			}
			g->n_att++;
			if (strcmp(code, "Б") == 0)
				g->n_ill++;
			if ((e = zh_store_jd_attendance(g->db, &at)))
				return e;
			if (strcmp(code, "О") != 0)
				continue; /* absent: no mark */
		}
		present[np].s = s;
		present[np].key = g->counts[(size_t)s * g->nsubj + (size_t)x->sj] + 2.0 * unif(&g->r);
		np++;
	}
	if (!np)
		return ZH_OK;

	/* individual homework for one or two students */
	if (l->grade >= 2 && unif(&g->r) < 0.03) {
		unsigned n = 1 + pick(&g->r, 2), first = pick(&g->r, (unsigned)np);
		for (unsigned k = 0; k < n && k < np; k++) {
			const char *form = INDIVIDUAL[pick(&g->r, sizeof INDIVIDUAL / sizeof INDIVIDUAL[0])];
			int p2 = 20 + (int)pick(&g->r, 300);
			if ((e = zh_store_jd_homework_individual(g->db, g->sc.id, l->id,
								 g->st[present[(first + k) % np].s].id,
								 fill(g->a, form, 1 + (int)pick(&g->r, 30), p2,
								      p2 + 1 + (int)pick(&g->r, 4)))))
				return e;
			g->n_individual++;
		}
	}
	if (l->grade < 2)
		return ZH_OK; /* grade 1: no marks */

	int64_t aid;
	if (control) {
		const struct zh_jd_named *wt = work_type(g, control_type);
		if (!wt)
			wt = work_type(g, "Контрольная работа");
		if (!wt)
			return ZH_OK;
		if ((e = add_assignment(g, x, wt, "", 0, &aid)))
			return e;
		int64_t checked = midnight(g, x->day + 1 + pick(&g->r, 3)) + 16 * 3600 + pick(&g->r, 3 * 3600);
		for (size_t i = 0; i < np; i++) {
			if (unif(&g->r) < 0.04)
				continue;
			if ((e = one_mark(g, x, aid, wt->weight, present[i].s, true, checked)))
				return e;
		}
		return ZH_OK;
	}
	/* an ordinary lesson: the students with the fewest marks so far answer */
	if (unif(&g->r) < 0.9) {
		const struct zh_jd_named *wt = work_type(g, unif(&g->r) < 0.6 ? "Работа на уроке" : "Устный ответ");
		if (!wt)
			wt = &g->wt[0];
		if ((e = add_assignment(g, x, wt, "", 0, &aid)))
			return e;
		qsort(present, np, sizeof *present, keyed_cmp);
		size_t k = (size_t)lround((0.25 + 0.10 * unif(&g->r)) * (double)np);
		if (!k)
			k = 1;
		for (size_t i = 0; i < k && i < np; i++)
			if ((e = one_mark(g, x, aid, wt->weight, present[i].s, false,
					  x->start + 15 * 60 + pick(&g->r, 25 * 60))))
				return e;
	}
	if (unif(&g->r) < 0.12 && np >= 4) {
		const struct zh_jd_named *wt = work_type(g, "Домашнее задание");
		if (!wt)
			return ZH_OK;
		if ((e = add_assignment(g, x, wt, "Проверка домашнего задания", 1, &aid)))
			return e;
		unsigned n = 2 + pick(&g->r, 3), first = pick(&g->r, (unsigned)np);
		for (unsigned i = 0; i < n; i++)
			if ((e = one_mark(g, x, aid, wt->weight, present[(first + i) % np].s, false,
					  x->start + 5 * 60 + pick(&g->r, 10 * 60))))
				return e;
	}
	return ZH_OK;
}

static bool same_group(const struct zh_jd_lesson *a, const struct zh_jd_lesson *b)
{
	return a->class_id == b->class_id && a->subject_id == b->subject_id && a->subgroup_id == b->subgroup_id;
}

/* The lessons of one class (or subgroup) and subject up to today, in date order. */
static enum zh_err one_group(struct gen *g, const struct zh_jd_lesson *ls, size_t n, struct keyed *present)
{
	const struct zh_jd_named *sj = subject(g, ls[0].subject_id);
	const char *name = sj ? sj->name : "";
	const char *const *titles = titles_of(name, ls[0].grade);
	const char *const *controls = controls_of(name);
	const struct subject_homework *hw = homework_of(name);
	size_t nt = 0, nc = 0, block;
	unsigned since = 0, gap = 6 + pick(&g->r, 3);
	enum zh_err e;

	while (titles[nt])
		nt++;
	while (controls[nc])
		nc++;
	/* the sections of the whole year: by today only the share of the year that has passed */
	block = (size_t)ceil((double)n / g->year_share / (double)nt);
	if (block < 2)
		block = 2;
	for (size_t k = 0; k < n; k++) {
		const struct zh_jd_lesson *l = &ls[k];
		struct lesson_ctx x = { .l = l, .day = zh_day_number(l->date), .sj = sj ? g->subj_of[sj->id] - 1 : -1,
					.pidx = period_index(g, l->period_id), .pass_fail = sj && sj->pass_fail };
		const char *title = titles[(k / block) % nt], *topic = l->topic, *homework = l->homework;
		const char *control_type = NULL;
		size_t p = k % block;
		bool control = false;

		if (x.sj < 0)
			continue;
		x.start = lesson_start(g, l, x.day);
		if (l->grade >= 2) {
			since++;
			if (strncmp(l->topic, "Контрольная работа", strlen("Контрольная работа")) == 0) {
				control = true;
				control_type = "Контрольная работа";
			} else if (since >= gap && p != 0) {
				control = true;
				control_type = controls[pick(&g->r, (unsigned)nc)];
			}
			if (control) {
				since = 0;
				gap = 6 + pick(&g->r, 3);
			}
		}
		if (!topic[0]) {
			if (control)
				topic = zh_arena_printf(g->a, "%s по теме «%s»", control_type, title);
			else if (p == 0)
				topic = title;
			else if (p == block - 1 && block >= 3)
				topic = zh_arena_printf(g->a, "Повторение: %s", title);
			else if (p == 1)
				topic = zh_arena_printf(g->a, "%s. Закрепление", title);
			else
				topic = zh_arena_printf(g->a, "%s (урок %zu)", title, p + 1);
			if (!topic)
				return ZH_ENOMEM;
			g->n_topics++;
		}
		if (!homework[0] && l->grade >= 2 && hw && !control && unif(&g->r) * 100 < hw->percent) {
			size_t nf = 0;
			while (nf < 4 && hw->forms[nf])
				nf++;
			int p2 = 8 + (int)(k * 3) + (int)pick(&g->r, 3);
			homework = fill(g->a, hw->forms[pick(&g->r, (unsigned)nf)], 1 + (int)(k / 2), p2,
					p2 + 1 + (int)pick(&g->r, 3));
			g->n_homework++;
		}
		if ((topic != l->topic || homework != l->homework) &&
		    (e = zh_store_jd_lesson_content(g->db, l->id, topic, homework)))
			return e;
		if (x.start > g->now)
			continue; /* later today: not held yet */
		if ((e = lesson_cells(g, &x, control, control_type, present)))
			return e;
	}
	return ZH_OK;
}

/* Each student's ability and illnesses (3–7 school days of the class, for about a tenth). */
static enum zh_err students(struct gen *g, const struct zh_jd_lesson *ls, size_t nls)
{
	size_t ndays = (size_t)(g->today_day - g->first_day + 1);
	bool *seen = zh_arena_alloc(g->a, ndays);
	int64_t *days = zh_arena_alloc(g->a, ndays * sizeof *days);
	if (!seen || !days)
		return ZH_ENOMEM;
	for (size_t s = 0; s < g->nst; s++) {
		uint64_t h = hash3(g->seed, (uint64_t)g->st[s].id, 3);
		double u = hunif(h), v = hunif(mix64(h)), ab;
		if (u < 0.04) {
			ab = 2.5 + 0.55 * v; /* weak */
		} else if (u < 0.10) {
			ab = 4.75 + 0.25 * v; /* excellent */
		} else {
			double z = 0;
			for (int k = 0; k < 4; k++)
				z += hunif(hash3(g->seed, (uint64_t)g->st[s].id, (uint64_t)(10 + k)));
			ab = 4.0 + 0.4 * (z - 2.0) / 0.57735;
		}
		g->st[s].ability = ab < 2.5 ? 2.5 : ab > 5.0 ? 5.0 : ab;
	}
	for (size_t i = 0; i < nls;) {
		size_t j = i, nd = 0, lo, hi;
		memset(seen, 0, ndays);
		while (j < nls && ls[j].class_id == ls[i].class_id) {
			int64_t d = zh_day_number(ls[j].date) - g->first_day;
			if (d >= 0 && (size_t)d < ndays)
				seen[d] = true;
			j++;
		}
		for (size_t d = 0; d < ndays; d++)
			if (seen[d])
				days[nd++] = g->first_day + (int64_t)d;
		member_range(g->cm, g->ncm, ls[i].class_id, &lo, &hi);
		for (size_t m = lo; m < hi && nd; m++) {
			int s = student_index(g, g->cm[m].student_id);
			if (s < 0)
				continue;
			for (int k = 0; k < 2; k++) {
				uint64_t h = hash3(g->seed, (uint64_t)g->st[s].id, (uint64_t)(20 + k));
				if (hunif(h) >= (k ? 0.025 : 0.10))
					continue;
				size_t start = (size_t)(mix64(h) % nd), len = 3 + (size_t)(mix64(h + 1) % 5);
				size_t end = start + len - 1 < nd ? start + len - 1 : nd - 1;
				g->st[s].ill_from[k] = days[start];
				g->st[s].ill_to[k] = days[end];
			}
		}
		i = j;
	}
	return ZH_OK;
}

static int graded_cmp(const void *pa, const void *pb)
{
	const struct graded *a = pa, *b = pb;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Period marks of the finished periods from each student's average, by the school's rule. */
static enum zh_err finals(struct gen *g)
{
	size_t ncells = g->nst * g->nsubj * g->nper, p = 0;
	struct zh_grade *run = malloc((g->ngr ? g->ngr : 1) * sizeof *run);
	enum zh_err e = ZH_OK;
	if (!run)
		return ZH_ENOMEM;
	if (g->ngr)
		qsort(g->gr, g->ngr, sizeof *g->gr, graded_cmp);
	for (size_t c = 0; c < ncells && !e; c++) {
		size_t n = 0;
		while (p < g->ngr && g->gr[p].cell < c)
			p++;
		while (p < g->ngr && g->gr[p].cell == c)
			run[n++] = g->gr[p++].g;
		const struct cell *cl = &g->cells[c];
		size_t pidx = c % g->nper, sj = (c / g->nper) % g->nsubj, s = c / g->nper / g->nsubj;
		if (!cl->member || !g->per_ended[pidx])
			continue;
		uint64_t h = hash3(g->seed, (uint64_t)g->st[s].id, (uint64_t)(g->subj[sj].id * 16 + (int64_t)pidx));
		struct zh_jd_final f = { .school_id = g->sc.id, .year_id = g->sc.year_id, .student_id = g->st[s].id,
					 .subject_id = g->subj[sj].id, .period_id = g->per[pidx].id,
					 .created_by = cl->teacher_user };
		int64_t day = zh_day_number(g->per[pidx].end) - (int64_t)(h % 3);
		f.created_at = at_most_now(g, midnight(g, day) + 14 * 3600 + (int64_t)(mix64(h) % (4 * 3600)));
		if (g->subj[sj].pass_fail) {
			f.code = cl->npass + cl->nfail == 0 ? "н/а" : cl->npass >= cl->nfail ? "зач" : "незач";
		} else {
			double avg;
			if (n < 2 || !zh_grade_average(run, n, g->sc.weighted, &avg)) {
				f.code = "н/а";
			} else {
				double frac = avg - floor(avg);
				f.value = zh_grade_suggest(avg, g->sc.round_threshold, g->sc.mark_min, g->sc.mark_max);
				/* a borderline average: now and then the teacher rounds up */
				if (frac < g->sc.round_threshold && frac >= g->sc.round_threshold - 0.1 &&
				    hunif(mix64(h + 5)) < 0.3 && f.value < g->sc.mark_max)
					f.value++;
			}
		}
		if (f.code)
			g->n_na += strcmp(f.code, "н/а") == 0;
		g->n_finals++;
		e = zh_store_jd_final(g->db, &f);
	}
	free(run);
	return e;
}

static enum zh_err run(struct gen *g)
{
	struct zh_jd_lesson *ls;
	size_t nls;
	enum zh_err e;

	g->now = zh_now();
	g->r.s = mix64((uint64_t)g->seed * 0x2545f4914f6cdd1dull + 0x6a09e667ull);
	/* the school's today (its time zone); the timezone is known only with the school row */
	if ((e = zh_store_jd_school(g->db, g->a, "9999-12-31", &g->sc)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	if (!zh_tz_date(g->sc.timezone, g->now, g->today))
		return ZH_EINVAL;
	if ((e = zh_store_jd_school(g->db, g->a, g->today, &g->sc)))
		return e == ZH_ENOTFOUND ? ZH_OK : e;
	g->today_day = zh_day_number(g->today);
	if ((e = zh_store_jd_lessons(g->db, g->a, g->sc.id, g->sc.year_id, g->today, &ls, &nls)) ||
	    (e = zh_store_jd_class_members(g->db, g->a, g->sc.id, g->sc.year_id, &g->cm, &g->ncm)) ||
	    (e = zh_store_jd_subgroup_members(g->db, g->a, g->sc.id, g->sc.year_id, &g->sm, &g->nsm)) ||
	    (e = zh_store_jd_work_types(g->db, g->a, g->sc.id, &g->wt, &g->nwt)) ||
	    (e = zh_store_jd_subjects(g->db, g->a, g->sc.id, &g->subj, &g->nsubj)) ||
	    (e = zh_store_jd_periods(g->db, g->a, g->sc.id, g->sc.year_id, &g->per, &g->nper)))
		return e;
	if (!nls || !g->ncm || !g->nwt || !g->nsubj || !g->nper)
		return ZH_OK;

	/* dense indexes of students and subjects */
	g->first_day = g->today_day;
	for (size_t i = 0; i < nls; i++) {
		int64_t d = zh_day_number(ls[i].date);
		if (d && d < g->first_day)
			g->first_day = d;
	}
	for (size_t i = 0; i < g->ncm; i++)
		if (g->cm[i].student_id > g->max_person)
			g->max_person = g->cm[i].student_id;
	for (size_t i = 0; i < g->nsubj; i++)
		if (g->subj[i].id > g->max_subject)
			g->max_subject = g->subj[i].id;
	g->st_of = zh_arena_alloc(g->a, (size_t)(g->max_person + 1) * sizeof *g->st_of);
	g->subj_of = zh_arena_alloc(g->a, (size_t)(g->max_subject + 1) * sizeof *g->subj_of);
	g->st = zh_arena_alloc(g->a, g->ncm * sizeof *g->st);
	g->midnights = zh_arena_alloc(g->a, (size_t)(g->today_day - g->first_day + 1) * sizeof *g->midnights);
	g->per_ended = zh_arena_alloc(g->a, g->nper * sizeof *g->per_ended);
	if (!g->st_of || !g->subj_of || !g->st || !g->midnights || !g->per_ended)
		return ZH_ENOMEM;
	memset(g->st_of, 0, (size_t)(g->max_person + 1) * sizeof *g->st_of);
	memset(g->subj_of, 0, (size_t)(g->max_subject + 1) * sizeof *g->subj_of);
	memset(g->midnights, 0, (size_t)(g->today_day - g->first_day + 1) * sizeof *g->midnights);
	for (size_t i = 0; i < g->ncm; i++) {
		int64_t id = g->cm[i].student_id;
		if (g->st_of[id])
			continue;
		memset(&g->st[g->nst], 0, sizeof g->st[g->nst]);
		g->st[g->nst].id = id;
		g->st_of[id] = (int32_t)++g->nst;
	}
	for (size_t i = 0; i < g->nsubj; i++)
		g->subj_of[g->subj[i].id] = (int32_t)(i + 1);
	int64_t year_from = 0, year_to = 0;
	for (size_t i = 0; i < g->nper; i++) {
		int64_t a = zh_day_number(g->per[i].start), b = zh_day_number(g->per[i].end);
		g->per_ended[i] = strcmp(g->per[i].end, g->today) < 0;
		if (a && (!year_from || a < year_from))
			year_from = a;
		if (b > year_to)
			year_to = b;
	}
	g->year_share = year_to > year_from ? (double)(g->today_day - year_from + 1) / (double)(year_to - year_from + 1) : 1;
	if (g->year_share < 0.05)
		g->year_share = 0.05;
	if (g->year_share > 1)
		g->year_share = 1;
	size_t ncells = g->nst * g->nsubj * g->nper;
	g->cells = zh_arena_alloc(g->a, ncells * sizeof *g->cells);
	g->counts = zh_arena_alloc(g->a, g->nst * g->nsubj * sizeof *g->counts);
	struct keyed *present = zh_arena_alloc(g->a, (g->nst + 1) * sizeof *present);
	if (!g->cells || !g->counts || !present)
		return ZH_ENOMEM;
	memset(g->cells, 0, ncells * sizeof *g->cells);
	memset(g->counts, 0, g->nst * g->nsubj * sizeof *g->counts);

	if ((e = students(g, ls, nls)))
		return e;
	for (size_t i = 0; i < nls;) {
		size_t j = i + 1;
		while (j < nls && same_group(&ls[j], &ls[i]))
			j++;
		if ((e = one_group(g, ls + i, j - i, present)))
			return e;
		i = j;
	}
	return finals(g);
}

enum zh_err zh_demo_journal(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct gen g = { .db = db, .seed = seed, .a = zh_arena_new() };
	enum zh_err e;
	if (!g.a)
		return zh_fail_set(f, ZH_ENOMEM, "no_memory", NULL, "Недостаточно памяти");
	e = run(&g);
	free(g.gr);
	zh_arena_free(g.a);
	if (e)
		return zh_fail_set(f, e, "demo_journal", NULL, "Демо: не удалось заполнить журнал (%s)", zh_db_errmsg(db));
	return ZH_OK;
}
