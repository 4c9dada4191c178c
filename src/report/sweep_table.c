#include "report/sweep_table.h"

void vb_sweep_table_print(const vb_evidence *e, FILE *out) {
    fprintf(out, "GL: %s%s\n", e->renderer,
            e->software ? " (software renderer: uploads are CPU copies, no GPU bus)" : "");
    fprintf(out, "%-11s %-9s %4s  %-13s %6s %8s %8s %8s %7s %8s %8s  %s\n", "view", "size", "fps",
            "strategy", "fps", "p50 ms", "p99 ms", "missed %", "CPU %", "copy MB", "GPU MB",
            "picture");
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        char size[24];
        snprintf(size, sizeof size, "%dx%d", p->width, p->height);
        fprintf(out, "%-11s %-9s %4d  %-13s ", vb_view_name(p->view), size, p->fps, p->strategy);
        if (!p->measured) {
            fprintf(out, "%s%s%s\n", vb_strategy_status_name(p->status),
                    p->run && p->run->reason[0] ? ": " : "", p->run ? p->run->reason : "");
            continue;
        }
        const vb_run_summary *s = &p->summary;
        fprintf(out, "%6.1f %8.2f %8.2f %8.1f %7.1f %8.3f %8.3f  %s\n", s->fps, s->latency_ms.p50,
                s->latency_ms.p99, p->missed_pct, s->process_cpu_pct, s->copied_mb_per_frame,
                s->to_gpu_mb_per_frame, p->picture_ok ? "same" : "DIFFERS");
    }
    fputs("fps: frames shown per second; p50/p99: latency, audio window ready -> shown; missed: "
          "frames late or never shown, % of those due;\nCPU %: process, all threads, of one core; "
          "copy/GPU MB: bytes per frame CPU->CPU / CPU->GPU; picture: same as the CPU reference\n",
          out);
}
