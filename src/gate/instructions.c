#include "gate/instructions.h"

#include "common/error.h"
#include "io/json_fields.h"
#include "io/json_file.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void copy_string(json_t *root, const char *name, char *dst, size_t size) {
    json_t *v = json_object_get(root, name);
    snprintf(dst, size, "%s", json_is_string(v) ? json_string_value(v) : "");
}

int vb_instructions_read(const char *path, vb_instruction_counts *out) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int status = vb_json_file_read(path, &root);
    if (status != VB_OK) return status;
    vb_json_reader r;
    vb_json_reader_init(&r, path, "");
    status = -VB_ERR_USAGE;
    const char *schema = NULL;
    int64_t version = 0;
    json_t *stages = NULL;
    if (vb_json_string_ref(&r, root, "", "schema", &schema) != VB_OK) goto done;
    if (strcmp(schema, VB_INSTRUCTIONS_SCHEMA) != 0) {
        vb_json_bad(&r, "is not \"" VB_INSTRUCTIONS_SCHEMA "\"");
        goto done;
    }
    if (vb_json_int(&r, root, "", "schema_version", 0, INT32_MAX, &version) != VB_OK) goto done;
    if (version != VB_INSTRUCTIONS_VERSION) {
        vb_json_bad(&r, "is not 1");
        goto done;
    }
    if (vb_json_object(&r, root, "", "stages", &stages) != VB_OK) goto done;
    if (json_object_size(stages) == 0 || json_object_size(stages) > VB_INSTRUCTIONS_MAX_STAGES) {
        vb_json_bad(&r, "is not an object of 1 to 16 stages");
        goto done;
    }
    copy_string(root, "machine", out->machine, sizeof out->machine);
    copy_string(root, "tool", out->tool, sizeof out->tool);
    copy_string(root, "created", out->created, sizeof out->created);
    const char *name;
    json_t *stage;
    json_object_foreach(stages, name, stage) {
        char prefix[96];
        snprintf(prefix, sizeof prefix, "stages.%s", name);
        int64_t count, frames;
        if (vb_json_int(&r, stage, prefix, "instructions", 1, INT64_MAX, &count) != VB_OK ||
            vb_json_int(&r, stage, prefix, "frames", 1, 1000000, &frames) != VB_OK)
            goto done;
        int i = out->stage_count++;
        snprintf(out->stage[i], sizeof out->stage[i], "%s", name);
        out->per_frame[i] = (double)count / (double)frames;
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
