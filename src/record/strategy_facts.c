#include "record/strategy_facts.h"

#include "common/error.h"
#include "common/name_table.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const family_names[VB_FAMILY_COUNT] = {"flutter-chain", "android-path",
                                                          "gpu-sharing", "clean-model"};
static const char *const platform_names[VB_PLATFORM_COUNT] = {"android", "linux", "windows",
                                                              "macos-ios"};
static const char *const role_names[VB_ROLE_COUNT] = {"copy-model", "zero-copy-model",
                                                      "sharing-ideal", "image-chain"};
static const char *const capability_names[VB_CAP_COUNT] = {
    "renders-on-gpu", "renders-with-vulkan", "isolated-producer", "own-textures",   "vsync-driven",
    "frb-codec",      "producer-process",    "stage-figures",     "gles-by-default"};

const char *vb_family_name(vb_strategy_family family) {
    return family >= 0 && family < VB_FAMILY_COUNT ? family_names[family] : "unknown";
}

int vb_family_from_name(const char *name) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(family_names, VB_FAMILY_COUNT);
    return name ? vb_name_find(&table, name) : -1;
}

static const char *bit_name(const char *const *names, int count, int bit_index) {
    return bit_index >= 0 && bit_index < count ? names[bit_index] : NULL;
}

static unsigned bit_from_name(const char *const *names, int count, const char *name) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(names, count);
    const int index = name ? vb_name_find(&table, name) : -1;
    return index >= 0 ? 1u << index : 0;
}

const char *vb_platform_name(int bit_index) {
    return bit_name(platform_names, VB_PLATFORM_COUNT, bit_index);
}
const char *vb_role_name(int bit_index) {
    return bit_name(role_names, VB_ROLE_COUNT, bit_index);
}
const char *vb_capability_name(int bit_index) {
    return bit_name(capability_names, VB_CAP_COUNT, bit_index);
}
unsigned vb_platform_from_name(const char *name) {
    return bit_from_name(platform_names, VB_PLATFORM_COUNT, name);
}
unsigned vb_role_from_name(const char *name) {
    return bit_from_name(role_names, VB_ROLE_COUNT, name);
}
unsigned vb_capability_from_name(const char *name) {
    return bit_from_name(capability_names, VB_CAP_COUNT, name);
}

void vb_platforms_join(unsigned platforms, char *dst, size_t size) {
    size_t used = 0;
    dst[0] = '\0';
    for (int i = 0; i < VB_PLATFORM_COUNT; i++) {
        if (!(platforms & (1u << i))) continue;
        int n = snprintf(dst + used, size - used, "%s%s", used ? ", " : "", platform_names[i]);
        if (n < 0 || (size_t)n >= size - used) return;
        used += (size_t)n;
    }
    if (!used) snprintf(dst, size, "none");
}

/* The interned facts: a fixed table, so a pointer handed out never moves. */
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static vb_strategy_facts interned[VB_FACTS_INTERN_MAX];
static int interned_count;

static int same_text(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_facts(const vb_strategy_facts *a, const vb_strategy_facts *b) {
    return same_text(a->name, b->name) && same_text(a->summary, b->summary) &&
           same_text(a->does, b->does) && same_text(a->models, b->models) &&
           same_text(a->incurs, b->incurs) && same_text(a->measures, b->measures) &&
           same_text(a->colour, b->colour) && a->family == b->family &&
           a->platforms == b->platforms && a->roles == b->roles &&
           a->capabilities == b->capabilities && a->preference == b->preference;
}

/* NULL stays NULL; 0 when out of memory. */
static int copy_text(const char *from, const char **to) {
    *to = NULL;
    if (!from) return 1;
    char *copy = strdup(from);
    *to = copy;
    return copy != NULL;
}

static void free_texts(vb_strategy_facts *f) {
    const char **texts[] = {&f->name,   &f->summary,  &f->does,  &f->models,
                            &f->incurs, &f->measures, &f->colour};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        free((char *)*texts[i]);
        *texts[i] = NULL;
    }
}

const vb_strategy_facts *vb_strategy_facts_intern(const vb_strategy_facts *facts) {
    const vb_strategy_facts *found = NULL;
    pthread_mutex_lock(&intern_lock);
    for (int i = 0; i < interned_count && !found; i++)
        if (same_facts(&interned[i], facts)) found = &interned[i];
    if (!found && interned_count == VB_FACTS_INTERN_MAX) {
        vb_error_set("more than %d different strategies in the files read", VB_FACTS_INTERN_MAX);
    } else if (!found) {
        vb_strategy_facts *f = &interned[interned_count];
        *f = *facts;
        int ok = copy_text(facts->name, &f->name) & copy_text(facts->summary, &f->summary) &
                 copy_text(facts->does, &f->does) & copy_text(facts->models, &f->models) &
                 copy_text(facts->incurs, &f->incurs) & copy_text(facts->measures, &f->measures) &
                 copy_text(facts->colour, &f->colour);
        if (ok) {
            found = f;
            interned_count++;
        } else {
            free_texts(f);
            vb_error_set("out of memory");
        }
    }
    pthread_mutex_unlock(&intern_lock);
    return found;
}
