/* marks.c: marks and attendance of a lesson, topic and homework, assignments, homework files and
 * the journal history (see marks.h); unlocks are in unlocks.c */
#include "domain/marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "domain/audit.h"
#include "domain/journal_lock.h"
#include "domain/notify.h" /* M-11 */
#include "domain/school.h"
#include "domain/scope.h"
#include "json/json.h"
#include "store/school.h"

#define MAX_ENTRIES 2000

/* ---- small helpers ---- */

static enum zh_err finish(struct zh_db *db, enum zh_err e)
{
	if (e) {
		zh_db_rollback(db);
		return e;
	}
	return zh_db_commit(db);
}

/* The compact JSON text of v in the arena (takes v's reference); NULL for NULL. */
static const char *jtext(struct zh_ctx *c, json_t *v)
{
	struct zh_buf b;
	char *copy = NULL;
	if (!v)
		return NULL;
	/* the project's emitter: json_dumps was a tenth of a lesson save's CPU (a text per cell) */
	zh_buf_init(&b, (size_t)1 << 20);
	if (zh_json_encode(v, &b) == ZH_OK && b.data)
		copy = zh_arena_strndup(c->arena, b.data, b.len);
	zh_buf_free(&b);
	json_decref(v);
	return copy;
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool in_group(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Everything a journal write of one lesson needs, checked in this order: scope (403), the lesson
 * (404), cancelled (409), the lock (423). Runs inside the caller's write transaction. */
struct wctx {
	struct zh_mk_lesson l;
	struct zh_journal_lockctx lc;
	struct zh_lesson_lock lk;
};

static enum zh_err lesson_not_found(struct zh_ctx *c, int64_t id)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "lesson_not_found", "", "Урок с номером %lld не найден",
			   (long long)id);
}

static enum zh_err open_for_write(struct zh_ctx *c, int64_t lesson_id, struct wctx *w)
{
	enum zh_err e;
	if ((e = zh_scope_check(c, "journal.edit", &(struct zh_target){ .lesson_id = lesson_id })))
		return e;
	e = zh_store_mk_lesson(zh_ctx_db(c), c->arena, c->school_id, lesson_id, &w->l);
	if (e == ZH_ENOTFOUND)
		return lesson_not_found(c, lesson_id);
	if (e)
		return e;
	if (strcmp(w->l.status, "cancelled") == 0)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "lesson_cancelled", "",
				   "Урок отменён: отметки, тема и задание не вносятся");
	if ((e = zh_journal_lock_begin(c, &w->lc)))
		return e;
	zh_journal_lock_of(c, &w->lc, w->l.date, w->l.year_closed, &w->lk);
	if (w->lk.locked)
		return zh_journal_lock_fail(c, &w->lk);
	return ZH_OK;
}

static enum zh_err history(struct zh_ctx *c, const struct wctx *w, const char *entity, int64_t entity_id,
			   int64_t student_id, const char *old_value, const char *new_value)
{
	struct zh_jhist_row h = { .entity = entity, .entity_id = entity_id, .lesson_id = w->l.id,
				  .student_id = student_id, .subject_id = w->l.subject_id, .user_id = c->user_id,
				  .unlock_id = w->lk.unlock_id, .at = c->now, .old_value = old_value,
				  .new_value = new_value };
	return zh_store_jhist_insert(zh_ctx_db(c), c->school_id, &h);
}

static enum zh_err unlock_used(struct zh_ctx *c, const struct wctx *w)
{
	if (!w->lk.unlock_id)
		return ZH_OK;
	return zh_audit_take(c, "journal.unlock.use", "journal_unlock", w->lk.unlock_id, NULL,
			     json_pack("{s:I, s:s}", "lesson_id", (json_int_t)w->l.id, "date", w->l.date));
}

static enum zh_err bad(struct zh_ctx *c, enum zh_err e, const char *code, const char *arr, size_t i, const char *key,
		       const char *msg)
{
	char field[64];
	snprintf(field, sizeof field, "%s[%zu]%s%s", arr, i, key ? "." : "", key ? key : "");
	return zh_fail_set(&c->fail, e, code, field, "%s", msg);
}

static bool get_id(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return false;
	*out = json_integer_value(v);
	return true;
}

/* ---- marks and attendance ---- */

struct mk_in {
	int64_t student_id, assignment_id; /* assignment 0 = the lesson's first */
	bool del, has_comment;
	const char *kind;
	int value;
	const char *comment;
};
struct at_in {
	int64_t student_id;
	const char *code; /* NULL = present */
	const char *comment;
	bool has_comment;
};

static json_t *mark_json_v(const struct zh_mark_row *m)
{
	json_t *o = json_pack("{s:s, s:I}", "kind", m->kind, "assignment_id", (json_int_t)m->assignment_id);
	if (o && strcmp(m->kind, "mark") == 0)
		json_object_set_new(o, "value", json_integer(m->value));
	if (o && m->comment && *m->comment)
		json_object_set_new(o, "comment", json_string(m->comment));
	return o;
}

static json_t *att_json_v(const char *code, const char *reason, const char *comment)
{
	json_t *o = json_pack("{s:s}", "code", code);
	if (o && reason)
		json_object_set_new(o, "reason", json_string(reason));
	if (o && comment && *comment)
		json_object_set_new(o, "comment", json_string(comment));
	return o;
}

