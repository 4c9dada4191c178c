/* The measurements a verdict or a report reads, flattened: one point per (combination,
 * strategy) of a sweep, with its summary figures (pipeline/run_summary.h) and the session's
 * reference limits, plus the context every verdict names (GL renderer, machine, input).
 *
 * Points borrow their runs from the sweep they were made from (`run`, for per-frame charts);
 * the sweep must outlive the evidence. Tests build points by hand with `run` NULL. */
#ifndef VB_VERDICT_EVIDENCE_H
#define VB_VERDICT_EVIDENCE_H

#include "pipeline/run_summary.h"
#include "pipeline/sweep.h"

/* The most runs of one strategy at one combination a point keeps the figures of. */
#define VB_POINT_MAX_REPEATS 16

/* What each repeated run of a point measured, of the figures verdicts decide on. */
typedef struct vb_repeat_figures {
    int measured, picture_ok;
    double dropped_pct;     /* frames never shown, % of those due */
    double latency_p99_ms;  /* and its budget_ms in the point's summary */
    double process_cpu_pct; /* of one core */
    double process_cpu_ms;  /* per frame */
    double copy_cpu_ms;     /* per frame on the CPU copying frame bytes (all threads) */
    double copied_mb;       /* per frame, CPU -> CPU */
    double pixels_mb;       /* per frame, pixels uploaded to the GPU */
    double gpu_copied_mb;   /* per frame, frame bytes copied on the GPU */
} vb_repeat_figures;

/* A figure over a point's repeats: the smallest, the largest, the mean. */
typedef struct vb_range {
    double low, high, mean;
} vb_range;

typedef struct vb_point {
    int combination; /* index in the sweep */
    vb_view_kind view;
    int width, height, fps, bars;
    vb_pace pace;
    const char *strategy;           /* its name: facts->name */
    const vb_strategy_facts *facts; /* borrowed from the sweep's runs (never NULL) */
    vb_strategy_status status;
    int measured;   /* ran to the end with measured frames */
    int picture_ok; /* its pictures were checked and matched the reference */
    vb_run_summary summary;
    double frame_bytes;
    /* Realtime pace: deadline misses (late or never shown) as % of the frames due after the
     * warm-up; max pace: frames over the budget, as % of those presented. */
    double missed_pct;
    double memcpy_gbps, memset_gbps, upload_reference_gbps; /* the session's own limits */
    const vb_run_record *run;                               /* borrowed; NULL when synthetic */
    vb_frb_codec frb_codec; /* the run's (the frb-codec capability) */
    /* How far the analysis window's centre lies behind the newest sample it holds (FFT size /
     * sample rate / 2; the waveform: half of one column's span): 0 when not known. */
    double window_lag_ms;
    vb_producer_process producer_process; /* the run's (producer-process) */
    /* The runs of this strategy at this combination (--repeat): `summary` and `run` are the
     * one of median process CPU; repeat[] holds every run's deciding figures. A synthetic
     * point with repeats 0 counts as one run, its summary (vb_point_figures). */
    int repeats;
    vb_repeat_figures repeat[VB_POINT_MAX_REPEATS];
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

/* The distinct strategies of the evidence (their facts), in its order (the registry's when it
 * was written), into out[]; returns how many. Tables and charts list these, never this build's
 * registry, so a file of another build shows what it measured. */
int vb_evidence_strategies(const vb_evidence *evidence, const vb_strategy_facts **out, int max);

/* Frames never shown (dropped or skipped), % of those due after the warm-up; 100 when none
 * was due. */
double vb_point_dropped_pct(const vb_point *point);

/* Fills the derived fields of a point (frame_bytes, missed_pct) from its summary. */
void vb_point_derive(vb_point *point);

/* Its runs' deciding figures into out[0 .. returned): the repeats, or its summary alone. */
int vb_point_figures(const vb_point *point, vb_repeat_figures out[VB_POINT_MAX_REPEATS]);

/* The deciding figures of one run's summary. */
void vb_repeat_figures_of(const vb_point *point, const vb_run_summary *summary, int measured,
                          int picture_ok, vb_repeat_figures *out);

/* The range of a figure (a double member of vb_repeat_figures, by offsetof) over the measured
 * repeats; all zero when none was measured. */
vb_range vb_point_range(const vb_point *point, size_t figure);

/* From a sound to its picture, at one point: the analysis window's lag, then the pipeline's
 * stages (means), the hand-off's share of the whole (transfer + queue + upload: what the
 * strategy decides; the queue includes a display clock's wait for its tick). */
typedef struct vb_sound_budget {
    double window_ms, wait_ms, analysis_ms, render_ms, transfer_ms, queue_ms, upload_ms, draw_ms;
    double total_ms, hand_off_pct;
} vb_sound_budget;
void vb_point_sound_budget(const vb_point *point, vb_sound_budget *out);

/* The measured point of `strategy` at that view, size and fps, or NULL. */
const vb_point *vb_evidence_find(const vb_evidence *evidence, vb_view_kind view, int width,
                                 int height, int fps, const char *strategy);

#endif
