/* libFuzzer harness: the producer process's messages (transfer/vk_wire.h), every type, with and
 * without fds, through the code of both ends that receives them, on a SOCK_SEQPACKET socketpair
 * as vizbench uses.
 *
 * Input: an 8-byte case (wire_case), then one datagram sent as it is, header included (so wrong
 * magic, types, sizes and fd counts are tried), with the case's fds attached as SCM_RIGHTS: real
 * ones (a memfd of audio, sealed or not, of the right size or not; a pipe; /dev/null; a socket),
 * from none to 63 (past the 48 any message may carry). The case names the receiver and what it
 * asked for:
 *   the producer's start: CONFIG, its audio loaded from the memfd or streamed, then the renderer
 *     it makes from the view (small views only, to keep the fuzzer fast);
 *   the measuring process's start: READY and its fds handed over (vb_vk_process_take_ready);
 *   the producer's loop: RENDER, checked against its ring and audio;
 *   the measuring process's frame request (vb_vk_process_frame, the real exchange);
 *   FRAME checked against a request whose times admit any order the fuzzer finds;
 *   vb_wire_recv waiting for any type, with any number of fds allowed (ERROR and STOP too).
 * A CONFIG's path is the harness's (the fixture, or a missing file): the fuzzer must not open the
 * machine's files.
 *
 * Checked, beyond no crash, leak or sanitizer finding: no fd is left open after an input (every
 * fd that came was closed or handed over, and the harness closes what was handed over); a
 * refusal leaves an error and no fds; what is accepted has what its user relies on. A broken
 * property calls abort(), which libFuzzer reports as a crash.
 *
 * Seeds: VB_FUZZ_WIRE_SEEDS=DIR fuzz_wire writes one valid message of every type into DIR (the
 * bytes vb_wire_send puts on the socket, with their case) and exits; tests/fuzz/corpus/wire is
 * that output. */
#include "audio/audio.h"
#include "common/clock.h"
#include "common/error.h"
#include "render/renderer.h"
#include "transfer/vk_producer_process.h"
#include "transfer/vk_wire.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
    TO_PRODUCER_START,
    TO_MEASURE_START,
    TO_PRODUCER_LOOP,
    TO_MEASURE_FRAME,
    TO_FRAME_CHECK,
    TO_ANY,
    RECEIVERS,
};

enum { FD_MEMFD, FD_PIPE, FD_NULL, FD_SOCKET, FD_KINDS };

typedef struct wire_case {
    uint8_t receiver; /* TO_*, modulo RECEIVERS */
    uint8_t fds;      /* & 63: how many fds come with the datagram */
    uint8_t kinds;    /* fd i is FD_* (kinds >> 2 * (i % 4)) & 3 */
    uint8_t memfd;    /* the memfd: & 3 exact, a sample short, empty, 64 KiB; & 4 sealed */
    uint8_t slots;    /* asked: 1 + (& 15) slots; >> 4: the slot a frame is asked in */
    uint8_t flags;    /* & 1 GL has semaphores; & 2 a CONFIG's path is the fixture */
    uint8_t size;     /* asked: 16 * (1 + (& 15)) x 8 * (1 + (>> 4)) pixels */
    uint8_t extra;    /* RENDER: the last sequence rendered, -1 + % 8, and 1 + extra audio
                         frames; a frame: its sequence; TO_ANY: type 1 + % 6, max fds / 6 */
} wire_case;

#define HEADER_BYTES 16 /* magic, type, size, fds: four uint32 */
#define MAX_ATTACHED 63
#define FD_WINDOW 128 /* the fds one input can have open at once, and more */
#define MISSING_PATH "/nonexistent/vizbench-fuzz-wire.wav"

static void require(int condition, const char *what) {
    if (condition) return;
    fprintf(stderr, "fuzz_wire: %s (error '%s')\n", what, vb_error_get());
    abort();
}

/* The open fds from `base` on, one bit each: compared before and after an input, as new fds take
 * the lowest free numbers (so all lie past the first free one). */
static void open_fds(int base, uint8_t *open) {
    for (int i = 0; i < FD_WINDOW; i++)
        open[i] = fcntl(base + i, F_GETFD) != -1;
}

static int first_free_fd(void) {
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    require(fd >= 0, "open /dev/null");
    close(fd);
    return fd;
}

/* ---- the fds that come with a datagram ---- */

typedef struct attached {
    int memfd, pipe[2], null, count;
    int fds[MAX_ATTACHED];
} attached;

