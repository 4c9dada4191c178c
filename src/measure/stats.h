/* Order statistics of a sample of doubles: the summary every figure of a run is given as.
 * Percentiles interpolate linearly between the two nearest ranks (numpy's default), so p50 of
 * an even count is the mean of the middle pair. `low_1pct_mean` is the mean of the largest 1 %
 * of values (at least one value): for frame times, 1000 / it is the "1 % low" FPS. */
#ifndef VB_MEASURE_STATS_H
#define VB_MEASURE_STATS_H

#include <stddef.h>

typedef struct vb_stats {
    size_t count;
    double mean, min, p50, p90, p95, p99, max;
    double low_1pct_mean;
} vb_stats;

/* Sorts `values` in place. An empty sample gives count 0 and zeros. */
void vb_stats_compute(double *values, size_t count, vb_stats *out);

/* The q-quantile (0..1) of an ascending sorted sample. */
double vb_stats_quantile_sorted(const double *sorted, size_t count, double q);

#endif
