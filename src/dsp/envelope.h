/* Min, max and RMS of any sample range, fast enough to redo every column of every frame.
 *
 * The index keeps per-block (16 samples) minima, maxima and sums of squares of the whole input,
 * built once; a query combines whole blocks with the loose samples at both ends. Samples outside
 * [0, length) count as silence (0). The index borrows `samples`, which must outlive it. */
#ifndef VB_DSP_ENVELOPE_H
#define VB_DSP_ENVELOPE_H

#include <stdint.h>

#define VB_ENVELOPE_BLOCK 16

typedef struct vb_envelope_index {
    const float *samples; /* borrowed */
    int64_t length;
    int64_t blocks;
    float *block_min; /* owned */
    float *block_max;
    double *block_sumsq;
} vb_envelope_index;

typedef struct vb_envelope {
    float min, max, rms;
} vb_envelope;

int vb_envelope_index_build(vb_envelope_index *index, const float *samples, int64_t length);
void vb_envelope_index_free(vb_envelope_index *index);

/* Range [begin, end) with end > begin. */
vb_envelope vb_envelope_query(const vb_envelope_index *index, int64_t begin, int64_t end);

#endif
