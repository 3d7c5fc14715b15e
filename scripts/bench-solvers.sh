#!/usr/bin/env bash
# Solver benchmark: time to a certified relative duality gap (1e-6) on ../shared/data and a seeded synthetic
# problem, single λ and whole path, per backend; glmnet (R) on the same data and λ values; a batch of λ values in
# one fitBatch vs a loop of fits. Everything is timed inside the processes after a warm-up (JVM and R start-up
# excluded); see io.github.spred4j.jmh.SolverBench for the method.
#     scripts/bench-solvers.sh [SolverBench options, e.g. --synthetic 2000x1000 --backends native --batch 200]
# Needs: jmh/target/benchmarks.jar (mvn -B -o install -DskipTests; mvn -B -o -f jmh/pom.xml package) and, for the
# glmnet comparison, Rscript with glmnet (apt-get install -y --no-install-recommends r-base-core r-cran-glmnet).
# OMP_NUM_THREADS defaults to 1 here: on a shared, loaded machine a second OpenMP thread mostly waits for a core;
# set it yourself on a quiet machine. The default synthetic size is the issue's 10000x5000 (X is 400 MB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar=jmh/target/benchmarks.jar
[ -f "$jar" ] || { echo "no $jar: build it first (see the header)" >&2; exit 2; }
extra=()
command -v Rscript >/dev/null && Rscript -e 'library(glmnet)' >/dev/null 2>&1 || { echo "(no Rscript with glmnet: glmnet comparison skipped)"; extra+=(--no-glmnet); }
echo "uptime: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\)|L3 cache)' || true
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
echo "OMP_NUM_THREADS=$OMP_NUM_THREADS OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS"
java -Xmx12g -cp "$jar" io.github.spred4j.jmh.SolverBench --data "${SPRED4J_DATA:-$root/../shared/data}" "${extra[@]}" "$@"
echo "uptime: $(uptime)"
