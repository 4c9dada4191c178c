/* The Vulkan renderer of the vulkan-interop strategy: the same three views as the CPU reference
 * renderer, drawn by compute shaders (render/shaders, compiled to SPIR-V at build time) from the
 * analysis data only, into storage images the caller owns, as the GL renderer draws them with
 * fragment shaders (render/gl_renderer.h). The shaders repeat the CPU renderer's arithmetic.
 *
 * Why compute, not a fragment pass: a compute dispatch writes every pixel once with no raster
 * stage, the work wgpu's compute path does; on a data-centre GPU such as the H200 only a few
 * units run graphics (its fragment work runs many times slower), so a fragment renderer would
 * measure that GPU's weakness, not the hand-off. The GL renderer stays fragment-based: the
 * figures say which a GPU time is.
 *
 * Per frame: stage the frame's analysis (and, for views with history, any skipped frame's) in
 * the slot's staging buffer, then record the copies and the dispatch into the slot's command
 * buffer. A slot's staging buffer may be written only once the slot's previous submission
 * finished (the caller waits its fence). Frames in order, as the GL renderer. Use from one
 * thread. */
#ifndef VB_RENDER_VK_RENDERER_H
#define VB_RENDER_VK_RENDERER_H

#include "render/view_options.h"
#include "display/vk_device.h"

#include <stddef.h>
#include <stdint.h>

#define VB_VK_MAX_SLOTS 16 /* as the frame ring's most */

typedef struct vb_vk_renderer vb_vk_renderer;

/* Draws into `targets[slot]` (storage image views of the view's size, RGBA8, GENERAL layout
 * when recorded). NULL with the error set on failure. `device` is borrowed. */
vb_vk_renderer *vb_vk_renderer_create(vb_vk_device *device, const vb_view_options *options,
                                      int slots, const VkImageView *targets);
void vb_vk_renderer_destroy(vb_vk_renderer *renderer);

/* Stages the analysis of frame `frame` (count floats, laid out as vb_renderer_analysis gives
 * them) for the next draw of `slot`; `drawn` 0 for a frame that will not be drawn (taken into
 * the history only; nothing for views without). Adds the bytes staged for the GPU. Returns 1
 * when the slot's staging is full: record and submit what is staged (vb_vk_renderer_record
 * with draw 0), wait for it, then stage again. */
int vb_vk_renderer_stage(vb_vk_renderer *renderer, int slot, const float *analysis, size_t count,
                         int64_t frame, int drawn, int64_t *bytes_to_gpu);

/* Records the copies of what is staged for `slot` and, with `draw`, the dispatch of the last
 * drawn frame into its target; the staging is free again once that submission completes. */
void vb_vk_renderer_record(vb_vk_renderer *renderer, VkCommandBuffer commands, int slot, int draw);

#endif
