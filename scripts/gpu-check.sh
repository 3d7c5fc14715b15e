#!/usr/bin/env bash
# Runs THERE, on the lent GPU machine, from the repository root, with .gpu carried (built here by
# scripts/gpu-bundle.sh): prints what the machine has (GPU, driver, OpenCL), runs the CUDA and OpenCL test
# classes with the JUnit console launcher, then the kernel bandwidth benchmark (CudaBench), and ends with a
# short table. Full logs go to $OUT. Every step has its own timeout so one hang cannot eat the device budget;
# the whole run stays under ~7 minutes (the JMH step adds up to T_JMH=150 s, the batch step up to 2·T_BATCH_BENCH = 300 s: SKIP_BATCH_BENCH=1 in a short session). Always exits 0: the summary says what failed.
#     OUT=/tmp/gpuout scripts/gpu-check.sh
# Knobs: T_ENV, T_CUDA, T_RELIABILITY, T_BENCH, T_JMH, T_SOLVER_BENCH, T_BATCH_BENCH, T_SOLVER, T_CLI, T_OPENCL (seconds per
# step, T_SCALE); SCALE=1 (the 1e9-element engine run, SCALE_SIZE); SKIP_RELIABILITY, SKIP_BENCH, SKIP_JMH, SKIP_SOLVER_BENCH, SKIP_BATCH_BENCH, SKIP_SOLVER, SKIP_CLI, SKIP_OPENCL (=1);
# BATCH_K, BATCH_REPS (problems and rounds of the batch benchmark);
# BENCH_MAX (elements), BENCH_JOPTS; JMH_BACKENDS, JMH_SIZES, JMH_SHAPES (the JMH step; it needs
# .gpu/jmh-bench.jar from gpu-bundle.sh); SOLVER_BENCH_SIZE (n x p of the synthetic problem).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
OUT="${OUT:-/tmp/spred4j-gpu-out}"
mkdir -p "$OUT"
G="$root/.gpu"
JAVA="$G/jre/bin/java"
t_env="${T_ENV:-20}" t_cuda="${T_CUDA:-140}" t_opencl="${T_OPENCL:-80}" t_bench="${T_BENCH:-70}"
t_solver="${T_SOLVER:-100}" t_cli="${T_CLI:-40}"
start=$(date +%s)
declare -a summary=()
note() { summary+=("$(printf '%-16s %s' "$1" "$2")"); }
log() { echo "[gpu-check $(( $(date +%s) - start ))s] $*"; }

# ---------------------------------------------------------------- 1. the machine
# The driver's OpenCL library may be mounted without its ICD file: register it first, so that every step below
# (the opencl-gpu tests included) sees NVIDIA's OpenCL platform. The first H200 run registered it too late.
if [ ! -e /etc/OpenCL/vendors/nvidia.icd ] && ldconfig -p 2>/dev/null | grep -q 'libnvidia-opencl.so.1'; then
    mkdir -p /etc/OpenCL/vendors 2>/dev/null && echo "libnvidia-opencl.so.1" > /etc/OpenCL/vendors/nvidia.icd 2>/dev/null \
        && log "registered NVIDIA's OpenCL ICD (/etc/OpenCL/vendors/nvidia.icd)"
