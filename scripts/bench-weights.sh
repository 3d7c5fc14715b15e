#!/bin/bash
# Weighted logistic / Poisson paths: ours (WeightedBench, java, one thread) against glmnet with the same weights and
# lambda, interleaved rounds, CPU time (user+sys in R, thread CPU in Java). Needs target/classes and test-classes.
#   scripts/bench-weights.sh OUTDIR [rounds] [reps]
set -e
out=${1:-/tmp/bench-weights}; rounds=${2:-2}; reps=${3:-5}
data=${SPRED4J_DATA:-../shared/data/datasets}
cp=target/test-classes:target/classes
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
mkdir -p "$out"
uptime
for r in $(seq "$rounds"); do
  for sm in "breast_cancer LOGISTIC binomial" "quine POISSON poisson"; do
    set -- $sm
    java -XX:ActiveProcessorCount=1 -cp "$cp" io.github.spred4j.solver.WeightedBench "$data" "$1" "$2" "$out" "$reps"
    Rscript -e '
      a <- commandArgs(TRUE); m <- suppressWarnings(readLines(file.path(a[1], paste0(a[2], ".json"))))
      n <- as.integer(sub(".*: *([0-9]+).*", "\\1", grep("\"n\"", m, value = TRUE)[1]))
      p <- as.integer(sub(".*: *([0-9]+).*", "\\1", grep("\"p\"", m, value = TRUE)[1]))
      x <- matrix(readBin(file.path(a[1], paste0(a[2], ".X.f64")), "double", n * p, endian = "little"), n, p, byrow = TRUE)
      y <- readBin(file.path(a[1], paste0(a[2], ".y.f64")), "double", n, endian = "little")
      w <- as.numeric(readLines(file.path(a[3], paste0(a[2], ".weights.txt"))))
      lam <- as.numeric(readLines(file.path(a[3], paste0(a[2], ".lambda.txt"))))
      suppressMessages(library(glmnet))
      for (r in seq_len(as.integer(a[5]))) {
        t <- system.time(f <- glmnet(x, y, family = a[4], weights = w, lambda = lam, standardize = TRUE))
        cat(sprintf("glmnet %s rep %d cpu %.4f s wall %.4f s\n", a[2], r - 1, t[["user.self"]] + t[["sys.self"]], t[["elapsed"]]))
      }' "$data" "$1" "$out" "$3" "$reps"
  done
done
uptime
