#include "display/gl_context.h"

#include "common/error.h"
#include "display/egl_api.h"
#include "display/gl_api.h"
#include "display/sdl_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vb_gl_name_listed(const char *list, const char *name) {
    if (!list) return 0;
    size_t length = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += length) {
        int starts = p == list || p[-1] == ',';
        int ends = p[length] == '\0' || p[length] == ',';
        if (starts && ends) return 1;
    }
    return 0;
}

static int hidden_by_environment(const char *name) {
    return vb_gl_name_listed(getenv("VIZBENCH_GL_HIDE"), name);
}

static int has_extension(const char *name) {
    GLint count = 0;
    vb_gl.GetIntegerv(GL_NUM_EXTENSIONS, &count);
    for (GLint i = 0; i < count; i++) {
        const GLubyte *extension = vb_gl.GetStringi(GL_EXTENSIONS, (GLuint)i);
        if (extension && strcmp((const char *)extension, name) == 0) return 1;
    }
    return 0;
}

static void copy_gl_string(char *dst, size_t size, GLenum name) {
    const GLubyte *value = vb_gl.GetString(name);
    snprintf(dst, size, "%s", value ? (const char *)value : "unknown");
}

static int is_software_renderer(const char *renderer) {
    static const char *const software[] = {
        "llvmpipe", "softpipe", "swrast", "SWR", "Software Rasterizer", "lavapipe"};
    for (size_t i = 0; i < sizeof software / sizeof software[0]; i++)
        if (strstr(renderer, software[i])) return 1;
    return 0;
}

/* External objects (vulkan-interop): memory and semaphores from fds, and which device GL is. */
static void read_interop_info(vb_gl_info *info) {
    const vb_gl_api *t = &vb_gl_table;
    info->has_memory_object_fd =
        has_extension("GL_EXT_memory_object") && has_extension("GL_EXT_memory_object_fd") &&
        t->CreateMemoryObjectsEXT && t->DeleteMemoryObjectsEXT && t->MemoryObjectParameterivEXT &&
        t->ImportMemoryFdEXT && t->TexStorageMem2DEXT && t->GetUnsignedBytevEXT &&
        t->GetUnsignedBytei_vEXT && !hidden_by_environment("GL_EXT_memory_object_fd");
    info->has_semaphore_fd = info->has_memory_object_fd && has_extension("GL_EXT_semaphore") &&
                             has_extension("GL_EXT_semaphore_fd") && t->GenSemaphoresEXT &&
                             t->DeleteSemaphoresEXT && t->ImportSemaphoreFdEXT &&
                             t->WaitSemaphoreEXT && t->SignalSemaphoreEXT &&
                             !hidden_by_environment("GL_EXT_semaphore_fd");
    if (info->has_memory_object_fd) {
        vb_gl.GetUnsignedBytei_vEXT(GL_DEVICE_UUID_EXT, 0, info->device_uuid);
        vb_gl.GetUnsignedBytevEXT(GL_DRIVER_UUID_EXT, info->driver_uuid);
    }
}

/* Persistent mapped buffers and GL_TIME_ELAPSED queries: core or ARB on desktop GL, EXT on ES
 * (vb_gl_api_load loaded the EXT entry points there). */
static void read_buffer_and_timer_info(vb_gl_info *info) {
    int version = info->major * 10 + info->minor;
    const char *storage = info->es ? "GL_EXT_buffer_storage" : "GL_ARB_buffer_storage";
    const char *timer = info->es ? "GL_EXT_disjoint_timer_query" : "GL_ARB_timer_query";
    int storage_core = !info->es && version >= 44, timer_core = !info->es && version >= 33;
    info->has_buffer_storage = vb_gl_table.BufferStorage != NULL &&
                               (storage_core || has_extension(storage)) &&
                               !hidden_by_environment(storage);
    info->has_timer_query = vb_gl_table.GetQueryObjectui64v != NULL &&
                            (timer_core || has_extension(timer)) && !hidden_by_environment(timer);
    /* Buffer textures: core in GL 3.1 and GLES 3.2 (the display's shader for them is then GLSL
     * ES 3.20: display/gl_program.c), the ARB extension on older desktop GL. */
    const char *buffers = info->es ? "GL_EXT_texture_buffer" : "GL_ARB_texture_buffer_object";
    int buffers_core = info->es ? version >= 32 : version >= 31;
    info->has_texture_buffer = vb_gl_table.TexBuffer != NULL &&
                               (buffers_core || (!info->es && has_extension(buffers))) &&
                               !hidden_by_environment(buffers);
    if (info->has_texture_buffer) {
        GLint texels = 0;
        vb_gl.GetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &texels);
        info->max_texture_buffer_texels = texels;
    }
}

