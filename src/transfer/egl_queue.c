/* The EGLImage buffer queue (transfer/egl_queue.h), moved here from egl-image so that
 * surface-texture latches the same queue without a copy of its code. */
#include "transfer/egl_queue.h"

#include "common/clock.h"
#include "common/error.h"
#include "display/gl_program.h"

#include <stdint.h>

const char *vb_egl_queue_unavailable(const vb_gl_info *gl) {
    if (!gl->has_egl_image)
        return "missing EGL images from GL textures (EGL_KHR_gl_texture_2D_image, "
               "GL_OES_EGL_image)";
    if (!gl->has_egl_fence) return "missing EGL fences (EGL_KHR_fence_sync)";
    return NULL;
}

void vb_egl_queue_init(vb_egl_queue *q, const char *name, const vb_strategy_config *config,
                       int fault_release_fence) {
    q->name = name;
    q->config = *config;
    q->fault_release_fence = fault_release_fence;
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        vb_stage_record_clear(&q->stage[i]);
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

void vb_egl_queue_producer_stop(vb_egl_queue *q) {
    const int slots = q->config.slots;
    vb_gl_renderer_destroy(q->renderer);
    q->renderer = NULL;
    for (int i = 0; i < slots; i++) {
        destroy_sync(&q->queued[i]);
        destroy_sync(&q->released[i]);
        if (q->images[i]) vb_egl.DestroyImageKHR(vb_egl.display, q->images[i]);
        q->images[i] = NULL;
    }
    vb_gl.DeleteFramebuffers(slots, q->framebuffers);
    vb_gl.DeleteTextures(slots, q->textures);
    vb_gl.Finish();
}

/* One buffer: a texture the producer renders into, exported as an image. */
static int make_buffer(vb_egl_queue *q, int i) {
    const vb_view_options *view = &q->config.view;
    const EGLint attributes[] = {EGL_GL_TEXTURE_LEVEL_KHR, 0, EGL_IMAGE_PRESERVED_KHR, EGL_TRUE,
                                 EGL_NONE};
    q->textures[i] =
        vb_gl_texture_create(GL_RGBA8, view->width, view->height, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, q->framebuffers[i]);
    vb_gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, q->textures[i],
                               0);
    if (vb_gl.CheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        vb_error_set("%s: cannot render into a %dx%d RGBA8 texture", q->name, view->width,
                     view->height);
        return -VB_ERR_FAILURE;
    }
    q->images[i] =
        vb_egl.CreateImageKHR(vb_egl.display, vb_egl.GetCurrentContext(), EGL_GL_TEXTURE_2D_KHR,
                              (EGLClientBuffer)(uintptr_t)q->textures[i], attributes);
    if (q->images[i] == EGL_NO_IMAGE_KHR) {
        vb_error_set("%s: eglCreateImageKHR failed (EGL error 0x%x)", q->name, vb_egl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_egl_queue_producer_start(vb_egl_queue *q) {
    q->renderer = vb_gl_renderer_create(&q->config.view);
    if (!q->renderer) return -VB_ERR_FAILURE;
    vb_gl.GenFramebuffers(q->config.slots, q->framebuffers);
    for (int i = 0; i < q->config.slots; i++) {
        if (make_buffer(q, i) != VB_OK) {
            vb_egl_queue_producer_stop(q);
            return -VB_ERR_FAILURE;
        }
    }
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
    vb_gl.Finish(); /* the buffers exist before the consumer imports one */
    return VB_OK;
}

/* The simulated fault: the fence never signals, the wait lasts the whole timeout. */
static int release_fence_never_signals(vb_egl_queue *q) {
    const int64_t start = vb_now_ns();
    const int64_t timeout = q->config.fence_timeout_ns;
    vb_sleep_until_ns(start + timeout);
    vb_error_set("the release fence did not signal within %.0f ms (simulated by "
                 "VIZBENCH_FAULT)",
                 (double)timeout / 1e6);
    return -VB_ERR_FAILURE;
}

/* Dequeue: the consumer's release fence on the buffer, waited on before drawing into it. */
static int wait_for_release(vb_egl_queue *q, int slot) {
    vb_stage_record *r = &q->stage[slot];
    vb_stage_record_clear(r);
    if (!q->released[slot]) return VB_OK;
    if (q->fault_release_fence) return release_fence_never_signals(q);
    const int64_t start = vb_now_ns();
    const int64_t timeout = q->config.fence_timeout_ns;
    if (vb_egl.has_wait_sync) {
        vb_egl.WaitSyncKHR(vb_egl.display, q->released[slot], 0);
    } else if (vb_egl.ClientWaitSyncKHR(vb_egl.display, q->released[slot],
                                        EGL_SYNC_FLUSH_COMMANDS_BIT_KHR,
                                        (EGLTimeKHR)timeout) != EGL_CONDITION_SATISFIED_KHR) {
        vb_error_set("the release fence did not signal within %.0f ms", (double)timeout / 1e6);
        return -VB_ERR_FAILURE;
    }
    r->release_wait_ns = vb_now_ns() - start;
    destroy_sync(&q->released[slot]);
    return VB_OK;
}

int vb_egl_queue_render(vb_egl_queue *q, int slot, const float *analysis, size_t count,
                        int64_t audio_frame, int64_t *bytes_to_gpu) {
    int status = wait_for_release(q, slot);
    if (status != VB_OK) return status;
    size_t bytes =
        vb_gl_renderer_draw(q->renderer, analysis, count, audio_frame, q->framebuffers[slot]);
    *bytes_to_gpu += (int64_t)bytes;
    return VB_OK;
}

int vb_egl_queue_feed(vb_egl_queue *q, const float *analysis, size_t count, int64_t audio_frame,
                      int64_t *bytes_to_gpu) {
    *bytes_to_gpu += (int64_t)vb_gl_renderer_feed(q->renderer, analysis, count, audio_frame);
    return VB_OK;
}

int vb_egl_queue_queue(vb_egl_queue *q, int slot) {
    q->queued[slot] = fence_now();
    if (q->queued[slot] == EGL_NO_SYNC_KHR) {
        vb_error_set("%s: cannot create an EGL fence (EGL error 0x%x)", q->name, vb_egl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* A buffer seen for the first time: bound as a texture of the consumer's, timed (import_ns). */
static int import_buffer(vb_egl_queue *q, int slot) {
    const int64_t start = vb_now_ns();
    vb_gl.GenTextures(1, &q->imported[slot]);
    vb_gl.BindTexture(GL_TEXTURE_2D, q->imported[slot]);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    vb_egl.ImageTargetTexture2DOES(GL_TEXTURE_2D, q->images[slot]);
    GLenum error = vb_gl.GetError();
    q->stage[slot].import_ns = vb_now_ns() - start;
    if (error != GL_NO_ERROR) {
        vb_error_set("%s: glEGLImageTargetTexture2DOES failed (GL error 0x%x)", q->name, error);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* Latch: the GPU waits on the queued fence; a buffer seen for the first time is imported. */
int vb_egl_queue_latch(vb_egl_queue *q, int slot, GLuint *texture) {
    if (!q->imported[slot]) {
        if (import_buffer(q, slot) != VB_OK) return -VB_ERR_FAILURE;
    } else {
        q->stage[slot].import_ns = -1;
    }
    if (vb_egl.has_wait_sync) {
        vb_egl.WaitSyncKHR(vb_egl.display, q->queued[slot], 0);
    } else if (vb_egl.ClientWaitSyncKHR(
                   vb_egl.display, q->queued[slot], EGL_SYNC_FLUSH_COMMANDS_BIT_KHR,
                   (EGLTimeKHR)q->config.fence_timeout_ns) != EGL_CONDITION_SATISFIED_KHR) {
        vb_error_set("the queued buffer's fence did not signal within %.0f ms",
                     (double)q->config.fence_timeout_ns / 1e6);
        return -VB_ERR_FAILURE;
    }
    destroy_sync(&q->queued[slot]);
    *texture = q->imported[slot];
    return VB_OK;
}

/* Release (presented, or latched past unshown): with a fence the producer waits on. */
void vb_egl_queue_release(vb_egl_queue *q, int slot) {
    destroy_sync(&q->queued[slot]);
    destroy_sync(&q->released[slot]);
    q->released[slot] = fence_now();
}

void vb_egl_queue_consumer_stop(vb_egl_queue *q) {
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        if (q->imported[i]) vb_gl.DeleteTextures(1, &q->imported[i]);
    vb_gl.Finish();
}
