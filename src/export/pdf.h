/* pdf.h: PDF documents written into memory (cairo PDF surface + pango text), for printable
 * sheets and reports. Units are millimetres from the top-left corner of the page; font sizes
 * are points. Text is UTF-8 and shaped by pango with fontconfig fonts ("DejaVu Sans" by default),
 * so Cyrillic (Ё, й) and any other script the font covers come out right and extract as text.
 *
 * Usage:
 *   struct zh_pdf *d;
 *   zh_pdf_new(&(struct zh_pdf_opts){ .title = "…" }, &d);
 *   zh_pdf_text(d, 20, 20, 170, &(struct zh_pdf_style){ .size = 14, .bold = true }, "Заголовок");
 *   zh_pdf_para(d, NULL, "Текст, который сам переносится на следующую страницу…");
 *   zh_pdf_page(d);
 *   zh_pdf_finish(d, &data, &len);   // data is malloc'ed; d is freed
 *
 * Drawing never fails by itself: the first error is remembered and returned by zh_pdf_finish.
 * A document belongs to one thread. */
#ifndef ZH_PDF_H
#define ZH_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define ZH_PDF_A4_W 210.0
#define ZH_PDF_A4_H 297.0
#define ZH_PDF_MAX_DEFAULT ((size_t)32 << 20)   /* bytes of a document unless opts say */

struct zh_pdf;

struct zh_pdf_opts {
	double width, height;        /* page size in mm; 0 = A4 portrait */
	double margin;               /* mm, for the flowing text (zh_pdf_para); 0 = 15 */
	const char *title;           /* document title (metadata); may be NULL */
	const char *font;            /* family for text; NULL = "DejaVu Sans" */
	const char *mono_font;       /* family for .mono text; NULL = "DejaVu Sans Mono" */
	size_t max_bytes;            /* limit of the written file; 0 = ZH_PDF_MAX_DEFAULT */
};

enum zh_pdf_align { ZH_PDF_LEFT, ZH_PDF_CENTER, ZH_PDF_RIGHT };

struct zh_pdf_style {
	double size;                 /* points; 0 = 10 */
	bool bold, italic, mono;
	enum zh_pdf_align align;
	double gray;                 /* 0 = black .. 1 = white */
	bool nowrap;                 /* one line, ellipsized at the box width */
};

/* Begins a document with its first page. ZH_ENOMEM or ZH_EINTERNAL when cairo fails. */
enum zh_err zh_pdf_new(const struct zh_pdf_opts *o, struct zh_pdf **out);
/* Page size in mm. */
double zh_pdf_width(const struct zh_pdf *d);
double zh_pdf_height(const struct zh_pdf *d);

/* Starts a new page and puts the flow cursor at its top margin. */
void zh_pdf_page(struct zh_pdf *d);

/* Text block with its top-left corner at (x, y), wrapped at width w (mm; 0 = no wrapping).
 * s NULL = default style. Returns the height used (mm). */
double zh_pdf_text(struct zh_pdf *d, double x, double y, double w, const struct zh_pdf_style *s,
		   const char *utf8);
/* Height the block would take, without drawing. */
double zh_pdf_text_height(struct zh_pdf *d, double w, const struct zh_pdf_style *s, const char *utf8);

/* Flowing text between the margins at the cursor; starts a new page when the block does not
 * fit on the rest of this one. Advances the cursor by the block's height plus gap_after (mm). */
void zh_pdf_para(struct zh_pdf *d, const struct zh_pdf_style *s, const char *utf8);
void zh_pdf_space(struct zh_pdf *d, double mm);
/* The flow cursor (mm from the top); setting it is how tables and drawings join the flow. */
double zh_pdf_cursor(const struct zh_pdf *d);
void zh_pdf_set_cursor(struct zh_pdf *d, double y);
/* Starts a new page when less than mm is left below the cursor (above the bottom margin). */
void zh_pdf_need(struct zh_pdf *d, double mm);

/* Lines and rectangles; width in points; dashed = cut lines. */
void zh_pdf_line(struct zh_pdf *d, double x1, double y1, double x2, double y2, double width,
		 bool dashed);
void zh_pdf_rect(struct zh_pdf *d, double x, double y, double w, double h, double width, bool dashed);
/* Rectangle filled with gray (0 black .. 1 white). */
void zh_pdf_fill(struct zh_pdf *d, double x, double y, double w, double h, double gray);

/* Ends the document. On success *data (malloc'ed, the caller frees) and *len hold the file.
 * Frees d in every case; ZH_ETOOBIG when the file passed max_bytes. */
enum zh_err zh_pdf_finish(struct zh_pdf *d, char **data, size_t *len);
/* Drops an unfinished document. NULL is fine. */
void zh_pdf_free(struct zh_pdf *d);

/* Releases the process-wide font caches of cairo and fontconfig (so leak checkers stay quiet).
 * Call once at exit, when no document is being written any more; a no-op when no PDF was made. */
void zh_pdf_shutdown(void);

#endif
