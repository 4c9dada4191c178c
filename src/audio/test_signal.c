#include "audio/test_signal.h"

#include <math.h>
#include <stdlib.h>

float *vb_signal_sine(int64_t length, int sample_rate, double hz, double amplitude) {
    float *s = malloc(sizeof(float) * (size_t)length);
    if (!s) return NULL;
    for (int64_t i = 0; i < length; i++)
        s[i] = (float)(amplitude * sin(2.0 * M_PI * hz * (double)i / sample_rate));
    return s;
}

float *vb_signal_log_sweep(int64_t length, int sample_rate, double start_hz, double end_hz) {
    float *s = malloc(sizeof(float) * (size_t)length);
    if (!s) return NULL;
    const double seconds = (double)length / sample_rate;
    const double k = log(end_hz / start_hz);
    for (int64_t i = 0; i < length; i++) {
        double t = (double)i / sample_rate;
        double phase = 2.0 * M_PI * start_hz * seconds / k * (exp(t / seconds * k) - 1.0);
        s[i] = (float)(0.5 * sin(phase));
    }
    return s;
}

float *vb_signal_impulse_train(int64_t length, int64_t period) {
    float *s = calloc((size_t)length, sizeof(float));
    if (!s) return NULL;
    for (int64_t i = 0; i < length; i += period)
        s[i] = 1.0f;
    return s;
}

float *vb_signal_silence(int64_t length) {
    return calloc((size_t)length, sizeof(float));
}

float *vb_signal_clipped_sine(int64_t length, int sample_rate, double hz, double gain) {
    float *s = vb_signal_sine(length, sample_rate, hz, gain);
    if (!s) return NULL;
    for (int64_t i = 0; i < length; i++)
        s[i] = s[i] > 1.0f ? 1.0f : s[i] < -1.0f ? -1.0f : s[i];
    return s;
}
