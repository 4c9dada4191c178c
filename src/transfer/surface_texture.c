/* surface-texture: Android's SurfaceTexture under Impeller-Vulkan. The producer renders with GLES
 * into the SurfaceTexture's BufferQueue; on each frame the engine latches the newest buffer
 * (updateTexImage) into a GL texture of its trampoline context and blits it into a second texture
 * that Vulkan samples (glvk::Trampoline::BlitTextureOpenGLToVulkan, into a cached
 * AHardwareBuffer-backed target), with fence waits (SetTextureLayout, a sync vkWaitForFences)
 * around it: not zero-copy on the GPU (flutter/flutter engine/src/flutter/shell/platform/android/
 * surface_texture_external_texture_vk_impeller.cc, surface_texture_external_texture.cc;
 * impeller/toolkit/glvk/trampoline.cc).
 *
 * Here: the producer and the queue are egl-image's (transfer/egl_queue.h: a GPU render in a
 * context sharing nothing with the consumer's, into EGLImage buffers with EGL fences both
 * ways); the consumer latches the newest buffer, copies it on the GPU into one texture of its
 * own (cached, as the engine caches its target), fences the copy and waits for that fence on the
 * CPU (glFenceSync + glClientWaitSync, as Impeller waits for its Vulkan fence), then the display
 * samples the copy. The copy is glBlitFramebuffer, GL 3.0 and GLES 3.0, where
 * glCopyImageSubData needs GL 4.3 or GLES 3.2; the trampoline draws a textured quad instead, to
 * apply the SurfaceTexture's UV transform, which this queue (no transform) does not need: the
 * same pixels cross the GPU either way. Measured, as figures of its own: the copy's GPU time
 * (GL_TIMESTAMP queries around it, where the driver has timer queries: the consumer's upload
 * query may be running, and time-elapsed queries cannot nest), the fence wait's CPU time, and
 * one copy on the GPU per shown frame (the record has no GPU copy count of its own; its copy
 * counts are CPU -> CPU). */
#include "common/clock.h"
#include "common/error.h"
#include "display/gl_program.h"
#include "transfer/egl_queue.h"
#include "transfer/strategy.h"

#include <stdlib.h>

struct vb_strategy {
    vb_egl_queue queue;
    GLuint copy_texture, copy_framebuffer, read_framebuffer; /* consumer context */
    GLuint queries[2];                                       /* the copy's start and end */
    int timed;
};

#define BLIT_FIGURE(slot_, name_, label_, unit_, aggregation_, gate_)                              \
    {                                                                                              \
        .name = name_, .label = label_, .unit = unit_, .owner = VB_FIGURE_CONSUMER,                \
        .presence = VB_FIGURE_OF_STRATEGY, .aggregation = aggregation_, .gate = gate_,             \
        .slot = slot_                                                                              \
    }
static const vb_figure blit_gpu =
    BLIT_FIGURE(0, "blit_gpu_ns", "GPU copy", "ns", VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99,
                VB_FIGURE_GATED_TIMED);
static const vb_figure blit_wait =
    BLIT_FIGURE(1, "blit_wait_ns", "copy fence wait", "ns",
                VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99, VB_FIGURE_GATED_TIMED);
static const vb_figure gpu_copies = BLIT_FIGURE(
    2, "gpu_copies", "GPU copies", "count", VB_FIGURE_MEAN | VB_FIGURE_SUM, VB_FIGURE_GATED_EXACT);
static const vb_figure *const surface_texture_figures[] = {&blit_gpu, &blit_wait, &gpu_copies,
                                                           NULL};

static void surface_texture_destroy(vb_strategy *s) {
    free(s);
}

static int surface_texture_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("surface-texture: out of memory");
        return -VB_ERR_FAILURE;
    }
    vb_egl_queue_init(&s->queue, "surface-texture", config, 0);
    s->timed = config->gl && config->gl->info.has_timer_query && vb_gl_table.QueryCounter;
    *out = s;
    return VB_OK;
}

