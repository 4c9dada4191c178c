/* The strategies that results files named before they recorded each strategy's facts (schema
 * version 1 up to vizbench 1e25414): what those eight were then, so that such a file is read
 * for what it measured and not for what a strategy of the same name is in this build. Their
 * words (does, models, ...) were never in the files and are not kept here. */
#include "results/strategy_facts_json.h"

#include <string.h>

#define ALL_PLATFORMS                                                                              \
    (VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS | VB_PLATFORM_MACOS_IOS)
#define STAGES VB_CAP_STAGE_FIGURES
#define FLUTTER (VB_CAP_OWN_TEXTURES | VB_CAP_VSYNC_DRIVEN | VB_CAP_FRB_CODEC | STAGES)

static const vb_strategy_facts before[] = {
    {.name = "pixel-copy",
     .colour = "#D55E00",
     .family = VB_FAMILY_CLEAN_MODEL,
     .platforms = ALL_PLATFORMS,
     .roles = VB_ROLE_COPY_MODEL,
     .preference = 3},
    {.name = "shared-buffer",
     .colour = "#0072B2",
     .family = VB_FAMILY_CLEAN_MODEL,
     .platforms = VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS | VB_PLATFORM_MACOS_IOS,
     .roles = VB_ROLE_ZERO_COPY_MODEL,
     .preference = 1},
    {.name = "mapped-pbo",
     .colour = "#009E73",
     .family = VB_FAMILY_CLEAN_MODEL,
     .platforms = VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS,
     .preference = 2},
    {.name = "gl-texture",
     .colour = "#CC79A7",
     .family = VB_FAMILY_GPU_SHARING,
     .platforms = VB_PLATFORM_LINUX,
     .roles = VB_ROLE_SHARING_IDEAL,
     .capabilities = VB_CAP_RENDERS_ON_GPU,
     .preference = 3},
    {.name = "egl-image",
     .colour = "#882255",
     .family = VB_FAMILY_GPU_SHARING,
     .platforms = VB_PLATFORM_ANDROID,
     .capabilities = VB_CAP_RENDERS_ON_GPU | VB_CAP_ISOLATED_PRODUCER | STAGES,
     .preference = 2},
    {.name = "frb-image",
     .colour = "#56B4E9",
     .family = VB_FAMILY_FLUTTER_CHAIN,
     .platforms = ALL_PLATFORMS,
     .roles = VB_ROLE_IMAGE_CHAIN,
     .capabilities = FLUTTER,
     .preference = 2},
    {.name = "frb-texture",
     .colour = "#E69F00",
     .family = VB_FAMILY_FLUTTER_CHAIN,
     .platforms = VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS,
     .capabilities = FLUTTER,
     .preference = 1},
    {.name = "vulkan-interop",
     .colour = "#DDCC77",
     .family = VB_FAMILY_GPU_SHARING,
     .platforms = VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX,
     .capabilities =
         VB_CAP_RENDERS_ON_GPU | VB_CAP_RENDERS_WITH_VULKAN | VB_CAP_PRODUCER_PROCESS | STAGES,
     .preference = 1},
};

const vb_strategy_facts *vb_strategy_facts_before_recorded(const char *name) {
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
        if (strcmp(before[i].name, name) == 0) return &before[i];
    return NULL;
}
