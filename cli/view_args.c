#include "view_args.h"

#include "common/error.h"
#include "common/parse.h"

#include <string.h>

int cli_parse_view_option(int opt, const char *arg, vb_view_options *view) {
    long long n;
    int status = VB_OK;
    switch (opt) {
    case CLI_OPT_VIEW:
        return vb_view_from_name(arg, &view->view);
    case CLI_OPT_SIZE:
        return vb_parse_size("--size", arg, VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH,
                             VB_MAX_HEIGHT, &view->width, &view->height);
    case CLI_OPT_FPS:
        status = vb_parse_int("--fps", arg, VB_MIN_FPS, VB_MAX_FPS, &n);
        view->fps = (int)n;
        return status;
    case CLI_OPT_FFT:
        status = vb_parse_int("--fft", arg, 64, 65536, &n);
        view->fft_size = (int)n;
        return status;
    case CLI_OPT_BARS:
        status = vb_parse_int("--bars", arg, 1, VB_MAX_BARS, &n);
        view->bars = (int)n;
        return status;
    case CLI_OPT_WINDOW_MS:
        return vb_parse_double("--window-ms", arg, VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                               &view->window_ms);
    case CLI_OPT_FLOOR_DB:
        return vb_parse_double("--floor-db", arg, VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB,
                               &view->floor_db);
    case CLI_OPT_FREQ_SCALE:
        return vb_freq_scale_from_name("--freq-scale", arg, &view->freq_scale);
    default:
        vb_error_set("internal: %d is not a view option", opt);
        return -VB_ERR_USAGE;
    }
}

void cli_print_view_help(FILE *out, const char *default_view) {
    fprintf(out,
            "  --view VIEW           waveform | spectrum | spectrogram (default %s)\n"
            "  --size WxH            %dx%d .. %dx%d (default 1080x200)\n"
            "  --fps F               frames per second, %d .. %d (default 60)\n"
            "  --fft N               FFT size, power of two 64 .. 65536 (default 2048)\n"
            "  --bars N              spectrum bars, 1 .. %d, at most one per pixel column\n"
            "                        (default 100)\n"
            "  --window-ms MS        waveform: visible span of audio (default 2000)\n"
            "  --floor-db DB         spectrum/spectrogram: bottom of the scale, %g .. %g\n"
            "                        (default -90)\n"
            "  --freq-scale SCALE    spectrogram frequency axis: log | linear (default log)\n",
            default_view, VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH, VB_MAX_HEIGHT, VB_MIN_FPS,
            VB_MAX_FPS, VB_MAX_BARS, VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB);
}
