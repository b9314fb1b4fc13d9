/* pdf.c: PDF documents in memory: a cairo PDF surface written through a stream into a zh_buf,
 * text laid out by pango with a font map owned by the document (nothing left behind) */
#include "export/pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define PT_PER_MM (72.0 / 25.4)

static atomic_bool used;  /* a document was made: there are caches to release at exit */

struct zh_pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *pango;
	struct zh_buf out;
	enum zh_err err;             /* first failure */
	double w, h, margin, cursor; /* mm */
	char *font, *mono;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct zh_pdf *d = closure;
	enum zh_err e = zh_buf_append(&d->out, data, len);
	if (e) {
		if (!d->err)
			d->err = e;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static char *dup_or(const char *s, const char *def)
{
	const char *v = s && *s ? s : def;
	size_t n = strlen(v) + 1;
	char *r = malloc(n);
	if (r)
		memcpy(r, v, n);
	return r;
}

void zh_pdf_free(struct zh_pdf *d)
{
	if (!d)
		return;
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface) {
		cairo_surface_finish(d->surface);
		cairo_surface_destroy(d->surface);
	}
	if (d->pango)
		g_object_unref(d->pango);
	if (d->fontmap)
		g_object_unref(d->fontmap);
	zh_buf_free(&d->out);
	free(d->font);
	free(d->mono);
	free(d);
}

enum zh_err zh_pdf_new(const struct zh_pdf_opts *o, struct zh_pdf **out)
{
	static const struct zh_pdf_opts none = { 0 };
	struct zh_pdf *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!o)
		o = &none;
	if (!d)
		return ZH_ENOMEM;
	d->w = o->width > 0 ? o->width : ZH_PDF_A4_W;
	d->h = o->height > 0 ? o->height : ZH_PDF_A4_H;
	d->margin = o->margin > 0 ? o->margin : 15;
	d->cursor = d->margin;
	zh_buf_init(&d->out, o->max_bytes ? o->max_bytes : ZH_PDF_MAX_DEFAULT);
	d->font = dup_or(o->font, "DejaVu Sans");
	d->mono = dup_or(o->mono_font, "DejaVu Sans Mono");
	if (!d->font || !d->mono) {
		zh_pdf_free(d);
		return ZH_ENOMEM;
	}
	d->surface = cairo_pdf_surface_create_for_stream(write_out, d, d->w * PT_PER_MM, d->h * PT_PER_MM);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		zh_pdf_free(d);
		return ZH_ENOMEM;
	}
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "zhurnal");
	if (o->title)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, o->title);
	d->cr = cairo_create(d->surface);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		zh_pdf_free(d);
		return ZH_ENOMEM;
	}
	atomic_store(&used, true);
	d->fontmap = pango_cairo_font_map_new();
	d->pango = d->fontmap ? pango_font_map_create_context(d->fontmap) : NULL;
	if (!d->pango) {
		zh_pdf_free(d);
		return ZH_ENOMEM;
	}
	pango_cairo_update_context(d->cr, d->pango);
	pango_cairo_context_set_resolution(d->pango, 72.0);  /* 1 pt = 1 user unit */
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	*out = d;
	return ZH_OK;
}

double zh_pdf_width(const struct zh_pdf *d)
{
	return d->w;
}

double zh_pdf_height(const struct zh_pdf *d)
{
	return d->h;
}

void zh_pdf_page(struct zh_pdf *d)
{
	cairo_show_page(d->cr);
	d->cursor = d->margin;
}

/* A layout of text in style s, width w mm (0 = unbounded). */
static PangoLayout *layout_for(struct zh_pdf *d, double w, const struct zh_pdf_style *s,
			       const char *utf8)
{
	static const struct zh_pdf_style plain = { 0 };
	PangoLayout *l;
	PangoFontDescription *fd;

	if (!s)
		s = &plain;
	l = pango_layout_new(d->pango);
	if (!l)
		return NULL;
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, s->mono ? d->mono : d->font);
	pango_font_description_set_absolute_size(fd, (s->size > 0 ? s->size : 10) * PANGO_SCALE);
	pango_font_description_set_weight(fd, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PT_PER_MM * PANGO_SCALE));
		if (s->nowrap)
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		else
			pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, s->align == ZH_PDF_CENTER ? PANGO_ALIGN_CENTER
				   : s->align == ZH_PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, utf8 ? utf8 : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE / PT_PER_MM;
}

