/* printout.h: the weekly printout for families without electronic access (seed 001 §3.3.4,
 * §7.2): one A4 page per student with the week's marks by subject (dates, work types),
 * attendance, the next week's homework, the class teacher's name and a line for the parent's
 * signature. */
#ifndef ZH_EXPORT_PRINTOUT_H
#define ZH_EXPORT_PRINTOUT_H

#include <stddef.h>

#include "core/err.h"
#include "store/alerts.h"

struct zh_printout_student {
	const char *name;
	struct zh_al_week week;
};

struct zh_printout {
	const char *school, *class_name, *teacher_name;
	const char *from, *to, *hw_from, *hw_to; /* "YYYY-MM-DD" */
	const struct zh_printout_student *students;
	size_t n;
};

/* "DD.MM" of "YYYY-MM-DD" into out (at least 6 bytes); the text itself when it is not a date. */
void zh_printout_ddmm(const char *date, char out[16]);

/* The PDF (malloc'ed into *data). A document with no students gets one page saying so. */
enum zh_err zh_printout_pdf(const struct zh_printout *p, char **data, size_t *len);

#endif
