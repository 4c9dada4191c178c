#include "gate/metrics.h"

#include "common/error.h"
#include "common/name_table.h"
#include "pipeline/run_summary.h"
#include "record/frame_totals.h"

#include <stdio.h>
#include <string.h>

/* Thresholds: above the largest change of each statistic seen between unchanged builds on the
 * CI machine class (2 shared cores, llvmpipe; 4 gate runs x 48 rows each, speed-corrected):
 * latency p50 -15..+11 %, p99 -57..+63 % (p99 of 180 frames is their second largest), producer
 * CPU -14..+10 %, consumer CPU -14..+17 %, upload bandwidth -6..+9 %, copy bandwidth -16..+8 %
 * (one false alarm at 15 % in ten proof runs, and at 20 % in a later CI run of an unchanged
 * build: -17.0 %, a copy 20.5 % longer, so 30 %); latency p50 reached +20.0 % for gl-texture in
 * a proof run where the machine ran 13-29 % fast, so 30 %. docs/gate.md. */
static const vb_metric_info metrics[VB_METRIC_COUNT] = {
    [VB_METRIC_LATENCY_P50] = {"latency-p50", "latency p50", "ms", 0.5, 1, 30, 0},
    [VB_METRIC_LATENCY_P99] = {"latency-p99", "latency p99", "ms", 0.99, 1, 100, 0},
    [VB_METRIC_PRODUCER_CPU] = {"producer-cpu", "producer CPU/frame", "ms", 0.5, 1, 15, 0},
    [VB_METRIC_CONSUMER_CPU] = {"consumer-cpu", "consumer CPU/frame", "ms", 0.5, 1, 20, 0},
    [VB_METRIC_COPY_BANDWIDTH] = {"copy-bandwidth", "copy bandwidth", "GB/s", 0.5, 0, 30, 0},
    [VB_METRIC_UPLOAD_BANDWIDTH] = {"upload-bandwidth", "upload bandwidth", "GB/s", 0.5, 0, 15, 0},
    [VB_METRIC_GL_CALLS] = {"gl-calls", "GL calls/frame", "calls", 0.5, 1, 0, 1},
    [VB_METRIC_ALLOCATIONS] = {"allocations", "allocations/frame", "allocs", 0.5, 1, 0, 1},
    [VB_METRIC_COPIES] = {"copies", "frame copies/frame", "copies", 0.5, 1, 0, 1},
    [VB_METRIC_BYTES_COPIED] = {"bytes-copied", "bytes copied/frame", "B", 0.5, 1, 0, 1},
    [VB_METRIC_BYTES_TO_GPU] = {"bytes-to-gpu", "bytes to GPU/frame", "B", 0.5, 1, 0, 1},
/* A strategy's own figures: exact ones like the work counts; timed ones at 20 %, the
 * consumer CPU's floor, until a figure's own noise is measured. */
#define OWN_EXACT(k)                                                                               \
    [VB_METRIC_OWN_EXACT_FIRST + (k)] = {"own-exact-" #k, "own figure", "", 0.5, 1, 0, 1}
#define OWN_TIMED(k)                                                                               \
    [VB_METRIC_OWN_TIMED_FIRST + (k)] = {"own-timed-" #k, "own figure", "", 0.5, 1, 20, 0}
    OWN_EXACT(0),
    OWN_EXACT(1),
    OWN_EXACT(2),
    OWN_EXACT(3),
    OWN_TIMED(0),
    OWN_TIMED(1),
    OWN_TIMED(2),
    OWN_TIMED(3),
};
_Static_assert(VB_FRAME_STRATEGY_FIGURES == 4, "one OWN_EXACT and OWN_TIMED line per slot");

const vb_figure *vb_metric_own_figure(vb_metric metric, const vb_run_record *run) {
    const int exact = metric >= VB_METRIC_OWN_EXACT_FIRST && metric < VB_METRIC_OWN_TIMED_FIRST;
    const int timed = metric >= VB_METRIC_OWN_TIMED_FIRST && metric < VB_METRIC_COUNT;
    if (!exact && !timed) return NULL;
    const int k = (int)metric - (exact ? VB_METRIC_OWN_EXACT_FIRST : VB_METRIC_OWN_TIMED_FIRST);
    if (k >= run->figure_count) return NULL;
    const vb_figure *f = run->figures[k];
    return f->gate == (exact ? VB_FIGURE_GATED_EXACT : VB_FIGURE_GATED_TIMED) ? f : NULL;
}

const vb_metric_info *vb_metric_get(vb_metric metric) {
    return &metrics[metric];
}

int vb_metric_from_name(const char *option, const char *name, vb_metric *metric) {
    const vb_name_table table = VB_NAME_TABLE(metrics, VB_METRIC_COUNT, vb_metric_info, name);
    int index = vb_name_find(&table, name);
    if (index >= 0) {
        *metric = (vb_metric)index;
        return VB_OK;
    }
    char names[512];
    vb_name_join(&table, ", ", ", ", names, sizeof names);
    vb_error_set("%s: unknown metric '%s' (%s)", option, name, names);
    return -VB_ERR_USAGE;
}

/* bytes per ns = GB/s */
static double gbps(int64_t bytes, int64_t ns) {
    return ns > 0 ? (double)bytes / (double)ns : -1.0;
}

static double raw_value(vb_metric metric, const vb_frame_record *r) {
    switch (metric) {
    case VB_METRIC_LATENCY_P50:
    case VB_METRIC_LATENCY_P99:
        return (double)(r->presented_ns - r->ready_ns) / 1e6;
    case VB_METRIC_PRODUCER_CPU:
        return (double)r->producer_cpu_ns / 1e6;
    case VB_METRIC_CONSUMER_CPU:
        return (double)r->consumer_cpu_ns / 1e6;
    case VB_METRIC_COPY_BANDWIDTH:
        return r->bytes_copied > 0 ? gbps(r->bytes_copied, r->handed_ns - r->rendered_ns) : -1.0;
    case VB_METRIC_UPLOAD_BANDWIDTH:
        return r->bytes_uploaded > 0 ? gbps(r->bytes_uploaded, r->uploaded_ns - r->taken_ns) : -1.0;
    case VB_METRIC_GL_CALLS: /* -1: not counted (results of an older version) */
        return (double)vb_frame_gl_calls(r);
    case VB_METRIC_ALLOCATIONS:
        return (double)vb_frame_allocations(r);
    case VB_METRIC_COPIES:
        return (double)vb_frame_copies(r);
    case VB_METRIC_BYTES_COPIED:
        return (double)vb_frame_bytes_copied(r);
    case VB_METRIC_BYTES_TO_GPU:
        return (double)vb_frame_bytes_to_gpu(r);
    default:
        return -1.0;
    }
}

/* What one unit of the metric is worth in the run's own reference limits; 0 when unknown. */
static double reference_unit(vb_metric metric, const vb_reference_limits *l) {
    switch (metric) {
    case VB_METRIC_COPY_BANDWIDTH:
        return l->memcpy_gbps;
    case VB_METRIC_UPLOAD_BANDWIDTH:
        return l->upload_gbps;
    default: /* ms: the time memcpy takes for one frame */
        return l->memcpy_gbps > 0 ? (double)l->frame_bytes / l->memcpy_gbps / 1e6 : 0;
    }
}

size_t vb_metric_samples(vb_metric metric, const vb_run_record *run,
                         const vb_reference_limits *limits, double *out) {
    if (metric >= VB_METRIC_OWN_EXACT_FIRST) { /* in the figure's own unit, never normalised */
        const vb_figure *f = vb_metric_own_figure(metric, run);
        size_t count = 0;
        for (int64_t n = 0; f && run->frames && n < run->length; n++) {
            const int64_t v = vb_figure_value(&run->frames[n], f);
            if (vb_frame_is_measured(&run->frames[n]) && v >= 0) out[count++] = (double)v;
        }
        return count;
    }
    double unit = limits && !metrics[metric].exact ? reference_unit(metric, limits) : 1.0;
    if (!(unit > 0) || !run->frames) return 0;
    size_t count = 0;
    for (int64_t n = 0; n < run->length; n++) {
        const vb_frame_record *r = &run->frames[n];
        if (!vb_frame_is_measured(r)) continue;
        double v = raw_value(metric, r);
        if (v < 0) continue;
        out[count++] = v / unit;
    }
    return count;
}
