/* main.c: the zhurnal command line: serve, init, demo, user */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/stat.h>

#include "core/clock.h"
#include "core/fold.h"
#include "core/log.h"
#include "export/pdf.h"
#include "demo/demo.h"
#include "demo/region.h"
#include "domain/account.h"
#include "domain/acl.h"
#include "domain/audit.h"
#include "domain/delivery.h" /* M-11 */
#include "domain/notify.h"
#include "domain/alerts.h" /* M-11 alerts */
#include "domain/auth.h"
#include "domain/roles.h"
#include "domain/school.h"
#include "domain/views.h"
#include "http/req.h"

#define DEFAULT_DB "var/zhurnal.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

struct args {
	int argc;
	char **argv;
};

/* The value of --name (as "--name v" or "--name=v"), or NULL. */
static const char *opt(const struct args *a, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < a->argc; i++) {
		if (strncmp(a->argv[i], "--", 2) != 0 || strncmp(a->argv[i] + 2, name, n) != 0)
			continue;
		if (a->argv[i][2 + n] == '=')
			return a->argv[i] + 3 + n;
		if (a->argv[i][2 + n] == '\0' && i + 1 < a->argc)
			return a->argv[i + 1];
	}
	return NULL;
}

static int flag(const struct args *a, const char *name)
{
	for (int i = 0; i < a->argc; i++)
		if (strncmp(a->argv[i], "--", 2) == 0 && strcmp(a->argv[i] + 2, name) == 0)
			return 1;
	return 0;
}

static const char *env_or(const char *v, const char *env, const char *def)
{
	if (v)
		return v;
	const char *e = getenv(env);
	return e && *e ? e : def;
}

static int fail(const char *what, const struct zh_fail *f, enum zh_err e)
{
	fprintf(stderr, "zhurnal: %s: %s\n", what, f->msg[0] ? f->msg : zh_err_name(e));
	return 1;
}

static int open_store(const char *path, bool create, int pool, struct zh_store **s)
{
	struct zh_store_opts o = { .path = path, .pool_size = pool, .create = create, .migrate = true };
	struct zh_fail f = { 0 };
	enum zh_err e;
	if (create) {
		/* make the directory of the database when it is missing */
		char dir[1024];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			mkdir(dir, 0750);
		}
	}
	if ((e = zh_store_open(&o, s, &f)))
		return fail("база данных", &f, e);
	return 0;
}

static void ctx_init(struct zh_ctx *c, struct zh_store *s, struct zh_arena *a)
{
	memset(c, 0, sizeof *c);
	c->arena = a;
	c->store = s;
	c->now = zh_now();
	c->request_id = "cli";
	c->client_ip = "командная строка";
}

/* ---- serve ---- */

static const char usage_serve[] =
	"Использование: zhurnal serve [--db ПУТЬ] [--listen АДРЕС:ПОРТ] [--web КАТАЛОГ]\n"
	"                             [--threads N] [--mode pool|per-connection] [--body-max БАЙТ] [--quiet]\n"
	"  Запускает веб-интерфейс и API. По умолчанию: --db $ZHURNAL_DB или " DEFAULT_DB ",\n"
	"  --listen $ZHURNAL_LISTEN или " DEFAULT_LISTEN ", --web $ZHURNAL_WEB или web.\n"
	"  Останавливается по SIGTERM/SIGINT, дождавшись текущих запросов.\n";

