/* A transfer strategy: how a rendered frame crosses from the producer ("the Rust renderer") to
 * the consumer ("the Flutter raster thread"). The harness (pipeline/) drives every strategy
 * through this table of functions without knowing which one it is; a new strategy is one file
 * defining a vb_strategy_ops and one line in `strategy_files` of src/transfer/meson.build (the
 * build generates from those lines the list that the registry, strategies.c, includes).
 *
 * Call order and threads, for one run:
 *   main:      create
 *   consumer:  consumer_start (consumer GL context current)       -- before the producer starts
 *   producer:  producer_start (producer GL context current if it renders on the GPU)
 *   per frame, in the slots in turn, once the ring gave the producer that slot:
 *     producer: gpu_feed for frames skipped since the last one (realtime pace, late producer),
 *               cpu_target + CPU render, or gpu_render;  then hand_off
 *     consumer: upload; (display draws and fences); release once the fence signalled,
 *               or release alone for a frame dropped unseen
 *   producer:  producer_stop;  consumer: consumer_stop;  main: destroy
 * Every function that can fail returns VB_OK or a negative status with the error set.
 * The strategy owns everything it allocates; pointers it returns are borrowed.
 *
 * Strategies whose frames pass through threads of their own on the way (the FRB hop's UI thread,
 * Flutter's IO thread: frb-image, frb-texture) start them in producer_start; the producer calls
 * dispatch where it would publish the slot, and the strategy's last stage publishes it through
 * config.sink, in order; after its last frame the producer calls drain (every dispatched frame
 * published, the threads joined) before it says it is done. collect gives the consumer what those
 * threads recorded of a slot.
 *
 * Members: required of every strategy: facts (its name, summary, the report's words: does,
 * models, incurs, measures, colour), create, destroy, hand_off, upload, release; of a
 * CPU-rendered one (no renders-on-gpu capability): cpu_target; of a GPU-rendered one: gpu_render.
 * Optional (NULL: nothing to do): unavailable_reason, consumer_start/stop, producer_start/stop,
 * gpu_feed, dispatch, drain, collect (dispatch and drain come together). The harness calls them
 * only through the vb_strategy_* wrappers below, which handle the optional ones and check the
 * preconditions in one place; vb_strategy_conforms says whether a table has what its kind needs
 * (tests/test_strategies.c checks every registered one). */
#ifndef VB_TRANSFER_STRATEGY_H
#define VB_TRANSFER_STRATEGY_H

#include "display/gl_api.h"
#include "display/gl_context.h"
#include "record/figure.h"
#include "record/strategy_facts.h"
#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_strategy vb_strategy; /* each strategy file defines its own */

/* Where a strategy with threads of its own hands a finished frame (set by the harness). */
typedef struct vb_strategy_sink {
    void *context;
    /* The next dispatched slot, in dispatch order, is ready for the consumer. */
    void (*publish)(void *context);
    /* A stage failed: the run ends with `message` as its reason, and every wait is cancelled. */
    void (*fail)(void *context, const char *message);
} vb_strategy_sink;

/* Where a strategy that can run its producer elsewhere runs it (--producer-process). */
typedef enum { VB_PRODUCER_SAME = 0, VB_PRODUCER_SEPARATE = 1 } vb_producer_process;

struct vb_audio;

/* The FRB codec the frb-* strategies model (transfer/frb_hop.h). */
typedef enum { VB_FRB_SSE = 0, VB_FRB_DCO = 1 } vb_frb_codec;

/* What only one strategy reads: its own options and simulated faults (VIZBENCH_FAULT), one
 * member per strategy (or family), filled by the harness from the run's options; no other
 * strategy and none of the harness's loops reads them. A new strategy with options of its own
 * adds its member here. */
typedef struct vb_strategy_own_options {
    struct {
        int pool; /* reuse messages instead of allocating one per frame */
    } pixel_copy;
    struct {
        vb_frb_codec codec; /* the FRB hop's codec */
    } frb;                  /* frb-image, frb-texture */
    struct {
        int fault_release_fence; /* simulated: the consumer's release fences never signal */
    } egl_image;
    struct {
        int fault_map;           /* simulated: its buffers cannot be mapped */
        int fault_release_fence; /* simulated: the consumer never releases a buffer */
    } surface_producer;
    struct {
        int fault_copy_fence; /* simulated: the fence on the GPU copy never signals */
    } surface_texture;
    struct {
        int fault_map; /* simulated: the immutable buffer's fresh mapping fails */
    } impeller_image;
    struct {
        int fault_fence; /* simulated: a Vulkan fence never signals */
        /* simulated: its producer process dies, sends garbage or hangs at that frame; -1 */
        int64_t fault_kill_at, fault_garbage_at, fault_hang_at;
    } vulkan_interop;
} vb_strategy_own_options;

