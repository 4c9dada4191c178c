#include "display/egl_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

vb_egl_api vb_egl;

/* Each entry's type against the EGL header's declaration; _Generic does not evaluate its
 * operand, so this makes no reference for the linker to resolve. */
#define VB_EGL_CHECK_TYPE(ret, name, params)                                                       \
    _Static_assert(_Generic(&egl##name, ret(EGLAPIENTRY *) params : 1, default : 0),               \
                   "vb_egl." #name " is not egl" #name "'s type");
VB_EGL_CORE_FUNCTIONS(VB_EGL_CHECK_TYPE)

static vb_egl_api core;

/* Never dlclose'd: the GL driver behind the contexts is loaded through it. */
static void load_core_once(void) {
    void *library = dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    vb_egl_api table = {0};
    void *address;
#define VB_EGL_LOAD(ret, name, params)                                                             \
    address = dlsym(library, "egl" #name);                                                         \
    if (!address) return;                                                                          \
    memcpy(&table.name, &address, sizeof address);
    VB_EGL_CORE_FUNCTIONS(VB_EGL_LOAD)
    core = table;
}

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
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_core_once);
    vb_egl = core;
    if (!vb_egl.GetCurrentDisplay) return;
    EGLDisplay display = vb_egl.GetCurrentDisplay();
    if (display == EGL_NO_DISPLAY) return;
    vb_egl.display = display;
    const char *extensions = vb_egl.QueryString(display, EGL_EXTENSIONS);
    const int image = has_word(extensions, "EGL_KHR_image_base") &&
                      has_word(extensions, "EGL_KHR_gl_texture_2D_image") &&
                      !hidden("EGL_KHR_gl_texture_2D_image") && gl_has_oes_egl_image;
    const int fence = has_word(extensions, "EGL_KHR_fence_sync") && !hidden("EGL_KHR_fence_sync");
    const int wait = fence && has_word(extensions, "EGL_KHR_wait_sync");
    if (image) {
        vb_egl.CreateImageKHR =
            (PFNEGLCREATEIMAGEKHRPROC)vb_egl.GetProcAddress("eglCreateImageKHR");
        vb_egl.DestroyImageKHR =
            (PFNEGLDESTROYIMAGEKHRPROC)vb_egl.GetProcAddress("eglDestroyImageKHR");
        vb_egl.ImageTargetTexture2DOES =
            (vb_egl_image_target_texture_fn)vb_egl.GetProcAddress("glEGLImageTargetTexture2DOES");
        vb_egl.has_image =
            vb_egl.CreateImageKHR && vb_egl.DestroyImageKHR && vb_egl.ImageTargetTexture2DOES;
    }
    if (fence) {
        vb_egl.CreateSyncKHR = (PFNEGLCREATESYNCKHRPROC)vb_egl.GetProcAddress("eglCreateSyncKHR");
        vb_egl.DestroySyncKHR =
            (PFNEGLDESTROYSYNCKHRPROC)vb_egl.GetProcAddress("eglDestroySyncKHR");
        vb_egl.ClientWaitSyncKHR =
            (PFNEGLCLIENTWAITSYNCKHRPROC)vb_egl.GetProcAddress("eglClientWaitSyncKHR");
        vb_egl.has_fence =
            vb_egl.CreateSyncKHR && vb_egl.DestroySyncKHR && vb_egl.ClientWaitSyncKHR;
    }
    if (wait && vb_egl.has_fence) {
        vb_egl.WaitSyncKHR = (PFNEGLWAITSYNCKHRPROC)vb_egl.GetProcAddress("eglWaitSyncKHR");
        vb_egl.has_wait_sync = vb_egl.WaitSyncKHR != NULL;
    }
}
