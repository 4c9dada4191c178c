/* surface-producer: Android's SurfaceProducer (TextureRegistry.createSurfaceProducer, the one
 * recommended under Impeller) fed by a CPU renderer: the zero-copy pixel buffer in its Android
 * form. The producer fills a Surface backed by a queue of HardwareBuffers (an ImageReader); a
 * CPU producer writes a buffer through ANativeWindow_lock / unlockAndPost, i.e. straight into
 * GPU-visible, linear memory. On each paint the engine takes the newest image
 * (ImageReader.acquireLatestImage), imports its hardware buffer as a VkImage / EGLImage and
 * samples it, with no copy (flutter/flutter engine/src/flutter/shell/platform/android/
 * image_external_texture.cc, image_external_texture_vk.cc, image_external_texture_gl.cc).
 *
 * Here: one buffer object per slot, persistently and coherently mapped (glBufferStorage with
 * GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT, created and mapped on the
 * consumer's context), so the CPU renderer draws into the mapping (cpu_target) as into a locked
 * ANativeWindow buffer. Each is viewed as a buffer texture (GL_TEXTURE_BUFFER, GL_RGBA8) which the
 * display samples in place (frame_target: texelFetch of a samplerBuffer at y * width + x,
 * display/presenter.h): no glTexSubImage, no buffer-to-texture copy, unlike mapped-pbo. A buffer
 * texture is the closest GL has to a linear AHardwareBuffer imported for sampling; drawing it
 * into a texture of our own first would have been a GPU copy, which this path does not make.
 * Buffer textures need GL 3.1 or GLES 3.2 and width * height texels within
 * GL_MAX_TEXTURE_BUFFER_SIZE (GLES guarantees only 65536: past it the run fails at start,
 * naming the limit).
 *
 * BufferQueue semantics: the ring hands the producer a slot only once the consumer released it,
 * and the consumer releases it with a fence on its reads (an EGL fence, as Android's release
 * fence is a sync fd); the producer waits for that fence on the CPU before it writes
 * (eglClientWaitSyncKHR: its thread holds no GL context, as ANativeWindow_lock's dequeue waits
 * on the fence without one), timed as release_wait_ns and bounded by the run's fence timeout.
 * Counted per frame: no copy, no allocation; the whole frame as bytes uploaded, since the GPU
 * reads it from the mapped memory as it samples (as mapped-pbo counts its transfer); the cost
 * of writing write-combined or uncached memory shows in the producer's render time. */
#include "transfer/strategy.h"

#include "common/clock.h"
#include "common/error.h"
#include "display/egl_api.h"
#include "transfer/frame_ring.h"

#include <stdint.h>
#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    GLuint buffers[VB_RING_MAX_SLOTS];  /* consumer context: persistently mapped */
    GLuint textures[VB_RING_MAX_SLOTS]; /* consumer context: buffer textures over them */
    uint8_t *mappings[VB_RING_MAX_SLOTS];
    EGLSyncKHR released[VB_RING_MAX_SLOTS]; /* consumer's release fence, waited for by the
                                               producer */
    vb_stage_record stage[VB_RING_MAX_SLOTS];
};

static const char *surface_producer_unavailable(const vb_gl_info *gl) {
    if (!gl->has_buffer_storage)
        return "needs persistent mapped buffers (GL 4.4 or GL_ARB_buffer_storage)";
    if (!gl->has_texture_buffer)
        return "needs buffer textures (GL 3.1, GLES 3.2 or GL_EXT_texture_buffer)";
    if (!gl->has_egl_fence) return "missing EGL fences (EGL_KHR_fence_sync)";
    return NULL;
}

static void surface_producer_destroy(vb_strategy *s) {
    free(s);
}

static int surface_producer_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("surface-producer: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        vb_stage_record_clear(&s->stage[i]);
    *out = s;
    return VB_OK;
}

static void destroy_sync(EGLSyncKHR *sync) {
    if (*sync != EGL_NO_SYNC_KHR && *sync) vb_egl.DestroySyncKHR(vb_egl.display, *sync);
    *sync = EGL_NO_SYNC_KHR;
}

static void surface_producer_consumer_stop(vb_strategy *s) {
    for (int i = 0; i < s->config.slots; i++) {
        destroy_sync(&s->released[i]);
        if (s->mappings[i]) {
            vb_gl.BindBuffer(GL_TEXTURE_BUFFER, s->buffers[i]);
            vb_gl.UnmapBuffer(GL_TEXTURE_BUFFER);
        }
        s->mappings[i] = NULL;
    }
    vb_gl.BindBuffer(GL_TEXTURE_BUFFER, 0);
    vb_gl.DeleteTextures(s->config.slots, s->textures);
    vb_gl.DeleteBuffers(s->config.slots, s->buffers);
    vb_gl.Finish();
}

/* The slot's buffer: storage mapped for good, and the buffer texture the display samples. */
static int make_buffer(vb_strategy *s, int i) {
    const GLbitfield flags = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
    const GLsizeiptr size = (GLsizeiptr)s->config.frame_bytes;
    vb_gl.BindBuffer(GL_TEXTURE_BUFFER, s->buffers[i]);
    vb_gl.BufferStorage(GL_TEXTURE_BUFFER, size, NULL, flags);
    if (!s->config.own.surface_producer.fault_map)
        s->mappings[i] = vb_gl.MapBufferRange(GL_TEXTURE_BUFFER, 0, size, flags);
    GLenum error = vb_gl.GetError();
    if (!s->mappings[i] || error != GL_NO_ERROR) {
        vb_error_set("cannot map the %zu-byte buffer of slot %d (%s)", s->config.frame_bytes, i,
                     s->config.own.surface_producer.fault_map ? "simulated by VIZBENCH_FAULT"
                                                              : "glMapBufferRange failed");
        return -VB_ERR_FAILURE;
    }
    vb_gl.BindTexture(GL_TEXTURE_BUFFER, s->textures[i]);
    vb_gl_table.TexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, s->buffers[i]);
    vb_gl.BindTexture(GL_TEXTURE_BUFFER, 0);
    return VB_OK;
}

