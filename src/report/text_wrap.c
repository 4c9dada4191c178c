#include "report/text_wrap.h"

#include <string.h>

void vb_print_wrapped(FILE *out, const char *first, const char *text, int indent, int width) {
    int column = fprintf(out, "%s", first);
    if (column < indent) column += fprintf(out, "%*s", indent - column, "");
    const int start = column;
    const char *p = text;
    while (*p) {
        const size_t word = strcspn(p, " ");
        if (column > start && column + 1 + (int)word > width) {
            fprintf(out, "\n%*s", indent, "");
            column = indent;
        } else if (column > start) {
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
