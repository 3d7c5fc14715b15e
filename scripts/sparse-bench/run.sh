#!/usr/bin/env bash
# Sparse benchmark: one lambda (RATIO * lambda_max), lasso and L1 logistic, one core each side (taskset -c 0,
# OMP_NUM_THREADS=1), interleaved in ROUNDS rounds:
#   spred4j warm in one JVM (Warm.java: run 0 builds the CSC, later runs reuse it as glmnet is handed its
#     dgCMatrix; wall and this thread's CPU), and once cold through the CLI `fit` (peak RSS, /usr/bin/time -v);
#   glmnet on a dgCMatrix at several thresh (repeats in one R process; wall and user+sys CPU);
#   scikit-learn sparse Lasso / LogisticRegression(l1, liblinear) (repeats; wall and process CPU);
#   then every answer's certificate by spred4j's own measure (Gap.java: Certificates.of, signed, X kept sparse),
#   so times compare at a known gap ("the loosest glmnet thresh that reaches our gap").
#   [CORE=0] [FAMS="squared binomial"] [SKLEARN="squared binomial"] scripts/sparse-bench/run.sh DIR [RATIO [REPS [ROUNDS [XMX [THRESHES]]]]]
# DIR holds x.mtx or x.npz (+ csc_*.bin for R), y_sq.txt, y_bin.txt, lambdas.txt (rcv1_shaped.py / news20_shaped.py).
# Needs target/spred4j-*-all.jar (mvn -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
core="${CORE:-0}"; dir="$1"; ratio="${2:-0.1}"; reps="${3:-5}"; rounds="${4:-2}"; xmx="${5:-1g}"; threshes="${6:-1e-7 1e-10 1e-13}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
jar="$(ls "$root"/target/spred4j-*-all.jar | grep -v sources | head -1)"
x="$dir/x.npz"; [ -f "$x" ] || x="$dir/x.mtx"
cls="$dir/classes"; mkdir -p "$cls"
javac -d "$cls" -cp "$jar" "$here/Warm.java" "$here/Gap.java"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; every tool pinned to core $core; $(date -u +%FT%TZ)"
echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty'); data: $dir ($(cat "$dir/shape.txt" 2>/dev/null || echo rcv1-shaped)); ratio $ratio; reps $reps; rounds $rounds"
read lsq lbin < "$dir/lambdas.txt"
rss() { grep "Maximum resident" "$1" | awk '{printf "peak_rss_mb=%.0f\n", $NF/1024}'; }
for round in $(seq 1 "$rounds"); do
  for fam in ${FAMS:-squared binomial}; do
    if [ "$fam" = squared ]; then model=SQUARED; loss=squared; y=y_sq.txt; lmax=$lsq; else model=LOGISTIC; loss=logistic; y=y_bin.txt; lmax=$lbin; fi
    lam=$(/usr/bin/python3 -c "print(repr($ratio*$lmax))")
    echo "== round $round $fam lambda=$lam (ratio $ratio) | uptime:$(uptime | sed 's/.*load/ load/')"
    taskset -c "$core" java -Xmx"$xmx" -cp "$jar:$cls" Warm "$x" "$dir/$y" $model "$ratio" $((reps + 1)) "$dir/coef_spred4j_$fam.csv"
    if [ "$round" = 1 ]; then
      /usr/bin/time -v taskset -c "$core" java -Xmx"$xmx" -jar "$jar" fit --x "$x" --y "$dir/$y" --loss $loss --lambda "$lam" \
        --backend native --tol 1e-7 --out "$dir/coef_cli_$fam.csv" --json > "$dir/cli_$fam.json" 2> "$dir/time_cli_$fam.txt"
      echo "spred4j CLI (cold JVM, one fit): $(tr -d '\n ' < "$dir/cli_$fam.json" | grep -o '"seconds":[^,]*\|"objective":[^,]*\|"duality_gap":[^,]*' | tr '\n' ' ')"
      rss "$dir/time_cli_$fam.txt"
    fi
    for th in $threshes; do
      /usr/bin/time -v taskset -c "$core" Rscript --vanilla "$here/glmnet_fit.R" "$dir" $fam "$ratio" "$th" "$reps" "$dir/coef_glmnet_${fam}_$th.txt" 2> "$dir/time_glmnet_$fam.txt"
      rss "$dir/time_glmnet_$fam.txt"
    done
    sk=""
    if [[ " ${SKLEARN:-squared binomial} " == *" $fam "* ]]; then
      /usr/bin/time -v taskset -c "$core" /usr/bin/python3 "$here/sklearn_fit.py" "$dir" $fam "$ratio" 1e-6 "$reps" 2> "$dir/time_sklearn_$fam.txt"
      rss "$dir/time_sklearn_$fam.txt"; sk="$dir/coef_sklearn_$fam.txt"
    else echo "scikit-learn $fam: skipped (SKLEARN)"; fi
    if [ "$round" = 1 ]; then
      echo "certificates (spred4j's measure, Certificates.of):"
      coefs="$dir/coef_spred4j_$fam.csv"; for th in $threshes; do coefs="$coefs $dir/coef_glmnet_${fam}_$th.txt"; done
      java -Xmx"$xmx" -cp "$jar:$cls" Gap "$x" "$dir/$y" $model "$lam" $coefs $sk
    fi
  done
done
