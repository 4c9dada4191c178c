/* vizbench run: option parsing, the progress line, outputs and exit codes; the measuring is in
 * pipeline/ (session.c, run.c). */
#include "cli.h"

#include "common/clock.h"
#include "io/atomic_file.h"

#include "common/parse.h"
#include "pipeline/session.h"
#include "results/frames_csv.h"
#include "results/results_json.h"
#include "report/run_findings.h"
#include "report/run_table.h"
#include "report/memory_table.h"
#include "report/thread_table.h"
#include "transfer/frb_hop.h"
#include "measure_args.h"
#include "view_args.h"

#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void print_run_help(FILE *out) {
    fputs(
        "usage: vizbench run [INPUT] [--strategy LIST|all] [--view VIEW] [--size WxH] [--fps F]\n"
        "                    [--frames N | --duration S] [--pace realtime|max] [-o results.json]\n"
        "                    [--csv frames.csv] [options]\n"
        "\n"
        "Drives the input through the whole pipeline (analysis, render, hand-off, upload,\n"
        "draw, fence) under each transfer strategy in turn, on two threads, and prints one\n"
        "row per strategy. With no options: every strategy, spectrum 1080x200 at 60 fps.\n"
        "\n"
        "  INPUT                 audio file; default: the bundled beatbox loop\n",
        out);
    cli_print_strategy_help(out, "--strategy LIST");
    fputs("                        (also --strategies LIST, as sweep names it)\n", out);
    cli_print_view_help(out, "spectrum");
    fputs("  --frames N            measured frames per strategy, after the warm-up (default 300)\n"
          "  --duration S          measured seconds per strategy instead (frames = S x fps);\n"
          "                        also --seconds S, as sweep names it\n"
          "  --warmup-frames N     frames run first and left out of the figures (default 30);\n"
          "                        also --warmup N\n"
          "  --pace PACE           realtime: a frame every 1/fps, newest frame shown (default);\n"
          "                        max: as fast as the pipeline goes, every frame shown\n"
          "  --verify N            also check the picture of every Nth frame (default: last only)\n"
          "  --tolerance E         gl-texture: allowed p99.9 channel error, 0 .. 255 (default 2)\n"
          "  --pool                pixel-copy reuses its messages instead of allocating them\n"
          "  --vsync HZ            present on a display clock of HZ, 1 .. 1000 (60, 90, 120):\n"
          "                        at each tick the newest frame ready is latched and drawn;\n"
          "                        frames of delay, repeated ticks and skipped frames are\n"
          "                        counted. frb-* always run so (at the fps without it)\n"
          "  --frb-codec CODEC     frb-*: the flutter_rust_bridge codec: sse (FRB 2.x's\n"
          "                        default: a byte-by-byte encode and Dart's copy; default)\n"
          "                        or dco (full_dep, or FRB 1.x ZeroCopyBuffer: no copy, a\n"
          "                        new buffer per frame freed by a finalizer)\n"
          "  --producer-process WHERE\n"
          "                        vulkan-interop: same (default) or separate: its Vulkan\n"
          "                        producer runs as a process of its own (fds over a\n"
          "                        socketpair); the other strategies run in this one\n"
          "  --gl-api API          gl or gles: every strategy on desktop OpenGL (core 3.3) or\n"
          "                        on OpenGL ES (3.2, else 3.1 or 3.0; GLSL ES 3.00 shaders);\n"
          "                        default: desktop GL, except strategies whose path exists\n"
          "                        only on GLES (the Android ones), which run on GLES\n"
          "  --runs N, --repeat N  run every strategy N times, interleaved, 1 .. 16 (default\n"
          "                        1): the table shows mean +- sd and min..max over the runs,\n"
          "                        then each one's CPU as a ratio to the least with its\n"
          "                        spread, and which the runs cannot tell apart; the JSON\n"
          "                        keeps every run\n"
          "  --slots N             frame slots in the hand-off ring, 3 .. 16 (default 3)\n"
          "  --fence-timeout-ms MS longest wait on one fence before the strategy fails\n"
          "                        (default 2000)\n"
          "  --gpu-timers WHEN     GL_TIME_ELAPSED per stage: auto (not on a software\n"
          "                        renderer, where a query stalls it), on, off (default auto)\n"
          "  --window              show the frames in a window instead of running headless\n"
          "  -o, --output FILE     results as JSON (context, options, summaries, every frame)\n"
          "  --csv FILE            one row per frame\n"
          "  -q, --quiet           no table on stdout\n"
          "  -h, --help            this help\n"
          "\n"
          "Frames past the end of the input loop over it. Outputs are written atomically, also\n"
          "after SIGINT/SIGTERM, with what was measured so far marked incomplete.\n"
          "\n"
          "exit codes: 0 every strategy ran and showed the reference picture;\n"
          "            1 failure: bad input, a write failed, a strategy failed or showed a\n"
          "              different picture;\n"
          "            2 usage error;\n"
          "            3 a strategy is unavailable here (e.g. no GL), the others ran and passed;\n"
          "            4 interrupted by SIGINT/SIGTERM; partial results written\n",
          out);
}