static enum zh_err parse_marks(struct zh_ctx *c, const struct wctx *w, json_t *arr, const int64_t *group, size_t ng,
			       const struct zh_assignment_row *asg, size_t nasg, const struct zh_school_settings *s,
			       struct mk_in **out, size_t *nout)
{
	static const char *const keys[] = { "student_id", "assignment_id", "value", "kind", "delete", "comment", NULL };
	size_t n = json_array_size(arr);
	struct mk_in *in;
	*out = NULL;
	*nout = 0;
	if (!n)
		return ZH_OK;
	if (n > MAX_ENTRIES)
		return zh_fail_set(&c->fail, ZH_EINVAL, "too_many", "marks", "Слишком много отметок в одном сохранении");
	if (!(in = zh_arena_alloc(c->arena, n * sizeof *in)))
		return ZH_ENOMEM;
	memset(in, 0, n * sizeof *in);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i), *v, *k, *d, *cm;
		struct mk_in *m = &in[i];
		const char *bad_key = NULL;
		int forms;
		if (!json_is_object(o))
			return bad(c, ZH_EINVAL, "invalid", "marks", i, NULL, "Ожидался объект отметки");
		{
			const char *key;
			json_t *val;
			json_object_foreach(o, key, val) {
				bool ok = false;
				(void)val;
				for (size_t j = 0; keys[j]; j++)
					ok = ok || strcmp(key, keys[j]) == 0;
				if (!ok) {
					bad_key = key;
					break;
				}
			}
		}
		if (bad_key)
			return bad(c, ZH_EINVAL, "unknown_field", "marks", i, bad_key, "Неизвестное поле в отметке");
		if (!get_id(o, "student_id", &m->student_id))
			return bad(c, ZH_EINVAL, "invalid", "marks", i, "student_id", "Укажите ученика (student_id)");
		if (json_object_get(o, "assignment_id") && !json_is_null(json_object_get(o, "assignment_id")) &&
		    !get_id(o, "assignment_id", &m->assignment_id))
			return bad(c, ZH_EINVAL, "invalid", "marks", i, "assignment_id", "Неверный номер задания");
		v = json_object_get(o, "value");
		k = json_object_get(o, "kind");
		d = json_object_get(o, "delete");
		cm = json_object_get(o, "comment");
		forms = (v != NULL) + (k != NULL) + (d != NULL);
		if (forms != 1)
			return bad(c, ZH_EINVAL, "invalid", "marks", i, NULL,
				   "Укажите ровно одно из: value (оценка), kind (точка, зачёт, незачёт) или delete");
		if (cm) {
			if (!json_is_string(cm) || utf8_len(json_string_value(cm)) > 500)
				return bad(c, ZH_EINVAL, "invalid", "marks", i, "comment",
					   "Комментарий — строка не длиннее 500 символов");
			m->comment = json_string_value(cm);
			m->has_comment = true;
		}
		if (d) {
			if (!json_is_true(d))
				return bad(c, ZH_EINVAL, "invalid", "marks", i, "delete", "delete может быть только true");
			m->del = true;
		} else if (v) {
			if (!json_is_integer(v))
				return bad(c, ZH_EINVAL, "invalid", "marks", i, "value", "Оценка должна быть целым числом");
			m->kind = "mark";
			m->value = (int)(json_integer_value(v) > 1000 ? 1000
					 : json_integer_value(v) < -1000 ? -1000
									  : json_integer_value(v));
		} else {
			const char *ks = json_string_value(k);
			if (!ks || (strcmp(ks, "point") && strcmp(ks, "pass") && strcmp(ks, "fail")))
				return bad(c, ZH_EINVAL, "invalid", "marks", i, "kind",
					   "kind: «point» (точка), «pass» (зачёт) или «fail» (незачёт)");
			m->kind = ks;
		}
		/* rules */
		if (!m->del && w->l.grade == 1)
			return bad(c, ZH_ERULE, "no_marks", "marks", i, NULL,
				   "В 1 классе отметки не ставятся (только посещаемость, тема и задание)");
		if (!m->del && blank(w->l.topic))
			return bad(c, ZH_ERULE, "topic_required", "marks", i, NULL,
				   "Сначала укажите тему урока: без темы отметки не ставятся");
		if (m->kind && strcmp(m->kind, "mark") == 0) {
			if (w->l.pass_fail)
				return bad(c, ZH_ERULE, "kind_not_allowed", "marks", i, "value",
					   "По зачётному предмету ставится «зачёт» или «незачёт», а не оценка");
			if (m->value < s->mark_min || m->value > s->mark_max) {
				char msg[128];
				snprintf(msg, sizeof msg, "Оценка вне шкалы школы (от %d до %d)", s->mark_min,
					 s->mark_max);
				return bad(c, ZH_ERULE, "out_of_scale", "marks", i, "value", msg);
			}
		}
		if (m->kind && (strcmp(m->kind, "pass") == 0 || strcmp(m->kind, "fail") == 0) && !w->l.pass_fail)
			return bad(c, ZH_ERULE, "kind_not_allowed", "marks", i, "kind",
				   "«Зачёт» и «незачёт» ставятся только по зачётным предметам");
		if (!in_group(group, ng, m->student_id))
			return bad(c, ZH_ERULE, "student_not_in_group", "marks", i, "student_id",
				   "Ученик не учится в классе (группе) этого урока");
		if (m->assignment_id) {
			bool found = false;
			for (size_t j = 0; j < nasg && !found; j++)
				found = asg[j].id == m->assignment_id;
			if (!found)
				return bad(c, ZH_ERULE, "assignment_not_in_lesson", "marks", i, "assignment_id",
					   "Задание не относится к этому уроку");
		} else if (nasg) {
			m->assignment_id = asg[0].id;
		}
		for (size_t j = 0; j < i; j++)
			if (in[j].student_id == m->student_id && in[j].assignment_id == m->assignment_id)
				return bad(c, ZH_ERULE, "duplicate_entry", "marks", i, NULL,
					   "Отметка ученику за это задание указана дважды");
	}
	*out = in;
	*nout = n;
	return ZH_OK;
}

