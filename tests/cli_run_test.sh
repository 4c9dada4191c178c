#!/bin/bash
# `vizbench run` as a user and CI meet it: the default table, outputs, exit codes 0-4, faults.
#   usage: cli_run_test.sh VIZBENCH
set -u
vizbench=$1
source "$(dirname "$0")/cli_lib.sh"

# The default comparison: every strategy, all showing the reference picture, in about their
# frames' time: 330 frames at 60 fps are 5.5 s each, 61 s for the eleven; at most 1.5x that.
start=$(date +%s)
expect 0 '' -- "$vizbench" run
elapsed=$(($(date +%s) - start))
check "default run took ${elapsed}s (limit 90)" test "$elapsed" -lt 90
for s in pixel-copy shared-buffer mapped-pbo gl-texture frb-image frb-texture; do
    check "default table has a passing $s row" grep -qE "^$s .* pass" "$work/out"
done
check "the table names the GL renderer" grep -q '^GL: ' "$work/out"

# The note's decision as Flutter runs it: FRB's codecs, the UI and IO threads, a display clock
expect 2 "--vsync: '0' is outside 1 .. 1000" -- "$vizbench" run --vsync 0
expect 2 "--frb-codec: unknown codec 'cst' \\(expected sse or dco\\)" -- "$vizbench" run --frb-codec cst
for codec in sse dco; do
    for hz in 60 120; do
        expect 0 '' -- "$vizbench" run --strategy frb-image,frb-texture --frb-codec "$codec" \
            --vsync "$hz" --frames 30 --warmup 5 -o "$work/frb-$codec-$hz.json"
        check "frb $codec at $hz Hz: both show the reference picture" \
            test "$(grep -cE '^frb-(image|texture) .*pass, exact' "$work/out")" -eq 2
        check "frb $codec at $hz Hz: the thread table" grep -qE "^frb-image +[0-9.]+ +[0-9.]+ +[0-9.]+ .* $hz " "$work/out"
        check "frb $codec at $hz Hz: JSON has the threads, copies and frames of delay" \
            bash -c "grep -q '\"ui_cpu_ns\":\\[' '$work/frb-$codec-$hz.json' &&
                     grep -q '\"io_cpu_ns\":\\[' '$work/frb-$codec-$hz.json' &&
                     grep -q '\"vsync_delay\":\\[' '$work/frb-$codec-$hz.json' &&
                     grep -q '\"stage_copies\":\\[' '$work/frb-$codec-$hz.json' &&
                     grep -q '\"frames_of_delay\":{' '$work/frb-$codec-$hz.json' &&
                     grep -q '\"frb_codec\":\"$codec\"' '$work/frb-$codec-$hz.json'"
    done
done
check "sse copies twice on the hop, dco not at all (frb-texture)" bash -c \
    "grep -q '\"copies_per_frame\":2.0' '$work/frb-sse-60.json' && grep -q '\"copies_per_frame\":0.0' '$work/frb-dco-60.json'"
# --gl-api gles: the same pictures, exact, on an OpenGL ES context (GLSL ES 3.00 shaders)
for view in spectrum spectrogram; do
    expect 0 '' -- "$vizbench" run --strategy pixel-copy,gl-texture,egl-image --gl-api gles \
        --view "$view" --frames 10 --warmup 3 -o "$work/gles-$view.json"
    check "--gl-api gles, $view: the GL line names OpenGL ES" grep -q '^GL: .*| OpenGL ES 3\.' "$work/out"
    check "--gl-api gles, $view: every picture exact (max error 0)" \
        test "$(jq '[.strategies[] | select(.picture.passed and .picture.max_error == 0)] | length' \
            "$work/gles-$view.json")" -eq 3
    check "--gl-api gles, $view: the JSON says each run's API and version, and the option" \
        test "$(jq -r '[.context.gl.api, .options.gl_api, (.strategies[] | .gl.api + " " + .gl.version[0:9])] | join(",")' \
            "$work/gles-$view.json")" = "gles,gles,gles OpenGL ES,gles OpenGL ES,gles OpenGL ES"
done
expect 0 '' -- "$vizbench" run --strategy gl-texture --frames 5 --warmup 1 -o "$work/gl.json"
check "no --gl-api: desktop GL" test "$(jq -r '.strategies[0].gl.api + "," + .options.gl_api' "$work/gl.json")" = "gl,auto"
expect 2 "^vizbench: --gl-api: 'vulkan' is not gl or gles$" -- "$vizbench" run --gl-api vulkan
expect 2 "--gl-api: 'x' is not gl or gles" -- "$vizbench" sweep --gl-api x -o "$work/s.json"

