#!/bin/bash
# Hardening: the rows of docs/testing.md's "Bad input and faults" table not already covered by
# cli_test.sh, cli_run_test.sh, cli_sweep_test.sh and cli_compare_test.sh: hand-made WAV headers,
# a file that changes while it is read, unreadable inputs and unwritable output folders (run as
# an unprivileged user when the tests run as root), numbers and conflicts of every command,
# broken JSON given to compare / report / validate --from, a full disk and a file-size limit,
# SIGTERM during run and sweep. Each check: the exit code and one stderr line naming the file or
# option; outputs never half-written, a good file never replaced by a failed write.
#   usage: cli_hardening_test.sh VIZBENCH SOURCE_ROOT
set -u
vizbench=$1 root=$2
here=$(dirname "$0")
source "$here/cli_lib.sh"
source "$here/wav_lib.sh"
fuzz=$root/tests/fuzz/corpus/results_json

# ---- inputs ------------------------------------------------------------------------------
# A header declaring 4 GB of data in a 1 KB file; and one declaring 2 MB in 5 KB.
wav_header "$work/huge.wav" 44100 1 16 4294967040
head -c 1000 /dev/urandom >>"$work/huge.wav"
expect 1 'huge.wav: truncated: the header declares 4294967040 bytes' -- \
    "$vizbench" render "$work/huge.wav" -o "$work/x.png"
expect 1 'huge.wav: truncated' -- "$vizbench" run "$work/huge.wav" --frames 3 -q
wav_header "$work/short.wav" 8000 1 8 2000000
head -c 5000 /dev/urandom >>"$work/short.wav"
expect 1 'short.wav: truncated: the header declares 2000000 bytes' -- \
    "$vizbench" render "$work/short.wav" -o "$work/x.png"
# 192 kHz and 8 kHz 8-bit, 8 channels: accepted (formats and float depths: unit suite, audio)
wav_header "$work/192k-8ch.wav" 192000 8 16 $((192000 * 16 / 4))
head -c $((192000 * 16 / 4)) /dev/urandom >>"$work/192k-8ch.wav"
expect 0 '' -- "$vizbench" render "$work/192k-8ch.wav" --view spectrogram -o "$work/x.png"
wav_header "$work/8k-u8.wav" 8000 1 8 8000
head -c 8000 /dev/urandom >>"$work/8k-u8.wav"
expect 0 '' -- "$vizbench" run "$work/8k-u8.wav" --frames 5 --warmup 1 --strategy pixel-copy -q

# A file rewritten while it is decoded: refused as changed (or read whole before the first
# write); never a crash. 20 MB of 16-bit audio takes tens of ms to decode; a writer touches it
# every few ms, so most attempts overlap a write.
wav_header "$work/live.wav" 44100 1 16 20000000
head -c 20000000 /dev/urandom >>"$work/live.wav"
(while :; do printf 'x' | dd of="$work/live.wav" bs=1 seek=5000 conv=notrunc status=none; done) &
writer=$!
changed=0 crashed=0
for _ in 1 2 3 4 5 6 7 8; do
    "$vizbench" render "$work/live.wav" -o "$work/live.png" 2>"$work/err"
    code=$?
    [ "$code" -eq 1 ] && grep -q 'live.wav: changed while being read' "$work/err" && changed=$((changed + 1))
    [ "$code" -eq 0 ] || [ "$code" -eq 1 ] || crashed=$((crashed + 1))
done
kill "$writer"
wait "$writer" 2>/dev/null
check "a file rewritten while read never crashes ($crashed of 8 did)" test "$crashed" -eq 0
check "a file rewritten while read is refused as changed ($changed of 8 attempts)" test "$changed" -ge 1

# Unreadable input, unwritable output folder: permissions mean nothing to root, so as root these
# run as 'nobody' (setpriv) from a copy of the program in a folder nobody can reach.
chmod 755 "$work"
mkdir "$work/bin" "$work/locked"
cp "$vizbench" "$work/bin/vizbench"
cp "$fuzz/run.json" "$work/good-run.json"
head -c 2000 /dev/urandom >"$work/secret.wav"
chmod 000 "$work/secret.wav"
chmod 555 "$work/locked"
chmod 644 "$work/good-run.json"
unprivileged() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$@"
    else
        "$@"
    fi
}
v=$work/bin/vizbench
expect 1 'secret.wav: cannot open \(Permission denied\)' -- unprivileged "$v" render "$work/secret.wav" -o /dev/null
expect 1 'locked/x.png: cannot create: Permission denied' -- unprivileged "$v" render -o "$work/locked/x.png"
expect 1 'locked/r.json: cannot create: Permission denied' -- \
    unprivileged "$v" run --frames 300 -o "$work/locked/r.json"
