/* translit.h: Russian → Latin transliteration (ICAO Doc 9303, the rules of Russian passports) */
#ifndef ZH_TRANSLIT_H
#define ZH_TRANSLIT_H

#include <stddef.h>

#include "core/arena.h"

/* Lower-case ASCII transliteration of UTF-8 Russian text: а a, б b, в v, г g, д d, е e, ё e,
 * ж zh, з z, и i, й i, к k, л l, м m, н n, о o, п p, р r, с s, т t, у u, ф f, х kh, ц ts,
 * ч ch, ш sh, щ shch, ъ ie, ы y, ь (dropped), э e, ю iu, я ia. ASCII letters are lower-cased,
 * digits kept; everything else (spaces, hyphens, other scripts) is dropped.
 * Щукин → shchukin, Ёлкина → elkina, Подъячев → podieiachev. NULL only when out of memory. */
char *zh_translit(struct zh_arena *a, const char *utf8);

/* The same into a caller's buffer; stops (at a whole letter) when cap would be exceeded.
 * Returns the length written; out is always terminated when cap > 0. */
size_t zh_translit_buf(const char *utf8, char *out, size_t cap);

#endif
