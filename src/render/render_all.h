/* Every frame of the input, in order, into memory and nowhere else: the reference renderer's
 * throughput measured the way a whole-process peer benchmark sees it (bench/peers.sh sets it
 * beside FFmpeg's visualization filters rendering to a null sink).
 *
 * threads = 2 uses the second core by splitting frames: each thread owns a renderer and draws
 * every other frame (thread k: frames k, k + 2, ...). Each still analyses every frame (the
 * spectrogram's columns and the spectrum's peak caps are history), so the second core takes
 * half of the drawing, not of the analysis. Pictures are the same bytes whatever the thread
 * count (the renderer's contract); `checksum` proves it: the sum over frames of each frame's
 * FNV-1a (order-independent), 0 unless asked for (it reads every byte, so it is not free). */
#ifndef VB_RENDER_RENDER_ALL_H
#define VB_RENDER_RENDER_ALL_H

#include "audio/audio.h"
#include "render/view_options.h"

#include <stdint.h>

#define VB_RENDER_MAX_THREADS 2

typedef struct vb_render_all_result {
    int64_t frames;
    double seconds; /* wall time of the rendering alone (monotonic clock) */
    uint64_t checksum;
} vb_render_all_result;

/* VB_OK, or an error (out of memory, a streamed input that failed) with the error set. */
int vb_render_all_frames(const vb_audio *audio, const vb_view_options *options, int threads,
                         int checksum, vb_render_all_result *result);

#endif