static int cmd_serve(const struct args *a)
{
	struct zh_server_conf conf = { 0 };
	struct zh_store *s;
	char host[64];
	const char *listen = env_or(opt(a, "listen"), "ZHURNAL_LISTEN", DEFAULT_LISTEN);
	const char *colon = strrchr(listen, ':');
	const char *mode = env_or(opt(a, "mode"), "ZHURNAL_HTTP_MODE", "pool");
	int rc;

	if (flag(a, "help")) {
		fputs(usage_serve, stdout);
		return 0;
	}
	if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host || atoi(colon + 1) <= 0 ||
	    atoi(colon + 1) > 65535) {
		fprintf(stderr, "zhurnal: неверный адрес --listen %s (нужно АДРЕС:ПОРТ)\n", listen);
		return 2;
	}
	snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
	conf.host = host;
	conf.port = atoi(colon + 1);
	conf.web_dir = env_or(opt(a, "web"), "ZHURNAL_WEB", "web");
	conf.threads = atoi(env_or(opt(a, "threads"), "ZHURNAL_THREADS", "4"));
	conf.body_max = (size_t)strtoull(env_or(opt(a, "body-max"), "ZHURNAL_BODY_MAX", "1048576"), NULL, 10);
	conf.thread_per_connection = strcmp(mode, "per-connection") == 0;
	conf.cookie_secure = getenv("ZHURNAL_COOKIE_SECURE") && strcmp(getenv("ZHURNAL_COOKIE_SECURE"), "1") == 0;
	if (conf.threads < 1 || conf.threads > 256 || conf.body_max < 1024) {
		fprintf(stderr, "zhurnal: --threads от 1 до 256, --body-max не меньше 1024\n");
		return 2;
	}
	if (strcmp(mode, "pool") != 0 && !conf.thread_per_connection) {
		fprintf(stderr, "zhurnal: --mode pool или per-connection\n");
		return 2;
	}
	if (flag(a, "quiet"))
		zh_log_set_quiet_access(1);
	const char *db = env_or(opt(a, "db"), "ZHURNAL_DB", DEFAULT_DB);
	if ((rc = open_store(db, false, conf.thread_per_connection ? 20 : conf.threads + 6, &s)))
		return rc;
	conf.store = s;
	zh_views_start(s); /* diary views: queued, written every ~2 s */
	zh_notify_start(s); /* journal events → notifications, in batches */
	struct zh_delivery *delivery = zh_delivery_start(s); /* M-11: the e-mail/SMS outbox worker */
	zh_alerts_start(s, 300); /* M-11 alerts: daily alerts and weekly digests */
	rc = zh_server_run(&conf);
	zh_alerts_stop(); /* M-11 alerts */
	zh_notify_stop(); /* after the last request: drains the queued events */
	zh_delivery_stop(delivery); /* M-11 */
	zh_views_stop();
	zh_store_close(s);
	zh_pdf_shutdown();
	return rc;
}

/* ---- init ---- */

static int cmd_init(const struct args *a)
{
	struct zh_store *s;
	struct zh_db *db;
	struct zh_school_row *schools;
	size_t n;
	struct zh_arena *ar;
	int64_t region, school;
	enum zh_err e;
	int rc;

	if (flag(a, "help")) {
		puts("Использование: zhurnal init [--db ПУТЬ] [--region НАЗВАНИЕ] [--school НАЗВАНИЕ] [--short КРАТКОЕ]\n"
		     "  Создаёт пустую установку: базу, схему и школу с матрицей доступа по умолчанию.\n"
		     "  Первого администратора добавьте командой zhurnal user add --role admin.");
		return 0;
	}
	const char *path = env_or(opt(a, "db"), "ZHURNAL_DB", DEFAULT_DB);
	if ((rc = open_store(path, true, 1, &s)))
		return rc;
	db = zh_store_acquire(s);
	ar = zh_arena_new();
	if ((e = zh_store_schools_list(db, ar, &schools, &n)))
		goto out;
	if (n > 0) {
		printf("Установка %s уже создана (схема версии %d, школ: %zu)\n", path, zh_store_schema_version(db), n);
		goto out;
	}
	const char *school_name = opt(a, "school") ? opt(a, "school") : "Новая школа";
	if ((e = zh_db_begin(db, true)) ||
	    (e = zh_store_region_insert(db, opt(a, "region") ? opt(a, "region") : "Новый регион", &region)) ||
	    (e = zh_store_school_insert(db, region, school_name, opt(a, "short") ? opt(a, "short") : school_name,
					"Europe/Samara", &school)) ||
	    (e = zh_acl_seed_school(db, school)) || (e = zh_school_seed(db, school)) || (e = zh_db_commit(db)))
		goto out;
	printf("Создана установка %s: школа «%s» (id %lld)\n", path, school_name, (long long)school);
out:
	if (e) {
		zh_db_rollback(db);
		fprintf(stderr, "zhurnal: init: %s\n", zh_err_name(e));
	}
	zh_arena_free(ar);
	zh_store_release(db);
	zh_store_close(s);
	return e ? 1 : 0;
}

/* ---- demo ---- */

