/* Internal to the renderer: the operations each view implements (one file per view). */
#ifndef VB_RENDER_VIEW_IMPL_H
#define VB_RENDER_VIEW_IMPL_H

#include "audio/audio.h"
#include "render/view_options.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_view_impl {
    void *(*create)(const vb_view_options *options, const vb_audio *audio);
    void (*destroy)(void *state);
    void (*analyze)(void *state, int64_t frame);
    void (*draw)(void *state, uint8_t *dst, size_t stride);
    const float *(*analysis)(const void *state, size_t *count);
} vb_view_impl;

extern const vb_view_impl vb_waveform_view;
extern const vb_view_impl vb_spectrum_view;
extern const vb_view_impl vb_spectrogram_view;

#endif
