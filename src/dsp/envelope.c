#include "dsp/envelope.h"

#include "common/error.h"

#include <math.h>
#include <stdlib.h>

int vb_envelope_index_build(vb_envelope_index *index, const float *samples, int64_t first,
                            int64_t count, int64_t length) {
    index->samples = samples;
    index->first = first;
    index->count = count;
    index->length = length;
    index->blocks = count / VB_ENVELOPE_BLOCK;
    if (index->blocks > index->capacity || !index->block_min) {
        vb_envelope_index_free(index);
        size_t n = (size_t)(index->blocks > 0 ? index->blocks : 1);
        index->block_min = malloc(sizeof(float) * n);
        index->block_max = malloc(sizeof(float) * n);
        index->block_sumsq = malloc(sizeof(double) * n);
        if (!index->block_min || !index->block_max || !index->block_sumsq) {
            vb_envelope_index_free(index);
            vb_error_set("waveform: out of memory for the envelope index");
            return -VB_ERR_FAILURE;
        }
        index->capacity = (int64_t)n;
    }
    for (int64_t b = 0; b < index->blocks; b++) {
        const float *s = samples + b * VB_ENVELOPE_BLOCK;
        float lo = s[0], hi = s[0];
        double sq = 0.0;
        for (int i = 0; i < VB_ENVELOPE_BLOCK; i++) {
            lo = s[i] < lo ? s[i] : lo;
            hi = s[i] > hi ? s[i] : hi;
            sq += (double)s[i] * s[i];
        }
        index->block_min[b] = lo;
        index->block_max[b] = hi;
        index->block_sumsq[b] = sq;
    }
    return VB_OK;
}

void vb_envelope_index_free(vb_envelope_index *index) {
    free(index->block_min);
    free(index->block_max);
    free(index->block_sumsq);
    index->block_min = index->block_max = NULL;
    index->block_sumsq = NULL;
    index->capacity = 0;
}

static inline void accumulate_samples(const float *s, int64_t from, int64_t to, float *lo,
                                      float *hi, double *sq) {
    for (int64_t i = from; i < to; i++) {
        *lo = s[i] < *lo ? s[i] : *lo;
        *hi = s[i] > *hi ? s[i] : *hi;
        *sq += (double)s[i] * s[i];
    }
}

vb_envelope vb_envelope_query(const vb_envelope_index *index, int64_t begin, int64_t end) {
    const int64_t count = end - begin;
    float lo = 0.0f, hi = 0.0f;
    double sq = 0.0;
    int64_t a = begin < 0 ? 0 : begin;
    int64_t b = end > index->length ? index->length : end;
    if (a < b) {
        /* Region-relative from here on: sample i of the input is s[i - first], block k of the
         * input is block k - first / BLOCK of the index. */
        const float *s = index->samples;
        const int64_t first = index->first, base_block = first / VB_ENVELOPE_BLOCK;
        /* Zeros outside the audio take part only if the range reaches outside it. */
        int padded = begin < 0 || end > index->length;
        lo = padded ? 0.0f : s[a - first];
        hi = lo;
        int64_t first_block = (a + VB_ENVELOPE_BLOCK - 1) / VB_ENVELOPE_BLOCK;
        int64_t end_block = b / VB_ENVELOPE_BLOCK;
        if (end_block > base_block + index->blocks) end_block = base_block + index->blocks;
        if (first_block >= end_block) {
            accumulate_samples(s, a - first, b - first, &lo, &hi, &sq);
        } else {
            accumulate_samples(s, a - first, first_block * VB_ENVELOPE_BLOCK - first, &lo, &hi,
                               &sq);
            for (int64_t k = first_block - base_block; k < end_block - base_block; k++) {
                lo = index->block_min[k] < lo ? index->block_min[k] : lo;
                hi = index->block_max[k] > hi ? index->block_max[k] : hi;
                sq += index->block_sumsq[k];
            }
            accumulate_samples(s, end_block * VB_ENVELOPE_BLOCK - first, b - first, &lo, &hi, &sq);
        }
    }
    vb_envelope e = {lo, hi, (float)sqrt(sq / (double)count)};
    return e;
}