static void read_info(vb_gl_info *info, int es) {
    copy_gl_string(info->vendor, sizeof info->vendor, GL_VENDOR);
    copy_gl_string(info->renderer, sizeof info->renderer, GL_RENDERER);
    copy_gl_string(info->version, sizeof info->version, GL_VERSION);
    copy_gl_string(info->glsl_version, sizeof info->glsl_version, GL_SHADING_LANGUAGE_VERSION);
    info->es = es;
    vb_gl.GetIntegerv(GL_MAJOR_VERSION, &info->major);
    vb_gl.GetIntegerv(GL_MINOR_VERSION, &info->minor);
    info->software = is_software_renderer(info->renderer);
    read_buffer_and_timer_info(info);
    /* GL_OES_EGL_image: native to ES, the same extension on desktop Mesa and NVIDIA. */
    vb_egl_api_load(has_extension("GL_OES_EGL_image"), hidden_by_environment);
    info->has_egl_image = vb_egl.has_image;
    info->has_egl_fence = vb_egl.has_fence;
    info->has_egl_wait_sync = vb_egl.has_wait_sync;
    read_interop_info(info);
}

static SDL_Window *create_window(const char *title, int width, int height, int visible) {
    Uint32 flags = SDL_WINDOW_OPENGL | (visible ? SDL_WINDOW_SHOWN : SDL_WINDOW_HIDDEN);
    return vb_sdl.CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width,
                               height, flags);
}

/* The consumer's window and context, with the attributes the producer's then reuse. ES: 3.2, or
 * the newest 3.x the driver grants (the window's EGL config is the same for every 3.x). */
