/* roles.h: the role ids of SPEC §1 (kept as «Сетевой Город» numbers them) */
#ifndef ZH_ROLES_H
#define ZH_ROLES_H

enum zh_role {
	ZH_ROLE_ADMIN = 1, ZH_ROLE_STUDENT = 2, ZH_ROLE_TEACHER = 3, ZH_ROLE_HEAD = 4,
	ZH_ROLE_PARENT = 5, ZH_ROLE_STAFF = 6, ZH_ROLE_SECRETARY = 7, ZH_ROLE_MEDIC = 8,
	ZH_ROLE_PSYCHOLOGIST = 9, ZH_ROLE_HR = 10, ZH_ROLE_REGION_ADMIN = 11,
	ZH_ROLE_REGION_HEAD = 12, ZH_ROLE_REGION_STAFF = 13,
	ZH_ROLE_MAX = 13
};
#define ZH_SCHOOL_ROLES 10

/* "teacher", "Учитель"; NULL for unknown ids. */
const char *zh_role_code(int id);
const char *zh_role_title(int id);
/* 0 when unknown; accepts codes ("teacher") and numbers ("3"). */
int zh_role_parse(const char *s);

#endif
