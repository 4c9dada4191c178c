/* The cost model's tables (report/estimate_table.h). */
#include "report/estimate_table.h"

#include "common/error.h"
#include "estimate/phone_estimate.h"
#include "estimate/stage_counts.h"
#include "report/text_wrap.h"
#include "transfer/strategy.h"

#include <string.h>

#define COLUMNS 80

static void print_classes(int sources, FILE *out) {
    for (int c = 0; c < VB_CORE_CLASS_COUNT; c++) {
        const vb_core_class *k = vb_core_class_at(c);
        fprintf(out, "  %-6s %-18s %.1f-%.1f GHz, IPC %.1f-%.1f, issue %d, copy %.0f-%.0f GB/s\n",
                k->name, k->label, k->clock_ghz.lo, k->clock_ghz.hi, k->ipc.lo, k->ipc.hi,
                k->issue_width, k->traffic_gbps.lo, k->traffic_gbps.hi);
        if (sources) {
            vb_print_wrapped(out, "         clock:", k->clock_source, 18, COLUMNS);
            vb_print_wrapped(out, "         IPC:", k->ipc_source, 18, COLUMNS);
            vb_print_wrapped(out, "         issue:", k->width_source, 18, COLUMNS);
            vb_print_wrapped(out, "         traffic:", k->traffic_source, 18, COLUMNS);
        }
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
            snprintf(notes[(*notes_n)++], 300, "%s, %s: %s; at least %.2g / %.2g / %.2g ms",
                     e->facts->name, vb_app_thread_name(t), e->of[t][0].missing,
                     e->of[t][0].floor_ns / 1e6, e->of[t][1].floor_ns / 1e6,
                     e->of[t][2].floor_ns / 1e6);
    }
}

void vb_estimate_table_print(const vb_strategy_facts *const *facts, int count, int sources,
                             FILE *out) {
    vb_print_wrapped(out, "",
                     "Phone cores, estimated (a model fed exact aarch64 instruction counts, not a "
                     "measurement; docs/cost-model.md): CPU ms per frame at 1080x200, the "
                     "costliest view, best to worst case.",
                     0, COLUMNS);
    print_classes(sources, out);
    fprintf(out, "  %-16s %-9s %-16s %-16s %-16s\n", "strategy", "thread", "little", "mid", "big");
    char notes[16][300];
    int notes_n = 0;
    for (int i = 0; i < count; i++) {
        vb_phone_estimate e;
        if (vb_phone_estimate_of(facts[i], &e) != VB_OK) continue; /* no CPU work listed */
        print_strategy(&e, out, notes, &notes_n);
    }
    for (int i = 0; i < notes_n; i++)
        vb_print_wrapped(out, "  not estimated:", notes[i], 4, COLUMNS);
    if (notes_n)
        vb_print_wrapped(out, "  ",
                         "(\"at least\": little / mid / big, the thread's aarch64 instructions at "
                         "the core's issue width and top clock: a floor whatever the model)",
                         2, COLUMNS);
    char footer[512];
    snprintf(footer, sizeof footer,
             "A thread's whole frame: %.1f ms at 60 Hz, %.1f at 90 Hz, %.1f at 120 Hz. GL calls' "
             "CPU time is the driver's and is not estimated. Counts: %s.",
             vb_frame_budget_ms(60), vb_frame_budget_ms(90), vb_frame_budget_ms(120),
             vb_stage_counts_origin(VB_ISA_AARCH64));
    vb_print_wrapped(out, "  ", footer, 2, COLUMNS);
}

int vb_estimate_android_candidates(const vb_strategy_facts **out, int max,
                                   const vb_strategy_facts **pick) {
    int count = 0;
    *pick = NULL;
    for (int i = 0; i < vb_strategy_count && count < max; i++) {
        const vb_strategy_facts *f = &vb_strategy_list[i]->facts;
        if (!(f->platforms & VB_PLATFORM_ANDROID)) continue;
        out[count++] = f;
        if (f->roles & VB_ROLE_IMAGE_CHAIN) *pick = f;
    }
    return count;
}

void vb_calibration_table_print(const vb_calibration *c, const char *title, FILE *out) {
    char text[512];
    snprintf(text, sizeof text,
             "%s: clock %.2f GHz, copy traffic %.1f GB/s, a page fault %.2f us (measured); IPC "
             "%.2f (the median of the compute-bound stages), so a fault is %.0f instructions' "
             "work.",
             c->machine, c->clock_ghz, c->traffic_gbps, c->fault_ns / 1000, c->median_ipc,
             c->fault_instructions);
    vb_print_wrapped(out, "", title, 0, COLUMNS);
    vb_print_wrapped(out, "  ", text, 2, COLUMNS);
    fprintf(out, "  %-22s %9s %8s %8s %-16s %s\n", "stage", "instr/fr.", "meas. us", "pred. us",
            "error (rounds)", "model");
    for (int i = 0; i < c->count; i++) {
        const vb_stage_calibration_row *r = &c->rows[i];
        fprintf(out, "  %-22s %9.0f", r->stage, r->compute_instructions);
        if (!r->timed) {
            fputs("        -        - -                too short\n", out);
            continue;
        }
        char error[40];
        snprintf(error, sizeof error, "%+.0f%% (%+.0f..%+.0f)", r->error * 100, r->error_min * 100,
                 r->error_max * 100);
        fprintf(out, " %8.1f %8.1f %-16s %s\n", r->measured_ns / 1000, r->predicted_ns / 1000,
                error, r->within ? "used" : "not used");
    }
    for (int i = 0; i < c->count; i++)
        if (c->rows[i].timed && c->rows[i].faults >= 1)
            fprintf(out, "  %s: %.0f page faults a frame (the kernel's work counted as above)\n",
                    c->rows[i].stage, c->rows[i].faults);
    snprintf(text, sizeof text,
             "Used: within %.0f %% of the measured time (the middle of %d rounds; in brackets "
             "the rounds' spread). Each stage's IPC is the median of the other compute-bound "
             "stages' (none is fitted to its own time); instr/frame leaves out callgrind's "
             "per-byte count of rep movsb (docs/cost-model.md); instr/fr.: per frame.",
             VB_COST_TOLERANCE * 100, VB_CALIBRATION_ROUNDS);
    vb_print_wrapped(out, "  ", text, 2, COLUMNS);
}

/* The sentence of vb_estimate_pick_sentence, wrapped for a terminal. */
void vb_estimate_pick_print(const vb_strategy_facts *facts, FILE *out) {
    char sentence[1024];
    vb_estimate_pick_sentence(facts, sentence, sizeof sentence);
    if (*sentence) vb_print_wrapped(out, "", sentence, 0, COLUMNS);
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
