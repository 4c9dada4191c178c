/* The Vulkan side of vulkan-interop: frames rendered by the Vulkan renderer into a ring of
 * images bound to dedicated exportable memory, each exported once as an opaque fd for GL to
 * import, as a wgpu renderer's frames would be shared with a GL (or GLES) compositor.
 *
 * Synchronisation, per frame: with external semaphores (both sides have them, the caller says),
 * the submission waits on the slot's release semaphore (GL signals it when it releases the
 * buffer) and signals the slot's ready semaphore (GL waits on it before drawing); no CPU waits
 * on the way. Without ("cpu-synchronised"), the producer waits for the submission's fence on the
 * CPU before handing over; GL's side finishes before releasing. Either way a slot's previous
 * submission has finished (its fence) before the slot is recorded again.
 *
 * Used by one thread: the producer's, in the measuring process or in the producer process
 * (transfer/vk_producer_process.h). */
#ifndef VB_TRANSFER_VK_FRAMES_H
#define VB_TRANSFER_VK_FRAMES_H

#include "render/view_options.h"
#include "render/vk_renderer.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_vk_frames vb_vk_frames;

typedef struct vb_vk_frames_config {
    vb_view_options view;
    int slots;
    int64_t fence_timeout_ns;
    unsigned char gl_device_uuid[16], gl_driver_uuid[16]; /* the consumer's device */
    int gl_has_semaphores; /* GL imports semaphores: synchronise with them where Vulkan can */
    int fault_fence;       /* simulated: a fence that never signals (VIZBENCH_FAULT) */
} vb_vk_frames_config;

/* What the consumer imports, once: one memory fd per slot (and its size), with semaphores a
 * ready and a release semaphore fd per slot; -1 where absent. The fds belong to whoever holds
 * this (close them, or give them to GL, which takes them). */
typedef struct vb_vk_shared {
    int slots;
    int semaphores; /* 1: synchronised by semaphores; 0: cpu-synchronised */
    int width, height;
    int memory_fd[VB_VK_MAX_SLOTS];
    uint64_t memory_size[VB_VK_MAX_SLOTS];
    int ready_fd[VB_VK_MAX_SLOTS], release_fd[VB_VK_MAX_SLOTS];
    char device[256]; /* the Vulkan device's name */
} vb_vk_shared;

/* All fds -1. */
void vb_vk_shared_clear(vb_vk_shared *shared);
void vb_vk_shared_close(vb_vk_shared *shared);

/* The producer's figures of one frame; -1 where they do not exist. */
typedef struct vb_vk_frame_times {
    int64_t release_wait_ns; /* CPU wait for the slot's previous submission (its fence) */
    int64_t sync_wait_ns;    /* cpu-synchronised: the wait for this frame's fence */
    int64_t gpu_ns;          /* this frame's GPU time (timestamps), when known now */
    int64_t earlier_sequence, earlier_gpu_ns; /* with semaphores: the slot's previous frame's
                                                 GPU time, known once its fence was waited */
} vb_vk_frame_times;

/* Opens the Vulkan device that is GL's, makes the ring, exports it into *shared. VB_OK, or an
 * error (set) that says why: no Vulkan driver, not GL's device, no exportable memory. */
int vb_vk_frames_create(const vb_vk_frames_config *config, vb_vk_frames **out,
                        vb_vk_shared *shared);
/* Waits for the GPU, frees everything (the consumer's imports stay valid: they hold the
 * memory). NULL is a no-op. */
void vb_vk_frames_destroy(vb_vk_frames *frames);

/* A frame that will not be drawn, for views with history, staged for the next draw into
 * `slot`. Adds the bytes for the GPU. */
int vb_vk_frames_feed(vb_vk_frames *frames, int slot, const float *analysis, size_t count,
                      int64_t frame, int64_t *bytes_to_gpu);
/* Renders frame `frame` (run sequence `sequence`) into `slot` and submits it; returns once it may
 * be handed over (semaphores: submitted; cpu-synchronised: finished). */
int vb_vk_frames_render(vb_vk_frames *frames, int slot, int64_t sequence, const float *analysis,
                        size_t count, int64_t frame, int64_t *bytes_to_gpu,
                        vb_vk_frame_times *times);

#endif
