/* The messages between vizbench and its Vulkan producer process (--producer-process separate),
 * over a SOCK_SEQPACKET socketpair: nothing listens on the filesystem or the network. Memory
 * and semaphore fds cross once, as SCM_RIGHTS, with READY; per frame only RENDER (which buffer,
 * which frame) goes one way and FRAME (done, with the producer's figures) comes back.
 *
 * Both ends are the same program (the producer is vizbench started again), but every message is
 * still checked before use: its size exactly its type's, its fd count exactly what the type
 * carries, and its fields by vb_wire_check_* against what was asked. A message that fails any
 * check is garbage: the strategy fails naming it, and the fds that came with it are closed. */
#ifndef VB_TRANSFER_VK_WIRE_H
#define VB_TRANSFER_VK_WIRE_H

#include "render/view_options.h"
#include "render/vk_renderer.h"

#include <stddef.h>
#include <stdint.h>

#define VB_WIRE_MAGIC 0x76627731u /* "vbw1" */

typedef enum {
    VB_WIRE_CONFIG = 1, /* -> producer: what to render; the audio as a memfd (or a path) */
    VB_WIRE_READY,      /* <- producer: the ring, exported (fds) */
    VB_WIRE_RENDER,     /* -> producer: render this frame into this buffer (it is free) */
    VB_WIRE_FRAME,      /* <- producer: done and handed over, with its figures */
    VB_WIRE_ERROR,      /* <- producer: it failed; a message */
    VB_WIRE_STOP,       /* -> producer: end */
} vb_wire_type;

typedef struct vb_wire_config {
    vb_view_options view;
    int32_t slots;
    int64_t fence_timeout_ns;
    unsigned char gl_device_uuid[16], gl_driver_uuid[16];
    int32_t gl_has_semaphores;
    int32_t fault_fence;                                    /* a Vulkan fence never signals */
    int64_t fault_kill_at, fault_garbage_at, fault_hang_at; /* sequence, or -1 */
    int32_t sample_rate, channels;
    int64_t samples;
    int32_t audio_in_memfd; /* 1: one fd (memfd of `samples` floats); 0: `path` is streamed */
    char audio_name[256];
    char path[4096];
} vb_wire_config;

typedef struct vb_wire_ready {
    int32_t slots, semaphores, width, height;
    int64_t process_cpu_ns; /* the producer process's CPU when ready (set-up, not frames) */
    uint64_t memory_size[VB_VK_MAX_SLOTS];
    char device[256];
} vb_wire_ready;

typedef struct vb_wire_render {
    int64_t sequence, audio_frame;
    int32_t slot;
} vb_wire_render;

typedef struct vb_wire_frame {
    int64_t sequence;
    int32_t slot;
    int64_t analyzed_ns, rendered_ns, handed_ns; /* CLOCK_MONOTONIC, absolute */
    int64_t thread_cpu_ns;                       /* the producer thread's CPU for this frame */
    int64_t process_cpu_ns;                      /* the producer process's CPU so far */
    int64_t bytes_to_gpu;
    int64_t release_wait_ns, sync_wait_ns, gpu_ns, earlier_sequence, earlier_gpu_ns;
} vb_wire_frame;

typedef struct vb_wire_error {
    char message[320];
} vb_wire_error;

/* The body size a type must have (0 for STOP). */
size_t vb_wire_body_size(vb_wire_type type);

/* Sends one message with `fd_count` fds (borrowed: the caller still closes its copies).
 * VB_OK, or -VB_ERR_FAILURE with the error set. */
int vb_wire_send(int socket, vb_wire_type type, const void *body, const int *fds, int fd_count);

/* Receives one message into `body` (the type's size), waiting until `deadline_ns` (monotonic;
 * -1: no limit). Fds received go into fds[0 .. *fd_count) (the caller owns them), at most
 * `max_fds`. Returns VB_OK; -VB_ERR_FAILURE with the error set when the peer closed the socket
 * ("closed"), the deadline passed ("no answer within ..."), or the message is garbage (wrong
 * magic, type, size, fd count: every fd that came is closed). `expected` is the type wanted;
 * an ERROR message instead fails with the peer's message. */
int vb_wire_recv(int socket, int64_t deadline_ns, vb_wire_type expected, void *body, int *fds,
                 int max_fds, int *fd_count);

/* Field checks against what was asked; -VB_ERR_FAILURE with the error set naming the field.
 * The measuring process checks READY and FRAME; the producer process CONFIG (with the number of
 * fds that came: one exactly when the audio is in a memfd) and RENDER (against its ring, its
 * audio's frames and the last sequence it rendered: sequences only grow). */
int vb_wire_check_config(const vb_wire_config *config, int fd_count);
int vb_wire_check_render(const vb_wire_render *render, int slots, int64_t last_rendered,
                         int64_t audio_frames);
int vb_wire_check_ready(const vb_wire_ready *ready, int fd_count, int slots, int width, int height,
                        int gl_has_semaphores);
int vb_wire_check_frame(const vb_wire_frame *frame, const vb_wire_render *asked, int64_t asked_ns,
                        int64_t now_ns, int slots);

#endif
