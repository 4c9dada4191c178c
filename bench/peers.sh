#!/bin/bash
# vizbench's reference renderer beside what users would otherwise pick: FFmpeg's visualization
# filters (showspectrum, showwaves, showfreqs) rendering every frame to a null sink, and SoX's
# full-file spectrogram image, timed as whole processes by hyperfine on the same input, size and
# frame rate. Frame counts are checked before anything is compared; each peer's frame rate is
# its frames / its mean time, and the targets are ratios within the same run: frames per second
# where both draw the same frames (spectrogram, spectrum), seconds of audio per second for the
# waveform (showwaves cannot draw 60 frames a second at 1080 px: see below).
#   usage: bench/peers.sh [INPUT.wav] [OUT_DIR]   (default: the bundled fixture, reports/peers)
# Needs ffmpeg, sox, hyperfine and jq: installed here when missing and run as root (Debian).
# Writes OUT_DIR/GROUP.json and GROUP.md (hyperfine exports) and OUT_DIR/README.md (the table).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-$top/fixtures/beatbox-loop-44k1-mono16.wav}
out=${2:-$top/reports/peers}
vizbench=${VIZBENCH:-$top/build/vizbench}
size=1080x200 fps=60 runs=${RUNS:-10}

missing=()
for tool in ffmpeg sox hyperfine jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "peers: install ${missing[*]} (apt) or run as root" >&2; exit 1; }
    echo "peers: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/dev/null
fi
[ -x "$vizbench" ] || { echo "peers: $vizbench not built (scripts/setup)" >&2; exit 1; }
mkdir -p "$out"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

ff() { echo "ffmpeg -hide_banner -nostdin -loglevel error -i $input -filter_complex $1 -f null -"; }
vb() { echo "$vizbench render $input --all-frames --size $size --fps $fps --view $1 ${2:-}"; }
ffmpeg_frames() { # frames ffmpeg's filter produced
    ffmpeg -hide_banner -nostdin -i "$input" -filter_complex "$1" -f null - 2>&1 |
        grep -oE 'frame= *[0-9]+' | tail -1 | grep -oE '[0-9]+'
}
vizbench_frames() { $(vb "$1") | sed -n 's/^render: \([0-9]*\) frames.*/\1/p'; }

# showspectrum: one scrolling column per frame, as vizbench's spectrogram. showfreqs: one frame
# per analysis hop, so its overlap is set to give a 735-sample hop (44100 / 60). showwaves: each
# column is at least one sample, so at 1080 px it cannot go faster than rate / 1080 frames a
# second (40.8 at 44.1 kHz): its frame count differs and frames per second are compared.
showspectrum="showspectrum=s=$size:slide=scroll:fps=$fps"
showwaves="showwaves=s=$size:r=$fps:mode=line"
rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$input")
overlap=$(awk -v r="$rate" -v f="$fps" 'BEGIN {printf "%.6f", 1 - (r / f) / 2048}')
showfreqs="showfreqs=s=$size:r=$fps:overlap=$overlap"

declare -A frames
frames[vb-spectrogram]=$(vizbench_frames spectrogram)
frames[vb-waveform]=$(vizbench_frames waveform)
frames[vb-spectrum]=$(vizbench_frames spectrum)
frames[ff-spectrogram]=$(ffmpeg_frames "$showspectrum")
frames[ff-waveform]=$(ffmpeg_frames "$showwaves")
frames[ff-spectrum]=$(ffmpeg_frames "$showfreqs")
for view in spectrogram spectrum; do
    d=$((frames[vb-$view] - frames[ff-$view]))
    # vizbench's frame 0 is the empty start of the input, which FFmpeg does not draw.
    if [ "${d#-}" -gt 1 ]; then
        echo "peers: $view frame counts differ: vizbench ${frames[vb-$view]}, FFmpeg ${frames[ff-$view]}" >&2
        exit 1
    fi
done

