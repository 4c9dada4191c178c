/* vizbench compare: the regression gate. Reads the baseline and the current results (files, or
 * folders of them), hands the timing results to gate/compare.c and instruction counts to
 * gate/instructions.c, prints the table and writes the Markdown summary. */
#include "cli.h"

#include "common/parse.h"
#include "gate/compare.h"
#include "gate/instructions.h"
#include "report/compare_table.h"
#include "io/json_file.h"
#include "results/sweep_json.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILES VB_GATE_MAX_RUNS

/* Every metric of the table (gate/metrics.h) with its minimum threshold. */
static void print_metric_help(FILE *out) {
    for (int m = 0; m < VB_METRIC_COUNT; m++) {
        const vb_metric_info *info = vb_metric_get((vb_metric)m);
        if (info->exact)
            fprintf(out,
                    "                          %-18s work count per frame, exact: any change\n",
                    info->name);
        else
            fprintf(out, "                          %-18s %s, %.0f %%\n", info->name, info->label,
                    info->threshold_pct);
    }
}

static void print_help(FILE *out) {
    fputs("usage: vizbench compare BASELINE CURRENT [--threshold PCT] [--metrics LIST]\n"
          "                        [--md FILE] [options]\n"
          "\n"
          "The regression gate. BASELINE and CURRENT are results files (vizbench run or sweep\n"
          "JSON: repeated runs of the same points make the comparison robust to a noisy\n"
          "machine; vizbench.instructions JSON for the exact layer), or folders of them (every\n"
          "*.json inside). For each view x size x fps x pace x strategy in both, and each\n"
          "metric: the change of its statistic, a confidence interval (hierarchical bootstrap:\n"
          "runs, then frames), and a decision: regression, improvement, no change or not\n"
          "comparable. A regression is worse than the threshold with the whole interval worse.\n"
          "Timings of different machines (CPU model, GL renderer, or in-run reference limits\n"
          "over 1.5 x apart) are not comparable: exit 2, unless --cross-machine.\n"
          "\n"
          "  --threshold PCT       the threshold of every metric instead of its own minimum and\n"
          "                        noise floor (defaults below)\n"
          "  --metrics LIST        comma-separated, of (default all; minimum threshold):\n",
          out);
    print_metric_help(out);
    fputs("  --instruction-threshold PCT\n"
          "                        instructions per frame: allowed change (default 1)\n"
          "  --confidence PCT      of the interval, 50 .. 99.9 (default 95)\n"
          "  --resamples N         bootstrap resamples, 100 .. 100000 (default 2000)\n"
          "  --normalise WHEN      auto (only across machine classes or GL renderers), on, off\n"
          "  --speed-correction ON|OFF\n"
          "                        divide each results file by its speed factor: the median\n"
          "                        of its other points' change (default on; docs/gate.md)\n"
          "  --paired              baseline file k was measured side by side with current\n"
          "                        file k (files in name order; scripts/gate): resample pairs\n"
          "  --noise-floor         with --paired: measure each side against itself (files 2j\n"
          "                        vs 2j+1) and raise each metric's threshold to the largest\n"
          "                        change seen there\n"
          "  --cross-machine       compare different machines in reference units (memcpy times,\n"
          "                        shares of the plain upload): reported, never a failure\n"
          "  --machine-factor X    in-run reference limits more than X apart (beyond each\n"
          "                        other's range) mean another machine, 1.1 .. 100 (default\n"
          "                        1.5; single runs on a loaded machine may need more)\n"
          "  --md FILE             the summary as Markdown (CI log, pull-request comment)\n"
          "  -q, --quiet           only the summary line on stdout\n"
          "  -h, --help            this help\n"
          "\n"
          "exit codes: 0 no regression (always, with --cross-machine, for timings); 1 a\n"
          "            regression (or the --md file could not be written); 2 usage error, an\n"
          "            input that cannot be read or is not vizbench results (the error names\n"
          "            the file and field), timings of different machines, or nothing\n"
          "            comparable\n",
          out);
}

