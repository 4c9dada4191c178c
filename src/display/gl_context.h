/* The two OpenGL contexts of a run: the consumer's ("the UI's raster thread") and the producer's
 * (used only by strategies that render on the GPU), in one share group so textures and fences
 * cross between them.
 *
 * Headless by default: SDL's `offscreen` video driver, which creates the contexts through EGL
 * (Mesa llvmpipe without a GPU, the vendor's driver with one). `visible` opens a real window on
 * the desktop's driver instead. Each context gets its own hidden window, because an EGL surface
 * may be current on only one thread at a time. Open and close on the main thread (SDL's rule for
 * video calls; the video subsystem stays initialised for the process); make a context current on
 * the thread that uses it, and release it there.
 *
 * Simulated faults for tests: VIZBENCH_NO_GL=1 makes open fail as if no GL existed;
 * VIZBENCH_GL_HIDE=NAME[,NAME] hides capabilities (GL_ARB_buffer_storage, GL_ARB_timer_query,
 * GL_ARB_texture_buffer_object, EGL_KHR_gl_texture_2D_image, EGL_KHR_fence_sync,
 * GL_EXT_memory_object_fd, GL_EXT_semaphore_fd; on ES GL_EXT_buffer_storage,
 * GL_EXT_disjoint_timer_query and GL_EXT_texture_buffer instead of the ARB names).
 */
#ifndef VB_DISPLAY_GL_CONTEXT_H
#define VB_DISPLAY_GL_CONTEXT_H

#include <SDL2/SDL.h>

/* Whether `name` (not empty) is one of the comma-separated names of `list` (VIZBENCH_GL_HIDE's
 * form; NULL: none), whole: a name that only begins or ends a listed one is not listed. */
int vb_gl_name_listed(const char *list, const char *name);

typedef struct vb_gl_info {
    char vendor[128];
    char renderer[256];
    char version[128];
    char glsl_version[64];
    char video_driver[32]; /* SDL's: offscreen, x11, wayland */
    int es;                /* an OpenGL ES context (--gl-api gles); major.minor is then ES's */
    int major, minor;
    int software;           /* a CPU rasteriser (llvmpipe, softpipe, swrast): no GPU bus */
    int has_buffer_storage; /* GL 4.4, ARB_buffer_storage or (ES) EXT_buffer_storage: persistent
                               mapped buffers */
    int has_timer_query;    /* GL_TIME_ELAPSED queries (ES: EXT_disjoint_timer_query) */
    /* Buffer textures (GL 3.1, GLES 3.2 or EXT_texture_buffer): a buffer sampled as a 1D array
     * of texels, at most max_texture_buffer_texels (GL_MAX_TEXTURE_BUFFER_SIZE; GLES guarantees
     * only 65536) */
    int has_texture_buffer;
    long long max_texture_buffer_texels;
    int has_egl_image; /* EGL images from GL textures, bound in another context */
    int has_egl_fence; /* EGL fence syncs (and has_egl_wait_sync: waited on the GPU) */
    int has_egl_wait_sync;
    int has_memory_object_fd; /* GL_EXT_memory_object_fd: textures in imported memory */
    int has_semaphore_fd;     /* GL_EXT_semaphore_fd: semaphores imported from fds */
    unsigned char device_uuid[16], driver_uuid[16]; /* GL_DEVICE_UUID_EXT (device 0) and
                                                       GL_DRIVER_UUID_EXT; 0 without them */
} vb_gl_info;

typedef struct vb_gl_contexts {
    SDL_Window *consumer_window, *producer_window, *isolated_window;
    SDL_GLContext consumer, producer;
    /* A third context in no share group: a producer that shares nothing with the consumer (the
     * egl-image strategy, as an Android producer and the engine share nothing). */
    SDL_GLContext isolated;
    int visible;
    vb_gl_info info;
} vb_gl_contexts;

/* Creates the contexts (core profile 3.3 or later; with `es`, OpenGL ES 3.2, or 3.1 or 3.0 where
 * the driver refuses 3.2: info.version says which) and loads vb_gl and vb_egl. On failure returns
 * -VB_ERR_FAILURE with the reason (no display, no EGL, version too old) and leaves nothing open. */
int vb_gl_contexts_open(vb_gl_contexts *contexts, int width, int height, int visible, int es);
void vb_gl_contexts_close(vb_gl_contexts *contexts);

int vb_gl_make_consumer_current(vb_gl_contexts *contexts);
int vb_gl_make_producer_current(vb_gl_contexts *contexts);
int vb_gl_make_isolated_current(vb_gl_contexts *contexts);
/* Releases whatever context is current on the calling thread. */
void vb_gl_release_current(void);
/* The same, on a thread of ours about to end: also frees what SDL keeps per thread (SDL only
 * frees it for threads it created itself; found by valgrind, 104 bytes per thread). */
void vb_gl_release_thread(void);

#endif
