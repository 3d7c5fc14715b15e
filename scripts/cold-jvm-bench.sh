#!/usr/bin/env bash
# Cold-JVM warm-up (issue 14): each line is a fresh JVM that runs Spred.cv (10 folds x 100 lambda, fixed fold ids)
# or Spred.path (100 lambda) on one ../shared set RUNS times back to back (io.github.spred4j.solver.ColdProbe) and
# prints every run's thread CPU time, the first, the median of the first five and the warm median. Classpaths
# given as CP_A, CP_B (e.g. a build of the base commit and of this tree) alternate, ROUNDS times, so both see the
# same load. Then cv.glmnet / glmnet timed on the same folds and lambda (files written by BatchBench).
#     scripts/cold-jvm-bench.sh OUTDIR [ROUNDS]      (after mvn -B test-compile; MAVEN_REPO for the classpath)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-target/cold-jvm}"; rounds="${2:-2}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
mkdir -p "$out"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "uptime: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\))' || true
echo "java: $(java -version 2>&1 | head -1); R: $(Rscript -e 'cat(R.version.string, "glmnet", as.character(packageVersion("glmnet")))' 2>/dev/null)"
a="${CP_A:-}"; b="${CP_B:-target/test-classes:target/classes}"
for r in $(seq "$rounds"); do
  for job in "gasoline cv 25" "diabetes_x2 cv 25" "golub cv 15" "golub path 25"; do
    for cp in $a $b; do
      echo "# round $r, classpath $cp"
      java -cp "$cp" io.github.spred4j.solver.ColdProbe $job 2>&1 | grep '^probe' || echo "probe failed: $job"
    done
  done
done
echo "uptime: $(uptime)"
