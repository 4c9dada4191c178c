/* The CPU stages alone (estimate/cpu_stage.h). */
#include "estimate/cpu_stage.h"

#include "audio/audio.h"
#include "common/error.h"
#include "common/name_table.h"
#include "render/renderer.h"
#include "transfer/frb_hop.h"
#include "transfer/strategy.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef enum {
    STAGE_RENDER,
    STAGE_ANALYZE,
    STAGE_HAND_OFF,
    STAGE_ENCODE,
    STAGE_ENCODE_C,
    STAGE_DECODE,
    STAGE_IMMUTABLE_COPY,
    STAGE_FRAME_COPY,
} stage_kind;

typedef struct stage_entry {
    const char *name;
    stage_kind kind;
    const char *argument;  /* the view or the strategy */
    double traffic_frames; /* memory traffic per frame, in frames' bytes */
    double memcpy_frames;  /* frames copied by one whole-frame memcpy */
} stage_entry;

static const stage_entry stages[] = {
    {"render-waveform", STAGE_RENDER, "waveform", 1, 0},
    {"render-spectrum", STAGE_RENDER, "spectrum", 1, 0},
    {"render-spectrogram", STAGE_RENDER, "spectrogram", 2, 0}, /* rows copied from its ring */
    {"analyze-waveform", STAGE_ANALYZE, "waveform", 0, 0},
    {"analyze-spectrum", STAGE_ANALYZE, "spectrum", 0, 0},
    {"analyze-spectrogram", STAGE_ANALYZE, "spectrogram", 0, 0},
    {"hand-off-pixel-copy", STAGE_HAND_OFF, "pixel-copy", 2, 1},
    {"hand-off-shared-buffer", STAGE_HAND_OFF, "shared-buffer", 0, 0},
    /* read the frame, write the message, and the vector's growth copies about as much again */
    {"frb-encode", STAGE_ENCODE, NULL, 4, 0},
    {"frb-encode-c", STAGE_ENCODE_C, NULL, 4, 0},
    {"frb-decode", STAGE_DECODE, NULL, 2, 1},
    {"immutable-copy", STAGE_IMMUTABLE_COPY, NULL, 2, 1},
    {"frame-copy", STAGE_FRAME_COPY, NULL, 2, 1},
};
#define STAGE_COUNT ((int)(sizeof stages / sizeof stages[0]))

struct vb_cpu_stage {
    const stage_entry *entry;
    vb_audio audio;
    vb_renderer *renderer;
    const vb_strategy_ops *copy_ops;
    vb_strategy *copy_strategy;
    vb_sse_message message; /* frb-decode's input */
    uint8_t *frame, *kept;  /* the frame; frame-copy's target */
    size_t stride, frame_bytes;
    int failed;
};

const char *vb_cpu_stage_name(int index) {
    return index >= 0 && index < STAGE_COUNT ? stages[index].name : NULL;
}

int vb_cpu_stage_count(void) {
    return STAGE_COUNT;
}

static const stage_entry *find_entry(const char *name) {
    const vb_name_table table = VB_NAME_TABLE(stages, STAGE_COUNT, stage_entry, name);
    const int index = name ? vb_name_find(&table, name) : -1;
    return index >= 0 ? &stages[index] : NULL;
}

static size_t frame_bytes(void) {
    return (size_t)VB_CPU_STAGE_WIDTH * 4 * VB_CPU_STAGE_HEIGHT;
}

double vb_cpu_stage_traffic_bytes(const char *name) {
    const stage_entry *e = find_entry(name);
    return e ? e->traffic_frames * (double)frame_bytes() : -1;
}

double vb_cpu_stage_memcpy_bytes(const char *name) {
    const stage_entry *e = find_entry(name);
    return e ? e->memcpy_frames * (double)frame_bytes() : -1;
}

static int open_renderer(vb_cpu_stage *s) {
    vb_view_options view;
    vb_view_options_defaults(&view);
    view.width = VB_CPU_STAGE_WIDTH;
    view.height = VB_CPU_STAGE_HEIGHT;
    view.fps = 60;
    if (vb_view_from_name(s->entry->argument, &view.view) != VB_OK) return -VB_ERR_FAILURE;
    if (vb_audio_load_default(&s->audio) != VB_OK) return -VB_ERR_FAILURE;
    if (!(s->renderer = vb_renderer_create(&view, &s->audio))) return -VB_ERR_FAILURE;
    return VB_OK;
}

static int open_hand_off(vb_cpu_stage *s) {
    vb_strategy_config config = {.slots = 3, .stride = s->stride, .frame_bytes = s->frame_bytes};
    vb_view_options_defaults(&config.view);
    config.view.width = VB_CPU_STAGE_WIDTH;
    config.view.height = VB_CPU_STAGE_HEIGHT;
    config.view.fps = 60;
    s->copy_ops = vb_strategy_find(s->entry->argument);
    if (!s->copy_ops) {
        vb_error_set("stage %s: strategy %s is not in this build", s->entry->name,
                     s->entry->argument);
        return -VB_ERR_FAILURE;
    }
    return s->copy_ops->create(&config, &s->copy_strategy);
}

