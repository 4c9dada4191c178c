/* Every frame of the input, in order, into memory and nowhere else: the reference renderer's
 * throughput measured the way a whole-process peer benchmark sees it (bench/peers.sh sets it
 * beside FFmpeg's visualization filters rendering to a null sink).
 *
 * threads = 2 uses the second core one of two ways:
 *   rows:   one renderer analyses each frame once; the frame's rows are split between the two
 *           threads (render/row_split.h). The frame takes about half the time to draw.
 *   frames: each thread owns a renderer and draws every other frame (thread k: frames k, k + 2,
 *           ...); each still analyses every frame (the spectrogram's columns and the
 *           spectrum's peak caps are history), so the second core takes half of the drawing,
 *           not of the analysis, but the two threads never wait for each other.
 * Auto picks rows for frames of VB_RENDER_ROWS_MIN_BYTES and more, where drawing dominates and
 * the per-frame hand-off (two futex wakes) is small beside it; frames below (a 1080x200 frame
 * draws in ~40 us). Pictures are the same bytes whatever the thread count and split (the
 * renderer's contract); `checksum` proves it: the sum over frames of each frame's FNV-1a
 * (order-independent), 0 unless asked for (it reads every byte, so it is not free). */
#ifndef VB_RENDER_RENDER_ALL_H
#define VB_RENDER_RENDER_ALL_H

#include "audio/audio.h"
#include "render/view_options.h"

#include <stdint.h>

#define VB_RENDER_MAX_THREADS 2
#define VB_RENDER_ROWS_MIN_BYTES (2u << 20)

typedef enum vb_render_split { VB_SPLIT_AUTO, VB_SPLIT_ROWS, VB_SPLIT_FRAMES } vb_render_split;

/* "auto", "rows", "frames"; vb_render_split_from_name: -VB_ERR_USAGE naming the known ones. */
const char *vb_render_split_name(vb_render_split split);
int vb_render_split_from_name(const char *name, vb_render_split *out);

typedef struct vb_render_all_result {
    int64_t frames;
    double seconds; /* wall time of the rendering alone (monotonic clock) */
    uint64_t checksum;
    vb_render_split split; /* the split used with 2 threads (never auto) */
} vb_render_all_result;

/* VB_OK, or an error (out of memory, a streamed input that failed) with the error set. */
int vb_render_all_frames(const vb_audio *audio, const vb_view_options *options, int threads,
                         vb_render_split split, int checksum, vb_render_all_result *result);

#endif
