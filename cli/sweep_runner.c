#include "sweep_runner.h"

#include "cli.h"
#include "common/clock.h"
#include "measure_args.h"
#include "results/sweep_json.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct sweep_job {
    vb_sweep *sweep;
    const char *output;
    pthread_t thread;
    atomic_int done;
    atomic_int finished_here;  /* combinations measured by this invocation */
    int measured_before;       /* complete when it began (a resumed sweep) */
    atomic_llong last_done_ns; /* when the latest combination finished (start before one) */
    int64_t start_ns;
} sweep_job;

static int on_combination_done(void *context, const vb_sweep *sweep, int index) {
    sweep_job *job = context;
    (void)index;
    atomic_store(&job->last_done_ns, vb_now_ns());
    atomic_fetch_add(&job->finished_here, 1);
    return job->output ? vb_sweep_json_write(sweep, job->output) : VB_OK;
}

/* Time left: the remaining combinations at what those measured so far took each (before the
 * first one ends, at the planned frames' time), less what the current one has run already. */
static double seconds_left(sweep_job *job, int remaining) {
    const vb_sweep_grid *g = &job->sweep->grid;
    const int finished = atomic_load(&job->finished_here);
    const int64_t last = atomic_load(&job->last_done_ns);
    const double each = finished > 0 ? (double)(last - job->start_ns) / 1e9 / finished
                                     : (g->seconds + g->warmup_seconds) * g->strategy_count;
    const double left = each * remaining - (double)(vb_now_ns() - last) / 1e9;
    return left > 0 ? left : 0;
}

static void *progress_main(void *opaque) {
    sweep_job *job = opaque;
    const vb_sweep *sweep = job->sweep;
    while (!atomic_load(&job->done)) {
        int index = atomic_load(&vb_sweep_current_combination);
        int run = atomic_load(&vb_session_current_run);
        vb_run_options o;
        vb_sweep_combination_options(&sweep->grid, index, &o);
        /* Counted here, not read from the sessions the main thread is filling in. */
        int remaining = sweep->count - job->measured_before - atomic_load(&job->finished_here);
        int left = (int)(seconds_left(job, remaining) + 0.5);
        fprintf(stderr, "\rvizbench sweep: [%d/%d] %s %dx%d@%d %-13s  %d:%02d left   ", index + 1,
                sweep->count, vb_view_name(o.view.view), o.view.width, o.view.height, o.view.fps,
                sweep->grid.strategies[run]->name, left / 60, left % 60);
        struct timespec pause = {0, 200000000};
        nanosleep(&pause, NULL);
    }
    fputs("\r\033[K", stderr);
    return NULL;
}

int cli_sweep_exit_code(const vb_sweep *sweep) {
    int code = 0;
    for (int i = 0; i < sweep->count; i++) {
        if (!sweep->sessions[i]) return EXIT_INTERRUPTED;
        int c = cli_session_exit_code(sweep->sessions[i]);
        if (c == EXIT_INTERRUPTED) return c;
        if (c == 1 || (c == EXIT_UNAVAILABLE && code == 0)) code = c;
    }
    return code;
}

int cli_run_sweep(vb_sweep *sweep, const vb_audio *audio, const char *output) {
    sweep_job job = {.sweep = sweep,
                     .output = output,
                     .start_ns = vb_now_ns(),
                     .measured_before = vb_sweep_measured_count(sweep)};
    atomic_init(&job.done, 0);
    atomic_init(&job.finished_here, 0);
    atomic_init(&job.last_done_ns, job.start_ns);
    atomic_store(&vb_session_current_run, 0);
    cli_catch_stop_signals();
    int show_progress =
        isatty(STDERR_FILENO) && pthread_create(&job.thread, NULL, progress_main, &job) == 0;
    int status = vb_sweep_run(sweep, audio, on_combination_done, &job, &cli_stop_requested);
    if (show_progress) {
        atomic_store(&job.done, 1);
        pthread_join(job.thread, NULL);
    }
    cli_restore_signals();
    if (status != VB_OK) {
        cli_print_error(vb_error_get());
        /* What was measured before the fault is kept. */
        if (output && vb_sweep_json_write(sweep, output) != VB_OK) cli_print_error(vb_error_get());
        return 1;
    }
    if (!vb_sweep_complete(sweep)) {
        /* Each combination that ended, even interrupted, is already written; only a stop before
         * the first one ended leaves the file to write here. */
        if (output && atomic_load(&job.finished_here) == 0 &&
            vb_sweep_json_write(sweep, output) != VB_OK) {
            cli_print_error(vb_error_get());
            return 1;
        }
        fprintf(stderr,
                "vizbench: interrupted after %d of %d combinations; partial results kept%s%s\n",
                vb_sweep_measured_count(sweep), sweep->count, output ? " in " : "",
                output ? output : "");
    }
    return cli_sweep_exit_code(sweep);
}
