#!/usr/bin/env bash
# Many problems on one X (issue 14): k λ (fitBatch), k targets (fitTargets), k targets' 20-λ paths (pathTargets)
# against loops of single fits, diabetes_x2, native, one thread (TargetsBench). Cold: each route's first call in a
# fresh JVM, REPEATS fresh JVMs per route, batch and loop alternating; warm: interleaved rounds after a warm-up.
#     scripts/bench-targets.sh [K] [REPEATS] [REPS] [WARMUP]      (after: mvn -B test-compile)
# BENCH_CP replaces the classpath (e.g. an older build's classes first, to measure before a change).
# Then sparse X (SparseTargetsBench): fitTargets on a 5000×2000 rcv1-shaped X (20 nonzeros a row) against a loop of
# sparse single fits, for each k in SPARSE_K (default "100 1000"; empty: skipped), REPS timed rounds after 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
k="${1:-1000}"; repeats="${2:-3}"; reps="${3:-5}"; warmup="${4:-3}"
cp="${BENCH_CP:-target/test-classes:target/classes}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); code: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+uncommitted')"
echo "uptime before: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\))' || true
echo "java: $(java -version 2>&1 | head -1); classpath: $cp"
for r in $(seq "$repeats"); do
  for m in fitBatch loopBatch fitTargets loopTargets pathTargets loopPaths; do
    java -Xmx4g -cp "$cp" io.github.spred4j.solver.TargetsBench cold "$m" "$k"
  done
done
echo "uptime mid: $(uptime)"
java -Xmx4g -cp "$cp" io.github.spred4j.solver.TargetsBench warm "$k" "$reps" "$warmup"
echo "uptime after: $(uptime)"
for sk in ${SPARSE_K-100 1000}; do
  java -Xmx6g -cp "$cp" io.github.spred4j.solver.SparseTargetsBench 5000 2000 "$sk" "$reps" 2
  echo "uptime: $(uptime)"
done
