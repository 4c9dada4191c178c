/* The committed counts and calibration, built in (estimate/stage_counts.h). The files are the
 * repository's own, checked by the gate and by the tests (tests/test_estimate.c), so a malformed
 * one is a build defect: it reads as "no count" with the file named, never as a crash. */
#include "estimate/stage_counts.h"

#include "common/error.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>

/* embedded_file.S.in, once per file (meson.build) */
extern const char vb_counts_x86_64_json[], vb_counts_aarch64_json[], vb_calibration_json[];

static const char *const file_names[] = {
    "bench/baselines/instructions.json",
    "bench/baselines/instructions-aarch64.json",
    "bench/baselines/calibration.json",
};

static json_t *documents[3];
static char origins[3][200];
static pthread_once_t parsed = PTHREAD_ONCE_INIT;

static void parse_one(int i, const char *text) {
    json_error_t error;
    documents[i] = json_loads(text, 0, &error);
    const char *tool = json_string_value(json_object_get(documents[i], "tool"));
    const char *machine = json_string_value(json_object_get(documents[i], "machine"));
    const char *created = json_string_value(json_object_get(documents[i], "created"));
    if (documents[i] && created)
        snprintf(origins[i], sizeof origins[i], "%s%s%s, %.10s", tool ? tool : "",
                 tool && machine ? " on " : "", machine ? machine : "", created);
}

static void parse_all(void) {
    parse_one(0, vb_counts_x86_64_json);
    parse_one(1, vb_counts_aarch64_json);
    parse_one(2, vb_calibration_json);
}

static json_t *stage_entry(int file, const char *stage) {
    pthread_once(&parsed, parse_all);
    return json_object_get(json_object_get(documents[file], "stages"), stage);
}

const char *vb_isa_name(vb_isa isa) {
    return isa == VB_ISA_AARCH64 ? "aarch64" : "x86-64";
}

int vb_stage_instructions(vb_isa isa, const char *stage, double *per_frame) {
    const int file = isa == VB_ISA_AARCH64 ? 1 : 0;
    json_t *entry = stage_entry(file, stage);
    const double instructions = json_number_value(json_object_get(entry, "instructions"));
    const double frames = json_number_value(json_object_get(entry, "frames"));
    if (!entry || instructions < 0 || frames < 1) {
        vb_error_set("%s: no count of stage %s", file_names[file], stage);
        return -VB_ERR_FAILURE;
    }
    *per_frame = instructions / frames;
    return VB_OK;
}

const char *vb_stage_counts_origin(vb_isa isa) {
    pthread_once(&parsed, parse_all);
    return origins[isa == VB_ISA_AARCH64 ? 1 : 0];
}

int vb_stage_calibration(const char *stage, double *error, int *within, double *faults,
                         double *fault_instructions) {
    json_t *entry = stage_entry(2, stage);
    json_t *e = json_object_get(entry, "error"), *w = json_object_get(entry, "within");
    json_t *f = json_object_get(entry, "faults_per_frame");
    json_t *k = json_object_get(documents[2], "fault_instructions");
    if (entry && json_is_false(json_object_get(entry, "timed")) && json_is_number(k)) {
        /* too short to time (under 10 000 instructions): its count alone, no faults */
        *error = 0;
        *within = 1;
        *faults = 0;
        *fault_instructions = json_number_value(k);
        return VB_OK;
    }
    if (!json_is_number(e) || !json_is_boolean(w) || !json_is_number(f) || !json_is_number(k)) {
        vb_error_set("%s: no calibration of stage %s", file_names[2], stage);
        return -VB_ERR_FAILURE;
    }
    *error = json_number_value(e);
    *within = json_is_true(w);
    *faults = json_number_value(f);
    *fault_instructions = json_number_value(k);
    return VB_OK;
}

const char *vb_stage_calibration_origin(void) {
    pthread_once(&parsed, parse_all);
    return origins[2];
}

const json_t *vb_stage_calibration_document(void) {
    pthread_once(&parsed, parse_all);
    return documents[2];
}
