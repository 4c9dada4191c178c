/* The figures a run records of each frame, declared once: a figure is a time point, a span or
 * a counter with its name (the results JSON's column, the CSV's), the label tables use, its
 * unit, the thread that owns it, how it aggregates over a run and whether and how the
 * regression gate compares it. The results writer and reader, the CSV, the run summary, the
 * terminal table and the gate iterate over these declarations instead of naming fields.
 *
 * Two kinds of declaration: the core figures every run has (vb_core_figures, a field of
 * vb_frame_record each), and the figures a strategy declares of its own
 * (vb_strategy_ops.figures, at most VB_FRAME_STRATEGY_FIGURES, their values in
 * vb_frame_record.strategy_figures[slot]). A strategy fills its own on its threads through
 * vb_stage_record_figure (transfer/strategy.h); a results file declares each run's own
 * figures beside its columns, so a reader needs no strategy's code (vb_figure_intern). */
#ifndef VB_RECORD_FIGURE_H
#define VB_RECORD_FIGURE_H

#include "record/frame_record.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    VB_FIGURE_PRODUCER = 0, /* the producer thread ("the Rust renderer") */
    VB_FIGURE_CONSUMER,     /* the consumer thread ("the raster thread") */
    VB_FIGURE_STAGE,        /* a strategy's own threads (a UI thread, an IO thread) */
    VB_FIGURE_RUN,          /* the harness: identity and bookkeeping of the frame */
    VB_FIGURE_OWNER_COUNT
} vb_figure_owner;

/* When a core figure is in a results file: always; written always and optional when read
 * (files before work counts); written for runs with stages of their own or a display clock
 * (vb_run_record_has_stages) and optional when read. A strategy's own: always, by name. */
typedef enum {
    VB_FIGURE_ALWAYS = 0,
    VB_FIGURE_WORK_COUNT,
    VB_FIGURE_STAGES,
    VB_FIGURE_OF_STRATEGY
} vb_figure_presence;

/* How it aggregates over a run's measured frames (bits): the summary computes these. */
enum {
    VB_FIGURE_MEAN = 1u << 0,
    VB_FIGURE_P50 = 1u << 1,
    VB_FIGURE_P99 = 1u << 2,
    VB_FIGURE_SUM = 1u << 3,
};

/* What the regression gate does with it: nothing, compare exactly (a count that repeats), or
 * compare as a timing (bootstrap interval against a threshold). */
typedef enum {
    VB_FIGURE_NOT_GATED = 0,
    VB_FIGURE_GATED_EXACT,
    VB_FIGURE_GATED_TIMED
} vb_figure_gate;

typedef struct vb_figure {
    const char *name;  /* the JSON and CSV column: "sync_wait_ns" */
    const char *label; /* in tables and the gate's rows: "sync wait" */
    const char *unit;  /* of the stored value: "ns", "bytes", "count", "flags", "id" */
    vb_figure_owner owner;
    vb_figure_presence presence;
    unsigned aggregation; /* VB_FIGURE_MEAN | ... (0: not aggregated) */
    vb_figure_gate gate;
    /* Where the value is: a core figure's field (offset, 4 or 8 bytes), or a strategy's own
     * slot in strategy_figures[] (size 0). */
    size_t offset, size;
    int slot;
} vb_figure;

/* The core figures, in the order the results file's columns have always had (the checksums,
 * 64-bit hex strings, are not figures: results/frame_fields.h). */
extern const vb_figure vb_core_figures[];
extern const int vb_core_figure_count;

/* The value of `figure` in a record (-1 where not recorded). */
int64_t vb_figure_value(const vb_frame_record *record, const vb_figure *figure);
/* Stores `value` (the field's width: a core figure of 4 bytes takes the low 32 bits); returns 0
 * when the stored value reads back different (out of the field's range). */
int vb_figure_store(vb_frame_record *record, const vb_figure *figure, int64_t value);

/* "producer", "consumer", "stage", "run"; and back (-1 for an unknown name). */
const char *vb_figure_owner_name(vb_figure_owner owner);
int vb_figure_owner_from_name(const char *name);
/* "not-gated", "exact", "timed"; and back (-1). */
const char *vb_figure_gate_name(vb_figure_gate gate);
int vb_figure_gate_from_name(const char *name);

/* A lasting copy of a strategy's own figure read from a file (its strings too): the same one
 * for the same declaration; NULL when out of memory or past VB_FIGURE_INTERN_MAX (error set).
 * Safe from any thread; owned by this module until the process ends. */
#define VB_FIGURE_INTERN_MAX 256
const vb_figure *vb_figure_intern(const vb_figure *figure);

#endif
