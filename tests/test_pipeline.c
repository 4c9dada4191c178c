/* The measured pipeline on the real GL driver (llvmpipe in CI): hand-off correctness, the same
 * picture under every strategy, results JSON round trip, and the faults of `vizbench run`. */
#include "test_helpers.h"

#include "pipeline/run_summary.h"
#include "pipeline/session.h"
#include "results/results_json.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static vb_audio fixture(void) {
    vb_audio audio;
    cr_assert_eq(vb_audio_load_default(&audio), VB_OK, "%s", vb_error_get());
    return audio;
}

static vb_run_options small_run(vb_view_kind view, vb_pace pace, int64_t frames) {
    vb_run_options o;
    vb_run_options_defaults(&o);
    o.view = view_of(view, 320, 96);
    o.pace = pace;
    o.frames = frames;
    o.warmup = 4;
    return o;
}

static void run_session(vb_session *s, const vb_run_options *o, const vb_audio *audio,
                        const vb_strategy_ops *only, const atomic_int *stop) {
    memset(s, 0, sizeof *s);
    s->options = *o;
    snprintf(s->input.name, sizeof s->input.name, "%s", audio->name);
    s->input.sample_rate = audio->sample_rate;
    s->input.channels = audio->channels;
    s->input.samples = audio->length;
    const vb_strategy_ops *one[1] = {only};
    int status = only ? vb_session_run(s, audio, one, 1, stop)
                      : vb_session_run(s, audio, vb_strategy_list, vb_strategy_count, stop);
    cr_assert_eq(status, VB_OK, "%s", vb_error_get());
}

/* Max pace presents every frame in order; checking every frame's picture against the CPU
 * reference of the same input frame catches a lost, repeated, stale or torn frame. */
static void expect_every_frame_handed_over_with(vb_view_kind view, vb_frb_codec codec) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(view, VB_PACE_MAX, 60);
    o.verify_every = 1;
    o.frb_codec = codec;
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    cr_assert(s.gl_available, "no GL: %s", s.gl_reason);
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *run = &s.runs[i];
        const char *name = run->strategy->name;
        cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", name, run->reason);
        cr_assert_eq(run->produced, run->length, "%s", name);
        for (int64_t n = 0; n < run->length; n++) {
            const vb_frame_record *r = &run->frames[n];
            cr_assert_eq(r->sequence, n, "%s", name);
            cr_assert(r->flags & VB_FRAME_PRESENTED, "%s: frame %lld not presented", name,
                      (long long)n);
            cr_assert(r->flags & VB_FRAME_VERIFIED, "%s: frame %lld", name, (long long)n);
            cr_assert(n == 0 || r->presented_ns >= run->frames[n - 1].presented_ns, "%s", name);
            cr_assert(r->ready_ns <= r->acquired_ns && r->acquired_ns <= r->analyzed_ns &&
                          r->analyzed_ns <= r->rendered_ns && r->rendered_ns <= r->handed_ns &&
                          r->handed_ns <= r->taken_ns && r->taken_ns <= r->uploaded_ns &&
                          r->uploaded_ns <= r->presented_ns,
                      "%s: frame %lld stages out of order", name, (long long)n);
            if (vb_strategy_has_stages(vb_strategy_lookup(run->strategy->name))) {
                /* producer -> UI thread (-> IO thread) -> consumer, in that order */
                const int64_t last_stage = r->io_ns >= 0 ? r->io_ns : r->ui_ns;
                cr_assert(r->handed_ns <= r->ui_ns && r->ui_ns <= last_stage &&
                              last_stage <= r->taken_ns,
                          "%s: frame %lld's threads out of order", name, (long long)n);
                cr_assert(r->ui_cpu_ns >= 0 && r->hop_encode_ns >= 0, "%s", name);
                const int64_t hop_copies = codec == VB_FRB_SSE ? 2 : 0;
                /* an image chain's copy into its immutable buffer; Impeller's decoder copies
                 * once more, into its device buffer */
                const int image = r->io_ns >= 0;
                const int decoder = image && strcmp(name, "impeller-image") == 0;
                cr_assert_eq(r->copies + r->stage_copies, hop_copies + image + decoder,
                             "%s frame %lld", name, (long long)n);
                cr_assert_eq(r->vsync_delay, -1, "max pace: no frames of delay");
            }
            if (run->picture.exact)
                cr_assert_eq(r->checksum_shown, r->checksum_expected,
                             "%s: frame %lld shows other bytes than the reference", name,
                             (long long)n);
        }
        cr_assert(run->picture.passed, "%s: picture check failed at frame %lld (max error %d)",
                  name, (long long)run->picture.first_failure, run->picture.max_error);
        cr_assert_eq(run->picture.checked, run->length, "%s", name);
    }
    vb_session_free(&s);
    vb_audio_free(&audio);
}

