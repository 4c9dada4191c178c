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

int vb_name_distance(const char *a, size_t la, const char *b) {
    size_t lb = strlen(b);
    if (la >= 64 || lb >= 64) return 99;
    int row[64], next[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        next[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int substitute = row[j - 1] + (a[i - 1] != b[j - 1]);
            int erase = row[j] + 1, insert = next[j - 1] + 1;
            next[j] = substitute < erase ? (substitute < insert ? substitute : insert)
                                         : (erase < insert ? erase : insert);
        }
        memcpy(row, next, sizeof row);
    }
    return row[lb];
}

int vb_name_nearest(const vb_name_table *t, const char *name) {
    const size_t length = strlen(name);
    if (length == 0) return -1;
    int limit = (int)(length / 3);
    if (limit < 1) limit = 1;
    if (limit > 3) limit = 3;
    int best = -1, best_distance = limit + 1;
    for (int i = 0; i < t->count; i++) {
        const char *candidate = vb_name_at(t, i);
        if (strncmp(candidate, name, length) == 0) return i;
        int d = vb_name_distance(name, length, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = i;
        }
    }
    return best;
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
