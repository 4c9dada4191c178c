/* The producer thread of one run: analysis, render (CPU or GPU), hand-off, frame by frame, in
 * the steps (pipeline/steps.h) its strategy's kind takes. */
#include "pipeline/steps.h"

#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "audio/frame_clock.h"
#include "measure/gpu_timer.h"
#include "measure/memory_use.h"
#include "render/renderer.h"

#include <stdlib.h>

/* The GPU renderer keeps the spectrogram's history itself: frames skipped between `last` and
 * `next` are analysed and fed to it (at most a view's width of them: older columns scroll out),
 * as a real renderer analyses every hop of audio whether or not it draws it. Their cost lands
 * on frame `next`, like the CPU renderer's catching up inside its own analysis. */
static int feed_skipped_frames(pipeline *p, vb_renderer *renderer, int64_t last, int64_t next,
                               int64_t *bytes_to_gpu) {
    int64_t from = next - p->options->view.width;
    if (from < last + 1) from = last + 1;
    for (int64_t m = from; m < next; m++) {
        int64_t audio_frame = m % p->audio_frames;
        vb_renderer_analyze(renderer, audio_frame);
        size_t count = 0;
        const float *analysis = vb_renderer_analysis(renderer, &count);
        int status =
            vb_strategy_gpu_feed(p->ops, p->strategy, analysis, count, audio_frame, bytes_to_gpu);
        if (status != VB_OK) return status;
    }
    return VB_OK;
}

static int64_t due_offset_ns(int64_t sequence, int fps) {
    return sequence * 1000000000LL / fps;
}

/* Realtime pace: a renderer driven by the display draws the audio of now. When it is late by
 * a whole frame or more, the frames it missed are never rendered (marked dropped and skipped)
 * and it goes on with the newest frame due, so latency stays bounded instead of piling up.
 * The last frame of the run is always rendered. Returns the sequence to render next. */
static int64_t skip_late_frames(pipeline *p, int64_t next) {
    const int fps = p->options->view.fps;
    const int64_t elapsed = vb_now_ns() - p->start_ns;
    int64_t newest = elapsed * fps / 1000000000LL;
    if (newest > p->run->length - 1) newest = p->run->length - 1;
    for (; next < newest; next++)
        p->run->frames[next].flags |= VB_FRAME_DROPPED | VB_FRAME_SKIPPED;
    return next;
}

/* A producer in another process (vb_strategy_is_remote) analysed and rendered frame n into
 * `slot`: its figures into the record, as this thread's own would be; the hand-off follows.
 * The producer's CPU is its thread's there; this thread's relay is in this process's CPU. */
static int produce_remotely(pipeline *p, int64_t n, int slot, vb_frame_record *rec) {
    vb_remote_frame remote;
    int status =
        vb_strategy_produce_remotely(p->ops, p->strategy, slot, n, rec->audio_frame, &remote);
    if (status == VB_OK)
        status = vb_strategy_hand_off(p->ops, p->strategy, slot, &rec->bytes_copied);
    if (status != VB_OK) {
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
        return status;
    }
    rec->analyzed_ns = remote.analyzed_ns - p->start_ns;
    rec->rendered_ns = remote.rendered_ns - p->start_ns;
    rec->handed_ns = remote.handed_ns - p->start_ns;
    rec->producer_cpu_ns = remote.thread_cpu_ns;
    rec->bytes_to_gpu += remote.bytes_to_gpu;
    p->remote_cpu_frame =
        remote.process_cpu_ns - (p->remote_cpu_seen >= 0 ? p->remote_cpu_seen : 0);
    p->remote_cpu_seen = remote.process_cpu_ns;
    return VB_OK;
}

/* Pacing, realtime: late frames skipped, each frame made when it is due. */
static int64_t next_realtime(vb_producer *pr, int64_t n) {
    return skip_late_frames(pr->p, n);
}

