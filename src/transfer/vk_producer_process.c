/* The measuring process's side of the Vulkan producer process: start, per-frame requests,
 * stop. */
#include "transfer/vk_producer_process.h"

#include "common/clock.h"
#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define VB_PRODUCER_FD 3
#define VB_START_LIMIT_NS 20000000000LL /* a Vulkan device can take seconds to open */

/* The samples in a sealed memfd: the producer maps them; nothing else crosses. */
static int audio_memfd(const vb_audio *audio) {
    int fd = memfd_create("vizbench-audio", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        vb_error_set("producer process: memfd_create failed (%s)", strerror(errno));
        return -1;
    }
    const size_t bytes = sizeof(float) * (size_t)audio->length;
    const char *data = (const char *)audio->samples;
    size_t done = 0;
    while (done < bytes) {
        ssize_t n = write(fd, data + done, bytes - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            vb_error_set("producer process: cannot fill the audio memfd (%s)", strerror(errno));
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return fd;
}

static void describe_exit(int status, char *text, size_t size) {
    if (WIFSIGNALED(status))
        snprintf(text, size, "killed by signal %d", WTERMSIG(status));
    else if (WIFEXITED(status))
        snprintf(text, size, "exit status %d", WEXITSTATUS(status));
    else
        snprintf(text, size, "status %d", status);
}

/* waitpid that also keeps the process's peak resident memory when it reaps it. */
static pid_t reap(vb_vk_process *p, int *status, int options) {
    struct rusage usage;
    pid_t done = wait4(p->pid, status, options, &usage);
    if (done == p->pid) p->peak_bytes = (int64_t)usage.ru_maxrss * 1024;
    return done;
}

/* After a failed exchange: if the process ended, say how (it is reaped then). */
static void note_exit(vb_vk_process *p) {
    if (p->pid <= 0) return;
    int status = 0;
    pid_t done = 0;
    for (int i = 0; i < 50 && (done = reap(p, &status, WNOHANG)) == 0; i++)
        vb_sleep_until_ns(vb_now_ns() + 2000000);
    if (done != p->pid) return;
    p->pid = 0;
    char how[48];
    describe_exit(status, how, sizeof how);
    char message[400];
    snprintf(message, sizeof message, "%s (the producer process ended: %s)", vb_error_get(), how);
    vb_error_set("%s", message);
}

static int spawn(vb_vk_process *p) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
        vb_error_set("producer process: socketpair failed (%s)", strerror(errno));
        return -VB_ERR_FAILURE;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pair[1], VB_PRODUCER_FD); /* clears CLOEXEC */
    /* Nothing else of this process's: no other fd, and the signals this thread blocks
     * (SIGINT, SIGTERM: the pipeline's threads leave them to the main thread) unblocked. */
    posix_spawn_file_actions_addclosefrom_np(&actions, VB_PRODUCER_FD + 1);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *argv[] = {"vizbench", "__vulkan-producer", NULL};
    /* This program again; VIZBENCH_PRODUCER names it where this process is another (tests). */
    const char *program = getenv("VIZBENCH_PRODUCER");
    if (!program || !*program) program = "/proc/self/exe";
    int error = posix_spawn(&p->pid, program, &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(pair[1]);
    if (error != 0) {
        close(pair[0]);
        p->pid = 0;
        vb_error_set("producer process: cannot start vizbench again (%s)", strerror(error));
        return -VB_ERR_FAILURE;
    }
    p->socket = pair[0];
    return VB_OK;
}

int vb_vk_process_take_ready(int socket, int64_t deadline_ns, const vb_vk_frames_config *config,
                             vb_vk_shared *shared, int64_t *ready_cpu_ns) {
    vb_vk_shared_clear(shared);
    vb_wire_ready ready;
    int fds[3 * VB_VK_MAX_SLOTS], count = 0;
    if (vb_wire_recv(socket, deadline_ns, VB_WIRE_READY, &ready, fds, 3 * VB_VK_MAX_SLOTS,
                     &count) != VB_OK)
        return -VB_ERR_FAILURE;
    if (vb_wire_check_ready(&ready, count, config->slots, config->view.width, config->view.height,
                            config->gl_has_semaphores) != VB_OK) {
        for (int i = 0; i < count; i++)
            close(fds[i]);
        return -VB_ERR_FAILURE;
    }
    *ready_cpu_ns = ready.process_cpu_ns > 0 ? ready.process_cpu_ns : 0;
    shared->slots = ready.slots;
    shared->semaphores = ready.semaphores;
    shared->width = ready.width;
    shared->height = ready.height;
    ready.device[sizeof ready.device - 1] = '\0';
    snprintf(shared->device, sizeof shared->device, "%s", ready.device);
    for (int i = 0; i < ready.slots; i++) {
        shared->memory_fd[i] = fds[i];
        shared->memory_size[i] = ready.memory_size[i];
        if (ready.semaphores) {
            shared->ready_fd[i] = fds[ready.slots + 2 * i];
            shared->release_fd[i] = fds[ready.slots + 2 * i + 1];
        }
    }
    return VB_OK;
}

int vb_vk_process_start(vb_vk_process *p, const vb_vk_frames_config *config,
                        const vb_vk_process_faults *faults, const vb_audio *audio,
                        vb_vk_shared *shared) {
    memset(p, 0, sizeof *p);
    p->socket = -1;
    p->peak_bytes = -1;
    p->slots = config->slots;
    p->timeout_ns = config->fence_timeout_ns + 1000000000LL;
    vb_vk_shared_clear(shared);
    vb_wire_config c;
    memset(&c, 0, sizeof c);
    c.view = config->view;
    c.slots = config->slots;
    c.fence_timeout_ns = config->fence_timeout_ns;
    memcpy(c.gl_device_uuid, config->gl_device_uuid, 16);
    memcpy(c.gl_driver_uuid, config->gl_driver_uuid, 16);
    c.gl_has_semaphores = config->gl_has_semaphores;
    c.fault_fence = config->fault_fence;
    c.fault_kill_at = faults->kill_at;
    c.fault_garbage_at = faults->garbage_at;
    c.fault_hang_at = faults->hang_at;
    c.sample_rate = audio->sample_rate;
    c.channels = audio->channels;
    c.samples = audio->length;
    snprintf(c.audio_name, sizeof c.audio_name, "%s", audio->name);
    int audio_fd = -1;
    if (audio->samples) {
        c.audio_in_memfd = 1;
        if ((audio_fd = audio_memfd(audio)) < 0) return -VB_ERR_FAILURE;
    } else {
        snprintf(c.path, sizeof c.path, "%s", audio->path);
    }
    if (spawn(p) != VB_OK) {
        if (audio_fd >= 0) close(audio_fd);
        return -VB_ERR_FAILURE;
    }
    int status = vb_wire_send(p->socket, VB_WIRE_CONFIG, &c, &audio_fd, audio_fd >= 0 ? 1 : 0);
    if (audio_fd >= 0) close(audio_fd);
    if (status == VB_OK)
        status = vb_vk_process_take_ready(p->socket, vb_now_ns() + VB_START_LIMIT_NS, config,
                                          shared, &p->ready_cpu_ns);
    if (status != VB_OK) {
        note_exit(p);
        char message[400];
        snprintf(message, sizeof message, "%s", vb_error_get());
        vb_vk_process_stop(p);
        vb_error_set("%s", message);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

int vb_vk_process_frame(vb_vk_process *p, int slot, int64_t sequence, int64_t audio_frame,
                        vb_wire_frame *out) {
    if (p->socket < 0) {
        vb_error_set("producer process: not running");
        return -VB_ERR_FAILURE;
    }
    const vb_wire_render asked = {sequence, audio_frame, slot};
    const int64_t asked_ns = vb_now_ns();
    int fds[1], count = 0;
    int status = vb_wire_send(p->socket, VB_WIRE_RENDER, &asked, NULL, 0);
    if (status == VB_OK)
        status =
            vb_wire_recv(p->socket, asked_ns + p->timeout_ns, VB_WIRE_FRAME, out, fds, 0, &count);
    if (status == VB_OK) status = vb_wire_check_frame(out, &asked, asked_ns, vb_now_ns(), p->slots);
    if (status != VB_OK) {
        p->broken = 1;
        note_exit(p);
    }
    p->frames_asked++;
    return status;
}

void vb_vk_process_stop(vb_vk_process *p) {
    if (p->socket >= 0) {
        vb_wire_send(p->socket, VB_WIRE_STOP, NULL, NULL, 0);
        shutdown(p->socket, SHUT_WR);
    }
    if (p->pid > 0) {
        /* It ends when asked, or when the socket closes; a hung one is killed. */
        int status = 0;
        const int64_t deadline = vb_now_ns() + (p->broken ? 0 : 3000000000LL);
        pid_t done = 0;
        for (;;) {
            done = reap(p, &status, WNOHANG);
            if (done < 0 && errno == EINTR) continue;
            if (done != 0 || vb_now_ns() >= deadline) break;
            vb_sleep_until_ns(vb_now_ns() + 5000000);
        }
        if (done == 0) {
            kill(p->pid, SIGKILL);
            while (reap(p, &status, 0) < 0 && errno == EINTR) {
            }
        }
        p->pid = 0;
    }
    if (p->socket >= 0) close(p->socket);
    p->socket = -1;
}
