/* The EGL entry points of GPU sharing between contexts that share nothing (the egl-image
 * strategy): images made from GL textures (EGL_KHR_image_base, EGL_KHR_gl_texture_2D_image),
 * bound as textures in another context (GL_OES_EGL_image), and EGL fences (EGL_KHR_fence_sync,
 * EGL_KHR_wait_sync). Loaded once, with a context current, and only when the display advertises
 * the extension: calling an entry point the display does not advertise can crash inside Mesa
 * (docs/paths.md), so every pointer of a missing extension stays NULL.
 *
 * The core functions too are looked up at run time, from libEGL.so.1 (the library SDL's EGL
 * platforms load), so that commands without GL never map it; without it everything stays
 * unavailable, as without an EGL display.
 *
 * `vb_egl` serves every thread; the display is the one of the context current at load. Calls
 * are not counted as GL calls. */
#ifndef VB_DISPLAY_EGL_API_H
#define VB_DISPLAY_EGL_API_H

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "display/gl_api.h"

typedef void (*vb_egl_image_target_texture_fn)(GLenum target, void *image);

/* X(return type, name without the egl prefix, parameter list): libEGL's own exports. */
#define VB_EGL_CORE_FUNCTIONS(X)                                                                   \
    X(EGLDisplay, GetCurrentDisplay, (void))                                                       \
    X(EGLContext, GetCurrentContext, (void))                                                       \
    X(EGLint, GetError, (void))                                                                    \
    X(const char *, QueryString, (EGLDisplay display, EGLint name))                                \
    X(__eglMustCastToProperFunctionPointerType, GetProcAddress, (const char *name))

#define VB_EGL_DECLARE_MEMBER(ret, name, params) ret(EGLAPIENTRY *name) params;

typedef struct vb_egl_api {
    VB_EGL_CORE_FUNCTIONS(VB_EGL_DECLARE_MEMBER) /* all set, or all NULL: no libEGL */
    EGLDisplay display;
    int has_image;     /* EGL_KHR_image_base + EGL_KHR_gl_texture_2D_image + GL_OES_EGL_image */
    int has_fence;     /* EGL_KHR_fence_sync */
    int has_wait_sync; /* EGL_KHR_wait_sync: a GPU-side wait */
    PFNEGLCREATEIMAGEKHRPROC CreateImageKHR;
    PFNEGLDESTROYIMAGEKHRPROC DestroyImageKHR;
    PFNEGLCREATESYNCKHRPROC CreateSyncKHR;
    PFNEGLDESTROYSYNCKHRPROC DestroySyncKHR;
    PFNEGLCLIENTWAITSYNCKHRPROC ClientWaitSyncKHR;
    PFNEGLWAITSYNCKHRPROC WaitSyncKHR;
    vb_egl_image_target_texture_fn ImageTargetTexture2DOES;
} vb_egl_api;

extern vb_egl_api vb_egl;

/* With a GL context current (on an EGL display): reads the display's extensions and loads what
 * they offer. `gl_has_oes_egl_image`: the GL side's GL_OES_EGL_image. `hidden(name)` says
 * whether a test hides an extension (VIZBENCH_GL_HIDE). Without libEGL or an EGL display (a GLX
 * window) everything stays unavailable. */
void vb_egl_api_load(int gl_has_oes_egl_image, int (*hidden)(const char *name));

#endif