enum {
    OPT_STRATEGY = CLI_OPT_VIEW_END,
    OPT_FRAMES,
    OPT_DURATION,
    OPT_WARMUP,
    OPT_PACE,
    OPT_VERIFY,
    OPT_TOLERANCE,
    OPT_POOL,
    OPT_REPEAT,
    OPT_SLOTS,
    OPT_FENCE_TIMEOUT,
    OPT_WINDOW,
    OPT_CSV,
    OPT_GPU_TIMERS,
    OPT_VSYNC,
    OPT_FRB_CODEC,
    OPT_PRODUCER_PROCESS,
    OPT_GL_API,
};

static const struct option run_options[] = {
    CLI_VIEW_OPTIONS,
    {"strategy", required_argument, NULL, OPT_STRATEGY},
    {"strategies", required_argument, NULL, OPT_STRATEGY}, /* sweep's name, the same list */
    {"frames", required_argument, NULL, OPT_FRAMES},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"seconds", required_argument, NULL, OPT_DURATION},
    {"warmup", required_argument, NULL, OPT_WARMUP},
    {"warmup-frames", required_argument, NULL, OPT_WARMUP},
    {"pace", required_argument, NULL, OPT_PACE},
    {"verify", required_argument, NULL, OPT_VERIFY},
    {"tolerance", required_argument, NULL, OPT_TOLERANCE},
    {"pool", no_argument, NULL, OPT_POOL},
    {"repeat", required_argument, NULL, OPT_REPEAT},
    {"runs", required_argument, NULL, OPT_REPEAT}, /* hyperfine's name */
    {"slots", required_argument, NULL, OPT_SLOTS},
    {"fence-timeout-ms", required_argument, NULL, OPT_FENCE_TIMEOUT},
    {"window", no_argument, NULL, OPT_WINDOW},
    {"csv", required_argument, NULL, OPT_CSV},
    {"gpu-timers", required_argument, NULL, OPT_GPU_TIMERS},
    {"vsync", required_argument, NULL, OPT_VSYNC},
    {"frb-codec", required_argument, NULL, OPT_FRB_CODEC},
    {"producer-process", required_argument, NULL, OPT_PRODUCER_PROCESS},
    {"gl-api", required_argument, NULL, OPT_GL_API},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct run_request {
    vb_run_options options;
    const vb_strategy_ops *strategies[VB_SESSION_MAX_RUNS];
    int strategy_count;
    long long frames; /* -1: not given */
    double duration;  /* < 0: not given */
    const char *input, *output, *csv;
    int quiet;
    int repeat; /* runs of each strategy, interleaved */
} run_request;