/* On the consumer's context, as the engine allocates the ImageReader's buffers. */
static int surface_producer_consumer_start(vb_strategy *s) {
    const vb_view_options *view = &s->config.view;
    const long long texels = (long long)view->width * view->height;
    const long long limit = s->config.gl ? s->config.gl->info.max_texture_buffer_texels : texels;
    if (texels > limit) {
        vb_error_set("a %dx%d frame is %lld texels, past this GL's "
                     "GL_MAX_TEXTURE_BUFFER_SIZE of %lld",
                     view->width, view->height, texels, limit);
        return -VB_ERR_FAILURE;
    }
    vb_gl.GenBuffers(s->config.slots, s->buffers);
    vb_gl.GenTextures(s->config.slots, s->textures);
    for (int i = 0; i < s->config.slots; i++) {
        if (make_buffer(s, i) != VB_OK) {
            surface_producer_consumer_stop(s);
            return -VB_ERR_FAILURE;
        }
    }
    vb_gl.BindBuffer(GL_TEXTURE_BUFFER, 0);
    return VB_OK;
}

/* Dequeue (ANativeWindow_lock): the consumer's release fence on the buffer, waited for on the
 * CPU; with the fault, a buffer the consumer never releases: the whole timeout, then failure. */
static int wait_until_free(vb_strategy *s, int slot) {
    const int64_t start = vb_now_ns();
    const int64_t timeout = s->config.fence_timeout_ns;
    if (s->config.own.surface_producer.fault_release_fence) {
        vb_sleep_until_ns(start + timeout);
        vb_error_set("the consumer did not release the buffer within %.0f ms (simulated by "
                     "VIZBENCH_FAULT)",
                     (double)timeout / 1e6);
        return -VB_ERR_FAILURE;
    }
    if (vb_egl.ClientWaitSyncKHR(vb_egl.display, s->released[slot], 0, (EGLTimeKHR)timeout) !=
        EGL_CONDITION_SATISFIED_KHR) {
        vb_error_set("the consumer's release fence did not signal within %.0f ms",
                     (double)timeout / 1e6);
        return -VB_ERR_FAILURE;
    }
    s->stage[slot].release_wait_ns = vb_now_ns() - start;
    destroy_sync(&s->released[slot]);
    return VB_OK;
}

/* The locked buffer's memory: the CPU renderer writes the frame there, and that is the frame. */
static uint8_t *surface_producer_target(vb_strategy *s, int slot) {
    vb_stage_record_clear(&s->stage[slot]);
    if (s->released[slot] && wait_until_free(s, slot) != VB_OK) return NULL;
    return s->mappings[slot];
}

/* unlockAndPost: the mapping is coherent, so the writes need no flush; the ring publishes. */
static int surface_producer_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)s, (void)slot, (void)bytes_copied;
    return VB_OK;
}

/* The newest image, sampled where it lies: its buffer texture is what the display draws. */
static int surface_producer_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                                   int64_t *bytes_to_gpu) {
    (void)frame_texture;
    *texture = s->textures[slot];
    *bytes_to_gpu += (int64_t)s->config.frame_bytes; /* read by the GPU from mapped memory */
    return VB_OK;
}

static void surface_producer_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

/* Release (presented, or latched past unshown): a fence after the consumer's reads. The display
 * already waited for its own fence, so here it signals at once; on Android it is the release
 * fence a dequeue waits on. */
static void surface_producer_release(vb_strategy *s, int slot) {
    destroy_sync(&s->released[slot]);
    s->released[slot] = vb_egl.CreateSyncKHR(vb_egl.display, EGL_SYNC_FENCE_KHR, NULL);
    vb_gl.Flush(); /* the fence must reach the GPU before the producer waits on it */
}

const vb_strategy_ops vb_surface_producer_strategy = {
    .facts =
        {
            .name = "surface-producer",
            .summary = "CPU render into a mapped buffer of a queue, sampled in place (Android)",
            .does =
                "CPU render straight into one of a queue of persistently mapped buffers; the "
                "display samples that buffer in place as a buffer texture, and releases it with "
                "a fence the producer waits on before it writes the buffer again",
            .models = "Android's SurfaceProducer (ImageReader) written through ANativeWindow_lock: "
                      "the engine acquires the latest image and samples its hardware buffer",
            .incurs = "no copy at all: the renderer's writes are the frame; the GPU reads it from "
                      "mapped memory, a dequeue waits for the release fence",
            .measures = "the render into mapped memory, the release-fence waits, the sampling",
            .colour = "#332288",
            .cpu_work = "producer: render",
            .family = VB_FAMILY_ANDROID_PATH,
            .platforms = VB_PLATFORM_ANDROID,
            .roles = 0,
            .capabilities = VB_CAP_OWN_TEXTURES | VB_CAP_STAGE_FIGURES | VB_CAP_GLES_BY_DEFAULT,
            .preference = 1,
        },
    .frame_target = GL_TEXTURE_BUFFER,
    .unavailable_reason = surface_producer_unavailable,
    .create = surface_producer_create,
    .destroy = surface_producer_destroy,
    .consumer_start = surface_producer_consumer_start,
    .consumer_stop = surface_producer_consumer_stop,
    .cpu_target = surface_producer_target,
    .hand_off = surface_producer_hand_off,
    .upload = surface_producer_upload,
    .collect = surface_producer_collect,
    .release = surface_producer_release,
};
