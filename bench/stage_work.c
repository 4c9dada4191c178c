/* stage-work: the producer's CPU stages of the pipeline, alone and deterministic, for counting
 * their instructions under callgrind (bench/instructions.sh; the gate's exact layer).
 *   stage-work --stage render-VIEW|analyze-VIEW|hand-off-pixel-copy|hand-off-shared-buffer|
 *                      frb-encode|frb-encode-c   [--frames N] [--rework PCT]
 *   VIEW: waveform, spectrum, spectrogram
 * render-VIEW: analysis + CPU render of frames 0 .. N-1 of the bundled input at 1080x200, 60
 * fps, as the CPU strategies' producers do them. analyze-VIEW: the analysis alone and the data
 * the GPU renderer uploads, as gl-texture's producer does it on the CPU. hand-off-STRATEGY: the
 * strategy's hand-off of N frames through its own operations (pixel-copy: a new message, the
 * copy, its release; shared-buffer: the slot of the memfd ring, the index). frb-encode: FRB's
 * sse encode of a 1080x200 frame as the frb-* strategies run it (Rust compiled by rustc where
 * the build has it, transfer/frb_sse.rs); frb-encode-c: the C replica of the same code, the
 * cross-check (both free their message each frame, as the UI thread does). The consumer's
 * stages are GL calls whose work is the driver's (counted by the gate's gl-calls work count
 * and timed by its A/B layer), and mapped-pbo's hand-off needs a GL buffer: neither is here. Only
 * `measured_stage` is meant to be counted (callgrind --toggle-collect=measured_stage): loading and
 * planning stay outside.
 * --rework PCT plants extra work for the gate's proof: the loop goes on for PCT % more frames
 * (N x PCT / 100, continuing the sequence), while the counts are still divided by N: about
 * PCT % more instructions per frame (exactly, where frames cost the same).
 * Exit 0, or 2 on a usage error, 1 on a failure. Prints the frames done and a checksum (so the
 * work cannot be optimised away). */
#include "audio/audio.h"
#include "common/error.h"
#include "common/parse.h"
#include "render/renderer.h"
#include "transfer/frb_hop.h"
#include "transfer/strategy.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct stage_plan {
    vb_renderer *renderer;           /* render and analyze stages */
    int analyze_only;                /* analyze stages */
    const vb_strategy_ops *copy_ops; /* hand-off stages */
    vb_strategy *copy_strategy;
    int (*encode)(vb_sse_message *, const uint8_t *, size_t); /* frb-encode stages */
    uint8_t *frame;
    size_t stride, frame_bytes;
    int64_t frames, extra_frames;
} stage_plan;

static void do_frame(stage_plan *p, int64_t n, uint64_t *checksum) {
    if (p->renderer && p->analyze_only) {
        size_t count = 0;
        vb_renderer_analyze(p->renderer, n % vb_renderer_frame_count(p->renderer));
        const float *analysis = vb_renderer_analysis(p->renderer, &count);
        if (count) *checksum += (uint64_t)(int64_t)(analysis[(size_t)n % count] * 1000.0f);
    } else if (p->renderer) {
        vb_renderer_render(p->renderer, n % vb_renderer_frame_count(p->renderer), p->frame,
                           p->stride);
        *checksum += p->frame[(size_t)(n * 7919) % p->frame_bytes];
    } else if (p->encode) {
        vb_sse_message message = {0};
        p->frame[(size_t)n % p->frame_bytes] = (uint8_t)n;
        if (p->encode(&message, p->frame, p->frame_bytes) == VB_OK)
            *checksum += message.data[(size_t)(n * 7919) % message.len];
        vb_sse_message_free(&message);
    } else {
        const int slot = (int)(n % 3);
        int64_t copied = 0;
        uint8_t *target = p->copy_ops->cpu_target(p->copy_strategy, slot);
        target[(size_t)n % p->frame_bytes] = (uint8_t)n;
        if (p->copy_ops->hand_off(p->copy_strategy, slot, &copied) == VB_OK)
            *checksum += (uint64_t)copied;
        p->copy_ops->release(p->copy_strategy, slot);
    }
}

/* Not inlined: callgrind counts from its entry to its return. */
__attribute__((noinline)) uint64_t measured_stage(stage_plan *p);
__attribute__((noinline)) uint64_t measured_stage(stage_plan *p) {
    uint64_t checksum = 0;
    for (int64_t n = 0; n < p->frames + p->extra_frames; n++)
        do_frame(p, n, &checksum);
    return checksum;
}