expect 0 '' -- "$vizbench" run --strategy all --vsync 90 --frames 20 --warmup 5 -o "$work/vsync90.json"
check "--vsync 90: every strategy ran on the display clock" \
    test "$(jq '[.strategies[] | select(.vsync.hz == 90 and .summary.vsync.hz == 90)] | length' \
        "$work/vsync90.json")" -eq "$(jq '.strategies | length' "$work/vsync90.json")"
check "memory: every strategy's own peak, at least what was resident at its start" \
    test "$(jq '[.strategies[] | select(.memory.peak_is_own and .memory.start_bytes > 0 and
        .memory.peak_bytes >= .memory.start_bytes and .memory.end_bytes > 0)] | length' \
        "$work/vsync90.json")" -eq "$(jq '.strategies | length' "$work/vsync90.json")"
check "memory: the whole run's peak is at least the set-up's and every run's (2 %, below)" \
    test "$(jq '.reference.memory.peak_bytes >= 0.98 * ([.strategies[].memory.peak_bytes] + [.reference.memory.setup_peak_bytes] | max)' \
        "$work/vsync90.json")" = true
# vizbench must not blind the standard tools: its per-strategy peaks come from a sampler, so
# the kernel's high-water mark (getrusage, /usr/bin/time -f %M) stays the process's true peak and
# agrees with vizbench's whole-run figure, and no strategy's sampled peak is above it (2 %: what
# is allocated after it is read, and the kernel's per-thread RSS counters, synced in batches).
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/maxrss" "$vizbench" run --strategy pixel-copy,frb-image,shared-buffer \
        --view spectrogram --size 1920x1080 --frames 10 --warmup 2 --pace max -q -o "$work/rss.json"
    quiet() { "$@" >/dev/null; }
    check "memory: /usr/bin/time's peak is vizbench's whole-run peak (2 %), above every strategy's own" \
        quiet jq -e --argjson kb "$(tail -1 "$work/maxrss")" '.reference.memory.peak_bytes as $p |
            ($kb * 1024) as $time | (($time - $p) | fabs) <= 0.02 * $time and
            ([.strategies[].memory.peak_bytes] | max) <= 1.02 * $time and
            ([.strategies[] | .memory.peak_is_own] | all)' "$work/rss.json"
fi
check "memory: run prints each strategy's peak" grep -q '^memory: peak resident MB, each strategy' "$work/out"
# A frame of 8.3 MB costs at least three frames more than one of 8 KB (the render buffer, the
# renderer's history, the messages in flight): the peaks measure what the run holds.
for size in 64x32 1920x1080; do
    expect 0 '' -- "$vizbench" run --strategy pixel-copy --view spectrogram --size "$size" \
        --frames 10 --warmup 2 --pace max -q -o "$work/mem-$size.json"
done
check "memory: 1920x1080 holds at least 3 frames more than 64x32" \
    test "$(jq -s '(.[1].strategies[0].memory | .peak_bytes - .start_bytes) -
        (.[0].strategies[0].memory | .peak_bytes - .start_bytes) >= 3 * 8294400' \
        "$work/mem-64x32.json" "$work/mem-1920x1080.json")" = true

# Outputs
expect 0 '' -- "$vizbench" run --frames 8 --warmup 2 --pace max -o "$work/r.json" --csv "$work/f.csv"
check "JSON is versioned" grep -q '"schema":"vizbench.run","schema_version":1' "$work/r.json"
check "JSON is complete" grep -q '"complete":true' "$work/r.json"
check "JSON has the input hash" grep -qE '"sha256":"[0-9a-f]{64}"' "$work/r.json"
strategies=$(grep -o '"renders_on_gpu"' "$work/r.json" | wc -l) # one per registered strategy
check "CSV has one row per frame" test "$(wc -l <"$work/f.csv")" -eq $((strategies * 10 + 1))
expect 0 '' -- "$vizbench" run --strategy gl-texture,pixel-copy --view spectrogram \
    --size 256x64 --duration 0.2 --fps 120 -q -o "$work/two.json"
