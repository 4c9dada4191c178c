/* Spectrum: bars over log-spaced bands from 20 Hz to Nyquist, dB above --floor-db, with peak
 * caps that hold, then fall.
 *
 * The cap of bar b at frame n is max over the last `lookback` frames m of
 * value[m][b] - fall * max(0, (n - m) / fps - hold), clamped to the floor. Being a function of a
 * fixed window of frames (not a running state), it is the same whether frames are drawn in
 * order or one alone, and the window is long enough that anything older has fallen to the floor. */
#include "audio/frame_clock.h"
#include "common/error.h"
#include "dsp/band_map.h"
#include "dsp/fft_analyzer.h"
#include "render/palette.h"
#include "render/span_raster.h"
#include "render/view_impl.h"

#include <math.h>
#include <stdlib.h>

#define PEAK_HOLD_SECONDS 0.25
#define PEAK_FALL_DB_PER_SECOND 30.0

typedef struct spectrum_state {
    vb_view_options options;
    const vb_audio *audio;
    vb_audio_reader *reader;
    vb_fft_analyzer *fft;
    int bars;
    vb_band *bands;
    int lookback;       /* frames that can still hold a visible cap */
    float *history;     /* [lookback][bars] clamped dB, slot = frame % lookback */
    float *decay;       /* [lookback] dB fallen after `age` frames */
    int64_t last_frame; /* newest frame in history, or -1 */
    float *value;       /* [bars] current dB */
    float *peak;        /* [bars] cap dB */
    float *levels;      /* [bars][2] value and peak, as the GPU renderer uploads them */
    vb_span_raster raster;
} spectrum_state;

static void spectrum_destroy(void *opaque) {
    spectrum_state *s = opaque;
    if (!s) return;
    vb_fft_analyzer_destroy(s->fft);
    vb_audio_reader_close(s->reader);
    vb_span_raster_free(&s->raster);
    free(s->bands);
    free(s->history);
    free(s->decay);
    free(s->value);
    free(s->peak);
    free(s->levels);
    free(s);
}

static void *spectrum_create(const vb_view_options *options, const vb_audio *audio) {
    spectrum_state *s = calloc(1, sizeof *s);
    if (!s) goto oom;
    s->options = *options;
    s->audio = audio;
    s->bars = options->bars < options->width ? options->bars : options->width;
    s->lookback = (int)ceil(options->fps *
                            (PEAK_HOLD_SECONDS + -options->floor_db / PEAK_FALL_DB_PER_SECOND)) +
                  1;
    s->last_frame = -1;
    s->bands = malloc(sizeof *s->bands * (size_t)s->bars);
    s->history = malloc(sizeof(float) * (size_t)s->bars * (size_t)s->lookback);
    s->decay = malloc(sizeof(float) * (size_t)s->lookback);
    s->value = malloc(sizeof(float) * (size_t)s->bars);
    s->peak = malloc(sizeof(float) * (size_t)s->bars);
    s->levels = malloc(sizeof(float) * 2 * (size_t)s->bars);
    if (!s->bands || !s->history || !s->decay || !s->value || !s->peak || !s->levels) goto oom;
    s->fft = vb_fft_analyzer_create(options->fft_size);
    s->reader = s->fft ? vb_audio_reader_open(audio, options->fft_size) : NULL;
    if (!s->reader ||
        vb_span_raster_init(&s->raster, options->width, options->height, 3) != VB_OK) {
        spectrum_destroy(s);
        return NULL;
    }
    vb_band_map_build(s->bands, s->bars, options->fft_size, audio->sample_rate, VB_FREQ_LOG);
    for (int age = 0; age < s->lookback; age++) {
        double falling = (double)age / options->fps - PEAK_HOLD_SECONDS;
        s->decay[age] = falling > 0.0 ? (float)(PEAK_FALL_DB_PER_SECOND * falling) : 0.0f;
    }
    return s;
oom:
    spectrum_destroy(s);
    vb_error_set("spectrum: out of memory");
    return NULL;
}

