/* The registered views, one descriptor each: its name, whether its picture depends on earlier
 * frames (history: every frame must be analysed and fed, even one that is not drawn), and its
 * halves, the CPU reference view (render/view_impl.h), the GPU view the gl-texture strategy
 * draws with (render/gl_view_impl.h) and the compute view of vulkan-interop
 * (render/vk_view_impl.h). Renderers, names and options read this table;
 * nothing else decides by view. Adding a view: its enum entry (view_options.h), its files (CPU, GL,
 * compute shader and its half in vk_views.c) and one line in views.c. */
#ifndef VB_RENDER_VIEWS_H
#define VB_RENDER_VIEWS_H

#include "common/name_table.h"
#include "render/view_options.h"

struct vb_view_impl;
struct vb_gl_view_impl;
struct vb_vk_view_impl;

typedef struct vb_view_desc {
    const char *name;
    int keeps_history;
    const struct vb_view_impl *cpu;
    const struct vb_gl_view_impl *gl;
    const struct vb_vk_view_impl *vk; /* the compute half vulkan-interop draws with */
} vb_view_desc;

/* NULL for a kind outside 0 .. VB_VIEW_COUNT - 1. */
const vb_view_desc *vb_view_desc_get(vb_view_kind view);
/* The descriptors by name, in vb_view_kind order. */
vb_name_table vb_view_table(void);

#endif
