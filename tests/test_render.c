/* The CPU reference renderer: known pictures for known signals, silence, colour map, and the
 * determinism contract (a frame drawn alone equals the same frame drawn in sequence). */
#include "audio/frame_clock.h"
#include "audio/test_signal.h"
#include "render/colormap.h"
#include "render/palette.h"
#include "test_helpers.h"

#include <math.h>
#include <string.h>

static uint32_t pixel(const uint32_t *px, int width, int x, int y) {
    return px[(size_t)y * (size_t)width + (size_t)x];
}

Test(colormap, magma_endpoints) {
    cr_expect_arr_eq(vb_magma_rgb[0], ((uint8_t[]){0, 0, 4}), 3);
    cr_expect_arr_eq(vb_magma_rgb[255], ((uint8_t[]){252, 253, 191}), 3);
    /* Perceptual maps brighten steadily: luma rises from end to end. */
    for (int i = 8; i < 256; i += 8) {
        const uint8_t *a = vb_magma_rgb[i - 8], *b = vb_magma_rgb[i];
        cr_assert_gt(299 * b[0] + 587 * b[1] + 114 * b[2], 299 * a[0] + 587 * a[1] + 114 * a[2]);
    }
    uint8_t bytes[4];
    uint32_t word = vb_magma_rgba(255);
    memcpy(bytes, &word, 4);
    cr_expect_arr_eq(bytes, ((uint8_t[]){252, 253, 191, 255}), 4, "RGBA byte order");
}

/* Renders one second of silence and expects every pixel to be `colour`. */
static void expect_silence_is_flat(vb_view_kind kind, int width, int height, uint32_t colour) {
    vb_audio audio = make_audio(vb_signal_silence(44100), 44100, 44100);
    vb_view_options o = view_of(kind, width, height);
    uint32_t *px = render_one(&audio, &o, 59);
    for (int i = 0; i < width * height; i++)
        cr_assert_eq(px[i], colour, "%s: pixel %d", vb_view_name(kind), i);
    free(px);
    vb_audio_free(&audio);
}

Test(silence, spectrum_draws_only_background) {
    expect_silence_is_flat(VB_VIEW_SPECTRUM, 1080, 200, VB_COLOUR_BACKGROUND);
}

Test(silence, spectrogram_draws_the_floor_colour) {
    expect_silence_is_flat(VB_VIEW_SPECTROGRAM, 320, 100, vb_magma_rgba(0));
}

Test(silence, waveform_draws_the_centre_line_only) {
    vb_audio audio = make_audio(vb_signal_silence(44100), 44100, 44100);
    vb_view_options o = view_of(VB_VIEW_WAVEFORM, 640, 101);
    uint32_t *px = render_one(&audio, &o, 59);
    for (int y = 0; y < 101; y++)
        for (int x = 0; x < 640; x++)
            cr_assert_eq(pixel(px, 640, x, y),
                         y == 50 ? VB_COLOUR_CENTRE_LINE : VB_COLOUR_BACKGROUND, "(%d,%d)", x, y);
    free(px);
    vb_audio_free(&audio);
}

/* Height in pixels of the bar colour at column x (bars grow from the bottom). */
static int bar_height(const uint32_t *px, int width, int height, int x) {
    int h = 0;
    while (h < height && pixel(px, width, x, height - 1 - h) == VB_COLOUR_BAR)
        h++;
    return h;
}

Test(spectrum, one_kilohertz_peaks_in_its_bar) {
    const int rate = 44100, bars = 100, width = 1000, height = 200;
    vb_audio audio = make_audio(vb_signal_sine(rate * 2, rate, 1000.0, 0.5), rate * 2, rate);
    vb_view_options o = view_of(VB_VIEW_SPECTRUM, width, height);
    o.bars = bars;
    uint32_t *px = render_one(&audio, &o, 60);
    /* Band b spans 20 * (nyq/20)^(b/bars) .. ; 1 kHz falls in band floor(bars * ln(50) /
     * ln(nyq/20)). */
    int expected = (int)floor(bars * log(1000.0 / 20.0) / log(rate / 2.0 / 20.0));
    int best = -1, best_height = -1;
    for (int b = 0; b < bars; b++) {
        int h = bar_height(px, width, height, b * width / bars);
        if (h > best_height) {
            best_height = h;
            best = b;
        }
    }
    cr_expect_eq(best, expected, "loudest bar %d, expected %d", best, expected);
    /* -6 dBFS on a -90 dB floor: (90 - 6) / 90 of the height, less scalloping. */
    cr_expect(best_height > 170 && best_height <= 187, "height %d", best_height);
    free(px);
    vb_audio_free(&audio);
}

