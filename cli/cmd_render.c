/* vizbench render: option parsing and messages only; the work is in render/render_job.c. */
#include "cli.h"

#include "common/parse.h"
#include "render/render_job.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_render_help(FILE *out) {
    fprintf(out,
            "usage: vizbench render [INPUT] --view VIEW [options] (--frame N | --at SECONDS) -o "
            "OUT.png\n"
            "       vizbench render [INPUT] --view VIEW [options] --contact-sheet [--grid CxR] -o "
            "OUT.png\n"
            "\n"
            "Renders frames of the CPU reference renderer to PNG. Frame n shows the audio ending\n"
            "at n / fps seconds. Without --frame or --at, the middle of the input is shown.\n"
            "\n"
            "  INPUT                 audio file; default: the bundled beatbox loop\n"
            "  --view VIEW           waveform | spectrum | spectrogram (default waveform)\n"
            "  --size WxH            %dx%d .. %dx%d (default 1080x200)\n"
            "  --fps F               frames per second, %d .. %d (default 60)\n"
            "  --frame N             frame number, 0 .. last frame of the input\n"
            "  --at SECONDS          the frame nearest this time\n"
            "  --fft N               FFT size, power of two 64 .. 65536 (default 2048)\n"
            "  --bars N              spectrum bars, 1 .. %d, at most one per pixel column\n"
            "                        (default 100)\n"
            "  --window-ms MS        waveform: visible span of audio (default 2000)\n"
            "  --floor-db DB         spectrum/spectrogram: bottom of the scale, %g .. %g\n"
            "                        (default -90)\n"
            "  --freq-scale SCALE    spectrogram frequency axis: log | linear (default log)\n"
            "  --contact-sheet       a grid of frames spread over the input instead of one frame\n"
            "  --grid CxR            contact sheet columns x rows (default 4x3)\n"
            "  -o, --output OUT.png  where to write (atomically: never a half-written file)\n"
            "  -h, --help            this help\n"
            "\n"
            "exit codes: 0 written, 1 bad input file or write failure, 2 usage error\n",
            VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH, VB_MAX_HEIGHT, VB_MIN_FPS, VB_MAX_FPS,
            VB_MAX_BARS, VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB);
}

enum {
    OPT_VIEW = 256,
    OPT_SIZE,
    OPT_FPS,
    OPT_FRAME,
    OPT_AT,
    OPT_FFT,
    OPT_BARS,
    OPT_WINDOW_MS,
    OPT_FLOOR_DB,
    OPT_FREQ_SCALE,
    OPT_CONTACT_SHEET,
    OPT_GRID,
};

