#!/bin/bash
# Renders every image of fixtures/golden/manifest.txt and compares it, pixel for pixel, with the
# committed golden image.  usage: golden_test.sh VIZBENCH PNG_EQUAL GOLDEN_DIR [TOLERANCE...]
# TOLERANCE: png-equal's --levels N --per-million M (the cross build's; exact without).
set -u
vizbench=$1 png_equal=$2 golden=$3
shift 3
tolerance=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
while read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    # shellcheck disable=SC2086  # the manifest's options are meant to split
    if "$vizbench" render $args -o "$work/$name" && "$png_equal" "${tolerance[@]}" "$golden/$name" "$work/$name"; then
        passed=$((passed + 1))
    else
        echo "FAIL golden $name (vizbench render $args)"
        failed=$((failed + 1))
    fi
done < "$golden/manifest.txt"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
