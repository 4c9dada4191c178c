/* The Vulkan renderer: one compute pipeline per view (its half, render/vk_view_impl.h), the
 * data buffer the shader reads (device memory), one staging buffer per slot (host memory,
 * mapped), a static buffer filled once. */
#include "render/vk_renderer.h"

#include "common/error.h"
#include "render/views.h"
#include "render/vk_view_impl.h"

#include <stdlib.h>
#include <string.h>

/* A history view stages at most this many skipped frames per draw before the caller flushes. */
#define VB_VK_STAGED_FRAMES 16
#define VB_VK_GROUP 16 /* the shaders' local size, both axes */

typedef struct vk_buffer {
    VkBuffer buffer;
    VkDeviceMemory memory;
    void *mapped; /* host-visible buffers only */
    VkDeviceSize size;
} vk_buffer;

typedef struct staged_copies {
    VkBufferCopy regions[VB_VK_STAGED_FRAMES + 1];
    uint32_t count;
    VkDeviceSize used;   /* bytes of the slot's staging buffer written */
    int64_t drawn_frame; /* the frame the next dispatch draws, -1 if none staged */
} staged_copies;

struct vb_vk_renderer {
    vb_vk_device *device;
    vb_view_options options;
    const vb_vk_view_impl *impl;
    int slots;
    VkShaderModule module;
    VkDescriptorSetLayout set_layout;
    VkPipelineLayout layout;
    VkPipeline pipeline;
    VkDescriptorPool pool;
    VkDescriptorSet sets[VB_VK_MAX_SLOTS];
    vk_buffer data, statics, static_upload;
    int statics_pending; /* the static buffer's copy goes into the next recorded commands */
    vk_buffer staging[VB_VK_MAX_SLOTS];
    staged_copies staged[VB_VK_MAX_SLOTS];
};

static int failed(const char *what, VkResult result) {
    vb_error_set("vulkan renderer: %s failed (%s)", what, vb_vk_result_name(result));
    return -VB_ERR_FAILURE;
}

static int make_buffer(vb_vk_device *d, VkDeviceSize size, VkBufferUsageFlags usage, int host,
                       vk_buffer *out) {
    out->size = size;
    const VkBufferCreateInfo info = {.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                                     .size = size,
                                     .usage = usage,
                                     .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
    VkResult result = vkCreateBuffer(d->device, &info, NULL, &out->buffer);
    if (result != VK_SUCCESS) return failed("vkCreateBuffer", result);
    VkMemoryRequirements needs;
    vkGetBufferMemoryRequirements(d->device, out->buffer, &needs);
    const VkMemoryPropertyFlags flags =
        host ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
             : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    int type = vb_vk_memory_type(d, needs.memoryTypeBits, flags);
    if (type < 0 && !host) type = vb_vk_memory_type(d, needs.memoryTypeBits, 0);
    if (type < 0) {
        vb_error_set("vulkan renderer: no memory type for a %s buffer",
                     host ? "host-visible" : "device");
        return -VB_ERR_FAILURE;
    }
    const VkMemoryAllocateInfo allocate = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                                           .allocationSize = needs.size,
                                           .memoryTypeIndex = (uint32_t)type};
    result = vkAllocateMemory(d->device, &allocate, NULL, &out->memory);
    if (result != VK_SUCCESS) return failed("vkAllocateMemory", result);
    result = vkBindBufferMemory(d->device, out->buffer, out->memory, 0);
    if (result != VK_SUCCESS) return failed("vkBindBufferMemory", result);
    if (host) {
        result = vkMapMemory(d->device, out->memory, 0, size, 0, &out->mapped);
        if (result != VK_SUCCESS) return failed("vkMapMemory", result);
    }
    return VB_OK;
}

static void free_buffer(vb_vk_device *d, vk_buffer *b) {
    if (b->buffer) vkDestroyBuffer(d->device, b->buffer, NULL);
    if (b->memory) vkFreeMemory(d->device, b->memory, NULL);
    memset(b, 0, sizeof *b);
}

