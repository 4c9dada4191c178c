/* Spectrogram: one column per frame, newest at the right, rows on a log (or linear) frequency
 * axis, dB above --floor-db through the magma colour map.
 *
 * History lives in a ring of `width` columns stored row-major, so drawing a frame is two runs per
 * row (the ring rotated so the newest column lands at the right edge), and a new frame costs one
 * FFT and one column. The ring holds colours (drawing is two memcpy per row) for frames under
 * INDEX_RING_MIN_BYTES, colour-map indices above (one byte a pixel: 8 MB at 3840x2160 instead of
 * 33, drawing looks each pixel up in the 256-colour palette). Measured here (AMD EPYC, 2 cores):
 * the look-up draws a 1920x1080 or 3840x2160 frame in the time of the copy, whose ring does not
 * fit the cache either; at 1080x200 the colour ring sits in L2 and copies 3x faster than the
 * look-up. Each column depends only on its own frame, so a frame drawn alone (after recomputing
 * its `width` columns) equals the same frame drawn in sequence. */
#include "audio/frame_clock.h"
#include "common/error.h"
#include "dsp/band_map.h"
#include "dsp/fft_analyzer.h"
#include "render/colormap.h"
#include "render/pixel.h"
#include "render/view_impl.h"

#include <stdlib.h>
#include <string.h>

#define INDEX_RING_MIN_BYTES ((size_t)2 << 20)

typedef struct spectrogram_state {
    vb_view_options options;
    const vb_audio *audio;
    vb_audio_reader *reader;
    vb_fft_analyzer *fft;
    vb_band *rows; /* [height] band of each row, bottom row first */
    /* [height][width], column = frame % width: colours, or palette indices (one is NULL) */
    uint32_t *colours;
    uint8_t *indices;
    int64_t last_frame;  /* newest column held, or -1 when the ring is blank */
    int64_t drawn_frame; /* frame the next draw shows */
    float *newest_db;    /* [height] dB of the newest column, top row first */
    uint32_t palette[256];
} spectrogram_state;

static void spectrogram_destroy(void *opaque) {
    spectrogram_state *s = opaque;
    if (!s) return;
    vb_fft_analyzer_destroy(s->fft);
    vb_audio_reader_close(s->reader);
    free(s->rows);
    free(s->colours);
    free(s->indices);
    free(s->newest_db);
    free(s);
}

static void *spectrogram_create(const vb_view_options *options, const vb_audio *audio) {
    spectrogram_state *s = calloc(1, sizeof *s);
    if (!s) goto oom;
    s->options = *options;
    s->audio = audio;
    s->last_frame = -1;
    s->rows = malloc(sizeof *s->rows * (size_t)options->height);
    const size_t pixels = (size_t)options->width * (size_t)options->height;
    if (pixels * 4 >= INDEX_RING_MIN_BYTES)
        s->indices = malloc(pixels);
    else
        s->colours = malloc(pixels * sizeof(uint32_t));
    s->newest_db = malloc(sizeof(float) * (size_t)options->height);
    if (!s->rows || (!s->indices && !s->colours) || !s->newest_db) goto oom;
    s->fft = vb_fft_analyzer_create(options->fft_size);
    s->reader = s->fft ? vb_audio_reader_open(audio, options->fft_size) : NULL;
    if (!s->reader) {
        spectrogram_destroy(s);
        return NULL;
    }
    vb_band_map_build(s->rows, options->height, options->fft_size, audio->sample_rate,
                      options->freq_scale);
    for (int i = 0; i < 256; i++)
        s->palette[i] = vb_magma_rgba(i);
    return s;
oom:
    spectrogram_destroy(s);
    vb_error_set("spectrogram: out of memory");
    return NULL;
}

/* A band's palette index, its dB kept as the newest column's analysis. */
static inline int band_index(spectrogram_state *s, const float *power, int band, float floor_db,
                             float to_index) {
    const int height = s->options.height;
    float db = vb_power_to_db(vb_band_peak_power(&s->rows[band], power));
    s->newest_db[height - 1 - band] = db;
    float level = (db - floor_db) * to_index + 0.5f;
    return level <= 0.0f ? 0 : level >= 255.0f ? 255 : (int)level;
}