# SoX draws one image of the whole input; vizbench's spectrogram at the frame rate that puts the
# input's length into the image's width, last frame, written as a PNG like SoX's.
image_fps=$(awk -v n="$(soxi -s "$input")" -v r="$rate" -v w="${size%x*}" 'BEGIN {f = w / (n / r); printf "%d", (f == int(f)) ? f : int(f) + 1}')
image_frames=$("$vizbench" render "$input" --all-frames --view spectrogram --size "$size" --fps "$image_fps" | sed -n 's/^render: \([0-9]*\) frames.*/\1/p')
image_vb="$vizbench render $input --view spectrogram --size $size --fps $image_fps --frame $((image_frames - 1)) -o $out/vizbench-full.png"
image_sox="sox $input -n spectrogram -x ${size%x*} -y ${size#*x} -r -o $out/sox-full.png"

bench() { # bench GROUP command...
    local group=$1
    shift
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$out/$group.json" \
        --export-markdown "$out/$group.md" "$@" >"$logs/$group.log" 2>&1 ||
        { cat "$logs/$group.log" >&2; exit 1; }
}
bench spectrogram -n "vizbench spectrogram" "$(vb spectrogram)" \
    -n "vizbench spectrogram --threads 2" "$(vb spectrogram '--threads 2')" \
    -n "ffmpeg showspectrum" "$(ff "$showspectrum")"
bench waveform -n "vizbench waveform" "$(vb waveform)" \
    -n "vizbench waveform --threads 2" "$(vb waveform '--threads 2')" \
    -n "ffmpeg showwaves" "$(ff "$showwaves")"
bench spectrum -n "vizbench spectrum" "$(vb spectrum)" \
    -n "vizbench spectrum --threads 2" "$(vb spectrum '--threads 2')" \
    -n "ffmpeg showfreqs" "$(ff "$showfreqs")"
