#!/bin/bash
# Load: a 60-minute input at 192 kHz and a run of over 100,000 frames complete, keep every
# frame, and use no more memory than a short run (peak RSS from /usr/bin/time, compared in the
# same test). The input is a sparse WAV (1.38 GB declared, a few MB on disk), so it is streamed
# through the renderer's bounded cache; the run's frame records are spooled (docs/testing.md,
# "Long inputs and long runs").
#   usage: load_test.sh VIZBENCH [--no-rss]   (--no-rss under sanitizers, whose own allocator
#   and quarantine make RSS meaningless)
set -u
vizbench=$1 check_rss=1
[ "${2:-}" = "--no-rss" ] && check_rss=0
here=$(dirname "$0")
source "$here/cli_lib.sh"
source "$here/wav_lib.sh"

long_wav "$work/hour-192k.wav" 192000 3600
check "the hour-long input declares 691,200,000 samples" \
    test "$(stat -c %s "$work/hour-192k.wav")" -eq $((192000 * 2 * 3600 + 44))

peak_kb() { # peak_kb OUT_FILE command...: runs it, writes its peak RSS (KB) to OUT_FILE
    local out=$1
    shift
    /usr/bin/time -f '%M' -o "$out" "$@"
}
# 30 fps over the whole hour: 108,000 frames (+30 warm-up), every one kept in the JSON.
run_hour() { # run_hour FRAMES OUT.json RSS_FILE
    peak_kb "$3" "$vizbench" run "$work/hour-192k.wav" --strategy shared-buffer --size 256x64 \
        --fps 30 --pace max --frames "$1" -q -o "$2"
}
expect 0 '' -- run_hour 1000 "$work/short.json" "$work/short.rss"
expect 0 '' -- run_hour 108000 "$work/long.json" "$work/long.rss"
jq -r '[.complete, .strategies[0].status, .strategies[0].frames.count,
        (.strategies[0].frames.presented_ns | length), (.strategies[0].frames.audio_frame | max),
        .strategies[0].picture.passed] | @tsv' "$work/long.json" >"$work/long.tsv"
check "the long run: complete, ok, 108030 records kept in every column, the hour's last frame \
(108000, at 60:00) shown, the same picture: $(cat "$work/long.tsv")" \
    test "$(cat "$work/long.tsv")" = "$(printf 'true\tok\t108030\t108030\t108000\ttrue')"
short=$(cat "$work/short.rss") long=$(cat "$work/long.rss")
echo "peak RSS: 1,000 frames ${short} KB; 108,000 frames over a 60-minute 192 kHz input ${long} KB"
if [ "$check_rss" -eq 1 ]; then
    # Flat: within 5 % (+ 2 MB for the sorting scratch of the summary, 8 bytes per frame).
    check "memory flat: ${long} KB <= ${short} KB x 1.05 + 2 MB" \
        test "$long" -le $((short * 105 / 100 + 2048))
fi
# One frame deep inside the hour, and a contact sheet across it: random access seeks.
expect 0 '' -- "$vizbench" render "$work/hour-192k.wav" --view spectrogram --at 3000 -o "$work/at.png"
expect 0 '' -- "$vizbench" render "$work/hour-192k.wav" --view waveform --contact-sheet --grid 4x2 \
    --size 320x100 -o "$work/sheet.png"

cli_summary