/* Markers around the call of measured_stage, for counters that see only a trace of executed
 * addresses (bench/instructions-aarch64.sh: qemu-user's -d exec log under -singlestep): the
 * instructions between the first entry of the first and of the second are the stage's. Outside
 * measured_stage, so callgrind's count (--toggle-collect=measured_stage) is unchanged. The asm
 * keeps each a real, distinct function the compiler can neither drop nor merge. */
__attribute__((noinline)) void vb_stage_begin_marker(void);
__attribute__((noinline)) void vb_stage_begin_marker(void) {
    __asm__ volatile("" ::: "memory");
}
__attribute__((noinline)) void vb_stage_end_marker(void);
__attribute__((noinline)) void vb_stage_end_marker(void) {
    __asm__ volatile("" ::: "memory");
}

static int usage(const char *message) {
    fprintf(stderr,
            "stage-work: %s\nusage: stage-work --stage render-VIEW|analyze-VIEW|"
            "hand-off-pixel-copy|hand-off-shared-buffer|frb-encode|frb-encode-c [--frames N] "
            "[--rework PCT]\n",
            message);
    return 2;
}

int main(int argc, char **argv) {
    static const struct option long_options[] = {{"stage", required_argument, NULL, 's'},
                                                 {"frames", required_argument, NULL, 'f'},
                                                 {"rework", required_argument, NULL, 'r'},
                                                 {NULL, 0, NULL, 0}};
    const char *stage = NULL;
    long long frames = 120, rework = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        if (c == 's') {
            stage = optarg;
        } else if (c == 'f' || c == 'r') {
            long long *target = c == 'f' ? &frames : &rework;
            if (vb_parse_int(c == 'f' ? "--frames" : "--rework", optarg, c == 'f' ? 1 : 0,
                             c == 'f' ? 100000 : 100, target) != VB_OK)
                return usage(vb_error_get());
        } else {
            return usage("unknown option");
        }
    }
    if (!stage || optind != argc) return usage("--stage is required, and nothing else");

    stage_plan plan = {.frames = frames, .extra_frames = frames * rework / 100};
    vb_view_options view;
    vb_view_options_defaults(&view);
    view.width = 1080;
    view.height = 200;
    view.fps = 60;
    plan.stride = (size_t)view.width * 4;
    plan.frame_bytes = plan.stride * (size_t)view.height;
    vb_audio audio = {0};
    int status = 1;
    const int render = strncmp(stage, "render-", 7) == 0;
    if (render || strncmp(stage, "analyze-", 8) == 0) {
        if (vb_view_from_name(stage + (render ? 7 : 8), &view.view) != VB_OK)
            return usage(vb_error_get());
        plan.analyze_only = !render;
        if (vb_audio_load_default(&audio) != VB_OK) goto fail;
        if (!(plan.renderer = vb_renderer_create(&view, &audio))) goto fail;
        if (!(plan.frame = malloc(plan.frame_bytes))) goto fail;
    } else if (strcmp(stage, "hand-off-pixel-copy") == 0 ||
               strcmp(stage, "hand-off-shared-buffer") == 0) {
        plan.copy_ops = vb_strategy_find(stage + 9);
        vb_strategy_config config = {.view = view,
                                     .slots = 3,
                                     .own.pixel_copy.pool = 0,
                                     .stride = plan.stride,
                                     .frame_bytes = plan.frame_bytes};
        if (!plan.copy_ops || plan.copy_ops->create(&config, &plan.copy_strategy) != VB_OK)
            goto fail;
    } else if (strcmp(stage, "frb-encode") == 0 || strcmp(stage, "frb-encode-c") == 0) {
        plan.encode = strcmp(stage, "frb-encode") == 0 ? vb_frb_sse_encode : vb_frb_sse_encode_c;
        if (!(plan.frame = calloc(1, plan.frame_bytes))) goto fail;
    } else {
        return usage("unknown stage");
    }
    vb_stage_begin_marker();
    uint64_t checksum = measured_stage(&plan);
    vb_stage_end_marker();
    printf("stage-work: %s, %lld frames + %lld planted, checksum %llu\n", stage, frames,
           (long long)plan.extra_frames, (unsigned long long)checksum);
    status = 0;
fail:
    if (status) fprintf(stderr, "stage-work: %s\n", vb_error_get());
    if (plan.copy_strategy) plan.copy_ops->destroy(plan.copy_strategy);
    if (plan.renderer) vb_renderer_destroy(plan.renderer);
    free(plan.frame);
    vb_audio_free(&audio);
    return status;
}
