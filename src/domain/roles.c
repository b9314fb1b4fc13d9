/* roles.c: role codes and Russian titles */
#include "domain/roles.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code, *title;
} roles[ZH_ROLE_MAX + 1] = {
	[1] = { "admin", "Администратор" },
	[2] = { "student", "Ученик" },
	[3] = { "teacher", "Учитель" },
	[4] = { "head", "Завуч / директор" },
	[5] = { "parent", "Родитель" },
	[6] = { "staff", "Технический персонал" },
	[7] = { "secretary", "Секретарь" },
	[8] = { "medic", "Медицинский работник" },
	[9] = { "psychologist", "Психолог / социальный педагог" },
	[10] = { "hr", "Специалист по кадрам" },
	[11] = { "region_admin", "Администратор УО" },
	[12] = { "region_head", "Начальник УО" },
	[13] = { "region_staff", "Сотрудник УО" },
};

const char *zh_role_code(int id)
{
	return id >= 1 && id <= ZH_ROLE_MAX ? roles[id].code : NULL;
}

const char *zh_role_title(int id)
{
	return id >= 1 && id <= ZH_ROLE_MAX ? roles[id].title : NULL;
}

int zh_role_parse(const char *s)
{
	if (!s || !*s)
		return 0;
	for (int i = 1; i <= ZH_ROLE_MAX; i++)
		if (strcmp(s, roles[i].code) == 0)
			return i;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end == '\0' && v >= 1 && v <= ZH_ROLE_MAX)
		return (int)v;
	return 0;
}
