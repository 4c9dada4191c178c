/* The Vulkan commands vizbench calls, loaded at run time from libvulkan.so.1 (the Khronos
 * loader) on first use. Include this instead of <vulkan/vulkan.h>: it declares each command as a
 * function pointer under its own name (vkCreateInstance, ...), so call sites read as Vulkan.
 *
 * Why not link libvulkan: commands without Vulkan (render, report, compare, and run without
 * vulkan-interop) should not map it and what it brings at every start.
 *
 * Order: vb_vk_api_load, then vkCreateInstance, then vb_vk_api_load_instance with that instance;
 * only then the other commands. The library is never unloaded (vk_device.c holds one instance
 * for the process, for the same reason: the driver must stay). */
#ifndef VB_DISPLAY_VK_API_H
#define VB_DISPLAY_VK_API_H

#ifndef VK_NO_PROTOTYPES
#define VK_NO_PROTOTYPES
#endif
#include <vulkan/vulkan.h>

/* Commands that need no instance. */
#define VB_VK_GLOBAL_COMMANDS(X) X(vkCreateInstance)

/* Commands of an instance and its physical devices. */
#define VB_VK_INSTANCE_COMMANDS(X)                                                                 \
    X(vkDestroyInstance)                                                                           \
    X(vkEnumeratePhysicalDevices)                                                                  \
    X(vkGetPhysicalDeviceProperties2)                                                              \
    X(vkGetPhysicalDeviceQueueFamilyProperties)                                                    \
    X(vkGetPhysicalDeviceMemoryProperties)                                                         \
    X(vkGetPhysicalDeviceExternalSemaphoreProperties)                                              \
    X(vkGetPhysicalDeviceImageFormatProperties2)                                                   \
    X(vkEnumerateDeviceExtensionProperties)                                                        \
    X(vkCreateDevice)                                                                              \
    X(vkGetDeviceProcAddr)

/* Commands of a device, its queues and command buffers. */
#define VB_VK_DEVICE_COMMANDS(X)                                                                   \
    X(vkDestroyDevice)                                                                             \
    X(vkGetDeviceQueue)                                                                            \
    X(vkDeviceWaitIdle)                                                                            \
    X(vkQueueSubmit)                                                                               \
    X(vkAllocateMemory)                                                                            \
    X(vkFreeMemory)                                                                                \
    X(vkMapMemory)                                                                                 \
    X(vkCreateBuffer)                                                                              \
    X(vkDestroyBuffer)                                                                             \
    X(vkGetBufferMemoryRequirements)                                                               \
    X(vkBindBufferMemory)                                                                          \
    X(vkCreateImage)                                                                               \
    X(vkDestroyImage)                                                                              \
    X(vkGetImageMemoryRequirements)                                                                \
    X(vkBindImageMemory)                                                                           \
    X(vkCreateImageView)                                                                           \
    X(vkDestroyImageView)                                                                          \
    X(vkCreateShaderModule)                                                                        \
    X(vkDestroyShaderModule)                                                                       \
    X(vkCreateDescriptorSetLayout)                                                                 \
    X(vkDestroyDescriptorSetLayout)                                                                \
    X(vkCreatePipelineLayout)                                                                      \
    X(vkDestroyPipelineLayout)                                                                     \
    X(vkCreateComputePipelines)                                                                    \
    X(vkDestroyPipeline)                                                                           \
    X(vkCreateDescriptorPool)                                                                      \
    X(vkDestroyDescriptorPool)                                                                     \
    X(vkAllocateDescriptorSets)                                                                    \
    X(vkUpdateDescriptorSets)                                                                      \
    X(vkCreateCommandPool)                                                                         \
    X(vkDestroyCommandPool)                                                                        \
    X(vkAllocateCommandBuffers)                                                                    \
    X(vkBeginCommandBuffer)                                                                        \
    X(vkEndCommandBuffer)                                                                          \
    X(vkCmdBindPipeline)                                                                           \
    X(vkCmdBindDescriptorSets)                                                                     \
    X(vkCmdPushConstants)                                                                          \
    X(vkCmdDispatch)                                                                               \
    X(vkCmdPipelineBarrier)                                                                        \
    X(vkCmdCopyBuffer)                                                                             \
    X(vkCmdResetQueryPool)                                                                         \
    X(vkCmdWriteTimestamp)                                                                         \
    X(vkCreateQueryPool)                                                                           \
    X(vkDestroyQueryPool)                                                                          \
    X(vkGetQueryPoolResults)                                                                       \
    X(vkCreateFence)                                                                               \
    X(vkDestroyFence)                                                                              \
    X(vkResetFences)                                                                               \
    X(vkWaitForFences)                                                                             \
    X(vkCreateSemaphore)                                                                           \
    X(vkDestroySemaphore)

#define VB_VK_DECLARE_COMMAND(name) extern PFN_##name name;
VB_VK_GLOBAL_COMMANDS(VB_VK_DECLARE_COMMAND)
VB_VK_INSTANCE_COMMANDS(VB_VK_DECLARE_COMMAND)
VB_VK_DEVICE_COMMANDS(VB_VK_DECLARE_COMMAND)
#undef VB_VK_DECLARE_COMMAND

/* Loads libvulkan.so.1 and the global commands, once for the process (any thread; later calls
 * return the first one's result). VB_OK, or -VB_ERR_FAILURE with the error set to
 * "Vulkan: no driver (dlerror's reason)" or "Vulkan: the loader has no vkX". */
int vb_vk_api_load(void);

/* Resolves the instance and device commands through `instance`, the first time it is called
 * (any thread; later calls, with any instance, return the first one's result). VB_OK, or
 * -VB_ERR_FAILURE with the error set to "Vulkan: the loader has no vkX"; the commands it found
 * stay set (vkDestroyInstance among them, to destroy the instance). */
int vb_vk_api_load_instance(VkInstance instance);

#endif
