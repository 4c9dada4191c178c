/* The runs of both sides of a comparison, by point: one entry per measured strategy run,
 * which side and which results file it came from, and the per-frame samples of a metric at
 * one point gathered into bootstrap groups (gate/bootstrap.h), speed-corrected per file when
 * asked. Private to the gate: gate/compare.c is its one user. Entries borrow their sessions. */
#ifndef VB_GATE_POINTS_H
#define VB_GATE_POINTS_H

#include "gate/bootstrap.h"
#include "gate/metrics.h"
#include "pipeline/sweep.h"

/* One measured run of one strategy at one point, borrowed from its session. */
typedef struct vb_gate_entry {
    const vb_session *session;
    const vb_run_record *run;
    int side; /* 0 baseline, 1 current */
    int file; /* index of its results file on that side */
} vb_gate_entry;

/* Same view, size, fps, pace and strategy. */
int vb_gate_same_point(const vb_gate_entry *a, const vb_gate_entry *b);
/* Whether entry i is the first of its point: visiting only those visits each point once. */
int vb_gate_first_of_point(const vb_gate_entry *entries, int i);
/* Appends every measured run of `sweeps` as entries of `side` (grown with realloc); VB_OK or
 * -VB_ERR_FAILURE when out of memory. */
int vb_gate_collect(const vb_sweep *sweeps, int count, int side, vb_gate_entry **entries, int *n,
                    int *capacity);
/* Runs of `side` at the point of `key`. */
int vb_gate_runs_at(const vb_gate_entry *entries, int n, const vb_gate_entry *key, int side);
/* Fills `group` with the samples of `metric` of every entry at the point of `key` on `side`
 * (in reference units when `normalised`, each file's divided by its `speed` factor unless
 * NULL), into `store` (advanced past what it used); `files` (optional) gets each run's file. */
void vb_gate_build_group(const vb_gate_entry *entries, int n, const vb_gate_entry *key, int side,
                         vb_metric metric, int normalised, const double speed[2][VB_GATE_MAX_RUNS],
                         double **store, vb_run_group *group, int *files);
/* The speed factor of each results file of each side for `metric` (gate/compare.h), from every
 * point but `exclude`'s (NULL: every point); `store` holds the samples of one point, both
 * sides, twice. `centred`: each side's factors divided by their median over its files, so
 * that they keep only how a file differs from the other files of its side (for paired,
 * interleaved sides, whose common state cancels in the pairs: what is common to a side is
 * then its build's change, which the correction must not take away). */
/* The speed factors' working room (half a megabyte: the caller allocates it, once a comparison,
 * so that two comparisons may run at once). */
#define VB_GATE_SPEED_MAX_POINTS 512
typedef struct vb_speed_scratch {
    double ratios[2][VB_GATE_MAX_RUNS][VB_GATE_SPEED_MAX_POINTS];
    double left_out[2][VB_GATE_MAX_RUNS];
} vb_speed_scratch;
void vb_gate_speed_factors(const vb_gate_entry *entries, int n, vb_metric metric, int normalised,
                           const vb_gate_entry *exclude, int centred, double *store,
                           vb_speed_scratch *scratch, double factors[2][VB_GATE_MAX_RUNS]);

#endif
