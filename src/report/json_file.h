/* Whole JSON files through jansson: written atomically (temp + rename, so a failure never
 * leaves a half-written file over a good one), read with duplicate keys refused. Errors name
 * the file: -VB_ERR_FAILURE when it cannot be opened or written, -VB_ERR_USAGE when it is not
 * valid JSON. */
#ifndef VB_REPORT_JSON_FILE_H
#define VB_REPORT_JSON_FILE_H

#include <jansson.h>

/* Compact, one trailing newline. `root` stays the caller's. */
int vb_json_file_write(const json_t *root, const char *path);
/* On success *root is a new reference the caller releases with json_decref. */
int vb_json_file_read(const char *path, json_t **root);

#endif
