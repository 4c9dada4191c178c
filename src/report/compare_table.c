#include "report/compare_table.h"

#include "transfer/strategy.h"

#include <stdio.h>
#include <string.h>

/* The strategies of the rows that this build does not have: the files' own facts were read for
 * them, and this build cannot measure them again. One line, or nothing. */
static void not_in_build_line(const vb_comparison *c, vb_text *out, const char *before) {
    const char *listed[64];
    int count = 0;
    for (int i = 0; c && i < c->row_count; i++) {
        const char *name = c->rows[i].strategy;
        int seen = vb_strategy_lookup(name) != NULL;
        for (int k = 0; k < count && !seen; k++)
            seen = strcmp(listed[k], name) == 0;
        if (seen || count == 64) continue;
        vb_text_printf(out, "%s%s", count ? ", " : before, name);
        listed[count++] = name;
    }
    if (count) vb_text_append(out, ": not in this build (read from the files' own facts)\n");
}

/* A row's metric as tables say it: a strategy's own figure by its label. */
static const char *row_label(const vb_comparison_row *r) {
    return r->figure ? r->figure : vb_metric_get(r->metric)->label;
}

static void point_name(const vb_comparison_row *r, char *dst, size_t size) {
    snprintf(dst, size, "%s %dx%d@%d %s", vb_view_name(r->view), r->width, r->height, r->fps,
             r->pace == VB_PACE_MAX ? "max" : "rt");
}

static void value_text(const vb_comparison *c, const vb_comparison_row *r, double v, char *dst,
                       size_t size) {
    if (r->decision == VB_CHANGE_NOT_COMPARABLE && !(v > 0)) {
        snprintf(dst, size, "-");
        return;
    }
    if (vb_metric_get(r->metric)->exact)
        snprintf(dst, size, "%.0f %s", v, vb_metric_get(r->metric)->unit);
    else if (c->normalised)
        snprintf(dst, size, "%.3g %s", v, vb_metric_reference_unit(r->metric));
    else
        snprintf(dst, size, "%.3f %s", v, vb_metric_get(r->metric)->unit);
}

static void change_text(const vb_comparison_row *r, char *change, size_t change_size,
                        char *interval, size_t interval_size) {
    if (r->decision == VB_CHANGE_NOT_COMPARABLE) {
        snprintf(change, change_size, "-");
        snprintf(interval, interval_size, "%s", r->reason ? r->reason : "-");
        return;
    }
    if (vb_metric_get(r->metric)->exact) { /* counts: the difference, and no interval */
        snprintf(change, change_size, "%+.0f", r->interval.current - r->interval.baseline);
        snprintf(interval, interval_size, "exact");
        return;
    }
    snprintf(change, change_size, "%+.1f %%", (r->interval.ratio - 1) * 100);
    snprintf(interval, interval_size, "[%+.1f, %+.1f] %%", (r->interval.low - 1) * 100,
             (r->interval.high - 1) * 100);
}

static const char *decision_text(vb_change d) {
    return d == VB_CHANGE_REGRESSION ? "REGRESSION" : vb_change_name(d);
}

static void method_line(const vb_compare_report *rep, vb_text *out, const char *indent) {
    const vb_comparison *c = rep->timing;
    vb_text_printf(
        out,
        "%smethod: ratio current / baseline of each metric's statistic (p50, p99), "
        "%.0f %% interval by hierarchical bootstrap (%d resamples of runs, then frames); "
        "a regression is worse than its threshold with the whole interval worse\n",
        indent, rep->options->confidence * 100, rep->options->iterations);
    if (c->normalised)
        vb_text_printf(
            out,
            "%svalues: in each run's own reference limits (times in memcpy times of "
            "one frame, bandwidths as shares)%s\n",
            indent, c->advisory ? ", as the sides ran on different machines" : " (--normalise on)");
}

