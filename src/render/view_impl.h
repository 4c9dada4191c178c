/* Internal to the renderer: the operations each view implements (one file per view). */
#ifndef VB_RENDER_VIEW_IMPL_H
#define VB_RENDER_VIEW_IMPL_H

#include "audio/audio.h"
#include "audio/audio_reader.h"
#include "dsp/fft_analyzer.h"
#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_view_impl {
    void *(*create)(const vb_view_options *options, const vb_audio *audio);
    void (*destroy)(void *state);
    void (*analyze)(void *state, int64_t frame);
    /* Once per analysed frame, before its rows are drawn (may be NULL): what drawing any band
     * of rows needs, computed once. */
    void (*prepare)(void *state);
    /* Rows [first_row, end_row) of the prepared frame, row y at dst + (y - first_row) * stride;
     * only reads the state, so threads may draw disjoint bands at once. */
    void (*draw_rows)(const void *state, uint8_t *dst, size_t stride, int first_row, int end_row);
    const float *(*analysis)(const void *state, size_t *count);
    /* VB_OK, or the error of the view's audio reader (a streamed input failed or changed). */
    int (*status)(const void *state);
} vb_view_impl;

/* The analyzer's block ending at `end`, its samples fetched through `reader`. */
static inline const float *vb_fft_analyze_reader(vb_fft_analyzer *fft, vb_audio_reader *reader,
                                                 int64_t length, int64_t end) {
    const int64_t size = vb_fft_analyzer_size(fft);
    const int64_t first = end - size < 0 ? 0 : end - size;
    const int64_t last = end < length ? end : length;
    const float *span = last > first ? vb_audio_reader_get(reader, first, last - first) : NULL;
    return vb_fft_analyze_span(fft, span, first, length, end);
}

extern const vb_view_impl vb_waveform_view;
extern const vb_view_impl vb_spectrum_view;
extern const vb_view_impl vb_spectrogram_view;

#endif
