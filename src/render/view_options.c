#include "render/view_options.h"

#include "common/error.h"
#include "dsp/fft_analyzer.h"
#include "render/views.h"

void vb_view_options_defaults(vb_view_options *o) {
    o->view = VB_VIEW_WAVEFORM;
    o->width = 1080;
    o->height = 200;
    o->fps = 60;
    o->fft_size = 2048;
    o->bars = 100;
    o->window_ms = 2000.0;
    o->floor_db = -90.0;
    o->freq_scale = VB_FREQ_LOG;
}

/* The kinds too: options read from elsewhere than a parser (the producer process's CONFIG) can
 * hold any number, and the renderer looks the view's functions up by it. */
static int validate_kinds(const vb_view_options *o) {
    if ((unsigned)o->view >= VB_VIEW_COUNT) {
        vb_error_set("--view: %d is not a view (0 .. %d)", (int)o->view, VB_VIEW_COUNT - 1);
        return -VB_ERR_USAGE;
    }
    if (o->freq_scale != VB_FREQ_LOG && o->freq_scale != VB_FREQ_LINEAR) {
        vb_error_set("--freq-scale: %d is neither log nor linear", (int)o->freq_scale);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

int vb_view_options_validate(const vb_view_options *o) {
    if (validate_kinds(o) != VB_OK) return -VB_ERR_USAGE;
    if (o->width < VB_MIN_WIDTH || o->width > VB_MAX_WIDTH || o->height < VB_MIN_HEIGHT ||
        o->height > VB_MAX_HEIGHT) {
        vb_error_set("--size: %dx%d is outside %dx%d .. %dx%d", o->width, o->height, VB_MIN_WIDTH,
                     VB_MIN_HEIGHT, VB_MAX_WIDTH, VB_MAX_HEIGHT);
        return -VB_ERR_USAGE;
    }
    if (o->fps < VB_MIN_FPS || o->fps > VB_MAX_FPS) {
        vb_error_set("--fps: %d is outside %d .. %d", o->fps, VB_MIN_FPS, VB_MAX_FPS);
        return -VB_ERR_USAGE;
    }
    int fft = o->fft_size;
    if (fft < VB_FFT_MIN_SIZE || fft > VB_FFT_MAX_SIZE || (fft & (fft - 1)) != 0) {
        vb_error_set("--fft: %d is not a power of two from %d to %d", fft, VB_FFT_MIN_SIZE,
                     VB_FFT_MAX_SIZE);
        return -VB_ERR_USAGE;
    }
    if (o->bars < 1 || o->bars > VB_MAX_BARS) {
        vb_error_set("--bars: %d is outside 1 .. %d", o->bars, VB_MAX_BARS);
        return -VB_ERR_USAGE;
    }
    if (!(o->window_ms >= VB_MIN_WINDOW_MS && o->window_ms <= VB_MAX_WINDOW_MS)) {
        vb_error_set("--window-ms: %g is outside %g .. %g", o->window_ms, VB_MIN_WINDOW_MS,
                     VB_MAX_WINDOW_MS);
        return -VB_ERR_USAGE;
    }
    if (!(o->floor_db >= VB_MIN_FLOOR_DB && o->floor_db <= VB_MAX_FLOOR_DB)) {
        vb_error_set("--floor-db: %g is outside %g .. %g", o->floor_db, VB_MIN_FLOOR_DB,
                     VB_MAX_FLOOR_DB);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

const char *vb_view_name(vb_view_kind view) {
    const vb_view_desc *desc = vb_view_desc_get(view);
    return desc ? desc->name : "?";
}

int vb_view_from_name(const char *name, vb_view_kind *view) {
    const vb_name_table views = vb_view_table();
    int index = vb_name_find(&views, name);
    if (index >= 0) {
        *view = (vb_view_kind)index;
        return VB_OK;
    }
    char names[256];
    vb_name_join(&views, ", ", " or ", names, sizeof names);
    const int near = vb_name_nearest(&views, name);
    if (near >= 0)
        vb_error_set("--view: unknown view '%s' (did you mean %s? expected %s)", name,
                     vb_name_at(&views, near), names);
    else
        vb_error_set("--view: unknown view '%s' (expected %s)", name, names);
    return -VB_ERR_USAGE;
}

static const char *const freq_scale_names[] = {[VB_FREQ_LOG] = "log", [VB_FREQ_LINEAR] = "linear"};

const char *vb_freq_scale_name(vb_freq_scale scale) {
    return freq_scale_names[scale == VB_FREQ_LINEAR ? VB_FREQ_LINEAR : VB_FREQ_LOG];
}

int vb_freq_scale_from_name(const char *option, const char *name, vb_freq_scale *scale) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(freq_scale_names, 2);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        char names[64];
        vb_name_join(&table, ", ", " or ", names, sizeof names);
        vb_error_set("%s: unknown scale '%s' (expected %s)", option, name, names);
        return -VB_ERR_USAGE;
    }
    *scale = (vb_freq_scale)index;
    return VB_OK;
}
