#!/usr/bin/env bash
# Kernel benchmark report: GB/s of every kernel on every available CPU-side backend, ÷ copy and ÷ triad of the
# same run, fused ÷ unfused chains, one-pass gradient ÷ two BLAS GEMVs, spred overhead (see jmh/BenchReport).
#     scripts/bench-kernels.sh --quick                 # < 3 minutes
#     scripts/bench-kernels.sh --repeats 3 --sizes 262144,16777216
# Needs jmh/target/benchmarks.jar (mvn -B -o install -DskipTests; mvn -B -o -f jmh/pom.xml package).
# OMP_NUM_THREADS / OPENBLAS_NUM_THREADS default to 1 (shared, loaded machine; set them on a quiet one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
echo "uptime: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\)|L[123].* cache)' || true
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
java -Xmx8g -jar jmh/target/benchmarks.jar "$@" 2>&1 | grep -vE '^(# |Iteration | +CI | +\(min| +p[0-9]|[A-Z][A-Za-z]+Bench\.|Benchmark  )' | grep -v '^$' | grep -vE '^ +[0-9.]+ ±' || true
echo "uptime: $(uptime)"
