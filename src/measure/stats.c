#include "measure/stats.h"

#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double vb_stats_quantile_sorted(const double *sorted, size_t count, double q) {
    if (count == 0) return 0.0;
    double position = q * (double)(count - 1);
    size_t below = (size_t)position;
    if (below >= count - 1) return sorted[count - 1];
    double fraction = position - (double)below;
    return sorted[below] + (sorted[below + 1] - sorted[below]) * fraction;
}

void vb_stats_compute(double *values, size_t count, vb_stats *out) {
    memset(out, 0, sizeof *out);
    out->count = count;
    if (count == 0) return;
    qsort(values, count, sizeof *values, compare_doubles);
    double sum = 0.0;
    for (size_t i = 0; i < count; i++)
        sum += values[i];
    out->mean = sum / (double)count;
    out->min = values[0];
    out->max = values[count - 1];
    out->p50 = vb_stats_quantile_sorted(values, count, 0.50);
    out->p90 = vb_stats_quantile_sorted(values, count, 0.90);
    out->p95 = vb_stats_quantile_sorted(values, count, 0.95);
    out->p99 = vb_stats_quantile_sorted(values, count, 0.99);
    size_t slowest = count / 100 > 0 ? count / 100 : 1;
    double tail = 0.0;
    for (size_t i = count - slowest; i < count; i++)
        tail += values[i];
    out->low_1pct_mean = tail / (double)slowest;
}
