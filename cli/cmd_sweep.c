/* vizbench sweep: the grid options, resuming, the table and exit codes; the measuring is in
 * pipeline/sweep.c, the file in report/sweep_json.c. */
#include "cli.h"
#include "io/atomic_file.h"

#include "common/parse.h"
#include "measure/machine_info.h"
#include "measure_args.h"
#include "results/sweep_json.h"
#include "report/sweep_table.h"
#include "sweep_runner.h"
#include "verdict/evidence.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void print_sweep_help(FILE *out) {
    fputs("usage: vizbench sweep [INPUT] -o sweep.json [--sizes LIST] [--fps LIST] [--views LIST]\n"
          "                      [--strategies LIST] [--pace realtime|max] [--quick] [--resume]\n"
          "\n"
          "Measures every combination of size x fps x view, each under every strategy (as\n"
          "'vizbench run' does for one), and writes each finished combination to the output at\n"
          "once: an interrupted sweep keeps what it measured and --resume finishes it.\n"
          "\n"
          "  -o, --output FILE     the sweep's results (schema vizbench.sweep); required\n"
          "  --sizes LIST          WxH,... (default 1080x200,1920x1080,3840x2160); the singular\n"
          "                        names run uses are taken too: --size, --view, --strategy,\n"
          "                        --duration (= --seconds)\n"
          "  --fps LIST            frame rates (default 60,120)\n"
          "  --views LIST          waveform,spectrum,spectrogram or all (default all)\n",
          out);
    cli_print_strategy_help(out, "--strategies LIST");
    fputs("  --pace PACE           realtime (default) or max, as for 'vizbench run'\n"
          "  --gl-api API          gl or gles: every strategy on desktop GL or OpenGL ES, as\n"
          "                        for 'vizbench run' (default: each strategy's own)\n"
          "  --seconds S           measured seconds of frames per run (default 2)\n"
          "  --warmup-seconds S    warm-up before each run (default 0.25)\n"
          "  --quick               the two smaller sizes, 0.5 s per run after 0.15 s (< 60 s)\n"
          "  --resume              finish the sweep in the output file: its grid and input are\n"
          "                        kept, measured combinations are not run again\n"
          "  -q, --quiet           no table on stdout\n"
          "  -h, --help            this help\n"
          "\n"
          "The default sweep (18 combinations x every strategy) takes about 3-4 minutes.\n"
          "\n"
          "exit codes: 0 every combination ran and every strategy showed the reference picture;\n"
          "            1 failure (bad input, a write failed, a strategy failed or differed);\n"
          "            2 usage error (also: --resume on a file of another grid or input);\n"
          "            3 a strategy is unavailable here, the others ran and passed;\n"
          "            4 interrupted by SIGINT/SIGTERM: partial results kept, --resume goes on\n",
          out);
}

enum {
    OPT_SIZES = 256,
    OPT_FPS,
    OPT_VIEWS,
    OPT_STRATEGIES,
    OPT_PACE,
    OPT_SECONDS,
    OPT_WARMUP_SECONDS,
    OPT_QUICK,
    OPT_RESUME,
    OPT_GL_API,
};

static const struct option sweep_options[] = {
    {"sizes", required_argument, NULL, OPT_SIZES},
    {"size", required_argument, NULL, OPT_SIZES}, /* run's names, for one or a list */
    {"fps", required_argument, NULL, OPT_FPS},
    {"views", required_argument, NULL, OPT_VIEWS},
    {"view", required_argument, NULL, OPT_VIEWS},
    {"strategies", required_argument, NULL, OPT_STRATEGIES},
    {"strategy", required_argument, NULL, OPT_STRATEGIES},
    {"pace", required_argument, NULL, OPT_PACE},
    {"seconds", required_argument, NULL, OPT_SECONDS},
    {"duration", required_argument, NULL, OPT_SECONDS},
    {"warmup-seconds", required_argument, NULL, OPT_WARMUP_SECONDS},
    {"quick", no_argument, NULL, OPT_QUICK},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"gl-api", required_argument, NULL, OPT_GL_API},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct sweep_request {
    const char *sizes, *fps, *views, *strategies, *pace, *gl_api;
    double seconds, warmup_seconds; /* < 0: not given */
    int quick, resume, quiet;
    const char *input, *output;
} sweep_request;

/* Splits a comma-separated list; calls `item` on each; VB_OK or its error. */
typedef int (*list_item_fn)(const char *text, int index, vb_sweep_grid *grid);

