/* Min, max and RMS of any sample range, fast enough to redo every column of every frame.
 *
 * The index keeps per-block (16 samples) minima, maxima and sums of squares of a region of the
 * input (all of it when it is in memory, a streaming reader's cache otherwise), rebuilt when the
 * region moves; a query combines whole blocks with the loose samples at both ends, so its result
 * depends only on the samples, never on where the region starts (blocks are aligned to the
 * input). Samples outside [0, length) count as silence (0). The index borrows the region's
 * samples until the next build. */
#ifndef VB_DSP_ENVELOPE_H
#define VB_DSP_ENVELOPE_H

#include <stdint.h>

#define VB_ENVELOPE_BLOCK 16

typedef struct vb_envelope_index {
    const float *samples; /* borrowed: sample `first` of the input */
    int64_t first;        /* a multiple of VB_ENVELOPE_BLOCK */
    int64_t count;        /* samples in the region */
    int64_t length;       /* of the whole input */
    int64_t blocks, capacity;
    float *block_min; /* owned, [capacity] */
    float *block_max;
    double *block_sumsq;
} vb_envelope_index;

typedef struct vb_envelope {
    float min, max, rms;
} vb_envelope;

/* Indexes samples [first, first + count) of an input of `length` samples; `samples` points to
 * sample `first`. Reuses the index's memory when it is large enough. Zero the index before its
 * first build. */
int vb_envelope_index_build(vb_envelope_index *index, const float *samples, int64_t first,
                            int64_t count, int64_t length);
void vb_envelope_index_free(vb_envelope_index *index);

/* Range [begin, end) with end > begin, whose part inside [0, length) lies in the region. */
vb_envelope vb_envelope_query(const vb_envelope_index *index, int64_t begin, int64_t end);

#endif
