/* vizbench: the program's entry point; dispatches to one file per subcommand. */
#include "cli.h"
#include "version.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static void print_help(FILE *out) {
    fputs("usage: vizbench COMMAND [options]\n"
          "\n"
          "Measures how visualization frames move from an audio renderer to a UI, and renders\n"
          "the reference pictures every transfer strategy must reproduce.\n"
          "\n"
          "commands:\n"
          "  run       measure the transfer strategies: frame time, bandwidth, CPU\n"
          "  sweep     measure every size x fps x view under every strategy\n"
          "  validate  a verdict on each claim of the research note, with the evidence\n"
          "  report    the HTML / Markdown report (charts) of a sweep or run results file\n"
          "  compare   the regression gate: current results against a baseline\n"
          "  render    render one frame (or a contact sheet) of a view to PNG\n"
          "\n"
          "options:\n"
          "  -h, --help      this help; 'vizbench COMMAND --help' for a command's options\n"
          "  -V, --version   print the version and exit\n"
          "\n"
          "INPUT is any file libsndfile reads (WAV, FLAC, Ogg, AIFF, ...); without one, the\n"
          "bundled beatbox loop fixture is used.\n"
          "\n"
          "exit codes: 0 success, 1 failure (bad input file, I/O, runtime), 2 usage error\n",
          out);
}

int main(int argc, char **argv) {
    /* A file-size limit (ulimit -f, a quota) would otherwise kill the process mid-write with
     * SIGXFSZ; ignored, the write fails with EFBIG and the output is abandoned cleanly (the
     * temporary file removed, a good file under the target's name left alone). */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        fprintf(stderr, "vizbench: no command given (see 'vizbench --help')\n");
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0 ||
        strcmp(command, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
        printf("vizbench %s\n", VB_VERSION);
        return 0;
    }
    if (strcmp(command, "run") == 0) return cmd_run(argc - 1, argv + 1);
    if (strcmp(command, "sweep") == 0) return cmd_sweep(argc - 1, argv + 1);
    if (strcmp(command, "validate") == 0) return cmd_validate(argc - 1, argv + 1);
    if (strcmp(command, "report") == 0) return cmd_report(argc - 1, argv + 1);
    if (strcmp(command, "compare") == 0) return cmd_compare(argc - 1, argv + 1);
    if (strcmp(command, "render") == 0) return cmd_render(argc - 1, argv + 1);
    fprintf(stderr, "vizbench: unknown command '%s' (see 'vizbench --help')\n", command);
    return EXIT_USAGE;
}