static int for_each_item(const char *option, const char *list, int max, list_item_fn item,
                         vb_sweep_grid *grid) {
    char copy[256];
    if (snprintf(copy, sizeof copy, "%s", list) >= (int)sizeof copy) {
        vb_error_set("%s: list too long", option);
        return -VB_ERR_USAGE;
    }
    int count = 0;
    char *save = NULL;
    for (char *text = cli_next_item(copy, &save); text; text = cli_next_item(NULL, &save)) {
        if (count == max) {
            vb_error_set("%s: at most %d entries", option, max);
            return -VB_ERR_USAGE;
        }
        int status = item(text, count++, grid);
        if (status != VB_OK) return status;
    }
    if (count == 0) {
        vb_error_set("%s: empty list", option);
        return -VB_ERR_USAGE;
    }
    return count;
}

static int size_item(const char *text, int i, vb_sweep_grid *g) {
    return vb_parse_size("--sizes", text, VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH, VB_MAX_HEIGHT,
                         &g->widths[i], &g->heights[i]);
}

static int fps_item(const char *text, int i, vb_sweep_grid *g) {
    long long fps;
    int status = vb_parse_int("--fps", text, VB_MIN_FPS, VB_MAX_FPS, &fps);
    g->fps[i] = (int)fps;
    return status;
}

static int view_item(const char *text, int i, vb_sweep_grid *g) {
    if (strcmp(text, "all") == 0 && i == 0) return VB_OK;
    if (vb_view_from_name(text, &g->views[i]) == VB_OK) return VB_OK;
    vb_error_set("--views: unknown view '%s' (expected waveform, spectrum, spectrogram or all)",
                 text);
    return -VB_ERR_USAGE;
}

static int build_grid(const sweep_request *req, vb_sweep_grid *g) {
    vb_sweep_grid_defaults(g, req->quick);
    int n;
    if (req->sizes) {
        if ((n = for_each_item("--sizes", req->sizes, VB_SWEEP_MAX_SIZES, size_item, g)) < 0)
            return n;
        g->size_count = n;
    }
    if (req->fps) {
        if ((n = for_each_item("--fps", req->fps, VB_SWEEP_MAX_FPS, fps_item, g)) < 0) return n;
        g->fps_count = n;
    }
    if (req->views && strcmp(req->views, "all") != 0) {
        if ((n = for_each_item("--views", req->views, VB_VIEW_COUNT, view_item, g)) < 0) return n;
        g->view_count = n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (g->views[i] == g->views[j]) {
                    vb_error_set("--views: '%s' is listed twice", vb_view_name(g->views[i]));
                    return -VB_ERR_USAGE;
                }
    }
    if (req->strategies) {
        const vb_strategy_ops *ops[VB_SESSION_MAX_RUNS];
        if (cli_parse_strategy_list("--strategies", req->strategies, ops, &g->strategy_count) !=
            VB_OK)
            return -VB_ERR_USAGE;
        for (int i = 0; i < g->strategy_count; i++)
            g->strategies[i] = &ops[i]->facts;
    }
    if (req->pace && vb_pace_from_name("--pace", req->pace, &g->base.pace) != VB_OK)
        return -VB_ERR_USAGE;
    if (req->gl_api && vb_gl_api_from_name("--gl-api", req->gl_api, &g->base.gl_api) != VB_OK)
        return -VB_ERR_USAGE;
    if (req->seconds >= 0) g->seconds = req->seconds;
    if (req->warmup_seconds >= 0) g->warmup_seconds = req->warmup_seconds;
    return VB_OK;
}

