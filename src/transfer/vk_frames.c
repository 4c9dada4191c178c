#include "transfer/vk_frames.h"

#include "common/clock.h"
#include "common/error.h"
#include "display/vk_device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct vk_slot {
    VkImage image;
    VkDeviceMemory memory;
    VkImageView view;
    VkCommandBuffer commands;
    VkFence fence;
    VkSemaphore ready, release;
    int submitted;    /* a submission whose fence has not been waited on */
    int drawn;        /* that submission drew a frame (not only copies) */
    int used;         /* rendered into before: GL has it (its release semaphore is due) */
    int64_t sequence; /* the frame of the pending submission */
    /* What the last wait on the slot's fence learnt, for the next frame rendered into it (a
     * feed of skipped frames may be the one that waits): -1 when nothing is pending. */
    int64_t waited_ns, earlier_gpu_ns;
} vk_slot;

struct vb_vk_frames {
    vb_vk_frames_config config;
    vb_vk_device device;
    int semaphores;
    int waits_on_cpu; /* cpu-synchronised: no semaphores, or the simulated fence fault */
    /* The CPU's wait on a fence: the real one, or the simulated fault's (chosen at create). */
    int (*wait_fence)(vb_vk_frames *f, VkFence fence, const char *what);
    VkCommandPool pool;
    VkQueryPool queries; /* two timestamps per slot; VK_NULL_HANDLE without timestamps */
    vk_slot slot[VB_VK_MAX_SLOTS];
    vb_vk_renderer *renderer;
};

static int wait_fence(vb_vk_frames *f, VkFence fence, const char *what);
static int wait_fence_never_signalled(vb_vk_frames *f, VkFence fence, const char *what);

static int failed(const char *what, VkResult result) {
    vb_error_set("Vulkan: %s failed (%s)", what, vb_vk_result_name(result));
    return -VB_ERR_FAILURE;
}

void vb_vk_shared_clear(vb_vk_shared *s) {
    memset(s, 0, sizeof *s);
    for (int i = 0; i < VB_VK_MAX_SLOTS; i++)
        s->memory_fd[i] = s->ready_fd[i] = s->release_fd[i] = -1;
}

void vb_vk_shared_close(vb_vk_shared *s) {
    for (int i = 0; i < VB_VK_MAX_SLOTS; i++) {
        if (s->memory_fd[i] >= 0) close(s->memory_fd[i]);
        if (s->ready_fd[i] >= 0) close(s->ready_fd[i]);
        if (s->release_fd[i] >= 0) close(s->release_fd[i]);
    }
    vb_vk_shared_clear(s);
}

/* Every use GL may make of the image (sampled, drawn into, copied): GL's import must find the
 * image created with the usage it needs. Storage: the compute shaders write it. */
static const VkImageUsageFlags image_usage =
    VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
    VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;