static int open_stage(vb_cpu_stage *s) {
    switch (s->entry->kind) {
    case STAGE_RENDER:
    case STAGE_ANALYZE:
        return open_renderer(s);
    case STAGE_HAND_OFF:
        return open_hand_off(s);
    case STAGE_DECODE:
        return vb_frb_sse_encode(&s->message, s->frame, s->frame_bytes);
    case STAGE_FRAME_COPY:
        if (!(s->kept = malloc(s->frame_bytes))) {
            vb_error_set("stage %s: out of memory", s->entry->name);
            return -VB_ERR_FAILURE;
        }
        memset(s->kept, 0, s->frame_bytes); /* touched once, as a mapped device buffer is */
        return VB_OK;
    default:
        return VB_OK;
    }
}

int vb_cpu_stage_open(const char *name, vb_cpu_stage **out) {
    *out = NULL;
    const stage_entry *entry = find_entry(name);
    if (!entry) {
        vb_error_set("unknown stage '%s'", name ? name : "");
        return -VB_ERR_USAGE;
    }
    vb_cpu_stage *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("stage %s: out of memory", name);
        return -VB_ERR_FAILURE;
    }
    s->entry = entry;
    s->stride = (size_t)VB_CPU_STAGE_WIDTH * 4;
    s->frame_bytes = frame_bytes();
    if (!(s->frame = calloc(1, s->frame_bytes))) {
        vb_error_set("stage %s: out of memory", name);
        vb_cpu_stage_close(s);
        return -VB_ERR_FAILURE;
    }
    int status = open_stage(s);
    if (status != VB_OK) {
        vb_cpu_stage_close(s);
        return status;
    }
    *out = s;
    return VB_OK;
}

static uint64_t analyze_frame(vb_cpu_stage *s, int64_t n) {
    size_t count = 0;
    vb_renderer_analyze(s->renderer, n % vb_renderer_frame_count(s->renderer));
    const float *analysis = vb_renderer_analysis(s->renderer, &count);
    return count ? (uint64_t)(int64_t)(analysis[(size_t)n % count] * 1000.0f) : 0;
}

static uint64_t hand_off_frame(vb_cpu_stage *s, int64_t n) {
    const int slot = (int)(n % 3);
    int64_t copied = 0;
    uint8_t *target = s->copy_ops->cpu_target(s->copy_strategy, slot);
    target[(size_t)n % s->frame_bytes] = (uint8_t)n;
    if (s->copy_ops->hand_off(s->copy_strategy, slot, &copied) != VB_OK) s->failed = 1;
    s->copy_ops->release(s->copy_strategy, slot);
    return (uint64_t)copied;
}

static uint64_t encode_frame(vb_cpu_stage *s, int64_t n, int replica) {
    vb_sse_message message = {0};
    uint64_t sum = 0;
    s->frame[(size_t)n % s->frame_bytes] = (uint8_t)n;
    if ((replica ? vb_frb_sse_encode_c : vb_frb_sse_encode)(&message, s->frame, s->frame_bytes) ==
        VB_OK)
        sum = message.data[(size_t)(n * 7919) % message.len];
    else
        s->failed = 1;
    vb_sse_message_free(&message);
    return sum;
}

static uint64_t decode_frame(vb_cpu_stage *s, int64_t n) {
    size_t bytes = 0;
    uint8_t *typed = vb_frb_sse_decode(&s->message, &bytes);
    if (!typed) {
        s->failed = 1;
        return 0;
    }
    const uint64_t sum = typed[(size_t)(n * 7919) % bytes];
    free(typed);
    return sum;
}

/* MakeSkDataWithCopy on Android: a size_t header, then the bytes, in a mapping of their own. */
static uint64_t immutable_copy_frame(vb_cpu_stage *s, int64_t n) {
    const size_t length = s->frame_bytes + sizeof(size_t);
    uint8_t *base = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        vb_error_set("stage immutable-copy: mmap of %zu bytes failed", length);
        s->failed = 1;
        return 0;
    }
    memcpy(base, &length, sizeof length);
    memcpy(base + sizeof(size_t), s->frame, s->frame_bytes);
    const uint64_t sum = base[sizeof(size_t) + (size_t)(n * 7919) % s->frame_bytes];
    munmap(base, length);
    return sum;
}

uint64_t vb_cpu_stage_frame(vb_cpu_stage *s, int64_t n) {
    switch (s->entry->kind) {
    case STAGE_RENDER:
        vb_renderer_render(s->renderer, n % vb_renderer_frame_count(s->renderer), s->frame,
                           s->stride);
        return s->frame[(size_t)(n * 7919) % s->frame_bytes];
    case STAGE_ANALYZE:
        return analyze_frame(s, n);
    case STAGE_HAND_OFF:
        return hand_off_frame(s, n);
    case STAGE_ENCODE:
    case STAGE_ENCODE_C:
        return encode_frame(s, n, s->entry->kind == STAGE_ENCODE_C);
    case STAGE_DECODE:
        return decode_frame(s, n);
    case STAGE_IMMUTABLE_COPY:
        return immutable_copy_frame(s, n);
    case STAGE_FRAME_COPY:
        s->frame[(size_t)n % s->frame_bytes] = (uint8_t)n;
        memcpy(s->kept, s->frame, s->frame_bytes);
        return s->kept[(size_t)(n * 7919) % s->frame_bytes];
    }
    return 0;
}

int vb_cpu_stage_failed(const vb_cpu_stage *s) {
    return s->failed;
}

void vb_cpu_stage_close(vb_cpu_stage *s) {
    if (!s) return;
    if (s->copy_strategy) s->copy_ops->destroy(s->copy_strategy);
    if (s->renderer) vb_renderer_destroy(s->renderer);
    vb_sse_message_free(&s->message);
    vb_audio_free(&s->audio);
    free(s->frame);
    free(s->kept);
    free(s);
}
