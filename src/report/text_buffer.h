/* A growable text buffer for building reports in memory (an SVG chart is inlined in the HTML
 * and also written on its own). Out of memory is sticky: later appends do nothing and
 * `failed` stays set, so a builder checks once at the end. */
#ifndef VB_REPORT_TEXT_BUFFER_H
#define VB_REPORT_TEXT_BUFFER_H

#include "common/error.h"

#include <stddef.h>

typedef struct vb_text {
    char *data; /* NUL-terminated, owned */
    size_t length, capacity;
    int failed;
} vb_text;

void vb_text_init(vb_text *text);
void vb_text_free(vb_text *text);
void vb_text_printf(vb_text *text, const char *fmt, ...) VB_PRINTF(2, 3);
void vb_text_append(vb_text *text, const char *s);
/* XML/HTML text and attribute escaping (& < > " '). */
void vb_text_append_escaped(vb_text *text, const char *s);
/* Markdown table cell: | escaped, newlines as spaces, < > & as entities (a renderer would
 * take "Vec<u8>" for HTML and drop it), * _ ` [ ] \\ backslash-escaped. */
void vb_text_append_md_cell(vb_text *text, const char *s);
/* Writes the text to `path` atomically (io/atomic_file.h); the error names the path. */
int vb_text_write_file(const vb_text *text, const char *path);

#endif
