/* The one conversion from libsndfile's interleaved float frames to vizbench's mono samples,
 * shared by the in-memory decoder and the streaming reader so both give the same bytes:
 * NaN -> 0, each channel clamped to [-1, 1], the mean of the channels, clamped again. */
#ifndef VB_AUDIO_DOWNMIX_H
#define VB_AUDIO_DOWNMIX_H

#include <math.h>
#include <stdint.h>

/* Selects, not branches, so the loops over a file's samples vectorise (the branches made the
 * decode a quarter of a short `vizbench render`'s whole process). NaN is the one value unequal
 * to itself. */
static inline float vb_sanitize_sample(float v) {
    v = v == v ? v : 0.0f;
    v = v > 1.0f ? 1.0f : v;
    return v < -1.0f ? -1.0f : v;
}

static inline void vb_downmix(const float *interleaved, int64_t frames, int channels, float *out) {
    if (channels == 1) { /* the same bytes as below: 0 + s, (0 + s) x 1, clamped twice */
        for (int64_t i = 0; i < frames; i++)
            out[i] = vb_sanitize_sample(interleaved[i]) + 0.0f;
        return;
    }
    const float inv = 1.0f / (float)channels;
    for (int64_t i = 0; i < frames; i++) {
        const float *frame = interleaved + i * channels;
        float sum = 0.0f;
        for (int c = 0; c < channels; c++)
            sum += vb_sanitize_sample(frame[c]);
        out[i] = vb_sanitize_sample(sum * inv);
    }
}

#endif