static int make_pipeline(vb_vk_renderer *r) {
    VkDevice device = r->device->device;
    const VkShaderModuleCreateInfo module = {.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
                                             .codeSize = r->impl->spirv_bytes,
                                             .pCode = r->impl->spirv};
    VkResult result = vkCreateShaderModule(device, &module, NULL, &r->module);
    if (result != VK_SUCCESS) return failed("vkCreateShaderModule", result);
    const VkDescriptorSetLayoutBinding bindings[3] = {
        {0, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, NULL},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, NULL},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, NULL},
    };
    const VkDescriptorSetLayoutCreateInfo set = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
        .bindingCount = 3,
        .pBindings = bindings};
    result = vkCreateDescriptorSetLayout(device, &set, NULL, &r->set_layout);
    if (result != VK_SUCCESS) return failed("vkCreateDescriptorSetLayout", result);
    const VkPushConstantRange constants = {VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(vb_vk_constants)};
    const VkPipelineLayoutCreateInfo layout = {.sType =
                                                   VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
                                               .setLayoutCount = 1,
                                               .pSetLayouts = &r->set_layout,
                                               .pushConstantRangeCount = 1,
                                               .pPushConstantRanges = &constants};
    result = vkCreatePipelineLayout(device, &layout, NULL, &r->layout);
    if (result != VK_SUCCESS) return failed("vkCreatePipelineLayout", result);
    const VkComputePipelineCreateInfo pipeline = {
        .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
        .stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
                  .stage = VK_SHADER_STAGE_COMPUTE_BIT,
                  .module = r->module,
                  .pName = "main"},
        .layout = r->layout};
    result = vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &pipeline, NULL, &r->pipeline);
    if (result != VK_SUCCESS) return failed("vkCreateComputePipelines", result);
    return VB_OK;
}

/* One descriptor set per slot: its target, the data buffer, the static buffer (the data buffer
 * again for views without one: the shader does not read it). */
static int make_sets(vb_vk_renderer *r, const VkImageView *targets) {
    VkDevice device = r->device->device;
    const uint32_t n = (uint32_t)r->slots;
    const VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, n},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * n}};
    const VkDescriptorPoolCreateInfo pool = {.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
                                             .maxSets = n,
                                             .poolSizeCount = 2,
                                             .pPoolSizes = sizes};
    VkResult result = vkCreateDescriptorPool(device, &pool, NULL, &r->pool);
    if (result != VK_SUCCESS) return failed("vkCreateDescriptorPool", result);
    VkDescriptorSetLayout layouts[VB_VK_MAX_SLOTS];
    for (int i = 0; i < r->slots; i++)
        layouts[i] = r->set_layout;
    const VkDescriptorSetAllocateInfo allocate = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
        .descriptorPool = r->pool,
        .descriptorSetCount = n,
        .pSetLayouts = layouts};
    result = vkAllocateDescriptorSets(device, &allocate, r->sets);
    if (result != VK_SUCCESS) return failed("vkAllocateDescriptorSets", result);
    const VkDescriptorBufferInfo data = {r->data.buffer, 0, VK_WHOLE_SIZE};
    const VkDescriptorBufferInfo statics = {r->statics.buffer ? r->statics.buffer : r->data.buffer,
                                            0, VK_WHOLE_SIZE};
    for (int i = 0; i < r->slots; i++) {
        const VkDescriptorImageInfo image = {VK_NULL_HANDLE, targets[i], VK_IMAGE_LAYOUT_GENERAL};
        const VkWriteDescriptorSet writes[3] = {
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = r->sets[i],
             .dstBinding = 0,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE,
             .pImageInfo = &image},
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = r->sets[i],
             .dstBinding = 1,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
             .pBufferInfo = &data},
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = r->sets[i],
             .dstBinding = 2,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
             .pBufferInfo = &statics},
        };
        vkUpdateDescriptorSets(device, 3, writes, 0, NULL);
    }
    return VB_OK;
}

static int make_buffers(vb_vk_renderer *r) {
    vb_vk_device *d = r->device;
    const vb_view_options *o = &r->options;
    const VkBufferUsageFlags shader_reads =
        VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    const size_t data_bytes = sizeof(float) * r->impl->data_floats(o);
    if (make_buffer(d, data_bytes, shader_reads, 0, &r->data) != VB_OK) return -VB_ERR_FAILURE;
    const size_t static_bytes = r->impl->static_bytes(o);
    if (static_bytes) {
        if (make_buffer(d, static_bytes, shader_reads, 0, &r->statics) != VB_OK ||
            make_buffer(d, static_bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 1, &r->static_upload) !=
                VB_OK)
            return -VB_ERR_FAILURE;
        r->impl->fill_static(o, r->static_upload.mapped);
        r->statics_pending = 1;
    }
    /* One frame's analysis, and as many skipped ones as a history view stages per draw. */
    const vb_view_desc *view = vb_view_desc_get(o->view);
    const size_t frame_bytes = view->keeps_history ? sizeof(float) * (size_t)o->height : data_bytes;
    const size_t staged = view->keeps_history ? VB_VK_STAGED_FRAMES + 1 : 1;
    for (int i = 0; i < r->slots; i++) {
        if (make_buffer(d, frame_bytes * staged, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 1,
                        &r->staging[i]) != VB_OK)
            return -VB_ERR_FAILURE;
        r->staged[i].drawn_frame = -1;
    }
    return VB_OK;
}

