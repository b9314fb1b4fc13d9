/* credentials.c: issuing logins and temporary passwords to students, parents and staff (M-01) */
#include "domain/credentials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/translit.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/scope.h"
#include "export/pdf.h"

#define LOGIN_BASE_MAX 40

static enum zh_err nomem(struct zh_ctx *c)
{
	return zh_fail_set(&c->fail, ZH_ENOMEM, NULL, NULL, "Недостаточно памяти");
}

/* ---- logins ---- */

/* The transliteration of the first letter of s ("" when s is empty). */
static char *initial(struct zh_arena *a, const char *s)
{
	size_t n = 1;
	if (!s || !*s)
		return zh_arena_strdup(a, "");
	while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	char *one = zh_arena_strndup(a, s, n);
	return one ? zh_translit(a, one) : NULL;
}

char *zh_cred_login_base(struct zh_arena *a, const char *last, const char *first, const char *middle)
{
	char *sur = zh_translit(a, last ? last : "");
	char *i1 = initial(a, first), *i2 = initial(a, middle);
	if (!sur || !i1 || !i2)
		return NULL;
	if (!*sur)
		sur = "user";
	if (strlen(sur) > LOGIN_BASE_MAX - 6)
		sur[LOGIN_BASE_MAX - 6] = 0;
	return zh_arena_printf(a, "%s%s%s%s", sur, *i1 || *i2 ? "." : "", i1, i2);
}

/* A login free in the installation: base, base2, base3… (inside the write transaction). */
static enum zh_err choose_login(struct zh_ctx *c, struct zh_db *db, const char *base, const char **out)
{
	for (int k = 1; k < 100000; k++) {
		bool taken;
		char *cand = k == 1 ? zh_arena_strdup(c->arena, base) : zh_arena_printf(c->arena, "%s%d", base, k);
		enum zh_err e;
		if (!cand)
			return nomem(c);
		if ((e = zh_store_user_login_exists(db, cand, &taken)))
			return e;
		if (!taken) {
			*out = cand;
			return ZH_OK;
		}
	}
	return zh_fail_set(&c->fail, ZH_ECONFLICT, "login_exhausted", "login",
			   "Не удалось подобрать свободный логин для «%s»", base);
}

static const char *full_name(struct zh_arena *a, const struct zh_cred_person_row *p)
{
	return zh_arena_printf(a, "%s %s%s%s", p->last_name, p->first_name, p->middle_name[0] ? " " : "",
			       p->middle_name);
}

/* ---- reads ---- */

enum zh_err zh_cred_class(struct zh_ctx *c, int64_t class_id, struct zh_cred_class_row *out)
{
	enum zh_err e = zh_scope_check(c, "credentials.issue", &(struct zh_target){ .class_id = class_id });
	if (e)
		return e;
	e = zh_store_cred_class(zh_ctx_db(c), c->arena, c->school_id, class_id, out);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "not_found", "id", "Класс не найден");
	return e;
}

enum zh_err zh_cred_classes(struct zh_ctx *c, struct zh_cred_class_row **rows, size_t *n)
{
	int scopes = zh_acl_scopes(&c->ops, "credentials.issue");
	int64_t teacher = 0;
	if (!(scopes & ZH_SCOPE_ALL)) {
		if (!(scopes & ZH_SCOPE_OWN_CLASS) || !c->person_id)
			return zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "",
					   "Недостаточно прав для этого действия");
		teacher = c->person_id;
	}
	return zh_store_cred_classes(zh_ctx_db(c), c->arena, c->school_id, teacher, rows, n);
}

static enum zh_err concat(struct zh_ctx *c, struct zh_cred_person_row **a, size_t *na,
			  struct zh_cred_person_row *b, size_t nb)
{
	if (!nb)
		return ZH_OK;
	struct zh_cred_person_row *all = zh_arena_alloc(c->arena, (*na + nb) * sizeof *all);
	if (!all)
		return nomem(c);
	if (*na)
		memcpy(all, *a, *na * sizeof *all);
	memcpy(all + *na, b, nb * sizeof *all);
	*a = all;
	*na += nb;
	return ZH_OK;
}