static void speed_line(const vb_compare_report *rep, vb_text *out, const char *indent) {
    const vb_comparison *c = rep->timing;
    if (!c->speed_corrected) {
        vb_text_printf(out, "%sspeed correction: off\n", indent);
        return;
    }
    vb_text_printf(out,
                   "%sspeed correction: each results file divided by its factor (median over its "
                   "points of its median / the baseline's; a row's own point left out of its "
                   "own%s); current files, all points:",
                   indent,
                   rep->options->paired ? "; paired: over its side's median, so a change the "
                                          "points share stays in the rows"
                                        : "");
    for (int m = 0, shown = 0; m < rep->options->metric_count; m++) {
        vb_metric metric = rep->options->metrics[m];
        if (vb_metric_get(metric)->exact) continue; /* counts are never speed-corrected */
        vb_text_printf(out, "%s %s", shown++ ? ";" : "", vb_metric_get(metric)->name);
        for (int f = 0; f < c->current_runs && f < VB_GATE_MAX_RUNS; f++)
            vb_text_printf(out, " %.2f", c->current_speed[f][metric]);
    }
    vb_text_append(out, "\n");
}

static void side_line(vb_text *out, const char *indent, const char *label, int files,
                      const char *revision, const char *machine, const char *renderer,
                      const vb_reference_range *r) {
    vb_text_printf(out, "%s%s %d results file(s), vizbench %s; %s | %s", indent, label, files,
                   revision, machine, renderer);
    if (r->memcpy_low > 0)
        vb_text_printf(out, "; memcpy %.1f-%.1f GB/s", r->memcpy_low, r->memcpy_high);
    if (r->upload_low > 0)
        vb_text_printf(out, ", upload %.1f-%.1f GB/s", r->upload_low, r->upload_high);
    vb_text_append(out, "\n");
}

/* The pairing and the noise floor measured in the same data, with the thresholds it set. */
static void noise_lines(const vb_compare_report *rep, vb_text *out, const char *indent) {
    const vb_comparison *c = rep->timing;
    if (c->pairs)
        vb_text_printf(out,
                       "%spaired: %d pairs of results files, each measured side by side "
                       "(resampled by pairs)%s\n",
                       indent, c->pairs,
                       c->unpaired_rows ? "; some rows could not be paired and were drawn apart"
                                        : "");
    if (!c->noise_measured) return;
    vb_text_printf(out,
                   "%snoise floor, each side against itself (files 2j vs 2j+1), the largest "
                   "change of a strategy's rows; a row's threshold is the larger of this and "
                   "its metric's minimum (",
                   indent);
    for (int m = 0; m < rep->options->metric_count; m++) {
        vb_metric metric = rep->options->metrics[m];
        if (vb_metric_get(metric)->exact) continue;
        vb_text_printf(out, "%s%s %.0f %%", m ? ", " : "", vb_metric_get(metric)->name,
                       c->threshold_pct[metric]);
    }
    vb_text_append(out, "; work counts 0):\n");
    for (int i = 0; i < c->noise_count; i++) {
        const vb_noise_floor *f = &c->noise[i];
        vb_text_printf(out, "%s%s:", indent[0] ? "  - " : "  ", f->strategy);
        for (int m = 0, shown = 0; m < rep->options->metric_count; m++) {
            vb_metric metric = rep->options->metrics[m];
            if (!f->rows[metric]) continue;
            vb_text_printf(out, "%s %s %.1f %%", shown++ ? "," : "", vb_metric_get(metric)->name,
                           f->pct[metric]);
        }
        vb_text_append(out, "\n");
    }
}

/* Both sides' build, machine, GL renderer and reference limits, the method, pairing, noise
 * floor, speed factors and warnings, each line after `indent` ("" for the terminal, "- " for a
 * Markdown list). */
static void context_lines(const vb_compare_report *rep, vb_text *out, const char *indent) {
    const vb_comparison *c = rep->timing;
    side_line(out, indent, "baseline:", c->baseline_runs, c->baseline_revision, c->baseline_machine,
              c->baseline_renderer, &c->baseline_reference);
    side_line(out, indent, "current: ", c->current_runs, c->current_revision, c->current_machine,
              c->current_renderer, &c->current_reference);
    if (c->machines_differ) {
        vb_text_printf(out, "%snot comparable: %s\n", indent, c->machine_reason);
        return;
    }
    if (c->advisory)
        vb_text_printf(out, "%sadvisory (--cross-machine): %s; nothing here can fail\n", indent,
                       c->machine_reason);
    method_line(rep, out, indent);
    noise_lines(rep, out, indent);
    speed_line(rep, out, indent);
    for (int w = 0; w < c->warning_count; w++)
        vb_text_printf(out, "%swarning: %s\n", indent, c->warnings[w]);
}