static int cmd_demo(const struct args *a)
{
	struct zh_store *s;
	struct zh_fail f = { 0 };
	struct zh_demo_opts o = { 0 };
	enum zh_err e;
	int rc;

	if (flag(a, "help")) {
		puts("Использование: zhurnal demo [--db ПУТЬ] [--password ПАРОЛЬ] [--seed N]\n"
		     "                   [--region-size [--students N (200000)]]\n"
		     "  Создаёт демонстрационный регион и школу. С --password все учётные записи получают\n"
		     "  этот пароль; без него каждой выдаётся временный пароль, который печатается один раз.\n"
		     "  --region-size: регион для нагрузочных тестов — демо-школа, повторённая до N учеников\n"
		     "  (~250 оценок на ученика за полугодие), пароль всех учётных записей — --password\n"
		     "  или demo-Parol-2026.");
		return 0;
	}
	o.password = opt(a, "password");
	o.seed = (unsigned)strtoul(opt(a, "seed") ? opt(a, "seed") : "1", NULL, 10);
	bool region = flag(a, "region-size"); /* the demo school copied into a region (src/demo/region.c) */
	struct zh_region_opts ro = { .students = opt(a, "students") ? atol(opt(a, "students")) : ZH_REGION_STUDENTS,
				     .seed = o.seed };
	if (region && !o.password)
		o.password = "demo-Parol-2026";
	if (region && (ro.students < 1 || ro.students > 10000000)) {
		fprintf(stderr, "zhurnal: --students от 1 до 10000000\n");
		return 2;
	}
	if (o.password && strlen(o.password) < ZH_PASSWORD_MIN) {
		fprintf(stderr, "zhurnal: пароль должен содержать не менее %d символов\n", ZH_PASSWORD_MIN);
		return 2;
	}
	if ((rc = open_store(env_or(opt(a, "db"), "ZHURNAL_DB", DEFAULT_DB), true, 1, &s)))
		return rc;
	e = zh_demo_create(s, &o, stdout, &f);
	zh_store_close(s);
	if (!e && region)
		e = zh_region_expand(env_or(opt(a, "db"), "ZHURNAL_DB", DEFAULT_DB), &ro, stdout, &f);
	return e ? fail("demo", &f, e) : 0;
}

/* ---- user ---- */

static const char usage_user[] =
	"Использование:\n"
	"  zhurnal user add --login ЛОГИН --name \"Фамилия Имя Отчество\" --role РОЛЬ[,РОЛЬ]\n"
	"                   [--password ПАРОЛЬ] [--school ID] [--gender m|f] [--db ПУТЬ]\n"
	"      без --password выдаётся временный пароль (сменить при первом входе)\n"
	"  zhurnal user passwd --login ЛОГИН [--password ПАРОЛЬ] [--temporary] [--db ПУТЬ]\n"
	"  zhurnal user lock|unlock --login ЛОГИН [--db ПУТЬ]\n"
	"  zhurnal user list [--role РОЛЬ] [--format tsv|table] [--db ПУТЬ]\n"
	"  Роли: admin, student, teacher, head, parent, staff, secretary, medic, psychologist, hr,\n"
	"        region_admin, region_head, region_staff (или их номера 1–13).\n";

/* Prints s padded with spaces to width columns (counting code points, not bytes). */
static void pad(const char *s, size_t width)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	fputs(s, stdout);
	for (; n < width; n++)
		putchar(' ');
}