bench image -n "vizbench full-file spectrogram PNG" "$image_vb" -n "sox spectrogram PNG" "$image_sox"
# The second core where frames are big: each frame's rows split between 2 threads, every frame at
# 1920x1080 (60 fps) and at 3840x2160 (10 fps, to keep the runs short), 1 and 2 threads.
big() { echo "$vizbench render $input --all-frames --size $1 --fps $2 --view $3 ${4:-}"; }
scaling=()
for big_size in 1920x1080:60 3840x2160:10; do
    for view in waveform spectrum spectrogram; do
        scaling+=(-n "$view ${big_size%:*}, 1 thread" "$(big "${big_size%:*}" "${big_size#*:}" "$view")"
            -n "$view ${big_size%:*}, 2 threads" "$(big "${big_size%:*}" "${big_size#*:}" "$view" '--threads 2 --split rows')")
    done
done
runs=${SCALING_RUNS:-3} bench scaling "${scaling[@]}"

mean() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean' "$out/$1.json"; }
sd() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .stddev' "$out/$1.json"; }
row() { # row GROUP NAME FRAMES PEER_GROUP_NAME PEER_FRAMES TARGET [audio]
    # the ratio: of frames per second, or with "audio" of seconds of the same input per second
    local m p v_fps p_fps ratio verdict
    m=$(mean "$1" "$2") p=$(mean "$1" "$4")
    v_fps=$(awk -v f="$3" -v t="$m" 'BEGIN {printf "%.0f", f / t}')
    p_fps=$(awk -v f="$5" -v t="$p" 'BEGIN {printf "%.0f", f / t}')
    if [ "${7:-}" = audio ]; then
        ratio=$(awk -v a="$m" -v b="$p" 'BEGIN {printf "%.1f", b / a}')
    else
        ratio=$(awk -v a="$v_fps" -v b="$p_fps" 'BEGIN {printf "%.1f", a / b}')
    fi
    verdict=$(awk -v r="$ratio" -v t="$6" 'BEGIN {print (r >= t) ? "**met**" : "MISSED"}')
    printf '| %s | %s | %s ± %s | %s | %s | %s ± %s | %s | %s x | >= %s x | %s |\n' \
        "$2" "$3" "$(awk -v x="$m" 'BEGIN {printf "%.3f", x}')" "$(awk -v x="$(sd "$1" "$2")" 'BEGIN {printf "%.3f", x}')" \
        "$v_fps" "$4 ($5 frames)" "$(awk -v x="$p" 'BEGIN {printf "%.3f", x}')" \
        "$(awk -v x="$(sd "$1" "$4")" 'BEGIN {printf "%.3f", x}')" "$p_fps" "$ratio" "$6" "$verdict"
}
machine="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
{
    echo "# vizbench against FFmpeg and SoX"
    echo
    echo "Made by \`bench/peers.sh\` on $(date -u +%Y-%m-%d): $machine; $(ffmpeg -version | head -1 | cut -d' ' -f1-3),"
    echo "$(sox --version 2>&1 | sed 's/.*: *//'), hyperfine $(hyperfine --version | cut -d' ' -f2), vizbench $("$vizbench" --version | head -1 | cut -d' ' -f2)."
    echo "Input: $(basename "$input") ($rate Hz), $size, $fps fps; whole processes, $runs runs after 1 warm-up;"
    echo "frames per second = the tool's frames / its mean time; the ratio compares frames per second,"
    echo "except the waveform's: seconds of audio per second (the peer's mean time / vizbench's), as"
    echo "showwaves draws fewer frames of the same input. Hyperfine's tables: GROUP.md."
    echo
    echo "| command | frames | mean s | frames/s | peer | peer mean s | peer frames/s | ratio | target | |"
    echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |"
    row spectrogram "vizbench spectrogram" "${frames[vb-spectrogram]}" "ffmpeg showspectrum" "${frames[ff-spectrogram]}" 150
    row spectrogram "vizbench spectrogram --threads 2" "${frames[vb-spectrogram]}" "ffmpeg showspectrum" "${frames[ff-spectrogram]}" 150
    row waveform "vizbench waveform" "${frames[vb-waveform]}" "ffmpeg showwaves" "${frames[ff-waveform]}" 3 audio
    row waveform "vizbench waveform --threads 2" "${frames[vb-waveform]}" "ffmpeg showwaves" "${frames[ff-waveform]}" 3 audio
    row spectrum "vizbench spectrum" "${frames[vb-spectrum]}" "ffmpeg showfreqs" "${frames[ff-spectrum]}" 8
    row spectrum "vizbench spectrum --threads 2" "${frames[vb-spectrum]}" "ffmpeg showfreqs" "${frames[ff-spectrum]}" 8
    m=$(mean image "vizbench full-file spectrogram PNG") p=$(mean image "sox spectrogram PNG")
    echo
    echo "| full-file spectrogram image, ${size} PNG | mean s | | ratio (SoX time / vizbench time) | target | |"
    echo "| --- | ---: | --- | ---: | --- | --- |"
    awk -v m="$m" -v p="$p" -v f="$image_fps" 'BEGIN {printf "| vizbench (--fps %d, last frame: %d columns = the whole input) | %.3f | SoX %.3f | %.1f x | faster than SoX | %s |\n", f, 1080, m, p, p / m, (m < p) ? "**met**" : "MISSED"}'
    echo
    echo "| every frame, rows split between 2 threads (${SCALING_RUNS:-3} runs) | 1 thread, mean s | 2 threads, mean s | speed-up |"
    echo "| --- | ---: | ---: | ---: |"
    for big_size in 1920x1080 3840x2160; do
        for view in waveform spectrum spectrogram; do
            one=$(mean scaling "$view $big_size, 1 thread") two=$(mean scaling "$view $big_size, 2 threads")
            awk -v v="$view $big_size" -v a="$one" -v b="$two" 'BEGIN {printf "| %s | %.3f | %.3f | %.2f x |\n", v, a, b, a / b}'
        done
    done
} >"$out/README.md.new"
mv "$out/README.md.new" "$out/README.md"
cat "$out/README.md"
