# Shared by the CLI test scripts (source it): a scratch folder $work removed on exit, pass/fail
# counters, and the two assertions. End a script with cli_summary.

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# expect CODE 'stderr pattern' -- command...: the exit code, and for a failure exactly one stderr
# line matching the pattern (success prints nothing on stderr).
expect() {
    local code=$1 pattern=$2
    shift 3
    "$@" >"$work/out" 2>"$work/err"
    local got=$? lines
    lines=$(wc -l <"$work/err")
    if [ "$got" -eq "$code" ] &&
       { { [ "$code" -eq 0 ] && [ "$lines" -eq 0 ]; } ||
         { [ "$lines" -eq 1 ] && grep -qE -- "$pattern" "$work/err"; }; }; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $* -> exit $got (want $code), stderr ($lines lines): $(head -c 300 "$work/err")"
    fi
}

check() { # check 'description' command...: the command must succeed
    local what=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

cli_summary() { # prints "N passed, N failed"; the status says whether all passed
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
