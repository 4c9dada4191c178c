#include "cli.h"

#include "transfer/strategy.h"

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

void cli_print_strategy_help(FILE *out, const char *option) {
    enum { INDENT = 24, WIDTH = 80 };
    int column = fprintf(out, "  %-*s comma-separated, of:", INDENT - 3, option);
    for (int i = 0; i < vb_strategy_count; i++) {
        const char *name = vb_strategy_list[i]->name;
        int length = (int)strlen(name) + 2; /* ", " or " ," */
        if (column + length + 1 > WIDTH) column = fprintf(out, "\n%*s", INDENT - 1, "") - 1;
        column += fprintf(out, " %s%s", name, i + 1 < vb_strategy_count ? "," : "");
    }
    fputs(column + 26 > WIDTH ? "\n                        or all (default all)\n"
                              : " or all (default all)\n",
          out);
}
