#include "display/egl_api.h"

#include <SDL2/SDL.h>
#include <string.h>

vb_egl_api vb_egl;

static int has_word(const char *list, const char *name) {
    if (!list) return 0;
    const size_t length = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += length) {
        int starts = p == list || p[-1] == ' ';
        int ends = p[length] == '\0' || p[length] == ' ';
        if (starts && ends) return 1;
    }
    return 0;
}

void vb_egl_api_load(int gl_has_oes_egl_image, int (*hidden)(const char *name)) {
    memset(&vb_egl, 0, sizeof vb_egl);
    EGLDisplay display = eglGetCurrentDisplay();
    if (display == EGL_NO_DISPLAY) return;
    vb_egl.display = display;
    const char *extensions = eglQueryString(display, EGL_EXTENSIONS);
    const int image = has_word(extensions, "EGL_KHR_image_base") &&
                      has_word(extensions, "EGL_KHR_gl_texture_2D_image") &&
                      !hidden("EGL_KHR_gl_texture_2D_image") && gl_has_oes_egl_image;
    const int fence = has_word(extensions, "EGL_KHR_fence_sync") && !hidden("EGL_KHR_fence_sync");
    const int wait = fence && has_word(extensions, "EGL_KHR_wait_sync");
    if (image) {
        vb_egl.CreateImageKHR = (PFNEGLCREATEIMAGEKHRPROC)eglGetProcAddress("eglCreateImageKHR");
        vb_egl.DestroyImageKHR = (PFNEGLDESTROYIMAGEKHRPROC)eglGetProcAddress("eglDestroyImageKHR");
        vb_egl.ImageTargetTexture2DOES =
            (vb_egl_image_target_texture_fn)eglGetProcAddress("glEGLImageTargetTexture2DOES");
        vb_egl.has_image =
            vb_egl.CreateImageKHR && vb_egl.DestroyImageKHR && vb_egl.ImageTargetTexture2DOES;
    }
    if (fence) {
        vb_egl.CreateSyncKHR = (PFNEGLCREATESYNCKHRPROC)eglGetProcAddress("eglCreateSyncKHR");
        vb_egl.DestroySyncKHR = (PFNEGLDESTROYSYNCKHRPROC)eglGetProcAddress("eglDestroySyncKHR");
        vb_egl.ClientWaitSyncKHR =
            (PFNEGLCLIENTWAITSYNCKHRPROC)eglGetProcAddress("eglClientWaitSyncKHR");
        vb_egl.has_fence =
            vb_egl.CreateSyncKHR && vb_egl.DestroySyncKHR && vb_egl.ClientWaitSyncKHR;
    }
    if (wait && vb_egl.has_fence) {
        vb_egl.WaitSyncKHR = (PFNEGLWAITSYNCKHRPROC)eglGetProcAddress("eglWaitSyncKHR");
        vb_egl.has_wait_sync = vb_egl.WaitSyncKHR != NULL;
    }
}
