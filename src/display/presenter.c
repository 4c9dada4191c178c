#include "display/presenter.h"

#include "common/error.h"
#include "display/gl_program.h"
#include "display/sdl_api.h"
#include "common/clock.h"

#include <string.h>
#include <sys/prctl.h>

/* How often the consumer looks at its fence while a hardware GPU works. NVIDIA's driver makes
 * glClientWaitSync spin the waiting thread until the GPU is done (on an H100 the consumer's
 * thread CPU per frame equalled its whole wait: 1.5 ms at 3840x2160), which bills GPU time as
 * CPU time and is not what a UI's raster thread does. Polling the fence between short sleeps
 * keeps the thread idle; "presented" is then late by at most one interval plus the wake-up (the
 * consumer's timer slack is cut to 1 us so that the sleep is what is asked). A software
 * renderer's wait already sleeps, and there polling would take CPU from its rasteriser threads
 * (on 2 cores it made fences miss a 100 ms timeout), so it keeps the driver's wait. */
#define FENCE_POLL_NS 20000
#define CONSUMER_TIMER_SLACK_NS 1000UL

static const char compose_fragment_shader[] =
    "uniform sampler2D frame;\n"
    "out vec4 colour;\n"
    "void main() {\n"
    "    colour = texelFetch(frame, ivec2(gl_FragCoord.xy), 0);\n"
    "}\n";

/* The same picture from a buffer texture: texel y * width + x is the fragment's own (x, y). The
 * sampler's precision is spelt out because GLSL ES has no default for samplerBuffer (GLSL 3.30
 * accepts and ignores it); on ES it needs GLSL ES 3.20, which gl_program.c gives an ES 3.2
 * context. */
static const char compose_buffer_fragment_shader[] =
    "uniform highp samplerBuffer frame;\n"
    "uniform int width;\n"
    "out vec4 colour;\n"
    "void main() {\n"
    "    ivec2 at = ivec2(gl_FragCoord.xy);\n"
    "    colour = texelFetch(frame, at.y * width + at.x);\n"
    "}\n";

int vb_presenter_init(vb_presenter *p, int width, int height, SDL_Window *window, int poll_fence,
                      int frame_texture) {
    memset(p, 0, sizeof *p);
    p->poll_fence = poll_fence;
    p->width = width;
    p->height = height;
    p->window = window;
    p->frame_target = GL_TEXTURE_2D;
    p->program =
        vb_gl_program_build("display", vb_gl_fullscreen_vertex_shader, compose_fragment_shader);
    if (!p->program) return -VB_ERR_FAILURE;
    vb_gl.GenVertexArrays(1, &p->vertex_array);
    if (frame_texture)
        p->frame_texture =
            vb_gl_texture_create(GL_RGBA8, width, height, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    p->target_texture =
        vb_gl_texture_create(GL_RGBA8, width, height, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    vb_gl.GenFramebuffers(1, &p->target_framebuffer);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, p->target_framebuffer);
    vb_gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                               p->target_texture, 0);
    GLenum status = vb_gl.CheckFramebufferStatus(GL_FRAMEBUFFER);
    GLenum error = vb_gl.GetError();
    if (status != GL_FRAMEBUFFER_COMPLETE || error != GL_NO_ERROR) {
        vb_error_set("display: cannot create a %dx%d RGBA8 framebuffer (status 0x%x, error 0x%x)",
                     width, height, status, error);
        vb_presenter_free(p);
        return -VB_ERR_FAILURE;
    }
    vb_gl.UseProgram(p->program);
    vb_gl.Uniform1i(vb_gl.GetUniformLocation(p->program, "frame"), 0);
    vb_gl.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
    vb_gl.PixelStorei(GL_PACK_ALIGNMENT, 4);
    if (poll_fence) prctl(PR_SET_TIMERSLACK, CONSUMER_TIMER_SLACK_NS, 0UL, 0UL, 0UL);
    return VB_OK;
}