static void expect_every_frame_handed_over(vb_view_kind view) {
    expect_every_frame_handed_over_with(view, VB_FRB_SSE);
}

/* The frb-* strategies with FRB's other codec (the others do not read it). */
Test(handoff, every_frame_in_order_and_intact_dco_codec, .timeout = 120) {
    expect_every_frame_handed_over_with(VB_VIEW_SPECTROGRAM, VB_FRB_DCO);
}

Test(handoff, every_frame_in_order_and_intact_waveform, .timeout = 120) {
    expect_every_frame_handed_over(VB_VIEW_WAVEFORM);
}

Test(handoff, every_frame_in_order_and_intact_spectrum, .timeout = 120) {
    expect_every_frame_handed_over(VB_VIEW_SPECTRUM);
}

Test(handoff, every_frame_in_order_and_intact_spectrogram, .timeout = 120) {
    expect_every_frame_handed_over(VB_VIEW_SPECTROGRAM);
}

/* The note's case at its real size: the end-of-run check under each strategy. */
Test(same_picture, every_strategy_at_1080x200, .timeout = 120) {
    vb_audio audio = fixture();
    for (int view = 0; view < VB_VIEW_COUNT; view++) {
        vb_run_options o = small_run((vb_view_kind)view, VB_PACE_MAX, 20);
        o.view.width = 1080;
        o.view.height = 200;
        vb_session s;
        run_session(&s, &o, &audio, NULL, NULL);
        for (int i = 0; i < s.run_count; i++) {
            const vb_run_record *run = &s.runs[i];
            cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", run->strategy->name, run->reason);
            cr_assert(run->picture.checked >= 1 && run->picture.passed,
                      "%s %s: max error %d, p99.9 %d", vb_view_name((vb_view_kind)view),
                      run->strategy->name, run->picture.max_error, run->picture.p999_error);
        }
        vb_session_free(&s);
    }
    vb_audio_free(&audio);
}

/* Realtime pace: every frame is either presented or counted as dropped, never both. */
Test(pacing, realtime_accounts_for_every_frame, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_REALTIME, 30);
    o.view.fps = 120;
    vb_session s;
    run_session(&s, &o, &audio, vb_strategy_find("shared-buffer"), NULL);
    const vb_run_record *run = &s.runs[0];
    cr_assert_eq(run->status, VB_STRATEGY_OK, "%s", run->reason);
    for (int64_t n = 0; n < run->length; n++) {
        int presented = !!(run->frames[n].flags & VB_FRAME_PRESENTED);
        int dropped = !!(run->frames[n].flags & VB_FRAME_DROPPED);
        cr_assert_eq(presented + dropped, 1, "frame %lld", (long long)n);
        /* Frame n is due n / fps after the start (unless a late producer skipped it). */
        if (!(run->frames[n].flags & VB_FRAME_SKIPPED))
            cr_assert_eq(run->frames[n].ready_ns, n * 1000000000LL / 120);
    }
    vb_session_free(&s);
    vb_audio_free(&audio);
}

