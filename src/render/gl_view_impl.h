/* Internal to the GPU renderer: what each view's GPU half implements (one file per view, next to
 * its CPU file). Each fragment shader mirrors its CPU view file; keep them in step (the picture
 * check in every run and in the tests says when they are not). Rows: gl_FragCoord.y is the
 * image row, 0 at the top. */
#ifndef VB_RENDER_GL_VIEW_IMPL_H
#define VB_RENDER_GL_VIEW_IMPL_H

#include "common/error.h"
#include "display/gl_api.h"
#include "display/gl_program.h"
#include "render/view_options.h"

#include <stdint.h>
#include <string.h>

/* The GPU renderer's state a view half fills in and reads; owned by gl_renderer.c. */
typedef struct vb_gl_view_state {
    vb_view_options options;
    GLuint program;        /* built from the view's shader, current during setup */
    GLuint data_texture;   /* per-frame analysis, bound to unit 0 for upload and feed */
    GLuint static_texture; /* 0, or a texture bound to unit 1 for every draw */
    int bars;              /* spectrum: the bars drawn */
    GLint newest_location; /* spectrogram: the newest frame's uniform */
} vb_gl_view_state;

typedef struct vb_gl_view_impl {
    const char *fragment_shader;
    /* Creates the textures and sets the uniforms: VB_OK or an error (set). */
    int (*setup)(vb_gl_view_state *state);
    /* Uploads frame `frame`'s analysis before it is drawn; returns the bytes uploaded. */
    size_t (*upload)(vb_gl_view_state *state, const float *analysis, size_t count, int64_t frame);
    /* Views with history only (NULL otherwise): takes a frame that will not be drawn. */
    size_t (*feed)(vb_gl_view_state *state, const float *analysis, size_t count, int64_t frame);
} vb_gl_view_impl;

static inline void vb_gl_set_colour(GLuint program, const char *name, uint32_t rgba) {
    uint8_t c[4];
    memcpy(c, &rgba, sizeof c);
    vb_gl.Uniform4f(vb_gl.GetUniformLocation(program, name), c[0] / 255.0f, c[1] / 255.0f,
                    c[2] / 255.0f, c[3] / 255.0f);
}

static inline void vb_gl_set_int(GLuint program, const char *name, int value) {
    vb_gl.Uniform1i(vb_gl.GetUniformLocation(program, name), value);
}

static inline void vb_gl_set_float(GLuint program, const char *name, float value) {
    vb_gl.Uniform1f(vb_gl.GetUniformLocation(program, name), value);
}

extern const vb_gl_view_impl vb_gl_waveform_view;
extern const vb_gl_view_impl vb_gl_spectrum_view;
extern const vb_gl_view_impl vb_gl_spectrogram_view;

#endif
