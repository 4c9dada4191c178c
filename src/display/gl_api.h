/* The OpenGL entry points vizbench calls, loaded at run time through SDL_GL_GetProcAddress.
 *
 * Why a table instead of linking libGL: SDL creates the context through EGL (offscreen driver)
 * or GLX/Wayland (--window), and only the loader of the current platform knows which library
 * serves it. On Linux the pointers do not depend on the context, so one table, loaded once with
 * any context current, serves every thread. Call as vb_gl.TexSubImage2D(...). */
#ifndef VB_DISPLAY_GL_API_H
#define VB_DISPLAY_GL_API_H

#include "common/work_counts.h"

#include <SDL2/SDL_opengl.h>

/* X(return type, name without the gl prefix, parameter list) */
#define VB_GL_FUNCTIONS(X)                                                                         \
    X(const GLubyte *, GetString, (GLenum name))                                                   \
    X(const GLubyte *, GetStringi, (GLenum name, GLuint index))                                    \
    X(void, GetIntegerv, (GLenum pname, GLint * data))                                             \
    X(GLenum, GetError, (void))                                                                    \
    X(void, Enable, (GLenum cap))                                                                  \
    X(void, Disable, (GLenum cap))                                                                 \
    X(void, Flush, (void))                                                                         \
    X(void, GenerateMipmap, (GLenum target))                                                       \
    X(void, Finish, (void))                                                                        \
    X(void, Viewport, (GLint x, GLint y, GLsizei width, GLsizei height))                           \
    X(void, ClearColor, (GLfloat r, GLfloat g, GLfloat b, GLfloat a))                              \
    X(void, Clear, (GLbitfield mask))                                                              \
    X(void, PixelStorei, (GLenum pname, GLint param))                                              \
    X(void, GenTextures, (GLsizei n, GLuint * textures))                                           \
    X(void, DeleteTextures, (GLsizei n, const GLuint *textures))                                   \
    X(void, BindTexture, (GLenum target, GLuint texture))                                          \
    X(void, ActiveTexture, (GLenum texture))                                                       \
    X(void, TexParameteri, (GLenum target, GLenum pname, GLint param))                             \
    X(void, TexImage2D,                                                                            \
      (GLenum target, GLint level, GLint internalformat, GLsizei width, GLsizei height,            \
       GLint border, GLenum format, GLenum type, const void *pixels))                              \
    X(void, TexSubImage2D,                                                                         \
      (GLenum target, GLint level, GLint xoffset, GLint yoffset, GLsizei width, GLsizei height,    \
       GLenum format, GLenum type, const void *pixels))                                            \
    X(void, GenFramebuffers, (GLsizei n, GLuint * framebuffers))                                   \
    X(void, DeleteFramebuffers, (GLsizei n, const GLuint *framebuffers))                           \
    X(void, BindFramebuffer, (GLenum target, GLuint framebuffer))                                  \
    X(void, FramebufferTexture2D,                                                                  \
      (GLenum target, GLenum attachment, GLenum textarget, GLuint texture, GLint level))           \
    X(GLenum, CheckFramebufferStatus, (GLenum target))                                             \
    X(void, BlitFramebuffer,                                                                       \
      (GLint srcX0, GLint srcY0, GLint srcX1, GLint srcY1, GLint dstX0, GLint dstY0, GLint dstX1,  \
       GLint dstY1, GLbitfield mask, GLenum filter))                                               \
    X(void, ReadPixels,                                                                            \
      (GLint x, GLint y, GLsizei width, GLsizei height, GLenum format, GLenum type, void *pixels)) \
    X(GLuint, CreateShader, (GLenum type))                                                         \
    X(void, DeleteShader, (GLuint shader))                                                         \
    X(void, ShaderSource,                                                                          \
      (GLuint shader, GLsizei count, const GLchar *const *string, const GLint *length))            \
    X(void, CompileShader, (GLuint shader))                                                        \
    X(void, GetShaderiv, (GLuint shader, GLenum pname, GLint * params))                            \
    X(void, GetShaderInfoLog, (GLuint shader, GLsizei size, GLsizei * length, GLchar * log))       \
    X(GLuint, CreateProgram, (void))                                                               \
    X(void, DeleteProgram, (GLuint program))                                                       \
    X(void, AttachShader, (GLuint program, GLuint shader))                                         \
    X(void, LinkProgram, (GLuint program))                                                         \
    X(void, GetProgramiv, (GLuint program, GLenum pname, GLint * params))                          \
    X(void, GetProgramInfoLog, (GLuint program, GLsizei size, GLsizei * length, GLchar * log))     \
    X(void, UseProgram, (GLuint program))                                                          \
    X(GLint, GetUniformLocation, (GLuint program, const GLchar *name))                             \
    X(void, Uniform1i, (GLint location, GLint v0))                                                 \
    X(void, Uniform1f, (GLint location, GLfloat v0))                                               \
    X(void, Uniform4f, (GLint location, GLfloat v0, GLfloat v1, GLfloat v2, GLfloat v3))           \
    X(void, GenVertexArrays, (GLsizei n, GLuint * arrays))                                         \
    X(void, DeleteVertexArrays, (GLsizei n, const GLuint *arrays))                                 \
    X(void, BindVertexArray, (GLuint array))                                                       \
    X(void, DrawArrays, (GLenum mode, GLint first, GLsizei count))                                 \
    X(void, GenBuffers, (GLsizei n, GLuint * buffers))                                             \
    X(void, DeleteBuffers, (GLsizei n, const GLuint *buffers))                                     \
    X(void, BindBuffer, (GLenum target, GLuint buffer))                                            \
    X(void, BufferData, (GLenum target, GLsizeiptr size, const void *data, GLenum usage))          \
    X(void *, MapBufferRange,                                                                      \
      (GLenum target, GLintptr offset, GLsizeiptr length, GLbitfield access))                      \
    X(GLboolean, UnmapBuffer, (GLenum target))                                                     \
    X(GLsync, FenceSync, (GLenum condition, GLbitfield flags))                                     \
    X(GLenum, ClientWaitSync, (GLsync sync, GLbitfield flags, GLuint64 timeout))                   \
    X(void, WaitSync, (GLsync sync, GLbitfield flags, GLuint64 timeout))                           \
    X(void, DeleteSync, (GLsync sync))                                                             \
    X(void, GenQueries, (GLsizei n, GLuint * ids))                                                 \
    X(void, DeleteQueries, (GLsizei n, const GLuint *ids))                                         \
    X(void, BeginQuery, (GLenum target, GLuint id))                                                \
    X(void, EndQuery, (GLenum target))                                                             \
    X(void, GetQueryObjectuiv, (GLuint id, GLenum pname, GLuint * params))