static void surface_texture_consumer_stop(vb_strategy *s) {
    if (s->timed) vb_gl.DeleteQueries(2, s->queries);
    if (s->copy_framebuffer) vb_gl.DeleteFramebuffers(1, &s->copy_framebuffer);
    if (s->read_framebuffer) vb_gl.DeleteFramebuffers(1, &s->read_framebuffer);
    if (s->copy_texture) vb_gl.DeleteTextures(1, &s->copy_texture);
    s->copy_framebuffer = s->read_framebuffer = s->copy_texture = 0;
    vb_egl_queue_consumer_stop(&s->queue);
}

/* The engine's own texture the copy lands in, made once. */
static int surface_texture_consumer_start(vb_strategy *s) {
    const vb_view_options *view = &s->queue.config.view;
    s->copy_texture =
        vb_gl_texture_create(GL_RGBA8, view->width, view->height, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    vb_gl.GenFramebuffers(1, &s->copy_framebuffer);
    vb_gl.GenFramebuffers(1, &s->read_framebuffer);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, s->copy_framebuffer);
    vb_gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, s->copy_texture,
                               0);
    GLenum status = vb_gl.CheckFramebufferStatus(GL_FRAMEBUFFER);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        vb_error_set("cannot copy into a %dx%d RGBA8 texture (status 0x%x)", view->width,
                     view->height, status);
        surface_texture_consumer_stop(s);
        return -VB_ERR_FAILURE;
    }
    if (s->timed) vb_gl.GenQueries(2, s->queries);
    return VB_OK;
}

static int surface_texture_producer_start(vb_strategy *s) {
    return vb_egl_queue_producer_start(&s->queue);
}

static void surface_texture_producer_stop(vb_strategy *s) {
    vb_egl_queue_producer_stop(&s->queue);
}

static int surface_texture_render(vb_strategy *s, int slot, const float *analysis, size_t count,
                                  int64_t audio_frame, int64_t *bytes_to_gpu) {
    return vb_egl_queue_render(&s->queue, slot, analysis, count, audio_frame, bytes_to_gpu);
}

static int surface_texture_feed(vb_strategy *s, const float *analysis, size_t count,
                                int64_t audio_frame, int64_t *bytes_to_gpu) {
    return vb_egl_queue_feed(&s->queue, analysis, count, audio_frame, bytes_to_gpu);
}

static int surface_texture_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)bytes_copied;
    return vb_egl_queue_queue(&s->queue, slot);
}

/* The copy's fence, waited for on the CPU before the copy is sampled; with the fault, a fence
 * that never signals: the whole timeout, then failure. */
static int wait_for_copy(vb_strategy *s) {
    const int64_t timeout = s->queue.config.fence_timeout_ns;
    GLsync fence = vb_gl.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    GLenum result = GL_TIMEOUT_EXPIRED;
    if (s->queue.config.own.surface_texture.fault_copy_fence)
        vb_sleep_until_ns(vb_now_ns() + timeout);
    else
        result = vb_gl.ClientWaitSync(fence, GL_SYNC_FLUSH_COMMANDS_BIT, (GLuint64)timeout);
    vb_gl.DeleteSync(fence);
    if (result == GL_ALREADY_SIGNALED || result == GL_CONDITION_SATISFIED) return VB_OK;
    vb_error_set("the GPU copy's fence did not signal within %.0f ms%s", (double)timeout / 1e6,
                 s->queue.config.own.surface_texture.fault_copy_fence
                     ? " (simulated by VIZBENCH_FAULT)"
                     : "");
    return -VB_ERR_FAILURE;
}

/* The latched buffer copied into the consumer's texture, timed on the GPU. */
static void copy_on_gpu(vb_strategy *s, GLuint source) {
    const vb_view_options *view = &s->queue.config.view;
    vb_gl.BindFramebuffer(GL_READ_FRAMEBUFFER, s->read_framebuffer);
    vb_gl.FramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, source, 0);
    vb_gl.BindFramebuffer(GL_DRAW_FRAMEBUFFER, s->copy_framebuffer);
    if (s->timed) vb_gl_table.QueryCounter(s->queries[0], GL_TIMESTAMP);
    vb_gl.BlitFramebuffer(0, 0, view->width, view->height, 0, 0, view->width, view->height,
                          GL_COLOR_BUFFER_BIT, GL_NEAREST);
    if (s->timed) vb_gl_table.QueryCounter(s->queries[1], GL_TIMESTAMP);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
}