typedef struct vb_strategy_config {
    vb_view_options view;
    int slots;     /* ring depth, at least 3 */
    size_t stride; /* bytes per row: width * 4 */
    size_t frame_bytes;
    /* For strategies with threads of their own: */
    vb_gl_contexts *gl; /* borrowed; an IO thread makes gl->producer current (it shares
                           objects with the consumer's context, as Flutter's IO context does) */
    int gl_serialized;  /* GL calls take turns (display/gl_turns.h) */
    vb_strategy_sink sink;
    int64_t fence_timeout_ns; /* the longest wait on one fence */
    /* Strategies that can run their producer in another process (produce_remotely; the harness
     * asks vb_strategy_is_remote): where it runs, and the input it needs there. */
    vb_producer_process producer_process;
    const struct vb_audio *audio; /* borrowed: the run's input, for a producer process */
    vb_strategy_own_options own;
} vb_strategy_config;

/* What a strategy's own threads recorded of one frame (collect); times are absolute monotonic
 * ns, -1 where a stage does not exist. */
typedef struct vb_stage_record {
    int64_t hop_encode_ns; /* producer: the codec's encode */
    int64_t ui_done_ns, ui_cpu_ns, hop_copy_ns;
    int64_t io_done_ns, io_cpu_ns, io_upload_ns, mipmap_ns;
    int64_t allocations, gl_calls; /* on the strategy's threads */
    int64_t copies, bytes_copied;  /* CPU -> CPU on the strategy's threads */
    int64_t bytes_to_gpu;          /* uploaded on the strategy's threads */
    int64_t import_ns;             /* consumer: a buffer's one-time import (egl-image) */
    int64_t gpu_bytes_copied;      /* consumer: frame bytes copied on the GPU in its upload */
    int64_t release_wait_ns;       /* producer: the wait for the consumer's release fence */
    int64_t sync_wait_ns;          /* producer: cpu-synchronised, its wait for the GPU */
    int64_t gpu_render_ns;         /* producer's GPU time where the strategy times it (Vulkan) */
    int64_t earlier_gpu_ns;        /* a GPU time learnt late: of the slot's previous frame */
    int64_t strategy_figures[VB_FRAME_STRATEGY_FIGURES]; /* its own figures (ops.figures) */
} vb_stage_record;

/* Records the strategy's own `figure` (one of its ops.figures) for the frame: the one call a
 * strategy fills its figures with, in collect. */
static inline void vb_stage_record_figure(vb_stage_record *record, const vb_figure *figure,
                                          int64_t value) {
    record->strategy_figures[figure->slot] = value;
}

/* What a producer in another process did for one frame (produce_remotely); times absolute
 * monotonic ns (CLOCK_MONOTONIC is one clock for every process). */
typedef struct vb_remote_frame {
    int64_t analyzed_ns, rendered_ns, handed_ns;
    int64_t thread_cpu_ns;  /* its producer thread's CPU for the frame */
    int64_t process_cpu_ns; /* its process's CPU so far */
    int64_t bytes_to_gpu;
} vb_remote_frame;

/* All fields -1 (its own figures too), the counts and byte counts 0. */
void vb_stage_record_clear(vb_stage_record *record);

