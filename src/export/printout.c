/* printout.c: the weekly printout for families without electronic access (seed 001 §3.3.4, §7.2) */
#include "export/printout.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "export/pdf.h"

#define M 15.0          /* page margin, mm */
#define FOOTER 42.0     /* room kept at the bottom for the signatures */

void zh_printout_ddmm(const char *date, char out[16])
{
	if (date && strlen(date) == 10 && date[4] == '-' && date[7] == '-')
		snprintf(out, 16, "%.2s.%.2s", date + 8, date + 5);
	else
		snprintf(out, 16, "%s", date ? date : "");
}

static void dmy(const char *date, char out[16])
{
	if (date && strlen(date) == 10)
		snprintf(out, 16, "%.2s.%.2s.%.4s", date + 8, date + 5, date);
	else
		snprintf(out, 16, "%s", date ? date : "");
}

static const char *mark_text(const struct zh_al_wmark *m, char buf[16])
{
	if (strcmp(m->kind, "mark") == 0)
		snprintf(buf, 16, "%d", m->value);
	else if (strcmp(m->kind, "point") == 0)
		snprintf(buf, 16, "•");
	else if (strcmp(m->kind, "pass") == 0)
		snprintf(buf, 16, "зач");
	else
		snprintf(buf, 16, "незач");
	return buf;
}

static const char *bs(const struct zh_buf *b)
{
	return b->data ? b->data : "";
}

struct page {
	struct zh_pdf *d;
	double y, limit, w;
	bool full;
};

/* One block of text if it fits above the footer; else a single "…" line once. */
static void line(struct page *pg, const struct zh_pdf_style *s, const char *text)
{
	if (pg->full)
		return;
	double h = zh_pdf_text_height(pg->d, pg->w, s, text);
	if (pg->y + h > pg->limit - 5) {
		pg->y += zh_pdf_text(pg->d, M, pg->y, pg->w, &(struct zh_pdf_style){ .size = 9, .italic = true },
				     "… (продолжение — в электронном журнале у классного руководителя)");
		pg->full = true;
		return;
	}
	pg->y += zh_pdf_text(pg->d, M, pg->y, pg->w, s, text);
}

static void heading(struct page *pg, const char *text)
{
	if (pg->full)
		return;
	pg->y += 3;
	line(pg, &(struct zh_pdf_style){ .size = 11.5, .bold = true }, text);
	pg->y += 1;
}

