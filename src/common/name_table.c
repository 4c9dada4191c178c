#include "common/name_table.h"

#include <stdio.h>
#include <string.h>

const char *vb_name_at(const vb_name_table *t, int index) {
    const char *entry = (const char *)t->entries + (size_t)index * t->stride;
    if (t->indirect) entry = *(const char *const *)(const void *)entry;
    return *(const char *const *)(const void *)(entry + t->name_offset);
}

int vb_name_find(const vb_name_table *t, const char *name) {
    for (int i = 0; i < t->count; i++)
        if (strcmp(vb_name_at(t, i), name) == 0) return i;
    return -1;
}

void vb_name_join(const vb_name_table *t, const char *sep, const char *last, char *dst,
                  size_t size) {
    size_t used = 0;
    if (size == 0) return;
    dst[0] = '\0';
    for (int i = 0; i < t->count && used < size; i++) {
        const char *before = i == 0 ? "" : i == t->count - 1 ? last : sep;
        int n = snprintf(dst + used, size - used, "%s%s", before, vb_name_at(t, i));
        if (n < 0) break;
        used += (size_t)n;
    }
}
