/* The GPU renderer: what every view shares (program, vertex array, texture units, the draw);
 * what differs by view is the view's GPU half, found through its descriptor (render/views.h). */
#include "render/gl_renderer.h"

#include "common/error.h"
#include "display/gl_program.h"
#include "render/gl_view_impl.h"
#include "render/views.h"

#include <stdlib.h>

struct vb_gl_renderer {
    vb_gl_view_state state;
    const vb_gl_view_impl *impl;
    GLuint vertex_array;
};

vb_gl_renderer *vb_gl_renderer_create(const vb_view_options *options) {
    vb_gl_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        vb_error_set("gl renderer: out of memory");
        return NULL;
    }
    r->state.options = *options;
    r->impl = vb_view_desc_get(options->view)->gl;
    r->state.program = vb_gl_program_build("gl renderer", vb_gl_fullscreen_vertex_shader,
                                           r->impl->fragment_shader);
    if (!r->state.program) goto fail;
    vb_gl.GenVertexArrays(1, &r->vertex_array);
    vb_gl.UseProgram(r->state.program);
    vb_gl.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (r->impl->setup(&r->state) != VB_OK) goto fail;
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR) {
        vb_error_set("gl renderer: cannot create the %s textures (GL error 0x%x)",
                     vb_view_name(options->view), error);
        goto fail;
    }
    return r;
fail:
    vb_gl_renderer_destroy(r);
    return NULL;
}

void vb_gl_renderer_destroy(vb_gl_renderer *r) {
    if (!r) return;
    if (r->state.data_texture) vb_gl.DeleteTextures(1, &r->state.data_texture);
    if (r->state.static_texture) vb_gl.DeleteTextures(1, &r->state.static_texture);
    if (r->vertex_array) vb_gl.DeleteVertexArrays(1, &r->vertex_array);
    if (r->state.program) vb_gl.DeleteProgram(r->state.program);
    free(r);
}

size_t vb_gl_renderer_feed(vb_gl_renderer *r, const float *analysis, size_t count, int64_t frame) {
    if (!r->impl->feed) return 0;
    vb_gl.ActiveTexture(GL_TEXTURE0);
    vb_gl.BindTexture(GL_TEXTURE_2D, r->state.data_texture);
    return r->impl->feed(&r->state, analysis, count, frame);
}

size_t vb_gl_renderer_draw(vb_gl_renderer *r, const float *analysis, size_t count, int64_t frame,
                           GLuint framebuffer) {
    const vb_view_options *o = &r->state.options;
    vb_gl.UseProgram(r->state.program);
    vb_gl.ActiveTexture(GL_TEXTURE0);
    vb_gl.BindTexture(GL_TEXTURE_2D, r->state.data_texture);
    size_t bytes = r->impl->upload(&r->state, analysis, count, frame);
    if (r->state.static_texture) {
        vb_gl.ActiveTexture(GL_TEXTURE1);
        vb_gl.BindTexture(GL_TEXTURE_2D, r->state.static_texture);
        vb_gl.ActiveTexture(GL_TEXTURE0);
    }
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    vb_gl.Viewport(0, 0, o->width, o->height);
    vb_gl.BindVertexArray(r->vertex_array);
    vb_gl.DrawArrays(GL_TRIANGLES, 0, 3);
    return bytes;
}
