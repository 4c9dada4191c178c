#include "render/render_job.h"

#include "audio/frame_clock.h"
#include "common/error.h"
#include "io/png_io.h"
#include "render/palette.h"
#include "render/renderer.h"

#include <math.h>
#include <stdlib.h>

int64_t vb_frame_at_seconds(const vb_audio *audio, int fps, double seconds) {
    double duration = (double)audio->length / audio->sample_rate;
    if (!(seconds >= 0.0 && seconds <= duration)) {
        vb_error_set("--at: %g s is outside the input (0 .. %.3f s)", seconds, duration);
        return -1;
    }
    int64_t frame = llround(seconds * fps);
    int64_t last = vb_frame_count(audio->length, audio->sample_rate, fps) - 1;
    return frame > last ? last : frame;
}

/* Invalid options are a usage error; anything else failing in create is a runtime failure. */
static vb_renderer *create_renderer(const vb_view_options *options, const vb_audio *audio,
                                    int *status) {
    *status = vb_view_options_validate(options);
    if (*status != VB_OK) return NULL;
    vb_renderer *renderer = vb_renderer_create(options, audio);
    if (!renderer) *status = -VB_ERR_FAILURE;
    return renderer;
}

int vb_render_frame_png(const vb_audio *audio, const vb_view_options *options, int64_t frame,
                        const char *path) {
    int status;
    vb_renderer *renderer = create_renderer(options, audio, &status);
    if (!renderer) return status;
    int64_t count = vb_renderer_frame_count(renderer);
    size_t stride = (size_t)options->width * 4;
    uint8_t *pixels = NULL;
    if (frame < 0 || frame >= count) {
        vb_error_set("--frame: %lld is outside the input's frames 0 .. %lld at %d fps",
                     (long long)frame, (long long)(count - 1), options->fps);
        status = -VB_ERR_USAGE;
        goto done;
    }
    pixels = malloc(stride * (size_t)options->height);
    if (!pixels) {
        vb_error_set("render: out of memory for a %dx%d frame", options->width, options->height);
        status = -VB_ERR_FAILURE;
        goto done;
    }
    vb_renderer_render(renderer, frame, pixels, stride);
    status = vb_renderer_status(renderer); /* a streamed input that failed: no PNG */
    if (status == VB_OK)
        status = vb_png_write(path, pixels, options->width, options->height, stride);
done:
    free(pixels);
    vb_renderer_destroy(renderer);
    return status;
}

int vb_render_contact_sheet_png(const vb_audio *audio, const vb_view_options *options, int columns,
                                int rows, const char *path) {
    int64_t sheet_w = (int64_t)columns * options->width + (int64_t)(columns - 1) * VB_SHEET_GAP;
    int64_t sheet_h = (int64_t)rows * options->height + (int64_t)(rows - 1) * VB_SHEET_GAP;
    if (sheet_w > VB_SHEET_MAX_SIDE || sheet_h > VB_SHEET_MAX_SIDE ||
        sheet_w * sheet_h > VB_SHEET_MAX_PIXELS) {
        vb_error_set("--grid: a %dx%d sheet of %dx%d tiles would be %lldx%lld pixels, more than "
                     "the %dx%d (%lld pixel) limit",
                     columns, rows, options->width, options->height, (long long)sheet_w,
                     (long long)sheet_h, VB_SHEET_MAX_SIDE, VB_SHEET_MAX_SIDE,
                     (long long)VB_SHEET_MAX_PIXELS);
        return -VB_ERR_USAGE;
    }
    int status;
    vb_renderer *renderer = create_renderer(options, audio, &status);
    if (!renderer) return status;
    const size_t stride = (size_t)sheet_w * 4;
    uint32_t *sheet = malloc(stride * (size_t)sheet_h);
    if (!sheet) {
        vb_error_set("render: out of memory for a %lldx%lld sheet", (long long)sheet_w,
                     (long long)sheet_h);
        status = -VB_ERR_FAILURE;
    } else {
        const uint32_t gap_colour = VB_COLOUR_BACKGROUND;
        for (size_t i = 0; i < (size_t)(sheet_w * sheet_h); i++)
            sheet[i] = gap_colour;
        const int64_t count = vb_renderer_frame_count(renderer);
        const int tiles = columns * rows;
        for (int i = 0; i < tiles; i++) {
            int64_t frame = (count - 1) * (i + 1) / tiles;
            size_t x = (size_t)(i % columns) * (size_t)(options->width + VB_SHEET_GAP);
            size_t y = (size_t)(i / columns) * (size_t)(options->height + VB_SHEET_GAP);
            uint8_t *tile = (uint8_t *)sheet + y * stride + x * 4;
            vb_renderer_render(renderer, frame, tile, stride);
        }
        status = vb_renderer_status(renderer);
        if (status == VB_OK)
            status = vb_png_write(path, (const uint8_t *)sheet, (int)sheet_w, (int)sheet_h, stride);
    }
    free(sheet);
    vb_renderer_destroy(renderer);
    return status;
}