static void wait_due_realtime(vb_producer *pr, int64_t n, vb_frame_record *rec) {
    int64_t due = pr->p->start_ns + due_offset_ns(n, pr->p->options->view.fps);
    vb_sleep_until_ns(due);
    rec->ready_ns = due - pr->p->start_ns;
}

/* Pacing, max: every frame in order, as soon as the last one is handed on. */
static int64_t next_in_order(vb_producer *pr, int64_t n) {
    (void)pr;
    return n;
}

static void wait_due_now(vb_producer *pr, int64_t n, vb_frame_record *rec) {
    (void)n;
    rec->ready_ns = vb_now_ns() - pr->p->start_ns;
}

/* CPU render: into the strategy's target for the slot. */
static int render_cpu(vb_producer *pr, int slot, vb_frame_record *rec, int status) {
    (void)rec;
    pipeline *p = pr->p;
    if (status != VB_OK) return status;
    uint8_t *target = vb_strategy_cpu_target(p->ops, p->strategy, slot);
    if (!target) return -VB_ERR_FAILURE;
    vb_renderer_draw(pr->renderer, target, p->config.stride);
    return VB_OK;
}

static int hand_off_cpu(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec, int status) {
    (void)n;
    if (status != VB_OK) return status;
    return vb_strategy_hand_off(pr->p->ops, pr->p->strategy, slot, &rec->bytes_copied);
}

/* GPU render (GL or Vulkan) from the analysis, timed; the GL turn stays open over the hand-off. */
static int render_gpu(vb_producer *pr, int slot, vb_frame_record *rec, int status) {
    pipeline *p = pr->p;
    size_t count = 0;
    const float *analysis = vb_renderer_analysis(pr->renderer, &count);
    vb_pipeline_gl_begin(pr->serialized);
    vb_gpu_timer_begin(&pr->timer, &rec->gpu_render_ns);
    if (status == VB_OK)
        status = vb_strategy_gpu_render(p->ops, p->strategy, slot, analysis, count,
                                        rec->audio_frame, &rec->bytes_to_gpu);
    vb_gpu_timer_end(&pr->timer);
    return status;
}

static int hand_off_gpu(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec, int status) {
    status = hand_off_cpu(pr, n, slot, rec, status);
    vb_pipeline_gl_end(pr->serialized);
    return status;
}

/* The frame made on this thread: skipped frames' history, analysis, render, hand-off. */
static int make_here(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec) {
    pipeline *p = pr->p;
    if (pr->feeds_skipped && n > pr->last_rendered + 1) {
        vb_pipeline_gl_begin(pr->serialized);
        int fed = feed_skipped_frames(p, pr->renderer, pr->last_rendered, n, &rec->bytes_to_gpu);
        vb_pipeline_gl_end(pr->serialized);
        if (fed != VB_OK) {
            vb_pipeline_fail(p, p->producer_error, vb_error_get());
            return fed;
        }
    }
    pr->last_rendered = n;
    vb_renderer_analyze(pr->renderer, rec->audio_frame);
    rec->analyzed_ns = vb_now_ns() - p->start_ns;
    int status = vb_renderer_status(pr->renderer); /* the input failed or changed */
    status = pr->steps.render(pr, slot, rec, status);
    rec->rendered_ns = vb_now_ns() - p->start_ns;
    status = pr->steps.hand_off(pr, n, slot, rec, status);
    if (status != VB_OK) {
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
        return status;
    }
    rec->handed_ns = vb_now_ns() - p->start_ns;
    rec->producer_cpu_ns = vb_thread_cpu_ns() - pr->cpu_start;
    return VB_OK;
}

/* The frame made by a producer in another process; its process's CPU counted when measured. */
static int make_remotely(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec) {
    pipeline *p = pr->p;
    if (produce_remotely(p, n, slot, rec) != VB_OK) return -VB_ERR_FAILURE;
    if (pr->measuring) p->remote_cpu_measured += p->remote_cpu_frame;
    return VB_OK;
}

