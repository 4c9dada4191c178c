/* The EGL entry points of GPU sharing between contexts that share nothing (the egl-image
 * strategy): images made from GL textures (EGL_KHR_image_base, EGL_KHR_gl_texture_2D_image),
 * bound as textures in another context (GL_OES_EGL_image), and EGL fences (EGL_KHR_fence_sync,
 * EGL_KHR_wait_sync). Loaded once, with a context current, and only when the display advertises
 * the extension: calling an entry point the display does not advertise can crash inside Mesa
 * (../shared/PATHS.md), so every pointer of a missing extension stays NULL.
 *
 * `vb_egl` serves every thread; the display is the one of the context current at load. Calls
 * are not counted as GL calls. */
#ifndef VB_DISPLAY_EGL_API_H
#define VB_DISPLAY_EGL_API_H

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "display/gl_api.h"

typedef void (*vb_egl_image_target_texture_fn)(GLenum target, void *image);

typedef struct vb_egl_api {
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
 * whether a test hides an extension (VIZBENCH_GL_HIDE). Without an EGL display (a GLX window)
 * everything stays unavailable. */
void vb_egl_api_load(int gl_has_oes_egl_image, int (*hidden)(const char *name));

#endif
