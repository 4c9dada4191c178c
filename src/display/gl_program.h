/* Compiles and links a GLSL program from a vertex and a fragment shader, on the current context.
 * Sources carry no #version line: the header for the context's API is put before them (GLSL
 * 3.30 core on desktop GL, GLSL ES 3.00 with highp precision on OpenGL ES), so one source
 * serves both.
 * Returns the program name, or 0 with the error set to "`label`: <first line of the log>". The
 * caller deletes the program (vb_gl.DeleteProgram) on the same share group. */
#ifndef VB_DISPLAY_GL_PROGRAM_H
#define VB_DISPLAY_GL_PROGRAM_H

#include "display/gl_api.h"

/* A vertex shader that covers the viewport with one triangle from gl_VertexID; draw it with
 * DrawArrays(GL_TRIANGLES, 0, 3) and any VAO bound. */
extern const char vb_gl_fullscreen_vertex_shader[];

/* A single-level 2D texture fetched texel for texel (nearest, no mipmaps, so it is complete),
 * filled from `pixels` (NULL: undefined contents). Left bound to GL_TEXTURE_2D. */
GLuint vb_gl_texture_create(GLint internal_format, int width, int height, GLenum format,
                            GLenum type, const void *pixels);

GLuint vb_gl_program_build(const char *label, const char *vertex_source,
                           const char *fragment_source);

#endif