static int user_list(struct zh_ctx *c, const struct args *a)
{
	struct zh_user_list_row *rows;
	size_t n;
	int role = 0;
	const char *fmt = opt(a, "format") ? opt(a, "format") : "table";
	enum zh_err e;

	if (opt(a, "role") && !(role = zh_role_parse(opt(a, "role")))) {
		fprintf(stderr, "zhurnal: неизвестная роль %s\n", opt(a, "role"));
		return 2;
	}
	if ((e = zh_store_user_list(zh_ctx_db(c), c->arena, role, &rows, &n)))
		return fail("user list", &c->fail, e);
	bool tsv = strcmp(fmt, "tsv") == 0;
	if (!tsv) {
		pad("логин", 23);
		pad("роли", 25);
		pad("ФИО", 41);
		pad("класс", 7);
		puts("дети");
	}
	for (size_t i = 0; i < n; i++) {
		char roles[160] = "";
		size_t o = 0;
		const char *p = rows[i].roles ? rows[i].roles : "";
		while (*p) {
			int id = atoi(p);
			const char *code = zh_role_code(id);
			o += (size_t)snprintf(roles + o, sizeof roles - o, "%s%s", o ? "," : "", code ? code : "?");
			p = strchr(p, ',');
			if (!p || o >= sizeof roles)
				break;
			p++;
		}
		const char *cls = rows[i].class_name ? rows[i].class_name : "";
		const char *kids = rows[i].children ? rows[i].children : "";
		if (tsv) {
			printf("%s\t%s\t%s\t%s\t%s\n", rows[i].login, roles, rows[i].full_name, cls, kids);
			continue;
		}
		pad(rows[i].login, 23);
		pad(roles, 25);
		pad(rows[i].full_name, 41);
		pad(cls, 7);
		puts(kids);
	}
	return 0;
}

static int user_add(struct zh_ctx *c, const struct args *a)
{
	struct zh_new_user u = { 0 };
	int roles[ZH_ROLE_MAX + 1] = { 0 }, nr = 0;
	char temp[16], namebuf[256];
	const char *name = opt(a, "name"), *rolestr = opt(a, "role");
	int64_t id;
	enum zh_err e;

	if (!opt(a, "login") || !name || !rolestr) {
		fputs(usage_user, stderr);
		return 2;
	}
	snprintf(namebuf, sizeof namebuf, "%s", name);
	u.last_name = strtok(namebuf, " ");
	u.first_name = strtok(NULL, " ");
	u.middle_name = strtok(NULL, "");
	char rb[128];
	snprintf(rb, sizeof rb, "%s", rolestr);
	for (char *t = strtok(rb, ","); t; t = strtok(NULL, ",")) {
		int r = zh_role_parse(t);
		if (!r || nr == ZH_ROLE_MAX) {
			fprintf(stderr, "zhurnal: неизвестная роль %s\n", t);
			return 2;
		}
		roles[nr++] = r;
	}
	u.login = opt(a, "login");
	u.gender = opt(a, "gender");
	u.roles = roles;
	u.password = opt(a, "password");
	u.must_change = !u.password || flag(a, "temporary");
	if (!u.password) {
		zh_auth_temp_password(temp);
		u.password = temp;
	}
	if (opt(a, "school")) {
		u.school_id = atoll(opt(a, "school"));
	} else {
		struct zh_school_row *s;
		size_t n;
		if ((e = zh_store_schools_list(zh_ctx_db(c), c->arena, &s, &n)) || n == 0) {
			fprintf(stderr, "zhurnal: в установке нет школ: сначала zhurnal init\n");
			return 1;
		}
		u.school_id = s[0].id;
	}
	if ((e = zh_account_create(c, &u, &id)))
		return fail("user add", &c->fail, e);
	printf("Создан пользователь %s (id %lld)\n", u.login, (long long)id);
	if (!opt(a, "password"))
		printf("Временный пароль: %s (сменить при первом входе)\n", temp);
	return 0;
}

