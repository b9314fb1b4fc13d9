/* acl.c: the access matrix: operation catalogue, default grants, per-school cache, scopes */
#include "domain/acl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The default matrix of shared/access-matrix.md (roles 1..10: A S T H P St Se M Ps Hr),
 * plus audit.view and the region operations (granted through region roles, not the matrix). */
const struct zh_op_def zh_ops[] = {
	{ "school.card.view", "Просмотр сведений о школе", "xxxxxxxxxx" },
	{ "school.card.edit", "Редактирование реквизитов школы", "x........." },
	{ "school.region_settings.edit", "Региональные настройки (часовой пояс)", "x........." },
	{ "school.settings.edit", "Настройки школы (шкала оценок, ступени, усреднение, блокировки, SMS/e-mail)", "x........." },
	{ "school.dictionaries.edit", "Справочники (виды работ, коды, должности, кабинеты)", "x.....x..." },
	{ "access.edit", "Редактирование матрицы доступа", "x........." },
	{ "staff.full.view", "Полная карточка сотрудника", "x..x.....x" },
	{ "staff.manage", "Ведение списка и карточек сотрудников", "x.....x..x" },
	{ "staff.brief.view", "Краткие сведения о сотрудниках", "xxxxxxxxxx" },
	{ "people.manage.all", "Ведение учеников и родителей (все)", "x.....x..." },
	{ "people.manage.own_class", "Ведение учеников и родителей своего класса", "x.x......." },
	{ "people.medical.edit", "Медицинские сведения", "x......x.." },
	{ "people.psych.edit", "Психологические и социальные сведения", "x.......x." },
	{ "people.brief.view.all", "Краткие карточки всех учеников и родителей", "x..x..xxx." },
	{ "people.brief.view.own_subject", "Краткие карточки учеников своих классов", "x.x......." },
	{ "credentials.issue.all", "Выдача реквизитов доступа всем", "x........." },
	{ "credentials.issue.own_class", "Выдача реквизитов ученикам и родителям своего класса", "x.x......." },
	{ "users.delete", "Удаление пользователей", "x........." },
	{ "year.rollover", "Переход на новый учебный год", "x..x......" },
	{ "curriculum.edit", "Учебный план и тарификация", "x..x......" },
	{ "curriculum.view", "Просмотр учебного плана", "x.xx..x..." },
	{ "periods.edit", "Учебные периоды и каникулы", "x..x......" },
	{ "movement.edit", "Книга движения, приказы", "x..x..x..." },
	{ "movement.view", "Просмотр книги движения", "x..x..x..x" },
	{ "documents.view", "Хранилище документов", "xxxxxxxxxx" },
	{ "documents.edit", "Загрузка и ведение документов", "x..x..x.x." },
	{ "classes.view", "Классы, предметы, подгруппы", "x.xx..xxx." },
	{ "classes.edit", "Ведение классов, предметов и подгрупп", "x..x......" },
	{ "subgroups.assign.all", "Распределение по подгруппам (все классы)", "x..x......" },
	{ "subgroups.assign.own_subject", "Распределение по подгруппам своего предмета", "x.x......." },
	{ "plans.view.all", "Все тематические планы", "x..x......" },
	{ "plans.view.own_subject", "Свои тематические планы", "x.xx......" },
	{ "plans.edit.all", "Редактирование и утверждение всех планов", "x..x......" },
	{ "plans.edit.own_subject", "Редактирование своих планов", "x.x......." },
	{ "timetable.view.all", "Расписание всех классов, учителей и кабинетов", "x.xx.xxxxx" },
	{ "timetable.view.self", "Своё расписание / расписание ребёнка", "xxxxx....." },
	{ "timetable.edit", "Составление расписания, замены", "x..x......" },
	{ "events.school.edit", "Школьные мероприятия", "x..x......" },
	{ "events.class.edit.all", "Мероприятия любого класса", "x..x......" },
	{ "events.class.edit.own_class", "Мероприятия своего класса", "x.x......." },
	{ "journal.view.all", "Оценки и посещаемость всех классов", "x..x......" },
	{ "journal.view.own_subject", "Журнал своих предметов и своего класса", "x.x......." },
	{ "journal.edit.all", "Редактирование любого журнала", "x........." },
	{ "journal.edit.own_subject", "Редактирование журнала своих предметов", "x.x......." },
	{ "journal.unlock", "Открытие закрытой даты учителю на 12 часов", "x........." },
	{ "attendance.reason.own_class", "Причины пропусков (УП/НП) в своём классе", "x.x......." },
	{ "finals.view.all", "Итоговые оценки всех классов", "x..x......" },
	{ "finals.view.own_subject", "Итоговые оценки своих предметов и класса", "x.x......." },
	{ "finals.edit.all", "Редактирование любых итоговых оценок", "x........." },
	{ "finals.edit.own_subject", "Итоговые оценки своих предметов", "x.x......." },
	{ "diary.view.self", "Дневник (свой или своих детей)", ".x..x....." },
	{ "courses.view.all", "Учебные материалы всех классов", "x..x......" },
	{ "courses.edit.own_subject", "Свои учебные материалы и их проверка", "x.x......." },
	{ "courses.take.self", "Выполнение учебных материалов", ".x..x....." },
	{ "resources.view", "Каталог ресурсов школы", "xxxxxxxxxx" },
	{ "resources.edit", "Ведение каталога ресурсов", "x.xx......" },
	{ "reports.admin", "Административные отчёты", "x..x..x..x" },
	{ "reports.class.all", "Отчёты по всем классам", "x..x......" },
	{ "reports.class.own_class", "Отчёты по своему классу и предметам", "x.x......." },
	{ "reports.self", "Отчёты о себе / своём ребёнке", ".x..x....." },
	{ "reports.constructor", "Конструктор отчётов", "x..x......" },
	{ "remarks.edit", "Замечания по ведению журнала", "x..x......" },
	{ "announcements.view", "Чтение доски объявлений", "xxxxxxxxxx" },
	{ "announcements.create", "Публикация объявлений", "x.xx..xxxx" },
	{ "mail.use", "Внутренняя почта", "xxxxxxxxxx" },
	{ "forum.use", "Форум", "xxxxxxxxxx" },
	{ "forum.moderators.assign", "Назначение модераторов форума", "x........." },
	{ "archive.view", "Просмотр и проверка архива", "x..x..x..." },
	{ "archive.manage", "Архивирование, акты уничтожения, резервные копии", "x........." },
	{ "audit.view", "Журнал действий пользователей", "x........." },
	{ "region.reports.view", "Сводные отчёты по школам региона", ".........." },
	{ "region.schools.manage", "Создание школ региона и их администраторов", ".........." },
};
const int zh_ops_count = (int)(sizeof zh_ops / sizeof zh_ops[0]);

