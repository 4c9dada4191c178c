/* Analysis: FFT levels and bins, band mapping, the frame clock, the envelope index. */
#include "audio/frame_clock.h"
#include "audio/test_signal.h"
#include "dsp/band_map.h"
#include "dsp/envelope.h"
#include "dsp/fft_analyzer.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

static int loudest_bin(const float *power, int bins) {
    int best = 0;
    for (int k = 1; k < bins; k++)
        if (power[k] > power[best]) best = k;
    return best;
}

Test(fft, sine_on_a_bin_reads_zero_dbfs_in_that_bin) {
    const int rate = 44100, n = 2048, bin = 93;
    const double hz = (double)bin * rate / n;
    float *s = vb_signal_sine(rate, rate, hz, 1.0);
    vb_fft_analyzer *a = vb_fft_analyzer_create(n);
    cr_assert_not_null(a);
    const float *p = vb_fft_analyze(a, s, rate, rate / 2);
    cr_expect_eq(loudest_bin(p, n / 2 + 1), bin);
    cr_expect_float_eq(vb_power_to_db(p[bin]), 0.0f, 0.05f, "level %f dB",
                       (double)vb_power_to_db(p[bin]));
    cr_expect_lt(vb_power_to_db(p[bin + 3]), -60.0f, "Hann leakage three bins away");
    vb_fft_analyzer_destroy(a);
    free(s);
}

Test(fft, one_kilohertz_peaks_in_bin_46_at_44k1) {
    const int rate = 44100, n = 2048;
    float *s = vb_signal_sine(rate, rate, 1000.0, 0.5);
    vb_fft_analyzer *a = vb_fft_analyzer_create(n);
    const float *p = vb_fft_analyze(a, s, rate, rate / 2);
    cr_expect_eq(loudest_bin(p, n / 2 + 1), 46); /* 1000 / (44100 / 2048) = 46.4 */
    float db = vb_power_to_db(p[46]);
    /* -6 dBFS amplitude, less up to 1.5 dB of Hann scalloping off the bin centre */
    cr_expect(db < -6.0f + 0.05f && db > -6.02f - 1.5f, "level %f dB", (double)db);
    vb_fft_analyzer_destroy(a);
    free(s);
}

Test(fft, silence_and_padding_before_start) {
    float *s = vb_signal_silence(4096);
    vb_fft_analyzer *a = vb_fft_analyzer_create(1024);
    const float *p = vb_fft_analyze(a, s, 4096, 0); /* entirely before the audio */
    for (int k = 0; k <= 512; k++)
        cr_assert_eq(vb_power_to_db(p[k]), VB_DB_SILENCE);
    vb_fft_analyzer_destroy(a);
    free(s);
}

Test(fft, rejects_sizes_that_are_not_powers_of_two) {
    cr_expect_null(vb_fft_analyzer_create(1000));
    cr_expect_null(vb_fft_analyzer_create(32));
    cr_expect_null(vb_fft_analyzer_create(131072));
}

Test(fft, same_input_same_bits) {
    float *s = vb_signal_log_sweep(48000, 48000, 20.0, 20000.0);
    vb_fft_analyzer *a = vb_fft_analyzer_create(2048);
    vb_fft_analyzer *b = vb_fft_analyzer_create(2048);
    const float *pa = vb_fft_analyze(a, s, 48000, 30000);
    const float *pb = vb_fft_analyze(b, s, 48000, 30000);
    cr_expect_arr_eq(pa, pb, sizeof(float) * 1025);
    vb_fft_analyzer_destroy(a);
    vb_fft_analyzer_destroy(b);
    free(s);
}

Test(band_map, bands_cover_20hz_to_nyquist_in_order) {
    vb_band bands[100];
    vb_band_map_build(bands, 100, 2048, 44100, VB_FREQ_LOG);
    for (int i = 0; i < 100; i++) {
        cr_assert_gt(bands[i].end_bin, bands[i].first_bin);
        if (i > 0) cr_assert_geq(bands[i].first_bin, bands[i - 1].first_bin);
    }
    cr_expect_eq(bands[0].first_bin, 1); /* 20 Hz is nearest bin 1 (21.5 Hz) */
    cr_expect_eq(bands[99].end_bin, 1025);
}

Test(frame_clock, non_integer_hop_does_not_drift) {
    /* 44100 / 120 = 367.5 samples per frame: hops alternate 367 and 368. */
    for (int64_t k = 0; k < 1000; k++)
        cr_assert_eq(vb_frame_end_sample(120 * k, 44100, 120), 44100 * k);
    cr_expect_eq(vb_frame_end_sample(1, 44100, 120), 367);
    cr_expect_eq(vb_frame_end_sample(2, 44100, 120), 735);
    cr_expect_eq(vb_frame_count(44100, 44100, 60), 61);
}

Test(envelope, square_wave_min_max_rms) {
    const int64_t n = 10000;
    float *s = malloc(sizeof(float) * n);
    for (int64_t i = 0; i < n; i++)
        s[i] = (i / 50) % 2 ? -0.5f : 0.5f;
    vb_envelope_index index = {0};
    cr_assert_eq(vb_envelope_index_build(&index, s, 0, n, n), 0);
    vb_envelope e = vb_envelope_query(&index, 3, 3003);
    cr_expect_eq(e.min, -0.5f);
    cr_expect_eq(e.max, 0.5f);
    cr_expect_float_eq(e.rms, 0.5f, 1e-6f);
    vb_envelope first_half = vb_envelope_query(&index, 0, 50);
    cr_expect_eq(first_half.min, 0.5f);
    cr_expect_eq(first_half.max, 0.5f);
    vb_envelope padded = vb_envelope_query(&index, -100, 50); /* 100 zeros, then 50 x 0.5 */
    cr_expect_eq(padded.min, 0.0f);
    cr_expect_eq(padded.max, 0.5f);
    cr_expect_float_eq(padded.rms, sqrtf(50 * 0.25f / 150), 1e-6f);
    vb_envelope_index_free(&index);
    free(s);
}

Test(envelope, block_index_matches_a_plain_scan) {
    const int64_t n = 5003;
    float *s = vb_signal_log_sweep(n, 8000, 50.0, 3000.0);
    vb_envelope_index index = {0};
    cr_assert_eq(vb_envelope_index_build(&index, s, 0, n, n), 0);
    for (int64_t a = 0; a < n - 1; a += 37) {
        int64_t b = a + 1 + (a * 7) % 300;
        if (b > n) b = n;
        float lo = s[a], hi = s[a];
        double sq = 0;
        for (int64_t i = a; i < b; i++) {
            lo = fminf(lo, s[i]);
            hi = fmaxf(hi, s[i]);
            sq += (double)s[i] * s[i];
        }
        vb_envelope e = vb_envelope_query(&index, a, b);
        cr_assert_eq(e.min, lo);
        cr_assert_eq(e.max, hi);
        cr_assert_float_eq(e.rms, (float)sqrt(sq / (double)(b - a)), 1e-6f);
    }
    vb_envelope_index_free(&index);
    free(s);
}
