/* The FRB hop's codecs (bytes arrive unchanged; the sse encode grows its message as Rust's Vec
 * does), Dart's finalizer (frees a stated number of frames later), a strategy's own stage thread
 * (order, failure to the sink), and the display clock's accounting against a scripted clock. */
#include "test_helpers.h"

#include "common/clock.h"
#include "common/work_counts.h"
#include "measure/vsync.h"
#include "transfer/frb_hop.h"
#include "transfer/stage_thread.h"

#include <stdlib.h>
#include <string.h>

static uint8_t *pattern(size_t bytes) {
    uint8_t *p = malloc(bytes);
    cr_assert_not_null(p);
    for (size_t i = 0; i < bytes; i++)
        p[i] = (uint8_t)(i * 131u + (i >> 8) * 7u + 1u);
    return p;
}

Test(frb_hop, sse_bytes_arrive_unchanged_after_a_length_prefix) {
    const size_t sizes[] = {0, 1, 7, 8, 9, 4096, 1080 * 200 * 4};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        uint8_t *frame = pattern(n ? n : 1);
        vb_sse_message m = {0};
        cr_assert_eq(vb_frb_sse_encode(&m, frame, n), VB_OK, "%s", vb_error_get());
        cr_assert_eq(m.len, n + 4, "size %zu", n);
        int32_t length;
        memcpy(&length, m.data, 4);
        cr_assert_eq((size_t)length, n);
        cr_assert(memcmp(m.data + 4, frame, n) == 0, "size %zu: the message differs", n);
        /* Rust's Vec growth from empty: capacity 8, then doubling, never less than needed */
        size_t capacity = 8;
        while (capacity < n + 4)
            capacity *= 2;
        cr_assert_eq(m.capacity, capacity, "size %zu: capacity %zu", n, m.capacity);
        size_t got = 99;
        uint8_t *typed = vb_frb_sse_decode(&m, &got);
        cr_assert_not_null(typed, "%s", vb_error_get());
        cr_assert_eq(got, n);
        cr_assert(memcmp(typed, frame, n) == 0, "size %zu: Dart's copy differs", n);
        cr_assert_neq(typed, m.data + 4, "the decode copies");
        free(typed);
        vb_sse_message_free(&m);
        free(frame);
    }
}

Test(frb_hop, sse_counts_one_copy_each_way_and_grows_by_reallocation) {
    const size_t n = 1080 * 200 * 4;
    uint8_t *frame = pattern(n);
    vb_sse_message m = {0};
    const vb_work_counts before = vb_thread_work;
    cr_assert_eq(vb_frb_sse_encode(&m, frame, n), VB_OK);
    const vb_work_counts encoded = vb_thread_work;
    cr_assert_eq(encoded.copies - before.copies, 1);
    /* 8, 16, ... 1 MiB: one allocation per capacity */
    int64_t growths = 0;
    for (size_t c = 8; c <= m.capacity; c *= 2)
        growths++;
    cr_assert_eq(encoded.allocations - before.allocations, growths);
    size_t got;
    uint8_t *typed = vb_frb_sse_decode(&m, &got);
    cr_assert_eq(vb_thread_work.copies - encoded.copies, 1);
    cr_assert_eq(vb_thread_work.allocations - encoded.allocations, 1);
    free(typed);
    vb_sse_message_free(&m);
    free(frame);
}

Test(frb_hop, a_malformed_message_is_refused) {
    vb_sse_message m = {0};
    uint8_t frame[16] = {0};
    cr_assert_eq(vb_frb_sse_encode(&m, frame, sizeof frame), VB_OK);
    m.len -= 1; /* one byte short of what the length says */
    size_t got;
    cr_assert_null(vb_frb_sse_decode(&m, &got));
    cr_assert(strstr(vb_error_get(), "says 16 bytes") != NULL, "%s", vb_error_get());
    vb_sse_message_free(&m);
}

