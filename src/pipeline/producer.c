/* The producer thread of one run: analysis, render (CPU or GPU), hand-off, frame by frame. */
#include "pipeline/pipeline.h"

#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "audio/frame_clock.h"
#include "measure/gpu_timer.h"
#include "render/renderer.h"

#include <stdlib.h>

/* The planted slowdown: real CPU work (not a sleep), so it shows in the thread's CPU time and
 * competes for the core the way a slower renderer would. */
static void burn_cpu(int64_t ns) {
    const int64_t end = vb_thread_cpu_ns() + ns;
    volatile uint64_t sink = 0;
    while (vb_thread_cpu_ns() < end)
        for (int i = 0; i < 256; i++)
            sink = sink * 6364136223846793005ULL + 1442695040888963407ULL;
}

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

/* VIZBENCH_FAULT=fail:STRATEGY: frame n fails from `fail_at` on (-1: never). */
static int simulated_failure(int64_t fail_at, int64_t n) {
    if (fail_at < 0 || n < fail_at) return VB_OK;
    vb_error_set("simulated failure at frame %lld (VIZBENCH_FAULT)", (long long)n);
    return -VB_ERR_FAILURE;
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

void *vb_pipeline_producer(void *opaque) {
    pipeline *p = opaque;
    const vb_run_options *o = p->options;
    const vb_strategy_ops *ops = p->ops;
    vb_pipeline_block_signals();
    sem_wait(&p->consumer_ready);
    if (!atomic_load(&p->consumer_ok)) return NULL;

    vb_renderer *renderer = vb_renderer_create(&o->view, p->audio);
    vb_gpu_timer timer = {0};
    int started = 0, gl_current = 0;
    if (!renderer) {
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
        goto done;
    }
    const int remote = vb_strategy_is_remote(ops, &p->config);
    if (vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) &&
        !vb_strategy_has(ops, VB_CAP_RENDERS_WITH_VULKAN)) {
        if ((vb_strategy_has(ops, VB_CAP_ISOLATED_PRODUCER)
                 ? vb_gl_make_isolated_current(p->gl)
                 : vb_gl_make_producer_current(p->gl)) != VB_OK) {
            vb_pipeline_fail(p, p->producer_error, vb_error_get());
            goto done;
        }
        gl_current = 1;
        vb_gpu_timer_init(&timer, vb_gpu_timers_enabled(o->gpu_timers, &p->gl->info));
    }
    if (vb_strategy_producer_start(ops, p->strategy) != VB_OK) {
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
        goto done;
    }
    started = 1;

    const int64_t length = p->run->length;
    const int64_t fail_at =
        vb_pipeline_is_fault_target(o->fault_fail_mid_run, ops) ? o->warmup + o->frames / 2 : -1;
    const int64_t slow_ns =
        vb_pipeline_is_fault_target(o->fault_slow_strategy, ops) ? o->fault_slow_ns : 0;
    const int64_t acquire_limit = 2 * o->fence_timeout_ns + 1000000000LL;
    /* GL calls take turns where the driver serialises submissions; a Vulkan producer makes none */
    const int serialized = gl_current && vb_gl_submissions_serialized(&p->gl->info);
    const int has_stages = vb_strategy_has_stages(ops);
    p->start_ns = vb_now_ns();
    int64_t published = 0, last_rendered = -1;
    int measuring = 0;
    for (int64_t n = 0; n < length; n++) {
        if (vb_pipeline_stopping(p)) break;
        if (o->pace == VB_PACE_REALTIME) n = skip_late_frames(p, n);
        vb_frame_record *rec = &p->run->frames[n];
        /* Records a batch and more behind are finished by both threads, except the GPU
         * timers' late results (16 frames) and a late picture check, which simply bring
         * their page back; a long run's spooled records leave memory as it goes. */
        if (n % VB_FRAME_STORE_BATCH == 0 && n >= 2 * VB_FRAME_STORE_BATCH)
            vb_frame_store_release(p->run->frames, n - 2 * VB_FRAME_STORE_BATCH,
                                   n - VB_FRAME_STORE_BATCH);
        const int slot = (int)(published % o->slots);
        rec->audio_frame = n % p->audio_frames;
        if (o->pace == VB_PACE_REALTIME) {
            int64_t due = p->start_ns + due_offset_ns(n, o->view.fps);
            vb_sleep_until_ns(due);
            rec->ready_ns = due - p->start_ns;
        } else {
            rec->ready_ns = vb_now_ns() - p->start_ns;
        }
        if (!measuring && n >= o->warmup) {
            measuring = 1;
            p->process_cpu_start = vb_process_cpu_ns();
            p->measured_start_ns = rec->ready_ns;
        }
        const int64_t cpu_start = vb_thread_cpu_ns();
        const vb_work_counts work_start = vb_thread_work;
        int waited = vb_frame_ring_acquire(&p->ring, vb_now_ns() + acquire_limit);
        if (waited == VB_RING_CANCELLED) break;
        if (waited == VB_RING_TIMEOUT) {
            char message[160];
            snprintf(message, sizeof message,
                     "no frame slot came free within %.0f ms (the display side is stuck)",
                     (double)acquire_limit / 1e6);
            vb_pipeline_fail(p, p->producer_error, message);
            break;
        }
        rec->acquired_ns = vb_now_ns() - p->start_ns;
        if (remote) {
            if (produce_remotely(p, n, slot, rec) != VB_OK) break;
            if (measuring) p->remote_cpu_measured += p->remote_cpu_frame;
            if (simulated_failure(fail_at, n) != VB_OK) {
                vb_pipeline_fail(p, p->producer_error, vb_error_get());
                break;
            }
        } else {
            if (n > last_rendered + 1 && vb_strategy_takes_skipped_frames(ops) &&
                vb_renderer_has_history(renderer)) {
                vb_pipeline_gl_begin(serialized);
                int fed = feed_skipped_frames(p, renderer, last_rendered, n, &rec->bytes_to_gpu);
                vb_pipeline_gl_end(serialized);
                if (fed != VB_OK) {
                    vb_pipeline_fail(p, p->producer_error, vb_error_get());
                    break;
                }
            }
            last_rendered = n;
            vb_renderer_analyze(renderer, rec->audio_frame);
            rec->analyzed_ns = vb_now_ns() - p->start_ns;
            int status = vb_renderer_status(renderer); /* the input failed or changed */
            if (vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU)) {
                size_t count = 0;
                const float *analysis = vb_renderer_analysis(renderer, &count);
                vb_pipeline_gl_begin(serialized);
                vb_gpu_timer_begin(&timer, &rec->gpu_render_ns);
                if (status == VB_OK)
                    status = vb_strategy_gpu_render(ops, p->strategy, slot, analysis, count,
                                                    rec->audio_frame, &rec->bytes_to_gpu);
                vb_gpu_timer_end(&timer);
            } else if (status == VB_OK) {
                uint8_t *target = vb_strategy_cpu_target(ops, p->strategy, slot);
                if (target)
                    vb_renderer_draw(renderer, target, p->config.stride);
                else
                    status = -VB_ERR_FAILURE;
            }
            if (slow_ns > 0) burn_cpu(slow_ns);
            rec->rendered_ns = vb_now_ns() - p->start_ns;
            if (status == VB_OK)
                status = vb_strategy_hand_off(ops, p->strategy, slot, &rec->bytes_copied);
            if (vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU)) vb_pipeline_gl_end(serialized);
            if (status == VB_OK) status = simulated_failure(fail_at, n);
            if (status != VB_OK) {
                vb_pipeline_fail(p, p->producer_error, vb_error_get());
                break;
            }
            rec->handed_ns = vb_now_ns() - p->start_ns;
            rec->producer_cpu_ns = vb_thread_cpu_ns() - cpu_start;
        }
        rec->producer_gl_calls = vb_thread_work.gl_calls - work_start.gl_calls;
        rec->producer_allocations = vb_thread_work.allocations - work_start.allocations;
        rec->copies = vb_thread_work.copies - work_start.copies;
        p->run->produced = n + 1;
        p->slot_sequence[slot] = n;
        published++;
        if (has_stages) {
            /* the strategy's own threads take it on; its last stage publishes it */
            if (vb_strategy_dispatch(ops, p->strategy, slot) != VB_OK) {
                vb_pipeline_fail(p, p->producer_error, vb_error_get());
                break;
            }
        } else {
            vb_pipeline_publish(p, published - 1);
        }
        if (gl_current) {
            vb_pipeline_gl_begin(serialized);
            vb_gpu_timer_collect(&timer, 0);
            vb_pipeline_gl_end(serialized);
        }
    }
done:
    /* Frames still on the strategy's own threads reach the ring before the consumer may decide
     * that everything was taken. */
    if (started &&
        vb_strategy_drain(ops, p->strategy, vb_now_ns() + 2 * o->fence_timeout_ns + 1000000000LL) !=
            VB_OK &&
        !atomic_load(&p->failed))
        vb_pipeline_fail(p, p->producer_error, vb_error_get());
    atomic_store(&p->producer_done, 1);
    /* GL objects the consumer may still draw from live until it has finished. */
    sem_wait(&p->consumer_finished);
    if (gl_current) vb_gpu_timer_collect(&timer, 1);
    if (started) vb_strategy_producer_stop(ops, p->strategy);
    if (gl_current) {
        vb_gpu_timer_free(&timer);
        vb_gl_release_thread();
    }
    vb_renderer_destroy(renderer);
    return NULL;
}
