/* vizbench validate and vizbench report: thresholds, where the evidence comes from (a new
 * sweep or a results file), the verdict table and the report folder. The verdicts are in
 * verdict/claims.c, the report in report/report.c. */
#include "cli.h"

#include "common/parse.h"
#include "io/atomic_file.h"
#include "measure/machine_info.h"
#include "measure_args.h"
#include "report/report.h"
#include "results/sweep_json.h"
#include "report/verdict_table.h"
#include "report/estimate_table.h"
#include "verdict/decision.h"
#include "sweep_runner.h"
#include "transfer/frb_hop.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_thresholds_help(FILE *out) {
    fputs("thresholds (printed with every verdict):\n"
          "  --arith-tolerance PCT  C1: how far the note's rounded figures may be off (10)\n"
          "  --copy-share PCT       C2: \"easily\" = the copy takes at most PCT of a core (5)\n"
          "  --max-dropped PCT      holds the budget: at most PCT of due frames never shown (1)\n"
          "  --max-latency-frames N holds the budget: p99 latency at most N frame periods (2)\n"
          "  --max-cpu PCT          holds the budget: process CPU at most PCT of one core (25)\n",
          out);
}

static void print_validate_help(FILE *out) {
    fputs("usage: vizbench validate [INPUT] [--from RESULTS.json] [-o DIR] [--quick] [options]\n"
          "\n"
          "Opens with a decision (which strategy for the note's case, up to where it holds,\n"
          "what beyond), then gives a verdict on each claim of the research note (C1-C7:\n"
          "supported, refuted, undecided where repeated runs straddle the threshold, or not\n"
          "testable here, with the reason and how far the CPU could be slower before the\n"
          "verdict flips), from a new sweep of the input (1080x200 and 3840x2160 at 60 and\n"
          "120 fps, every view and strategy, 3 runs each; about 8 minutes on 2 cores) or from\n"
          "the results of an earlier sweep or run. With -o, writes the sweep and the report.\n"
          "\n"
          "  --from FILE           read the evidence (vizbench.sweep or vizbench.run JSON)\n"
          "                        instead of measuring\n"
          "  -o, --output DIR      write DIR/sweep.json (as it is measured), DIR/report.html,\n"
          "                        DIR/report.md and DIR/charts/*.svg\n"
          "  --quick               measure the quick grid (1080x200 only, at 60 and 120 fps,\n"
          "                        2 runs each; under a minute): its verdicts are labelled quick\n"
          "  --runs N, --repeat N  runs of every strategy at every point, interleaved, 1 .. 8\n"
          "                        (default 3; 2 with --quick): a verdict is decided only\n"
          "                        where every run agrees, else it is undecided, with the range\n"
          "  --pace PACE           realtime (default) or max for the sweep\n"
          "  --frb-codec CODEC     the frb-* strategies' codec, sse (default) or dco\n"
          "  --producer-process WHERE  vulkan-interop's producer: same (default) or separate\n"
          "  --gl-api API          gl or gles: every strategy on desktop GL or OpenGL ES\n"
          "                        (default: each strategy's own, as for 'vizbench run')\n"
          "  -q, --quiet           no verdict table on stdout\n"
          "  -h, --help            this help\n",
          out);
    print_thresholds_help(out);
    fputs("\nexit codes: 0 verdicts given; 1 failure (bad input, a write failed, a strategy\n"
          "            failed or showed a different picture: the verdicts are still given);\n"
          "            2 usage error, or a results file that is not valid vizbench results\n"
          "            (the error names the field); 4 interrupted (verdicts on what was\n"
          "            measured, partial sweep kept)\n",
          out);
}

static void print_report_help(FILE *out) {
    fputs("usage: vizbench report RESULTS.json -o DIR [options]\n"
          "\n"
          "Writes the report of a sweep or run results file: DIR/report.html (self-contained,\n"
          "inline SVG charts), DIR/report.md (the same tables) and DIR/charts/*.svg, with the\n"
          "verdict on each claim of the research note first.\n"
          "\n"
          "  -o, --output DIR      the report folder (created if missing)\n"
          "  -h, --help            this help\n",
          out);
    print_thresholds_help(out);
    fputs("\nexit codes: 0 written; 1 the results file cannot be read or a write failed;\n"
          "            2 usage error, or a results file that is not valid vizbench results\n",
          out);
}

enum {
    OPT_FROM = 256,
    OPT_QUICK,
    OPT_PACE,
    OPT_ARITH,
    OPT_COPY_SHARE,
    OPT_MAX_DROPPED,
    OPT_MAX_LATENCY,
    OPT_MAX_CPU,
    OPT_REPEAT,
    OPT_FRB_CODEC,
    OPT_PRODUCER_PROCESS,
    OPT_GL_API,
};

