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
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        vb_error_set("%s: is a directory", path);
        return -VB_ERR_FAILURE;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device or pipe (/dev/null, a FIFO) holds no file to protect, and renaming over it
         * would replace the device itself: write to it directly. */
        f->stream = fopen(path, "wb");
        if (!f->stream) {
            vb_error_set("%s: cannot open: %s", path, strerror(errno));
            return -VB_ERR_FAILURE;
        }
        f->final_path = strdup(path);
        return VB_OK;
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

int vb_atomic_fail(vb_atomic_file *f, int cause) {
    vb_error_set("%s: write failed: %s", f->final_path ? f->final_path : "output", strerror(cause));
    vb_atomic_abort(f);
    return -VB_ERR_FAILURE;
}

int vb_atomic_probe(const char *path) {
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) return VB_OK;
    vb_atomic_file f;
    int status = vb_atomic_open(&f, path);
    if (status == VB_OK) vb_atomic_abort(&f);
    return status;
}

int vb_atomic_commit(vb_atomic_file *f) {
    const int direct = f->temp_path == NULL;
    int failed =
        fflush(f->stream) != 0 || ferror(f->stream) || (!direct && fsync(fileno(f->stream)) != 0);
    int saved = errno;
    if (fclose(f->stream) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    f->stream = NULL;
    if (!failed && !direct && rename(f->temp_path, f->final_path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        vb_error_set("%s: write failed: %s", f->final_path ? f->final_path : "output",
                     strerror(saved));
        if (!direct) unlink(f->temp_path);
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

int vb_folder_ensure(const char *path) {
    /* The folders above it first, as mkdir -p does: `-o a/b/c` makes a, a/b and a/b/c. */
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", path);
    for (char *slash = strchr(parent + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(parent, 0777) != 0 && errno != EEXIST) {
            vb_error_set("%s: cannot create the folder (%s)", parent, strerror(errno));
            return -VB_ERR_FAILURE;
        }
        *slash = '/';
    }
    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return VB_OK;
        vb_error_set("%s: exists and is not a folder", path);
        return -VB_ERR_FAILURE;
    }
    vb_error_set("%s: cannot create the folder (%s)", path, strerror(errno));
    return -VB_ERR_FAILURE;
}