static enum zh_err parse_att(struct zh_ctx *c, json_t *arr, const int64_t *group, size_t ng, struct at_in **out,
			     size_t *nout)
{
	static const char *const keys[] = { "student_id", "code", "comment", NULL };
	size_t n = json_array_size(arr);
	struct at_in *in;
	*out = NULL;
	*nout = 0;
	if (!n)
		return ZH_OK;
	if (n > MAX_ENTRIES)
		return zh_fail_set(&c->fail, ZH_EINVAL, "too_many", "attendance",
				   "Слишком много отметок посещаемости в одном сохранении");
	if (!(in = zh_arena_alloc(c->arena, n * sizeof *in)))
		return ZH_ENOMEM;
	memset(in, 0, n * sizeof *in);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i), *code, *cm;
		struct at_in *a = &in[i];
		const char *key;
		json_t *val;
		if (!json_is_object(o))
			return bad(c, ZH_EINVAL, "invalid", "attendance", i, NULL, "Ожидался объект посещаемости");
		json_object_foreach(o, key, val) {
			bool ok = false;
			(void)val;
			for (size_t j = 0; keys[j]; j++)
				ok = ok || strcmp(key, keys[j]) == 0;
			if (!ok)
				return bad(c, ZH_EINVAL, "unknown_field", "attendance", i, key,
					   "Неизвестное поле в посещаемости");
		}
		if (!get_id(o, "student_id", &a->student_id))
			return bad(c, ZH_EINVAL, "invalid", "attendance", i, "student_id", "Укажите ученика (student_id)");
		code = json_object_get(o, "code");
		if (!code)
			return bad(c, ZH_EINVAL, "invalid", "attendance", i, "code",
				   "Укажите code: «Н», «О», «Б» или null (присутствовал)");
		if (!json_is_null(code)) {
			const char *s = json_string_value(code);
			if (!s)
				return bad(c, ZH_EINVAL, "invalid", "attendance", i, "code", "code — строка или null");
			if (strcmp(s, "Н") && strcmp(s, "О") && strcmp(s, "Б")) {
				char msg[200];
				if (strcmp(s, "осв") == 0)
					snprintf(msg, sizeof msg, "«осв» — не отметка посещаемости (допустимы Н, О, Б)");
				else
					snprintf(msg, sizeof msg,
						 "«%.40s» — не отметка посещаемости (допустимы Н, О, Б)", s);
				return bad(c, ZH_ERULE, "bad_attendance_code", "attendance", i, "code", msg);
			}
			a->code = s;
		}
		cm = json_object_get(o, "comment");
		if (cm) {
			if (!json_is_string(cm) || utf8_len(json_string_value(cm)) > 500)
				return bad(c, ZH_EINVAL, "invalid", "attendance", i, "comment",
					   "Комментарий — строка не длиннее 500 символов");
			a->comment = json_string_value(cm);
			a->has_comment = true;
		}
		if (!in_group(group, ng, a->student_id))
			return bad(c, ZH_ERULE, "student_not_in_group", "attendance", i, "student_id",
				   "Ученик не учится в классе (группе) этого урока");
		for (size_t j = 0; j < i; j++)
			if (in[j].student_id == a->student_id)
				return bad(c, ZH_ERULE, "duplicate_entry", "attendance", i, NULL,
					   "Посещаемость ученика указана дважды");
	}
	*out = in;
	*nout = n;
	return ZH_OK;
}

static enum zh_err new_default_assignment(struct zh_ctx *c, const struct wctx *w, int64_t *id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_assignment_row a = { .lesson_id = w->l.id };
	enum zh_err e;
	if ((e = zh_store_mk_default_work_type(db, c->school_id, &a.work_type_id, &a.weight)))
		return e;
	if (!a.work_type_id)
		return zh_fail_set(&c->fail, ZH_ERULE, "no_work_types", "",
				   "В справочнике школы нет видов работ: добавьте хотя бы один");
	if ((e = zh_store_mk_assignment_insert(db, c->school_id, &a, c->user_id, c->now, id)))
		return e;
	return history(c, w, "lesson", w->l.id, 0, NULL,
		       jtext(c, json_pack("{s:{s:I, s:I, s:f}}", "assignment", "id", (json_int_t)*id, "work_type_id",
					  (json_int_t)a.work_type_id, "weight", a.weight)));
}

/* What a lesson save checks before it writes: everything but the lesson's current cells. */
struct save_plan {
	struct wctx w;
	struct zh_school_settings s;
	int64_t *group;
	size_t ng, nasg, nm, na;
	struct zh_assignment_row *asg;
	struct mk_in *mi;
	struct at_in *ai;
};

/* The checks of a save, in a read transaction of the actor's own connection: outside the
 * writer's turn, so concurrent saves check in parallel and only write one at a time. What
 * could change in between (an assignment removed, the lesson cancelled) makes the write fail
 * on its constraints, never writes something unchecked. */
static enum zh_err save_prepare(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct save_plan *p)
{
	static const char *const keys[] = { "marks", "attendance", NULL };
	struct zh_db *db = zh_ctx_db(c);
	json_t *jm, *ja;
	enum zh_err e;

	if ((e = zh_json_only(body, keys, &c->fail)))
		return e;
	jm = json_object_get(body, "marks");
	ja = json_object_get(body, "attendance");
	if (jm && !json_is_null(jm) && !json_is_array(jm))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "marks", "marks — массив отметок");
	if (ja && !json_is_null(ja) && !json_is_array(ja))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "attendance", "attendance — массив");
	if ((e = open_for_write(c, lesson_id, &p->w)) || (e = zh_school_settings_get(c, &p->s)) ||
	    (e = zh_store_mk_group(db, c->arena, &p->w.l, &p->group, &p->ng)) ||
	    (e = zh_store_mk_assignments(db, c->arena, lesson_id, &p->asg, &p->nasg)) ||
	    (e = parse_marks(c, &p->w, jm, p->group, p->ng, p->asg, p->nasg, &p->s, &p->mi, &p->nm)) ||
	    (e = parse_att(c, ja, p->group, p->ng, &p->ai, &p->na)))
		return e;
	return ZH_OK;
}

