#include "common/error.h"

#include <stdio.h>

static _Thread_local char error_message[1024];

void vb_error_vset(const char *fmt, va_list args) {
    vsnprintf(error_message, sizeof error_message, fmt, args);
}

void vb_error_set(const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vb_error_vset(fmt, args);
    va_end(args);
}

const char *vb_error_get(void) {
    return error_message[0] ? error_message : "unknown error";
}

void vb_error_clear(void) {
    error_message[0] = '\0';
}
