#include "cli.h"

#include "common/name_table.h"
#include "transfer/strategy.h"

#include <getopt.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
        const char *name = vb_strategy_list[i]->facts.name;
        int length = (int)strlen(name) + 2; /* ", " or " ," */
        if (column + length + 1 > WIDTH) column = fprintf(out, "\n%*s", INDENT - 1, "") - 1;
        column += fprintf(out, " %s%s", name, i + 1 < vb_strategy_count ? "," : "");
    }
    fputs(column + 26 > WIDTH ? "\n                        or all (default all)\n"
                              : " or all (default all)\n",
          out);
}

/* The option `given` (its first `length` characters) most likely meant: the one it is a prefix
 * of, else the nearest within 3 edits; NULL when none is near. */
static const char *nearest_option(const struct option *options, const char *given, size_t length) {
    const char *best = NULL;
    int best_distance = 4;
    for (const struct option *o = options; o->name; o++) {
        if (strncmp(o->name, given, length) == 0) return o->name;
        int d = vb_name_distance(given, length, o->name);
        if (d < best_distance) {
            best_distance = d;
            best = o->name;
        }
    }
    return best;
}

int cli_check_long_options(const char *command, int argc, char **argv, const struct option *options,
                           const char *short_options) {
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) break;
        if (arg[0] == '-' && arg[1] != '-' && arg[1]) { /* -o FILE: skip the value */
            const char *s = strchr(short_options, arg[1]);
            if (s && s[1] == ':' && !arg[2]) i++;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) continue;
        const char *name = arg + 2, *equals = strchr(name, '=');
        size_t length = equals ? (size_t)(equals - name) : strlen(name);
        const struct option *match = NULL;
        for (const struct option *o = options; o->name && !match; o++)
            if (strlen(o->name) == length && strncmp(o->name, name, length) == 0) match = o;
        if (!match) {
            const char *near = nearest_option(options, name, length);
            if (near)
                return cli_usage_error(command, "unknown option '--%.*s' (did you mean --%s?)",
                                       (int)length, name, near);
            return cli_usage_error(command, "unknown option '--%.*s'", (int)length, name);
        }
        if (match->has_arg == required_argument && !equals) i++;
    }
    return -1;
}

int cli_columns(FILE *out) {
    const char *env = getenv("COLUMNS");
    if (env && atoi(env) > 0) return atoi(env);
    struct winsize size;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

char *cli_next_item(char *list, char **save) {
    char *item = strtok_r(list, ",", save);
    while (item && (*item == ' ' || *item == '\t'))
        item++;
    if (!item) return NULL;
    char *end = item + strlen(item);
    while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return item;
}