static void summary_counts(const vb_compare_report *rep, int *regressions, int *improvements,
                           int *unchanged, int *not_comparable) {
    *regressions = *improvements = *unchanged = *not_comparable = 0;
    if (rep->timing) {
        *regressions = rep->timing->regressions;
        *improvements = rep->timing->improvements;
        *unchanged = rep->timing->unchanged;
        *not_comparable = rep->timing->not_comparable;
    }
    for (int i = 0; i < rep->instruction_rows; i++) {
        switch (rep->instructions[i].decision) {
        case VB_CHANGE_REGRESSION:
            (*regressions)++;
            break;
        case VB_CHANGE_IMPROVEMENT:
            (*improvements)++;
            break;
        case VB_CHANGE_NOT_COMPARABLE:
            (*not_comparable)++;
            break;
        default:
            (*unchanged)++;
            break;
        }
    }
}

int vb_compare_failing_regressions(const vb_compare_report *rep) {
    int failing = 0;
    if (rep->timing && !rep->timing->advisory) failing += rep->timing->regressions;
    for (int i = 0; i < rep->instruction_rows; i++)
        failing += rep->instructions[i].decision == VB_CHANGE_REGRESSION;
    return failing;
}

/* The verdict word: what the exit code says */
static const char *verdict(const vb_compare_report *rep) {
    if (rep->timing && rep->timing->machines_differ) return "not comparable";
    if (vb_compare_failing_regressions(rep)) return "FAIL";
    if (rep->timing && rep->timing->advisory) return "advisory";
    return "pass";
}

static void summary_line(const vb_compare_report *rep, vb_text *out, const char *before,
                         const char *after) {
    int reg, imp, same, nc;
    summary_counts(rep, &reg, &imp, &same, &nc);
    vb_text_printf(out,
                   "%s%s%s: %d regression(s), %d improvement(s), %d no change, %d not comparable",
                   before, verdict(rep), after, reg, imp, same, nc);
    if (rep->timing && rep->timing->machines_differ)
        vb_text_append(out, " (timings of different machines are not compared)");
}

void vb_compare_text(const vb_compare_report *rep, vb_text *out) {
    const vb_comparison *c = rep->timing;
    vb_text_printf(out, "vizbench compare: %s -> %s\n", rep->baseline_name, rep->current_name);
    if (c) {
        context_lines(rep, out, "");
        if (c->row_count)
            vb_text_printf(out, "\n%-28s %-14s %-19s %16s %16s %9s %18s %6s  %s\n", "point",
                           "strategy", "metric", "baseline", "current", "change", "interval",
                           "limit", "decision");
        for (int i = 0; i < c->row_count; i++) {
            const vb_comparison_row *r = &c->rows[i];
            char point[64], base[48], cur[48], change[24], interval[64];
            point_name(r, point, sizeof point);
            value_text(c, r, r->interval.baseline, base, sizeof base);
            value_text(c, r, r->interval.current, cur, sizeof cur);
            change_text(r, change, sizeof change, interval, sizeof interval);
            vb_text_printf(out, "%-28s %-14s %-19s %16s %16s %9s %18s %5.0f%%  %s\n", point,
                           r->strategy, row_label(r), base, cur, change, interval, r->threshold_pct,
                           decision_text(r->decision));
        }
    }
    if (rep->instruction_rows > 0) {
        vb_text_printf(out, "\ninstructions per frame (callgrind, exact; limit %.1f %%)\n",
                       rep->instruction_threshold_pct);
        vb_text_printf(out, "%-22s %16s %16s %9s  %s\n", "stage", "baseline", "current", "change",
                       "decision");
        for (int i = 0; i < rep->instruction_rows; i++) {
            const vb_instruction_row *r = &rep->instructions[i];
            vb_text_printf(out, "%-22s %16.0f %16.0f %+8.2f%%  %s\n", r->stage, r->baseline,
                           r->current, r->change_pct, decision_text(r->decision));
        }
    }
    not_in_build_line(c, out, "\n");
    summary_line(rep, out, "\n", "");
    vb_text_append(out, "\n");
}