static int check_exportable(vb_vk_frames *f) {
    const VkPhysicalDeviceExternalImageFormatInfo external = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO,
        .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT};
    const VkPhysicalDeviceImageFormatInfo2 info = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
        .pNext = &external,
        .format = VK_FORMAT_R8G8B8A8_UNORM,
        .type = VK_IMAGE_TYPE_2D,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = image_usage};
    VkExternalImageFormatProperties external_properties = {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES};
    VkImageFormatProperties2 properties = {.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2,
                                           .pNext = &external_properties};
    VkResult result =
        vkGetPhysicalDeviceImageFormatProperties2(f->device.physical, &info, &properties);
    const VkExternalMemoryFeatureFlags features =
        external_properties.externalMemoryProperties.externalMemoryFeatures;
    if (result != VK_SUCCESS || !(features & VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT)) {
        vb_error_set("Vulkan: %s cannot export RGBA8 storage images as opaque fds (%s)",
                     f->device.name, vb_vk_result_name(result));
        return -VB_ERR_FAILURE;
    }
    const VkImageFormatProperties *limits = &properties.imageFormatProperties;
    if ((uint32_t)f->config.view.width > limits->maxExtent.width ||
        (uint32_t)f->config.view.height > limits->maxExtent.height) {
        vb_error_set("Vulkan: %dx%d is larger than %s's images (%ux%u)", f->config.view.width,
                     f->config.view.height, f->device.name, limits->maxExtent.width,
                     limits->maxExtent.height);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* One image in dedicated memory exported as an opaque fd, and its storage view. */
static int make_image(vb_vk_frames *f, vk_slot *s, int *fd, uint64_t *size) {
    VkDevice device = f->device.device;
    const VkExternalMemoryImageCreateInfo external = {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO,
        .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT};
    const VkImageCreateInfo info = {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .pNext = &external,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_R8G8B8A8_UNORM,
        .extent = {(uint32_t)f->config.view.width, (uint32_t)f->config.view.height, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = image_usage,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED};
    VkResult result = vkCreateImage(device, &info, NULL, &s->image);
    if (result != VK_SUCCESS) return failed("vkCreateImage", result);
    VkMemoryRequirements needs;
    vkGetImageMemoryRequirements(device, s->image, &needs);
    int type =
        vb_vk_memory_type(&f->device, needs.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (type < 0) type = vb_vk_memory_type(&f->device, needs.memoryTypeBits, 0);
    const VkMemoryDedicatedAllocateInfo dedicated = {
        .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO, .image = s->image};
    const VkExportMemoryAllocateInfo export = {
        .sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO,
        .pNext = &dedicated,
        .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT};
    const VkMemoryAllocateInfo allocate = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                                           .pNext = &export,
                                           .allocationSize = needs.size,
                                           .memoryTypeIndex = (uint32_t)type};
    result = vkAllocateMemory(device, &allocate, NULL, &s->memory);
    if (result != VK_SUCCESS) return failed("vkAllocateMemory (exportable)", result);
    result = vkBindImageMemory(device, s->image, s->memory, 0);
    if (result != VK_SUCCESS) return failed("vkBindImageMemory", result);
    const VkMemoryGetFdInfoKHR get = {.sType = VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR,
                                      .memory = s->memory,
                                      .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT};
    result = f->device.GetMemoryFdKHR(device, &get, fd);
    if (result != VK_SUCCESS) return failed("vkGetMemoryFdKHR", result);
    *size = needs.size;
    const VkImageViewCreateInfo view = {
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
        .image = s->image,
        .viewType = VK_IMAGE_VIEW_TYPE_2D,
        .format = VK_FORMAT_R8G8B8A8_UNORM,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1}};
    result = vkCreateImageView(device, &view, NULL, &s->view);
    if (result != VK_SUCCESS) return failed("vkCreateImageView", result);
    return VB_OK;
}

static int make_semaphore(vb_vk_frames *f, VkSemaphore *semaphore, int *fd) {
    const VkExportSemaphoreCreateInfo export = {
        .sType = VK_STRUCTURE_TYPE_EXPORT_SEMAPHORE_CREATE_INFO,
        .handleTypes = VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT};
    const VkSemaphoreCreateInfo info = {.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO,
                                        .pNext = &export};
    VkResult result = vkCreateSemaphore(f->device.device, &info, NULL, semaphore);
    if (result != VK_SUCCESS) return failed("vkCreateSemaphore (exportable)", result);
    const VkSemaphoreGetFdInfoKHR get = {.sType = VK_STRUCTURE_TYPE_SEMAPHORE_GET_FD_INFO_KHR,
                                         .semaphore = *semaphore,
                                         .handleType =
                                             VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT};
    result = f->device.GetSemaphoreFdKHR(f->device.device, &get, fd);
    if (result != VK_SUCCESS) return failed("vkGetSemaphoreFdKHR", result);
    return VB_OK;
}

static int make_slots(vb_vk_frames *f, vb_vk_shared *shared) {
    VkDevice device = f->device.device;
    const VkCommandPoolCreateInfo pool = {.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                          .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
                                          .queueFamilyIndex = f->device.queue_family};
    VkResult result = vkCreateCommandPool(device, &pool, NULL, &f->pool);
    if (result != VK_SUCCESS) return failed("vkCreateCommandPool", result);
    if (f->device.has_timestamps) {
        const VkQueryPoolCreateInfo queries = {.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
                                               .queryType = VK_QUERY_TYPE_TIMESTAMP,
                                               .queryCount = 2 * (uint32_t)f->config.slots};
        if (vkCreateQueryPool(device, &queries, NULL, &f->queries) != VK_SUCCESS)
            f->queries = VK_NULL_HANDLE; /* no GPU times, nothing else lost */
    }
    VkImageView views[VB_VK_MAX_SLOTS];
    for (int i = 0; i < f->config.slots; i++) {
        vk_slot *s = &f->slot[i];
        s->waited_ns = s->earlier_gpu_ns = -1;
        if (make_image(f, s, &shared->memory_fd[i], &shared->memory_size[i]) != VB_OK)
            return -VB_ERR_FAILURE;
        views[i] = s->view;
        const VkCommandBufferAllocateInfo commands = {
            .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
            .commandPool = f->pool,
            .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
            .commandBufferCount = 1};
        result = vkAllocateCommandBuffers(device, &commands, &s->commands);
        if (result != VK_SUCCESS) return failed("vkAllocateCommandBuffers", result);
        const VkFenceCreateInfo fence = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        result = vkCreateFence(device, &fence, NULL, &s->fence);
        if (result != VK_SUCCESS) return failed("vkCreateFence", result);
        if (f->semaphores && (make_semaphore(f, &s->ready, &shared->ready_fd[i]) != VB_OK ||
                              make_semaphore(f, &s->release, &shared->release_fd[i]) != VB_OK))
            return -VB_ERR_FAILURE;
    }
    f->renderer = vb_vk_renderer_create(&f->device, &f->config.view, f->config.slots, views);
    return f->renderer ? VB_OK : -VB_ERR_FAILURE;
}

int vb_vk_frames_create(const vb_vk_frames_config *config, vb_vk_frames **out,
                        vb_vk_shared *shared) {
    *out = NULL;
    vb_vk_shared_clear(shared);
    if (config->slots < 1 || config->slots > VB_VK_MAX_SLOTS) {
        vb_error_set("vulkan-interop: %d slots (1 to %d)", config->slots, VB_VK_MAX_SLOTS);
        return -VB_ERR_FAILURE;
    }
    vb_vk_frames *f = calloc(1, sizeof *f);
    if (!f) {
        vb_error_set("vulkan-interop: out of memory");
        return -VB_ERR_FAILURE;
    }
    f->config = *config;
    const vb_vk_device_wanted wanted = {config->gl_device_uuid, config->gl_driver_uuid};
    if (vb_vk_device_open(&f->device, &wanted) != VB_OK) goto fail;
    f->semaphores = f->device.has_external_semaphore && config->gl_has_semaphores;
    f->waits_on_cpu = !f->semaphores || config->fault_fence;
    f->wait_fence = config->fault_fence ? wait_fence_never_signalled : wait_fence;
    if (check_exportable(f) != VB_OK || make_slots(f, shared) != VB_OK) goto fail;
    shared->slots = config->slots;
    shared->semaphores = f->semaphores;
    shared->width = config->view.width;
    shared->height = config->view.height;
    snprintf(shared->device, sizeof shared->device, "%s", f->device.name);
    *out = f;
    return VB_OK;
fail:
    vb_vk_shared_close(shared);
    vb_vk_frames_destroy(f);
    return -VB_ERR_FAILURE;
}

void vb_vk_frames_destroy(vb_vk_frames *f) {
    if (!f) return;
    VkDevice device = f->device.device;
    if (device) {
        vkDeviceWaitIdle(device);
        vb_vk_renderer_destroy(f->renderer);
        for (int i = 0; i < VB_VK_MAX_SLOTS; i++) {
            vk_slot *s = &f->slot[i];
            if (s->view) vkDestroyImageView(device, s->view, NULL);
            if (s->image) vkDestroyImage(device, s->image, NULL);
            if (s->memory) vkFreeMemory(device, s->memory, NULL);
            if (s->fence) vkDestroyFence(device, s->fence, NULL);
            if (s->ready) vkDestroySemaphore(device, s->ready, NULL);
            if (s->release) vkDestroySemaphore(device, s->release, NULL);
        }
        if (f->queries) vkDestroyQueryPool(device, f->queries, NULL);
        if (f->pool) vkDestroyCommandPool(device, f->pool, NULL);
    }
    vb_vk_device_close(&f->device);
    free(f);
}

/* How a wait on the fence of `what` ended; `note` follows a timeout's message. */
static int fence_waited(const vb_vk_frames *f, VkResult result, const char *what,
                        const char *note) {
    if (result == VK_TIMEOUT) {
        vb_error_set("the Vulkan fence of %s did not signal within %.0f ms%s", what,
                     (double)f->config.fence_timeout_ns / 1e6, note);
        return -VB_ERR_FAILURE;
    }
    if (result != VK_SUCCESS) return failed("vkWaitForFences", result);
    return VB_OK;
}

/* Waits (on the CPU, at most the fence timeout) for a fence. */
static int wait_fence(vb_vk_frames *f, VkFence fence, const char *what) {
    VkResult result =
        vkWaitForFences(f->device.device, 1, &fence, VK_TRUE, (uint64_t)f->config.fence_timeout_ns);
    return fence_waited(f, result, what, "");
}

/* The simulated fault (config.fault_fence): waits on a fence that nothing will signal, a real
 * timeout. */
static int wait_fence_never_signalled(vb_vk_frames *f, VkFence fence, const char *what) {
    VkFence never = VK_NULL_HANDLE;
    const VkFenceCreateInfo info = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (vkCreateFence(f->device.device, &info, NULL, &never) == VK_SUCCESS) fence = never;
    VkResult result =
        vkWaitForFences(f->device.device, 1, &fence, VK_TRUE, (uint64_t)f->config.fence_timeout_ns);
    if (never) vkDestroyFence(f->device.device, never, NULL);
    return fence_waited(f, result, what, " (simulated by VIZBENCH_FAULT)");
}

/* GPU time of the slot's last submission (its fence waited), or -1. */
static int64_t gpu_time(vb_vk_frames *f, int index) {
    if (!f->queries) return -1;
    uint64_t stamps[2];
    VkResult result =
        vkGetQueryPoolResults(f->device.device, f->queries, 2 * (uint32_t)index, 2, sizeof stamps,
                              stamps, sizeof stamps[0], VK_QUERY_RESULT_64_BIT);
    if (result != VK_SUCCESS || stamps[1] < stamps[0]) return -1;
    return (int64_t)((double)(stamps[1] - stamps[0]) * f->device.timestamp_period_ns);
}

/* The slot may be recorded again: its previous submission finished. The wait and the earlier
 * frame's GPU time are kept for the next frame rendered into the slot. */
static int prepare(vb_vk_frames *f, int index, int drawn) {
    vk_slot *s = &f->slot[index];
    if (!s->submitted) return VB_OK;
    const int64_t start = vb_now_ns();
    if (f->wait_fence(f, s->fence, "an earlier frame") != VB_OK) return -VB_ERR_FAILURE;
    s->waited_ns = (s->waited_ns > 0 ? s->waited_ns : 0) + (vb_now_ns() - start);
    if (drawn) s->earlier_gpu_ns = gpu_time(f, index);
    vkResetFences(f->device.device, 1, &s->fence);
    s->submitted = 0;
    return VB_OK;
}

static void image_barrier(VkCommandBuffer commands, VkImage image, VkImageLayout from,
                          uint32_t from_family, uint32_t to_family, VkPipelineStageFlags src,
                          VkAccessFlags written, VkPipelineStageFlags dst, VkAccessFlags read) {
    const VkImageMemoryBarrier barrier = {
        .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
        .srcAccessMask = written,
        .dstAccessMask = read,
        .oldLayout = from,
        .newLayout = VK_IMAGE_LAYOUT_GENERAL,
        .srcQueueFamilyIndex = from_family,
        .dstQueueFamilyIndex = to_family,
        .image = image,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1}};
    vkCmdPipelineBarrier(commands, src, dst, 0, 0, NULL, 0, NULL, 1, &barrier);
}

