#!/usr/bin/env bash
# Runs THERE, on the lent GPU machine, from the repository root, with .gpu carried (built here by
# scripts/gpu-bundle.sh): prints what the machine has (GPU, driver, OpenCL), runs the CUDA and OpenCL test
# classes with the JUnit console launcher, then the kernel bandwidth benchmark (CudaBench), and ends with a
# short table. Full logs go to $OUT. Every step has its own timeout so one hang cannot eat the device budget;
# the whole run stays under ~7 minutes (the JMH step adds up to T_JMH=150 s). Always exits 0: the summary says what failed.
#     OUT=/tmp/gpuout scripts/gpu-check.sh
# Knobs: T_ENV, T_CUDA, T_OPENCL, T_BENCH, T_JMH (seconds per step), SKIP_OPENCL=1, SKIP_BENCH=1, SKIP_JMH=1, BENCH_MAX (elements),
# JMH_BACKENDS, JMH_SIZES, JMH_SHAPES (the JMH step; it needs .gpu/jmh-bench.jar from gpu-bundle.sh).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
OUT="${OUT:-$root/gpu-out}"
mkdir -p "$OUT"
G="$root/.gpu"
JAVA="$G/jre/bin/java"
t_env="${T_ENV:-20}" t_cuda="${T_CUDA:-150}" t_opencl="${T_OPENCL:-60}" t_bench="${T_BENCH:-75}"
start=$(date +%s)
declare -a summary=()
note() { summary+=("$(printf '%-16s %s' "$1" "$2")"); }
log() { echo "[gpu-check $(( $(date +%s) - start ))s] $*"; }