fi
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
    # The cuBLAS baseline (issue 16) needs libcublas of a CUDA line that a Java binding matches (JCublas 12.x:
    # CUDA 12 libraries; JavaCPP's cuda presets 13.x: CUDA 13). Record what is there, so the reason is on file.
    echo "--- cuBLAS probe"
    ldconfig -p 2>/dev/null | grep -E 'libcublas(Lt)?\.so' || echo "(no libcublas in the ldconfig cache)"
    ls -d /usr/local/cuda*/lib64/libcublas.so* /usr/lib/x86_64-linux-gnu/libcublas.so* 2>/dev/null || echo "(no libcublas under /usr/local/cuda*/lib64 or /usr/lib/x86_64-linux-gnu)"
    timeout "$t_env" nvidia-smi 2>/dev/null | grep -o 'CUDA Version: [0-9.]*' || echo "(driver CUDA version unknown)"
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
# Runs the test classes of one package (and its subpackages) with the console launcher and records the counts;
# the CPU emulation of the kernels is left out (it checks logic, not the GPU, and costs CPU time here).
# Tests skipped by an assumption (backend unavailable) are counted by JUnit as "aborted".
run_tests() {
    local name="$1" pkg="$2" secs="$3"
    log "tests $name ($pkg, timeout ${secs}s) -> $OUT/tests-$name.log"
    timeout --kill-after=10 "$secs" "$JAVA" "${jopts[@]}" ${EXTRA_JOPTS:-} -jar "$G/junit-platform-console-standalone.jar" execute \
        --class-path "$cp" ${SELECT:---select-package "$pkg"} --exclude-classname '.*EmulationTest' --details=tree --disable-banner --disable-ansi-colors \
        --reports-dir "$tmp/junit-$name" > "$OUT/tests-$name.log" 2>&1
    local rc=$?
    tail -n 25 "$OUT/tests-$name.log"
    local ok failed skipped aborted found
    found=$(sed -n 's/^\[ *\([0-9]*\) tests found.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    ok=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    skipped=$(sed -n 's/^\[ *\([0-9]*\) tests skipped.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    aborted=$(sed -n 's/^\[ *\([0-9]*\) tests aborted.*/\1/p' "$OUT/tests-$name.log" | tail -1)
    local status
    case "$rc" in
        0) status="passed" ;;
        1) status="FAILURES" ;;
        124 | 137) status="TIMED OUT after ${secs}s" ;;
        *) status="rc=$rc" ;;
    esac
    if [ -z "$found" ] && [ "$rc" != 124 ] && [ "$rc" != 137 ]; then status="NO SUMMARY (rc=$rc), see the log"; fi
    [ "$found" = 0 ] && status="NO TESTS FOUND (rc=$rc)"
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

# Resource, concurrency, boundary and NaN tests: they run on every available backend, CUDA included.
if [ "${SKIP_RELIABILITY:-0}" != 1 ]; then
    SELECT="--select-class io.github.spred4j.backend.ResourceLifecycleTest --select-class io.github.spred4j.backend.ConcurrentContextsTest --select-class io.github.spred4j.backend.BoundaryValidationTest --select-class io.github.spred4j.backend.NonFinitePropagationTest" \
        run_tests reliability io.github.spred4j.backend "${T_RELIABILITY:-90}"
fi

# ---------------------------------------------------------------- 3. benchmark
if [ "${SKIP_BENCH:-0}" != 1 ]; then
    log "CudaBench (timeout ${t_bench}s) -> $OUT/bench.txt"
    timeout --kill-after=10 "$t_bench" "$JAVA" -Djava.io.tmpdir="$tmp" -Xmx4g ${BENCH_JOPTS:-} -cp "$cp" \
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

# ---------------------------------------------------------------- 3c. solver benchmark on the GPU (no R there: no glmnet)
# Time to a certified gap on the shared data sets and the issue's default synthetic problem (10000x5000), CUDA
# against the native backend on the machine's 16 cores, single λ, path and a batch.
if [ "${SKIP_SOLVER_BENCH:-0}" != 1 ] && [ -f "$G/jmh-bench.jar" ]; then
    log "SolverBench cuda,native (timeout ${T_SOLVER_BENCH:-150}s) -> $OUT/solver-bench.txt"
    timeout --kill-after=10 "${T_SOLVER_BENCH:-150}" "$JAVA" -Djava.io.tmpdir="$tmp" -Xmx24g -cp "$cp:$G/jmh-bench.jar" \
        io.github.spred4j.jmh.SolverBench --data "$G/shared/data" --no-glmnet --backends cuda,native \
        --synthetic "${SOLVER_BENCH_SIZE:-10000x5000}" --batch 100 --repeats 1 > "$OUT/solver-bench.txt" 2>&1
    rc=$?
    tail -n 30 "$OUT/solver-bench.txt"
    note "solver bench" "rc=$rc (124 = timed out), see solver-bench.txt"
fi

# ---------------------------------------------------------------- 3c2. many problems at once on the GPU (issue 14)
# fitBatch of BATCH_K λ and fitTargets of BATCH_K targets (diabetes_x2 from .gpu/shared/data, else the dense
# 2000x500 synthetic) against a loop of single fits, BATCH_REPS interleaved rounds (the first is JIT-cold), every
# problem's certificate counted; cuda, then native on the same machine for the CPU side of the ratio. BatchBench is
# in the carried test classes.
if [ "${SKIP_BATCH_BENCH:-0}" != 1 ]; then
    for be in cuda native; do
        log "BatchBench $be batch of ${BATCH_K:-1000}, ${BATCH_REPS:-3} rounds (timeout ${T_BATCH_BENCH:-150}s) -> $OUT/batch-bench-$be.txt"
        timeout --kill-after=10 "${T_BATCH_BENCH:-150}" "$JAVA" -Djava.io.tmpdir="$tmp" -Xmx16g \
            -Dspred4j.shared.data="$G/shared/data" -Dbench.sets=batch -cp "$cp" io.github.spred4j.solver.BatchBench \
            "$(mktemp -d)" "$be" "${BATCH_REPS:-3}" "${BATCH_K:-1000}" > "$OUT/batch-bench-$be.txt" 2>&1
        rc=$?
        grep -E '^(backend|batch)' "$OUT/batch-bench-$be.txt"
        note "batch $be" "rc=$rc (124 = timed out); $(grep -o 'median [0-9.]*x' "$OUT/batch-bench-$be.txt" | tr '\n' ' ')"
    done