/* The writes of a checked save, inside the write transaction: only changed cells, each with
 * its history row, and one audit record. */
static enum zh_err save_apply_tx(struct zh_ctx *c, int64_t lesson_id, struct save_plan *p, int *nchanged)
{
	struct zh_db *db = zh_ctx_db(c);
	struct wctx w = p->w;
	json_t *cells = NULL;
	size_t nm = p->nm, na = p->na, nold_m, nold_a;
	struct zh_mark_row *old_m;
	struct zh_att_row *old_a;
	struct mk_in *mi = p->mi;
	struct at_in *ai = p->ai;
	int changed = 0;
	enum zh_err e;

	if ((e = zh_store_mk_marks(db, c->arena, lesson_id, &old_m, &nold_m)) ||
	    (e = zh_store_mk_attendance(db, c->arena, lesson_id, &old_a, &nold_a)))
		return e;

	/* marks without an assignment on a lesson that has none: create «Работа на уроке» */
	if (!p->nasg) {
		bool need = false;
		for (size_t i = 0; i < nm && !need; i++)
			need = !mi[i].del;
		if (need) {
			int64_t aid;
			if ((e = new_default_assignment(c, &w, &aid)))
				return e;
			for (size_t i = 0; i < nm; i++)
				if (!mi[i].assignment_id)
					mi[i].assignment_id = aid;
		}
	}
	if (!(cells = json_array()))
		return ZH_ENOMEM;
	for (size_t i = 0; i < nm && !e; i++) {
		struct mk_in *m = &mi[i];
		struct zh_mark_row *cur = NULL, nw;
		if (!m->assignment_id)
			continue; /* a delete on a lesson without assignments: nothing there */
		for (size_t j = 0; j < nold_m && !cur; j++)
			if (old_m[j].student_id == m->student_id && old_m[j].assignment_id == m->assignment_id)
				cur = &old_m[j];
		if (m->del) {
			if (!cur)
				continue;
			if (!(e = zh_store_mk_mark_delete(db, cur->id)))
				e = history(c, &w, "mark", cur->id, m->student_id, jtext(c, mark_json_v(cur)), NULL);
			if (!e) /* M-11: tell the student and parents */
				e = zh_notify_mark(c, lesson_id, m->assignment_id, m->student_id, NULL, 0);
			json_array_append_new(cells, json_pack("{s:I, s:I, s:o, s:n}", "s", (json_int_t)m->student_id, "a",
							       (json_int_t)m->assignment_id, "old",
							       mark_json_v(cur), "new"));
			changed++;
			continue;
		}
		nw = (struct zh_mark_row){ .id = cur ? cur->id : 0, .lesson_id = lesson_id,
					   .assignment_id = m->assignment_id, .student_id = m->student_id,
					   .kind = m->kind, .value = m->value,
					   .comment = m->has_comment ? m->comment : cur ? cur->comment : "" };
		if (cur && strcmp(cur->kind, nw.kind) == 0 && (strcmp(nw.kind, "mark") || cur->value == nw.value) &&
		    strcmp(cur->comment, nw.comment) == 0)
			continue;
		if (cur)
			e = zh_store_mk_mark_update(db, &nw, c->user_id, c->now);
		else
			e = zh_store_mk_mark_insert(db, c->school_id, &nw, c->user_id, c->now, &nw.id);
		if (!e)
			e = history(c, &w, "mark", nw.id, m->student_id, cur ? jtext(c, mark_json_v(cur)) : NULL,
				    jtext(c, mark_json_v(&nw)));
		if (!e) /* M-11: tell the student and parents */
			e = zh_notify_mark(c, lesson_id, nw.assignment_id, nw.student_id, nw.kind, nw.value);
		json_array_append_new(cells, json_pack("{s:I, s:I, s:o, s:o}", "s", (json_int_t)m->student_id, "a",
						       (json_int_t)m->assignment_id, "old",
						       cur ? mark_json_v(cur) : json_null(), "new", mark_json_v(&nw)));
		changed++;
	}
	for (size_t i = 0; i < na && !e; i++) {
		struct at_in *a = &ai[i];
		struct zh_att_row *cur = NULL, nw;
		for (size_t j = 0; j < nold_a && !cur; j++)
			if (old_a[j].student_id == a->student_id)
				cur = &old_a[j];
		if (!a->code) {
			if (!cur)
				continue;
			if (!(e = zh_store_mk_att_delete(db, lesson_id, a->student_id)))
				e = history(c, &w, "attendance", lesson_id, a->student_id,
					    jtext(c, att_json_v(cur->code, cur->reason, cur->comment)), NULL);
			if (!e) /* M-11: tell the student and parents */
				e = zh_notify_absence(c, lesson_id, a->student_id, NULL);
			json_array_append_new(cells, json_pack("{s:I, s:s, s:n}", "s", (json_int_t)a->student_id, "old",
							       cur->code, "new"));
			changed++;
			continue;
		}
		nw = (struct zh_att_row){ .lesson_id = lesson_id, .student_id = a->student_id, .code = a->code,
					  .reason = cur && strcmp(a->code, "О") ? cur->reason : NULL,
					  .comment = a->has_comment ? a->comment : cur ? cur->comment : "" };
		if (cur && strcmp(cur->code, nw.code) == 0 && strcmp(cur->comment, nw.comment) == 0)
			continue;
		if (!(e = zh_store_mk_att_put(db, c->school_id, &nw, c->user_id, c->now)))
			e = history(c, &w, "attendance", lesson_id, a->student_id,
				    cur ? jtext(c, att_json_v(cur->code, cur->reason, cur->comment)) : NULL,
				    jtext(c, att_json_v(nw.code, nw.reason, nw.comment)));
		if (!e) /* M-11: tell the student and parents */
			e = zh_notify_absence(c, lesson_id, a->student_id, nw.code);
		json_array_append_new(cells, json_pack("{s:I, s:o, s:s}", "s", (json_int_t)a->student_id, "old",
						       cur ? json_string(cur->code) : json_null(), "new", nw.code));
		changed++;
	}
	if (!e && changed) {
		while (json_array_size(cells) > 60)
			json_array_remove(cells, json_array_size(cells) - 1);
		e = zh_audit_take(c, "journal.marks.save", "lesson", lesson_id, NULL,
				  json_pack("{s:i, s:O}", "changed", changed, "cells", cells));
		if (!e)
			e = unlock_used(c, &w);
	}
	json_decref(cells);
	*nchanged = changed;
	return e;
}

