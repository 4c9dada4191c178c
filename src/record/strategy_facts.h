/* What is known of a transfer strategy apart from its code: its names and words, the family of
 * paths it belongs to, the platforms where the real path it models exists, what the claims use
 * it for (its roles) and how it runs (its capabilities). The verdicts, the decision, the report
 * and the results files read these facts; none of them names a strategy.
 *
 * Live strategies carry their facts in their ops table (transfer/strategy.h: static, never
 * freed). Facts read back from a results file are interned (vb_strategy_facts_intern): one copy
 * per distinct name, owned by this module until the process ends, so a results model can point
 * at them after the file is closed. */
#ifndef VB_RECORD_STRATEGY_FACTS_H
#define VB_RECORD_STRATEGY_FACTS_H

#include <stddef.h>

/* Families, in the order the app prefers them: the note's decision as Flutter runs it first,
 * then the paths Android's TextureRegistry offers (the note: "Android SurfaceTexture path first
 * (primary target)"), then GPU sharing as the platforms do it, then the clean models. Files
 * record families by name, so this order is free to change. */
typedef enum {
    VB_FAMILY_FLUTTER_CHAIN = 0, /* the note's decision as Flutter runs it (FRB + a Flutter API) */
    VB_FAMILY_ANDROID_PATH,      /* a path only Android's TextureRegistry offers */
    VB_FAMILY_GPU_SHARING,       /* a GPU texture shared with the compositor */
    VB_FAMILY_CLEAN_MODEL,       /* a model of one idea, with no framework around it */
    VB_FAMILY_COUNT,
    /* A file's strategy whose family this build does not know: considered by no claim */
    VB_FAMILY_UNKNOWN = VB_FAMILY_COUNT
} vb_strategy_family;

/* Where the real path a strategy stands for exists (bits). */
enum {
    VB_PLATFORM_ANDROID = 1u << 0,
    VB_PLATFORM_LINUX = 1u << 1,
    VB_PLATFORM_WINDOWS = 1u << 2,
    VB_PLATFORM_MACOS_IOS = 1u << 3,
};
#define VB_PLATFORM_COUNT 4

/* What a claim takes a strategy for (bits): the reference points the note's claims are judged
 * against, so that a claim picks its strategies by role and never by name. */
enum {
    VB_ROLE_COPY_MODEL = 1u << 0,      /* the clean per-frame pixel copy (C3; C4 without a chain) */
    VB_ROLE_ZERO_COPY_MODEL = 1u << 1, /* the clean zero-copy buffer the others are held against */
    VB_ROLE_SHARING_IDEAL = 1u << 2,   /* GPU sharing at its ideal: a texture in a shared context */
    VB_ROLE_IMAGE_CHAIN = 1u << 3, /* the copy chain as the app runs it: a new image per frame */
};
#define VB_ROLE_COUNT 4

/* How a strategy runs (bits): what the harness branches on, and what a results file must say
 * for its runs to be read without the strategy's code. */
enum {
    VB_CAP_RENDERS_ON_GPU = 1u << 0,      /* the producer draws with a GPU renderer */
    VB_CAP_RENDERS_WITH_VULKAN = 1u << 1, /* ... with Vulkan: no GL context on its thread */
    VB_CAP_ISOLATED_PRODUCER = 1u << 2,   /* ... in a GL context not shared with the consumer */
    VB_CAP_OWN_TEXTURES = 1u << 3,        /* makes its own textures (no display frame texture) */
    VB_CAP_VSYNC_DRIVEN = 1u << 4,        /* always presented on a display clock */
    VB_CAP_FRB_CODEC = 1u << 5,           /* its frames cross FRB's codec (--frb-codec) */
    VB_CAP_PRODUCER_PROCESS = 1u << 6,    /* its producer can run in another process */
    VB_CAP_STAGE_FIGURES = 1u << 7,       /* records figures of stages of its own (collect) */
    /* runs on an OpenGL ES context unless the run names the API (--gl-api): the path it models
     * exists only where GL is GLES (Android) */
    VB_CAP_GLES_BY_DEFAULT = 1u << 8,
};
#define VB_CAP_COUNT 9

typedef struct vb_strategy_facts {
    const char *name;
    const char *summary; /* one line: what crosses the boundary */
    /* What the report and the help texts say of it (NULL where a file did not record them) */
    const char *does;     /* what vizbench does, producer to consumer */
    const char *models;   /* the real-world path it stands for */
    const char *incurs;   /* the copies, uploads and waits that real path makes */
    const char *measures; /* what vizbench measures of them */
    const char *colour;   /* in charts: "#RRGGBB", distinct from the others' */
    /* The CPU stages (estimate/cpu_stage.h) it spends per frame, by the thread the app would run
     * them on: "producer: render, frb-encode; ui: frb-decode" ("render" and "analyze" stand for
     * render-VIEW and analyze-VIEW of the view shown). Threads: producer (the Rust renderer),
     * ui (Flutter's UI thread), io (its IO thread or image worker), raster. What a GL call costs
     * on the CPU is the driver's and is not listed. This build's facts only: results files do
     * not record it, and the cost model (estimate/) estimates this build's strategies. */
    const char *cpu_work;
    vb_strategy_family family;
    unsigned platforms, roles, capabilities;
    int preference; /* the app's order within its family: 1 first */
} vb_strategy_facts;

static inline int vb_facts_have(const vb_strategy_facts *facts, unsigned capability) {
    return facts && (facts->capabilities & capability) != 0;
}

/* "flutter-chain", "android-path", "gpu-sharing", "clean-model" ("unknown" past them). */
const char *vb_family_name(vb_strategy_family family);
/* -1 for an unknown name. */
int vb_family_from_name(const char *name);

/* The names of one set of bits: platforms ("android", "linux", "windows", "macos-ios"), roles
 * ("copy-model", "zero-copy-model", "sharing-ideal", "image-chain") and capabilities
 * ("renders-on-gpu", ...); NULL past the table. */
const char *vb_platform_name(int bit_index);
const char *vb_role_name(int bit_index);
const char *vb_capability_name(int bit_index);
/* The bit named `name` in that set, or 0 for an unknown name. */
unsigned vb_platform_from_name(const char *name);
unsigned vb_role_from_name(const char *name);
unsigned vb_capability_from_name(const char *name);
/* "android, linux" (the set's names of the bits, in order, ", " between; "none" for 0). */
void vb_platforms_join(unsigned platforms, char *dst, size_t size);

/* A lasting copy of `facts` (its strings too), the same one for every call with that name and
 * those facts; NULL when out of memory or past VB_FACTS_INTERN_MAX distinct facts (error set).
 * Safe from any thread. */
#define VB_FACTS_INTERN_MAX 256
const vb_strategy_facts *vb_strategy_facts_intern(const vb_strategy_facts *facts);

#endif
