#!/usr/bin/env bash
# Many problems at once (issue 14): cross-validation, 10 folds x 100 lambda, with the same fold ids and lambda for
# spred4j (Spred.cv, in-process, median of REPS after a warm-up) and R's cv.glmnet (in-process, same), on the
# ../shared sets and a seeded dense synthetic; the CV curves compared (max relative difference of the mean loss)
# with lambda.min / lambda.1se; then a batch of BATCH problems (lambda values, targets) against a loop of fits.
#     scripts/bench-batch.sh [OUTDIR] [REPS] [BATCH] [THRESH]      (after: mvn -B test-compile)
# One thread on both sides (OMP_NUM_THREADS=1), native backend unless BACKEND is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-target/bench-batch}"; reps="${2:-3}"; batch="${3:-1000}"; thresh="${4:-1e-7}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "uptime: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\))' || true
echo "java: $(java -version 2>&1 | head -1); R: $(Rscript -e 'cat(R.version.string, "glmnet", as.character(packageVersion("glmnet")))' 2>/dev/null)"
cp="target/test-classes:target/classes:$(mvn -q -o -Dmaven.repo.local="${MAVEN_REPO:-$HOME/.m2/repository}" dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || true)"
java -Xmx8g ${BENCH_SETS:+-Dbench.sets=$BENCH_SETS} -cp "$cp" io.github.spred4j.solver.BatchBench "$out" "${BACKEND:-native}" "$reps" "$batch"
for d in "$out"/*/; do
  [ -f "$d/spred_summary.txt" ] || continue
  Rscript scripts/cv-glmnet.R "$d" "$reps" "$thresh"
  /usr/bin/python3 - "$d" <<'PY'
import sys, csv
d = sys.argv[1]
s = open(d + "/spred_summary.txt").read().split(); g = open(d + "/glmnet_summary.txt").read().split()
ours = list(csv.DictReader(open(d + "/spred_cv.csv"))); theirs = list(csv.DictReader(open(d + "/glmnet_cv.csv")))
rel = max(abs(float(a["cvm"]) - float(b["cvm"])) / abs(float(b["cvm"])) for a, b in zip(ours, theirs))
lam_ok = all(abs(float(a["lambda"]) - float(b["lambda"])) <= 1e-12 * float(b["lambda"]) for a, b in zip(ours, theirs))
same = (abs(float(s[6]) - float(g[3])) <= 1e-12 * float(g[3]), abs(float(s[7]) - float(g[4])) <= 1e-12 * float(g[4]))
print(f"cv {s[0]:16s} {s[1]}x{s[2]}: spred4j {float(s[4]):.4f} s, cv.glmnet {float(g[0]):.4f} s (thresh {g[5]}), ratio {float(s[4]) / float(g[0]):.2f}; "
      f"max rel cvm diff {rel:.2e}; same lambda {lam_ok}; lambda_min same {same[0]}, lambda_1se same {same[1]}; uncertified {s[8]}")
PY
done
echo "uptime: $(uptime)"
