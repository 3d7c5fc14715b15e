#!/usr/bin/env bash
# Many problems at once (issue 14): cross-validation, 10 folds x 100 lambda, with the same fold ids and lambda for
# spred4j (Spred.cv, in-process, median of REPS after a warm-up) and R's cv.glmnet (in-process, same), on the
# ../shared sets, a seeded dense synthetic (2000x500) and a seeded sparse one (5000x2000 CSR, ~1% nonzero; R gets it
# as a dgCMatrix, glmnet's sparse path); the CV curves compared (max relative difference of the mean loss)
# with lambda.min / lambda.1se; then a batch of BATCH problems (lambda values, targets) against a loop of fits.
#     scripts/bench-batch.sh [OUTDIR] [REPS] [BATCH] ['THRESH ...']      (after: mvn -B test-compile)
# glmnet runs at each thresh given (default: its default 1e-7, and 1e-12 for a curve as exact as our certified fits).
# Times: wall and CPU (this thread / R's user+sys): on a loaded shared machine CPU time is the fairer ratio.
# One thread on both sides (OMP_NUM_THREADS=1), native backend unless BACKEND is set. SKIP_JAVA=1 reruns only the R
# side on the files of an earlier run; BENCH_SETS=a,b,batch limits the Java side to those sets (and the batch part);
# BENCH_CP adds jars to the classpath where Maven cannot list the dependencies offline; WARMUP=N untimed Java cv runs
# before the timed ones (default 1); BENCH_JAVA_OPTS adds JVM options (e.g. -Dspred4j.sparseCd=false: the per-fold engine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-target/bench-batch}"; reps="${2:-3}"; batch="${3:-1000}"; thresh="${4:-1e-7 1e-12}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "uptime: $(uptime)"
lscpu | grep -E '^(Model name|CPU\(s\))' || true
echo "java: $(java -version 2>&1 | head -1); R: $(Rscript -e 'cat(R.version.string, "glmnet", as.character(packageVersion("glmnet")))' 2>/dev/null)"
cp="target/test-classes:target/classes:${BENCH_CP:-}:$(mvn -q -o -Dmaven.repo.local="${MAVEN_REPO:-$HOME/.m2/repository}" dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || true)"
[ -n "${SKIP_JAVA:-}" ] || java -Xmx8g ${BENCH_JAVA_OPTS:-} ${BENCH_SETS:+-Dbench.sets=$BENCH_SETS} -Dbench.warmup=${WARMUP:-1} -cp "$cp" io.github.spred4j.solver.BatchBench "$out" "${BACKEND:-native}" "$reps" "$batch"
for d in "$out"/*/; do
  [ -f "$d/spred_summary.txt" ] || continue
  for th in $thresh; do
    Rscript scripts/cv-glmnet.R "$d" "$reps" "$th"
    /usr/bin/python3 - "$d" "$th" <<'PY'
import sys, csv
d, th = sys.argv[1], sys.argv[2]
s = open(d + "/spred_summary.txt").read().split()
tag = open(d + "/glmnet_summary_" + th + ".txt").read().split()
g = dict(wall=float(tag[0]), cpu=float(tag[3]), lmin=float(tag[4]), l1se=float(tag[5]))
ours = list(csv.DictReader(open(d + "/spred_cv.csv"))); theirs = list(csv.DictReader(open(d + "/glmnet_cv_" + tag[6] + ".csv")))
rel = max(abs(float(a["cvm"]) - float(b["cvm"])) / abs(float(b["cvm"])) for a, b in zip(ours, theirs))
lam_ok = len(ours) == len(theirs) and all(abs(float(a["lambda"]) - float(b["lambda"])) <= 1e-12 * float(b["lambda"]) for a, b in zip(ours, theirs))
same = (abs(float(s[7]) - g["lmin"]) <= 1e-12 * g["lmin"], abs(float(s[8]) - g["l1se"]) <= 1e-12 * g["l1se"])
print(f"cv {s[0]:15s} {s[1]}x{s[2]}: spred4j wall {float(s[4]):.4f} s cpu {float(s[6]):.4f} s | cv.glmnet(thresh {tag[6]}) wall {g['wall']:.4f} s cpu {g['cpu']:.4f} s"
      f" | ratio wall {float(s[4]) / g['wall']:.3f} cpu {float(s[6]) / max(g['cpu'], 1e-9):.3f} | max rel cvm diff {rel:.2e}, same lambda {lam_ok},"
      f" lambda_min same {same[0]}, lambda_1se same {same[1]} | uncertified full-data fits {s[9]}")
PY
  done
done
echo "uptime: $(uptime)"