static void compute_column(spectrogram_state *s, int64_t frame) {
    const int width = s->options.width, height = s->options.height;
    const float floor_db = (float)s->options.floor_db;
    const float to_index = 255.0f / -floor_db;
    const int64_t end = vb_frame_end_sample(frame, s->audio->sample_rate, s->options.fps);
    const float *power = vb_fft_analyze_reader(s->fft, s->reader, s->audio->length, end);
    const size_t column = (size_t)(frame % width);
    /* One loop per kind of ring, so the test is made once a column, not once a pixel. */
    if (s->indices) {
        uint8_t *at = s->indices + column;
        for (int band = 0; band < height; band++)
            at[(size_t)(height - 1 - band) * (size_t)width] =
                (uint8_t)band_index(s, power, band, floor_db, to_index);
    } else {
        uint32_t *at = s->colours + column;
        for (int band = 0; band < height; band++)
            at[(size_t)(height - 1 - band) * (size_t)width] =
                s->palette[band_index(s, power, band, floor_db, to_index)];
    }
}

static void spectrogram_analyze(void *opaque, int64_t frame) {
    spectrogram_state *s = opaque;
    const int width = s->options.width;
    int64_t from;
    if (s->last_frame >= 0 && frame >= s->last_frame && frame - s->last_frame < width) {
        from = s->last_frame + 1;
    } else {
        /* Columns before frame 0 show the floor, the colour of silence. */
        const size_t total = (size_t)width * (size_t)s->options.height;
        if (s->indices)
            memset(s->indices, 0, total);
        else
            for (size_t i = 0; i < total; i++)
                s->colours[i] = s->palette[0];
        from = frame - width + 1 > 0 ? frame - width + 1 : 0;
    }
    for (int64_t m = from; m <= frame; m++)
        compute_column(s, m);
    s->last_frame = frame;
    s->drawn_frame = frame;
}

/* Palette indices to colours, four at a time (independent loads and stores the core overlaps). */
static void expand(uint32_t *out, const uint8_t *index, size_t count, const uint32_t palette[256]) {
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const uint32_t a = palette[index[i]], b = palette[index[i + 1]];
        const uint32_t c = palette[index[i + 2]], d = palette[index[i + 3]];
        out[i] = a;
        out[i + 1] = b;
        out[i + 2] = c;
        out[i + 3] = d;
    }
    for (; i < count; i++)
        out[i] = palette[index[i]];
}

static void spectrogram_draw_rows(const void *opaque, uint8_t *dst, size_t stride, int first_row,
                                  int end_row) {
    const spectrogram_state *s = opaque;
    const int width = s->options.width;
    const size_t split = (size_t)((s->drawn_frame + 1) % width);
    const size_t tail = (size_t)width - split;
    for (int y = first_row; y < end_row; y++) {
        const size_t row = (size_t)y * (size_t)width;
        uint32_t *out = (uint32_t *)(void *)(dst + (size_t)(y - first_row) * stride);
        if (s->indices) {
            expand(out, s->indices + row + split, tail, s->palette);
            expand(out + tail, s->indices + row, split, s->palette);
        } else {
            vb_copy_pixels(out, s->colours + row + split, tail);
            vb_copy_pixels(out + tail, s->colours + row, split);
        }
    }
}

static const float *spectrogram_analysis(const void *opaque, size_t *count) {
    const spectrogram_state *s = opaque;
    *count = (size_t)s->options.height;
    return s->newest_db;
}

static int spectrogram_status(const void *opaque) {
    return vb_audio_reader_status(((const spectrogram_state *)opaque)->reader);
}

const vb_view_impl vb_spectrogram_view = {
    spectrogram_create,    spectrogram_destroy,  spectrogram_analyze, NULL,
    spectrogram_draw_rows, spectrogram_analysis, spectrogram_status};
