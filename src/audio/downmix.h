/* The one conversion from libsndfile's interleaved float frames to vizbench's mono samples,
 * shared by the in-memory decoder and the streaming reader so both give the same bytes:
 * NaN -> 0, each channel clamped to [-1, 1], the mean of the channels, clamped again. */
#ifndef VB_AUDIO_DOWNMIX_H
#define VB_AUDIO_DOWNMIX_H

#include <math.h>
#include <stdint.h>

static inline float vb_sanitize_sample(float v) {
    if (isnan(v)) return 0.0f;
    if (v > 1.0f) return 1.0f;
    if (v < -1.0f) return -1.0f;
    return v;
}

static inline void vb_downmix(const float *interleaved, int64_t frames, int channels, float *out) {
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
