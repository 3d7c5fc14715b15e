# glmnet side of the sparse benchmark: Rscript --vanilla glmnet_fit.R DIR squared|binomial RATIO THRESH [REPEATS [COEF_OUT]]
# Loads DIR/x.mtx (or DIR/csc_*.bin) as a dgCMatrix (not timed), fits glmnet at RATIO * lambda_max (one lambda,
# standardize=FALSE, intercept=TRUE: spred4j's objective), prints the fit seconds and writes
# DIR/coef_glmnet_FAMILY.txt (intercept, then beta).
suppressPackageStartupMessages({library(Matrix); library(glmnet)})
a <- commandArgs(TRUE)
dir <- a[1]; fam <- a[2]; ratio <- as.numeric(a[3]); th <- as.numeric(a[4])
if (file.exists(file.path(dir, "csc_p.bin"))) { # news20-shaped: the CSC arrays as raw binaries (readMM is minutes)
  dims <- scan(file.path(dir, "shape.txt"), quiet = TRUE)
  rd <- function(f, what, size, n) readBin(file.path(dir, f), what, n = n, size = size, endian = "little")
  X <- new("dgCMatrix", Dim = as.integer(dims[1:2]), p = rd("csc_p.bin", "integer", 4, dims[2] + 1),
           i = rd("csc_i.bin", "integer", 4, dims[3]), x = rd("csc_x.bin", "double", 8, dims[3]))
} else X <- as(readMM(file.path(dir, "x.mtx")), "CsparseMatrix")
lams <- scan(file.path(dir, "lambdas.txt"), quiet = TRUE)
if (fam == "squared") { y <- scan(file.path(dir, "y_sq.txt"), quiet = TRUE); lam <- ratio * lams[1]; family <- "gaussian"
} else { y <- scan(file.path(dir, "y_bin.txt"), quiet = TRUE); lam <- ratio * lams[2]; family <- "binomial" }
reps <- if (length(a) > 4) as.integer(a[5]) else 1
for (r in seq_len(reps)) { # repeats in one process: the first call pays R's lazy loading, the rest are warm
  t0 <- proc.time()
  f <- glmnet(X, y, family = family, lambda = lam, standardize = FALSE, intercept = TRUE, thresh = th, maxit = 1e7)
  d <- proc.time() - t0
  t <- d[[3]]
  cat(sprintf("glmnet %s thresh=%g run %d: wall %.3f s, cpu %.3f s\n", fam, th, r, d[[3]], d[[1]] + d[[2]]))
}
cf <- as.numeric(as.matrix(coef(f)))
writeLines(sprintf("%.17g", cf), if (length(a) > 5) a[6] else file.path(dir, paste0("coef_glmnet_", fam, ".txt")))
cat(sprintf("glmnet %s lambda=%.6g fit_seconds=%.3f nnz=%d\n", fam, lam, t, sum(cf[-1] != 0)))
