/* The run loops in steps (issue 28): the producer's and the consumer's frame is a short loop
 * over steps, chosen once per run for the strategy's kind before the first frame, instead of
 * branches on the kind inside the measured loop. A fault asked for by VIZBENCH_FAULT is a
 * wrapper around some of those steps (pipeline/faults.c), put in place only for its target:
 * without one, the measured path holds no fault checks. The producer's steps are declared here
 * (faults.c wraps them), the consumer's in consumer.c but for its fence wait (faults.c's too).
 * Private to src/pipeline/. */
#ifndef VB_PIPELINE_STEPS_H
#define VB_PIPELINE_STEPS_H

#include "pipeline/pipeline.h"

#include "display/presenter.h"
#include "measure/gpu_timer.h"
#include "render/renderer.h"

typedef struct vb_producer vb_producer;

/* A producer's steps. Each that can fail returns VB_OK or a negative status; `make` and
 * `pass_on` have then recorded the failure (vb_pipeline_fail), `render` and `hand_off` leave it
 * to `make`. */
typedef struct vb_producer_steps {
    /* Pacing: the sequence to make next from `n` (realtime skips late frames), and the frame's
     * ready time (realtime waits until it is due). */
    int64_t (*next)(vb_producer *pr, int64_t n);
    void (*wait_due)(vb_producer *pr, int64_t n, vb_frame_record *rec);
    /* The frame, from its slot acquired to handed off: analysed, rendered and handed here
     * (render and hand_off), or by a producer in another process. */
    int (*make)(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec);
    /* Into the slot: a CPU render, or a GPU render that opens the GL turn hand_off closes;
     * `status` is the analysis's. */
    int (*render)(vb_producer *pr, int slot, vb_frame_record *rec, int status);
    int (*hand_off)(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec, int status);
    /* The handed-off slot to the consumer: published, or dispatched to the strategy's threads. */
    int (*pass_on)(vb_producer *pr, int slot, int64_t published);
    /* After each frame: the GPU timers' results that are ready, or nothing. */
    void (*between)(vb_producer *pr);
} vb_producer_steps;

/* The producer thread's state over one run. */
struct vb_producer {
    pipeline *p;
    vb_renderer *renderer;
    vb_gpu_timer timer;
    int gl_current;    /* a GL context is current on the thread (GL renderers) */
    int serialized;    /* its GL calls take turns */
    int feeds_skipped; /* skipped frames go to the strategy's history (gpu_feed) */
    int measuring;     /* past the warm-up */
    int64_t last_rendered, cpu_start;
    vb_producer_steps steps;
    /* What a fault wrapper wraps, and its parameters (pipeline/faults.c). */
    vb_producer_steps inner;
    int64_t fail_at; /* the first frame that fails (fail:), -1 for none */
    int64_t slow_ns; /* extra CPU per frame in the render stage (slow:), 0 for none */
};

/* The consumer's wait on the display's fence: VB_OK, or a negative status with the error set. */
typedef int (*vb_consumer_wait)(const pipeline *p, vb_presenter *presenter);

/* Puts the producer's fault wrappers (fail:, slow:) around `pr->steps` when the run's options
 * aim one at its strategy; leaves the steps as they are otherwise. `remote`: the frame is made
 * in another process (`make` fails then, not `hand_off`). */
void vb_producer_add_faults(vb_producer *pr, int remote);
/* The consumer's fence wait: `plain`, or the simulated fence that never signals (fence:) when
 * the run's options aim it at the strategy. */
vb_consumer_wait vb_consumer_fence_wait(const pipeline *p, vb_consumer_wait plain);

/* Frames on the strategy's own threads or in the ring wait this long for a slot, or to drain. */
static inline int64_t vb_pipeline_slot_limit_ns(const vb_run_options *o) {
    return 2 * o->fence_timeout_ns + 1000000000LL;
}

#endif