enum zh_err zh_marks_save(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_marks_result *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct save_plan p;
	int changed = 0;
	enum zh_err e;
	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	if ((e = zh_db_begin(db, false)))
		return e;
	e = save_prepare(c, lesson_id, body, &p);
	zh_db_rollback(db); /* ends the read transaction */
	if (e)
		return e;
	if ((e = zh_db_begin(db, true)) || (e = finish(db, save_apply_tx(c, lesson_id, &p, &changed))))
		return e;
	/* the answer: the lesson's cells as they are now (read after the commit, outside the
	 * writer's turn) */
	if ((e = zh_store_mk_marks(db, c->arena, lesson_id, &out->marks, &out->nmarks)) ||
	    (e = zh_store_mk_attendance(db, c->arena, lesson_id, &out->att, &out->natt)))
		return e;
	out->lesson_id = lesson_id;
	out->changed = changed;
	return ZH_OK;
}

/* ---- topic and homework ---- */

static int cmp_indiv(const void *a, const void *b)
{
	int64_t x = ((const struct zh_indiv_hw_row *)a)->student_id, y = ((const struct zh_indiv_hw_row *)b)->student_id;
	return (x > y) - (x < y);
}

static json_t *indiv_json(const struct zh_indiv_hw_row *r, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s}", "student_id", (json_int_t)r[i].student_id, "text",
						   r[i].text));
	return a;
}

static enum zh_err content_tx(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_content_result *out)
{
	static const char *const keys[] = { "topic", "homework", "individual_homework", NULL };
	struct zh_db *db = zh_ctx_db(c);
	struct zh_school_settings s;
	struct wctx w;
	const char *topic = NULL, *hw = NULL;
	json_t *ji, *oldv, *newv;
	struct zh_indiv_hw_row *cur = NULL, *nw = NULL;
	size_t ncur = 0, nnw = 0, ng;
	int64_t *group;
	bool hw_changed = false, topic_changed = false, indiv_changed = false;
	enum zh_err e;

	if ((e = zh_json_only(body, keys, &c->fail)) || (e = zh_json_str(body, "topic", false, 500, &topic, &c->fail)) ||
	    (e = zh_json_str(body, "homework", false, 4000, &hw, &c->fail)))
		return e;
	ji = json_object_get(body, "individual_homework");
	if (ji && !json_is_null(ji) && !json_is_array(ji))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "individual_homework",
				   "individual_homework — массив {student_id, text}");
	if ((e = open_for_write(c, lesson_id, &w)) || (e = zh_school_settings_get(c, &s)) ||
	    (e = zh_store_mk_group(db, c->arena, &w.l, &group, &ng)) ||
	    (e = zh_store_mk_indiv_list(db, c->arena, lesson_id, &cur, &ncur)))
		return e;
	if (json_is_array(ji)) {
		nnw = json_array_size(ji);
		if (nnw > MAX_ENTRIES)
			return zh_fail_set(&c->fail, ZH_EINVAL, "too_many", "individual_homework", "Слишком много заданий");
		if (nnw && !(nw = zh_arena_alloc(c->arena, nnw * sizeof *nw)))
			return ZH_ENOMEM;
		for (size_t i = 0; i < nnw; i++) {
			static const char *const ik[] = { "student_id", "text", NULL };
			json_t *o = json_array_get(ji, i);
			const char *t;
			if (!json_is_object(o) || zh_json_only(o, ik, &c->fail) || !get_id(o, "student_id", &nw[i].student_id))
				return bad(c, ZH_EINVAL, "invalid", "individual_homework", i, "student_id",
					   "Ожидался объект {student_id, text}");
			t = json_string_value(json_object_get(o, "text"));
			if (!t || blank(t) || utf8_len(t) > 4000)
				return bad(c, ZH_EINVAL, "invalid", "individual_homework", i, "text",
					   "Текст задания — непустая строка не длиннее 4000 символов");
			nw[i].text = t;
			if (!in_group(group, ng, nw[i].student_id))
				return bad(c, ZH_ERULE, "student_not_in_group", "individual_homework", i, "student_id",
					   "Ученик не учится в классе (группе) этого урока");
			for (size_t j = 0; j < i; j++)
				if (nw[j].student_id == nw[i].student_id)
					return bad(c, ZH_ERULE, "duplicate_entry", "individual_homework", i, NULL,
						   "Задание ученику указано дважды");
		}
		qsort(nw, nnw, sizeof *nw, cmp_indiv);
		indiv_changed = nnw != ncur;
		for (size_t i = 0; i < nnw && !indiv_changed; i++)
			indiv_changed = nw[i].student_id != cur[i].student_id || strcmp(nw[i].text, cur[i].text) != 0;
	}
	topic_changed = topic && strcmp(topic, w.l.topic) != 0;
	hw_changed = hw && strcmp(hw, w.l.homework) != 0;
	if ((hw_changed || indiv_changed) && s.forbid_past_homework && strcmp(w.l.date, w.lc.today) <= 0)
		return zh_fail_set(&c->fail, ZH_ERULE, "homework_past_forbidden", hw_changed ? "homework" : "individual_homework",
				   "В школе запрещено менять домашнее задание уроков, которые уже прошли (и сегодняшних)");
	out->topic = topic_changed ? topic : w.l.topic;
	out->homework = hw_changed ? hw : w.l.homework;
	out->indiv = indiv_changed ? nw : cur;
	out->nindiv = indiv_changed ? nnw : ncur;
	if (!topic_changed && !hw_changed && !indiv_changed)
		return ZH_OK;
	if ((topic_changed || hw_changed) && (e = zh_store_mk_content_set(db, lesson_id, out->topic, out->homework)))
		return e;
	if (indiv_changed && (e = zh_store_mk_indiv_replace(db, c->school_id, lesson_id, nw, nnw)))
		return e;
	oldv = json_object();
	newv = json_object();
	if (!oldv || !newv) {
		json_decref(oldv);
		json_decref(newv);
		return ZH_ENOMEM;
	}
	if (topic_changed) {
		json_object_set_new(oldv, "topic", json_string(w.l.topic));
		json_object_set_new(newv, "topic", json_string(topic));
	}
	if (hw_changed) {
		json_object_set_new(oldv, "homework", json_string(w.l.homework));
		json_object_set_new(newv, "homework", json_string(hw));
	}
	if (indiv_changed) {
		json_object_set_new(oldv, "individual_homework", indiv_json(cur, ncur));
		json_object_set_new(newv, "individual_homework", indiv_json(nw, nnw));
	}
	if (hw_changed && (e = zh_notify_homework(c, lesson_id, hw))) /* M-11: tell the class and parents */
		goto out;
	if ((e = history(c, &w, "lesson", lesson_id, 0, jtext(c, json_incref(oldv)), jtext(c, json_incref(newv)))))
		goto out;
	if ((e = zh_audit_take(c, "journal.content.save", "lesson", lesson_id, oldv, newv)))
		return e;
	return unlock_used(c, &w);
