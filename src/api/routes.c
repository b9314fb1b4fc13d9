/* routes.c: the one route table: every route names the operation it needs */
#include "api/api.h"
#include "domain/acl.h"

const struct zh_route zh_routes[] = {
	{ ZH_GET, "/healthz", zh_api_healthz, ZH_OP_PUBLIC, "Проверка работоспособности" },
	{ ZH_POST, "/api/v1/auth/login", zh_api_login, ZH_OP_PUBLIC, "Вход по логину и паролю" },
	{ ZH_POST, "/api/v1/auth/logout", zh_api_logout, ZH_OP_AUTHENTICATED, "Выход" },
	{ ZH_POST, "/api/v1/auth/password", zh_api_password, ZH_OP_AUTHENTICATED, "Смена своего пароля" },
	{ ZH_GET, "/api/v1/auth/sessions", zh_api_sessions, ZH_OP_AUTHENTICATED, "Свои активные сеансы" },
	{ ZH_DELETE, "/api/v1/auth/sessions/{id}", zh_api_session_end, ZH_OP_AUTHENTICATED, "Завершить свой сеанс" },
	{ ZH_GET, "/api/v1/me", zh_api_me, ZH_OP_AUTHENTICATED, "Текущий пользователь, роли и права" },
	{ ZH_GET, "/api/v1/access", zh_api_access_get, "access.edit", "Матрица доступа школы" },
	{ ZH_PUT, "/api/v1/access", zh_api_access_put, "access.edit", "Изменить ячейки матрицы доступа" },
	{ ZH_GET, "/api/v1/audit", zh_api_audit, "audit.view", "Журнал действий пользователей" },
	{ ZH_POST, "/api/v1/users/{id}/password-reset", zh_api_user_reset_password, "credentials.issue.all", "Сбросить пароль пользователя" },
	{ ZH_POST, "/api/v1/users/{id}/lock", zh_api_user_lock, "credentials.issue.all", "Заблокировать пользователя" },
	{ ZH_POST, "/api/v1/users/{id}/unlock", zh_api_user_unlock, "credentials.issue.all", "Разблокировать пользователя" },
};
const size_t zh_routes_count = sizeof zh_routes / sizeof zh_routes[0];
