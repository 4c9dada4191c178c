/* One name lookup for every table of named things (strategies, views, gate metrics, option
 * values): a table is described by where its entries are, how far apart, and where in an entry
 * its name is, so the tables keep their own types and this code never learns them.
 *
 * The table does not own anything: `entries` must outlive every call. */
#ifndef VB_COMMON_NAME_TABLE_H
#define VB_COMMON_NAME_TABLE_H

#include <stddef.h>

typedef struct vb_name_table {
    const void *entries; /* first entry */
    int count;
    size_t stride;      /* bytes from one entry to the next */
    size_t name_offset; /* bytes from the start of an entry (or of what it points to) to its
                           `const char *` name */
    int indirect;       /* entries are pointers to the named structs */
} vb_name_table;

/* A table of structs with a `const char *` member `member`. */
#define VB_NAME_TABLE(array, count_, type, member)                                                 \
    ((vb_name_table){(array), (count_), sizeof(type), offsetof(type, member), 0})
/* A table of pointers to structs. */
#define VB_NAME_TABLE_OF_POINTERS(array, count_, type, member)                                     \
    ((vb_name_table){(array), (count_), sizeof(const type *), offsetof(type, member), 1})
/* A table of names. */
#define VB_NAME_TABLE_OF_STRINGS(array, count_)                                                    \
    ((vb_name_table){(array), (count_), sizeof(const char *), 0, 0})

const char *vb_name_at(const vb_name_table *table, int index);
/* The index of the entry named exactly `name`, or -1. */
int vb_name_find(const vb_name_table *table, const char *name);
/* Edit distance (insertions, deletions, substitutions) between the first `length` characters of
 * `a` and `b`; 99 for names of 64 characters or more. */
int vb_name_distance(const char *a, size_t length, const char *b);
/* The entry `name` most likely meant, for a "did you mean" in an error: the one it is a prefix
 * of, else the nearest within max(1, its length / 3) edits (at most 3); -1 when none is near. */
int vb_name_nearest(const vb_name_table *table, const char *name);
/* Writes the names into dst as "a<sep>b<last>c" (truncated to fit, always terminated). */
void vb_name_join(const vb_name_table *table, const char *sep, const char *last, char *dst,
                  size_t size);

#endif
