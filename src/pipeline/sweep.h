/* A sweep: every combination of size x fps x view of a grid, each measured as one session (all
 * the grid's strategies, one after another, with the session's own reference limits), in a
 * fixed order: sizes outermost, then fps, then views. Each run of a combination lasts `seconds`
 * of frames (fps x seconds) after `warmup_seconds` of warm-up frames.
 *
 * The sweep holds one session per combination once measured (NULL before). vb_sweep_run
 * measures the missing ones only, so a sweep read back from an interrupted file resumes where
 * it stopped, and calls `on_done` after each combination so the caller can write it out at
 * once. `stop` (set from a signal handler) ends the combination in progress early: it is kept,
 * incomplete, and measured again on resume. */
#ifndef VB_PIPELINE_SWEEP_H
#define VB_PIPELINE_SWEEP_H

#include "pipeline/session.h"

#define VB_SWEEP_MAX_SIZES 8
#define VB_SWEEP_MAX_FPS 8

typedef struct vb_sweep_grid {
    int size_count;
    int widths[VB_SWEEP_MAX_SIZES], heights[VB_SWEEP_MAX_SIZES];
    int fps_count;
    int fps[VB_SWEEP_MAX_FPS];
    int view_count;
    vb_view_kind views[VB_VIEW_COUNT];
    int strategy_count;
    /* Borrowed: a registered strategy's facts, or those a results file recorded; a sweep
     * measures only strategies of this build (vb_sweep_run looks them up by name). */
    const vb_strategy_facts *strategies[VB_SESSION_MAX_RUNS];
    double seconds, warmup_seconds;
    /* Everything else of each run (pace, slots, view details...); its view kind, size, fps,
     * frames and warm-up are set per combination. */
    vb_run_options base;
} vb_sweep_grid;

/* The default grid: 1080x200, 1920x1080, 3840x2160; 60 and 120 fps; all views and strategies;
 * realtime pace, 2 s per run after 0.25 s of warm-up. `quick`: the two smaller sizes, 0.5 s
 * per run after 0.15 s. */
void vb_sweep_grid_defaults(vb_sweep_grid *grid, int quick);
/* The grid `vizbench validate` measures (before its repeats): 1080x200 and 3840x2160 at 60 and
 * 120 fps, every view and strategy, 0.75 s per run after 0.2 s of warm-up, so that three runs
 * of every strategy fit in about 8 minutes on 2 cores; `quick`: 1080x200 only, 0.4 s after
 * 0.1 s. */
void vb_sweep_grid_validate(vb_sweep_grid *grid, int quick);

/* Runs every strategy of the grid `repeats` times per combination (vb_session_repeat): the
 * grid's list holds each strategy `repeats` times. -VB_ERR_USAGE (error set) past
 * VB_SESSION_MAX_RUNS runs. */
int vb_sweep_grid_repeat(vb_sweep_grid *grid, int repeats);
/* How many times the grid's list holds its first strategy (1 without repeats). */
int vb_sweep_grid_repeats(const vb_sweep_grid *grid);

int vb_sweep_combination_count(const vb_sweep_grid *grid);
/* The options of combination `index` (0 .. count-1). */
void vb_sweep_combination_options(const vb_sweep_grid *grid, int index, vb_run_options *out);

typedef struct vb_sweep {
    vb_sweep_grid grid;
    vb_input_info input;
    char created[32]; /* UTC, ISO 8601: when the sweep began */
    char command[1024];
    int count;             /* combinations */
    vb_session **sessions; /* [count], owned; NULL where not measured yet */
} vb_sweep;

/* Allocates the (empty) session table for `grid`; -VB_ERR_FAILURE when out of memory. */
int vb_sweep_init(vb_sweep *sweep, const vb_sweep_grid *grid);
void vb_sweep_free(vb_sweep *sweep);

/* Every combination measured, none interrupted. */
int vb_sweep_complete(const vb_sweep *sweep);
int vb_sweep_measured_count(const vb_sweep *sweep);

/* Progress of a sweep in progress, for a display on another thread. */
extern atomic_int vb_sweep_current_combination;

typedef int (*vb_sweep_done_fn)(void *context, const vb_sweep *sweep, int index);

/* Measures every combination that has no complete session yet (each of the grid's strategies
 * must be one of this build's: else -VB_ERR_USAGE, naming it, before anything is measured). `input`
 * is copied into each session; the caller fills sweep->input and command. Stops early on `stop` or
 * when `on_done` returns an error (which is returned). */
int vb_sweep_run(vb_sweep *sweep, const vb_audio *audio, vb_sweep_done_fn on_done, void *context,
                 const atomic_int *stop);

#endif