/* The samples a CONFIG-sized datagram says it has, as the memfd's exact size (bounded so that
 * the fuzzer cannot make every input copy gigabytes). */
static size_t audio_bytes(const uint8_t *datagram, size_t size) {
    int64_t samples = 0;
    const size_t at = HEADER_BYTES + offsetof(vb_wire_config, samples);
    if (size == HEADER_BYTES + sizeof(vb_wire_config))
        memcpy(&samples, datagram + at, sizeof samples);
    return samples > 0 && samples <= (1 << 18) ? (size_t)samples * sizeof(float) : 4096;
}

static int make_memfd(uint8_t mode, size_t exact) {
    int fd = memfd_create("fuzz-wire-audio", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    require(fd >= 0, "memfd_create");
    const size_t sizes[4] = {exact, exact - sizeof(float), 0, 65536};
    require(ftruncate(fd, (off_t)sizes[mode & 3]) == 0, "ftruncate");
    if (mode & 4) fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return fd;
}

static void attach(const wire_case *c, size_t exact, int socket, attached *a) {
    a->memfd = a->null = a->pipe[0] = a->pipe[1] = -1;
    a->count = c->fds & 63;
    for (int i = 0; i < a->count; i++) {
        const int kind = (c->kinds >> (2 * (i % 4))) & 3;
        if (kind == FD_MEMFD && a->memfd < 0) a->memfd = make_memfd(c->memfd, exact);
        if (kind == FD_PIPE && a->pipe[0] < 0) require(pipe2(a->pipe, O_CLOEXEC) == 0, "pipe");
        if (kind == FD_NULL && a->null < 0) a->null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        const int fds[FD_KINDS] = {a->memfd, a->pipe[0], a->null, socket};
        a->fds[i] = fds[kind];
        require(a->fds[i] >= 0, "an fd to attach");
    }
}

/* The sender's copies: the receiver has its own once the datagram is sent. */
static void detach(attached *a) {
    const int mine[4] = {a->memfd, a->pipe[0], a->pipe[1], a->null};
    for (int i = 0; i < 4; i++)
        if (mine[i] >= 0) close(mine[i]);
}

static int send_datagram(int socket, const uint8_t *data, size_t size, const attached *a) {
    struct iovec part = {(void *)(uintptr_t)data, size};
    union {
        char buffer[CMSG_SPACE(sizeof(int) * MAX_ATTACHED)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1};
    if (a->count > 0) {
        message.msg_control = control.buffer;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)a->count);
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&message);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)a->count);
        memcpy(CMSG_DATA(cmsg), a->fds, sizeof(int) * (size_t)a->count);
    }
    return sendmsg(socket, &message, MSG_NOSIGNAL | MSG_DONTWAIT) == (ssize_t)size;
}

/* ---- the receivers ---- */

static int asked_slots(const wire_case *c) {
    return 1 + (c->slots & 15);
}

static void asked_view(const wire_case *c, vb_view_options *view) {
    vb_view_options_defaults(view);
    view->width = 16 * (1 + (c->size & 15));
    view->height = 8 * (1 + (c->size >> 4));
}

static int64_t soon(void) {
    return vb_now_ns() + 1000000000LL;
}

/* Whether the error is set (vb_error_get says "unknown error" when not). */
static int has_error(void) {
    return strcmp(vb_error_get(), "unknown error") != 0;
}

/* A refusal names why and hands over no fd. */
static void require_refusal(int count) {
    require(has_error(), "refused without a message");
    require(count == 0, "fds handed over with a refusal");
}

/* The producer's start up to the Vulkan device: CONFIG, its audio, the renderer of its view. */
static void producer_start(int socket, const wire_case *c) {
    (void)c;
    vb_wire_config config;
    int fds[1] = {-1}, count = -1;
    if (vb_wire_recv(socket, soon(), VB_WIRE_CONFIG, &config, fds, 1, &count) != VB_OK) {
        require_refusal(count);
        return;
    }
    require(count == 0 || count == 1, "CONFIG with more fds than asked");
    vb_audio audio;
    if (vb_vk_producer_load_config(&config, fds, count, &audio) != VB_OK) {
        require(has_error(), "CONFIG refused without a message");
        vb_audio_free(&audio);
        return;
    }
    require(audio.length >= 1 && audio.sample_rate >= VB_AUDIO_MIN_RATE &&
                audio.sample_rate <= VB_AUDIO_MAX_RATE,
            "CONFIG's audio accepted out of range");
    require(config.audio_in_memfd == (audio.samples != NULL), "audio neither copied nor streamed");
    if ((int64_t)config.view.width * config.view.height <= 256 * 128) {
        vb_renderer *r = vb_renderer_create(&config.view, &audio);
        require(r != NULL, "an accepted CONFIG's view refused by the renderer");
        vb_renderer_destroy(r);
    }
    vb_audio_free(&audio);
}

