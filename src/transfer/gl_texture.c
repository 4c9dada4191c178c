/* gl-texture: GPU texture sharing (SurfaceTexture, DMA-BUF, a D3D shared handle). The producer
 * renders on the GPU, in its own context shared with the consumer's, into a ring of textures;
 * only analysis data (a few KB) cross to the GPU. The hand-off is the texture name plus a fence
 * the producer flushes; the consumer makes the GPU wait on it (glWaitSync, no CPU stall) and
 * draws the texture. The display's fence on each frame guards the texture's reuse. Core 3.3
 * (shared contexts, sync objects, float textures) is all it needs. */
#include "transfer/strategy.h"

#include "common/error.h"
#include "display/gl_program.h"
#include "render/gl_renderer.h"

#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    vb_gl_renderer *renderer;
    GLuint *textures;     /* [slots] */
    GLuint *framebuffers; /* [slots], producer context only */
    GLsync *fences;       /* [slots] set at hand-off, deleted at release */
};

static void gl_texture_destroy(vb_strategy *s) {
    if (!s) return;
    free(s->textures);
    free(s->framebuffers);
    free(s->fences);
    free(s);
}

static int gl_texture_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) goto oom;
    s->config = *config;
    s->textures = calloc((size_t)config->slots, sizeof *s->textures);
    s->framebuffers = calloc((size_t)config->slots, sizeof *s->framebuffers);
    s->fences = calloc((size_t)config->slots, sizeof *s->fences);
    if (!s->textures || !s->framebuffers || !s->fences) goto oom;
    *out = s;
    return VB_OK;
oom:
    gl_texture_destroy(s);
    vb_error_set("gl-texture: out of memory");
    return -VB_ERR_FAILURE;
}

static void gl_texture_producer_stop(vb_strategy *s) {
    const int slots = s->config.slots;
    vb_gl_renderer_destroy(s->renderer);
    s->renderer = NULL;
    for (int i = 0; i < slots; i++) {
        if (s->fences[i]) vb_gl.DeleteSync(s->fences[i]);
        s->fences[i] = NULL;
    }
    vb_gl.DeleteFramebuffers(slots, s->framebuffers);
    vb_gl.DeleteTextures(slots, s->textures);
    vb_gl.Finish();
}

static int gl_texture_producer_start(vb_strategy *s) {
    const vb_view_options *view = &s->config.view;
    s->renderer = vb_gl_renderer_create(view);
    if (!s->renderer) return -VB_ERR_FAILURE;
    vb_gl.GenFramebuffers(s->config.slots, s->framebuffers);
    for (int i = 0; i < s->config.slots; i++) {
        s->textures[i] = vb_gl_texture_create(GL_RGBA8, view->width, view->height, GL_RGBA,
                                              GL_UNSIGNED_BYTE, NULL);
        vb_gl.BindFramebuffer(GL_FRAMEBUFFER, s->framebuffers[i]);
        vb_gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                                   s->textures[i], 0);
        if (vb_gl.CheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            vb_error_set("gl-texture: cannot render into a %dx%d RGBA8 texture", view->width,
                         view->height);
            gl_texture_producer_stop(s);
            return -VB_ERR_FAILURE;
        }
    }
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
    /* The consumer must see complete textures before it first binds one. */
    vb_gl.Finish();
    return VB_OK;
}

static int gl_texture_render(vb_strategy *s, int slot, const float *analysis, size_t count,
                             int64_t audio_frame, int64_t *bytes_to_gpu) {
    size_t bytes =
        vb_gl_renderer_draw(s->renderer, analysis, count, audio_frame, s->framebuffers[slot]);
    *bytes_to_gpu += (int64_t)bytes;
    return VB_OK;
}

static int gl_texture_feed(vb_strategy *s, const float *analysis, size_t count, int64_t audio_frame,
                           int64_t *bytes_to_gpu) {
    *bytes_to_gpu += (int64_t)vb_gl_renderer_feed(s->renderer, analysis, count, audio_frame);
    return VB_OK;
}

static int gl_texture_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)bytes_copied;
    s->fences[slot] = vb_gl.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    /* Without a flush the fence might never reach the GPU, and a wait on it in the other
     * context would never end. */
    vb_gl.Flush();
    if (!s->fences[slot]) {
        vb_error_set("gl-texture: cannot create a fence (GL error 0x%x)", vb_gl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

static int gl_texture_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                             int64_t *bytes_to_gpu) {
    (void)frame_texture, (void)bytes_to_gpu;
    vb_gl.WaitSync(s->fences[slot], 0, GL_TIMEOUT_IGNORED);
    *texture = s->textures[slot];
    return VB_OK;
}

static void gl_texture_release(vb_strategy *s, int slot) {
    if (s->fences[slot]) vb_gl.DeleteSync(s->fences[slot]);
    s->fences[slot] = NULL;
}

const vb_strategy_ops vb_gl_texture_strategy = {
    .facts =
        {
            .name = "gl-texture",
            .summary = "GPU render into a shared texture ring, hand over texture name and fence",
            .does =
                "GPU render (shaders) into a texture of a shared context from the analysis data; "
                "texture name + fence cross",
            .models =
                "SurfaceTexture / DMA-BUF / D3D shared handle: the note's GPU texture sharing",
            .incurs = "only the analysis data (a few KB) goes to the GPU",
            .measures = "the analysis upload, the GPU draw, the consumer's wait",
            .colour = "#CC79A7",
            .cpu_work = "producer: analyze",
            .family = VB_FAMILY_GPU_SHARING,
            .platforms = VB_PLATFORM_LINUX,
            .roles = VB_ROLE_SHARING_IDEAL,
            .capabilities = VB_CAP_RENDERS_ON_GPU,
            .preference = 3,
        },
    .create = gl_texture_create,
    .destroy = gl_texture_destroy,
    .producer_start = gl_texture_producer_start,
    .producer_stop = gl_texture_producer_stop,
    .gpu_render = gl_texture_render,
    .gpu_feed = gl_texture_feed,
    .hand_off = gl_texture_hand_off,
    .upload = gl_texture_upload,
    .release = gl_texture_release,
};