static int publish(vb_producer *pr, int slot, int64_t published) {
    (void)slot;
    vb_pipeline_publish(pr->p, published);
    return VB_OK;
}

/* The strategy's own threads take it on; its last stage publishes it. */
static int dispatch(vb_producer *pr, int slot, int64_t published) {
    (void)published;
    pipeline *p = pr->p;
    int status = vb_strategy_dispatch(p->ops, p->strategy, slot);
    if (status != VB_OK) vb_pipeline_fail(p, p->producer_error, vb_error_get());
    return status;
}

static void collect_gpu_times(vb_producer *pr) {
    vb_pipeline_gl_begin(pr->serialized);
    vb_gpu_timer_collect(&pr->timer, 0);
    vb_pipeline_gl_end(pr->serialized);
}

static void nothing_between(vb_producer *pr) {
    (void)pr;
}

/* The steps of the strategy's kind: CPU render + hand-off, GPU render (GL or Vulkan), or a
 * producer in another process; published, or dispatched to a chain of its own threads. */
static void choose_steps(vb_producer *pr, int remote) {
    const pipeline *p = pr->p;
    const vb_strategy_ops *ops = p->ops;
    const int realtime = p->options->pace == VB_PACE_REALTIME;
    pr->steps = (vb_producer_steps){
        .next = realtime ? next_realtime : next_in_order,
        .wait_due = realtime ? wait_due_realtime : wait_due_now,
        .make = remote ? make_remotely : make_here,
        .render = vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) ? render_gpu : render_cpu,
        .hand_off = vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) ? hand_off_gpu : hand_off_cpu,
        .pass_on = vb_strategy_has_stages(ops) ? dispatch : publish,
        .between = pr->gl_current ? collect_gpu_times : nothing_between,
    };
    pr->feeds_skipped =
        vb_strategy_takes_skipped_frames(ops) && vb_renderer_has_history(pr->renderer);
    vb_producer_add_faults(pr, remote);
}

/* The renderer, the GL context of a GL renderer and its timers, the strategy's producer side.
 * VB_OK, or the failure recorded. */
static int start_producer(vb_producer *pr, int *started) {
    pipeline *p = pr->p;
    const vb_strategy_ops *ops = p->ops;
    pr->renderer = vb_renderer_create(&p->options->view, p->audio);
    if (!pr->renderer) goto failed;
    if (vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) &&
        !vb_strategy_has(ops, VB_CAP_RENDERS_WITH_VULKAN)) {
        if ((vb_strategy_has(ops, VB_CAP_ISOLATED_PRODUCER)
                 ? vb_gl_make_isolated_current(p->gl)
                 : vb_gl_make_producer_current(p->gl)) != VB_OK)
            goto failed;
        pr->gl_current = 1;
        vb_gpu_timer_init(&pr->timer, vb_gpu_timers_enabled(p->options->gpu_timers, &p->gl->info));
    }
    if (vb_strategy_producer_start(ops, p->strategy) != VB_OK) goto failed;
    *started = 1;
    /* GL calls take turns where the driver serialises submissions; a Vulkan producer makes none */
    pr->serialized = pr->gl_current && vb_gl_submissions_serialized(&p->gl->info);
    return VB_OK;
failed:
    vb_pipeline_fail(p, p->producer_error, vb_error_get());
    return -VB_ERR_FAILURE;
}

/* Waits for the slot the frame goes into: VB_OK, or the run ends (cancelled, or stuck). */
static int acquire_slot(vb_producer *pr, vb_frame_record *rec) {
    pipeline *p = pr->p;
    const int64_t acquire_limit = vb_pipeline_slot_limit_ns(p->options);
    int waited = vb_frame_ring_acquire(&p->ring, vb_now_ns() + acquire_limit);
    if (waited == VB_RING_CANCELLED) return -VB_ERR_FAILURE;
    if (waited == VB_RING_TIMEOUT) {
        char message[160];
        snprintf(message, sizeof message,
                 "no frame slot came free within %.0f ms (the display side is stuck)",
                 (double)acquire_limit / 1e6);
        vb_pipeline_fail(p, p->producer_error, message);
        return -VB_ERR_FAILURE;
    }
    rec->acquired_ns = vb_now_ns() - p->start_ns;
    return VB_OK;
}