static enum zh_err people_of(struct zh_ctx *c, int64_t class_id, unsigned who,
			     struct zh_cred_person_row **rows, size_t *n)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_cred_person_row *p = NULL;
	size_t np = 0;
	enum zh_err e;
	*rows = NULL;
	*n = 0;
	if ((who & ZH_CRED_STUDENTS) &&
	    (e = zh_store_cred_class_students(db, c->arena, c->school_id, class_id, rows, n)))
		return e;
	if ((who & ZH_CRED_PARENTS) &&
	    ((e = zh_store_cred_class_parents(db, c->arena, c->school_id, class_id, &p, &np)) ||
	     (e = concat(c, rows, n, p, np))))
		return e;
	return ZH_OK;
}

enum zh_err zh_cred_roster(struct zh_ctx *c, int64_t class_id, struct zh_cred_class_row *klass,
			   struct zh_cred_person_row **rows, size_t *n)
{
	enum zh_err e = zh_cred_class(c, class_id, klass);
	return e ? e : people_of(c, class_id, ZH_CRED_STUDENTS | ZH_CRED_PARENTS, rows, n);
}

enum zh_err zh_cred_staff(struct zh_ctx *c, struct zh_cred_person_row **rows, size_t *n)
{
	return zh_store_cred_staff(zh_ctx_db(c), c->arena, c->school_id, rows, n);
}

/* ---- issuing ---- */

enum act { SKIP, CREATE, RESET, ROLE };

struct todo {
	const struct zh_cred_person_row *p;
	enum act act;
	char hash[128];
	const char *login;
	int64_t user_id;
	size_t item;        /* index in the result */
};

static enum act decide(const struct zh_cred_person_row *p, bool reissue)
{
	if (!p->user_id)
		return CREATE;
	if (reissue && p->must_change)
		return RESET;
	return p->has_role ? SKIP : ROLE;
}

static int role_of(const char *kind)
{
	return strcmp(kind, "student") == 0 ? ZH_ROLE_STUDENT : ZH_ROLE_PARENT;
}

static json_t *audit_entry(const struct todo *t)
{
	static const char *const names[] = { "skipped", "created", "reset", "role_added" };
	return json_pack("{s:I, s:I, s:s, s:s?, s:s}", "person_id", (json_int_t)t->p->person_id,
			 "user_id", (json_int_t)t->user_id, "kind", t->p->kind, "login", t->login,
			 "action", names[t->act]);
}

/* Hashes the temporary passwords with no connection held, then writes everything in one
 * transaction with one audit entry (logins, never passwords). */
