#include "display/sdl_api.h"

#include "common/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

vb_sdl_api vb_sdl;

/* Each entry's type against SDL's own declaration, at compile time: _Generic does not evaluate
 * its operand, so naming SDL's function here makes no reference for the linker to resolve. */
#define VB_SDL_CHECK_TYPE(ret, name, params)                                                       \
    _Static_assert(_Generic(&SDL_##name, ret(SDLCALL *) params : 1, default : 0),                  \
                   "vb_sdl." #name " is not SDL_" #name "'s type");
VB_SDL_FUNCTIONS(VB_SDL_CHECK_TYPE)

static int load_status = -VB_ERR_FAILURE;
static char load_error[256];

static void load_once(void) {
    /* RTLD_LOCAL: SDL's symbols serve only this table, not later libraries' lookups. */
    void *library = dlopen("libSDL2-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(load_error, sizeof load_error, "SDL2: %s", dlerror());
        return;
    }
    vb_sdl_api table;
    void *address;
#define VB_SDL_LOAD(ret, name, params)                                                             \
    address = dlsym(library, "SDL_" #name);                                                        \
    if (!address) {                                                                                \
        snprintf(load_error, sizeof load_error, "SDL2: %s", dlerror());                            \
        return;                                                                                    \
    }                                                                                              \
    memcpy(&table.name, &address, sizeof address);
    VB_SDL_FUNCTIONS(VB_SDL_LOAD)
    /* Never dlclose'd: SDL loaded the GL driver, which must outlive every context. */
    vb_sdl = table;
    load_status = VB_OK;
}

int vb_sdl_api_load(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_once);
    if (load_status != VB_OK) vb_error_set("%s", load_error);
    return load_status;
}

int vb_sdl_api_loaded(void) {
    return vb_sdl.GetError != NULL;
}
