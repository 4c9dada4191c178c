/* libFuzzer harness: the readers of what `compare`, `report` and `validate --from` accept —
 * run and sweep results (vb_results_read_any) and instruction counts (vb_instructions_read).
 *
 * The input is written to an anonymous memory file and read through its /proc path, the same
 * code path as a file on disk. Checked, beyond "no crash, no leak, no sanitizer finding": a
 * refused input leaves one error line that names the file. A broken property calls abort(). */
#include "common/error.h"
#include "gate/instructions.h"
#include "pipeline/sweep.h"
#include "results/sweep_json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void require_error_names(const char *path) {
    const char *message = vb_error_get();
    if (strstr(message, path) && !strchr(message, '\n')) return;
    fprintf(stderr, "fuzz_results_json: refused without one line naming %s: '%s'\n", path, message);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int fd = -1;
    if (fd < 0) fd = memfd_create("results", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size) return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

    vb_sweep sweep;
    if (vb_results_read_any(path, &sweep) == VB_OK)
        vb_sweep_free(&sweep);
    else
        require_error_names(path);

    vb_instruction_counts counts;
    if (vb_instructions_read(path, &counts) != VB_OK) require_error_names(path);
    return 0;
}
