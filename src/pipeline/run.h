/* One measured run of one transfer strategy: a producer thread (analysis, render, hand-off)
 * and a consumer thread (upload, draw, fence), joined by the frame ring, every frame recorded.
 *
 * Pacing: `realtime` makes frame n due at n / fps after the start, as a display asks for
 * frames; the consumer then shows the newest frame ready and counts older ones as dropped.
 * `max` runs as fast as the pipeline goes and presents every frame, in order (throughput).
 * The first `warmup` frames are recorded but excluded from every figure. Frames past the end
 * of the input loop over it (sequence n shows input frame n modulo the frame count).
 *
 * Same picture: the last presented frame, and every `verify_every`-th frame, is read back and
 * compared with the CPU reference render of the same input frame: CPU-rendered strategies must
 * match exactly, the GPU renderer within `picture_tolerance` for 99.9 % of pixels. The frame
 * after a checked one is flagged perturbed (the check delayed it) and left out of the figures.
 *
 * Faults: every wait is bounded (a fence by `fence_timeout_ns`); a failing strategy ends its own
 * run with the reason, never the process; `stop` (set from a signal handler) ends the run early
 * and keeps what was measured. */
#ifndef VB_PIPELINE_RUN_H
#define VB_PIPELINE_RUN_H

#include "audio/audio.h"
#include "display/gl_context.h"
#include "display/gl_turns.h"
#include "record/frame_record.h"
#include "measure/vsync.h"
#include "render/view_options.h"
#include "transfer/strategy.h"

#include <stdatomic.h>
#include <stdint.h>

typedef enum { VB_PACE_REALTIME = 0, VB_PACE_MAX = 1 } vb_pace;

/* auto: on, except on a software renderer, where the "GPU" is the CPU (its time is already in
 * the process CPU figures) and each query flushes the rasterizer, slowing the stage it times. */
enum { VB_GPU_TIMERS_AUTO = 0, VB_GPU_TIMERS_ON = 1, VB_GPU_TIMERS_OFF = 2 };

/* "realtime" / "max" and "auto" / "on" / "off", as options, files and tables spell them.
 * The parsers return VB_OK, or -VB_ERR_USAGE with the error naming `option`. */
const char *vb_pace_name(vb_pace pace);
int vb_pace_from_name(const char *option, const char *name, vb_pace *pace);
const char *vb_gpu_timers_name(int setting);
int vb_gpu_timers_from_name(const char *option, const char *name, int *setting);

/* Which OpenGL API a strategy's contexts use. auto: desktop GL, except for a strategy of
 * VB_CAP_GLES_BY_DEFAULT (its path exists only on GLES), which gets OpenGL ES; gl and gles force
 * every strategy (--gl-api). The parser takes "gl" and "gles" and returns VB_OK, or
 * -VB_ERR_USAGE with the error naming `option`. */
enum { VB_GL_API_AUTO = 0, VB_GL_API_GL = 1, VB_GL_API_GLES = 2 };
const char *vb_gl_api_name(int setting);
int vb_gl_api_from_name(const char *option, const char *name, int *setting);

/* Whether a run with these options on this GL times stages with queries. */
int vb_gpu_timers_enabled(int setting, const vb_gl_info *gl);

typedef struct vb_run_options {
    vb_view_options view;
    vb_pace pace;
    int64_t frames; /* measured frames, after the warm-up */
    int64_t warmup;
    int slots;
    int pool;
    int64_t verify_every; /* 0: only the final check */
    int picture_tolerance;
    int visible;
    int gpu_timers; /* VB_GPU_TIMERS_*: GL_TIME_ELAPSED queries per stage */
    int gl_api;     /* VB_GL_API_*: desktop GL or OpenGL ES contexts */
    int64_t fence_timeout_ns;
    /* A display clock for the consumer: 0 presents as frames arrive (the first four strategies'
     * default); HZ ticks at that rate, latching the newest frame at each tick. Strategies that are
     * always vsync-driven (frb-*) use the view's fps when this is 0. */
    int vsync_hz;
    vb_frb_codec frb_codec; /* the FRB hop's codec (frb-* strategies) */
    /* Where strategies that can run their producer in another process run it (vulkan-interop;
     * the others always run in this one). */
    vb_producer_process producer_process;
    /* Simulated faults, for tests (VIZBENCH_FAULT): NULL, or the strategy they hit. */
    const char *fault_fence_never_signals;
    /* a consumer's release fence (egl-image), a buffer never released (surface-producer) */
    const char *fault_release_fence_never_signals;
    const char *fault_map_fails; /* a buffer cannot be mapped (surface-producer, impeller-image) */
    const char *fault_copy_fence_never_signals; /* the fence on a GPU copy (surface-texture) */
    const char *fault_fail_mid_run;
    const char *fault_vk_fence;      /* a Vulkan fence never signals (vulkan-interop) */
    const char *fault_uuid_mismatch; /* GL reports another device's UUID */
    const char *fault_producer;      /* the producer process dies, hangs or sends garbage */
    int fault_producer_kind;         /* VB_PRODUCER_FAULT_*, halfway through the run */
    /* A planted slowdown (VIZBENCH_FAULT=slow:STRATEGY:US): the producer of that strategy does
     * `fault_slow_ns` of extra CPU work per frame, inside its render stage. */
    const char *fault_slow_strategy;
    int64_t fault_slow_ns;
} vb_run_options;

