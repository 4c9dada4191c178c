/* Confidence intervals for the change of a quantile between two groups of runs, by a
 * two-level (hierarchical) bootstrap: each resample draws runs with replacement, then frames
 * with replacement within each drawn run. Resampling runs carries the run-to-run drift of a
 * shared machine into the interval, which frame-level resampling alone would hide (frames of
 * one run share its machine state, so they are not independent draws).
 *
 * Deterministic: the same inputs and seed give the same interval. Values are borrowed. */
#ifndef VB_GATE_BOOTSTRAP_H
#define VB_GATE_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define VB_GATE_MAX_RUNS 64

typedef struct vb_run_group {
    int run_count;
    const double *values[VB_GATE_MAX_RUNS]; /* per run, its per-frame values */
    size_t counts[VB_GATE_MAX_RUNS];
} vb_run_group;

typedef struct vb_ratio_interval {
    double baseline, current; /* the quantile of each group, runs pooled */
    double ratio;             /* current / baseline */
    double low, high;         /* the central `confidence` interval of the ratio */
} vb_ratio_interval;

/* The q-quantile (interpolated, as measure/stats.h) of a group, runs pooled; `scratch` holds
 * at least all its values. Returns -1 for an empty group. */
double vb_group_quantile(const vb_run_group *group, double q, double *scratch);

/* VB_OK, or -VB_ERR_FAILURE when out of memory or a group is empty or its quantile is not
 * positive.
 *
 * `paired`: the groups hold the same number of runs, run r of each measured side by side (an
 * interleaved A/B job); each resample draws pairs with replacement and takes both runs of a
 * drawn pair, so a machine state the two runs of a pair shared (the drift of a shared machine
 * over minutes) moves both sides of the ratio alike and cancels, where drawing the two groups
 * independently would count it as noise. Without pairing the groups are drawn apart. */
int vb_bootstrap_ratio(const vb_run_group *baseline, const vb_run_group *current, double q,
                       int iterations, double confidence, int paired, uint64_t seed,
                       vb_ratio_interval *out);

#endif