out:
	json_decref(oldv);
	json_decref(newv);
	return e;
}

enum zh_err zh_lesson_content_save(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_content_result *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	memset(out, 0, sizeof *out);
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, content_tx(c, lesson_id, body, out));
}

/* ---- assignments ---- */

static json_t *asg_json_v(const struct zh_assignment_row *a)
{
	json_t *o = json_pack("{s:I, s:I, s:f, s:s}", "id", (json_int_t)a->id, "work_type_id",
			      (json_int_t)a->work_type_id, "weight", a->weight, "description",
			      a->description ? a->description : "");
	if (o)
		json_object_set_new(o, "due_date", a->due_date ? json_string(a->due_date) : json_null());
	return o;
}

/* Applies the body's keys to a (required: work_type_id on create). */
static enum zh_err asg_apply(struct zh_ctx *c, const struct wctx *w, json_t *body, bool create,
			     struct zh_assignment_row *a)
{
	static const char *const keys[] = { "work_type_id", "weight", "description", "due_date", NULL };
	struct zh_db *db = zh_ctx_db(c);
	long long wt = 0;
	const char *desc = NULL, *due = NULL, *wt_name;
	double wt_weight;
	json_t *jw;
	enum zh_err e;
	if ((e = zh_json_only(body, keys, &c->fail)) ||
	    (e = zh_json_int(body, "work_type_id", create, 1, INT64_MAX, &wt, &c->fail)) ||
	    (e = zh_json_str(body, "description", false, 500, &desc, &c->fail)) ||
	    (e = zh_json_str(body, "due_date", false, 10, &due, &c->fail)))
		return e;
	if (wt) {
		e = zh_store_mk_work_type(db, c->arena, c->school_id, wt, &wt_name, &wt_weight);
		if (e == ZH_ENOTFOUND)
			return zh_fail_set(&c->fail, ZH_ERULE, "work_type_not_found", "work_type_id",
					   "Вид работы не найден в справочнике школы (или в архиве)");
		if (e)
			return e;
		a->work_type_id = wt;
		if (create)
			a->weight = wt_weight;
	}
	jw = json_object_get(body, "weight");
	if (jw && !json_is_null(jw)) {
		double v = json_number_value(jw);
		if (!json_is_number(jw) || !(v > 0 && v <= 10))
			return zh_fail_set(&c->fail, ZH_ERULE, "bad_weight", "weight", "Вес — число больше 0 и не больше 10");
		a->weight = v;
	}
	if (desc)
		a->description = desc;
	if (json_is_null(json_object_get(body, "due_date")))
		a->due_date = NULL;
	if (due) {
		int y, m, d;
		if (!zh_date_parse(due, &y, &m, &d))
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid_date", "due_date", "Дата сдачи: ГГГГ-ММ-ДД");
		if (strcmp(due, w->l.date) < 0)
			return zh_fail_set(&c->fail, ZH_ERULE, "due_before_lesson", "due_date",
					   "Срок сдачи не может быть раньше даты урока");
		a->due_date = due;
	}
	return ZH_OK;
}

static enum zh_err asg_create_tx(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_assignment_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_assignment_row a = { .lesson_id = lesson_id, .description = "" };
	struct wctx w;
	int64_t id;
	enum zh_err e;
	if ((e = open_for_write(c, lesson_id, &w)) || (e = asg_apply(c, &w, body, true, &a)) ||
	    (e = zh_store_mk_assignment_insert(db, c->school_id, &a, c->user_id, c->now, &id)) ||
	    (e = zh_store_mk_assignment_get(db, c->arena, c->school_id, id, out)) ||
	    (e = history(c, &w, "lesson", lesson_id, 0, NULL,
			 jtext(c, json_pack("{s:o}", "assignment", asg_json_v(out))))) ||
	    (e = zh_audit_take(c, "journal.assignment.create", "assignment", id, NULL, asg_json_v(out))))
		return e;
	return unlock_used(c, &w);
}