/* A display clock: every measured presented frame is latched one or more ticks after it was
 * ready, the accounting adds up, and the frb-* strategies run on it without --vsync. */
Test(pacing, a_display_clock_latches_at_ticks, .timeout = 120) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_REALTIME, 40);
    o.view.fps = 60;
    for (int with_option = 0; with_option < 2; with_option++) {
        o.vsync_hz = with_option ? 90 : 0;
        vb_session s;
        run_session(&s, &o, &audio, NULL, NULL);
        for (int i = 0; i < s.run_count; i++) {
            const vb_run_record *run = &s.runs[i];
            const char *name = run->strategy->name;
            cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", name, run->reason);
            const int expected_hz = with_option                                         ? 90
                                    : vb_facts_have(run->strategy, VB_CAP_VSYNC_DRIVEN) ? 60
                                                                                        : 0;
            cr_assert_eq(run->vsync.hz, expected_hz, "%s", name);
            if (!expected_hz) continue;
            cr_assert_eq(run->vsync.ticks, run->vsync.latched + run->vsync.repeated, "%s", name);
            int64_t presented = 0;
            for (int64_t n = o.warmup; n < run->length; n++) {
                const vb_frame_record *r = &run->frames[n];
                if (!(r->flags & VB_FRAME_PRESENTED)) continue;
                presented++;
                cr_assert_geq(r->vsync_delay, 1, "%s: frame %lld: delay %lld", name, (long long)n,
                              (long long)r->vsync_delay);
            }
            cr_assert_eq(run->vsync.latched, presented, "%s", name);
            vb_run_summary sum;
            cr_assert_eq(vb_run_summarize(run, &o, &sum), VB_OK);
            cr_assert_geq(sum.delay_frames_mean, 1.0, "%s", name);
            if (with_option) /* 90 Hz for 60 fps: a third of the ticks bring nothing new */
                cr_assert_gt(run->vsync.repeated, 0, "%s", name);
            cr_assert(run->picture.passed, "%s", name);
        }
        vb_session_free(&s);
    }
    vb_audio_free(&audio);
}

/* A producer slower than the display skips to the newest frame due instead of piling up
 * latency, and the GPU spectrogram still gets every column it skipped: each presented frame
 * matches the CPU reference of its own input frame. */
Test(pacing, a_late_producer_skips_frames_and_keeps_the_picture, .timeout = 120) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTROGRAM, VB_PACE_REALTIME, 40);
    o.view.fps = 60;
    o.verify_every = 1;
    const int64_t slow_ms = 40;
    const char *names[] = {"shared-buffer", "gl-texture"};
    for (int i = 0; i < 2; i++) {
        o.fault_slow_strategy = names[i];
        o.fault_slow_ns = slow_ms * 1000000;
        vb_session s;
        run_session(&s, &o, &audio, vb_strategy_find(names[i]), NULL);
        const vb_run_record *run = &s.runs[0];
        cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", names[i], run->reason);
        cr_assert(run->picture.passed, "%s: picture differs from frame %lld on", names[i],
                  (long long)run->picture.first_failure);
        cr_assert_gt(run->picture.checked, 5, "%s", names[i]);
        int64_t skipped = 0;
        for (int64_t n = 0; n < run->length; n++) {
            const vb_frame_record *r = &run->frames[n];
            if (r->flags & VB_FRAME_SKIPPED) {
                skipped++;
                cr_assert(r->flags & VB_FRAME_DROPPED);
                cr_assert_eq(r->ready_ns, -1, "a skipped frame was started");
            }
        }
        cr_assert_gt(skipped, run->length / 3, "%s: only %lld of %lld skipped", names[i],
                     (long long)skipped, (long long)run->length);
        cr_assert(run->frames[run->length - 1].flags & VB_FRAME_PRESENTED,
                  "the last frame is always shown");
        vb_run_summary sum;
        cr_assert_eq(vb_run_summarize(run, &o, &sum), VB_OK);
        /* Bounded: one frame's work and a little, never the whole run's backlog. */
        cr_assert_lt(sum.latency_ms.max, 5.0 * (double)slow_ms, "%s: max latency %.1f ms", names[i],
                     sum.latency_ms.max);
        vb_session_free(&s);
    }
    vb_audio_free(&audio);
}