/* Records a batch and more behind are finished by both threads, except the GPU timers' late
 * results (16 frames) and a late picture check, which simply bring their page back; a long
 * run's spooled records leave memory as it goes. */
static void release_old_records(pipeline *p, int64_t n) {
    if (n % VB_FRAME_STORE_BATCH == 0 && n >= 2 * VB_FRAME_STORE_BATCH)
        vb_frame_store_release(p->run->frames, n - 2 * VB_FRAME_STORE_BATCH,
                               n - VB_FRAME_STORE_BATCH);
}

/* The measured loop: every frame paced, its slot acquired, made, and handed on. */
static void produce(vb_producer *pr) {
    pipeline *p = pr->p;
    const vb_run_options *o = p->options;
    const int64_t length = p->run->length;
    p->start_ns = vb_now_ns();
    int64_t published = 0;
    for (int64_t n = 0; n < length; n++) {
        if (vb_pipeline_stopping(p)) break;
        n = pr->steps.next(pr, n);
        vb_frame_record *rec = &p->run->frames[n];
        release_old_records(p, n);
        const int slot = (int)(published % o->slots);
        rec->audio_frame = n % p->audio_frames;
        pr->steps.wait_due(pr, n, rec);
        if (!pr->measuring && n >= o->warmup) {
            pr->measuring = 1;
            p->process_cpu_start = vb_process_cpu_ns() - vb_memory_sampler_cpu_ns();
            p->measured_start_ns = rec->ready_ns;
        }
        pr->cpu_start = vb_thread_cpu_ns();
        const vb_work_counts work_start = vb_thread_work;
        if (acquire_slot(pr, rec) != VB_OK) break;
        if (pr->steps.make(pr, n, slot, rec) != VB_OK) break;
        rec->producer_gl_calls = vb_thread_work.gl_calls - work_start.gl_calls;
        rec->producer_allocations = vb_thread_work.allocations - work_start.allocations;
        rec->copies = vb_thread_work.copies - work_start.copies;
        p->run->produced = n + 1;
        p->slot_sequence[slot] = n;
        published++;
        if (pr->steps.pass_on(pr, slot, published - 1) != VB_OK) break;
        pr->steps.between(pr);
    }
}

/* Frames still on the strategy's own threads reach the ring before the consumer may decide
 * that everything was taken; GL objects the consumer may still draw from live until it has
 * finished. */
static void stop_producer(vb_producer *pr, int started) {
    pipeline *p = pr->p;
    if (started &&
        vb_strategy_drain(p->ops, p->strategy,
                          vb_now_ns() + vb_pipeline_slot_limit_ns(p->options)) != VB_OK &&
        !atomic_load(&p->failed))
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
    atomic_store(&p->producer_done, 1);
    sem_wait(&p->consumer_finished);
    if (pr->gl_current) vb_gpu_timer_collect(&pr->timer, 1);
    if (started) vb_strategy_producer_stop(p->ops, p->strategy);
    if (pr->gl_current) {
        vb_gpu_timer_free(&pr->timer);
        vb_gl_release_thread();
    }
    vb_renderer_destroy(pr->renderer);
}

void *vb_pipeline_producer(void *opaque) {
    vb_producer pr = {.p = opaque, .last_rendered = -1, .fail_at = -1};
    pipeline *p = pr.p;
    vb_pipeline_block_signals();
    sem_wait(&p->consumer_ready);
    if (!atomic_load(&p->consumer_ok)) return NULL;
    int started = 0;
    if (start_producer(&pr, &started) == VB_OK) {
        choose_steps(&pr, vb_strategy_is_remote(p->ops, &p->config));
        produce(&pr);
    }
    stop_producer(&pr, started);
    return NULL;
}
