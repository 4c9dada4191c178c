#include "render/render_all.h"

#include "common/error.h"
#include "common/clock.h"
#include "measure/picture_check.h"
#include "common/name_table.h"
#include "render/renderer.h"
#include "render/row_split.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct worker {
    const vb_audio *audio;
    const vb_view_options *options;
    int first, step, checksum;
    uint64_t sum;
    int64_t frames;
    int status;
    char error[256];
} worker;

static void *render_share(void *opaque) {
    worker *w = opaque;
    vb_renderer *r = vb_renderer_create(w->options, w->audio);
    const size_t stride = (size_t)w->options->width * 4;
    uint8_t *pixels = malloc(stride * (size_t)w->options->height);
    if (!r || !pixels) {
        if (r) vb_error_set("render: out of memory for a frame");
        w->status = -VB_ERR_FAILURE;
    } else {
        const int64_t count = vb_renderer_frame_count(r);
        for (int64_t n = w->first; n < count; n += w->step) {
            vb_renderer_render(r, n, pixels, stride);
            if (w->checksum) w->sum += vb_checksum(pixels, stride * (size_t)w->options->height);
            w->frames++;
        }
        w->status = vb_renderer_status(r);
    }
    if (w->status != VB_OK) snprintf(w->error, sizeof w->error, "%s", vb_error_get());
    free(pixels);
    vb_renderer_destroy(r);
    return NULL;
}

static const char *const split_names[] = {"auto", "rows", "frames"};

const char *vb_render_split_name(vb_render_split split) {
    return split_names[split];
}

int vb_render_split_from_name(const char *name, vb_render_split *out) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(split_names, 3);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        char names[64];
        vb_name_join(&table, ", ", " or ", names, sizeof names);
        vb_error_set("--split: unknown split '%s' (expected %s)", name, names);
        return -VB_ERR_USAGE;
    }
    *out = (vb_render_split)index;
    return VB_OK;
}

/* Every frame on this thread, each frame's rows shared with the split's helper thread. */
static int render_rows_split(const vb_audio *audio, const vb_view_options *options, int checksum,
                             vb_render_all_result *result) {
    const size_t stride = (size_t)options->width * 4, bytes = stride * (size_t)options->height;
    vb_renderer *r = vb_renderer_create(options, audio);
    uint8_t *pixels = r ? malloc(bytes) : NULL;
    vb_row_split *split = pixels ? vb_row_split_start() : NULL;
    int status = -VB_ERR_FAILURE;
    if (r && !pixels) vb_error_set("render: out of memory for a frame");
    if (split) {
        const int64_t count = vb_renderer_frame_count(r), start = vb_now_ns();
        for (int64_t n = 0; n < count; n++) {
            vb_renderer_analyze(r, n);
            vb_renderer_prepare(r);
            vb_row_split_draw(split, r, pixels, stride);
            if (checksum) result->checksum += vb_checksum(pixels, bytes);
        }
        result->seconds = (double)(vb_now_ns() - start) / 1e9;
        result->frames = count;
        status = vb_renderer_status(r);
    }
    vb_row_split_stop(split);
    free(pixels);
    vb_renderer_destroy(r);
    return status;
}

int vb_render_all_frames(const vb_audio *audio, const vb_view_options *options, int threads,
                         vb_render_split split, int checksum, vb_render_all_result *result) {
    memset(result, 0, sizeof *result);
    if (threads < 1 || threads > VB_RENDER_MAX_THREADS) {
        vb_error_set("--threads: %d is outside 1 .. %d", threads, VB_RENDER_MAX_THREADS);
        return -VB_ERR_USAGE;
    }
    if (vb_view_options_validate(options) != VB_OK) return -VB_ERR_USAGE;
    if (split == VB_SPLIT_AUTO)
        split = (size_t)options->width * 4 * (size_t)options->height >= VB_RENDER_ROWS_MIN_BYTES
                    ? VB_SPLIT_ROWS
                    : VB_SPLIT_FRAMES;
    result->split = split;
    if (threads == 2 && split == VB_SPLIT_ROWS)
        return render_rows_split(audio, options, checksum, result);
    worker workers[VB_RENDER_MAX_THREADS];
    pthread_t ids[VB_RENDER_MAX_THREADS];
    int started[VB_RENDER_MAX_THREADS] = {0};
    const int64_t start = vb_now_ns();
    for (int k = 0; k < threads; k++) {
        workers[k] = (worker){
            .audio = audio, .options = options, .first = k, .step = threads, .checksum = checksum};
        /* The calling thread renders the first share itself. */
        if (k > 0) started[k] = pthread_create(&ids[k], NULL, render_share, &workers[k]) == 0;
    }
    render_share(&workers[0]);
    int status = workers[0].status;
    for (int k = 1; k < threads; k++) {
        if (started[k])
            pthread_join(ids[k], NULL);
        else
            render_share(&workers[k]); /* no thread: do its share here */
        if (status == VB_OK && workers[k].status != VB_OK) {
            status = workers[k].status;
            vb_error_set("%s", workers[k].error);
        }
    }
    result->seconds = (double)(vb_now_ns() - start) / 1e9;
    for (int k = 0; k < threads; k++) {
        result->frames += workers[k].frames;
        result->checksum += workers[k].sum;
    }
    return status;
}
