#include "dsp/band_map.h"

#include <math.h>

static double band_edge_hz(int i, int count, double nyquist, vb_freq_scale scale) {
    double t = (double)i / (double)count;
    if (scale == VB_FREQ_LINEAR) return nyquist * t;
    return VB_LOG_AXIS_MIN_HZ * pow(nyquist / VB_LOG_AXIS_MIN_HZ, t);
}

void vb_band_map_build(vb_band *bands, int count, int fft_size, int sample_rate,
                       vb_freq_scale scale) {
    const double nyquist = sample_rate * 0.5;
    const double bin_hz = (double)sample_rate / fft_size;
    const int last_bin = fft_size / 2;
    for (int i = 0; i < count; i++) {
        double lo = band_edge_hz(i, count, nyquist, scale);
        double hi = band_edge_hz(i + 1, count, nyquist, scale);
        int first = (int)ceil(lo / bin_hz);
        int end = i == count - 1 ? last_bin + 1 : (int)ceil(hi / bin_hz);
        if (end > last_bin + 1) end = last_bin + 1;
        if (end <= first) {
            double centre = scale == VB_FREQ_LINEAR ? 0.5 * (lo + hi) : sqrt(lo * hi);
            int k = (int)floor(centre / bin_hz + 0.5);
            if (k > last_bin) k = last_bin;
            first = k;
            end = k + 1;
        }
        bands[i].first_bin = first;
        bands[i].end_bin = end;
    }
}
