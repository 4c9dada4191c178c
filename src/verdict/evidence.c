#include "verdict/evidence.h"

#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double vb_point_dropped_pct(const vb_point *p) {
    const double due = (double)(p->summary.measured + p->summary.dropped);
    return due > 0 ? 100.0 * (double)p->summary.dropped / due : 100.0;
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
        for (int r = 0; r < s->run_count; r++) {
            const vb_strategy_run *run = &s->runs[r];
            vb_point *p = &e->points[e->count++];
            p->combination = i;
            p->view = s->options.view.view;
            p->width = s->options.view.width;
            p->height = s->options.view.height;
            p->fps = s->options.view.fps;
            p->bars = s->options.view.bars;
            p->pace = s->options.pace;
            p->strategy = run->ops->name;
            p->renders_on_gpu = run->ops->renders_on_gpu;
            p->status = run->status;
            p->run = run;
            p->memcpy_gbps = s->limits.memcpy_gbps;
            p->memset_gbps = s->limits.memset_gbps;
            p->upload_reference_gbps = s->limits.upload_gbps;
            if (run->frames && vb_run_summarize(run, &s->options, &p->summary) != VB_OK) {
                vb_evidence_free(e);
                return -VB_ERR_FAILURE;
            }
            p->measured = run->status == VB_STRATEGY_OK && p->summary.measured > 0;
            p->picture_ok = run->picture.checked > 0 && run->picture.passed;
            vb_point_derive(p);
        }
    }
    return VB_OK;
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

int vb_evidence_has_strategy(const vb_evidence *e, const char *strategy) {
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->points[i].strategy, strategy) == 0) return 1;
    return 0;
}
