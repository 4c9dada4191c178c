#include "display/vk_device.h"

#include "common/error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *vb_vk_result_name(VkResult result) {
    switch (result) {
    case VK_SUCCESS:
        return "VK_SUCCESS";
    case VK_NOT_READY:
        return "VK_NOT_READY";
    case VK_TIMEOUT:
        return "VK_TIMEOUT";
    case VK_ERROR_OUT_OF_HOST_MEMORY:
        return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
        return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED:
        return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST:
        return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_EXTENSION_NOT_PRESENT:
        return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT:
        return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER:
        return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED:
        return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_ERROR_INVALID_EXTERNAL_HANDLE:
        return "VK_ERROR_INVALID_EXTERNAL_HANDLE";
    case VK_ERROR_TOO_MANY_OBJECTS:
        return "VK_ERROR_TOO_MANY_OBJECTS";
    default:
        return "a VkResult";
    }
}

void vb_vk_uuid_text(const uint8_t uuid[VK_UUID_SIZE], char text[37]) {
    char *out = text;
    for (unsigned i = 0; i < VK_UUID_SIZE; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *out++ = '-';
        out += sprintf(out, "%02x", uuid[i]);
    }
}

int vb_vk_memory_type(const vb_vk_device *d, uint32_t type_bits, VkMemoryPropertyFlags flags) {
    for (uint32_t i = 0; i < d->memory.memoryTypeCount; i++)
        if ((type_bits & (1u << i)) && (d->memory.memoryTypes[i].propertyFlags & flags) == flags)
            return (int)i;
    return -1;
}

static int has_device_extension(VkPhysicalDevice physical, const char *name) {
    uint32_t count = 0;
    if (vkEnumerateDeviceExtensionProperties(physical, NULL, &count, NULL) != VK_SUCCESS) return 0;
    VkExtensionProperties *list = calloc(count ? count : 1, sizeof *list);
    if (!list) return 0;
    int found = 0;
    if (vkEnumerateDeviceExtensionProperties(physical, NULL, &count, list) == VK_SUCCESS)
        for (uint32_t i = 0; i < count && !found; i++)
            found = strcmp(list[i].extensionName, name) == 0;
    free(list);
    return found;
}

/* The device's IDs (core in 1.1). */
static void read_ids(VkPhysicalDevice physical, VkPhysicalDeviceProperties *properties,
                     uint8_t device_uuid[VK_UUID_SIZE], uint8_t driver_uuid[VK_UUID_SIZE]) {
    VkPhysicalDeviceIDProperties ids = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
    VkPhysicalDeviceProperties2 all = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
                                       .pNext = &ids};
    vkGetPhysicalDeviceProperties2(physical, &all);
    *properties = all.properties;
    memcpy(device_uuid, ids.deviceUUID, VK_UUID_SIZE);
    memcpy(driver_uuid, ids.driverUUID, VK_UUID_SIZE);
}

static int semaphores_exportable(VkPhysicalDevice physical) {
    VkPhysicalDeviceExternalSemaphoreInfo info = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_SEMAPHORE_INFO,
        .handleType = VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT};
    VkExternalSemaphoreProperties properties = {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_SEMAPHORE_PROPERTIES};
    vkGetPhysicalDeviceExternalSemaphoreProperties(physical, &info, &properties);
    return (properties.externalSemaphoreFeatures & VK_EXTERNAL_SEMAPHORE_FEATURE_EXPORTABLE_BIT) !=
           0;
}

/* A queue family that computes (every compute family also transfers). */
static int compute_family(VkPhysicalDevice physical, uint32_t *family, int *timestamps) {
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, NULL);
    VkQueueFamilyProperties families[32];
    if (count > 32) count = 32;
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families);
    for (uint32_t i = 0; i < count; i++)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            *family = i;
            *timestamps = families[i].timestampValidBits > 0;
            return 1;
        }
    return 0;
}

/* An instance of Vulkan 1.1 for vizbench, with no layers or extensions. */
static VkResult new_instance(VkInstance *instance) {
    const VkApplicationInfo app = {.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
                                   .pApplicationName = "vizbench",
                                   .apiVersion = VK_API_VERSION_1_1};
    const VkInstanceCreateInfo info = {.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
                                       .pApplicationInfo = &app};
    VkResult result = vkCreateInstance(&info, NULL, instance);
    if (result != VK_SUCCESS) *instance = VK_NULL_HANDLE;
    return result;
}