static enum zh_err apply(struct zh_ctx *c, struct todo *td, size_t n, const int *staff_roles,
			 const char *entity, int64_t entity_id, json_t *what, struct zh_cred_result *out)
{
	struct zh_db *db;
	enum zh_err e = ZH_OK;
	size_t work = 0;

	for (size_t i = 0; i < n; i++)
		if (td[i].act != SKIP)
			work++;
		else
			out->skipped++;
	if (!work) {
		json_decref(what);
		return ZH_OK;
	}
	zh_ctx_done(c); /* no connection held while hashing */
	for (size_t i = 0; i < n && !e; i++)
		if (td[i].act == CREATE || td[i].act == RESET)
			e = zh_auth_hash_password(out->items[td[i].item].password, ZH_PW_GENERATED, td[i].hash);
	if (e) {
		json_decref(what);
		return e;
	}
	db = zh_ctx_db(c);
	if ((e = zh_db_begin(db, true))) {
		json_decref(what);
		return e;
	}
	json_t *done = json_array();
	for (size_t i = 0; i < n && !e; i++) {
		struct todo *t = &td[i];
		int64_t uid;
		bool must;
		if (t->act == SKIP)
			continue;
		/* another request may have been quicker: look again inside the transaction */
		if ((e = zh_store_cred_user_of(db, t->p->person_id, &uid, &must)))
			break;
		if (t->act == CREATE && uid)
			t->act = SKIP;
		else if (t->act == RESET && (uid != t->p->user_id || !must))
			t->act = SKIP;
		if (t->act == SKIP) {
			out->skipped++;
			continue;
		}
		t->user_id = uid;
		if (t->act == CREATE) {
			const char *base = zh_cred_login_base(c->arena, t->p->last_name, t->p->first_name,
							      t->p->middle_name);
			if (!base) {
				e = nomem(c);
				break;
			}
			if ((e = choose_login(c, db, base, &t->login)) ||
			    (e = zh_store_user_insert(db, t->p->person_id, t->login, t->hash, true, &t->user_id)))
				break;
		} else {
			t->login = t->p->login;
		}
		if (t->act == CREATE || t->act == ROLE) {
			if (staff_roles) {
				for (const int *r = staff_roles; *r && !e; r++)
					e = zh_store_user_role_add(db, t->user_id, c->school_id, *r);
			} else {
				e = zh_store_user_role_add(db, t->user_id, c->school_id, role_of(t->p->kind));
			}
			if (e)
				break;
		}
		if (t->act == RESET &&
		    ((e = zh_store_user_set_password(db, t->user_id, t->hash, true)) ||
		     (e = zh_store_sessions_end_all(db, t->user_id, 0, c->now))))
			break;
		if (t->act == CREATE || t->act == RESET) {
			struct zh_cred_issued *it = &out->items[t->item];
			it->user_id = t->user_id;
			it->login = t->login;
			it->created = t->act == CREATE;
		}
		json_array_append_new(done, audit_entry(t));
	}
	if (!e) {
		if (json_array_size(done)) {
			json_object_set_new(what, "persons", done);
			done = NULL;
			e = zh_audit(c, "credentials.issue", entity, entity_id, NULL, what);
		}
		if (!e)
			e = zh_db_commit(db);
	}
	if (e)
		zh_db_rollback(db);
	json_decref(done);
	json_decref(what);
	if (e)
		return e;
	/* keep only the logins issued now */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (td[i].act == CREATE || td[i].act == RESET)
			out->items[k++] = out->items[td[i].item];
	out->n = k;
	return ZH_OK;
}

/* The todo list and the result items (passwords generated) for the rows. */
static enum zh_err plan(struct zh_ctx *c, struct zh_cred_person_row *rows, size_t n, bool reissue,
			const char *class_name, struct todo **tdo, struct zh_cred_result *out)
{
	struct todo *td = zh_arena_alloc(c->arena, (n ? n : 1) * sizeof *td);
	out->items = zh_arena_alloc(c->arena, (n ? n : 1) * sizeof *out->items);
	if (!td || !out->items)
		return nomem(c);
	for (size_t i = 0; i < n; i++) {
		td[i].p = &rows[i];
		td[i].act = decide(&rows[i], reissue);
		td[i].item = i;
		td[i].user_id = rows[i].user_id;
		td[i].login = rows[i].login;
		struct zh_cred_issued *it = &out->items[i];
		it->person_id = rows[i].person_id;
		it->full_name = full_name(c->arena, &rows[i]);
		it->kind = rows[i].kind;
		it->class_name = class_name;
		it->children = rows[i].children ? rows[i].children : "";
		if (!it->full_name)
			return nomem(c);
		if (td[i].act == CREATE || td[i].act == RESET)
			zh_auth_temp_password(it->password);
	}
	*tdo = td;
	return ZH_OK;
}