static void md_timing_row(const vb_comparison *c, const vb_comparison_row *r, vb_text *out) {
    char point[64], base[48], cur[48], change[24], interval[64];
    point_name(r, point, sizeof point);
    value_text(c, r, r->interval.baseline, base, sizeof base);
    value_text(c, r, r->interval.current, cur, sizeof cur);
    change_text(r, change, sizeof change, interval, sizeof interval);
    vb_text_append(out, "| ");
    vb_text_append_md_cell(out, point);
    vb_text_printf(out, " | %s | %s | %s | %s | %s | ", r->strategy, row_label(r), base, cur,
                   change);
    vb_text_append_md_cell(out, interval);
    vb_text_printf(out, " | %.0f %% | %s |\n", r->threshold_pct,
                   r->decision == VB_CHANGE_REGRESSION    ? "**regression**"
                   : r->decision == VB_CHANGE_IMPROVEMENT ? "*improvement*"
                                                          : vb_change_name(r->decision));
}

/* Appends the rows (changes only, or all) while the text stays under `limit` characters;
 * returns how many rows that selection had that did not fit. */
static int md_timing_table(const vb_comparison *c, vb_text *out, int changes_only, size_t limit) {
    vb_text_append(out, "| point | strategy | metric | baseline | current | change | interval | "
                        "threshold | decision |\n| --- | --- | --- | --- | --- | --- | --- | --- "
                        "| --- |\n");
    int left_out = 0;
    for (int i = 0; i < c->row_count; i++) {
        const vb_comparison_row *r = &c->rows[i];
        if (changes_only && r->decision != VB_CHANGE_REGRESSION &&
            r->decision != VB_CHANGE_IMPROVEMENT)
            continue;
        if (out->length + VB_COMPARE_MD_ROW_MAX > limit) {
            left_out++;
            continue;
        }
        md_timing_row(c, r, out);
    }
    return left_out;
}

static void left_out_line(vb_text *out, int left, const char *what) {
    if (left)
        vb_text_printf(out,
                       "\n%d more %s did not fit in a comment: see the text output of "
                       "`vizbench compare`.\n",
                       left, what);
}

void vb_compare_markdown(const vb_compare_report *rep, vb_text *out) {
    const vb_comparison *c = rep->timing;
    vb_text_append(out, "### vizbench gate: ");
    summary_line(rep, out, "**", "**");
    vb_text_printf(out, "\n\nBaseline `%s`, current `%s`.\n\n", rep->baseline_name,
                   rep->current_name);
    not_in_build_line(c, out, "");
    /* The budget: the instruction table and the closing lines get their room first, the
     * changes next, the folded list of every row what is left. */
    const size_t reserve = 512 + (size_t)rep->instruction_rows * 160;
    const size_t limit = VB_COMPARE_MD_LIMIT > reserve ? VB_COMPARE_MD_LIMIT - reserve : 0;
    if (c) {
        context_lines(rep, out, "- ");
        vb_text_append(out, "\n");
        if (c->regressions + c->improvements > 0) {
            vb_text_append(out, "#### Changes\n\n");
            left_out_line(out, md_timing_table(c, out, 1, limit), "change(s)");
            vb_text_append(out, "\n");
        }
        if (c->row_count) {
            vb_text_printf(out, "<details><summary>all %d timing rows</summary>\n\n", c->row_count);
            left_out_line(out, md_timing_table(c, out, 0, limit), "row(s)");
            vb_text_append(out, "\n</details>\n\n");
        }
    }
    if (rep->instruction_rows > 0) {
        vb_text_printf(out,
                       "#### Instructions per frame (callgrind, exact; threshold %.1f %%)\n\n"
                       "| stage | baseline | current | change | decision |\n"
                       "| --- | --- | --- | --- | --- |\n",
                       rep->instruction_threshold_pct);
        for (int i = 0; i < rep->instruction_rows; i++) {
            const vb_instruction_row *r = &rep->instructions[i];
            vb_text_append(out, "| ");
            vb_text_append_md_cell(out, r->stage);
            vb_text_printf(out, " | %.0f | %.0f | %+.2f %% | %s |\n", r->baseline, r->current,
                           r->change_pct,
                           r->decision == VB_CHANGE_REGRESSION ? "**regression**"
                                                               : vb_change_name(r->decision));
        }
        vb_text_append(out, "\n");
    }
}