expect 1 'locked/s.json: cannot create: Permission denied' -- \
    unprivileged "$v" sweep --quick -o "$work/locked/s.json"
expect 1 'locked/report.html: cannot create: Permission denied' -- \
    unprivileged "$v" validate --from "$work/good-run.json" -o "$work/locked"
expect 1 'locked/sub: cannot create the folder' -- \
    unprivileged "$v" report "$work/good-run.json" -o "$work/locked/sub"

# ---- numbers and conflicts of every command -------------------------------------------------
expect 2 "frames: '-1' is outside" -- "$vizbench" run --frames -1
expect 2 "frames: '0' is outside" -- "$vizbench" run --frames 0
expect 2 "frames: '99999999999999999999' is outside" -- "$vizbench" run --frames 99999999999999999999
expect 2 "frames: 'abc' is not a whole number" -- "$vizbench" run --frames abc
expect 2 "duration: 'nan' is not a finite number" -- "$vizbench" run --duration nan
expect 2 "size: '4294967297x1' is too large" -- "$vizbench" run --size 4294967297x1
expect 2 "size: '65536x65536' is outside" -- "$vizbench" run --size 65536x65536
expect 2 "strategy: unknown strategy 'nope'" -- "$vizbench" run --strategy nope
expect 2 "strategy: 'pixel-copy' is listed twice" -- "$vizbench" run --strategy pixel-copy,pixel-copy
expect 2 "view: unknown view 'nope'" -- "$vizbench" run --view nope
expect 2 '--frames and --duration conflict' -- "$vizbench" run --frames 10 --duration 1
expect 2 "pace: unknown pace 'fast'" -- "$vizbench" run --pace fast
expect 2 "slots: '1' is outside" -- "$vizbench" run --slots 1
expect 2 "sizes: 'abc'" -- "$vizbench" sweep --sizes 1080x200,abc -o "$work/s.json"
expect 2 "fps: '0' is outside" -- "$vizbench" sweep --fps 60,0 -o "$work/s.json"
expect 2 "seconds: 'inf' is not a finite number" -- "$vizbench" sweep --seconds inf -o "$work/s.json"
expect 2 "views: unknown view 'bogus'" -- "$vizbench" sweep --views bogus -o "$work/s.json"
expect 2 "threshold: '-5' is outside" -- "$vizbench" compare --threshold -5 a b
expect 2 "resamples: '0' is outside" -- "$vizbench" compare --resamples 0 a b
expect 2 "metrics: unknown metric 'bogus'" -- "$vizbench" compare --metrics bogus a b
expect 2 'needs BASELINE and CURRENT' -- "$vizbench" compare a
expect 2 "max-cpu: '-1' is outside" -- "$vizbench" validate --max-cpu -1
expect 2 '--from reads earlier results; INPUT, --quick and --repeat conflict' -- "$vizbench" validate --from x --quick
expect 2 '--repeat: ' -- "$vizbench" validate --repeat 9
expect 2 "option '--repeat' is for 'vizbench validate'" -- "$vizbench" report x --repeat 2 -o "$work/r"
expect 2 "arith-tolerance: '1e400' is not a finite number" -- "$vizbench" validate --arith-tolerance 1e400
expect 2 "at: 'nan' is not a finite number" -- "$vizbench" render --at nan -o "$work/x.png"
check "no output was written by a refused command" test ! -e "$work/s.json"

# ---- JSON given to compare, report, validate --from: exit 2 naming the file and field ----------
cp "$fuzz/run.json" "$work/a.json"
printf '{"schema": "vizbench.run", "sche' >"$work/truncated.json"
printf 'not json at all' >"$work/malformed.json"
jq -c '.schema_version = 2' "$fuzz/run.json" >"$work/version.json"
jq -c 'del(.reference.memcpy_gbps)' "$fuzz/run.json" >"$work/missing.json"
jq -c '.reference.memcpy_gbps = -3' "$fuzz/run.json" >"$work/absurd.json"
jq -c '.strategies[0].frames.count = 4000000000' "$fuzz/run.json" >"$work/count.json"
jq -c '.strategies[0].frames.presented_ns[2] = -7' "$fuzz/run.json" >"$work/negative.json"
jq -c '.options.frames = "many"' "$fuzz/run.json" >"$work/type.json"
jq -c '.command = ("x" * 2000)' "$fuzz/run.json" >"$work/long.json"
for command in compare report validate; do
    for bad in truncated:'not valid JSON' malformed:'not valid JSON' \
        version:'schema_version 2 is not supported' missing:"field 'reference.memcpy_gbps'" \
        absurd:"field 'reference.memcpy_gbps'" count:"field 'strategies\[0\].frames.sequence'" \
        negative:"field 'strategies\[0\].frames.presented_ns' holds a value out of range" \
        type:"field 'options.frames'" long:"field 'command' is longer than 1023 characters"; do
        name=${bad%%:*} pattern=${bad#*:}
        case $command in
        compare) expect 2 "$name.json: .*$pattern" -- "$vizbench" compare "$work/a.json" "$work/$name.json" ;;
        report) expect 2 "$name.json: .*$pattern" -- "$vizbench" report "$work/$name.json" -o "$work/rep" ;;
        validate) expect 2 "$name.json: .*$pattern" -- "$vizbench" validate --from "$work/$name.json" ;;
        esac
    done