/* `name`: the option as the user typed it ("--seconds" for --duration's alias), for messages. */
static int parse_option(int opt, const char *name, const char *arg, run_request *req) {
    vb_run_options *o = &req->options;
    long long n;
    int status;
    if (cli_is_view_option(opt)) return cli_parse_view_option(opt, arg, &o->view);
    switch (opt) {
    case OPT_STRATEGY:
        return cli_parse_strategy_list(name, arg, req->strategies, &req->strategy_count);
    case OPT_FRAMES:
        return vb_parse_int("--frames", arg, 1, 10000000, &req->frames);
    case OPT_DURATION:
        return vb_parse_double(name, arg, 0.001, 86400.0, &req->duration);
    case OPT_WARMUP:
        status = vb_parse_int(name, arg, 0, 100000, &n);
        o->warmup = n;
        return status;
    case OPT_PACE:
        return vb_pace_from_name("--pace", arg, &o->pace);
    case OPT_VERIFY:
        status = vb_parse_int("--verify", arg, 1, 10000000, &n);
        o->verify_every = n;
        return status;
    case OPT_TOLERANCE:
        status = vb_parse_int("--tolerance", arg, 0, 255, &n);
        o->picture_tolerance = (int)n;
        return status;
    case OPT_POOL:
        o->pool = 1;
        return VB_OK;
    case OPT_REPEAT:
        status = vb_parse_int(name, arg, 1, 16, &n);
        req->repeat = (int)n;
        return status;
    case OPT_SLOTS:
        status = vb_parse_int("--slots", arg, 3, 16, &n);
        o->slots = (int)n;
        return status;
    case OPT_FENCE_TIMEOUT:
        status = vb_parse_int("--fence-timeout-ms", arg, 1, 600000, &n);
        o->fence_timeout_ns = n * 1000000;
        return status;
    case OPT_WINDOW:
        o->visible = 1;
        return VB_OK;
    case OPT_GPU_TIMERS:
        return vb_gpu_timers_from_name("--gpu-timers", arg, &o->gpu_timers);
    case OPT_VSYNC:
        status = vb_parse_int("--vsync", arg, VB_VSYNC_MIN_HZ, VB_VSYNC_MAX_HZ, &n);
        o->vsync_hz = (int)n;
        return status;
    case OPT_FRB_CODEC:
        return vb_frb_codec_from_name("--frb-codec", arg, &o->frb_codec);
    case OPT_PRODUCER_PROCESS:
        return vb_producer_process_from_name("--producer-process", arg, &o->producer_process);
    case OPT_GL_API:
        return vb_gl_api_from_name("--gl-api", arg, &o->gl_api);
    case OPT_CSV:
        req->csv = arg;
        return VB_OK;
    case 'o':
        req->output = arg;
        return VB_OK;
    case 'q':
        req->quiet = 1;
        return VB_OK;
    default:
        vb_error_set("internal: unhandled option %d", opt);
        return -VB_ERR_USAGE;
    }
}