static int cmd_user(const struct args *a0)
{
	struct zh_store *s;
	struct zh_arena *ar;
	struct zh_ctx c;
	struct args a = { a0->argc - 1, a0->argv + 1 };
	const char *sub = a0->argc > 0 ? a0->argv[0] : "";
	enum zh_err e = ZH_OK;
	int rc;

	if (!*sub || strcmp(sub, "--help") == 0 || flag(&a, "help")) {
		fputs(usage_user, stdout);
		return *sub ? 0 : 2;
	}
	if (strcmp(sub, "add") && strcmp(sub, "passwd") && strcmp(sub, "lock") && strcmp(sub, "unlock") &&
	    strcmp(sub, "list")) {
		fprintf(stderr, "zhurnal: неизвестная команда user %s\n%s", sub, usage_user);
		return 2;
	}
	if ((rc = open_store(env_or(opt(&a, "db"), "ZHURNAL_DB", DEFAULT_DB), false, 1, &s)))
		return rc;
	ar = zh_arena_new();
	ctx_init(&c, s, ar);
	if (strcmp(sub, "list") == 0) {
		rc = user_list(&c, &a);
	} else if (strcmp(sub, "add") == 0) {
		rc = user_add(&c, &a);
	} else if (!opt(&a, "login")) {
		fputs(usage_user, stderr);
		rc = 2;
	} else if (strcmp(sub, "passwd") == 0) {
		char temp[16];
		const char *pw = opt(&a, "password");
		if (!pw) {
			zh_auth_temp_password(temp);
			pw = temp;
		}
		e = zh_auth_set_password(&c, opt(&a, "login"), pw, !opt(&a, "password") || flag(&a, "temporary"));
		if (!e && !opt(&a, "password"))
			printf("Временный пароль для %s: %s (сменить при первом входе)\n", opt(&a, "login"), temp);
		else if (!e)
			printf("Пароль пользователя %s изменён\n", opt(&a, "login"));
		rc = e ? fail("user passwd", &c.fail, e) : 0;
	} else {
		bool lock = strcmp(sub, "lock") == 0;
		e = zh_auth_set_locked(&c, opt(&a, "login"), lock);
		if (!e)
			printf("Пользователь %s %s\n", opt(&a, "login"), lock ? "заблокирован" : "разблокирован");
		rc = e ? fail(lock ? "user lock" : "user unlock", &c.fail, e) : 0;
	}
	zh_ctx_done(&c);
	zh_arena_free(ar);
	zh_store_close(s);
	return rc;
}

/* ---- audit ---- */

static int cmd_audit(const struct args *a)
{
	struct zh_store *s;
	struct zh_db *db;
	int64_t bad, count;
	int rc;
	if (a->argc < 1 || strcmp(a->argv[0], "verify") != 0) {
		puts("Использование: zhurnal audit verify [--db ПУТЬ]\n  Проверяет цепочку хешей журнала действий.");
		return a->argc >= 1 && strcmp(a->argv[0], "--help") == 0 ? 0 : 2;
	}
	if ((rc = open_store(env_or(opt(a, "db"), "ZHURNAL_DB", DEFAULT_DB), false, 1, &s)))
		return rc;
	db = zh_store_acquire(s);
	enum zh_err e = zh_audit_verify(db, &bad, &count);
	zh_store_release(db);
	zh_store_close(s);
	if (e) {
		fprintf(stderr, "zhurnal: audit verify: %s\n", zh_err_name(e));
		return 1;
	}
	if (bad) {
		printf("НАРУШЕНА целостность журнала действий: запись %lld не совпадает с цепочкой\n", (long long)bad);
		return 3;
	}
	printf("Журнал действий цел: %lld записей\n", (long long)count);
	return 0;
}

/* ---- routes ---- */

static int cmd_routes(void)
{
	/* the route table as the server uses it: method, path, operation, summary */
	for (size_t i = 0; i < zh_routes_count; i++)
		printf("%s\t%s\t%s\t%s\n", zh_method_name(zh_routes[i].method), zh_routes[i].pattern,
		       zh_routes[i].op, zh_routes[i].summary);
	return 0;
}

static const char usage[] =
	"zhurnal — электронный журнал и дневник\n\n"
	"Использование: zhurnal КОМАНДА [ПАРАМЕТРЫ]   (zhurnal КОМАНДА --help — подробнее)\n"
	"  serve    запустить веб-интерфейс и API\n"
	"  init     создать пустую установку\n"
	"  demo     создать демонстрационную школу\n"
	"  user     учётные записи: add, passwd, lock, unlock, list\n"
	"  audit    проверить целостность журнала действий (verify)\n"
	"  routes   показать маршруты API и операции матрицы доступа, которые они требуют\n";

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "zhurnal: libsodium не инициализирован\n");
		return 1;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	struct args a = { argc - 2, argv + 2 };
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(&a);
	if (strcmp(argv[1], "init") == 0)
		return cmd_init(&a);
	if (strcmp(argv[1], "demo") == 0)
		return cmd_demo(&a);
	if (strcmp(argv[1], "user") == 0)
		return cmd_user(&a);
	if (strcmp(argv[1], "audit") == 0)
		return cmd_audit(&a);
	if (strcmp(argv[1], "routes") == 0)
		return cmd_routes();
	fprintf(stderr, "zhurnal: неизвестная команда %s\n\n%s", argv[1], usage);
	return 2;
}
