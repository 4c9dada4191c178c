#include "pipeline/pipeline.h"

#include "common/clock.h"
#include "common/error.h"
#include "audio/frame_clock.h"
#include "measure/frame_store.h"

#include <stdlib.h>

atomic_llong vb_run_progress;

static void reset_records(vb_run_record *run, int64_t warmup) {
    for (int64_t n = 0; n < run->length; n++) {
        vb_frame_record *r = &run->frames[n];
        memset(r, 0, sizeof *r);
        r->sequence = n;
        r->flags = n < warmup ? VB_FRAME_WARMUP : 0;
        r->ready_ns = r->acquired_ns = r->analyzed_ns = r->rendered_ns = r->handed_ns = -1;
        r->taken_ns = r->uploaded_ns = r->presented_ns = -1;
        r->producer_cpu_ns = r->consumer_cpu_ns = -1;
        r->producer_gl_calls = r->producer_allocations = r->copies = -1;
        r->consumer_gl_calls = r->consumer_allocations = -1;
        r->gpu_render_ns = r->gpu_upload_ns = r->gpu_compose_ns = -1;
        r->picture_error = -1;
        r->hop_encode_ns = r->ui_ns = r->ui_cpu_ns = r->hop_copy_ns = -1;
        r->io_ns = r->io_cpu_ns = r->io_upload_ns = r->mipmap_ns = -1;
        r->stage_allocations = r->stage_gl_calls = r->vsync_delay = -1;
        r->stage_copies = r->stage_bytes_copied = r->stage_bytes_to_gpu = -1;
        r->import_ns = r->release_wait_ns = r->sync_wait_ns = r->gpu_bytes_copied = -1;
        for (int i = 0; i < VB_FRAME_STRATEGY_FIGURES; i++)
            r->strategy_figures[i] = -1;
        vb_frame_store_passed(run->frames, n);
    }
}

/* The last stage of a strategy with threads of its own publishes through these. */
static void sink_publish(void *context) {
    pipeline *p = context;
    vb_pipeline_publish(p, p->stage_published++); /* one publishing thread: the last stage */
}

static void sink_fail(void *context, const char *message) {
    pipeline *p = context;
    pthread_mutex_lock(&p->stage_error_lock);
    if (!p->stage_error[0]) snprintf(p->stage_error, sizeof p->stage_error, "%s", message);
    pthread_mutex_unlock(&p->stage_error_lock);
    atomic_store(&p->failed, 1);
    vb_frame_ring_cancel(&p->ring);
}

static void set_reason(vb_run_record *run, const char *fmt, const char *detail) {
    snprintf(run->reason, sizeof run->reason, fmt, detail);
}

/* The record before the run: its length and picture requirement; -VB_ERR_FAILURE when the
 * strategy cannot run here (the record says why, unavailable). */