_Static_assert(sizeof zh_ops / sizeof zh_ops[0] <= ZH_OPS_MAX, "too many operations");

int zh_acl_op_index(const char *op)
{
	if (!op)
		return -1;
	for (int i = 0; i < zh_ops_count; i++)
		if (strcmp(zh_ops[i].id, op) == 0)
			return i;
	return -1;
}

bool zh_opset_has(const struct zh_opset *s, int idx)
{
	if (idx < 0 || idx >= ZH_OPS_MAX)
		return false;
	return (s->bits[idx / 64] >> (idx % 64)) & 1u;
}

void zh_opset_add(struct zh_opset *s, int idx)
{
	if (idx >= 0 && idx < ZH_OPS_MAX)
		s->bits[idx / 64] |= (uint64_t)1 << (idx % 64);
}

static bool in_family(const char *op, const char *family, size_t flen)
{
	return strncmp(op, family, flen) == 0 && op[flen] == '.' && strchr(op + flen + 1, '.') == NULL;
}

static int scope_of(const char *suffix)
{
	if (strcmp(suffix, "all") == 0)
		return ZH_SCOPE_ALL;
	if (strcmp(suffix, "own_class") == 0)
		return ZH_SCOPE_OWN_CLASS;
	if (strcmp(suffix, "own_subject") == 0)
		return ZH_SCOPE_OWN_SUBJECT;
	if (strcmp(suffix, "own_child") == 0)
		return ZH_SCOPE_OWN_CHILD;
	if (strcmp(suffix, "self") == 0)
		return ZH_SCOPE_SELF;
	return 0;
}

bool zh_acl_allows(const struct zh_opset *s, const char *op)
{
	int idx = zh_acl_op_index(op);
	if (idx >= 0)
		return zh_opset_has(s, idx);
	return zh_acl_scopes(s, op) != 0;
}

int zh_acl_scopes(const struct zh_opset *s, const char *family)
{
	size_t flen = strlen(family);
	int mask = 0;
	int idx = zh_acl_op_index(family);
	if (idx >= 0 && zh_opset_has(s, idx))
		mask |= ZH_SCOPE_ALL; /* an unscoped operation grants school-wide */
	for (int i = 0; i < zh_ops_count; i++)
		if (in_family(zh_ops[i].id, family, flen) && zh_opset_has(s, i))
			mask |= scope_of(zh_ops[i].id + flen + 1);
	return mask;
}