static const struct option validate_options[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"quick", no_argument, NULL, OPT_QUICK},
    {"pace", required_argument, NULL, OPT_PACE},
    {"arith-tolerance", required_argument, NULL, OPT_ARITH},
    {"copy-share", required_argument, NULL, OPT_COPY_SHARE},
    {"max-dropped", required_argument, NULL, OPT_MAX_DROPPED},
    {"max-latency-frames", required_argument, NULL, OPT_MAX_LATENCY},
    {"max-cpu", required_argument, NULL, OPT_MAX_CPU},
    {"repeat", required_argument, NULL, OPT_REPEAT},
    {"runs", required_argument, NULL, OPT_REPEAT}, /* hyperfine's name */
    {"frb-codec", required_argument, NULL, OPT_FRB_CODEC},
    {"producer-process", required_argument, NULL, OPT_PRODUCER_PROCESS},
    {"gl-api", required_argument, NULL, OPT_GL_API},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct validate_request {
    const char *command; /* "validate" or "report" */
    const char *input, *from, *output;
    int quick, quiet;
    int repeat;
    vb_frb_codec frb_codec;
    vb_producer_process producer_process;
    int gl_api;
    vb_pace pace;
    vb_thresholds thresholds;
} validate_request;

/* The thresholds, and --gl-api (kept out of parse_args, which is long enough). */
static int parse_threshold(int opt, const char *arg, validate_request *req) {
    vb_thresholds *t = &req->thresholds;
    switch (opt) {
    case OPT_GL_API:
        return vb_gl_api_from_name("--gl-api", arg, &req->gl_api);
    case OPT_ARITH:
        return vb_parse_double("--arith-tolerance", arg, 0, 1000, &t->arithmetic_pct);
    case OPT_COPY_SHARE:
        return vb_parse_double("--copy-share", arg, 0, 100, &t->copy_share_pct);
    case OPT_MAX_DROPPED:
        return vb_parse_double("--max-dropped", arg, 0, 100, &t->max_dropped_pct);
    case OPT_MAX_LATENCY:
        return vb_parse_double("--max-latency-frames", arg, 0.01, 1000, &t->max_latency_frames);
    case OPT_MAX_CPU:
        return vb_parse_double("--max-cpu", arg, 0, 100000, &t->max_cpu_pct);
    default:
        return -VB_ERR_USAGE;
    }
}

/* -1: go on; otherwise the exit code. */
static int parse_args(int argc, char **argv, validate_request *req) {
    const int is_report = strcmp(req->command, "report") == 0;
    opterr = 0;
    int opt, unknown = cli_check_long_options(req->command, argc, argv, validate_options, ":o:qh");
    if (unknown >= 0) return unknown;
    int index = -1;
    while ((opt = getopt_long(argc, argv, ":o:qh", validate_options, &index)) != -1) {
        int status = VB_OK;
        if (is_report && (opt == OPT_FROM || opt == OPT_QUICK || opt == OPT_PACE || opt == 'q' ||
                          opt == OPT_REPEAT || opt == OPT_FRB_CODEC ||
                          opt == OPT_PRODUCER_PROCESS || opt == OPT_GL_API)) {
            /* the option's own name: argv[optind - 1] is its value when it takes one */
            char name[48];
            if (index >= 0)
                snprintf(name, sizeof name, "--%s", validate_options[index].name);
            else
                snprintf(name, sizeof name, "-%c", opt);
            return cli_usage_error("report", "option '%s' is for 'vizbench validate'", name);
        }
        index = -1;
        switch (opt) {
        case 'h':
            if (is_report)
                print_report_help(stdout);
            else
                print_validate_help(stdout);
            return 0;
        case '?':
            return cli_usage_error(req->command, "unknown option '%s'", argv[optind - 1]);
        case ':':
            return cli_usage_error(req->command, "option '%s' needs a value", argv[optind - 1]);
        case OPT_FROM:
            req->from = optarg;
            break;
        case OPT_QUICK:
            req->quick = 1;
            break;
        case OPT_PACE:
            status = vb_pace_from_name("--pace", optarg, &req->pace);
            break;
        case OPT_REPEAT: {
            long long n = 0;
            status = vb_parse_int("--repeat", optarg, 1, 8, &n);
            req->repeat = (int)n;
            break;
        }
        case OPT_FRB_CODEC:
            status = vb_frb_codec_from_name("--frb-codec", optarg, &req->frb_codec);
            break;
        case OPT_PRODUCER_PROCESS:
            status =
                vb_producer_process_from_name("--producer-process", optarg, &req->producer_process);
            break;
        case 'o':
            req->output = optarg;
            break;
        case 'q':
            req->quiet = 1;
            break;
        default:
            status = parse_threshold(opt, optarg, req);
            break;
        }
        if (status != VB_OK) return cli_fail(-VB_ERR_USAGE);
    }
    if (optind < argc) req->input = argv[optind++];
    if (optind < argc)
        return cli_usage_error(req->command, "unexpected argument '%s'", argv[optind]);
    if (is_report) {
        if (!req->input) return cli_usage_error("report", "no results file given");
        if (!req->output) return cli_usage_error("report", "-o DIR is required");
        req->from = req->input;
        req->input = NULL;
    }
    if (req->from && (req->input || req->quick || req->repeat))
        return cli_usage_error(req->command,
                               "--from reads earlier results; INPUT, --quick and --repeat "
                               "conflict with it");
    return -1;
}

