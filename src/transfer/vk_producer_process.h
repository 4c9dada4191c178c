/* The Vulkan producer in a process of its own (vulkan-interop, --producer-process separate), as
 * the app's renderer would be when it runs outside the UI's process: vizbench starts itself
 * again in a hidden mode (`vizbench __vulkan-producer`, the socket on fd 3: started with
 * posix_spawn, so nothing of this process's GL or SDL state is inherited), sends it the view and
 * the audio once (the samples as a sealed memfd), and receives the ring's memory (and semaphore)
 * fds once. Per frame: RENDER one way, FRAME back (transfer/vk_wire.h). The producer process
 * analyses the audio and renders itself, so its CPU is its own; its figures come back in FRAME.
 *
 * Faults: a producer that dies (the socket closes), hangs (no answer within the fence timeout
 * and a second) or sends garbage fails the strategy with one line; stop kills it if it does not
 * end when asked, reaps it, and closes every fd. The parent's side is used from one thread. */
#ifndef VB_TRANSFER_VK_PRODUCER_PROCESS_H
#define VB_TRANSFER_VK_PRODUCER_PROCESS_H

#include "audio/audio.h"
#include "transfer/vk_frames.h"
#include "transfer/vk_wire.h"

#include <sys/types.h>

typedef struct vb_vk_process {
    pid_t pid;  /* 0 when none */
    int socket; /* -1 when none */
    int slots;
    int64_t timeout_ns; /* the longest wait for one answer */
    int64_t frames_asked;
    int broken;           /* an exchange failed: stop kills it at once */
    int64_t ready_cpu_ns; /* its process CPU when it was ready: its set-up, not a frame's */
    int64_t peak_bytes;   /* its peak resident bytes once reaped (wait4), else -1 */
} vb_vk_process;

/* Simulated faults of the producer process (VIZBENCH_FAULT), by frame sequence; -1: none. */
typedef struct vb_vk_process_faults {
    int64_t kill_at, garbage_at, hang_at;
} vb_vk_process_faults;

/* Starts the producer process and receives its exported ring into *shared (fds owned by the
 * caller). On failure the process is gone and the error set. */
int vb_vk_process_start(vb_vk_process *process, const vb_vk_frames_config *config,
                        const vb_vk_process_faults *faults, const vb_audio *audio,
                        vb_vk_shared *shared);
/* Asks for frame `sequence` (audio frame `audio_frame`) in `slot` and waits for it. */
int vb_vk_process_frame(vb_vk_process *process, int slot, int64_t sequence, int64_t audio_frame,
                        vb_wire_frame *out);
/* Asks it to end, waits a moment, kills it if needed, reaps it, closes the socket. Safe to
 * call again or on a process never started. */
void vb_vk_process_stop(vb_vk_process *process);

/* The two ends' intake of the one message that carries fds, as start uses them (and the wire
 * fuzzer, on a socket of its own). take_ready receives READY within `deadline_ns`, checks it
 * against `config` and hands its fds into *shared (the caller's then; on failure every fd that
 * came is closed). load_config checks a received CONFIG and loads its audio into *audio (to be
 * freed with vb_audio_free); it closes the `fds` whatever happens. */
int vb_vk_process_take_ready(int socket, int64_t deadline_ns, const vb_vk_frames_config *config,
                             vb_vk_shared *shared, int64_t *ready_cpu_ns);
int vb_vk_producer_load_config(const vb_wire_config *config, const int *fds, int fd_count,
                               vb_audio *audio);

/* The hidden mode's main: serves the socket on `socket` until STOP or the socket closes.
 * Returns the process exit status. */
int vb_vk_producer_main(int socket);

#endif
