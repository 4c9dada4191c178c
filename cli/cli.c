#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

void cli_print_error(const char *message) {
    fprintf(stderr, "vizbench: %s\n", message);
}

int cli_fail(int status) {
    cli_print_error(vb_error_get());
    return status < 0 ? -status : status;
}

int cli_usage_error(const char *command, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "vizbench %s: ", command);
    vfprintf(stderr, fmt, args);
    fprintf(stderr, " (see 'vizbench %s --help')\n", command);
    va_end(args);
    return EXIT_USAGE;
}

int cli_load_input(const char *path, vb_audio *audio) {
    int status = path ? vb_audio_load_file(path, audio) : vb_audio_load_default(audio);
    if (status != VB_OK) return cli_fail(status);
    return 0;
}