static void student_page(struct zh_pdf *d, const struct zh_printout *p, const struct zh_printout_student *s)
{
	const struct zh_pdf_style small = { .size = 8.5, .gray = 0.35 };
	const struct zh_pdf_style text = { .size = 9.5 };
	struct page pg = { .d = d, .y = M, .w = zh_pdf_width(d) - 2 * M, .limit = zh_pdf_height(d) - M - FOOTER };
	char a[16], b[16], buf[16];
	struct zh_buf t;

	zh_buf_init(&t, 1 << 16);

	pg.y += zh_pdf_text(d, M, pg.y, pg.w, &small, p->school && *p->school ? p->school : "");
	dmy(p->from, a);
	dmy(p->to, b);
	zh_buf_printf(&t, "Сведения об успеваемости и посещаемости за неделю %s – %s", a, b);
	pg.y += 1 + zh_pdf_text(d, M, pg.y, pg.w, &(struct zh_pdf_style){ .size = 12, .bold = true }, bs(&t));
	pg.y += 1 + zh_pdf_text(d, M, pg.y, pg.w, &(struct zh_pdf_style){ .size = 15, .bold = true }, s->name);
	zh_buf_reset(&t);
	zh_buf_printf(&t, "Класс: %s", p->class_name ? p->class_name : "");
	pg.y += zh_pdf_text(d, M, pg.y, pg.w, &text, bs(&t));
	zh_pdf_line(d, M, pg.y + 1.5, M + pg.w, pg.y + 1.5, 0.6, false);
	pg.y += 3;

	/* marks by subject */
	heading(&pg, "Отметки");
	const struct zh_al_week *w = &s->week;
	if (!w->nmarks)
		line(&pg, &text, "Отметок за неделю нет.");
	for (size_t i = 0; i < w->nmarks;) {
		size_t j = i;
		zh_buf_reset(&t);
		zh_buf_printf(&t, "%s: ", w->marks[i].subject);
		for (; j < w->nmarks && strcmp(w->marks[j].subject, w->marks[i].subject) == 0; j++) {
			zh_printout_ddmm(w->marks[j].date, a);
			zh_buf_printf(&t, "%s%s (%s%s%s)", j > i ? "; " : "", mark_text(&w->marks[j], buf), a,
				      *w->marks[j].work_type ? ", " : "", w->marks[j].work_type);
		}
		line(&pg, &text, bs(&t));
		i = j;
	}

	/* attendance */
	heading(&pg, "Посещаемость");
	int absent = 0, ill = 0, late = 0, up = 0, np = 0;
	for (size_t i = 0; i < w->nabsences; i++) {
		const struct zh_al_wabs *x = &w->absences[i];
		if (strcmp(x->code, "О") == 0)
			late++;
		else if (strcmp(x->code, "Б") == 0)
			ill++;
		else
			absent++;
		if (strcmp(x->reason, "УП") == 0)
			up++;
		else if (strcmp(x->reason, "НП") == 0)
			np++;
	}
	if (!w->nabsences) {
		line(&pg, &text, "Пропусков и опозданий нет.");
	} else {
		zh_buf_reset(&t);
		zh_buf_printf(&t, "Пропущено уроков: %d (по болезни: %d; по уважительной причине: %d; "
			      "без уважительной причины: %d). Опозданий: %d.", absent + ill, ill, up, np, late);
		line(&pg, &text, bs(&t));
		for (size_t i = 0; i < w->nabsences;) {
			size_t j = i;
			zh_printout_ddmm(w->absences[i].date, a);
			zh_buf_reset(&t);
			zh_buf_printf(&t, "%s: ", a);
			for (; j < w->nabsences && strcmp(w->absences[j].date, w->absences[i].date) == 0; j++)
				zh_buf_printf(&t, "%s%d урок, %s — %s%s%s%s", j > i ? "; " : "", w->absences[j].number,
					      w->absences[j].subject, w->absences[j].code,
					      *w->absences[j].reason ? " (" : "", w->absences[j].reason,
					      *w->absences[j].reason ? ")" : "");
			line(&pg, &(struct zh_pdf_style){ .size = 9 }, bs(&t));
			i = j;
		}
	}

	/* homework of the next week */
	dmy(p->hw_from, a);
	dmy(p->hw_to, b);
	zh_buf_reset(&t);
	zh_buf_printf(&t, "Домашние задания на неделю %s – %s", a, b);
	heading(&pg, bs(&t));
	if (!w->nhomework)
		line(&pg, &text, "Заданий пока нет.");
	for (size_t i = 0; i < w->nhomework; i++) {
		const struct zh_al_whw *h = &w->homework[i];
		zh_printout_ddmm(h->date, a);
		zh_buf_reset(&t);
		zh_buf_printf(&t, "%s, %s: %s", a, h->subject, h->text);
		if (*h->individual)
			zh_buf_printf(&t, "%sиндивидуально: %s", *h->text ? "; " : "", h->individual);
		line(&pg, &text, bs(&t));
	}

	/* signatures */
	double fy = zh_pdf_height(d) - M - FOOTER + 8;
	zh_pdf_line(d, M, fy - 3, M + pg.w, fy - 3, 0.4, false);
	zh_buf_reset(&t);
	zh_buf_printf(&t, "Классный руководитель: %s", p->teacher_name && *p->teacher_name ? p->teacher_name : "—");
	fy += zh_pdf_text(d, M, fy, pg.w * 0.65, &text, bs(&t));
	zh_pdf_text(d, M + pg.w * 0.65, fy - 4, pg.w * 0.35, &text, "Подпись: ____________");
	fy += 8;
	zh_pdf_text(d, M, fy, pg.w, &text,
		    "С результатами ознакомлен(а). Подпись родителя (законного представителя): ____________________");
	fy += 9;
	zh_pdf_text(d, M, fy, pg.w, &text, "Дата: «____» ______________ 20____ г.");
	zh_buf_free(&t);
}

enum zh_err zh_printout_pdf(const struct zh_printout *p, char **data, size_t *len)
{
	struct zh_pdf *d;
	enum zh_err e;
	char title[160];

	*data = NULL;
	*len = 0;
	snprintf(title, sizeof title, "Еженедельная распечатка — %s", p->class_name ? p->class_name : "");
	if ((e = zh_pdf_new(&(struct zh_pdf_opts){ .title = title, .margin = M }, &d)))
		return e;
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			zh_pdf_page(d);
		student_page(d, p, &p->students[i]);
	}
	if (!p->n)
		zh_pdf_text(d, 20, 20, 170, &(struct zh_pdf_style){ .size = 12 },
			    "В классе нет учеников, чьи родители отказались от электронного дневника. "
			    "Чтобы распечатать всех, добавьте параметр all=1.");
	return zh_pdf_finish(d, data, len);
}
