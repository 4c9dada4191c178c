#include "report/verdict_table.h"

#include "report/text_wrap.h"

#include <stdio.h>
#include <string.h>

/* Prints `text` wrapped at `width` columns after a label, continuation lines indented by
 * `indent`. */
static void print_wrapped(FILE *out, const char *label, const char *text, int indent, int width) {
    char first[128];
    snprintf(first, sizeof first, "%*s%s", 4, "", label);
    vb_print_wrapped(out, first, text, indent, width);
}

/* "holds on a CPU up to 1.7x slower" for the summary table, or "". */
static void factor_text(const vb_claim *c, char *dst, size_t size) {
    dst[0] = '\0';
    if (c->cpu_factor > 1.0)
        snprintf(dst, size, "CPU %.1fx slower", c->cpu_factor);
    else if (c->cpu_factor > 0 && c->cpu_factor < 1.0)
        snprintf(dst, size, "CPU %.1fx faster", 1.0 / c->cpu_factor);
    else if (c->cpu_factor == 1.0)
        snprintf(dst, size, "on the edge");
}

void vb_verdict_table_print(const vb_evidence *e, const vb_claim claims[VB_CLAIM_COUNT],
                            const vb_decisions *decision, FILE *out, int columns) {
    const int width = columns < 60 ? 60 : columns;
    for (int i = 0; i < VB_DECISION_PLATFORMS; i++) {
        if (i) fputc('\n', out);
        print_wrapped(out, "", decision->of[i].text, 4, width);
    }
    fprintf(out, "\nvizbench validate: the research note's claims, measured\n");
    fprintf(out, "GL renderer: %s\n%smachine: %s\ninput: %s\n", e->renderer,
            e->software ? "    software: no GPU, no bus\n" : "", e->machine, e->input);
    if (!e->complete) fprintf(out, "INCOMPLETE: some combinations were not measured\n");
    /* One renderer for every claim (the usual case): named once, not on every row. */
    int one_renderer = 1;
    for (int i = 1; i < VB_CLAIM_COUNT; i++)
        one_renderer &= strcmp(claims[i].renderer, claims[0].renderer) == 0;
    if (one_renderer) {
        fprintf(out, "\nevery verdict measured on %s\n%-4s %-38s %-17s %s\n", claims[0].renderer,
                "", "claim", "verdict", "flips with a");
        for (int i = 0; i < VB_CLAIM_COUNT; i++) {
            char factor[32];
            factor_text(&claims[i], factor, sizeof factor);
            if (factor[0])
                fprintf(out, "%-4s %-38s %-17s %s\n", claims[i].id, claims[i].topic,
                        vb_verdict_name(claims[i].verdict), factor);
            else
                fprintf(out, "%-4s %-38s %s\n", claims[i].id, claims[i].topic,
                        vb_verdict_name(claims[i].verdict));
        }
    } else {
        fprintf(out, "\n%-4s %-40s %-18s %s\n", "", "claim", "verdict", "measured on");
        for (int i = 0; i < VB_CLAIM_COUNT; i++)
            fprintf(out, "%-4s %-40s %-18s %s\n", claims[i].id, claims[i].topic,
                    vb_verdict_name(claims[i].verdict), claims[i].renderer);
    }
    for (int i = 0; i < VB_CLAIM_COUNT; i++) {
        const vb_claim *c = &claims[i];
        fprintf(out, "\n%s %s: %s\n", c->id, c->topic, vb_verdict_name(c->verdict));
        print_wrapped(out, "note:", c->note_says, 16, width);
        print_wrapped(out, "measured:", c->measured, 16, width);
        print_wrapped(out, "threshold:", c->threshold, 16, width);
        print_wrapped(out, "why:", c->reason, 16, width);
        if (c->sensitivity[0]) print_wrapped(out, "sensitivity:", c->sensitivity, 16, width);
    }
}