static int create_instance(vb_vk_device *d) {
    if (vb_vk_api_load() != VB_OK) return -VB_ERR_FAILURE;
    VkResult result = new_instance(&d->instance);
    if (result != VK_SUCCESS) {
        vb_error_set("Vulkan: no driver (vkCreateInstance: %s)", vb_vk_result_name(result));
        return -VB_ERR_FAILURE;
    }
    if (vb_vk_api_load_instance(d->instance) != VB_OK) {
        if (vkDestroyInstance) vkDestroyInstance(d->instance, NULL);
        d->instance = VK_NULL_HANDLE;
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* The device to use: GL's (matching UUIDs) among those with external memory and Vulkan 1.1. */
static int choose_device(vb_vk_device *d, const vb_vk_device_wanted *wanted) {
    VkPhysicalDevice devices[16];
    uint32_t count = 16;
    VkResult result = vkEnumeratePhysicalDevices(d->instance, &count, devices);
    if ((result != VK_SUCCESS && result != VK_INCOMPLETE) || count == 0) {
        vb_error_set("Vulkan: no driver offers a device (vkEnumeratePhysicalDevices: %s, %u "
                     "devices)",
                     vb_vk_result_name(result), count);
        return -VB_ERR_FAILURE;
    }
    char seen[320] = "";
    for (uint32_t i = 0; i < count; i++) {
        VkPhysicalDeviceProperties properties;
        uint8_t device_uuid[VK_UUID_SIZE], driver_uuid[VK_UUID_SIZE];
        read_ids(devices[i], &properties, device_uuid, driver_uuid);
        char uuid[37];
        vb_vk_uuid_text(device_uuid, uuid);
        size_t used = strlen(seen);
        snprintf(seen + used, sizeof seen - used, "%s%s %s", used ? ", " : "",
                 properties.deviceName, uuid);
        if (properties.apiVersion < VK_API_VERSION_1_1 ||
            !has_device_extension(devices[i], VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME))
            continue;
        if (wanted && wanted->device_uuid &&
            (memcmp(device_uuid, wanted->device_uuid, VK_UUID_SIZE) != 0 ||
             (wanted->driver_uuid && memcmp(driver_uuid, wanted->driver_uuid, VK_UUID_SIZE))))
            continue;
        d->physical = devices[i];
        snprintf(d->name, sizeof d->name, "%s", properties.deviceName);
        d->api_version = properties.apiVersion;
        memcpy(d->device_uuid, device_uuid, VK_UUID_SIZE);
        memcpy(d->driver_uuid, driver_uuid, VK_UUID_SIZE);
        d->timestamp_period_ns = properties.limits.timestampPeriod;
        return VB_OK;
    }
    if (wanted && wanted->device_uuid) {
        char want[37];
        vb_vk_uuid_text(wanted->device_uuid, want);
        vb_error_set("Vulkan: no device with external memory is GL's device (GL's uuid %s; "
                     "Vulkan's: %s)",
                     want, seen);
    } else {
        vb_error_set("Vulkan: no device has Vulkan 1.1 and external memory (%s) (devices: %s)",
                     VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME, seen);
    }
    return -VB_ERR_FAILURE;
}

/* One instance held for the life of the process. The loader unloads a driver when its last
 * instance goes; NVIDIA's Vulkan driver is the library its GL and EGL share state with, and
 * unloading it left the EGL display uninitialised (every later eglMakeCurrent failed with
 * EGL_NOT_INITIALIZED, on the H200). Held, the driver stays loaded from the first open on, and
 * the commands are resolved through it (vk_api.h). */
static VkInstance driver_anchor;

static void hold_driver(void) {
    if (vb_vk_api_load() == VB_OK && new_instance(&driver_anchor) == VK_SUCCESS)
        vb_vk_api_load_instance(driver_anchor);
}

int vb_vk_device_open(vb_vk_device *d, const vb_vk_device_wanted *wanted) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, hold_driver);
    memset(d, 0, sizeof *d);
    if (create_instance(d) != VB_OK) return -VB_ERR_FAILURE;
    if (choose_device(d, wanted) != VB_OK) goto fail;
    int timestamps = 0;
    if (!compute_family(d->physical, &d->queue_family, &timestamps)) {
        vb_error_set("Vulkan: %s has no compute queue", d->name);
        goto fail;
    }
    d->has_timestamps = timestamps && d->timestamp_period_ns > 0;
    d->has_external_semaphore =
        has_device_extension(d->physical, VK_KHR_EXTERNAL_SEMAPHORE_FD_EXTENSION_NAME) &&
        semaphores_exportable(d->physical) && !getenv("VIZBENCH_VK_NO_SEMAPHORES");
    const char *extensions[2] = {VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME,
                                 VK_KHR_EXTERNAL_SEMAPHORE_FD_EXTENSION_NAME};
    const float priority = 1.0f;
    const VkDeviceQueueCreateInfo queue = {.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
                                           .queueFamilyIndex = d->queue_family,
                                           .queueCount = 1,
                                           .pQueuePriorities = &priority};
    const VkDeviceCreateInfo info = {.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
                                     .queueCreateInfoCount = 1,
                                     .pQueueCreateInfos = &queue,
                                     .enabledExtensionCount = d->has_external_semaphore ? 2 : 1,
                                     .ppEnabledExtensionNames = extensions};
    VkResult result = vkCreateDevice(d->physical, &info, NULL, &d->device);
    if (result != VK_SUCCESS) {
        d->device = VK_NULL_HANDLE;
        vb_error_set("Vulkan: cannot open %s (vkCreateDevice: %s)", d->name,
                     vb_vk_result_name(result));
        goto fail;
    }
    vkGetDeviceQueue(d->device, d->queue_family, 0, &d->queue);
    vkGetPhysicalDeviceMemoryProperties(d->physical, &d->memory);
    d->GetMemoryFdKHR = (PFN_vkGetMemoryFdKHR)vkGetDeviceProcAddr(d->device, "vkGetMemoryFdKHR");
    d->GetSemaphoreFdKHR =
        (PFN_vkGetSemaphoreFdKHR)vkGetDeviceProcAddr(d->device, "vkGetSemaphoreFdKHR");
    if (!d->GetMemoryFdKHR || (d->has_external_semaphore && !d->GetSemaphoreFdKHR)) {
        vb_error_set("Vulkan: %s lists external fds but has no vkGetMemoryFdKHR", d->name);
        goto fail;
    }
    return VB_OK;
fail:
    vb_vk_device_close(d);
    return -VB_ERR_FAILURE;
}

void vb_vk_device_close(vb_vk_device *d) {
    if (d->device) {
        vkDeviceWaitIdle(d->device);
        vkDestroyDevice(d->device, NULL);
    }
    if (d->instance) vkDestroyInstance(d->instance, NULL);
    memset(d, 0, sizeof *d);
}