static int parse_run_args(int argc, char **argv, run_request *req) {
    opterr = 0;
    int opt;
    int unknown = cli_check_long_options("run", argc, argv, run_options, ":o:qh");
    if (unknown >= 0) return unknown;
    int index = -1;
    while ((opt = getopt_long(argc, argv, ":o:qh", run_options, &index)) != -1) {
        if (opt == 'h') {
            print_run_help(stdout);
            return 0;
        }
        if (opt == '?') return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        if (opt == ':')
            return cli_usage_error("run", "option '%s' needs a value", argv[optind - 1]);
        char name[64] = "-o";
        if (index >= 0) snprintf(name, sizeof name, "--%s", run_options[index].name);
        index = -1;
        if (parse_option(opt, name, optarg, req) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    }
    if (optind < argc) req->input = argv[optind++];
    if (optind < argc) return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
    if (req->frames >= 0 && req->duration >= 0)
        return cli_usage_error("run", "--frames and --duration conflict; give one");
    vb_run_options *o = &req->options;
    if (req->frames >= 0) o->frames = req->frames;
    if (req->duration >= 0) {
        double frames = req->duration * o->view.fps;
        if (frames < 1 || frames > 10000000)
            return cli_usage_error("run",
                                   "--duration %g s at %d fps is %.0f frames (1 .. 10000000)",
                                   req->duration, o->view.fps, frames);
        o->frames = (int64_t)(frames + 0.5);
    }
    if (vb_view_options_validate(&o->view) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    if (o->visible && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
        return cli_usage_error("run", "--window needs a display (DISPLAY or WAYLAND_DISPLAY)");
    if (cli_read_fault(&req->options) != VB_OK) return cli_fail(-VB_ERR_USAGE);
    return -1;
}

/* ---- progress ----------------------------------------------------------------------------- */

typedef struct progress {
    pthread_t thread;
    atomic_int done;
    int started, quiet, header_shown;
    const run_request *req;
} progress;

/* Seconds left: at realtime pace the frames left at the target rate; at max pace the frames
 * left at the rate so far. -1 while unknown. */
static double seconds_left(const run_request *req, int64_t done, int64_t total, double elapsed) {
    if (req->options.pace == VB_PACE_REALTIME)
        return (double)(total - done) / req->options.view.fps;
    return done > 0 ? elapsed * (double)(total - done) / (double)done : -1;
}

static void *progress_main(void *opaque) {
    progress *p = opaque;
    const int64_t length = p->req->options.warmup + p->req->options.frames;
    const int64_t total = length * p->req->strategy_count;
    const int64_t start = vb_now_ns();
    while (!atomic_load(&p->done)) {
        int index = atomic_load(&vb_session_current_run);
        int64_t frame = atomic_load(&vb_run_progress);
        double left = seconds_left(p->req, index * length + frame, total,
                                   (double)(vb_now_ns() - start) / 1e9);
        fprintf(stderr, "\rvizbench run: [%d/%d] %-14s frame %lld/%lld", index + 1,
                p->req->strategy_count, p->req->strategies[index]->facts.name, (long long)frame,
                (long long)length);
        if (left >= 0) fprintf(stderr, ", %.0f s left", left + 0.5);
        fputs("   ", stderr);
        struct timespec pause = {0, 100000000};
        nanosleep(&pause, NULL);
    }
    fputs("\r\033[K", stderr);
    return NULL;
}

/* The session's context is known: the header first (input, GL, references), then the
 * progress line while the strategies run. */
static void context_known(const vb_session *session, void *user) {
    progress *p = user;
    if (!p->quiet) {
        vb_run_table_print_header(session, stdout);
        fflush(stdout);
        p->header_shown = 1;
    }
    p->started = isatty(STDERR_FILENO) && pthread_create(&p->thread, NULL, progress_main, p) == 0;
}

/* ---- the command ------------------------------------------------------------------------- */

int cmd_run(int argc, char **argv) {
    static run_request req; /* large; static keeps it off the stack */
    memset(&req, 0, sizeof req);
    req.frames = -1;
    req.duration = -1;
    vb_run_options_defaults(&req.options);
    req.options.view.view = VB_VIEW_SPECTRUM;
    for (int i = 0; i < vb_strategy_count; i++)
        req.strategies[req.strategy_count++] = vb_strategy_list[i];
    req.repeat = 1;
    int stop = parse_run_args(argc, argv, &req);
    if (stop >= 0) return stop;
    if (vb_session_repeat(req.strategies, &req.strategy_count, req.repeat) != VB_OK)
        return cli_usage_error("run", "%s", vb_error_get());

    /* Outputs that cannot be written are found now, not after the measurement. */
    if ((req.output && vb_atomic_probe(req.output) != VB_OK) ||
        (req.csv && vb_atomic_probe(req.csv) != VB_OK))
        return cli_fail(-VB_ERR_FAILURE);

    vb_audio audio;
    int exit_code = cli_load_input(req.input, &audio);
    if (exit_code != 0) return exit_code;

    static vb_session session;
    memset(&session, 0, sizeof session);
    session.options = req.options;
    cli_describe_command(argc, argv, session.command, sizeof session.command);
    if (cli_input_info(req.input, &audio, req.options.view.fps, &session.input) != VB_OK) {
        vb_audio_free(&audio);
        return cli_fail(-VB_ERR_FAILURE);
    }

    cli_catch_stop_signals();

    progress bar = {.req = &req, .quiet = req.quiet};
    atomic_init(&bar.done, 0);
    session.on_context = context_known;
    session.on_context_user = &bar;
    int status =
        vb_session_run(&session, &audio, req.strategies, req.strategy_count, &cli_stop_requested);
    if (bar.started) {
        atomic_store(&bar.done, 1);
        pthread_join(bar.thread, NULL);
    }
    cli_restore_signals();

    exit_code = status == VB_OK ? cli_session_exit_code(&session) : 1;
    if (status != VB_OK) cli_print_error(vb_error_get());
    if (!req.quiet && !bar.header_shown) vb_run_table_print_header(&session, stdout);
    if (!req.quiet) {
        vb_run_table_print_rows(&session, stdout, cli_columns(stdout));
        vb_run_findings_print(&session, stdout);
        vb_thread_table_print(&session, stdout);
        vb_memory_table_print(&session, stdout);
    }
    for (int i = 0; i < session.run_count; i++)
        if (session.runs[i].status == VB_STRATEGY_FAILED)
            fprintf(stderr, "vizbench: %s: %s\n", session.runs[i].strategy->name,
                    session.runs[i].reason);
    if (!session.gl_available) fprintf(stderr, "vizbench: %s\n", session.gl_reason);
    if (req.output && vb_results_json_write(&session, req.output) != VB_OK) {
        cli_print_error(vb_error_get());
        exit_code = 1;
    }
    if (req.csv && vb_frames_csv_write(&session, req.csv) != VB_OK) {
        cli_print_error(vb_error_get());
        exit_code = 1;
    }
    if (!session.complete) fprintf(stderr, "vizbench: interrupted; partial results kept\n");
    vb_session_free(&session);
    vb_audio_free(&audio);
    return exit_code;
}
