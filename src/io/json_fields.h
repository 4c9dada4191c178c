/* Typed fields of a JSON document (jansson), each read with its range checked and, on any
 * problem, one error naming the file and the field's full path:
 *   "PATH: field 'BASE.PREFIX.NAME' is missing | is not an integer | is out of range | ...".
 * Every reader of vizbench's files (results, sweeps, instruction counts) reads through this, so
 * they word their errors alike and check alike. Every function returns VB_OK or -VB_ERR_USAGE.
 *
 * The reader borrows `path` and `base`; values read out as `const char *` or `json_t *` are
 * borrowed from the document and live as long as it does. */
#ifndef VB_IO_JSON_FIELDS_H
#define VB_IO_JSON_FIELDS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vb_json_reader {
    const char *path; /* the file, first in every error */
    const char *base; /* where the document sits in the file: "" or "sessions[3]" */
    char field[160];  /* the field last looked up, relative to base */
} vb_json_reader;

void vb_json_reader_init(vb_json_reader *reader, const char *path, const char *base);

/* Sets the error for the field last looked up (or for `field`) and returns -VB_ERR_USAGE. */
int vb_json_bad(vb_json_reader *reader, const char *what);
int vb_json_bad_field(vb_json_reader *reader, const char *field, const char *what);
/* Puts the file's name before the error already set (a failure that is not a field's: a table
 * full, memory short) and returns -VB_ERR_FAILURE. */
int vb_json_refuse_file(vb_json_reader *reader);

/* The member `name` of `object` (NULL when absent or when `object` is not an object); `prefix`
 * ("" or "options") is where `object` sits, for the error. */
json_t *vb_json_member(vb_json_reader *reader, json_t *object, const char *prefix,
                       const char *name);

int vb_json_int(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                int64_t min, int64_t max, int64_t *out);
int vb_json_int32(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                  int64_t min, int64_t max, int *out);
int vb_json_number(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                   double min, double max, double *out);
/* Copies the string into dst; a string longer than dst holds is refused ("is longer than N
 * characters"), never cut. */
int vb_json_string(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                   char *dst, size_t size);
int vb_json_string_ref(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                       const char **out);
int vb_json_bool(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                 int *out);
/* An array of min .. max entries. */
int vb_json_array(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                  size_t min, size_t max, json_t **out);
int vb_json_object(vb_json_reader *reader, json_t *object, const char *prefix, const char *name,
                   json_t **out);

/* Returns from the calling function with the status of `call` unless it is VB_OK. */
#define VB_TRY(call)                                                                               \
    do {                                                                                           \
        int vb_try_status = (call);                                                                \
        if (vb_try_status != VB_OK) return vb_try_status;                                          \
    } while (0)

#endif