enum zh_err zh_assignment_create(struct zh_ctx *c, int64_t lesson_id, json_t *body, struct zh_assignment_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, asg_create_tx(c, lesson_id, body, out));
}

static enum zh_err asg_get(struct zh_ctx *c, int64_t id, struct zh_assignment_row *a)
{
	enum zh_err e = zh_store_mk_assignment_get(zh_ctx_db(c), c->arena, c->school_id, id, a);
	if (e == ZH_ENOTFOUND)
		return zh_fail_set(&c->fail, ZH_ENOTFOUND, "assignment_not_found", "", "Задание с номером %lld не найдено",
				   (long long)id);
	return e;
}

static enum zh_err asg_update_tx(struct zh_ctx *c, int64_t id, json_t *body, struct zh_assignment_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_assignment_row old, a;
	struct wctx w;
	enum zh_err e;
	if ((e = asg_get(c, id, &old)) || (e = open_for_write(c, old.lesson_id, &w)))
		return e;
	a = old;
	if ((e = asg_apply(c, &w, body, false, &a)) || (e = zh_store_mk_assignment_update(db, &a)) ||
	    (e = zh_store_mk_assignment_get(db, c->arena, c->school_id, id, out)) ||
	    (e = history(c, &w, "lesson", old.lesson_id, 0, jtext(c, json_pack("{s:o}", "assignment", asg_json_v(&old))),
			 jtext(c, json_pack("{s:o}", "assignment", asg_json_v(out))))) ||
	    (e = zh_audit_take(c, "journal.assignment.update", "assignment", id, asg_json_v(&old), asg_json_v(out))))
		return e;
	return unlock_used(c, &w);
}

enum zh_err zh_assignment_update(struct zh_ctx *c, int64_t id, json_t *body, struct zh_assignment_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, asg_update_tx(c, id, body, out));
}

static enum zh_err asg_delete_tx(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_assignment_row old;
	struct wctx w;
	bool has = false;
	enum zh_err e;
	if ((e = asg_get(c, id, &old)) || (e = open_for_write(c, old.lesson_id, &w)) ||
	    (e = zh_store_mk_assignment_has_marks(db, id, &has)))
		return e;
	if (has)
		return zh_fail_set(&c->fail, ZH_ECONFLICT, "has_marks", "",
				   "По заданию уже стоят отметки: сначала удалите их");
	if ((e = zh_store_mk_assignment_delete(db, id)) ||
	    (e = history(c, &w, "lesson", old.lesson_id, 0, jtext(c, json_pack("{s:o}", "assignment", asg_json_v(&old))),
			 NULL)) ||
	    (e = zh_audit_take(c, "journal.assignment.delete", "assignment", id, asg_json_v(&old), NULL)))
		return e;
	return unlock_used(c, &w);
}

enum zh_err zh_assignment_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, asg_delete_tx(c, id));
}

/* ---- homework files ---- */

static json_t *file_json_v(const struct zh_hwfile_row *f)
{
	json_t *o = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)f->id, "name", f->name, "size",
			      (json_int_t)f->size, "mime", f->mime);
	if (o)
		json_object_set_new(o, "student_id", f->student_id ? json_integer(f->student_id) : json_null());
	return o;
}

/* The types a homework file may have: documents, pictures, media, archives — never something a
 * browser would run or render as a page from our origin (HTML, scripts, SVG, executables). */
static bool file_type_ok(const char *mime)
{
	static const char *const exact[] = {
		"application/pdf", "text/plain", "text/csv", "application/rtf", "application/zip",
		"application/x-zip-compressed", "application/msword", "application/vnd.ms-excel",
		"application/vnd.ms-powerpoint", "application/octet-stream", "application/x-7z-compressed",
		"application/vnd.rar", NULL
	};
	static const char *const prefix[] = {
		"application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.",
		"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff", "audio/", "video/", NULL
	};
	char base[101];
	size_t n = strcspn(mime, "; ");
	if (n >= sizeof base)
		return false;
	for (size_t i = 0; i < n; i++)
		base[i] = (char)(mime[i] >= 'A' && mime[i] <= 'Z' ? mime[i] + 32 : mime[i]);
	base[n] = '\0';
	for (int i = 0; exact[i]; i++)
		if (strcmp(base, exact[i]) == 0)
			return true;
	for (int i = 0; prefix[i]; i++)
		if (strncmp(base, prefix[i], strlen(prefix[i])) == 0)
			return true;
	return false;
}

static enum zh_err file_add_tx(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *name,
			       const char *mime, const void *data, size_t len, struct zh_hwfile_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct wctx w;
	int64_t *group;
	size_t ng;
	enum zh_err e;
	if (!name || blank(name) || utf8_len(name) > 200 || strpbrk(name, "/\\"))
		return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "name",
				   "Укажите имя файла (?name=…, до 200 символов, без / и \\)");
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20)
			return zh_fail_set(&c->fail, ZH_EINVAL, "invalid", "name", "Недопустимые символы в имени файла");
	if (!len)
		return zh_fail_set(&c->fail, ZH_EINVAL, "empty_file", "", "Файл пуст");
	if (!mime || !*mime || strlen(mime) > 100)
		mime = "application/octet-stream";
	if (!file_type_ok(mime))
		return zh_fail_set(&c->fail, ZH_ERULE, "file_type", "",
				   "Файлы типа «%s» не принимаются. Можно: PDF, изображения, документы Word, Excel, "
				   "PowerPoint и OpenDocument, текст, таблицы CSV, архивы ZIP, аудио и видео", mime);
	if ((e = open_for_write(c, lesson_id, &w)))
		return e;
	if (student_id) {
		if ((e = zh_store_mk_group(db, c->arena, &w.l, &group, &ng)))
			return e;
		if (!in_group(group, ng, student_id))
			return zh_fail_set(&c->fail, ZH_ERULE, "student_not_in_group", "student",
					   "Ученик не учится в классе (группе) этого урока");
	}
	*out = (struct zh_hwfile_row){ .lesson_id = lesson_id, .student_id = student_id, .size = (int64_t)len,
				       .name = name, .mime = mime, .data = data };
	if ((e = zh_store_mk_file_insert(db, c->school_id, out, c->user_id, c->now, &out->id)) ||
	    (e = history(c, &w, "lesson", lesson_id, 0, NULL, jtext(c, json_pack("{s:o}", "file", file_json_v(out))))) ||
	    (e = zh_audit_take(c, "journal.file.add", "homework_file", out->id, NULL, file_json_v(out))))
		return e;
	return unlock_used(c, &w);
}