check "-q prints no table" test ! -s "$work/out"
check "two strategies, in the order given" \
    grep -qE '"name":"gl-texture".*"name":"pixel-copy"' "$work/two.json"

expect 0 '' -- "$vizbench" run --strategy gl-texture --frames 6 --pace max --gpu-timers on -q \
    -o "$work/timers.json"
check "--gpu-timers on gives GPU stage times" \
    grep -qE '"gpu_ms":\{"render":[0-9.e+-]+,"upload":[0-9.e+-]+,"compose":[0-9.e+-]+' "$work/timers.json"

# --repeat: every strategy N times, interleaved; the table gives mean+-sd and min..max in 80
# columns; the JSON keeps every run
expect 0 '' -- "$vizbench" run --repeat 3 --strategy shared-buffer,pixel-copy --frames 10 \
    --warmup 2 --pace max --size 256x64 -o "$work/repeat.json"
check "--repeat 3: six runs in the JSON, interleaved" \
    bash -c "[ \"\$(grep -o '\"name\":\"[a-z-]*\",\"description' '$work/repeat.json' | cut -d'\"' -f4 | paste -sd' ')\" = \
              'shared-buffer pixel-copy shared-buffer pixel-copy shared-buffer pixel-copy' ]"
check "--repeat 3: the table says so and shows mean+-sd, then min..max, and the pictures" \
    bash -c "grep -q '^3 runs of each strategy, interleaved' '$work/out' &&
             grep -qE '^shared-buffer +[0-9.]+\+-[0-9.]+ ' '$work/out' &&
             grep -qE '^shared-buffer .* 3/3 pass$|^pictures: shared-buffer 3/3 pass' '$work/out' &&
             grep -qE '^ +[0-9.]+\.\.[0-9.]+ ' '$work/out'"
check "every line of it fits 80 columns" bash -c "! awk 'length(\$0) > 80' '$work/out' | grep -q ."
# What it found, as hyperfine says it: the other strategy's CPU as a ratio to the least's with the
# spread, equal to the JSON's means; a strategy the runs cannot tell apart is named, with advice.
check "--repeat 3: each strategy's CPU against the least, with its spread" \
    bash -c "grep -qE '^process CPU per frame against the least, (shared-buffer|pixel-copy) \([0-9.]+ ms\):' '$work/out' &&
             grep -qE '^  (shared-buffer|pixel-copy) +[0-9.]+ \+- [0-9.]+x the CPU of (shared-buffer|pixel-copy)$' '$work/out'"
check "--repeat 3: the ratio is the JSON's mean CPU per frame of the one over the other's" \
    bash -c "ratio=\$(sed -nE 's/^  [a-z-]+ +([0-9.]+) \+- .*/\1/p' '$work/out')
             jq -e --argjson r \"\$ratio\" '[.strategies | group_by(.name)[] |
                 ([.[].summary.cpu.process_ms_per_frame] | add / length)] | (max / min) as \$m |
                 ((\$m - \$r) | fabs) < 0.006' '$work/repeat.json' >/dev/null"
expect 0 '' -- "$vizbench" run --runs 1 --strategy shared-buffer,pixel-copy --frames 10 \
    --warmup 2 --pace max --size 256x64 -q -o "$work/once.json"
expect 0 '' -- "$vizbench" run --strategy shared-buffer,pixel-copy --frames 10 --warmup 2 \
    --pace max --size 256x64
check "one run of each: says it cannot tell them apart, and what to run instead" \
    bash -c "grep -q 'one run: no spread' '$work/out' && tr '\n' ' ' <'$work/out' |
             grep -q 'One run of each cannot tell strategies apart: .* Try --runs 5 --seconds 5.'"
expect 2 "^vizbench: --runs: .0. is outside" -- "$vizbench" run --runs 0
expect 2 "--repeat" -- "$vizbench" run --repeat 0
expect 2 "--repeat" -- "$vizbench" run --repeat 17

