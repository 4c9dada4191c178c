#!/usr/bin/env bash
# Fails naming every function longer than the limit (80 lines, signature to closing brace) in
# the C files of the folders given (issue 28: the run loop and the strategies in small steps).
# Usage: function_length_test.sh [--limit N] DIR...   (prints the longest when all pass)
set -euo pipefail
limit=80
if [ "${1:-}" = --limit ]; then
    limit=$2
    shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [--limit N] DIR..." >&2; exit 2; }
files=()
for dir in "$@"; do
    while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.c' -o -name '*.h' | sort)
done
[ ${#files[@]} -gt 0 ] || { echo "no C files under $*" >&2; exit 2; }
awk -v limit="$limit" '
# Strips comments, string and character literals (a block comment may span lines).
function strip(s,    out, i, c, n) {
    out = ""; n = length(s)
    for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (in_comment) {
            if (c == "*" && substr(s, i + 1, 1) == "/") { in_comment = 0; i++ }
            continue
        }
        if (c == "/" && substr(s, i + 1, 1) == "*") { in_comment = 1; i++; continue }
        if (c == "/" && substr(s, i + 1, 1) == "/") break
        if (c == "\"" || c == "'\''") {
            q = c
            for (i++; i <= n; i++) {
                c = substr(s, i, 1)
                if (c == "\\") { i++; continue }
                if (c == q) break
            }
            out = out "\"\""
            continue
        }
        out = out c
    }
    return out
}
FNR == 1 { depth = 0; in_comment = 0; head = ""; head_line = 0; func_name = "" }
{
    line = strip($0)
    if (depth == 0 && line ~ /^#/) next
    if (depth == 0 && head == "" && line ~ /^[A-Za-z_]/) head_line = FNR
    if (depth == 0 && head_line) head = head " " line
    n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "{") {
            if (depth == 0) {
                func_name = ""
                sig = head
                if (head_line && sig ~ /\(/ && sig !~ /^[ ]*(typedef|struct|enum|union)[ ]/ &&
                    sig !~ /=[^(]*\(/ && sig !~ /=[ ]*$/) {
                    sub(/\(.*/, "", sig)
                    k = split(sig, words, /[ *]+/)
                    func_name = words[k]
                    start = head_line
                }
            }
            depth++
        } else if (c == "}") {
            depth--
            if (depth == 0) {
                if (func_name != "") {
                    len = FNR - start + 1
                    if (len > longest) { longest = len; longest_at = FILENAME ":" start " " func_name }
                    if (len > limit) {
                        printf "%s:%d: %s is %d lines (limit %d)\n", FILENAME, start, func_name, len, limit
                        failed++
                    }
                }
                func_name = ""; head = ""; head_line = 0
            }
        } else if (c == ";" && depth == 0) {
            head = ""; head_line = 0
        }
    }
}
END {
    if (failed) { printf "%d function(s) over %d lines\n", failed, limit; exit 1 }
    printf "longest: %s, %d lines (limit %d)\n", longest_at, longest, limit
}' "${files[@]}"
