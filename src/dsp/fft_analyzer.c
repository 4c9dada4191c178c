#include "dsp/fft_analyzer.h"

#include "common/error.h"

#include <fftw3.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* FFTW's planner is not thread-safe; every plan is made (and kept) under this lock. */
static pthread_mutex_t plan_lock = PTHREAD_MUTEX_INITIALIZER;
static fftwf_plan plan_cache[17]; /* index log2(size), sizes 2^6 .. 2^16 */

struct vb_fft_analyzer {
    int size;
    fftwf_plan plan; /* borrowed from plan_cache */
    float *window;
    float *input;
    fftwf_complex *spectrum;
    float *power;
    float scale; /* (2 / sum(window))^2 */
};

static int log2_exact(int n) {
    int k = 0;
    while ((1 << k) < n)
        k++;
    return (1 << k) == n ? k : -1;
}

static fftwf_plan plan_for_size(int size, float *in, fftwf_complex *out) {
    int k = log2_exact(size);
    pthread_mutex_lock(&plan_lock);
    if (!plan_cache[k])
        plan_cache[k] = fftwf_plan_dft_r2c_1d(size, in, out, FFTW_ESTIMATE | FFTW_NO_SIMD);
    fftwf_plan plan = plan_cache[k];
    pthread_mutex_unlock(&plan_lock);
    return plan;
}

vb_fft_analyzer *vb_fft_analyzer_create(int fft_size) {
    if (fft_size < VB_FFT_MIN_SIZE || fft_size > VB_FFT_MAX_SIZE || log2_exact(fft_size) < 0) {
        vb_error_set("--fft: %d is not a power of two from %d to %d", fft_size, VB_FFT_MIN_SIZE,
                     VB_FFT_MAX_SIZE);
        return NULL;
    }
    vb_fft_analyzer *a = calloc(1, sizeof *a);
    if (!a) goto fail;
    a->size = fft_size;
    a->window = fftwf_malloc(sizeof(float) * (size_t)fft_size);
    a->input = fftwf_malloc(sizeof(float) * (size_t)fft_size);
    a->spectrum = fftwf_malloc(sizeof(fftwf_complex) * (size_t)(fft_size / 2 + 1));
    a->power = fftwf_malloc(sizeof(float) * (size_t)(fft_size / 2 + 1));
    if (!a->window || !a->input || !a->spectrum || !a->power) goto fail;
    a->plan = plan_for_size(fft_size, a->input, a->spectrum);
    if (!a->plan) goto fail;
    double sum = 0.0;
    for (int i = 0; i < fft_size; i++) {
        double w = 0.5 - 0.5 * cos(2.0 * M_PI * (double)i / (double)fft_size);
        a->window[i] = (float)w;
        sum += (double)a->window[i];
    }
    double amplitude_scale = 2.0 / sum;
    a->scale = (float)(amplitude_scale * amplitude_scale);
    return a;
fail:
    vb_error_set("fft: out of memory for size %d", fft_size);
    vb_fft_analyzer_destroy(a);
    return NULL;
}

void vb_fft_analyzer_destroy(vb_fft_analyzer *a) {
    if (!a) return;
    fftwf_free(a->window);
    fftwf_free(a->input);
    fftwf_free(a->spectrum);
    fftwf_free(a->power);
    free(a);
}

int vb_fft_analyzer_size(const vb_fft_analyzer *a) {
    return a->size;
}

const float *vb_fft_analyze(vb_fft_analyzer *a, const float *samples, int64_t length,
                            int64_t end_sample) {
    const int64_t start = end_sample - a->size;
    const int64_t first = start < 0 ? 0 : start;
    return vb_fft_analyze_span(a, first < length ? samples + first : samples, first, length,
                               end_sample);
}

const float *vb_fft_analyze_span(vb_fft_analyzer *a, const float *span, int64_t span_first,
                                 int64_t length, int64_t end_sample) {
    const int n = a->size;
    const int64_t start = end_sample - n;
    int lead = 0; /* samples before the start of the audio */
    int take = n;
    if (start < 0) lead = (int)(-start < n ? -start : n);
    if (end_sample > length) take = n - (int)(end_sample - length < n ? end_sample - length : n);
    for (int i = 0; i < lead; i++)
        a->input[i] = 0.0f;
    for (int i = lead; i < take; i++)
        a->input[i] = span[start + i - span_first] * a->window[i];
    for (int i = take > lead ? take : lead; i < n; i++)
        a->input[i] = 0.0f;
    fftwf_execute_dft_r2c(a->plan, a->input, a->spectrum);
    const int bins = n / 2 + 1;
    for (int k = 0; k < bins; k++) {
        float re = a->spectrum[k][0], im = a->spectrum[k][1];
        float p = (re * re + im * im) * a->scale;
        a->power[k] = (k == 0 || k == n / 2) ? p * 0.25f : p;
    }
    return a->power;
}

float vb_power_to_db(float power) {
    if (!(power > 1e-20f)) return VB_DB_SILENCE;
    return 10.0f * log10f(power);
}