typedef struct vb_strategy_ops {
    /* Its name, the report's words (does, models, incurs, measures, colour), its family,
     * platforms, roles and capabilities (record/strategy_facts.h): the registry is the only
     * place these live, so a new strategy appears everywhere with its own words and is chosen
     * by the verdicts for what it is, never for its name. The capabilities the harness reads:
     * renders-on-gpu, renders-with-vulkan (no GL context and no GL timers on the producer's
     * thread: the strategy times its GPU work, collect's gpu_render_ns), isolated-producer (a
     * GPU producer in the unshared context, vb_gl_contexts.isolated), own-textures (a
     * CPU-rendered strategy making textures of its own: the display's frame texture is not
     * made for it), vsync-driven (always presented on a display clock: the run's --vsync, or
     * its fps without). */
    vb_strategy_facts facts;
    /* Optional: figures of its own (record/figure.h), NULL-terminated, at most
     * VB_FRAME_STRATEGY_FIGURES, each in the slot of its index; it fills them in collect through
     * vb_stage_record_figure, and every writer, table and the gate then carry them. */
    const vb_figure *const *figures;
    /* What kind of texture upload gives the display: 0 (GL_TEXTURE_2D, an RGBA8 texture of the
     * view's size), or GL_TEXTURE_BUFFER: an RGBA8 buffer texture of width * height texels, the
     * top row first, which the display samples directly (needs own-textures; the display then
     * composes with a samplerBuffer, display/presenter.h). */
    GLenum frame_target;

    /* NULL when this GL can run the strategy, else why not (a constant string). The member
     * itself may be NULL: the strategy needs only the core 3.3 GL every strategy needs. */
    const char *(*unavailable_reason)(const vb_gl_info *gl);

    int (*create)(const vb_strategy_config *config, vb_strategy **out);
    void (*destroy)(vb_strategy *strategy);

    int (*consumer_start)(vb_strategy *strategy);
    void (*consumer_stop)(vb_strategy *strategy);
    int (*producer_start)(vb_strategy *strategy);
    void (*producer_stop)(vb_strategy *strategy);

    /* CPU-rendered strategies: where frame `slot` is to be rendered (config.stride apart). */
    uint8_t *(*cpu_target)(vb_strategy *strategy, int slot);
    /* GPU-rendered strategies: draw from analysis data (vb_renderer_analysis) into `slot`;
     * adds the bytes sent to the GPU. */
    int (*gpu_render)(vb_strategy *strategy, int slot, const float *analysis, size_t count,
                      int64_t audio_frame, int64_t *bytes_to_gpu);
    /* GPU-rendered strategies, optional: a frame the producer skipped, for views whose
     * picture builds on every earlier frame (vb_renderer_has_history): take its analysis into
     * the renderer's history without drawing; adds the bytes sent to the GPU. */
    int (*gpu_feed)(vb_strategy *strategy, const float *analysis, size_t count, int64_t audio_frame,
                    int64_t *bytes_to_gpu);
    /* Producer: hand the filled slot over; adds the bytes copied on the CPU. */
    int (*hand_off)(vb_strategy *strategy, int slot, int64_t *bytes_copied);

    /* Strategies with threads of their own (optional, together): the producer hands the filled,
     * handed-off slot to them instead of publishing it; drain waits (at most until deadline_ns)
     * until every dispatched frame is published, or the run failed, and joins the threads. */
    int (*dispatch)(vb_strategy *strategy, int slot);
    int (*drain)(vb_strategy *strategy, int64_t deadline_ns);
    /* Consumer, optional: what the strategy's threads recorded of the slot just taken. */
    void (*collect)(vb_strategy *strategy, int slot, vb_stage_record *out);
    /* Optional: with config.producer_process separate, the producer runs in another process:
     * the harness neither analyses nor renders; it asks for frame `sequence` (audio frame
     * `audio_frame`) in `slot` and takes the producer's figures (then hand_off as usual). */
    int (*produce_remotely)(vb_strategy *strategy, int slot, int64_t sequence, int64_t audio_frame,
                            vb_remote_frame *out);
    /* Optional: one line on how the run went that the figures do not say ("cpu-synchronised,
     * producer in process 1234"), for the results; written after the run. */
    void (*describe)(vb_strategy *strategy, char *line, size_t size);
    /* Optional: the peak resident bytes of the producer process, once it ended (-1: none). */
    int64_t (*producer_process_peak)(vb_strategy *strategy);

    /* Consumer: make the slot's frame a texture. `frame_texture` is the display's RGBA8
     * texture of the view's size for strategies that upload; *texture receives the one to
     * draw. Adds the bytes uploaded. */
    int (*upload)(vb_strategy *strategy, int slot, GLuint frame_texture, GLuint *texture,
                  int64_t *bytes_to_gpu);
    /* Consumer: the slot's frame is no longer needed (presented and fenced, or dropped). */
    void (*release)(vb_strategy *strategy, int slot);
} vb_strategy_ops;

/* Whether the strategy has a capability (VB_CAP_*, record/strategy_facts.h). */
static inline int vb_strategy_has(const vb_strategy_ops *ops, unsigned capability) {
    return (ops->facts.capabilities & capability) != 0;
}

/* How many figures of its own it declares. */
int vb_strategy_figure_count(const vb_strategy_ops *ops);

