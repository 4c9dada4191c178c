#include "pipeline/run_summary.h"
#include "record/frame_totals.h"

#include "common/error.h"
#include "measure/frame_store.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

int vb_frame_is_measured(const vb_frame_record *r) {
    return (r->flags & VB_FRAME_PRESENTED) && !(r->flags & (VB_FRAME_WARMUP | VB_FRAME_PERTURBED));
}

typedef double (*frame_value)(const vb_frame_record *r);

static double latency(const vb_frame_record *r) {
    return (double)(r->presented_ns - r->ready_ns) / 1e6;
}
static double wait_stage(const vb_frame_record *r) {
    return (double)(r->acquired_ns - r->ready_ns) / 1e6;
}
static double analysis_stage(const vb_frame_record *r) {
    return (double)(r->analyzed_ns - r->acquired_ns) / 1e6;
}
static double render_stage(const vb_frame_record *r) {
    return (double)(r->rendered_ns - r->analyzed_ns) / 1e6;
}
static double transfer_stage(const vb_frame_record *r) {
    return (double)(r->handed_ns - r->rendered_ns) / 1e6;
}
static double queue_stage(const vb_frame_record *r) {
    return (double)(r->taken_ns - r->handed_ns) / 1e6;
}
static double upload_stage(const vb_frame_record *r) {
    return (double)(r->uploaded_ns - r->taken_ns) / 1e6;
}
static double compose_stage(const vb_frame_record *r) {
    return (double)(r->presented_ns - r->uploaded_ns) / 1e6;
}
static double producer_cpu(const vb_frame_record *r) {
    return (double)r->producer_cpu_ns / 1e6;
}
static double consumer_cpu(const vb_frame_record *r) {
    return (double)r->consumer_cpu_ns / 1e6;
}

static void collect(const vb_run_record *run, frame_value value, double *scratch, vb_stats *out) {
    size_t count = 0;
    for (int64_t n = 0; n < run->length; n++) {
        if (vb_frame_is_measured(&run->frames[n])) scratch[count++] = value(&run->frames[n]);
        vb_frame_store_passed(run->frames, n);
    }
    vb_stats_compute(scratch, count, out);
}

static double mean_ms(const vb_run_record *run, size_t offset) {
    double sum = 0;
    int64_t count = 0;
    for (int64_t n = 0; n < run->length; n++) {
        const vb_frame_record *r = &run->frames[n];
        int64_t ns;
        memcpy(&ns, (const char *)r + offset, sizeof ns);
        vb_frame_store_passed(run->frames, n);
        if (!vb_frame_is_measured(r) || ns < 0) continue;
        sum += (double)ns / 1e6;
        count++;
    }
    return count ? sum / (double)count : -1.0;
}

/* What the measured frames add up to, for the per-frame figures. */
typedef struct frame_totals {
    int64_t copied, gpu_copied, to_gpu, uploaded, pixels_up, producer_copied, copies, allocations;
    int64_t delay_sum, delayed;
} frame_totals;

/* One pass over the frames: presented, dropped, measured, jank and the display clock's delays
 * into `s`, the bytes, copies and allocations into `t`, the present-to-present intervals into
 * `scratch`; returns how many intervals. */
static size_t count_frames(const vb_run_record *run, vb_run_summary *s, frame_totals *t,
                           double *scratch) {
    int64_t previous_presented = -1;
    size_t intervals = 0;
    for (int64_t n = 0; n < run->length; n++) {
        const vb_frame_record *r = &run->frames[n];
        vb_frame_store_passed(run->frames, n);
        if (r->flags & VB_FRAME_PRESENTED) {
            s->presented++;
            /* Interval to the previous presented frame, when both are outside the warm-up. */
            if (previous_presented >= 0 && vb_frame_is_measured(r))
                scratch[intervals++] = (double)(r->presented_ns - previous_presented) / 1e6;
            previous_presented = r->presented_ns;
        }
        if ((r->flags & VB_FRAME_DROPPED) && !(r->flags & VB_FRAME_WARMUP)) {
            s->dropped++;
            if (s->deadline_misses >= 0) s->deadline_misses++;
        }
        if (!vb_frame_is_measured(r)) continue;
        s->measured++;
        t->producer_copied += r->bytes_copied;
        t->copied += vb_frame_bytes_copied(r);
        t->gpu_copied += vb_frame_part(r->gpu_bytes_copied);
        t->to_gpu += vb_frame_bytes_to_gpu(r);
        t->copies += vb_frame_part(vb_frame_copies(r));
        t->allocations += vb_frame_part(vb_frame_allocations(r));
        if (r->vsync_delay >= 1) {
            int64_t bin =
                r->vsync_delay < VB_VSYNC_DELAY_BINS - 1 ? r->vsync_delay : VB_VSYNC_DELAY_BINS - 1;
            s->delay_frames[bin]++;
            t->delay_sum += r->vsync_delay;
            t->delayed++;
        }
        t->uploaded += r->bytes_uploaded;
        t->pixels_up += vb_frame_pixels_to_gpu(r);
        if (latency(r) > s->budget_ms) {
            s->jank++;
            if (s->deadline_misses >= 0) s->deadline_misses++;
        }
    }
    return intervals;
}

