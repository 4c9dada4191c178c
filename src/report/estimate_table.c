/* The cost model's tables (report/estimate_table.h). */
#include "report/estimate_table.h"

#include "common/error.h"
#include "estimate/phone_estimate.h"
#include "estimate/stage_counts.h"

#include <string.h>

static void print_classes(int sources, FILE *out) {
    for (int c = 0; c < VB_CORE_CLASS_COUNT; c++) {
        const vb_core_class *k = vb_core_class_at(c);
        fprintf(out, "  %-7s %-19s %.1f-%.1f GHz, IPC %.1f-%.1f, copy traffic %.0f-%.0f GB/s\n",
                k->name, k->label, k->clock_ghz.lo, k->clock_ghz.hi, k->ipc.lo, k->ipc.hi,
                k->traffic_gbps.lo, k->traffic_gbps.hi);
        if (sources)
            fprintf(out, "          clock: %s\n          IPC: %s\n          traffic: %s\n",
                    k->clock_source, k->ipc_source, k->traffic_source);
    }
}

/* The cell of one class: the range, or "not estimated" (the reason goes below the table). */
static void print_cell(const vb_thread_estimate *t, FILE *out) {
    char text[300];
    if (t->stage_count && !t->estimated)
        snprintf(text, sizeof text, "not estimated");
    else
        vb_thread_estimate_text(t, text, sizeof text);
    fprintf(out, " %-16s", text);
}

static void print_strategy(const vb_phone_estimate *e, FILE *out, char notes[][300], int *notes_n) {
    int first = 1;
    for (int t = 0; t < VB_THREAD_COUNT; t++) {
        if (!e->of[t][0].stage_count) continue;
        fprintf(out, "  %-16s %-9s", first ? e->facts->name : "", vb_app_thread_name(t));
        for (int c = 0; c < VB_CORE_CLASS_COUNT; c++)
            print_cell(&e->of[t][c], out);
        fputc('\n', out);
        first = 0;
        if (!e->of[t][0].estimated && *notes_n < 16)
            snprintf(notes[(*notes_n)++], 300, "%s, %s: %s", e->facts->name, vb_app_thread_name(t),
                     e->of[t][0].missing);
    }
}

void vb_estimate_table_print(const vb_strategy_facts *const *facts, int count, int sources,
                             FILE *out) {
    fputs("Phone cores, estimated (a model fed exact aarch64 instruction counts, not a "
          "measurement;\ndocs/cost-model.md): CPU ms per frame at 1080x200, the costliest view, "
          "best to worst case.\n",
          out);
    print_classes(sources, out);
    fprintf(out, "  %-16s %-9s %-16s %-16s %-16s\n", "strategy", "thread", "little", "mid", "big");
    char notes[16][300];
    int notes_n = 0;
    const char *substitutes = NULL;
    for (int i = 0; i < count; i++) {
        vb_phone_estimate e;
        if (vb_phone_estimate_of(facts[i], &e) != VB_OK) continue; /* no CPU work listed */
        print_strategy(&e, out, notes, &notes_n);
        if (e.substitutes) substitutes = e.substitutes;
    }
    for (int i = 0; i < notes_n; i++)
        fprintf(out, "  not estimated: %s\n", notes[i]);
    if (substitutes) fprintf(out, "  %s\n", substitutes);
    fprintf(out,
            "  A thread's whole frame: %.1f ms at 60 Hz, %.1f at 90 Hz, %.1f at 120 Hz. GL calls' "
            "CPU\n  time is the driver's and is not estimated. Counts: %s.\n",
            vb_frame_budget_ms(60), vb_frame_budget_ms(90), vb_frame_budget_ms(120),
            vb_stage_counts_origin(VB_ISA_AARCH64));
}

void vb_calibration_table_print(const vb_calibration *c, const char *title, FILE *out) {
    fprintf(out,
            "%s\n  %s: clock %.2f GHz, copy traffic %.1f GB/s, a page fault %.2f us (measured);\n"
            "  IPC %.2f (the median of the compute-bound stages), so a fault is %.0f "
            "instructions' work\n",
            title, c->machine, c->clock_ghz, c->traffic_gbps, c->fault_ns / 1000, c->median_ipc,
            c->fault_instructions);
    fprintf(out, "  %-22s %11s %6s %7s %10s %10s %5s %6s  %s\n", "stage", "instr/frame", "KB",
            "faults", "measured", "predicted", "IPC", "error", "model");
    for (int i = 0; i < c->count; i++) {
        const vb_stage_calibration_row *r = &c->rows[i];
        fprintf(out, "  %-22s %11.0f %6.0f", r->stage, r->compute_instructions,
                r->traffic_bytes / 1000);
        if (!r->timed) {
            fputs("       -          -          -     -      -  too short to time\n", out);
            continue;
        }
        fprintf(out, " %7.1f %7.1f us %7.1f us %5.2f %+5.0f%%  %s\n", r->faults,
                r->measured_ns / 1000, r->predicted_ns / 1000, r->fitted_ipc, r->error * 100,
                r->within ? "used" : "not used");
    }
    fprintf(out,
            "  Used: within %.0f %% of the measured time. Each stage's IPC is the median of the "
            "other\n  compute-bound stages' (none is fitted to its own time); instr/frame leaves "
            "out\n  callgrind's per-byte count of rep movsb (docs/cost-model.md).\n",
            VB_COST_TOLERANCE * 100);
}

void vb_estimate_pick_sentence(const vb_strategy_facts *facts, char *dst, size_t size) {
    vb_phone_estimate e;
    *dst = '\0';
    if (!facts || vb_phone_estimate_of(facts, &e) != VB_OK) return;
    size_t used =
        (size_t)snprintf(dst, size, "Estimated on a little core (%s), the note's pick (%s) costs",
                         vb_core_class_at(0)->label, facts->name);
    int parts = 0;
    for (int t = 0; t < VB_THREAD_COUNT && used < size; t++) {
        const vb_thread_estimate *th = &e.of[t][0];
        if (!th->stage_count) continue;
        char text[300];
        vb_thread_estimate_text(th, text, sizeof text);
        if (th->estimated)
            used += (size_t)snprintf(dst + used, size - used,
                                     "%s %s on %s (%.0f-%.0f %% of a 60 Hz "
                                     "frame)",
                                     parts ? ";" : "", text, vb_app_thread_label(t),
                                     th->ns.lo / 1e6 / vb_frame_budget_ms(60) * 100,
                                     th->ns.hi / 1e6 / vb_frame_budget_ms(60) * 100);
        else
            used += (size_t)snprintf(dst + used, size - used, "%s on %s: %s", parts ? ";" : "",
                                     vb_app_thread_label(t), text);
        parts++;
    }
    if (used < size) snprintf(dst + used, size - used, ".");
}
