#include "report/json_file.h"

#include "common/error.h"
#include "io/atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int dump_callback(const char *buffer, size_t size, void *data) {
    return fwrite(buffer, 1, size, data) == size ? 0 : -1;
}

int vb_json_file_write(const json_t *root, const char *path) {
    vb_atomic_file file;
    int status = vb_atomic_open(&file, path);
    if (status != VB_OK) return status;
    if (json_dump_callback(root, dump_callback, file.stream, JSON_COMPACT) != 0 ||
        fputc('\n', file.stream) == EOF) {
        const int cause = errno; /* before the clean-up can change it */
        vb_atomic_abort(&file);
        vb_error_set("%s: write failed: %s", path, strerror(cause));
        return -VB_ERR_FAILURE;
    }
    return vb_atomic_commit(&file);
}

int vb_json_file_read(const char *path, json_t **root) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        vb_error_set("%s: cannot open", path);
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