/* Measures the evidence: the default (or quick) grid on the input. */
static int measure(const validate_request *req, int argc, char **argv, vb_sweep *sweep) {
    vb_audio audio;
    int exit_code = cli_load_input(req->input, &audio);
    if (exit_code != 0) return exit_code;
    vb_sweep_grid grid;
    vb_sweep_grid_validate(&grid, req->quick);
    grid.base.pace = req->pace;
    grid.base.frb_codec = req->frb_codec;
    grid.base.producer_process = req->producer_process;
    grid.base.gl_api = req->gl_api;
    if (vb_sweep_grid_repeat(&grid, req->repeat ? req->repeat : req->quick ? 2 : 3) != VB_OK) {
        vb_audio_free(&audio);
        return cli_fail(-VB_ERR_USAGE);
    }
    if (cli_read_fault(&grid.base) != VB_OK || vb_sweep_init(sweep, &grid) != VB_OK) {
        vb_audio_free(&audio);
        return cli_fail(-VB_ERR_USAGE);
    }
    if (cli_input_info(req->input, &audio, 60, &sweep->input) != VB_OK) {
        vb_audio_free(&audio);
        vb_sweep_free(sweep);
        return cli_fail(-VB_ERR_FAILURE);
    }
    vb_utc_timestamp(sweep->created, sizeof sweep->created);
    cli_describe_command(argc, argv, sweep->command, sizeof sweep->command);
    char path[4096];
    if (req->output) snprintf(path, sizeof path, "%s/sweep.json", req->output);
    fprintf(stderr, "vizbench validate: measuring %d combinations x %d strategies x %d runs%s%s\n",
            sweep->count, grid.strategy_count / vb_sweep_grid_repeats(&grid),
            vb_sweep_grid_repeats(&grid), req->output ? " into " : "", req->output ? path : "");
    exit_code = cli_run_sweep(sweep, &audio, req->output ? path : NULL);
    vb_audio_free(&audio);
    return exit_code;
}

/* For the Android decision: each Android candidate's estimated CPU time per thread on each phone
 * core class (this build's cost model, labelled as an estimate), and the note's pick on a little
 * core in one sentence. */
static void print_phone_estimates(FILE *out) {
    const vb_strategy_facts *android[64], *pick;
    const int count = vb_estimate_android_candidates(android, 64, &pick);
    fputs("\nAndroid's candidates on phone cores.\n", out);
    vb_estimate_table_print(android, count, 0, out);
    vb_estimate_pick_print(pick, out);
}

static int validate_or_report(int argc, char **argv, const char *command) {
    validate_request req = {.command = command, .pace = VB_PACE_REALTIME};
    vb_thresholds_defaults(&req.thresholds);
    int stop = parse_args(argc, argv, &req);
    if (stop >= 0) return stop;
    if (req.output && vb_folder_ensure(req.output) != VB_OK) return cli_fail(-VB_ERR_FAILURE);
    if (req.output) { /* a folder that takes no files is found now, not after measuring */
        char probe[4200];
        snprintf(probe, sizeof probe, "%s/report.html", req.output);
        if (vb_atomic_probe(probe) != VB_OK) return cli_fail(-VB_ERR_FAILURE);
    }

    vb_sweep sweep;
    memset(&sweep, 0, sizeof sweep);
    int exit_code = 0;
    if (req.from) {
        int status = vb_results_read_any(req.from, &sweep);
        if (status != VB_OK) return cli_fail(status);
    } else {
        exit_code = measure(&req, argc, argv, &sweep);
        if (!sweep.sessions) return exit_code; /* nothing measured: bad input or usage */
    }
    vb_evidence evidence;
    if (vb_evidence_from_sweep(&sweep, &evidence) != VB_OK) {
        vb_sweep_free(&sweep);
        return cli_fail(-VB_ERR_FAILURE);
    }
    static vb_claim claims[VB_CLAIM_COUNT];
    vb_claims_evaluate(&evidence, &req.thresholds, claims);
    vb_decisions decision;
    vb_decide(&evidence, &req.thresholds, &decision);
    if (!req.quiet && strcmp(command, "validate") == 0) {
        vb_verdict_table_print(&evidence, claims, &decision, stdout, cli_columns(stdout));
        print_phone_estimates(stdout);
    }
    if (req.output) {
        if (vb_report_write(&evidence, claims, &decision, &req.thresholds, req.output) != VB_OK) {
            cli_print_error(vb_error_get());
            exit_code = 1;
        } else if (!req.quiet) {
            printf("vizbench %s: report written to %s/report.html and %s/report.md\n", command,
                   req.output, req.output);
        }
    }
    vb_evidence_free(&evidence);
    vb_sweep_free(&sweep);
    return exit_code;
}

int cmd_validate(int argc, char **argv) {
    return validate_or_report(argc, argv, "validate");
}

int cmd_report(int argc, char **argv) {
    return validate_or_report(argc, argv, "report");
}