static void analyze_bands(spectrum_state *s, int64_t frame, float *out) {
    const float floor_db = (float)s->options.floor_db;
    const int64_t end = vb_frame_end_sample(frame, s->audio->sample_rate, s->options.fps);
    const float *power = vb_fft_analyze_reader(s->fft, s->reader, s->audio->length, end);
    for (int b = 0; b < s->bars; b++) {
        float db = vb_power_to_db(vb_band_peak_power(&s->bands[b], power));
        out[b] = db < floor_db ? floor_db : db > 0.0f ? 0.0f : db;
    }
}

static float *history_slot(spectrum_state *s, int64_t frame) {
    return s->history + (size_t)(frame % s->lookback) * (size_t)s->bars;
}

static void spectrum_analyze(void *opaque, int64_t frame) {
    spectrum_state *s = opaque;
    int64_t first = frame - s->lookback + 1;
    if (first < 0) first = 0;
    /* Analyse only the frames of the window that history does not hold yet. */
    int64_t from = (s->last_frame >= first && s->last_frame <= frame) ? s->last_frame + 1 : first;
    for (int64_t m = from; m <= frame; m++)
        analyze_bands(s, m, history_slot(s, m));
    s->last_frame = frame;

    const float floor_db = (float)s->options.floor_db;
    const float *current = history_slot(s, frame);
    for (int b = 0; b < s->bars; b++) {
        s->value[b] = current[b];
        s->peak[b] = floor_db;
    }
    for (int64_t m = first; m <= frame; m++) {
        const float *v = history_slot(s, m);
        const float fallen = s->decay[frame - m];
        for (int b = 0; b < s->bars; b++) {
            float held = v[b] - fallen;
            s->peak[b] = held > s->peak[b] ? held : s->peak[b];
        }
    }
    for (int b = 0; b < s->bars; b++) {
        s->levels[2 * b] = s->value[b];
        s->levels[2 * b + 1] = s->peak[b];
    }
}

static int height_of_db(float db, float floor_db, int height) {
    return (int)floorf((db - floor_db) / -floor_db * (float)height + 0.5f);
}

static void spectrum_prepare(void *opaque) {
    spectrum_state *s = opaque;
    const int width = s->options.width, height = s->options.height;
    const float floor_db = (float)s->options.floor_db;
    const int cap_rows = height >= 128 ? height / 64 : 1;
    const uint32_t background = VB_COLOUR_BACKGROUND;
    vb_span_pusher push = vb_span_raster_begin(&s->raster, background);
    for (int b = 0; b < s->bars; b++) {
        int x0 = (int)((int64_t)b * width / s->bars);
        int x1 = (int)((int64_t)(b + 1) * width / s->bars);
        if (x1 - x0 >= 3) x1--; /* a one-pixel gap between bars wide enough to spare it */
        int bar_top = height - height_of_db(s->value[b], floor_db, height);
        int peak_height = height_of_db(s->peak[b], floor_db, height);
        int cap_end = height - peak_height;
        int cap_start = cap_end - cap_rows < 0 ? 0 : cap_end - cap_rows;
        if (peak_height > 0) {
            vb_span_push_run(&push, x0, x1, cap_start, VB_COLOUR_PEAK_CAP);
            vb_span_push_run(&push, x0, x1, cap_end, background);
        }
        vb_span_push_run(&push, x0, x1, bar_top, VB_COLOUR_BAR);
    }
    vb_span_raster_sort(&s->raster, &push);
}

static void spectrum_draw_rows(const void *opaque, uint8_t *dst, size_t stride, int first_row,
                               int end_row) {
    const spectrum_state *s = opaque;
    vb_span_raster_draw_rows(&s->raster, dst, stride, first_row, end_row);
}

static const float *spectrum_analysis(const void *opaque, size_t *count) {
    const spectrum_state *s = opaque;
    *count = 2 * (size_t)s->bars;
    return s->levels;
}

static int spectrum_status(const void *opaque) {
    return vb_audio_reader_status(((const spectrum_state *)opaque)->reader);
}

const vb_view_impl vb_spectrum_view = {spectrum_create,  spectrum_destroy,   spectrum_analyze,
                                       spectrum_prepare, spectrum_draw_rows, spectrum_analysis,
                                       spectrum_status};