enum zh_err zh_cred_issue_class(struct zh_ctx *c, int64_t class_id, unsigned who, bool reissue,
				struct zh_cred_result *out)
{
	struct zh_cred_person_row *rows;
	struct todo *td = NULL;
	size_t n;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if (!(who & (ZH_CRED_STUDENTS | ZH_CRED_PARENTS)))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_who", "who",
				   "Укажите, кому выдать реквизиты: «students» и/или «parents»");
	if ((e = zh_cred_class(c, class_id, &out->klass)) || (e = people_of(c, class_id, who, &rows, &n)) ||
	    (e = plan(c, rows, n, reissue, out->klass.name, &td, out)))
		return e;
	json_t *what = json_pack("{s:I, s:s, s:[]}", "class_id", (json_int_t)class_id, "class", out->klass.name, "who");
	if (!what)
		return nomem(c);
	if (who & ZH_CRED_STUDENTS)
		json_array_append_new(json_object_get(what, "who"), json_string("students"));
	if (who & ZH_CRED_PARENTS)
		json_array_append_new(json_object_get(what, "who"), json_string("parents"));
	json_object_set_new(what, "reissue", json_boolean(reissue));
	return apply(c, td, n, NULL, "class", class_id, what, out);
}

enum zh_err zh_cred_issue_staff(struct zh_ctx *c, int64_t person_id, const int *roles, bool reissue,
				struct zh_cred_result *out)
{
	static const int teacher[] = { ZH_ROLE_TEACHER, 0 };
	struct zh_cred_person_row *row;
	struct todo *td = NULL;
	enum zh_err e;

	memset(out, 0, sizeof *out);
	if (!roles || !roles[0])
		roles = teacher;
	for (const int *r = roles; *r; r++)
		if (*r < 1 || *r > ZH_SCHOOL_ROLES || *r == ZH_ROLE_STUDENT || *r == ZH_ROLE_PARENT)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_role", "roles",
					   "Роль %d не является ролью сотрудника школы", *r);
	if (!(row = zh_arena_alloc(c->arena, sizeof *row)))
		return nomem(c);
	e = zh_store_cred_staff_one(zh_ctx_db(c), c->arena, c->school_id, person_id, row);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, e, "not_found", "id", "Сотрудник школы не найден");
	if (e || (e = plan(c, row, 1, reissue, "", &td, out)))
		return e;
	json_t *what = json_pack("{s:I, s:b}", "person_id", (json_int_t)person_id, "reissue", reissue);
	if (!what)
		return nomem(c);
	return apply(c, td, 1, roles, "person", person_id, what, out);
}

/* ---- the printable sheet ---- */

#define COLS 2
#define ROWS 4
#define PAGE_MARGIN 10.0
#define PAD 5.0

static const char *kind_title(const char *kind)
{
	if (strcmp(kind, "student") == 0)
		return "Ученик";
	if (strcmp(kind, "parent") == 0)
		return "Родитель";
	return "Сотрудник";
}

static void card(struct zh_pdf *d, struct zh_arena *a, double x, double y, double w, double h,
		 const char *school, const char *site, const struct zh_cred_issued *it)
{
	const struct zh_pdf_style small = { .size = 8, .gray = 0.35, .nowrap = true };
	const struct zh_pdf_style small_r = { .size = 8, .gray = 0.35, .nowrap = true, .align = ZH_PDF_RIGHT };
	const struct zh_pdf_style name = { .size = 13, .bold = true };
	const struct zh_pdf_style text = { .size = 9.5 };
	const struct zh_pdf_style label = { .size = 9, .gray = 0.2 };
	const struct zh_pdf_style secret = { .size = 14, .bold = true, .mono = true, .nowrap = true };
	const struct zh_pdf_style note = { .size = 9.5, .bold = true };
	double iw = w - 2 * PAD, cy = y + PAD, lab = 38;
	const char *line;

	zh_pdf_text(d, x + PAD, cy, iw * 0.7, &small, school);
	zh_pdf_text(d, x + PAD, cy, iw, &small_r, kind_title(it->kind));
	cy += 5;
	cy += zh_pdf_text(d, x + PAD, cy, iw, &name, it->full_name) + 1;
	if (strcmp(it->kind, "student") == 0)
		line = zh_arena_printf(a, "Класс: %s", it->class_name);
	else if (strcmp(it->kind, "parent") == 0)
		line = zh_arena_printf(a, "Класс %s, ребёнок: %s", it->class_name, it->children);
	else
		line = NULL;
	if (line)
		cy += zh_pdf_text(d, x + PAD, cy, iw, &text, line);
	cy = y + h - PAD - 33;
	zh_pdf_fill(d, x + PAD - 1.5, cy - 2, iw + 3, 16.5, 0.93);
	zh_pdf_text(d, x + PAD, cy + 1.2, lab, &label, "Логин:");
	zh_pdf_text(d, x + PAD + lab, cy, iw - lab, &secret, it->login);
	cy += 7;
	zh_pdf_text(d, x + PAD, cy + 1.2, lab, &label, "Временный пароль:");
	zh_pdf_text(d, x + PAD + lab, cy, iw - lab, &secret, it->password);
	cy += 12;
	line = zh_arena_printf(a, "Адрес: %s", site);
	zh_pdf_text(d, x + PAD, cy, iw, &(struct zh_pdf_style){ .size = 9.5, .nowrap = true }, line);
	cy += 6;
	zh_pdf_text(d, x + PAD, cy, iw, &note, "При первом входе смените пароль");
}

