/* Waveform: per pixel column, the min..max envelope of the audio it covers, the RMS band inside
 * it, over a centre line; the window of --window-ms ends at the frame's time. */
#include "audio/frame_clock.h"
#include "common/error.h"
#include "dsp/envelope.h"
#include "render/palette.h"
#include "render/span_raster.h"
#include "render/view_impl.h"

#include <math.h>
#include <stdlib.h>

typedef struct waveform_state {
    vb_view_options options;
    const vb_audio *audio;
    vb_audio_reader *reader;
    vb_envelope_index index; /* over the reader's cache */
    unsigned index_generation;
    int index_built;
    int64_t window_samples;
    vb_envelope *columns;  /* [width] analysis of the current frame */
    int64_t *column_range; /* [width][2] sample range [begin, end) of each column */
    vb_envelope *previous; /* [width] the previous frame's columns, for reuse */
    int64_t *previous_range;
    int have_previous;
    vb_span_raster raster;
} waveform_state;

static void waveform_destroy(void *opaque) {
    waveform_state *s = opaque;
    if (!s) return;
    vb_envelope_index_free(&s->index);
    vb_audio_reader_close(s->reader);
    vb_span_raster_free(&s->raster);
    free(s->columns);
    free(s->column_range);
    free(s->previous);
    free(s->previous_range);
    free(s);
}

/* (Re)builds the envelope index over what the reader holds, when that moved since the last
 * build: once for an input in memory (at creation, as part of setting up), once per cache
 * refill for a streamed one. */
static int index_reader_cache(waveform_state *s) {
    int64_t first, count;
    unsigned generation;
    const float *cache = vb_audio_reader_cache(s->reader, &first, &count, &generation);
    if (vb_audio_reader_status(s->reader) != VB_OK) return -VB_ERR_FAILURE;
    if (s->index_built && generation == s->index_generation) return VB_OK;
    int status = vb_envelope_index_build(&s->index, cache, first, count, s->audio->length);
    s->index_built = status == VB_OK;
    s->index_generation = generation;
    return status;
}

static void *waveform_create(const vb_view_options *options, const vb_audio *audio) {
    waveform_state *s = calloc(1, sizeof *s);
    if (!s) goto oom;
    s->options = *options;
    s->audio = audio;
    s->window_samples = llround(options->window_ms * audio->sample_rate / 1000.0);
    if (s->window_samples < 1) s->window_samples = 1;
    const size_t width = (size_t)options->width;
    s->columns = calloc(width, sizeof *s->columns);
    s->column_range = calloc(width * 2, sizeof *s->column_range);
    s->previous = calloc(width, sizeof *s->previous);
    s->previous_range = calloc(width * 2, sizeof *s->previous_range);
    if (!s->columns || !s->column_range || !s->previous || !s->previous_range) goto oom;
    s->reader = vb_audio_reader_open(audio, s->window_samples);
    if (!s->reader || index_reader_cache(s) != VB_OK ||
        vb_span_raster_init(&s->raster, options->width, options->height, 4) != VB_OK) {
        waveform_destroy(s);
        return NULL;
    }
    return s;
oom:
    waveform_destroy(s);
    vb_error_set("waveform: out of memory");
    return NULL;
}

/* A column is a pure function of its sample range [begin, end), so a column whose range the
 * previous frame already measured is copied, not recomputed. When the hop is a whole number of
 * columns (44.1 kHz, 60 fps, 2 s over 1080 px: 735 samples = 9 columns) that is all but the
 * newest few; otherwise the ranges rarely match and every column is measured. */