Test(waveform, sine_envelope_and_rms_rows) {
    /* 1050 columns over the 2 s window (88200 samples) are 84 samples each: exactly two periods
     * of a 1050 Hz sine, so every column sees max 0.8 * sin(2 pi 10 / 42), RMS 0.8 / sqrt(2). */
    const int rate = 44100, width = 1050, height = 200;
    vb_audio audio = make_audio(vb_signal_sine(rate * 3, rate, 1050.0, 0.8), rate * 3, rate);
    vb_view_options o = view_of(VB_VIEW_WAVEFORM, width, height);
    uint32_t *px = render_one(&audio, &o, 150); /* 2.5 s: the 2 s window is all signal */
    /* Rows: +a -> floor((1 - a) / 2 * 199 + 0.5): envelope +-0.7978 -> rows 20..179,
     * RMS 0.5657 -> rows 43..156. */
    for (int x = 0; x < width; x++) {
        int top = 0, bottom = height - 1, rms_top = -1, rms_bottom = -1;
        while (pixel(px, width, x, top) == VB_COLOUR_BACKGROUND)
            top++;
        while (pixel(px, width, x, bottom) == VB_COLOUR_BACKGROUND)
            bottom--;
        for (int y = top; y <= bottom; y++) {
            uint32_t c = pixel(px, width, x, y);
            cr_assert(c == VB_COLOUR_ENVELOPE || c == VB_COLOUR_RMS, "colour at (%d,%d)", x, y);
            if (c == VB_COLOUR_RMS && rms_top < 0) rms_top = y;
            if (c == VB_COLOUR_RMS) rms_bottom = y;
        }
        cr_assert_eq(top, 20, "column %d top %d", x, top);
        cr_assert_eq(bottom, 179, "column %d bottom %d", x, bottom);
        cr_assert_eq(rms_top, 43, "column %d rms top %d", x, rms_top);
        cr_assert_eq(rms_bottom, 156, "column %d rms bottom %d", x, rms_bottom);
    }
    free(px);
    vb_audio_free(&audio);
}

Test(spectrogram, newest_column_at_the_right_shows_the_tone) {
    const int rate = 48000, width = 200, height = 128;
    /* Silence for 1 s, then a 3 kHz tone: at frame 70 (fps 60) only the newest columns hear it. */
    float *s = vb_signal_sine(rate * 2, rate, 3000.0, 0.9);
    for (int i = 0; i < rate; i++)
        s[i] = 0.0f;
    vb_audio audio = make_audio(s, rate * 2, rate);
    vb_view_options o = view_of(VB_VIEW_SPECTROGRAM, width, height);
    uint32_t *px = render_one(&audio, &o, 70);
    int bright_right = 0, bright_left = 0;
    for (int y = 0; y < height; y++) {
        bright_right += pixel(px, width, width - 1, y) != vb_magma_rgba(0);
        bright_left += pixel(px, width, 0, y) != vb_magma_rgba(0);
    }
    cr_expect_gt(bright_right, 0);
    cr_expect_eq(bright_left, 0);
    free(px);
    vb_audio_free(&audio);
}

static void check_sequence_equals_one_shot(vb_view_kind kind, int width, int height) {
    vb_audio audio;
    cr_assert_eq(vb_audio_load_default(&audio), 0, "%s", vb_error_get());
    vb_view_options o = view_of(kind, width, height);
    vb_renderer *seq = vb_renderer_create(&o, &audio);
    cr_assert_not_null(seq);
    size_t stride = (size_t)width * 4, bytes = stride * (size_t)height;
    uint8_t *a = malloc(bytes);
    const int64_t target = 400;
    for (int64_t n = 0; n <= target; n++)
        vb_renderer_render(seq, n, a, stride);
    uint32_t *b = render_one(&audio, &o, target);
    cr_assert_arr_eq(a, b, bytes, "%s: frame %d in sequence differs from alone", vb_view_name(kind),
                     (int)target);
    /* Going backwards rebuilds history: it must still match a fresh render. */
    vb_renderer_render(seq, target - 7, a, stride);
    free(b);
    b = render_one(&audio, &o, target - 7);
    cr_assert_arr_eq(a, b, bytes, "%s: frame after a backwards jump differs", vb_view_name(kind));
    free(a);
    free(b);
    vb_renderer_destroy(seq);
    vb_audio_free(&audio);
}

Test(determinism, waveform_sequence_equals_one_shot) {
    check_sequence_equals_one_shot(VB_VIEW_WAVEFORM, 480, 120);
}
Test(determinism, spectrum_sequence_equals_one_shot) {
    check_sequence_equals_one_shot(VB_VIEW_SPECTRUM, 480, 120);
}
Test(determinism, spectrogram_sequence_equals_one_shot) {
    check_sequence_equals_one_shot(VB_VIEW_SPECTROGRAM, 480, 120);
}

static void check_size(int width, int height) {
    vb_audio audio;
    cr_assert_eq(vb_audio_load_default(&audio), 0);
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        vb_view_options o = view_of((vb_view_kind)v, width, height);
        uint32_t *px = render_one(&audio, &o, 700);
        size_t distinct = 0;
        for (size_t i = 1; i < (size_t)width * height && distinct < 2; i++)
            distinct += px[i] != px[0];
        cr_expect_geq(distinct, 1, "%s at %dx%d is one flat colour", vb_view_name(v), width,
                      height);
        free(px);
    }
    vb_audio_free(&audio);
}

Test(sizes, smallest_allowed) {
    check_size(VB_MIN_WIDTH, VB_MIN_HEIGHT);
}
Test(sizes, largest_allowed, .timeout = 120) {
    check_size(VB_MAX_WIDTH, VB_MAX_HEIGHT);
}

Test(sizes, out_of_range_is_refused_naming_the_option) {
    vb_audio audio = make_audio(vb_signal_silence(1000), 1000, 8000);
    vb_view_options o = view_of(VB_VIEW_WAVEFORM, 0, 0);
    cr_expect_null(vb_renderer_create(&o, &audio));
    cr_expect(strstr(vb_error_get(), "--size") != NULL, "%s", vb_error_get());
    o = view_of(VB_VIEW_WAVEFORM, 7681, 200);
    cr_expect_null(vb_renderer_create(&o, &audio));
    vb_audio_free(&audio);
}