/* The measuring process's start: READY, its fds handed into the shared ring as it uses them. */
static void measure_start(int socket, const wire_case *c) {
    vb_vk_frames_config config;
    memset(&config, 0, sizeof config);
    asked_view(c, &config.view);
    config.slots = asked_slots(c);
    config.gl_has_semaphores = c->flags & 1;
    vb_vk_shared shared;
    int64_t cpu = -1;
    if (vb_vk_process_take_ready(socket, soon(), &config, &shared, &cpu) != VB_OK) {
        require(has_error(), "READY refused without a message");
        for (int i = 0; i < VB_VK_MAX_SLOTS; i++)
            require(shared.memory_fd[i] < 0 && shared.ready_fd[i] < 0 && shared.release_fd[i] < 0,
                    "fds handed over with a refused READY");
        return;
    }
    require(shared.slots == config.slots && shared.width == config.view.width &&
                shared.height == config.view.height && cpu >= 0,
            "READY accepted unlike what was asked");
    for (int i = 0; i < VB_VK_MAX_SLOTS; i++) {
        const int used = i < shared.slots, sync = used && shared.semaphores;
        require((shared.memory_fd[i] >= 0) == used && (shared.ready_fd[i] >= 0) == sync &&
                    (shared.release_fd[i] >= 0) == sync,
                "READY's fds handed over in the wrong places");
        require(!used || shared.memory_size[i] >= (uint64_t)shared.width * shared.height * 4,
                "READY's memory smaller than its image");
    }
    vb_vk_shared_close(&shared);
}

/* The producer's loop: RENDER, then the checks its render step makes. */
static void producer_loop(int socket, const wire_case *c) {
    vb_wire_render render;
    int fds[1], count = -1;
    if (vb_wire_recv(socket, soon(), VB_WIRE_RENDER, &render, fds, 0, &count) != VB_OK) {
        require_refusal(count);
        return;
    }
    require(count == 0, "RENDER with fds");
    const int64_t last = -1 + c->extra % 8, frames = 1 + c->extra;
    if (vb_wire_check_render(&render, asked_slots(c), last, frames) == VB_OK)
        require(render.slot >= 0 && render.slot < asked_slots(c) && render.sequence > last &&
                    render.audio_frame >= 0 && render.audio_frame < frames,
                "RENDER accepted out of range");
}

/* The measuring process's frame request, the real exchange with a process that is not one. */
static void measure_frame(int socket, const wire_case *c) {
    vb_vk_process process;
    memset(&process, 0, sizeof process);
    process.socket = socket;
    process.slots = asked_slots(c);
    process.timeout_ns = 1000000000LL;
    process.peak_bytes = -1;
    const int slot = (c->slots >> 4) % process.slots;
    vb_wire_frame frame;
    if (vb_vk_process_frame(&process, slot, c->extra, 0, &frame) == VB_OK)
        require(frame.sequence == c->extra && frame.slot == slot, "FRAME accepted unlike asked");
    else
        require(process.broken && has_error(), "FRAME refused without a message");
}

/* FRAME against a request made at time 0 and checked at the end of time, so that the checks past
 * the times are reached. */
static void frame_check(int socket, const wire_case *c) {
    vb_wire_frame frame;
    int fds[1], count = -1;
    if (vb_wire_recv(socket, soon(), VB_WIRE_FRAME, &frame, fds, 0, &count) != VB_OK) {
        require_refusal(count);
        return;
    }
    const vb_wire_render asked = {c->extra, 0, (c->slots >> 4) % asked_slots(c)};
    if (vb_wire_check_frame(&frame, &asked, 0, INT64_MAX, asked_slots(c)) == VB_OK)
        require(frame.analyzed_ns <= frame.handed_ns && frame.earlier_sequence < frame.sequence,
                "FRAME accepted out of order");
}

static void any_type(int socket, const wire_case *c) {
    const vb_wire_type expected = (vb_wire_type)(1 + c->extra % 6);
    const int max_fds = c->extra / 6;
    char body[sizeof(vb_wire_config)];
    int fds[64], count = -1;
    if (vb_wire_recv(socket, soon(), expected, body, fds, max_fds, &count) != VB_OK) {
        require_refusal(count);
        return;
    }
    require(count >= 0 && count <= max_fds, "more fds than asked");
    for (int i = 0; i < count; i++) {
        require(fcntl(fds[i], F_GETFD) != -1, "a handed-over fd that is not open");
        close(fds[i]);
    }
}

