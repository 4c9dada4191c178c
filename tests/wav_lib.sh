# Shared by the test scripts that need hand-made WAV files (source it): headers written byte by
# byte, so a test can declare whatever it likes, and long files made sparse (silence costs no disk).

le16() { printf '\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)); }
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }

# wav_header FILE RATE CHANNELS BITS DATA_BYTES: a 44-byte PCM header declaring DATA_BYTES.
wav_header() {
    local file=$1 rate=$2 channels=$3 bits=$4 data=$5
    local align=$((channels * bits / 8))
    printf "RIFF$(le32 $(((data + 36) & 0xffffffff)))WAVEfmt $(le32 16)$(le16 1)$(le16 "$channels")$(le32 "$rate")$(le32 $((rate * align)))$(le16 $align)$(le16 "$bits")data$(le32 "$data")" >"$file"
}

# long_wav FILE RATE SECONDS: 16-bit mono, silent (sparse) but for 4 MB of noise at a few places.
long_wav() {
    local file=$1 rate=$2 seconds=$3 data=$(($2 * 2 * $3)) at
    wav_header "$file" "$rate" 1 16 "$data"
    for at in 1 $((seconds / 6)) $((seconds / 2)) $((seconds - 10)); do
        dd if=/dev/urandom of="$file" bs=1M count=4 seek=$((at * rate * 2 + 44)) oflag=seek_bytes \
            conv=notrunc status=none
    done
    truncate -s $((data + 44)) "$file"
}
