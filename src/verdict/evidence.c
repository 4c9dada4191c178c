#include "verdict/evidence.h"

#include "common/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double vb_point_dropped_pct(const vb_point *p) {
    const double due = (double)(p->summary.measured + p->summary.dropped);
    return due > 0 ? 100.0 * (double)p->summary.dropped / due : 100.0;
}

/* CPU time per frame spent copying frame bytes on the CPU, on every thread: the producer's
 * copy stage where it copied (the copy model's allocation + memcpy), the FRB codec's encode and
 * Dart's copy (the Flutter chains). */
static double copy_cpu_ms(const vb_run_summary *s) {
    double ms = 0;
    if (s->hop_encode_ms > 0)
        ms += s->hop_encode_ms;
    else if (s->copied_mb_per_frame > 0 && s->transfer_ms.mean > 0)
        ms += s->transfer_ms.mean;
    if (s->hop_copy_ms > 0) ms += s->hop_copy_ms;
    return ms;
}

void vb_repeat_figures_of(const vb_point *p, const vb_run_summary *s, int measured, int picture_ok,
                          vb_repeat_figures *out) {
    const double due = (double)(s->measured + s->dropped);
    (void)p;
    *out = (vb_repeat_figures){.measured = measured,
                               .picture_ok = picture_ok,
                               .dropped_pct = due > 0 ? 100.0 * (double)s->dropped / due : 100.0,
                               .latency_p99_ms = s->latency_ms.p99,
                               .process_cpu_pct = s->process_cpu_pct,
                               .process_cpu_ms = s->process_cpu_ms_per_frame,
                               .copy_cpu_ms = copy_cpu_ms(s),
                               .copied_mb = s->copied_mb_per_frame,
                               .pixels_mb = s->pixels_to_gpu_mb_per_frame,
                               .gpu_copied_mb = s->gpu_copied_mb_per_frame};
}

void vb_point_derive(vb_point *p) {
    const vb_run_summary *s = &p->summary;
    p->frame_bytes = (double)p->width * (double)p->height * 4.0;
    if (p->pace == VB_PACE_REALTIME) {
        const double due = (double)(s->measured + s->dropped);
        p->missed_pct = due > 0 ? 100.0 * (double)s->deadline_misses / due : 100.0;
    } else {
        p->missed_pct = s->measured > 0 ? 100.0 * (double)s->jank / (double)s->measured : 100.0;
    }
}

int vb_point_figures(const vb_point *p, vb_repeat_figures out[VB_POINT_MAX_REPEATS]) {
    if (p->repeats == 0) { /* synthetic: its summary, as it is now */
        vb_repeat_figures_of(p, &p->summary, p->measured, p->picture_ok, &out[0]);
        return 1;
    }
    memcpy(out, p->repeat, sizeof *out * (size_t)p->repeats);
    return p->repeats;
}

vb_range vb_point_range(const vb_point *p, size_t figure) {
    vb_repeat_figures all[VB_POINT_MAX_REPEATS];
    const int count = vb_point_figures(p, all);
    vb_range r = {0, 0, 0};
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (!all[i].measured) continue;
        double v;
        memcpy(&v, (const char *)&all[i] + figure, sizeof v);
        if (n == 0 || v < r.low) r.low = v;
        if (n == 0 || v > r.high) r.high = v;
        r.mean += v;
        n++;
    }
    if (n) r.mean /= n;
    return r;
}

static void describe_context(const vb_sweep *sweep, const vb_session *s, vb_evidence *e) {
    e->gl_available = s->gl_available;
    e->software = s->gl_available && s->gl.software;
    if (s->gl_available)
        snprintf(e->renderer, sizeof e->renderer, "%s | %s", s->gl.renderer, s->gl.version);
    else
        snprintf(e->renderer, sizeof e->renderer, "no GL (%s)", s->gl_reason);
    snprintf(e->machine, sizeof e->machine, "%s, %d logical cores, %.1f GB", s->machine.cpu_model,
             s->machine.logical_cores, (double)s->machine.memory_bytes / 1e9);
    snprintf(e->version, sizeof e->version, "%s", s->machine.version);
    snprintf(e->input, sizeof e->input, "%s (sha256 %.12s)", sweep->input.name,
             sweep->input.sha256);
}

/* The point of one strategy at combination `index`: its runs `runs[0 .. repeats)` of session
 * s; the representative is the run of median process CPU among the measured ones. */