enum zh_err zh_hwfile_add(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, const char *name,
			  const char *mime, const void *data, size_t len, struct zh_hwfile_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, file_add_tx(c, lesson_id, student_id, name, mime, data, len, out));
}

static enum zh_err file_not_found(struct zh_ctx *c, int64_t id)
{
	return zh_fail_set(&c->fail, ZH_ENOTFOUND, "file_not_found", "", "Файл с номером %lld не найден", (long long)id);
}

enum zh_err zh_hwfile_get(struct zh_ctx *c, int64_t id, struct zh_hwfile_row *out)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_mk_lesson l;
	bool yes = false;
	enum zh_err e = zh_store_mk_file_get(db, c->arena, c->school_id, id, true, out);
	if (e == ZH_ENOTFOUND)
		return file_not_found(c, id);
	if (e)
		return e;
	if (zh_scope_check(c, "journal.view", &(struct zh_target){ .lesson_id = out->lesson_id }) == ZH_OK)
		return ZH_OK;
	if (!zh_acl_allows(&c->ops, "diary.view.self"))
		return ZH_EFORBIDDEN; /* c->fail filled by the scope check */
	if ((e = zh_store_mk_lesson(db, c->arena, c->school_id, out->lesson_id, &l)) ||
	    (e = zh_store_mk_self_or_child_in(db, c->school_id, c->person_id, &l, out->student_id, &yes)))
		return e;
	return yes ? ZH_OK
		   : zh_fail_set(&c->fail, ZH_EFORBIDDEN, "forbidden", "", "Недостаточно прав для этого действия");
}

static enum zh_err file_delete_tx(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	struct zh_hwfile_row f;
	struct wctx w;
	enum zh_err e = zh_store_mk_file_get(db, c->arena, c->school_id, id, false, &f);
	if (e == ZH_ENOTFOUND)
		return file_not_found(c, id);
	if (e || (e = open_for_write(c, f.lesson_id, &w)) || (e = zh_store_mk_file_delete(db, id)) ||
	    (e = history(c, &w, "lesson", f.lesson_id, 0, jtext(c, json_pack("{s:o}", "file", file_json_v(&f))), NULL)) ||
	    (e = zh_audit_take(c, "journal.file.delete", "homework_file", id, file_json_v(&f), NULL)))
		return e;
	return unlock_used(c, &w);
}

enum zh_err zh_hwfile_delete(struct zh_ctx *c, int64_t id)
{
	struct zh_db *db = zh_ctx_db(c);
	enum zh_err e;
	if ((e = zh_db_begin(db, true)))
		return e;
	return finish(db, file_delete_tx(c, id));
}

/* ---- history (GET: inside the server's read transaction) ---- */

enum zh_err zh_mark_history(struct zh_ctx *c, int64_t mark_id, struct zh_jhist_row **rows, size_t *n)
{
	enum zh_err e = zh_store_jhist_entity(zh_ctx_db(c), c->arena, c->school_id, "mark", mark_id, rows, n);
	if (e)
		return e;
	if (!*n) {
		/* a mark entered before its history was kept (the demo's): its creation is the entry */
		struct zh_mark_row m;
		struct zh_jhist_row *h = zh_arena_alloc(c->arena, sizeof *h);
		if (!h)
			return ZH_ENOMEM;
		e = zh_store_jhist_mark_origin(zh_ctx_db(c), c->arena, c->school_id, mark_id, &m, h);
		if (e == ZH_ENOTFOUND)
			return zh_fail_set(&c->fail, ZH_ENOTFOUND, "mark_not_found", "",
					   "Отметка с номером %lld не найдена", (long long)mark_id);
		if (e)
			return e;
		h->new_value = jtext(c, mark_json_v(&m));
		*rows = h;
		*n = 1;
	}
	if (zh_scope_check(c, "journal.view", &(struct zh_target){ .lesson_id = (*rows)[0].lesson_id }) == ZH_OK)
		return ZH_OK;
	return zh_scope_check(c, "diary.view", &(struct zh_target){ .student_id = (*rows)[0].student_id });
}

enum zh_err zh_lesson_history(struct zh_ctx *c, int64_t lesson_id, int64_t student_id, struct zh_jhist_row **rows,
			      size_t *n)
{
	struct zh_mk_lesson l;
	enum zh_err e;
	if ((e = zh_scope_check(c, "journal.view", &(struct zh_target){ .lesson_id = lesson_id })))
		return e;
	e = zh_store_mk_lesson(zh_ctx_db(c), c->arena, c->school_id, lesson_id, &l);
	if (e == ZH_ENOTFOUND)
		return lesson_not_found(c, lesson_id);
	if (e)
		return e;
	return zh_store_jhist_lesson(zh_ctx_db(c), c->arena, c->school_id, lesson_id, student_id, rows, n);
}