Test(frb_hop, dco_hands_the_renderers_buffer_over_without_a_copy) {
    vb_frb_hop hop;
    cr_assert_eq(vb_frb_hop_init(&hop, VB_FRB_DCO, 4096), VB_OK);
    uint8_t *a = vb_frb_hop_target(&hop, 0);
    uint8_t *b = vb_frb_hop_target(&hop, 1);
    cr_assert(a && b && a != b, "a fresh buffer per frame");
    memset(a, 0x5a, 4096);
    int64_t copied = 0, encode = -1, copy = -1;
    cr_assert_eq(vb_frb_hop_send(&hop, 0, &copied, &encode), VB_OK);
    cr_assert_eq(vb_frb_hop_receive(&hop, 0, &copied, &copy), VB_OK);
    cr_assert_eq(copied, 0);
    cr_assert_eq(hop.dart[0], a, "Dart holds the renderer's own buffer");
    cr_assert(encode >= 0 && copy >= 0);
    vb_frb_hop_drop(&hop, 0);
    cr_assert_null(hop.dart[0]);
    cr_assert_eq(hop.finalizer.count, 1);
    vb_frb_hop_free(&hop);
}

Test(frb_hop, codec_names) {
    vb_frb_codec c;
    cr_assert_eq(vb_frb_codec_from_name("--frb-codec", "dco", &c), VB_OK);
    cr_assert_eq(c, VB_FRB_DCO);
    cr_assert_str_eq(vb_frb_codec_name(VB_FRB_SSE), "sse");
    cr_assert_eq(vb_frb_codec_from_name("--frb-codec", "cst", &c), -VB_ERR_USAGE);
    cr_assert(strstr(vb_error_get(), "--frb-codec: unknown codec 'cst'") != NULL);
}

Test(frb_finalizer, frees_a_stated_number_of_frames_later) {
    vb_frb_finalizer f;
    vb_frb_finalizer_init(&f);
    vb_frb_finalizer_defer(&f, malloc(16));
    for (int k = 1; k < VB_FRB_FINALIZER_DELAY; k++) {
        vb_frb_finalizer_run(&f);
        cr_assert_eq(f.count, 1, "freed after %d frames", k);
    }
    vb_frb_finalizer_run(&f);
    cr_assert_eq(f.count, 0, "not freed after %d frames", VB_FRB_FINALIZER_DELAY);
    vb_frb_finalizer_free(&f);
}

typedef struct stage_log {
    int order[64];
    int count;
    int fail_at;
    int published;
    char failure[320];
} stage_log;

static int log_work(void *context, int slot) {
    stage_log *log = context;
    if (log->count == log->fail_at) {
        vb_error_set("planted failure");
        return -VB_ERR_FAILURE;
    }
    log->order[log->count++] = slot;
    return VB_OK;
}

static void log_publish(void *context) {
    ((stage_log *)context)->published++;
}

static void log_fail(void *context, const char *message) {
    snprintf(((stage_log *)context)->failure, 320, "%s", message);
}

Test(stage_thread, takes_slots_in_order_and_finishes) {
    stage_log log = {.fail_at = -1};
    vb_strategy_sink sink = {&log, log_publish, log_fail};
    vb_stage_thread t = {.name = "ui", .work = log_work, .context = &log, .sink = &sink};
    cr_assert_eq(vb_stage_thread_start(&t), VB_OK);
    for (int i = 0; i < 40; i++) {
        while (t.pushed - t.done >= 3) /* as the ring's three slots bound it */
            vb_sleep_until_ns(vb_now_ns() + 100000);
        vb_stage_thread_push(&t, i % 3);
    }
    cr_assert_eq(vb_stage_thread_finish(&t, vb_now_ns() + 5000000000LL), VB_OK);
    cr_assert_eq(log.count, 40);
    for (int i = 0; i < 40; i++)
        cr_assert_eq(log.order[i], i % 3, "item %d", i);
    cr_assert_str_empty(log.failure);
}

Test(stage_thread, a_failure_reaches_the_sink_and_stops_the_thread) {
    stage_log log = {.fail_at = 2};
    vb_strategy_sink sink = {&log, log_publish, log_fail};
    vb_stage_thread t = {.name = "io", .work = log_work, .context = &log, .sink = &sink};
    cr_assert_eq(vb_stage_thread_start(&t), VB_OK);
    for (int i = 0; i < 5; i++)
        vb_stage_thread_push(&t, i % 3);
    cr_assert_neq(vb_stage_thread_finish(&t, vb_now_ns() + 5000000000LL), VB_OK);
    cr_assert_eq(log.count, 2, "work went on after the failure");
    cr_assert_str_eq(log.failure, "io thread: planted failure");
}

