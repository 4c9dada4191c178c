#include "results/strategy_facts_json.h"

#include "common/error.h"

#include <string.h>

typedef const char *(*bit_namer)(int bit_index);
typedef unsigned (*bit_parser)(const char *name);

static json_t *bits_json(unsigned bits, bit_namer name_of) {
    json_t *list = json_array();
    for (int i = 0; list && name_of(i); i++)
        if (bits & (1u << i)) json_array_append_new(list, json_string(name_of(i)));
    return list;
}

json_t *vb_strategy_facts_to_json(const vb_strategy_facts *f) {
    json_t *out =
        json_pack("{s:s, s:o, s:o, s:o, s:i}", "family", vb_family_name(f->family), "platforms",
                  bits_json(f->platforms, vb_platform_name), "roles",
                  bits_json(f->roles, vb_role_name), "capabilities",
                  bits_json(f->capabilities, vb_capability_name), "preference", f->preference);
    const struct {
        const char *key, *value;
    } words[] = {{"colour", f->colour},
                 {"does", f->does},
                 {"models", f->models},
                 {"incurs", f->incurs},
                 {"measures", f->measures}};
    for (size_t i = 0; out && i < sizeof words / sizeof words[0]; i++)
        if (words[i].value) json_object_set_new(out, words[i].key, json_string(words[i].value));
    return out;
}

/* A list of names of one set of bits; a name this build does not know is left out, so a newer
 * file's new platform or capability does not make it unreadable. */
static int read_bits(vb_json_reader *r, json_t *facts, const char *prefix, const char *name,
                     bit_parser parse, unsigned *out) {
    json_t *list;
    VB_TRY(vb_json_array(r, facts, prefix, name, 0, 64, &list));
    *out = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        if (!text) return vb_json_bad(r, "holds something other than names");
        *out |= parse(text);
    }
    return VB_OK;
}

static const char *optional_text(json_t *facts, const char *name) {
    return json_string_value(json_object_get(facts, name)); /* NULL when absent */
}

static int read_recorded(vb_json_reader *r, json_t *facts, const char *prefix,
                         vb_strategy_facts *f) {
    const char *family;
    VB_TRY(vb_json_string_ref(r, facts, prefix, "family", &family));
    const int known = vb_family_from_name(family);
    f->family = known >= 0 ? (vb_strategy_family)known : VB_FAMILY_UNKNOWN;
    VB_TRY(read_bits(r, facts, prefix, "platforms", vb_platform_from_name, &f->platforms));
    VB_TRY(read_bits(r, facts, prefix, "roles", vb_role_from_name, &f->roles));
    VB_TRY(read_bits(r, facts, prefix, "capabilities", vb_capability_from_name, &f->capabilities));
    VB_TRY(vb_json_int32(r, facts, prefix, "preference", 0, 1000000, &f->preference));
    f->colour = optional_text(facts, "colour");
    f->does = optional_text(facts, "does");
    f->models = optional_text(facts, "models");
    f->incurs = optional_text(facts, "incurs");
    f->measures = optional_text(facts, "measures");
    return VB_OK;
}

int vb_strategy_facts_read(vb_json_reader *r, json_t *facts, const char *prefix, const char *name,
                           const char *summary, const vb_strategy_facts **out) {
    vb_strategy_facts f = {.family = VB_FAMILY_UNKNOWN};
    if (facts) {
        VB_TRY(read_recorded(r, facts, prefix, &f));
    } else if (vb_strategy_facts_before_recorded(name)) {
        f = *vb_strategy_facts_before_recorded(name);
    }
    f.name = name;
    f.summary = summary;
    *out = vb_strategy_facts_intern(&f);
    return *out ? VB_OK : vb_json_refuse_file(r); /* the interned table is full, or memory */
}
