/* The views' compute halves: their shaders' inputs laid out as the GL halves lay out theirs. */
#include "render/vk_view_impl.h"

#include "render/colormap.h"
#include "render/palette.h"
#include "render/spectrum_bars.h"

#include "shaders/spectrogram.h"
#include "shaders/spectrum.h"
#include "shaders/waveform.h"

static size_t whole_frame_offset(const vb_view_options *o, int64_t frame, size_t count) {
    (void)o, (void)frame, (void)count;
    return 0;
}

static size_t no_static(const vb_view_options *o) {
    (void)o;
    return 0;
}

/* Waveform: min, max, rms per column. */
static size_t waveform_floats(const vb_view_options *o) {
    return 3 * (size_t)o->width;
}

static void waveform_constants(const vb_view_options *o, int64_t frame, vb_vk_constants *k) {
    (void)frame;
    *k = (vb_vk_constants){.geometry = {o->width, o->height, 0, 0},
                           .colours = {VB_COLOUR_BACKGROUND, VB_COLOUR_ENVELOPE, VB_COLOUR_RMS,
                                       VB_COLOUR_CENTRE_LINE}};
}

/* Spectrum: level and cap per bar; the bar of each column is static. */
static size_t spectrum_floats(const vb_view_options *o) {
    return 2 * (size_t)vb_spectrum_bar_count(o);
}

static size_t spectrum_static_bytes(const vb_view_options *o) {
    return sizeof(int32_t) * (size_t)o->width;
}

static void spectrum_fill_static(const vb_view_options *o, void *destination) {
    vb_spectrum_bar_of_column(o, destination);
}

static void spectrum_constants(const vb_view_options *o, int64_t frame, vb_vk_constants *k) {
    (void)frame;
    *k = (vb_vk_constants){
        .geometry = {o->width, o->height, 0, o->height >= 128 ? o->height / 64 : 1},
        .levels = {(float)o->floor_db},
        .colours = {VB_COLOUR_BACKGROUND, VB_COLOUR_BAR, VB_COLOUR_PEAK_CAP}};
}

/* Spectrogram: a ring of `width` columns of `height` dB values; the palette is static. */
static size_t spectrogram_floats(const vb_view_options *o) {
    return (size_t)o->width * (size_t)o->height;
}

static size_t spectrogram_offset(const vb_view_options *o, int64_t frame, size_t count) {
    return (size_t)(frame % o->width) * count;
}

static size_t spectrogram_static_bytes(const vb_view_options *o) {
    (void)o;
    return 256 * sizeof(uint32_t);
}

static void spectrogram_fill_static(const vb_view_options *o, void *destination) {
    (void)o;
    uint32_t *palette = destination;
    for (int i = 0; i < 256; i++)
        palette[i] = vb_magma_rgba(i);
}

static void spectrogram_constants(const vb_view_options *o, int64_t frame, vb_vk_constants *k) {
    /* The CPU view's constant, computed the same way in single precision. */
    *k = (vb_vk_constants){.geometry = {o->width, o->height, (int32_t)frame, 0},
                           .levels = {(float)o->floor_db, 255.0f / -(float)o->floor_db}};
}

const vb_vk_view_impl vb_vk_waveform_view = {
    waveform_spv, sizeof waveform_spv, waveform_floats, whole_frame_offset, no_static,
    NULL,         waveform_constants};
const vb_vk_view_impl vb_vk_spectrum_view = {
    spectrum_spv,          sizeof spectrum_spv,  spectrum_floats,   whole_frame_offset,
    spectrum_static_bytes, spectrum_fill_static, spectrum_constants};
const vb_vk_view_impl vb_vk_spectrogram_view = {
    spectrogram_spv,          sizeof spectrogram_spv,  spectrogram_floats,   spectrogram_offset,
    spectrogram_static_bytes, spectrogram_fill_static, spectrogram_constants};
