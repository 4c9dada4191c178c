#include "transfer/strategy.h"

#include "common/error.h"

#include <string.h>

extern const vb_strategy_ops vb_pixel_copy_strategy;
extern const vb_strategy_ops vb_shared_buffer_strategy;
extern const vb_strategy_ops vb_mapped_pbo_strategy;
extern const vb_strategy_ops vb_gl_texture_strategy;

const vb_strategy_ops *const vb_strategy_list[] = {
    &vb_pixel_copy_strategy,
    &vb_shared_buffer_strategy,
    &vb_mapped_pbo_strategy,
    &vb_gl_texture_strategy,
};
const int vb_strategy_count = (int)(sizeof vb_strategy_list / sizeof vb_strategy_list[0]);

const vb_strategy_ops *vb_strategy_find(const char *name) {
    for (int i = 0; i < vb_strategy_count; i++)
        if (strcmp(vb_strategy_list[i]->name, name) == 0) return vb_strategy_list[i];
    vb_error_set("--strategy: unknown strategy '%s' (known: pixel-copy, shared-buffer, "
                 "mapped-pbo, gl-texture, all)",
                 name);
    return NULL;
}
