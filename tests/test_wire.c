/* The producer process's messages (transfer/vk_wire.h): what is sent arrives whole; anything
 * else, a wrong size, type, header or fd count, a peer gone or silent, fails with one message
 * naming it, and fds that came with garbage are closed. */
#include "test_helpers.h"

#include "common/clock.h"
#include "transfer/vk_wire.h"

#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct pair {
    int a, b;
} pair;

static pair make_pair(void) {
    int fds[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0);
    return (pair){fds[0], fds[1]};
}

static void close_pair(pair p) {
    close(p.a);
    close(p.b);
}

static int open_fds(void) {
    int count = 0;
    for (int fd = 0; fd < 1024; fd++)
        count += fcntl(fd, F_GETFD) != -1;
    return count;
}

/* A raw message as a peer that does not follow the protocol might send it. */
static void send_raw(int socket, uint32_t magic, uint32_t type, uint32_t size_claimed,
                     size_t size_sent, uint32_t fds_claimed, int fd) {
    uint32_t header[4] = {magic, type, size_claimed, fds_claimed};
    char body[512] = {0};
    struct iovec parts[2] = {{header, sizeof header}, {body, size_sent}};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr message = {.msg_iov = parts, .msg_iovlen = 2};
    if (fd >= 0) {
        message.msg_control = control.buffer;
        message.msg_controllen = sizeof control.buffer;
        struct cmsghdr *c = CMSG_FIRSTHDR(&message);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    cr_assert_eq(sendmsg(socket, &message, 0), (ssize_t)(sizeof header + size_sent));
}

static void expect_garbage(pair p, const char *why) {
    vb_wire_frame frame;
    int fds[4], count = -1;
    cr_assert_eq(
        vb_wire_recv(p.b, vb_now_ns() + 1000000000LL, VB_WIRE_FRAME, &frame, fds, 0, &count),
        -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "sent garbage") && strstr(vb_error_get(), why), "%s",
              vb_error_get());
    cr_assert_eq(count, 0);
}

Test(wire, a_message_arrives_whole_with_its_fds) {
    pair p = make_pair();
    vb_wire_render render = {41, 7, 2};
    int memory = open("/dev/null", O_RDONLY | O_CLOEXEC);
    cr_assert_eq(vb_wire_send(p.a, VB_WIRE_RENDER, &render, &memory, 1), VB_OK);
    vb_wire_render got;
    int fds[2] = {-1, -1}, count = 0;
    cr_assert_eq(vb_wire_recv(p.b, -1, VB_WIRE_RENDER, &got, fds, 2, &count), VB_OK, "%s",
                 vb_error_get());
    cr_assert_eq(got.sequence, 41);
    cr_assert_eq(got.audio_frame, 7);
    cr_assert_eq(got.slot, 2);
    cr_assert_eq(count, 1);
    cr_assert_neq(fds[0], memory, "a new fd in the receiver");
    cr_assert_neq(fcntl(fds[0], F_GETFD), -1);
    close(fds[0]);
    close(memory);
    close_pair(p);
}

Test(wire, garbage_is_named_and_its_fds_closed) {
    pair p = make_pair();
    const uint32_t frame_size = (uint32_t)vb_wire_body_size(VB_WIRE_FRAME);
    send_raw(p.a, 0xdeadbeef, VB_WIRE_FRAME, frame_size, frame_size, 0, -1);
    expect_garbage(p, "bad header");
    send_raw(p.a, VB_WIRE_MAGIC, 99, frame_size, frame_size, 0, -1);
    expect_garbage(p, "unknown message type");
    send_raw(p.a, VB_WIRE_MAGIC, VB_WIRE_FRAME, frame_size, frame_size - 8, 0, -1);
    expect_garbage(p, "wrong size");
    send_raw(p.a, VB_WIRE_MAGIC, VB_WIRE_READY, frame_size, frame_size, 0, -1);
    expect_garbage(p, "wrong size");
    const uint32_t ready_size = (uint32_t)vb_wire_body_size(VB_WIRE_READY);
    send_raw(p.a, VB_WIRE_MAGIC, VB_WIRE_READY, ready_size, ready_size, 0, -1);
    expect_garbage(p, "another type");
    const int before = open_fds();
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    send_raw(p.a, VB_WIRE_MAGIC, VB_WIRE_FRAME, frame_size, frame_size, 0, fd); /* says 0 fds */
    close(fd);
    expect_garbage(p, "number of fds");
    cr_assert_eq(open_fds(), before, "the fd that came with garbage is closed");
    close_pair(p);
}

/* An empty datagram is no header, but fds can still come with it (the wire fuzzer's finding:
 * they were taken for the peer's end of the socket and left open). */
