#include "render/renderer.h"

#include "audio/frame_clock.h"
#include "common/error.h"
#include "render/view_impl.h"
#include "render/views.h"

#include <stdlib.h>

struct vb_renderer {
    vb_view_options options;
    const vb_view_impl *impl;
    void *state;
    int64_t frame_count;
};

vb_renderer *vb_renderer_create(const vb_view_options *options, const vb_audio *audio) {
    if (vb_view_options_validate(options) != VB_OK) return NULL;
    vb_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        vb_error_set("render: out of memory");
        return NULL;
    }
    r->options = *options;
    r->impl = vb_view_desc_get(options->view)->cpu;
    r->frame_count = vb_frame_count(audio->length, audio->sample_rate, options->fps);
    r->state = r->impl->create(&r->options, audio);
    if (!r->state) {
        vb_renderer_destroy(r);
        return NULL;
    }
    return r;
}

void vb_renderer_destroy(vb_renderer *r) {
    if (!r) return;
    if (r->state) r->impl->destroy(r->state);
    free(r);
}

const vb_view_options *vb_renderer_options(const vb_renderer *r) {
    return &r->options;
}

int64_t vb_renderer_frame_count(const vb_renderer *r) {
    return r->frame_count;
}

int vb_renderer_has_history(const vb_renderer *r) {
    return vb_view_desc_get(r->options.view)->keeps_history;
}

void vb_renderer_analyze(vb_renderer *r, int64_t frame) {
    r->impl->analyze(r->state, frame);
}

int vb_renderer_status(const vb_renderer *r) {
    return r->impl->status(r->state);
}

const float *vb_renderer_analysis(const vb_renderer *r, size_t *count) {
    return r->impl->analysis(r->state, count);
}

void vb_renderer_prepare(vb_renderer *r) {
    if (r->impl->prepare) r->impl->prepare(r->state);
}

void vb_renderer_draw_rows(const vb_renderer *r, uint8_t *dst, size_t stride, int first_row,
                           int end_row) {
    r->impl->draw_rows(r->state, dst, stride, first_row, end_row);
}

void vb_renderer_draw(vb_renderer *r, uint8_t *dst, size_t stride) {
    vb_renderer_prepare(r);
    vb_renderer_draw_rows(r, dst, stride, 0, r->options.height);
}