Test(results_json, written_and_read_back, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_WAVEFORM, VB_PACE_MAX, 12);
    o.verify_every = 5;
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    snprintf(s.command, sizeof s.command, "test");
    char path[] = "/tmp/vizbench-results-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    cr_assert_eq(vb_results_json_write(&s, path), VB_OK, "%s", vb_error_get());
    vb_session back;
    cr_assert_eq(vb_results_json_read(path, &back), VB_OK, "%s", vb_error_get());
    cr_assert_eq(back.run_count, s.run_count);
    cr_assert_eq(back.options.view.view, VB_VIEW_WAVEFORM);
    cr_assert_eq(back.options.frames, 12);
    cr_assert_eq(back.options.verify_every, 5);
    cr_assert_str_eq(back.gl.renderer, s.gl.renderer);
    cr_assert_eq(back.gl.software, s.gl.software);
    cr_assert_eq(back.limits.frame_bytes, s.limits.frame_bytes);
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *a = &s.runs[i], *b = &back.runs[i];
        /* the facts come back from the file, equal to the live strategy's, not the same copy */
        cr_assert_neq(a->strategy, b->strategy);
        cr_assert_str_eq(a->strategy->name, b->strategy->name);
        cr_assert_str_eq(a->strategy->summary, b->strategy->summary);
        cr_assert_str_eq(a->strategy->does, b->strategy->does);
        cr_assert_str_eq(a->strategy->measures, b->strategy->measures);
        cr_assert_str_eq(a->strategy->colour, b->strategy->colour);
        cr_assert_eq(a->strategy->family, b->strategy->family);
        cr_assert_eq(a->strategy->platforms, b->strategy->platforms);
        cr_assert_eq(a->strategy->roles, b->strategy->roles);
        cr_assert_eq(a->strategy->capabilities, b->strategy->capabilities);
        cr_assert_eq(a->strategy->preference, b->strategy->preference);
        cr_assert_eq(a->status, b->status);
        cr_assert_eq(a->length, b->length);
        cr_assert_eq(a->picture.passed, b->picture.passed);
        cr_assert_eq(memcmp(a->frames, b->frames, sizeof *a->frames * (size_t)a->length), 0,
                     "%s: frame records differ after the round trip", a->strategy->name);
    }
    vb_session_free(&back);
    vb_session_free(&s);
    vb_audio_free(&audio);
    unlink(path);
}

static void expect_json_error(const char *text, const char *needle) {
    char path[] = "/tmp/vizbench-bad-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    vb_session s;
    cr_assert_eq(vb_results_json_read(path, &s), -VB_ERR_USAGE, "accepted: %s", text);
    cr_assert(strstr(vb_error_get(), needle), "error '%s' does not mention '%s'", vb_error_get(),
              needle);
    cr_assert(strstr(vb_error_get(), path), "error '%s' does not name the file", vb_error_get());
    unlink(path);
}

Test(results_json, bad_files_name_the_problem) {
    expect_json_error("{\"schema\": \"vizbench.run\", \"schema_ver", "not valid JSON");
    expect_json_error("[1, 2]", "top level");
    expect_json_error("{\"schema\": \"other\"}", "'schema'");
    expect_json_error("{\"schema\": \"vizbench.run\", \"schema_version\": 99}",
                      "schema_version 99");
    expect_json_error("{\"schema\": \"vizbench.run\", \"schema_version\": 1, \"complete\": 1}",
                      "'complete'");
    expect_json_error("{\"schema\": \"vizbench.run\", \"schema_version\": 1}",
                      "'complete' is missing");
}

