/* egl-image: GPU sharing as the platforms do it, between GL contexts that share nothing. The
 * producer renders on the GPU (the GPU renderer of gl-texture) in its own context, in no share
 * group with the consumer's (vb_gl_contexts.isolated), into a queue of `slots` buffers, each a
 * texture exported once as an EGLImage (EGL_KHR_gl_texture_2D_image) and bound once by the
 * consumer (glEGLImageTargetTexture2DOES), as Android's SurfaceTexture / SurfaceProducer hand
 * hardware buffers to the engine (flutter/engine surface_texture_external_texture.cc,
 * image_external_texture_gl.cc; ../shared/PATHS.md).
 *
 * BufferQueue semantics: the producer dequeues a buffer only once the consumer released it (the
 * ring) and waits for the consumer's release fence on it (eglWaitSyncKHR: the GPU waits; a CPU
 * wait where the driver has no wait sync), renders, creates an EGL fence and queues buffer and
 * fence; the consumer latches the newest queued buffer at its tick (older ones are released
 * unshown, counted as dropped), makes the GPU wait on its fence, draws it, and releases it with
 * a fence of its own. Measured: each buffer's one-time import (import_ns), the producer's wait
 * for release fences (release_wait_ns), the queue (queued -> latched) as the queue stage. */
#include "common/clock.h"
#include "common/error.h"
#include "display/egl_api.h"
#include "display/gl_program.h"
#include "render/gl_renderer.h"
#include "transfer/frame_ring.h"
#include "transfer/strategy.h"

#include <stdint.h>
#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    vb_gl_renderer *renderer;               /* producer context */
    GLuint textures[VB_RING_MAX_SLOTS];     /* producer context: the queue's buffers */
    GLuint framebuffers[VB_RING_MAX_SLOTS]; /* producer context */
    EGLImageKHR images[VB_RING_MAX_SLOTS];
    GLuint imported[VB_RING_MAX_SLOTS];     /* consumer context: the images bound as textures */
    EGLSyncKHR queued[VB_RING_MAX_SLOTS];   /* producer's fence, queued with the buffer */
    EGLSyncKHR released[VB_RING_MAX_SLOTS]; /* consumer's release fence */
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    /* The producer's wait on the consumer's release fence of a slot: the real one, or the
     * simulated fault's (own.egl_image.fault_release_fence), chosen at create. */
    int (*wait_release_fence)(vb_strategy *s, int slot);
};

static int wait_release_fence(vb_strategy *s, int slot);
static int release_fence_never_signals(vb_strategy *s, int slot);

static const char *egl_image_unavailable(const vb_gl_info *gl) {
    if (!gl->has_egl_image)
        return "missing EGL images from GL textures (EGL_KHR_gl_texture_2D_image, "
               "GL_OES_EGL_image)";
    if (!gl->has_egl_fence) return "missing EGL fences (EGL_KHR_fence_sync)";
    return NULL;
}

static void egl_image_destroy(vb_strategy *s) {
    free(s);
}

static int egl_image_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("egl-image: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        vb_stage_record_clear(&s->stage[i]);
    s->wait_release_fence = config->own.egl_image.fault_release_fence ? release_fence_never_signals
                                                                      : wait_release_fence;
    *out = s;
    return VB_OK;
}

static EGLSyncKHR fence_now(void) {
    EGLSyncKHR sync = vb_egl.CreateSyncKHR(vb_egl.display, EGL_SYNC_FENCE_KHR, NULL);
    vb_gl.Flush(); /* the fence must reach the GPU before another context waits on it */
    return sync;
}

static void destroy_sync(EGLSyncKHR *sync) {
    if (*sync != EGL_NO_SYNC_KHR && *sync) vb_egl.DestroySyncKHR(vb_egl.display, *sync);
    *sync = EGL_NO_SYNC_KHR;
}