/* Records the slot's commands: the image taken back from GL (the first time: from nothing),
 * (cpu-synchronised, GL makes no acquire or release of its own: the transfers to and from the
 * external queue family then only order this queue's work; the CPU waits order the rest),
 * the renderer's copies and (with draw) its dispatch between two timestamps, the image handed
 * to GL. */
static int record(vb_vk_frames *f, int index, int draw) {
    vk_slot *s = &f->slot[index];
    VkCommandBuffer c = s->commands;
    const VkCommandBufferBeginInfo begin = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                            .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
    VkResult result = vkBeginCommandBuffer(c, &begin);
    if (result != VK_SUCCESS) return failed("vkBeginCommandBuffer", result);
    const uint32_t family = f->device.queue_family;
    if (draw) {
        if (f->queries) vkCmdResetQueryPool(c, f->queries, 2 * (uint32_t)index, 2);
        if (s->used)
            image_barrier(c, s->image, VK_IMAGE_LAYOUT_GENERAL, VK_QUEUE_FAMILY_EXTERNAL, family,
                          VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                          VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT);
        else
            image_barrier(c, s->image, VK_IMAGE_LAYOUT_UNDEFINED, VK_QUEUE_FAMILY_IGNORED,
                          VK_QUEUE_FAMILY_IGNORED, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                          VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT);
        if (f->queries)
            vkCmdWriteTimestamp(c, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, f->queries,
                                2 * (uint32_t)index);
    }
    vb_vk_renderer_record(f->renderer, c, index, draw);
    if (draw) {
        if (f->queries)
            vkCmdWriteTimestamp(c, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, f->queries,
                                2 * (uint32_t)index + 1);
        image_barrier(c, s->image, VK_IMAGE_LAYOUT_GENERAL, family, VK_QUEUE_FAMILY_EXTERNAL,
                      VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT,
                      VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
    }
    result = vkEndCommandBuffer(c);
    if (result != VK_SUCCESS) return failed("vkEndCommandBuffer", result);
    return VB_OK;
}

static int submit(vb_vk_frames *f, int index, int draw) {
    vk_slot *s = &f->slot[index];
    s->drawn = draw;
    const int wait = draw && f->semaphores && s->used;
    const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_ALL_COMMANDS_BIT;
    const VkSubmitInfo info = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
                               .waitSemaphoreCount = wait ? 1 : 0,
                               .pWaitSemaphores = &s->release,
                               .pWaitDstStageMask = &wait_stage,
                               .commandBufferCount = 1,
                               .pCommandBuffers = &s->commands,
                               .signalSemaphoreCount = draw && f->semaphores ? 1 : 0,
                               .pSignalSemaphores = &s->ready};
    VkResult result = vkQueueSubmit(f->device.queue, 1, &info, s->fence);
    if (result != VK_SUCCESS) return failed("vkQueueSubmit", result);
    s->submitted = 1;
    if (draw) s->used = 1;
    return VB_OK;
}

