/* Shared by the measuring subcommands (see measure_args.h). */
#include "measure_args.h"

#include "audio/default_input.h"
#include "audio/frame_clock.h"
#include "cli.h"
#include "common/parse.h"
#include "measure/machine_info.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

int cli_parse_strategy_list(const char *option, const char *arg, const vb_strategy_ops **ops,
                            int *count) {
    *count = 0;
    char list[256];
    if (snprintf(list, sizeof list, "%s", arg) >= (int)sizeof list) {
        vb_error_set("%s: list too long", option);
        return -VB_ERR_USAGE;
    }
    char *save = NULL;
    for (char *name = cli_next_item(list, &save); name; name = cli_next_item(NULL, &save)) {
        if (strcmp(name, "all") == 0) {
            *count = 0;
            for (int i = 0; i < vb_strategy_count; i++)
                ops[(*count)++] = vb_strategy_list[i];
            continue;
        }
        const vb_strategy_ops *found = vb_strategy_find(name);
        if (!found) { /* the registry's message names --strategy: name the option as typed */
            const char *why = vb_error_get();
            const size_t prefix = strlen("--strategy: ");
            char message[768];
            snprintf(message, sizeof message, "%s: %s", option,
                     strncmp(why, "--strategy: ", prefix) == 0 ? why + prefix : why);
            vb_error_set("%s", message);
            return -VB_ERR_USAGE;
        }
        for (int i = 0; i < *count; i++)
            if (ops[i] == found) {
                vb_error_set("%s: '%s' is listed twice", option, name);
                return -VB_ERR_USAGE;
            }
        if (*count >= VB_SESSION_MAX_RUNS) {
            vb_error_set("%s: too many strategies", option);
            return -VB_ERR_USAGE;
        }
        ops[(*count)++] = found;
    }
    if (*count == 0) {
        vb_error_set("%s: no strategy named in '%s'", option, arg);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

void cli_describe_command(int argc, char **argv, char *dst, size_t size) {
    size_t used = (size_t)snprintf(dst, size, "vizbench");
    for (int i = 0; i < argc && used < size; i++)
        used += (size_t)snprintf(dst + used, size - used, " %s", argv[i]);
}

int cli_input_info(const char *path, const vb_audio *audio, int fps, vb_input_info *in) {
    snprintf(in->name, sizeof in->name, "%s", audio->name);
    in->sample_rate = audio->sample_rate;
    in->channels = audio->channels;
    in->samples = audio->length;
    in->frames = vb_frame_count(audio->length, audio->sample_rate, fps);
    if (path) return vb_sha256_file(path, in->sha256);
    vb_sha256_memory(vb_default_input_data, (size_t)vb_default_input_size, in->sha256);
    return VB_OK;
}

/* VIZBENCH_FAULT=KIND:STRATEGY (or slow:STRATEGY:US) simulates a fault (or a planted slowdown)
 * for the tests and the regression gate's proof. */
typedef struct fault_kind {
    const char *name;
    size_t member;     /* the vb_run_options field naming the strategy it hits */
    int producer_kind; /* VB_PRODUCER_FAULT_* for the producer process's faults, else 0 */
} fault_kind;

static const fault_kind fault_kinds[] = {
    {"fence", offsetof(vb_run_options, fault_fence_never_signals), 0},
    {"release-fence", offsetof(vb_run_options, fault_release_fence_never_signals), 0},
    {"map-fail", offsetof(vb_run_options, fault_map_fails), 0},
    {"copy-fence", offsetof(vb_run_options, fault_copy_fence_never_signals), 0},
    {"fail", offsetof(vb_run_options, fault_fail_mid_run), 0},
    {"vk-fence", offsetof(vb_run_options, fault_vk_fence), 0},
    {"uuid", offsetof(vb_run_options, fault_uuid_mismatch), 0},
    {"producer-kill", offsetof(vb_run_options, fault_producer), VB_PRODUCER_FAULT_KILL},
    {"producer-garbage", offsetof(vb_run_options, fault_producer), VB_PRODUCER_FAULT_GARBAGE},
    {"producer-hang", offsetof(vb_run_options, fault_producer), VB_PRODUCER_FAULT_HANG},
};

#define FAULT_NAMES                                                                                \
    "fence, release-fence, map-fail, copy-fence, fail, vk-fence, uuid, producer-kill, "            \
    "producer-garbage, producer-hang or slow"

int cli_read_fault(vb_run_options *options) {
    const char *value = getenv("VIZBENCH_FAULT");
    if (!value || !*value) return VB_OK;
    return cli_parse_fault(value, options);
}

int cli_parse_fault(const char *value, vb_run_options *options) {
    static char fault[64];
    /* Refused rather than cut: a cut value can read as another (slow:S:0...05000000 as 500). */
    if (snprintf(fault, sizeof fault, "%s", value) >= (int)sizeof fault) {
        vb_error_set("VIZBENCH_FAULT: longer than %d characters", (int)sizeof fault - 1);
        return -VB_ERR_USAGE;
    }
    char *name = strchr(fault, ':');
    char *amount = name ? strchr(name + 1, ':') : NULL;
    if (name) *name++ = '\0';
    if (amount) *amount++ = '\0';
    const int slow = strcmp(fault, "slow") == 0;
    if (!name || !vb_strategy_find(name) || (slow != (amount != NULL))) {
        vb_error_set("VIZBENCH_FAULT: expected KIND:STRATEGY (KIND: " FAULT_NAMES
                     ") or slow:STRATEGY:MICROSECONDS, got '%s'",
                     value);
        return -VB_ERR_USAGE;
    }
    if (slow) {
        long long us = 0;
        if (vb_parse_int("VIZBENCH_FAULT slow microseconds", amount, 1, 10000000, &us) != VB_OK)
            return -VB_ERR_USAGE;
        options->fault_slow_strategy = name;
        options->fault_slow_ns = (int64_t)us * 1000;
        return VB_OK;
    }
    for (size_t i = 0; i < sizeof fault_kinds / sizeof fault_kinds[0]; i++) {
        if (strcmp(fault, fault_kinds[i].name) != 0) continue;
        const char *target = name;
        memcpy((char *)options + fault_kinds[i].member, &target, sizeof target);
        if (fault_kinds[i].producer_kind)
            options->fault_producer_kind = fault_kinds[i].producer_kind;
        return VB_OK;
    }
    vb_error_set("VIZBENCH_FAULT: unknown fault '%s' (expected " FAULT_NAMES ")", fault);
    return -VB_ERR_USAGE;
}

atomic_int cli_stop_requested;

static void on_signal(int signal_number) {
    atomic_store(&cli_stop_requested, 1);
    /* A second signal ends the process the usual way. */
    signal(signal_number, SIG_DFL);
}

void cli_catch_stop_signals(void) {
    atomic_store(&cli_stop_requested, 0);
    struct sigaction action = {0};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

void cli_restore_signals(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

int cli_session_exit_code(const vb_session *s) {
    if (!s->complete) return EXIT_INTERRUPTED;
    int unavailable = 0;
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        if (run->status == VB_STRATEGY_FAILED) return 1;
        if (run->status == VB_STRATEGY_UNAVAILABLE) unavailable = 1;
        if (run->status == VB_STRATEGY_OK && !(run->picture.checked > 0 && run->picture.passed))
            return 1;
    }
    return unavailable ? EXIT_UNAVAILABLE : 0;
}
