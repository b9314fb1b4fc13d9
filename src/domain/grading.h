/* grading.h: the arithmetic of marks — averages (arithmetic or weighted), the school's rounding
 * rule for a suggested mark, and the forecast of what it takes to reach the next mark. Pure
 * functions, shared by the journal grid, period marks, the diary and the reports. */
#ifndef ZH_GRADING_H
#define ZH_GRADING_H

#include <stdbool.h>
#include <stddef.h>

/* One mark that counts: «точки», зачёт/незачёт and special codes do not. */
struct zh_grade {
	int value;
	double weight;  /* the assignment's weight (> 0) */
};

/* The average of n marks: weighted = Σ value·weight / Σ weight, else Σ value / n.
 * False (and *avg = 0) when there is nothing to average. */
bool zh_grade_average(const struct zh_grade *g, size_t n, bool weighted, double *avg);

/* The average as shown: rounded to two decimals (3.456 → 3.46). */
double zh_grade_display(double avg);

/* The mark an average leads to with the school's threshold (0.5: 3.5 → 4, 3.49 → 3; 0.6: 3.5 → 3,
 * 3.6 → 4), clamped to [mark_min, mark_max]. */
int zh_grade_suggest(double avg, double threshold, int mark_min, int mark_max);

/* How many more marks of `value` with `weight` bring the average to at least `target` under
 * the rounding rule; -1 when it cannot be reached (value ≤ the target's lower bound) or needs
 * more than `limit` marks. 0 = already there. */
int zh_grade_needed(const struct zh_grade *g, size_t n, bool weighted, double threshold,
		    int target, int value, double weight, int limit);

#endif
