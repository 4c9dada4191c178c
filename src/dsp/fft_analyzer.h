/* Short-time spectrum of the audio ending at a given sample: FFTW3 single precision,
 * real-to-complex, Hann window (periodic), size a power of two from 64 to 65536.
 *
 * Planning: one plan per size for the whole process, made with FFTW_ESTIMATE | FFTW_NO_SIMD
 * under a lock and reused by every analyzer of that size (new-array execute). ESTIMATE makes
 * planning instant and its choice fixed; NO_SIMD keeps FFTW's runtime CPU dispatch (SSE, AVX,
 * AVX-512 codelets round differently) out of the result, so the same input gives the same
 * bytes on every x86-64 machine. Wisdom is therefore not needed.
 *
 * Output is power normalised so that a full-scale sine centred on a bin reads 1.0 (0 dBFS):
 * power_k = |X_k|^2 * (2 / sum(window))^2, with the DC and Nyquist bins not doubled. */
#ifndef VB_DSP_FFT_ANALYZER_H
#define VB_DSP_FFT_ANALYZER_H

#include <stdint.h>

#define VB_FFT_MIN_SIZE 64
#define VB_FFT_MAX_SIZE 65536
/* dB value reported for a bin with no energy at all. */
#define VB_DB_SILENCE (-200.0f)

typedef struct vb_fft_analyzer vb_fft_analyzer;

/* Returns NULL (and sets the error) if the size is not an allowed power of two. */
vb_fft_analyzer *vb_fft_analyzer_create(int fft_size);
void vb_fft_analyzer_destroy(vb_fft_analyzer *analyzer);
int vb_fft_analyzer_size(const vb_fft_analyzer *analyzer);

/* Power of bins 0..size/2 for the block [end - size, end) of `samples`; samples outside
 * [0, length) count as silence. The array is borrowed until the next call on this analyzer. */
const float *vb_fft_analyze(vb_fft_analyzer *analyzer, const float *samples, int64_t length,
                            int64_t end_sample);
/* The same, given only the samples that block needs: `span` points to sample `span_first`, the
 * first of [end - size, end) inside [0, length) (from a streaming reader). Same bytes. */
const float *vb_fft_analyze_span(vb_fft_analyzer *analyzer, const float *span, int64_t span_first,
                                 int64_t length, int64_t end_sample);

/* 10 * log10(power), or VB_DB_SILENCE for power too small to show. */
float vb_power_to_db(float power);

#endif
