#include "render/render_all.h"

#include "common/error.h"
#include "common/clock.h"
#include "measure/picture_check.h"
#include "render/renderer.h"

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

int vb_render_all_frames(const vb_audio *audio, const vb_view_options *options, int threads,
                         int checksum, vb_render_all_result *result) {
    memset(result, 0, sizeof *result);
    if (threads < 1 || threads > VB_RENDER_MAX_THREADS) {
        vb_error_set("--threads: %d is outside 1 .. %d", threads, VB_RENDER_MAX_THREADS);
        return -VB_ERR_USAGE;
    }
    if (vb_view_options_validate(options) != VB_OK) return -VB_ERR_USAGE;
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
