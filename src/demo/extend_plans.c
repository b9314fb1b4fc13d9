/* extend_plans.c: demo thematic plans (КТП) (M-08): plans for most teacher-load rows of grades
 * 5–11 with topics whose hours sum to the expected total, most approved and applied to lessons */
#include <math.h>
#include <string.h>

#include "core/arena.h"
#include "demo/extend.h"
#include "domain/plans.h"
#include "store/plans.h"

struct subject_topics {
	const char *subject;
	const char *titles[16];
};

static const struct subject_topics TOPICS[] = {
	{ "Математика", { "Натуральные числа и шкалы", "Сложение и вычитание натуральных чисел",
			  "Умножение и деление натуральных чисел", "Площади и объёмы", "Обыкновенные дроби",
			  "Десятичные дроби. Сложение и вычитание", "Умножение и деление десятичных дробей",
			  "Инструменты для вычислений и измерений", "Делимость чисел", "Пропорции",
			  "Положительные и отрицательные числа", "Координатная плоскость", NULL } },
	{ "Русский язык", { "Повторение изученного в начальной школе", "Фонетика. Орфоэпия. Графика",
			    "Морфемика и словообразование", "Лексикология", "Синтаксис и пунктуация",
			    "Имя существительное", "Имя прилагательное", "Глагол", "Культура речи",
			    "Текст и его признаки", "Функциональные разновидности языка",
			    "Правописание приставок и суффиксов", NULL } },
	{ "Литература", { "Мифология и фольклор", "Древнерусская литература", "Литература XVIII века",
			  "А. С. Пушкин. Лирика и проза", "М. Ю. Лермонтов. Стихотворения", "Н. В. Гоголь. Повести",
			  "И. С. Тургенев. Рассказы", "Л. Н. Толстой. Рассказы", "Литература XX века",
			  "Поэзия о Великой Отечественной войне", "Зарубежная литература", NULL } },
	{ "История", { "Древнейшие люди и их общины", "Древний Египет", "Древняя Месопотамия",
		       "Древняя Индия и Китай", "Древняя Греция", "Эллинистический мир", "Древний Рим",
		       "Русь в IX — начале XII века", "Русские земли в XII–XIII веках",
		       "Формирование единого Российского государства", "Россия в XVI веке", "Смутное время", NULL } },
	{ "Биология", { "Биология — наука о живой природе", "Методы изучения живой природы",
			"Организмы — тела живой природы", "Клетка — основа строения организмов", "Ткани растений и животных",
			"Организмы и среда обитания", "Природные сообщества", "Строение и многообразие цветковых растений",
			"Жизнедеятельность растительного организма", "Человек и природа", NULL } },
	{ "География", { "Географическое изучение Земли", "Изображения земной поверхности", "План местности",
			 "Географические карты", "Земля — планета Солнечной системы", "Литосфера",
			 "Гидросфера", "Атмосфера", "Биосфера", "Природно-территориальные комплексы", NULL } },
	{ "Алгебра", { "Выражения и их преобразования", "Линейные уравнения", "Функции и их графики",
		       "Степень с натуральным показателем", "Многочлены", "Формулы сокращённого умножения",
		       "Системы линейных уравнений", "Квадратные корни", "Квадратные уравнения",
		       "Неравенства", "Числовые последовательности", NULL } },
	{ "Геометрия", { "Начальные геометрические сведения", "Треугольники", "Признаки равенства треугольников",
			 "Параллельные прямые", "Соотношения между сторонами и углами треугольника",
			 "Четырёхугольники", "Площадь", "Подобные треугольники", "Окружность", "Векторы", NULL } },
	{ "Физика", { "Физика и физические методы изучения природы", "Строение вещества",
		      "Движение и взаимодействие тел", "Масса и плотность", "Силы в природе",
		      "Давление твёрдых тел, жидкостей и газов", "Архимедова сила", "Работа и мощность",
		      "Простые механизмы", "Энергия", NULL } },
	{ "Химия", { "Первоначальные химические понятия", "Атомы и молекулы", "Кислород. Горение",
		     "Водород", "Вода. Растворы", "Основные классы неорганических соединений",
		     "Периодический закон Д. И. Менделеева", "Строение атома", "Химическая связь", NULL } },
	{ "Информатика", { "Информация и информационные процессы", "Компьютер — универсальное устройство",
			   "Файлы и файловая система", "Системы счисления", "Элементы алгебры логики",
			   "Алгоритмы и исполнители", "Язык программирования", "Обработка текстовой информации",
			   "Компьютерная графика", "Мультимедийные презентации", NULL } },
	{ "Обществознание", { "Человек и его социальное окружение", "Семья и семейные отношения",
			      "Человек в системе общественных отношений", "Общество и его сферы",
			      "Экономика и её роль в жизни общества", "Политическая сфера", "Право и правоотношения",
			      "Гражданин и государство", NULL } },
	{ "Английский язык", { "My family and friends", "School life", "Free time and hobbies", "Healthy lifestyle",
			       "Shopping", "Travelling", "Nature and environment", "Our country",
			       "English-speaking countries", "Famous people", NULL } },
};

static const char *const *titles_of(const char *subject)
{
	for (size_t i = 0; i < sizeof TOPICS / sizeof TOPICS[0]; i++)
		if (strcmp(TOPICS[i].subject, subject) == 0)
			return TOPICS[i].titles;
	return NULL;
}