# Usage errors (exit 2), one line naming the option
expect 2 'conflict' -- "$vizbench" run --frames 5 --duration 1
expect 2 "--strategy: unknown strategy 'bogus'" -- "$vizbench" run --strategy bogus
expect 2 "listed twice" -- "$vizbench" run --strategy pixel-copy,pixel-copy
expect 2 "--pace: unknown pace" -- "$vizbench" run --pace slow
expect 2 "--size" -- "$vizbench" run --size 99999x200
expect 2 "--slots" -- "$vizbench" run --slots 2
expect 2 "--verify" -- "$vizbench" run --verify 0
expect 2 "--frames" -- "$vizbench" run --frames -3
expect 2 "--gpu-timers" -- "$vizbench" run --gpu-timers sometimes
expect 2 "unknown option '--bogus'" -- "$vizbench" run --bogus
expect 2 "VIZBENCH_FAULT" -- env VIZBENCH_FAULT=melt:gl-texture "$vizbench" run
# Too long to hold: refused, not cut to a shorter value that reads as another (the options
# fuzzer's property): here 5e10 us, which cut would have run as 5 s.
expect 2 "VIZBENCH_FAULT: longer than 63 characters" -- \
    env VIZBENCH_FAULT="slow:pixel-copy:$(printf '0%.0s' {1..40})50000000000" "$vizbench" run
expect 1 "no-such.wav" -- "$vizbench" run "$work/no-such.wav"

# Faults
expect 3 'OpenGL: unavailable' -- env VIZBENCH_NO_GL=1 "$vizbench" run --frames 5 -o "$work/nogl.json"
check "no GL: results still written" grep -q '"gl":{"available":false' "$work/nogl.json"
check "no GL: strategies unavailable" grep -q '"status":"unavailable"' "$work/nogl.json"
expect 1 'shared-buffer: simulated failure' -- env VIZBENCH_FAULT=fail:shared-buffer \
    "$vizbench" run --frames 10 --pace max -o "$work/fail.json"
check "a failed strategy's frames are kept" grep -q '"status":"failed"' "$work/fail.json"
check "the other strategies still ran" \
    test "$(grep -o '"status":"ok"' "$work/fail.json" | wc -l)" -eq $((strategies - 1))
expect 1 'egl-image: the release fence did not signal within 100 ms' -- \
    env VIZBENCH_FAULT=release-fence:egl-image "$vizbench" run --frames 10 --pace max \
    --fence-timeout-ms 100 --strategy egl-image,shared-buffer -o "$work/release.json"
check "a release fence that never signals fails only egl-image" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/release.json")" = "failed,ok"
# The Android strategies' faults: surface-producer's buffers cannot be mapped (it fails at
# start), or the consumer never releases one (the producer's wait for a free buffer times out);
# surface-texture's fence on its GPU copy never signals. Only the faulty one fails.
expect 1 'surface-producer: cannot map the 864000-byte buffer of slot 0' -- \
    env VIZBENCH_FAULT=map-fail:surface-producer "$vizbench" run --frames 10 --pace max \
    --strategy surface-producer,surface-texture,shared-buffer -o "$work/map.json"
check "a buffer that cannot be mapped fails only surface-producer" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/map.json")" = "failed,ok,ok"
expect 1 'surface-producer: the consumer did not release the buffer within 100 ms' -- \
    env VIZBENCH_FAULT=release-fence:surface-producer "$vizbench" run --frames 10 --pace max \
    --fence-timeout-ms 100 --strategy surface-producer,shared-buffer -o "$work/unreleased.json"
check "a buffer never released fails only surface-producer" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/unreleased.json")" = "failed,ok"
expect 1 "surface-texture: the GPU copy's fence did not signal within 100 ms" -- \
    env VIZBENCH_FAULT=copy-fence:surface-texture "$vizbench" run --frames 10 --pace max \
    --fence-timeout-ms 100 --strategy surface-producer,surface-texture,shared-buffer \
    -o "$work/copy.json"
expect 1 'impeller-image: cannot map an immutable buffer of 864008 bytes' -- \
    env VIZBENCH_FAULT=map-fail:impeller-image "$vizbench" run --frames 10 --pace max \
    --strategy impeller-image,frb-image -o "$work/immutable.json"
