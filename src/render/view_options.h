/* What to draw and how big: the options every command shares, their defaults and limits.
 * vb_view_options_validate() names the offending option in its error (exit code 2). */
#ifndef VB_RENDER_VIEW_OPTIONS_H
#define VB_RENDER_VIEW_OPTIONS_H

#include "dsp/band_map.h"

typedef enum { VB_VIEW_WAVEFORM = 0, VB_VIEW_SPECTRUM = 1, VB_VIEW_SPECTROGRAM = 2 } vb_view_kind;
#define VB_VIEW_COUNT 3

#define VB_MIN_WIDTH 64
#define VB_MIN_HEIGHT 32
#define VB_MAX_WIDTH 7680
#define VB_MAX_HEIGHT 4320
#define VB_MIN_FPS 1
#define VB_MAX_FPS 1000
#define VB_MAX_BARS 4096
#define VB_MIN_FLOOR_DB (-200.0)
#define VB_MAX_FLOOR_DB (-10.0)
#define VB_MIN_WINDOW_MS 1.0
#define VB_MAX_WINDOW_MS 60000.0

typedef struct vb_view_options {
    vb_view_kind view;
    int width, height;
    int fps;
    int fft_size;             /* spectrum, spectrogram */
    int bars;                 /* spectrum; at most one bar per pixel column is drawn */
    double window_ms;         /* waveform: visible span of audio */
    double floor_db;          /* spectrum, spectrogram: bottom of the dB scale */
    vb_freq_scale freq_scale; /* spectrogram frequency axis (spectrum bars are always log) */
} vb_view_options;

void vb_view_options_defaults(vb_view_options *options);
int vb_view_options_validate(const vb_view_options *options);

const char *vb_view_name(vb_view_kind view);
/* "log" / "linear"; the parser returns VB_OK, or -VB_ERR_USAGE with the error naming `option`. */
const char *vb_freq_scale_name(vb_freq_scale scale);
int vb_freq_scale_from_name(const char *option, const char *name, vb_freq_scale *scale);
/* Returns 0 and sets *view, or -VB_ERR_USAGE for an unknown name. */
int vb_view_from_name(const char *name, vb_view_kind *view);

#endif