static void cut_lines(struct zh_pdf *d, double cw, double ch)
{
	for (int i = 0; i <= COLS; i++)
		zh_pdf_line(d, PAGE_MARGIN + i * cw, PAGE_MARGIN - 4, PAGE_MARGIN + i * cw,
			    PAGE_MARGIN + ROWS * ch + 4, 0.4, true);
	for (int j = 0; j <= ROWS; j++)
		zh_pdf_line(d, PAGE_MARGIN - 4, PAGE_MARGIN + j * ch, PAGE_MARGIN + COLS * cw + 4,
			    PAGE_MARGIN + j * ch, 0.4, true);
}

enum zh_err zh_cred_sheet_pdf(struct zh_ctx *c, const struct zh_cred_result *res, const char *site_url,
			      char **pdf, size_t *len)
{
	struct zh_school_row school = { .short_name = "" };
	struct zh_pdf *d;
	enum zh_err e;

	*pdf = NULL;
	*len = 0;
	if (!site_url || !*site_url)
		site_url = getenv("ZHURNAL_SITE_URL");
	if (!site_url || !*site_url)
		site_url = "http://127.0.0.1:8080";
	e = zh_store_school_get(zh_ctx_db(c), c->arena, c->school_id, &school);
	if (e && e != ZH_ENOTFOUND)
		return e;
	zh_ctx_done(c);
	const char *title = res->klass.id ? zh_arena_printf(c->arena, "Реквизиты доступа — %s", res->klass.name)
					  : "Реквизиты доступа";
	if ((e = zh_pdf_new(&(struct zh_pdf_opts){ .title = title }, &d)))
		return nomem(c);
	double cw = (zh_pdf_width(d) - 2 * PAGE_MARGIN) / COLS;
	double ch = (zh_pdf_height(d) - 2 * PAGE_MARGIN) / ROWS;
	for (size_t i = 0; i < res->n; i++) {
		size_t slot = i % (COLS * ROWS);
		if (slot == 0) {
			if (i)
				zh_pdf_page(d);
			cut_lines(d, cw, ch);
		}
		card(d, c->arena, PAGE_MARGIN + (double)(slot % COLS) * cw,
		     PAGE_MARGIN + (double)(slot / COLS) * ch, cw, ch, school.short_name, site_url, &res->items[i]);
	}
	if (!res->n)
		zh_pdf_text(d, 20, 20, 170, &(struct zh_pdf_style){ .size = 12 },
			    "Новых реквизитов нет: у всех выбранных уже есть учётные записи.");
	if ((e = zh_pdf_finish(d, pdf, len)))
		return zh_fail_set(&c->fail, e, NULL, NULL, "Не удалось сформировать PDF");
	return ZH_OK;
}