static int parse_sweep_args(int argc, char **argv, sweep_request *req) {
    opterr = 0;
    int opt;
    int unknown = cli_check_long_options("sweep", argc, argv, sweep_options, ":o:qh");
    if (unknown >= 0) return unknown;
    while ((opt = getopt_long(argc, argv, ":o:qh", sweep_options, NULL)) != -1) {
        int status = VB_OK;
        switch (opt) {
        case 'h':
            print_sweep_help(stdout);
            return 0;
        case '?':
            return cli_usage_error("sweep", "unknown option '%s'", argv[optind - 1]);
        case ':':
            return cli_usage_error("sweep", "option '%s' needs a value", argv[optind - 1]);
        case OPT_SIZES:
            req->sizes = optarg;
            break;
        case OPT_FPS:
            req->fps = optarg;
            break;
        case OPT_VIEWS:
            req->views = optarg;
            break;
        case OPT_STRATEGIES:
            req->strategies = optarg;
            break;
        case OPT_PACE:
            req->pace = optarg;
            break;
        case OPT_GL_API:
            req->gl_api = optarg;
            break;
        case OPT_SECONDS:
            status = vb_parse_double("--seconds", optarg, 0.05, 3600, &req->seconds);
            break;
        case OPT_WARMUP_SECONDS:
            status = vb_parse_double("--warmup-seconds", optarg, 0, 3600, &req->warmup_seconds);
            break;
        case OPT_QUICK:
            req->quick = 1;
            break;
        case OPT_RESUME:
            req->resume = 1;
            break;
        case 'o':
            req->output = optarg;
            break;
        case 'q':
            req->quiet = 1;
            break;
        default:
            return cli_usage_error("sweep", "unhandled option");
        }
        if (status != VB_OK) return cli_fail(-VB_ERR_USAGE);
    }
    if (optind < argc) req->input = argv[optind++];
    if (optind < argc) return cli_usage_error("sweep", "unexpected argument '%s'", argv[optind]);
    if (!req->output)
        return cli_usage_error("sweep", "-o FILE is required (each finished combination is "
                                        "written there at once)");
    if (req->resume && (req->sizes || req->fps || req->views || req->strategies || req->pace ||
                        req->gl_api || req->seconds >= 0 || req->warmup_seconds >= 0 || req->quick))
        return cli_usage_error("sweep", "--resume keeps the grid of %s; give no grid options",
                               req->output);
    return -1;
}

/* The sweep to measure: read back from the output file (--resume) or a new one. */
static int prepare_sweep(const sweep_request *req, int argc, char **argv, const vb_audio *audio,
                         vb_sweep *sweep) {
    vb_input_info input;
    if (cli_input_info(req->input, audio, 60, &input) != VB_OK) return cli_fail(-VB_ERR_FAILURE);
    if (req->resume) {
        int status = vb_sweep_json_read(req->output, sweep);
        if (status != VB_OK) return cli_fail(status);
        if (strcmp(sweep->input.sha256, input.sha256) != 0) {
            fprintf(stderr,
                    "vizbench: %s: was measured on %s (sha256 %.12s), not on this input (%.12s)\n",
                    req->output, sweep->input.name, sweep->input.sha256, input.sha256);
            vb_sweep_free(sweep);
            return EXIT_USAGE;
        }
        return 0;
    }
    vb_sweep_grid grid;
    if (build_grid(req, &grid) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    if (vb_sweep_init(sweep, &grid) != VB_OK) return cli_fail(-VB_ERR_FAILURE);
    sweep->input = input;
    vb_utc_timestamp(sweep->created, sizeof sweep->created);
    cli_describe_command(argc, argv, sweep->command, sizeof sweep->command);
    return 0;
}

int cmd_sweep(int argc, char **argv) {
    sweep_request req = {.seconds = -1, .warmup_seconds = -1};
    int stop = parse_sweep_args(argc, argv, &req);
    if (stop >= 0) return stop;
    vb_run_options faults;
    vb_run_options_defaults(&faults);
    if (cli_read_fault(&faults) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    /* An output that cannot be written is found now, not after the first combination. */
    if (vb_atomic_probe(req.output) != VB_OK) return cli_fail(-VB_ERR_FAILURE);

    vb_audio audio;
    int exit_code = cli_load_input(req.input, &audio);
    if (exit_code != 0) return exit_code;
    vb_sweep sweep;
    exit_code = prepare_sweep(&req, argc, argv, &audio, &sweep);
    if (exit_code != 0) {
        vb_audio_free(&audio);
        return exit_code;
    }
    sweep.grid.base.fault_fence_never_signals = faults.fault_fence_never_signals;
    sweep.grid.base.fault_release_fence_never_signals = faults.fault_release_fence_never_signals;
    sweep.grid.base.fault_map_fails = faults.fault_map_fails;
    sweep.grid.base.fault_copy_fence_never_signals = faults.fault_copy_fence_never_signals;
    sweep.grid.base.fault_fail_mid_run = faults.fault_fail_mid_run;
    sweep.grid.base.fault_slow_strategy = faults.fault_slow_strategy;
    sweep.grid.base.fault_slow_ns = faults.fault_slow_ns;
    if (req.resume)
        fprintf(stderr, "vizbench sweep: resuming %s: %d of %d combinations measured\n", req.output,
                vb_sweep_measured_count(&sweep), sweep.count);

    exit_code = cli_run_sweep(&sweep, &audio, req.output);
    vb_evidence evidence;
    if (!req.quiet && vb_evidence_from_sweep(&sweep, &evidence) == VB_OK) {
        vb_sweep_table_print(&evidence, stdout);
        vb_evidence_free(&evidence);
    }
    vb_sweep_free(&sweep);
    vb_audio_free(&audio);
    return exit_code;
}
