/* mapped-pbo: a native texture plugin's best CPU path. The producer renders straight into a
 * slot of a GL pixel-unpack buffer that stays mapped for the whole run (ARB_buffer_storage,
 * persistent and coherent, so no flush or unmap per frame); the consumer updates its texture
 * from the slot's offset, which lets the driver pull the bytes itself (DMA on a GPU). The
 * display's fence on each frame guards the slot's reuse. */
#include "transfer/strategy.h"

#include "common/error.h"
#include "transfer/upload.h"

#include <stdint.h>
#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    GLuint buffer;
    size_t size;
    uint8_t *mapping; /* valid from consumer_start to consumer_stop */
};

static const char *mapped_pbo_unavailable(const vb_gl_info *gl) {
    if (gl->has_buffer_storage) return NULL;
    return gl->es ? "needs persistent mapped buffers (GL_EXT_buffer_storage on OpenGL ES)"
                  : "needs persistent mapped buffers (GL 4.4 or GL_ARB_buffer_storage)";
}

static int mapped_pbo_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("mapped-pbo: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    s->size = config->frame_bytes * (size_t)config->slots;
    *out = s;
    return VB_OK;
}

static void mapped_pbo_destroy(vb_strategy *s) {
    free(s);
}

static int mapped_pbo_consumer_start(vb_strategy *s) {
    const GLbitfield flags = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
    vb_gl.GenBuffers(1, &s->buffer);
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, s->buffer);
    vb_gl.BufferStorage(GL_PIXEL_UNPACK_BUFFER, (GLsizeiptr)s->size, NULL, flags);
    s->mapping = vb_gl.MapBufferRange(GL_PIXEL_UNPACK_BUFFER, 0, (GLsizeiptr)s->size, flags);
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    GLenum error = vb_gl.GetError();
    if (!s->mapping || error != GL_NO_ERROR) {
        vb_error_set("mapped-pbo: cannot map a %zu-byte pixel buffer (GL error 0x%x)", s->size,
                     error);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

static void mapped_pbo_consumer_stop(vb_strategy *s) {
    if (!s->buffer) return;
    if (s->mapping) {
        vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, s->buffer);
        vb_gl.UnmapBuffer(GL_PIXEL_UNPACK_BUFFER);
        vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    }
    vb_gl.DeleteBuffers(1, &s->buffer);
    s->buffer = 0;
    s->mapping = NULL;
}

static uint8_t *mapped_pbo_target(vb_strategy *s, int slot) {
    return s->mapping + (size_t)slot * s->config.frame_bytes;
}

static int mapped_pbo_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)s, (void)slot, (void)bytes_copied;
    return VB_OK;
}

static int mapped_pbo_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                             int64_t *bytes_to_gpu) {
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, s->buffer);
    uintptr_t offset = (uintptr_t)slot * s->config.frame_bytes;
    vb_upload_frame(&s->config.view, frame_texture, (const void *)offset);
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    *texture = frame_texture;
    *bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static void mapped_pbo_release(vb_strategy *s, int slot) {
    (void)s, (void)slot;
}

const vb_strategy_ops vb_mapped_pbo_strategy = {
    .facts =
        {
            .name = "mapped-pbo",
            .summary =
                "CPU render into a persistently mapped pixel buffer, texture updated from it",
            .does =
                "CPU render into a persistently mapped pixel-unpack buffer; the texture is updated "
                "from it",
            .models = "a native texture plugin's best CPU path",
            .incurs = "the driver's transfer from the mapped buffer (DMA on a GPU)",
            .measures = "the texture update call; on a software renderer it is a CPU copy",
            .colour = "#009E73",
            .cpu_work = "producer: render",
            .family = VB_FAMILY_CLEAN_MODEL,
            .platforms = VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS,
            .roles = 0,
            .capabilities = 0,
            .preference = 2,
        },
    .unavailable_reason = mapped_pbo_unavailable,
    .create = mapped_pbo_create,
    .destroy = mapped_pbo_destroy,
    .consumer_start = mapped_pbo_consumer_start,
    .consumer_stop = mapped_pbo_consumer_stop,
    .cpu_target = mapped_pbo_target,
    .hand_off = mapped_pbo_hand_off,
    .upload = mapped_pbo_upload,
    .release = mapped_pbo_release,
};
