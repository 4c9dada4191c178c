/* Whole JSON files read through jansson, duplicate keys refused. Errors name the file:
 * -VB_ERR_FAILURE when it cannot be opened, -VB_ERR_USAGE when it is not valid JSON. (Results
 * are written by vb_results_file_write, results/results_json.h, which streams their frames.) */
#ifndef VB_IO_JSON_FILE_H
#define VB_IO_JSON_FILE_H

#include <jansson.h>

/* On success *root is a new reference the caller releases with json_decref. */
int vb_json_file_read(const char *path, json_t **root);

#endif
