/* One Vulkan device for the vulkan-interop producer: instance, the physical device that is GL's
 * own device (matched by deviceUUID and driverUUID), one queue that computes, and what the device
 * can share with GL through external memory and semaphores (opaque fds).
 *
 * Vulkan 1.1 or later is required (VkPhysicalDeviceIDProperties, external memory capabilities
 * in core); VK_KHR_external_memory_fd is required, VK_KHR_external_semaphore_fd is used where the
 * device has it. Use from one thread; the device owns nothing the caller frees but through
 * vb_vk_device_close. The first open loads Vulkan (display/vk_api.h). */
#ifndef VB_DISPLAY_VK_DEVICE_H
#define VB_DISPLAY_VK_DEVICE_H

#include "display/vk_api.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_vk_device {
    VkInstance instance;
    VkPhysicalDevice physical;
    VkDevice device;
    VkQueue queue;
    uint32_t queue_family;
    char name[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE];
    uint32_t api_version;
    uint8_t device_uuid[VK_UUID_SIZE], driver_uuid[VK_UUID_SIZE];
    int has_external_semaphore; /* binary semaphores exportable as opaque fds */
    int has_timestamps;         /* the queue writes timestamps */
    double timestamp_period_ns; /* ns per timestamp tick */
    VkPhysicalDeviceMemoryProperties memory;
    PFN_vkGetMemoryFdKHR GetMemoryFdKHR;
    PFN_vkGetSemaphoreFdKHR GetSemaphoreFdKHR;
} vb_vk_device;

/* What the device must be: GL's device (its UUIDs, GL_DEVICE_UUID_EXT / GL_DRIVER_UUID_EXT).
 * NULL uuids take the first device with external memory (tests of the renderer alone). */
typedef struct vb_vk_device_wanted {
    const uint8_t *device_uuid, *driver_uuid; /* VK_UUID_SIZE bytes each, or NULL */
} vb_vk_device_wanted;

/* VB_OK, or -VB_ERR_FAILURE with the error set to why not ("Vulkan: no driver (...)", "Vulkan:
 * no device is GL's (...)", ...); the device is then all zero and close is a no-op. */
int vb_vk_device_open(vb_vk_device *device, const vb_vk_device_wanted *wanted);
void vb_vk_device_close(vb_vk_device *device);

/* Index of a memory type among `type_bits` with every flag of `flags`, or -1. */
int vb_vk_memory_type(const vb_vk_device *device, uint32_t type_bits, VkMemoryPropertyFlags flags);

/* "VK_ERROR_DEVICE_LOST" and so on, for messages. */
const char *vb_vk_result_name(VkResult result);

/* "01234567-89ab-..." (37 bytes with the terminator) for messages. */
void vb_vk_uuid_text(const uint8_t uuid[VK_UUID_SIZE], char text[37]);

#endif
