/* The figures the regression gate compares, each taken per frame from a run's measured frames
 * (pipeline/run_summary.h: presented, not warm-up, not perturbed), so that whole distributions
 * are compared, not single numbers.
 *
 * Each metric has a statistic (a quantile of its per-frame values), a direction (whether a
 * larger value is worse), a default noise threshold, and a unit in the run's own reference
 * limits for comparisons across machines: times in "memcpy times of one frame", the copy's
 * bandwidth as a share of memcpy's, the upload's as a share of the plain upload's.
 *
 * The exact metrics are work counts per frame (GL calls of both threads, allocations of both,
 * declared frame copies, bytes copied, bytes sent to the GPU): the same build does the same
 * work per frame on any machine, so their threshold is 0 and one more call, allocation or copy
 * per frame is a regression without statistics. Their unit is the same in reference units. */
#ifndef VB_GATE_METRICS_H
#define VB_GATE_METRICS_H

#include "measure/reference_limits.h"
#include "pipeline/run.h"

#include <stddef.h>

typedef enum {
    VB_METRIC_LATENCY_P50 = 0,
    VB_METRIC_LATENCY_P99,
    VB_METRIC_PRODUCER_CPU,
    VB_METRIC_CONSUMER_CPU,
    VB_METRIC_COPY_BANDWIDTH,
    VB_METRIC_UPLOAD_BANDWIDTH,
    /* Exact work counts per frame (common/work_counts.h): no timer, no statistics */
    VB_METRIC_GL_CALLS,
    VB_METRIC_ALLOCATIONS,
    VB_METRIC_COPIES,
    VB_METRIC_BYTES_COPIED,
    VB_METRIC_BYTES_TO_GPU,
    /* A strategy's own figures (record/figure.h), by their gate rule: the run's k-th figure of
     * its own, when it is gated exactly (work it counts) or as a timing. A run without such a
     * figure has no value, so its point has no row. */
    VB_METRIC_OWN_EXACT_FIRST,
    VB_METRIC_OWN_TIMED_FIRST = VB_METRIC_OWN_EXACT_FIRST + VB_FRAME_STRATEGY_FIGURES,
    VB_METRIC_COUNT = VB_METRIC_OWN_TIMED_FIRST + VB_FRAME_STRATEGY_FIGURES
} vb_metric;

/* The figure an own-figure metric takes from `run` (NULL for the other metrics, or when the
 * run has no such figure under that rule). */
const vb_figure *vb_metric_own_figure(vb_metric metric, const vb_run_record *run);

typedef struct vb_metric_info {
    const char *name;  /* as --metrics spells it: "latency-p50" */
    const char *label; /* for tables: "latency p50" */
    const char *unit;  /* of the absolute values: "ms", "GB/s" */
    double quantile;   /* the statistic: 0.5 = median */
    int higher_is_worse;
    double threshold_pct; /* default noise threshold (docs/gate.md: how it was chosen) */
    int exact;            /* a count that repeats exactly: compared without an interval */
} vb_metric_info;

const vb_metric_info *vb_metric_get(vb_metric metric);
/* VB_OK, or -VB_ERR_USAGE naming `option` for an unknown name. */
int vb_metric_from_name(const char *option, const char *name, vb_metric *metric);

/* The per-frame values of `metric` in `run` (frames without the quantity, e.g. no bytes
 * copied, are left out). With `limits`, each value is expressed in the reference unit instead
 * (see above); frame_bytes is the run's frame size. Writes at most run->length values to
 * `out` and returns how many. */
size_t vb_metric_samples(vb_metric metric, const vb_run_record *run,
                         const vb_reference_limits *limits, double *out);

#endif