Test(wire, fds_with_an_empty_message_are_closed) {
    pair p = make_pair();
    const int before = open_fds();
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    char nothing = 0;
    struct iovec part = {&nothing, 0};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr message = {.msg_iov = &part,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    struct cmsghdr *c = CMSG_FIRSTHDR(&message);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    cr_assert_eq(sendmsg(p.a, &message, 0), 0);
    close(fd);
    expect_garbage(p, "bad header");
    cr_assert_eq(open_fds(), before, "the fd that came with the empty message is closed");
    close_pair(p);
}

Test(wire, the_peer_gone_silent_or_failing_is_named) {
    pair p = make_pair();
    vb_wire_frame frame;
    int fds[1], count = 0;
    const int64_t start = vb_now_ns();
    cr_assert_eq(vb_wire_recv(p.b, start + 50000000, VB_WIRE_FRAME, &frame, fds, 0, &count),
                 -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "no answer in time"), "%s", vb_error_get());
    cr_assert(vb_now_ns() - start < 1000000000LL, "the deadline is kept");
    vb_wire_error error = {"the Vulkan fence of the frame did not signal"};
    cr_assert_eq(vb_wire_send(p.a, VB_WIRE_ERROR, &error, NULL, 0), VB_OK);
    cr_assert_eq(vb_wire_recv(p.b, -1, VB_WIRE_FRAME, &frame, fds, 0, &count), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "producer process: the Vulkan fence"), "%s", vb_error_get());
    close(p.a);
    cr_assert_eq(vb_wire_recv(p.b, -1, VB_WIRE_FRAME, &frame, fds, 0, &count), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "closed the socket"), "%s", vb_error_get());
    close(p.b);
}

Test(wire, ready_and_frame_fields_are_checked_against_what_was_asked) {
    vb_wire_ready ready = {.slots = 3, .semaphores = 0, .width = 64, .height = 32};
    for (int i = 0; i < 3; i++)
        ready.memory_size[i] = 64 * 32 * 4;
    cr_assert_eq(vb_wire_check_ready(&ready, 3, 3, 64, 32, 0), VB_OK, "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_ready(&ready, 3, 4, 64, 32, 0), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "slots"));
    cr_assert_eq(vb_wire_check_ready(&ready, 2, 3, 64, 32, 0), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "fd count"));
    cr_assert_eq(vb_wire_check_ready(&ready, 3, 3, 64, 33, 0), -VB_ERR_FAILURE);
    ready.semaphores = 1;
    cr_assert_eq(vb_wire_check_ready(&ready, 9, 3, 64, 32, 0), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "GL has none"), "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_ready(&ready, 9, 3, 64, 32, 1), VB_OK);
    ready.memory_size[1] = 100; /* smaller than the image */
    cr_assert_eq(vb_wire_check_ready(&ready, 9, 3, 64, 32, 1), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "memory size"));

    const vb_wire_render asked = {10, 5, 1};
    vb_wire_frame f = {.sequence = 10,
                       .slot = 1,
                       .analyzed_ns = 100,
                       .rendered_ns = 200,
                       .handed_ns = 300,
                       .release_wait_ns = -1,
                       .sync_wait_ns = 5,
                       .gpu_ns = 4,
                       .earlier_sequence = 7,
                       .earlier_gpu_ns = -1};
    cr_assert_eq(vb_wire_check_frame(&f, &asked, 50, 400, 3), VB_OK, "%s", vb_error_get());
    vb_wire_frame bad = f;
    bad.slot = 2;
    cr_assert_eq(vb_wire_check_frame(&bad, &asked, 50, 400, 3), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "buffer index"));
    bad = f;
    bad.sequence = 11;
    cr_assert_eq(vb_wire_check_frame(&bad, &asked, 50, 400, 3), -VB_ERR_FAILURE);
    bad = f;
    bad.rendered_ns = 350; /* after it was handed */
    cr_assert_eq(vb_wire_check_frame(&bad, &asked, 50, 400, 3), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "times"));
    bad = f;
    bad.earlier_sequence = 10;
    cr_assert_eq(vb_wire_check_frame(&bad, &asked, 50, 400, 3), -VB_ERR_FAILURE);
}

static vb_wire_config valid_config(void) {
    vb_wire_config c;
    memset(&c, 0, sizeof c);
    vb_view_options_defaults(&c.view);
    c.slots = 3;
    c.sample_rate = 48000;
    c.channels = 1;
    c.samples = 4800;
    c.audio_in_memfd = 1;
    return c;
}

/* A view kind outside the three reached the renderer, which looks its functions up by it (the
 * wire fuzzer's finding: a NULL dereference in the producer process). */
Test(wire, config_fields_are_checked_before_use) {
    vb_wire_config c = valid_config();
    cr_assert_eq(vb_wire_check_config(&c, 1), VB_OK, "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_config(&c, 0), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "fd count"), "%s", vb_error_get());
    c.view.view = (vb_view_kind)VB_VIEW_COUNT;
    cr_assert_eq(vb_wire_check_config(&c, 1), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "view: --view"), "%s", vb_error_get());
    c = valid_config();
    c.view.freq_scale = (vb_freq_scale)7;
    cr_assert_eq(vb_wire_check_config(&c, 1), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "--freq-scale"), "%s", vb_error_get());
    c = valid_config();
    c.channels = 0;
    cr_assert_eq(vb_wire_check_config(&c, 1), -VB_ERR_FAILURE);
    c = valid_config();
    c.audio_in_memfd = 2;
    cr_assert_eq(vb_wire_check_config(&c, 1), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "where the audio is"), "%s", vb_error_get());

    const vb_wire_render r = {5, 2, 1};
    cr_assert_eq(vb_wire_check_render(&r, 3, 4, 3), VB_OK, "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_render(&r, 1, 4, 3), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "buffer index"), "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_render(&r, 3, 5, 3), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "sequence"), "%s", vb_error_get());
    cr_assert_eq(vb_wire_check_render(&r, 3, 4, 2), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "audio frame"), "%s", vb_error_get());
}
