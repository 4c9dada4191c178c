/* The consumer thread of one run: take, upload, draw, fence, picture check, frame by frame. */
#include "pipeline/pipeline.h"

#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "display/presenter.h"
#include "measure/gpu_timer.h"
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
    if (!vb_strategy_records_stages(p->ops)) return;
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

void *vb_pipeline_consumer(void *opaque) {
    pipeline *p = opaque;
    const vb_run_options *o = p->options;
    const vb_strategy_ops *ops = p->ops;
    vb_pipeline_block_signals();
    vb_presenter presenter = {0};
    checker check = {0};
    vb_gpu_timer timer = {0};
    int current = 0, presenter_ready = 0, started = 0;
    if (vb_gl_make_consumer_current(p->gl) != VB_OK) goto setup_failed;
    current = 1;
    if (vb_presenter_init(&presenter, o->view.width, o->view.height,
                          p->gl->visible ? p->gl->consumer_window : NULL, !p->gl->info.software,
                          vb_strategy_uploads_to_frame_texture(ops)) != VB_OK)
        goto setup_failed;
    presenter_ready = 1;
    if (vb_strategy_consumer_start(ops, p->strategy) != VB_OK) goto setup_failed;
    started = 1;
    if (checker_init(&check, p) != VB_OK) goto setup_failed;
    vb_gpu_timer_init(&timer, vb_gpu_timers_enabled(o->gpu_timers, &p->gl->info));
    atomic_store(&p->consumer_ok, 1);
    sem_post(&p->consumer_ready);

    const int fence_fault = vb_pipeline_is_fault_target(o->fault_fence_never_signals, ops);
    const int serialized = vb_gl_submissions_serialized(&p->gl->info);
    int64_t taken = 0, last_presented = -1, waiting_since = vb_now_ns();
    const int64_t arrival_limit =
        FRAME_ARRIVAL_FENCES * o->fence_timeout_ns > FRAME_ARRIVAL_LIMIT_NS
            ? FRAME_ARRIVAL_FENCES * o->fence_timeout_ns
            : FRAME_ARRIVAL_LIMIT_NS;
    int previous_verified = 0;
    /* A display clock (--vsync, or always for vsync-driven strategies): at realtime pace the
     * consumer wakes at each tick and latches the newest frame ready; at max pace there is no
     * waiting, each frame in order makes its own tick (throughput; no frames of delay). */
    const int vsync_hz = vb_run_vsync_hz(o, ops);
    const int on_ticks = vsync_hz > 0 && o->pace == VB_PACE_REALTIME;
    int clock_started = 0;
    vb_vsync vsync;
    vb_vsync_init(&vsync, vsync_hz > 0 ? vsync_hz : 1, vb_now_ns());
    vsync.hz = vsync_hz;
    for (;;) {
        int got, ready = 1;
        int64_t tick_ns = -1;
        if (on_ticks && !clock_started) {
            /* The display clock starts with the first frame: its ticks fall half a period after
             * each frame's due time (the producer's clock, known once it published), a fixed
             * phase so that runs compare; a frame reaching the display within half a period is
             * latched one tick after it was due. */
            got = vb_frame_ring_take(&p->ring, vb_now_ns() + ARRIVAL_SLICE_NS);
            if (got == VB_RING_OK) {
                vb_vsync_init(&vsync, vsync_hz, p->start_ns + 500000000LL / vsync_hz);
                clock_started = 1;
                tick_ns = vb_vsync_next_tick(&vsync, vb_now_ns());
                vb_sleep_until_ns(tick_ns);
            }
        } else if (on_ticks) {
            tick_ns = vb_vsync_next_tick(&vsync, vb_now_ns());
            vb_sleep_until_ns(tick_ns);
            got = take_if_arrived(p, taken, tick_ns) ? VB_RING_OK
                  : atomic_load(&p->ring.cancelled)  ? VB_RING_CANCELLED
                                                     : VB_RING_TIMEOUT;
        } else {
            got = vb_frame_ring_take(&p->ring, vb_now_ns() + ARRIVAL_SLICE_NS);
        }
        if (got == VB_RING_CANCELLED) break;
        if (got == VB_RING_TIMEOUT) {
            if (atomic_load(&p->producer_done) && taken == atomic_load(&p->ring.published)) break;
            /* the picture on screen repeated (counted from the first measured frame on) */
            if (on_ticks && last_presented >= o->warmup) vb_vsync_tick(&vsync, 0);
            if (vb_now_ns() - waiting_since > arrival_limit) {
                char why[96];
                snprintf(why, sizeof why, "no frame arrived within %lld s (the producer is stuck)",
                         (long long)(arrival_limit / 1000000000LL));
                vb_pipeline_fail(p, p->consumer_error, why);
                break;
            }
            continue;
        }
        int slot = (int)(taken++ % o->slots);
        int64_t seq = p->slot_sequence[slot];
        take_stages(p, slot, seq);
        if (o->pace == VB_PACE_REALTIME) {
            /* A display shows the newest frame; older ones waiting are dropped unseen. */
            while (on_ticks ? take_if_arrived(p, taken, tick_ns)
                            : vb_frame_ring_take_if_ready(&p->ring)) {
                p->run->frames[seq].flags |= VB_FRAME_DROPPED;
                vb_pipeline_gl_begin(serialized); /* a release may delete a GL fence */
                release_slot(p, slot);
                vb_pipeline_gl_end(serialized);
                slot = (int)(taken++ % o->slots);
                seq = p->slot_sequence[slot];
                take_stages(p, slot, seq);
                ready++;
            }
        }
        if (vsync_hz > 0 && seq >= o->warmup) vb_vsync_tick(&vsync, ready);
        if (on_ticks)
            p->run->frames[seq].vsync_delay =
                vb_vsync_delay(&vsync, p->start_ns + p->run->frames[seq].ready_ns, tick_ns);
        vb_frame_record *rec = &p->run->frames[seq];
        rec->taken_ns = vb_now_ns() - p->start_ns;
        const int64_t cpu_start = vb_thread_cpu_ns();
        const vb_work_counts work_start = vb_thread_work;
        GLuint texture = 0;
        vb_pipeline_gl_begin(serialized);
        vb_gpu_timer_begin(&timer, &rec->gpu_upload_ns);
        int status = vb_strategy_upload(ops, p->strategy, slot, presenter.frame_texture, &texture,
                                        &rec->bytes_uploaded);
        vb_gpu_timer_end(&timer);
        if (status != VB_OK) {
            vb_pipeline_gl_end(serialized);
            vb_pipeline_fail(p, p->consumer_error, vb_error_get());
            release_slot(p, slot);
            break;
        }
        rec->uploaded_ns = vb_now_ns() - p->start_ns;
        if (vb_strategy_records_stages(ops)) { /* a one-time import happens in the upload */
            vb_stage_record st;
            vb_strategy_collect(ops, p->strategy, slot, &st);
            rec->import_ns = st.import_ns;
        }
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
            vb_pipeline_gl_end(serialized);
            vb_pipeline_fail(p, p->consumer_error, vb_error_get());
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
        vb_pipeline_gl_end(serialized);
        waiting_since = vb_now_ns();
        if (seq == p->run->length - 1) break;
    }
    /* The framebuffer still shows the last presented frame: the end-of-run check. */
    if (last_presented >= 0 && !atomic_load(&p->failed) &&
        !(p->run->frames[last_presented].flags & VB_FRAME_VERIFIED))
        check_picture(p, &check, &presenter, &p->run->frames[last_presented]);
    p->run->vsync = vsync;
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
