/* The SDL2 functions vizbench calls, loaded at run time from libSDL2-2.0.so.0 on first use.
 *
 * Why not link SDL2: through it the dynamic loader maps some fifty libraries (X11, Wayland,
 * PulseAudio, D-Bus, ...) at every start, which costs commands that never open a GL context
 * (render, report, compare) more than their own work. SDL's headers still give the types.
 *
 * Call vb_sdl_api_load before any call; then call as vb_sdl.GL_MakeCurrent(...). The library is
 * never unloaded (the GL driver it loads stays for the process, gl_context.h). */
#ifndef VB_DISPLAY_SDL_API_H
#define VB_DISPLAY_SDL_API_H

#include <SDL2/SDL.h>

/* X(return type, name without the SDL_ prefix, parameter list) */
#define VB_SDL_FUNCTIONS(X)                                                                        \
    X(void, GetVersion, (SDL_version * version))                                                   \
    X(const char *, GetError, (void))                                                              \
    X(SDL_bool, SetHint, (const char *name, const char *value))                                    \
    X(int, InitSubSystem, (Uint32 flags))                                                          \
    X(const char *, GetCurrentVideoDriver, (void))                                                 \
    X(SDL_Window *, CreateWindow,                                                                  \
      (const char *title, int x, int y, int width, int height, Uint32 flags))                      \
    X(void, DestroyWindow, (SDL_Window * window))                                                  \
    X(int, GL_LoadLibrary, (const char *path))                                                     \
    X(void *, GL_GetProcAddress, (const char *proc))                                               \
    X(void, GL_ResetAttributes, (void))                                                            \
    X(int, GL_SetAttribute, (SDL_GLattr attribute, int value))                                     \
    X(SDL_GLContext, GL_CreateContext, (SDL_Window * window))                                      \
    X(void, GL_DeleteContext, (SDL_GLContext context))                                             \
    X(int, GL_MakeCurrent, (SDL_Window * window, SDL_GLContext context))                           \
    X(int, GL_SetSwapInterval, (int interval))                                                     \
    X(void, GL_GetDrawableSize, (SDL_Window * window, int *width, int *height))                    \
    X(void, GL_SwapWindow, (SDL_Window * window))                                                  \
    X(void, TLSCleanup, (void))

#define VB_SDL_DECLARE_MEMBER(ret, name, params) ret(SDLCALL *name) params;

typedef struct vb_sdl_api {
    VB_SDL_FUNCTIONS(VB_SDL_DECLARE_MEMBER)
} vb_sdl_api;

/* Filled by vb_sdl_api_load; read-only afterwards, so threads may share it without locks. */
extern vb_sdl_api vb_sdl;

/* Loads the library and every function, once for the process (any thread; later calls return
 * the first one's result). VB_OK, or -VB_ERR_FAILURE with the error set to
 * "cannot load libSDL2-2.0.so.0 (dlerror's reason)" or "libSDL2-2.0.so.0 has no SDL_X"; the
 * table is then all NULL. */
int vb_sdl_api_load(void);

/* Whether a vb_sdl_api_load succeeded: without it nothing of SDL's was ever opened. */
int vb_sdl_api_loaded(void);

#endif
