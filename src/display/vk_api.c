#include "display/vk_api.h"

#include "common/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define VB_VK_DEFINE_COMMAND(name) PFN_##name name;
VB_VK_GLOBAL_COMMANDS(VB_VK_DEFINE_COMMAND)
VB_VK_INSTANCE_COMMANDS(VB_VK_DEFINE_COMMAND)
VB_VK_DEVICE_COMMANDS(VB_VK_DEFINE_COMMAND)

static PFN_vkGetInstanceProcAddr get_instance_proc_addr;

static int library_status = -VB_ERR_FAILURE;
static char library_error[256];

static void load_library(void) {
    /* Never dlclose'd: unloading the loader would unload the driver (vk_device.c). */
    void *library = dlopen("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(library_error, sizeof library_error, "Vulkan: no driver (%s)", dlerror());
        return;
    }
    void *address = dlsym(library, "vkGetInstanceProcAddr");
    if (!address) {
        snprintf(library_error, sizeof library_error, "Vulkan: no driver (%s)", dlerror());
        return;
    }
    memcpy(&get_instance_proc_addr, &address, sizeof address);
#define VB_VK_LOAD_GLOBAL(name)                                                                    \
    name = (PFN_##name)get_instance_proc_addr(VK_NULL_HANDLE, #name);                              \
    if (!name) {                                                                                   \
        snprintf(library_error, sizeof library_error, "Vulkan: the loader has no " #name);         \
        return;                                                                                    \
    }
    VB_VK_GLOBAL_COMMANDS(VB_VK_LOAD_GLOBAL)
    library_status = VB_OK;
}

int vb_vk_api_load(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_library);
    if (library_status != VB_OK) vb_error_set("%s", library_error);
    return library_status;
}

static pthread_mutex_t instance_lock = PTHREAD_MUTEX_INITIALIZER;
static int instance_loaded;
static int instance_status;
static char instance_error[128];

/* Device commands too are taken through the instance, not vkGetDeviceProcAddr: a process opens
 * several devices (and instances) over its life, and for core commands the loader returns its
 * own entry points, which dispatch on the handle they are given, so these serve every instance
 * and device, as the library's exports did when vizbench linked it. */
int vb_vk_api_load_instance(VkInstance instance) {
    pthread_mutex_lock(&instance_lock);
    if (!instance_loaded) {
        instance_loaded = 1;
        instance_status = VB_OK;
#define VB_VK_LOAD_INSTANCE(name)                                                                  \
    name = (PFN_##name)get_instance_proc_addr(instance, #name);                                    \
    if (!name && instance_status == VB_OK) {                                                       \
        snprintf(instance_error, sizeof instance_error, "Vulkan: the loader has no " #name);       \
        instance_status = -VB_ERR_FAILURE;                                                         \
    }
        VB_VK_INSTANCE_COMMANDS(VB_VK_LOAD_INSTANCE)
        VB_VK_DEVICE_COMMANDS(VB_VK_LOAD_INSTANCE)
    }
    const int status = instance_status;
    if (status != VB_OK) vb_error_set("%s", instance_error);
    pthread_mutex_unlock(&instance_lock);
    return status;
}
