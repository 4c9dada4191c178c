#include "measure/memory_use.h"

#include "common/error.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The value in kB of the line "NAME: N kB" of /proc/self/status, in bytes. */
static int64_t status_bytes(const char *name) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    const size_t length = strlen(name);
    long long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, length) == 0 && line[length] == ':') {
            if (sscanf(line + length + 1, "%lld", &kb) != 1) kb = -1;
            break;
        }
    fclose(f);
    return kb < 0 ? -1 : (int64_t)kb * 1024;
}

int64_t vb_memory_resident_bytes(void) {
    return status_bytes("VmRSS");
}

int64_t vb_memory_peak_bytes(void) {
    return status_bytes("VmHWM");
}

int vb_memory_start_peak(void) {
    malloc_trim(0);
    int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        vb_error_set("memory: cannot reset the resident peak (/proc/self/clear_refs)");
        return -VB_ERR_FAILURE;
    }
    const int written = (int)write(fd, "5", 1);
    close(fd);
    if (written != 1) {
        vb_error_set("memory: cannot reset the resident peak (/proc/self/clear_refs)");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}
