/* vizbench: the program's entry point; dispatches to one file per subcommand. */
#include "cli.h"
#include "common/error.h"
#include "common/name_table.h"
#include "display/sdl_api.h"
#include "measure/machine_info.h"
#include "transfer/vk_producer_process.h"
#include "version.h"

#include <SDL2/SDL_version.h>
#include <fftw3.h>
#include <jansson.h>
#include <png.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
} subcommand;

static const subcommand commands[] = {
    {"run", cmd_run},           {"sweep", cmd_sweep},     {"validate", cmd_validate},
    {"report", cmd_report},     {"compare", cmd_compare}, {"render", cmd_render},
    {"estimate", cmd_estimate},
};

/* "unknown command 'rn' (did you mean run? see 'vizbench --help')" */
static int unknown_command(const char *name) {
    const vb_name_table table =
        VB_NAME_TABLE(commands, (int)(sizeof commands / sizeof commands[0]), subcommand, name);
    const int near = vb_name_nearest(&table, name);
    if (near >= 0)
        fprintf(stderr, "vizbench: unknown command '%s' (did you mean %s? see 'vizbench --help')\n",
                name, vb_name_at(&table, near));
    else
        fprintf(stderr, "vizbench: unknown command '%s' (see 'vizbench --help')\n", name);
    return EXIT_USAGE;
}

static const subcommand *find_command(const char *name) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

/* The build and the libraries it runs with: what a bug report needs. */
static void print_version(void) {
    vb_machine_info info;
    vb_machine_info_read(&info);
    /* SDL is loaded only for GL (display/sdl_api.h): here to say which one a run would get. */
    SDL_version built, loaded;
    SDL_VERSION(&built);
    char sdl[320];
    if (vb_sdl_api_load() == VB_OK) {
        vb_sdl.GetVersion(&loaded);
        snprintf(sdl, sizeof sdl, "%d.%d.%d (built with %d.%d.%d)", loaded.major, loaded.minor,
                 loaded.patch, built.major, built.minor, built.patch);
    } else {
        snprintf(sdl, sizeof sdl, "not loaded (built with %d.%d.%d; %s)", built.major, built.minor,
                 built.patch, vb_error_get());
    }
    printf("vizbench %s (commit %s, %s build, %s)\n", VB_VERSION, info.revision, info.build_type,
           info.compiler);
    printf("libraries: %s, FFTW %s, SDL2 %s, jansson %s, libpng %s\n", sf_version_string(),
           fftwf_version, sdl, jansson_version_str(), png_get_libpng_ver(NULL));
}

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
          "  estimate  each strategy's CPU time per frame on phone cores (a cost model)\n"
          "\n"
          "options:\n"
          "  -h, --help      this help; 'vizbench COMMAND --help' or 'vizbench help COMMAND'\n"
          "                  for a command's options\n"
          "  -V, --version   the version, commit, build and the libraries' versions\n"
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
    /* Hidden: the Vulkan producer process vulkan-interop starts (--producer-process separate),
     * its socket on fd 3; not a command for users, so not in the help. */
    if (strcmp(command, "__vulkan-producer") == 0 && argc == 2) return vb_vk_producer_main(3);
    if (strcmp(command, "help") == 0 && argc > 2) { /* help CMD: that command's help */
        const subcommand *c = find_command(argv[2]);
        if (!c) return unknown_command(argv[2]);
        char *help_argv[] = {argv[2], "--help", NULL};
        return c->run(2, help_argv);
    }
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0 ||
        strcmp(command, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
        print_version();
        return 0;
    }
    const subcommand *c = find_command(command);
    if (c) return c->run(argc - 1, argv + 1);
    return unknown_command(command);
}