check "an immutable buffer that cannot be mapped fails only impeller-image" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/immutable.json")" = "failed,ok"
check "a GPU copy's fence that never signals fails only surface-texture" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/copy.json")" = "ok,failed,ok"
# vulkan-interop's faults: no Vulkan driver, GL on another device, a Vulkan fence that never
# signals (in one process and across two), a producer process that dies, sends garbage or hangs;
# each fails (or makes unavailable) vulkan-interop alone, within the fence timeout (and a second),
# and leaves no producer process behind.
# A producer process left would still carry this run's mark in its environment.
mark=vizbench-cli-run-$$
no_producer_left() { ! grep -qs "VIZBENCH_TEST_MARK=$mark" /proc/[0-9]*/environ; }
unavailable() { # unavailable PATTERN COMMAND...: exit 3, the reason in the table (stdout)
    local pattern=$1
    shift
    "$@" >"$work/out" 2>"$work/err"
    [ $? -eq 3 ] && grep -qE -- "$pattern" "$work/out"
}
check "no Vulkan driver: vulkan-interop unavailable, saying why" \
    unavailable 'vulkan-interop +unavailable: Vulkan: no driver' \
    env VK_DRIVER_FILES="$work/none.json" VK_ICD_FILENAMES="$work/none.json" \
    "$vizbench" run --frames 5 --pace max --strategy vulkan-interop,shared-buffer -o "$work/vk.json"
check "no Vulkan driver: only vulkan-interop unavailable" \
    test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/vk.json")" = "unavailable,ok"
check "GL on another device than Vulkan's: vulkan-interop refused, saying why" \
    unavailable "vulkan-interop +unavailable: Vulkan: no device with external memory is GL's" \
    env VIZBENCH_FAULT=uuid:vulkan-interop "$vizbench" run --frames 5 --pace max \
    --strategy vulkan-interop
for where in same separate; do
    expect 1 'vulkan-interop: .*the Vulkan fence of the frame did not signal within 100 ms' -- \
        env VIZBENCH_FAULT=vk-fence:vulkan-interop "$vizbench" run --frames 10 --pace max \
        --fence-timeout-ms 100 --producer-process "$where" \
        --strategy vulkan-interop,shared-buffer -o "$work/vk.json"
    check "a Vulkan fence that never signals ($where process) fails only vulkan-interop" \
        test "$(jq -r '[.strategies[] | .status] | join(",")' "$work/vk.json")" = "failed,ok"
done
for fault in kill:'it closed the socket.*killed by signal 9' garbage:'sent garbage .FRAME: buffer index' \
    hang:'no answer in time .it hangs'; do
    start=$SECONDS
    expect 1 "vulkan-interop: producer process: ${fault#*:}" -- \
        env VIZBENCH_FAULT="producer-${fault%%:*}:vulkan-interop" VIZBENCH_TEST_MARK="$mark" \
        "$vizbench" run --frames 20 \
        --pace max --fence-timeout-ms 200 --producer-process separate \
        --strategy vulkan-interop,shared-buffer -o "$work/vk.json"
    check "producer ${fault%%:*}: only vulkan-interop failed, the frames before are kept" \
        test "$(jq -r '([.strategies[] | .status] | join(",")) + " " +
            (.strategies[0].produced > 0 | tostring)' "$work/vk.json")" = "failed,ok true"
    check "producer ${fault%%:*}: over within a few seconds" test $((SECONDS - start)) -le 10
    check "producer ${fault%%:*}: no producer process left" no_producer_left
done
expect 2 '--producer-process: unknown producer process' -- "$vizbench" run --producer-process far

expect 1 'gl-texture: fence did not signal within 100 ms' -- env VIZBENCH_FAULT=fence:gl-texture \
    "$vizbench" run --frames 10 --pace max --fence-timeout-ms 100
cp "$work/r.json" "$work/keep.json"
expect 1 'no-such-dir/r.json: cannot create' -- "$vizbench" run --frames 3 -o "$work/no-such-dir/r.json"
expect 1 '/dev/full: write failed' -- "$vizbench" run --frames 3 --strategy pixel-copy -o /dev/full
expect 2 'conflict' -- "$vizbench" run --frames 1 --duration 1 -o "$work/keep.json"
check "a failed run leaves the old results alone" cmp -s "$work/r.json" "$work/keep.json"

# SIGINT: partial results kept, marked incomplete, exit 4
"$vizbench" run --frames 3000 -o "$work/int.json" >"$work/out" 2>"$work/err" &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
code=$?
check "SIGINT exits 4 (got $code)" test "$code" -eq 4
check "SIGINT says so" grep -q 'interrupted; partial results kept' "$work/err"
check "SIGINT results marked incomplete" grep -q '"complete":false' "$work/int.json"
check "SIGINT results keep the measured frames" grep -q '"status":"interrupted"' "$work/int.json"
check "no temporary files left behind" bash -c "! ls '$work' | grep -q '\.tmp\.'"

cli_summary