/* ---- faults -------------------------------------------------------------------------------- */

Test(faults, no_gl_marks_every_strategy_unavailable, .timeout = 30) {
    setenv("VIZBENCH_NO_GL", "1", 1);
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_MAX, 5);
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    cr_assert(!s.gl_available);
    cr_assert(strstr(s.gl_reason, "VIZBENCH_NO_GL"), "%s", s.gl_reason);
    cr_assert(s.limits.memcpy_gbps > 0, "CPU limits are measured without GL");
    for (int i = 0; i < s.run_count; i++) {
        cr_assert_eq(s.runs[i].status, VB_STRATEGY_UNAVAILABLE, "%s", s.runs[i].strategy->name);
        cr_assert(strstr(s.runs[i].reason, "no OpenGL"), "%s", s.runs[i].reason);
    }
    vb_session_free(&s);
    vb_audio_free(&audio);
}

Test(faults, missing_buffer_storage_leaves_the_others_running, .timeout = 60) {
    /* both names: the Android strategies run on ES, where it is EXT_buffer_storage */
    setenv("VIZBENCH_GL_HIDE", "GL_ARB_buffer_storage,GL_EXT_buffer_storage", 1);
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_MAX, 5);
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *run = &s.runs[i];
        /* mapped-pbo, and any other strategy that maps buffers persistently (surface-producer) */
        if (vb_strategy_unavailable(vb_strategy_lookup(run->strategy->name), &s.gl) != NULL) {
            cr_assert_eq(run->status, VB_STRATEGY_UNAVAILABLE);
            cr_assert(strstr(run->reason, "buffer_storage"), "%s", run->reason);
        } else {
            cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", run->strategy->name, run->reason);
        }
    }
    cr_assert(vb_strategy_find("mapped-pbo")->unavailable_reason(&s.gl) != NULL);
    vb_session_free(&s);
    vb_audio_free(&audio);
}

/* The API is each run's choice: without --gl-api a strategy of VB_CAP_GLES_BY_DEFAULT (here a
 * copy of gl-texture given it, as the Android strategies will have it) runs on OpenGL ES and
 * the others on desktop GL, the contexts reopened between them; --gl-api gles forces all. Every
 * picture stays that of the CPU reference (GLSL ES 3.00, highp). */
static void expect_apis(const vb_run_options *o, const vb_strategy_ops *const *list, int count,
                        const int *es) {
    vb_audio audio = fixture();
    vb_session s;
    memset(&s, 0, sizeof s);
    s.options = *o;
    cr_assert_eq(vb_session_run(&s, &audio, list, count, NULL), VB_OK, "%s", vb_error_get());
    cr_assert(s.gl_available, "no GL: %s", s.gl_reason);
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *run = &s.runs[i];
        cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", run->strategy->name, run->reason);
        cr_assert(run->picture.passed && run->picture.checked > 0, "%s", run->strategy->name);
        cr_assert_eq(run->gl_es, es[i], "%s: %s", run->strategy->name, run->gl_version);
        cr_assert_eq(strncmp(run->gl_version, "OpenGL ES", 9) == 0, es[i], "%s", run->gl_version);
    }
    vb_session_free(&s);
    vb_audio_free(&audio);
}

Test(gl_api, gles_by_default_strategies_run_on_gles_the_others_on_gl, .timeout = 120) {
    vb_strategy_ops gles_texture = *vb_strategy_lookup("gl-texture");
    gles_texture.facts.capabilities |= VB_CAP_GLES_BY_DEFAULT;
    const vb_strategy_ops *list[] = {&gles_texture, vb_strategy_lookup("pixel-copy"),
                                     &gles_texture};
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_MAX, 6);
    expect_apis(&o, list, 3, (const int[]){1, 0, 1});
    o.gl_api = VB_GL_API_GL;
    expect_apis(&o, list, 3, (const int[]){0, 0, 0});
}

