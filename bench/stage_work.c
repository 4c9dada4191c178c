/* stage-work: the CPU stages a strategy spends per frame (estimate/cpu_stage.h has the list and
 * what each does), alone and deterministic at 1080x200, 60 fps, for counting their instructions:
 * under callgrind on x86 (bench/instructions.sh, the gate's exact layer) and from qemu's trace
 * on aarch64 (bench/instructions-aarch64.sh); the cost model (estimate/cost_model.h) carries the
 * aarch64 counts to phone cores.
 *   stage-work --stage STAGE [--frames N] [--rework PCT]
 *   stage-work --list          the stages, one per line (the scripts count these)
 * It also prints the thread's CPU time per frame of the measured loop (bench/frb-encode.sh reads
 * it: "cpu_ns_per_frame N"); under callgrind or qemu that figure is the tool's, not the code's.
 * The consumer's stages are GL calls whose work is the driver's (counted by the gate's gl-calls
 * work count and timed by its A/B layer), and mapped-pbo's hand-off needs a GL buffer: neither
 * is here. Only `measured_stage` is meant to be counted (callgrind
 * --toggle-collect=measured_stage): loading and planning stay outside.
 * --rework PCT plants extra work for the gate's proof: the loop goes on for PCT % more frames
 * (N x PCT / 100, continuing the sequence), while the counts are still divided by N: about
 * PCT % more instructions per frame (exactly, where frames cost the same).
 * Exit 0, or 2 on a usage error, 1 on a failure. Prints the frames done and a checksum (so the
 * work cannot be optimised away). */
#include "common/error.h"
#include "common/parse.h"
#include "estimate/cpu_stage.h"

#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

/* Not inlined: callgrind counts from its entry to its return. */
__attribute__((noinline)) uint64_t measured_stage(vb_cpu_stage *stage, int64_t frames);
__attribute__((noinline)) uint64_t measured_stage(vb_cpu_stage *stage, int64_t frames) {
    uint64_t checksum = 0;
    for (int64_t n = 0; n < frames; n++)
        checksum += vb_cpu_stage_frame(stage, n);
    return checksum;
}
/* Markers around the call of measured_stage, for counters that see only a trace of executed
 * addresses (bench/instructions-aarch64.sh: qemu-user's -d exec log under -singlestep): the
 * instructions between the first entry of the first and of the second are the stage's. Outside
 * measured_stage, so callgrind's count (--toggle-collect=measured_stage) is unchanged. The asm
 * keeps each a real, distinct function the compiler can neither drop nor merge. */
__attribute__((noinline)) void vb_stage_begin_marker(void);
__attribute__((noinline)) void vb_stage_begin_marker(void) {
    __asm__ volatile("" ::: "memory");
}
__attribute__((noinline)) void vb_stage_end_marker(void);
__attribute__((noinline)) void vb_stage_end_marker(void) {
    __asm__ volatile("" ::: "memory");
}

static int usage(const char *message) {
    fprintf(stderr,
            "stage-work: %s\nusage: stage-work --stage STAGE [--frames N] [--rework PCT]\n"
            "       stage-work --list\n",
            message);
    return 2;
}

int main(int argc, char **argv) {
    static const struct option long_options[] = {{"stage", required_argument, NULL, 's'},
                                                 {"frames", required_argument, NULL, 'f'},
                                                 {"rework", required_argument, NULL, 'r'},
                                                 {"list", no_argument, NULL, 'l'},
                                                 {NULL, 0, NULL, 0}};
    const char *stage_name = NULL;
    long long frames = 120, rework = 0;
    int c, list = 0;
    while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        if (c == 's') {
            stage_name = optarg;
        } else if (c == 'l') {
            list = 1;
        } else if (c == 'f' || c == 'r') {
            long long *target = c == 'f' ? &frames : &rework;
            if (vb_parse_int(c == 'f' ? "--frames" : "--rework", optarg, c == 'f' ? 1 : 0,
                             c == 'f' ? 100000 : 100, target) != VB_OK)
                return usage(vb_error_get());
        } else {
            return usage("unknown option");
        }
    }
    if (list && !stage_name && optind == argc) {
        for (int i = 0; i < vb_cpu_stage_count(); i++)
            puts(vb_cpu_stage_name(i));
        return 0;
    }
    if (!stage_name || list || optind != argc)
        return usage("--stage (or --list) is required, and nothing else");

    vb_cpu_stage *stage = NULL;
    int status = vb_cpu_stage_open(stage_name, &stage);
    if (status == -VB_ERR_USAGE) return usage(vb_error_get());
    if (status != VB_OK) {
        fprintf(stderr, "stage-work: %s\n", vb_error_get());
        return 1;
    }
    const int64_t extra_frames = frames * rework / 100;
    struct timespec cpu_start, cpu_end;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_start);
    vb_stage_begin_marker();
    uint64_t checksum = measured_stage(stage, frames + extra_frames);
    vb_stage_end_marker();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_end);
    const double cpu_ns = (double)(cpu_end.tv_sec - cpu_start.tv_sec) * 1e9 +
                          (double)(cpu_end.tv_nsec - cpu_start.tv_nsec);
    const int failed = vb_cpu_stage_failed(stage);
    if (failed)
        fprintf(stderr, "stage-work: %s: %s\n", stage_name, vb_error_get());
    else
        printf("stage-work: %s, %lld frames + %lld planted, checksum %llu\n"
               "cpu_ns_per_frame %.0f\n",
               stage_name, frames, (long long)extra_frames, (unsigned long long)checksum,
               cpu_ns / (double)(frames + extra_frames));
    vb_cpu_stage_close(stage);
    return failed ? 1 : 0;
}
