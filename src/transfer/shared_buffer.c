/* shared-buffer: the research note's decision (flutter_rust_bridge's ZeroCopyBuffer). The
 * producer renders straight into a slot of a ring in shared memory (memfd_create + mmap); only
 * the slot index crosses; the consumer uploads from the slot through its own mapping of the
 * same memory, as another process (or the Dart side holding external typed data) would. */
#include "transfer/strategy.h"

#include "common/error.h"
#include "transfer/upload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct vb_strategy {
    vb_strategy_config config;
    int memory_fd;
    size_t size;
    uint8_t *producer_view; /* the renderer's mapping */
    uint8_t *consumer_view; /* the display's mapping of the same pages */
};

static void shared_buffer_destroy(vb_strategy *s) {
    if (!s) return;
    if (s->producer_view) munmap(s->producer_view, s->size);
    if (s->consumer_view) munmap(s->consumer_view, s->size);
    if (s->memory_fd >= 0) close(s->memory_fd);
    free(s);
}

static uint8_t *map_shared(int fd, size_t size) {
    void *view = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    return view == MAP_FAILED ? NULL : view;
}

static int shared_buffer_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("shared-buffer: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    s->size = config->frame_bytes * (size_t)config->slots;
    s->memory_fd = memfd_create("vizbench-frames", MFD_CLOEXEC);
    if (s->memory_fd < 0 || ftruncate(s->memory_fd, (off_t)s->size) != 0 ||
        !(s->producer_view = map_shared(s->memory_fd, s->size)) ||
        !(s->consumer_view = map_shared(s->memory_fd, s->size))) {
        vb_error_set("shared-buffer: cannot map %zu bytes of shared memory (%s)", s->size,
                     strerror(errno));
        shared_buffer_destroy(s);
        return -VB_ERR_FAILURE;
    }
    /* Touch every page now so that page faults do not land in the first frames' timings. */
    memset(s->producer_view, 0, s->size);
    *out = s;
    return VB_OK;
}

static uint8_t *shared_buffer_target(vb_strategy *s, int slot) {
    return s->producer_view + (size_t)slot * s->config.frame_bytes;
}

static int shared_buffer_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)s, (void)slot, (void)bytes_copied;
    return VB_OK;
}

static int shared_buffer_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                                int64_t *bytes_to_gpu) {
    vb_upload_frame(&s->config.view, frame_texture,
                    s->consumer_view + (size_t)slot * s->config.frame_bytes);
    *texture = frame_texture;
    *bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static void shared_buffer_release(vb_strategy *s, int slot) {
    (void)s, (void)slot;
}

const vb_strategy_ops vb_shared_buffer_strategy = {
    .facts =
        {
            .name = "shared-buffer",
            .summary =
                "CPU render into a shared-memory ring slot, hand over its index, upload from it",
            .does =
                "CPU render straight into a slot of a shared ring (memfd, two mappings); a slot "
                "index crosses; the consumer uploads from the slot",
            .models = "flutter_rust_bridge ZeroCopyBuffer: the note's decision",
            .incurs =
                "no copy Rust -> Dart; decodeImageFromPixels then copies into its own image, and "
                "the engine uploads it",
            .measures =
                "the upload; not the copy Flutter's image makes (it is the same for pixel-copy)",
            .colour = "#0072B2",
            .cpu_work = "producer: render, hand-off-shared-buffer",
            .family = VB_FAMILY_CLEAN_MODEL,
            .platforms = VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS | VB_PLATFORM_MACOS_IOS,
            .roles = VB_ROLE_ZERO_COPY_MODEL,
            .capabilities = 0,
            .preference = 1,
        },
    .create = shared_buffer_create,
    .destroy = shared_buffer_destroy,
    .cpu_target = shared_buffer_target,
    .hand_off = shared_buffer_hand_off,
    .upload = shared_buffer_upload,
    .release = shared_buffer_release,
};