int vb_presenter_take_buffer_frames(vb_presenter *p) {
    p->buffer_program = vb_gl_program_build(
        "display (buffer frames)", vb_gl_fullscreen_vertex_shader, compose_buffer_fragment_shader);
    if (!p->buffer_program) return -VB_ERR_FAILURE;
    vb_gl.UseProgram(p->buffer_program);
    vb_gl.Uniform1i(vb_gl.GetUniformLocation(p->buffer_program, "frame"), 0);
    vb_gl.Uniform1i(vb_gl.GetUniformLocation(p->buffer_program, "width"), p->width);
    p->frame_target = GL_TEXTURE_BUFFER;
    return VB_OK;
}

void vb_presenter_free(vb_presenter *p) {
    if (p->buffer_program) vb_gl.DeleteProgram(p->buffer_program);
    if (p->target_framebuffer) vb_gl.DeleteFramebuffers(1, &p->target_framebuffer);
    if (p->target_texture) vb_gl.DeleteTextures(1, &p->target_texture);
    if (p->frame_texture) vb_gl.DeleteTextures(1, &p->frame_texture);
    if (p->vertex_array) vb_gl.DeleteVertexArrays(1, &p->vertex_array);
    if (p->program) vb_gl.DeleteProgram(p->program);
    memset(p, 0, sizeof *p);
}

void vb_presenter_compose(vb_presenter *p, GLuint texture) {
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, p->target_framebuffer);
    vb_gl.Viewport(0, 0, p->width, p->height);
    vb_gl.UseProgram(p->buffer_program ? p->buffer_program : p->program);
    vb_gl.BindVertexArray(p->vertex_array);
    vb_gl.ActiveTexture(GL_TEXTURE0);
    vb_gl.BindTexture(p->frame_target, texture);
    vb_gl.DrawArrays(GL_TRIANGLES, 0, 3);
    if (p->window) {
        int window_width = p->width, window_height = p->height;
        vb_sdl.GL_GetDrawableSize(p->window, &window_width, &window_height);
        vb_gl.BindFramebuffer(GL_READ_FRAMEBUFFER, p->target_framebuffer);
        vb_gl.BindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
        vb_gl.BlitFramebuffer(0, 0, p->width, p->height, 0, window_height, window_width, 0,
                              GL_COLOR_BUFFER_BIT, GL_NEAREST);
        vb_sdl.GL_SwapWindow(p->window);
        vb_gl.BindFramebuffer(GL_FRAMEBUFFER, p->target_framebuffer);
    }
}

int vb_presenter_wait(vb_presenter *p, uint64_t timeout_ns) {
    GLsync fence = vb_gl.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    int64_t deadline = vb_now_ns() + (int64_t)timeout_ns;
    GLenum result =
        vb_gl.ClientWaitSync(fence, GL_SYNC_FLUSH_COMMANDS_BIT, p->poll_fence ? 0 : timeout_ns);
    while (p->poll_fence && result == GL_TIMEOUT_EXPIRED) {
        int64_t now = vb_now_ns();
        if (now >= deadline) break;
        vb_sleep_until_ns(now + FENCE_POLL_NS < deadline ? now + FENCE_POLL_NS : deadline);
        result = vb_gl.ClientWaitSync(fence, 0, 0);
    }
    vb_gl.DeleteSync(fence);
    if (result == GL_ALREADY_SIGNALED || result == GL_CONDITION_SATISFIED) return VB_OK;
    if (result == GL_TIMEOUT_EXPIRED)
        vb_error_set("fence did not signal within %.0f ms", (double)timeout_ns / 1e6);
    else
        vb_error_set("fence wait failed (GL error 0x%x)", vb_gl.GetError());
    return -VB_ERR_FAILURE;
}

void vb_presenter_read_rows(vb_presenter *p, int first_row, int rows, uint8_t *rgba) {
    /* The target holds the CPU renderer's row order (texelFetch at the fragment's own
     * coordinates), so GL's row y is the picture's row y. */
    vb_gl.BindFramebuffer(GL_READ_FRAMEBUFFER, p->target_framebuffer);
    vb_gl.ReadPixels(0, first_row, p->width, rows, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, p->target_framebuffer);
}