/* VB_OK, or -VB_ERR_FAILURE with `why` naming the first member `ops` lacks for its kind, or the
 * first fact its members contradict (stage-figures without collect or dispatch). */
int vb_strategy_conforms(const vb_strategy_ops *ops, char *why, size_t size);

/* The calls, in the order and on the threads above. The optional members are no-ops (VB_OK)
 * when absent; a call that does not fit the strategy's kind (cpu_target of a GPU renderer,
 * gpu_render of a CPU one) fails naming the strategy instead of crashing. */
const char *vb_strategy_unavailable(const vb_strategy_ops *ops, const vb_gl_info *gl);
int vb_strategy_create(const vb_strategy_ops *ops, const vb_strategy_config *config,
                       vb_strategy **out);
void vb_strategy_destroy(const vb_strategy_ops *ops, vb_strategy *strategy);
int vb_strategy_consumer_start(const vb_strategy_ops *ops, vb_strategy *strategy);
void vb_strategy_consumer_stop(const vb_strategy_ops *ops, vb_strategy *strategy);
int vb_strategy_producer_start(const vb_strategy_ops *ops, vb_strategy *strategy);
void vb_strategy_producer_stop(const vb_strategy_ops *ops, vb_strategy *strategy);
/* NULL (the error set) for a GPU-rendered strategy. */
uint8_t *vb_strategy_cpu_target(const vb_strategy_ops *ops, vb_strategy *strategy, int slot);
int vb_strategy_gpu_render(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                           const float *analysis, size_t count, int64_t audio_frame,
                           int64_t *bytes_to_gpu);
/* Whether the strategy takes skipped frames' analysis (gpu_feed); the call is VB_OK without. */
int vb_strategy_takes_skipped_frames(const vb_strategy_ops *ops);
int vb_strategy_gpu_feed(const vb_strategy_ops *ops, vb_strategy *strategy, const float *analysis,
                         size_t count, int64_t audio_frame, int64_t *bytes_to_gpu);
int vb_strategy_hand_off(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                         int64_t *bytes_copied);
int vb_strategy_upload(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                       GLuint frame_texture, GLuint *texture, int64_t *bytes_to_gpu);
void vb_strategy_release(const vb_strategy_ops *ops, vb_strategy *strategy, int slot);
/* Whether the strategy dispatches to threads of its own (then the producer does not publish). */
int vb_strategy_has_stages(const vb_strategy_ops *ops);
/* Whether it records stage figures of its own (collect): threads of its own, or one-time
 * imports and release waits. */
int vb_strategy_records_stages(const vb_strategy_ops *ops);
int vb_strategy_dispatch(const vb_strategy_ops *ops, vb_strategy *strategy, int slot);
int vb_strategy_drain(const vb_strategy_ops *ops, vb_strategy *strategy, int64_t deadline_ns);
/* Whether the producer runs in another process (produce_remotely, asked for by the config). */
int vb_strategy_is_remote(const vb_strategy_ops *ops, const vb_strategy_config *config);
int vb_strategy_produce_remotely(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                                 int64_t sequence, int64_t audio_frame, vb_remote_frame *out);
/* "" without describe. */
void vb_strategy_describe(const vb_strategy_ops *ops, vb_strategy *strategy, char *line,
                          size_t size);
/* Whether `upload` takes the display's frame texture: CPU-rendered, no textures of its own. */
int vb_strategy_uploads_to_frame_texture(const vb_strategy_ops *ops);
/* GL_TEXTURE_2D or GL_TEXTURE_BUFFER: the kind of texture upload returns (frame_target). */
GLenum vb_strategy_frame_target(const vb_strategy_ops *ops);
/* -1 without producer_process_peak (or no strategy). */
int64_t vb_strategy_producer_process_peak(const vb_strategy_ops *ops, vb_strategy *strategy);
/* Clears *out, then fills what the strategy recorded (nothing without collect). */
void vb_strategy_collect(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                         vb_stage_record *out);

/* The registered strategies, in the order runs and tables list them. */
extern const vb_strategy_ops *const vb_strategy_list[];
extern const int vb_strategy_count;

/* NULL (and the error set, naming the known ones) for an unknown name. */
const vb_strategy_ops *vb_strategy_find(const char *name);
/* The same without setting an error: NULL for an unknown name. */
const vb_strategy_ops *vb_strategy_lookup(const char *name);
/* "pixel-copy, shared-buffer, ..." (every registered name, in order) into dst. */
void vb_strategy_names(char *dst, size_t size);

#endif
