#include "gate/bootstrap.h"

#include "common/error.h"

#include <stdlib.h>
#include <string.h>

static uint64_t next_random(uint64_t *state) { /* splitmix64 */
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t random_below(uint64_t *state, size_t n) {
    return (size_t)(next_random(state) % (uint64_t)n);
}

static void swap(double *a, double *b) {
    double t = *a;
    *a = *b;
    *b = t;
}

/* Reorders v so that v[k] is the k-th smallest, smaller ones before it, larger after. */
static void select_kth(double *v, size_t n, size_t k) {
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                swap(&v[i], &v[j]);
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* Linear interpolation between the two nearest ranks; reorders v. */
static double quantile_unsorted(double *v, size_t n, double q) {
    double position = q * (double)(n - 1);
    size_t k = (size_t)position;
    select_kth(v, n, k);
    double below = v[k];
    if (k + 1 >= n) return below;
    double above = v[k + 1];
    for (size_t i = k + 2; i < n; i++)
        if (v[i] < above) above = v[i];
    return below + (above - below) * (position - (double)k);
}

static size_t group_size(const vb_run_group *g) {
    size_t total = 0;
    for (int r = 0; r < g->run_count; r++)
        total += g->counts[r];
    return total;
}

double vb_group_quantile(const vb_run_group *g, double q, double *scratch) {
    size_t n = 0;
    for (int r = 0; r < g->run_count; r++) {
        memcpy(scratch + n, g->values[r], g->counts[r] * sizeof *scratch);
        n += g->counts[r];
    }
    return n ? quantile_unsorted(scratch, n, q) : -1.0;
}

/* `runs`: the runs drawn (run_count of them), or NULL to draw them here. */
static double resampled_quantile(const vb_run_group *g, const int *runs, double q, double *scratch,
                                 uint64_t *state) {
    size_t n = 0;
    for (int r = 0; r < g->run_count; r++) {
        int run = runs ? runs[r] : (int)random_below(state, (size_t)g->run_count);
        const double *values = g->values[run];
        size_t count = g->counts[run];
        for (size_t i = 0; i < count; i++)
            scratch[n++] = values[random_below(state, count)];
    }
    return n ? quantile_unsorted(scratch, n, q) : -1.0;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int vb_bootstrap_ratio(const vb_run_group *base, const vb_run_group *cur, double q, int iterations,
                       double confidence, int paired, uint64_t seed, vb_ratio_interval *out) {
    memset(out, 0, sizeof *out);
    if (paired && base->run_count != cur->run_count) {
        vb_error_set("compare: paired groups of %d and %d runs", base->run_count, cur->run_count);
        return -VB_ERR_FAILURE;
    }
    /* A resample of a group holds at most run_count x its longest run. */
    size_t longest = 0;
    for (int side = 0; side < 2; side++) {
        const vb_run_group *g = side ? cur : base;
        for (int r = 0; r < g->run_count; r++)
            if (g->counts[r] > longest) longest = g->counts[r];
    }
    size_t room = longest * (size_t)VB_GATE_MAX_RUNS;
    size_t whole = group_size(base) > group_size(cur) ? group_size(base) : group_size(cur);
    if (whole > room) room = whole;
    double *scratch = malloc(room * sizeof *scratch);
    double *ratios = malloc((size_t)iterations * sizeof *ratios);
    int status = -VB_ERR_FAILURE;
    if (!scratch || !ratios) {
        vb_error_set("compare: out of memory");
        goto done;
    }
    out->baseline = vb_group_quantile(base, q, scratch);
    out->current = vb_group_quantile(cur, q, scratch);
    if (!(out->baseline > 0) || !(out->current > 0)) {
        vb_error_set("compare: no positive values to compare");
        goto done;
    }
    out->ratio = out->current / out->baseline;
    uint64_t state = seed;
    int kept = 0;
    int drawn[VB_GATE_MAX_RUNS];
    for (int i = 0; i < iterations; i++) {
        if (paired)
            for (int r = 0; r < base->run_count; r++)
                drawn[r] = (int)random_below(&state, (size_t)base->run_count);
        double b = resampled_quantile(base, paired ? drawn : NULL, q, scratch, &state);
        double c = resampled_quantile(cur, paired ? drawn : NULL, q, scratch, &state);
        if (b > 0 && c >= 0) ratios[kept++] = c / b;
    }
    if (kept == 0) {
        vb_error_set("compare: no usable resample");
        goto done;
    }
    qsort(ratios, (size_t)kept, sizeof *ratios, compare_doubles);
    double tail = (1.0 - confidence) / 2.0;
    out->low = ratios[(size_t)(tail * (kept - 1))];
    out->high = ratios[(size_t)((1.0 - tail) * (kept - 1) + 0.5)];
    status = VB_OK;
done:
    free(scratch);
    free(ratios);
    return status;
}