vb_vk_renderer *vb_vk_renderer_create(vb_vk_device *device, const vb_view_options *options,
                                      int slots, const VkImageView *targets) {
    if (slots < 1 || slots > VB_VK_MAX_SLOTS) {
        vb_error_set("vulkan renderer: %d slots (1 to %d)", slots, VB_VK_MAX_SLOTS);
        return NULL;
    }
    vb_vk_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        vb_error_set("vulkan renderer: out of memory");
        return NULL;
    }
    r->device = device;
    r->options = *options;
    r->slots = slots;
    r->impl = vb_view_desc_get(options->view)->vk;
    if (make_pipeline(r) != VB_OK || make_buffers(r) != VB_OK || make_sets(r, targets) != VB_OK) {
        vb_vk_renderer_destroy(r);
        return NULL;
    }
    return r;
}

void vb_vk_renderer_destroy(vb_vk_renderer *r) {
    if (!r) return;
    VkDevice device = r->device->device;
    vkDeviceWaitIdle(device);
    for (int i = 0; i < r->slots; i++)
        free_buffer(r->device, &r->staging[i]);
    free_buffer(r->device, &r->data);
    free_buffer(r->device, &r->statics);
    free_buffer(r->device, &r->static_upload);
    if (r->pool) vkDestroyDescriptorPool(device, r->pool, NULL);
    if (r->pipeline) vkDestroyPipeline(device, r->pipeline, NULL);
    if (r->layout) vkDestroyPipelineLayout(device, r->layout, NULL);
    if (r->set_layout) vkDestroyDescriptorSetLayout(device, r->set_layout, NULL);
    if (r->module) vkDestroyShaderModule(device, r->module, NULL);
    free(r);
}

int vb_vk_renderer_stage(vb_vk_renderer *r, int slot, const float *analysis, size_t count,
                         int64_t frame, int drawn, int64_t *bytes_to_gpu) {
    staged_copies *s = &r->staged[slot];
    const VkDeviceSize bytes = sizeof(float) * count;
    if (!drawn && !vb_view_desc_get(r->options.view)->keeps_history) return 0;
    const VkDeviceSize destination =
        sizeof(float) * r->impl->data_offset(&r->options, frame, count);
    /* A column staged already (the input looped within the staged frames): the newer frame
     * replaces it, as the GL renderer's upload would; copy regions must not overlap. */
    for (uint32_t i = 0; i < s->count; i++)
        if (s->regions[i].dstOffset == destination && s->regions[i].size == bytes) {
            memcpy((char *)r->staging[slot].mapped + s->regions[i].srcOffset, analysis, bytes);
            if (drawn) s->drawn_frame = frame;
            *bytes_to_gpu += (int64_t)bytes;
            return 0;
        }
    if (s->count == VB_VK_STAGED_FRAMES + 1 || s->used + bytes > r->staging[slot].size) return 1;
    memcpy((char *)r->staging[slot].mapped + s->used, analysis, bytes);
    s->regions[s->count++] = (VkBufferCopy){s->used, destination, bytes};
    s->used += bytes;
    if (drawn) s->drawn_frame = frame;
    *bytes_to_gpu += (int64_t)bytes;
    return 0;
}

static void barrier(VkCommandBuffer commands, VkPipelineStageFlags from, VkAccessFlags written,
                    VkPipelineStageFlags to, VkAccessFlags read) {
    const VkMemoryBarrier memory = {
        .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER, .srcAccessMask = written, .dstAccessMask = read};
    vkCmdPipelineBarrier(commands, from, to, 0, 1, &memory, 0, NULL, 0, NULL);
}

void vb_vk_renderer_record(vb_vk_renderer *r, VkCommandBuffer commands, int slot, int draw) {
    staged_copies *s = &r->staged[slot];
    /* Earlier frames' shaders have read the data buffer before it is overwritten. */
    barrier(commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
    if (r->statics_pending) {
        const VkBufferCopy all = {0, 0, r->statics.size};
        vkCmdCopyBuffer(commands, r->static_upload.buffer, r->statics.buffer, 1, &all);
        r->statics_pending = 0;
    }
    if (s->count)
        vkCmdCopyBuffer(commands, r->staging[slot].buffer, r->data.buffer, s->count, s->regions);
    barrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT,
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
    if (draw && s->drawn_frame >= 0) {
        vb_vk_constants constants;
        r->impl->constants(&r->options, s->drawn_frame, &constants);
        vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, r->pipeline);
        vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE, r->layout, 0, 1,
                                &r->sets[slot], 0, NULL);
        vkCmdPushConstants(commands, r->layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof constants,
                           &constants);
        vkCmdDispatch(commands, (uint32_t)(r->options.width + VB_VK_GROUP - 1) / VB_VK_GROUP,
                      (uint32_t)(r->options.height + VB_VK_GROUP - 1) / VB_VK_GROUP, 1);
    }
    s->count = 0;
    s->used = 0;
    s->drawn_frame = -1;
}