/* Topics whose hours sum to exactly total: content topics, a контрольная работа after every
 * fifth, and a final review. */
static enum zh_err make_topics(struct zh_arena *a, const char *subject, int total, struct zh_plan_topic **out,
			       size_t *n)
{
	static const char *const generic[] = { "Введение в курс", "Основные понятия", "Закономерности и правила",
					       "Практическое применение", "Решение задач", "Обобщение раздела", NULL };
	const char *const *titles = titles_of(subject);
	bool named = titles != NULL;
	if (!titles)
		titles = generic;
	int nl = 0;
	while (titles[nl])
		nl++;
	int controls = nl / 5;
	int content_hours = total - controls - 1;
	int t = nl, base, extra;
	if (content_hours < 1) {
		controls = 0;
		content_hours = total - 1;
	}
	if (content_hours < t)
		t = content_hours > 0 ? content_hours : 0;
	base = t ? content_hours / t : 0;
	extra = t ? content_hours % t : 0;
	struct zh_plan_topic *r = zh_arena_alloc(a, (size_t)(t + controls + 2) * sizeof *r);
	if (!r)
		return ZH_ENOMEM;
	size_t k = 0;
	for (int i = 0; i < t; i++) {
		struct zh_plan_topic *p = &r[k++];
		memset(p, 0, sizeof *p);
		p->title = named ? titles[i] : zh_arena_printf(a, "Тема %d. %s: %s", i + 1, subject, titles[i]);
		p->hours = base + (i < extra ? 1 : 0);
		p->lesson_type = i % 4 == 3 ? "практическая работа" : "урок";
		p->kes_codes = zh_arena_printf(a, "%d.%d", i / 3 + 1, i % 3 + 1);
		p->homework = zh_arena_printf(a, "§ %d, вопросы 1–%d", i + 1, 3 + i % 3);
		if ((i + 1) % 5 == 0 && controls > 0 && (i + 1) / 5 <= controls) {
			struct zh_plan_topic *q = &r[k++];
			memset(q, 0, sizeof *q);
			q->title = zh_arena_printf(a, "Контрольная работа № %d", (i + 1) / 5);
			q->hours = 1;
			q->lesson_type = "контрольная работа";
			q->kes_codes = "";
			q->homework = "";
		}
	}
	struct zh_plan_topic *f = &r[k++];
	memset(f, 0, sizeof *f);
	f->title = "Итоговое повторение";
	double sum = 0;
	for (size_t i = 0; i + 1 < k; i++)
		sum += r[i].hours;
	f->hours = total - sum > 0 ? total - sum : 1;
	f->lesson_type = "повторение";
	f->kes_codes = "";
	f->homework = "";
	*out = r;
	*n = k;
	return ZH_OK;
}

static enum zh_err run(struct zh_db *db, struct zh_arena *a, unsigned seed)
{
	struct zh_school_row *schools;
	size_t nschools;
	enum zh_err e;
	if ((e = zh_store_schools_list(db, a, &schools, &nschools)))
		return e;
	for (size_t s = 0; s < nschools; s++) {
		struct zh_plan_load *l;
		size_t nl;
		if ((e = zh_store_plan_loads(db, a, schools[s].id, 0, &l, &nl)))
			return e;
		for (size_t i = 0; i < nl; i++) {
			if (l[i].grade < 5 || l[i].plan_id || (i + seed) % 10 == 9)
				continue;
			struct zh_plan_row p = { .school_id = schools[s].id, .year_id = l[i].year_id,
						 .teacher_id = l[i].teacher_id, .class_id = l[i].class_id,
						 .subgroup_id = l[i].subgroup_id, .subject_id = l[i].subject_id,
						 .grade = l[i].grade, .created_at = 1787907600 };
			unsigned k = (unsigned)(i + seed) % 8;
			p.status = k == 3 ? "submitted" : k == 7 ? "draft" : "approved";
			if (strcmp(p.status, "approved") == 0)
				p.approved_at = 1787907600 + 86400;
			struct zh_plan_hours h;
			if ((e = zh_plan_hours_of(db, &p, &h)))
				return e;
			int total = (int)lround(h.expected);
			if (total < 1)
				continue;
			struct zh_plan_topic *t;
			size_t nt;
			if ((e = make_topics(a, l[i].subject_name, total, &t, &nt)) ||
			    (e = zh_store_plan_insert(db, &p, &p.id)) ||
			    (e = zh_store_plan_topics_put(db, p.school_id, p.id, t, nt)))
				return e;
			if (strcmp(p.status, "approved") == 0 && h.lessons > 0) {
				struct zh_plan_apply_result res;
				if ((e = zh_plan_apply_db(db, a, &p, &res)))
					return e;
			}
		}
	}
	return ZH_OK;
}

enum zh_err zh_demo_plans(struct zh_db *db, unsigned seed, struct zh_fail *f)
{
	struct zh_arena *a = zh_arena_new();
	if (!a)
		return zh_fail_set(f, ZH_ENOMEM, "no_memory", NULL, "Недостаточно памяти");
	enum zh_err e = run(db, a, seed);
	zh_arena_free(a);
	if (e)
		return zh_fail_set(f, e, "demo_plans", NULL, "Не удалось создать демонстрационные планы: %s",
				   zh_db_errmsg(db));
	return ZH_OK;
}
