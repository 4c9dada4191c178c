#include "display/gl_api.h"

#include "common/error.h"
#include "display/sdl_api.h"

#include <string.h>

vb_gl_api vb_gl_table;

/* ES's name for an optional entry point, where it differs from desktop GL's. */
static const char *es_name(const char *name) {
    if (strcmp(name, "glBufferStorage") == 0) return "glBufferStorageEXT";
    if (strcmp(name, "glGetQueryObjectui64v") == 0) return "glGetQueryObjectui64vEXT";
    if (strcmp(name, "glQueryCounter") == 0) return "glQueryCounterEXT";
    return name;
}

int vb_gl_api_load(int es) {
    void *address;
#define VB_GL_LOAD_REQUIRED(ret, name, params)                                                     \
    address = vb_sdl.GL_GetProcAddress("gl" #name);                                                \
    if (!address) {                                                                                \
        vb_error_set("OpenGL: the driver has no gl" #name);                                        \
        return -VB_ERR_FAILURE;                                                                    \
    }                                                                                              \
    memcpy(&vb_gl_table.name, &address, sizeof address);
#define VB_GL_LOAD_OPTIONAL(ret, name, params)                                                     \
    address = vb_sdl.GL_GetProcAddress(es ? es_name("gl" #name) : "gl" #name);                     \
    memcpy(&vb_gl_table.name, &address, sizeof address);
    VB_GL_FUNCTIONS(VB_GL_LOAD_REQUIRED)
    VB_GL_OPTIONAL_FUNCTIONS(VB_GL_LOAD_OPTIONAL)
    return VB_OK;
}