done

# ---- a full disk, a file-size limit: the good file stays, nothing half-written ----------------
"$vizbench" render -o "$work/good.png" && cp "$work/good.png" "$work/good.copy"
"$vizbench" run --frames 20 --warmup 2 --strategy pixel-copy --size 64x32 -q -o "$work/good.json"
cp "$work/good.json" "$work/good-json.copy"
limited() { (ulimit -f 16 && "$@"); } # 16 KB per file
expect 1 'good.png: write failed: File too large' -- limited "$vizbench" render --size 1920x1080 -o "$work/good.png"
expect 1 'good.json: write failed: File too large' -- \
    limited "$vizbench" run --frames 300 --strategy pixel-copy --size 64x32 -q -o "$work/good.json"
expect 1 'write failed: File too large' -- \
    limited "$vizbench" report "$root/reports/example/sweep.json" -o "$work"
check "a failed write leaves the good PNG alone" cmp -s "$work/good.png" "$work/good.copy"
check "a failed write leaves the good results alone" cmp -s "$work/good.json" "$work/good-json.copy"
expect 1 '/dev/full: write failed: No space left on device' -- \
    "$vizbench" run --frames 3 --strategy pixel-copy -q --csv /dev/full
if mkdir "$work/tiny" && mount -t tmpfs -o size=96k tmpfs "$work/tiny" 2>/dev/null; then
    cp "$work/good-json.copy" "$work/tiny/r.json"
    expect 1 'tiny/r.json: write failed: No space left on device' -- \
        "$vizbench" run --frames 2000 --strategy pixel-copy --size 64x32 --pace max -q -o "$work/tiny/r.json"
    check "a full disk leaves the good results alone" cmp -s "$work/tiny/r.json" "$work/good-json.copy"
    # Spooled frame records (over 8192 frames) with no room in TMPDIR: kept in memory instead.
    TMPDIR=$work/tiny "$vizbench" run --frames 9000 --strategy pixel-copy --size 64x32 --pace max -q \
        -o "$work/spill.json" 2>"$work/err"
    check "no room to spool frame records: the run still completes" \
        grep -q '"count":9030' "$work/spill.json"
    check "...and says so" grep -q 'keeping them in memory' "$work/err"
    umount "$work/tiny"
else
    echo "note: cannot mount a tmpfs here (not root?); the tiny-disk checks were skipped"
fi
check "no temporary files left behind" bash -c "! ls -a '$work' | grep -q '\.tmp\.'"

# ---- SIGTERM during run and sweep: partial results kept, marked incomplete, exit 4 -----------
"$vizbench" run --frames 3000 -o "$work/term.json" >/dev/null 2>"$work/err" &
pid=$!
sleep 2
kill -TERM "$pid"
wait "$pid"
code=$?
check "SIGTERM during run exits 4 (got $code)" test "$code" -eq 4
check "SIGTERM run results marked incomplete" grep -q '"complete":false' "$work/term.json"
"$vizbench" sweep --sizes 64x32 --fps 60,120 --views all --seconds 0.5 -o "$work/term-sweep.json" \
    >/dev/null 2>"$work/err" &
pid=$!
sleep 4
kill -TERM "$pid"
wait "$pid"
code=$?
check "SIGTERM during sweep exits 4 (got $code)" test "$code" -eq 4
check "SIGTERM sweep results marked incomplete" grep -q '"complete":false' "$work/term-sweep.json"
expect 0 '' -- "$vizbench" sweep --resume -o "$work/term-sweep.json"
check "the resumed sweep is complete" grep -q '"complete":true' "$work/term-sweep.json"

cli_summary
