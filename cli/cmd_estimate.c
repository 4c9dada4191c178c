/* vizbench estimate: each strategy's CPU time per frame on phone core classes, estimated by the
 * cost model from the committed aarch64 instruction counts (estimate/cost_model.h), and the
 * model's calibration: committed, or measured on this machine with --calibrate. */
#include "cli.h"
#include "estimate/calibration.h"
#include "estimate/stage_counts.h"
#include "io/atomic_file.h"
#include "measure/machine_info.h"
#include "measure_args.h"
#include "report/estimate_table.h"
#include "transfer/strategy.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

enum { OPT_STRATEGIES = 256, OPT_SOURCES, OPT_CALIBRATE, OPT_EXPORT_JSON };

static const struct option estimate_options[] = {
    {"strategies", required_argument, NULL, OPT_STRATEGIES},
    {"sources", no_argument, NULL, OPT_SOURCES},
    {"calibrate", no_argument, NULL, OPT_CALIBRATE},
    {"export-json", required_argument, NULL, OPT_EXPORT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void print_estimate_help(FILE *out) {
    fputs("usage: vizbench estimate [options]\n"
          "\n"
          "Each strategy's CPU time per frame at 1080x200 on phone cores (little: Cortex-A55\n"
          "class, mid: A78 class, big: X1-X3 class), per thread the app would run it on: a\n"
          "model fed the committed aarch64 instruction counts of each stage (not a\n"
          "measurement), then the model's calibration on x86 (docs/cost-model.md).\n"
          "\n"
          "options:\n",
          out);
    cli_print_strategy_help(out, "--strategies LIST");
    fputs("  --sources          the source of every core figure\n"
          "  --calibrate        measure the calibration on this machine now (a few seconds)\n"
          "                     instead of printing the committed one\n"
          "  --export-json FILE with --calibrate: write it as JSON (the committed one is\n"
          "                     bench/baselines/calibration.json)\n"
          "  -h, --help         this help\n"
          "\n"
          "exit codes: 0 success, 1 failure (the calibration could not run, a file not\n"
          "written), 2 usage error\n",
          out);
}

typedef struct estimate_request {
    const vb_strategy_ops *strategies[64];
    int strategy_count;
    int sources, calibrate;
    const char *export_json;
} estimate_request;

static int parse_estimate_args(int argc, char **argv, estimate_request *req) {
    opterr = 0;
    int opt;
    int unknown = cli_check_long_options("estimate", argc, argv, estimate_options, ":h");
    if (unknown >= 0) return unknown;
    while ((opt = getopt_long(argc, argv, ":h", estimate_options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            print_estimate_help(stdout);
            return 0;
        case OPT_STRATEGIES:
            if (cli_parse_strategy_list("--strategies", optarg, req->strategies,
                                        &req->strategy_count) != VB_OK)
                return cli_fail(-VB_ERR_USAGE);
            break;
        case OPT_SOURCES:
            req->sources = 1;
            break;
        case OPT_CALIBRATE:
            req->calibrate = 1;
            break;
        case OPT_EXPORT_JSON:
            req->export_json = optarg;
            break;
        case ':':
            return cli_usage_error("estimate", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("estimate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage_error("estimate", "unexpected argument '%s'", argv[optind]);
    if (req->export_json && !req->calibrate)
        return cli_usage_error("estimate", "--export-json writes a calibration: add --calibrate");
    if (!req->strategy_count)
        for (int i = 0; i < vb_strategy_count; i++)
            req->strategies[req->strategy_count++] = vb_strategy_list[i];
    return -1;
}

static int write_calibration(const vb_calibration *c, const char *path) {
    vb_machine_info info;
    vb_machine_info_read(&info);
    char created[32];
    vb_utc_timestamp(created, sizeof created);
    json_t *root = vb_calibration_to_json(c, created, info.revision);
    vb_atomic_file file;
    int status = root ? vb_atomic_open(&file, path) : -VB_ERR_FAILURE;
    if (!root) vb_error_set("%s: cannot build the calibration (out of memory)", path);
    if (status == VB_OK) {
        if (json_dumpf(root, file.stream, JSON_INDENT(2)) != 0 || fputc('\n', file.stream) == EOF)
            status = vb_atomic_fail(&file, EIO);
        else
            status = vb_atomic_commit(&file);
    }
    json_decref(root);
    return status;
}

int cmd_estimate(int argc, char **argv) {
    estimate_request req = {0};
    int stop = parse_estimate_args(argc, argv, &req);
    if (stop >= 0) return stop;
    if (req.export_json && vb_atomic_probe(req.export_json) != VB_OK)
        return cli_fail(-VB_ERR_FAILURE);
    const vb_strategy_facts *facts[64];
    for (int i = 0; i < req.strategy_count; i++)
        facts[i] = &req.strategies[i]->facts;
    vb_estimate_table_print(facts, req.strategy_count, req.sources, stdout);
    const vb_strategy_facts *android[64], *pick;
    vb_estimate_android_candidates(android, 64, &pick);
    if (pick) {
        fputc('\n', stdout);
        vb_estimate_pick_print(pick, stdout);
    }
    fputc('\n', stdout);
    vb_calibration calibration;
    if (req.calibrate) {
        printf("vizbench estimate: calibrating on this machine (a few seconds)\n");
        fflush(stdout);
        if (vb_calibration_measure(&calibration) != VB_OK) return cli_fail(-VB_ERR_FAILURE);
        vb_calibration_table_print(&calibration,
                                   "The model on this machine, measured now (x86-64 counts of "
                                   "the gcc release build):",
                                   stdout);
        if (req.export_json && write_calibration(&calibration, req.export_json) != VB_OK)
            return cli_fail(-VB_ERR_FAILURE);
    } else if (vb_calibration_committed(&calibration) == VB_OK) {
        char title[400];
        snprintf(title, sizeof title,
                 "The model's committed calibration (%s):", vb_stage_calibration_origin());
        vb_calibration_table_print(&calibration, title, stdout);
    } else {
        printf("No calibration is committed: `vizbench estimate --calibrate --export-json "
               "bench/baselines/calibration.json` takes one.\n");
    }
    return 0;
}
