/* Internal to the Vulkan renderer: what each view's compute half provides (vk_views.c). Each
 * shader mirrors its CPU view file and GL half; keep them in step. */
#ifndef VB_RENDER_VK_VIEW_IMPL_H
#define VB_RENDER_VK_VIEW_IMPL_H

#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

/* The shaders' push constants (layout as in the shaders, render/shaders). */
typedef struct vb_vk_constants {
    int32_t geometry[4];
    float levels[4];
    uint32_t colours[4];
} vb_vk_constants;

typedef struct vb_vk_view_impl {
    const uint32_t *spirv;
    size_t spirv_bytes;
    /* Floats of the data buffer: one frame's analysis, or the history's ring. */
    size_t (*data_floats)(const vb_view_options *options);
    /* Where frame `frame`'s analysis (count floats) goes in it, in floats. */
    size_t (*data_offset)(const vb_view_options *options, int64_t frame, size_t count);
    /* Bytes of the static buffer (0: none) and its contents. */
    size_t (*static_bytes)(const vb_view_options *options);
    void (*fill_static)(const vb_view_options *options, void *destination);
    /* The constants to draw frame `frame`. */
    void (*constants)(const vb_view_options *options, int64_t frame, vb_vk_constants *out);
} vb_vk_view_impl;

extern const vb_vk_view_impl vb_vk_waveform_view;
extern const vb_vk_view_impl vb_vk_spectrum_view;
extern const vb_vk_view_impl vb_vk_spectrogram_view;

#endif