static void waveform_analyze(void *opaque, int64_t frame) {
    waveform_state *s = opaque;
    const int width = s->options.width;
    const int64_t window = s->window_samples;
    const int64_t start =
        vb_frame_end_sample(frame, s->audio->sample_rate, s->options.fps) - window;
    vb_envelope *swap = s->previous;
    s->previous = s->columns;
    s->columns = swap;
    int64_t *swap_range = s->previous_range;
    s->previous_range = s->column_range;
    s->column_range = swap_range;
    /* Make the reader hold this frame's window, and index what it holds when that moved. */
    const int64_t first = start < 0 ? 0 : start;
    const int64_t last = start + window < s->audio->length ? start + window : s->audio->length;
    if (last > first) vb_audio_reader_get(s->reader, first, last - first);
    if (index_reader_cache(s) != VB_OK) { /* silence from here on */
        for (int x = 0; x < width; x++)
            s->columns[x] = (vb_envelope){0.0f, 0.0f, 0.0f};
        s->have_previous = 0;
        return;
    }
    const int64_t *old = s->previous_range;
    int match = 0; /* first previous column that does not begin before the current one */
    for (int x = 0; x < width; x++) {
        int64_t begin = start + (int64_t)x * window / width;
        int64_t end = start + (int64_t)(x + 1) * window / width;
        if (end <= begin) end = begin + 1;
        s->column_range[2 * x] = begin;
        s->column_range[2 * x + 1] = end;
        while (s->have_previous && match < width && old[2 * match] < begin)
            match++;
        if (s->have_previous && match < width && old[2 * match] == begin &&
            old[2 * match + 1] == end)
            s->columns[x] = s->previous[match];
        else
            s->columns[x] = vb_envelope_query(&s->index, begin, end);
    }
    s->have_previous = 1;
}

/* Amplitude +1 maps to row 0, -1 to the bottom row: floor(position + 0.5), clamped. Where it is
 * not clamped the position is at least 1, so truncating is that floor (floorf is not one
 * instruction on the baseline x86-64 target, and this runs four times a column). */
static int row_of_amplitude(float amplitude, int height) {
    const float position = (1.0f - amplitude) * 0.5f * (float)(height - 1) + 0.5f;
    if (!(position >= 1.0f)) return 0; /* NaN too */
    if (position >= (float)height) return height - 1;
    return (int)position;
}

static void waveform_prepare(void *opaque) {
    waveform_state *s = opaque;
    const int height = s->options.height;
    const uint32_t background = VB_COLOUR_BACKGROUND;
    vb_span_pusher push = vb_span_raster_begin(&s->raster, background);
    for (int x = 0; x < s->options.width; x++) {
        vb_envelope e = s->columns[x];
        /* Pure silence leaves the column empty so the centre line shows through. */
        if (e.min == 0.0f && e.max == 0.0f) continue;
        int top = row_of_amplitude(e.max, height);
        int bottom = row_of_amplitude(e.min, height);
        int rms_top = row_of_amplitude(e.rms, height);
        int rms_bottom = row_of_amplitude(-e.rms, height);
        if (rms_top < top) rms_top = top;
        if (rms_bottom > bottom) rms_bottom = bottom;
        vb_span_push(&push, x, top, VB_COLOUR_ENVELOPE);
        if (rms_top <= rms_bottom) {
            vb_span_push(&push, x, rms_top, VB_COLOUR_RMS);
            vb_span_push(&push, x, rms_bottom + 1, VB_COLOUR_ENVELOPE);
        }
        vb_span_push(&push, x, bottom + 1, background);
    }
    vb_span_raster_sort(&s->raster, &push);
}

static void waveform_draw_rows(const void *opaque, uint8_t *dst, size_t stride, int first_row,
                               int end_row) {
    const waveform_state *s = opaque;
    vb_span_raster_draw_rows(&s->raster, dst, stride, first_row, end_row);
    /* After the band: the rows below the centre were copied from it before the line. */
    const int centre_row = s->options.height / 2;
    if (centre_row < first_row || centre_row >= end_row) return;
    uint32_t *centre = (uint32_t *)(void *)(dst + (size_t)(centre_row - first_row) * stride);
    for (int x = 0; x < s->options.width; x++)
        if (centre[x] == VB_COLOUR_BACKGROUND) centre[x] = VB_COLOUR_CENTRE_LINE;
}

static const float *waveform_analysis(const void *opaque, size_t *count) {
    const waveform_state *s = opaque;
    _Static_assert(sizeof(vb_envelope) == 3 * sizeof(float), "vb_envelope is three packed floats");
    *count = (size_t)s->options.width * 3;
    return &s->columns[0].min;
}

static int waveform_status(const void *opaque) {
    return vb_audio_reader_status(((const waveform_state *)opaque)->reader);
}

const vb_view_impl vb_waveform_view = {waveform_create,  waveform_destroy,   waveform_analyze,
                                       waveform_prepare, waveform_draw_rows, waveform_analysis,
                                       waveform_status};