static const struct option render_options[] = {
    {"view", required_argument, NULL, OPT_VIEW},
    {"size", required_argument, NULL, OPT_SIZE},
    {"fps", required_argument, NULL, OPT_FPS},
    {"frame", required_argument, NULL, OPT_FRAME},
    {"at", required_argument, NULL, OPT_AT},
    {"fft", required_argument, NULL, OPT_FFT},
    {"bars", required_argument, NULL, OPT_BARS},
    {"window-ms", required_argument, NULL, OPT_WINDOW_MS},
    {"floor-db", required_argument, NULL, OPT_FLOOR_DB},
    {"freq-scale", required_argument, NULL, OPT_FREQ_SCALE},
    {"contact-sheet", no_argument, NULL, OPT_CONTACT_SHEET},
    {"grid", required_argument, NULL, OPT_GRID},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct render_request {
    vb_view_options view;
    long long frame; /* -1: not given */
    double at;       /* < 0: not given */
    int contact_sheet;
    int grid_columns, grid_rows;
    const char *output;
    const char *input;
} render_request;

static int parse_option(int opt, const char *arg, render_request *req) {
    long long n;
    double d;
    int status = VB_OK;
    switch (opt) {
    case OPT_VIEW:
        return vb_view_from_name(arg, &req->view.view);
    case OPT_SIZE:
        return vb_parse_size("--size", arg, VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH,
                             VB_MAX_HEIGHT, &req->view.width, &req->view.height);
    case OPT_FPS:
        status = vb_parse_int("--fps", arg, VB_MIN_FPS, VB_MAX_FPS, &n);
        req->view.fps = (int)n;
        return status;
    case OPT_FRAME:
        return vb_parse_int("--frame", arg, 0, VB_AUDIO_MAX_SAMPLES, &req->frame);
    case OPT_AT:
        return vb_parse_double("--at", arg, 0.0, 1e9, &req->at);
    case OPT_FFT:
        status = vb_parse_int("--fft", arg, 64, 65536, &n);
        req->view.fft_size = (int)n;
        return status;
    case OPT_BARS:
        status = vb_parse_int("--bars", arg, 1, VB_MAX_BARS, &n);
        req->view.bars = (int)n;
        return status;
    case OPT_WINDOW_MS:
        return vb_parse_double("--window-ms", arg, VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                               &req->view.window_ms);
    case OPT_FLOOR_DB:
        status = vb_parse_double("--floor-db", arg, VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB, &d);
        req->view.floor_db = d;
        return status;
    case OPT_FREQ_SCALE:
        if (strcmp(arg, "log") == 0) {
            req->view.freq_scale = VB_FREQ_LOG;
        } else if (strcmp(arg, "linear") == 0) {
            req->view.freq_scale = VB_FREQ_LINEAR;
        } else {
            vb_error_set("--freq-scale: unknown scale '%s' (expected log or linear)", arg);
            return -VB_ERR_USAGE;
        }
        return VB_OK;
    case OPT_CONTACT_SHEET:
        req->contact_sheet = 1;
        return VB_OK;
    case OPT_GRID:
        return vb_parse_size("--grid", arg, 1, 1, 64, 64, &req->grid_columns, &req->grid_rows);
    case 'o':
        req->output = arg;
        return VB_OK;
    default:
        vb_error_set("internal: unhandled option %d", opt);
        return -VB_ERR_USAGE;
    }
}

/* Parses argv into req; returns -1 to continue, or an exit code to stop with. */
static int parse_render_args(int argc, char **argv, render_request *req) {
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":o:h", render_options, NULL)) != -1) {
        if (opt == 'h') {
            print_render_help(stdout);
            return 0;
        }
        if (opt == '?') return cli_usage_error("render", "unknown option '%s'", argv[optind - 1]);
        if (opt == ':')
            return cli_usage_error("render", "option '%s' needs a value", argv[optind - 1]);
        if (parse_option(opt, optarg, req) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    }
    if (optind < argc) req->input = argv[optind++];
    if (optind < argc) return cli_usage_error("render", "unexpected argument '%s'", argv[optind]);
    if (!req->output) return cli_usage_error("render", "-o OUT.png is required");
    if (req->frame >= 0 && req->at >= 0.0)
        return cli_usage_error("render", "--frame and --at conflict; give one");
    if (req->contact_sheet && (req->frame >= 0 || req->at >= 0.0))
        return cli_usage_error("render", "--contact-sheet shows many frames; drop --frame/--at");
    if (vb_view_options_validate(&req->view) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    return -1;
}

int cmd_render(int argc, char **argv) {
    render_request req = {.frame = -1, .at = -1.0, .grid_columns = 4, .grid_rows = 3};
    vb_view_options_defaults(&req.view);
    int stop = parse_render_args(argc, argv, &req);
    if (stop >= 0) return stop;

    vb_audio audio;
    int exit_code = cli_load_input(req.input, &audio);
    if (exit_code != 0) return exit_code;
    int status;
    if (req.contact_sheet) {
        status = vb_render_contact_sheet_png(&audio, &req.view, req.grid_columns, req.grid_rows,
                                             req.output);
    } else {
        int64_t frame = req.frame;
        if (req.at >= 0.0) {
            frame = vb_frame_at_seconds(&audio, req.view.fps, req.at);
        } else if (frame < 0) {
            frame = vb_frame_at_seconds(&audio, req.view.fps,
                                        0.5 * (double)audio.length / audio.sample_rate);
        }
        status =
            frame < 0 ? -VB_ERR_USAGE : vb_render_frame_png(&audio, &req.view, frame, req.output);
    }
    vb_audio_free(&audio);
    return status == VB_OK ? 0 : cli_fail(status);
}
