#!/usr/bin/env bash
# Coverage-guided fuzzing of the data readers (issue 6) with Jazzer's JUnit integration: each @FuzzTest of
# ReaderFuzzTest (csv, libsvm, npy, coefficients, groups) is fuzzed in its own JVM (Jazzer fuzzes one target per
# run) for its maxDuration (20 s), so the whole run is about two minutes. A finding (any exception other than
# InputFormatException) fails the script; Jazzer saves the input under
# src/test/resources/io/github/spred4j/io/ReaderFuzzTestInputs/<target>/ (where `mvn verify` then replays it as a
# regression test) and prints the stack trace in target/fuzz/<target>.log.
#
#   scripts/fuzz-readers.sh                       # CI budget, after `mvn -B verify` (needs target/test-classes)
#   FUZZ_TARGETS="npy csv" scripts/fuzz-readers.sh
#   Longer run of one target: raise maxDuration of that method in ReaderFuzzTest (e.g. "30m"), then
#   JAZZER_FUZZ=1 mvn -B surefire:test -Dtest='ReaderFuzzTest#npy'
#   JAZZER_KEEP_GOING=100 scripts/fuzz-readers.sh   # go on past findings (each distinct one saved once)
# The corpus Jazzer grows is kept in .cifuzz-corpus/ (git-ignored); the seeds are the files in the Inputs folders.
set -uo pipefail
cd "$(dirname "$0")/.."
targets="${FUZZ_TARGETS:-csv libsvm npy coefficients groups}"
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
    if [ "$rc" -ne 0 ]; then
        echo "fuzz-readers: $t: FINDING or failure after $((SECONDS - start)) s (${runs:-no libFuzzer summary}); see $out/$t.log"
        grep -m1 -A12 -E "== Java Exception|FuzzTestFindingException|Caused by" "$out/$t.log" || tail -20 "$out/$t.log"
        fail=1
    else
        echo "fuzz-readers: $t: clean (${runs:-no libFuzzer summary}, $((SECONDS - start)) s)"
    fi
done
exit $fail
