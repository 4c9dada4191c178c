/* echo: a test-only strategy, registered by one line (tests/echo/meson.build) in a test build
 * of vizbench (vizbench-echo), to prove that a strategy's file and that line are all it takes
 * to appear everywhere: help texts, errors, tables, results, the report and its charts
 * (tests/echo/echo_test.sh). It renders on the CPU into a buffer per slot and the consumer
 * uploads from it: shared-buffer without the shared memory. It declares one figure of its own,
 * the hand-offs its producer made for the frame (a count the gate compares exactly), which this
 * file alone makes appear in the results, the CSV, the run's summary and table, and compare's rows.
 */
#include "transfer/strategy.h"

#include "common/error.h"
#include "transfer/frame_ring.h"
#include "transfer/upload.h"

#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    uint8_t *frames; /* [slots][frame_bytes] */
    int64_t handed[VB_RING_MAX_SLOTS];
    int64_t hand_offs; /* on the producer's thread */
};

static const vb_figure echo_handed = {
    .name = "echo_hand_offs",
    .label = "echo hand-offs",
    .unit = "count",
    .owner = VB_FIGURE_PRODUCER,
    .presence = VB_FIGURE_OF_STRATEGY,
    .aggregation = VB_FIGURE_MEAN | VB_FIGURE_SUM,
    .gate = VB_FIGURE_GATED_EXACT,
    .slot = 0,
};
static const vb_figure *const echo_figures[] = {&echo_handed, NULL};

static void echo_destroy(vb_strategy *s) {
    if (!s) return;
    free(s->frames);
    free(s);
}

static int echo_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (s) s->frames = malloc((size_t)config->slots * config->frame_bytes);
    if (!s || !s->frames) {
        echo_destroy(s);
        vb_error_set("echo: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    *out = s;
    return VB_OK;
}

static uint8_t *echo_target(vb_strategy *s, int slot) {
    return s->frames + (size_t)slot * s->config.frame_bytes;
}

/* The slot remembers how many hand-offs the producer had made when it handed this frame: the
 * ring orders the write before the consumer's collect. */
static int echo_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)bytes_copied;
    s->handed[slot] = ++s->hand_offs;
    return VB_OK;
}

/* The slot was handed off once for this frame (1), or never (0: nothing to show). */
static void echo_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    vb_stage_record_figure(out, &echo_handed, s->handed[slot] > 0 ? 1 : 0);
}

static int echo_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                       int64_t *bytes_to_gpu) {
    vb_upload_frame(&s->config.view, frame_texture, echo_target(s, slot));
    *texture = frame_texture;
    *bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static void echo_release(vb_strategy *s, int slot) {
    (void)s, (void)slot;
}

const vb_strategy_ops vb_echo_strategy = {
    .facts =
        {
            .name = "echo",
            .summary = "CPU render into a buffer per slot, upload from it (test-only)",
            .does = "CPU render into a private buffer per slot; the consumer uploads from it",
            .models = "nothing real: the registry's test strategy",
            .incurs = "the upload only",
            .measures = "the upload",
            .colour = "#117733",
            .family = VB_FAMILY_CLEAN_MODEL,
            .platforms = 0,
            .roles = 0,
            .capabilities = VB_CAP_STAGE_FIGURES,
            .preference = 9,
        },
    .figures = echo_figures,
    .create = echo_create,
    .destroy = echo_destroy,
    .cpu_target = echo_target,
    .hand_off = echo_hand_off,
    .upload = echo_upload,
    .collect = echo_collect,
    .release = echo_release,
};