double zh_pdf_text_height(struct zh_pdf *d, double w, const struct zh_pdf_style *s, const char *utf8)
{
	PangoLayout *l = layout_for(d, w, s, utf8);
	if (!l) {
		if (!d->err)
			d->err = ZH_ENOMEM;
		return 0;
	}
	double h = layout_height(l);
	g_object_unref(l);
	return h;
}

double zh_pdf_text(struct zh_pdf *d, double x, double y, double w, const struct zh_pdf_style *s,
		   const char *utf8)
{
	PangoLayout *l = layout_for(d, w, s, utf8);
	double gray = s ? s->gray : 0;

	if (!l) {
		if (!d->err)
			d->err = ZH_ENOMEM;
		return 0;
	}
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, gray, gray, gray);
	cairo_move_to(d->cr, x * PT_PER_MM, y * PT_PER_MM);
	pango_cairo_show_layout(d->cr, l);
	cairo_restore(d->cr);
	double h = layout_height(l);
	g_object_unref(l);
	return h;
}

void zh_pdf_para(struct zh_pdf *d, const struct zh_pdf_style *s, const char *utf8)
{
	double w = d->w - 2 * d->margin;
	double h = zh_pdf_text_height(d, w, s, utf8);
	if (d->cursor + h > d->h - d->margin && d->cursor > d->margin)
		zh_pdf_page(d);
	d->cursor += zh_pdf_text(d, d->margin, d->cursor, w, s, utf8);
}

void zh_pdf_space(struct zh_pdf *d, double mm)
{
	d->cursor += mm;
}

double zh_pdf_cursor(const struct zh_pdf *d)
{
	return d->cursor;
}

void zh_pdf_set_cursor(struct zh_pdf *d, double y)
{
	d->cursor = y;
}

void zh_pdf_need(struct zh_pdf *d, double mm)
{
	if (d->cursor + mm > d->h - d->margin && d->cursor > d->margin)
		zh_pdf_page(d);
}

static void stroke(struct zh_pdf *d, double width, bool dashed)
{
	static const double dash[] = { 3.0, 2.0 };
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(d->cr, width > 0 ? width : 0.5);
	cairo_set_dash(d->cr, dash, dashed ? 2 : 0, 0);
	cairo_stroke(d->cr);
	cairo_set_dash(d->cr, NULL, 0, 0);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

void zh_pdf_line(struct zh_pdf *d, double x1, double y1, double x2, double y2, double width,
		 bool dashed)
{
	cairo_move_to(d->cr, x1 * PT_PER_MM, y1 * PT_PER_MM);
	cairo_line_to(d->cr, x2 * PT_PER_MM, y2 * PT_PER_MM);
	stroke(d, width, dashed);
}

void zh_pdf_rect(struct zh_pdf *d, double x, double y, double w, double h, double width, bool dashed)
{
	cairo_rectangle(d->cr, x * PT_PER_MM, y * PT_PER_MM, w * PT_PER_MM, h * PT_PER_MM);
	stroke(d, width, dashed);
}

void zh_pdf_fill(struct zh_pdf *d, double x, double y, double w, double h, double gray)
{
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, gray, gray, gray);
	cairo_rectangle(d->cr, x * PT_PER_MM, y * PT_PER_MM, w * PT_PER_MM, h * PT_PER_MM);
	cairo_fill(d->cr);
	cairo_restore(d->cr);
}

enum zh_err zh_pdf_finish(struct zh_pdf *d, char **data, size_t *len)
{
	enum zh_err e;

	*data = NULL;
	*len = 0;
	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->surface);
	if (!d->err && cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
		d->err = ZH_EINTERNAL;
	cairo_surface_destroy(d->surface);
	d->surface = NULL;
	e = d->err;
	if (!e && !d->out.data)
		e = ZH_EINTERNAL;
	if (!e) {
		*data = d->out.data;
		*len = d->out.len;
		zh_buf_init(&d->out, 0);
	}
	zh_pdf_free(d);
	return e;
}

void zh_pdf_shutdown(void)
{
	if (!atomic_exchange(&used, false))
		return;
	/* releases pango's font map; fontconfig's own process-wide cache stays until exit (FcFini
	 * asserts while cairo still caches a font face, so it is not called; see tests/lsan.supp) */
	pango_cairo_font_map_set_default(NULL);
}
