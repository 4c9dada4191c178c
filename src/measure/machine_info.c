#include "measure/machine_info.h"

#include "build_config.h"
#include "common/error.h"
#include "revision.h"
#include "version.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <unistd.h>

static void read_cpu_model(char *dst, size_t size) {
    snprintf(dst, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) != 0) continue;
        const char *value = strchr(line, ':');
        if (!value) break;
        value++;
        while (*value == ' ' || *value == '\t')
            value++;
        snprintf(dst, size, "%s", value);
        dst[strcspn(dst, "\n")] = '\0';
        break;
    }
    fclose(f);
}

void vb_machine_info_read(vb_machine_info *info) {
    memset(info, 0, sizeof *info);
    read_cpu_model(info->cpu_model, sizeof info->cpu_model);
    info->logical_cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    info->memory_bytes = (int64_t)sysconf(_SC_PHYS_PAGES) * (int64_t)sysconf(_SC_PAGESIZE);
    struct utsname u;
    if (uname(&u) == 0)
        snprintf(info->kernel, sizeof info->kernel, "%.30s %.60s %.20s", u.sysname, u.release,
                 u.machine);
#if defined(__clang__)
    snprintf(info->compiler, sizeof info->compiler, "clang %s", __clang_version__);
#elif defined(__GNUC__)
    snprintf(info->compiler, sizeof info->compiler, "gcc %s", __VERSION__);
#else
    snprintf(info->compiler, sizeof info->compiler, "unknown");
#endif
    snprintf(info->build_type, sizeof info->build_type, "%s", VB_BUILD_TYPE);
    snprintf(info->build_flags, sizeof info->build_flags, "%s", VB_BUILD_FLAGS);
    snprintf(info->version, sizeof info->version, "%s", VB_VERSION);
    snprintf(info->revision, sizeof info->revision, "%s", VB_REVISION);
}

static void to_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[65]) {
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

void vb_sha256_memory(const void *data, size_t size, char hex[65]) {
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, size, data);
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(digest, hex);
}

int vb_sha256_file(const char *path, char hex[65]) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
        return -VB_ERR_FAILURE;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    uint8_t buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, f)) > 0)
        sha256_update(&ctx, n, buffer);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        vb_error_set("%s: read error", path);
        return -VB_ERR_FAILURE;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(digest, hex);
    return VB_OK;
}

void vb_utc_timestamp(char *dst, size_t size) {
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(dst, size, "%Y-%m-%dT%H:%M:%SZ", &utc);
}
