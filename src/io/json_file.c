#include "io/json_file.h"

#include "common/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int vb_json_file_read(const char *path, json_t **root) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
        return -VB_ERR_FAILURE;
    }
    json_error_t error;
    *root = json_loadf(f, JSON_REJECT_DUPLICATES, &error);
    fclose(f);
    if (!*root) {
        vb_error_set("%s: not valid JSON (line %d: %s)", path, error.line, error.text);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}
