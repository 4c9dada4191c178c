/* egl-image: GPU sharing as the platforms do it, between GL contexts that share nothing. The
 * producer renders on the GPU (the GPU renderer of gl-texture) in its own context, in no share
 * group with the consumer's (vb_gl_contexts.isolated), into a queue of `slots` buffers, each a
 * texture exported once as an EGLImage (EGL_KHR_gl_texture_2D_image) and bound once by the
 * consumer (glEGLImageTargetTexture2DOES), as Android's SurfaceTexture / SurfaceProducer hand
 * hardware buffers to the engine (flutter/engine surface_texture_external_texture.cc,
 * image_external_texture_gl.cc; docs/paths.md).
 *
 * BufferQueue semantics: the producer dequeues a buffer only once the consumer released it (the
 * ring) and waits for the consumer's release fence on it (eglWaitSyncKHR: the GPU waits; a CPU
 * wait where the driver has no wait sync), renders, creates an EGL fence and queues buffer and
 * fence; the consumer latches the newest queued buffer at its tick (older ones are released
 * unshown, counted as dropped), makes the GPU wait on its fence, draws it, and releases it with
 * a fence of its own. Measured: each buffer's one-time import (import_ns), the producer's wait
 * for release fences (release_wait_ns), the queue (queued -> latched) as the queue stage. The
 * queue itself is transfer/egl_queue.c, which surface-texture shares. */
#include "common/error.h"
#include "transfer/egl_queue.h"
#include "transfer/strategy.h"

#include <stdlib.h>

struct vb_strategy {
    vb_egl_queue queue;
};

static void egl_image_destroy(vb_strategy *s) {
    free(s);
}

static int egl_image_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("egl-image: out of memory");
        return -VB_ERR_FAILURE;
    }
    vb_egl_queue_init(&s->queue, "egl-image", config, config->own.egl_image.fault_release_fence);
    *out = s;
    return VB_OK;
}

static int egl_image_producer_start(vb_strategy *s) {
    return vb_egl_queue_producer_start(&s->queue);
}

static void egl_image_producer_stop(vb_strategy *s) {
    vb_egl_queue_producer_stop(&s->queue);
}

static int egl_image_render(vb_strategy *s, int slot, const float *analysis, size_t count,
                            int64_t audio_frame, int64_t *bytes_to_gpu) {
    return vb_egl_queue_render(&s->queue, slot, analysis, count, audio_frame, bytes_to_gpu);
}

static int egl_image_feed(vb_strategy *s, const float *analysis, size_t count, int64_t audio_frame,
                          int64_t *bytes_to_gpu) {
    return vb_egl_queue_feed(&s->queue, analysis, count, audio_frame, bytes_to_gpu);
}

static int egl_image_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)bytes_copied;
    return vb_egl_queue_queue(&s->queue, slot);
}

/* The latched buffer is what the display draws: no copy. */
static int egl_image_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                            int64_t *bytes_to_gpu) {
    (void)frame_texture, (void)bytes_to_gpu;
    return vb_egl_queue_latch(&s->queue, slot, texture);
}

static void egl_image_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->queue.stage[slot];
}

static void egl_image_release(vb_strategy *s, int slot) {
    vb_egl_queue_release(&s->queue, slot);
}

static void egl_image_consumer_stop(vb_strategy *s) {
    vb_egl_queue_consumer_stop(&s->queue);
}

const vb_strategy_ops vb_egl_image_strategy = {
    .facts =
        {
            .name = "egl-image",
            .summary = "GPU render in an unshared context, EGLImage buffer queue with EGL fences",
            .does =
                "GPU render (shaders) in a context that shares nothing with the consumer's, into a "
                "queue of textures exported once as EGLImages; buffer + EGL fence are queued, the "
                "consumer latches the newest, waits on its fence, releases with a fence",
            .models =
                "Android's SurfaceProducer fed by GLES rendering (an EGL surface on its "
                "ANativeWindow; SurfaceTexture as Skia sampled it): a BufferQueue whose newest "
                "buffer the engine latches, imported as an EGLImage",
            .incurs =
                "no pixel copy on the CPU; a one-time import per buffer, fence waits both ways",
            .measures = "the import, the release-fence waits, the queue, the GPU draw",
            .colour = "#882255",
            .cpu_work = "producer: analyze",
            .family = VB_FAMILY_GPU_SHARING,
            .platforms = VB_PLATFORM_ANDROID,
            .roles = 0,
            .capabilities = VB_CAP_RENDERS_ON_GPU | VB_CAP_ISOLATED_PRODUCER | VB_CAP_STAGE_FIGURES,
            .preference = 2,
        },
    .unavailable_reason = vb_egl_queue_unavailable,
    .create = egl_image_create,
    .destroy = egl_image_destroy,
    .consumer_stop = egl_image_consumer_stop,
    .producer_start = egl_image_producer_start,
    .producer_stop = egl_image_producer_stop,
    .gpu_render = egl_image_render,
    .gpu_feed = egl_image_feed,
    .hand_off = egl_image_hand_off,
    .collect = egl_image_collect,
    .upload = egl_image_upload,
    .release = egl_image_release,
};
