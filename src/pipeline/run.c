#include "pipeline/run.h"

#include "audio/frame_clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "display/presenter.h"
#include "common/clock.h"
#include "measure/frame_store.h"
#include "measure/gpu_timer.h"
#include "measure/picture_check.h"
#include "render/renderer.h"
#include "transfer/frame_ring.h"

#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

atomic_llong vb_run_progress;

/* Mesa 22.3's llvmpipe crashes (a use-after-free inside the driver, reproduced within 16 runs with
 * MALLOC_PERTURB_ at max pace) when the producer's and the consumer's contexts make GL calls at
 * the same time. On a software renderer the two threads therefore take turns with GL (the
 * consumer from upload to fence and picture check, the producer for render and hand-off); the
 * CPU work of both (analysis, CPU render, copies) still overlaps. Hardware drivers are left
 * concurrent. */
static pthread_mutex_t gl_submission_lock = PTHREAD_MUTEX_INITIALIZER;

int vb_gl_submissions_serialized(const vb_gl_info *gl) {
    return gl->software;
}

static void gl_submission_begin(int serialized) {
    if (serialized) pthread_mutex_lock(&gl_submission_lock);
}

static void gl_submission_end(int serialized) {
    if (serialized) pthread_mutex_unlock(&gl_submission_lock);
}

/* How long the consumer waits for the next frame before calling the producer stuck: 10 s, or 5
 * fence timeouts when those are longer (a run under valgrind compiles shaders for seconds). */
#define FRAME_ARRIVAL_LIMIT_NS 10000000000LL
#define FRAME_ARRIVAL_FENCES 5
#define ARRIVAL_SLICE_NS 50000000LL

void vb_run_options_defaults(vb_run_options *o) {
    memset(o, 0, sizeof *o);
    vb_view_options_defaults(&o->view);
    o->pace = VB_PACE_REALTIME;
    o->frames = 300;
    o->warmup = 30;
    o->slots = 3;
    o->picture_tolerance = 2;
    o->fence_timeout_ns = 2000000000LL;
}

const char *vb_pace_name(vb_pace pace) {
    return pace == VB_PACE_MAX ? "max" : "realtime";
}

