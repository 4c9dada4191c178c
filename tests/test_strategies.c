/* The strategy registry and its contract, without GL: every registered strategy has the members
 * its kind needs (transfer/strategy.h), names and chart colours are unique, the wrappers refuse
 * calls that do not fit a strategy's kind; and the producer/consumer ring (frame_ring.h) hands
 * slots over in order, reuses one only after its release, wraps around, and cancels. */
#include "common/clock.h"
#include "common/error.h"
#include "pipeline/run.h"
#include "results/strategy_facts_json.h"
#include "transfer/frame_ring.h"
#include "transfer/strategy.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

Test(strategies, every_registered_strategy_has_what_its_kind_needs) {
    cr_assert_gt(vb_strategy_count, 0);
    for (int i = 0; i < vb_strategy_count; i++) {
        char why[160] = "";
        cr_assert_eq(vb_strategy_conforms(vb_strategy_list[i], why, sizeof why), VB_OK, "%s", why);
    }
}

Test(strategies, names_and_colours_are_unique_and_well_formed) {
    for (int i = 0; i < vb_strategy_count; i++) {
        const vb_strategy_ops *a = vb_strategy_list[i];
        cr_assert_eq(strlen(a->facts.colour), 7, "%s: colour %s", a->facts.name, a->facts.colour);
        cr_assert_eq(a->facts.colour[0], '#');
        for (int k = 1; k < 7; k++)
            cr_assert(isxdigit((unsigned char)a->facts.colour[k]), "%s: colour %s", a->facts.name,
                      a->facts.colour);
        cr_assert_eq(vb_strategy_lookup(a->facts.name), a);
        for (int j = i + 1; j < vb_strategy_count; j++) {
            const vb_strategy_ops *b = vb_strategy_list[j];
            cr_assert_str_neq(a->facts.name, b->facts.name);
            cr_assert_str_neq(a->facts.colour, b->facts.colour, "%s and %s share a colour",
                              a->facts.name, b->facts.name);
        }
    }
}

Test(strategies, a_table_without_a_member_of_its_kind_does_not_conform) {
    vb_strategy_ops cpu = *vb_strategy_lookup("pixel-copy");
    char why[160] = "";
    cpu.cpu_target = NULL;
    cr_assert_neq(vb_strategy_conforms(&cpu, why, sizeof why), VB_OK);
    cr_assert(strstr(why, "pixel-copy: no cpu_target"), "%s", why);
    vb_strategy_ops gpu = *vb_strategy_lookup("gl-texture");
    gpu.gpu_render = NULL;
    cr_assert_neq(vb_strategy_conforms(&gpu, why, sizeof why), VB_OK);
    cr_assert(strstr(why, "gl-texture: no gpu_render"), "%s", why);
    vb_strategy_ops unnamed = cpu;
    unnamed.cpu_target = vb_strategy_lookup("pixel-copy")->cpu_target;
    unnamed.facts.colour = NULL;
    cr_assert_neq(vb_strategy_conforms(&unnamed, why, sizeof why), VB_OK);
    cr_assert(strstr(why, "no colour"), "%s", why);
}

Test(strategies, calls_that_do_not_fit_the_kind_fail_naming_the_strategy) {
    const vb_strategy_ops *gpu = vb_strategy_lookup("gl-texture");
    cr_assert_null(vb_strategy_cpu_target(gpu, NULL, 0));
    cr_assert(strstr(vb_error_get(), "gl-texture"), "%s", vb_error_get());
    const vb_strategy_ops *cpu = vb_strategy_lookup("shared-buffer");
    int64_t bytes = 0;
    cr_assert_neq(vb_strategy_gpu_render(cpu, NULL, 0, NULL, 0, 0, &bytes), VB_OK);
    cr_assert(strstr(vb_error_get(), "shared-buffer"), "%s", vb_error_get());
    /* optional members absent: no-ops */
    cr_assert_eq(vb_strategy_gpu_feed(cpu, NULL, NULL, 0, 0, &bytes), VB_OK);
    cr_assert_eq(vb_strategy_consumer_start(cpu, NULL), VB_OK);
    cr_assert_null(vb_strategy_lookup("no-such-strategy"));
    cr_assert_null(vb_strategy_find("no-such-strategy"));
    cr_assert(strstr(vb_error_get(), "known: pixel-copy, shared-buffer"), "%s", vb_error_get());
}

static int64_t soon(void) {
    return vb_now_ns() + 20 * 1000 * 1000; /* 20 ms: a wait that must not succeed times out */
}

Test(frame_ring, a_slot_is_reused_only_after_its_release) {
    vb_frame_ring ring;
    cr_assert_eq(vb_frame_ring_init(&ring, 3), VB_OK);
    for (int k = 0; k < 3; k++) {
        cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_OK);
        vb_frame_ring_publish(&ring);
    }
    cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_TIMEOUT,
                 "a fourth slot while three are in flight");
    cr_assert_eq(vb_frame_ring_take(&ring, soon()), VB_RING_OK);
    cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_TIMEOUT,
                 "taken is not released: the consumer may still read it");
    vb_frame_ring_release(&ring);
    cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_OK);
    vb_frame_ring_destroy(&ring);
}

