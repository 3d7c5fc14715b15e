# glmnet side of the solver benchmark (called by io.github.spred4j.jmh.SolverBench; not meant to be run alone).
#   Rscript --vanilla glmnet-time.R DIR n p family MODE THRESH repeats minBatchSeconds
# DIR holds X.f64 (row-major n*p), y.f64, single.f64 (lambdas fitted one call each, from zero) and path.f64 (one
# call with the whole decreasing sequence). glmnet runs with standardize=FALSE, intercept=TRUE, so its objective
# is spred4j's. MODE coefs: THRESH is a comma list; for each thresh index t writes coef_single_t.f64 and
# coef_path_t.f64 ((p+1) values per lambda: intercept, then beta). MODE time: THRESH is "single,path"; prints
# "single median min max" (wall), "single_cpu median min max" (user + sys) and the same for "path", in seconds
# per task, timed inside R after a warm-up
# (R's start-up and the data loading are excluded), each of `repeats` batches lasting >= minBatchSeconds.
suppressPackageStartupMessages(library(glmnet))
glmnet.control(fdev = 0, devmax = 1)   # never cut a user-supplied path short
a <- commandArgs(TRUE)
dir <- a[1]; n <- as.integer(a[2]); p <- as.integer(a[3]); family <- a[4]; mode <- a[5]
thresh <- as.numeric(strsplit(a[6], ",")[[1]]); repeats <- as.integer(a[7]); minsec <- as.numeric(a[8])
rd <- function(f) { con <- file(file.path(dir, f), "rb"); on.exit(close(con)); readBin(con, "double", n = 1e9, size = 8, endian = "little") }
X <- matrix(rd("X.f64"), nrow = n, ncol = p, byrow = TRUE)
y <- rd("y.f64"); single <- rd("single.f64"); path <- rd("path.f64")
fit <- function(lam, th) glmnet(X, y, family = family, lambda = lam, standardize = FALSE, intercept = TRUE,
                                thresh = th, maxit = 1e7)
coefs <- function(f) as.numeric(as.matrix(coef(f)))     # (p+1) x L, column-major: per lambda contiguous
wr <- function(v, name) { con <- file(file.path(dir, name), "wb"); writeBin(as.double(v), con, size = 8, endian = "little"); close(con) }
timeit <- function(task) {                           # wall (elapsed) and CPU (user + sys) seconds per task
  task()                                             # warm-up
  t0 <- proc.time()[[3]]; task(); first <- proc.time()[[3]] - t0
  reps <- max(1, ceiling(minsec / max(first, 1e-4)))
  ts <- numeric(repeats); cs <- numeric(repeats)
  for (b in seq_len(repeats)) {
    p0 <- proc.time()
    for (i in seq_len(reps)) task()
    p1 <- proc.time()
    ts[b] <- (p1[[3]] - p0[[3]]) / reps
    cs[b] <- (p1[[1]] + p1[[2]] - p0[[1]] - p0[[2]]) / reps
  }
  c(median(ts), min(ts), max(ts), median(cs), min(cs), max(cs))
}
if (mode == "coefs") {
  for (t in seq_along(thresh)) {
    wr(unlist(lapply(single, function(l) coefs(fit(l, thresh[t])))), sprintf("coef_single_%d.f64", t - 1))
    if (length(path) > 0) wr(coefs(fit(path, thresh[t])), sprintf("coef_path_%d.f64", t - 1))
  }
} else {
  s <- timeit(function() for (l in single) fit(l, thresh[1]))
  cat("single", s[1:3], "\n"); cat("single_cpu", s[4:6], "\n")
  if (length(path) > 0) { q <- timeit(function() fit(path, thresh[2])); cat("path", q[1:3], "\n"); cat("path_cpu", q[4:6], "\n") }
}
