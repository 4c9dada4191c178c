/* vizbench render: option parsing and messages only; the work is in render/render_job.c. */
#include "cli.h"

#include "common/parse.h"
#include "view_args.h"
#include "render/render_all.h"
#include "render/render_job.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static void print_render_help(FILE *out) {
    fputs("usage: vizbench render [INPUT] --view VIEW [options] (--frame N | --at SECONDS) -o "
          "OUT.png\n"
          "       vizbench render [INPUT] --view VIEW [options] --contact-sheet [--grid CxR] -o "
          "OUT.png\n"
          "       vizbench render [INPUT] --view VIEW [options] --all-frames [--threads N] "
          "[--split S] [--checksum]\n"
          "\n"
          "Renders frames of the CPU reference renderer to PNG. Frame n shows the audio ending\n"
          "at n / fps seconds. Without --frame or --at, the middle of the input is shown.\n"
          "\n"
          "  INPUT                 audio file; default: the bundled beatbox loop\n"
          "  --frame N             frame number, 0 .. last frame of the input\n"
          "  --at SECONDS          the frame nearest this time\n",
          out);
    cli_print_view_help(out, "waveform");
    fputs("  --contact-sheet       a grid of frames spread over the input instead of one frame\n"
          "  --grid CxR            contact sheet columns x rows (default 4x3)\n"
          "  --all-frames          render every frame of the input in order to no output and\n"
          "                        print the time and frames per second (a benchmark)\n"
          "  --threads N           --all-frames: 1 (default) or 2 threads\n"
          "  --split S             how 2 threads share the work: rows (each frame analysed once,\n"
          "                        its rows drawn half by each thread), frames (each thread\n"
          "                        draws every other frame and analyses every frame: history)\n"
          "                        or auto (default: rows for frames of 2 MiB and more)\n"
          "  --checksum            --all-frames: print the sum of every frame's FNV-1a, the\n"
          "                        same for any --threads (costs a read of every frame)\n"
          "  -o, --output OUT.png  where to write (atomically: never a half-written file)\n"
          "  -h, --help            this help\n"
          "\n"
          "exit codes: 0 written, 1 bad input file or write failure, 2 usage error\n",
          out);
}

enum {
    OPT_FRAME = CLI_OPT_VIEW_END,
    OPT_AT,
    OPT_CONTACT_SHEET,
    OPT_GRID,
    OPT_ALL_FRAMES,
    OPT_THREADS,
    OPT_SPLIT,
    OPT_CHECKSUM,
};

static const struct option render_options[] = {
    CLI_VIEW_OPTIONS,
    {"frame", required_argument, NULL, OPT_FRAME},
    {"at", required_argument, NULL, OPT_AT},
    {"contact-sheet", no_argument, NULL, OPT_CONTACT_SHEET},
    {"grid", required_argument, NULL, OPT_GRID},
    {"all-frames", no_argument, NULL, OPT_ALL_FRAMES},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"split", required_argument, NULL, OPT_SPLIT},
    {"checksum", no_argument, NULL, OPT_CHECKSUM},
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
    int all_frames, checksum;
    long long threads;
    vb_render_split split;
    int split_given;
    const char *output;
    const char *input;
} render_request;

static int parse_option(int opt, const char *arg, render_request *req) {
    if (cli_is_view_option(opt)) return cli_parse_view_option(opt, arg, &req->view);
    switch (opt) {
    case OPT_FRAME:
        return vb_parse_int("--frame", arg, 0, VB_AUDIO_MAX_SAMPLES, &req->frame);
    case OPT_AT:
        return vb_parse_double("--at", arg, 0.0, 1e9, &req->at);
    case OPT_CONTACT_SHEET:
        req->contact_sheet = 1;
        return VB_OK;
    case OPT_GRID:
        return vb_parse_size("--grid", arg, 1, 1, 64, 64, &req->grid_columns, &req->grid_rows);
    case OPT_ALL_FRAMES:
        req->all_frames = 1;
        return VB_OK;
    case OPT_THREADS:
        return vb_parse_int("--threads", arg, 1, VB_RENDER_MAX_THREADS, &req->threads);
    case OPT_SPLIT:
        req->split_given = 1;
        return vb_render_split_from_name(arg, &req->split);
    case OPT_CHECKSUM:
        req->checksum = 1;
        return VB_OK;
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
    int unknown = cli_check_long_options("render", argc, argv, render_options, ":o:h");
    if (unknown >= 0) return unknown;
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
    if (req->all_frames && (req->output || req->contact_sheet || req->frame >= 0 || req->at >= 0.0))
        return cli_usage_error("render", "--all-frames renders every frame to no output; drop "
                                         "-o, --contact-sheet, --frame and --at");
    if ((req->threads != 1 || req->checksum || req->split_given) && !req->all_frames)
        return cli_usage_error("render", "--threads, --split and --checksum go with --all-frames");
    if (req->split_given && req->threads != 2)
        return cli_usage_error("render",
                               "--split says how 2 threads share the work: add --threads 2");
    if (!req->output && !req->all_frames)
        return cli_usage_error("render", "-o OUT.png is required");
    struct stat target;
    const int device = req->output && stat(req->output, &target) == 0 && !S_ISREG(target.st_mode);
    if (req->output && !device) { /* it writes PNG: a file name that says otherwise misleads */
        const size_t length = strlen(req->output);
        if (length < 5 || strcasecmp(req->output + length - 4, ".png") != 0 ||
            req->output[length - 5] == '/')
            return cli_usage_error("render", "-o %s: the output is a PNG; name it *.png",
                                   req->output);
    }
    if (req->frame >= 0 && req->at >= 0.0)
        return cli_usage_error("render", "--frame and --at conflict; give one");
    if (req->contact_sheet && (req->frame >= 0 || req->at >= 0.0))
        return cli_usage_error("render", "--contact-sheet shows many frames; drop --frame/--at");
    if (vb_view_options_validate(&req->view) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    return -1;
}

int cmd_render(int argc, char **argv) {
    render_request req = {.frame = -1, .at = -1.0, .grid_columns = 4, .grid_rows = 3, .threads = 1};
    vb_view_options_defaults(&req.view);
    int stop = parse_render_args(argc, argv, &req);
    if (stop >= 0) return stop;

    vb_audio audio;
    int exit_code = cli_load_input(req.input, &audio);
    if (exit_code != 0) return exit_code;
    int status;
    if (req.all_frames) {
        vb_render_all_result done;
        status = vb_render_all_frames(&audio, &req.view, (int)req.threads, req.split, req.checksum,
                                      &done);
        if (status == VB_OK) {
            printf("render: %lld frames of %s %dx%d at %d fps in %.4f s = %.1f frames/s "
                   "(%s%s%s)\n",
                   (long long)done.frames, vb_view_name(req.view.view), req.view.width,
                   req.view.height, req.view.fps, done.seconds,
                   done.seconds > 0 ? (double)done.frames / done.seconds : 0.0,
                   req.threads == 1 ? "1 thread" : "2 threads, split by ",
                   req.threads == 1 ? "" : vb_render_split_name(done.split), "");
            if (req.checksum) printf("checksum: %016llx\n", (unsigned long long)done.checksum);
        }
    } else if (req.contact_sheet) {
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