int vb_pace_from_name(const char *option, const char *name, vb_pace *pace) {
    if (strcmp(name, "realtime") == 0) {
        *pace = VB_PACE_REALTIME;
    } else if (strcmp(name, "max") == 0) {
        *pace = VB_PACE_MAX;
    } else {
        vb_error_set("%s: unknown pace '%s' (expected realtime or max)", option, name);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

const char *vb_gpu_timers_name(int setting) {
    return setting == VB_GPU_TIMERS_ON ? "on" : setting == VB_GPU_TIMERS_OFF ? "off" : "auto";
}

int vb_gpu_timers_from_name(const char *option, const char *name, int *setting) {
    if (strcmp(name, "auto") == 0) {
        *setting = VB_GPU_TIMERS_AUTO;
    } else if (strcmp(name, "on") == 0) {
        *setting = VB_GPU_TIMERS_ON;
    } else if (strcmp(name, "off") == 0) {
        *setting = VB_GPU_TIMERS_OFF;
    } else {
        vb_error_set("%s: expected auto, on or off, got '%s'", option, name);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

int vb_gpu_timers_enabled(int setting, const vb_gl_info *gl) {
    if (!gl->has_timer_query || setting == VB_GPU_TIMERS_OFF) return 0;
    return setting == VB_GPU_TIMERS_ON || !gl->software;
}

const char *vb_strategy_status_name(vb_strategy_status status) {
    static const char *const names[] = {"ok", "unavailable", "failed", "interrupted", "not-run"};
    return names[status];
}

typedef struct pipeline {
    const vb_run_options *options;
    const vb_audio *audio;
    vb_gl_contexts *gl;
    const vb_strategy_ops *ops;
    vb_strategy *strategy;
    vb_strategy_config config;
    vb_strategy_run *run;
    vb_frame_ring ring;
    int64_t audio_frames;
    const atomic_int *stop;
    atomic_int failed;
    atomic_int producer_done;
    atomic_int consumer_ok;
    sem_t consumer_ready;
    sem_t consumer_finished;
    int64_t start_ns; /* written by the producer before its first publish */
    int64_t process_cpu_start, process_cpu_end;
    int64_t measured_start_ns, measured_end_ns;
    /* The sequence number in each ring slot: written by the producer before it publishes the
     * slot, read by the consumer after taking it (the ring's counters order the two). Frames
     * skipped by a late producer leave gaps, so slot and sequence are not tied. */
    int64_t slot_sequence[VB_RING_MAX_SLOTS];
    char producer_error[256];
    char consumer_error[256];
} pipeline;

static void fail(pipeline *p, char *slot, const char *message) {
    snprintf(slot, 256, "%s", message);
    atomic_store(&p->failed, 1);
    vb_frame_ring_cancel(&p->ring);
}

static int stopping(pipeline *p) {
    return atomic_load(&p->failed) || (p->stop && atomic_load(p->stop));
}

/* Signals go to the main thread, which sets `stop`; the workers only look at the flag. */
static void block_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static int is_fault_target(const char *fault, const vb_strategy_ops *ops) {
    return fault && strcmp(fault, ops->name) == 0;
}

/* ---- producer ---------------------------------------------------------------------------- */

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

static void *producer_main(void *opaque) {
    pipeline *p = opaque;
    const vb_run_options *o = p->options;
    const vb_strategy_ops *ops = p->ops;
    block_signals();
    sem_wait(&p->consumer_ready);
    if (!atomic_load(&p->consumer_ok)) return NULL;

    vb_renderer *renderer = vb_renderer_create(&o->view, p->audio);
    vb_gpu_timer timer = {0};
    int started = 0, gl_current = 0;
    if (!renderer) {
        fail(p, p->producer_error, vb_error_get());
        goto done;
    }
    if (ops->renders_on_gpu) {
        if (vb_gl_make_producer_current(p->gl) != VB_OK) {
            fail(p, p->producer_error, vb_error_get());
            goto done;
        }
        gl_current = 1;
        vb_gpu_timer_init(&timer, vb_gpu_timers_enabled(o->gpu_timers, &p->gl->info));
    }
    if (vb_strategy_producer_start(ops, p->strategy) != VB_OK) {
        fail(p, p->producer_error, vb_error_get());
        goto done;
    }
    started = 1;

    const int64_t length = p->run->length;
    const int64_t fail_at =
        is_fault_target(o->fault_fail_mid_run, ops) ? o->warmup + o->frames / 2 : -1;
    const int64_t slow_ns = is_fault_target(o->fault_slow_strategy, ops) ? o->fault_slow_ns : 0;
    const int64_t acquire_limit = 2 * o->fence_timeout_ns + 1000000000LL;
    const int serialized = vb_gl_submissions_serialized(&p->gl->info);
    p->start_ns = vb_now_ns();
    int64_t published = 0, last_rendered = -1;
    int measuring = 0;
    for (int64_t n = 0; n < length; n++) {
        if (stopping(p)) break;
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
            fail(p, p->producer_error, message);
            break;
        }
        rec->acquired_ns = vb_now_ns() - p->start_ns;
        if (n > last_rendered + 1 && vb_strategy_takes_skipped_frames(ops) &&
            vb_renderer_has_history(renderer)) {
            gl_submission_begin(serialized);
            int fed = feed_skipped_frames(p, renderer, last_rendered, n, &rec->bytes_to_gpu);
            gl_submission_end(serialized);
            if (fed != VB_OK) {
                fail(p, p->producer_error, vb_error_get());
                break;
            }
        }
        last_rendered = n;
        vb_renderer_analyze(renderer, rec->audio_frame);
        rec->analyzed_ns = vb_now_ns() - p->start_ns;
        int status = vb_renderer_status(renderer); /* the input failed or changed */
        if (ops->renders_on_gpu) {
            size_t count = 0;
            const float *analysis = vb_renderer_analysis(renderer, &count);
            gl_submission_begin(serialized);
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
        if (ops->renders_on_gpu) gl_submission_end(serialized);
        if (status == VB_OK && fail_at >= 0 && n >= fail_at) {
            vb_error_set("simulated failure at frame %lld (VIZBENCH_FAULT)", (long long)n);
            status = -VB_ERR_FAILURE;
        }
        if (status != VB_OK) {
            fail(p, p->producer_error, vb_error_get());
            break;
        }
        rec->handed_ns = vb_now_ns() - p->start_ns;
        rec->producer_cpu_ns = vb_thread_cpu_ns() - cpu_start;
        rec->producer_gl_calls = vb_thread_work.gl_calls - work_start.gl_calls;
        rec->producer_allocations = vb_thread_work.allocations - work_start.allocations;
        rec->copies = vb_thread_work.copies - work_start.copies;
        p->run->produced = n + 1;
        p->slot_sequence[slot] = n;
        published++;
        vb_frame_ring_publish(&p->ring);
        if (ops->renders_on_gpu) {
            gl_submission_begin(serialized);
            vb_gpu_timer_collect(&timer, 0);
            gl_submission_end(serialized);
        }
    }
done:
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

/* ---- consumer ---------------------------------------------------------------------------- */

typedef struct checker {
    vb_renderer *reference;
    uint8_t *shown, *expected;
} checker;

static void check_picture(pipeline *p, checker *c, vb_presenter *presenter, vb_frame_record *rec) {
    const vb_strategy_config *cfg = &p->config;
    vb_presenter_read(presenter, c->shown);
    vb_renderer_render(c->reference, rec->audio_frame, c->expected, cfg->stride);
    vb_picture_diff diff;
    const size_t pixels = (size_t)cfg->view.width * (size_t)cfg->view.height;
    vb_picture_compare(c->shown, c->expected, pixels, &diff);
    rec->checksum_shown = vb_checksum(c->shown, cfg->frame_bytes);
    rec->checksum_expected = vb_checksum(c->expected, cfg->frame_bytes);
    rec->picture_error = diff.max_error;
    rec->flags |= VB_FRAME_VERIFIED;

    vb_picture_result *r = &p->run->picture;
    r->checked++;
    int ok = r->exact ? diff.differing == 0 : diff.p999_error <= r->tolerance;
    if (!ok && r->first_failure < 0) r->first_failure = rec->sequence;
    if (!ok) r->passed = 0;
    if (diff.max_error > r->max_error) r->max_error = diff.max_error;
    if (diff.p999_error > r->p999_error) r->p999_error = diff.p999_error;
    if (diff.differing > r->differing_pixels) r->differing_pixels = diff.differing;
}

static int checker_init(checker *c, pipeline *p) {
    c->reference = vb_renderer_create(&p->options->view, p->audio);
    c->shown = malloc(p->config.frame_bytes);
    c->expected = malloc(p->config.frame_bytes);
    if (!c->reference || !c->shown || !c->expected) {
        if (c->reference) vb_error_set("picture check: out of memory");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

static void checker_free(checker *c) {
    vb_renderer_destroy(c->reference);
    free(c->shown);
    free(c->expected);
}

static void release_slot(pipeline *p, int slot) {
    vb_strategy_release(p->ops, p->strategy, slot);
    vb_frame_ring_release(&p->ring);
}

static void *consumer_main(void *opaque) {
    pipeline *p = opaque;
    const vb_run_options *o = p->options;
    const vb_strategy_ops *ops = p->ops;
    block_signals();
    vb_presenter presenter = {0};
    checker check = {0};
    vb_gpu_timer timer = {0};
    int current = 0, presenter_ready = 0, started = 0;
    if (vb_gl_make_consumer_current(p->gl) != VB_OK) goto setup_failed;
    current = 1;
    if (vb_presenter_init(&presenter, o->view.width, o->view.height,
                          p->gl->visible ? p->gl->consumer_window : NULL,
                          !p->gl->info.software) != VB_OK)
        goto setup_failed;
    presenter_ready = 1;
    if (vb_strategy_consumer_start(ops, p->strategy) != VB_OK) goto setup_failed;
    started = 1;
    if (checker_init(&check, p) != VB_OK) goto setup_failed;
    vb_gpu_timer_init(&timer, vb_gpu_timers_enabled(o->gpu_timers, &p->gl->info));
    atomic_store(&p->consumer_ok, 1);
    sem_post(&p->consumer_ready);

    const int fence_fault = is_fault_target(o->fault_fence_never_signals, ops);
    const int serialized = vb_gl_submissions_serialized(&p->gl->info);
    int64_t taken = 0, last_presented = -1, waiting_since = vb_now_ns();
    const int64_t arrival_limit =
        FRAME_ARRIVAL_FENCES * o->fence_timeout_ns > FRAME_ARRIVAL_LIMIT_NS
            ? FRAME_ARRIVAL_FENCES * o->fence_timeout_ns
            : FRAME_ARRIVAL_LIMIT_NS;
    int previous_verified = 0;
    for (;;) {
        int got = vb_frame_ring_take(&p->ring, vb_now_ns() + ARRIVAL_SLICE_NS);
        if (got == VB_RING_CANCELLED) break;
        if (got == VB_RING_TIMEOUT) {
            if (atomic_load(&p->producer_done) && taken == atomic_load(&p->ring.published)) break;
            if (vb_now_ns() - waiting_since > arrival_limit) {
                char why[96];
                snprintf(why, sizeof why, "no frame arrived within %lld s (the producer is stuck)",
                         (long long)(arrival_limit / 1000000000LL));
                fail(p, p->consumer_error, why);
                break;
            }
            continue;
        }
        int slot = (int)(taken++ % o->slots);
        int64_t seq = p->slot_sequence[slot];
        if (o->pace == VB_PACE_REALTIME) {
            /* A display shows the newest frame; older ones waiting are dropped unseen. */
            while (vb_frame_ring_take_if_ready(&p->ring)) {
                p->run->frames[seq].flags |= VB_FRAME_DROPPED;
                gl_submission_begin(serialized); /* a release may delete a GL fence */
                release_slot(p, slot);
                gl_submission_end(serialized);
                slot = (int)(taken++ % o->slots);
                seq = p->slot_sequence[slot];
            }
        }
        vb_frame_record *rec = &p->run->frames[seq];
        rec->taken_ns = vb_now_ns() - p->start_ns;
        const int64_t cpu_start = vb_thread_cpu_ns();
        const vb_work_counts work_start = vb_thread_work;
        GLuint texture = 0;
        gl_submission_begin(serialized);
        vb_gpu_timer_begin(&timer, &rec->gpu_upload_ns);
        int status = vb_strategy_upload(ops, p->strategy, slot, presenter.frame_texture, &texture,
                                        &rec->bytes_uploaded);
        vb_gpu_timer_end(&timer);
        if (status != VB_OK) {
            gl_submission_end(serialized);
            fail(p, p->consumer_error, vb_error_get());
            release_slot(p, slot);
            break;
        }
        rec->uploaded_ns = vb_now_ns() - p->start_ns;
        vb_gpu_timer_begin(&timer, &rec->gpu_compose_ns);
        vb_presenter_compose(&presenter, texture);
        vb_gpu_timer_end(&timer);

        if (fence_fault) {
            vb_sleep_until_ns(vb_now_ns() + o->fence_timeout_ns);
            vb_error_set("fence did not signal within %.0f ms (simulated by VIZBENCH_FAULT)",
                         (double)o->fence_timeout_ns / 1e6);
            status = -VB_ERR_FAILURE;
        } else {
            status = vb_presenter_wait(&presenter, (uint64_t)o->fence_timeout_ns);
        }
        if (status != VB_OK) {
            gl_submission_end(serialized);
            fail(p, p->consumer_error, vb_error_get());
            release_slot(p, slot);
            break;
        }
        rec->presented_ns = vb_now_ns() - p->start_ns;
        rec->consumer_cpu_ns = vb_thread_cpu_ns() - cpu_start;
        rec->consumer_gl_calls = vb_thread_work.gl_calls - work_start.gl_calls;
        rec->consumer_allocations = vb_thread_work.allocations - work_start.allocations;
        rec->flags |= VB_FRAME_PRESENTED;
        if (previous_verified) rec->flags |= VB_FRAME_PERTURBED;
        previous_verified = o->verify_every > 0 && seq % o->verify_every == 0;
        if (previous_verified) check_picture(p, &check, &presenter, rec);
        last_presented = seq;
        atomic_store_explicit(&vb_run_progress, seq + 1, memory_order_relaxed);
        release_slot(p, slot);
        vb_gpu_timer_collect(&timer, 0);
        gl_submission_end(serialized);
        waiting_since = vb_now_ns();
        if (seq == p->run->length - 1) break;
    }
    /* The framebuffer still shows the last presented frame: the end-of-run check. */
    if (last_presented >= 0 && !atomic_load(&p->failed) &&
        !(p->run->frames[last_presented].flags & VB_FRAME_VERIFIED))
        check_picture(p, &check, &presenter, &p->run->frames[last_presented]);
    p->process_cpu_end = vb_process_cpu_ns();
    if (last_presented >= 0) p->measured_end_ns = p->run->frames[last_presented].presented_ns;
    vb_gpu_timer_collect(&timer, 1);
    vb_gpu_timer_free(&timer);
    checker_free(&check);
    if (started) vb_strategy_consumer_stop(ops, p->strategy);
    vb_presenter_free(&presenter);
    vb_gl_release_thread();
    sem_post(&p->consumer_finished);
    return NULL;

setup_failed:
    snprintf(p->consumer_error, sizeof p->consumer_error, "%s", vb_error_get());
    atomic_store(&p->failed, 1);
    checker_free(&check);
    if (started) vb_strategy_consumer_stop(ops, p->strategy);
    if (presenter_ready) vb_presenter_free(&presenter);
    if (current) vb_gl_release_thread();
    sem_post(&p->consumer_ready);
    return NULL;
}

/* ---- one strategy ------------------------------------------------------------------------ */

static void reset_records(vb_strategy_run *run, int64_t warmup) {
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
        vb_frame_store_passed(run->frames, n);
    }
}

static void set_reason(vb_strategy_run *run, const char *fmt, const char *detail) {
    snprintf(run->reason, sizeof run->reason, fmt, detail);
}

int vb_run_strategy(const vb_run_options *o, const vb_audio *audio, vb_gl_contexts *gl,
                    const vb_strategy_ops *ops, const atomic_int *stop, vb_strategy_run *run) {
    memset(run, 0, sizeof *run);
    run->ops = ops;
    run->length = o->warmup + o->frames;
    run->picture.exact = !ops->renders_on_gpu;
    run->picture.passed = 1;
    run->picture.tolerance = o->picture_tolerance;
    run->picture.first_failure = -1;
    if (!gl) {
        run->status = VB_STRATEGY_UNAVAILABLE;
        set_reason(run, "%s", "no OpenGL: the display side needs a GL context");
        return VB_OK;
    }
    const char *missing = vb_strategy_unavailable(ops, &gl->info);
    if (missing) {
        run->status = VB_STRATEGY_UNAVAILABLE;
        set_reason(run, "%s", missing);
        return VB_OK;
    }
    run->frames = vb_frame_store_alloc(run->length);
    if (!run->frames) return -VB_ERR_FAILURE;
    reset_records(run, o->warmup);

    pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        vb_error_set("%s: out of memory", ops->name);
        return -VB_ERR_FAILURE;
    }
    p->options = o;
    p->audio = audio;
    p->gl = gl;
    p->ops = ops;
    p->run = run;
    p->stop = stop;
    p->audio_frames = vb_frame_count(audio->length, audio->sample_rate, o->view.fps);
    p->config.view = o->view;
    p->config.slots = o->slots;
    p->config.pool = o->pool;
    p->config.stride = (size_t)o->view.width * 4;
    p->config.frame_bytes = p->config.stride * (size_t)o->view.height;
    atomic_store(&vb_run_progress, 0);

    if (vb_frame_ring_init(&p->ring, o->slots) != VB_OK) {
        run->status = VB_STRATEGY_FAILED;
        set_reason(run, "%s", vb_error_get());
        free(p);
        return VB_OK;
    }
    sem_init(&p->consumer_ready, 0, 0);
    sem_init(&p->consumer_finished, 0, 0);
    if (vb_strategy_create(ops, &p->config, &p->strategy) != VB_OK) goto setup_failed;
    pthread_t consumer, producer;
    if (pthread_create(&consumer, NULL, consumer_main, p) != 0) {
        vb_error_set("cannot start the consumer thread");
        goto setup_failed;
    }
    if (pthread_create(&producer, NULL, producer_main, p) != 0) {
        /* The consumer waits for frames that never come; cancel it and let it finish. */
        vb_frame_ring_cancel(&p->ring);
        atomic_store(&p->producer_done, 1);
        pthread_join(consumer, NULL);
        vb_error_set("cannot start the producer thread");
        goto setup_failed;
    }
    pthread_join(producer, NULL);
    pthread_join(consumer, NULL);

    run->process_cpu_ns = p->process_cpu_end - p->process_cpu_start;
    run->measured_wall_ns = p->measured_end_ns - p->measured_start_ns;
    if (p->consumer_error[0] || p->producer_error[0]) {
        run->status = VB_STRATEGY_FAILED;
        snprintf(run->reason, sizeof run->reason, "%s",
                 p->consumer_error[0] ? p->consumer_error : p->producer_error);
    } else if (run->produced < run->length) {
        run->status = VB_STRATEGY_INTERRUPTED;
        snprintf(run->reason, sizeof run->reason, "stopped by a signal after %lld of %lld frames",
                 (long long)run->produced, (long long)run->length);
    }
    goto cleanup;

setup_failed:
    run->status = VB_STRATEGY_FAILED;
    set_reason(run, "%s", vb_error_get());
cleanup:
    vb_strategy_destroy(ops, p->strategy);
    sem_destroy(&p->consumer_ready);
    sem_destroy(&p->consumer_finished);
    vb_frame_ring_destroy(&p->ring);
    free(p);
    return VB_OK;
}

void vb_strategy_run_free(vb_strategy_run *run) {
    vb_frame_store_free(run->frames);
    run->frames = NULL;
}