static void egl_image_producer_stop(vb_strategy *s) {
    const int slots = s->config.slots;
    vb_gl_renderer_destroy(s->renderer);
    s->renderer = NULL;
    for (int i = 0; i < slots; i++) {
        destroy_sync(&s->queued[i]);
        destroy_sync(&s->released[i]);
        if (s->images[i]) vb_egl.DestroyImageKHR(vb_egl.display, s->images[i]);
        s->images[i] = NULL;
    }
    vb_gl.DeleteFramebuffers(slots, s->framebuffers);
    vb_gl.DeleteTextures(slots, s->textures);
    vb_gl.Finish();
}

static int egl_image_producer_start(vb_strategy *s) {
    const vb_view_options *view = &s->config.view;
    s->renderer = vb_gl_renderer_create(view);
    if (!s->renderer) return -VB_ERR_FAILURE;
    vb_gl.GenFramebuffers(s->config.slots, s->framebuffers);
    const EGLint attributes[] = {EGL_GL_TEXTURE_LEVEL_KHR, 0, EGL_IMAGE_PRESERVED_KHR, EGL_TRUE,
                                 EGL_NONE};
    for (int i = 0; i < s->config.slots; i++) {
        s->textures[i] = vb_gl_texture_create(GL_RGBA8, view->width, view->height, GL_RGBA,
                                              GL_UNSIGNED_BYTE, NULL);
        vb_gl.BindFramebuffer(GL_FRAMEBUFFER, s->framebuffers[i]);
        vb_gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                                   s->textures[i], 0);
        if (vb_gl.CheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            vb_error_set("egl-image: cannot render into a %dx%d RGBA8 texture", view->width,
                         view->height);
            egl_image_producer_stop(s);
            return -VB_ERR_FAILURE;
        }
        s->images[i] =
            vb_egl.CreateImageKHR(vb_egl.display, vb_egl.GetCurrentContext(), EGL_GL_TEXTURE_2D_KHR,
                                  (EGLClientBuffer)(uintptr_t)s->textures[i], attributes);
        if (s->images[i] == EGL_NO_IMAGE_KHR) {
            vb_error_set("egl-image: eglCreateImageKHR failed (EGL error 0x%x)", vb_egl.GetError());
            egl_image_producer_stop(s);
            return -VB_ERR_FAILURE;
        }
    }
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
    vb_gl.Finish(); /* the buffers exist before the consumer imports one */
    return VB_OK;
}

/* Dequeue: the consumer's release fence on the buffer, waited on before drawing into it. */
static int wait_for_release(vb_strategy *s, int slot) {
    vb_stage_record_clear(&s->stage[slot]);
    if (!s->released[slot]) return VB_OK;
    return s->wait_release_fence(s, slot);
}

/* The simulated fault: the fence never signals, the wait lasts the whole timeout. */
static int release_fence_never_signals(vb_strategy *s, int slot) {
    (void)slot;
    const int64_t start = vb_now_ns();
    const int64_t timeout = s->config.fence_timeout_ns;
    vb_sleep_until_ns(start + timeout);
    vb_error_set("the release fence did not signal within %.0f ms (simulated by "
                 "VIZBENCH_FAULT)",
                 (double)timeout / 1e6);
    return -VB_ERR_FAILURE;
}

static int wait_release_fence(vb_strategy *s, int slot) {
    vb_stage_record *r = &s->stage[slot];
    const int64_t start = vb_now_ns();
    const int64_t timeout = s->config.fence_timeout_ns;
    if (vb_egl.has_wait_sync) {
        vb_egl.WaitSyncKHR(vb_egl.display, s->released[slot], 0);
    } else if (vb_egl.ClientWaitSyncKHR(vb_egl.display, s->released[slot],
                                        EGL_SYNC_FLUSH_COMMANDS_BIT_KHR,
                                        (EGLTimeKHR)timeout) != EGL_CONDITION_SATISFIED_KHR) {
        vb_error_set("the release fence did not signal within %.0f ms", (double)timeout / 1e6);
        return -VB_ERR_FAILURE;
    }
    r->release_wait_ns = vb_now_ns() - start;
    destroy_sync(&s->released[slot]);
    return VB_OK;
}

