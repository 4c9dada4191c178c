/* Small helpers shared by the Criterion suites. */
#ifndef VB_TESTS_TEST_HELPERS_H
#define VB_TESTS_TEST_HELPERS_H

#include "audio/audio.h"
#include "common/error.h"
#include "render/renderer.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

/* Wraps a generated signal (ownership passes to the audio). */
static inline vb_audio make_audio(float *samples, int64_t length, int rate) {
    cr_assert_not_null(samples);
    vb_audio audio;
    vb_audio_wrap(samples, length, rate, "test signal", &audio);
    return audio;
}

/* Renders one frame with a fresh renderer; caller frees. */
static inline uint32_t *render_one(const vb_audio *audio, const vb_view_options *o, int64_t frame) {
    vb_renderer *r = vb_renderer_create(o, audio);
    cr_assert_not_null(r, "renderer: %s", vb_error_get());
    uint32_t *px = malloc(sizeof(uint32_t) * (size_t)o->width * (size_t)o->height);
    cr_assert_not_null(px);
    vb_renderer_render(r, frame, (uint8_t *)px, (size_t)o->width * 4);
    vb_renderer_destroy(r);
    return px;
}

static inline vb_view_options view_of(vb_view_kind kind, int width, int height) {
    vb_view_options o;
    vb_view_options_defaults(&o);
    o.view = kind;
    o.width = width;
    o.height = height;
    return o;
}

#endif