Test(gl_api, forced_gles_runs_every_strategy_on_gles, .timeout = 120) {
    vb_run_options o = small_run(VB_VIEW_SPECTROGRAM, VB_PACE_MAX, 6);
    o.gl_api = VB_GL_API_GLES;
    int es[VB_SESSION_MAX_RUNS];
    for (int i = 0; i < vb_strategy_count; i++)
        es[i] = 1;
    expect_apis(&o, vb_strategy_list, vb_strategy_count, es);
}

/* A driver without EGL images from textures: egl-image and surface-texture are unavailable,
 * naming what is missing; the others run. (The entry points of a hidden extension are never
 * even looked up.) */
Test(faults, missing_egl_images_leave_the_others_running, .timeout = 60) {
    setenv("VIZBENCH_GL_HIDE", "EGL_KHR_gl_texture_2D_image", 1);
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_MAX, 5);
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    int unavailable = 0;
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *run = &s.runs[i];
        if (vb_strategy_unavailable(vb_strategy_lookup(run->strategy->name), &s.gl) != NULL) {
            unavailable++;
            cr_assert_eq(run->status, VB_STRATEGY_UNAVAILABLE);
            cr_assert(strstr(run->reason, "EGL_KHR_gl_texture_2D_image"), "%s", run->reason);
        } else {
            cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", run->strategy->name, run->reason);
        }
    }
    /* egl-image, and surface-texture, which shares its queue */
    cr_assert_eq(unavailable, 2, "exactly the strategies that need EGL images");
    cr_assert_eq(vb_strategy_find("egl-image")->unavailable_reason(&s.gl) != NULL, 1);
    cr_assert_eq(vb_strategy_find("surface-texture")->unavailable_reason(&s.gl) != NULL, 1);
    vb_session_free(&s);
    vb_audio_free(&audio);
}

/* The EGLImage queue keeps every frame in order at max pace and imports each buffer once. */
Test(handoff, egl_image_imports_each_buffer_once, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTROGRAM, VB_PACE_MAX, 30);
    o.slots = 4;
    vb_session s;
    run_session(&s, &o, &audio, vb_strategy_find("egl-image"), NULL);
    cr_assert(s.gl.has_egl_image, "this GL offers no EGL images: the test needs them");
    const vb_run_record *run = &s.runs[0];
    cr_assert_eq(run->status, VB_STRATEGY_OK, "%s", run->reason);
    int64_t imports = 0, waits = 0;
    for (int64_t n = 0; n < run->length; n++) {
        imports += run->frames[n].import_ns >= 0;
        waits += run->frames[n].release_wait_ns >= 0;
    }
    cr_assert_eq(imports, o.slots, "one import per buffer of the queue");
    cr_assert_eq(waits, run->length - o.slots, "a release fence on every reused buffer");
    cr_assert(run->picture.passed, "max error %d", run->picture.max_error);
    vb_session_free(&s);
    vb_audio_free(&audio);
}

Test(faults, a_fence_that_never_signals_fails_only_its_strategy, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_MAX, 10);
    o.fence_timeout_ns = 200000000;
    o.fault_fence_never_signals = "gl-texture";
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    for (int i = 0; i < s.run_count; i++) {
        const vb_run_record *run = &s.runs[i];
        if (strcmp(run->strategy->name, "gl-texture") == 0) {
            cr_assert_eq(run->status, VB_STRATEGY_FAILED);
            cr_assert(strstr(run->reason, "fence did not signal within 200 ms"), "%s", run->reason);
        } else {
            cr_assert_eq(run->status, VB_STRATEGY_OK, "%s: %s", run->strategy->name, run->reason);
        }
    }
    vb_session_free(&s);
    vb_audio_free(&audio);
}