/* Imports happen in the warm-up: every one counts. -1 without any. */
static double mean_import_ms(const vb_run_record *run) {
    double sum = 0;
    int64_t imports = 0;
    for (int64_t n = 0; n < run->length; n++) {
        const vb_frame_record *r = &run->frames[n];
        vb_frame_store_passed(run->frames, n);
        if (r->import_ns < 0) continue;
        sum += (double)r->import_ns / 1e6;
        imports++;
    }
    return imports ? sum / (double)imports : -1;
}

/* The stages' distributions (`scratch` holds the intervals, then each stage in turn) and
 * means. */
static void summarize_stages(const vb_run_record *run, vb_run_summary *s, double *scratch,
                             size_t intervals) {
    vb_stats_compute(scratch, intervals, &s->interval_ms);
    collect(run, latency, scratch, &s->latency_ms);
    collect(run, wait_stage, scratch, &s->wait_ms);
    collect(run, analysis_stage, scratch, &s->analysis_ms);
    collect(run, render_stage, scratch, &s->render_ms);
    collect(run, transfer_stage, scratch, &s->transfer_ms);
    collect(run, queue_stage, scratch, &s->queue_ms);
    collect(run, upload_stage, scratch, &s->upload_ms);
    collect(run, compose_stage, scratch, &s->compose_ms);
    collect(run, producer_cpu, scratch, &s->producer_cpu_ms);
    collect(run, consumer_cpu, scratch, &s->consumer_cpu_ms);
}

/* The strategy's own figures, each over the measured frames that recorded it. */
static void summarize_figures(const vb_run_record *run, double *scratch, vb_run_summary *s) {
    s->figure_count = run->figure_count;
    for (int i = 0; i < run->figure_count; i++) {
        size_t count = 0;
        double sum = 0;
        for (int64_t n = 0; n < run->length; n++) {
            const int64_t v = vb_figure_value(&run->frames[n], run->figures[i]);
            if (vb_frame_is_measured(&run->frames[n]) && v >= 0) {
                scratch[count++] = (double)v;
                sum += (double)v;
            }
            vb_frame_store_passed(run->frames, n);
        }
        vb_stats_compute(scratch, count, &s->figures[i]);
        s->figure_sums[i] = sum;
    }
}

static void summarize_means(const vb_run_record *run, vb_run_summary *s) {
    s->gpu_render_ms = mean_ms(run, offsetof(vb_frame_record, gpu_render_ns));
    s->gpu_upload_ms = mean_ms(run, offsetof(vb_frame_record, gpu_upload_ns));
    s->gpu_compose_ms = mean_ms(run, offsetof(vb_frame_record, gpu_compose_ns));
    s->has_stages = vb_facts_have(run->strategy, VB_CAP_STAGE_FIGURES);
    s->release_wait_ms = mean_ms(run, offsetof(vb_frame_record, release_wait_ns));
    s->sync_wait_ms = mean_ms(run, offsetof(vb_frame_record, sync_wait_ns));
    s->import_ms = mean_import_ms(run);
    s->hop_encode_ms = mean_ms(run, offsetof(vb_frame_record, hop_encode_ns));
    s->hop_copy_ms = mean_ms(run, offsetof(vb_frame_record, hop_copy_ns));
    s->ui_cpu_ms = mean_ms(run, offsetof(vb_frame_record, ui_cpu_ns));
    s->io_cpu_ms = mean_ms(run, offsetof(vb_frame_record, io_cpu_ns));
    s->io_upload_ms = mean_ms(run, offsetof(vb_frame_record, io_upload_ns));
    s->mipmap_ms = mean_ms(run, offsetof(vb_frame_record, mipmap_ns));
}