static int open_consumer(vb_gl_contexts *c, int width, int height, int visible, int es) {
    vb_sdl.GL_ResetAttributes();
    vb_sdl.GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK,
                           es ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
    vb_sdl.GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    vb_sdl.GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, es ? 2 : 3);
    vb_sdl.GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    vb_sdl.GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    /* Hidden, nothing is drawn to the window (the display draws into its own framebuffer), so
     * its surface is kept small: at the view's size it would hold a 3840x2160 back buffer
     * (33 MB) for nothing. */
    c->consumer_window =
        create_window("vizbench", visible ? width : 64, visible ? height : 64, visible);
    if (!c->consumer_window) {
        vb_error_set("OpenGL: cannot open a %s surface (%s)", c->info.video_driver,
                     vb_sdl.GetError());
        return -VB_ERR_FAILURE;
    }
    for (int minor = es ? 2 : 3; !c->consumer && minor >= (es ? 0 : 3); minor--) {
        vb_sdl.GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, minor);
        c->consumer = vb_sdl.GL_CreateContext(c->consumer_window);
    }
    if (!c->consumer) {
        vb_error_set("OpenGL: no %s context (%s)", es ? "OpenGL ES 3.x" : "core 3.3",
                     vb_sdl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_gl_contexts_open(vb_gl_contexts *c, int width, int height, int visible, int es) {
    memset(c, 0, sizeof *c);
    c->visible = visible;
    if (getenv("VIZBENCH_NO_GL") && strcmp(getenv("VIZBENCH_NO_GL"), "0") != 0) {
        vb_error_set("OpenGL: unavailable (VIZBENCH_NO_GL is set)");
        return -VB_ERR_FAILURE;
    }
    if (vb_sdl_api_load() != VB_OK) {
        char reason[512];
        snprintf(reason, sizeof reason, "%s", vb_error_get());
        vb_error_set("OpenGL: unavailable (%s)", reason);
        return -VB_ERR_FAILURE;
    }
    /* Headless unless asked for a window, so figures do not depend on a desktop compositor;
     * a driver the user names in SDL_VIDEODRIVER still wins. */
    if (!visible) vb_sdl.SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (vb_sdl.InitSubSystem(SDL_INIT_VIDEO) != 0) {
        vb_error_set("OpenGL: no video driver (%s)", vb_sdl.GetError());
        return -VB_ERR_FAILURE;
    }
    /* One reference to the GL library held for the process, so that destroying the last
     * window does not unload the driver (see vb_gl_contexts_close). */
    static int library_held;
    if (!library_held) {
        if (vb_sdl.GL_LoadLibrary(NULL) != 0) {
            vb_error_set("OpenGL: cannot load the GL library (%s)", vb_sdl.GetError());
            return -VB_ERR_FAILURE;
        }
        library_held = 1;
    }
    snprintf(c->info.video_driver, sizeof c->info.video_driver, "%s",
             vb_sdl.GetCurrentVideoDriver() ? vb_sdl.GetCurrentVideoDriver() : "none");
    if (open_consumer(c, width, height, visible, es) != VB_OK) goto fail;
    if (vb_gl_api_load(es) != VB_OK) goto fail;
    read_info(&c->info, es);
    if (visible) vb_sdl.GL_SetSwapInterval(0);

    vb_sdl.GL_SetAttribute(SDL_GL_SHARE_WITH_CURRENT_CONTEXT, 1);
    c->producer_window = create_window("vizbench producer", 64, 64, 0);
    c->producer = c->producer_window ? vb_sdl.GL_CreateContext(c->producer_window) : NULL;
    vb_sdl.GL_SetAttribute(SDL_GL_SHARE_WITH_CURRENT_CONTEXT, 0);
    if (!c->producer) {
        vb_error_set("OpenGL: no shared producer context (%s)", vb_sdl.GetError());
        goto fail;
    }
    /* Unshared: made with sharing off (SDL shares only when asked). Strategies that need it say
     * so; a driver that cannot make it leaves it NULL and they are unavailable. */
    c->isolated_window = create_window("vizbench isolated producer", 64, 64, 0);
    c->isolated = c->isolated_window ? vb_sdl.GL_CreateContext(c->isolated_window) : NULL;
    vb_sdl.GL_MakeCurrent(NULL, NULL);
    return VB_OK;
fail:
    vb_gl_contexts_close(c);
    return -VB_ERR_FAILURE;
}

void vb_gl_contexts_close(vb_gl_contexts *c) {
    if (c->consumer || c->producer) vb_sdl.GL_MakeCurrent(NULL, NULL);
    if (c->isolated) vb_sdl.GL_DeleteContext(c->isolated);
    if (c->isolated_window) vb_sdl.DestroyWindow(c->isolated_window);
    c->isolated = NULL;
    c->isolated_window = NULL;
    if (c->producer) vb_sdl.GL_DeleteContext(c->producer);
    if (c->consumer) vb_sdl.GL_DeleteContext(c->consumer);
    if (c->producer_window) vb_sdl.DestroyWindow(c->producer_window);
    if (c->consumer_window) vb_sdl.DestroyWindow(c->consumer_window);
    /* SDL's video subsystem (and the GL driver it loaded) stays up until the process ends: a
     * later session reuses it, and leak checkers can still name the driver's own allocations
     * at exit instead of reporting frames of an unloaded library. */
    c->producer = c->consumer = NULL;
    c->producer_window = c->consumer_window = NULL;
}

static int make_current(SDL_Window *window, SDL_GLContext context, const char *which) {
    if (vb_sdl.GL_MakeCurrent(window, context) != 0) {
        vb_error_set("OpenGL: cannot make the %s context current (%s)", which, vb_sdl.GetError());
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_gl_make_consumer_current(vb_gl_contexts *c) {
    return make_current(c->consumer_window, c->consumer, "consumer");
}

int vb_gl_make_producer_current(vb_gl_contexts *c) {
    return make_current(c->producer_window, c->producer, "producer");
}

int vb_gl_make_isolated_current(vb_gl_contexts *c) {
    if (!c->isolated) {
        vb_error_set("OpenGL: no unshared producer context");
        return -VB_ERR_FAILURE;
    }
    return make_current(c->isolated_window, c->isolated, "unshared producer");
}

/* Without SDL loaded no context was ever made, so there is nothing to release. */
void vb_gl_release_current(void) {
    if (vb_sdl_api_loaded()) vb_sdl.GL_MakeCurrent(NULL, NULL);
}

void vb_gl_release_thread(void) {
    if (!vb_sdl_api_loaded()) return;
    vb_sdl.GL_MakeCurrent(NULL, NULL);
    vb_sdl.TLSCleanup();
}
