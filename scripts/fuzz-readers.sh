#!/usr/bin/env bash
# Coverage-guided fuzzing of the data readers (issue 6) with Jazzer's JUnit integration: each @FuzzTest of
# ReaderFuzzTest (csv, libsvm, npy, npz, mtx, coefficients, groups) is fuzzed in its own JVM (Jazzer fuzzes one target per
# run) for FUZZ_SECONDS seconds (default 20; it overrides the annotation's maxDuration through Jazzer's
# JAZZER_MAX_DURATION), plus about 10 s of JVM/Maven start per target. A finding (any exception other than
# InputFormatException) fails the script, and so does a target that fuzzed nothing (no "Done N runs" with N > 0); Jazzer saves the input under
# src/test/resources/io/github/spred4j/io/ReaderFuzzTestInputs/<target>/ (where `mvn verify` then replays it as a
# regression test) and prints the stack trace in target/fuzz/<target>.log.
#
#   scripts/fuzz-readers.sh                       # 20 s per reader, after `mvn -B verify` (needs target/test-classes)
#   FUZZ_SECONDS=10 scripts/fuzz-readers.sh       # CI budget: 10 s per reader, about 1.5 minutes in all
#   FUZZ_SECONDS=1800 FUZZ_TARGETS=npy scripts/fuzz-readers.sh   # a long run of one reader
#   FUZZ_TARGETS="npy csv" scripts/fuzz-readers.sh
#   JAZZER_KEEP_GOING=100 scripts/fuzz-readers.sh   # go on past findings (each distinct one saved once)
# The corpus Jazzer grows is kept in .cifuzz-corpus/ (git-ignored); the seeds are the files in the Inputs folders.
set -uo pipefail
cd "$(dirname "$0")/.."
targets="${FUZZ_TARGETS:-csv libsvm npy npz mtx coefficients groups}"
seconds="${FUZZ_SECONDS:-20}"
case "$seconds" in ''|*[!0-9]*) echo "fuzz-readers: FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2;; esac
export JAZZER_MAX_DURATION="${seconds}s"
out=target/fuzz
mkdir -p "$out"
goal="resources:testResources surefire:test"
[ -d target/test-classes ] || goal="test-compile surefire:test"
fail=0
for t in $targets; do
    start=$SECONDS
    inputs=src/test/resources/io/github/spred4j/io/ReaderFuzzTestInputs/$t
    before=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
    JAZZER_FUZZ=1 mvn -B ${MVN_FLAGS:-} $goal -Dtest="ReaderFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
        > "$out/$t.log" 2>&1
    rc=$?
    runs="$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$out/$t.log" | tail -1)"
    after=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
    # With JAZZER_KEEP_GOING=N Jazzer goes on past findings and may exit 0: new crash files count too.
    [ "$after" -gt "$before" ] && [ "$rc" -eq 0 ] && rc=1
    # A run that fuzzed nothing (Jazzer not engaged, the target renamed, a skip) must not read as clean.
    n="$(grep -oE 'Done [0-9]+ runs' <<<"$runs" | grep -oE '[0-9]+' || true)"
    if [ "$rc" -eq 0 ] && [ "${n:-0}" -eq 0 ]; then
        echo "fuzz-readers: $t: NO FUZZING RAN (${runs:-no libFuzzer summary}); see $out/$t.log"
        tail -20 "$out/$t.log"
        fail=1
        continue
    fi
    if [ "$rc" -ne 0 ]; then
        echo "fuzz-readers: $t: FINDING or failure after $((SECONDS - start)) s (${runs:-no libFuzzer summary}); see $out/$t.log"
        grep -m1 -A12 -E "== Java Exception|FuzzTestFindingException|Caused by" "$out/$t.log" || tail -20 "$out/$t.log"
        fail=1
    else
        echo "fuzz-readers: $t: clean (${runs:-no libFuzzer summary}, $((SECONDS - start)) s)"
    fi
done
exit $fail
