#include "report/memory_table.h"

static double megabytes(int64_t bytes) {
    return (double)bytes / (1024.0 * 1024.0);
}

void vb_memory_table_print(const vb_session *s, FILE *out) {
    if (s->peak_bytes < 0) return;
    int own = 1, column = 0, any = 0;
    for (int i = 0; i < s->run_count; i++)
        if (s->runs[i].memory.peak_bytes >= 0) {
            any = 1;
            own &= s->runs[i].memory.peak_is_own;
        }
    if (!any) return;
    fprintf(out, "\nmemory: peak resident MB, %s; whole run %.0f (set-up %.0f)\n",
            own ? "each strategy's own" : "cumulative (no sampler: the process's peak)",
            megabytes(s->peak_bytes), megabytes(s->setup_peak_bytes));
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        if (run->memory.peak_bytes < 0) continue;
        char cell[64];
        int length = run->memory.producer_process_peak_bytes >= 0
                         ? snprintf(cell, sizeof cell, "%s %.0f (+ producer process %.0f)",
                                    run->strategy->name, megabytes(run->memory.peak_bytes),
                                    megabytes(run->memory.producer_process_peak_bytes))
                         : snprintf(cell, sizeof cell, "%s %.0f", run->strategy->name,
                                    megabytes(run->memory.peak_bytes));
        if (column > 0 && column + 2 + length > 78) {
            fputc('\n', out);
            column = 0;
        }
        column += fprintf(out, "%s%s", column ? "  " : "  ", cell);
    }
    fputc('\n', out);
}
