/* A whole `vizbench run`: the context (machine, build, GL, input), the in-process reference
 * limits, and one measured run per requested strategy, one after another on the same decoded
 * audio. This is what the results JSON holds (results/results_json.h) and the table shows.
 *
 * GL contexts are opened once on the calling (main) thread; if that fails, every strategy is
 * reported unavailable with the reason and the CPU limits are still measured. When `stop` is
 * set (a signal), the strategy in progress keeps what it measured, marked interrupted, the
 * rest are marked not run, and the session is incomplete. */
#ifndef VB_PIPELINE_SESSION_H
#define VB_PIPELINE_SESSION_H

#include "measure/machine_info.h"
#include "measure/reference_limits.h"
#include "pipeline/run.h"

#define VB_SESSION_MAX_RUNS 64 /* strategies x repeats */

typedef struct vb_input_info {
    char name[256];
    char sha256[65];
    int sample_rate, channels;
    int64_t samples;
    int64_t frames; /* at the run's fps */
} vb_input_info;

typedef struct vb_session {
    vb_run_options options;
    vb_machine_info machine;
    vb_input_info input;
    int gl_available;
    char gl_reason[256];
    vb_gl_info gl;
    /* What the runs decided on this GL, recorded for the writers (never derived again):
     * the two threads' GL submissions took turns (run_options.c), GPU timer queries ran */
    int gl_serialized;
    int gpu_timers_used;
    vb_reference_limits limits;
    /* Peak resident bytes (-1 unknown): the set-up before the first run (GL contexts, the
     * reference limits), and the whole session (the kernel's VmHWM at its end: what getrusage
     * and /usr/bin/time report, never reset by vizbench). */
    int64_t setup_peak_bytes, peak_bytes;
    int run_count;
    vb_run_record runs[VB_SESSION_MAX_RUNS];
    int complete;
    char created[32]; /* UTC, ISO 8601 */
    char command[1024];
    /* Optional, set by the caller: called once the context and reference limits are known,
     * before the first strategy runs (a terminal prints the header then, not at the end). */
    void (*on_context)(const struct vb_session *session, void *user);
    void *on_context_user;
} vb_session;

/* Index of the strategy now running, for a progress display on another thread. */
extern atomic_int vb_session_current_run;

/* `session->options`, `input` and `command` are set by the caller. Returns VB_OK unless
 * something outside the strategies failed (out of memory); per-strategy outcomes are in runs. */
int vb_session_run(vb_session *session, const vb_audio *audio,
                   const vb_strategy_ops *const *strategies, int count, const atomic_int *stop);
void vb_session_free(vb_session *session);

/* --repeat: the `*count` strategies of `list` (room for VB_SESSION_MAX_RUNS) each `repeats`
 * times, interleaved (s1 s2 .. s1 s2 ..), so that a drift of the machine spreads over all of
 * them rather than landing on one. -VB_ERR_USAGE (error set) past VB_SESSION_MAX_RUNS runs. */
int vb_session_repeat(const vb_strategy_ops **list, int *count, int repeats);
/* VB_OK when `distinct` strategies `repeats` times fit VB_SESSION_MAX_RUNS, else -VB_ERR_USAGE
 * with the error set. */
int vb_session_repeat_fits(int distinct, int repeats);

#endif