static int egl_image_render(vb_strategy *s, int slot, const float *analysis, size_t count,
                            int64_t audio_frame, int64_t *bytes_to_gpu) {
    int status = wait_for_release(s, slot);
    if (status != VB_OK) return status;
    size_t bytes =
        vb_gl_renderer_draw(s->renderer, analysis, count, audio_frame, s->framebuffers[slot]);
    *bytes_to_gpu += (int64_t)bytes;
    return VB_OK;
}

static int egl_image_feed(vb_strategy *s, const float *analysis, size_t count, int64_t audio_frame,
                          int64_t *bytes_to_gpu) {
    *bytes_to_gpu += (int64_t)vb_gl_renderer_feed(s->renderer, analysis, count, audio_frame);
    return VB_OK;
}

/* Queue: the buffer with the producer's fence. */
static int egl_image_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)bytes_copied;
    s->queued[slot] = fence_now();
    if (s->queued[slot] == EGL_NO_SYNC_KHR) {
        vb_error_set("egl-image: cannot create an EGL fence (EGL error 0x%x)", vb_egl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* Latch: the GPU waits on the queued fence; a buffer seen for the first time is imported. */
static int egl_image_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                            int64_t *bytes_to_gpu) {
    (void)frame_texture, (void)bytes_to_gpu;
    if (!s->imported[slot]) {
        const int64_t start = vb_now_ns();
        vb_gl.GenTextures(1, &s->imported[slot]);
        vb_gl.BindTexture(GL_TEXTURE_2D, s->imported[slot]);
        vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        vb_egl.ImageTargetTexture2DOES(GL_TEXTURE_2D, s->images[slot]);
        GLenum error = vb_gl.GetError();
        s->stage[slot].import_ns = vb_now_ns() - start;
        if (error != GL_NO_ERROR) {
            vb_error_set("egl-image: glEGLImageTargetTexture2DOES failed (GL error 0x%x)", error);
            return -VB_ERR_FAILURE;
        }
    } else {
        s->stage[slot].import_ns = -1;
    }
    if (vb_egl.has_wait_sync) {
        vb_egl.WaitSyncKHR(vb_egl.display, s->queued[slot], 0);
    } else if (vb_egl.ClientWaitSyncKHR(
                   vb_egl.display, s->queued[slot], EGL_SYNC_FLUSH_COMMANDS_BIT_KHR,
                   (EGLTimeKHR)s->config.fence_timeout_ns) != EGL_CONDITION_SATISFIED_KHR) {
        vb_error_set("the queued buffer's fence did not signal within %.0f ms",
                     (double)s->config.fence_timeout_ns / 1e6);
        return -VB_ERR_FAILURE;
    }
    destroy_sync(&s->queued[slot]);
    *texture = s->imported[slot];
    return VB_OK;
}

static void egl_image_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

/* Release (presented, or latched past unshown): with a fence the producer waits on. */
static void egl_image_release(vb_strategy *s, int slot) {
    destroy_sync(&s->queued[slot]);
    destroy_sync(&s->released[slot]);
    s->released[slot] = fence_now();
}

static void egl_image_consumer_stop(vb_strategy *s) {
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        if (s->imported[i]) vb_gl.DeleteTextures(1, &s->imported[i]);
    vb_gl.Finish();
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
            .family = VB_FAMILY_GPU_SHARING,
            .platforms = VB_PLATFORM_ANDROID,
            .roles = 0,
            .capabilities = VB_CAP_RENDERS_ON_GPU | VB_CAP_ISOLATED_PRODUCER | VB_CAP_STAGE_FIGURES,
            .preference = 2,
        },
    .unavailable_reason = egl_image_unavailable,
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
