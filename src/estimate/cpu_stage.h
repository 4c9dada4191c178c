/* The producer's and the Flutter threads' CPU stages, one at a time, alone and deterministic, at
 * the note's case (1080x200, 60 fps, the bundled input): what bench/stage-work runs for counting
 * their instructions (callgrind on x86, qemu's trace on aarch64) and what the cost model's
 * calibration times on this machine (estimate/calibration.h). One list, so the counted stages,
 * the committed counts and the timed stages are the same ones.
 *
 *   render-VIEW             the analysis and CPU render of a frame (the CPU strategies' producer)
 *   analyze-VIEW            the analysis alone and the data a GPU renderer uploads
 *   hand-off-pixel-copy     pixel-copy's hand-off: a new message, the copy, its release
 *   hand-off-shared-buffer  shared-buffer's: the slot of the memfd ring, the index
 *   frb-encode              FRB's sse encode as the frb-* strategies run it (Rust where built)
 *   frb-encode-c            the C replica of the same code (the cross-check)
 *   frb-decode              Dart's side of the sse hop: the copy into a new typed array
 *   immutable-copy          ImmutableBuffer.init on Android: a fresh anonymous mapping, the copy
 *                           into it, its unmapping (immutable_buffer.cc's MakeSkDataWithCopy)
 *   frame-copy              a copy of the frame into a buffer kept from frame to frame (the image
 *                           decoder's copy into the device buffer it maps)
 *
 * A stage owns what it allocates; vb_cpu_stage_close frees it. Not thread-safe: one thread per
 * stage. */
#ifndef VB_ESTIMATE_CPU_STAGE_H
#define VB_ESTIMATE_CPU_STAGE_H

#include <stddef.h>
#include <stdint.h>

#define VB_CPU_STAGE_WIDTH 1080
#define VB_CPU_STAGE_HEIGHT 200

typedef struct vb_cpu_stage vb_cpu_stage;

/* The stages, in the order above; NULL past the last. */
const char *vb_cpu_stage_name(int index);
int vb_cpu_stage_count(void);

/* Bytes the stage's own code reads plus writes per frame (its memory traffic as the cost model
 * takes it: a copy reads and writes the frame; a render writes it, a spectrogram also reads its
 * ring; the encode reads the frame, writes the message and copies it once more as the vector
 * grows), or -1 for an unknown name. */
double vb_cpu_stage_traffic_bytes(const char *name);

/* Bytes per frame the stage copies with one memcpy of a whole frame (pixel-copy's hand-off,
 * Dart's copy, the ImmutableBuffer's, the decoder's): what an x86 count of the stage includes one
 * instruction per byte of where glibc's memcpy is `rep movsb` and callgrind counts each of its
 * iterations (estimate/calibration.h). 0 for the other stages, -1 for an unknown name. */
double vb_cpu_stage_memcpy_bytes(const char *name);

/* Prepares the stage `name` (loads the input, makes the renderer or the hand-off, allocates).
 * VB_OK, -VB_ERR_USAGE for an unknown name, -VB_ERR_FAILURE when it cannot be prepared (error
 * set either way). */
int vb_cpu_stage_open(const char *name, vb_cpu_stage **out);
/* Runs frame `n` of the stage; returns a value that depends on its output (the caller sums them,
 * so the work cannot be optimised away). 0 where a frame failed (error set and
 * vb_cpu_stage_failed true). */
uint64_t vb_cpu_stage_frame(vb_cpu_stage *stage, int64_t n);
int vb_cpu_stage_failed(const vb_cpu_stage *stage);
void vb_cpu_stage_close(vb_cpu_stage *stage);

#endif
