/* grading.c: averages, the rounding rule, forecasts (see grading.h) */
#include "domain/grading.h"

#include <math.h>

/* the slack for binary fractions: 3.5 computed as 10.5 / 3 must count as 3.5 */
#define EPS 1e-9

bool zh_grade_average(const struct zh_grade *g, size_t n, bool weighted, double *avg)
{
	double sum = 0, wsum = 0;
	*avg = 0;
	for (size_t i = 0; i < n; i++) {
		double w = weighted ? g[i].weight : 1.0;
		if (!(w > 0))
			continue;
		sum += g[i].value * w;
		wsum += w;
	}
	if (!(wsum > 0))
		return false;
	*avg = sum / wsum;
	return true;
}

double zh_grade_display(double avg)
{
	return floor(avg * 100 + 0.5 + EPS) / 100;
}

int zh_grade_suggest(double avg, double threshold, int mark_min, int mark_max)
{
	double whole = floor(avg + EPS);
	int mark = (int)whole + (avg - whole + EPS >= threshold ? 1 : 0);
	if (mark < mark_min)
		mark = mark_min;
	if (mark > mark_max)
		mark = mark_max;
	return mark;
}

int zh_grade_needed(const struct zh_grade *g, size_t n, bool weighted, double threshold,
		    int target, int value, double weight, int limit)
{
	double sum = 0, wsum = 0, w = weighted ? weight : 1.0, avg;
	/* the lowest average that rounds to target */
	double need = (target - 1) + threshold;
	for (size_t i = 0; i < n; i++) {
		double wi = weighted ? g[i].weight : 1.0;
		if (!(wi > 0))
			continue;
		sum += g[i].value * wi;
		wsum += wi;
	}
	if (wsum > 0 && sum / wsum + EPS >= need)
		return 0;
	if (!(w > 0) || value + EPS < need)
		return -1;
	for (int k = 1; k <= limit; k++) {
		avg = (sum + value * w * k) / (wsum + w * k);
		if (avg + EPS >= need)
			return k;
	}
	return -1;
}
