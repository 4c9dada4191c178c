/* The measurements a verdict or a report reads, flattened: one point per (combination,
 * strategy) of a sweep, with its summary figures (measure/run_summary.h) and the session's
 * reference limits, plus the context every verdict names (GL renderer, machine, input).
 *
 * Points borrow their runs from the sweep they were made from (`run`, for per-frame charts);
 * the sweep must outlive the evidence. Tests build points by hand with `run` NULL. */
#ifndef VB_VERDICT_EVIDENCE_H
#define VB_VERDICT_EVIDENCE_H

#include "pipeline/run_summary.h"
#include "pipeline/sweep.h"

typedef struct vb_point {
    int combination; /* index in the sweep */
    vb_view_kind view;
    int width, height, fps, bars;
    vb_pace pace;
    const char *strategy; /* a registered strategy's name (static) */
    int renders_on_gpu;
    vb_strategy_status status;
    int measured;   /* ran to the end with measured frames */
    int picture_ok; /* its pictures were checked and matched the reference */
    vb_run_summary summary;
    double frame_bytes;
    /* Realtime pace: deadline misses (late or never shown) as % of the frames due after the
     * warm-up; max pace: frames over the budget, as % of those presented. */
    double missed_pct;
    double memcpy_gbps, memset_gbps, upload_reference_gbps; /* the session's own limits */
    const vb_strategy_run *run;                             /* borrowed; NULL when synthetic */
} vb_point;

typedef struct vb_evidence {
    vb_point *points; /* owned */
    int count;
    int complete; /* every combination of the sweep measured, none interrupted */
    int gl_available;
    int software;       /* the GL renderer is a software one (llvmpipe): no GPU, no bus */
    char renderer[512]; /* "llvmpipe (LLVM 15.0.6, 256 bits) | 4.5 (Core Profile) Mesa" */
    char machine[256];  /* CPU model, cores, memory */
    char input[320];    /* name and SHA-256 prefix */
    char created[32];
    char command[1024];
    char version[64];
} vb_evidence;

/* VB_OK or -VB_ERR_FAILURE (out of memory). Free with vb_evidence_free. */
int vb_evidence_from_sweep(const vb_sweep *sweep, vb_evidence *evidence);
void vb_evidence_free(vb_evidence *evidence);

/* Whether any point of the evidence is of `strategy` (measured or not): tables and charts list
 * the registered strategies a sweep ran, in registry order, not those it never asked for. */
int vb_evidence_has_strategy(const vb_evidence *evidence, const char *strategy);

/* Frames never shown (dropped or skipped), % of those due after the warm-up; 100 when none
 * was due. */
double vb_point_dropped_pct(const vb_point *point);

/* Fills the derived fields of a point (frame_bytes, missed_pct) from its summary. */
void vb_point_derive(vb_point *point);

/* The measured point of `strategy` at that view, size and fps, or NULL. */
const vb_point *vb_evidence_find(const vb_evidence *evidence, vb_view_kind view, int width,
                                 int height, int fps, const char *strategy);

#endif