/* Latch, copy, wait for the copy; the copy is what the display draws. */
static int surface_texture_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                                  int64_t *bytes_to_gpu) {
    (void)frame_texture, (void)bytes_to_gpu;
    GLuint latched = 0;
    if (vb_egl_queue_latch(&s->queue, slot, &latched) != VB_OK) return -VB_ERR_FAILURE;
    copy_on_gpu(s, latched);
    const int64_t wait_start = vb_now_ns();
    if (wait_for_copy(s) != VB_OK) return -VB_ERR_FAILURE;
    vb_stage_record *r = &s->queue.stage[slot];
    vb_stage_record_figure(r, &blit_wait, vb_now_ns() - wait_start);
    vb_stage_record_figure(r, &gpu_copies, 1);
    r->gpu_bytes_copied = (int64_t)s->queue.config.frame_bytes; /* the core figure C6 reads */
    if (s->timed) {
        GLuint64 start = 0, end = 0; /* ready: the fence after them signalled */
        vb_gl.GetQueryObjectui64v(s->queries[0], GL_QUERY_RESULT, &start);
        vb_gl.GetQueryObjectui64v(s->queries[1], GL_QUERY_RESULT, &end);
        vb_stage_record_figure(r, &blit_gpu, end >= start ? (int64_t)(end - start) : -1);
    }
    *texture = s->copy_texture;
    return VB_OK;
}

static void surface_texture_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->queue.stage[slot];
}

static void surface_texture_release(vb_strategy *s, int slot) {
    vb_egl_queue_release(&s->queue, slot);
}

const vb_strategy_ops vb_surface_texture_strategy = {
    .facts =
        {
            .name = "surface-texture",
            .summary = "GPU render into an EGLImage queue, latched and copied on the GPU (Android)",
            .does =
                "GPU render in a context that shares nothing with the consumer's, into a queue "
                "of EGLImage buffers; the consumer latches the newest, copies it on the GPU into "
                "a texture of its own (glBlitFramebuffer), waits on a fence for the copy and "
                "samples the copy",
            .models = "Android's SurfaceTexture under Impeller-Vulkan: updateTexImage, then a blit "
                      "from the GL texture into a Vulkan texture with a fence wait",
            .incurs = "no CPU copy; one GPU copy per frame and a CPU wait for it, fence waits "
                      "both ways, a one-time import per buffer",
            .measures = "the GPU copy's time, its fence wait, the import, the release-fence "
                        "waits, the GPU draw",
            .colour = "#44AA99",
            .cpu_work = "producer: analyze",
            .family = VB_FAMILY_ANDROID_PATH,
            .platforms = VB_PLATFORM_ANDROID,
            .roles = 0,
            .capabilities = VB_CAP_RENDERS_ON_GPU | VB_CAP_ISOLATED_PRODUCER |
                            VB_CAP_STAGE_FIGURES | VB_CAP_GLES_BY_DEFAULT,
            .preference = 2,
        },
    .figures = surface_texture_figures,
    .unavailable_reason = vb_egl_queue_unavailable,
    .create = surface_texture_create,
    .destroy = surface_texture_destroy,
    .consumer_start = surface_texture_consumer_start,
    .consumer_stop = surface_texture_consumer_stop,
    .producer_start = surface_texture_producer_start,
    .producer_stop = surface_texture_producer_stop,
    .gpu_render = surface_texture_render,
    .gpu_feed = surface_texture_feed,
    .hand_off = surface_texture_hand_off,
    .collect = surface_texture_collect,
    .upload = surface_texture_upload,
    .release = surface_texture_release,
};