bool zh_acl_op_known(const char *op)
{
	if (strcmp(op, ZH_OP_PUBLIC) == 0 || strcmp(op, ZH_OP_AUTHENTICATED) == 0)
		return true;
	if (zh_acl_op_index(op) >= 0)
		return true;
	size_t flen = strlen(op);
	for (int i = 0; i < zh_ops_count; i++)
		if (in_family(zh_ops[i].id, op, flen) && scope_of(zh_ops[i].id + flen + 1))
			return true;
	return false;
}

enum zh_err zh_acl_seed_school(struct zh_db *db, int64_t school_id)
{
	for (int i = 0; i < zh_ops_count; i++)
		for (int r = 1; r <= ZH_SCHOOL_ROLES; r++)
			if (zh_ops[i].defaults[r - 1] == 'x') {
				enum zh_err e = zh_store_acl_set(db, school_id, r, zh_ops[i].id, true);
				if (e)
					return e;
			}
	zh_acl_invalidate(school_id);
	return ZH_OK;
}

/* ---- per-school cache of the matrix ---- */

struct school_matrix {
	int64_t school_id;
	struct zh_opset role_ops[ZH_SCHOOL_ROLES + 1];
};

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static unsigned long generation;
static struct school_matrix *cache;
static size_t cache_n, cache_cap;

static void collect(void *ctx, int role_id, const char *op)
{
	struct school_matrix *m = ctx;
	if (role_id >= 1 && role_id <= ZH_SCHOOL_ROLES)
		zh_opset_add(&m->role_ops[role_id], zh_acl_op_index(op));
}

static void union_roles(const struct school_matrix *m, const int *roles, struct zh_opset *out)
{
	memset(out, 0, sizeof *out);
	for (int r = 1; r <= ZH_SCHOOL_ROLES; r++)
		if (roles[r])
			for (size_t w = 0; w < ZH_OPS_MAX / 64; w++)
				out->bits[w] |= m->role_ops[r].bits[w];
	/* access.edit always stays with the admin: a school can never lock itself out */
	if (roles[ZH_ROLE_ADMIN])
		zh_opset_add(out, zh_acl_op_index("access.edit"));
}

enum zh_err zh_acl_ops_since(struct zh_db *db, int64_t school_id, const int *roles,
			     unsigned long gen_before, struct zh_opset *out)
{
	struct school_matrix m;
	enum zh_err e;

	pthread_rwlock_rdlock(&cache_lock);
	for (size_t i = 0; i < cache_n; i++)
		if (cache[i].school_id == school_id) {
			union_roles(&cache[i], roles, out);
			pthread_rwlock_unlock(&cache_lock);
			return ZH_OK;
		}
	pthread_rwlock_unlock(&cache_lock);

	memset(&m, 0, sizeof m);
	m.school_id = school_id;
	if ((e = zh_store_acl_each(db, school_id, collect, &m)) != ZH_OK)
		return e;
	union_roles(&m, roles, out);

	pthread_rwlock_wrlock(&cache_lock);
	/* a matrix read before (or during) a change is used once but never cached */
	if (generation == gen_before) {
		size_t i;
		for (i = 0; i < cache_n && cache[i].school_id != school_id; i++)
			;
		if (i == cache_n && cache_n == cache_cap) {
			size_t nc = cache_cap ? cache_cap * 2 : 8;
			struct school_matrix *nm = realloc(cache, nc * sizeof *nm);
			if (nm) {
				cache = nm;
				cache_cap = nc;
			}
		}
		if (i < cache_cap) {
			cache[i] = m; /* replaces a copy another thread stored meanwhile */
			if (i == cache_n)
				cache_n++;
		}
	}
	pthread_rwlock_unlock(&cache_lock);
	return ZH_OK;
}

enum zh_err zh_acl_ops_for(struct zh_db *db, int64_t school_id, const int *roles, struct zh_opset *out)
{
	return zh_acl_ops_since(db, school_id, roles, zh_acl_generation(), out);
}

unsigned long zh_acl_generation(void)
{
	pthread_rwlock_rdlock(&cache_lock);
	unsigned long g = generation;
	pthread_rwlock_unlock(&cache_lock);
	return g;
}

void zh_acl_invalidate(int64_t school_id)
{
	pthread_rwlock_wrlock(&cache_lock);
	generation++;
	for (size_t i = 0; i < cache_n;)
		if (cache[i].school_id == school_id)
			cache[i] = cache[--cache_n];
		else
			i++;
	pthread_rwlock_unlock(&cache_lock);
}