static void receive(int socket, const wire_case *c) {
    static void (*const receivers[RECEIVERS])(int, const wire_case *) = {
        [TO_PRODUCER_START] = producer_start, [TO_MEASURE_START] = measure_start,
        [TO_PRODUCER_LOOP] = producer_loop,   [TO_MEASURE_FRAME] = measure_frame,
        [TO_FRAME_CHECK] = frame_check,       [TO_ANY] = any_type,
    };
    vb_error_clear();
    receivers[c->receiver % RECEIVERS](socket, c);
}

/* A CONFIG's path is the harness's: the fixture (streamed for real) or a file that is not. */
static void replace_path(uint8_t *datagram, size_t size, const wire_case *c) {
    if (size != HEADER_BYTES + sizeof(vb_wire_config)) return;
    char *path = (char *)datagram + HEADER_BYTES + offsetof(vb_wire_config, path);
    memset(path, 0, sizeof((vb_wire_config *)0)->path);
    snprintf(path, sizeof((vb_wire_config *)0)->path, "%s",
             (c->flags & 2) ? VB_FUZZ_FIXTURE : MISSING_PATH);
}

static void run_case(const wire_case *c, uint8_t *datagram, size_t size) {
    int pair[2];
    require(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) == 0, "socketpair");
    replace_path(datagram, size, c);
    attached a;
    attach(c, audio_bytes(datagram, size), pair[0], &a);
    const int sent = send_datagram(pair[0], datagram, size, &a);
    detach(&a);
    /* Unsent (larger than the socket takes): nothing to receive, and waiting would only hang. */
    if (sent) receive(pair[1], c);
    close(pair[0]);
    close(pair[1]);
}

static void write_seeds(const char *dir);

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *seeds = getenv("VB_FUZZ_WIRE_SEEDS");
    if (seeds && *seeds) {
        write_seeds(seeds);
        exit(0);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    wire_case c;
    if (size < sizeof c) return 0;
    memcpy(&c, data, sizeof c);
    size -= sizeof c;
    uint8_t *datagram = malloc(size ? size : 1); /* a copy: the path is rewritten */
    if (!datagram) return 0;
    memcpy(datagram, data + sizeof c, size);
    const int base = first_free_fd();
    uint8_t before[FD_WINDOW], after[FD_WINDOW];
    open_fds(base, before);
    run_case(&c, datagram, size);
    open_fds(base, after);
    require(memcmp(before, after, sizeof before) == 0, "an fd left open after the input");
    free(datagram);
    return 0;
}

/* ---- seeds: valid messages of every type, as vb_wire_send writes them ---- */

/* The datagram vb_wire_send puts on the socket, received raw (its fds closed at once). */
static size_t wire_bytes(vb_wire_type type, const void *body, int fd_count, uint8_t *out,
                         size_t room) {
    int pair[2], fds[48];
    require(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) == 0, "socketpair");
    const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    for (int i = 0; i < fd_count; i++)
        fds[i] = null;
    require(vb_wire_send(pair[0], type, body, fds, fd_count) == VB_OK, "vb_wire_send");
    union {
        char buffer[CMSG_SPACE(sizeof(int) * 48)];
        struct cmsghdr align;
    } control;
    struct iovec part = {out, room};
    struct msghdr message = {.msg_iov = &part,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    const ssize_t got = recvmsg(pair[1], &message, MSG_CMSG_CLOEXEC);
    require(got >= HEADER_BYTES, "recvmsg");
    for (struct cmsghdr *m = CMSG_FIRSTHDR(&message); m; m = CMSG_NXTHDR(&message, m))
        for (size_t i = 0; i < (m->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(m) + i * sizeof(int), sizeof fd);
            close(fd);
        }
    close(null);
    close(pair[0]);
    close(pair[1]);
    return (size_t)got;
}

static void write_seed(const char *dir, const char *name, wire_case c, vb_wire_type type,
                       const void *body, int fd_count) {
    uint8_t bytes[sizeof c + HEADER_BYTES + sizeof(vb_wire_config)];
    c.fds = (uint8_t)fd_count;
    memcpy(bytes, &c, sizeof c);
    const size_t size =
        sizeof c + wire_bytes(type, body, fd_count, bytes + sizeof c, sizeof bytes - sizeof c);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    require(f && fwrite(bytes, 1, size, f) == size && fclose(f) == 0, path);
}