Test(faults, a_strategy_failing_mid_run_keeps_its_frames, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_WAVEFORM, VB_PACE_MAX, 20);
    o.fault_fail_mid_run = "pixel-copy";
    vb_session s;
    run_session(&s, &o, &audio, NULL, NULL);
    const vb_run_record *run = &s.runs[0];
    cr_assert_str_eq(run->strategy->name, "pixel-copy");
    cr_assert_eq(run->status, VB_STRATEGY_FAILED);
    cr_assert(strstr(run->reason, "simulated failure"), "%s", run->reason);
    cr_assert_eq(run->produced, o.warmup + o.frames / 2);
    cr_assert(run->frames[0].flags & VB_FRAME_PRESENTED);
    for (int i = 1; i < s.run_count; i++)
        cr_assert_eq(s.runs[i].status, VB_STRATEGY_OK, "%s", s.runs[i].strategy->name);
    vb_session_free(&s);
    vb_audio_free(&audio);
}

/* Stops once the first strategy has presented a few frames, as a user pressing ^C would. */
static void *stop_soon(void *flag) {
    struct timespec pause = {0, 5000000};
    while (atomic_load(&vb_run_progress) < 10)
        nanosleep(&pause, NULL);
    atomic_store((atomic_int *)flag, 1);
    return NULL;
}

/* What SIGINT does in `vizbench run`: the run in progress keeps its frames, marked interrupted;
 * the strategies after it are not run. */
Test(faults, a_stop_request_keeps_what_was_measured, .timeout = 60) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTRUM, VB_PACE_REALTIME, 600);
    atomic_int stop;
    atomic_init(&stop, 0);
    atomic_store(&vb_run_progress, 0);
    pthread_t stopper;
    cr_assert_eq(pthread_create(&stopper, NULL, stop_soon, &stop), 0);
    vb_session s;
    run_session(&s, &o, &audio, NULL, &stop);
    pthread_join(stopper, NULL);
    cr_assert(!s.complete);
    const vb_run_record *first = &s.runs[0];
    cr_assert_eq(first->status, VB_STRATEGY_INTERRUPTED, "%s", first->reason);
    cr_assert(first->produced > 0 && first->produced < first->length, "%lld",
              (long long)first->produced);
    cr_assert(first->frames[first->produced - 1].flags & (VB_FRAME_PRESENTED | VB_FRAME_DROPPED));
    for (int i = 1; i < s.run_count; i++)
        cr_assert_eq(s.runs[i].status, VB_STRATEGY_NOT_RUN, "%s", s.runs[i].strategy->name);
    vb_session_free(&s);
    vb_audio_free(&audio);
}

/* Open fds of this process (the test's own), to see that a run leaves none behind. */
static int open_fds(void) {
    int count = 0;
    char path[64];
    for (int fd = 0; fd < 4096; fd++) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        count += access(path, F_OK) == 0;
    }
    return count;
}

/* vulkan-interop, its producer in this process or another: every frame in order at max pace,
 * the CPU reference picture exactly (lavapipe and llvmpipe do the arithmetic alike), each
 * buffer imported once, every frame synchronised on the CPU here (no external semaphores), and
 * after the run no producer process and no fd left. */
