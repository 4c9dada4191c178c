/* The CPU reference renderer: audio in, RGBA8 frames out. Its pictures are the reference every
 * transfer strategy must reproduce.
 *
 * Contract: frame n is a pure function of (audio, options, n). Rendering frames in order reuses
 * history (one new FFT per frame for the spectrogram and the spectrum's peak caps); asking for
 * any other frame rebuilds the history it needs, so the bytes are the same either way and on
 * every run. Rendering is split into analyze (audio -> the few KB a GPU renderer would upload)
 * and draw (-> pixels), so callers can time the stages apart. The renderer borrows `audio` for
 * its lifetime and allocates nothing per frame. Not thread-safe, with one exception: the rows of
 * one prepared frame may be drawn by several threads at once (vb_renderer_draw_rows), so a second
 * core can share a large frame. */
#ifndef VB_RENDER_RENDERER_H
#define VB_RENDER_RENDERER_H

#include "audio/audio.h"
#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_renderer vb_renderer;

/* Validates the options (error names the option) and returns NULL on failure. */
vb_renderer *vb_renderer_create(const vb_view_options *options, const vb_audio *audio);
void vb_renderer_destroy(vb_renderer *renderer);

const vb_view_options *vb_renderer_options(const vb_renderer *renderer);
/* Frames 0 .. count-1 exist for the audio (see frame_clock.h). */
int64_t vb_renderer_frame_count(const vb_renderer *renderer);

void vb_renderer_analyze(vb_renderer *renderer, int64_t frame);
/* VB_OK, or -VB_ERR_FAILURE once reading the input failed (a streamed file that changed or
 * could not be read; the error was set on the thread that analysed): frames from then on show
 * silence, and the caller should stop. */
int vb_renderer_status(const vb_renderer *renderer);
/* Whether a frame's picture builds on the analysis of every earlier frame (the spectrogram's
 * columns), so a GPU renderer must be given frames it does not draw. */
int vb_renderer_has_history(const vb_renderer *renderer);
/* Draws the last analysed frame into `dst`: width x height RGBA8, rows `stride` bytes apart;
 * `dst` 4-byte aligned and `stride` a multiple of 4. */
void vb_renderer_draw(vb_renderer *renderer, uint8_t *dst, size_t stride);

/* Drawing in bands: vb_renderer_prepare once after analyze, then rows [first_row, end_row) of
 * that frame into dst (row y at dst + (y - first_row) * stride) as often as wanted, from any
 * number of threads at once, each drawing rows no other thread is drawing (drawing only reads
 * the renderer). The bands together are the same bytes as vb_renderer_draw. */
void vb_renderer_prepare(vb_renderer *renderer);
void vb_renderer_draw_rows(const vb_renderer *renderer, uint8_t *dst, size_t stride, int first_row,
                           int end_row);

/* The last analysed frame as a GPU renderer uploads it (a few KB), borrowed until the next
 * analyze; *count is the number of floats.
 *   waveform:    width x {min, max, rms} of each pixel column;
 *   spectrum:    drawn-bars x {level dB, peak cap dB}, drawn bars = min(bars, width);
 *   spectrogram: height floats, the newest column's dB, top row first. */
const float *vb_renderer_analysis(const vb_renderer *renderer, size_t *count);

static inline void vb_renderer_render(vb_renderer *renderer, int64_t frame, uint8_t *dst,
                                      size_t stride) {
    vb_renderer_analyze(renderer, frame);
    vb_renderer_draw(renderer, dst, stride);
}

#endif
