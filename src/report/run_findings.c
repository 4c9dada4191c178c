#include "report/run_findings.h"

#include "common/error.h"
#include "pipeline/run_summary.h"
#include "report/text_wrap.h"

#include <math.h>
#include <string.h>

/* One strategy's process CPU per frame (ms) over its measured runs. */
typedef struct cpu_runs {
    const vb_strategy_facts *strategy;
    int n;
    double mean, sd;
} cpu_runs;

static int gather(const vb_session *s, cpu_runs *out) {
    int count = 0;
    for (int i = 0; i < s->run_count; i++) {
        const vb_strategy_facts *strategy = s->runs[i].strategy;
        int seen = 0;
        for (int k = 0; k < count; k++)
            seen |= out[k].strategy == strategy;
        if (seen) continue;
        double v[VB_SESSION_MAX_RUNS];
        int n = 0;
        for (int j = i; j < s->run_count; j++) {
            const vb_run_record *run = &s->runs[j];
            vb_run_summary sum;
            if (run->strategy == strategy && run->status == VB_STRATEGY_OK && run->frames &&
                vb_run_summarize(run, &s->options, &sum) == VB_OK && sum.measured > 0 &&
                sum.process_cpu_ms_per_frame > 0)
                v[n++] = sum.process_cpu_ms_per_frame;
        }
        if (!n) continue;
        cpu_runs *c = &out[count++];
        *c = (cpu_runs){.strategy = strategy, .n = n};
        for (int k = 0; k < n; k++)
            c->mean += v[k] / n;
        double squares = 0;
        for (int k = 0; k < n; k++)
            squares += (v[k] - c->mean) * (v[k] - c->mean);
        c->sd = n > 1 ? sqrt(squares / (n - 1)) : 0;
    }
    return count;
}

/* Two strategies are told apart when their means differ by more than twice the standard error
 * of the difference (about 95 % for normal run-to-run spread): a rule of thumb, said as such. */
static int told_apart(const cpu_runs *a, const cpu_runs *b) {
    if (a->n < 2 || b->n < 2) return 0;
    const double se = sqrt(a->sd * a->sd / a->n + b->sd * b->sd / b->n);
    return fabs(a->mean - b->mean) > 2 * se;
}

void vb_run_findings_print(const vb_session *s, FILE *out) {
    cpu_runs c[VB_SESSION_MAX_RUNS];
    const int count = gather(s, c);
    if (count < 2) return;
    int least = 0;
    for (int k = 1; k < count; k++)
        if (c[k].mean < c[least].mean) least = k;
    const cpu_runs *ref = &c[least];
    fprintf(out, "\nprocess CPU per frame against the least, %s (%.3f ms):\n", ref->strategy->name,
            ref->mean);
    char unclear[512] = "";
    size_t used = 0;
    for (int k = 0; k < count; k++) {
        if (k == least) continue;
        const double ratio = c[k].mean / ref->mean;
        if (c[k].n > 1 && ref->n > 1) {
            /* hyperfine's propagation of the two relative spreads into the ratio's */
            const double spread =
                ratio * sqrt(pow(c[k].sd / c[k].mean, 2) + pow(ref->sd / ref->mean, 2));
            fprintf(out, "  %-16s %.2f +- %.2fx the CPU of %s\n", c[k].strategy->name, ratio,
                    spread, ref->strategy->name);
        } else {
            fprintf(out, "  %-16s %.2fx the CPU of %s (one run: no spread)\n", c[k].strategy->name,
                    ratio, ref->strategy->name);
        }
        if (!told_apart(&c[k], ref) && used < sizeof unclear - 1)
            used += (size_t)snprintf(unclear + used, sizeof unclear - used, "%s%s",
                                     used ? ", " : "", c[k].strategy->name);
    }
    if (!*unclear) return;
    char text[768];
    if (ref->n < 2)
        snprintf(text, sizeof text,
                 "One run of each cannot tell strategies apart: how much a run moves from the "
                 "next is unknown. Try --runs 5 --seconds 5.");
    else
        snprintf(text, sizeof text,
                 "Not told apart from %s by these runs (the difference is within twice its "
                 "standard error): %s. Try --runs 5 --seconds 5.",
                 ref->strategy->name, unclear);
    vb_print_wrapped(out, "", text, 0, 80);
}