static int add_point(vb_evidence *e, const vb_sweep *sweep, const vb_session *s, int index,
                     const int *runs, int repeats) {
    (void)sweep;
    vb_point *p = &e->points[e->count++];
    const vb_run_record *first = &s->runs[runs[0]];
    p->combination = index;
    p->view = s->options.view.view;
    p->width = s->options.view.width;
    p->height = s->options.view.height;
    p->fps = s->options.view.fps;
    p->bars = s->options.view.bars;
    p->pace = s->options.pace;
    p->strategy = first->strategy->name;
    p->facts = first->strategy;
    p->frb_codec = s->options.frb_codec;
    const vb_view_options *view = &s->options.view;
    if (view->view == VB_VIEW_WAVEFORM)
        p->window_lag_ms = view->width > 0 ? view->window_ms / view->width / 2 : 0;
    else if (s->input.sample_rate > 0)
        p->window_lag_ms = 1000.0 * view->fft_size / s->input.sample_rate / 2;
    p->producer_process = s->options.producer_process;
    p->memcpy_gbps = s->limits.memcpy_gbps;
    p->memset_gbps = s->limits.memset_gbps;
    p->upload_reference_gbps = s->limits.upload_gbps;
    vb_run_summary summaries[VB_POINT_MAX_REPEATS];
    double cpu[VB_POINT_MAX_REPEATS];
    int order[VB_POINT_MAX_REPEATS], measured = 0;
    p->repeats = repeats;
    for (int k = 0; k < repeats; k++) {
        const vb_run_record *run = &s->runs[runs[k]];
        memset(&summaries[k], 0, sizeof summaries[k]);
        if (run->frames && vb_run_summarize(run, &s->options, &summaries[k]) != VB_OK)
            return -VB_ERR_FAILURE;
        const int ok = run->status == VB_STRATEGY_OK && summaries[k].measured > 0;
        vb_repeat_figures_of(p, &summaries[k], ok, run->picture.checked > 0 && run->picture.passed,
                             &p->repeat[k]);
        if (ok) {
            cpu[k] = summaries[k].process_cpu_pct;
            order[measured++] = k;
        }
    }
    /* The representative: the measured run of median CPU (insertion sort: a few runs), else
     * the first (whose status says why nothing was measured). */
    for (int i = 1; i < measured; i++)
        for (int j = i; j > 0 && cpu[order[j - 1]] > cpu[order[j]]; j--) {
            int swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
        }
    const int pick = measured ? order[(measured - 1) / 2] : 0;
    const vb_run_record *run = &s->runs[runs[pick]];
    p->summary = summaries[pick];
    p->run = run;
    p->status = run->status;
    /* Measured and right only if every repeat was: one that failed is evidence too. */
    p->measured = measured == repeats;
    p->picture_ok = 1;
    for (int k = 0; k < repeats; k++)
        p->picture_ok &= p->repeat[k].picture_ok;
    if (measured < repeats)
        for (int k = 0; k < repeats; k++)
            if (!p->repeat[k].measured) p->status = s->runs[runs[k]].status;
    vb_point_derive(p);
    return VB_OK;
}

int vb_evidence_from_sweep(const vb_sweep *sweep, vb_evidence *e) {
    memset(e, 0, sizeof *e);
    e->complete = vb_sweep_complete(sweep);
    snprintf(e->created, sizeof e->created, "%s", sweep->created);
    snprintf(e->command, sizeof e->command, "%s", sweep->command);
    snprintf(e->renderer, sizeof e->renderer, "not measured");
    int capacity = 0;
    for (int i = 0; i < sweep->count; i++)
        if (sweep->sessions[i]) capacity += sweep->sessions[i]->run_count;
    e->points = calloc((size_t)(capacity > 0 ? capacity : 1), sizeof *e->points);
    if (!e->points) {
        vb_error_set("evidence: out of memory");
        return -VB_ERR_FAILURE;
    }
    int described = 0;
    for (int i = 0; i < sweep->count; i++) {
        const vb_session *s = sweep->sessions[i];
        if (!s) continue;
        if (!described || (!e->gl_available && s->gl_available)) {
            describe_context(sweep, s, e);
            described = 1;
        }
        /* One point per strategy: its repeated runs (--repeat) grouped, in first-run order. */
        int taken[VB_SESSION_MAX_RUNS] = {0};
        for (int r = 0; r < s->run_count; r++) {
            if (taken[r]) continue;
            int same[VB_POINT_MAX_REPEATS], repeats = 0;
            for (int k = r; k < s->run_count && repeats < VB_POINT_MAX_REPEATS; k++)
                if (!taken[k] && s->runs[k].strategy == s->runs[r].strategy) {
                    taken[k] = 1;
                    same[repeats++] = k;
                }
            if (add_point(e, sweep, s, i, same, repeats) != VB_OK) {
                vb_evidence_free(e);
                return -VB_ERR_FAILURE;
            }
        }
    }
    return VB_OK;
}

void vb_point_sound_budget(const vb_point *p, vb_sound_budget *b) {
    const vb_run_summary *s = &p->summary;
    *b = (vb_sound_budget){.window_ms = p->window_lag_ms,
                           .wait_ms = fmax(0, s->wait_ms.mean),
                           .analysis_ms = fmax(0, s->analysis_ms.mean),
                           .render_ms = fmax(0, s->render_ms.mean),
                           .transfer_ms = fmax(0, s->transfer_ms.mean),
                           .queue_ms = fmax(0, s->queue_ms.mean),
                           .upload_ms = fmax(0, s->upload_ms.mean),
                           .draw_ms = fmax(0, s->compose_ms.mean)};
    b->total_ms = b->window_ms + b->wait_ms + b->analysis_ms + b->render_ms + b->transfer_ms +
                  b->queue_ms + b->upload_ms + b->draw_ms;
    b->hand_off_pct =
        b->total_ms > 0 ? 100.0 * (b->transfer_ms + b->queue_ms + b->upload_ms) / b->total_ms : 0;
}

void vb_evidence_free(vb_evidence *e) {
    free(e->points);
    e->points = NULL;
    e->count = 0;
}

const vb_point *vb_evidence_find(const vb_evidence *e, vb_view_kind view, int width, int height,
                                 int fps, const char *strategy) {
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (p->view == view && p->width == width && p->height == height && p->fps == fps &&
            p->measured && strcmp(p->strategy, strategy) == 0)
            return p;
    }
    return NULL;
}

int vb_evidence_strategies(const vb_evidence *e, const vb_strategy_facts **out, int max) {
    int n = 0;
    for (int i = 0; i < e->count; i++) {
        int seen = 0;
        for (int k = 0; k < n && !seen; k++)
            seen = strcmp(out[k]->name, e->points[i].facts->name) == 0;
        if (!seen && n < max) out[n++] = e->points[i].facts;
    }
    return n;
}

int vb_evidence_has_strategy(const vb_evidence *e, const char *strategy) {
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->points[i].strategy, strategy) == 0) return 1;
    return 0;
}
