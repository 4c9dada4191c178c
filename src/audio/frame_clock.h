/* Frame timing: frame n shows the audio that ends at t = n / fps.
 *
 * The end sample is floor(n * rate / fps) in exact integer arithmetic, so a hop of rate / fps
 * that is not an integer (44100 / 120 = 367.5) never drifts. Frame 0 ends at the first sample
 * (an empty picture); the last frame is the one whose end is still inside the audio. */
#ifndef VB_AUDIO_FRAME_CLOCK_H
#define VB_AUDIO_FRAME_CLOCK_H

#include <stdint.h>

static inline int64_t vb_frame_end_sample(int64_t frame, int sample_rate, int fps) {
    return frame * (int64_t)sample_rate / fps;
}

/* Number of frames 0..count-1 whose end sample lies within `length` samples. */
static inline int64_t vb_frame_count(int64_t length, int sample_rate, int fps) {
    return length * fps / sample_rate + 1;
}

#endif
