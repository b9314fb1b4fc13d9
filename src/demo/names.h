/* names.h: Russian name tables and passport transliteration for the demo school */
#ifndef ZH_DEMO_NAMES_H
#define ZH_DEMO_NAMES_H

#include <stddef.h>

/* Generations a first name suits (bit mask). */
#define ZH_DEMO_OLD 1u    /* grandparents: source of adults' patronymics */
#define ZH_DEMO_ADULT 2u  /* parents and teachers */
#define ZH_DEMO_CHILD 4u  /* students */

struct zh_demo_male {
	const char *name, *pat_m, *pat_f; /* «Илья», «Ильич», «Ильинична» */
	unsigned gen;
};
struct zh_demo_female {
	const char *name;
	unsigned gen;
};

extern const char *const zh_demo_surnames[];   /* masculine forms */
extern const size_t zh_demo_surnames_n;
extern const struct zh_demo_male zh_demo_males[];
extern const size_t zh_demo_males_n;
extern const struct zh_demo_female zh_demo_females[];
extern const size_t zh_demo_females_n;

/* The surname for gender 'm' or 'f' into buf: Иванов→Иванова, Королёв→Королёва,
 * Покровский→Покровская; Черных, Шевчук, Кравченко do not change. */
const char *zh_demo_surname(const char *masc, char gender, char *buf, size_t cap);

/* Lowercase ASCII transliteration of UTF-8 Russian text: zh_translit_buf of core/translit.h
 * (ICAO passport rules). Returns the length written (always terminated). */
size_t zh_demo_translit(const char *s, char *out, size_t cap);

#endif
