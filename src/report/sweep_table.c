#include "report/sweep_table.h"

void vb_sweep_table_print(const vb_evidence *e, FILE *out) {
    /* 80 columns: the bytes per frame are in the JSON and the report. */
    fprintf(out, "GL: %s\n", e->renderer);
    if (e->software) fputs("    a software renderer: uploads are CPU copies, no GPU bus\n", out);
    fprintf(out, "%-11s %-9s %4s %-13s %6s %6s %6s %6s %6s %s\n", "view", "size", "@fps",
            "strategy", "shown", "p50 ms", "p99 ms", "miss %", "CPU %", "pic");
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        char size[24];
        snprintf(size, sizeof size, "%dx%d", p->width, p->height);
        fprintf(out, "%-11s %-9s %4d %-13s ", vb_view_name(p->view), size, p->fps, p->strategy);
        if (!p->measured) {
            fprintf(out, "%s%s%s\n", vb_strategy_status_name(p->status),
                    p->run && p->run->reason[0] ? ": " : "", p->run ? p->run->reason : "");
            continue;
        }
        const vb_run_summary *s = &p->summary;
        fprintf(out, "%6.1f %6.2f %6.2f %6.1f %6.1f %s\n", s->fps, s->latency_ms.p50,
                s->latency_ms.p99, p->missed_pct, s->process_cpu_pct,
                p->picture_ok ? "same" : "DIFF");
    }
    fputs("@fps: the frame rate asked for; shown: frames shown per second (1000 / mean\n"
          "interval); p50, p99: latency, audio window ready -> shown; miss %: frames late or\n"
          "never shown, of those due; CPU %: the process, all threads, of one core; pic: the\n"
          "picture is the CPU reference's (same) or not (DIFF). Bytes per frame: the JSON.\n",
          out);
}