Test(frame_ring, frames_arrive_in_order_and_the_ring_wraps_around) {
    vb_frame_ring ring;
    cr_assert_eq(vb_frame_ring_init(&ring, 3), VB_OK);
    for (int frame = 0; frame < 10; frame++) {
        cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_OK, "frame %d", frame);
        vb_frame_ring_publish(&ring);
        cr_assert_eq(atomic_load(&ring.published), frame + 1);
        cr_assert_eq(vb_frame_ring_take(&ring, soon()), VB_RING_OK, "frame %d", frame);
        cr_assert_eq(vb_frame_ring_take_if_ready(&ring), 0, "nothing else is waiting");
        vb_frame_ring_release(&ring);
    }
    cr_assert_eq(atomic_load(&ring.released), 10);
    cr_assert_eq(vb_frame_ring_take(&ring, soon()), VB_RING_TIMEOUT, "no frame was published");
    /* two published, taken one by a wait and one without */
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(vb_frame_ring_acquire(&ring, soon()), VB_RING_OK);
        vb_frame_ring_publish(&ring);
    }
    cr_assert_eq(vb_frame_ring_take(&ring, soon()), VB_RING_OK);
    cr_assert_eq(vb_frame_ring_take_if_ready(&ring), 1);
    vb_frame_ring_destroy(&ring);
}

Test(frame_ring, a_cancelled_ring_ends_every_wait) {
    vb_frame_ring ring;
    cr_assert_eq(vb_frame_ring_init(&ring, 3), VB_OK);
    vb_frame_ring_cancel(&ring);
    const int64_t long_deadline = vb_now_ns() + 10LL * 1000 * 1000 * 1000;
    cr_assert_eq(vb_frame_ring_take(&ring, long_deadline), VB_RING_CANCELLED);
    /* the free slots still there are handed out; the wait after them ends at once */
    for (int k = 0; k < 3; k++)
        cr_assert_eq(vb_frame_ring_acquire(&ring, long_deadline), VB_RING_OK);
    cr_assert_eq(vb_frame_ring_acquire(&ring, long_deadline), VB_RING_CANCELLED);
    vb_frame_ring_destroy(&ring);
    cr_assert_neq(vb_frame_ring_init(&ring, VB_RING_MAX_SLOTS + 1), VB_OK);
}

/* --gl-api: gl and gles force every strategy; without it only a strategy of
 * VB_CAP_GLES_BY_DEFAULT runs on OpenGL ES; a bad value is a usage error naming the option. */
Test(gl_api, the_option_and_the_default_choose_each_strategys_api) {
    vb_run_options o;
    vb_run_options_defaults(&o);
    vb_strategy_ops plain = *vb_strategy_list[0], gles_only = plain;
    gles_only.facts.capabilities |= VB_CAP_GLES_BY_DEFAULT;
    cr_assert_eq(o.gl_api, VB_GL_API_AUTO);
    cr_assert_eq(vb_run_gl_es(&o, &plain), 0);
    cr_assert_eq(vb_run_gl_es(&o, &gles_only), 1);
    cr_assert_eq(vb_gl_api_from_name("--gl-api", "gl", &o.gl_api), VB_OK);
    cr_assert_eq(vb_run_gl_es(&o, &gles_only), 0);
    cr_assert_eq(vb_gl_api_from_name("--gl-api", "gles", &o.gl_api), VB_OK);
    cr_assert_eq(vb_run_gl_es(&o, &plain), 1);
    cr_assert_str_eq(vb_gl_api_name(o.gl_api), "gles");
    cr_assert_eq(vb_gl_api_from_name("--gl-api", "auto", &o.gl_api), -VB_ERR_USAGE);
    cr_assert_eq(vb_gl_api_from_name("--gl-api", "x", &o.gl_api), -VB_ERR_USAGE);
    cr_assert_str_eq(vb_error_get(), "--gl-api: 'x' is not gl or gles");
}

/* Facts read from files are interned for the process (at most VB_FACTS_INTERN_MAX distinct):
 * past that, a file naming one more strategy is refused with one line that names the file (the
 * results fuzzer found the bare message after many inputs in one process). */
Test(strategies, a_full_facts_table_refuses_the_file_by_name) {
    for (int i = 0; i < VB_FACTS_INTERN_MAX; i++) {
        char name[32];
        snprintf(name, sizeof name, "filler-%d", i);
        const vb_strategy_facts f = {.name = name, .summary = "", .family = VB_FAMILY_UNKNOWN};
        if (!vb_strategy_facts_intern(&f)) break; /* the registry's own may already be there */
    }
    vb_json_reader r;
    vb_json_reader_init(&r, "some/results.json", "");
    const vb_strategy_facts *out = NULL;
    cr_assert_neq(vb_strategy_facts_read(&r, NULL, "strategies[0].facts", "one-more", "", &out),
                  VB_OK);
    cr_assert_null(out);
    cr_assert(strstr(vb_error_get(), "some/results.json: more than 256 different strategies"), "%s",
              vb_error_get());
    cr_assert_null(strchr(vb_error_get(), '\n'));
}
