/* The consumer thread of one run: take, upload, draw, fence, picture check, frame by frame, in
 * steps chosen once for the run (pipeline/steps.h): how frames arrive (as they come, or latched
 * by a display clock), whether newer ones drop older, whether the strategy recorded stages. */
#include "pipeline/steps.h"

#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "display/presenter.h"
#include "measure/gpu_timer.h"
#include "measure/memory_use.h"
#include "measure/picture_check.h"
#include "render/renderer.h"

#include <stdlib.h>

/* The picture check reads back and renders a band of rows at a time: two bands in memory, not
 * two frames (66 MB at 3840x2160). */
#define CHECK_BAND_BYTES ((size_t)1 << 20)

typedef struct checker {
    vb_renderer *reference;
    uint8_t *shown, *expected; /* [band_rows] rows each */
    int band_rows;
} checker;

static void check_picture(pipeline *p, checker *c, vb_presenter *presenter, vb_frame_record *rec) {
    const vb_strategy_config *cfg = &p->config;
    const int height = cfg->view.height;
    vb_renderer_analyze(c->reference, rec->audio_frame);
    vb_renderer_prepare(c->reference);
    vb_picture_tally tally;
    vb_picture_tally_start(&tally);
    uint64_t shown_sum = VB_CHECKSUM_START, expected_sum = VB_CHECKSUM_START;
    for (int y = 0; y < height; y += c->band_rows) {
        const int rows = height - y < c->band_rows ? height - y : c->band_rows;
        const size_t bytes = cfg->stride * (size_t)rows;
        vb_presenter_read_rows(presenter, y, rows, c->shown);
        vb_renderer_draw_rows(c->reference, c->expected, cfg->stride, y, y + rows);
        vb_picture_tally_add(&tally, c->shown, c->expected, (size_t)cfg->view.width * (size_t)rows);
        shown_sum = vb_checksum_continue(shown_sum, c->shown, bytes);
        expected_sum = vb_checksum_continue(expected_sum, c->expected, bytes);
    }
    vb_picture_diff diff;
    vb_picture_tally_finish(&tally, &diff);
    rec->checksum_shown = shown_sum;
    rec->checksum_expected = expected_sum;
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
    c->band_rows = (int)(CHECK_BAND_BYTES / p->config.stride);
    if (c->band_rows < 1) c->band_rows = 1;
    if (c->band_rows > p->options->view.height) c->band_rows = p->options->view.height;
    c->shown = malloc(p->config.stride * (size_t)c->band_rows);
    c->expected = malloc(p->config.stride * (size_t)c->band_rows);
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

/* What the strategy's own threads recorded of the frame just taken, into its record: their
 * times relative to the run's start. */
static void take_stages(pipeline *p, int slot, int64_t seq) {
    vb_stage_record st;
    vb_strategy_collect(p->ops, p->strategy, slot, &st);
    vb_frame_record *rec = &p->run->frames[seq];
    rec->hop_encode_ns = st.hop_encode_ns;
    rec->ui_ns = st.ui_done_ns >= 0 ? st.ui_done_ns - p->start_ns : -1;
    rec->ui_cpu_ns = st.ui_cpu_ns;
    rec->hop_copy_ns = st.hop_copy_ns;
    rec->io_ns = st.io_done_ns >= 0 ? st.io_done_ns - p->start_ns : -1;
    rec->io_cpu_ns = st.io_cpu_ns;
    rec->io_upload_ns = st.io_upload_ns;
    rec->mipmap_ns = st.mipmap_ns;
    rec->stage_allocations = st.allocations;
    rec->stage_gl_calls = st.gl_calls;
    rec->stage_copies = st.copies;
    rec->stage_bytes_copied = st.bytes_copied;
    rec->stage_bytes_to_gpu = st.bytes_to_gpu;
    rec->release_wait_ns = st.release_wait_ns;
    rec->sync_wait_ns = st.sync_wait_ns;
    memcpy(rec->strategy_figures, st.strategy_figures, sizeof rec->strategy_figures);
    if (st.gpu_render_ns >= 0) rec->gpu_render_ns = st.gpu_render_ns;
    /* A GPU time the strategy learnt only now belongs to the slot's previous frame. */
    if (st.earlier_gpu_ns >= 0 && p->previous_in_slot[slot] >= 0)
        p->run->frames[p->previous_in_slot[slot]].gpu_render_ns = st.earlier_gpu_ns;
    p->previous_in_slot[slot] = seq;
}

/* A display clock's latch: takes the next frame if it reached the ring by the tick (the thread
 * wakes a little after the tick; a frame arriving in between waits for the next one). */
static int take_if_arrived(pipeline *p, int64_t taken, int64_t tick_ns) {
    if (atomic_load(&p->ring.published) <= taken) return 0;
    if (p->slot_arrival_ns[taken % p->options->slots] > tick_ns) return 0;
    return vb_frame_ring_take_if_ready(&p->ring);
}

static void release_slot(pipeline *p, int slot) {
    vb_strategy_release(p->ops, p->strategy, slot);
    vb_frame_ring_release(&p->ring);
}

static void no_stages(pipeline *p, int slot, int64_t seq) {
    (void)p, (void)slot, (void)seq;
}

typedef struct consumer consumer;

/* The consumer's steps, chosen once for the run (choose_steps). */
typedef struct consumer_steps {
    /* The next frame: VB_RING_OK (taken), VB_RING_TIMEOUT or VB_RING_CANCELLED. */
    int (*arrive)(consumer *c);
    /* Whether a newer frame was taken too (the older one is then dropped unseen). */
    int (*newer)(consumer *c);
    /* No frame arrived: a display clock's tick repeats the picture on screen. */
    void (*missed)(consumer *c);
    /* The display clock's accounting of frame `seq`, taken with `ready` - 1 dropped. */
    void (*account)(consumer *c, int64_t seq, int ready);
    /* What the strategy's own threads recorded of the slot just taken, and after its upload. */
    void (*take_stages)(pipeline *p, int slot, int64_t seq);
    void (*after_upload)(consumer *c, int slot, vb_frame_record *rec);
    vb_consumer_wait fence_wait;
} consumer_steps;

/* The consumer thread's state over one run. */
struct consumer {
    pipeline *p;
    vb_presenter presenter;
    checker check;
    vb_gpu_timer timer;
    int serialized;
    int64_t taken, last_presented, waiting_since, arrival_limit;
    int previous_verified;
    vb_vsync vsync;
    int vsync_hz;
    int64_t tick_ns; /* the display clock's tick the frame is latched at, -1 without */
    consumer_steps steps;
};

/* Frames as they come: the next one, or a timeout after a slice of waiting. */
static int arrive_free(consumer *c) {
    return vb_frame_ring_take(&c->p->ring, vb_now_ns() + ARRIVAL_SLICE_NS);
}

static int latch_on_tick(consumer *c) {
    pipeline *p = c->p;
    c->tick_ns = vb_vsync_next_tick(&c->vsync, vb_now_ns());
    vb_sleep_until_ns(c->tick_ns);
    return take_if_arrived(p, c->taken, c->tick_ns) ? VB_RING_OK
           : atomic_load(&p->ring.cancelled)        ? VB_RING_CANCELLED
                                                    : VB_RING_TIMEOUT;
}

/* The display clock starts with the first frame: its ticks fall half a period after each
 * frame's due time (the producer's clock, known once it published), a fixed phase so that
 * runs compare; a frame reaching the display within half a period is latched one tick after it
 * was due. Later frames are latched at the clock's ticks. */
static int latch_first(consumer *c) {
    int got = vb_frame_ring_take(&c->p->ring, vb_now_ns() + ARRIVAL_SLICE_NS);
    if (got == VB_RING_OK) {
        vb_vsync_init(&c->vsync, c->vsync_hz, c->p->start_ns + 500000000LL / c->vsync_hz);
        c->steps.arrive = latch_on_tick;
        c->tick_ns = vb_vsync_next_tick(&c->vsync, vb_now_ns());
        vb_sleep_until_ns(c->tick_ns);
    }
    return got;
}

static int newer_ready(consumer *c) {
    return vb_frame_ring_take_if_ready(&c->p->ring);
}

static int newer_by_tick(consumer *c) {
    return take_if_arrived(c->p, c->taken, c->tick_ns);
}

static int never_newer(consumer *c) {
    (void)c;
    return 0;
}

/* The picture on screen repeated (counted from the first measured frame on). */
static void repeat_tick(consumer *c) {
    if (c->last_presented >= c->p->options->warmup) vb_vsync_tick(&c->vsync, 0);
}

static void nothing_missed(consumer *c) {
    (void)c;
}

static void account_none(consumer *c, int64_t seq, int ready) {
    (void)c, (void)seq, (void)ready;
}

/* A display clock at max pace: each frame in order makes its own tick. */
static void account_ticks(consumer *c, int64_t seq, int ready) {
    if (seq >= c->p->options->warmup) vb_vsync_tick(&c->vsync, ready);
}

/* A display clock at realtime pace: the tick, and the frame's delay to the tick it made. */
static void account_latched(consumer *c, int64_t seq, int ready) {
    pipeline *p = c->p;
    account_ticks(c, seq, ready);
    p->run->frames[seq].vsync_delay =
        vb_vsync_delay(&c->vsync, p->start_ns + p->run->frames[seq].ready_ns, c->tick_ns);
}

/* A one-time import and a copy on the GPU happen in the upload, and so do figures of its own
 * that a strategy learns there (surface-texture's copy): those it recorded now replace the ones
 * taken with the frame. */
static void collect_import(consumer *c, int slot, vb_frame_record *rec) {
    vb_stage_record st;
    vb_strategy_collect(c->p->ops, c->p->strategy, slot, &st);
    rec->import_ns = st.import_ns;
    rec->gpu_bytes_copied = st.gpu_bytes_copied;
    for (int i = 0; i < VB_FRAME_STRATEGY_FIGURES; i++)
        if (st.strategy_figures[i] >= 0) rec->strategy_figures[i] = st.strategy_figures[i];
}

static void nothing_after_upload(consumer *c, int slot, vb_frame_record *rec) {
    (void)c, (void)slot, (void)rec;
}

static int wait_for_fence(const pipeline *p, vb_presenter *presenter) {
    return vb_presenter_wait(presenter, (uint64_t)p->options->fence_timeout_ns);
}

/* A display clock (--vsync, or always for vsync-driven strategies): at realtime pace the
 * consumer wakes at each tick and latches the newest frame ready; at max pace there is no
 * waiting, each frame in order makes its own tick (throughput; no frames of delay). */
static void choose_steps(consumer *c) {
    pipeline *p = c->p;
    const vb_run_options *o = p->options;
    const int realtime = o->pace == VB_PACE_REALTIME;
    c->vsync_hz = vb_run_vsync_hz(o, p->ops);
    const int on_ticks = c->vsync_hz > 0 && realtime;
    const int stages = vb_strategy_records_stages(p->ops);
    vb_vsync_init(&c->vsync, c->vsync_hz > 0 ? c->vsync_hz : 1, vb_now_ns());
    c->vsync.hz = c->vsync_hz;
    c->steps = (consumer_steps){
        .arrive = on_ticks ? latch_first : arrive_free,
        .newer = on_ticks   ? newer_by_tick
                 : realtime ? newer_ready
                            : never_newer,
        .missed = on_ticks ? repeat_tick : nothing_missed,
        .account = on_ticks          ? account_latched
                   : c->vsync_hz > 0 ? account_ticks
                                     : account_none,
        .take_stages = stages ? take_stages : no_stages,
        .after_upload = stages ? collect_import : nothing_after_upload,
        .fence_wait = vb_consumer_fence_wait(p, wait_for_fence),
    };
}

/* No frame arrived in time: 1 when the run is over (every frame taken, or the producer stuck),
 * 0 to wait on. */
static int no_frame(consumer *c) {
    pipeline *p = c->p;
    if (atomic_load(&p->producer_done) && c->taken == atomic_load(&p->ring.published)) return 1;
    c->steps.missed(c);
    if (vb_now_ns() - c->waiting_since > c->arrival_limit) {
        char why[96];
        snprintf(why, sizeof why, "no frame arrived within %lld s (the producer is stuck)",
                 (long long)(c->arrival_limit / 1000000000LL));
        vb_pipeline_fail(p, p->consumer_error, why);
        return 1;
    }
    return 0;
}

/* The frame just taken, or at realtime pace the newest one waiting (a display shows the newest
 * frame; older ones are dropped unseen). Returns its slot, its sequence in *seq. */
static int take_newest(consumer *c, int64_t *seq) {
    pipeline *p = c->p;
    int ready = 1;
    int slot = (int)(c->taken++ % p->options->slots);
    *seq = p->slot_sequence[slot];
    c->steps.take_stages(p, slot, *seq);
    while (c->steps.newer(c)) {
        p->run->frames[*seq].flags |= VB_FRAME_DROPPED;
        vb_pipeline_gl_begin(c->serialized); /* a release may delete a GL fence */
        release_slot(p, slot);
        vb_pipeline_gl_end(c->serialized);
        slot = (int)(c->taken++ % p->options->slots);
        *seq = p->slot_sequence[slot];
        c->steps.take_stages(p, slot, *seq);
        ready++;
    }
    c->steps.account(c, *seq, ready);
    return slot;
}

/* A step of show that failed: the GL turn ends, the run with it. */
static int show_failed(consumer *c, int slot) {
    vb_pipeline_gl_end(c->serialized);
    vb_pipeline_fail(c->p, c->p->consumer_error, vb_error_get());
    release_slot(c->p, slot);
    return -VB_ERR_FAILURE;
}

/* Upload, draw, fence, and the picture check when one is due; the slot released. */
static int show(consumer *c, int slot, int64_t seq) {
    pipeline *p = c->p;
    const vb_run_options *o = p->options;
    vb_frame_record *rec = &p->run->frames[seq];
    rec->taken_ns = vb_now_ns() - p->start_ns;
    const int64_t cpu_start = vb_thread_cpu_ns();
    const vb_work_counts work_start = vb_thread_work;
    GLuint texture = 0;
    vb_pipeline_gl_begin(c->serialized);
    vb_gpu_timer_begin(&c->timer, &rec->gpu_upload_ns);
    int status = vb_strategy_upload(p->ops, p->strategy, slot, c->presenter.frame_texture, &texture,
                                    &rec->bytes_uploaded);
    vb_gpu_timer_end(&c->timer);
    if (status != VB_OK) return show_failed(c, slot);
    rec->uploaded_ns = vb_now_ns() - p->start_ns;
    c->steps.after_upload(c, slot, rec);
    vb_gpu_timer_begin(&c->timer, &rec->gpu_compose_ns);
    vb_presenter_compose(&c->presenter, texture);
    vb_gpu_timer_end(&c->timer);
    if (c->steps.fence_wait(p, &c->presenter) != VB_OK) return show_failed(c, slot);
    rec->presented_ns = vb_now_ns() - p->start_ns;
    rec->consumer_cpu_ns = vb_thread_cpu_ns() - cpu_start;
    rec->consumer_gl_calls = vb_thread_work.gl_calls - work_start.gl_calls;
    rec->consumer_allocations = vb_thread_work.allocations - work_start.allocations;
    rec->flags |= VB_FRAME_PRESENTED;
    if (c->previous_verified) rec->flags |= VB_FRAME_PERTURBED;
    c->previous_verified = o->verify_every > 0 && seq % o->verify_every == 0;
    if (c->previous_verified) check_picture(p, &c->check, &c->presenter, rec);
    c->last_presented = seq;
    atomic_store_explicit(&vb_run_progress, seq + 1, memory_order_relaxed);
    release_slot(p, slot);
    vb_gpu_timer_collect(&c->timer, 0);
    vb_pipeline_gl_end(c->serialized);
    return VB_OK;
}

/* The measured loop: frames taken as they arrive (or latched), shown, until the last one. */
static void consume(consumer *c) {
    pipeline *p = c->p;
    for (;;) {
        c->tick_ns = -1;
        int got = c->steps.arrive(c);
        if (got == VB_RING_CANCELLED) break;
        if (got == VB_RING_TIMEOUT) {
            if (no_frame(c)) break;
            continue;
        }
        int64_t seq;
        const int slot = take_newest(c, &seq);
        if (show(c, slot, seq) != VB_OK) break;
        c->waiting_since = vb_now_ns();
        if (seq == p->run->length - 1) break;
    }
}

/* The consumer GL context, the display, the strategy's consumer side, the picture check and the
 * timers; then the producer may start. VB_OK, or the failure recorded and everything started
 * stopped again. */
static int start_consumer(consumer *c, int *started) {
    pipeline *p = c->p;
    const vb_run_options *o = p->options;
    int current = 0, presenter_ready = 0;
    if (vb_gl_make_consumer_current(p->gl) != VB_OK) goto failed;
    current = 1;
    if (vb_presenter_init(&c->presenter, o->view.width, o->view.height,
                          p->gl->visible ? p->gl->consumer_window : NULL, !p->gl->info.software,
                          vb_strategy_uploads_to_frame_texture(p->ops)) != VB_OK)
        goto failed;
    presenter_ready = 1;
    if (vb_strategy_frame_target(p->ops) == GL_TEXTURE_BUFFER &&
        vb_presenter_take_buffer_frames(&c->presenter) != VB_OK)
        goto failed;
    if (vb_strategy_consumer_start(p->ops, p->strategy) != VB_OK) goto failed;
    *started = 1;
    if (checker_init(&c->check, p) != VB_OK) goto failed;
    vb_gpu_timer_init(&c->timer, vb_gpu_timers_enabled(o->gpu_timers, &p->gl->info));
    atomic_store(&p->consumer_ok, 1);
    sem_post(&p->consumer_ready);
    return VB_OK;

failed:
    snprintf(p->consumer_error, sizeof p->consumer_error, "%s", vb_error_get());
    atomic_store(&p->failed, 1);
    checker_free(&c->check);
    if (*started) vb_strategy_consumer_stop(p->ops, p->strategy);
    if (presenter_ready) vb_presenter_free(&c->presenter);
    if (current) vb_gl_release_thread();
    sem_post(&p->consumer_ready);
    return -VB_ERR_FAILURE;
}

/* The strategy's consumer side (its fences, mappings, textures) is torn down only once the
 * producer has left its frame loop: a consumer that stops at the last frame, on a failure or on a
 * signal may otherwise free a fence or unmap a buffer the producer is still waiting on or writing
 * (surface-producer's release fences: a race ThreadSanitizer saw). The ring is cancelled first
 * so that a producer waiting for a slot returns at once; every other wait of the producer is
 * bounded by the slot limit, and past it the run fails rather than hangs. */
static void wait_for_producer(pipeline *p) {
    vb_frame_ring_cancel(&p->ring);
    const int64_t deadline = vb_now_ns() + 2 * vb_pipeline_slot_limit_ns(p->options);
    while (!atomic_load(&p->producer_done)) {
        if (vb_now_ns() > deadline) {
            vb_pipeline_fail(p, p->consumer_error, "the producer did not stop in time");
            return;
        }
        vb_sleep_until_ns(vb_now_ns() + 1000000);
    }
}

/* The framebuffer still shows the last presented frame: the end-of-run check; then the run's
 * figures of this side, and everything stopped. */
static void finish_consumer(consumer *c) {
    pipeline *p = c->p;
    if (c->last_presented >= 0 && !atomic_load(&p->failed) &&
        !(p->run->frames[c->last_presented].flags & VB_FRAME_VERIFIED))
        check_picture(p, &c->check, &c->presenter, &p->run->frames[c->last_presented]);
    p->run->vsync = c->vsync;
    p->process_cpu_end = vb_process_cpu_ns() - vb_memory_sampler_cpu_ns();
    if (c->last_presented >= 0) p->measured_end_ns = p->run->frames[c->last_presented].presented_ns;
    vb_gpu_timer_collect(&c->timer, 1);
    vb_gpu_timer_free(&c->timer);
    checker_free(&c->check);
    wait_for_producer(p);
    vb_strategy_consumer_stop(p->ops, p->strategy);
    vb_presenter_free(&c->presenter);
    vb_gl_release_thread();
    sem_post(&p->consumer_finished);
}

void *vb_pipeline_consumer(void *opaque) {
    consumer c = {.p = opaque, .last_presented = -1};
    pipeline *p = c.p;
    vb_pipeline_block_signals();
    int started = 0;
    if (start_consumer(&c, &started) != VB_OK) return NULL;
    c.serialized = vb_gl_submissions_serialized(&p->gl->info);
    c.waiting_since = vb_now_ns();
    const int64_t fences = FRAME_ARRIVAL_FENCES * p->options->fence_timeout_ns;
    c.arrival_limit = fences > FRAME_ARRIVAL_LIMIT_NS ? fences : FRAME_ARRIVAL_LIMIT_NS;
    choose_steps(&c);
    consume(&c);
    finish_consumer(&c);
    return NULL;
}
