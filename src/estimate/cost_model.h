/* The cost model: a stage's time per frame on a core from its instructions per frame, its memory
 * traffic per frame and the page faults it takes per frame,
 *     compute = (instructions + faults x fault_instructions) / (IPC x clock)
 *     memory  = (traffic + faults x 4096) / bandwidth
 *     time    = compute + memory                 (no overlap: the point form, and the worst case)
 *     time    = max(compute, memory)             (full overlap: the best case)
 * A page fault is the kernel's work for a fresh 4 KB page: its instructions (fault_instructions,
 * measured on the calibration machine as an equivalent at that core's IPC) and the page it zeroes.
 * Over a core class's ranges (estimate/core_class.h) the estimate is the interval from the best
 * case at the fast end of every range to the worst case at the slow end. The calibration
 * (estimate/calibration.h) checks the point form with the calibration machine's own rates.
 *
 * A strategy's estimate sums, per thread, the stages its facts list (record/strategy_facts.h:
 * cpu_work) with their aarch64 counts (estimate/stage_counts.h) and the committed calibration's
 * faults per frame. A stage the committed calibration found outside the tolerance is not
 * estimated: the thread's figure says so instead of carrying a number the model could not
 * reproduce. */
#ifndef VB_ESTIMATE_COST_MODEL_H
#define VB_ESTIMATE_COST_MODEL_H

#include "estimate/core_class.h"
#include "record/strategy_facts.h"
#include "render/view_options.h"

#include <stddef.h>

/* |predicted / measured - 1| at most this, on the calibration machine, for a stage to be used. */
#define VB_COST_TOLERANCE 0.30

/* A stage's work per frame, as the model takes it. */
typedef struct vb_stage_work {
    double instructions, traffic_bytes, faults;
    double fault_instructions; /* the kernel's per fault (the committed calibration's) */
} vb_stage_work;

#define VB_PAGE_BYTES 4096.0

/* Best-case and worst-case ns per frame on the class (see above). */
vb_interval vb_cost_stage_ns(const vb_core_class *core, const vb_stage_work *work);
/* The point form at one clock, IPC and traffic rate (the calibration's prediction). */
double vb_cost_point_ns(const vb_stage_work *work, double clock_ghz, double ipc,
                        double traffic_gbps);

typedef enum {
    VB_THREAD_PRODUCER = 0, /* the Rust renderer */
    VB_THREAD_UI,           /* Flutter's UI thread (Dart) */
    VB_THREAD_IO,           /* Flutter's IO thread or image worker */
    VB_THREAD_RASTER,       /* Flutter's raster thread */
    VB_THREAD_COUNT
} vb_app_thread;

/* "producer", "ui", "io", "raster"; and what they are, "the Rust producer", ... */
const char *vb_app_thread_name(vb_app_thread thread);
const char *vb_app_thread_label(vb_app_thread thread);

#define VB_THREAD_STAGES_MAX 6
typedef struct vb_thread_estimate {
    int stage_count;
    const char *stages[VB_THREAD_STAGES_MAX]; /* the stages' names (static strings) */
    vb_interval ns;                           /* the sum of the estimated stages */
    /* A hard floor, model or not: the stages' aarch64 instructions at the core's issue width and
     * top clock (stages without a count add nothing, so it stays a floor). */
    double floor_ns;
    int estimated;     /* every stage had a count and passed the calibration */
    char missing[200]; /* else why not: "frb-encode: no aarch64 count" */
} vb_thread_estimate;

typedef struct vb_strategy_estimate {
    vb_thread_estimate thread[VB_THREAD_COUNT]; /* stage_count 0: no CPU work on that thread */
} vb_strategy_estimate;

/* The estimate of the strategy whose facts are `facts`, showing `view`, on `core`. VB_OK, or
 * -VB_ERR_FAILURE (error set) when its facts list no CPU work or list it in a form this build
 * cannot read (a stage or a thread it does not know). */
int vb_strategy_estimate_on(const vb_strategy_facts *facts, vb_view_kind view,
                            const vb_core_class *core, vb_strategy_estimate *out);

#endif
