#!/usr/bin/env bash
# Sparse benchmark: rcv1-shaped seeded synthetic, lasso and L1 logistic at one lambda (RATIO * lambda_max), one
# core: spred4j (native backend, OMP_NUM_THREADS=1, the CLI on the MatrixMarket file), glmnet on a dgCMatrix,
# scikit-learn sparse Lasso / LogisticRegression(l1, liblinear). Fit seconds are timed inside each tool (loading
# excluded); peak RSS is the whole process's (/usr/bin/time -v), loading included.
#   scripts/sparse-bench/run.sh DIR [RATIO]      (needs target/spred4j-*-all.jar: mvn -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
dir="$1"; ratio="${2:-0.1}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
[ -f "$dir/x.mtx" ] || /usr/bin/python3 "$here/rcv1_shaped.py" "$dir"
echo "machine: $(nproc --all) cores (every tool pinned to core 0 by taskset), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ), shared with other jobs"
read lsq lbin < "$dir/lambdas.txt"
rss() { grep "Maximum resident" "$1" | awk '{printf "peak_rss_mb=%.0f\n", $NF/1024}'; }
for fam in squared binomial; do
  if [ "$fam" = squared ]; then loss=squared; y=y_sq.txt; lmax=$lsq; else loss=logistic; y=y_bin.txt; lmax=$lbin; fi
  lam=$(/usr/bin/python3 -c "print(repr($ratio*$lmax))")
  echo "== $fam lambda=$lam (ratio $ratio)"
  /usr/bin/time -v taskset -c 0 java -Xmx1g -jar "$(ls "$root"/target/spred4j-*-all.jar | head -1)" fit --x "$dir/x.mtx" --y "$dir/$y" \
    --loss $loss --lambda "$lam" --backend native --tol 1e-7 --out "$dir/coef_spred4j_$fam.csv" --json > "$dir/spred4j_$fam.json" 2> "$dir/time_spred4j_$fam.txt"
  echo "spred4j: $(tr -d '\n' < "$dir/spred4j_$fam.json" | head -c 600)"; rss "$dir/time_spred4j_$fam.txt"
  /usr/bin/time -v taskset -c 0 Rscript --vanilla "$here/glmnet_fit.R" "$dir" $fam "$ratio" 1e-7 2> "$dir/time_glmnet_$fam.txt"; rss "$dir/time_glmnet_$fam.txt"
  /usr/bin/time -v taskset -c 0 /usr/bin/python3 "$here/sklearn_fit.py" "$dir" $fam "$ratio" 1e-6 2> "$dir/time_sklearn_$fam.txt"; rss "$dir/time_sklearn_$fam.txt"
  /usr/bin/python3 "$here/objective.py" "$dir" $fam "$ratio" "$dir/coef_glmnet_$fam.txt" "$dir/coef_sklearn_$fam.txt" "$dir/coef_spred4j_$fam.csv"
done
