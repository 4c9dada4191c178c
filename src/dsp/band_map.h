/* Maps FFT bins onto display bands (spectrum bars, spectrogram rows).
 *
 * Band i of n covers [f_i, f_i+1): log-spaced from 20 Hz to Nyquist (f_i = 20 * (nyq/20)^(i/n)),
 * or linear from 0 Hz. A band takes the loudest bin whose centre lies inside it; a band too
 * narrow to hold one (low frequencies on a log axis) takes the bin nearest its centre. */
#ifndef VB_DSP_BAND_MAP_H
#define VB_DSP_BAND_MAP_H

typedef enum { VB_FREQ_LOG = 0, VB_FREQ_LINEAR = 1 } vb_freq_scale;

#define VB_LOG_AXIS_MIN_HZ 20.0

typedef struct vb_band {
    int first_bin; /* inclusive */
    int end_bin;   /* exclusive, always > first_bin */
} vb_band;

/* Fills `bands[0..count)`, lowest frequency first. */
void vb_band_map_build(vb_band *bands, int count, int fft_size, int sample_rate,
                       vb_freq_scale scale);

static inline float vb_band_peak_power(const vb_band *band, const float *power) {
    float peak = power[band->first_bin];
    for (int k = band->first_bin + 1; k < band->end_bin; k++)
        if (power[k] > peak) peak = power[k];
    return peak;
}

#endif