int vb_vk_frames_feed(vb_vk_frames *f, int slot, const float *analysis, size_t count, int64_t frame,
                      int64_t *bytes_to_gpu) {
    if (prepare(f, slot, f->slot[slot].drawn) != VB_OK) return -VB_ERR_FAILURE;
    if (!vb_vk_renderer_stage(f->renderer, slot, analysis, count, frame, 0, bytes_to_gpu))
        return VB_OK;
    /* The slot's staging is full (a long run of skipped frames): copy what is staged now and
     * wait for it, then stage this one. */
    if (record(f, slot, 0) != VB_OK || submit(f, slot, 0) != VB_OK ||
        prepare(f, slot, f->slot[slot].drawn) != VB_OK)
        return -VB_ERR_FAILURE;
    vb_vk_renderer_stage(f->renderer, slot, analysis, count, frame, 0, bytes_to_gpu);
    return VB_OK;
}

int vb_vk_frames_render(vb_vk_frames *f, int slot, int64_t sequence, const float *analysis,
                        size_t count, int64_t frame, int64_t *bytes_to_gpu,
                        vb_vk_frame_times *times) {
    *times = (vb_vk_frame_times){-1, -1, -1, -1, -1};
    vk_slot *s = &f->slot[slot];
    if (prepare(f, slot, s->drawn) != VB_OK) return -VB_ERR_FAILURE;
    times->release_wait_ns = s->waited_ns;
    times->earlier_sequence = s->earlier_gpu_ns >= 0 ? s->sequence : -1;
    times->earlier_gpu_ns = s->earlier_gpu_ns;
    s->waited_ns = s->earlier_gpu_ns = -1;
    if (vb_vk_renderer_stage(f->renderer, slot, analysis, count, frame, 1, bytes_to_gpu)) {
        if (record(f, slot, 0) != VB_OK || submit(f, slot, 0) != VB_OK ||
            prepare(f, slot, f->slot[slot].drawn) != VB_OK)
            return -VB_ERR_FAILURE;
        vb_vk_renderer_stage(f->renderer, slot, analysis, count, frame, 1, bytes_to_gpu);
    }
    if (record(f, slot, 1) != VB_OK || submit(f, slot, 1) != VB_OK) return -VB_ERR_FAILURE;
    f->slot[slot].sequence = sequence;
    f->slot[slot].earlier_gpu_ns = -1;
    if (!f->waits_on_cpu) return VB_OK;
    /* cpu-synchronised: finished before it is handed over */
    const int64_t start = vb_now_ns();
    if (f->wait_fence(f, f->slot[slot].fence, "the frame") != VB_OK) return -VB_ERR_FAILURE;
    times->sync_wait_ns = vb_now_ns() - start;
    times->gpu_ns = gpu_time(f, slot);
    vkResetFences(f->device.device, 1, &f->slot[slot].fence);
    f->slot[slot].submitted = 0;
    return VB_OK;
}
