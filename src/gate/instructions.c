#include "gate/instructions.h"

#include "common/error.h"
#include "io/json_file.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int bad(const char *path, const char *field, const char *problem) {
    vb_error_set("%s: %s %s", path, field, problem);
    return -VB_ERR_USAGE;
}

static void copy_string(json_t *root, const char *name, char *dst, size_t size) {
    json_t *v = json_object_get(root, name);
    snprintf(dst, size, "%s", json_is_string(v) ? json_string_value(v) : "");
}

int vb_instructions_read(const char *path, vb_instruction_counts *out) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int status = vb_json_file_read(path, &root);
    if (status != VB_OK) return status;
    status = -VB_ERR_USAGE;
    json_t *schema = json_object_get(root, "schema");
    json_t *version = json_object_get(root, "schema_version");
    json_t *stages = json_object_get(root, "stages");
    if (!json_is_object(root) || !json_is_string(schema) ||
        strcmp(json_string_value(schema), VB_INSTRUCTIONS_SCHEMA) != 0) {
        bad(path, "schema", "is not \"" VB_INSTRUCTIONS_SCHEMA "\"");
        goto done;
    }
    if (!json_is_integer(version) || json_integer_value(version) != VB_INSTRUCTIONS_VERSION) {
        bad(path, "schema_version", "is not 1");
        goto done;
    }
    if (!json_is_object(stages) || json_object_size(stages) == 0 ||
        json_object_size(stages) > VB_INSTRUCTIONS_MAX_STAGES) {
        bad(path, "stages", "is not an object of 1 to 16 stages");
        goto done;
    }
    copy_string(root, "machine", out->machine, sizeof out->machine);
    copy_string(root, "tool", out->tool, sizeof out->tool);
    copy_string(root, "created", out->created, sizeof out->created);
    const char *name;
    json_t *stage;
    json_object_foreach(stages, name, stage) {
        char field[96];
        snprintf(field, sizeof field, "stages.%s", name);
        json_t *count = json_object_get(stage, "instructions");
        json_t *frames = json_object_get(stage, "frames");
        if (!json_is_integer(count) || json_integer_value(count) <= 0) {
            bad(path, field, ".instructions is not a positive integer");
            goto done;
        }
        if (!json_is_integer(frames) || json_integer_value(frames) <= 0 ||
            json_integer_value(frames) > 1000000) {
            bad(path, field, ".frames is not an integer from 1 to 1000000");
            goto done;
        }
        int i = out->stage_count++;
        snprintf(out->stage[i], sizeof out->stage[i], "%s", name);
        out->per_frame[i] = (double)json_integer_value(count) / (double)json_integer_value(frames);
    }
    status = VB_OK;
done:
    json_decref(root);
    return status;
}

static int find_stage(const vb_instruction_counts *c, const char *name) {
    for (int i = 0; i < c->stage_count; i++)
        if (strcmp(c->stage[i], name) == 0) return i;
    return -1;
}

static void add(vb_instruction_row *row, const char *name, double baseline, double current,
                double threshold_pct, int *regressions) {
    snprintf(row->stage, sizeof row->stage, "%s", name);
    row->baseline = baseline;
    row->current = current;
    row->change_pct = 0;
    if (baseline < 0 || current < 0) {
        row->decision = VB_CHANGE_NOT_COMPARABLE;
        return;
    }
    row->change_pct = (current / baseline - 1.0) * 100.0;
    if (row->change_pct > threshold_pct) {
        row->decision = VB_CHANGE_REGRESSION;
        (*regressions)++;
    } else if (row->change_pct < -threshold_pct) {
        row->decision = VB_CHANGE_IMPROVEMENT;
    } else {
        row->decision = VB_CHANGE_NONE;
    }
}

int vb_instructions_compare(const vb_instruction_counts *b, const vb_instruction_counts *c,
                            double threshold_pct, vb_instruction_row *rows, int *regressions) {
    int n = 0;
    *regressions = 0;
    for (int i = 0; i < b->stage_count; i++) {
        int j = find_stage(c, b->stage[i]);
        add(&rows[n++], b->stage[i], b->per_frame[i], j >= 0 ? c->per_frame[j] : -1, threshold_pct,
            regressions);
    }
    for (int j = 0; j < c->stage_count; j++)
        if (find_stage(b, c->stage[j]) < 0)
            add(&rows[n++], c->stage[j], -1, c->per_frame[j], threshold_pct, regressions);
    return n;
}
