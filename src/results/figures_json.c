#include "results/figures_json.h"

#include "common/error.h"

#include <stdio.h>
#include <string.h>

static const char *const aggregation_names[] = {"mean", "p50", "p99", "sum"};
#define AGGREGATIONS (int)(sizeof aggregation_names / sizeof aggregation_names[0])

const char *vb_figure_aggregation_name(int index) {
    return index >= 0 && index < AGGREGATIONS ? aggregation_names[index] : NULL;
}

json_t *vb_figures_to_json(const vb_run_record *run) {
    json_t *list = json_array();
    for (int i = 0; list && i < run->figure_count; i++) {
        const vb_figure *f = run->figures[i];
        json_t *aggregation = json_array();
        for (int k = 0; k < AGGREGATIONS; k++)
            if (f->aggregation & (1u << k))
                json_array_append_new(aggregation, json_string(aggregation_names[k]));
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "name", f->name,
                                              "label", f->label, "unit", f->unit, "owner",
                                              vb_figure_owner_name(f->owner), "aggregation",
                                              aggregation, "gate", vb_figure_gate_name(f->gate)));
    }
    return list;
}

static int read_one(vb_json_reader *r, json_t *item, const char *prefix, int slot,
                    const vb_figure **out) {
    vb_figure f = {.presence = VB_FIGURE_OF_STRATEGY, .slot = slot};
    const char *owner, *gate;
    json_t *aggregation;
    VB_TRY(vb_json_string_ref(r, item, prefix, "name", &f.name));
    VB_TRY(vb_json_string_ref(r, item, prefix, "label", &f.label));
    VB_TRY(vb_json_string_ref(r, item, prefix, "unit", &f.unit));
    VB_TRY(vb_json_string_ref(r, item, prefix, "owner", &owner));
    VB_TRY(vb_json_string_ref(r, item, prefix, "gate", &gate));
    VB_TRY(vb_json_array(r, item, prefix, "aggregation", 0, AGGREGATIONS, &aggregation));
    const int known_owner = vb_figure_owner_from_name(owner);
    const int known_gate = vb_figure_gate_from_name(gate);
    if (known_owner < 0) return vb_json_bad_field(r, prefix, "has an unknown owner");
    if (known_gate < 0) return vb_json_bad_field(r, prefix, "has an unknown gate rule");
    if (!f.name[0] || strchr(f.name, '"') || strchr(f.name, '\\'))
        return vb_json_bad_field(r, prefix, "has a name that cannot be a column");
    f.owner = (vb_figure_owner)known_owner;
    f.gate = (vb_figure_gate)known_gate;
    for (size_t k = 0; k < json_array_size(aggregation); k++) {
        const char *name = json_string_value(json_array_get(aggregation, k));
        for (int a = 0; name && a < AGGREGATIONS; a++)
            if (strcmp(name, aggregation_names[a]) == 0) f.aggregation |= 1u << a;
    }
    *out = vb_figure_intern(&f);
    return *out ? VB_OK : vb_json_refuse_file(r); /* the interned table is full, or memory */
}

int vb_figures_read(vb_json_reader *r, json_t *list, const char *prefix, vb_run_record *run) {
    run->figure_count = 0;
    if (!list) return VB_OK;
    if (!json_is_array(list) || json_array_size(list) > VB_FRAME_STRATEGY_FIGURES)
        return vb_json_bad_field(r, prefix, "is not an array of at most 4 figures");
    for (size_t i = 0; i < json_array_size(list); i++) {
        char at[96];
        snprintf(at, sizeof at, "%s[%zu]", prefix, i);
        json_t *item = json_array_get(list, i);
        if (!json_is_object(item)) return vb_json_bad_field(r, at, "is not an object");
        VB_TRY(read_one(r, item, at, (int)i, &run->figures[i]));
        for (size_t k = 0; k < i; k++)
            if (strcmp(run->figures[k]->name, run->figures[i]->name) == 0)
                return vb_json_bad_field(r, at, "names a figure twice");
        run->figure_count++;
    }
    return VB_OK;
}
