#include "gate/sides.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const vb_session *first_session(const vb_sweep *sweeps, int count) {
    for (int s = 0; s < count; s++)
        for (int c = 0; c < sweeps[s].count; c++)
            if (sweeps[s].sessions[c]) return sweeps[s].sessions[c];
    return NULL;
}

static void describe_side(const vb_session *s, char *machine, size_t machine_size, char *renderer,
                          size_t renderer_size, char *revision, size_t revision_size) {
    if (!s) {
        snprintf(machine, machine_size, "(nothing measured)");
        snprintf(renderer, renderer_size, "(nothing measured)");
        snprintf(revision, revision_size, "(unknown)");
        return;
    }
    snprintf(revision, revision_size, "%s", s->machine.version[0] ? s->machine.version : "unknown");
    snprintf(machine, machine_size, "%s, %d logical cores", s->machine.cpu_model,
             s->machine.logical_cores);
    snprintf(renderer, renderer_size, "%s", s->gl_available ? s->gl.renderer : "(no GL)");
}

static void add_warning(vb_comparison *out, const char *fmt, ...) {
    if (out->warning_count == VB_COMPARE_MAX_WARNINGS) return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(out->warnings[out->warning_count++], sizeof out->warnings[0], fmt, args);
    va_end(args);
}

static void reference_range(const vb_sweep *sweeps, int count, vb_reference_range *range) {
    memset(range, 0, sizeof *range);
    for (int s = 0; s < count; s++) {
        for (int c = 0; c < sweeps[s].count; c++) {
            const vb_session *session = sweeps[s].sessions[c];
            if (!session) continue;
            double m = session->limits.memcpy_gbps, u = session->limits.upload_gbps;
            if (m > 0) {
                if (!(range->memcpy_low > 0) || m < range->memcpy_low) range->memcpy_low = m;
                if (m > range->memcpy_high) range->memcpy_high = m;
            }
            if (u > 0) {
                if (!(range->upload_low > 0) || u < range->upload_low) range->upload_low = u;
                if (u > range->upload_high) range->upload_high = u;
            }
        }
    }
}

/* Whether two ranges of one reference lie more than `factor` apart (neither side empty). */
static int ranges_apart(double a_low, double a_high, double b_low, double b_high, double factor) {
    if (!(a_low > 0) || !(b_low > 0)) return 0;
    return b_low > a_high * factor || b_high < a_low / factor;
}

/* Fills machine_reason and returns 1 when the two sides were measured on different machines
 * or GL renderers (see the header). */
static int machines_differ(vb_comparison *out, double factor) {
    const vb_reference_range *b = &out->baseline_reference, *c = &out->current_reference;
    if (!out->same_machine) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "different machines: the baseline ran on %s, the current on %s",
                 out->baseline_machine, out->current_machine);
        return 1;
    }
    if (!out->same_renderer) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "different GL renderers: the baseline ran on %s, the current on %s",
                 out->baseline_renderer, out->current_renderer);
        return 1;
    }
    const struct {
        const char *name;
        double b_low, b_high, c_low, c_high;
    } references[] = {
        {"memcpy", b->memcpy_low, b->memcpy_high, c->memcpy_low, c->memcpy_high},
        {"plain-upload", b->upload_low, b->upload_high, c->upload_low, c->upload_high},
    };
    for (size_t i = 0; i < sizeof references / sizeof references[0]; i++) {
        if (!ranges_apart(references[i].b_low, references[i].b_high, references[i].c_low,
                          references[i].c_high, factor))
            continue;
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "a different machine under the same label: %s reference %.1f-%.1f GB/s in the "
                 "baseline, %.1f-%.1f GB/s in the current (over %.1f x apart)",
                 references[i].name, references[i].b_low, references[i].b_high, references[i].c_low,
                 references[i].c_high, factor);
        return 1;
    }
    return 0;
}

/* Settings that change the figures without changing the point (frames, warm-up, ...), the
 * input, and too few runs: each a warning line, none a failure. */
void vb_compare_settings_warnings(const vb_sweep *baseline, int baseline_count,
                                  const vb_sweep *current, int current_count, vb_comparison *out) {
    const vb_session *first = first_session(baseline, baseline_count);
    if (!first) return;
    const vb_run_options *a = &first->options;
    int frames = 0, warmup = 0, slots = 0, pool = 0, verify = 0, timers = 0, input = 0;
    for (int side = 0; side < 2; side++) {
        const vb_sweep *sweeps = side ? current : baseline;
        int count = side ? current_count : baseline_count;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < sweeps[s].count; c++) {
                const vb_session *session = sweeps[s].sessions[c];
                if (!session) continue;
                const vb_run_options *b = &session->options;
                frames |= a->frames != b->frames;
                warmup |= a->warmup != b->warmup;
                slots |= a->slots != b->slots;
                pool |= a->pool != b->pool;
                verify |= a->verify_every != b->verify_every;
                timers |= a->gpu_timers != b->gpu_timers;
                input |= strcmp(first->input.sha256, session->input.sha256) != 0;
            }
        }
    }
    const struct {
        int differs;
        const char *name;
    } settings[] = {{frames, "frames"}, {warmup, "warm-up"}, {slots, "slots"},
                    {pool, "pool"},     {verify, "verify"},  {timers, "gpu-timers"}};
    char names[96] = "";
    for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
        if (settings[k].differs)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     names[0] ? ", " : "", settings[k].name);
    if (names[0])
        add_warning(out,
                    "measured with different settings (%s): a change may come from them, "
                    "not from the build",
                    names);
    if (input) add_warning(out, "the inputs differ (SHA-256): the frames drawn are not the same");
    if (baseline_count == 1 && current_count == 1)
        add_warning(out, "one results file per side: the interval cannot hold the run-to-run "
                         "drift of the machine; compare repeated runs (scripts/gate does)");
}

int vb_compare_sides(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
                     int current_count, double machine_factor, vb_comparison *out) {
    const vb_session *b0 = first_session(baseline, baseline_count);
    const vb_session *c0 = first_session(current, current_count);
    describe_side(b0, out->baseline_machine, sizeof out->baseline_machine, out->baseline_renderer,
                  sizeof out->baseline_renderer, out->baseline_revision,
                  sizeof out->baseline_revision);
    describe_side(c0, out->current_machine, sizeof out->current_machine, out->current_renderer,
                  sizeof out->current_renderer, out->current_revision,
                  sizeof out->current_revision);
    out->same_machine = strcmp(out->baseline_machine, out->current_machine) == 0;
    out->same_renderer = strcmp(out->baseline_renderer, out->current_renderer) == 0;
    reference_range(baseline, baseline_count, &out->baseline_reference);
    reference_range(current, current_count, &out->current_reference);
    return machines_differ(out, machine_factor);
}