static void summarize_vsync(const vb_run_record *run, vb_run_summary *s, const frame_totals *t) {
    s->vsync_hz = run->vsync.hz;
    s->vsync_ticks = run->vsync.ticks;
    s->vsync_repeated = run->vsync.repeated;
    s->vsync_skipped = run->vsync.skipped;
    s->delay_frames_mean = t->delayed ? (double)t->delay_sum / (double)t->delayed : -1;
    s->latency_periods_p50 = s->latency_periods_p99 = -1;
    if (run->vsync.hz > 0) {
        const double period_ms = 1000.0 / run->vsync.hz;
        s->latency_periods_p50 = s->latency_ms.p50 / period_ms;
        s->latency_periods_p99 = s->latency_ms.p99 / period_ms;
    }
}

/* The rates, per frame and per second, over the measured frames (at least one). */
static void summarize_rates(const vb_run_record *run, const vb_run_options *o, vb_run_summary *s,
                            const frame_totals *t) {
    const double frames = (double)s->measured;
    const double wall_s = (double)run->measured_wall_ns / 1e9;
    /* Frames per second as a display counts them: 1000 / the mean present-to-present interval.
     * (Frames over the span from the first one ready to the last one presented counted n
     * frames over n - 1 intervals: 62.1 fps for 30 frames at 60.) */
    s->fps = s->interval_ms.mean > 0 ? 1000.0 / s->interval_ms.mean
             : wall_s > 0            ? frames / wall_s
                                     : 0;
    s->low_1pct_fps = s->latency_ms.low_1pct_mean > 0 ? 1000.0 / s->latency_ms.low_1pct_mean : 0;
    const double rate = o->pace == VB_PACE_REALTIME ? (double)o->view.fps : s->fps;
    s->producer_cpu_pct = s->producer_cpu_ms.mean * rate / 10.0;
    s->consumer_cpu_pct = s->consumer_cpu_ms.mean * rate / 10.0;
    s->process_cpu_pct = wall_s > 0 ? (double)run->process_cpu_ns / 1e9 / wall_s * 100.0 : 0;
    s->process_cpu_ms_per_frame = (double)run->process_cpu_ns / 1e6 / frames;
    s->copied_mb_per_frame = (double)t->copied / frames / 1e6;
    s->gpu_copied_mb_per_frame = (double)t->gpu_copied / frames / 1e6;
    s->copies_per_frame = (double)t->copies / frames;
    s->allocations_per_frame = (double)t->allocations / frames;
    s->to_gpu_mb_per_frame = (double)t->to_gpu / frames / 1e6;
    s->pixels_to_gpu_mb_per_frame = (double)t->pixels_up / frames / 1e6;
    s->copy_gbps = s->transfer_ms.mean > 0 && t->producer_copied > 0
                       ? (double)t->producer_copied / frames / (s->transfer_ms.mean * 1e6)
                       : 0;
    s->upload_gbps = s->upload_ms.mean > 0 && t->uploaded > 0
                         ? (double)t->uploaded / frames / (s->upload_ms.mean * 1e6)
                         : 0;
    s->gpu_upload_gbps = s->gpu_upload_ms > 0 && t->uploaded > 0
                             ? (double)t->uploaded / frames / (s->gpu_upload_ms * 1e6)
                             : 0;
    s->copy_rate_gbps = s->copied_mb_per_frame * rate / 1e3;
    s->upload_rate_gbps = s->to_gpu_mb_per_frame * rate / 1e3;
}

int vb_run_summarize(const vb_run_record *run, const vb_run_options *o, vb_run_summary *s) {
    memset(s, 0, sizeof *s);
    s->budget_ms = 1000.0 / o->view.fps;
    s->gpu_render_ms = s->gpu_upload_ms = s->gpu_compose_ms = -1;
    s->deadline_misses = o->pace == VB_PACE_REALTIME ? 0 : -1;
    if (!run->frames) return VB_OK;
    double *scratch = malloc(sizeof(double) * (size_t)(run->length > 0 ? run->length : 1));
    if (!scratch) {
        vb_error_set("summary: out of memory");
        return -VB_ERR_FAILURE;
    }
    frame_totals totals = {0};
    const size_t intervals = count_frames(run, s, &totals, scratch);
    summarize_stages(run, s, scratch, intervals);
    summarize_figures(run, scratch, s);
    free(scratch);
    summarize_means(run, s);
    summarize_vsync(run, s, &totals);
    if (s->measured == 0) return VB_OK;
    summarize_rates(run, o, s, &totals);
    return VB_OK;
}