enum {
    OPT_THRESHOLD = 256,
    OPT_METRICS,
    OPT_INSTRUCTION_THRESHOLD,
    OPT_CONFIDENCE,
    OPT_RESAMPLES,
    OPT_NORMALISE,
    OPT_MD,
    OPT_SPEED,
    OPT_PAIRED,
    OPT_NOISE_FLOOR,
    OPT_CROSS_MACHINE,
    OPT_MACHINE_FACTOR,
};

typedef struct compare_request {
    vb_compare_options options;
    double instruction_threshold_pct;
    const char *md_path;
    const char *baseline, *current;
    int quiet;
} compare_request;

/* One side: its timing results (sweeps) and at most one instruction-count file. */
typedef struct side {
    vb_sweep sweeps[MAX_FILES];
    int sweep_count;
    vb_instruction_counts instructions;
    int has_instructions;
} side;

static int parse_metrics(const char *text, vb_compare_options *o) {
    char copy[256];
    snprintf(copy, sizeof copy, "%s", text);
    o->metric_count = 0;
    for (char *save = NULL, *name = cli_next_item(copy, &save); name;
         name = cli_next_item(NULL, &save)) {
        vb_metric m;
        if (vb_metric_from_name("--metrics", name, &m) != VB_OK) return -VB_ERR_USAGE;
        for (int i = 0; i < o->metric_count; i++) {
            if (o->metrics[i] == m) {
                vb_error_set("--metrics: '%s' given twice", name);
                return -VB_ERR_USAGE;
            }
        }
        o->metrics[o->metric_count++] = m;
    }
    if (o->metric_count == 0) {
        vb_error_set("--metrics: empty list");
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

static int parse_normalise(const char *text, int *out) {
    static const char *const names[] = {"auto", "on", "off"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(text, names[i]) == 0) {
            *out = i;
            return VB_OK;
        }
    }
    vb_error_set("--normalise: '%s' is not auto, on or off", text);
    return -VB_ERR_USAGE;
}

static int parse_args(int argc, char **argv, compare_request *req) {
    static const struct option options[] = {
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"metrics", required_argument, NULL, OPT_METRICS},
        {"instruction-threshold", required_argument, NULL, OPT_INSTRUCTION_THRESHOLD},
        {"confidence", required_argument, NULL, OPT_CONFIDENCE},
        {"resamples", required_argument, NULL, OPT_RESAMPLES},
        {"normalise", required_argument, NULL, OPT_NORMALISE},
        {"md", required_argument, NULL, OPT_MD},
        {"speed-correction", required_argument, NULL, OPT_SPEED},
        {"paired", no_argument, NULL, OPT_PAIRED},
        {"noise-floor", no_argument, NULL, OPT_NOISE_FLOOR},
        {"cross-machine", no_argument, NULL, OPT_CROSS_MACHINE},
        {"machine-factor", required_argument, NULL, OPT_MACHINE_FACTOR},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 1;
    int c;
    int unknown = cli_check_long_options("compare", argc, argv, options, ":qh");
    if (unknown >= 0) return unknown;
    while ((c = getopt_long(argc, argv, ":qh", options, NULL)) != -1) {
        int status = VB_OK;
        long long resamples = 0;
        double confidence = 0;
        switch (c) {
        case OPT_THRESHOLD:
            status = vb_parse_double("--threshold", optarg, 0, 1000, &req->options.threshold_pct);
            break;
        case OPT_METRICS:
            status = parse_metrics(optarg, &req->options);
            break;
        case OPT_INSTRUCTION_THRESHOLD:
            status = vb_parse_double("--instruction-threshold", optarg, 0, 1000,
                                     &req->instruction_threshold_pct);
            break;
        case OPT_CONFIDENCE:
            status = vb_parse_double("--confidence", optarg, 50, 99.9, &confidence);
            req->options.confidence = confidence / 100.0;
            break;
        case OPT_RESAMPLES:
            status = vb_parse_int("--resamples", optarg, 100, 100000, &resamples);
            req->options.iterations = (int)resamples;
            break;
        case OPT_NORMALISE:
            status = parse_normalise(optarg, &req->options.normalise);
            break;
        case OPT_MD:
            req->md_path = optarg;
            break;
        case OPT_SPEED:
            if (strcmp(optarg, "on") == 0 || strcmp(optarg, "off") == 0) {
                req->options.speed_correction = strcmp(optarg, "on") == 0;
            } else {
                vb_error_set("--speed-correction: '%s' is not on or off", optarg);
                status = -VB_ERR_USAGE;
            }
            break;
        case OPT_PAIRED:
            req->options.paired = 1;
            break;
        case OPT_NOISE_FLOOR:
            req->options.noise_floor = 1;
            break;
        case OPT_CROSS_MACHINE:
            req->options.cross_machine = 1;
            break;
        case OPT_MACHINE_FACTOR:
            status =
                vb_parse_double("--machine-factor", optarg, 1.1, 100, &req->options.machine_factor);
            break;
        case 'q':
            req->quiet = 1;
            break;
        case 'h':
            print_help(stdout);
            return 0;
        case ':':
            return cli_usage_error("compare", "%s needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("compare", "unknown option '%s'", argv[optind - 1]);
        }
        if (status != VB_OK) return cli_usage_error("compare", "%s", vb_error_get());
    }
    if (argc - optind != 2) return cli_usage_error("compare", "needs BASELINE and CURRENT");
    req->baseline = argv[optind];
    req->current = argv[optind + 1];
    return -1;
}

static int is_instruction_file(const char *path, int *answer) {
    json_t *root = NULL;
    int status = vb_json_file_read(path, &root);
    if (status != VB_OK) return status;
    json_t *schema = json_object_get(root, "schema");
    *answer =
        json_is_string(schema) && strcmp(json_string_value(schema), VB_INSTRUCTIONS_SCHEMA) == 0;
    json_decref(root);
    return VB_OK;
}

static int read_file(const char *path, side *s) {
    int instructions = 0;
    int status = is_instruction_file(path, &instructions);
    if (status != VB_OK) return status;
    if (instructions) {
        if (s->has_instructions) {
            vb_error_set("%s: a second instruction-count file on the same side", path);
            return -VB_ERR_USAGE;
        }
        s->has_instructions = 1;
        return vb_instructions_read(path, &s->instructions);
    }
    if (s->sweep_count == MAX_FILES) {
        vb_error_set("%s: more than %d results files on one side", path, MAX_FILES);
        return -VB_ERR_USAGE;
    }
    status = vb_results_read_any(path, &s->sweeps[s->sweep_count]);
    if (status == VB_OK) s->sweep_count++;
    return status;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder: every *.json in it, in name order. */
static int read_folder(const char *path, side *s) {
    DIR *dir = opendir(path);
    if (!dir) {
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
        return -VB_ERR_USAGE;
    }
    char *names[2 * MAX_FILES];
    int count = 0, status = VB_OK;
    for (struct dirent *e = readdir(dir); e; e = readdir(dir)) {
        size_t length = strlen(e->d_name);
        if (length < 6 || strcmp(e->d_name + length - 5, ".json") != 0) continue;
        if (count == 2 * MAX_FILES) {
            vb_error_set("%s: more than %d results files", path, 2 * MAX_FILES);
            status = -VB_ERR_USAGE;
            break;
        }
        if (!(names[count] = malloc(strlen(path) + length + 2))) {
            vb_error_set("compare: out of memory");
            status = -VB_ERR_FAILURE;
            break;
        }
        sprintf(names[count++], "%s/%s", path, e->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)count, sizeof *names, compare_names);
    for (int i = 0; i < count; i++) {
        if (status == VB_OK) status = read_file(names[i], s);
        free(names[i]);
    }
    if (status == VB_OK && count == 0) {
        vb_error_set("%s: no .json results in the folder", path);
        status = -VB_ERR_USAGE;
    }
    return status;
}

static int read_side(const char *path, side *s) {
    struct stat st;
    if (stat(path, &st) != 0) {
        /* The wording every command uses; the exit code stays compare's 2 (cannot decide),
         * which CI must not read as 1 (a regression). */
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
        return -VB_ERR_USAGE;
    }
    return S_ISDIR(st.st_mode) ? read_folder(path, s) : read_file(path, s);
}

static void free_side(side *s) {
    for (int i = 0; i < s->sweep_count; i++)
        vb_sweep_free(&s->sweeps[i]);
}

/* A path as the summary shows it: relative to the working folder when inside it, else its
 * last two components, so that no machine's absolute paths reach a pull-request comment. */
static void display_path(const char *path, char *dst, size_t size) {
    char cwd[4096];
    size_t n = 0;
    if (path[0] != '/') {
        snprintf(dst, size, "%s", path);
        return;
    }
    if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 1 && strncmp(path, cwd, n) == 0 &&
        path[n] == '/') {
        snprintf(dst, size, "%s", path + n + 1);
        return;
    }
    const char *last = strrchr(path, '/'), *before = last;
    while (before > path && before[-1] != '/')
        before--;
    while (before > path && last[1] == '\0' && before[-1] == '/') /* a trailing slash */
        before--;
    snprintf(dst, size, "%s", before > path ? before : path + 1);
}

int cmd_compare(int argc, char **argv) {
    compare_request req = {.instruction_threshold_pct = VB_INSTRUCTIONS_THRESHOLD_PCT};
    vb_compare_options_defaults(&req.options);
    int stop = parse_args(argc, argv, &req);
    if (stop >= 0) return stop;

    static side baseline, current;
    int exit_code = EXIT_USAGE;
    vb_comparison timing = {0};
    int have_timing = 0;
    vb_instruction_row rows[2 * VB_INSTRUCTIONS_MAX_STAGES];
    int row_count = 0, instruction_regressions = 0;
    vb_text text, md;
    vb_text_init(&text);
    vb_text_init(&md);

    if (read_side(req.baseline, &baseline) != VB_OK || read_side(req.current, &current) != VB_OK) {
        cli_print_error(vb_error_get());
        goto done;
    }
    if (baseline.sweep_count && current.sweep_count) {
        int status = vb_compare(baseline.sweeps, baseline.sweep_count, current.sweeps,
                                current.sweep_count, &req.options, &timing);
        if (status != VB_OK) {
            cli_print_error(vb_error_get());
            if (status != -VB_ERR_USAGE) exit_code = 1;
            goto done;
        }
        have_timing = 1;
    }
    if (baseline.has_instructions && current.has_instructions)
        row_count =
            vb_instructions_compare(&baseline.instructions, &current.instructions,
                                    req.instruction_threshold_pct, rows, &instruction_regressions);
    int comparable = row_count > 0;
    if (have_timing) comparable |= timing.row_count > timing.not_comparable;
    char baseline_name[512], current_name[512];
    display_path(req.baseline, baseline_name, sizeof baseline_name);
    display_path(req.current, current_name, sizeof current_name);
    vb_compare_report report = {.timing = have_timing ? &timing : NULL,
                                .options = &req.options,
                                .instructions = rows,
                                .instruction_rows = row_count,
                                .instruction_threshold_pct = req.instruction_threshold_pct,
                                .baseline_name = baseline_name,
                                .current_name = current_name};
    vb_compare_text(&report, &text);
    if (text.failed) {
        cli_print_error("compare: out of memory");
        goto done;
    }
    if (req.quiet) {
        const char *last = strrchr(text.data, '\n');
        const char *line = last;
        while (line > text.data && line[-1] != '\n')
            line--;
        if (line) fwrite(line, 1, (size_t)(last - line + 1), stdout);
    } else {
        fputs(text.data, stdout);
    }
    (void)instruction_regressions; /* counted again by the report, with the timing rows */
    exit_code = vb_compare_failing_regressions(&report) ? 1 : 0;
    if (have_timing && timing.machines_differ) {
        fprintf(stderr,
                "vizbench: compare: not comparable: %s (--cross-machine compares them in "
                "reference units, advisory)\n",
                timing.machine_reason);
        exit_code = EXIT_USAGE;
    } else if (!comparable) {
        cli_print_error("compare: nothing comparable: no point and metric measured in both "
                        "(check that both sides measured the same views, sizes, fps and pace)");
        exit_code = EXIT_USAGE;
    }
    if (req.md_path) {
        vb_compare_markdown(&report, &md);
        if (md.failed || vb_text_write_file(&md, req.md_path) != VB_OK) {
            cli_print_error(md.failed ? "compare: out of memory" : vb_error_get());
            if (exit_code == 0) exit_code = 1;
        }
    }
done:
    vb_text_free(&text);
    vb_text_free(&md);
    vb_comparison_free(&timing);
    free_side(&baseline);
    free_side(&current);
    return exit_code;
}
