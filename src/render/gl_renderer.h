/* The GPU renderer of the gl-texture strategy: the same three views as the CPU reference
 * renderer, drawn by fragment shaders from the analysis data only (vb_renderer_analysis: a few
 * KB per frame), so that no pixels cross from the CPU.
 *
 * The shaders repeat the CPU renderer's arithmetic (same formulas, same order, same colours),
 * so pictures match it except where the GPU rounds a float differently at an exact pixel
 * boundary; the run's picture check measures how often. Spectrogram history lives in a ring
 * texture of `width` columns, one column uploaded per frame and scrolled by texture coordinates.
 *
 * Use on one thread with a GL context current; frames must be drawn in order (a frame with a
 * smaller number than the previous one restarts the spectrogram's history, as the CPU renderer
 * does when the input loops). */
#ifndef VB_RENDER_GL_RENDERER_H
#define VB_RENDER_GL_RENDERER_H

#include "display/gl_api.h"
#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_gl_renderer vb_gl_renderer;

/* NULL with the error set when a shader does not build. */
vb_gl_renderer *vb_gl_renderer_create(const vb_view_options *options);
void vb_gl_renderer_destroy(vb_gl_renderer *renderer);

/* Takes the analysis of a frame that will not be drawn into the history (the spectrogram's
 * ring column; nothing for the other views) so that later frames show it. Returns the bytes
 * uploaded. */
size_t vb_gl_renderer_feed(vb_gl_renderer *renderer, const float *analysis, size_t count,
                           int64_t frame);

/* Uploads `analysis` (count floats, laid out as vb_renderer_analysis gives them) for audio
 * frame `frame` and draws the view into `framebuffer` (an RGBA8 target of the view's size).
 * Returns the bytes uploaded. */
size_t vb_gl_renderer_draw(vb_gl_renderer *renderer, const float *analysis, size_t count,
                           int64_t frame, GLuint framebuffer);

#endif