/* 3 slots of 64x32: the size byte 0x33, the slots byte 2. */
static const wire_case asked = {.slots = 2, .size = 0x33};

static void config_seeds(const char *dir) {
    static const char *const names[] = {"config-waveform", "config-spectrum", "config-spectrogram"};
    vb_wire_config config;
    memset(&config, 0, sizeof config);
    vb_view_options_defaults(&config.view);
    config.view.width = 64;
    config.view.height = 32;
    config.slots = 3;
    config.fence_timeout_ns = 1000000000;
    config.fault_kill_at = config.fault_garbage_at = config.fault_hang_at = -1;
    config.sample_rate = 48000;
    config.channels = 1;
    config.samples = 4800;
    config.audio_in_memfd = 1;
    snprintf(config.audio_name, sizeof config.audio_name, "seed");
    wire_case c = asked;
    c.receiver = TO_PRODUCER_START;
    c.memfd = 4; /* exact and sealed, as the measuring process sends it */
    for (int v = 0; v < 3; v++) {
        config.view.view = (vb_view_kind)v;
        write_seed(dir, names[v], c, VB_WIRE_CONFIG, &config, 1);
    }
    config.audio_in_memfd = 0;
    c.flags = 2;
    write_seed(dir, "config-streamed", c, VB_WIRE_CONFIG, &config, 0);
}

static void ready_seeds(const char *dir) {
    vb_wire_ready ready;
    memset(&ready, 0, sizeof ready);
    ready.slots = 3;
    ready.width = 64;
    ready.height = 32;
    ready.process_cpu_ns = 1000000;
    for (int i = 0; i < 3; i++)
        ready.memory_size[i] = 64 * 32 * 4;
    snprintf(ready.device, sizeof ready.device, "seed device");
    wire_case c = asked;
    c.receiver = TO_MEASURE_START;
    c.kinds = 0xe4; /* memfd, pipe, /dev/null, socket in turn */
    write_seed(dir, "ready-cpu-sync", c, VB_WIRE_READY, &ready, 3);
    ready.semaphores = 1;
    c.flags = 1;
    write_seed(dir, "ready-semaphores", c, VB_WIRE_READY, &ready, 9);
}

static void frame_seeds(const char *dir) {
    const vb_wire_frame frame = {.sequence = 5,
                                 .slot = 1,
                                 .analyzed_ns = 100,
                                 .rendered_ns = 200,
                                 .handed_ns = 300,
                                 .thread_cpu_ns = 50,
                                 .process_cpu_ns = 5000,
                                 .bytes_to_gpu = 1024,
                                 .release_wait_ns = -1,
                                 .sync_wait_ns = 10,
                                 .gpu_ns = 20,
                                 .earlier_sequence = 4,
                                 .earlier_gpu_ns = -1};
    wire_case c = asked;
    c.slots = 0x12; /* 3 slots, asked in slot 1 */
    c.extra = 5;    /* sequence 5 */
    c.receiver = TO_FRAME_CHECK;
    write_seed(dir, "frame-checked", c, VB_WIRE_FRAME, &frame, 0);
    c.receiver = TO_MEASURE_FRAME;
    write_seed(dir, "frame-exchange", c, VB_WIRE_FRAME, &frame, 0);
}

static void other_seeds(const char *dir) {
    const vb_wire_render render = {5, 2, 1};
    wire_case c = asked;
    c.receiver = TO_PRODUCER_LOOP;
    c.extra = 8; /* nothing rendered yet, 9 audio frames */
    write_seed(dir, "render", c, VB_WIRE_RENDER, &render, 0);
    vb_wire_error error;
    memset(&error, 0, sizeof error);
    snprintf(error.message, sizeof error.message, "the Vulkan fence of the frame did not signal");
    c.receiver = TO_MEASURE_FRAME;
    write_seed(dir, "error", c, VB_WIRE_ERROR, &error, 0);
    c.receiver = TO_ANY;
    c.extra = VB_WIRE_STOP - 1; /* STOP expected, no fds allowed */
    write_seed(dir, "stop", c, VB_WIRE_STOP, NULL, 0);
    c.extra = (uint8_t)(VB_WIRE_RENDER - 1 + 6 * 2); /* RENDER with up to 2 fds */
    c.kinds = 0x09;                                  /* a pipe and /dev/null */
    write_seed(dir, "render-with-fds", c, VB_WIRE_RENDER, &render, 2);
}

static void write_seeds(const char *dir) {
    config_seeds(dir);
    ready_seeds(dir);
    frame_seeds(dir);
    other_seeds(dir);
}
