#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Run every fuzz target for a bounded time from its seed corpus and regressions.
#
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
#
# BUILD_DIR was configured with: CC=clang meson setup BUILD_DIR -Dfuzz=true -Db_lundef=false
# New interesting inputs go to a scratch corpus (BUILD_DIR/fuzz-corpus/<target>), not into the
# repository. On a crash the input is kept in BUILD_DIR/fuzz-artifacts/ and printed in base64;
# add it to tests/fuzz/regressions/<target>/ with the fix. Exits 1 if any target crashed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [SECONDS] [TARGET...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(actors ties selector cli)
fi
status=0
mkdir -p "$build/fuzz-artifacts"
for t in "${targets[@]}"; do
    bin="$build/tests/fuzz/fuzz_$t"
    scratch="$build/fuzz-corpus/$t"
    log="$build/fuzz-artifacts/$t.log"
    mkdir -p "$scratch"
    echo "== fuzz_$t: $seconds s"
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -dict="$here/$t.dict" -artifact_prefix="$build/fuzz-artifacts/$t-" \
        -print_final_stats=1 "$scratch" "$here/corpus/$t" "$here/regressions/$t" \
        > "$log" 2>&1
    rc=$?
    # the last status line (coverage, features, corpus) and the final statistics
    grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log"
    if [ $rc -ne 0 ]; then
        status=1
        echo "!! fuzz_$t failed (exit $rc):"
        grep -E 'ERROR|invariant|SUMMARY|Test unit written|deadly' "$log" | head -20
        for f in "$build/fuzz-artifacts/$t-"*; do
            case "$f" in *.log) continue ;; esac
            [ -f "$f" ] || continue
            echo "input $f (base64):"
            base64 -w 0 "$f"
            echo
        done
    fi
done
exit $status
