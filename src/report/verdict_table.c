#include "report/verdict_table.h"

#include <string.h>

/* Prints `text` wrapped at `width` columns, continuation lines indented by `indent`. */
static void print_wrapped(FILE *out, const char *label, const char *text, int indent, int width) {
    fprintf(out, "%*s%-*s", 4, "", indent - 4, label);
    int column = indent;
    const char *p = text;
    while (*p) {
        size_t word = strcspn(p, " ");
        if (column > indent && column + 1 + (int)word > width) {
            fprintf(out, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', out);
            column++;
        }
        fwrite(p, 1, word, out);
        column += (int)word;
        p += word;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

void vb_verdict_table_print(const vb_evidence *e, const vb_claim claims[VB_CLAIM_COUNT],
                            FILE *out) {
    fprintf(out, "vizbench validate: the research note's claims, measured\n");
    fprintf(out, "GL renderer: %s%s\nmachine: %s\ninput: %s\n", e->renderer,
            e->software ? " (software: no GPU, no bus)" : "", e->machine, e->input);
    if (!e->complete) fprintf(out, "INCOMPLETE: some combinations were not measured\n");
    fprintf(out, "\n%-4s %-40s %-18s %s\n", "", "claim", "verdict", "measured on");
    for (int i = 0; i < VB_CLAIM_COUNT; i++)
        fprintf(out, "%-4s %-40s %-18s %s\n", claims[i].id, claims[i].topic,
                vb_verdict_name(claims[i].verdict), claims[i].renderer);
    for (int i = 0; i < VB_CLAIM_COUNT; i++) {
        const vb_claim *c = &claims[i];
        fprintf(out, "\n%s %s: %s\n", c->id, c->topic, vb_verdict_name(c->verdict));
        print_wrapped(out, "note:", c->note_says, 16, 100);
        print_wrapped(out, "measured:", c->measured, 16, 100);
        print_wrapped(out, "threshold:", c->threshold, 16, 100);
        print_wrapped(out, "why:", c->reason, 16, 100);
    }
}