/* Optional: BufferStorage from GL 4.4 or ARB_buffer_storage, GetQueryObjectui64v from GL 3.3 or
 * ARB_timer_query (on OpenGL ES both are loaded from their EXT names, EXT_buffer_storage and
 * EXT_disjoint_timer_query: see vb_gl_api_load); TexBuffer (buffer textures) and QueryCounter
 * (timestamps), core GL but only GLES 3.2 / EXT_disjoint_timer_query on GLES, so a GLES 3.0
 * context still loads; the rest from GL_EXT_memory_object(_fd) and GL_EXT_semaphore(_fd)
 * (vulkan-interop), the same names on ES; NULL otherwise. */
#define VB_GL_OPTIONAL_FUNCTIONS(X)                                                                \
    X(void, BufferStorage, (GLenum target, GLsizeiptr size, const void *data, GLbitfield flags))   \
    X(void, GetQueryObjectui64v, (GLuint id, GLenum pname, GLuint64 * params))                     \
    X(void, TexBuffer, (GLenum target, GLenum internalformat, GLuint buffer))                      \
    X(void, QueryCounter, (GLuint id, GLenum target))                                              \
    X(void, GetUnsignedBytevEXT, (GLenum pname, GLubyte * data))                                   \
    X(void, GetUnsignedBytei_vEXT, (GLenum target, GLuint index, GLubyte * data))                  \
    X(void, CreateMemoryObjectsEXT, (GLsizei n, GLuint * memoryObjects))                           \
    X(void, DeleteMemoryObjectsEXT, (GLsizei n, const GLuint *memoryObjects))                      \
    X(void, MemoryObjectParameterivEXT, (GLuint memoryObject, GLenum pname, const GLint *params))  \
    X(void, ImportMemoryFdEXT, (GLuint memory, GLuint64 size, GLenum handleType, GLint fd))        \
    X(void, TexStorageMem2DEXT,                                                                    \
      (GLenum target, GLsizei levels, GLenum internalFormat, GLsizei width, GLsizei height,        \
       GLuint memory, GLuint64 offset))                                                            \
    X(void, GenSemaphoresEXT, (GLsizei n, GLuint * semaphores))                                    \
    X(void, DeleteSemaphoresEXT, (GLsizei n, const GLuint *semaphores))                            \
    X(void, ImportSemaphoreFdEXT, (GLuint semaphore, GLenum handleType, GLint fd))                 \
    X(void, WaitSemaphoreEXT,                                                                      \
      (GLuint semaphore, GLuint numBufferBarriers, const GLuint *buffers,                          \
       GLuint numTextureBarriers, const GLuint *textures, const GLenum *srcLayouts))               \
    X(void, SignalSemaphoreEXT,                                                                    \
      (GLuint semaphore, GLuint numBufferBarriers, const GLuint *buffers,                          \
       GLuint numTextureBarriers, const GLuint *textures, const GLenum *dstLayouts))

#define VB_GL_DECLARE_MEMBER(ret, name, params) ret(APIENTRY *name) params;

typedef struct vb_gl_api {
    VB_GL_FUNCTIONS(VB_GL_DECLARE_MEMBER)
    VB_GL_OPTIONAL_FUNCTIONS(VB_GL_DECLARE_MEMBER)
} vb_gl_api;

/* Filled by vb_gl_api_load; read-only afterwards, so threads may share it without locks. */
extern vb_gl_api vb_gl_table;

/* Calls go through vb_gl.Name(...): each use counts one GL call for the calling thread
 * (common/work_counts.h), so the gate can see a GL call added to a frame's work. Test an
 * optional entry point through vb_gl_table, which counts nothing. */
static inline vb_gl_api *vb_gl_counted(void) {
    vb_work_gl_call();
    return &vb_gl_table;
}
#define vb_gl (*vb_gl_counted())

/* Loads every entry point with a context current; fails naming the first missing function. `es`:
 * the current context is OpenGL ES, where the optional entry points that ES has only as
 * extensions are loaded from their EXT names into the same members, so callers stay one path.
 * Called on the main thread each time contexts open, while no other thread uses the table. */
int vb_gl_api_load(int es);

#endif