# ---------------------------------------------------------------- 1. the machine
log "machine -> $OUT/env.txt"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -a)"
    echo "cpus: $(nproc)"
    echo "--- nvidia-smi -L"
    timeout "$t_env" nvidia-smi -L 2>&1 || echo "(nvidia-smi failed: $?)"
    echo "--- nvidia-smi query"
    timeout "$t_env" nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory,pcie.link.gen.current --format=csv 2>&1 || true
    echo "--- driver"
    cat /proc/driver/nvidia/version 2>/dev/null || echo "(no /proc/driver/nvidia/version)"
    echo "--- ls /etc/OpenCL/vendors"
    ls -l /etc/OpenCL/vendors 2>&1 && for f in /etc/OpenCL/vendors/*; do echo "$f: $(cat "$f" 2>/dev/null)"; done
    echo "--- ldconfig -p | grep -i opencl"
    ldconfig -p 2>/dev/null | grep -i opencl || echo "(no OpenCL library in the ldconfig cache)"
    echo "--- ldconfig -p | grep libcuda"
    ldconfig -p 2>/dev/null | grep -E 'libcuda\.so|libnvidia-opencl' || echo "(no libcuda in the ldconfig cache)"
    echo "--- bundle"
    cat "$G/BUNDLE.txt" 2>/dev/null || echo "(no $G/BUNDLE.txt: was .gpu carried?)"
} > "$OUT/env.txt" 2>&1
cat "$OUT/env.txt"
gpu="$(timeout "$t_env" nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1)"
note "gpu" "${gpu:-none seen by nvidia-smi}"
if ls /etc/OpenCL/vendors/* >/dev/null 2>&1; then note "opencl icd" "$(ls /etc/OpenCL/vendors | tr '\n' ' ')"; else note "opencl icd" "none in /etc/OpenCL/vendors"; fi

if [ ! -x "$JAVA" ]; then
    log "no bundled Java at $JAVA: run scripts/gpu-bundle.sh here and carry .gpu"
    note "java" "MISSING ($JAVA): nothing else ran"
    printf '%s\n' "" "==== summary" "${summary[@]}" | tee "$OUT/summary.txt"
    exit 0
fi
note "java" "$("$JAVA" -version 2>&1 | head -1)"

cp="$G/spred4j.jar:$G/test-classes"
for j in "$G"/lib/*.jar; do cp="$cp:$j"; done
tmp="$(mktemp -d)"   # JCuda and JOCL unpack their native libraries here
jopts=(-Djava.io.tmpdir="$tmp" -Dspred4j.cuda.sync=true -Xmx8g)

# ---------------------------------------------------------------- 2. tests
# Runs the test classes of one package (and its subpackages) with the console launcher and records the counts.
# Tests skipped by an assumption (backend unavailable) are counted by JUnit as "aborted".
run_tests() {
    local name="$1" pkg="$2" secs="$3"
    log "tests $name ($pkg, timeout ${secs}s) -> $OUT/tests-$name.log"
    timeout --kill-after=10 "$secs" "$JAVA" "${jopts[@]}" -jar "$G/junit-platform-console-standalone.jar" execute \
        --class-path "$cp" --select-package "$pkg" --details=tree --disable-banner --disable-ansi-colors \
        --reports-dir "$OUT/junit-$name" > "$OUT/tests-$name.log" 2>&1
    local rc=$?
    tail -n 25 "$OUT/tests-$name.log"
    local ok failed skipped aborted found
    found=$(sed -n 's/^\[ *\([0-9]*\) tests found.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    ok=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    skipped=$(sed -n 's/^\[ *\([0-9]*\) tests skipped.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    aborted=$(sed -n 's/^\[ *\([0-9]*\) tests aborted.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    local status="rc=$rc"
    [ "$rc" = 124 ] || [ "$rc" = 137 ] && status="TIMED OUT after ${secs}s"
    [ "$rc" = 0 ] && status="passed"
    [ "$rc" = 1 ] && status="FAILURES"
    [ "${found:-0}" = 0 ] && status="NO TESTS FOUND (rc=$rc)"
    note "tests $name" "$status: found ${found:-?}, ok ${ok:-?}, failed ${failed:-?}, skipped ${skipped:-?}, aborted ${aborted:-?}"
    if [ "${skipped:-0}" != 0 ] || [ "${aborted:-0}" != 0 ]; then
        local why
        why=$(grep -m1 -oE '(Assumption failed|skipped): .*' "$OUT/tests-$name.log" | cut -c1-160)
        [ -n "$why" ] && note "" "first skip: $why"
    fi
    if [ "${failed:-0}" != 0 ]; then
        grep -m3 -E 'AssertionFailedError|DeviceException|Exception:' "$OUT/tests-$name.log" | cut -c1-200 | while read -r l; do echo "    $l"; done > "$OUT/.first-failures"
        while read -r l; do note "" "$l"; done < "$OUT/.first-failures"
        rm -f "$OUT/.first-failures"
    fi
}

run_tests cuda io.github.spred4j.backend.cuda "$t_cuda"
if [ "${SKIP_OPENCL:-0}" != 1 ]; then
    run_tests opencl io.github.spred4j.backend.opencl "$t_opencl"
else
    note "tests opencl" "skipped (SKIP_OPENCL=1)"
fi

# ---------------------------------------------------------------- 3. benchmark
if [ "${SKIP_BENCH:-0}" != 1 ]; then
    log "CudaBench (timeout ${t_bench}s) -> $OUT/bench.txt"
    timeout --kill-after=10 "$t_bench" "$JAVA" -Djava.io.tmpdir="$tmp" -Xmx4g -cp "$cp" \
        io.github.spred4j.backend.cuda.CudaBench ${BENCH_MAX:-} > "$OUT/bench.txt" 2>&1
    rc=$?
    cat "$OUT/bench.txt"
    if [ $rc = 0 ]; then note "bench" "done ($(grep -c '' "$OUT/bench.txt") lines in bench.txt)"; else note "bench" "rc=$rc (124 = timed out), see bench.txt"; fi
else
    note "bench" "skipped (SKIP_BENCH=1)"
fi
# ---------------------------------------------------------------- 3b. JMH kernel report on the GPU
# Every kernel, fused vs unfused chains and the one-pass gradient vs two GEMVs (host BLAS: a CPU reference only),
# one size far beyond any cache (64Mi elements: 256/512 MiB a vector), quick JMH settings, ratios to copy/triad.
if [ "${SKIP_JMH:-0}" != 1 ] && [ -f "$G/jmh-bench.jar" ]; then
    log "JMH BenchReport cuda (timeout ${T_JMH:-150}s) -> $OUT/jmh.txt"
    timeout --kill-after=10 "${T_JMH:-150}" "$JAVA" -Djava.io.tmpdir="$tmp" -Dspred4j.cuda.sync=true -Xmx24g \
        -cp "$cp:$G/jmh-bench.jar" io.github.spred4j.jmh.BenchReport --quick --backends "${JMH_BACKENDS:-cuda}" \
        --sizes "${JMH_SIZES:-67108864}" --shapes "${JMH_SHAPES:-16384x8192}" > "$OUT/jmh.txt" 2>&1
    rc=$?
    sed -n '/^== kernels/,$p' "$OUT/jmh.txt"
    if [ $rc = 0 ]; then note "jmh" "done (jmh.txt)"; else note "jmh" "rc=$rc (124 = timed out), see jmh.txt"; fi
else
    note "jmh" "skipped (SKIP_JMH=1 or no .gpu/jmh-bench.jar)"
fi
rm -rf "$tmp"

# ---------------------------------------------------------------- 4. summary
{
    echo
    echo "==== spred4j gpu-check summary ($(( $(date +%s) - start ))s, logs in $OUT)"
    printf '%s\n' "${summary[@]}"
    if [ -s "$OUT/jmh.txt" ] && grep -q '^== targets' "$OUT/jmh.txt"; then
        echo "---- JMH targets (GB/s ÷ copy is in jmh.txt)"
        sed -n '/^== targets/,$p' "$OUT/jmh.txt" | tail -n +2
    fi
    if [ -s "$OUT/bench.txt" ] && grep -q '^summary:' "$OUT/bench.txt"; then
        echo "---- kernel GB/s over cuMemcpyDtoD (largest size of each kernel)"
        sed -n '/^summary:/,$p' "$OUT/bench.txt" | tail -n +2 | awk '{k=$1" "$2; last[k]=$0; if(!(k in seen)){seen[k]=1; order[++n]=k}} END{for(i=1;i<=n;i++) print last[order[i]]}'
    fi
} | tee "$OUT/summary.txt"
exit 0
