#include "transfer/vk_wire.h"

#include "audio/audio.h"
#include "common/clock.h"
#include "common/error.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define VB_WIRE_MAX_FDS (3 * VB_VK_MAX_SLOTS)

typedef struct wire_header {
    uint32_t magic, type, size, fds;
} wire_header;

size_t vb_wire_body_size(vb_wire_type type) {
    switch (type) {
    case VB_WIRE_CONFIG:
        return sizeof(vb_wire_config);
    case VB_WIRE_READY:
        return sizeof(vb_wire_ready);
    case VB_WIRE_RENDER:
        return sizeof(vb_wire_render);
    case VB_WIRE_FRAME:
        return sizeof(vb_wire_frame);
    case VB_WIRE_ERROR:
        return sizeof(vb_wire_error);
    case VB_WIRE_STOP:
        return 0;
    }
    return 0;
}

static int known_type(uint32_t type) {
    return type >= VB_WIRE_CONFIG && type <= VB_WIRE_STOP;
}

int vb_wire_send(int socket, vb_wire_type type, const void *body, const int *fds, int fd_count) {
    if (fd_count < 0 || fd_count > VB_WIRE_MAX_FDS) {
        vb_error_set("producer socket: %d fds in one message (at most %d)", fd_count,
                     VB_WIRE_MAX_FDS);
        return -VB_ERR_FAILURE;
    }
    const size_t size = vb_wire_body_size(type);
    wire_header header = {VB_WIRE_MAGIC, type, (uint32_t)size, (uint32_t)fd_count};
    struct iovec parts[2] = {{&header, sizeof header}, {(void *)(uintptr_t)body, size}};
    union {
        char buffer[CMSG_SPACE(sizeof(int) * VB_WIRE_MAX_FDS)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = {.msg_iov = parts, .msg_iovlen = size ? 2 : 1};
    if (fd_count > 0) {
        message.msg_control = control.buffer;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)fd_count);
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&message);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)fd_count);
        memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * (size_t)fd_count);
    }
    ssize_t sent;
    do
        sent = sendmsg(socket, &message, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    if (sent != (ssize_t)(sizeof header + size)) {
        vb_error_set("producer socket: cannot send (%s)", sent < 0 ? strerror(errno) : "short");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

static void close_all(int *fds, int count) {
    for (int i = 0; i < count; i++)
        close(fds[i]);
}

/* Waits until the socket is readable or the deadline passes. */
static int wait_readable(int socket, int64_t deadline_ns) {
    for (;;) {
        int timeout_ms = -1;
        if (deadline_ns >= 0) {
            int64_t left = deadline_ns - vb_now_ns();
            if (left <= 0) return 0;
            timeout_ms = (int)((left + 999999) / 1000000);
        }
        struct pollfd p = {.fd = socket, .events = POLLIN};
        int ready = poll(&p, 1, timeout_ms);
        if (ready > 0) return 1;
        if (ready < 0 && errno != EINTR) return -1;
    }
}

/* The fds that came with a message, at most VB_WIRE_MAX_FDS (the control buffer's room: the
 * kernel closes the rest and says MSG_CTRUNC). */
static int take_fds(struct msghdr *message, int *received) {
    int count = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(message); c; c = CMSG_NXTHDR(message, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < n && count < VB_WIRE_MAX_FDS; i++)
            memcpy(&received[count++], CMSG_DATA(c) + sizeof(int) * (size_t)i, sizeof(int));
    }
    return count;
}

/* Why a received message is not one the protocol has, or NULL. */
static const char *garbage_reason(const struct msghdr *message, const wire_header *header,
                                  size_t got, int count, int max_fds, vb_wire_type expected) {
    if (message->msg_flags & (MSG_TRUNC | MSG_CTRUNC))
        return "a message larger than any the protocol has";
    if (got < sizeof *header || header->magic != VB_WIRE_MAGIC)
        return "not a producer message (bad header)";
    if (!known_type(header->type)) return "an unknown message type";
    if (header->size != vb_wire_body_size(header->type) || got != sizeof *header + header->size)
        return "a message of the wrong size for its type";
    if ((int)header->fds != count || count > max_fds)
        return "a message with the wrong number of fds";
    if (header->type != (uint32_t)expected && header->type != VB_WIRE_ERROR)
        return "a message of another type than asked";
    return NULL;
}

int vb_wire_recv(int socket, int64_t deadline_ns, vb_wire_type expected, void *body, int *fds,
                 int max_fds, int *fd_count) {
    *fd_count = 0;
    int readable = wait_readable(socket, deadline_ns);
    if (readable == 0) {
        vb_error_set("producer process: no answer in time (it hangs)");
        return -VB_ERR_FAILURE;
    }
    if (readable < 0) {
        vb_error_set("producer socket: cannot wait (%s)", strerror(errno));
        return -VB_ERR_FAILURE;
    }
    wire_header header;
    /* Room for the largest body, so that a wrong size is seen rather than cut. */
    char buffer[sizeof(vb_wire_config) + 64];
    struct iovec parts[2] = {{&header, sizeof header}, {buffer, sizeof buffer}};
    union {
        char buffer[CMSG_SPACE(sizeof(int) * VB_WIRE_MAX_FDS)];
        struct cmsghdr align;
    } control;
    struct msghdr message = {.msg_iov = parts,
                             .msg_iovlen = 2,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    ssize_t got;
    do
        got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        vb_error_set("producer socket: cannot receive (%s)", strerror(errno));
        return -VB_ERR_FAILURE;
    }
    /* Taken before anything else: fds can come with any datagram, an empty one too, and each
     * is this process's now, to hand over or close. */
    int received[VB_WIRE_MAX_FDS];
    const int count = take_fds(&message, received);
    if (got == 0 && count == 0) {
        vb_error_set("producer process: it closed the socket (it ended)");
        return -VB_ERR_FAILURE;
    }
    const char *garbage = garbage_reason(&message, &header, (size_t)got, count, max_fds, expected);
    if (garbage) {
        close_all(received, count);
        vb_error_set("producer process: sent garbage (%s)", garbage);
        return -VB_ERR_FAILURE;
    }
    if (header.type == VB_WIRE_ERROR) {
        close_all(received, count);
        vb_wire_error error;
        memcpy(&error, buffer, sizeof error);
        error.message[sizeof error.message - 1] = '\0';
        vb_error_set("producer process: %s", error.message);
        return -VB_ERR_FAILURE;
    }
    memcpy(body, buffer, header.size);
    memcpy(fds, received, sizeof(int) * (size_t)count);
    *fd_count = count;
    return VB_OK;
}

int vb_wire_check_config(const vb_wire_config *c, int fd_count) {
    const char *bad = NULL;
    if (c->samples <= 0 || c->samples > VB_AUDIO_MAX_SAMPLES ||
        c->sample_rate < VB_AUDIO_MIN_RATE || c->sample_rate > VB_AUDIO_MAX_RATE ||
        c->channels < 1 || c->channels > VB_AUDIO_MAX_CHANNELS)
        bad = "the audio's size, rate or channels";
    else if (c->audio_in_memfd != 0 && c->audio_in_memfd != 1)
        bad = "where the audio is";
    else if (fd_count != c->audio_in_memfd)
        bad = "fd count";
    else if (c->slots < 1 || c->slots > VB_VK_MAX_SLOTS)
        bad = "slots";
    if (bad) {
        vb_error_set("CONFIG out of range (%s)", bad);
        return -VB_ERR_FAILURE;
    }
    if (vb_view_options_validate(&c->view) != VB_OK) {
        char why[320]; /* the validator's words, which name the option */
        snprintf(why, sizeof why, "%s", vb_error_get());
        vb_error_set("CONFIG out of range (view: %s)", why);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_wire_check_render(const vb_wire_render *r, int slots, int64_t last_rendered,
                         int64_t audio_frames) {
    const char *bad = NULL;
    if (r->slot < 0 || r->slot >= slots)
        bad = "buffer index";
    else if (r->sequence <= last_rendered)
        bad = "sequence";
    else if (r->audio_frame < 0 || r->audio_frame >= audio_frames)
        bad = "audio frame";
    if (bad) {
        vb_error_set("RENDER out of range (%s)", bad);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_wire_check_ready(const vb_wire_ready *r, int fd_count, int slots, int width, int height,
                        int gl_has_semaphores) {
    const char *bad = NULL;
    if (r->slots != slots)
        bad = "slots";
    else if (r->width != width || r->height != height)
        bad = "size";
    else if (r->semaphores != 0 && r->semaphores != 1)
        bad = "semaphores";
    else if (r->semaphores && !gl_has_semaphores)
        bad = "semaphores (GL has none)";
    else if (fd_count != slots * (1 + 2 * r->semaphores))
        bad = "fd count";
    for (int i = 0; !bad && i < slots; i++) {
        const uint64_t least = (uint64_t)width * (uint64_t)height * 4;
        if (r->memory_size[i] < least || r->memory_size[i] > 4 * least + (1u << 24))
            bad = "memory size";
    }
    if (bad) {
        vb_error_set("producer process: sent garbage (READY: %s)", bad);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_wire_check_frame(const vb_wire_frame *f, const vb_wire_render *asked, int64_t asked_ns,
                        int64_t now_ns, int slots) {
    const char *bad = NULL;
    if (f->sequence != asked->sequence)
        bad = "sequence";
    else if (f->slot != asked->slot || f->slot < 0 || f->slot >= slots)
        bad = "buffer index";
    else if (f->analyzed_ns < asked_ns || f->analyzed_ns > f->rendered_ns ||
             f->rendered_ns > f->handed_ns || f->handed_ns > now_ns)
        bad = "times";
    else if (f->thread_cpu_ns < 0 || f->process_cpu_ns < 0 || f->bytes_to_gpu < 0)
        bad = "figures";
    else if (f->earlier_sequence < -1 || f->earlier_sequence >= f->sequence ||
             f->release_wait_ns < -1 || f->sync_wait_ns < -1 || f->gpu_ns < -1 ||
             f->earlier_gpu_ns < -1)
        bad = "GPU figures";
    if (bad) {
        vb_error_set("producer process: sent garbage (FRAME: %s)", bad);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}
