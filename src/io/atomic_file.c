#include "io/atomic_file.h"

#include "common/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(vb_atomic_file *f) {
    free(f->temp_path);
    free(f->final_path);
    f->temp_path = f->final_path = NULL;
    f->stream = NULL;
}

int vb_atomic_open(vb_atomic_file *f, const char *path) {
    memset(f, 0, sizeof *f);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        vb_error_set("%s: is a directory", path);
        return -VB_ERR_FAILURE;
    }
    size_t n = strlen(path);
    f->final_path = strdup(path);
    f->temp_path = malloc(n + sizeof ".tmp.XXXXXX");
    if (!f->final_path || !f->temp_path) {
        release(f);
        vb_error_set("%s: out of memory", path);
        return -VB_ERR_FAILURE;
    }
    memcpy(f->temp_path, path, n);
    memcpy(f->temp_path + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(f->temp_path);
    if (fd < 0) {
        vb_error_set("%s: cannot create: %s", path, strerror(errno));
        release(f);
        return -VB_ERR_FAILURE;
    }
    /* mkstemp makes the file 0600; outputs should get the usual umask-derived mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->stream = fdopen(fd, "wb");
    if (!f->stream) {
        vb_error_set("%s: cannot open: %s", path, strerror(errno));
        close(fd);
        unlink(f->temp_path);
        release(f);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_atomic_commit(vb_atomic_file *f) {
    int failed = fflush(f->stream) != 0 || ferror(f->stream) || fsync(fileno(f->stream)) != 0;
    int saved = errno;
    if (fclose(f->stream) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    f->stream = NULL;
    if (!failed && rename(f->temp_path, f->final_path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        vb_error_set("%s: write failed: %s", f->final_path, strerror(saved));
        unlink(f->temp_path);
        release(f);
        return -VB_ERR_FAILURE;
    }
    release(f);
    return VB_OK;
}

void vb_atomic_abort(vb_atomic_file *f) {
    if (f->stream) fclose(f->stream);
    if (f->temp_path) unlink(f->temp_path);
    release(f);
}
