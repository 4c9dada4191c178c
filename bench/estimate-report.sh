#!/bin/bash
# reports/estimate/README.md, written from the tools' own output: the phone-cost estimates of
# every strategy (`vizbench estimate --sources`: the committed aarch64 counts and calibration),
# and FRB's encode per byte by compiler (bench/frb-encode.sh, with RUSTC_ALT when given).
# Nothing in it is typed by hand but the headings.
#   bench/estimate-report.sh [OUT_DIR]        (default reports/estimate; about a minute)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${VIZBENCH_BUILD:-$top/build}
dir=${1:-$top/reports/estimate}
mkdir -p "$dir"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
    echo "# Phone cores: each strategy's CPU work, estimated"
    echo
    echo "Estimates, not measurements (the model, its sources and its limits:"
    echo "[docs/cost-model.md](../../docs/cost-model.md)). Written by \`bench/estimate-report.sh\` on"
    echo "$(date -u +%F) with $("$build/vizbench" --version | sed -n 1p)."
    echo
    echo "## Per strategy and thread, on each core class"
    echo
    echo "\`vizbench estimate --sources\` (the committed aarch64 counts and calibration):"
    echo
    echo '```'
    "$build/vizbench" estimate --sources
    echo '```'
    echo
    echo "## FRB's encode by compiler"
    echo
    echo "\`${RUSTC_ALT:+RUSTC_ALT=$RUSTC_ALT }bench/frb-encode.sh\`:"
    echo
    "$top/bench/frb-encode.sh"
} >"$tmp"
mv "$tmp" "$dir/README.md"
echo "estimate-report.sh: wrote ${dir#"$top"/}/README.md"
