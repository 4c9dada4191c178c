/* Test signals with known answers, generated in code so tests need no files:
 * sine, logarithmic sweep, impulse train, silence, and a full-scale clipped sine.
 * Each returns a malloc'd mono buffer the caller frees (NULL when out of memory). */
#ifndef VB_AUDIO_TEST_SIGNAL_H
#define VB_AUDIO_TEST_SIGNAL_H

#include <stdint.h>

float *vb_signal_sine(int64_t length, int sample_rate, double hz, double amplitude);
/* Exponential sweep from start_hz to end_hz over the whole length, amplitude 0.5. */
float *vb_signal_log_sweep(int64_t length, int sample_rate, double start_hz, double end_hz);
/* Unit impulses every `period` samples, starting at sample 0. */
float *vb_signal_impulse_train(int64_t length, int64_t period);
float *vb_signal_silence(int64_t length);
/* A sine at `gain` times full scale, hard-clipped to [-1, 1]. */
float *vb_signal_clipped_sine(int64_t length, int sample_rate, double hz, double gain);

#endif