enum { VB_PRODUCER_FAULT_KILL = 1, VB_PRODUCER_FAULT_GARBAGE, VB_PRODUCER_FAULT_HANG };

void vb_run_options_defaults(vb_run_options *options);
const char *vb_producer_process_name(vb_producer_process where);
int vb_producer_process_from_name(const char *option, const char *name, vb_producer_process *where);

typedef enum {
    VB_STRATEGY_OK = 0,
    VB_STRATEGY_UNAVAILABLE,
    VB_STRATEGY_FAILED,
    VB_STRATEGY_INTERRUPTED,
    VB_STRATEGY_NOT_RUN,
} vb_strategy_status;

const char *vb_strategy_status_name(vb_strategy_status status);

typedef struct vb_picture_result {
    int64_t checked; /* frames compared */
    int exact;       /* 1: identical bytes required (CPU-rendered strategies) */
    int passed;      /* every compared frame within the requirement */
    int tolerance;   /* GPU renderer: allowed p99.9 error */
    int max_error;   /* worst over the compared frames */
    int p999_error;
    int64_t differing_pixels; /* worst frame */
    int64_t first_failure;    /* sequence of the first failing frame, or -1 */
} vb_picture_result;

/* Resident memory over one strategy's run, set-up to teardown (measure/memory_use.h); bytes,
 * -1 where unknown. */
typedef struct vb_memory_use {
    int64_t start_bytes; /* resident before it (what earlier runs freed returned first) */
    int64_t peak_bytes;  /* its peak: sampled from its start (measure/memory_use.h) */
    int64_t end_bytes;   /* resident after its teardown */
    int64_t producer_process_peak_bytes; /* its producer process's own peak (-1: none) */
    int peak_is_own; /* 0: no sampler, so it is the process's peak, every run before too */
} vb_memory_use;

/* Nothing known: a run not made, or read from a file made before memory was measured. */
#define VB_MEMORY_UNKNOWN ((vb_memory_use){-1, -1, -1, -1, 0})

/* The record of one strategy's run (vb_run_strategy fills it): how it ended, every frame's
 * record, the frames produced, the CPU and wall time measured, the picture check's result,
 * the display clock's accounting and the memory used. */
typedef struct vb_run_record {
    /* Borrowed: the live strategy's facts (its ops table), or those a results file recorded
     * (interned, record/strategy_facts.h); either outlives the run. */
    const vb_strategy_facts *strategy;
    /* Borrowed as `strategy`: the figures its strategy declares of its own (record/figure.h),
     * their values in each frame's strategy_figures[]. */
    const vb_figure *figures[VB_FRAME_STRATEGY_FIGURES];
    int figure_count;
    vb_strategy_status status;
    char reason[320];
    vb_frame_record *frames; /* owned, [length] */
    int64_t length;          /* warm-up + measured frames requested */
    int64_t produced;        /* frames the producer finished */
    int64_t process_cpu_ns;  /* process CPU over the measured frames (all threads) */
    int64_t measured_wall_ns;
    vb_picture_result picture;
    vb_vsync vsync;       /* the display clock's accounting; hz 0 when presented as frames arrive */
    char detail[160];     /* the strategy's own line on the run (vb_strategy_describe), or "" */
    vb_memory_use memory; /* set by the session around the run; unknown (-1) when read back
                             from a file that has none */
    /* The API its contexts were (1 OpenGL ES, 0 desktop GL) and their GL_VERSION; -1 and ""
     * when it had no GL, or when read from a file made before runs recorded it. */
    int gl_es;
    char gl_version[128];
} vb_run_record;

/* Whether `ops` runs on OpenGL ES with these options (gl_api). */
int vb_run_gl_es(const vb_run_options *options, const vb_strategy_ops *ops);
/* The display clock a run of `ops` with these options presents on: 0 for none. */
int vb_run_vsync_hz(const vb_run_options *options, const vb_strategy_ops *ops);
/* Whether the run's frames carry stage fields (threads of the strategy's own, or a display
 * clock): the results write them then. */
int vb_run_record_has_stages(const vb_run_record *run);

/* Runs `ops`. `gl` is NULL when there is no GL (the run is then marked unavailable). Fills
 * `run` (free with vb_run_record_free) and returns VB_OK even when the strategy failed or
 * was unavailable (see run->status); a negative status only for out-of-memory before start. */
int vb_run_strategy(const vb_run_options *options, const vb_audio *audio, vb_gl_contexts *gl,
                    const vb_strategy_ops *ops, const atomic_int *stop, vb_run_record *run);
void vb_run_record_free(vb_run_record *run);

/* Frames presented so far by a run in progress (for a progress display on another thread). */
extern atomic_llong vb_run_progress;

#endif