static int refuse_to_enter(void *context) {
    (void)context;
    vb_error_set("no GL context");
    return -VB_ERR_FAILURE;
}

Test(stage_thread, an_enter_failure_fails_the_start) {
    stage_log log = {.fail_at = -1};
    vb_stage_thread t = {.name = "io", .enter = refuse_to_enter, .work = log_work, .context = &log};
    cr_assert_neq(vb_stage_thread_start(&t), VB_OK);
    cr_assert_str_eq(vb_error_get(), "io thread: no GL context");
    cr_assert_eq(vb_stage_thread_finish(&t, vb_now_ns()), VB_OK, "never started: nothing to do");
}

/* The display clock: ticks every 1/hz from the origin; frames of delay count the ticks after a
 * frame was ready up to the one that latched it. */
Test(vsync, ticks_and_frames_of_delay) {
    vb_vsync v;
    vb_vsync_init(&v, 60, 1000);
    cr_assert_eq(v.period_ns, 16666666);
    cr_assert_eq(vb_vsync_next_tick(&v, 0), 1000 + 16666666);
    cr_assert_eq(vb_vsync_next_tick(&v, 1000), 1000 + 16666666, "strictly after");
    cr_assert_eq(vb_vsync_next_tick(&v, 1000 + 16666666), 1000 + 33333333);
    /* tick k at origin + k * 10^9 / 60, without drift: tick 60 is one second on */
    int64_t t = 1000;
    for (int k = 0; k < 60; k++)
        t = vb_vsync_next_tick(&v, t);
    cr_assert_eq(t, 1000 + 1000000000LL);
    cr_assert_eq(vb_vsync_delay(&v, 1000 + 16666000, 1000 + 16666666), 1);
    cr_assert_eq(vb_vsync_delay(&v, 1000 + 16666666, 1000 + 33333333), 1);
    cr_assert_eq(vb_vsync_delay(&v, 1000 + 100, 1000 + 50000000), 3);
}

/* Drives the accounting the consumer uses with a scripted producer: frame n ready at n x the
 * producer's period (ns), the display ticking at `hz`; each tick latches what became ready. */
static vb_vsync scripted(int hz, int64_t producer_period_ns, int frames, int64_t *delay_sum) {
    vb_vsync v;
    vb_vsync_init(&v, hz, 0);
    int next = 0;
    *delay_sum = 0;
    for (int64_t tick = vb_vsync_next_tick(&v, 0); next < frames;
         tick = vb_vsync_next_tick(&v, tick)) {
        int ready = 0;
        int64_t newest = -1;
        while (next < frames && (int64_t)next * producer_period_ns + 1 <= tick) {
            newest = (int64_t)next * producer_period_ns + 1;
            next++;
            ready++;
        }
        vb_vsync_tick(&v, ready);
        if (ready) *delay_sum += vb_vsync_delay(&v, newest, tick);
    }
    return v;
}

Test(vsync, a_slower_producer_repeats_ticks) {
    int64_t delays;
    /* 25 frames/s on a 50 Hz display: every other tick repeats the picture */
    vb_vsync v = scripted(50, 1000000000LL / 25, 30, &delays);
    cr_assert_eq(v.latched, 30);
    cr_assert_eq(v.skipped, 0);
    cr_assert_eq(v.repeated, 29, "repeated %lld", (long long)v.repeated);
    cr_assert_eq(v.ticks, v.latched + v.repeated);
    cr_assert_eq(delays, 30, "every frame is one tick late");
}

Test(vsync, a_faster_producer_skips_frames) {
    int64_t delays;
    /* 100 frames/s on a 50 Hz display: each tick latches one of two, the other is never shown */
    vb_vsync v = scripted(50, 1000000000LL / 100, 120, &delays);
    cr_assert_eq(v.latched, 60);
    cr_assert_eq(v.skipped, 60);
    cr_assert_eq(v.repeated, 0);
    cr_assert_eq(delays, 60);
}
