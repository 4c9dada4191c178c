#include "report/text_buffer.h"

#include "io/atomic_file.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vb_text_init(vb_text *t) {
    memset(t, 0, sizeof *t);
}

void vb_text_free(vb_text *t) {
    free(t->data);
    vb_text_init(t);
}

static int reserve(vb_text *t, size_t extra) {
    if (t->failed) return 0;
    if (t->length + extra + 1 <= t->capacity) return 1;
    size_t capacity = t->capacity ? t->capacity : 4096;
    while (capacity < t->length + extra + 1)
        capacity *= 2;
    char *data = realloc(t->data, capacity);
    if (!data) {
        t->failed = 1;
        return 0;
    }
    t->data = data;
    t->capacity = capacity;
    return 1;
}

void vb_text_printf(vb_text *t, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    int needed = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (needed >= 0 && reserve(t, (size_t)needed)) {
        vsnprintf(t->data + t->length, (size_t)needed + 1, fmt, args);
        t->length += (size_t)needed;
    }
    va_end(args);
}

void vb_text_append(vb_text *t, const char *s) {
    size_t n = strlen(s);
    if (!reserve(t, n)) return;
    memcpy(t->data + t->length, s, n + 1);
    t->length += n;
}

void vb_text_append_escaped(vb_text *t, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&':
            vb_text_append(t, "&amp;");
            break;
        case '<':
            vb_text_append(t, "&lt;");
            break;
        case '>':
            vb_text_append(t, "&gt;");
            break;
        case '"':
            vb_text_append(t, "&quot;");
            break;
        case '\'':
            vb_text_append(t, "&#39;");
            break;
        default: {
            char c[2] = {*s, '\0'};
            vb_text_append(t, c);
        }
        }
    }
}

void vb_text_append_md_cell(vb_text *t, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '|':
            vb_text_append(t, "\\|");
            break;
        case '\n':
            vb_text_append(t, " ");
            break;
        /* what a Markdown renderer would take for HTML (GFM's tag filter drops "<u8>") */
        case '<':
            vb_text_append(t, "&lt;");
            break;
        case '>':
            vb_text_append(t, "&gt;");
            break;
        case '&':
            vb_text_append(t, "&amp;");
            break;
        /* and for emphasis, code, links or an escape */
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '\\': {
            char c[3] = {'\\', *s, '\0'};
            vb_text_append(t, c);
            break;
        }
        default: {
            char c[2] = {*s, '\0'};
            vb_text_append(t, c);
        }
        }
    }
}

int vb_text_write_file(const vb_text *text, const char *path) {
    vb_atomic_file file;
    int status = vb_atomic_open(&file, path);
    if (status != VB_OK) return status;
    if (fwrite(text->data ? text->data : "", 1, text->length, file.stream) != text->length) {
        return vb_atomic_fail(&file, errno);
    }
    return vb_atomic_commit(&file);
}