static void expect_vulkan_frames(vb_view_kind view, vb_producer_process where) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(view, VB_PACE_MAX, 40);
    o.verify_every = 1;
    o.slots = 4;
    o.producer_process = where;
    const int fds_before = open_fds();
    vb_session s;
    run_session(&s, &o, &audio, vb_strategy_find("vulkan-interop"), NULL);
    const vb_run_record *run = &s.runs[0];
    cr_assert_eq(run->status, VB_STRATEGY_OK, "%s", run->reason);
    cr_assert_eq(run->produced, run->length);
    cr_assert(
        strstr(run->detail, where == VB_PRODUCER_SEPARATE ? "separate process" : "this process"),
        "%s", run->detail);
    int64_t imports = 0;
    for (int64_t n = 0; n < run->length; n++) {
        const vb_frame_record *r = &run->frames[n];
        cr_assert_eq(r->sequence, n);
        cr_assert(r->flags & VB_FRAME_PRESENTED, "frame %lld not presented", (long long)n);
        cr_assert(r->analyzed_ns <= r->rendered_ns && r->rendered_ns <= r->handed_ns &&
                      r->handed_ns <= r->taken_ns && r->taken_ns <= r->presented_ns,
                  "frame %lld's stages out of order", (long long)n);
        cr_assert_eq(r->checksum_shown, r->checksum_expected,
                     "frame %lld shows other bytes than the reference", (long long)n);
        if (strstr(run->detail, "cpu-synchronised"))
            cr_assert(r->sync_wait_ns >= 0, "frame %lld: no sync wait", (long long)n);
        cr_assert(r->producer_cpu_ns > 0 && r->bytes_to_gpu > 0, "frame %lld", (long long)n);
        cr_assert_eq(r->bytes_uploaded, 0, "no pixels uploaded");
        cr_assert_eq(r->bytes_copied, 0, "no pixels copied");
        imports += r->import_ns >= 0;
    }
    cr_assert_eq(imports, o.slots, "one import per buffer of the ring");
    cr_assert(run->picture.passed && run->picture.max_error == 0, "max error %d",
              run->picture.max_error);
    cr_assert(run->process_cpu_ns > 0);
    vb_session_free(&s);
    vb_audio_free(&audio);
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1, "a producer process is left");
    cr_assert_eq(open_fds(), fds_before, "fds left open by the run");
}

Test(vulkan, every_frame_exact_in_one_process_waveform, .timeout = 120) {
    expect_vulkan_frames(VB_VIEW_WAVEFORM, VB_PRODUCER_SAME);
}
Test(vulkan, every_frame_exact_in_one_process_spectrogram, .timeout = 120) {
    expect_vulkan_frames(VB_VIEW_SPECTROGRAM, VB_PRODUCER_SAME);
}
Test(vulkan, every_frame_exact_across_processes_waveform, .timeout = 120) {
    expect_vulkan_frames(VB_VIEW_WAVEFORM, VB_PRODUCER_SEPARATE);
}
Test(vulkan, every_frame_exact_across_processes_spectrum, .timeout = 120) {
    expect_vulkan_frames(VB_VIEW_SPECTRUM, VB_PRODUCER_SEPARATE);
}
Test(vulkan, every_frame_exact_across_processes_spectrogram, .timeout = 120) {
    expect_vulkan_frames(VB_VIEW_SPECTROGRAM, VB_PRODUCER_SEPARATE);
}

/* Realtime pace drops frames the producer is late for; the spectrogram's history must still
 * take every skipped frame (fed to the producer process), so the last picture is exact. */
Test(vulkan, skipped_frames_reach_the_history_across_processes, .timeout = 120) {
    vb_audio audio = fixture();
    vb_run_options o = small_run(VB_VIEW_SPECTROGRAM, VB_PACE_REALTIME, 120);
    o.view = view_of(VB_VIEW_SPECTROGRAM, 1280, 400);
    o.view.fps = 1000; /* faster than a software Vulkan renders 1280x400: it falls behind */
    o.verify_every = 7;
    o.producer_process = VB_PRODUCER_SEPARATE;
    vb_session s;
    run_session(&s, &o, &audio, vb_strategy_find("vulkan-interop"), NULL);
    const vb_run_record *run = &s.runs[0];
    cr_assert_eq(run->status, VB_STRATEGY_OK, "%s", run->reason);
    int64_t skipped = 0;
    for (int64_t n = 0; n < run->length; n++)
        skipped += (run->frames[n].flags & VB_FRAME_SKIPPED) != 0;
    cr_assert(skipped > 0, "no frame was skipped: the test did not test the history's feed");
    cr_assert(run->picture.passed && run->picture.checked > 0, "max error %d",
              run->picture.max_error);
    vb_session_free(&s);
    vb_audio_free(&audio);
}
