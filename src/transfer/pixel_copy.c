/* pixel-copy: the research note's "Fallback", an FFI stream of Vec<u8>. The producer renders
 * into its own buffer, then copies the frame into a message allocated for it (as a Vec handed
 * across FFI would be); the consumer uploads from the message, then frees it. With `pool` the
 * slots' messages are allocated once and reused: the copy stays, the allocation goes. */
#include "common/work_counts.h"
#include "transfer/strategy.h"

#include "common/error.h"
#include "transfer/upload.h"

#include <stdlib.h>
#include <string.h>

struct vb_strategy {
    vb_strategy_config config;
    uint8_t *private_frame; /* the renderer's own buffer */
    uint8_t **messages;     /* [slots] the message in flight in each slot, or NULL */
};

static void pixel_copy_destroy(vb_strategy *s) {
    if (!s) return;
    if (s->messages)
        for (int i = 0; i < s->config.slots; i++)
            free(s->messages[i]);
    free(s->messages);
    free(s->private_frame);
    free(s);
}

static int pixel_copy_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) goto oom;
    s->config = *config;
    s->private_frame = aligned_alloc(64, (config->frame_bytes + 63) / 64 * 64);
    s->messages = calloc((size_t)config->slots, sizeof *s->messages);
    if (!s->private_frame || !s->messages) goto oom;
    if (config->own.pixel_copy.pool)
        for (int i = 0; i < config->slots; i++)
            if (!(s->messages[i] = malloc(config->frame_bytes))) goto oom;
    *out = s;
    return VB_OK;
oom:
    pixel_copy_destroy(s);
    vb_error_set("pixel-copy: out of memory");
    return -VB_ERR_FAILURE;
}

static uint8_t *pixel_copy_target(vb_strategy *s, int slot) {
    (void)slot;
    return s->private_frame;
}

static int pixel_copy_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    uint8_t *message =
        s->config.own.pixel_copy.pool ? s->messages[slot] : malloc(s->config.frame_bytes);
    if (!message) {
        vb_error_set("pixel-copy: out of memory for a %zu-byte message", s->config.frame_bytes);
        return -VB_ERR_FAILURE;
    }
    memcpy(message, s->private_frame, s->config.frame_bytes);
    vb_work_copy();
    s->messages[slot] = message;
    *bytes_copied += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static int pixel_copy_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                             int64_t *bytes_to_gpu) {
    vb_upload_frame(&s->config.view, frame_texture, s->messages[slot]);
    *texture = frame_texture;
    *bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static void pixel_copy_release(vb_strategy *s, int slot) {
    if (s->config.own.pixel_copy.pool) return;
    free(s->messages[slot]);
    s->messages[slot] = NULL;
}

const vb_strategy_ops vb_pixel_copy_strategy = {
    .facts =
        {
            .name = "pixel-copy",
            .summary = "CPU render, copy into a new message per frame, upload from it",
            .does =
                "CPU render into its own buffer; copy into a newly allocated message; the consumer "
                "uploads it (glTexSubImage2D)",
            .models = "an FFI stream of Vec<u8>: the note's fallback",
            .incurs = "one CPU copy Rust -> Dart, then Flutter's own image creation and its upload",
            .measures = "the allocation + copy, and the upload",
            .colour = "#D55E00",
            .cpu_work = "producer: render, hand-off-pixel-copy",
            .family = VB_FAMILY_CLEAN_MODEL,
            .platforms = VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS |
                         VB_PLATFORM_MACOS_IOS,
            .roles = VB_ROLE_COPY_MODEL,
            .capabilities = 0,
            .preference = 3,
        },
    .create = pixel_copy_create,
    .destroy = pixel_copy_destroy,
    .cpu_target = pixel_copy_target,
    .hand_off = pixel_copy_hand_off,
    .upload = pixel_copy_upload,
    .release = pixel_copy_release,
};