static int start_record(const vb_run_options *o, vb_gl_contexts *gl, const vb_strategy_ops *ops,
                        vb_run_record *run) {
    memset(run, 0, sizeof *run);
    run->strategy = &ops->facts;
    run->figure_count = vb_strategy_figure_count(ops);
    for (int i = 0; i < run->figure_count; i++)
        run->figures[i] = ops->figures[i];
    run->memory.producer_process_peak_bytes = -1;
    run->length = o->warmup + o->frames;
    run->picture.exact = !vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU);
    run->picture.passed = 1;
    run->picture.tolerance = o->picture_tolerance;
    run->picture.first_failure = -1;
    if (!gl) {
        run->status = VB_STRATEGY_UNAVAILABLE;
        set_reason(run, "%s", "no OpenGL: the display side needs a GL context");
        return -VB_ERR_FAILURE;
    }
    /* The simulated UUID mismatch (VIZBENCH_FAULT=uuid:STRATEGY): GL reports another device. */
    vb_gl_info info = gl->info;
    if (vb_pipeline_is_fault_target(o->fault_uuid_mismatch, ops)) info.device_uuid[0] ^= 0xff;
    const char *missing = vb_strategy_unavailable(ops, &info);
    if (missing) {
        run->status = VB_STRATEGY_UNAVAILABLE;
        set_reason(run, "%s", missing);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* The options and faults only one strategy reads (vb_strategy_own_options), for `ops`: a
 * fault only when it is aimed at this strategy. */
static vb_strategy_own_options own_options(const vb_run_options *o, const vb_strategy_ops *ops) {
    vb_strategy_own_options own = {0};
    own.pixel_copy.pool = o->pool;
    own.frb.codec = o->frb_codec;
    own.egl_image.fault_release_fence =
        vb_pipeline_is_fault_target(o->fault_release_fence_never_signals, ops);
    own.surface_producer.fault_map = vb_pipeline_is_fault_target(o->fault_map_fails, ops);
    own.impeller_image.fault_map = vb_pipeline_is_fault_target(o->fault_map_fails, ops);
    own.surface_producer.fault_release_fence =
        vb_pipeline_is_fault_target(o->fault_release_fence_never_signals, ops);
    own.surface_texture.fault_copy_fence =
        vb_pipeline_is_fault_target(o->fault_copy_fence_never_signals, ops);
    own.vulkan_interop.fault_fence = vb_pipeline_is_fault_target(o->fault_vk_fence, ops);
    const int producer_fault = vb_pipeline_is_fault_target(o->fault_producer, ops);
    const int64_t fault_at = o->warmup + o->frames / 2;
    own.vulkan_interop.fault_kill_at =
        producer_fault && o->fault_producer_kind == VB_PRODUCER_FAULT_KILL ? fault_at : -1;
    own.vulkan_interop.fault_garbage_at =
        producer_fault && o->fault_producer_kind == VB_PRODUCER_FAULT_GARBAGE ? fault_at : -1;
    own.vulkan_interop.fault_hang_at =
        producer_fault && o->fault_producer_kind == VB_PRODUCER_FAULT_HANG ? fault_at : -1;
    return own;
}

/* What the strategy is created with, from the run's options. */
static void configure(pipeline *p) {
    const vb_run_options *o = p->options;
    p->config.view = o->view;
    p->config.slots = o->slots;
    p->config.stride = (size_t)o->view.width * 4;
    p->config.frame_bytes = p->config.stride * (size_t)o->view.height;
    p->config.gl = p->gl;
    p->config.gl_serialized = vb_gl_submissions_serialized(&p->gl->info);
    p->config.sink = (vb_strategy_sink){p, sink_publish, sink_fail};
    p->config.fence_timeout_ns = o->fence_timeout_ns;
    p->config.producer_process = o->producer_process;
    p->config.audio = p->audio;
    p->config.own = own_options(o, p->ops);
}

/* The run's figures and how it ended, once both threads are done. */
static void take_results(pipeline *p) {
    vb_run_record *run = p->run;
    const vb_strategy_ops *ops = p->ops;
    vb_strategy_describe(ops, p->strategy, run->detail, sizeof run->detail);
    run->memory.producer_process_peak_bytes = vb_strategy_producer_process_peak(ops, p->strategy);
    run->process_cpu_ns = p->process_cpu_end - p->process_cpu_start + p->remote_cpu_measured;
    run->measured_wall_ns = p->measured_end_ns - p->measured_start_ns;
    if (p->stage_error[0] || p->consumer_error[0] || p->producer_error[0]) {
        /* a stage's failure first: the other threads' errors follow from it */
        run->status = VB_STRATEGY_FAILED;
        snprintf(run->reason, sizeof run->reason, "%s",
                 p->stage_error[0]      ? p->stage_error
                 : p->consumer_error[0] ? p->consumer_error
                                        : p->producer_error);
    } else if (run->produced < run->length) {
        run->status = VB_STRATEGY_INTERRUPTED;
        snprintf(run->reason, sizeof run->reason, "stopped by a signal after %lld of %lld frames",
                 (long long)run->produced, (long long)run->length);
    }
}

int vb_run_strategy(const vb_run_options *o, const vb_audio *audio, vb_gl_contexts *gl,
                    const vb_strategy_ops *ops, const atomic_int *stop, vb_run_record *run) {
    if (start_record(o, gl, ops, run) != VB_OK) return VB_OK;
    run->frames = vb_frame_store_alloc(run->length);
    if (!run->frames) return -VB_ERR_FAILURE;
    reset_records(run, o->warmup);

    pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        vb_error_set("%s: out of memory", ops->facts.name);
        return -VB_ERR_FAILURE;
    }
    p->options = o;
    p->audio = audio;
    p->gl = gl;
    p->ops = ops;
    p->run = run;
    p->stop = stop;
    p->audio_frames = vb_frame_count(audio->length, audio->sample_rate, o->view.fps);
    configure(p);
    p->remote_cpu_seen = -1;
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        p->previous_in_slot[i] = -1;
    atomic_store(&vb_run_progress, 0);

    if (vb_frame_ring_init(&p->ring, o->slots) != VB_OK) {
        run->status = VB_STRATEGY_FAILED;
        set_reason(run, "%s", vb_error_get());
        free(p);
        return VB_OK;
    }
    pthread_mutex_init(&p->stage_error_lock, NULL);
    sem_init(&p->consumer_ready, 0, 0);
    sem_init(&p->consumer_finished, 0, 0);
    if (vb_strategy_create(ops, &p->config, &p->strategy) != VB_OK) goto setup_failed;
    pthread_t consumer, producer;
    if (pthread_create(&consumer, NULL, vb_pipeline_consumer, p) != 0) {
        vb_error_set("cannot start the consumer thread");
        goto setup_failed;
    }
    if (pthread_create(&producer, NULL, vb_pipeline_producer, p) != 0) {
        /* The consumer waits for frames that never come; cancel it and let it finish. */
        vb_frame_ring_cancel(&p->ring);
        atomic_store(&p->producer_done, 1);
        pthread_join(consumer, NULL);
        vb_error_set("cannot start the producer thread");
        goto setup_failed;
    }
    pthread_join(producer, NULL);
    pthread_join(consumer, NULL);

    take_results(p);
    goto cleanup;

setup_failed:
    run->status = VB_STRATEGY_FAILED;
    set_reason(run, "%s", vb_error_get());
cleanup:
    vb_strategy_destroy(ops, p->strategy);
    sem_destroy(&p->consumer_ready);
    sem_destroy(&p->consumer_finished);
    pthread_mutex_destroy(&p->stage_error_lock);
    vb_frame_ring_destroy(&p->ring);
    free(p);
    return VB_OK;
}

void vb_run_record_free(vb_run_record *run) {
    vb_frame_store_free(run->frames);
    run->frames = NULL;
}
