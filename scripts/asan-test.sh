#!/usr/bin/env bash
# AddressSanitizer run of the native backend's tests (issue 6): builds native/ with -fsanitize=address into
# target/asan (never into the jar), runs the native tests in a JVM that preloads the ASan runtime and loads
# that build (-Dspred4j.native.lib), and fails on any ASan report. A canary run first proves the setup
# catches a real heap overflow through JNI (so a silently uninstrumented run cannot pass).
#
#   scripts/asan-test.sh                 # CI: after `mvn -B verify` (reuses target/classes, target/test-classes)
#   ASAN_TESTS='NativeKernelTest' scripts/asan-test.sh      # a subset
#   MVN_FLAGS=-o scripts/asan-test.sh    # offline
#
# ASAN_OPTIONS suited to a JVM: handle_segv=0/allow_user_segv_handler=1 (HotSpot uses SIGSEGV for implicit
# null checks and safepoints), detect_leaks=0 (LeakSanitizer reports the JVM's own allocations at exit),
# detect_odr_violation=0 (the JDK's libraries are not built for it), allocator_may_return_null=1 (an
# impossible allocation must come back as NULL, i.e. ENOMEM, as in production). halt_on_error=1: the first report
# kills the test JVM. Reports are written to target/asan/report.<pid>.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/asan
tests="AsanCanaryTest,${ASAN_TESTS:-NativeConformanceTest,NativeKernelTest,BoundaryValidationTest,ResourceLifecycleTest,ConcurrentContextsTest,NonFinitePropagationTest,SparseSweepTest}"
mvn_flags=(-B ${MVN_FLAGS:-})

runtime="$(gcc -print-file-name=libasan.so)"
if [ ! -f "$runtime" ]; then echo "asan-test: FAIL: gcc has no libasan.so ($runtime)"; exit 1; fi
rm -rf "$out"
mkdir -p "$out"
SPRED_EXTRA_CFLAGS="-fsanitize=address -fno-omit-frame-pointer -g -O1" SPRED_VARIANTS=portable \
    bash native/build.sh "$out"
[ -f "$out/libspred4j.so" ] || { echo "asan-test: FAIL: the ASan build of native/ was not produced"; exit 1; }

opts="detect_leaks=0:handle_segv=0:allow_user_segv_handler=1:detect_odr_violation=0:halt_on_error=1:allocator_may_return_null=1"
# Compile only when the classes are missing (CI has just run `mvn verify`).
goal=surefire:test
[ -d target/test-classes ] && [ -d target/classes ] || goal="test-compile surefire:test"

run() { # run NAME TESTS EXTRA_ARGS... -> exit status of maven, reports under $out/NAME
    local name="$1" sel="$2"; shift 2
    mkdir -p "$out/$name"
    set +e
    mvn "${mvn_flags[@]}" -Pasan $goal -Dtest="$sel" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dasan.runtime="$runtime" -Dasan.lib="$PWD/$out/libspred4j.so" \
        -Dasan.options="$opts:log_path=$PWD/$out/$name/report" "$@" > "$out/$name/mvn.log" 2>&1
    local rc=$?
    set -e
    return $rc
}

# 1. Canary: an out-of-bounds read through JNI must be reported (and kill the JVM).
run canary AsanCanaryTest#overflowThroughJniIsReported -Dspred4j.asan.canary=true || true
if ! grep -qs "ERROR: AddressSanitizer: heap-buffer-overflow" "$out"/canary/report.*; then
    echo "asan-test: FAIL: the canary overflow was not reported; ASan is not active in the test JVM"
    tail -40 "$out/canary/mvn.log"
    exit 1
fi
echo "asan-test: canary caught ($(ls "$out"/canary/report.* | head -1))"

# 2. The native backend's tests.
start=$SECONDS
rc=0
run tests "$tests" || rc=$?
grep -E "Tests run:|FAIL|ERROR\]" "$out/tests/mvn.log" | tail -15 || true
if grep -qs "ERROR: AddressSanitizer" "$out"/tests/report.* 2>/dev/null; then
    echo "asan-test: FAIL: AddressSanitizer reports:"
    grep -h -A30 "ERROR: AddressSanitizer" "$out"/tests/report.* | head -80
    exit 1
fi
if [ "$rc" -ne 0 ]; then echo "asan-test: FAIL: the tests failed under ASan (maven exit $rc, log $out/tests/mvn.log)"; exit 1; fi
if ! grep -q "Tests run:.*Failures: 0, Errors: 0" "$out/tests/mvn.log"; then
    echo "asan-test: FAIL: no test results in $out/tests/mvn.log"; exit 1
fi
# Warnings that are not reports (e.g. "failed to allocate" for the deliberate impossible allocations).
grep -hs "WARNING" "$out"/tests/report.* | sort | uniq -c | sed 's/^/asan-test: note: /' || true
echo "asan-test: OK: no AddressSanitizer report ($((SECONDS - start)) s)"