fi

# ---------------------------------------------------------------- 3d. the engine at n·p = 1e9 (issue 16 item 4)
# 100000x10000 float64 dense lasso (8 GB of X), single λ and the 100-λ path, cuda vs native on all cores; glmnet's
# time comes from the CPU machine (scripts/bench-solvers.sh there). Off by default in a short session: SCALE=1.
if [ "${SCALE:-0}" = 1 ] && [ -f "$G/jmh-bench.jar" ]; then
    log "SolverBench at scale (timeout ${T_SCALE:-300}s) -> $OUT/solver-scale.txt"
    timeout --kill-after=10 "${T_SCALE:-300}" "$JAVA" -Djava.io.tmpdir="$tmp" -Xmx100g -cp "$cp:$G/jmh-bench.jar" \
        io.github.spred4j.jmh.SolverBench --datasets none --no-glmnet --backends cuda,native \
        --synthetic "${SCALE_SIZE:-100000x10000}" --repeats 1 > "$OUT/solver-scale.txt" 2>&1
    rc=$?
    tail -n 20 "$OUT/solver-scale.txt"
    note "solver scale" "rc=$rc (124 = timed out), see solver-scale.txt"
fi

# ---------------------------------------------------------------- 4. solvers on CUDA (reference data carried in .gpu/shared/data)
if [ "${SKIP_SOLVER:-0}" != 1 ]; then
    EXTRA_JOPTS="-Dspred4j.test.backends=cuda -Dspred4j.shared.data=$G/shared/data" \
        run_tests solver io.github.spred4j.solver "$t_solver"
fi

# ---------------------------------------------------------------- 5. the CLI on CUDA (fit and path, no plots: the
# GPU machine's image lacks the font libraries that AWT text needs)
if [ "${SKIP_CLI:-0}" != 1 ]; then
    log "CLI fit/path --backend cuda (timeout ${t_cli}s) -> $OUT/cli.txt"
    cli_dir="$(mktemp -d)"
    d="$G/shared/data/datasets/diabetes_x2"
    {
        "$JAVA" -Djava.io.tmpdir="$tmp" -cp "$cp:$G/tools" NpyExport "$d" "$cli_dir" &&
        cd "$cli_dir" &&
        timeout --kill-after=5 "$t_cli" "$JAVA" -Djava.io.tmpdir="$tmp" -cp "$cp" io.github.spred4j.cli.Main fit \
            --x X.npy --y y.npy --backend cuda --lambda-ratio 0.01 --out coef.csv --json &&
        timeout --kill-after=5 "$t_cli" "$JAVA" -Djava.io.tmpdir="$tmp" -cp "$cp" io.github.spred4j.cli.Main path \
            --x X.npy --y y.npy --backend cuda --out path.csv --quiet && tail -n 2 path.csv | cut -c1-160
    } > "$OUT/cli.txt" 2>&1
    rc=$?
    cd "$root"
    cat "$OUT/cli.txt"
    note "cli cuda" "rc=$rc; $(grep -o '"duality_gap":[^,]*' "$OUT/cli.txt" | head -1)"
    rm -rf "$cli_dir"
fi

# ---------------------------------------------------------------- 6. OpenCL on the GPU (NVIDIA's ICD, registered in step 1)
if [ "${SKIP_OPENCL:-0}" != 1 ]; then
    run_tests opencl io.github.spred4j.backend.opencl "$t_opencl"
    # The solvers on opencl-gpu (issue 16: never run on a real GPU before).
    EXTRA_JOPTS="-Dspred4j.test.backends=opencl-gpu -Dspred4j.shared.data=$G/shared/data" \
        SELECT="--select-class io.github.spred4j.solver.ReferenceSolutionsTest" run_tests opencl-solver io.github.spred4j.solver "$t_opencl"
else
    note "tests opencl" "skipped (SKIP_OPENCL=1)"
fi
rm -rf "$tmp"

# ---------------------------------------------------------------- 7. summary
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
